"""JSON Lines batch mode, for archives, CMS exports and pipelines.

Each input line is a record {"id": ..., "text": "...", "format": "text"|"markdown"|"html"}
("format" is optional). The copy is in the field `field` names; by default
"text", else "content" or "body", whichever the record has.

- check: each output line is {"id": ..., "diagnostics": [...], "error": null},
  where every diagnostic follows the JSON contract of `copydesk check
  --format json` with the record's id as its path. A line that is not a
  valid record gives {"id": null or its id, "line": N, "diagnostics": [],
  "error": "..."}.
- fix: each output line is the input record with the copy's field fixed and
  every other byte as it was (the new value is spliced into the line, in the
  escaping style the line used); a line that cannot be fixed is written
  back unchanged, and its error reported.

A record is not a file: WS002 (a file's final line break) is not reported
on it. Records stream through in batches, so memory stays constant however
long the input is; with several workers each batch is spread over a
process pool, and results come out in input order.

A run that checks BOIL018 (a site's template) reads its records twice: a
survey counts the lines they share (survey(), each valid record counting
as a file, in the same batches and pool), then the check runs with the
counts (overrides["recurring"]). The caller opens the input twice
(`copydesk check --jsonl -` spools stdin to a temporary file for it).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from itertools import accumulate
from json.decoder import scanstring
from os.path import commonprefix
from pathlib import Path
from typing import IO, Iterable, Iterator, NamedTuple

from ..core.engine import RuleError
from ..core.model import Severity
from ..core.recurring import Recurring
from ..core.recurring import tally as tally_surveys
from ..formats import FORMATS
from ..report import FileResult, record
from . import config
from .config import Settings
from .linter import BATCH_CHARS, Linter
from .survey import survey_text, wanted

BATCH = 256
FIELDS = ("text", "content", "body")  # where a record's copy is, when no field is named
_NOT_FOR_RECORDS = ("WS002",)  # about a file's last line: a record is no file


class Options(NamedTuple):
    """What a batch run does: check or fix (safe fixes, or all), and where
    the copy is in a record (None: the first of FIELDS it has)."""

    fix: bool = False
    unsafe: bool = False
    field: str | None = None


def _copy_field(record_: dict, options: Options) -> str | None:
    if options.field is not None:
        return options.field
    return next((name for name in FIELDS if name in record_), FIELDS[0])


def check_records(records: list[dict], linter: Linter, options: Options = Options()) -> list[dict]:
    """The result record for each input record (a pure function of it);
    the valid ones are checked together."""
    results = [_invalid(r, options) for r in records]
    todo = [(i, r[_copy_field(r, options)], _path(r), r.get("format", "text"))
            for i, r in enumerate(records) if results[i] is None]
    for (i, text, path, _), found in zip(todo, linter.check_many([item[1:] for item in todo])):
        rid = records[i].get("id")
        if isinstance(found, RuleError):
            results[i] = {"id": rid, "diagnostics": [], "error": str(found)}
        else:
            result = FileResult(path, text, found)
            results[i] = {"id": rid, "diagnostics": [record(result, d) for d in found], "error": None}
    return results


def fix_record(line: str, record_: dict, linter: Linter, options: Options) -> dict:
    """{"line": the record fixed (or as it was), "diagnostics": what remains,
    "fixed": how many fixes, "error": why it could not be fixed}."""
    invalid = _invalid(record_, options)
    if invalid is not None:
        return {"line": line, "diagnostics": [], "fixed": 0, "error": invalid["error"]}
    name = _copy_field(record_, options)
    text, path = record_[name], _path(record_)
    try:
        result = linter.fix(text, path, record_.get("format", "text"), unsafe=options.unsafe)
    except RuleError as exc:
        return {"line": line, "diagnostics": [], "fixed": 0, "error": str(exc)}
    new_line = _spliced(line, name, result.text) if result.text != text else line
    diagnostics = [record(FileResult(path, result.text, result.remaining), d) for d in result.remaining]
    return {"line": new_line, "diagnostics": diagnostics, "fixed": len(result.applied), "error": None}


def _spliced(line: str, name: str, value: str) -> str:
    """`line` (one JSON object) with the value of its top-level key `name`
    replaced by the string `value`, every other character as it was: the
    value's characters before and after what changed keep their own
    escaping ("\\/", "\\u00e9"), and only the changed stretch is written
    anew, escaped as the rest of the value is (non-ASCII escaped or not)."""
    start, end = _value_span(line, name)
    raw = line[start:end]
    old = json.loads(raw)
    ascii_only = raw.isascii() and not old.isascii()  # it escaped what was not ASCII
    at = _char_starts(raw)
    head = len(commonprefix([old, value]))
    tail = len(commonprefix([old[head:][::-1], value[head:][::-1]]))
    escape = lambda text: json.dumps(text, ensure_ascii=ascii_only)[1:-1]  # noqa: E731
    kept = raw[at[head] : at[len(old) - tail]]
    if escape(old[head : len(old) - tail]) == kept:  # nothing between the changes is escaped its own way
        middle = escape(value[head : len(value) - tail])
    else:  # two changes or more with such escapes between them: those stay too
        middle = "".join(raw[at[head + a1] : at[head + a2]] if a1 is not None else escape(new)
                         for a1, a2, new in _stretches(old[head : len(old) - tail], value[head : len(value) - tail]))
    return line[:start] + raw[: at[head]] + middle + raw[at[len(old) - tail] :] + line[end:]


_TOKEN = re.compile(r"\w+|\W")


def _stretches(old: str, new: str) -> Iterator[tuple[int | None, int | None, str]]:
    """`new` as stretches: (a1, a2, "") where it holds old[a1:a2], (None,
    None, text) where it differs; matched word by word, as a diff does."""
    from difflib import SequenceMatcher  # here: only a record with changes far apart and odd escapes needs it

    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    a_at = [0, *accumulate(map(len, a))]
    b_at = [0, *accumulate(map(len, b))]
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b).get_opcodes():
        if tag == "equal":
            yield a_at[i1], a_at[i2], ""
        elif j2 > j1:
            yield None, None, new[b_at[j1] : b_at[j2]]


def _char_starts(raw: str) -> list[int]:
    """Where each character of the JSON string literal `raw` starts in it,
    and last where its closing quote does."""
    starts, i = [], 1
    while i < len(raw) - 1:
        starts.append(i)
        if raw[i] != "\\":
            i += 1
        elif raw[i + 1] != "u":
            i += 2
        elif 0xD800 <= int(raw[i + 2 : i + 6], 16) < 0xDC00 and raw[i + 6 : i + 8] == "\\u" \
                and 0xDC00 <= int(raw[i + 8 : i + 12], 16) < 0xE000:
            i += 12  # a surrogate pair: one character
        else:
            i += 6
    return starts + [len(raw) - 1]


def _value_span(line: str, name: str) -> tuple[int, int]:
    """Where the value of top-level key `name` lies in the JSON object
    `line` (the last one, as a decoder reads duplicate keys)."""
    decoder, found = json.JSONDecoder(), None
    i = _skip(line, 1 if line.startswith(_BOM) else 0) + 1  # past "{"
    while True:
        i = _skip(line, i)
        if line[i] == "}":
            break
        key, i = scanstring(line, i + 1)
        i = _skip(line, _skip(line, i) + 1)  # past ":"
        _, end = decoder.raw_decode(line, i)
        if key == name:
            found = (i, end)
        i = _skip(line, end)
        if line[i] == ",":
            i += 1
    return found


def _skip(line: str, i: int) -> int:
    while line[i] in " \t\r\n":
        i += 1
    return i


def _invalid(record_: dict, options: Options) -> dict | None:
    """The result of a record that cannot be checked; None for one that can."""
    rid = record_.get("id")
    name = _copy_field(record_, options)
    text, fmt = record_.get(name), record_.get("format", "text")
    if not isinstance(text, str):
        return {"id": rid, "diagnostics": [], "error": f"record has no string {name!r}"}
    if fmt not in FORMATS:
        return {"id": rid, "diagnostics": [], "error": f"unknown format {fmt!r} (use {', '.join(FORMATS)})"}
    if "\x00" in text:
        return {"id": rid, "diagnostics": [], "error": "text contains NUL characters"}
    return None


def _path(record_: dict) -> str:
    rid = record_.get("id")
    return str(rid) if rid is not None else "<record>"


_BOM = "\ufeff"  # a file's first line may open on one (Windows tools write it): kept, not parsed


def parse_line(line: str, number: int) -> tuple[dict | None, dict | None]:
    """(record, None), or (None, error result) for a line that is not a
    record. Lines are read with errors="surrogateescape": a line that is
    not UTF-8 is one record's error (and a fix writes it back byte for
    byte), not the end of the file."""
    if not line.isascii():
        try:
            line.encode("utf-8")
        except UnicodeEncodeError as exc:
            byte = ord(line[exc.start]) - 0xDC00
            return None, {"id": None, "line": number, "diagnostics": [],
                          "error": f"not UTF-8: byte 0x{byte:02X} at column {exc.start + 1}"}
    try:
        value = json.loads(line[1:] if number == 1 and line.startswith(_BOM) else line)
    except ValueError as exc:
        return None, {"id": None, "line": number, "diagnostics": [], "error": f"invalid JSON: {exc}"}
    if not isinstance(value, dict):
        return None, {"id": None, "line": number, "diagnostics": [], "error": "a record is a JSON object"}
    return value, None


_linter: Linter | None = None
_options = Options()
_fail_rank = 1


def _init(overrides: dict, settings: Settings | None, options: Options = Options(), fail_rank: int = 1) -> None:
    global _linter, _options, _fail_rank
    ignore = (*(overrides.get("ignore") or ()), *_NOT_FOR_RECORDS)
    _linter, _options = Linter({**overrides, "ignore": ignore}, settings=settings), options
    _fail_rank = fail_rank


def _batch(lines: list[tuple[int, str]]) -> list[dict]:
    """The results of a batch of (line number, line)."""
    if _options.fix:
        return [{"number": n, **_fixed(n, line)} for n, line in lines]
    parsed = [(n, line, *parse_line(line, n)) for n, line in lines]
    checked = iter(check_records([rec for _, _, rec, error in parsed if not error], _linter, _options))
    return [error or next(checked) for _, _, _, error in parsed]


def _fixed(number: int, line: str) -> dict:
    """fix_record's result for line `number`; a blank line, or a line that
    is not a record, is written back as it is."""
    if not line.strip():
        return {"line": line, "diagnostics": [], "fixed": 0, "error": None}
    rec, error = parse_line(line, number)
    if error:
        return {"line": line, "diagnostics": [], "fixed": 0, "error": error["error"]}
    return fix_record(line, rec, _linter, _options)


def surveys(overrides: dict, settings: Settings | None = None) -> bool:
    """Is BOIL018 selected, so that the records are surveyed first?"""
    settings = settings or config.find_for_dir(Path.cwd())
    return wanted(Linter(overrides, settings=settings), ["<record>"])


def survey(lines: Iterable[str], overrides: dict | None = None, settings: Settings | None = None, workers: int = 1,
           options: Options = Options()) -> Recurring:
    """How many records of JSON Lines input hold each line they share
    (BOIL018); a record that cannot be checked does not count."""
    return Recurring(*tally(lines, overrides, settings, workers, options), unit="records")


def tally(lines: Iterable[str], overrides: dict | None = None, settings: Settings | None = None, workers: int = 1,
          options: Options = Options()) -> tuple[Counter, int]:
    """survey() before the threshold: (records holding each candidate
    line, records counted), for counts that are added up elsewhere (Dask)."""
    settings = settings or config.find_for_dir(Path.cwd())
    return tally_surveys(keys for batch in _steps(lines, _surveyed, overrides or {}, settings, workers, options)
                         for keys in batch)


def _surveyed(lines: list[tuple[int, str]]) -> list[frozenset[int]]:
    """The surveys of a batch's records that can be checked."""
    out = []
    for n, line in lines:
        rec, error = parse_line(line, n)
        if error is None and _invalid(rec, _options) is None:
            path = _path(rec)
            out.append(survey_text(rec[_copy_field(rec, _options)], path, rec.get("format", "text"),
                                   _linter.settings_for(path)))
    return out


