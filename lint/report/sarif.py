"""--format sarif: SARIF 2.1.0 for code-scanning dashboards."""

from __future__ import annotations

import json

from .. import __version__
from ..registry import default_registry
from . import records

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _rule(rule) -> dict:
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.docs.what},
        "help": {"text": rule.docs.render(), "markdown": rule.docs.render()},
        "defaultConfiguration": {"level": _LEVEL[rule.severity.value]},
    }


def render(results, **_) -> str:
    registry = default_registry()
    found = []
    for result, d, r in records(results):
        region = {"startLine": r["line"], "startColumn": r["column"], "endLine": r["end_line"],
                  "endColumn": r["end_column"], "charOffset": d.start, "charLength": d.end - d.start}
        item = {"ruleId": d.code, "level": _LEVEL[r["severity"]], "message": {"text": d.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": r["path"]}, "region": region}}]}
        if d.fix is not None:
            item["fixes"] = [{
                "description": {"text": f"{d.fix.applicability.value} fix"},
                "artifactChanges": [{
                    "artifactLocation": {"uri": r["path"]},
                    "replacements": [{"deletedRegion": {"charOffset": e.start, "charLength": e.end - e.start},
                                      "insertedContent": {"text": e.replacement}} for e in d.fix.edits],
                }],
            }]
        found.append(item)
    used = sorted({item["ruleId"] for item in found})
    rules = [_rule(registry.get(code)) for code in used if registry.get(code)]
    log = {"$schema": _SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "copydesk", "version": __version__, "rules": rules}},
        "results": found,
    }]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
