"""Word files (.docx): their paragraphs as text mapped back to the runs,
and fixes written into a copy without touching any run's formatting.

    paragraphs = read("story.docx")
    p = paragraphs[3]
    p.text                      # plain text: run texts joined, w:tab -> "\t", w:br -> "\n"
    p.locate(12)                # (w:r element, offset in that run's text)
    refused = apply("story.docx", "story.fixed.docx", {3: [(0, 4, "")]})

It works on the package directly (zipfile and lxml): the parts it changes
are serialised again, every other part is copied byte for byte. python-docx
would drop the text of hyperlinks, tracked insertions and fields from its
paragraphs, and rewrite every part on saving; docx2python reads only, and
merges runs. Reading the paragraph texts of a 132,000-word file (2,117
paragraphs) takes 28 ms here, 95 ms with python-docx and 390 ms with
docx2python; of a 2,000-word article 0.7 ms, 8 ms and 6 ms (medians,
`python bench/docx_readers.py`, in docs/inputs.md). The tests build and
check documents with python-docx.

Text model. Every w:p (body, tables, headers, footers, footnotes, endnotes;
text-box paragraphs read-only) gives one Paragraph whose `text` is what a
reader sees: w:t text of every visible run in document order, whatever holds
the run (w:hyperlink, w:ins, w:smartTag, w:customXml, w:sdt, w:fldSimple,
complex-field results), w:tab/w:ptab "\t", w:br/w:cr "\n", w:noBreakHyphen
"-", and U+FFFC for a thing that is not text (image, footnote reference,
symbol, math). Deleted text (w:del, w:delText) and field codes (w:instrText)
are not in the text; they, comment anchors, bookmarks, soft hyphens and the
like are zero-width "anchors" at their offset.

Edit model. An edit (start, end, replacement) over `text` goes into the w:t
elements it covers: the replacement into the first, the others trimmed, runs
left empty removed; each run keeps its w:rPr. An edit is refused (reported,
not done) when it touches a tracked insertion, a field result, a note
reference, an image or symbol, a page break; when a comment anchor, tracked
deletion or field boundary lies strictly inside it; when it crosses the
boundary of a hyperlink or content control (or would empty a hyperlink).
An edit that deletes all of a paragraph's text (blank edges aside) removes
the w:p itself, unless that would break the document (section break held in
the paragraph, tracked paragraph mark, comments, bookmarks reaching outside,
last block of a cell/header/note: then its content is removed and the empty
w:p kept).
"""

from __future__ import annotations

import os
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from lxml import etree

from ..core import atomic

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

PLACEHOLDER = "\ufffc"  # as lint.core.document.PLACEHOLDER


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


# -- element names --------------------------------------------------------
P, R, T, TAB, PTAB, BR, CR = w("p"), w("r"), w("t"), w("tab"), w("ptab"), w("br"), w("cr")
PPR, RPR, SECTPR = w("pPr"), w("rPr"), w("sectPr")
HYPERLINK, SMARTTAG, CUSTOMXML, SDT, SDTPR, SDTCONTENT = (w(x) for x in ("hyperlink", "smartTag", "customXml", "sdt", "sdtPr", "sdtContent"))
FLDSIMPLE, FLDCHAR, INSTRTEXT = w("fldSimple"), w("fldChar"), w("instrText")
INS, DEL, MOVETO, MOVEFROM = w("ins"), w("del"), w("moveTo"), w("moveFrom")
TC, TBL, TR, TXBX = w("tc"), w("tbl"), w("tr"), w("txbxContent")
BOOKMARK_START, BOOKMARK_END = w("bookmarkStart"), w("bookmarkEnd")
COMMENT_START, COMMENT_END, COMMENT_REF = w("commentRangeStart"), w("commentRangeEnd"), w("commentReference")
SOFT_HYPHEN, NOBREAK_HYPHEN = w("softHyphen"), w("noBreakHyphen")
FALLBACK = f"{{{MC_NS}}}Fallback"
ALTERNATE = f"{{{MC_NS}}}AlternateContent"

