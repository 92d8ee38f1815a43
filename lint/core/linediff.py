"""What a diff of two versions of a text matches lines by.

Copy holds hundreds of equal blank lines (one between each two
paragraphs): matched as they are, a diff (difflib's SequenceMatcher)
pairs each with each and takes minutes on a long article. A blank line is
matched instead by itself and the line above it, which fixes seldom both
change: as cheap to match as the text lines around it.
"""

from __future__ import annotations


def keyed(lines: list[str]) -> list:
    """The keys to match `lines` by (equal keys, equal lines)."""
    keys: list = []
    above, run = "", 0
    for line in lines:
        if line.strip():
            keys.append(line)
            above, run = line, 0
        else:
            keys.append((line, above, run))
            run += 1
    return keys
