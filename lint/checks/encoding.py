"""ENC: encoding damage: mojibake, HTML entities and tags in plain copy, control characters."""

from __future__ import annotations

import html
import re

from ..lazy import lazy_re
from ..model import Applicability, Severity
from ..prefilter import Prefilter
from ..rule import Rule

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


class HtmlEntity(Rule):
    """
    ## What it does
    Flags HTML character references left in plain text or Markdown prose:
    "&amp;", "&#8217;", "&nbsp;", "&mdash;". In HTML files they are markup
    and are not flagged; in Markdown, "&lt;", "&gt;", "&amp;" and "&quot;"
    are accepted escapes.

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
    character could start markup.
    """

    code = "ENC002"
    name = "encoding.html-entity"
    severity = Severity.WARNING
    fixable = Applicability.SAFE
    rewrites_words = False
    gate = _AMPERSAND_HINT

    def check(self, doc):
        if doc.format == "html":
            return
        applicability = Applicability.SAFE if doc.format == "text" else Applicability.UNSAFE
        for block in self.blocks(doc, hint=self.gate):
            text = block.text
            for m in _ENTITY.finditer(text):
                entity = m.group()
                decoded = html.unescape(entity)
                if decoded == entity or (doc.format == "markdown" and entity in _MARKDOWN_ESCAPES):
                    continue
                replacement = " " if decoded == "\u00a0" else decoded
                yield self.in_block(block, m.start(), m.end(), f"HTML entity {entity} in prose (means {decoded!r})",
                                    replacement, applicability)


_TAG_HINT = Prefilter("<")
_TAG = lazy_re(
    r"</?(?:p|div|span|br|hr|a|b|i|u|em|strong|small|sup|sub|img|h[1-6]|ul|ol|li|table|tr|td|th|tbody|thead|"
    r"font|iframe|script|style|blockquote|figure|figcaption|section|article|header|footer|nav|center|"
    r"noscript|button|form|input|label|meta|link)(?:\s[^<>\n]{0,300})?/?>",
    re.IGNORECASE,
)


class HtmlTagInText(Rule):
    """
    ## What it does
    Flags HTML tags left in a plain-text article: "<p>", "</div>",
    "<br/>", "<a href=...>".

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
    need words or spacing the editor must supply.
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
            for m in _TAG.finditer(block.text):
                yield self.in_block(block, m.start(), m.end(), f"HTML tag {m.group()[:40]!r} in plain text",
                                    "", Applicability.UNSAFE)


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
