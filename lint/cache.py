"""A content-hash cache of check results (.copydesk_cache/), so a pre-commit
run over an unchanged tree re-reads files but lints none of them.

The key covers the file's bytes, its format, the effective settings, the
enabled rules, and a fingerprint of copydesk itself (version plus the size
and mtime of its code and rule packs), so editing a rule invalidates it.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from . import __version__
from .datacache import write_quietly
from .model import Applicability, Diagnostic, Edit, Fix, Severity

CACHE_DIR = ".copydesk_cache"


@lru_cache(maxsize=1)
def fingerprint() -> str:
    package = Path(__file__).resolve().parent
    from .packs import rules_dir

    parts = [__version__]
    for folder, pattern in ((package, "**/*.py"), (rules_dir(), "**/*.yml")):
        for path in sorted(folder.glob(pattern)):
            st = path.stat()
            parts.append(f"{path.name}:{st.st_size}:{st.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


# Text hashed this many characters at a time.
_CHUNK = 1 << 20


class Cache:
    """A cache folder committed as a symlink (or reaching out of the tree
    through one) is never used: writing there would write outside the
    repository."""

    def __init__(self, root: Path):
        self.root = root / CACHE_DIR
        self.usable = not self.root.is_symlink()

    @staticmethod
    def key(text: str, fmt: str | None, settings_repr: str, codes: list[str]) -> str:
        """The key of a text's findings under these settings and rules."""
        h = Cache.hasher(fmt, settings_repr, codes)
        for start in range(0, len(text), _CHUNK):  # encoded piece by piece: no second copy of a long text
            h.update(text[start : start + _CHUNK].encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    @staticmethod
    def hasher(fmt: str | None, settings_repr: str, codes: list[str]):
        """key()'s hash before the text: fed a file's UTF-8 bytes as they
        are read (without a byte-order mark), it gives the same key."""
        h = hashlib.sha256()
        for part in (fingerprint(), fmt or "", settings_repr, ",".join(codes)):
            h.update(part.encode())
            h.update(b"\0")
        return h

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> list[Diagnostic] | None:
        if not self.usable:
            return None
        try:
            records = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        try:
            return [_from_record(r) for r in records]
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, key: str, diagnostics: list[Diagnostic]) -> None:
        if not self.usable:
            return
        path = self._path(key)
        try:
            path.parent.parent.mkdir(parents=True, exist_ok=True)
            self._mark_root()
        except OSError:
            return  # a cache that cannot be written only costs speed
        # Atomic: parallel runs never see half a file.
        write_quietly(path, json.dumps([_to_record(d) for d in diagnostics]).encode("utf-8"))

    def _mark_root(self) -> None:
        ignore = self.root / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Created by copydesk\n*\n", encoding="utf-8")
            (self.root / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n", encoding="utf-8")


def _to_record(d: Diagnostic) -> dict:
    fix = None
    if d.fix is not None:
        fix = [d.fix.applicability.value, [[e.start, e.end, e.replacement] for e in d.fix.edits]]
    return {"c": d.code, "n": d.name, "s": d.severity.value, "a": d.start, "b": d.end, "m": d.message, "f": fix}


def _from_record(r: dict) -> Diagnostic:
    fix = None
    if r["f"] is not None:
        applicability, edits = r["f"]
        fix = Fix(tuple(Edit(*e) for e in edits), Applicability(applicability))
    return Diagnostic(r["c"], r["n"], Severity(r["s"]), r["a"], r["b"], r["m"], fix)
