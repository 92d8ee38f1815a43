"""--format sarif: SARIF 2.1.0 for code-scanning dashboards (GitHub code
scanning reads it). Columns count Unicode code points, as copydesk's do;
file names are percent-encoded relative URIs; a file that could not be read
is a tool notification, so the upload shows it rather than dropping it."""

from __future__ import annotations

import json
from urllib.parse import quote

from .. import __version__
from ..ruledocs import HOME, help_uri
from ..run.registry import default_registry
from . import records

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _rule(rule) -> dict:
    entry = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.docs.what},
        "help": {"text": rule.docs.render(), "markdown": rule.docs.render()},
        "defaultConfiguration": {"level": _LEVEL[rule.severity.value]},
    }
    uri = help_uri(rule)
    if uri:
        entry["helpUri"] = uri
    return entry


def _uri(path: str) -> str:
    """A path as a URI reference: '/' kept, spaces, '#', '%' and non-ASCII escaped."""
    return quote(path.replace("\\", "/").encode("utf-8", "surrogateescape"), safe="/")


def _location(path: str) -> dict:
    return {"physicalLocation": {"artifactLocation": {"uri": _uri(path)}}}


def _fix(d, path: str) -> dict:
    return {
        "description": {"text": f"{d.fix.applicability.value} fix"},
        "artifactChanges": [{
            "artifactLocation": {"uri": _uri(path)},
            "replacements": [{"deletedRegion": {"charOffset": e.start, "charLength": e.end - e.start},
                              "insertedContent": {"text": e.replacement}} for e in d.fix.edits],
        }],
    }


def render(results, linter=None, **_) -> str:
    found, rules = [], {}
    for result, d, r in records(results):
        location = _location(r["path"])
        location["physicalLocation"]["region"] = {
            "startLine": r["line"], "startColumn": r["column"], "endLine": r["end_line"],
            "endColumn": r["end_column"], "charOffset": d.start, "charLength": d.end - d.start}
        item = {"ruleId": d.code, "level": _LEVEL[r["severity"]], "message": {"text": d.message},
                "locations": [location]}
        if d.fix is not None:
            item["fixes"] = [_fix(d, r["path"])]
        found.append(item)
        if d.code not in rules:  # a newsroom's own rule is in the registry its configuration loads
            registry = linter.selection_for(result.path).registry if linter else default_registry()
            rules[d.code] = registry.get(d.code)
    notes = [{"level": "error", "message": {"text": f"{r.path}: {r.error}"}, "locations": [_location(r.path)]}
             for r in results if r.error is not None]
    log = {"$schema": _SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "copydesk", "version": __version__, "informationUri": HOME,
                            "rules": [_rule(rules[code]) for code in sorted(rules) if rules[code]]}},
        "columnKind": "unicodeCodePoints",
        "invocations": [{"executionSuccessful": not notes, "toolExecutionNotifications": notes}],
        "results": found,
    }]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