# Run children that stand for one character (or one thing) of the text.
_OBJECTS = {w("drawing"): "image", w("pict"): "picture", w("object"): "embedded object",
            ALTERNATE: "drawing", w("sym"): "symbol", w("footnoteReference"): "footnote reference",
            w("endnoteReference"): "endnote reference", w("footnoteRef"): "footnote number",
            w("endnoteRef"): "endnote number", w("ruby"): "ruby text", w("fldData"): "field data",
            w("pgNum"): "page number", w("dayShort"): "date field", w("monthShort"): "date field",
            w("yearShort"): "date field", w("dayLong"): "date field", w("monthLong"): "date field",
            w("yearLong"): "date field", w("contentPart"): "ink"}
# Run or paragraph children that take no room in the text and may sit inside an edit.
_HARMLESS = {w("lastRenderedPageBreak"), BOOKMARK_START, BOOKMARK_END, w("proofErr"),
             w("permStart"), w("permEnd"), SOFT_HYPHEN, w("annotationRef"), w("separator"),
             w("continuationSeparator"), w("noProof"), w("customXmlInsRangeStart"),
             w("customXmlInsRangeEnd"), w("customXmlDelRangeStart"), w("customXmlDelRangeEnd")}
# Zero-width things an edit must not swallow (or move across).
_PINNED = {COMMENT_START: "comment anchor", COMMENT_END: "comment anchor", COMMENT_REF: "comment anchor",
           DEL: "tracked deletion", MOVEFROM: "tracked move", w("delText"): "tracked deletion",
           w("delInstrText"): "tracked deletion", INSTRTEXT: "field code", FLDCHAR: "field boundary",
           w("moveFromRangeStart"): "tracked move", w("moveFromRangeEnd"): "tracked move",
           w("moveToRangeStart"): "tracked move", w("moveToRangeEnd"): "tracked move"}
# Containers of runs: (what it is, is its edge a barrier, lock reason inside)
_CONTAINERS = {HYPERLINK: ("hyperlink", True, None), SDT: ("content control", True, None),
               FLDSIMPLE: ("field", True, "field result"), INS: ("tracked insertion", True, "tracked insertion"),
               MOVETO: ("tracked move", True, "tracked move"), SMARTTAG: ("smart tag", False, None),
               CUSTOMXML: ("custom XML", False, None), w("dir"): ("bidi", False, None),
               w("bdo"): ("bidi", False, None)}
# Paragraph styles -> copydesk block kinds.
_KINDS = (("heading", re.compile(r"(?i)^(heading\s*\d|title|subtitle)")), ("caption", re.compile(r"(?i)^caption")),
          ("quote", re.compile(r"(?i)quote")), ("list", re.compile(r"(?i)^list")))

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_blank_text=False)


# -- the model ------------------------------------------------------------
@dataclass(eq=False)
class Piece:
    """One stretch of a paragraph's text and the element it comes from."""
    start: int
    end: int
    kind: str              # "text" (a w:t), "char" (w:tab, w:br...), "object" (U+FFFC), "anchor" (zero width)
    el: etree._Element
    run: etree._Element | None     # the w:r holding el (None for paragraph-level anchors)
    run_offset: int        # offset of `start` in the run's own text
    barrier: tuple         # the barrier containers (hyperlink, content control, ...) around it, outermost first
    lock: str | None = None        # why no edit may touch it
    removable: bool = False        # a "char" an edit may delete (tab, line break)


