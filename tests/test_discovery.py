"""Which files a folder walk finds: .gitignore, .ignore and .git/info/exclude
read as git reads them, folders that never hold copy, paths named."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import run_cli

from lint.formats import format_for
from lint.run.files import discover
from lint.run.ignores import SKIPPED_FOLDERS, repository_root

DOUBLED = "The U.S.U.S. side.\n"

# Every rule of git's that a newsroom's .gitignore uses: anchored ("/out/"),
# folder-only ("drafts/", "old.md/"), a name at any depth ("*.tmp.md"),
# negation ("!keep.tmp.md"), a nested .gitignore for its own folder, and
# .git/info/exclude.
GITIGNORE = "/out/\n*.tmp.md\n!keep.tmp.md\ndrafts/\nold.md/\n*.bak.md\n"
FILES = [
    "a.md", "x.tmp.md", "keep.tmp.md", "old.md", "page.html", "secret.md", "notes.py",
    "out/o.md", "desk/out/o.md", "desk/drafts/d.md", "desk/story.md", "desk/old.md/a.md",
    "desk/page.html", "desk/lead.html", "desk/sub/x.html",
    "wire/a.txt", "wire/embargoed.txt", "x.bak.md", "keep.bak.md",
    "build/b.md", "dist/d.md",  # may be real copy in a newsroom: searched
    "node_modules/pkg/readme.md", "venv/lib/x.md", "_site/index.html", "__pycache__/x.md", ".venv/x.md",
]
IGNORE_FILES = {
    ".gitignore": GITIGNORE,
    "desk/.gitignore": "*.html\n!lead.html\n",
    ".ignore": "/wire/embargoed.txt\n!keep.bak.md\n",  # .ignore outranks .gitignore
}
FOUND = [
    "a.md", "build/b.md", "desk/lead.html", "desk/out/o.md", "desk/story.md", "dist/d.md",
    "keep.bak.md", "keep.tmp.md", "old.md", "page.html", "wire/a.txt",
]
# With the ignore files off, only folders that never hold copy are skipped.
FOUND_ALL = [
    "a.md", "build/b.md", "desk/drafts/d.md", "desk/lead.html", "desk/old.md/a.md", "desk/out/o.md",
    "desk/page.html", "desk/story.md", "desk/sub/x.html", "dist/d.md", "keep.bak.md", "keep.tmp.md",
    "old.md", "out/o.md", "page.html", "secret.md", "wire/a.txt", "wire/embargoed.txt", "x.bak.md", "x.tmp.md",
]


def _git(*args: str, cwd: Path) -> str:
    # Only the repository's own ignore files: no user or system git config.
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "HOME": str(cwd), "XDG_CONFIG_HOME": str(cwd)}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True).stdout


def _layout(root: Path, files=FILES, ignore_files=None, repo: bool = True) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    if repo:
        _git("init", "-q", ".", cwd=root)
        (root / ".git" / "info").mkdir(exist_ok=True)
        (root / ".git" / "info" / "exclude").write_text("secret.md\n", encoding="utf-8")
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<p>{DOUBLED}</p>\n" if name.endswith(".html") else DOUBLED, encoding="utf-8")
    for name, text in (IGNORE_FILES if ignore_files is None else ignore_files).items():
        (root / name).write_text(text, encoding="utf-8")
    return root


def _found(root: Path, *paths: str, respect: bool = True) -> list[str]:
    found = list(discover([str(root / p) for p in paths or ("",)], lambda p: False, respect))
    assert all(error is None for _, error in found)
    return [Path(os.path.relpath(path, root)).as_posix() for path, _ in found]


def test_ignore_files_as_git_reads_them(tmp_path):
    repo = _layout(tmp_path / "repo")
    assert _found(repo) == FOUND


def test_respect_gitignore_off_skips_only_folders_that_never_hold_copy(tmp_path):
    repo = _layout(tmp_path / "repo")
    assert _found(repo, respect=False) == FOUND_ALL
    assert SKIPPED_FOLDERS == {"node_modules", "venv", "_site", "__pycache__", "__pypackages__", "site-packages"}


def test_a_sub_folder_walk_applies_the_rules_above_it(tmp_path):
    # Run from inside desk/: the root .gitignore still anchors /out/ at the
    # repository root and leaves out desk/drafts/.
    repo = _layout(tmp_path / "repo")
    assert _found(repo, "desk") == ["desk/lead.html", "desk/out/o.md", "desk/story.md"]


def test_paths_named_are_always_checked(tmp_path):
    repo = _layout(tmp_path / "repo")
    named = ["x.tmp.md", "secret.md", "desk/drafts", "node_modules", "desk/old.md", "_site/index.html"]
    assert _found(repo, *named) == [
        "x.tmp.md", "secret.md", "desk/drafts/d.md", "node_modules/pkg/readme.md", "desk/old.md/a.md",
        "_site/index.html",
    ]


def test_the_walk_agrees_with_git(tmp_path):
    """git itself is the reference: the files it lists as untracked and not
    ignored, less what copydesk never reads, are the files found."""
    tricky = {
        ".gitignore": GITIGNORE + "docs/**/draft-*.md\n[Tt]emp/\n/root-only.md\nnested/*/\n\\!bang.md\n"
                                  "spaced.md   \n# a comment\n!\ntrailing\\\n",
        "desk/.gitignore": "*.html\n!lead.html\n/local.md\nsub/deep/\n",
        "desk/sub/.gitignore": "!x.html\n",  # re-included: the rule above named the file, not its folder
    }
    extra = ["docs/a/b/draft-1.md", "docs/draft-2.md", "docs/keep.md", "Temp/t.md", "x/temp/t.md", "root-only.md",
             "desk/root-only.md", "nested/one/n.md", "nested/n.md", "!bang.md", "spaced.md", "desk/local.md",
             "local.md", "desk/sub/deep/y.md", "desk/deep/z.md"]
    repo = _layout(tmp_path / "repo", files=[f for f in FILES if not f.startswith(tuple(SKIPPED_FOLDERS) + (".",))]
                   + extra, ignore_files=tricky)
    listed = _git("ls-files", "--others", "--exclude-standard", "-z", cwd=repo).split("\0")
    by_git = sorted(p for p in listed if p and format_for(p))
    assert _found(repo) == by_git
    assert "desk/sub/x.html" in by_git and "docs/keep.md" in by_git and "docs/draft-2.md" not in by_git


def test_only_the_repository_and_the_tree_are_read(tmp_path):
    # A .gitignore above the repository root is not git's: it is not read.
    (tmp_path / "outer").mkdir()
    (tmp_path / "outer" / ".gitignore").write_text("*.md\n", encoding="utf-8")
    repo = _layout(tmp_path / "outer" / "repo", files=["a.md", "b.txt"], ignore_files={})
    assert _found(repo) == ["a.md", "b.txt"]


def test_outside_a_repository_only_ignore_files_count(tmp_path):
    assert repository_root(str(tmp_path)) is None  # the test's own folder is in no repository
    plain = _layout(tmp_path / "plain", files=["a.md", "b.md", "c.txt"], repo=False,
                    ignore_files={".gitignore": "a.md\n", ".ignore": "b.md\n"})
    assert _found(plain) == ["a.md", "c.txt"]


def test_a_nested_repository_has_its_own_rules(tmp_path):
    repo = _layout(tmp_path / "repo", files=["a.md", "vendor/style/guide.md", "vendor/style/x.tmp.md"],
                   ignore_files={".gitignore": "guide.md\n", "vendor/style/.gitignore": "*.tmp.md\n"})
    _git("init", "-q", ".", cwd=repo / "vendor" / "style")
    assert _found(repo) == ["a.md", "vendor/style/guide.md"]


def _checked(result) -> list[str]:
    return sorted({record["path"] for record in json.loads(result.stdout)})


def test_cli_flag_and_setting(tmp_path):
    repo = _layout(tmp_path / "repo")
    assert _checked(run_cli("check", "--format", "json", ".", cwd=repo)) == [f"./{p}" for p in FOUND]
    off = [f"./{p}" for p in FOUND_ALL]
    assert _checked(run_cli("check", "--format", "json", "--no-respect-gitignore", ".", cwd=repo)) == off
    (repo / ".copydesk.toml").write_text("respect-gitignore = false\n", encoding="utf-8")
    assert _checked(run_cli("check", "--format", "json", ".", cwd=repo)) == off
    on = run_cli("check", "--format", "json", "--respect-gitignore", ".", cwd=repo)
    assert _checked(on) == [f"./{p}" for p in FOUND]
    named = run_cli("check", "--format", "json", "x.tmp.md", "desk/drafts", cwd=repo)
    assert _checked(named) == ["desk/drafts/d.md", "x.tmp.md"]


@pytest.mark.parametrize("value,shown", [('"no"', "'no'"), ("0", "0")])
def test_respect_gitignore_must_be_true_or_false(tmp_path, value, shown):
    config = tmp_path / ".copydesk.toml"
    config.write_text(f"respect-gitignore = {value}\n", encoding="utf-8")
    (tmp_path / "a.md").write_text(DOUBLED, encoding="utf-8")
    result = run_cli("check", str(tmp_path / "a.md"))
    assert result.returncode == 2
    assert result.stderr.decode() == f"copydesk: error: {config}: respect-gitignore must be true or false, not {shown}\n"
