"""--format json: one JSON array of diagnostic records, a record a line
(each encoded on its own: an archive's many findings need no pretty-printing
pass over all of them at once)."""

from __future__ import annotations

import json

from . import records


def render(results, **_) -> str:
    lines = [json.dumps(r, ensure_ascii=False) for _, _, r in records(results)]
    return "[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n"
