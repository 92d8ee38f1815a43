"""The pack and pattern caches, built into the wheel: the build's hook
(pyproject.toml, [tool.hatch.build.targets.wheel.hooks.custom]).

Without them, the first start of an installation parses the packs and
compiles the patterns it reaches, more than half that start's time; where
Python writes no bytecode, it also has to keep them in the per-user folder
(datacache.per_user). So the build lays the package out as the wheel
installs it, in a temporary folder, runs copydesk there over the
articles in samples/, as text, Markdown and a web page, and over a table
of figures (which makes the caches beside the copy's files, as any run
does), and adds the caches it finds to the wheel at the same places.

They fit the installation they land in: a pack's cache is keyed by its
file's size and checksum, the pattern cache's name by the Python and the
`regex` engine that made it (the build environment installs the project's
own dependencies). Where they do not fit (another Python, another
`regex`), they are simply not read. A build whose run fails still makes a
wheel, without the caches, and says so.

hatchling loads this file on its own, not as part of the package, and
calls get_build_hook().
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def build_caches(root: Path, stage: Path) -> dict[str, str]:
    """Run copydesk from `root` over its samples in a copy laid out as the
    wheel installs it, under `stage`. The caches made there, as hatchling's
    force_include: {file made: its path in the wheel}. Raises RuntimeError
    when the run fails."""
    package = stage / "site" / "lint"
    shutil.copytree(root / "lint", package, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(root / "rules", package / "rules", ignore=shutil.ignore_patterns("__pycache__"))
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    # (after the copy, the build environment's own path: pip's isolated builds
    # reach their packages through it)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(package.parent), env.get("PYTHONPATH")]))
    env["XDG_CACHE_HOME"] = str(stage / "user-cache")
    command = [sys.executable, "-c", "from lint.launch import main; main()", "check", "--no-cache",
               "--exit-zero", "-j1", "--quiet", str(_inputs(root / "samples", stage / "inputs"))]
    done = subprocess.run(command, cwd=stage, env=env, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError((done.stderr.strip().splitlines() or [f"exit code {done.returncode}"])[-1])
    return {str(cache): cache.relative_to(package.parent).as_posix() for cache in sorted(package.rglob("*.marshal"))}


# A table of figures (markets, results), in Markdown and in plain text: on
# its rows, which are not prose, the boilerplate rules try patterns that no
# paragraph of the samples reaches.
_FIGURES = {"figures.md": "# Markets\n\nShares rose on Monday.\n\n| Symbol | Price | Change |\n|---|---|---|\n"
                          "| ACME | 12.40 | -5.44% |\n| BETA | 3.10 | 1.2% |\n",
            "figures.txt": "Markets\n\nShares rose on Monday.\n\nACME 12.40 -5.44%\nBETA 3.10 1.2%\n"}


def _inputs(samples: Path, folder: Path) -> Path:
    """The sample articles, each also as Markdown and as a web page, and a
    table of figures: the shapes a first start meets."""
    folder.mkdir()
    for name, text in _FIGURES.items():
        (folder / name).write_text(text, encoding="utf-8")
    for sample in samples.glob("*.txt"):
        text = sample.read_text(encoding="utf-8")
        (folder / sample.name).write_text(text, encoding="utf-8")
        (folder / f"{sample.stem}.md").write_text(text, encoding="utf-8")
        paragraphs = "".join(f"<p>{html.escape(p)}</p>\n" for p in text.split("\n\n"))
        (folder / f"{sample.stem}.html").write_text(f"<html><body><article>{paragraphs}</article></body></html>\n",
                                                   encoding="utf-8")
    return folder


def get_build_hook():
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface

    class WheelCaches(BuildHookInterface):
        def initialize(self, version: str, build_data: dict) -> None:
            if version == "editable":  # an editable install writes its caches beside the source
                return
            self._stage = tempfile.mkdtemp(prefix="copydesk-wheelcaches-")
            try:
                build_data["force_include"].update(build_caches(Path(self.root), Path(self._stage)))
            except (OSError, RuntimeError, subprocess.SubprocessError) as error:
                self.app.display_warning(f"copydesk: the wheel goes without its caches ({error})")

        def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
            if version != "editable":
                shutil.rmtree(self._stage, ignore_errors=True)

    return WheelCaches
