"""A boilerplate rule's phrases, kept by first word.

Expanded, the built-in packs hold some 25,000 phrases, and turning them all
into sets was a twentieth of a cold start. A PhraseBook keeps each first
word's phrases as one string (so the pack cache holds a few hundred strings,
not 25,000) and makes a set only for the words a text looks up.
"""

from __future__ import annotations

from typing import Iterable, Iterator


class PhraseBook:
    """A set of normalised phrases (words separated by single spaces)."""

    def __init__(self, runs: dict[str, str]):
        self.runs = runs  # first word -> its phrases, one per line
        self._sets: dict[str, frozenset[str]] = {}

    @classmethod
    def of(cls, phrases: Iterable[str]) -> PhraseBook:
        by_word: dict[str, list[str]] = {}
        for phrase in phrases:
            by_word.setdefault(phrase.split(" ", 1)[0], []).append(phrase)
        return cls({word: "\n".join(sorted(group)) for word, group in by_word.items()})

    def __contains__(self, phrase: str) -> bool:
        word = phrase.split(" ", 1)[0]
        found = self._sets.get(word)
        if found is None:
            run = self.runs.get(word)
            if run is None:
                return False
            found = self._sets[word] = frozenset(run.split("\n"))
        return phrase in found

    def __iter__(self) -> Iterator[str]:
        for run in self.runs.values():
            yield from run.split("\n")

    def __len__(self) -> int:
        return sum(run.count("\n") + 1 for run in self.runs.values())
