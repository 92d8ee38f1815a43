"""--format github: GitHub Actions workflow commands (annotations)."""

from __future__ import annotations

from . import records

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def render(results, **_) -> str:
    out = []
    for _, d, r in records(results):
        props = ",".join([
            f"file={_escape(r['path'], True)}", f"line={r['line']}", f"col={r['column']}",
            f"endLine={r['end_line']}", f"endColumn={r['end_column']}", f"title={_escape(d.code + ' ' + d.name, True)}",
        ])
        out.append(f"::{_LEVEL[r['severity']]} {props}::{_escape(d.message)}\n")
    return "".join(out)
