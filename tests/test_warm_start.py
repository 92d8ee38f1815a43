"""A fresh copy of copydesk where Python writes no bytecode keeps its pack
and pattern caches in the per-user cache folder: the second start reads
them (no YAML parsed, no pattern compiled), and nothing is written into
the installation."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from conftest import ROOT

_PROBE = """
import sys, regex
compiled = []
real = regex.compile
regex.compile = lambda *a, **k: compiled.append(a[0]) or real(*a, **k)
sys.argv = ["copydesk", "check", "--no-cache", sys.argv[1]]
try:
    from lint.cli import main
    main()
except SystemExit:
    pass
print("yaml" in sys.modules, len(compiled))
"""


def _fresh_copy(tmp_path):
    """lint/ and rules/ as a wheel installs them, without any cache."""
    install = tmp_path / "site"
    shutil.copytree(ROOT / "lint", install / "lint", ignore=shutil.ignore_patterns("__pycache__", "rules"))
    shutil.copytree(ROOT / "rules", install / "lint" / "rules", ignore=shutil.ignore_patterns("__pycache__"))
    return install


def test_without_bytecode_the_caches_live_in_the_user_cache_folder(tmp_path):
    install, home = _fresh_copy(tmp_path), tmp_path / "cache"
    article = tmp_path / "story.txt"
    article.write_text("The U.S.U.S. team met.  It rained in  the the city.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(install), "PYTHONDONTWRITEBYTECODE": "1", "XDG_CACHE_HOME": str(home)}
    runs = [subprocess.run([sys.executable, "-c", _PROBE, str(article)], env=env, capture_output=True, text=True,
                           cwd=tmp_path) for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr
    (yaml_first, compiled_first), (yaml_again, compiled_again) = [r.stdout.splitlines()[-1].split() for r in runs]
    assert yaml_first == "True" and int(compiled_first) > 0
    assert yaml_again == "False" and compiled_again == "0"
    written = sorted(p.name for p in (home / "copydesk").rglob("*") if p.is_file())
    assert any(name.startswith("patterns.") for name in written) and any(".yml." in name for name in written)
    assert not list(install.rglob("__pycache__"))
    (folder,) = (home / "copydesk").iterdir()  # one installation's, which names it
    assert (folder / "origin").read_text(encoding="utf-8") == str((install / "lint").resolve())
