"""Runs stopped by SIGTERM or SIGINT, and output that cannot be written
whole: real processes, real signals, real file size limits."""

from __future__ import annotations

import os
import random
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import copydesk_exe

WORDS = "the minister said that talks would resume next week in brussels officials".split()


def _article(rng: random.Random, paragraphs: int) -> str:
    return "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(60)) + " U.S.U.S. end." for _ in range(paragraphs)) + "\n"


def _processes_naming(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker in (entry / "cmdline").read_bytes().decode(errors="replace"):
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


def _rewritten(folder: Path, before: dict[str, int]) -> bool:
    for name, mtime in before.items():
        try:
            if (folder / name).stat().st_mtime_ns != mtime:
                return True
        except FileNotFoundError:  # between a rename and the next stat
            pass
    return False


def _wait_until(predicate, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()


@pytest.mark.parametrize("to", ["parent", "group"])  # `kill $!`, or Ctrl-C in a terminal (every process of the run)
@pytest.mark.parametrize("signum,code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_stops_the_workers_and_leaves_every_file_old_or_new(tmp_path, signum, code, to):
    folder = tmp_path / f"desk-{signum}"
    folder.mkdir()
    rng = random.Random(signum)
    originals = {}
    for i in range(300):
        text = _article(rng, 100)
        (folder / f"story{i:03}.txt").write_text(text, encoding="utf-8")
        originals[f"story{i:03}.txt"] = text
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    run = subprocess.Popen([copydesk_exe(), "fix", "--no-cache", "--jobs", "2", "--select", "DUP001", str(folder)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    # Signal once the first files have been rewritten: the run is under way.
    assert _wait_until(lambda: _rewritten(folder, before), 60)
    signalled = time.monotonic()
    if to == "group":
        os.killpg(run.pid, signum)
    else:
        run.send_signal(signum)
    _, stderr = run.communicate(timeout=60)
    assert time.monotonic() - signalled < 4  # the workers stop at once, not after a grace period
    assert run.returncode == code, stderr
    assert stderr.decode() == "copydesk: error: interrupted: files being fixed were left as they were\n"
    assert _wait_until(lambda: not _processes_naming(str(folder)), 10)  # no worker goes on writing
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(originals)  # no temporary file left behind
    states = {"old" if (folder / n).read_text(encoding="utf-8") == originals[n] else "new" for n in names}
    for n in names:
        text = (folder / n).read_text(encoding="utf-8")
        assert text in (originals[n], originals[n].replace("U.S.U.S.", "U.S."))
    assert states == {"old", "new"}  # stopped part way


WRITER = """
import sys, time
from lint.run import interrupt
from lint.run.files import replacing
interrupt.catch_termination()
with replacing(sys.argv[1]) as handle:
    for _ in range(400):  # 40 MB, slowly, as a full disk or a network share writes
        handle.write(b"x" * 100_000)
        time.sleep(0.01)
"""


def test_a_file_stopped_while_it_is_written_is_left_as_it_was(tmp_path):
    """SIGTERM in the middle of writing a large fixed file: the temporary
    file goes, the original stays."""
    path = tmp_path / "archive.txt"
    path.write_text("The original archive.\n", encoding="utf-8")
    run = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stderr=subprocess.PIPE)
    temporary = lambda: [p for p in tmp_path.iterdir() if p.name.startswith(".copydesk-")]  # noqa: E731
    assert _wait_until(lambda: temporary() and temporary()[0].stat().st_size > 1_000_000, 30)
    run.send_signal(signal.SIGTERM)
    run.communicate(timeout=30)
    assert run.returncode != 0
    assert [p.name for p in tmp_path.iterdir()] == ["archive.txt"]
    assert path.read_text(encoding="utf-8") == "The original archive.\n"


def _limited(megabytes: float):
    """Run the child under a file size limit (ulimit -f)."""
    limit = int(megabytes * 1_000_000)
    return lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


@pytest.mark.parametrize("args,limit", [(["fix", "-"], 0.5), (["check", "--format", "json", "-"], 0.2)])
def test_output_cut_short_by_a_size_limit_fails_the_run(tmp_path, args, limit):
    text = _article(random.Random(3), 3000)  # about 1.2 MB, and its findings more
    out = tmp_path / "out"
    with open(out, "wb") as handle:
        result = subprocess.run([copydesk_exe(), *args[:1], "--no-cache", "--select", "DUP001", *args[1:]],
                                input=text.encode(), stdout=handle, stderr=subprocess.PIPE,
                                preexec_fn=_limited(limit), timeout=120)
    assert result.returncode == 2
    assert "copydesk: error: the output was not written completely: File too large" in result.stderr.decode()
    assert out.stat().st_size == limit * 1_000_000


def test_a_report_file_cut_short_fails_the_run(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(_article(random.Random(4), 3000), encoding="utf-8")
    result = subprocess.run([copydesk_exe(), "check", "--no-cache", "--select", "DUP001", "--format", "json",
                             "-o", str(tmp_path / "report.json"), str(story)],
                            capture_output=True, preexec_fn=_limited(0.2), timeout=120)
    assert result.returncode == 2
    assert result.stderr.decode().strip() == "copydesk: error: the output was not written completely: File too large"


@pytest.mark.parametrize("size", [3000, 8000])  # about 1.2 MB: fixed whole; over 2 MB: fixed as it is read
def test_a_file_fixed_in_place_past_a_size_limit_is_left_as_it_was(tmp_path, size):
    path = tmp_path / "archive.txt"
    path.write_text(_article(random.Random(8), size), encoding="utf-8")
    other = tmp_path / "other.txt"
    other.write_text("The U.S.U.S. team.\n", encoding="utf-8")
    before = path.read_bytes()
    result = subprocess.run([copydesk_exe(), "fix", "--no-cache", "-q", "--select", "DUP001", str(path), str(other)],
                            capture_output=True, preexec_fn=_limited(0.5), timeout=300)
    assert result.returncode == 2
    assert result.stderr.decode() == f"copydesk: error: {path}: not written: File too large\n"
    assert path.read_bytes() == before
    assert other.read_text(encoding="utf-8") == "The U.S. team.\n"  # the rest of the run goes on
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive.txt", "other.txt"]


def test_a_long_file_fixed_as_it_is_read_is_left_whole_when_stopped(tmp_path):
    """SIGTERM while a long file's fixed segments are being written: the
    file keeps its old text and no temporary file is left."""
    rng = random.Random(7)
    path = tmp_path / "archive.txt"
    path.write_text(_article(rng, 8000), encoding="utf-8")  # over 2 MB: fixed as it is read
    before = path.read_bytes()
    assert len(before) > 2 << 20
    process = subprocess.Popen([copydesk_exe(), "fix", "--no-cache", "-j1", str(path)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def writing() -> bool:
        try:
            return any(p.name.endswith(".tmp") and p.stat().st_size for p in tmp_path.iterdir())
        except FileNotFoundError:
            return False

    assert _wait_until(writing, 120)
    process.send_signal(signal.SIGTERM)
    assert process.wait(60) == 143
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["archive.txt"]
