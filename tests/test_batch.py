"""JSON Lines batch mode, the Python API, and the same batch on a real Dask cluster."""

from __future__ import annotations

import json

from conftest import run_cli
from hypothesis import given
from hypothesis import strategies as st

from lint import check_text, fix_text
from lint.run.batch import check_lines

RECORDS = [
    {"id": "a", "text": "The U.S.U.S. side said so.\n"},
    {"id": 2, "text": "<p>The U.N.U.N. vote</p><script>x='E.U.E.U.'</script>\n", "format": "html"},
    {"id": "c", "text": "Clean text.\n", "format": "markdown"},
]


def _jsonl(records) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode()


def test_jsonl_from_stdin_streams_one_result_per_record():
    result = run_cli("check", "--jsonl", "--jobs", "1", "-", input=_jsonl(RECORDS) + b"not json\n" + b'{"id": 5}\n')
    assert result.returncode == 2
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["id"] for r in out] == ["a", 2, "c", None, 5]
    assert [[d["code"] for d in r["diagnostics"]] for r in out] == [["DUP001"], ["DUP001"], [], [], []]
    assert out[1]["diagnostics"][0]["start"] == 7 and out[1]["diagnostics"][0]["path"] == "2"
    assert out[3] == {"id": None, "line": 4, "diagnostics": [],
                      "error": "invalid JSON: Expecting value: line 1 column 1 (char 0)"}
    assert out[4]["error"] == "record has no string 'text'"


def test_jsonl_parallel_matches_serial(tmp_path):
    records = [{"id": i, "text": f"Story {i}: the the U.S.U.S. side. \n"} for i in range(600)]
    path = tmp_path / "in.jsonl"
    path.write_bytes(_jsonl(records))
    serial = run_cli("check", "--jsonl", "--jobs", "1", str(path))
    parallel = run_cli("check", "--jsonl", "--jobs", "2", str(path))
    assert serial.returncode == parallel.returncode == 1
    assert serial.stdout == parallel.stdout
    assert len(serial.stdout.decode().splitlines()) == 600


def test_python_api_is_pure():
    text = "The U.S.U.S. side.  Next.\n"
    first = [(d.code, d.start, d.end) for d in check_text(text)]
    assert first == [("DUP001", 4, 12), ("WS003", 18, 20)]
    assert [(d.code, d.start, d.end) for d in check_text(text)] == first
    assert fix_text(text).text == "The U.S. side. Next.\n"
    assert [d.code for d in check_text(text, select=["WS"])] == ["WS003"]


def test_dask_cluster_gives_the_single_machine_results(tmp_path):
    from dask.distributed import Client, LocalCluster

    from lint.run.dask_batch import check_jsonl_files

    inputs = tmp_path / "in"
    inputs.mkdir()
    all_records = []
    for part in range(3):
        records = [{"id": f"{part}-{i}", "text": f"Item {i}. The the U.N.U.N. vote. \n"} for i in range(40)]
        (inputs / f"part{part}.jsonl").write_bytes(_jsonl(records))
        all_records.extend(records)
    expected = list(check_lines(json.dumps(r) for r in all_records))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            assert len(client.scheduler_info()["workers"]) == 2
            written = check_jsonl_files(str(inputs / "*.jsonl"), str(tmp_path / "out"))
    got = [json.loads(line) for path in written for line in open(path, encoding="utf-8") if line.strip()]
    assert got == expected
    assert len(got) == 120 and all(r["diagnostics"] for r in got)


# -- CMS exports: the copy's field, fixing records in place ----------------------------

EXPORT = [
    '{"id": 1, "title": "Caf\\u00e9  news", "content": "The U.S.U.S. team met.  It rained.", "meta": {"a": [1, 2.50]}}',
    '{"id":2,"body":"Clean text.","views":1e3}',
    'not json at all',
    '{"id": 3, "text": "the the end \\u2014 ok", "extra": "x", "text_html": "<p>the the</p>"}',
    '{"id": 4, "story": "Un café  fort."}',
]


