"""Word files (lint/formats/docx.py): documents are built with python-docx
(and raw XML where python-docx has no API), fixed with docx.apply, and
opened again with python-docx to check the result."""

from __future__ import annotations

import random
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph

from lint.formats import docx as docx_io

from docx_samples import add_hyperlink, make_article, make_features, raw

EXPECTED_FEATURES = [
    "U.S.U.S. officials said nothing.",
    "Leave a Reply",
    "Read the full report here  now.",
    "Name:\tValue \n second line",
    "Paris is is lovely.",
    "The new plan plan was approved.",
    "Printed on 1 May 2024, page 7 of the the report.",
    "The figure is disputed by by critics.",
    "The claim was made.\ufffc More more text.",
    "Reporter: Jane Doe in London.",
    "A man walks past a damaged building in Kyiv, Ukraine March 11, 2022.",
    "well-known example\ufffc",
    "Cell with with a doubled word",
    "Bold cell",
    "The end.",
    "Header text here",
    "Page 1",
    "\ufffc Source: the the city.",
]


@pytest.fixture(scope="module")
def features(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("docs") / "features.docx"
    make_features(path)
    return path


def fix(src: Path, edits: dict, name="out.docx"):
    out = src.with_name(name)
    refused = docx_io.apply(src, out, edits)
    return out, refused


def body_paragraphs(path: Path) -> list[DocxParagraph]:
    """Every w:p of the body (tables included), as python-docx sees them."""
    d = docx.Document(path)
    return [DocxParagraph(p, d._body) for p in d.element.body.iter(qn("w:p"))]


def texts(path: Path) -> list[str]:
    return [p.text for p in docx_io.read(path)]


def index_of(path: Path, text: str) -> int:
    return next(p.index for p in docx_io.read(path) if p.text == text)


# -- reading --------------------------------------------------------------
def test_read_features_text(features):
    paras = docx_io.read(features)
    assert [p.text for p in paras] == EXPECTED_FEATURES
    assert [p.where for p in paras][12:] == ["table 1, row 1, cell 1", "table 1, row 1, cell 2", "body",
                                             "header1.xml", "footer1.xml", "footnote 1"]
    assert [p.number for p in paras][:3] == [1, 2, 3]


def test_read_only_body(features):
    assert texts(features) [:15] == [p.text for p in docx_io.read(features, stories=("body",))]


def test_locate_maps_offsets_to_runs(features):
    p = docx_io.read(features)[0]
    r0, off0 = p.locate(0)
    r1, off1 = p.locate(5)
    assert off0 == 0 and off1 == 1 and r0 is not r1
    assert r0.find(qn("w:rPr")).find(qn("w:b")) is not None  # the bold "U.S."
    assert [(s, e) for _, s, e in p.runs] == [(0, 4), (4, 24), (24, 31), (31, 32)]
    assert p.context(4, 8, width=4) == "U.S.[U.S.] off…"


def test_text_agrees_with_python_docx_on_plain_articles(tmp_path):
    """Where python-docx sees everything (runs and hyperlinks only), both agree."""
    path = tmp_path / "small.docx"
    make_article(path, 2000)
    ours = [p.text for p in docx_io.read(path, stories=("body",))]
    assert ours == [p.text for p in body_paragraphs(path)]


def test_python_docx_misses_runs_outside_r_and_hyperlink(features):
    theirs = [p.text for p in body_paragraphs(features)]
    assert theirs[4] == " is is lovely."          # smart tag content dropped
    assert theirs[5] == "The  plan plan was approved."  # tracked insertion dropped
    assert theirs[9] == "Reporter:  in London."   # content control dropped


# -- the cases of the brief ---------------------------------------------
def test_doubled_token_across_bold_and_plain_runs(features):
    out, refused = fix(features, {0: [(4, 8, "")]})
    assert refused == []
    p = body_paragraphs(out)[0]
    assert p.text == "U.S. officials said nothing."
    assert [(r.text, r.bold, r.italic) for r in p.runs] == [
        ("U.S.", True, None), (" officials said ", None, None), ("nothing", None, True), (".", None, None)]
    assert p.runs[2].font.size.pt == 14


def test_delete_the_bold_copy_removes_its_run(features):
    out, refused = fix(features, {0: [(0, 4, "")]})
    assert refused == []
    p = body_paragraphs(out)[0]
    assert p.text == "U.S. officials said nothing."
    assert not any(r.bold for r in p.runs)


def test_replacement_spanning_runs_goes_into_the_first(features):
    out, refused = fix(features, {0: [(2, 14, "S. top ")]})  # "S.U.S. offic" -> "S. top "
    assert refused == []
    p = body_paragraphs(out)[0]
    assert p.text == "U.S. top ials said nothing."
    assert [(r.text, r.bold) for r in p.runs][:2] == [("U.S. top ", True), ("ials said ", None)]


def test_boilerplate_paragraph_removed(features):
    before = body_paragraphs(features)
    out, refused = fix(features, {1: [(0, len("Leave a Reply"), "")]})
    assert refused == []
    after = body_paragraphs(out)
    assert len(after) == len(before) - 1
    assert "Leave a Reply" not in [p.text for p in after]
    assert [p.text for p in after] == [p.text for p in before if p.text != "Leave a Reply"]


def test_caption_paragraph_removed_and_lint_fix_objects_accepted(features):
    from collections import namedtuple
    Edit = namedtuple("Edit", "start end replacement")
    Fix = namedtuple("Fix", "edits")
    text = EXPECTED_FEATURES[10]
    out, refused = fix(features, {10: [Fix((Edit(0, len(text), ""),))]})
    assert refused == []
    assert text not in texts(out)
    assert len(texts(out)) == len(EXPECTED_FEATURES) - 1


def test_hyperlink_inside_edit_and_boundary(features):
    out, refused = fix(features, {2: [(9, 13, "whole"),      # "full" -> "whole", inside the link
                                      (25, 27, " "),          # "  " -> " ", after the link
                                      (4, 13, "")]})         # "the full" crosses the link's start
    assert [r.reason for r in refused] == ["crosses a hyperlink boundary"]
    p = body_paragraphs(out)[2]
    assert p.text == "Read the whole report here now."
    (link,) = p.hyperlinks
    assert link.text == "whole report" and link.url == "https://example.com/report"


def test_edit_may_not_empty_a_hyperlink(features):
    out, refused = fix(features, {2: [(9, 20, "")]})
    assert [r.reason for r in refused] == ["would empty a hyperlink"]


def test_insertion_at_link_end_stays_outside_the_link(features):
    out, refused = fix(features, {2: [(20, 20, ",")]})
    assert refused == []
    p = body_paragraphs(out)[2]
    assert p.text == "Read the full report, here  now."
    assert p.hyperlinks[0].text == "full report"


def test_table_cell(features):
    out, refused = fix(features, {12: [(5, 10, "")], 13: [(4, 9, " cells")]})
    assert refused == []
    cell0, cell1 = docx.Document(out).tables[0].rows[0].cells
    assert cell0.text == "Cell with a doubled word"
    assert cell1.text == "Bold cells"
    assert cell1.paragraphs[0].runs[0].bold is True


def test_only_paragraph_of_a_cell_is_emptied_not_removed(features):
    out, refused = fix(features, {13: [(0, 9, "")]})
    assert refused == []
    cell1 = docx.Document(out).tables[0].rows[0].cells[1]
    assert len(cell1.paragraphs) == 1 and cell1.text == ""


# -- what must be refused -------------------------------------------------
def test_tracked_changes(features):
    out, refused = fix(features, {5: [(4, 7, "newer"), (8, 13, ""), (0, 5, "A n")]})
    assert sorted(r.reason for r in refused) == ["touches a tracked insertion", "touches a tracked insertion"]
    assert texts(out)[5] == "The new plan was approved."
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert "<w:delText>old</w:delText>" in xml and 'w:author="Ed"' in xml


def test_deletion_over_a_tracked_deletion_is_refused(tmp_path):
    d = docx.Document()
    p = d.add_paragraph("The ")
    p._p.append(raw('<w:del w:id="1" w:author="Ed" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>old</w:delText></w:r></w:del>'))
    p.add_run(" plan plan.")
    path = tmp_path / "del.docx"
    d.save(path)
    assert texts(path) == ["The  plan plan."]
    # "  " around the deletion: refused; an edit ending at it, or after it: done
    out, refused = fix(path, {0: [(3, 5, " "), (0, 3, "A"), (5, 10, "")]})
    assert [(r.edits, r.reason) for r in refused] == [(((3, 5, " "),), "touches a tracked deletion")]
    assert texts(out) == ["A  plan."]
    out, refused = fix(path, {0: [(0, len("The  plan plan."), "")]})
    assert [r.reason for r in refused] == ["paragraph holds a tracked deletion"]


def test_removal_refused_leaves_the_other_fixes(features):
    text = EXPECTED_FEATURES[7]
    out, refused = fix(features, {7: [(0, len(text), ""), (25, 28, "")]})
    assert [r.reason for r in refused] == ["paragraph holds a comment anchor"]
    assert texts(out)[7] == "The figure is disputed by critics."


def test_passes_and_saving_over_the_input(features, tmp_path):
    path = tmp_path / "story.docx"
    shutil.copy(features, path)
    with docx_io.DocxFile(path) as f:
        assert f.apply({4: [(5, 8, "")]}) == []        # "Paris is is lovely." -> "Paris is lovely."
        assert f.paragraphs[4].text == "Paris is lovely."
        assert f.apply({4: [(6, 8, "was")], 1: [(0, 13, "")]}) == []
        assert [p.text for p in f.paragraphs][1:4] == [EXPECTED_FEATURES[2], EXPECTED_FEATURES[3], "Paris was lovely."]
        f.save(path)
    assert texts(path)[3] == "Paris was lovely."


def test_insertion_into_empty_paragraph_refused(tmp_path):
    d = docx.Document()
    d.add_paragraph("")
    path = tmp_path / "e.docx"
    d.save(path)
    out, refused = fix(path, {0: [(0, 0, "x")]})
    assert [r.reason for r in refused] == ["no editable text run at the insertion point"]


def test_fields(features):
    out, refused = fix(features, {6: [(36, 40, ""), (11, 16, "2 "), (28, 29, "8"), (27, 29, "")]})
    assert sorted(r.reason for r in refused) == ["touches a field result"] * 3
    assert texts(out)[6] == "Printed on 1 May 2024, page 7 of the report."


def test_comment_anchor(features):
    # "disputed" is the commented range [14, 22): editing inside it is fine,
    # an edit across its end is not; "by by" after it is.
    out, refused = fix(features, {7: [(14, 22, "contested"), (22, 25, ""), (20, 26, "")]})
    assert [r.reason for r in refused] == ["touches a comment anchor"]
    assert texts(out)[7] == "The figure is contested by critics."
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert "commentRangeStart" in xml and "commentRangeEnd" in xml and "commentReference" in xml


def test_footnote_reference_and_footnote_text(features):
    out, refused = fix(features, {8: [(20, 25, ""), (18, 21, ". ")], 17: [(14, 18, "")]})
    assert [r.reason for r in refused] == ["touches a footnote reference"]
    t = texts(out)
    assert t[8] == "The claim was made.\ufffc more text."
    assert t[17] == "\ufffc Source: the city."


def test_content_control(features):
    out, refused = fix(features, {9: [(10, 14, "Janet"), (15, 21, "")]})
    assert [r.reason for r in refused] == ["crosses a content control boundary"]
    assert texts(out)[9] == "Reporter: Janet Doe in London."


def test_smart_tag_is_no_barrier(features):
    out, refused = fix(features, {4: [(5, 8, ""), (0, 5, "Rome")]})
    assert refused == []
    assert texts(out)[4] == "Rome is lovely."


def test_special_characters(features):
    p = docx_io.read(features)[11]
    assert docx_io._check_edit(p, 3, 6, "") == "touches a non-breaking hyphen"
    assert docx_io._check_edit(p, 17, 19, "") == "touches a symbol"
    out, refused = fix(features, {11: [(11, 18, "sample")]})  # across the soft hyphen
    assert refused == []
    assert texts(out)[11] == "well-known sample\ufffc"
    assert "softHyphen" not in zipfile.ZipFile(out).read("word/document.xml").decode()


def test_tab_and_line_break(features):
    # 'Name:\tValue \n second line': drop the space before the break, turn
    # "\n " into a space, and the tab into ": " (a replacement with a tab in it)
    out, refused = fix(features, {3: [(11, 12, ""), (12, 14, " "), (4, 6, ":\t")]})
    assert refused == []
    assert texts(out)[3] == "Name:\tValue second line"
    p = body_paragraphs(out)[3]._p
    assert len(p.findall(".//" + qn("w:br"))) == 0 and len(p.findall(".//" + qn("w:tab"))) == 1


def test_paragraph_removal_refusals(tmp_path, features):
    # a paragraph with a comment anchor, or whose text is a tracked change, stays
    text = EXPECTED_FEATURES[7]
    out, refused = fix(features, {7: [(0, len(text), "")], 6: [(0, len(EXPECTED_FEATURES[6]), "")]})
    assert sorted(r.reason for r in refused) == ["paragraph holds a comment anchor", "paragraph holds a field result"]
    # a paragraph that ends a section (w:sectPr in its w:pPr)
    d = docx.Document()
    d.add_paragraph("Leave a Reply")
    d.add_section()
    d.add_paragraph("Body")
    # as Word writes it: the section's last paragraph (one with text) holds the w:sectPr
    p0, p1 = d.paragraphs[0]._p, d.paragraphs[1]._p
    p0.get_or_add_pPr().append(p1.pPr.find(qn("w:sectPr")))
    p1.getparent().remove(p1)
    path = tmp_path / "sect.docx"
    d.save(path)
    out, refused = fix(path, {0: [(0, 13, "")]})
    assert [r.reason for r in refused] == ["paragraph holds a section break"]


def test_fix_of_several_edits_is_all_or_nothing(features):
    out, refused = fix(features, {0: [[(4, 8, ""), (24, 31, "x")]], 2: [[(25, 27, " "), (4, 13, "")]]})
    assert [r.paragraph for r in refused] == [2]
    t = texts(out)
    assert t[0] == "U.S. officials said x."
    assert t[2] == EXPECTED_FEATURES[2]  # nothing of the refused fix was done


def test_overlapping_fixes_second_refused(features):
    out, refused = fix(features, {0: [(4, 8, ""), (6, 10, "")]})
    assert [r.reason for r in refused] == ["overlaps another fix"]


def test_leading_and_trailing_spaces_preserved(tmp_path):
    d = docx.Document()
    p = d.add_paragraph()
    p.add_run("Hello").bold = True
    p.add_run("   world")
    path = tmp_path / "sp.docx"
    d.save(path)
    out, refused = fix(path, {0: [(5, 7, "")]})
    assert texts(out)[0] == "Hello world"
    assert body_paragraphs(out)[0].runs[1].text == " world"
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert '<w:t xml:space="preserve"> world</w:t>' in xml


# -- the package ----------------------------------------------------------
def test_untouched_parts_are_copied_byte_for_byte(features):
    out, refused = fix(features, {0: [(4, 8, "")]})
    a, b = zipfile.ZipFile(features), zipfile.ZipFile(out)
    assert a.namelist() == b.namelist()
    differ = [n for n in a.namelist() if a.read(n) != b.read(n)]
    assert differ == ["word/document.xml"]


def test_no_edits_no_change(features):
    out, refused = fix(features, {})
    a, b = zipfile.ZipFile(features), zipfile.ZipFile(out)
    assert all(a.read(n) == b.read(n) for n in a.namelist())


def test_not_a_docx(tmp_path):
    bad = tmp_path / "x.docx"
    bad.write_text("hello")
    with pytest.raises(docx_io.DocxError):
        docx_io.read(bad)


def test_paragraph_with_image_is_not_removed(tmp_path):
    from docx.shared import Inches
    import struct, zlib
    png = tmp_path / "a.png"  # a 1x1 PNG
    raw_data = b"\x00\xff\x00\x00"
    def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
                    + chunk(b"IDAT", zlib.compress(raw_data)) + chunk(b"IEND", b""))
    d = docx.Document()
    p = d.add_paragraph("Photo: ")
    p.add_run().add_picture(str(png), width=Inches(1))
    d.add_paragraph("Leave a Reply")
    path = tmp_path / "img.docx"
    d.save(path)
    paras = docx_io.read(path)
    assert paras[0].text == "Photo: \ufffc"
    out, refused = fix(path, {0: [(0, 8, "")], 1: [(0, 13, "")]})
    assert [r.reason for r in refused] == ["paragraph holds an image"]
    assert texts(out) == ["Photo: \ufffc"]


