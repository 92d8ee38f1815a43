"""The installed `copydesk` command, end to end."""

from __future__ import annotations

import json
import os
import stat

import pytest

from conftest import SAMPLES, run_cli

SEED = SAMPLES / "us-warns-china.txt"
SEED_FIXED = SAMPLES / "us-warns-china.fixed.txt"
JSON_KEYS = {"path", "code", "name", "severity", "message", "start", "end", "line", "column",
             "end_line", "end_column", "fix"}


def test_fix_seed_matches_expected_bytes(tmp_path):
    target = tmp_path / "us-warns-china.txt"
    target.write_bytes(SEED.read_bytes())
    result = run_cli("fix", "--no-cache", str(target))
    assert target.read_bytes() == SEED_FIXED.read_bytes()
    # What remains has no safe fix: meaning, a caption, debris, a style mix.
    assert result.returncode == 1, result.stderr
    out = result.stdout.decode().splitlines()
    assert out[-1] == "Fixed 16 problems in 1 file; 6 remain."
    assert [line.split()[2] for line in out[:-1]] == ["STY001", "NEG002", "NEG001", "CAP002", "PUNC001", "NEG004"]
    again = run_cli("fix", "--no-cache", str(target))
    assert again.returncode == 1
    assert again.stdout.decode().splitlines()[-1] == "Fixed 0 problems in 0 files; 6 remain."
    assert target.read_bytes() == SEED_FIXED.read_bytes()


def test_check_seed_json_contract():
    result = run_cli("check", "--format", "json", "--select", "DUP,WS,BOIL", str(SEED))
    assert result.returncode == 1
    records = json.loads(result.stdout)
    assert all(set(r) == JSON_KEYS for r in records)
    text = SEED.read_text(encoding="utf-8")
    dup = [r for r in records if r["code"] == "DUP001"]
    assert [text[r["start"]:r["end"]] for r in dup] == ["U.S.U.S."] * 3 + ["U.N.U.N.", "U.S.U.S."]
    first = dup[0]
    assert (first["line"], first["column"], first["end_line"], first["end_column"]) == (7, 361, 7, 369)
    assert first["fix"] == {"applicability": "safe", "edits": [{"start": first["start"], "end": first["end"], "replacement": "U.S."}]}
    boil = [r for r in records if r["code"] == "BOIL001"]
    assert [text[r["start"]:r["end"]] for r in boil] == ["Leave a Reply"]