class Written(NamedTuple):
    """A batch's output, made in the worker: the text to write, and what
    the run counts."""

    text: str
    errors: int  # records that could not be checked or fixed
    failing: int  # records with findings at or above fail-on
    fixes: int
    problems: list[tuple[int, str]]  # (line number, error) of records written back unfixed


def _written(lines: list[tuple[int, str]]) -> Written:
    out, errors, failing, fixes, problems = [], 0, 0, 0, []
    for result in _batch(lines):
        errors += result["error"] is not None
        failing += any(_RANK[d["severity"]] >= _fail_rank for d in result["diagnostics"])
        if _options.fix:
            fixes += result["fixed"]
            line = result["line"]
            out.append(line)
            if result["error"] is not None:
                problems.append((result["number"], result["error"]))
        else:
            out.append(json.dumps(result, ensure_ascii=False) + "\n")
    return Written("".join(out), errors, failing, fixes, problems)


_RANK = {s.value: s.rank for s in Severity}


def _chunks(lines: Iterable[str], blank: bool = False) -> Iterator[list[tuple[int, str]]]:
    """Numbered non-blank lines (all lines, with `blank`: a fix writes the
    blank ones back too) in batches of BATCH records or BATCH_CHARS
    characters, whichever comes first: a worker's share, small enough that
    every worker stays busy and the output flows."""
    chunk, size = [], 0
    for n, line in enumerate(lines, 1):
        if not blank and not line.strip():
            continue
        chunk.append((n, line))
        size += len(line)
        if len(chunk) >= BATCH or size >= BATCH_CHARS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _steps(lines: Iterable[str], work, overrides: dict, settings: Settings, workers: int, options: Options,
           fail_rank: int = 1) -> Iterator:
    """`work` over the batches of `lines`, results in input order: in a
    pool when `workers` > 1 (steps.py keeps each worker two batches ahead)."""
    from .steps import Step, run_steps, worker_pool

    steps = (Step(work, (chunk,), lambda result: [result]) for chunk in _chunks(lines, blank=options.fix))
    if workers <= 1:
        _init(overrides, settings, options, fail_rank)
        yield from run_steps(steps)
        return
    pool = worker_pool(workers, _init, overrides, settings, options, fail_rank)
    yield from run_steps(steps, pool)
    pool.shutdown()


