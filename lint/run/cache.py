"""A content-hash cache of check results (.copydesk_cache/), so a pre-commit
run over an unchanged tree re-reads files but lints none of them.

The key covers the file's bytes, its format, the effective settings, the
enabled rules, and a fingerprint of copydesk itself (version plus the size
and mtime of its code and rule packs), so editing a rule invalidates it.
In a run that checks BOIL018 the settings hold the run's counts of shared
lines, whose repr is a fingerprint of them (lint/core/recurring.py): a
result made with other counts is not reused. Other runs' keys hold none.

Entries live in 256 shard files by the key's first two hex digits
(.copydesk_cache/v2/<xx>.jsonl, a line "<key> <findings as JSON>" each,
the last line for a key winning). A process keeps what it finds new and
appends it at the end of its run, one write per shard, so the first run
over a tree costs a few hundred small writes, not a file per article; a
lookup reads its shard once. Appends by parallel runs do not mix (each is
one write to a file opened for appending), a line cut short is skipped,
and a shard past SHARD_LIMIT keeps only its newest half.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path

from .. import __version__
from ..core.model import Applicability, Diagnostic, Edit, Fix, Severity
from ..speed.datacache import write_quietly

try:  # CPython's own SHA-256, the same digest: importing hashlib loads OpenSSL, 3% of a cold start
    from _sha2 import sha256  # Python 3.12 on
except ImportError:
    try:
        from _sha256 import sha256
    except ImportError:  # a Python built without them
        from hashlib import sha256

CACHE_DIR = ".copydesk_cache"
_VERSION = "v2"  # the layout of the folder's content
SHARD_LIMIT = 4 << 20  # bytes


@lru_cache(maxsize=1)
def fingerprint() -> str:
    from ..packs.pack import rules_dir

    parts = [__version__]
    for folder, suffix in ((os.path.dirname(os.path.dirname(os.path.abspath(__file__))), ".py"),  # the lint package
                           (str(rules_dir()), ".yml")):
        for root, dirs, files in os.walk(folder):  # (os.walk: a third of what Path.glob costs a start)
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith(suffix):
                    st = os.stat(os.path.join(root, name))
                    parts.append(f"{name}:{st.st_size}:{st.st_mtime_ns}")
    return sha256("\n".join(parts).encode()).hexdigest()[:16]


# Text hashed this many characters at a time.
_CHUNK = 1 << 20


class Cache:
    """A cache folder committed as a symlink (or reaching out of the tree
    through one) is never used: writing there would write outside the
    repository."""

    def __init__(self, root: Path):
        self.root = os.path.join(root, CACHE_DIR)
        self.usable = not os.path.islink(self.root)
        self.shards: dict[str, dict[str, str]] = {}
        self.pending: dict[str, list[str]] = {}

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
        h = sha256()
        for part in (fingerprint(), fmt or "", settings_repr, ",".join(codes)):
            h.update(part.encode())
            h.update(b"\0")
        return h

    def get(self, key: str) -> list[Diagnostic] | None:
        if not self.usable:
            return None
        line = self._shard(key[:2]).get(key)
        if line is None:
            return None
        try:
            return [_from_record(r) for r in json.loads(line)]
        except (KeyError, TypeError, ValueError):
            return None

    def put(self, key: str, diagnostics: list[Diagnostic]) -> None:
        if self.usable:
            line = json.dumps([_to_record(d) for d in diagnostics])
            self.pending.setdefault(key[:2], []).append(f"{key} {line}\n")
            self._shard(key[:2])[key] = line

    def flush(self) -> None:
        """Append the entries this process made to their shards."""
        pending, self.pending = self.pending, {}
        if not pending or not self.usable:
            return
        folder = os.path.join(self.root, _VERSION)
        try:
            os.makedirs(folder, exist_ok=True)
            self._mark_root()
        except OSError:
            return  # a cache that cannot be written only costs speed
        for shard, lines in pending.items():
            path = os.path.join(folder, f"{shard}.jsonl")
            try:
                fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
                try:
                    os.write(fd, "".join(lines).encode("utf-8"))  # one write: parallel appends do not mix
                    size = os.fstat(fd).st_size
                finally:
                    os.close(fd)
                if size > SHARD_LIMIT:
                    self._halve(path)
            except OSError:
                continue

    def _shard(self, shard: str) -> dict[str, str]:
        """A shard's entries, key -> findings as JSON, read once."""
        entries = self.shards.get(shard)
        if entries is None:
            entries = self.shards[shard] = {}
            try:
                with open(os.path.join(self.root, _VERSION, f"{shard}.jsonl"), "rb") as handle:
                    data = handle.read().decode("utf-8", "replace")
            except OSError:
                return entries
            for line in data.splitlines():
                if len(line) > 66 and line[64] == " ":
                    entries[line[:64]] = line[65:]
        return entries

    @staticmethod
    def _halve(path: str) -> None:
        """Keep the newer half of a shard that grew past SHARD_LIMIT."""
        with open(path, "rb") as handle:
            data = handle.read()
        cut = data.find(b"\n", len(data) // 2) + 1
        if cut:
            write_quietly(Path(path), data[cut:])

    def _mark_root(self) -> None:
        ignore = os.path.join(self.root, ".gitignore")
        if not os.path.exists(ignore):
            with open(ignore, "w", encoding="utf-8") as handle:
                handle.write("# Created by copydesk\n*\n")
            with open(os.path.join(self.root, "CACHEDIR.TAG"), "w", encoding="utf-8") as handle:
                handle.write("Signature: 8a477f597d28d172789f06886806bc55\n")


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
