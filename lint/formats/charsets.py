"""Which encoding a text file that is not UTF-8 is in.

A byte-order mark says so (UTF-16, UTF-32). Otherwise charset-normalizer
weighs the candidates; of those it finds plausible, Windows-1252 wins when
it is one (it is what Western newsroom systems and Word's "plain text"
wrote for decades, and its cousins cp1250 and Latin-1 read the same bytes
almost alike), else its best guess. Imported only for files that are not
UTF-8.
"""

from __future__ import annotations

import codecs

# Each mark names its byte order too: "utf-16" would write a fixed file back
# in the machine's order, not the file's.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# Names for people, by the codec's own name (codecs.lookup(...).name).
_NAMES = {"cp1252": "Windows-1252", "iso8859-1": "Latin-1 (ISO 8859-1)", "iso8859-15": "Latin-9 (ISO 8859-15)",
          "utf-16": "UTF-16", "utf-16-le": "UTF-16 (little-endian)", "utf-16-be": "UTF-16 (big-endian)",
          "utf-32": "UTF-32", "utf-32-le": "UTF-32 (little-endian)", "utf-32-be": "UTF-32 (big-endian)",
          "cp1250": "Windows-1250", "cp1251": "Windows-1251",
          "mac-roman": "Mac Roman", "cp932": "Shift JIS (cp932)", "shift_jis": "Shift JIS"}


def by_bom(data: bytes) -> str | None:
    """The UTF-16 or UTF-32 codec a byte-order mark names, if any."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


def guess(data: bytes) -> str | None:
    """The codec the bytes most likely are in, or None when none fits."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    # A match stands for every codec that reads the bytes alike.
    if any("cp1252" in m.could_be_from_charset for m in matches):
        return "cp1252"
    return matches[0].encoding


def label(codec: str) -> str:
    """A name for people: "Windows-1252"."""
    normal = codecs.lookup(codec).name
    return _NAMES.get(normal, normal)
