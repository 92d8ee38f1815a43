"""Hostile and odd inputs: each either lints or gets one clear error line
with exit code 2; none crashes or hangs."""

from __future__ import annotations

import json

import pytest

from lint import check_text, fix_text

from conftest import run_cli


def _check_file(tmp_path, name: str, data: bytes, *args: str):
    path = tmp_path / name
    path.write_bytes(data)
    return path, run_cli("check", "--format", "json", "--no-cache", *args, str(path))


def test_twenty_megabyte_single_line(tmp_path):
    sentences = [f"Report {i} says the council met on day {i % 28 + 1} of the month. " for i in range(345_000)]
    sentences[10] = "The U.S.U.S. delegation left. "
    sentences[200_000] = "It rose , then fell. "
    line = "".join(sentences).rstrip() + " "  # one trailing space
    assert 20_000_000 <= len(line) < 21_000_000 and "\n" not in line
    path, result = _check_file(tmp_path, "big.txt", line.encode())
    assert result.returncode == 1, result.stderr
    records = json.loads(result.stdout)
    assert [(r["code"], line[r["start"]:r["end"]], r["line"]) for r in records] == [
        ("DUP001", "U.S.U.S.", 1), ("PUNC002", " ", 1), ("WS001", " ", 1), ("WS002", "", 1)]


def test_hundred_thousand_short_paragraphs(tmp_path):
    text = "".join(f"Paragraph {i} is short.\n\n" for i in range(100_000))
    path, result = _check_file(tmp_path, "many.txt", text.encode())
    assert result.returncode == 1  # one finding: the blank line at the very end
    assert [r["code"] for r in json.loads(result.stdout)] == ["WS002"]


@pytest.mark.parametrize("nesting", ["> " * 300, "- " * 300, "1. " * 200, "  " * 400 + "- "])
def test_deeply_nested_markdown(tmp_path, nesting):
    text = f"{nesting}The U.S.U.S. side.\n"
    path, result = _check_file(tmp_path, "deep.md", text.encode())
    assert result.returncode in (0, 1), result.stderr
    assert result.stderr == b""


def test_invalid_utf8_in_the_middle(tmp_path):
    data = b"Line one \xe2\x80\x94 a dash.\n" * 1000 + b"caf\xc3(\n" + b"Line two.\n"
    path, result = _check_file(tmp_path, "bad.txt", data)
    assert result.returncode == 2
    assert result.stderr.decode() == f"copydesk: error: {path}: not valid UTF-8 (byte 0xc3 at offset 21003, line 1001)\n"


def test_a_stray_nul_in_prose_is_a_control_character(tmp_path):
    path, result = _check_file(tmp_path, "nul.txt", b"Text\x00with a NUL.\n")
    assert result.returncode == 1
    assert [(r["code"], r["start"], r["end"]) for r in json.loads(result.stdout)] == [("ENC004", 4, 5)]
    assert run_cli("fix", "--no-cache", str(path)).returncode == 0
    assert path.read_bytes() == b"Textwith a NUL.\n"


@pytest.mark.parametrize("data", [
    b"\x00\x00\x00\x01record\x00\x00\x00\x02record\n",  # a binary dump that happens to decode
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff",  # not UTF-8 and holding NULs
])
def test_data_that_is_not_text_is_binary(tmp_path, data):
    path, result = _check_file(tmp_path, "data.txt", data)
    assert result.returncode == 2
    assert result.stderr.decode() == f"copydesk: error: {path}: binary file (contains NUL bytes)\n"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_its_mark_is_named_in_the_error_and_read_when_named(tmp_path, codec):
    """Every other byte a NUL: binary data or UTF-16 whose mark was lost.
    Not assumed; the error says how to read it."""
    data = "UTF-16 text without its BOM: the the end.\n".encode(codec)
    path, result = _check_file(tmp_path, "data.txt", data)
    assert result.returncode == 2
    assert result.stderr.decode() == (
        f"copydesk: error: {path}: binary file, or UTF-16 text without a byte-order mark (every other byte is "
        f"NUL): if it is text, run with --encoding {codec}\n")
    named = run_cli("check", "--no-cache", "--format", "json", "--encoding", codec, str(path))
    assert named.returncode == 1
    found = json.loads(named.stdout)
    assert [(r["code"], r["start"], r["end"]) for r in found] == [("ENC005", 0, 0), ("DUP002", 29, 36)]
    endian = "little" if codec == "utf-16-le" else "big"
    assert found[0]["message"] == f"the file is in UTF-16 ({endian}-endian), not UTF-8"
    assert run_cli("fix", "--no-cache", "--encoding", codec, str(path)).returncode == 1  # ENC005 stays
    assert path.read_bytes() == "UTF-16 text without its BOM: the end.\n".encode(codec)  # in its own encoding


