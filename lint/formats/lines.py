"""Text whose lines are paragraphs already: a Word file's paragraphs, one a
line. Each non-empty line is one block, decided by nothing but the line
breaks; short lines at the top that do not end like a sentence are the
headlines, as in plain text. Where the lines' kinds are known (a Word
paragraph's style: a table cell, a caption, a heading, a list item, a
quotation), each block takes its line's."""

from __future__ import annotations

from ..core.document import Block
from ..core.linediff import keyed
from .plain import block_kind, is_headline


def parse(source: str, kinds: tuple[str, ...] | None = None) -> tuple[list[Block], list[tuple[int, int]]]:
    blocks: list[Block] = []
    leading, pos = True, 0
    for number, line in enumerate(source.split("\n")):
        text = line.strip()
        if text:
            leading = leading and is_headline(text)
            styled = kinds[number] if kinds is not None and number < len(kinds) else "paragraph"
            kind = styled if styled != "paragraph" else block_kind(text, leading)
            blocks.append(Block.literal(kind, pos + len(line) - len(line.lstrip()), text))
        pos += len(line) + 1
    return blocks, []


def kinds_after(kinds: tuple[str, ...], before: str, after: str) -> tuple[str, ...]:
    """The kinds of the lines of `after`, a pass of fixes over `before`
    (whose lines have `kinds`): fixes remove lines and edit inside them,
    never add or move one, so each line of `after` is matched to the line
    of `before` it comes from, as a diff matches them."""
    from difflib import SequenceMatcher  # here: only fixing a Word file needs it

    old, new = before.split("\n"), after.split("\n")
    kinds = tuple(kinds) + ("paragraph",) * (len(old) - len(kinds))
    found = ["paragraph"] * len(new)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, keyed(old), keyed(new), autojunk=False).get_opcodes():
        if tag == "equal":
            found[j1:j2] = kinds[i1:i2]
        elif tag == "replace":  # lines edited, some maybe gone: each takes the likeliest line left, in order
            i = i1
            for j in range(j1, j2):
                left = range(i, i2 - (j2 - j - 1))
                i = max(left, key=lambda k: SequenceMatcher(None, old[k], new[j]).ratio(), default=i)
                found[j] = kinds[i] if i < i2 else "paragraph"
                i += 1
    return tuple(found)
