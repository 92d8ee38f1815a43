"""Path globs in the configuration (per-file-ignores, exclude) read as
.gitignore lines relative to the config file's folder: `*` stays within a
folder, `**` crosses folders, a pattern without a slash matches a name at
any depth."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from conftest import run_cli

from lint.run import config

PATHS = ["a.txt", "wire/a.txt", "wire/sub/x.txt", "wire/sub/deep/y.txt", "desk/wire/b.txt", "wire/a.md", "wirex/a.txt"]


def _settings(root: Path, **table) -> config.Settings:
    return config.parse({k.replace("_", "-"): v for k, v in table.items()}, str(root / ".copydesk.toml"), root)


@pytest.mark.parametrize("pattern,matched", [
    ("wire/*.txt", ["wire/a.txt"]),
    ("wire/**/*.txt", ["wire/a.txt", "wire/sub/x.txt", "wire/sub/deep/y.txt"]),
    ("wire/*/*.txt", ["wire/sub/x.txt"]),
    ("*.txt", ["a.txt", "wire/a.txt", "wire/sub/x.txt", "wire/sub/deep/y.txt", "desk/wire/b.txt", "wirex/a.txt"]),
    ("x.txt", ["wire/sub/x.txt"]),  # no slash: a name at any depth
    ("/a.txt", ["a.txt"]),  # a leading slash anchors at the config's folder
    ("wire", ["wire/a.txt", "wire/sub/x.txt", "wire/sub/deep/y.txt", "desk/wire/b.txt", "wire/a.md"]),  # a folder
    ("wire/", ["wire/a.txt", "wire/sub/x.txt", "wire/sub/deep/y.txt", "desk/wire/b.txt", "wire/a.md"]),
    ("wire/sub", ["wire/sub/x.txt", "wire/sub/deep/y.txt"]),  # a slash inside anchors it
    ("**/wire/*.txt", ["wire/a.txt", "desk/wire/b.txt"]),
    ("wire?/*.txt", ["wirex/a.txt"]),
    ("wire/[a-b].txt", ["wire/a.txt"]),
    ("!wire/**", ["a.txt", "desk/wire/b.txt", "wirex/a.txt"]),  # "!": every file the rest does not match (ruff)
])
def test_per_file_ignores_globs(tmp_path, pattern, matched):
    settings = _settings(tmp_path, per_file_ignores={pattern: ["DUP001"]})
    assert [p for p in PATHS if settings.ignored_for(str(tmp_path / p))] == matched
    assert all(settings.ignored_for(str(tmp_path / p)) == ("DUP001",) for p in matched)


def test_globs_are_relative_to_the_config_folder(tmp_path):
    desk = tmp_path / "desk"
    settings = _settings(desk, per_file_ignores={"wire/*.txt": ["DUP001"], "*.md": ["WS002"]})
    assert settings.ignored_for(str(desk / "wire" / "b.txt")) == ("DUP001",)
    assert settings.ignored_for(str(tmp_path / "wire" / "a.txt")) == ()  # outside the config's folder
    assert settings.ignored_for(str(desk / "deep" / "c.md")) == ("WS002",)


EXCLUDE_PATHS = ["drafts/", "drafts/a.md", "desk/drafts/", "desk/drafts/b.md", "drafts.md/", "desk/notes.md",
                 "x.min.html", "desk/y.min.html", "wire/a.txt", "wire/sub/x.txt", "wire/sub/deep/y.txt"]


@pytest.mark.parametrize("pattern,excluded", [
    ("wire/*.txt", ["wire/a.txt"]),
    ("wire/**/*.txt", ["wire/a.txt", "wire/sub/x.txt", "wire/sub/deep/y.txt"]),
    ("drafts", ["drafts/", "drafts/a.md", "desk/drafts/", "desk/drafts/b.md"]),
    ("drafts*/", ["drafts/", "drafts/a.md", "desk/drafts/", "desk/drafts/b.md", "drafts.md/"]),
    ("*.min.html", ["x.min.html", "desk/y.min.html"]),
    ("/drafts", ["drafts/", "drafts/a.md"]),
    ("*.md/", ["drafts.md/"]),  # a trailing slash: folders only, not desk/notes.md
])
def test_exclude_globs(tmp_path, pattern, excluded):
    # A folder is asked about with a trailing separator, as discovery asks.
    settings = _settings(tmp_path, exclude=[pattern])
    assert [p for p in EXCLUDE_PATHS if settings.excludes(str(tmp_path / p) + "/" * p.endswith("/"))] == excluded


def test_exclude_negation_keeps_a_file(tmp_path):
    settings = _settings(tmp_path, exclude=["*.html", "!lead.html"])
    assert settings.excludes(str(tmp_path / "desk" / "page.html"))
    assert not settings.excludes(str(tmp_path / "desk" / "lead.html"))


@pytest.mark.parametrize("body,key,glob", [
    ('exclude = ["a\\\\"]\n', "exclude", "a\\"),
    ('exclude = ["!"]\n', "exclude", "!"),
    ('[per-file-ignores]\n"[z-a].txt" = ["DUP001"]\n', "per-file-ignores", "[z-a].txt"),
])
def test_a_bad_glob_is_a_clear_error(tmp_path, body, key, glob):
    cfg = tmp_path / ".copydesk.toml"
    cfg.write_text(body, encoding="utf-8")
    (tmp_path / "a.txt").write_text("The U.S.U.S. side.\n", encoding="utf-8")
    result = run_cli("check", str(tmp_path / "a.txt"))
    err = result.stderr.decode()
    assert result.returncode == 2
    assert err.startswith(f"copydesk: error: {cfg}: {key}: {glob!r} is not a valid glob (") and err.count("\n") == 1


def test_per_file_ignores_end_to_end(tmp_path):
    (tmp_path / ".copydesk.toml").write_text('[per-file-ignores]\n"wire/*.txt" = ["DUP001"]\n', encoding="utf-8")
    for name in ("wire/a.txt", "wire/sub/x.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("The U.S.U.S. side.\n", encoding="utf-8")
    result = run_cli("check", "--format", "json", ".", cwd=tmp_path)
    assert [(r["path"], r["code"]) for r in json.loads(result.stdout)] == [("./wire/sub/x.txt", "DUP001")]


def test_the_documented_example_is_valid_configuration(tmp_path):
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    text = (Path(__file__).resolve().parent.parent / "docs" / "configuration.md").read_text(encoding="utf-8")
    block = re.search(r"```toml\n(.*?)```", text, re.S).group(1)
    settings = config.parse(tomllib.loads(block)["tool"]["copydesk"], "docs/configuration.md", tmp_path)
    assert settings.ignored_for(str(tmp_path / "wire" / "a.txt")) == ("DUP001",)
    assert settings.ignored_for(str(tmp_path / "wire" / "sub" / "x.txt")) == ()
    assert settings.excludes(str(tmp_path / "desk" / "drafts") + "/") and settings.respect_gitignore
