"""Shared helpers: fixture loading and running copydesk as a user would."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml

# copydesk keeps caches in the per-user cache folder where Python writes no
# bytecode: the suite's own (and those of the processes it starts) go to a
# folder of the session's, never to the user's ~/.cache. Set before copydesk
# is imported, which reads it once.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="copydesk-tests-cache-")
atexit.register(shutil.rmtree, os.environ["XDG_CACHE_HOME"], True)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLES = ROOT / "samples"


def _corpora() -> Path:
    """The shared corpora: $COPYDESK_CORPORA, or ../shared/corpora beside the checkout."""
    for candidate in (os.environ.get("COPYDESK_CORPORA"), ROOT.parent / "shared" / "corpora", "/work/shared/corpora"):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    raise RuntimeError("corpora not found: set COPYDESK_CORPORA to the shared corpora folder")


CORPORA = _corpora()


def copydesk_exe() -> str:
    """The installed console script, next to the running interpreter."""
    exe = Path(sys.executable).parent / ("copydesk.exe" if os.name == "nt" else "copydesk")
    assert exe.exists(), f"copydesk is not installed in {exe.parent}; run the README's test command"
    return str(exe)


def run_cli(*args: str, input: bytes | None = None, cwd: str | Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run([copydesk_exe(), *args], input=input, capture_output=True, cwd=cwd, env=env, timeout=120)


def run_as_other_user(*args: str) -> subprocess.CompletedProcess:
    """copydesk run as uid 1000 where the suite runs as root, whose right to
    read and write anywhere a permission test must not have."""
    as_user = ["unshare", "--user", "--map-user=1000", "--map-group=1000"] if os.geteuid() == 0 else []
    return subprocess.run([*as_user, copydesk_exe(), *args], capture_output=True, timeout=120)


def run_python(code: str, env: dict | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """`python -c code` in a process of its own, from the checkout (`cwd`
    comes first on the path)."""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd, env=env, timeout=120)


def cacheless_copy(folder: Path) -> Path:
    """lint/ and rules/ laid out in `folder` as a wheel installs them, but
    without a pack or pattern cache (a wheel carries them): the folder to
    put on PYTHONPATH."""
    shutil.copytree(ROOT / "lint", folder / "lint", ignore=shutil.ignore_patterns("__pycache__", "rules"))
    shutil.copytree(ROOT / "rules", folder / "lint" / "rules", ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def load_fixture(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def fixture_settings(case: dict):
    """A fixture case may give the run it is part of (BOIL018): `recurring:
    {files: N, lines: {paragraph: files holding it}}`; else None."""
    run = case.get("recurring")
    if run is None:
        return None
    from lint.core.recurring import Recurring, line_key
    from lint.run.config import Settings

    return Settings(recurring=Recurring({line_key(text): n for text, n in run["lines"].items()}, run["files"]))


def span_of(text: str, expect: dict) -> tuple[int, int]:
    """An expected span: `span: [s, e]`, or `at: substring` / `at: [substring, n]`."""
    if "span" in expect:
        return tuple(expect["span"])
    needle, nth = (expect["at"], 1) if isinstance(expect["at"], str) else expect["at"]
    pos = -1
    for _ in range(nth):
        pos = text.index(needle, pos + 1)
    return pos, pos + len(needle)


@pytest.fixture
def cli():
    return run_cli
