"""CAP: photo captions and picture credits pasted into the article body.

Web pages and wire feeds put a caption and a credit under every picture;
copying the page's text drags them into the copy as paragraphs of their own
("REUTERS/Gleb Garanich", "A man walks past ... in Kyiv, March 11, 2022.").
Captions that the markup marks as captions (HTML figcaption, Markdown image
text) are not prose paragraphs and are left alone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from ..core.document import PLACEHOLDER, Block, Document, quotation_spans
from ..core.model import Applicability, Fix, Severity
from ..core.rule import Rule
from ..core.sentences import sentence_spans, words
from ..packs.pack import lexicon
from ..speed.lazy import LazyPattern, lazy_re
from ..speed.lazyregex import regex
from ..speed.prefilter import Prefilter, any_of

_LEX = lexicon("captions")
_V1 = regex.V1

# Where a credit label may start: the start of the paragraph, after the end of
# a sentence (also glued on, as pages lose the space: "an hour.Photograph:"),
# after an opening bracket, or after a " - " / " | " separator.
_LEAD = r"(?<=^|[.!?…][\"”’)\]]?\s{1,3}|\p{Ll}[.!?][\"”’]?|[(\[]\s?|\s[-–—|]\s{1,2})"
_LABEL_WORDS = (r"(?:Photos?|Photographs?|Pictures?|Pics?|Images?|Credits?|Illustrations?"
                r"|PHOTOS?|PHOTOGRAPHS?|PICTURES?|IMAGES?|CREDITS?|(?:Photo|Image|Picture)\s[Ss]ource)")
_PHOTO_WORDS = r"(?:Photos?|Photographs?|Pictures?|Images?|Illustrations?)"
# Image positions a page names before its label: "Header Image:", "Left Image:".
_POSITION_WORDS = ("Main", "Header", "Top", "Lead", "Featured", "Hero", "Cover", "Left", "Right")
_POSITION = rf"(?:{'|'.join(_POSITION_WORDS)})\s"
# A name that may follow a label: capitalised, a number, a handle or a known
# agency written in lower case ("(Image: getty )").
_CREDITED = r"(?=\s*(?:[\p{Lu}\p{N}©@\"“]|(?i:courtesy|getty|shutterstock|istock|reuters|afp)|\p{Ll}+[/\p{Lu}]))"

# Credit markers, each a named alternative so the message can say what was
# found. Every alternative starts at a word of _TRIGGER and checks what stands
# before it by lookbehind, so it is tried only where a trigger word occurs.
# Agency marks are case-sensitive: "REUTERS/" and "AP Photo" are credits,
# "Reuters reported" and "told AFP" are prose.
_MARKERS = LazyPattern(
    rf"""
    (?P<wire>(?<!\w)REUTERS\s?/\s?\p{{L}} | (?<=/\s?)REUTERS\b
      | AP\sPhotos?\b | UPI\sPhotos?\b
      | AFP\sPHOTO\b | (?<!\w)AFP\s?/\s?\p{{L}} | (?<=/\s?)AFP\b
      | (?<!\w)EPA-EFE\b | (?<!\w)EPA\s?/\s?\p{{Lu}}\p{{Ll}}
      | FILE\sPHOTO\b | (?<=/\s?)File\sPhoto\b | (?<=\[\s?)File\s?:
      | ©\s?(?:Reuters|REUTERS|AP|AFP|EPA)\s?/)
    | (?P<getty>(?<=[/|(]\s?|\s[-–—]\s|\bvia\s|©\s?)Getty\s?Images\b | GettyImages\b
      | (?<=/\s?)Getty\b | Getty\s?Images\s?/ | (?<=\(\s?)Getty\s?/)
    | (?P<stock>(?<=\(\s?(?:©\s?)?)(?:Shutterstock|Getty\sImages|Getty|Alamy|iStock|iStockphoto)\s?\)
      | (?<!\w)(?:Shutterstock|iStock|Alamy)\s?/\s?\p{{L}})
    | (?P<credit>(?<=(?i:\b(?:image|photo|picture|photograph|pic)\s))(?:[Cc]redits?|CREDITS?)\s?:
      | (?<=\p{{Ll}}[.!?]?[\"”’]?)Credit(?:Credit)?(?=\p{{Lu}}))
    | (?P<label>(?:{_LEAD}|(?<=\p{{L}}\p{{Ll}}|\b{_POSITION}))
        (?:{_LABEL_WORDS}\s?:{_CREDITED} | (?:Image|Photo|Picture)\s(?:copyright|caption)\b)
      | (?<=[(\[]\s?)(?:credit|photo|image|picture)s?\s?:{_CREDITED}
      | (?<=^){_LABEL_WORDS}\s?:\s*$)
    | (?P<byline>{_LEAD}{_PHOTO_WORDS}\s(?:by|via|(?i:courtesy)(?:\sof)?)\s?:?\s?(?=\p{{L}})
      | (?<=\((?:[^()\n]{{1,40}}\s)?){_PHOTO_WORDS}\s(?:by|(?i:courtesy))\b
      | (?<=\b{_POSITION})(?:image|photo|picture)s?\s(?:by|via|courtesy)\b)
    | (?P<alone>(?<=^(?:©\s?)?)(?:Getty\sImages|Getty|Shutterstock|iStock|Alamy)\.?\s*$)
    """,
    regex.VERBOSE | _V1,
)
_MARKER_KIND = {"wire": "photo credit", "getty": "photo credit", "stock": "photo credit",
                "credit": "image credit", "label": "photo credit", "byline": "photo byline",
                "alone": "photo credit"}
# The words a marker starts with, factored by first letter, each alternative
# opening on a plain letter: the stdlib engine finds them several times
# faster than `regex`. White space is spelled out as `regex` has it (the
# stdlib's `\s` also takes \x1c-\x1f), so both find the same words.
_WS = r"[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
_TRIGGER = lazy_re((
    r"REUTERS|A(?:P\sPhoto|FP|lamy)|UPI|EPA|F(?:ILE\sPHOTO|ile\sPhoto|ile\s?:)|Getty|Shutterstock|iStock"
    r"|Credit|credit|CREDIT|P(?:hoto|HOTO|ic|ICTURE)|I(?:mage|MAGE|llustration)"
    r"|images?\s(?:by|via|courtesy|\s?:)|photos?\s(?:by|via|courtesy|\s?:)|pictures?\s(?:by|via|courtesy|\s?:)|©"
).replace(r"\s", _WS))
# Plain substring checks that every trigger needs one of: far cheaper than any
# regex scan, and they rule out most paragraphs.
_GATE = ("Photo", "PHOTO", "Pic", "PICTURE", "Image", "IMAGE", "redit", "REDIT", "REUTERS", "AFP",
         "UPI", "EPA", "File", "Getty", "Shutterstock", "iStock", "Alamy", "Illustration",
         "image by", "photo by", "picture by", "image via", "photo via", "image courtesy",
         "photo courtesy", "image:", "photo:", "picture:", "©")
# A bare source closing a caption: "... in London, June 13, 2012. (AP)",
# "... displayed in New York.Reuters", "WikiLeaks founder Julian Assange (AFP)".
_SOURCE_TAIL = LazyPattern(
    r"(?:(?<=[.!?][\"”’]?\s{0,2})(?:\((?:\L<bare>)\)|REUTERS)"
    r"|(?<=\p{Ll}\.)(?:Reuters|REUTERS|AP|AFP|Getty\sImages)"
    r"|(?<=\p{L}\s(?<!Press\s|Presse\s|Agency\s))\((?:\L<bare>)\))\.?\s*$",
    _V1,
    bare=_LEX["bare_sources"],
)

# "Name/Agency" or "Name | Agency" closing the paragraph: "Matt Sayles/AP Photo",
# "(RJ Sangosti/Denver Post/AP Photo)". The last part must be a known agency.
# Without a lead-in (start, sentence end, bracket) the name must be two or
# three capitalised words: "The Moulin Rouge cabaret in Paris Benoit Tessier/Reuters".
_SEG = r"[^\s/|()]+(?:\s[^\s/|()]+){0,4}"
_NAME = r"\p{Lu}[\p{Ll}'’-]*\.?(?:\s\p{Lu}[\p{Ll}'’-]*\.?){1,2}"
_SLASH_TAIL = LazyPattern(
    rf"(?:{_LEAD}(?P<credit>[\p{{L}}\p{{N}}][^\s/|()]*(?:\s[^\s/|()]+){{0,4}}(?:\s?[/|]\s?{_SEG}){{1,4}})"
    rf"|(?<=\s)(?P<credit>{_NAME}\s?/\s?{_SEG}))"
    r"(?:,?\s?(?:File|file|Files|files|Pool|pool|Handout))?\)?\.?\s*$",
    _V1,
)
_FILE_SUFFIX = LazyPattern(r",?\s(?:[Ff]iles?|[Pp]ool|Handout)$")
# A credit that opens the caption: "Boston Herald / Polaris Firefighters
# douse ...", "Lucy Nicholson / Reuters A protester holds ...": names and an
# agency (the last part) set apart by slashes or bars, then the caption.
_HEAD_SLASH = LazyPattern(
    r"^\s*(?P<credit>\p{Lu}[\p{L}.'’-]*(?:\s[\p{Lu}\p{N}][\p{L}\p{N}.'’-]*){0,4}"
    r"(?:\s?[/|]\s?\p{Lu}[\p{L}\p{N}.'’-]*(?:\s[\p{L}\p{N}][\p{L}\p{N}.'’-]*){0,4}?){0,2}"
    r"\s?[/|]\s?(?:\L<agencies>))(?=\s+[“\"‘(]?\p{Lu}(?:\p{Ll}|\s\p{Ll}))",
    _V1,
    agencies=_LEX["agencies"] + _LEX["outlets"],
)
# A comma credit that closes the caption or stands alone: "... in August 2015.
# Sandra Lilley, NBC News", "Al Goldis, Associated Press".
_COMMA_TAIL = LazyPattern(
    r"(?:^|(?<=[.!?][\"”’)]?\s{1,3}))(?P<credit>(?:\p{Lu}[\p{Ll}'’-]+|\p{Lu}\.)(?:\s(?:\p{Lu}[\p{Ll}'’-]+|\p{Lu}\.|de|van|von|da|del|la|le)){1,3}"
    r"(?:(?:,|\sand|\s&)\s\p{Lu}[\p{Ll}'’-]+(?:\s(?:\p{Lu}[\p{Ll}'’-]+|\p{Lu}\.)){1,3})?"
    r",\s(?:\L<outlets>))\.?\s*$",
    _V1,
    outlets=_LEX["agencies"] + _LEX["outlets"],
)
_OUTLET_ENDS = tuple(dict.fromkeys(_LEX["agencies"] + _LEX["outlets"]))
_SPLIT = LazyPattern(r"\s?[/|]\s?")
_AGENCIES = frozenset(_LEX["agencies"])
_TAIL_WINDOW = 160

# A caption (or credit line) ends within this many words after its credit.
_TAIL_WORDS = 12
# Paragraphs longer than this are article text with a credit glued in: report only.
_MAX_CAPTION_WORDS = 150


_GLUED_SOURCES = ("Reuters", "REUTERS", "AP", "AFP", "Getty Images")
# Labels and bylines must be followed by names ("Photo: Hau Dinh, AP"), not by
# a title or a sentence ("Photos: Million-dollar cars for auction").
_NAMED_AFTER = frozenset({"label", "credit", "byline"})
_SMALL_WORDS = frozenset("by of for the and via courtesy from on at in for file files pool handout "
                         "photo photos image images left right center centre top bottom".split())
_LOWER_WORD = LazyPattern(r"(?<![\p{L}\p{N}./@-])\p{Ll}+(?![\p{L}\p{N}./@-])")
_SENTENCE_STOP = LazyPattern(r"[.!?)\]](?:\s|$)")


# The rest of a photographer's name after an agency's slash ("REUTERS/K"):
# the word, and the next if it starts with a capital and opens no sentence.
_FIRST_LETTER = LazyPattern(r"/\s?\p{L}$")
_NAME_REST = LazyPattern(r"[\p{L}'’.-]*(?:[ \u00a0](?!(?:The|A|An|In|On|At|He|She|It|They|This|But|And)\b)"
                         r"\p{Lu}[\p{L}'’.-]*)?")


def _names_follow(text: str, pos: int) -> bool:
    """Is the text after a label a credit: names with at most one ordinary
    lower-case word, or a list of short names ("cmgirl (Shutterstock), J B, davidd")?"""
    stop = _SENTENCE_STOP.search(text, pos, pos + 120)
    credit = text[pos : stop.start() if stop else pos + 120]
    lower = [w for w in _LOWER_WORD.findall(credit) if w not in _SMALL_WORDS]
    if len(lower) <= 1:
        return True
    items = _LIST_SEPARATOR.split(text[pos : pos + 200])
    return len(items) >= 3 and all(len(item.split()) <= 3 for item in items[:-1])


_LIST_SEPARATOR = LazyPattern(r"[,;]\s")


class Credit(NamedTuple):
    start: int
    end: int
    kind: str
    removable: bool  # the whole paragraph is a caption or credit line
    marked: bool = True  # found by a credit's marker (a label, an agency's mark), not by its shape alone


def may_hold_credit_words(source: str) -> bool:
    """Does a text hold any word a credit marker starts with? Run once per
    document: plain substring checks rule out most articles at once."""
    return any(word in source for word in _GATE)


# The triggers, plus the entities a copyright sign hides behind in HTML, run
# over the source once to find the paragraphs worth a marker scan.
_SOURCE_WORDS = lazy_re(_TRIGGER.pattern + r"|&(?:copy|\#169|\#[xX][aA]9);")
# In plain text, the paragraphs worth it are found faster by what every
# marker (not every trigger) needs: a capitalised trigger word, "Stock" (of
# "iStock"), "©", a position word before "image", or a colon, which each
# marker on a lower-case word ("credit:", "(photos :") has.
_MARKER_HINTS = lazy_re(
    (r"REUTERS|A(?:P\sPhoto|FP|lamy)|UPI|EPA|F(?:ILE\sPHOTO|ile\sPhoto|ile\s?:)|Getty|Shutterstock|Stock"
     r"|Credit|CREDIT|P(?:hoto|HOTO|ic|ICTURE)|I(?:mage|MAGE|llustration)|©|:"
     + "".join(rf"|{word}\s(?:image|photo|picture)" for word in _POSITION_WORDS)).replace(r"\s", _WS)
)


def _tail_may_credit(text: str, slashes: bool = True, sources: bool = True) -> bool:
    """Can the end of a paragraph hold a slash credit (a slash or bar near
    the end, or near the start for a credit that opens the caption), a bare
    source (it ends on one) or a comma credit ("..., NBC News")?
    `slashes=False` or `sources=False` skips a kind the document cannot hold."""
    if slashes:
        base = max(0, len(text) - _TAIL_WINDOW)
        if (text.find("/", base) >= 0 or text.find("|", base) >= 0
                or text.find("/", 0, _HEAD_WINDOW) >= 0 or text.find("|", 0, _HEAD_WINDOW) >= 0):
            return True
    return (sources and _ends_on_source(text)) or _ends_on_outlet(text)


# What a bare source (_SOURCE_TAIL) ends on, before a full stop and white
# space: a known source in brackets, or an agency name ("... Getty Images").
_SOURCE_ENDS = tuple(f"({source})" for source in _LEX["bare_sources"]) + ("REUTERS", "Reuters", "AP", "AFP", "Images")


def _ends_on_source(text: str) -> bool:
    """Can the paragraph end on a bare source? A cheap test before the pattern."""
    end = text.rstrip()
    return end.removesuffix(".").endswith(_SOURCE_ENDS)


def _agency_after_slash(text: str) -> bool:
    """Does an agency name follow the last slash or bar? A slash credit's last
    part is one: a cheap test before the costly _SLASH_TAIL."""
    rest = text[max(text.rfind("/"), text.rfind("|")) + 1 :]
    return any(agency in rest for agency in _AGENCIES)


_HEAD_WINDOW = 120


def _ends_on_outlet(text: str) -> bool:
    """Can the paragraph end on a comma credit ("..., NBC News")? A cheap
    test before the pattern."""
    end = text.rstrip().removesuffix(".")
    return end.endswith(_OUTLET_ENDS) and "," in end[-80:]


def _glued_source(text: str) -> bool:
    """Does the paragraph end on an agency name ("... in New York.Reuters")?"""
    return text[-20:].rstrip(" .\n").endswith(_GLUED_SOURCES)


def find_credit(text: str, words_possible: bool = True) -> Credit | None:
    """The first photo credit in a paragraph's prose, or None.
    `words_possible=False` (from may_hold_credit_words) skips the marker scan."""
    found, named = None, 0
    if words_possible:
        for t in _TRIGGER.finditer(text):
            m = _MARKERS.match(text, t.start())
            if m and (m.lastgroup not in _NAMED_AFTER or _names_follow(text, m.end())):
                found = (m.start(), m.end(), _MARKER_KIND[m.lastgroup])
                if _FIRST_LETTER.search(m.group()):  # "REUTERS/K": the marker ends on the name's first letter
                    named = _NAME_REST.match(text, m.end()).end()  # (reported, not counted as the credit's)
                break
    marked = found is not None
    base = max(0, len(text) - _TAIL_WINDOW)
    if found is None and (text.find(")", base) >= 0 or _glued_source(text)) and _ends_on_source(text):
        t = _SOURCE_TAIL.search(text, base)
        if t:
            found = (t.start(), t.end(), "photo source")
    if found is None and _ends_on_outlet(text):
        t = _COMMA_TAIL.search(text, max(0, len(text) - _TAIL_WINDOW))
        if t and "," in t.group("credit"):
            found = (t.start("credit"), t.end(), "photo credit")
    if found is None and ("/" in text[:_HEAD_WINDOW] or "|" in text[:_HEAD_WINDOW]):
        t = _HEAD_SLASH.match(text)
        if t:
            found = (t.start("credit"), t.end("credit"), "photo credit")
    if (text.find("/", base) >= 0 or text.find("|", base) >= 0) and _agency_after_slash(text):
        t = _SLASH_TAIL.search(text, base)
        if t and _FILE_SUFFIX.sub("", _SPLIT.split(t.group("credit"))[-1].rstrip(".,) ")) in _AGENCIES:
            if found is None or t.start() < found[0]:
                found = (t.start(), t.end(), "photo credit")
    if found is None:
        return None
    start, end, kind = found
    # Widen to the whole credit: back to its opening bracket or the start of
    # its sentence when only a few words lie between ("(AFP - Getty Images)").
    paren = text.rfind("(", 0, start)
    if paren >= 0 and ")" in text[paren:start]:
        paren = -1
    boundary = max(paren, _last_sentence_end(text, start))
    if len(text[boundary:start].split()) <= 5:
        start = boundary + len(text[boundary:start]) - len(text[boundary:start].lstrip(" .!?\"”’)\n"))
    at_head = not text[:start].strip()
    tail = len(text[end:].split()) <= _TAIL_WORDS
    removable = (at_head or tail) and len(text.split()) <= _MAX_CAPTION_WORDS
    if tail or (at_head and removable):
        end = len(text.rstrip())
    return Credit(start, max(end, named), kind, removable, marked)


_SENTENCE_END = LazyPattern(r"[.!?…][\"”’)\]]?\s", _V1)


def _last_sentence_end(text: str, before: int) -> int:
    """Offset of the last sentence end before `before` (0 when none)."""
    last = 0
    for m in _SENTENCE_END.finditer(text, max(0, before - 80), before):
        last = m.start()
    return last


# -- uncredited captions ------------------------------------------------------

_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
          r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
# A place-and-date ending: "..., Donetsk region, Ukraine March 11, 2022." or
# "... in Reno, Nev., on Monday, July 23, 2012." `before` is the word in front.
_DATELINE = LazyPattern(
    rf"(?P<before>\S+)\s+(?:on\s+)?(?P<date>(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+{_DAY},?|{_DAY}\s+{_MONTH},?)"
    r"\s+(?:19|20)\d\d)\s?\.[\"”’]?\s*$",
    _V1,
)
# A month with a day and a year, or a month and a year, as _DATELINE needs
# them (looser: any short word for the day; the stdlib engine is faster).
_FULL_DATE = lazy_re(r"(?:Jan|Feb|Ma[ry]|Apr|Ju[nl]|Aug|Sep|Oct|Nov|Dec)[a-z.]*(?:\s+\S{1,5})?,?\s+(?:19|20)")
_YEAR_STOP = LazyPattern(r"(?<=(?:19|20)\d\d\s?)\.(?=[\"”’]?(?:\s|$))")
_YEAR_DOT = LazyPattern(r"(?<=(?:19|20)\d\d\s?)\.")  # the same, looser, for a source with markup
_MAX_CAPTION_CHARS = 800  # 100 words
_ENDS_WITH_YEAR = LazyPattern(r"(?:19|20)\d\d\s?\.?[\"”’]?\s*$")
# Words that make a date part of a sentence, not a caption's dateline.
_NOT_BEFORE_DATE = frozenset(
    "until till through since by from to between before after of on in at as and or than "
    "reported dated published updated posted released effective ended ending began "
    "starting beginning last next".split()
)
_REPORTED = LazyPattern(r"\b(?:said|says|told|tells|according\sto|I|we|We|our|Our|you|You|my|My)\b", _V1)


def _third_person(verb: str) -> str:
    if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


_BASE_VERBS = frozenset(_LEX["scene_verbs"])
_S_VERBS = frozenset(_third_person(v) for v in _BASE_VERBS)
_PARTICIPLES = frozenset(_LEX["scene_participles"])
_NOT_PARTICIPLES = frozenset(_LEX["not_scene_participles"])
_PLURAL_SUBJECTS = frozenset("people children men women police crowd crowds staff".split())
# Before one of these, a word like "walks" or "visits" is a noun.
_NOUN_MARKERS = frozenset(
    "a an the his her their its our your this that these those of to for with by and or "
    "will would can could may might must should shall did do does not no".split()
)
_NOT_PLURAL = frozenset("is was has his this its us as yes".split())


# "takes place", "take place": an event announced, not a scene shown.
_EVENT_PLACE = LazyPattern(r"\splace\b")


def _scene_verb(sentence: str) -> bool:
    """Does the sentence describe a scene in the present tense ("jumps",
    "Attendees take", "are seen")?"""
    prev = ""
    for m in words(sentence):
        w = m.group()
        low = w.lower()
        if prev not in _NOUN_MARKERS and not _EVENT_PLACE.match(sentence, m.end()):
            if low in _S_VERBS:
                return True
            if low in _BASE_VERBS and (prev in _PLURAL_SUBJECTS or (prev.endswith("s") and prev not in _NOT_PLURAL and len(prev) > 3)):
                return True
            if prev in ("is", "are") and (low in _PARTICIPLES or (
                    len(low) > 4 and low.endswith(("ed", "en")) and low not in _NOT_PARTICIPLES)):
                return True
        prev = low
    return False


def _dateline(sentence: str) -> regex.Match | None:
    """The place-and-date ending of a sentence, when it has one."""
    tail = sentence[-90:]
    if not _ENDS_WITH_YEAR.search(tail):
        return None
    m = _DATELINE.search(tail)
    if not m:
        return None
    before = m.group("before")
    if before.endswith(","):
        return m
    word = before.rstrip(".")
    if word[:1].isupper() and word.isalpha() and word.lower() not in _NOT_BEFORE_DATE and word not in ("On", "In"):
        return m
    return None


# The opening of a news-agency caption: "In this Dec. 12, 2006, file photo,
# made available by NASA, ...", "This undated photo provided by ... shows".
_PHOTO_OPENER = LazyPattern(
    r"(?:In\sthis|This)\s(?:[\p{L}\p{N}.,'’-]+\s){0,6}?"
    r"(?:photo|photograph|image|picture|frame\sgrab|screen\sgrab|video\sgrab)"
    r"(?:,|\s(?:made\savailable|provided|released|taken|obtained|distributed|posted|shared|supplied|issued)\b)",
    _V1,
)


_OPENER_WORDS = ("In this ", "This ")


def _year_stop(text: str) -> bool:
    """Does a year close a sentence within a caption's length? ("19" or "20"
    first: most paragraphs have neither, and looking is cheaper.)"""
    end = _MAX_CAPTION_CHARS
    return ((text.find("19", 0, end) >= 0 or text.find("20", 0, end) >= 0)
            and _YEAR_STOP.search(text, 0, end) is not None)


def looks_like_caption(text: str) -> str | None:
    """Why a paragraph reads as an uncredited caption (a phrase naming its
    dateline or its photo opening), or None."""
    # Cheap gates first: a year closing a sentence within a caption's length,
    # or an opening that names the photo.
    if not (text.startswith(_OPENER_WORDS) or _year_stop(text)):
        return None
    text = text.strip()
    # A caption opens on its photo ("In this ...", "This ...") or ends on a
    # full date: without either, skip the costly sentence split.
    if not text.startswith(("In", "This")) and not _FULL_DATE.search(text):
        return None
    n = len(text.split())
    if n < 8 or n > 100:
        return None
    spans = sentence_spans(text)
    if len(spans) > 3:
        return None
    first = text[spans[0][0]:spans[0][1]]
    opener = _PHOTO_OPENER.match(first)
    if opener:
        return f"it opens {_clip(opener.group())!r}"
    m = _dateline(first) or (_dateline(text) if len(spans) <= 2 else None)
    if m is None:
        return None
    if _REPORTED.search(text) or any(text.count(" ", s, e) >= 2 for s, e in quotation_spans(text)):
        return None
    if not _scene_verb(first):
        return None
    return f"a scene in the present tense, dated {m.group('date')!r}"


# -- one scan of the source for both rules ---------------------------------------

class _Facts(NamedTuple):
    """What one scan of a document's source tells both rules."""

    credit_words: bool  # a word of _GATE, which every credit marker needs
    agency: bool  # an agency name that may close a paragraph (_GLUED_SOURCES)
    year_dot: bool  # maybe a full stop after a year (_YEAR_DOT)
    full_date: bool  # maybe a month with a year (_FULL_DATE)
    opener: bool  # maybe a line opening on "In" or "This"
    paren_end: bool  # maybe a line ending on ")" or ")."


# The questions, asked in the one RE2 pass over the source that every article
# gets (lint/speed/prefilter.py). Those after the first two are asked loosely: any
# non-ASCII character may stand for a digit or a space, any character for a day.
_BEYOND_ASCII = "\u0080-\U0010ffff"  # literal characters: RE2 and `re` read them alike
_WIDE_SPACE = f"[\\t-\\r\\x1c-\\x20{_BEYOND_ASCII}]"
_QUESTIONS = _Facts(
    # a copyright sign in HTML may hide behind an entity
    credit_words=Prefilter("|".join(map(re.escape, _GATE)) + "|&(?:copy|#169|#[xX][aA]9);", source=True),
    agency=any_of(_GLUED_SOURCES, source=True),
    year_dot=Prefilter(f"(?:19|20)[0-9{_BEYOND_ASCII}]{{2}}{_WIDE_SPACE}?\\.", source=True),
    full_date=Prefilter(f"(?:Jan|Feb|Ma[ry]|Apr|Ju[nl]|Aug|Sep|Oct|Nov|Dec)[a-z.]*(?:{_WIDE_SPACE}+.{{1,5}})?,?"
                        f"{_WIDE_SPACE}+(?:19|20)", source=True),
    opener=Prefilter(f"(?m)^[\\t\\x0b-\\r\\x1c-\\x20{_BEYOND_ASCII}]*(?:In|This)", source=True),
    paren_end=Prefilter(f"\\)\\.?[\\t\\x0b-\\r\\x1c-\\x20{_BEYOND_ASCII}]*(?:\\n|$)", source=True),
)
# An outlet or agency name that may close a comma credit (_OUTLET_ENDS).
_OUTLET_HINT = any_of(_OUTLET_ENDS, source=True)


def _source_facts(doc: Document) -> _Facts:
    """What the document's source may hold, for both rules."""
    return _Facts(*(question.passes(doc) for question in _QUESTIONS))


# -- shared block selection ---------------------------------------------------

_IMAGE_SOURCE = LazyPattern(r"!\[|<img\b|<figure\b|<picture\b", regex.IGNORECASE)


def _is_body_paragraph(doc: Document, i: int) -> bool:
    """Is block `i` a prose paragraph of the body? Captions that the markup
    ties to an image (figcaption blocks, text in or right after an image) are
    not; neither are headings, except in plain text, where a credit line
    looks like a heading (on the file's first line too: copy without a
    headline may open on its picture's caption)."""
    block = doc.blocks[i]
    if not (block.kind == "paragraph" or (block.kind == "heading" and doc.format == "text")):
        return False
    return not _near_image(doc, block, doc.blocks[i - 1] if i else None)


def _blocks_at(doc: Document, positions) -> set[int]:
    """Indexes of the blocks whose source holds one of `positions`."""
    starts = [b.source_start for b in doc.blocks]
    found = set()
    for pos in positions:
        i = bisect_right(starts, pos) - 1
        if i >= 0 and pos < doc.blocks[i].source_end:
            found.add(i)
    return found


def _near_image(doc: Document, block: Block, prev: Block | None) -> bool:
    if doc.format == "text":
        return False
    start = prev.source_end if prev is not None else 0
    if prev is not None and prev.text.strip() == PLACEHOLDER:
        start = prev.source_start  # an image-only paragraph right before
    return bool(_IMAGE_SOURCE.search(doc.source, start, block.source_end))


def _clip(text: str, width: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class PhotoCredit(Rule):
    """
    ## What it does
    Flags a photo credit in the article body: wire and agency credit marks
    ("REUTERS/Gleb Garanich", "(AP Photo/Evan Vucci)", "AFP PHOTO",
    "EPA-EFE", "FILE PHOTO:", "Matt Sayles/AP Photo", ".../Getty Images",
    "via Getty Images"), credit labels at the start of a paragraph or a
    sentence or in brackets ("Photo:", "Picture:", "Credit:", "Image
    credit:", "(Photo by ...)", "Photograph by ...", also glued on as pages
    lose spaces: "...ate a rabbitCredit: Getty"), a bare source that
    closes a caption ("... June 13, 2012. (AP)"), a credit that opens the
    caption ("Boston Herald / Polaris Firefighters douse ...") and a name
    with an outlet after the caption or on a line of its own ("... in
    August 2015. Sandra Lilley, NBC News", "Al Goldis, Associated Press").
    A label counts only when names follow it, so "Photos: Million-dollar
    cars for auction" does not.

    It decides on the form of the credit, not on the agency's name: agency
    marks are matched case-sensitively and only in credit positions, so
    "Reuters reported", "told AFP", "the EPA said", a "Reuters/Ipsos poll" and
    a "WASHINGTON (Reuters) -" dateline are prose. A "Name/Agency" credit
    counts only when it closes the paragraph and its last part is a known
    picture agency (rules/lexicons/captions.yml), or opens it with a known
    agency as its last part and the caption's first word after it; a
    "Name, Outlet" credit only after a sentence or alone, with a known
    agency or outlet. Paragraphs that the markup ties to an image (HTML
    figcaption, text in or right after a Markdown or HTML image) are
    captions by design and are not flagged. In the heading lines that open
    plain copy (kicker, headline, standfirst) only a credit's marker counts:
    a headline names its outlet as a credit names its source ("Fed holds
    rates | Bloomberg").

    ## Why it matters
    Copy taken from a web page or a wire feed carries each picture's caption
    and credit along as text. Without the picture, a line like
    "REUTERS/Gleb Garanich" or "Photo: Getty Images" in the middle of a story
    is debris, and it tells readers the text was pasted.

    ## Example
    ```
    Smoke rises over the port of Mariupol, Ukraine March 11, 2022. REUTERS/Stringer

    The exchanges took place ahead of talks in Rome.
    ```
    The first paragraph is a caption with its credit and is removed.

    ## Fix safety
    Unsafe: the paragraph holding the credit is removed with the blank line
    that separated it, which also removes the caption text in front of the
    credit. When the credit sits inside a longer paragraph of article text
    (more than a dozen words follow it, or the paragraph runs past 150 words),
    nothing is removed and the credit is only reported.
    """

    code = "CAP001"
    name = "captions.photo-credit"
    severity = Severity.ERROR
    fixable = Applicability.UNSAFE

    def check(self, doc):
        for i, credit in _credits(doc):
            block = doc.blocks[i]
            text = block.text
            found = _clip(text[credit.start:credit.end])
            if credit.removable:
                # The whole paragraph is the defect: report it all, remove it all.
                lead = len(text) - len(text.lstrip())
                s, e = block.span(lead, len(text.rstrip()))
                message = f"{credit.kind} {found!r}: the paragraph is a stray caption or credit"
                yield self.diagnostic(s, e, message, Fix((doc.removal(block),), Applicability.UNSAFE))
            else:
                s, e = block.span(credit.start, credit.end)
                yield self.diagnostic(s, e, f"{credit.kind} {found!r} inside the article text")


class CaptionParagraph(Rule):
    """
    ## What it does
    Flags a paragraph that reads like a photo caption without its credit: a
    short paragraph (8 to 100 words, at most three sentences) whose first
    sentence describes a scene in the present tense ("jumps out of a tank",
    "Attendees take photos", "are seen at a bookstore") and ends with a place
    and a full date ("..., Donetsk region, Ukraine March 11, 2022.", "... in
    Reno, Nev., July 23, 2012.").

    The date must close the first sentence (or a two-sentence paragraph),
    end in a full stop and follow a comma or a place name, so "talks run until
    March 3, 2022", "as of December 1, 2012" and "reported December 21, 2006"
    do not count; the verb must show a scene, so "is expected", "is
    published" and "takes place" do not either. Paragraphs with reported
    speech ("said", "told", quotations of several words) or a first or second
    person are not captions. It also flags a short paragraph that opens the
    way news agencies open captions: "In this Dec. 12, 2006, file photo, ...",
    "This undated photo provided by ... shows ...". Paragraphs holding a
    credit are left to CAP001; figcaptions and text tied to an image are
    captions by design and are not flagged.

    ## Why it matters
    Captions pasted in from a web page sit between two paragraphs of the
    story and describe a picture the reader cannot see, in a tense and shape
    that break the story's flow.

    ## Example
    ```
    A duty officer of the pro-Russian troops ... jumps out of a tank with the
    letters "Z" painted on it ... Donetsk region, Ukraine March 11, 2022.
    ```
    The paragraph is reported as a stray caption.

    ## Fix safety
    Unsafe: the fix removes the whole paragraph (and the blank line that
    separated it). The rule judges by shape and wording, so an editor should
    confirm that the paragraph is a caption and not part of the story.
    """

    code = "CAP002"
    name = "captions.caption-paragraph"
    severity = Severity.WARNING
    fixable = Applicability.UNSAFE

    def check(self, doc):
        for i, why in _uncredited(doc):
            block = doc.blocks[i]
            text = block.text
            s, e = block.span(len(text) - len(text.lstrip()), len(text.rstrip()))
            yield self.diagnostic(s, e, f"paragraph reads like a photo caption ({why})",
                                  Fix((doc.removal(block),), Applicability.UNSAFE))


# -- what both rules find, once a document ---------------------------------------

def stray_captions(doc: Document) -> frozenset[int]:
    """The blocks that are a stray caption or credit line as a whole (what
    CAP001 and CAP002 remove): not the article's own voice, so house style
    does not count them, whichever rules are selected."""
    return doc.memo("stray captions", 0, lambda doc: frozenset(
        [i for i, credit in _credits(doc) if credit.removable] + [i for i, _ in _uncredited(doc)]))


def _credits(doc: Document) -> list[tuple[int, Credit]]:
    """(block index, credit) of each body paragraph holding a photo credit."""
    return doc.memo("photo credits", 0, _find_credits)


def _find_credits(doc: Document) -> list[tuple[int, Credit]]:
    facts = _source_facts(doc)
    source = doc.source
    with_words: set[int] | tuple = ()
    if doc.format == "text":
        # A paragraph's prose is a stretch of the source: only the marks
        # (slash, bar, bracket) and agency names found there can end one,
        # and only paragraphs with a _MARKER_HINTS match can hold a marker.
        if facts.credit_words:
            with_words = _blocks_at(doc, (m.start() for m in _MARKER_HINTS.finditer(source)))
        slashes = "/" in source or "|" in source
        sources = facts.agency or facts.paren_end
        if not (with_words or slashes or sources or _OUTLET_HINT.passes(doc)):
            return []
    else:
        if facts.credit_words:
            with_words = _blocks_at(doc, (m.start() for m in _SOURCE_WORDS.finditer(source)))
        slashes = sources = True
    found = []
    head = _head_end(doc)
    for i, block in enumerate(doc.blocks):
        text = block.text
        words = i in with_words
        if not words and not _tail_may_credit(text, slashes, sources):
            continue
        credit = find_credit(text, words) if _is_body_paragraph(doc, i) else None
        # A headline names its outlet as a credit names its source ("Fed
        # holds rates | Bloomberg", "Drones downed (AFP)"): in the lines
        # that head the copy (kicker, headline, standfirst) only a credit's
        # marker tells ("Oli Scarff | Getty Images").
        if credit is not None and (credit.marked or i >= head):
            found.append((i, credit))
    return found


def _head_end(doc: Document) -> int:
    """Index of the first block that is not a heading: those before it head the copy."""
    return next((i for i, block in enumerate(doc.blocks) if block.kind != "heading"), len(doc.blocks))


def _uncredited(doc: Document) -> list[tuple[int, str]]:
    """(block index, why) of each body paragraph that reads like a caption
    without a credit."""
    return doc.memo("uncredited captions", 0, _find_uncredited)


def _find_uncredited(doc: Document) -> list[tuple[int, str]]:
    # Only paragraphs with a year closing a sentence, or that open on a
    # photo, can be captions: find them with one scan of the source.
    facts = _source_facts(doc)
    blocks = doc.blocks
    if doc.format == "text" and not facts.full_date:
        # Without a full date in the source (the prose is the source),
        # only a paragraph opening on its photo ("In this ...") can be a
        # caption, and looks_like_caption() looks for the year itself.
        if not facts.opener:
            return []
        candidates = [i for i, block in enumerate(blocks) if block.text.startswith(("In", "This"))]
    else:
        dated = _blocks_at(doc, (m.start() for m in _YEAR_DOT.finditer(doc.source))) if facts.year_dot else ()
        candidates = [i for i, block in enumerate(blocks) if i in dated or block.text.startswith(_OPENER_WORDS)]
    found = []
    for i in candidates:
        text = blocks[i].text
        if not _is_body_paragraph(doc, i):
            continue
        why = looks_like_caption(text)
        if why is not None and find_credit(text, may_hold_credit_words(text)) is None:
            found.append((i, why))
    return found


RULES = [PhotoCredit, CaptionParagraph]

# Patterns only ever applied to short stretches of text (name: longest input),
# for tests/test_patterns.py.
BOUNDED = {"_SLASH_TAIL": _TAIL_WINDOW, "_DATELINE": 90}
