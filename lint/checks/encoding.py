"""ENC: encoding damage: mojibake, HTML entities and tags in plain copy, control characters."""

from __future__ import annotations

import re
import unicodedata

from ..core.model import Applicability, Edit, Fix, Severity
from ..core.rule import Rule
from ..speed.lazy import lazy_re
from ..speed.prefilter import Prefilter

# UTF-8 read as Windows-1252 or Latin-1 turns each multi-byte character into
# a lead character (Â Ã â Ð Ñ ...) followed by one from the continuation
# range; a cheap scan for that shape keeps ftfy off clean text.
_MOJIBAKE_PAIR = lazy_re(  # literal characters, which RE2 reads too (see prefilter.py)
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_MOJIBAKE_HINT = Prefilter(_MOJIBAKE_PAIR.pattern)
_TOKEN = lazy_re(r"[^ \t\r\n]+")


class Mojibake(Rule):
    """
    ## What it does
    Flags text garbled by a wrong character encoding ("donâ€™t" for
    "don’t", "Â£5m" for "£5m", "cafÃ©" for "café") and repairs it with the
    ftfy library, which recognises the byte patterns of UTF-8 decoded as
    Windows-1252, Latin-1 and their relatives.

    ## Why it matters
    Mojibake appears when copy passes between systems that disagree about
    encodings: a CMS export, an email, a spreadsheet. It makes names
    unreadable and looks broken to every reader.

    ## Example
    ```
    The firm said it didnâ€™t expect a Â£5m loss.
    ```
    becomes "The firm said it didn’t expect a £5m loss."

    ## Fix safety
    Safe: ftfy only changes a word when re-encoding it gives valid, less
    garbled text; words it cannot decode are left as they are.
    """

    code = "ENC001"
    name = "encoding.mojibake"
    severity = Severity.ERROR
    fixable = Applicability.SAFE
    rewrites_words = False
    gate = _MOJIBAKE_HINT

    def check(self, doc):
        for block in self.blocks(doc, hint=self.gate):
            text = block.text
            for m in _TOKEN.finditer(text):
                token = m.group()
                if not _MOJIBAKE_PAIR.search(token):
                    continue
                import ftfy  # here: loading it is a quarter of a cold start, and most copy never needs it

                fixed = ftfy.fix_encoding(token)
                if fixed != token:
                    yield self.in_block(block, m.start(), m.end(), f"mojibake {token!r}, probably {fixed!r}", fixed)


_AMPERSAND_HINT = Prefilter("&")
_ENTITY = lazy_re(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
# In Markdown these escapes keep "<" and "&" from being read as markup.
_MARKDOWN_ESCAPES = frozenset({"&lt;", "&gt;", "&amp;", "&quot;"})

# The HTML elements whose tags ENC002 and ENC003 recognise in plain copy.
_TAG_NAMES = (
    r"p|div|span|br|hr|a|b|i|u|em|strong|small|sup|sub|img|h[1-6]|ul|ol|li|table|tr|td|th|tbody|thead|"
    r"font|iframe|script|style|blockquote|figure|figcaption|section|article|header|footer|nav|center|"
    r"noscript|button|form|input|label|meta|link"
)
# Elements that break the line: a tag of one glued between two words stood
# for white space ("Monday.<br/>The"), so its removal leaves a space.
_BREAKING = frozenset(
    "p div br hr h1 h2 h3 h4 h5 h6 ul ol li table tr td th tbody thead blockquote figure figcaption "
    "section article header footer nav center".split()
)
_TAG_NAME = lazy_re(r"(?:&lt;|<)?/?([A-Za-z0-9]+)", re.IGNORECASE)
# A tag escaped into entities ("&lt;br /&gt;", "&lt;/p&gt;", '&lt;a href=&quot;...&quot;&gt;'), or
# one whose "&lt;" was cut off ("br /&gt;", "/p&gt;"): decoding it would only
# turn one kind of debris into another (a tag in plain text).
_ESCAPED_TAG = lazy_re(
    rf"&lt;/?(?:{_TAG_NAMES})(?P<attrs>\s(?:(?!&[lg]t;)[^<>\n]){{0,300}})?/?&gt;"
    rf"|(?<![\w&;/])(?:br|hr)[^\S\n]*/&gt;"
    rf"|(?<![\w&;/<])/(?:{_TAG_NAMES})&gt;",
    re.IGNORECASE,
)
# What may follow an apostrophe inside a word: "Britain’s", "don’t", "we’ll".
_CONTRACTION = lazy_re(r"(?:s|t|d|m|ll|re|ve)(?![^\W\d_])", re.IGNORECASE)


def _removal(text: str, start: int, end: int, name: str) -> tuple[int, int, str]:
    """(start, end, replacement) removing text[start:end], a tag of element
    `name`, so that single spacing remains: between two spaces one of them
    goes too; glued between two words a line-breaking tag becomes a space."""
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if (not before or before.isspace()) and (not after or after.isspace()):
        if after and after not in "\r\n":  # "a <b> c": take the spaces after the tag
            while end < len(text) and text[end].isspace() and text[end] not in "\r\n":
                end += 1
        else:  # "text <br>" at the end of a line: take the spaces before it
            while start and text[start - 1].isspace() and text[start - 1] not in "\r\n":
                start -= 1
        return start, end, ""
    if before and after and not before.isspace() and not after.isspace() and name.lower() in _BREAKING:
        return start, end, " "
    return start, end, ""


def _tag_name(tag: str) -> str:
    return _TAG_NAME.match(tag).group(1)


class HtmlEntity(Rule):
    """
    ## What it does
    Flags HTML character references left in plain text or Markdown prose:
    "&amp;", "&#8217;", "&nbsp;", "&mdash;". In HTML files they are markup,
    and only a reference escaped twice ("caf&amp;#233;", which the page
    shows as "caf&#233;") is flagged; in Markdown, "&lt;", "&gt;", "&amp;"
    and "&quot;" are accepted escapes.

    Some references are read for the damage they record rather than for the
    character they name. A numeric reference in the C1 range (&#128; to
    &#159;) stands for the Windows-1252 character of that byte, as browsers
    read it: "&#146;" is ’ and "&#150;" is –; the five bytes Windows-1252
    leaves undefined name no character and get no fix. "&#191;" (¿) between
    two letters ("Britain&#191;s") is an apostrophe that a bad conversion
    replaced by "¿" (Windows-1252 0x92 had no place in the target
    character set), so its fix is ’, not "¿". A tag escaped into
    references ("&lt;br /&gt;", "&lt;p&gt;", or "br /&gt;" with its start
    cut off) is one finding, and its fix removes it: decoding it would
    only leave a tag in the text.

    ## Why it matters
    Entities leak into copy when HTML is pasted as text or a feed is
    escaped twice. Readers see "AT&amp;T" or "it&#8217;s" on the page.

    ## Example
    ```
    Shares in AT&amp;T rose 3&#37; on the news.
    ```
    becomes "Shares in AT&T rose 3% on the news."

    ## Fix safety
    Safe in plain text: the reference is replaced by the character it
    names ("&nbsp;" by a plain space). Unsafe in Markdown, where a decoded
    character could start markup. "&#191;" between letters becomes ’
    safely before a contraction or possessive ending ("s", "t", "ll",
    "re", "ve", "d", "m"), unsafely elsewhere, where the lost character
    may have been a letter ("r&#191;sum&#191;"). An escaped tag is removed
    safely, leaving single spacing (a space where a line break glued two
    words); unsafely when it holds attributes, since the editor may want to
    keep a link's target or an image's text. A reference to a control
    character or to nothing gets no fix. In HTML, a reference escaped
    twice is escaped once ("&amp;#233;" becomes "&#233;"), unsafely: a
    page about HTML may show one on purpose ("type &amp;copy; for ©").
    """

    code = "ENC002"
    name = "encoding.html-entity"
    severity = Severity.WARNING
    fixable = Applicability.SAFE
    rewrites_words = False
    gate = _AMPERSAND_HINT

    def check(self, doc):
        import html  # here: its table of entities is a millisecond of every start

        if doc.format == "html":
            yield from self._escaped_twice(doc, html.unescape)
            return

        applicability = Applicability.SAFE if doc.format == "text" else Applicability.UNSAFE
        for block in self.blocks(doc, hint=self.gate):
            text = block.text
            taken: list[tuple[int, int]] = []
            if doc.format == "text":  # in Markdown "&lt;" and "&gt;" are escapes the writer meant
                for m in _ESCAPED_TAG.finditer(text):
                    taken.append(m.span())
                    yield self._escaped_tag(block, m)
            for m in _ENTITY.finditer(text):
                if any(s <= m.start() < e for s, e in taken):
                    continue  # part of an escaped tag, reported whole
                entity = m.group()
                decoded = html.unescape(entity)
                if decoded == entity or (doc.format == "markdown" and entity in _MARKDOWN_ESCAPES):
                    continue
                if decoded == "\u00bf" and _between_letters(text, m.start(), m.end()):
                    # "Britain&#191;s": Windows-1252's ’ (0x92) turned into "¿" by a
                    # bad conversion, then escaped. The letters around it show it
                    # is no Spanish question mark.
                    contraction = _CONTRACTION.match(text, m.end()) is not None
                    yield self.in_block(block, m.start(), m.end(),
                                        f"HTML entity {entity} between letters: an apostrophe lost in a bad "
                                        f"conversion (means '¿', probably '’')", "\u2019",
                                        applicability if contraction else Applicability.UNSAFE)
                    continue
                if any(unicodedata.category(c) == "Cc" for c in decoded) or "\ufffd" in decoded:
                    # An undefined Windows-1252 byte (&#129;), a control character
                    # (&#13;) or no character at all (&#0;): nothing to put back.
                    yield self.in_block(block, m.start(), m.end(),
                                        f"HTML entity {entity} in prose names no printable character")
                    continue
                replacement = " " if decoded == "\u00a0" else decoded
                yield self.in_block(block, m.start(), m.end(), f"HTML entity {entity} in prose (means {decoded!r})",
                                    replacement, applicability)

    def _escaped_twice(self, doc, unescape):
        """In HTML, the references are markup, read by the reader: one left in
        the prose was escaped twice ("caf&amp;#233;"), and the page shows it
        as text. The fix escapes it once, unsafely: a page about HTML may
        show a reference on purpose ("type &amp;copy; for ©")."""
        for block in self.blocks(doc, hint=self.gate):
            for m in _ENTITY.finditer(block.text):
                entity = m.group()
                decoded = unescape(entity)
                if decoded == entity:
                    continue
                s, e = block.span(m.start(), m.end())
                once = doc.source[s:e] == "&amp;" + entity[1:]  # (else its "&" was escaped some other way)
                yield self.diagnostic(s, e, f"HTML entity {entity} shown as text: the page escapes it twice "
                                            f"(means {decoded!r})",
                                      Fix((Edit(s, e, entity),), Applicability.UNSAFE) if once else None)

    def _escaped_tag(self, block, m):
        tag = m.group()
        s, e, replacement = _removal(block.text, m.start(), m.end(), _tag_name(tag))
        attributes = (m.group("attrs") or "").strip(" /")
        applicability = Applicability.UNSAFE if attributes else Applicability.SAFE
        d = self.in_block(block, m.start(), m.end(), f"escaped HTML tag {tag[:40]!r} in prose (tag debris)")
        edit = block.edit(s, e, replacement)
        return d.with_fix(Fix((edit,), applicability) if edit else None)


def _between_letters(text: str, start: int, end: int) -> bool:
    return start > 0 and end < len(text) and text[start - 1].isalpha() and text[end].isalpha()


_TAG_HINT = Prefilter("[<>]")
_TAG = lazy_re(
    rf"</?(?:{_TAG_NAMES})(?:\s[^<>\n]{{0,300}})?/?>"
    # A tag whose "<" was cut off: "br />", "/p>".
    rf"|(?<![\w<&;/])(?:br|hr)[^\S\n]*/>"
    rf"|(?<![\w</])/(?:{_TAG_NAMES})>",
    re.IGNORECASE,
)
# A Reuters-style ticker in angle brackets: "<TWA>", "<IBM.N>", "<0005.HK>".
_TICKER = lazy_re(r"<[A-Z0-9]{1,6}(?:\.[A-Z]{1,3})?>")


def _ticker(text: str, start: int, end: int) -> bool:
    """Is the tag-shaped text[start:end] a wire ticker ("Trans World
    Airlines <TWA>", "the ticker would be <PA>.", "<I>")? Tickers are upper
    case, hold no attributes or slash, and stand apart from the words
    around them. An upper-case tag glued to a word ("Monday.<BR>The"), or
    in a paragraph that closes an element ("<B>bold</B>", "<BR> ... </P>"),
    is HTML: wire copy with tickers holds no closing tags."""
    tag = text[start:end]
    if not _TICKER.fullmatch(tag):
        return False
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if not (before.isspace() or before in "([") or after.isalnum():
        return False
    return "</" not in text


class HtmlTagInText(Rule):
    """
    ## What it does
    Flags HTML tags left in a plain-text article: "<p>", "</div>",
    "<br/>", "<a href=...>".

    A tag whose "<" was cut off ("br />", "/p>") is flagged too. Wire
    tickers in angle brackets ("Trans World Airlines <TWA>", "<IBM.N>",
    "<I>") are not tags, even when the ticker is also a tag name: a bare
    upper-case name set off by spaces counts as a ticker unless the
    paragraph closes an element ("<B>bold</B>").

    ## Why it matters
    A plain-text file is published as it is, so tags from an HTML source
    show up verbatim in the article, or worse, are interpreted by the next
    system in the pipeline.

    ## Example
    ```
    The council voted on Monday.<br/>The decision is final.</p>
    ```
    Both tags are flagged.

    ## Fix safety
    Unsafe: the fix deletes the tag, but a removed line break or link may
    need words or spacing the editor must supply. The fix keeps single
    spacing: a tag between two spaces goes with one of them, and a
    line-breaking tag glued between two words ("Monday.<br/>The") becomes
    a space.
    """

    code = "ENC003"
    name = "encoding.html-tag-in-text"
    severity = Severity.WARNING
    fixable = Applicability.UNSAFE
    rewrites_words = False
    gate = _TAG_HINT

    def check(self, doc):
        if doc.format != "text":
            return
        for block in self.blocks(doc, hint=self.gate):
            text = block.text
            for m in _TAG.finditer(text):
                if _ticker(text, m.start(), m.end()):
                    continue
                s, e, replacement = _removal(text, m.start(), m.end(), _tag_name(m.group()))
                d = self.in_block(block, m.start(), m.end(), f"HTML tag {m.group()[:40]!r} in plain text")
                edit = block.edit(s, e, replacement)
                yield d.with_fix(Fix((edit,), Applicability.UNSAFE) if edit else None)


# C0 controls other than tab and line breaks, DEL, C1 controls, and the
# replacement character that marks bytes lost in an earlier decoding.
_CONTROL = lazy_re(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f" "\ufffd]")  # \ufffd literal, for RE2
_CONTROL_HINT = Prefilter(_CONTROL.pattern)
_LATIN1_LEAD = lazy_re(r"[\u00c2-\u00f4]")


class ControlCharacter(Rule):
    """
    ## What it does
    Flags control characters inside prose (C0 controls other than tab and
    line breaks, DEL, C1 controls) and the replacement character "\ufffd"
    that marks bytes lost when the text was decoded.

    ## Why it matters
    Control characters are invisible, can break XML feeds and parsers, and
    a replacement character means part of a word is already gone.

    ## Example
    ```
    The minister\x07 said the plan was final.
    ```
    The bell character is flagged and removed.

    ## Fix safety
    Safe for C0 controls and DEL (removed). C1 controls are usually
    Windows-1252 punctuation decoded wrongly: the fix decodes them with
    ftfy and is unsafe. A replacement character has no fix: the lost
    character must be restored by hand.
    """

    code = "ENC004"
    name = "encoding.control-character"
    severity = Severity.ERROR
    fixable = Applicability.SAFE
    rewrites_words = False
    gate = _CONTROL_HINT

    def check(self, doc):
        for block in self.blocks(doc, hint=self.gate):
            text = block.text
            for m in _CONTROL.finditer(text):
                ch, pos = m.group(), m.start()
                label = f"U+{ord(ch):04X}"
                if ch == "\ufffd":
                    yield self.in_block(block, pos, pos + 1, "replacement character: a character was lost in decoding")
                elif "\x80" <= ch <= "\x9f":
                    if _LATIN1_LEAD.search(text, max(0, pos - 2), pos):
                        continue  # part of a mojibake sequence: ENC001's finding
                    from ftfy.fixes import fix_c1_controls

                    decoded = fix_c1_controls(ch)
                    yield self.in_block(block, pos, pos + 1, f"C1 control character {label}, probably {decoded!r}",
                                        decoded, Applicability.UNSAFE)
                else:
                    yield self.in_block(block, pos, pos + 1, f"control character {label} in prose", "")


RULES = [Mojibake, HtmlEntity, HtmlTagInText, ControlCharacter]
