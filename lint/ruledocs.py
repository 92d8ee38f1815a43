"""The rules' own docs, rendered for readers: the README's rule table, one
docs page per family (docs/rules/), and the address of a rule's section,
which SARIF gives as helpUri. Generated, never written by hand, so the
docs say what the code does."""

from __future__ import annotations

from . import __version__
from .core.rule import FAMILIES

# Where the docs are published: the tag of the release, so a report links
# to the docs of the version that made it.
HOME = "https://github.com/copydesk/copydesk"
DOCS_URL = HOME + "/blob/v{version}/docs/rules/{page}.md#{anchor}"


def page_name(rule) -> str:
    """The docs page a rule is on: its family, or `house` for a family of a newsroom's own."""
    return rule.family.lower() if rule.family in FAMILIES else "house"


def help_uri(rule) -> str | None:
    """The rule's section on its family's page; None for a newsroom's own rules."""
    if rule.family not in FAMILIES:
        return None
    return DOCS_URL.format(version=__version__, page=page_name(rule), anchor=rule.code.lower())


def rule_table(rules) -> str:
    """The README's rule table."""
    rows = ["| code | name | severity | fix | default | what it does |", "|---|---|---|---|---|---|"]
    optional_pl = [r for r in rules if r.family == "PL" and not r.default]
    for r in rules:
        if r in optional_pl:
            continue
        fix = r.fixable.value if r.fixable else "-"
        summary = r.summary.replace("|", "\\|")
        rows.append(f"| {r.code} | `{r.name}` | {r.severity.value} | {fix} | {'on' if r.default else 'off'} | {summary} |")
    if optional_pl:
        rows.append(f"| {optional_pl[0].code}–{optional_pl[-1].code} | `proselint.*` | warning | some unsafe | off | "
                    f"{len(optional_pl)} more proselint checks, each selectable by code or name "
                    "(`copydesk rules --all` lists them) |")
    return "\n".join(rows) + "\n"


def family_page(family: str, rules) -> str:
    """docs/rules/<family>.md: every rule of the family with its whole docs."""
    out = [f"# {family}: {FAMILIES[family]}\n",
           f"Generated from the rules' own docs by `python tests/test_rule_pages.py`; "
           f"`copydesk explain CODE` prints the same.\n"]
    for r in rules:
        fix = f"{r.fixable.value} fix" if r.fixable else "no fix"
        default = "on by default" if r.default else "off by default"
        language = "any language" if r.languages is None else f"{', '.join(r.languages)} copy only"
        style = f"; house style `{r.style}`" if r.style else ""
        out.append(f'<a id="{r.code.lower()}"></a>\n\n## {r.code} `{r.name}`\n\n'
                   f"{r.severity.value}; {fix}; {default}; {language}{style}\n\n"
                   + r.docs.render().replace("## ", "### ") + "\n")
    return "\n".join(out)
