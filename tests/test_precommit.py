"""The real `pre-commit try-repo` against this repository's hooks."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLES

SEED, SEED_FIXED = SAMPLES / "us-warns-china.txt", SAMPLES / "us-warns-china.fixed.txt"

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


def _snapshot_of_this_checkout(tmp_path: Path) -> tuple[Path, str]:
    """This checkout as it is now (tracked and new files), committed in a
    repository of its own, as pre-commit fetches a hook repository."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, check=True,
                            capture_output=True).stdout.decode().split("\0")
    src = tmp_path / "copydesk-src"
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, src / name)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=src, check=True)
    subprocess.run(["git", "add", "-A"], cwd=src, check=True)
    subprocess.run([*git, "commit", "-qm", "snapshot"], cwd=src, check=True)
    sha = subprocess.run(["git", "rev-parse", "HEAD"], cwd=src, check=True, capture_output=True, text=True).stdout
    return src, sha.strip()


def test_the_readmes_example_works_as_written(repo, env, tmp_path):
    """The README's .pre-commit-config.yaml, pointed at this checkout: the
    fix hook repairs and prints nothing, the check hook reports what
    remains, once, with one summary line."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = re.search(r"## Pre-commit\n.*?```yaml\n(.*?)```", readme, re.S).group(1)
    src, sha = _snapshot_of_this_checkout(tmp_path)
    config = re.sub(r"repo: \S+", f"repo: {src}", re.sub(r"rev: \S+", f"rev: {sha}", example))
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    (repo / "story.md").unlink()
    (repo / "story.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    result = subprocess.run([str(PRE_COMMIT), "run", "--all-files"], cwd=repo, env=env, capture_output=True,
                            text=True, timeout=900)
    out = result.stdout
    assert result.returncode == 1, out + result.stderr
    assert out.index("copydesk (fix article copy)") < out.index("copydesk (check article copy)")
    assert "files were modified by this hook" in out
    remaining = [line for line in out.splitlines() if line.startswith("story.txt:")]
    assert [line.split()[2] for line in remaining] == ["STY001", "NEG002", "NEG001", "CAP002", "PUNC001", "NEG004"]
    assert len([line for line in out.splitlines() if " checked; " in line]) == 1
    assert (repo / "story.txt").read_text(encoding="utf-8") == SEED_FIXED.read_text(encoding="utf-8")
