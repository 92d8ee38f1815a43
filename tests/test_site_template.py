"""BOIL018 over real runs: the survey counts every file (or record) of a
run before any is checked, the same in a folder, with workers, with the
result cache, in --jsonl mode from a file and from stdin, on Dask, and for
a plain text too long to lint whole."""

from __future__ import annotations

import json
import os
import subprocess

import pytest
from conftest import copydesk_exe, run_cli

TEMPLATE = "Please adhere to our commenting policy to avoid being banned."
TOWNS = ["Ashford", "Bexley", "Croydon", "Dartford", "Ealing", "Fulham", "Greenwich", "Harrow", "Ilford", "Kingston"]
HOLDERS = (0, 5, 10, 15, 20, 25)
MESSAGE = "a line of the site's template: the same paragraph is in {} of the 30 files checked"
RECORDS_MESSAGE = "a line of the site's template: the same paragraph is in {} of the 30 records checked"


def article(i: int, template: bool, sep: str = "\n\n") -> str:
    """Story i of a site: every paragraph its own, save the template's line."""
    town = TOWNS[i % 10]
    paras = [f"{town} council report {i}",
             f"The {town} council met on Tuesday to vote on budget item {i} of the year.",
             f"Councillor {i} said the vote in {town} would be close."]
    if template:
        paras.append(TEMPLATE)
    paras.append(f"A decision on item {i} is expected next month in {town}.")
    return sep.join(paras) + "\n"


def site(root, holders=HOLDERS, sep: str = "\n\n"):
    folder = root / "site"
    folder.mkdir()
    for i in range(30):
        (folder / f"story{i:02d}.txt").write_text(article(i, i in holders, sep), encoding="utf-8")
    return folder


def findings(holders, count: int, line: int = 7) -> str:
    rows = "".join(f"site/story{i:02d}.txt:{line}:1: warning BOIL018 {MESSAGE.format(count)} [unsafe fix]\n"
                   for i in holders)
    return rows + (f"30 files checked; {len(holders)} findings ({len(holders)} warnings); 0 fixable with "
                   f"`copydesk fix` ({len(holders)} more with --unsafe-fixes).\n")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_line_six_files_share_is_flagged_in_each_of_them(tmp_path, jobs):
    site(tmp_path)
    result = run_cli("check", "--no-cache", "--jobs", jobs, "--extend-select", "BOIL018", "site", cwd=tmp_path)
    assert result.stdout.decode() == findings(HOLDERS, 6)
    assert result.returncode == 1 and result.stderr == b""


def test_a_file_that_cannot_be_read_is_no_file_of_the_run(tmp_path):
    site(tmp_path)
    (tmp_path / "site" / "zz.txt").write_bytes(b"\xff\xfe\x00")  # a NUL: not text copydesk reads
    result = run_cli("check", "--no-cache", "--extend-select", "BOIL018", "site", cwd=tmp_path)
    assert result.stdout.decode() == findings(HOLDERS, 6).replace(").\n", "); 1 file could not be read.\n")
    assert result.returncode == 2


def test_the_exact_span_and_fix(tmp_path):
    site(tmp_path)
    # Named twice, the file is reported twice, and counted once.
    result = run_cli("check", "--no-cache", "--extend-select", "BOIL018", "--format", "json", "site/story05.txt",
                     "site", cwd=tmp_path)
    found = [d for d in json.loads(result.stdout) if d["path"] == "site/story05.txt"]
    start = article(5, True).index(TEMPLATE)
    assert found == 2 * [{"path": "site/story05.txt", "code": "BOIL018", "name": "boilerplate.site-template",
                      "severity": "warning", "message": MESSAGE.format(6), "start": start,
                      "end": start + len(TEMPLATE), "line": 7, "column": 1, "end_line": 7, "end_column": 62,
                      "fix": {"applicability": "unsafe",
                              "edits": [{"start": start - 2, "end": start + len(TEMPLATE), "replacement": ""}]}}]


