"""The `copydesk` command's entry point.

Starting copydesk makes many objects that live as long as the process
(modules, rules, compiled patterns) and almost no garbage, so the garbage
collector's passes over them while they are made are wasted: the collector
is paused while the command line and the built-in rules load, and what
they made is then frozen out of its later passes (gc.freeze). A program
that imports copydesk as a library keeps its collector as it was.

`copydesk fix -` stopped by an error hands back what it has not read of
its input (cli.hand_back_stdin): a filter never swallows the copy.
"""

import gc
import sys


def main():
    gc.disable()
    try:
        from .cli import main as command
        from .run.registry import default_registry

        try:
            default_registry()  # nearly every command needs the built-in rules
        except Exception:  # noqa: BLE001  (the command meets it again and reports it in one line)
            pass
    except KeyboardInterrupt:  # Ctrl-C while starting: nothing was read or written yet
        print("copydesk: error: interrupted", file=sys.stderr)
        return 130
    finally:
        gc.freeze()
        gc.enable()
    try:
        return command()
    except SystemExit as exc:
        if exc.code == 2:  # copydesk's error exit, or a usage error click reported
            from .cli import hand_back_stdin

            hand_back_stdin(sys.argv[1:])
        raise
