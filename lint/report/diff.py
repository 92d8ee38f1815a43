"""`fix --diff`: the changes as a unified diff that `patch` and `git apply` take."""

from __future__ import annotations


def unified(old: bytes, new: bytes, path: str) -> bytes:
    """A unified diff of `path` from `old` to `new`, the file's bytes (in
    its own encoding, which the patch must match byte for byte), cut into
    lines at line feeds only, as `patch` and `git apply` cut them. A last
    line without a line break is marked as diff marks it, so the patch
    keeps the file's end."""
    import difflib  # here: only --diff needs it, and every start would pay for it

    name = path.encode("utf-8", "surrogateescape")
    out = []
    for line in difflib.diff_bytes(difflib.unified_diff, _lines(old), _lines(new), b"a/" + name, b"b/" + name):
        out.append(line)
        if not line.endswith(b"\n"):
            out.append(b"\n\\ No newline at end of file\n")
    return b"".join(out)


def _lines(data: bytes) -> list[bytes]:
    lines = data.split(b"\n")
    return [line + b"\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
