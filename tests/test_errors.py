"""Bad input of every kind: one line naming the file and the reason, exit
code 2, and the other files still checked. No traceback."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import copydesk_exe, run_as_other_user, run_cli

GOOD = "The U.S.U.S. side.\n"


def _codes(result) -> list[str]:
    return [r["code"] for r in json.loads(result.stdout)]


def _one_line(result, expected: str) -> None:
    assert result.returncode == 2
    assert "Traceback" not in result.stderr.decode()
    assert expected in result.stderr.decode().splitlines()


def test_a_symlink_loop(tmp_path):
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = run_cli("check", "--no-cache", "--format", "json", "loop.txt", "good.txt", cwd=tmp_path)
    _one_line(result, "copydesk: error: loop.txt: Too many levels of symbolic links")
    assert _codes(result) == ["DUP001"]


@pytest.mark.parametrize("value,reason", [
    ("3", "fail-on: unknown severity 3 (use error, warning or info)"),
    ("true", "fail-on: unknown severity True (use error, warning or info)"),
])
def test_fail_on_of_the_wrong_type(tmp_path, value, reason):
    (tmp_path / ".copydesk.toml").write_text(f"fail-on = {value}\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = run_cli("check", "--no-cache", "good.txt", cwd=tmp_path)
    _one_line(result, f"copydesk: error: {tmp_path / '.copydesk.toml'}: {reason}")


@pytest.mark.parametrize("setup,reason", [
    (lambda d: None, "{pack}: no such pack file"),
    (lambda d: (d / "house.yml").mkdir(), "{pack}: is a folder, not a pack file"),
    (lambda d: (d / "house.yml").write_bytes(b"rules: []\n# caf\xe9\n"), "{pack}:2: not valid UTF-8 (byte 0xe9 at offset 15)"),
    (lambda d: (d / "house.yml").write_text("a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nrules: []\n", encoding="utf-8"),
     "{pack}:2: YAML aliases (*a) are not allowed in a pack"),
])
def test_a_bad_pack(tmp_path, setup, reason):
    setup(tmp_path)
    (tmp_path / ".copydesk.toml").write_text('packs = ["house.yml"]\n', encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = run_cli("check", "--no-cache", "good.txt", cwd=tmp_path)
    _one_line(result, "copydesk: error: " + reason.format(pack=tmp_path / "house.yml"))


def test_billion_laughs_is_refused_at_once(tmp_path):
    layers = ["a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]"]
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        layers.append(f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]")
    (tmp_path / "house.yml").write_text("\n".join(layers) + "\nrules: []\n", encoding="utf-8")
    (tmp_path / ".copydesk.toml").write_text('packs = ["house.yml"]\n', encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = run_cli("check", "--no-cache", "good.txt", cwd=tmp_path)
    _one_line(result, f"copydesk: error: {tmp_path / 'house.yml'}:2: YAML aliases (*a) are not allowed in a pack")


def test_a_file_name_that_is_not_utf8(tmp_path):
    bad = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(bad, "wb") as handle:
        handle.write(GOOD.encode())
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = subprocess.run([copydesk_exe(), "check", "--no-cache", "--format", "json", "-o", "report.json", "."],
                            cwd=tmp_path, capture_output=True, timeout=60)
    _one_line(result, "copydesk: error: ./caf\\xe9.txt: the file name is not valid UTF-8: rename the file to check it")
    assert [r["path"] for r in json.loads((tmp_path / "report.json").read_text())] == ["./good.txt"]


def test_a_link_out_of_the_folder_is_not_followed(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text(GOOD, encoding="utf-8")
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "story.txt").write_text(GOOD, encoding="utf-8")
    (desk / "linked.txt").symlink_to(outside)
    result = run_cli("fix", "--no-cache", "desk", cwd=tmp_path)
    _one_line(result, "copydesk: error: desk/linked.txt: a link to a file outside desk: not followed "
                      "(name the file to check it)")
    assert outside.read_text(encoding="utf-8") == GOOD  # the target outside was not rewritten
    assert (desk / "story.txt").read_text(encoding="utf-8") == "The U.S. side.\n"


def test_a_named_pipe_in_a_folder_is_reported_and_the_run_goes_on(tmp_path):
    """Reading a pipe nothing writes to would wait for ever, and the run with it."""
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "story.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(desk / "pipe.txt")
    result = run_cli("fix", "--no-cache", "desk", cwd=tmp_path)
    _one_line(result, "copydesk: error: desk/pipe.txt: not a regular file (a named pipe, socket or device): "
                      "not read (name it to read it)")
    assert (desk / "story.txt").read_text(encoding="utf-8") == "The U.S. side.\n"


def test_an_unreadable_folder_is_reported_not_skipped(tmp_path):
    """Run as an ordinary user: in a user namespace, the files' owner is
    uid 1000 without root's right to read every folder (root would)."""
    desk = tmp_path / "desk"
    (desk / "private").mkdir(parents=True)
    (desk / "story.txt").write_text(GOOD, encoding="utf-8")
    (desk / "private" / "secret.txt").write_text(GOOD, encoding="utf-8")
    (desk / "private").chmod(0o000)
    try:
        result = run_as_other_user("check", "--no-cache", "--format", "json", str(desk))
    finally:
        (desk / "private").chmod(0o755)
    _one_line(result, f"copydesk: error: {desk / 'private'}: folder not read: Permission denied")
    assert _codes(result) == ["DUP001"]