def test_fewer_than_five_files_holding_it_is_no_template(tmp_path):
    site(tmp_path, holders=(0, 5, 10, 15))
    result = run_cli("check", "--no-cache", "--extend-select", "BOIL018", "site", cwd=tmp_path)
    assert (result.returncode, result.stdout.decode()) == (0, "30 files checked; no findings.\n")


def test_a_run_of_four_files_is_not_surveyed(tmp_path):
    for i in range(4):
        (tmp_path / f"story{i}.txt").write_text(article(i, True), encoding="utf-8")
    result = run_cli("check", "--no-cache", "--extend-select", "BOIL018", ".", cwd=tmp_path)
    assert (result.returncode, result.stdout.decode()) == (0, "4 files checked; no findings.\n")


def test_without_boil018_nothing_is_flagged(tmp_path):
    site(tmp_path)
    result = run_cli("check", "--no-cache", "site", cwd=tmp_path)
    assert (result.returncode, result.stdout.decode()) == (0, "30 files checked; no findings.\n")


def test_one_paragraph_a_line(tmp_path):
    site(tmp_path, sep="\n")
    result = run_cli("check", "--no-cache", "--extend-select", "BOIL018", "site", cwd=tmp_path)
    assert result.stdout.decode() == findings(HOLDERS, 6, line=4)
    fixed = run_cli("fix", "--no-cache", "--extend-select", "BOIL018", "--unsafe-fixes", "site", cwd=tmp_path)
    assert fixed.stdout.decode() == "Fixed 6 problems in 6 files; 0 remain.\n"
    for i in range(30):  # the line and its break go, nothing else
        assert (tmp_path / "site" / f"story{i:02d}.txt").read_text(encoding="utf-8") == article(i, False, "\n")


def test_the_result_cache_keeps_the_runs_count(tmp_path):
    site(tmp_path)
    check = ("check", "--jobs", "2", "--extend-select", "BOIL018", "site")
    assert run_cli(*check, cwd=tmp_path).stdout.decode() == findings(HOLDERS, 6)
    assert (tmp_path / ".copydesk_cache").is_dir()
    assert run_cli(*check, cwd=tmp_path).stdout.decode() == findings(HOLDERS, 6)
    # A seventh file takes the line: the six holders are unchanged, their count is not.
    (tmp_path / "site" / "story01.txt").write_text(article(1, True), encoding="utf-8")
    assert run_cli(*check, cwd=tmp_path).stdout.decode() == findings((0, 1, *HOLDERS[1:]), 7)
    # The ordinary run's answers are its own.
    plain = run_cli("check", "--jobs", "2", "site", cwd=tmp_path)
    assert (plain.returncode, plain.stdout.decode()) == (0, "30 files checked; no findings.\n")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_fix_removes_those_lines_only_with_unsafe_fixes(tmp_path, jobs):
    site(tmp_path)
    safe = run_cli("fix", "--jobs", jobs, "--extend-select", "BOIL018", "site", cwd=tmp_path)
    assert safe.returncode == 1
    assert safe.stdout.decode().endswith("Fixed 0 problems in 0 files; 6 remain.\n")
    assert all((tmp_path / "site" / f"story{i:02d}.txt").read_text(encoding="utf-8") == article(i, i in HOLDERS)
               for i in range(30))
    fixed = run_cli("fix", "--jobs", jobs, "--extend-select", "BOIL018", "--unsafe-fixes", "site", cwd=tmp_path)
    assert (fixed.returncode, fixed.stdout.decode()) == (0, "Fixed 6 problems in 6 files; 0 remain.\n")
    for i in range(30):
        assert (tmp_path / "site" / f"story{i:02d}.txt").read_text(encoding="utf-8") == article(i, False)


