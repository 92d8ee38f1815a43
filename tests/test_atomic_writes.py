"""`fix` replaces files atomically: a failure leaves the original intact."""

from __future__ import annotations

import os
import subprocess

import pytest
from conftest import copydesk_exe, run_as_other_user

from lint.core import atomic
from lint.run import files
from lint.run.files import InputError, write_atomic
from lint.speed.datacache import write_quietly

ORIGINAL = b"The U.S.U.S. side said so. \n"
FIXED = b"The U.S. side said so.\n"


def test_failure_between_write_and_rename_keeps_the_original(tmp_path, monkeypatch):
    target = tmp_path / "story.txt"
    target.write_bytes(ORIGINAL)

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", broken_replace)
    with pytest.raises(InputError, match="not written: No space left on device"):
        write_atomic(str(target), FIXED)
    assert target.read_bytes() == ORIGINAL
    assert os.listdir(tmp_path) == ["story.txt"]  # the temporary file is gone too


def test_failure_while_writing_keeps_the_original(tmp_path, monkeypatch):
    target = tmp_path / "story.txt"
    target.write_bytes(ORIGINAL)

    def broken_fsync(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(files.os, "fsync", broken_fsync)
    with pytest.raises(InputError):
        write_atomic(str(target), FIXED)
    assert target.read_bytes() == ORIGINAL
    assert os.listdir(tmp_path) == ["story.txt"]


def test_two_fix_runs_at_once_leave_a_valid_result(tmp_path):
    targets = []
    for i in range(20):
        target = tmp_path / f"story{i}.txt"
        target.write_bytes(ORIGINAL)
        targets.append(str(target))
    runs = [subprocess.Popen([copydesk_exe(), "fix", "--no-cache", "--jobs", "1", *targets],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    for run in runs:
        _, stderr = run.communicate(timeout=120)
        # A file the other run rewrote after this one read it is refused by name, never overwritten.
        refused = [line for line in stderr.decode().splitlines() if line.startswith("copydesk: error:")]
        assert run.returncode == (2 if refused else 0)
        assert all(line.endswith(": changed while it was being fixed: not written (run fix again)") for line in refused)
    for target in targets:
        with open(target, "rb") as handle:
            assert handle.read() == FIXED
    assert sorted(os.listdir(tmp_path)) == sorted(os.path.basename(t) for t in targets)


def test_folder_that_refuses_a_temporary_file_is_reported(tmp_path):
    # A file anyone may write, in a folder no one but root may add to: run as another user.
    desk = tmp_path / "desk"
    desk.mkdir()
    target = desk / "story.txt"
    target.write_bytes(ORIGINAL)
    target.chmod(0o666)
    desk.chmod(0o555)
    try:
        result = run_as_other_user("fix", "--no-cache", str(target))
    finally:
        desk.chmod(0o755)
    assert result.stderr.decode() == f"copydesk: error: {target}: cannot write beside it: Permission denied\n"
    assert result.returncode == 2
    assert target.read_bytes() == ORIGINAL
    assert os.listdir(desk) == ["story.txt"]


def test_an_interruption_while_writing_leaves_the_original_and_no_new_file(tmp_path):
    target = tmp_path / "story.txt"
    target.write_bytes(ORIGINAL)
    with pytest.raises(KeyboardInterrupt):
        with atomic.replacing(str(target)) as handle:
            handle.write(FIXED)
            raise KeyboardInterrupt
    assert target.read_bytes() == ORIGINAL
    assert os.listdir(tmp_path) == ["story.txt"]


def test_a_check_before_the_rename_can_stop_it(tmp_path):
    target = tmp_path / "story.txt"
    target.write_bytes(ORIGINAL)
    seen = []

    def refuse(new):
        seen.append(open(new, "rb").read())  # written whole and flushed before the check
        raise InputError("changed")

    with pytest.raises(InputError):
        with atomic.replacing(str(target), before=refuse) as handle:
            handle.write(FIXED)
    assert seen == [FIXED]
    assert target.read_bytes() == ORIGINAL
    assert os.listdir(tmp_path) == ["story.txt"]


def test_a_cache_is_written_readable_as_bytecode_is(tmp_path):
    """Caches beside the package are read by every user of an installation:
    their mode is the umask's, not the 0600 of a fixed article's new file."""
    umask = os.umask(0o022)
    try:
        assert write_quietly(tmp_path / "cache" / "x.marshal", b"data", parents=True)
    finally:
        os.umask(umask)
    assert (tmp_path / "cache" / "x.marshal").read_bytes() == b"data"
    assert (tmp_path / "cache" / "x.marshal").stat().st_mode & 0o777 == 0o644
    assert os.listdir(tmp_path / "cache") == ["x.marshal"]
