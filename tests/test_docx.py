"""Word files on the command line: checked paragraph by paragraph, fixed
into a copy that keeps every run's formatting."""

from __future__ import annotations

import json
import re

import docx
import pytest

from conftest import run_as_other_user, run_cli
from docx_samples import add_hyperlink, raw

from lint.formats.docx import read


def _story(path):
    d = docx.Document()
    d.add_heading("Talks to resume", 1)
    p = d.add_paragraph("The ")
    p.add_run("U.S.").bold = True
    p.add_run("U.S. team met officials on Monday, the minister said.")
    d.add_paragraph("Leave a Reply")
    p = d.add_paragraph("She added that talks would ")
    p.add_run("resume next week.").italic = True
    d.add_table(rows=1, cols=1).cell(0, 0).text = "Shares of the the firm rose."
    p = d.add_paragraph("Read the report at ")
    add_hyperlink(p, "the the site", "https://example.com")
    p.add_run(" today.")
    d.save(path)
    return path


def test_findings_are_reported_by_paragraph(tmp_path):
    path = _story(tmp_path / "story.docx")
    result = run_cli("check", "--no-cache", "--format", "json", str(path))
    assert result.returncode == 1, result.stderr
    found = [(r["code"], r["line"], r["column"]) for r in json.loads(result.stdout)]
    assert found == [("DUP001", 2, 5), ("BOIL001", 3, 1), ("DUP002", 5, 11), ("DUP002", 6, 20)]
    text = run_cli("check", "--no-cache", str(path)).stdout.decode()
    assert "story.docx:2:5: error DUP001 'U.S.' is written twice [*]\n" \
           "    paragraph 2 (body): The [U.S.U.S.] team met officials on Monday,…\n" in text
    assert "    paragraph 5 (table 1, row 1, cell 1): Shares of [the the] firm rose.\n" in text


def test_a_paragraphs_style_says_what_it_is(tmp_path):
    """A Word paragraph's kind comes from its style: a table's cells beside
    an ad marker are a table, not web debris around it (--unsafe-fixes
    removed the first cell's label), and a Caption-styled paragraph is a
    caption by design, not a stray one, through every pass of fixes."""
    d = docx.Document()
    d.add_paragraph("Shares in the region fell sharply on Monday as investors weighed the latest figures.")
    d.add_paragraph("Advertisement")
    table = d.add_table(rows=2, cols=3)
    for i, row in enumerate([("Acme Holdings", "12.40", "-5.44%"), ("Beta Mining", "8.10", "-4.20%")]):
        for j, value in enumerate(row):
            table.cell(i, j).text = value
    d.add_paragraph("A trader works on the floor in New York, March 11, 2022. REUTERS/Brendan McDermid",
                    style="Caption")
    d.add_paragraph("Leave a Reply")
    d.add_paragraph("Analysts said the sell-off was likely to continue into the week.")
    d.add_paragraph("A man walks past a shop in Kyiv, Ukraine March 11, 2022. REUTERS/Gleb Garanich")
    path = tmp_path / "markets.docx"
    d.save(path)
    result = run_cli("check", "--no-cache", "--format", "json", str(path))
    assert [(r["code"], r["line"]) for r in json.loads(result.stdout)] == [("BOIL004", 2), ("BOIL001", 10), ("CAP001", 12)]
    report = tmp_path / "report.html"
    run_cli("check", "--no-cache", "--format", "html", "-o", str(report), str(path))
    # The report's view of what fix and --unsafe-fixes change reads the styles too.
    assert re.findall(r"<del>([^<]*)</del>", report.read_text(encoding="utf-8")) == [
        "Advertisement\u23ce", "Leave a Reply\u23ce",
        "Advertisement\u23ce", "Leave a Reply\u23ce", "\u23ceA man walks past a shop in Kyiv, Ukraine March 11, 2022. REUTERS/Gleb Garanich"]
    run_cli("fix", "--unsafe-fixes", "--no-cache", str(path))
    fixed = docx.Document(tmp_path / "markets.fixed.docx")
    assert [p.text for p in fixed.paragraphs] == [
        "Shares in the region fell sharply on Monday as investors weighed the latest figures.",
        "A trader works on the floor in New York, March 11, 2022. REUTERS/Brendan McDermid",
        "Analysts said the sell-off was likely to continue into the week."]
    assert [[c.text for c in row.cells] for row in fixed.tables[0].rows] == [
        ["Acme Holdings", "12.40", "-5.44%"], ["Beta Mining", "8.10", "-4.20%"]]