def test_markdown_html_and_word_files_count(tmp_path):
    import docx

    site(tmp_path, holders=(0, 5, 10))
    (tmp_path / "site" / "story15.txt").unlink()
    (tmp_path / "site" / "story15.md").write_text(f"# Ealing\n\nThe vote is near.\n\n{TEMPLATE}\n", encoding="utf-8")
    (tmp_path / "site" / "story20.txt").unlink()
    page = f"<article><p>The vote in Ashford is near.</p><p>{TEMPLATE}</p></article>\n"
    (tmp_path / "site" / "story20.html").write_text(page, encoding="utf-8")
    (tmp_path / "site" / "story25.txt").unlink()
    word = docx.Document()
    for paragraph in ("The vote in Fulham is near.", TEMPLATE):
        word.add_paragraph(paragraph)
    word.save(tmp_path / "site" / "story25.docx")
    result = run_cli("check", "--no-cache", "--extend-select", "BOIL018", "--format", "json", "site", cwd=tmp_path)
    found = [(d["path"], d["line"], d["column"], d["message"]) for d in json.loads(result.stdout)]
    assert found == [("site/story00.txt", 7, 1, MESSAGE.format(6)), ("site/story05.txt", 7, 1, MESSAGE.format(6)),
                     ("site/story10.txt", 7, 1, MESSAGE.format(6)), ("site/story15.md", 5, 1, MESSAGE.format(6)),
                     ("site/story20.html", 1, page.index(TEMPLATE) + 1, MESSAGE.format(6)), ("site/story25.docx", 2, 1, MESSAGE.format(6))]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_plain_text_too_long_to_lint_whole_is_one_file_of_the_run(tmp_path, jobs):
    from lint.windows.segments import LONG

    site(tmp_path, holders=(0, 5, 10, 15, 20))
    parts, i = [], 0
    while sum(map(len, parts)) <= LONG + 10_000:
        parts.append(f"Archive story {i}\n\nThe mayor of town {i} spoke in the square on the day of the fair.\n\n")
        if i == 5000:
            parts.append(TEMPLATE + "\n\n")
        i += 1
    (tmp_path / "site" / "story25.txt").write_text("".join(parts), encoding="utf-8")
    line = "".join(parts).splitlines().index(TEMPLATE) + 1
    result = run_cli("check", "--no-cache", "--jobs", jobs, "--select", "BOIL018", "site", cwd=tmp_path)
    expected = findings((0, 5, 10, 15, 20, 25), 6).splitlines(True)
    expected[-1 - 1] = expected[-2].replace("story25.txt:7:", f"story25.txt:{line}:")
    assert result.stdout.decode() == "".join(expected)


def test_watch_checks_a_changed_file_as_one_of_the_run(tmp_path):
    import re
    import signal
    import time

    site(tmp_path)
    proc = subprocess.Popen([copydesk_exe(), "check", "--watch", "--no-cache", "--extend-select", "BOIL018", "site"],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "NO_COLOR": "1"})

    def report() -> str:
        lines = []
        while not lines or not re.match(r"\d+ files? checked", lines[-1]):  # the summary ends a report
            lines.append(proc.stdout.readline().decode())
            assert lines[-1], "copydesk --watch ended"
        return "".join(lines[1:])

    try:
        assert report() == findings(HOLDERS, 6)
        time.sleep(0.05)
        (tmp_path / "site" / "story01.txt").write_text(article(1, True), encoding="utf-8")
        assert report() == (f"site/story01.txt:7:1: warning BOIL018 {MESSAGE.format(7)} [unsafe fix]\n"
                            "1 file checked; 1 finding (1 warning); 0 fixable with `copydesk fix` "
                            "(1 more with --unsafe-fixes).\n")
    finally:
        proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=30) == 0
    assert proc.stderr.read() == b""


# -- JSON Lines and Dask: a record is a file -----------------------------------------

def records(holders=HOLDERS) -> bytes:
    return "".join(json.dumps({"id": f"s{i}", "text": article(i, i in holders)}) + "\n" for i in range(30)).encode()


def record_results(holders=HOLDERS) -> list[dict]:
    out = []
    for i in range(30):
        diagnostics = []
        if i in holders:
            start = article(i, True).index(TEMPLATE)
            diagnostics = [{"path": f"s{i}", "code": "BOIL018", "name": "boilerplate.site-template",
                            "severity": "warning", "message": RECORDS_MESSAGE.format(len(holders)), "start": start,
                            "end": start + len(TEMPLATE), "line": 7, "column": 1, "end_line": 7, "end_column": 62,
                            "fix": {"applicability": "unsafe",
                                    "edits": [{"start": start - 2, "end": start + len(TEMPLATE), "replacement": ""}]}}]
        out.append({"id": f"s{i}", "diagnostics": diagnostics, "error": None})
    return out


