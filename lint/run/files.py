"""Reading, finding and atomically rewriting article files."""

from __future__ import annotations

import codecs
import os
import re
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator, NamedTuple

from ..core import atomic
from ..formats import format_for
from ..formats.charsets import by_bom, guess, label
from .ignores import SKIPPED_FOLDERS, Walk

BOM = "\ufeff"
_SNIFF = 8192


class InputError(Exception):
    """A file that cannot be read or written; str() is the one-line reason."""


class SourceFile(NamedTuple):
    path: str
    text: str  # decoded, without the BOM
    bom: bool
    encoding: str = "utf-8"  # the codec the bytes were in
    labels: tuple[str, ...] | None = None  # where each line is, for files whose lines are paragraphs (Word)
    kinds: tuple[str, ...] | None = None  # and what each is by its style (a table cell, a caption, a heading)
    stamp: tuple[int, int] | None = None  # (mtime in ns, size) when read: a file changed since is not overwritten

    def encode(self, text: str, utf8: bool = False) -> bytes:
        """The bytes of `text` in the file's own encoding (UTF-8 when
        `utf8`, or when it was UTF-8 already)."""
        if utf8 or self.encoding == "utf-8":
            return ((BOM if self.bom and self.encoding == "utf-8" else "") + text).encode("utf-8")
        try:
            return ((BOM if self.bom else "") + text).encode(self.encoding)  # (a UTF-16 mark in its byte order)
        except UnicodeEncodeError as exc:
            ch = exc.object[exc.start]
            raise InputError(f"not written: {label(self.encoding)} cannot hold {ch!r} (U+{ord(ch):04X}) "
                             "that a fix wrote; fix with --encoding-fix to write UTF-8") from None


def decode(data: bytes, path: str, encoding: str | None = None) -> SourceFile:
    """The text of a file's bytes: UTF-8, else the encoding a byte-order
    mark names, else the one charset.py finds (or `encoding`, when given).
    A stray NUL in prose is a control character (ENC004 reports it); bytes
    that do not decode and hold NULs, or text with more than two NULs that
    are over one in a hundred of its characters (UTF-16 without its mark, a
    database dump), are not text."""
    codec = encoding or by_bom(data)
    if codec is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            if b"\x00" in data[:_SNIFF]:
                raise InputError(_binary(data)) from None
            # UTF-8 with a bad byte or two is damaged UTF-8, not another
            # encoding: read as Windows-1252, its good characters would turn
            # to mojibake.
            codec = None if _UTF8_SEQUENCE.search(data) else guess(data)
            if codec is None:
                line = data.count(b"\n", 0, exc.start) + 1
                raise InputError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}, "
                                 f"line {line})") from None
    family = codec and _unordered(codec)
    if family:
        # "utf-16" names no byte order: the file's mark does (and is kept),
        # else little-endian, as unmarked UTF-16 mostly is (written without a mark).
        marked = by_bom(data)
        codec = marked if marked and marked.startswith(family) else family + "-le"
    if codec is not None:
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError) as exc:
            raise InputError(f"not valid {label(codec) if isinstance(exc, UnicodeDecodeError) else codec}: {exc}") from None
    nuls = text.count("\x00") if "\x00" in text else 0
    if nuls > 2 and nuls * 100 > len(text):
        raise InputError(_binary(data))
    bom = text.startswith(BOM)
    return SourceFile(path, text[1:] if bom else text, bom, codecs.lookup(codec).name if codec else "utf-8")


def _unordered(codec: str) -> str | None:
    """"utf-16" or "utf-32" when `codec` is one of them without a byte order."""
    try:
        name = codecs.lookup(codec).name
    except LookupError:
        return None
    return name if name in ("utf-16", "utf-32") else None


# A character of two or more bytes, as UTF-8 writes one.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _binary(data: bytes) -> str:
    if data.startswith(b"PK\x03\x04"):
        return "binary file (a ZIP archive, as Word files are; copydesk reads Word files named .docx)"
    codec = _unmarked_utf16(data[:_SNIFF])
    if codec is not None:
        return (f"binary file, or UTF-16 text without a byte-order mark (every other byte is NUL): "
                f"if it is text, run with --encoding {codec}")
    return "binary file (contains NUL bytes)"


def _unmarked_utf16(head: bytes) -> str | None:
    """The UTF-16 codec whose text of Latin letters `head` looks like: the
    high byte of nearly every pair NUL, and almost no NUL character. Only
    named in the error, never assumed: binary data can look so too."""
    pairs = len(head) // 2
    for codec, high in (("utf-16-le", 1), ("utf-16-be", 0)):
        if pairs >= 4 and head[high : 2 * pairs : 2].count(0) >= 0.9 * pairs \
                and head[1 - high : 2 * pairs : 2].count(0) <= 0.01 * pairs:
            return codec
    return None


