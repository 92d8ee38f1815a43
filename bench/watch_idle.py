"""CPU an idle `copydesk check --watch` takes over a desk of many files.

    python bench/watch_idle.py                 # 2,000 files in 20 folders
    python bench/watch_idle.py --files 5000 --seconds 30

Makes a desk of short articles in a temporary folder, starts `copydesk
check --watch` on it (the console script beside this interpreter), waits
for the first report, then reads the process's CPU time (Linux /proc) over
`--seconds` in which nothing changes. The share of one core is printed.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()
    exe = Path(sys.executable).with_name("copydesk")
    with tempfile.TemporaryDirectory() as desk:
        for i in range(args.files):
            folder = Path(desk, f"d{i % 20}")
            folder.mkdir(exist_ok=True)
            (folder / f"s{i}.txt").write_text(f"Story {i} of the day, the mayor said.\n", encoding="utf-8")
        proc = subprocess.Popen([str(exe), "check", "--watch", "--no-cache", "."], cwd=desk,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        try:
            while " checked" not in proc.stdout.readline().decode():
                pass
            time.sleep(1.0)
            before = cpu_seconds(proc.pid)
            time.sleep(args.seconds)
            used = cpu_seconds(proc.pid) - before
        finally:
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=30)
    print(f"idle --watch over {args.files} files: {100 * used / args.seconds:.1f}% of a core "
          f"({used:.2f} s CPU in {args.seconds:.0f} s)")


if __name__ == "__main__":
    main()
