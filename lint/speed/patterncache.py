"""Compiled `regex` patterns, kept between runs the way Python keeps bytecode.

The `regex` parser and compiler are Python code, and compiling the patterns
an article reaches was a quarter of a cold start. `regex` pickles a pattern
as its compiled program, not its source (plain data that `_regex.compile`
takes back), and loading one back is about fifty times faster than
compiling it. So the programs are kept in one file
beside the package's bytecode, lint/speed/__pycache__/patterns.<tag>.marshal,
keyed by pattern, flags and a checksum of the named lists; a pattern read
back is used only if its named lists are the ones asked for.

Where Python writes no bytecode (PYTHONDONTWRITEBYTECODE) or the package
cannot be written, the file goes to the per-user cache folder instead
(datacache.per_user). A cache that cannot be read or written is simply not
used. A process writes the file once, at exit (a pool worker, after each
batch), and only if it compiled something new.
"""

from __future__ import annotations

import atexit
import copyreg
import marshal
import re
import sys
import zlib
from pathlib import Path

import _sre

try:  # re's parser and compiler, whose program compile_re keeps
    from re import _compiler as _re_compiler
    from re import _parser as _re_parser
except ImportError:  # Python 3.10
    import sre_compile as _re_compiler
    import sre_parse as _re_parser

from .datacache import per_user, write_per_user, write_quietly
from .lazyregex import engine, engine_tag, regex

# A program belongs to one build of regex's engine, and marshal's format to one Python.
PATH = Path(__file__).parent / "__pycache__" / f"patterns.{sys.implementation.cache_tag}-regex-{engine_tag()}.marshal"
# Bytes kept. When a write would go over, the patterns this process did not use go first.
LIMIT = 8 << 20

Key = tuple[str, int, tuple[tuple[str, int, int], ...]]
# Marks an `re` program in a key (where a `regex` pattern's named lists go):
# the program's format is that of this _sre.
_RE_MARK = (("re", getattr(_sre, "MAGIC", 0), 0),) if getattr(_sre, "MAGIC", 0) else ()


def compile(pattern: str, flags: int = 0, **lists) -> regex.Pattern:
    """`regex.compile(pattern, flags, **lists)`, with case folded one
    character for one (simple_folding), and read from the cache when an
    earlier run compiled the same pattern."""
    pattern = simple_folding(pattern, flags)
    key = (pattern, int(flags), _checksum(lists))
    blob = _STORE.get(key)
    if blob is not None:
        try:  # (regex's engine alone: its compiler is not even imported)
            compiled = engine().compile(*marshal.loads(blob))
            if compiled.named_lists == {name: frozenset(values) for name, values in lists.items()}:
                return compiled
        except Exception:  # noqa: BLE001  (a damaged entry is compiled again)
            pass
    compiled = regex.compile(pattern, flags, **lists)
    rebuild, program = copyreg.dispatch_table[type(compiled)](compiled)  # what regex would pickle
    if rebuild is engine().compile:
        _STORE.put(key, marshal.dumps(program))
    return compiled