def test_a_restyled_paragraph_is_not_answered_from_the_cache(tmp_path):
    """The result cache's key holds the paragraphs' styles: the same text
    with a paragraph now styled Caption is checked again."""
    def save(style):
        d = docx.Document()
        d.add_paragraph("Shares fell sharply on Monday as investors weighed the latest figures.")
        d.add_paragraph("A trader works on the floor in New York, March 11, 2022. REUTERS/Brendan McDermid", style=style)
        d.save(tmp_path / "story.docx")

    def codes():
        result = run_cli("check", "--format", "json", "story.docx", cwd=tmp_path)
        return [r["code"] for r in json.loads(result.stdout)]

    save(None)
    assert codes() == ["CAP001"]
    save("Caption")
    assert codes() == []


def test_fix_writes_a_copy_with_the_defects_gone_and_the_formatting_kept(tmp_path):
    path = _story(tmp_path / "story.docx")
    before = path.read_bytes()
    result = run_cli("fix", "--no-cache", str(path))
    assert path.read_bytes() == before  # the original is left as it was
    assert f"copydesk: {path}: fixed copy written to {tmp_path / 'story.fixed.docx'}" in result.stderr.decode()
    fixed = docx.Document(tmp_path / "story.fixed.docx")
    assert [p.text for p in fixed.paragraphs] == [
        "Talks to resume", "The U.S. team met officials on Monday, the minister said.",
        "She added that talks would resume next week.", "Read the report at the site today."]
    assert [(r.text, r.bold) for r in fixed.paragraphs[1].runs] == [
        ("The ", None), ("U.S.", True), (" team met officials on Monday, the minister said.", None)]
    assert [(r.text, r.italic) for r in fixed.paragraphs[2].runs][-1] == ("resume next week.", True)
    assert fixed.tables[0].cell(0, 0).text == "Shares of the firm rose."
    # The doubled word inside the hyperlink is fixed inside it (no boundary crossed).
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_long_file_with_empty_paragraphs_between_is_fixed_paragraph_by_paragraph(tmp_path):
    """Copy pasted into Word often has an empty paragraph between each two:
    the fixes still land on their own paragraphs (matching hundreds of equal
    empty lines took minutes)."""
    d = docx.Document()
    for i in range(600):
        d.add_paragraph(f"Story {i} says the the council met on Monday, the mayor said." if i % 3 == 0
                        else f"Story {i} says the council met on Monday, the mayor said.")
        d.add_paragraph("")
    d.save(tmp_path / "long.docx")
    result = run_cli("fix", "--no-cache", str(tmp_path / "long.docx"))
    assert result.returncode == 0, result.stdout + result.stderr
    fixed = [p.text for p in docx.Document(tmp_path / "long.fixed.docx").paragraphs]
    assert fixed == [t for i in range(600) for t in (f"Story {i} says the council met on Monday, the mayor said.", "")]


def test_boilerplate_between_empty_paragraphs_goes_without_an_error(tmp_path):
    """The removal takes one empty paragraph along in the text; in the Word
    file that empty paragraph has nothing to edit, and stays."""
    d = docx.Document()
    for text in ("The dollar rose on Monday.", "", "Leave a Reply", "", "Worries remain, traders said."):
        d.add_paragraph(text)
    d.save(tmp_path / "spaced.docx")
    result = run_cli("fix", "--no-cache", str(tmp_path / "spaced.docx"))
    assert (result.returncode, result.stderr.decode()) == (
        0, f"copydesk: {tmp_path / 'spaced.docx'}: fixed copy written to {tmp_path / 'spaced.fixed.docx'}\n")
    assert [p.text for p in docx.Document(tmp_path / "spaced.fixed.docx").paragraphs] == [
        "The dollar rose on Monday.", "", "", "Worries remain, traders said."]


