"""JSON Lines batch mode, for archives and pipelines.

Each input line is a record {"id": ..., "text": "...", "format": "text"|"markdown"|"html"}
("format" is optional). Each output line is {"id": ..., "diagnostics": [...], "error": null}
where every diagnostic follows the JSON contract of `copydesk check --format json`
with the record's id as its path. A line that is not a valid record gives
{"id": null or its id, "line": N, "diagnostics": [], "error": "..."}.

Records stream through in batches, so memory stays constant however long
the input is; with several workers each batch is spread over a process pool.
"""

from __future__ import annotations

import json
from itertools import islice
from pathlib import Path
from typing import IO, Iterable, Iterator

from . import config
from .config import Settings
from .engine import RuleError
from .formats import FORMATS
from .linter import Linter
from .model import Severity
from .report import FileResult, record

BATCH = 256


def check_records(records: list[dict], linter: Linter) -> list[dict]:
    """The result record for each input record (a pure function of it);
    the valid ones are checked together."""
    results = [_invalid(r) for r in records]
    todo = [(i, r["text"], _path(r), r.get("format", "text")) for i, r in enumerate(records) if results[i] is None]
    for (i, text, path, _), found in zip(todo, linter.check_many([item[1:] for item in todo])):
        rid = records[i].get("id")
        if isinstance(found, RuleError):
            results[i] = {"id": rid, "diagnostics": [], "error": str(found)}
        else:
            result = FileResult(path, text, found)
            results[i] = {"id": rid, "diagnostics": [record(result, d) for d in found], "error": None}
    return results


def _invalid(record_: dict) -> dict | None:
    """The result of a record that cannot be checked; None for one that can."""
    rid = record_.get("id")
    text, fmt = record_.get("text"), record_.get("format", "text")
    if not isinstance(text, str):
        return {"id": rid, "diagnostics": [], "error": "record has no string 'text'"}
    if fmt not in FORMATS:
        return {"id": rid, "diagnostics": [], "error": f"unknown format {fmt!r} (use {', '.join(FORMATS)})"}
    if "\x00" in text:
        return {"id": rid, "diagnostics": [], "error": "text contains NUL characters"}
    return None


def _path(record_: dict) -> str:
    rid = record_.get("id")
    return str(rid) if rid is not None else "<record>"


def parse_line(line: str, number: int) -> tuple[dict | None, dict | None]:
    """(record, None), or (None, error result) for a line that is not a record."""
    try:
        value = json.loads(line)
    except ValueError as exc:
        return None, {"id": None, "line": number, "diagnostics": [], "error": f"invalid JSON: {exc}"}
    if not isinstance(value, dict):
        return None, {"id": None, "line": number, "diagnostics": [], "error": "a record is a JSON object"}
    return value, None


_linter: Linter | None = None


def _init(overrides: dict, settings: Settings | None) -> None:
    global _linter
    _linter = Linter(overrides, settings=settings)


def _check_batch(parsed: list[tuple[dict | None, dict | None]]) -> list[dict]:
    checked = iter(check_records([rec for rec, error in parsed if not error], _linter))
    return [error or next(checked) for _, error in parsed]


def check_lines(lines: Iterable[str], overrides: dict | None = None, settings: Settings | None = None,
                workers: int = 1) -> Iterator[dict]:
    """Result records for JSON Lines input, in input order."""
    overrides = overrides or {}
    settings = settings or config.find_for_dir(Path.cwd())
    numbered = ((n, line) for n, line in enumerate(lines, 1) if line.strip())
    records = (parse_line(line, n) for n, line in numbered)
    batches = iter(lambda: list(islice(records, BATCH)), [])
    if workers <= 1:
        _init(overrides, settings)
        for batch in batches:
            yield from _check_batch(batch)
        return
    # Imported here: only a parallel batch needs a process pool.
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers, initializer=_init, initargs=(overrides, settings)) as pool:
        for batch in batches:
            size = max(1, len(batch) // workers)
            parts = [batch[i : i + size] for i in range(0, len(batch), size)]
            for part in pool.map(_check_batch, parts):
                yield from part


def run(stream: IO[str], out: IO[str], overrides: dict, workers: int) -> tuple[int, int]:
    """Stream `stream` to `out`; returns (records with errors, records with
    findings at or above fail-on)."""
    settings = config.find_for_dir(Path.cwd()).merged(**overrides)
    errors = failing = 0
    for result in check_lines(stream, overrides, workers=workers):
        errors += result["error"] is not None
        failing += any(Severity(d["severity"]).rank >= settings.fail_on.rank for d in result["diagnostics"])
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()
    return errors, failing