def compile_re(pattern, flags: int = 0) -> re.Pattern:
    """`re.compile(pattern, flags)`, its compiled program read from the
    cache when an earlier run compiled the same pattern. `re` cannot pickle
    a program, but CPython builds a pattern from one (_sre.compile, as
    re.compile does last), so the cache keeps the program and the group
    names; parsing and compiling the patterns a start reaches cost a tenth
    of it. Where this Python lays re out otherwise, it is re.compile."""
    flags = int(flags)
    key = (pattern, flags, _RE_MARK)
    if _NO_POSSESSIVES and ("+" if isinstance(pattern, str) else b"+") in pattern:
        pattern = without_possessives(pattern)
    blob = _STORE.get(key) if _RE_MARK else None
    if blob is not None:
        try:
            return _sre.compile(pattern, *marshal.loads(blob))
        except Exception:  # noqa: BLE001  (a damaged entry is compiled again)
            pass
    try:
        parsed = _re_parser.parse(pattern, flags)
        code = [int(op) for op in _re_compiler._code(parsed, flags)]  # opcodes are named ints
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, i in groupindex.items():
            indexgroup[i] = name
        args = (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
        compiled = _sre.compile(pattern, *args)
    except (AttributeError, TypeError):  # another layout of re's internals
        return re.compile(pattern, flags)
    if _RE_MARK:
        _STORE.put(key, marshal.dumps(args))
    return compiled


# Python 3.10's `re` has no possessive quantifiers ("x++", "x*+"). copydesk's
# `re` patterns use them for speed alone: what follows each is something
# the quantified item cannot match, so giving characters back would never
# find another match (tests/test_patterncache.py holds every such pattern
# to that). There they are read as greedy quantifiers.
_NO_POSSESSIVES = sys.version_info < (3, 11)
_REPEAT_END = r"\{(?:\d+,?\d*|,\d+)\}$"  # "{2,3}" (compiled when first asked, by re's own cache)


def without_possessives(pattern):
    """`pattern` (str or bytes) with each possessive quantifier made greedy:
    the "+" after `*`, `+`, `?` or `{m,n}` dropped; escapes and character
    classes left as they are."""
    text = pattern.decode("latin-1") if isinstance(pattern, bytes) else pattern
    out: list[str] = []
    i, end, in_class = 0, len(text), False
    while i < end:
        char = text[i]
        if char == "\\":
            out.append(text[i : i + 2])
            i += 2
            continue
        out.append(char)
        i += 1
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            for literal in "^]":  # "[^]...]" and "[]...]": the "]" is a member
                if text[i : i + 1] == literal:
                    out.append(literal)
                    i += 1
        elif text[i : i + 1] == "+" and (char in "*+?" and out[-2:-1] != ["("]  # not "(?"
                                        or char == "}" and re.search(_REPEAT_END, "".join(out[-12:]))):
            i += 1  # the possessive mark
    found = "".join(out)
    return found.encode("latin-1") if isinstance(pattern, bytes) else found


def simple_folding(pattern, flags: int):
    """`pattern`, to compile with `regex` and `flags`, folding case one
    character for one. Ignoring case, `regex`'s version 1 folds it fully
    ("ß" matches "ss"), which changes nothing for English copy and makes
    compiling three to four times slower."""
    if isinstance(pattern, str) and flags & regex.IGNORECASE and flags & regex.V1:
        return "(?-f)" + pattern
    return pattern


def _checksum(lists: dict) -> tuple[tuple[str, int, int], ...]:
    """Each named list's name, size and an order-blind checksum: lists built
    from sets come in a different order in each process."""
    return tuple((name, len(values), sum(zlib.crc32(str(v).encode()) for v in values) & 0xFFFFFFFF)
                 for name, values in sorted(lists.items()))


class Store:
    """The cache file's entries, read on first use; what this process
    compiled anew is added when it saves."""

    def __init__(self, path: Path, elsewhere: Path | None = None):
        self.path = path
        self.elsewhere = elsewhere  # where the file goes when it cannot go at `path`
        self.saved: dict[Key, bytes] | None = None
        self.new: dict[Key, bytes] = {}
        self.used: set[Key] = set()

    def get(self, key: Key) -> bytes | None:
        if self.saved is None:
            self.saved = self._read()
        self.used.add(key)
        return self.saved.get(key)

    def put(self, key: Key, blob: bytes) -> None:
        self.new[key] = blob

    def save(self) -> None:
        if not self.new or (sys.dont_write_bytecode and self.elsewhere is None):
            return
        saved = self._read()  # as another process may have left it
        entries = {key: saved[key] for key in self.used if key in saved}
        entries.update(self.new)
        size = sum(map(len, entries.values()))
        for key, blob in saved.items():
            if key not in entries and size + len(blob) <= LIMIT:
                entries[key] = blob
                size += len(blob)
        payload = marshal.dumps(entries)
        if sys.dont_write_bytecode or not write_quietly(self.path, payload):
            if self.elsewhere is not None:
                write_per_user(self.elsewhere, payload)
        self.saved, self.new = entries, {}

    def _read(self) -> dict[Key, bytes]:
        """The entries of the file beside the package and of the one elsewhere."""
        found: dict[Key, bytes] = {}
        for path in (self.elsewhere, self.path):
            try:
                entries = marshal.loads(path.read_bytes())
            except (OSError, EOFError, ValueError, TypeError, AttributeError):
                continue
            if isinstance(entries, dict):
                found.update(entries)
        return found


_STORE = Store(PATH, per_user(PATH, PATH.name))


def save() -> None:
    """Write the patterns this process compiled anew (if any) to the cache."""
    _STORE.save()


atexit.register(save)