@dataclass(eq=False)
class Paragraph:
    index: int                     # position in read()'s list: the key apply() takes
    part: str                      # zip member, e.g. "word/document.xml"
    story: str                     # "body", "header", "footer", "footnotes", "endnotes"
    number: int                    # 1-based among the paragraphs of its part (tables and empty ones counted)
    where: str                     # "body", "table 1, row 2, cell 3", "footnote 1", "header1.xml", "text box"
    kind: str                      # paragraph / heading / caption / quote / list / table (from the style)
    style: str | None
    text: str
    pieces: list[Piece]
    element: etree._Element = field(repr=False)
    read_only: str | None = None   # why apply() will not touch it
    _barriers: dict = field(default_factory=dict, repr=False)  # id -> (name, element)

    def locate(self, offset: int) -> tuple[etree._Element | None, int]:
        """(w:r, offset in that run's text) of text `offset`; an offset at a run
        boundary maps to the start of the following run (the end of the last)."""
        best = None
        for p in self.pieces:
            if p.kind == "anchor" or p.run is None:
                continue
            if p.start <= offset < p.end:
                return p.run, p.run_offset + offset - p.start
            if p.end == offset:
                best = (p.run, p.run_offset + p.end - p.start)
        return best if best else (None, 0)

    @property
    def runs(self) -> list[tuple[etree._Element, int, int]]:
        """(w:r, start, end) of every run holding text, in order."""
        out: dict = {}
        for p in self.pieces:
            if p.run is not None and p.kind != "anchor":
                s, e = out.get(p.run, (p.start, p.end))
                out[p.run] = (min(s, p.start), max(e, p.end))
        return [(r, s, e) for r, (s, e) in out.items()]

    def context(self, start: int, end: int, width: int = 30) -> str:
        """The text around [start, end), for a report line."""
        a, b = max(0, start - width), min(len(self.text), end + width)
        return ("…" if a else "") + self.text[a:start] + "[" + self.text[start:end] + "]" + self.text[end:b] + ("…" if b < len(self.text) else "")


@dataclass
class Refused:
    paragraph: int
    edits: tuple
    reason: str


class DocxError(Exception):
    pass


