"""--format json: one JSON array of diagnostic records."""

from __future__ import annotations

import json

from . import records


def render(results, **_) -> str:
    return json.dumps([r for _, _, r in records(results)], ensure_ascii=False, indent=2) + "\n"