def read(path: str, encoding: str | None = None) -> SourceFile:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
            st = os.fstat(handle.fileno())
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    return decode(data, path, encoding)._replace(stamp=(st.st_mtime_ns, st.st_size))


def write_atomic(path: str, data: bytes, stamp: tuple[int, int] | None = None) -> None:
    """Replace the file's content at once (see replacing)."""
    with replacing(path, stamp) as handle:
        handle.write(data)


@contextmanager
def replacing(path: str, stamp: tuple[int, int] | None = None) -> Iterator[IO[bytes]]:
    """A binary handle whose bytes replace the file's when the block ends
    without an exception: they go to a temporary file beside it, which is
    then renamed over the original. On any failure the original is left as
    it was and the temporary file is removed.

    - A symlink is followed, so the link stays a link.
    - The permission bits are kept, and the owner and group where the
      system lets us (root may; others own their files anyway).
    - A file with other hard links is refused: a rename would cut it loose
      from them, and a write in place could be seen half done.
    - With `stamp` ((mtime in ns, size) when the file was read), a file
      that has changed since (an editor saved it during a long run) is
      refused just before the rename, and keeps its new content."""
    target = os.path.realpath(path)
    try:
        st = os.stat(target)
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None
    mode = stat.S_IMODE(st.st_mode)
    # No write bit means the owner marked it read-only, even for root.
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(target, os.W_OK):
        raise InputError("read-only file, not fixed")
    if st.st_nlink > 1:
        raise InputError(f"has {st.st_nlink - 1} other hard link{'s' * (st.st_nlink > 2)}: "
                         "replacing it would break them; not fixed")

    def settle(new: str) -> None:
        """Just before the rename: the new file takes the old one's mode and
        owner, and the old one must not have changed since it was read."""
        os.chmod(new, mode)
        try:
            os.chown(new, st.st_uid, st.st_gid)
        except OSError:
            pass  # not ours to give away: the file becomes the writer's, as an editor's save would
        if stamp is not None:
            now = os.stat(target)
            if (now.st_mtime_ns, now.st_size) != stamp:
                raise InputError("changed while it was being fixed: not written (run fix again)")

    try:
        with atomic.replacing(target, durable=True, before=settle) as handle:
            yield handle
    except atomic.NotMade as exc:
        raise InputError(f"cannot write beside it: {exc.strerror or exc}") from None
    except OSError as exc:
        raise InputError(f"not written: {exc.strerror or exc}") from None


def discover(paths: list[str], excluded, respect_gitignore: bool = True) -> Iterator[tuple[str, str | None]]:
    """(path, None) for each file named on the command line and each
    supported file inside the folders named, or (path, why it cannot be
    checked). `excluded(path)` applies to both (pre-commit names files one
    by one); a folder is passed to it with a trailing separator. Inside a
    folder, folders that never hold copy (ignores.SKIPPED_FOLDERS, hidden
    ones) and, with `respect_gitignore`, what .gitignore, .ignore and
    .git/info/exclude list are left out; a path named is always searched.
    Missing paths are yielded so that reading them reports the error. In a
    folder, a symbolic link to a file outside it is not followed (name the
    file to check it), and a folder that cannot be read is reported, not
    skipped."""
    for raw in paths:
        if not _utf8(raw):
            yield raw, "the file name is not valid UTF-8: rename the file to check it"
            continue
        path = Path(raw)
        if not path.is_dir():
            if not excluded(raw):
                yield raw, None
            continue
        root = os.path.realpath(raw)
        found, problems = [], []

        def unreadable(exc: OSError) -> None:
            problems.append((exc.filename, f"folder not read: {exc.strerror or exc}"))

        walk = Walk(raw, respect_gitignore)
        for folder, dirs, files in os.walk(path, onerror=unreadable):
            rules = walk.enter(folder, dirs, files)
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIPPED_FOLDERS
                             and not rules.ignores(folder, d, True) and not excluded(os.path.join(folder, d, "")))
            walk.descend(folder, dirs, rules)
            for name in files:
                full = os.path.join(folder, name)
                if not format_for(name) or rules.ignores(folder, name, False) or excluded(full):
                    continue
                if not _utf8(full):
                    problems.append((full, "the file name is not valid UTF-8: rename the file to check it"))
                elif os.path.islink(full) and os.path.commonpath([root, os.path.realpath(full)]) != root:
                    problems.append((full, f"a link to a file outside {raw}: not followed (name the file to check it)"))
                elif not _regular(full):  # reading a named pipe would wait for a writer, and the run with it
                    problems.append((full, "not a regular file (a named pipe, socket or device): not read "
                                           "(name it to read it)"))
                else:
                    found.append((full, None))
        yield from sorted(found + problems)


def _regular(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True  # gone or unreadable: reading it reports why


def _utf8(path: str) -> bool:
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:  # bytes the file system decoding could not read
        return False
    return True