# -- random edits keep every untouched character's formatting ----------------
def _formats(p: DocxParagraph) -> list[tuple]:
    out = []
    for r in p.runs:
        out.extend([(r.bold, r.italic)] * len(r.text))
    return out


@pytest.mark.parametrize("seed", range(40))
def test_random_edits_keep_formatting(tmp_path, seed):
    rng = random.Random(seed)
    d = docx.Document()
    p = d.add_paragraph()
    for _ in range(rng.randint(1, 8)):
        r = p.add_run("".join(rng.choice("ab .") for _ in range(rng.randint(1, 6))))
        r.bold, r.italic = rng.choice([None, True]), rng.choice([None, True])
    path = tmp_path / "r.docx"
    d.save(path)
    text = p.text
    fmt = _formats(p)
    # non-overlapping edits, some spanning runs, some insertions
    cuts = sorted(rng.sample(range(len(text) + 1), min(len(text) + 1, 2 * rng.randint(1, 3))))
    edits = [(cuts[i], cuts[i + 1], rng.choice(["", "X", "YZ"])) for i in range(0, len(cuts) - 1, 2)]
    edits = [e for e in edits if e[0] < e[1] or e[2]]
    if len(edits) == 1 and edits[0][0] == 0 and edits[0][1] == len(text) and not edits[0][2]:
        edits = [(0, 1, "Q")]
    out, refused = fix(path, {0: edits})
    assert refused == []
    expected, exp_fmt, pos = [], [], 0
    for s, e, repl in edits:
        expected.append(text[pos:s]); exp_fmt.extend(fmt[pos:s])
        expected.append(repl); exp_fmt.extend([None] * len(repl))
        pos = e
    expected.append(text[pos:]); exp_fmt.extend(fmt[pos:])
    after = body_paragraphs(out)[0]
    assert after.text == "".join(expected)
    got = _formats(after)
    assert all(x is None or x == y for x, y in zip(exp_fmt, got))