def test_encoded_lone_surrogate_is_rejected(tmp_path):
    # A bad encoder wrote U+D800 as UTF-8 bytes (as CESU-8 / WTF-8 do).
    path, result = _check_file(tmp_path, "surrogate.txt", b"Bad \xed\xa0\x80 text.\n")
    assert result.returncode == 2
    assert result.stderr.decode() == f"copydesk: error: {path}: not valid UTF-8 (byte 0xed at offset 4, line 1)\n"


def test_lone_surrogate_in_api_text():
    text = "A bad decoder left \ud800 here and the the rest.\n"
    assert [d.code for d in check_text(text)] == ["DUP002"]
    assert fix_text(text).text == "A bad decoder left \ud800 here and the rest.\n"


def test_right_to_left_emoji_and_combining_marks():
    text = "שלום עולם\u200f said the the envoy 👍🏽 and cafe\u0301 re\u0301sume\u0301.\n"
    found = check_text(text)
    assert [(d.code, text[d.start:d.end]) for d in found] == [("DUP002", "the the")]
    assert fix_text(text).text == text.replace("the the", "the")


def test_mixed_line_endings(tmp_path):
    data = b"Headline\r\n\r\nFirst line. \r\nSecond line. \nThird line.\r\n"
    path = tmp_path / "mixed.txt"
    path.write_bytes(data)
    assert run_cli("fix", "--no-cache", str(path)).returncode == 0
    assert path.read_bytes() == b"Headline\r\n\r\nFirst line.\r\nSecond line.\nThird line.\r\n"


def test_empty_file_and_whitespace_only_file(tmp_path):
    path, result = _check_file(tmp_path, "empty.md", b"")
    assert (result.returncode, json.loads(result.stdout)) == (0, [])
    path, result = _check_file(tmp_path, "blank.html", b" \n\t\n")
    assert result.returncode == 1
    assert [(r["code"], r["start"], r["end"]) for r in json.loads(result.stdout)] == [
        ("WS001", 0, 1), ("WS002", 0, 4), ("WS001", 2, 3)]


def test_findings_are_capped_per_rule_per_file(tmp_path):
    """A finding for each of 20,000 zero-width spaces would fill memory on
    a 4 MB file: 1,000 are listed, and one finding counts the rest."""
    path, result = _check_file(tmp_path, "zw.txt", ("a\u200b" * 20_000 + "\n").encode())
    found = json.loads(result.stdout)
    assert len(found) == 1001 and {r["code"] for r in found} == {"WS004"}
    assert found[-1]["message"] == "19000 more findings of WS004 in this file are not listed (the first 1000 are)"
    assert found[-1]["fix"] is None and found[-1]["start"] == found[-2]["end"]


def test_a_slow_newsroom_pattern_runs_out_of_its_time_for_the_file(tmp_path):
    """Sixty lines that each take a pattern nearly its per-call second: the
    rule stops when its five seconds for the file are spent, not after a
    minute."""
    import re as _re
    import time

    import regex

    slow = regex.compile(r"(a|a)*\d")
    n = 16
    while True:  # as many a's as make one match take a fifth of a second or more (it doubles per a)
        start = time.perf_counter()
        slow.fullmatch("a" * n + "!", timeout=5)
        if time.perf_counter() - start > 0.2 or n > 40:
            break
        n += 1
    (tmp_path / "house.yml").write_text(
        "rules:\n  - code: BOIL901\n    name: house.slow\n    kind: boilerplate\n    patterns: ['(a|a)*\\d']\n"
        "    docs: {what: w, why: w, example: w, fix_safety: w}\n", encoding="utf-8")
    (tmp_path / ".copydesk.toml").write_text('packs = ["house.yml"]\n', encoding="utf-8")
    (tmp_path / "slow.txt").write_text(("a" * n + "!\n\n") * 60, encoding="utf-8")
    start = time.monotonic()
    result = run_cli("check", "--no-cache", "slow.txt", cwd=tmp_path)
    took = time.monotonic() - start
    assert result.returncode == 2
    assert _re.fullmatch(r"copydesk: error: slow\.txt: rule BOIL901 \(.*house\.yml:2\): its patterns took longer "
                         r"than the 5s a rule may take on one file, and were stopped\n", result.stderr.decode())
    assert took < 20
