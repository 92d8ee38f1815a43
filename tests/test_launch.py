"""The `copydesk` command's start (lint/launch.py) and the package's import."""

from __future__ import annotations

from conftest import run_python

_AFTER_START = """
import gc, sys
from lint import launch
sys.argv = ["copydesk", "rules"]
try:
    launch.main()
except SystemExit as exc:
    code = exc.code
print(code, gc.isenabled(), gc.get_freeze_count() > 1000, "lint.checks.negation" in sys.modules, file=sys.stderr)
"""


def test_the_command_collects_garbage_again_once_started():
    # A long run (the language server, watch mode) must not go on without the collector.
    result = run_python(_AFTER_START)
    assert result.stderr.splitlines()[-1] == "0 True True True"
    assert "DUP001" in result.stdout


def test_importing_the_package_loads_no_rules_until_asked():
    result = run_python("import sys, lint\nprint(lint.__version__, 'lint.core.engine' in sys.modules)\n"
                     "from lint import check_text\nprint([d.code for d in check_text('The U.S.U.S. team.\\n')])")
    from lint import __version__

    assert result.stdout.splitlines() == [f"{__version__} False", "['DUP001']"]


def test_ctrl_c_while_starting_is_one_line_and_130():
    # A real SIGINT, sent while the built-in rules load.
    code = ("import os, signal, sys, time\nimport lint.run.registry as registry\nreal = registry.default_registry\n"
            "def interrupted():\n    os.kill(os.getpid(), signal.SIGINT)\n    time.sleep(5)\n    return real()\n"
            "registry.default_registry = interrupted\nsys.argv = ['copydesk', 'rules']\n"
            "from lint import launch\nsys.exit(launch.main())\n")
    result = run_python(code)
    assert (result.returncode, result.stderr, result.stdout) == (130, "copydesk: error: interrupted\n", "")
