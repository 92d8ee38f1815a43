"""Bad input of every kind: one line naming the file and the reason, exit
code 2, and the other files still checked. No traceback."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import copydesk_exe, run_cli

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
    ("3", "unknown severity 3 (use error, warning or info)"),
    ("true", "unknown severity True (use error, warning or info)"),
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


def test_an_unreadable_folder_is_reported_not_skipped(tmp_path):
    """Run as an ordinary user: in a user namespace, the files' owner is
    uid 1000 without root's right to read every folder (root would)."""
    desk = tmp_path / "desk"
    (desk / "private").mkdir(parents=True)
    (desk / "story.txt").write_text(GOOD, encoding="utf-8")
    (desk / "private" / "secret.txt").write_text(GOOD, encoding="utf-8")
    (desk / "private").chmod(0o000)
    as_user = ["unshare", "--user", "--map-user=1000", "--map-group=1000"] if os.geteuid() == 0 else []
    try:
        result = subprocess.run([*as_user, copydesk_exe(), "check", "--no-cache", "--format", "json", str(desk)],
                                capture_output=True, timeout=60)
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
