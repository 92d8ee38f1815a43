"""The wheel carries copydesk's pack and pattern caches, so the first start
of an installation parses no YAML and compiles no pattern. A copy without
them, where Python writes no bytecode, keeps them in the per-user cache
folder: the second start reads them, and nothing is written into the
installation."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLES, cacheless_copy

from lint.speed import datacache, patterncache, wheelcaches

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


def test_without_bytecode_the_caches_live_in_the_user_cache_folder(tmp_path):
    install, home = cacheless_copy(tmp_path / "site"), tmp_path / "cache"
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


def _built_wheel(source: Path, folder: Path) -> Path:
    """The wheel pip builds from `source` (a checkout or an sdist; the
    build's hook included), where Python writes no bytecode, as in many
    container images."""
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                           "--wheel-dir", str(folder), str(source)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert done.returncode == 0, done.stderr
    (wheel,) = folder.glob("copydesk-*.whl")
    return wheel


def _caches(wheel: Path) -> list[str]:
    with zipfile.ZipFile(wheel) as archive:
        return sorted(name for name in archive.namelist() if name.endswith(".marshal"))


# Every cache a wheel carries: one for each YAML file, and the patterns'.
_EVERY_CACHE = sorted([Path("lint/rules", path.parent.relative_to(ROOT / "rules"), "__pycache__",
                            f"{path.name}.{datacache._TAG}.marshal").as_posix()
                       for path in (ROOT / "rules").rglob("*.yml")] + [f"lint/speed/__pycache__/{patterncache.PATH.name}"])


def test_the_wheel_carries_the_caches_so_even_the_first_start_is_warm(tmp_path):
    wheel = _built_wheel(ROOT, tmp_path / "dist")
    assert _caches(wheel) == _EVERY_CACHE
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tmp_path / "site")
    install, home = tmp_path / "site", tmp_path / "cache"
    env = {**os.environ, "PYTHONPATH": str(install), "PYTHONDONTWRITEBYTECODE": "1", "XDG_CACHE_HOME": str(home)}
    # text, Markdown, a web page, and a table of figures (Markdown, text)
    articles = sorted(wheelcaches._inputs(SAMPLES, tmp_path / "shapes").iterdir())
    assert [a.name for a in articles][:2] == ["figures.md", "figures.txt"]
    assert [a.suffix for a in articles][2:] == [".html", ".md", ".txt"] * 2
    for article in articles:
        first = subprocess.run([sys.executable, "-c", _PROBE, str(article)], env=env,
                               capture_output=True, text=True, cwd=tmp_path)
        assert first.returncode == 0, first.stderr
        assert first.stdout.splitlines()[-1] == "False 0", article  # no YAML parsed, no pattern compiled
    assert not home.exists()  # and nothing kept per user


def test_a_wheel_built_from_the_sdist_carries_them_too(tmp_path):
    """What pip does where no wheel is published: the sdist holds what the build's run needs."""
    done = subprocess.run([sys.executable, "-m", "hatchling", "build", "--target", "sdist", "--directory",
                           str(tmp_path / "sdist")], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    (sdist,) = (tmp_path / "sdist").glob("copydesk-*.tar.gz")
    assert _caches(_built_wheel(sdist, tmp_path / "dist")) == _EVERY_CACHE


def test_a_build_whose_run_fails_says_why(tmp_path):
    root = tmp_path / "source"
    for folder in ("lint", "rules", "samples"):
        shutil.copytree(ROOT / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (root / "rules" / "style.yml").write_text("rules: [unclosed\n", encoding="utf-8")
    (tmp_path / "stage").mkdir()
    with pytest.raises(RuntimeError, match="style.yml"):
        wheelcaches.build_caches(root, tmp_path / "stage")
