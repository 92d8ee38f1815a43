"""Lines a run's files share: a site's template.

In a run over many files (a site's archive, a JSON Lines dump), a line that
recurs word for word in many articles ("% of readers think this story is
Fact. Add your two cents.", "Please adhere to our commenting policy") is
the site's template, not any article's copy. Finding it takes two passes: a
survey of every file's lines, then the check, which asks how many files
hold each of its lines (BOIL018, lint/checks/templates.py).

A line counts when it is a paragraph, caption or list item of four words or
more (shorter lines are headings and labels, which other rules judge), as
its words read with white space folded. It is counted once per file, by a
stable 64-bit hash, so surveys made in worker processes, or on a Dask
cluster, add up. Only lines that reach the threshold are kept for the
check: at least 5 files and 2% of the files of the run.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Iterable

MIN_FILES = 5
MIN_SHARE = 0.02
_KINDS = frozenset({"paragraph", "caption", "list"})
_MIN_WORDS, _MAX_CHARS = 4, 600


_BLAKE2B = None


def _blake2b(data: bytes, digest_size: int):
    """hashlib.blake2b, imported when first needed (hashlib loads OpenSSL,
    a hundredth of a cold start, and most runs count no lines) and kept:
    a survey hashes every candidate line."""
    global _BLAKE2B
    if _BLAKE2B is None:
        from hashlib import blake2b as _BLAKE2B
    return _BLAKE2B(data, digest_size=digest_size)


def line_key(text: str) -> int | None:
    """The hash a block's text is counted under, or None when it is not a
    candidate line."""
    words = text.split()
    if len(words) < _MIN_WORDS:
        return None
    folded = " ".join(words)
    if len(folded) > _MAX_CHARS:
        return None
    digest = _blake2b(folded.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little")


def candidates(doc) -> Iterable[tuple[int, object]]:
    """(hash, block) for each candidate line of a document."""
    for block in doc.blocks:
        if block.kind in _KINDS and block.prose:
            key = line_key(block.text)
            if key is not None:
                yield key, block


def survey(doc) -> frozenset[int]:
    """The candidate lines of one document, each once."""
    return frozenset(key for key, _ in candidates(doc))


def tally(surveys: Iterable[frozenset[int]]) -> tuple[Counter, int]:
    """(how many surveys hold each line, how many surveys): the counts
    before the threshold, which Dask adds up across partitions."""
    counts: Counter = Counter()
    n = 0
    for keys in surveys:
        counts.update(keys)
        n += 1
    return counts, n


class Recurring:
    """How many of a run's files hold each line that recurs often enough.
    `unit` names what was counted: "files", or "records" of JSON Lines."""

    def __init__(self, counts: dict[int, int], files: int, unit: str = "files"):
        self.files = files
        self.unit = unit
        self.threshold = max(MIN_FILES, math.ceil(MIN_SHARE * files))
        self.counts = {key: n for key, n in counts.items() if n >= self.threshold}
        self._fingerprint: str | None = None

    @classmethod
    def from_surveys(cls, surveys: Iterable[frozenset[int]], unit: str = "files") -> "Recurring":
        return cls(*tally(surveys), unit=unit)

    def __bool__(self) -> bool:
        return bool(self.counts)

    # A run's counts stand in its Settings: the result cache's key reads
    # them through repr(), and a copy unpickled in a worker equals them.
    def fingerprint(self) -> str:
        if self._fingerprint is None:
            h = _blake2b(f"{self.files} {self.unit}".encode(), digest_size=8)
            for key, n in sorted(self.counts.items()):
                h.update(f" {key}:{n}".encode())
            self._fingerprint = h.hexdigest()
        return self._fingerprint

    def __repr__(self) -> str:
        return f"Recurring(files={self.files}, lines={len(self.counts)}, {self.fingerprint()})"

    def __eq__(self, other) -> bool:
        return isinstance(other, Recurring) and self.fingerprint() == other.fingerprint()

    def __hash__(self) -> int:
        return hash(self.fingerprint())

    def files_holding(self, key: int) -> int:
        return self.counts.get(key, 0)