# -- the package ----------------------------------------------------------
class _Package:
    """The zip, its parts' XML parsed on demand, and the story parts to read."""

    def __init__(self, path):
        try:
            self.zip = zipfile.ZipFile(path)
        except zipfile.BadZipFile as e:
            raise DocxError(f"not a .docx (zip) file: {e}") from None
        self.names = set(self.zip.namelist())
        self.trees: dict[str, etree._Element] = {}
        main = next((t for t, ty in self._rels("") if ty.endswith("/officeDocument")), None)
        if main is None or main not in self.names:
            raise DocxError("no main document part (not a Word document?)")
        self.main = main
        stories = [(main, "body")]
        for target, ty in self._rels(main):
            kind = ty.rsplit("/", 1)[-1]
            if kind in ("header", "footer", "footnotes", "endnotes") and target in self.names:
                stories.append((target, kind))
        self.stories = stories

    def _rels(self, part: str) -> list[tuple[str, str]]:
        d, base = posixpath.split(part)
        name = posixpath.join(d, "_rels", base + ".rels")
        if name not in self.names:
            return []
        root = etree.fromstring(self.zip.read(name), _PARSER)
        out = []
        for rel in root.iter(f"{{{REL_NS}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(d, target))
            out.append((target, rel.get("Type", "")))
        return out

    def xml(self, name: str) -> etree._Element:
        if name not in self.trees:
            root = etree.fromstring(self.zip.read(name), _PARSER)
            if root.nsmap.get("w") == STRICT_W_NS or STRICT_W_NS in root.nsmap.values():
                raise DocxError("Strict Open XML document: save it as a regular .docx")
            self.trees[name] = root
        return self.trees[name]

    def save(self, out_path, changed: Iterable[str]) -> None:
        changed = set(changed)
        with zipfile.ZipFile(out_path, "w") as out:
            for info in self.zip.infolist():
                if info.filename in changed:
                    data = etree.tostring(self.trees[info.filename], xml_declaration=True,
                                          encoding="UTF-8", standalone=True)
                else:
                    data = self.zip.read(info.filename)
                out.writestr(info, data, compress_type=info.compress_type)

    def close(self):
        self.zip.close()


# -- reading --------------------------------------------------------------
class _FieldState:
    """Complex fields (w:fldChar begin/separate/end) may span runs and paragraphs."""

    def __init__(self):
        self.stack: list[str] = []  # "code" or "result" per open field

    @property
    def lock(self) -> str | None:
        if not self.stack:
            return None
        return "field result" if self.stack[-1] == "result" else "field code"

    def feed(self, fldchar: etree._Element) -> None:
        t = fldchar.get(w("fldCharType"))
        if t == "begin":
            self.stack.append("code")
        elif t == "separate" and self.stack:
            self.stack[-1] = "result"
        elif t == "end" and self.stack:
            self.stack.pop()


class _Builder:
    def __init__(self, para: Paragraph, fields: _FieldState):
        self.para = para
        self.fields = fields
        self.parts: list[str] = []
        self.pos = 0

    def add(self, kind, el, run, run_offset, text, barrier, lock, removable=False):
        self.para.pieces.append(Piece(self.pos, self.pos + len(text), kind, el, run, run_offset, barrier, lock, removable))
        self.parts.append(text)
        self.pos += len(text)
        return len(text)

    def walk(self, parent: etree._Element, barrier: tuple, lock: str | None) -> None:
        for child in parent:
            tag = child.tag
            if tag == R:
                self.run(child, barrier, lock)
            elif tag in _CONTAINERS:
                name, is_barrier, inner_lock = _CONTAINERS[tag]
                b = barrier
                if is_barrier:
                    self.para._barriers[id(child)] = (name, child)
                    b = barrier + (id(child),)
                if tag == SDT:
                    pr = child.find(SDTPR)
                    locked = pr is not None and any(l.get(w("val"), "").startswith(("contentLocked", "sdtContentLocked"))
                                                    for l in pr.iter(w("lock")))
                    content = child.find(SDTCONTENT)
                    if content is not None:
                        self.walk(content, b, lock or ("locked content control" if locked else None))
                else:
                    self.walk(child, b, lock or inner_lock)
            elif tag in (PPR, SDTPR) or not isinstance(tag, str):
                continue  # properties, comments, processing instructions
            elif tag in _PINNED:
                self.add("anchor", child, None, 0, "", barrier, _PINNED[tag])
            elif tag in _OBJECTS or tag.startswith(f"{{{M_NS}}}"):
                self.add("object", child, None, 0, PLACEHOLDER, barrier, _OBJECTS.get(tag, "math"))
            elif tag in _HARMLESS:
                self.add("anchor", child, None, 0, "", barrier, None)
            else:
                self.add("anchor", child, None, 0, "", barrier, f"unknown element {etree.QName(tag).localname}")

    def run(self, r: etree._Element, barrier: tuple, lock: str | None) -> None:
        off = 0
        for child in r:
            tag = child.tag
            flock = lock or self.fields.lock
            if tag == RPR or not isinstance(tag, str):
                continue
            if tag == T:
                off += self.add("text", child, r, off, child.text or "", barrier, flock)
            elif tag == TAB:
                off += self.add("char", child, r, off, "\t", barrier, flock, removable=True)
            elif tag == PTAB:
                off += self.add("char", child, r, off, "\t", barrier, flock or "positional tab")
            elif tag == BR:
                page = child.get(w("type")) in ("page", "column")
                off += self.add("char", child, r, off, "\n", barrier, flock or ("page break" if page else None),
                                removable=not page)
            elif tag == CR:
                off += self.add("char", child, r, off, "\n", barrier, flock, removable=True)
            elif tag == NOBREAK_HYPHEN:
                off += self.add("char", child, r, off, "-", barrier, flock or "non-breaking hyphen")
            elif tag == FLDCHAR:
                self.fields.feed(child)
                self.add("anchor", child, r, off, "", barrier, "field boundary")
            elif tag in _PINNED:
                self.add("anchor", child, r, off, "", barrier, _PINNED[tag])
            elif tag in _OBJECTS or tag.startswith(f"{{{M_NS}}}"):
                off += self.add("object", child, r, off, PLACEHOLDER, barrier, _OBJECTS.get(tag, "math"))
            elif tag in _HARMLESS:
                self.add("anchor", child, r, off, "", barrier, None)
            else:
                self.add("anchor", child, r, off, "", barrier, f"unknown element {etree.QName(tag).localname}")


def _style_kind(style: str | None, p: etree._Element, in_table: bool) -> str:
    if style:
        for kind, rx in _KINDS:
            if rx.search(style):
                return kind
    ppr = p.find(PPR)
    if ppr is not None and ppr.find(w("numPr")) is not None:
        return "list"
    return "table" if in_table else "paragraph"


def _read_part(pkg: _Package, name: str, story: str, start_index: int) -> list[Paragraph]:
    root = pkg.xml(name)
    fields = _FieldState()
    out: list[Paragraph] = []
    tables = {t: i for i, t in enumerate(root.iter(TBL), 1)}  # keys keep the proxies (and so their identity) alive
    number = 0
    for p in root.iter(P):
        where, read_only, skip = story if story != "body" else "body", None, False
        cell = note = None
        for anc in p.iterancestors():
            tag = anc.tag
            if tag == FALLBACK:
                skip = True  # the VML copy of a text box already read from mc:Choice
                break
            if tag == TXBX:
                read_only = read_only or "text box"
                where = "text box"
            elif tag == TC and cell is None:
                cell = anc
            elif tag in (w("footnote"), w("endnote")) and note is None:
                note = anc
        if skip:
            continue
        if note is not None:
            if note.get(w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            where = f"{etree.QName(note).localname} {note.get(w('id'))}"
        if cell is not None and where != "text box":
            tr = cell.getparent()
            tbl = tr.getparent()
            row = [x for x in tbl if x.tag == TR].index(tr) + 1
            col = [x for x in tr if x.tag == TC].index(cell) + 1
            where = f"table {tables.get(tbl, '?')}, row {row}, cell {col}"
        elif story in ("header", "footer"):
            where = posixpath.basename(name)
        number += 1
        ppr = p.find(PPR)
        st = ppr.find(w("pStyle")) if ppr is not None else None
        style = st.get(w("val")) if st is not None else None
        para = Paragraph(start_index + len(out), name, story, number, where,
                         _style_kind(style, p, cell is not None), style, "", [], p, read_only)
        b = _Builder(para, fields)
        b.walk(p, (), None)
        para.text = "".join(b.parts)
        out.append(para)
    return out


def _read(pkg: _Package, stories: Sequence[str]) -> list[Paragraph]:
    out: list[Paragraph] = []
    for name, story in pkg.stories:
        if story in stories:
            out.extend(_read_part(pkg, name, story, len(out)))
    return out


STORIES = ("body", "header", "footer", "footnotes", "endnotes")


def read(path, stories: Sequence[str] = STORIES) -> list[Paragraph]:
    """Every paragraph of the document's stories, in order: body (tables
    included), then each header and footer part, footnotes, endnotes."""
    pkg = _Package(path)
    try:
        return _read(pkg, stories)
    finally:
        pkg.close()


# -- writing --------------------------------------------------------------
def _as_fixes(items) -> list[tuple[tuple[int, int, str], ...]]:
    """Accept Edit/(start, end, repl) items (each its own fix), lists of them
    (one fix, all or nothing) or objects with .edits (lint.core.model.Fix)."""
    fixes = []
    for item in items:
        if hasattr(item, "edits"):
            item = item.edits
        if len(item) and isinstance(item[0], int):
            fixes.append(((item[0], item[1], item[2] if len(item) > 2 else ""),))
        else:
            fixes.append(tuple((e[0], e[1], e[2] if len(e) > 2 else "") for e in item))
    return fixes


def _a(noun: str) -> str:
    return ("an " if noun[:1] in "aeiou" else "a ") + noun


def _is_removal(para: Paragraph, s: int, e: int, repl: str) -> bool:
    t = para.text
    return not repl and s < e and not t[:s].strip() and not t[e:].strip() and bool(t.strip())


def _check_edit(para: Paragraph, s: int, e: int, repl: str) -> str | None:
    """Why the edit cannot be done safely, or None."""
    if not 0 <= s <= e <= len(para.text):
        return "edit outside the paragraph text"
    if para.read_only:
        return f"paragraph in {_a(para.read_only)}"
    if s == e:
        inside = next((p for p in para.pieces if p.kind != "anchor" and p.start < s < p.end), None)
        if inside is not None and inside.lock:
            return f"touches {_a(inside.lock)}"
        return None if _insertion_target(para, s) else "no editable text run at the insertion point"
    touched = [p for p in para.pieces if p.kind != "anchor" and p.start < e and p.end > s]
    inside = [p for p in para.pieces if p.kind == "anchor" and s < p.start < e]
    for p in touched + inside:
        if p.lock:
            return f"touches {_a(p.lock)}"
    for p in touched:
        if p.kind == "object":
            return f"touches {_a(p.lock or 'non-text object')}"
        if p.kind == "char" and not p.removable:
            return f"touches {_a(p.lock or 'special character')}"
    barriers = {p.barrier for p in touched + inside}
    if len(barriers) > 1:
        names = {para._barriers[b][0] for bs in barriers for b in bs}
        return f"crosses {_a(' / '.join(sorted(names)))} boundary"
    (bar,) = barriers
    if bar and not repl:
        # Would the innermost barrier container be left without text?
        inner = bar[-1]
        span = [p for p in para.pieces if inner in p.barrier and p.kind != "anchor"]
        if span and s <= span[0].start and e >= span[-1].end:
            return f"would empty {_a(para._barriers[inner][0])}"
    return None


def _insertion_target(para: Paragraph, s: int) -> Piece | None:
    """The w:t piece an insertion at `s` goes into: inside a text piece, or
    the one before/after, preferring the outermost container (text typed
    right after a link is not part of the link)."""
    cands = []
    for p in para.pieces:
        if p.kind != "text" or p.lock:
            continue
        if p.start < s < p.end:
            return p
        if p.end == s or p.start == s:
            cands.append(p)
    if not cands:
        # next to a tab or line break only: a new w:t beside it, in its run
        return next((p for p in para.pieces if p.kind == "char" and p.removable and not p.lock
                     and s in (p.start, p.end)), None)
    if len(cands) >= 2 and cands[0].barrier == cands[-1].barrier:
        return cands[0]
    return min(cands, key=lambda p: len(p.barrier))  # stable: the earlier wins a tie


def _set_text(t: etree._Element, text: str) -> None:
    """Set a w:t's text; tabs and newlines in it become w:tab / w:br siblings."""
    segs = re.split(r"([\t\n])", text)
    t.text = segs[0]
    _preserve(t)
    after = t
    for i in range(1, len(segs), 2):
        sep = etree.Element(TAB if segs[i] == "\t" else BR)
        after.addnext(sep)
        after = sep
        if segs[i + 1]:
            nt = etree.Element(T)
            nt.text = segs[i + 1]
            _preserve(nt)
            after.addnext(nt)
            after = nt


def _preserve(t: etree._Element) -> None:
    s = t.text or ""
    if s and (s[0].isspace() or s[-1].isspace() or "  " in s):
        t.set(XML_SPACE, "preserve")


def _do_edit(para: Paragraph, s: int, e: int, repl: str, touched_runs: set) -> None:
    if s == e:
        p = _insertion_target(para, s)
        if p.kind == "char":
            t = etree.Element(T)
            (p.el.addnext if s == p.end else p.el.addprevious)(t)
            _set_text(t, repl)
            return
        off = s - p.start
        _set_text(p.el, (p.el.text or "")[:off] + repl + (p.el.text or "")[off:])
        return
    placed = False
    for p in para.pieces:
        if p.kind == "anchor":
            if s < p.start < e and p.el.tag == SOFT_HYPHEN:  # a hyphenation point inside replaced text
                p.el.getparent().remove(p.el)
            continue
        if p.start >= e or p.end <= s:
            continue
        if p.kind == "text":
            old = p.el.text or ""
            a, b = max(s - p.start, 0), min(e - p.start, len(old))
            _set_text(p.el, old[:a] + ("" if placed else repl) + old[b:])
            placed = True
        else:  # a removable char (tab, line break) wholly inside the edit
            if not placed and repl:
                t = etree.Element(T)
                p.el.addprevious(t)
                _set_text(t, repl)
                placed = True
            p.el.getparent().remove(p.el)
        if p.run is not None:
            touched_runs.add(p.run)


def _cleanup(runs: set) -> None:
    """Remove w:t left empty and runs left with nothing but their properties,
    then smart tags / custom XML left without runs."""
    for r in runs:
        for t in r.findall(T):
            if not t.text:
                r.remove(t)
        if all(c.tag == RPR for c in r):
            parent = r.getparent()
            if parent is None:
                continue
            parent.remove(r)
            while parent.tag in (SMARTTAG, CUSTOMXML) and not any(c.tag not in (w("smartTagPr"), w("customXmlPr")) for c in parent):
                gp = parent.getparent()
                gp.remove(parent)
                parent = gp


_CONTAINER_NEEDS_P = {TC, w("hdr"), w("ftr"), w("footnote"), w("endnote"), w("comment"), TXBX, SDTCONTENT, w("body")}


def _removal_refusal(para: Paragraph) -> str | None:
    """Why the w:p cannot go, or None."""
    p = para.element
    if para.read_only:
        return f"paragraph in {_a(para.read_only)}"
    ppr = p.find(PPR)
    if ppr is not None:
        if ppr.find(SECTPR) is not None:
            return "paragraph holds a section break"
        rpr = ppr.find(RPR)
        if rpr is not None and (rpr.find(INS) is not None or rpr.find(DEL) is not None):
            return "paragraph mark is a tracked change"
    for piece in para.pieces:
        if piece.lock:
            return f"paragraph holds {_a(piece.lock)}"
        if piece.kind == "char" and not piece.removable:
            return "paragraph holds a special character"
    starts = {b.get(w("id")) for b in p.iter(BOOKMARK_START)}
    ends = {b.get(w("id")) for b in p.iter(BOOKMARK_END)}
    if starts ^ ends:
        return "a bookmark reaches outside the paragraph"
    return None


def _remove_paragraph(para: Paragraph) -> None:
    """Remove the w:p, or empty it where its container must keep a paragraph
    (a table cell, header, note... needs one; a cell and the body end on one)."""
    p = para.element
    parent = p.getparent()
    blocks = [c for c in parent if c.tag in (P, TBL, SDT, CUSTOMXML)]
    others = [c for c in blocks if c is not p]
    need_p_last = parent.tag in (TC, w("body"))
    if parent.tag in _CONTAINER_NEEDS_P and (not others or (need_p_last and blocks[-1] is p and others[-1].tag != P)):
        for c in list(p):
            if c.tag != PPR:
                p.remove(c)
        return
    parent.remove(p)


class DocxFile:
    """An open .docx: its paragraphs, edits applied in memory, saved to a copy.

        f = DocxFile("story.docx")
        for p in f.paragraphs: ...
        refused = f.apply({3: [(0, 4, "")]})   # then f.paragraphs is read again
        f.save("story.fixed.docx")

    apply() may be called again (fix passes): each call reads the paragraphs
    of the edited tree anew, so its indexes are those of the current text."""

    def __init__(self, path, stories: Sequence[str] = STORIES):
        self._pkg = _Package(path)
        self._stories = tuple(stories)
        self._paras: list[Paragraph] | None = None
        self.changed: set[str] = set()

    @property
    def paragraphs(self) -> list[Paragraph]:
        if self._paras is None:
            self._paras = _read(self._pkg, self._stories)
        return self._paras

    def apply(self, edits_by_paragraph: dict) -> list[Refused]:
        """Apply fixes: `edits_by_paragraph` maps a paragraph index to fixes
        over its text: an edit (start, end, replacement), a list of edits (a
        fix done whole or not at all), or anything with .edits (lint.core.model.Fix).
        Returns the fixes not done, with why. A fix overlapping one before it
        in the same paragraph is refused (fix it in the next pass)."""
        paras = self.paragraphs
        refused: list[Refused] = []
        removals = []
        for index, items in sorted(edits_by_paragraph.items()):
            if not 0 <= index < len(paras):
                refused.extend(Refused(index, f, "no such paragraph") for f in _as_fixes(items))
                continue
            para = paras[index]
            accepted: list[tuple[int, int, str]] = []
            remove = None
            for fix in sorted(_as_fixes(items), key=lambda f: min((e[0], e[1]) for e in f)):
                if len(fix) == 1 and _is_removal(para, *fix[0]):
                    why = _removal_refusal(para)
                    if why is None and (remove is not None or accepted):
                        why = "overlaps another fix"
                    if why:
                        refused.append(Refused(index, fix, why))
                    else:
                        remove = fix
                    continue
                why = "paragraph is being removed" if remove is not None else None
                why = why or next((r for r in (_check_edit(para, *e) for e in fix) if r), None)
                if why is None and _conflicts(fix, accepted):
                    why = "overlaps another fix"
                if why:
                    refused.append(Refused(index, fix, why))
                else:
                    accepted.extend(fix)
            if remove is not None:
                removals.append(para)
            elif accepted:
                runs: set = set()
                for s, e, repl in sorted(accepted, key=lambda x: (x[0], x[1]), reverse=True):
                    _do_edit(para, s, e, repl, runs)
                _cleanup(runs)
                self.changed.add(para.part)
        for para in removals:  # last: removing a w:p changes no other paragraph's pieces
            _remove_paragraph(para)
            self.changed.add(para.part)
        self._paras = None  # read the edited tree anew
        return refused

    def save(self, out_path, mode: int | None = None) -> None:
        """Write the document with the changes; out_path may be the input
        (replaced whole or not at all, core/atomic.py). The file gets
        permission bits `mode` (None: private to its owner)."""
        before = None if mode is None else (lambda new: os.chmod(new, mode))
        with atomic.replacing(os.path.abspath(out_path), suffix=".docx", before=before) as handle:
            self._pkg.save(handle, self.changed)

    def close(self) -> None:
        self._pkg.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def apply(path, out_path, edits_by_paragraph: dict, stories: Sequence[str] = STORIES) -> list[Refused]:
    """Write `path` with the edits into `out_path` (see DocxFile.apply);
    returns the fixes not done, with why. The indexes are read()'s."""
    with DocxFile(path, stories) as f:
        refused = f.apply(edits_by_paragraph)
        f.save(out_path)
        return refused


def _pair_overlaps(a, b) -> bool:
    """lint.core.fix._overlaps on (start, end, replacement) triples."""
    if a[0] == a[1] or b[0] == b[1]:
        ins, other = (a, b) if a[0] == a[1] else (b, a)
        return other[0] < ins[0] < other[1] or other[0] == other[1] == ins[0]
    return a[0] < b[1] and b[0] < a[1]


def _conflicts(fix, accepted) -> bool:
    """Does the fix overlap an accepted edit, or itself?"""
    return (any(_pair_overlaps(a, b) for a in fix for b in accepted)
            or any(_pair_overlaps(a, b) for i, a in enumerate(fix) for b in fix[i + 1:]))
