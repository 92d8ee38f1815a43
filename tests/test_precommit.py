"""The real `pre-commit try-repo` against this repository's hooks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

PRE_COMMIT = Path(sys.executable).parent / "pre-commit"
BAD = "Headline\n\nThe U.S.U.S. side said so.  \n\nLeave a Reply"


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    home = tmp_path_factory.mktemp("pre-commit-home")
    return {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}


@pytest.fixture
def repo(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "story.md").write_text(BAD, encoding="utf-8")
    subprocess.run(["git", "add", "story.md"], cwd=tmp_path, check=True)
    return tmp_path


def _try(hook: str, repo: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([str(PRE_COMMIT), "try-repo", str(ROOT), hook, "--files", "story.md"],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=900)


def test_check_hook_fails_on_bad_article(repo, env):
    result = _try("copydesk", repo, env)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "story.md:3:5: error DUP001 'U.S.' is written twice [*]" in result.stdout
    assert (repo / "story.md").read_text(encoding="utf-8") == BAD


def test_fix_hook_repairs_article(repo, env):
    result = _try("copydesk-fix", repo, env)
    assert result.returncode == 1, result.stdout + result.stderr  # files were modified
    assert "files were modified by this hook" in result.stdout
    assert (repo / "story.md").read_text(encoding="utf-8") == "Headline\n\nThe U.S. side said so.\n"
    rerun = _try("copydesk-fix", repo, env)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