def test_a_fix_that_cannot_be_written_is_named(tmp_path):
    """Text a tracked insertion holds is the reviewer's to accept: the fix
    is refused, said so, and the rest of the copy is still written."""
    d = docx.Document()
    p = d.add_paragraph("The minister spoke ")
    p._p.append(raw('<w:ins w:id="7" w:author="Ed" w:date="2024-01-01T00:00:00Z"><w:r><w:t xml:space="preserve">'
                    'on on Monday</w:t></w:r></w:ins>'))
    p.add_run(".")
    d.add_paragraph("The U.S.U.S. team left.")
    path = tmp_path / "tracked.docx"
    d.save(path)
    result = run_cli("fix", "--no-cache", str(path))
    assert result.returncode == 1  # the doubled word is still there
    assert result.stderr.decode().splitlines()[0] == (
        f"copydesk: error: {path}: paragraph 1: a fix was not written into the copy: touches a tracked insertion")
    assert [p.text for p in read(tmp_path / "tracked.fixed.docx")] == ["The minister spoke on on Monday.",
                                                                       "The U.S. team left."]
    # The report is the copy's: the refused fix's finding remains, the other is fixed.
    assert result.stdout.decode().splitlines()[0].startswith(f"{path}:1:20: warning DUP002 'on' is written twice")
    assert result.stdout.decode().splitlines()[-1] == "Fixed 1 problem in 1 file; 1 remains."


def test_the_findings_left_by_a_fix_are_placed_in_the_copy_written(tmp_path):
    """A paragraph the fix removed is gone from the copy: what `fix` says
    remains is what `check` finds in the copy, paragraph for paragraph."""
    d = docx.Document()
    for text in ("Shares rose on Monday.", "Leave a Reply"):
        d.add_paragraph(text)
    d.add_table(rows=1, cols=1).cell(0, 0).text = "Profit rose 5%."
    d.add_paragraph("The the analysts said the results were strong.")
    d.save(tmp_path / "story.docx")
    fixed = run_cli("fix", "--no-cache", str(tmp_path / "story.docx")).stdout.decode().splitlines()
    copy = run_cli("check", "--no-cache", str(tmp_path / "story.fixed.docx")).stdout.decode().splitlines()
    assert fixed[:-1] == [line.replace("story.fixed.docx", "story.docx") for line in copy[:-1]]
    assert fixed[0] == f"{tmp_path / 'story.docx'}:3:1: warning DUP002 'The' is written twice [unsafe fix]"
    assert fixed[-1] == "Fixed 1 problem in 1 file; 1 remains."


def test_a_word_file_is_not_read_from_stdin():
    result = run_cli("check", "-", "--stdin-filename", "story.docx", input=b"PK\x03\x04")
    assert result.returncode == 2
    assert result.stderr.decode() == "copydesk: error: story.docx: a Word file cannot be read from stdin: name the file\n"


def test_a_broken_word_file_is_one_line(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    result = run_cli("check", "--no-cache", str(path))
    assert result.returncode == 2
    assert result.stderr.decode().startswith(f"copydesk: error: {path}: not a Word file copydesk can read (")
    assert result.stderr.decode().count("\n") == 1


@pytest.mark.parametrize("mode", [0o600, 0o644, 0o664])
def test_the_fixed_copy_is_as_private_or_as_shared_as_the_file_it_comes_from(tmp_path, mode):
    path = _story(tmp_path / "story.docx")
    path.chmod(mode)
    run_cli("fix", "--no-cache", str(path))
    assert (tmp_path / "story.fixed.docx").stat().st_mode & 0o777 == mode


def test_a_folder_that_takes_no_fixed_copy_is_one_line_and_the_run_goes_on(tmp_path):
    desk = tmp_path / "desk"
    desk.mkdir()
    path = _story(desk / "story.docx")
    other = desk / "other.txt"
    other.write_text("It was the the end.\n", encoding="utf-8")
    other.chmod(0o666)
    desk.chmod(0o555)  # nobody but root may add a file; run as another user
    try:
        result = run_as_other_user("fix", "--no-cache", "--jobs", "1", str(path), str(other))
    finally:
        desk.chmod(0o755)
    errors = [line for line in result.stderr.decode().splitlines() if line.startswith("copydesk: error:")]
    assert errors == [f"copydesk: error: {path}: the fixed copy {desk / 'story.fixed.docx'} was not written: "
                      "Permission denied", f"copydesk: error: {other}: cannot write beside it: Permission denied"]
    assert result.returncode == 2
    assert sorted(p.name for p in desk.iterdir()) == ["other.txt", "story.docx"]
