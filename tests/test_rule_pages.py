"""docs/rules/ holds one page per rule family, generated from the rules'
own docs, and every rule's SARIF helpUri points at its section there.

Run `python tests/test_rule_pages.py` to regenerate the pages in place.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "docs" / "rules"


def generated() -> dict[str, str]:
    from lint.core.rule import FAMILIES
    from lint.ruledocs import family_page, page_name
    from lint.run.registry import default_registry

    rules = list(default_registry())
    return {f"{page_name(rules_of[0])}.md": family_page(family, rules_of)
            for family in FAMILIES for rules_of in [[r for r in rules if r.family == family]] if rules_of}


def test_every_family_has_its_generated_page():
    pages = generated()
    assert sorted(p.name for p in PAGES.glob("*.md")) == sorted(pages)
    for name, text in pages.items():
        assert (PAGES / name).read_text(encoding="utf-8") == text, "run: python tests/test_rule_pages.py"


def test_help_uri_names_the_rules_section_on_its_page():
    from lint.ruledocs import help_uri
    from lint.run.registry import default_registry

    rule = default_registry().get("DUP001")
    uri = help_uri(rule)
    assert uri.endswith("/docs/rules/dup.md#dup001")
    assert '<a id="dup001"></a>' in (PAGES / "dup.md").read_text(encoding="utf-8")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    PAGES.mkdir(parents=True, exist_ok=True)
    for stale in PAGES.glob("*.md"):
        stale.unlink()
    for name, text in generated().items():
        (PAGES / name).write_text(text, encoding="utf-8")