# -- random edits anywhere: what apply() did not refuse is exactly what happened --
def _random_fixes(rng, text):
    fixes, pos = [], 0
    while pos <= len(text) and len(fixes) < 3:
        s = rng.randint(pos, len(text))
        e = min(len(text), s + rng.choice([0, 1, 2, 4, 8]))
        repl = rng.choice(["", "", "x", "Y ", "\t"])
        if s == e and not repl:
            repl = "z"
        if (s, e) == (0, len(text)) and not repl:
            repl = "w"
        fixes.append((s, e, repl))
        pos = e + 1
    return fixes


@pytest.mark.parametrize("seed", range(30))
def test_random_edits_everywhere(features, tmp_path, seed):
    rng = random.Random(seed)
    paras = docx_io.read(features)
    edits = {p.index: _random_fixes(rng, p.text) for p in paras if rng.random() < 0.7}
    out = tmp_path / "o.docx"
    refused = docx_io.apply(features, out, edits)
    no = {(r.paragraph, r.edits[0]) for r in refused}
    expected = []
    for p in paras:
        t = p.text
        for s, e, repl in sorted(edits.get(p.index, []), reverse=True):
            if (p.index, (s, e, repl)) not in no:
                t = t[:s] + repl + t[e:]
        expected.append(t)
    assert texts(out) == expected
    docx.Document(out)  # opens