def _field_spans(line: str, name: str):
    """The raw line with the value of `name` cut out: what must stay byte for byte."""
    from lint.run.batch import _value_span

    s, e = _value_span(line, name)
    return line[:s], line[e:]


def test_fix_jsonl_changes_only_the_copys_field(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(EXPORT) + "\n", encoding="utf-8")
    result = run_cli("fix", "--jsonl", "--jobs", "1", str(path))
    assert result.returncode == 2  # the line that is not JSON
    assert result.stderr.decode().splitlines()[0] == (
        f"copydesk: error: {path}:3: invalid JSON: Expecting value: line 1 column 1 (char 0) (written back as it was)")
    out = path.read_text(encoding="utf-8").splitlines()
    assert len(out) == len(EXPORT) and out[2] == EXPORT[2] and out[1] == EXPORT[1] and out[4] == EXPORT[4]
    for i, name, fixed in ((0, "content", "The U.S. team met. It rained."), (3, "text", "the end \u2014 ok")):
        assert _field_spans(out[i], name) == _field_spans(EXPORT[i], name)  # every other byte as it was
        assert json.loads(out[i])[name] == fixed
    assert out[3].count("\\u2014") == 1  # the line's own escaping style is kept
    assert "Fixed 3 problems; 0 records still with problems." in result.stderr.decode()


def test_a_named_field_and_stdin(tmp_path):
    data = ("\n".join(EXPORT) + "\n").encode()
    result = run_cli("fix", "--jsonl", "--field", "story", "-", input=data)
    lines = result.stdout.decode().splitlines()
    assert json.loads(lines[4])["story"] == "Un café fort."
    assert lines[0] == EXPORT[0]  # no "story" field: written back as it was
    assert "record has no string 'story'" in result.stderr.decode()
    checked = run_cli("check", "--jsonl", "--field", "title", "-", input=data)
    assert [d["code"] for d in json.loads(checked.stdout.decode().splitlines()[0])["diagnostics"]] == ["WS003"]


def test_records_are_not_files_and_formats_are_refused():
    data = b'{"id": 1, "text": "No final line break"}\n'
    result = run_cli("check", "--jsonl", "-", input=data)
    assert json.loads(result.stdout) == {"id": 1, "diagnostics": [], "error": None}  # no WS002
    refused = run_cli("check", "--jsonl", "--format", "sarif", "-", input=data)
    assert refused.returncode == 2
    assert refused.stderr.decode() == "copydesk: error: --jsonl writes JSON Lines result records; --format sarif is for files\n"
    refused = run_cli("check", "--jsonl", "--statistics", "-", input=data)
    assert (refused.returncode, refused.stdout) == (2, b"")
    assert refused.stderr.decode() == "copydesk: error: --jsonl writes JSON Lines result records; --statistics is for files\n"


def test_fix_jsonl_refuses_diff_and_writes_nothing(tmp_path):
    """--diff promises to write nothing; fix --jsonl writes its records."""
    path = tmp_path / "export.jsonl"
    path.write_bytes(b'{"id": 1, "text": "The U.S.U.S. team."}\n')
    result = run_cli("fix", "--jsonl", "--diff", str(path))
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr.decode() == "copydesk: error: --jsonl writes the fixed records (to stdout for -); --diff is for files\n"
    assert path.read_bytes() == b'{"id": 1, "text": "The U.S.U.S. team."}\n'


def test_fix_jsonl_parallel_matches_serial(tmp_path):
    records = "".join(json.dumps({"id": i, "text": f"Story {i}: the the U.S.U.S. side. "}) + "\n" for i in range(600))
    serial = run_cli("fix", "--jsonl", "--jobs", "1", "-", input=records.encode())
    parallel = run_cli("fix", "--jsonl", "--jobs", "2", "-", input=records.encode())
    assert serial.stdout == parallel.stdout and serial.returncode == parallel.returncode == 0
    assert json.loads(serial.stdout.decode().splitlines()[599])["text"] == "Story 599: the U.S. side."


