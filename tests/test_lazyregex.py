"""`regex` in two steps (lint/speed/lazyregex.py): the flags copydesk keeps
are regex's own, the engine loaded alone is the one `regex` then uses, and
a start whose patterns all come from the cache never imports regex's
compiler."""

from __future__ import annotations

import os

import pytest
import regex as real
from conftest import ROOT, cacheless_copy, run_python

from lint.speed import lazyregex


@pytest.mark.parametrize("name", [n for n in vars(lazyregex._Regex) if n.isupper()])
def test_each_flag_is_regexs_own(name):
    assert getattr(lazyregex.regex, name) == int(getattr(real, name))


def test_any_other_name_is_regexs():
    assert lazyregex.regex.compile is real.compile and lazyregex.regex.error is real.error


def _python(code: str, env: dict | None = None, cwd=ROOT) -> str:
    out = run_python(code, env, cwd)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_the_engine_loaded_alone_is_the_one_regex_then_takes():
    assert _python(
        "import sys\n"
        "from lint.speed.lazyregex import engine\n"
        "alone = engine()\n"
        "print('regex' in sys.modules, 'regex._regex_core' in sys.modules)\n"
        "from lint.speed.lazyregex import regex as stand_in\n"
        "span = stand_in.compile('a+').search('baa').span()\n"
        "import regex, regex._main\n"
        "print(regex._main._regex is alone, regex._regex is alone, span)\n"
    ) == "False False\nTrue True (1, 3)"


def test_a_start_from_the_cache_does_not_import_regexs_compiler(tmp_path):
    # An installation without caches, which keeps them in the per-user folder.
    env = {**os.environ, "PYTHONPATH": str(cacheless_copy(tmp_path / "site")), "XDG_CACHE_HOME": str(tmp_path),
           "PYTHONDONTWRITEBYTECODE": "1"}
    suggestion = tmp_path / "pin.txt"  # a proselint finding with a suggested replacement
    suggestion.write_text("Enter your pin number at the machine, he said, and it worked.\n", encoding="utf-8")

    def regex_modules(article) -> str:
        run = ("import sys\nfrom lint.cli import main\n"
               f"try:\n    main(['check', '--no-cache', '--quiet', {str(article)!r}])\nexcept SystemExit:\n    pass\n"
               "print(sorted(m for m in sys.modules if m.startswith('regex')))\n")
        return _python(run, env, tmp_path).splitlines()[-1]  # (after the report)

    seed = ROOT / "samples" / "us-warns-china.txt"
    assert "regex._regex_core" in regex_modules(seed)  # compiled the patterns (and cached them)
    assert regex_modules(seed) == "['regex._regex']"
    regex_modules(suggestion)  # its own patterns compiled and cached
    assert regex_modules(suggestion) == "['regex._regex']"