def process_lines(lines: Iterable[str], overrides: dict | None = None, settings: Settings | None = None,
                  workers: int = 1, options: Options = Options()) -> Iterator[dict]:
    """A result for each record of JSON Lines input, in input order."""
    overrides = overrides or {}
    settings = settings or config.find_for_dir(Path.cwd())
    for results in _steps(lines, _batch, overrides, settings, workers, options):
        yield from results


def check_lines(lines: Iterable[str], overrides: dict | None = None, settings: Settings | None = None,
                workers: int = 1, field: str | None = None) -> Iterator[dict]:
    """Result records for JSON Lines input, in input order."""
    return process_lines(lines, overrides, settings, workers, Options(field=field))


def run(stream: IO[str], out: IO[str], overrides: dict, workers: int, options: Options = Options(),
        name: str = "-", problems: IO[str] | None = None) -> tuple[int, int, int]:
    """Stream `stream` (named `name`) to `out`, each batch written as soon
    as the batches before it are; returns (records with errors, records
    with findings at or above fail-on, fixes made). Fixing, the lines go to
    `out` and errors to `problems`, one line each."""
    base = config.find_for_dir(Path.cwd())
    fail_rank = base.merged(**overrides).fail_on.rank
    errors = failing = fixes = 0
    for written in _steps(stream, _written, overrides, base, workers, options, fail_rank):
        errors, failing, fixes = errors + written.errors, failing + written.failing, fixes + written.fixes
        out.write(written.text)
        if problems is not None:
            for number, error in written.problems:
                problems.write(f"copydesk: error: {name}:{number}: {error} (written back as it was)\n")
        out.flush()
    return errors, failing, fixes