def test_the_summary_counts_what_could_not_be_read(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = run_cli("check", "--no-cache", "good.txt", "missing.txt", cwd=tmp_path)
    assert result.stdout.decode().splitlines()[-1] == (
        "1 file checked; 1 finding (1 error); 1 fixable with `copydesk fix`; 1 file could not be read.")
    assert Path(tmp_path / "good.txt").read_text() == GOOD


# -- writing: files that change, links, owners ----------------------------------------


def test_a_file_changed_while_it_is_fixed_keeps_its_new_content(tmp_path):
    """An editor saves the file while a long fix runs: the fix is refused
    by name, and the editor's text stays."""
    import time

    path = tmp_path / "archive.txt"
    path.write_text("The U.S.U.S. side said so. " * 4 + "\n\n" + "Talks went on until the evening. " * 40_000 + "\n",
                    encoding="utf-8")
    run = subprocess.Popen([copydesk_exe(), "fix", "--no-cache", str(path)], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE)
    time.sleep(1.0)  # read, and now being linted
    with open(path, "a", encoding="utf-8") as handle:
        handle.write("A line the editor added.\n")
    _, stderr = run.communicate(timeout=120)
    assert run.returncode == 2
    assert stderr.decode().splitlines()[0] == (
        f"copydesk: error: {path}: changed while it was being fixed: not written (run fix again)")
    assert path.read_text(encoding="utf-8").endswith("A line the editor added.\n")
    assert [p.name for p in tmp_path.iterdir()] == ["archive.txt"]


def test_the_stamp_is_checked_just_before_the_rename(tmp_path):
    from lint.run.files import InputError, read, write_atomic

    path = tmp_path / "story.txt"
    path.write_text(GOOD, encoding="utf-8")
    source = read(str(path))
    path.write_text(GOOD + "More.\n", encoding="utf-8")
    with pytest.raises(InputError, match="changed while it was being fixed"):
        write_atomic(str(path), b"fixed\n", source.stamp)
    assert path.read_text(encoding="utf-8") == GOOD + "More.\n"
    write_atomic(str(path), b"fixed\n", read(str(path)).stamp)
    assert path.read_text(encoding="utf-8") == "fixed\n"


def test_a_hard_linked_file_is_not_broken_off(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(GOOD, encoding="utf-8")
    os.link(path, tmp_path / "copy.txt")
    result = run_cli("fix", "--no-cache", "story.txt", cwd=tmp_path)
    _one_line(result, "copydesk: error: story.txt: has 1 other hard link: replacing it would break them; not fixed")
    assert (tmp_path / "copy.txt").read_text(encoding="utf-8") == GOOD
    assert os.stat(path).st_ino == os.stat(tmp_path / "copy.txt").st_ino


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a file to another owner needs root")
def test_fix_keeps_the_owner_and_group(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(GOOD, encoding="utf-8")
    os.chown(path, 65534, 65534)
    assert run_cli("fix", "--no-cache", "story.txt", cwd=tmp_path).returncode == 0
    st = os.stat(path)
    assert (st.st_uid, st.st_gid) == (65534, 65534) and path.read_text() == "The U.S. side.\n"


def test_a_cache_folder_that_is_a_symlink_is_not_used(tmp_path):
    repo, elsewhere = tmp_path / "repo", tmp_path / "elsewhere"
    repo.mkdir()
    elsewhere.mkdir()
    (repo / ".copydesk_cache").symlink_to(elsewhere)
    (repo / "story.txt").write_text(GOOD, encoding="utf-8")
    assert run_cli("check", "story.txt", cwd=repo).returncode == 1
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("name", ["export.json", "export.JSONL", "feed.ndjson"])
def test_a_json_file_named_as_copy_is_refused_with_the_way_to_check_it(tmp_path, name):
    export = tmp_path / name
    data = b'{"title": "x", "body": "The U.S.U.S. team."}\n'
    export.write_bytes(data)
    (tmp_path / "a.txt").write_text("The U.S.U.S. team.\n", encoding="utf-8")
    for command in (("check",), ("fix", "--unsafe-fixes")):
        result = run_cli(*command, name, "a.txt", cwd=tmp_path)
        assert result.returncode == 2
        assert result.stderr.decode() == (
            f"copydesk: error: {name}: JSON is not copy: for a CMS export of one record a line, run with --jsonl "
            '(the copy in "text", "content" or "body"; --field NAME for another)\n')
        assert export.read_bytes() == data
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "The U.S. team.\n"  # the other file was fixed