def test_check_clean_file_exits_zero(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("A clean headline\n\nA clean paragraph of copy.\n", encoding="utf-8")
    result = run_cli("check", str(clean))
    assert result.returncode == 0
    assert result.stdout.decode().strip() == "1 file checked; no findings."


def test_fail_on_error_ignores_warnings(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Trailing space here. \n", encoding="utf-8")
    assert run_cli("check", str(article)).returncode == 1
    assert run_cli("check", "--fail-on", "error", str(article)).returncode == 0


def test_folder_recursion_and_exclude(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text("The U.S.U.S. side.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The U.N.U.N. side.\n", encoding="utf-8")
    (tmp_path / "c.py").write_text("x = 'U.S.U.S.'\n", encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "d.txt").write_text("The E.U.E.U. side.\n", encoding="utf-8")
    (tmp_path / ".copydesk.toml").write_text('exclude = ["drafts"]\n', encoding="utf-8")
    result = run_cli("check", "--format", "json", ".", cwd=tmp_path)
    paths = sorted({r["path"] for r in json.loads(result.stdout)})
    assert paths == [os.path.join(".", "b.txt"), os.path.join(".", "sub", "a.md")]


@pytest.mark.parametrize("content,reason", [
    (b"caf\xc3\xa9 and caf\xe9 au lait\n", "not valid UTF-8 (byte 0xe9 at offset 13, line 1)"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes)"),
])
def test_bad_input_is_one_line_and_run_goes_on(tmp_path, content, reason):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("The U.S.U.S. side.\n", encoding="utf-8")
    result = run_cli("check", "--format", "json", str(bad), str(good))
    assert result.returncode == 2
    assert result.stderr.decode() == f"copydesk: error: {bad}: {reason}\n"
    assert [r["code"] for r in json.loads(result.stdout)] == ["DUP001"]


def test_missing_path(tmp_path):
    result = run_cli("check", str(tmp_path / "nope.txt"))
    assert result.returncode == 2
    assert result.stderr.decode() == f"copydesk: error: {tmp_path / 'nope.txt'}: no such file\n"


def test_empty_and_whitespace_only_files(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert run_cli("check", str(empty)).returncode == 0
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b"  \n\n")
    assert run_cli("fix", str(blank)).returncode == 0
    assert blank.read_bytes() == b""


def test_read_only_file_is_reported_and_untouched(tmp_path):
    target = tmp_path / "ro.txt"
    target.write_bytes(b"The U.S.U.S. side.\n")
    target.chmod(0o444)
    result = run_cli("fix", str(target))
    assert result.returncode == 2
    assert result.stderr.decode() == f"copydesk: error: {target}: read-only file, not fixed\n"
    assert target.read_bytes() == b"The U.S.U.S. side.\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444
    # The file is as it was, and the summary says so.
    assert result.stdout.decode().splitlines() == [f"{target}:1:5: error DUP001 'U.S.' is written twice [*]",
                                                   "Fixed 0 problems in 0 files; 1 remains."]


def test_crlf_bom_and_mode_survive_fix(tmp_path):
    target = tmp_path / "win.txt"
    target.write_bytes("\ufeffHeadline\r\n\r\nThe U.S.U.S. side. \r\nLast line".encode("utf-8"))
    target.chmod(0o640)
    assert run_cli("fix", str(target)).returncode == 0
    assert target.read_bytes() == "\ufeffHeadline\r\n\r\nThe U.S. side.\r\nLast line\r\n".encode("utf-8")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_fix_follows_symlink(tmp_path):
    real = tmp_path / "real.txt"
    real.write_bytes(b"The U.S.U.S. side.\n")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert run_cli("fix", str(link)).returncode == 0
    assert link.is_symlink()
    assert real.read_bytes() == b"The U.S. side.\n"


def test_fix_diff_writes_nothing(tmp_path):
    target = tmp_path / "a.txt"
    target.write_bytes(b"The U.S.U.S. side.\n")
    result = run_cli("fix", "--diff", str(target))
    assert result.returncode == 1
    assert target.read_bytes() == b"The U.S.U.S. side.\n"
    assert f"--- a/{target}\n+++ b/{target}\n@@ -1 +1 @@\n-The U.S.U.S. side.\n+The U.S. side.\n" == result.stdout.decode()
    assert result.stderr.decode() == "Would fix 1 problem in 1 file; 0 would remain.\n"


def test_fix_diff_marks_a_last_line_without_a_break(tmp_path):
    target = tmp_path / "a.txt"
    target.write_bytes(b"Intro.\nThe U.S.U.S. side.")
    result = run_cli("fix", "--diff", "--select", "DUP", str(target))
    assert result.stdout.decode() == (f"--- a/{target}\n+++ b/{target}\n@@ -1,2 +1,2 @@\n Intro.\n"
                                      "-The U.S.U.S. side.\n\\ No newline at end of file\n"
                                      "+The U.S. side.\n\\ No newline at end of file\n")
    patched = tmp_path / "patched"
    patched.mkdir()
    (patched / "a.txt").write_bytes(target.read_bytes())
    diff = result.stdout.decode().replace(f"a/{target}", "a/a.txt").replace(f"b/{target}", "b/a.txt")
    import subprocess

    applied = subprocess.run(["git", "apply", "-"], input=diff.encode(), cwd=patched, capture_output=True)
    assert applied.returncode == 0, applied.stderr
    assert (patched / "a.txt").read_bytes() == b"Intro.\nThe U.S. side."


def test_fix_stdin_to_stdout():
    result = run_cli("fix", "-", "--stdin-filename", "story.md", input=b"The `U.S.U.S.` code and U.N.U.N. text.\n")
    assert result.returncode == 0
    assert result.stdout == b"The `U.S.U.S.` code and U.N. text.\n"
    assert b"Fixed 1 problem in 1 file; 0 remain." in result.stderr


@pytest.mark.parametrize("data,reason", [
    (b"caf\xc3\xa9 and caf\xe9 au lait\n", "not valid UTF-8 (byte 0xe9 at offset 13, line 1)"),
    ("UTF-16 text\n".encode("utf-16-le"), "binary file, or UTF-16 text without a byte-order mark (every other "
                                          "byte is NUL): if it is text, run with --encoding utf-16-le"),
])
def test_a_filter_hands_back_what_it_cannot_fix(data, reason):
    result = run_cli("fix", "-", input=data)
    assert (result.returncode, result.stdout) == (2, data)
    assert result.stderr.decode().splitlines()[0] == f"copydesk: error: -: {reason}"


@pytest.mark.parametrize("config,args,reason", [
    ('select = ["DUP"\n', (), "invalid TOML"),
    ('colour = "red"\n', (), "unknown key"),
    ('packs = ["missing.yml"]\n', (), "no such pack file"),
    ("", ("--select", "NOPE999"), "unknown rule code or name 'NOPE999'"),
    ("", ("--encoding", "nonsense-enc"), "unknown encoding 'nonsense-enc'"),
    ("", ("--html-scope", "bogus"), "Usage: copydesk fix"),
    ("", ("--jsonl",), "invalid TOML"),
])
def test_a_filter_that_cannot_start_hands_back_its_input(tmp_path, config, args, reason):
    """A bad configuration or option stops `fix -` before it reads its
    input: the input still comes out of the pipe, unchanged, with exit 2."""
    data = b"The U.S.U.S. team met.\n"
    if args == ("--jsonl",):
        config, data = 'select = ["DUP"\n', b'{"id": 1, "text": "The U.S.U.S. team met."}\r\n'
    if config:
        (tmp_path / ".copydesk.toml").write_text(config, encoding="utf-8")
    result = run_cli("fix", "-", *args, input=data, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, data)
    assert reason in result.stderr.decode()


@pytest.mark.parametrize("data,fixed", [
    ("The caf\u00e9 owner said the the plan would cost \u00a35m.\n".encode("cp1252"),
     "The caf\u00e9 owner said the plan would cost \u00a35m.\n".encode("cp1252")),
    (b"\xef\xbb\xbfWe saw the the plan.\r\nA form\x0cfeed\r\nand a last line",
     b"\xef\xbb\xbfWe saw the plan.\r\nA form\x0cfeed\r\nand a last line"),
])
def test_a_diff_is_in_the_files_own_bytes_and_applies(tmp_path, data, fixed):
    """A diff of a Windows-1252 file holds its lines in Windows-1252, and a
    file's BOM, CRLF endings and form feeds as they are: `git apply` takes it."""
    (tmp_path / "a.txt").write_bytes(data)
    result = run_cli("fix", "--diff", "--select", "DUP", "a.txt", cwd=tmp_path)
    assert result.returncode == 1 and (tmp_path / "a.txt").read_bytes() == data
    import subprocess

    applied = subprocess.run(["git", "apply", "-"], input=result.stdout, cwd=tmp_path, capture_output=True)
    assert applied.returncode == 0, applied.stderr
    assert (tmp_path / "a.txt").read_bytes() == fixed


def test_a_diff_or_a_check_does_not_echo_its_input(tmp_path):
    (tmp_path / ".copydesk.toml").write_text('select = ["DUP"\n', encoding="utf-8")
    for args in (("fix", "-", "--diff"), ("check", "-")):
        result = run_cli(*args, input=b"The U.S.U.S. team met.\n", cwd=tmp_path)
        assert (result.returncode, result.stdout) == (2, b"")


def test_a_filter_hands_back_text_a_rule_failed_on(tmp_path):
    """A newsroom pattern that runs out of time fails the file: the copy
    still comes out of the pipe as it went in."""
    (tmp_path / "house.yml").write_text(_SLOW_PACK, encoding="utf-8")
    (tmp_path / ".copydesk.toml").write_text('packs = ["house.yml"]\n', encoding="utf-8")
    data = b"The U.S.U.S. side.\n\n" + b"a" * 40 + b"!\n"
    result = run_cli("fix", "-", input=data, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, data)
    assert "its pattern took longer than 1.0s" in result.stderr.decode().splitlines()[0]


_SLOW_PACK = """\
rules:
  - code: BOIL901
    name: house.bad-pattern
    kind: boilerplate
    patterns: ['(a|a)*\\d']
    docs: {what: w, why: w, example: w, fix_safety: w}
"""


def test_a_stdin_filter_passes_an_excluded_file_through(tmp_path):
    """An editor's fix-on-save names the file: one the configuration
    excludes is left alone, as it is when named on the command line."""
    (tmp_path / ".copydesk.toml").write_text('exclude = ["drafts/"]\n', encoding="utf-8")
    data = b"The U.S.U.S. team , won.\n"
    fixed = run_cli("fix", "-", "--stdin-filename", "drafts/a.txt", input=data, cwd=tmp_path)
    assert (fixed.returncode, fixed.stdout) == (0, data)
    checked = run_cli("check", "-", "--stdin-filename", "drafts/a.txt", input=data, cwd=tmp_path)
    assert (checked.returncode, checked.stdout) == (0, b"0 files checked; no findings.\n")
    assert run_cli("fix", "-", "--stdin-filename", "news/a.txt", input=data, cwd=tmp_path).stdout == (
        b"The U.S. team, won.\n")


def test_check_stdin_format_from_filename():
    source = b"<p>The U.S.U.S. side.</p>\n<script>var a = 'U.N.U.N.';</script>\n"
    result = run_cli("check", "--format", "json", "-", "--stdin-filename", "page.html", input=source)
    records = json.loads(result.stdout)
    assert [(r["path"], r["code"], r["start"], r["end"]) for r in records] == [("page.html", "DUP001", 7, 15)]


def test_unsafe_fixes_flag():
    source = "He said “the U.S.U.S. will act.”\n".encode()
    safe = run_cli("fix", "-", input=source)
    assert safe.stdout == source
    assert safe.returncode == 1
    unsafe = run_cli("fix", "--unsafe-fixes", "-", input=source)
    assert unsafe.stdout == "He said “the U.S. will act.”\n".encode()
    assert unsafe.returncode == 0


def test_select_ignore_by_prefix_and_name(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The U.S.U.S. side. ", encoding="utf-8")
    def codes(*args):
        return sorted(r["code"] for r in json.loads(run_cli("check", "--format", "json", *args, str(article)).stdout))
    assert codes() == ["DUP001", "WS001", "WS002"]
    assert codes("--select", "WS") == ["WS001", "WS002"]
    assert codes("--ignore", "whitespace") == ["DUP001"]
    assert codes("--select", "duplication.doubled-abbreviation,WS002") == ["DUP001", "WS002"]


def test_unknown_selector_is_usage_error(tmp_path):
    result = run_cli("check", "--select", "XYZ999", str(SEED))
    assert result.returncode == 2
    assert result.stderr.decode() == ("copydesk: error: command line: unknown rule code or name 'XYZ999' "
                                      "(see `copydesk rules --all`)\n")


def test_unknown_selector_suggests_the_closest_rules(tmp_path):
    result = run_cli("check", "--select", "duplication.doubled-wrd", str(SEED))
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "copydesk: error: command line: unknown rule code or name 'duplication.doubled-wrd' (did you mean "
        "duplication.doubled-word, duplication.doubled-abbreviation, duplication.repeated-phrase?)\n")
    explained = run_cli("explain", "NEG01")
    assert explained.returncode == 2
    assert explained.stderr.decode() == ("copydesk: error: unknown rule code or name 'NEG01' "
                                         "(did you mean NEG001, NEG004, NEG003?)\n")


def test_exit_zero_reports_but_passes_and_still_fails_on_errors(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The U.S.U.S. side.\n", encoding="utf-8")
    result = run_cli("check", "--exit-zero", str(article))
    assert result.returncode == 0
    assert result.stdout.decode().splitlines()[0] == f"{article}:1:5: error DUP001 'U.S.' is written twice [*]"
    assert run_cli("check", "--exit-zero", str(tmp_path / "missing.txt")).returncode == 2
    assert run_cli("fix", "--diff", "--exit-zero", str(article)).returncode == 0
    assert run_cli("check", "--exit-zero", "--select", "XYZ999", str(article)).returncode == 2


def test_statistics_and_quiet(tmp_path):
    result = run_cli("check", "--statistics", "--select", "DUP,BOIL", str(SEED))
    out = result.stdout.decode().splitlines()
    assert "    5  DUP001   duplication.doubled-abbreviation  [fixable]" in out
    assert "    1  BOIL001  boilerplate.comment-form  [fixable]" in out
    quiet = run_cli("check", "--quiet", "--select", "BOIL", str(SEED)).stdout.decode()
    assert quiet == f"{SEED}:25:1: error BOIL001 comment-form boilerplate 'Leave a Reply' in the article body [*]\n"


def test_github_format():
    out = run_cli("check", "--format", "github", "--select", "BOIL", str(SEED)).stdout.decode()
    assert out == (f"::error file={SEED},line=25,col=1,endLine=25,endColumn=14,"
                   "title=BOIL001 boilerplate.comment-form::comment-form boilerplate 'Leave a Reply' in the article body\n")


def test_sarif_format():
    log = json.loads(run_cli("check", "--format", "sarif", "--select", "DUP", str(SEED)).stdout)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "copydesk"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["DUP001"]
    assert len(run["results"]) == 5
    region = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["charLength"]) == (7, 361, 8)
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["tool"]["driver"]["rules"][0]["helpUri"].endswith("/docs/rules/dup.md#dup001")
    assert run["invocations"] == [{"executionSuccessful": True, "toolExecutionNotifications": []}]


def test_sarif_uris_are_percent_encoded_and_unreadable_files_are_notifications(tmp_path):
    folder = tmp_path / "desk 2"
    folder.mkdir()
    (folder / "café #1.txt").write_text("The U.S.U.S. side.\n", encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\xff\xfe\x00")
    result = run_cli("check", "--format", "sarif", "--select", "DUP", "desk 2", cwd=tmp_path)
    assert result.returncode == 2
    run = json.loads(result.stdout)["runs"][0]
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "desk%202/caf%C3%A9%20%231.txt"
    [note] = run["invocations"][0]["toolExecutionNotifications"]
    assert note["level"] == "error"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "desk%202/broken.txt"
    assert note["message"]["text"].startswith("desk 2/broken.txt: not valid UTF-16")
    assert run["invocations"][0]["executionSuccessful"] is False


def test_output_file(tmp_path):
    out = tmp_path / "report.json"
    result = run_cli("check", "--format", "json", "-o", str(out), "--select", "BOIL", str(SEED))
    assert result.returncode == 1 and result.stdout == b""
    assert [r["code"] for r in json.loads(out.read_text())] == ["BOIL001"]


def test_rules_and_explain():
    listing = run_cli("rules").stdout.decode().splitlines()
    assert listing[0].split() == ["code", "name", "severity", "fix", "language", "here"]
    assert listing[1].split() == ["BOIL001", "boilerplate.comment-form", "error", "safe", "any", "on"]
    assert any(line.split() == ["DUP001", "duplication.doubled-abbreviation", "error", "safe", "any", "on"]
               for line in listing)
    assert any(line.split() == ["NEG001", "negation.contradictory-polarity", "warning", "-", "en", "on"]
               for line in listing)
    explained = run_cli("explain", "BOIL001")
    assert explained.returncode == 0
    text = explained.stdout.decode()
    for section in ("## What it does", "## Why it matters", "## Example", "## Fix safety"):
        assert section in text
    assert run_cli("explain", "NOPE001").returncode == 2


def test_rules_say_what_is_on_in_this_folders_configuration(tmp_path):
    def row(code, *args):
        lines = run_cli("rules", *args, cwd=tmp_path).stdout.decode().splitlines()
        return next((line.split(None, 5)[1:] for line in lines if line.startswith(code + " ")), None)
    assert row("STY101") is None  # off here: listed with --all only
    assert row("STY101", "--all") == ["style.ap.us-abbreviation", "warning", "unsafe", "en", "off (style ap)"]
    assert row("DUP005", "--all")[-1] == "off"
    (tmp_path / ".copydesk.toml").write_text('style = "ap"\nignore = ["DUP001"]\nextend-select = ["DUP005"]\n')
    assert row("STY101")[-1] == "on"
    assert row("DUP001", "--all")[-1] == "off"
    assert row("DUP005")[-1] == "on"
    rows = json.loads(run_cli("rules", "--all", "--format", "json", cwd=tmp_path).stdout)
    by_code = {r["code"]: r for r in rows}
    assert (by_code["STY101"]["on"], by_code["STY101"]["style"], by_code["STY101"]["languages"]) == (True, "ap", ["en"])
    assert (by_code["DUP001"]["on"], by_code["WS001"]["languages"]) == (False, None)
    explained = run_cli("explain", "DUP001", cwd=tmp_path).stdout.decode()
    assert explained.splitlines()[2] == "severity: error; safe fix; on by default; off here; any language"


def test_rules_and_explain_know_the_configurations_own_packs(tmp_path):
    (tmp_path / "house.yml").write_text("""\
rules:
  - code: HSE001
    name: house.banned-words
    kind: existence
    tokens: [utilise]
    docs:
      what: Flags "utilise".
      why: The house writes "use".
      example: utilise -> use
      fix_safety: No fix.
""", encoding="utf-8")
    (tmp_path / ".copydesk.toml").write_text('packs = ["house.yml"]\n', encoding="utf-8")
    lines = run_cli("rules", cwd=tmp_path).stdout.decode().splitlines()
    assert "HSE001   house.banned-words                           warning  -       en        on" in lines
    explained = run_cli("explain", "HSE001", cwd=tmp_path)
    assert explained.returncode == 0
    assert explained.stdout.decode().startswith("# HSE001 house.banned-words\n")


def test_no_colour_in_pipes():
    out = run_cli("check", str(SEED)).stdout
    assert b"\x1b[" not in out


def test_stdin_that_is_damaged_utf8():
    result = run_cli("check", "-", "--stdin-filename", "story.txt", input=b"caf\xc3\xa9 or caf\xe9\n")
    assert result.returncode == 2
    assert result.stderr.decode() == "copydesk: error: story.txt: not valid UTF-8 (byte 0xe9 at offset 12, line 1)\n"


def test_parallel_run_matches_serial_and_is_sorted(tmp_path):
    for i in range(12):
        (tmp_path / f"story{i:02d}.txt").write_text(f"Story {i}\n\nThe U.S.U.S. side {i}. \n", encoding="utf-8")
    serial = run_cli("check", "--format", "json", "--jobs", "1", "--no-cache", str(tmp_path))
    parallel = run_cli("check", "--format", "json", "--jobs", "2", "--no-cache", str(tmp_path))
    assert serial.stdout == parallel.stdout
    paths = [r["path"] for r in json.loads(parallel.stdout)]
    assert paths == sorted(paths) and len(paths) == 24


def test_cache_is_used_and_invalidated_by_content(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The U.S.U.S. side.\n", encoding="utf-8")
    first = run_cli("check", "--format", "json", "a.txt", cwd=tmp_path)
    shards = list((tmp_path / ".copydesk_cache").rglob("*.jsonl"))
    assert len(shards) == 1
    [entry] = shards[0].read_text().splitlines()
    key, findings = entry.split(" ", 1)
    # A cached answer is served even when the entry was doctored: proof it is read.
    doctored = json.loads(findings)
    doctored[0]["m"] = "from the cache"
    shards[0].write_text(f"{key} {json.dumps(doctored)}\n")
    second = run_cli("check", "--format", "json", "a.txt", cwd=tmp_path)
    assert [r["message"] for r in json.loads(second.stdout)] == ["from the cache"]
    assert [r["message"] for r in json.loads(first.stdout)] == ["'U.S.' is written twice"]
    no_cache = run_cli("check", "--format", "json", "--no-cache", "a.txt", cwd=tmp_path)
    assert [r["message"] for r in json.loads(no_cache.stdout)] == ["'U.S.' is written twice"]
    article.write_text("The U.N.U.N. side.\n", encoding="utf-8")
    third = run_cli("check", "--format", "json", "a.txt", cwd=tmp_path)
    assert [r["message"] for r in json.loads(third.stdout)] == ["'U.N.' is written twice"]
    assert (tmp_path / ".copydesk_cache" / ".gitignore").read_text() == "# Created by copydesk\n*\n"


def _stderr_on_a_terminal(args, cwd):
    """Run the CLI with stderr on a pseudo-terminal (stdout piped); what the terminal got."""
    import pty
    import subprocess

    from conftest import copydesk_exe

    main, secondary = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    proc = subprocess.run([copydesk_exe(), *args], cwd=cwd, stdout=subprocess.PIPE, stderr=secondary,
                          env=env, timeout=120)
    os.close(secondary)
    got = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the terminal is closed once everything is read
            break
        if not chunk:
            break
        got += chunk
    os.close(main)
    return proc, got.decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_only(tmp_path):
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text("Fine copy.\n", encoding="utf-8")
    proc, terminal = _stderr_on_a_terminal(["check", "--no-cache", "."], tmp_path)
    assert proc.returncode == 0
    assert "copydesk  [" in terminal and terminal.rstrip().endswith("100%\x1b[?25h")
    piped = run_cli("check", "--no-cache", ".", cwd=tmp_path)
    assert piped.stderr == b""
    assert piped.stdout.decode().strip() == "3 files checked; no findings."


def _watch_desk(cwd):
    """`copydesk check --watch desk` in `cwd`, its output unbuffered."""
    import subprocess

    from conftest import copydesk_exe

    return subprocess.Popen([copydesk_exe(), "check", "--watch", "--no-cache", "desk"], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "NO_COLOR": "1"},
                            bufsize=0)


def _report(proc) -> list[str]:
    """The lines of the next report of a watch: a time stamp, then its
    findings, through its summary line."""
    lines = []
    while not lines or " checked" not in lines[-1]:
        lines.append(_watched_line(proc))
    return lines


def _watched_line(proc, within: float = 30.0) -> str:
    """The next line `copydesk check --watch` prints (its stdout unbuffered):
    a watch that misses a change fails the test, it does not hang it."""
    import select

    line = b""
    while not line.endswith(b"\n"):
        assert select.select([proc.stdout], [], [], within)[0], f"copydesk --watch printed nothing for {within} s"
        byte = proc.stdout.read(1)
        assert byte, "copydesk --watch ended"
        line += byte
    return line.decode().rstrip("\n")


def test_watch_reads_a_configuration_edited_while_it_runs(tmp_path):
    """A configuration made or changed while watching: every file is
    checked again with it; a broken one is said once, and files are
    checked again once it is mended."""
    import signal
    import time

    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "a.txt").write_text("We saw the the side.\n", encoding="utf-8")
    proc = _watch_desk(tmp_path)

    assert _report(proc)[-1] == "1 file checked; 1 finding (1 warning); 1 fixable with `copydesk fix`."
    time.sleep(0.05)
    (tmp_path / ".copydesk.toml").write_text('ignore = ["DUP002"]\n', encoding="utf-8")
    assert _report(proc)[-1] == "1 file checked; no findings."
    (tmp_path / ".copydesk.toml").write_text('ignore = ["DUP002"\n', encoding="utf-8")
    time.sleep(1.5)
    (tmp_path / "desk" / "a.txt").write_text("We saw the the side again.\n", encoding="utf-8")
    time.sleep(1.5)
    (tmp_path / ".copydesk.toml").write_text('ignore = ["DUP002"]\n', encoding="utf-8")  # mended as it was
    assert _report(proc)[-1] == "1 file checked; no findings."
    time.sleep(0.05)
    (tmp_path / ".copydesk.toml").write_text('ignore = ["DUP001"]\n', encoding="utf-8")
    assert _report(proc)[-1] == "1 file checked; 1 finding (1 warning); 1 fixable with `copydesk fix`."
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=30) == 0
    assert proc.stderr.read().decode().count("invalid TOML") == 1


_HOUSE_PACK = """\
rules:
  - code: HSE001
    name: house.promo
    kind: boilerplate
    phrases: ["{phrase}"]
    docs: {{what: w, why: w, example: w, fix_safety: w}}
"""


def test_watch_reads_a_pack_edited_and_a_folder_made_while_it_runs(tmp_path):
    """It lists the files again only when a folder, a configuration, an
    ignore file or a pack changed: each of those is seen."""
    import signal
    import time

    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "a.txt").write_text("Talks went on.\n\nAcme deals corner\n", encoding="utf-8")
    (tmp_path / "house.yml").write_text(_HOUSE_PACK.format(phrase="Donate now"), encoding="utf-8")
    (tmp_path / ".copydesk.toml").write_text('packs = ["house.yml"]\n', encoding="utf-8")
    proc = _watch_desk(tmp_path)

    assert _report(proc)[1:] == ["1 file checked; no findings."]
    time.sleep(0.05)
    (tmp_path / "house.yml").write_text(_HOUSE_PACK.format(phrase="Acme deals corner"), encoding="utf-8")
    assert _report(proc)[1:] == ["desk/a.txt:3:1: warning HSE001 boilerplate paragraph 'Acme deals corner' [*]",
                        "1 file checked; 1 finding (1 warning); 1 fixable with `copydesk fix`."]
    (tmp_path / "desk" / "new").mkdir()
    time.sleep(0.6)  # one poll sees the empty folder; the next, the file made in it
    (tmp_path / "desk" / "new" / "b.txt").write_text("The U.S.U.S. side.\n", encoding="utf-8")
    assert _report(proc)[1:] == ["desk/new/b.txt:1:5: error DUP001 'U.S.' is written twice [*]",
                        "1 file checked; 1 finding (1 error); 1 fixable with `copydesk fix`."]
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=30) == 0
    assert proc.stderr.read() == b""


