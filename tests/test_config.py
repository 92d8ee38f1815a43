"""Configuration files, selection and inline suppression."""

from __future__ import annotations

import json

import pytest
from conftest import run_cli

from lint.run import config
from lint.run.config import Settings

DOUBLED = "The U.S.U.S. side. \n"


def _codes(result):
    return sorted(r["code"] for r in json.loads(result.stdout))


@pytest.fixture(autouse=True)
def _fresh_config_cache():
    config.forget()
    yield
    config.forget()


def test_pyproject_table_found_upward(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.copydesk]\nignore = ["WS"]\n', encoding="utf-8")
    (tmp_path / "desk" / "today").mkdir(parents=True)
    article = tmp_path / "desk" / "today" / "a.txt"
    article.write_text(DOUBLED, encoding="utf-8")
    assert _codes(run_cli("check", "--format", "json", str(article))) == ["DUP001"]


def test_copydesk_toml_wins_over_pyproject_in_same_folder(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.copydesk]\nignore = ["WS"]\n', encoding="utf-8")
    (tmp_path / ".copydesk.toml").write_text('select = ["WS001"]\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text(DOUBLED, encoding="utf-8")
    assert _codes(run_cli("check", "--format", "json", str(article))) == ["WS001"]


def test_pyproject_without_table_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.other]\nx = 1\n', encoding="utf-8")
    assert config.read_file(tmp_path / "pyproject.toml") is None


def test_per_file_ignores_severity_and_fail_on(tmp_path):
    (tmp_path / ".copydesk.toml").write_text(
        'fail-on = "error"\n[per-file-ignores]\n"wire/*.txt" = ["DUP001"]\n[severity]\nWS001 = "error"\n',
        encoding="utf-8")
    (tmp_path / "wire").mkdir()
    wire = tmp_path / "wire" / "a.txt"
    wire.write_text(DOUBLED, encoding="utf-8")
    result = run_cli("check", "--format", "json", str(wire))
    records = json.loads(result.stdout)
    assert [(r["code"], r["severity"]) for r in records] == [("WS001", "error")]
    assert result.returncode == 1
    only_warning = tmp_path / "b.txt"
    only_warning.write_text("Fine text.", encoding="utf-8")  # WS002 is a warning
    assert run_cli("check", str(only_warning)).returncode == 0


@pytest.mark.parametrize("body,message", [
    ('colour = "red"\n', "unknown key(s) colour"),
    ('select = ["DUP999"]\n', "select: unknown rule code or name 'DUP999'"),
    ('ignore = ["PUNC02"]\n', "ignore: unknown rule code or name 'PUNC02'"),
    ('[per-file-ignores]\n"*.md" = ["PUNC02"]\n', "per-file-ignores '*.md': unknown rule code or name 'PUNC02'"),
    ('[severity]\nDUP001 = "fatal"\n', "severity.DUP001: unknown severity 'fatal'"),
    ('fail-on = "warn"\n', "fail-on: unknown severity 'warn'"),
    ('select = "DUP001"\n', "select must be a list of non-empty strings"),
    ('extend-select = [""]\n', "extend-select must be a list of non-empty strings"),
    ('select = [\n', "invalid TOML"),
])
def test_bad_config_is_a_clear_error(tmp_path, body, message):
    cfg = tmp_path / ".copydesk.toml"
    cfg.write_text(body, encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text(DOUBLED, encoding="utf-8")
    result = run_cli("check", str(article))
    assert result.returncode == 2
    err = result.stderr.decode()
    assert err.startswith(f"copydesk: error: {cfg}") and message in err and err.count("\n") == 1


def test_settings_merge_extends_ignore():
    merged = Settings(ignore=("WS",)).merged(ignore=("DUP",), select=None)
    assert merged.ignore == ("WS", "DUP") and merged.select is None


def test_settings_without_a_root_match_globs_from_the_working_folder(tmp_path, monkeypatch):
    settings = Settings(exclude=("drafts/",), per_file_ignores=(("wire/*.txt", ("WS",)),))
    assert settings.root is None
    monkeypatch.chdir(tmp_path)  # after the settings were made: the folder at the time of asking counts
    assert settings.excludes(str(tmp_path / "drafts") + "/")
    assert not settings.excludes(str(tmp_path / "desk") + "/")
    assert settings.ignored_for(str(tmp_path / "wire" / "a.txt")) == ("WS",)
    assert settings.ignored_for(str(tmp_path / "a.txt")) == ()
    assert settings._replace(root=tmp_path / "wire").ignored_for(str(tmp_path / "wire" / "a.txt")) == ()  # "a.txt" there
    assert settings.merged(ignore=("DUP",)) == settings._replace(ignore=("DUP",))


MD = """<!-- copydesk-disable DUP001 -->
The U.S.U.S. first.
<!-- copydesk-enable -->

The U.N.U.N. second.

<!-- copydesk-disable-next-line DUP -->
The E.U.E.U. third.
The U.K.U.K. fourth.
"""


def test_inline_suppression_ranges():
    from lint import check_text

    found = check_text(MD, "markdown", select=["DUP001"])
    assert [MD[d.start:d.end] for d in found] == ["U.N.U.N.", "U.K.U.K."]


@pytest.mark.parametrize("disable, enable, found", [
    ("DUP001,DUP002", "DUP001", ["U.S.U.S.", "U.K.U.K."]),  # DUP002 stays off
    ("", "DUP001", ["U.S.U.S.", "U.K.U.K."]),  # every rule but DUP001 stays off
    ("DUP001", "DUP", ["U.S.U.S.", "the the", "U.K.U.K.", "was was"]),  # a family enables its rules
    ("DUP001", "duplication", ["U.S.U.S.", "the the", "U.K.U.K.", "was was"]),  # and a name prefix
    ("DUP001,DUP002", "", ["U.S.U.S.", "the the", "U.K.U.K.", "was was"]),
])
def test_an_enable_turns_back_on_what_it_names(disable, enable, found):
    """An enable that names part of what was disabled, or its family, turns
    back on just that; the rest stays off until an enable names it."""
    from lint import check_text

    text = (f"<!-- copydesk-disable {disable} -->\nThe E.U.E.U. team arrived.\n<!-- copydesk-enable {enable} -->\n\n"
            "The U.S.U.S. side won the the game.\n\nThe U.K.U.K. crowd was was happy.\n")
    assert [text[d.start:d.end] for d in check_text(text, "markdown", select=["DUP001", "DUP002"])] == found


def test_disable_file():
    from lint import check_text

    text = "<!-- copydesk-disable-file -->\nThe U.S.U.S. side.\n"
    assert check_text(text, "markdown") == []
    assert [d.code for d in check_text(text, "text", select=["DUP"])] == ["DUP001"]
