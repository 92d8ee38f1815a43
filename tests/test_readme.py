"""The README stays true: quick start, CI command, and the generated rule table.

Run `python tests/test_readme.py` to regenerate the rule table in place.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BEGIN, END = "<!-- rules:begin -->\n", "<!-- rules:end -->"


def quick_start() -> list[str]:
    text = README.read_text(encoding="utf-8")
    block = re.search(r"## Quick start\n.*?```sh\n(.*?)```", text, re.S).group(1)
    return block.strip().splitlines()


def generated_table() -> str:
    from lint.ruledocs import rule_table
    from lint.run.registry import default_registry

    return rule_table(list(default_registry()))


def test_quick_start_is_two_commands_and_ci_runs_the_second_word_for_word():
    commands = quick_start()
    assert len(commands) == 2
    assert "copydesk check samples/" in commands[0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert commands[1] in ci
    assert any("python3 -m venv" in line for line in ci)


def test_rule_table_is_generated_from_rule_docs():
    text = README.read_text(encoding="utf-8")
    current = text[text.index(BEGIN) + len(BEGIN): text.index(END)]
    assert current == generated_table(), "run: python tests/test_readme.py"


def _section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    return re.search(rf"^## {title}\n(.*?)(?=^## )", text, re.S | re.M).group(1)


def test_editor_snippets_are_those_of_the_editors_guide_and_parse():
    snippets = re.findall(r"```(\w+)\n(.*?)```", _section("In your editor"), re.S)
    assert [kind for kind, _ in snippets] == ["json", "lua", "toml"]
    guide = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    for _, body in snippets:
        assert body in guide
    assert json.loads(snippets[0][1])["glspc.server.commandArguments"] == ["server"]
    helix = tomllib.loads(snippets[2][1])
    assert helix["language-server"]["copydesk"] == {"command": "copydesk", "args": ["server"]}


def test_every_link_to_the_docs_leads_to_a_file():
    links = re.findall(r"\]\(((?:docs|CHANGELOG)[^)#]*)", README.read_text(encoding="utf-8"))
    assert len(links) >= 8
    assert [link for link in links if not (ROOT / link).exists()] == []


def test_version_is_said_in_one_place_and_the_changelog_and_readme_follow_it():
    from conftest import run_cli

    from lint import __version__

    assert run_cli("--version").stdout.decode() == f"copydesk, version {__version__}\n"
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(r"^## (\S+)", changelog, re.M).group(1) == __version__
    assert f"rev: v{__version__} " in README.read_text(encoding="utf-8")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    text = README.read_text(encoding="utf-8")
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    README.write_text(text[:start] + generated_table() + text[end:], encoding="utf-8")
