"""Reporters: one function per output format, each taking FileResults."""

from __future__ import annotations

from ..core.lines import LineIndex
from ..core.model import Diagnostic


class FileResult:
    def __init__(self, path: str, text: str = "", diagnostics: list[Diagnostic] | None = None,
                 error: str | None = None, fixed: list[Diagnostic] | None = None, labels: tuple[str, ...] | None = None,
                 kinds: tuple[str, ...] | None = None):
        self.path = path
        self.text = text
        self.diagnostics = diagnostics if diagnostics is not None else []
        self.error = error  # why the file could not be checked
        self.fixed = fixed if fixed is not None else []  # applied by `fix`
        self.labels = labels  # where each line is, when lines are a Word file's paragraphs
        self.kinds = kinds  # and what each is, by its style

    @property
    def lines(self) -> LineIndex:
        if not hasattr(self, "_lines"):
            self._lines = LineIndex(self.text)
        return self._lines


def record(result: FileResult, d: Diagnostic) -> dict:
    """The JSON contract: one flat object per diagnostic."""
    line, column = result.lines.position(d.start)
    end_line, end_column = result.lines.position(d.end)
    fix = None
    if d.fix is not None:
        fix = {"applicability": d.fix.applicability.value,
               "edits": [{"start": e.start, "end": e.end, "replacement": e.replacement} for e in d.fix.edits]}
    return {"path": result.path, "code": d.code, "name": d.name, "severity": d.severity.value,
            "message": d.message, "start": d.start, "end": d.end, "line": line, "column": column,
            "end_line": end_line, "end_column": end_column, "fix": fix}


def records(results: list[FileResult]):
    for result in results:
        for d in result.diagnostics:
            yield result, d, record(result, d)


def renderer(name: str):
    from . import github, html, json_, sarif, text

    return {"text": text.render, "json": json_.render, "github": github.render, "sarif": sarif.render,
            "html": html.render}[name]


FORMATS = ("text", "json", "github", "sarif", "html")
