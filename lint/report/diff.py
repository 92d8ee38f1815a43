"""`fix --diff`: the changes as a unified diff that `patch` and `git apply` take."""

from __future__ import annotations


def unified(old: str, new: str, path: str) -> str:
    """A unified diff of `path` from `old` to `new`. A last line without a
    line break is marked as diff marks it, so the patch keeps the file's end."""
    import difflib  # here: only --diff needs it, and every start would pay for it

    out = []
    for line in difflib.unified_diff(old.splitlines(True), new.splitlines(True), f"a/{path}", f"b/{path}"):
        out.append(line)
        if not line.endswith("\n"):
            out.append("\n\\ No newline at end of file\n")
    return "".join(out)
