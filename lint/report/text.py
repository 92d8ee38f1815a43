"""--format text: one line per finding, like a compiler, then a summary."""

from __future__ import annotations

from collections import Counter

import click

from ..core.model import Applicability
from . import records

_COLOUR = {"error": "red", "warning": "yellow", "info": "cyan"}


def _marker(d) -> str:
    if d.fix is None:
        return ""
    return " [*]" if d.fix.applicability is Applicability.SAFE else " [unsafe fix]"


def _around(text: str, d, width: int = 30) -> str:
    """The words around a finding, on one line, the finding in brackets."""
    a, b = max(0, d.start - width), min(len(text), d.end + width)
    start, end = text.rfind("\n", 0, d.start) + 1, text.find("\n", d.end)
    a, b = max(a, start), min(b, len(text) if end < 0 else end)
    return ("…" if a > start else "") + f"{text[a:d.start]}[{text[d.start:d.end]}]{text[d.end:b]}" + (
        "…" if b < (len(text) if end < 0 else end) else "")


def render(results, statistics: bool = False, **_) -> str:
    lines = []
    for result, d, r in records(results):
        where = click.style(f"{r['path']}:{r['line']}:{r['column']}:", bold=True)
        level = click.style(r["severity"], fg=_COLOUR[r["severity"]])
        lines.append(f"{where} {level} {click.style(d.code, bold=True)} {d.message}{_marker(d)}")
        if result.labels is not None:  # a Word file: say where the paragraph is, and show it
            lines.append(f"    paragraph {r['line']} ({result.labels[r['line'] - 1]}): {_around(result.text, d)}")
    if statistics:
        lines.extend(statistics_table(results))
    lines.append(summary(results))
    return "\n".join(lines) + "\n"


def statistics_table(results) -> list[str]:
    counts = Counter((d.code, d.name) for r in results for d in r.diagnostics)
    fixable = Counter(d.code for r in results for d in r.diagnostics if d.fix is not None)
    return [f"{n:5d}  {code:<8} {name}{'  [fixable]' if fixable[code] else ''}"
            for (code, name), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def summary(results) -> str:
    """One line: files, findings by severity, and how many `fix` would repair."""
    diags = [d for r in results for d in r.diagnostics]
    by_level = Counter(d.severity.value for d in diags)
    files = sum(1 for r in results if r.error is None)
    errors = sum(1 for r in results if r.error is not None)
    parts = [f"{files} file{'s' * (files != 1)} checked"]
    if diags:
        levels = ", ".join(f"{by_level[k]} {k}{'s' * (by_level[k] != 1)}" for k in ("error", "warning", "info") if by_level[k])
        parts.append(f"{len(diags)} finding{'s' * (len(diags) != 1)} ({levels})")
        safe = sum(1 for d in diags if d.fix and d.fix.applicability is Applicability.SAFE)
        unsafe = sum(1 for d in diags if d.fix and d.fix.applicability is Applicability.UNSAFE)
        fixable = f"{safe} fixable with `copydesk fix`"
        if unsafe:
            fixable += f" ({unsafe} more with --unsafe-fixes)"
        parts.append(fixable)
    else:
        parts.append("no findings")
    if errors:
        parts.append(f"{errors} file{'s' * (errors != 1)} could not be read")
    return "; ".join(parts) + "."