def test_watch_refuses_the_options_of_one_run(tmp_path):
    result = run_cli("check", "--watch", "--format", "sarif", "-o", "report.sarif", ".", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr.decode() == ("copydesk: error: --watch writes a text report to stdout at each change; "
                                      "--format, -o and --jsonl are for one run\n")
    assert not (tmp_path / "report.sarif").exists()


def test_watch_checks_again_each_file_that_changes_until_ctrl_c(tmp_path):
    import signal
    import time

    (tmp_path / "desk").mkdir()
    story, other = tmp_path / "desk" / "story.txt", tmp_path / "desk" / "other.txt"
    story.write_text("The U.S.U.S. side.\n", encoding="utf-8")
    other.write_text("Fine copy.\n", encoding="utf-8")
    proc = _watch_desk(tmp_path)

    first = _report(proc)
    assert first[1:] == ["desk/story.txt:1:5: error DUP001 'U.S.' is written twice [*]",
                         "2 files checked; 1 finding (1 error); 1 fixable with `copydesk fix`."]
    time.sleep(0.05)
    story.write_text("The the side.\n", encoding="utf-8")
    second = _report(proc)
    assert second[1:] == ["desk/story.txt:1:1: warning DUP002 'The' is written twice [unsafe fix]",
                          "1 file checked; 1 finding (1 warning); 0 fixable with `copydesk fix` (1 more with --unsafe-fixes)."]
    (tmp_path / "desk" / "new.txt").write_text("Leave a Reply\n", encoding="utf-8")
    third = _report(proc)
    assert third[-1] == "1 file checked; 1 finding (1 error); 1 fixable with `copydesk fix`."
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=30) == 0
    assert proc.stderr.read() == b""