def _run_in(tmp_dir, *args, input: bytes):
    """The CLI with its temporary files in `tmp_dir`."""
    env = {**os.environ, "NO_COLOR": "1", "TMPDIR": str(tmp_dir)}
    return subprocess.run([copydesk_exe(), *args], input=input, capture_output=True, env=env, timeout=120)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_jsonl_from_stdin_and_from_a_file(tmp_path, jobs):
    spool = tmp_path / "tmp"
    spool.mkdir()
    piped = _run_in(spool, "check", "--jsonl", "--jobs", jobs, "--extend-select", "BOIL018", "-", input=records())
    assert [json.loads(line) for line in piped.stdout.decode().splitlines()] == record_results()
    assert piped.returncode == 1 and piped.stderr == b""
    assert list(spool.iterdir()) == []  # stdin's copy is gone
    path = tmp_path / "in.jsonl"
    path.write_bytes(records())
    named = run_cli("check", "--jsonl", "--jobs", jobs, "--extend-select", "BOIL018", str(path))
    assert named.stdout == piped.stdout


def test_jsonl_counts_the_records_of_every_input(tmp_path):
    lines = records().splitlines(True)
    (tmp_path / "a.jsonl").write_bytes(b"".join(lines[:12]))
    (tmp_path / "b.jsonl").write_bytes(b"".join(lines[12:]))
    result = run_cli("check", "--jsonl", "--extend-select", "BOIL018", "a.jsonl", "-", input=b"".join(lines[12:]),
                     cwd=tmp_path)
    assert [json.loads(line) for line in result.stdout.decode().splitlines()] == record_results()


def test_jsonl_fewer_than_five_records_holding_it(tmp_path):
    result = run_cli("check", "--jsonl", "--extend-select", "BOIL018", "-", input=records(holders=(0, 5, 10, 15)))
    assert [json.loads(line) for line in result.stdout.decode().splitlines()] == record_results(())
    assert result.returncode == 0


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_fix_jsonl_removes_the_template(tmp_path, jobs):
    result = run_cli("fix", "--jsonl", "--jobs", jobs, "--extend-select", "BOIL018", "--unsafe-fixes", "-",
                     input=records())
    assert result.stdout == "".join(json.dumps({"id": f"s{i}", "text": article(i, False)}) + "\n"
                                    for i in range(30)).encode()
    assert result.stderr.decode() == "Fixed 6 problems; 0 records still with problems.\n"
    path = tmp_path / "in.jsonl"
    path.write_bytes(records())
    assert run_cli("fix", "--jsonl", "--jobs", jobs, "--extend-select", "BOIL018", "--unsafe-fixes",
                   str(path)).returncode == 0
    assert path.read_bytes() == result.stdout


def test_dask_surveys_the_whole_archive(tmp_path):
    from dask.distributed import Client, LocalCluster

    from lint.run.dask_batch import check_jsonl_files

    inputs = tmp_path / "in"
    inputs.mkdir()
    lines = records().splitlines(True)
    for part in range(3):  # the holders spread over three files
        (inputs / f"part{part}.jsonl").write_bytes(b"".join(lines[part * 10 : part * 10 + 10]))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster):
            written = check_jsonl_files(str(inputs / "*.jsonl"), str(tmp_path / "out"),
                                        {"extend_select": ("BOIL018",)}, blocksize=400)
    assert len(written) > 3  # partitions smaller than a file
    got = [json.loads(line) for path in written for line in open(path, encoding="utf-8") if line.strip()]
    assert got == record_results()


def test_dask_command(tmp_path):
    (tmp_path / "in.jsonl").write_bytes(records())
    result = run_cli("dask", "--workers", "2", "--extend-select", "BOIL018", "-o", "out", "in.jsonl", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    got = [json.loads(line) for path in sorted((tmp_path / "out").iterdir()) for line in path.open(encoding="utf-8")]
    assert got == record_results()
