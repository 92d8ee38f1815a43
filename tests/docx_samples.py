"""Word files for the tests, built with python-docx plus raw XML where it
has no API: an article, a long document, and one holding every construct
the reader must know (hyperlinks, fields, tracked changes, comments,
footnotes, content controls, tables, headers)."""

from __future__ import annotations

import random
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

W = nsdecls("w", "r")
URL = "https://example.com/report"

WORDS = ("the officials said that a report on the city budget was released on Monday after "
         "months of delay and several council members asked for more time to study how the "
         "money would be spent on schools roads parks and public safety programs").split()


def add_hyperlink(paragraph, text: str, url: str = URL, bold: bool = False):
    """A real <w:hyperlink r:id=...> with one run, as Word writes it."""
    rid = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    rpr = '<w:rPr><w:rStyle w:val="Hyperlink"/>' + ("<w:b/>" if bold else "") + "</w:rPr>"
    el = parse_xml(f'<w:hyperlink {W} r:id="{rid}" w:history="1"><w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r></w:hyperlink>')
    paragraph._p.append(el)
    return el


def raw(tag_xml: str):
    """Parse a fragment whose root element carries the w/r namespace declarations."""
    i = tag_xml.index(" ") if " " in tag_xml.split(">")[0] else tag_xml.index(">")
    return parse_xml(tag_xml[:i] + " " + W + tag_xml[i:])


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def make_article(path: Path, n_words: int, seed: int = 1, tables_every: int = 40, links_every: int = 7):
    """Body paragraphs of ~70 words in 3-7 runs (bold/italic spans, some hyperlinks),
    a small table now and then, a header and a footer."""
    rng = random.Random(seed)
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "The Daily Example - Metro"
    d.sections[0].footer.paragraphs[0].text = "Copyright The Daily Example"
    d.add_heading("City budget report delayed again", level=1)
    words = 0
    i = 0
    while words < n_words:
        p = d.add_paragraph()
        for k in range(rng.randint(3, 7)):
            s = sentence(rng, rng.randint(6, 14)) + " "
            r = p.add_run(s)
            words += len(s.split())
            if k % 3 == 1:
                r.bold = True
            elif k % 3 == 2:
                r.italic = True
        if i % links_every == 3:
            add_hyperlink(p, "the full report")
            p.add_run(" was cited.")
            words += 5
        if tables_every and i % tables_every == tables_every - 1:
            t = d.add_table(rows=2, cols=3)
            for row in t.rows:
                for c in row.cells:
                    c.text = sentence(rng, 4)
                    words += 5
        i += 1
    d.save(path)
    return words


def make_features(path: Path):
    d = docx.Document()
    sec = d.sections[0]
    sec.header.paragraphs[0].text = "Header text here"
    fp = sec.footer.paragraphs[0]
    fp.add_run("Page ")
    fp._p.append(raw('<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'))

    # 0: the doubled token split across a bold and a plain run
    p = d.add_paragraph()
    r = p.add_run("U.S.")
    r.bold = True
    p.add_run("U.S. officials said ")
    r = p.add_run("nothing")
    r.italic = True
    r.font.size = Pt(14)
    p.add_run(".")
    # 1: web boilerplate on its own line
    d.add_paragraph("Leave a Reply")
    # 2: a hyperlink in the middle
    p = d.add_paragraph("Read the ")
    add_hyperlink(p, "full report")
    p.add_run(" here  now.")
    # 3: tab and line break, leading/trailing spaces
    p = d.add_paragraph()
    r = p.add_run("Name:")
    r.add_tab()
    r.add_text("Value ")
    r.add_break()
    r.add_text(" second line")
    # 4: smart tag (Word 2003-era markup still found in old copy) and a custom XML element
    p = d.add_paragraph()
    p._p.append(raw('<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="City">'
                    '<w:r><w:t>Paris</w:t></w:r></w:smartTag>'))
    p.add_run(" is is lovely.")
    # 5: tracked changes: a deletion and an insertion
    p = d.add_paragraph("The ")
    p._p.append(raw('<w:del w:id="101" w:author="Ed" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>old</w:delText></w:r></w:del>'))
    p._p.append(raw('<w:ins w:id="102" w:author="Ed" w:date="2024-01-01T00:00:00Z"><w:r><w:t>new</w:t></w:r></w:ins>'))
    p.add_run(" plan plan was approved.")
    # 6: simple field and complex field
    p = d.add_paragraph("Printed on ")
    p._p.append(raw('<w:fldSimple w:instr=" DATE \\@ &quot;d MMMM yyyy&quot; "><w:r><w:t>1 May 2024</w:t></w:r></w:fldSimple>'))
    p.add_run(", page ")
    for x in ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
              '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
              '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
              '<w:r><w:t>7</w:t></w:r>',
              '<w:r><w:fldChar w:fldCharType="end"/></w:r>'):
        p._p.append(raw(x))
    p.add_run(" of the the report.")
    # 7: a comment anchored on "disputed"
    p = d.add_paragraph("The figure is ")
    r = p.add_run("disputed")
    p.add_run(" by by critics.")
    d.add_comment(r, text="Check this", author="Ed", initials="E")
    # 8: footnote reference (footnotes part added below)
    p = d.add_paragraph("The claim was made.")
    p._p.append(raw('<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r>'))
    p.add_run(" More more text.")
    # 9: inline content control
    p = d.add_paragraph("Reporter: ")
    p._p.append(raw('<w:sdt><w:sdtPr><w:alias w:val="Byline"/></w:sdtPr><w:sdtContent>'
                    '<w:r><w:t>Jane Doe</w:t></w:r></w:sdtContent></w:sdt>'))
    p.add_run(" in London.")
    # 10: a photo caption paragraph
    d.add_paragraph("A man walks past a damaged building in Kyiv, Ukraine March 11, 2022.")
    # 11: no-break hyphen, soft hyphen, symbol
    p = d.add_paragraph()
    p._p.append(raw('<w:r><w:t>well</w:t><w:noBreakHyphen/><w:t>known ex</w:t><w:softHyphen/><w:t>ample</w:t>'
                    '<w:sym w:font="Symbol" w:char="F0B7"/></w:r>'))
    # 12: table cell with a doubled word
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "Cell with with a doubled word"
    c = t.cell(0, 1)
    c.paragraphs[0].add_run("Bold").bold = True
    c.paragraphs[0].add_run(" cell")
    # 13: last body paragraph
    d.add_paragraph("The end.")

    # footnotes part, as Word writes it (separators at -1/0 ids)
    fn_xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {W}>'
              '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
              '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
              '<w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
              '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r>'
              '<w:r><w:t xml:space="preserve"> Source: the the city.</w:t></w:r></w:p></w:footnote></w:footnotes>')
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                fn_xml.encode(), d.part.package)
    d.part.relate_to(part, RT.FOOTNOTES)
    d.save(path)