# -- a line that is not UTF-8 -------------------------------------------------------
# One bad byte in an export is one record's error: the records around it are
# checked or fixed, and a fix writes the line back byte for byte.

NOT_UTF8 = b'{"id": 1, "text": "The U.S.U.S. side."}\n{"id": 2, "text": "Caf\xe9 \xff"}\n{"id": 3, "text": "the the end"}\n'
NOT_UTF8_ERROR = {"id": None, "line": 2, "diagnostics": [], "error": "not UTF-8: byte 0xE9 at column 23"}


def test_check_jsonl_reports_a_line_that_is_not_utf8_and_goes_on(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_bytes(NOT_UTF8)
    for source, data in ((str(path), None), ("-", NOT_UTF8)):
        result = run_cli("check", "--jsonl", "--jobs", "1", source, input=data)
        assert result.returncode == 2
        out = [json.loads(line) for line in result.stdout.decode().splitlines()]
        assert [r["id"] for r in out] == [1, None, 3]
        assert out[1] == NOT_UTF8_ERROR
        assert [(d["code"], d["start"], d["end"]) for d in out[0]["diagnostics"] + out[2]["diagnostics"]] == [
            ("DUP001", 4, 12), ("DUP002", 0, 7)]


def test_fix_jsonl_writes_a_line_that_is_not_utf8_back_as_it_was(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_bytes(NOT_UTF8)
    result = run_cli("fix", "--jsonl", "--jobs", "1", str(path))
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == [
        f"copydesk: error: {path}:2: not UTF-8: byte 0xE9 at column 23 (written back as it was)",
        "Fixed 2 problems; 0 records still with problems."]
    expected = NOT_UTF8.replace(b"U.S.U.S.", b"U.S.").replace(b"the the end", b"the end")
    assert path.read_bytes() == expected
    piped = run_cli("fix", "--jsonl", "--jobs", "1", "-", input=NOT_UTF8)
    assert piped.returncode == 2 and piped.stdout == expected


def test_dask_reports_a_line_that_is_not_utf8(tmp_path):
    import dask

    from lint.run.dask_batch import check_jsonl_files

    (tmp_path / "export.jsonl").write_bytes(NOT_UTF8)
    with dask.config.set(scheduler="synchronous"):
        written = check_jsonl_files(str(tmp_path / "*.jsonl"), str(tmp_path / "out"))
    got = [json.loads(line) for path in written for line in open(path, encoding="utf-8") if line.strip()]
    assert got == list(check_lines(NOT_UTF8.decode("utf-8", "surrogateescape").splitlines()))
    assert got[1] == NOT_UTF8_ERROR and [r["id"] for r in got] == [1, None, 3]


def test_fix_jsonl_keeps_line_endings_blank_lines_and_the_last_line_as_they_were(tmp_path):
    """Only the copy's field of a fixed record changes: CRLF endings, blank
    lines and a last line without a line break are written back as read."""
    data = (b'{"id": 1, "text": "The cat sat."}\r\n\r\n   \r\n'
            b'{"id": 2, "text": "The U.S.U.S. team\\/s \\u0041 caf\\u00e9 \\ud83d\\ude00 met."}\r\n'
            b'{"id": 3, "text": "The end."}')
    path = tmp_path / "export.jsonl"
    path.write_bytes(data)
    result = run_cli("fix", "--jsonl", str(path))
    assert result.returncode == 0
    assert path.read_bytes() == data.replace(b"U.S.U.S.", b"U.S.")
    piped = run_cli("fix", "--jsonl", "-", input=data)
    assert piped.stdout == data.replace(b"U.S.U.S.", b"U.S.")


def test_check_jsonl_skips_blank_lines():
    data = b'{"id": 1, "text": "The  cat."}\r\n\r\n{"id": 2, "text": "ok"}\n\n'
    result = run_cli("check", "--jsonl", "-", input=data)
    assert result.returncode == 1
    assert [json.loads(line)["id"] for line in result.stdout.decode().splitlines()] == [1, 2]


escaped = st.text(st.characters(codec="utf-16", categories=("L", "N", "P", "S", "Zs", "Cc")), max_size=12)


@given(escaped, escaped, escaped, escaped, st.booleans(), st.booleans())
def test_a_spliced_value_keeps_the_escaping_of_what_did_not_change(head, old, new, tail, ascii_only, slashes):
    """_spliced writes anew only the stretch of the value that changed: the
    rest keeps its own escaping, whatever it was. (What changed is what lies
    between the longest common start and then the longest common end: with
    head "", old "", new "/", tail "/", the kept "/" is the start's.)"""
    from os.path import commonprefix

    from lint.run.batch import _spliced

    def literal(value: str) -> str:
        text = json.dumps(value, ensure_ascii=ascii_only)
        return text.replace("/", "\\/") if slashes else text

    before, after = head + old + tail, head + new + tail
    line = '{"id": 7, "text": ' + literal(before) + ', "tail": "/"}'
    spliced = _spliced(line, "text", after)
    assert json.loads(spliced) == {"id": 7, "text": after, "tail": "/"}
    start = len(commonprefix([before, after]))
    end = len(commonprefix([before[start:][::-1], after[start:][::-1]]))
    assert start >= len(head) and start + end >= min(len(head) + len(tail), len(before), len(after))
    assert spliced.startswith('{"id": 7, "text": ' + literal(before[:start])[:-1])
    assert spliced.endswith(literal(before[len(before) - end :])[1:] + ', "tail": "/"}')
    if new == old:
        assert spliced == line


def test_a_spliced_value_keeps_the_escaping_between_two_changes():
    from lint.run.batch import _spliced

    line = '{"id": 1, "body": "See <a href=\\"http:\\/\\/x.com\\/a\\">the the link<\\/a> , here and \\/ there."}'
    after = 'See <a href="http://x.com/a">the link</a>, here and / there.'
    assert _spliced(line, "body", after) == (
        '{"id": 1, "body": "See <a href=\\"http:\\/\\/x.com\\/a\\">the link<\\/a>, here and \\/ there."}')


@given(escaped, escaped, escaped, escaped, escaped, escaped, escaped, st.booleans(), st.booleans())
def test_a_value_spliced_at_two_places_reads_as_the_new_value(head, old1, new1, middle, old2, new2, tail,
                                                              ascii_only, slashes):
    from lint.run.batch import _spliced

    text = json.dumps(head + old1 + middle + old2 + tail, ensure_ascii=ascii_only)
    line = '{"text": ' + (text.replace("/", "\\/") if slashes else text) + "}"
    after = head + new1 + middle + new2 + tail
    assert json.loads(_spliced(line, "text", after)) == {"text": after}


def test_a_byte_order_mark_opening_the_file_is_kept_and_not_parsed(tmp_path):
    path = tmp_path / "export.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": 1, "text": "The U.S.U.S. team."}\r\n{"id": 2, "text": "ok"}\r\n')
    checked = run_cli("check", "--jsonl", str(path))
    assert checked.returncode == 1
    assert [(r["id"], [d["code"] for d in r["diagnostics"]], r["error"])
            for r in map(json.loads, checked.stdout.decode().splitlines())] == [(1, ["DUP001"], None), (2, [], None)]
    assert run_cli("fix", "--jsonl", str(path)).returncode == 0
    assert path.read_bytes() == b'\xef\xbb\xbf{"id": 1, "text": "The U.S. team."}\r\n{"id": 2, "text": "ok"}\r\n'
