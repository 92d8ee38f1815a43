"""BOIL: web debris that its neighbours, or its place in the copy, give away.

The YAML rules (rules/boilerplate.yml) judge each block alone, by a known
phrase or a pattern, and so must leave alone a short line that is rarely
junk by itself ("Most Discussed" is a list heading, "3 comments" and
"Reddit" are words). Beside other junk, or as the glued tail of a
paragraph, the same line is nearly always debris. The rules here read that
context, reusing the YAML rules' phrases and patterns as their evidence:

- BOIL015 a short line that is not a sentence, inside a run of debris
  (two or more lines the YAML rules flag, or debris making up half the
  run, or under a heading of links): the headlines of a "Related" box,
  the labels of a share bar, a date or a name beside a byline;
- BOIL016 a continuation marker ("Story continues below advertisement",
  "Continued below") glued to the start or end of a paragraph;
- BOIL017 an orphan ending: "[More…]" closing a paragraph, or a last line
  that introduces what the page no longer has ("Key points include:").

Speed: BOIL015 starts from the blocks the boilerplate rules' shared gate
finds (packs._Gate, one pass for every rule), so an article without any
boilerplate costs nothing; BOIL016 and BOIL017 are gated by the shared
pre-scan (lint/speed/prefilter.py) and look at one or two blocks.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..core.document import Document
from ..core.model import Applicability, Edit, Fix, Severity
from ..core.rule import Rule
from ..packs.pack import _GATE, Boilerplate, _glued_runs
from ..speed.patterncache import compile_re
from ..speed.lazy import LazyPattern
from ..speed.prefilter import AllOf, Prefilter, Test

# -- what a block looks like, alone ------------------------------------------

GOOD, KEEP, LONG, SHORT = "good", "keep", "long", "short"
_GOOD_WORDS = 8  # a sentence of this many words is prose
_GOOD_CHARS = 90  # ... and so is a line this long, mostly function words
_GOOD_STOP = 0.30
_MAX_WORDS = 16  # longer lines are never taken by context
_MIN_WORDS = 2  # one-word lines are taken only as companions

# Function words, for the share of them in a line: prose has many, a menu,
# a headline or a list of names few.
_STOP = frozenset("""
a about above after again against all also although am an and any are as at be because been before being
below between both but by can could did do does doing down during each either even ever every few for from
further had has have having he her here hers herself him himself his how however i if in into is it its
itself just least less like may me might more most much must my myself neither no nor not now of off on
once only or other our ours ourselves out over own per same shall she should since so some such than that
the their theirs them themselves then there these they this those though through to too under until up
upon us very was we were what when where whether which while who whom whose why will with within without
would yet you your yours yourself yourselves said says one two three according
""".split())

_END = compile_re(r"[.!?…][\"”’')\]]*$")
_BULLET = compile_re(r"^(?:[-–—•·*+▪●○◦>]\s|\(?\d{1,3}[.)]\s|\(?[a-z][.)]\s|[ivx]{1,4}[.)]\s)")
_BREAK = compile_re(r"^(?:[*_=~#.\-–—]\s*){3,}$|^\[?(?:\.\.\.|…)\]?$|^[\[\](){}]+[,;]?$")
_CODE = compile_re(r"[{};]|\w\s?=\s?\S|^\s*(?://|/\*|\$ |>>>|#include|#!)|\w\(\)|(?<!\w)\w{1,40}\.\w{1,40}\(|^\s*[\])}]")
_SPEAKER = compile_re(r"^(?:[QA]|Q\.|A\.|Question|Answer|[A-Z][A-Z.'-]{1,20}(?: [A-Z][A-Z.'-]{1,20}){0,2})\s*:(?:\s|$)")
_QUOTED = compile_re(r"^[“\"‘].*[”\"’]\W*$")
_SKELETON = compile_re(r"[()\[\]:;,–—/|$%&@#\"“”]|--| - ")


@lru_cache(maxsize=4096)
def shape(text: str) -> str:
    """GOOD (prose), KEEP (short but the story's own: a list item, a
    section break, a label ending in a colon, code, a speaker, a quotation,
    a short sentence), LONG (too long to judge) or SHORT (short, not a
    sentence: a headline, a label, a name, a link)."""
    t = " ".join(text.split())
    words = t.split(" ")
    n = len(words)
    if _GOOD_WORDS <= n <= _TEASER_WORDS and _cut_short(t, words):
        return SHORT  # a teaser of another story, cut off in mid-sentence
    end = _END.search(t) is not None
    if (end and n >= _GOOD_WORDS) or (len(t) >= _GOOD_CHARS and _stop_share(words) >= _GOOD_STOP):
        return GOOD
    if (_BULLET.search(t) or _BREAK.match(t) or t.endswith(":") or _CODE.search(t) or _SPEAKER.search(t)
            or _QUOTED.search(t) or (end and n >= 3)):
        return KEEP
    return LONG if n > _MAX_WORDS else SHORT


_TEASER_WORDS = 24  # a teaser is a sentence or two, cut short
# Words a sentence does not end on: articles, determiners, most prepositions, conjunctions.
_CUT_AFTER = frozenset("""
a an the my your his its our their whose every each some any few several many such of to for from with into
onto about by at as than between through during without within upon against per via and or but nor because
although though while whereas if unless whether
""".split())
_ELLIPSIS = ("…", "...")


def _cut_short(t: str, words: list[str]) -> bool:
    """Does a line of eight words or more end in an ellipsis that cuts a
    sentence off, right after a comma or a word no sentence ends on ("... sights,
    sounds,…", "Over the last few…", "Hope in the Face of...")? That is how
    a page shortens the teaser of another story; a writer's own trailing
    "..." is short ("And the winner is...") or follows a full phrase."""
    if not t.endswith(_ELLIPSIS) or t[:1] in "\"“‘'(":
        return False
    body = t.rstrip(".…")
    if body.endswith(" "):
        return False  # "Debian, Fedora, ...": the list goes on, the line is whole
    return body.endswith((",", ";")) or body.rsplit(" ", 1)[-1].lower() in _CUT_AFTER


def _stop_share(words: list[str]) -> float:
    return sum(1 for w in words if w.strip(".,;:!?\"“”‘’()[]").lower() in _STOP) / len(words)


def _skeleton(text: str) -> str:
    """The punctuation frame of a line, and whether it opens on a digit:
    the lines of one list share it ("June 24 -- Venue, City, ST")."""
    return ("9" if text[:1].isdigit() else "") + "".join(_SKELETON.findall(text))


# Lines that are debris only beside debris: a date or a time alone (a
# live-blog entry or a fixture list is headed by one), a handle, an e-mail
# address, one tag a line ("Banks,"), a commenter's name ("jdoe says:"), a
# credit word ("Getty Images", "Image caption").
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_DATE = (rf"(?:{_WEEKDAY},?\s)?(?:{_MONTH}\.?\s\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s(?:19|20)\d\d)?"
         rf"|\d{{1,2}}(?:st|nd|rd|th)?\s{_MONTH}\.?(?:,?\s(?:19|20)\d\d)?|\d{{1,2}}/\d{{1,2}}/(?:19|20)?\d\d"
         rf"|(?:19|20)\d\d-\d\d-\d\d|{_MONTH}\.?\s(?:19|20)\d\d)")
_TIME = r"(?:\d{1,2}(?::\d\d)?\s?[ap]\.?\s?m\.?|\d{1,2}:\d\d)(?:\s?(?:et|est|edt|ct|cst|cdt|pt|pst|pdt|gmt|bst|utc))?"
_COMPANION = LazyPattern(
    rf"""(?P<stamp>(?:{_DATE}|{_TIME})(?:\s?(?:,|at|@|on|\||-|–|—|·|•)?\s?(?:{_DATE}|{_TIME}|{_WEEKDAY})){{0,3}}
           (?:\s?[|·•]\s?[^\n|·•]{{1,40}})?)
      |(?P<handle>(?:follow\s)?@[\w]{{2,30}})
      |(?P<email>(?:e-?mail(?:\sme|\sus)?\s?:?\s?)?[\w.+-]{{1,40}}@[\w-]{{1,40}}(?:\.[\w-]{{1,20}}){{1,4}})
      |(?P<tag>(?!(?:dear|sincerely|best|cheers|regards|thanks|thank\syou|love|yours|hi|hello|all\sthe\sbest|best\swishes|kind\sregards|warm\sregards|respectfully|cordially)\b)
           (?![^,]{{0,32}}\b(?:the|a|an|of|to|in|on|for|and|or|is|are|was|be|with|by|from|that|this|can|not|no|its|it|as|at|new)\b)
           [\w][\w&.'’\ -]{{0,30}},)
      |(?P<credit>(?:image|photo|picture|media)\s(?:copyright|caption|credit)|getty(?:\simages)?|shutterstock|istock(?:photo)?|
           (?:photo|image|picture|source|credit)s?\s?:\s?[^\n]{{1,60}}|\((?:photo|image|picture|credit|getty|ap|afp|reuters|file|source)[^()\n]{{0,80}}\))
    """,
    re.IGNORECASE | re.VERBOSE,
)
# UI glyphs alone ("▶", "||", "☰", icon-font characters): page controls.
# Not dots, stars or rules: "* * *", "...", "___" are section breaks.
_GLYPHS = compile_re(r"(?=[^\w]{1,40}$)[^\w]*[|▶►▷▸◀◄•·×✕✖☰‹›«»▼▲←→↑↓★\ue000-\uf8ff][^\w]*")
_CLOSING = " \t\u00a0.!?:;…"
_COMPANION_CHARS = 160


def companion_kind(text: str) -> str | None:
    """What a short line is when it is debris only beside debris, or None."""
    t = " ".join(text.split()).rstrip(_CLOSING) if len(text) <= _COMPANION_CHARS else ""
    if not t:
        return None
    m = _COMPANION.fullmatch(t)
    if m:
        return m.lastgroup
    if text.rstrip().endswith(":") and _COMMENTER.fullmatch(t):
        return "commenter"  # "jdoe says:" (the colon was trimmed above)
    low = t.lower()
    if "contributed" in low or "additional reporting" in low:
        if _CONTRIBUTED.search(low):
            return "contributed"  # "Heba Habib contributed to this report."
    elif low.endswith(_PHOTO_ENDS) and len(low.split()) <= 8:
        return "credit"  # "Christopher Tays Submitted photo"
    return None


_COMMENTER = compile_re(r"[\w][\w.' -]{1,30}\s(?:says|said|wrote|replied)", re.IGNORECASE)
_CONTRIBUTED = compile_re(r"\bcontributed (?:reporting|research|to this (?:report|story|article))|\badditional reporting by")
_PHOTO_ENDS = tuple(f" {a} {b}" for a in ("submitted", "contributed", "handout", "courtesy", "file")
                    for b in ("photo", "image", "picture", "photos"))


# The rules whose finds say "a byline or a time stamp is here": the line
# above them is the headline, which context must not take.
_BYLINE_CODES = frozenset({"BOIL011", "BOIL012"})
_KINDS = ("paragraph", "heading")


def boilerplate_lines(doc: Document) -> dict[int, str]:
    """Block index -> code of the first (by code) boilerplate rule that flags
    the block, graded as those rules grade: a companion needs company. A
    companion alone is there too, its code marked with LONE. Made once per
    document from the blocks the rules' shared gate found."""
    return _graded(doc)[0]


def _graded(doc: Document) -> tuple[dict[int, str], dict[int, Applicability]]:
    candidates = _GATE.candidates(doc)
    if not candidates:
        return {}, {}
    return doc.memo("debris-anchors", _GATE.built, lambda d: _grade_all(d, candidates))


def _grade_all(doc: Document, candidates: list[int]) -> tuple[dict[int, str], dict[int, Applicability]]:
    found: dict[int, str] = {}
    graded: dict[int, Applicability] = {}
    lone: dict[int, str] = {}
    for rule in sorted(_GATE.rules, key=lambda r: r.code):
        if not isinstance(rule, Boilerplate):
            continue
        grades = {i: rule.grade_block(doc.blocks[i]) for i in candidates if i not in found}
        for i, grade in grades.items():
            if grade is None:
                continue
            if not isinstance(grade, Applicability):  # a companion: it needs a neighbour
                neighbours = (grades.get(i - 1), grades.get(i + 1))
                if not any(g is not None and g != grade for g in neighbours):
                    lone.setdefault(i, rule.code)
                    continue
                grade = Applicability.UNSAFE
            found.setdefault(i, rule.code)
            graded.setdefault(i, grade)
    # A companion alone ("Facebook", "Image", "About") is no finding of its
    # rule, but it is debris evidence: it marks the stretch it sits in.
    for i, code in lone.items():
        found.setdefault(i, LONE + code)
    return found, graded


LONE = "~"  # marks a lone companion among the anchors


class _Page:
    """The blocks of one document as the cluster rule sees them."""

    def __init__(self, doc: Document, anchors: dict[int, str]):
        self.doc, self.blocks, self.anchors = doc, doc.blocks, anchors
        self._shapes: dict[int, str] = {}
        self._companions: dict[int, str | None] = {}
        self.dates: set[int] = set()  # the dates that mark a headline beside them (_guarded)

    def shape(self, i: int) -> str:
        found = self._shapes.get(i)
        if found is None:
            block = self.blocks[i]
            found = shape(block.text) if block.kind in _KINDS else KEEP
            if found in (SHORT, LONG) and self._wrapped(i):
                found = KEEP
            self._shapes[i] = found
        return found

    def _wrapped(self, i: int) -> bool:
        """Hard-wrapped prose the layout cut into lines: a line ending in a
        lower-case word and one going on in lower case, or the reverse."""
        text = self.blocks[i].text.strip()
        after = self.blocks[i + 1].text.lstrip() if i + 1 < len(self.blocks) else ""
        before = self.blocks[i - 1].text.rstrip() if i else ""
        return ((text[-1:].islower() and after[:1].islower() and len(text.split()) >= 4)
                or (text[:1].islower() and before[-1:].islower() and len(before.split()) >= 4))

    def companion(self, i: int) -> str | None:
        if i not in self._companions:
            block = self.blocks[i]
            self._companions[i] = companion_kind(block.text) if block.kind in _KINDS else None
        return self._companions[i]

    def run_around(self, i: int) -> tuple[int, int]:
        """The stretch of blocks that are not prose around block i."""
        first = i
        while first > 0 and self.shape(first - 1) != GOOD:
            first -= 1
        last = i
        while last + 1 < len(self.blocks) and self.shape(last + 1) != GOOD:
            last += 1
        return first, last


def cluster_lines(doc: Document) -> dict[int, tuple[str, int]]:
    """Block index -> (why, the anchor block it was judged by) for every block
    BOIL015 flags. `why` is "cluster", "companion" or "glyphs"."""
    anchors = boilerplate_lines(doc)
    if not anchors:
        return {}
    return doc.memo("debris-clusters", _GATE.built, lambda d: _clusters(_Page(d, anchors)))


def _clusters(page: _Page) -> dict[int, tuple[str, int]]:
    page.anchors = anchors = dict(page.anchors)  # captions join it below
    blocks = page.blocks
    flagged: dict[int, tuple[str, int]] = {}
    done: set[int] = set()
    for a in sorted(anchors):
        if a in done or page.shape(a) == GOOD:
            continue
        first, last = page.run_around(a)
        done.update(range(first, last + 1))
        # Segments of the run, cut at the story's own short lines.
        segment: list[int] = []
        for i in list(range(first, last + 1)) + [None]:
            if i is None or (i not in anchors and page.shape(i) in (KEEP, LONG)):
                if segment:
                    _judge(page, segment, flagged)
                segment = []
            else:
                segment.append(i)
    # A companion goes with a flagged neighbour.
    real = {i for i, code in anchors.items() if not code.startswith(LONE)}
    for i in sorted(_neighbours(real | set(flagged), len(blocks))):
        if i in anchors or i in flagged or not page.companion(i) or _marks_headline(page, i):
            continue
        for j in (i - 1, i + 1):
            if j in real or (j in flagged and flagged[j][0] == "cluster"):
                if not _caption(page, i):
                    flagged[i] = ("companion", j)
                break
    # A list of tags, one a line ("France,", "Gypsies,"), goes on up to the
    # debris that took its first or last tag.
    for i in [i for i, (why, _) in flagged.items() if page.companion(i) == "tag"]:
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(blocks) and j not in anchors and j not in flagged and page.companion(j) == "tag":
                flagged[j] = ("companion", i)
                j += step
    return flagged


def _caption(page: _Page, i: int) -> bool:
    """Is block i a photo caption or credit, which the CAP rules report?
    It is debris evidence then, not BOIL015's to flag."""
    from .captions import find_credit, looks_like_caption, may_hold_credit_words

    text = page.blocks[i].text
    credit = find_credit(text, may_hold_credit_words(text))
    if (credit is not None and credit.removable) or looks_like_caption(text):
        page.anchors[i] = "CAP"
        return True
    return False


def _neighbours(indexes: set[int], size: int) -> set[int]:
    return {j for i in indexes for j in (i - 1, i + 1) if 0 <= j < size}


# Tuning, measured on the boilerplate pages (bench/acc_debris.py).
STRONG_SEEDS = 2  # a stretch with this many debris lines the rules know is debris
STRONG_SHARE = 0.5  # ... and so is one where debris makes up this share
_LIST_HEADS = frozenset({"BOIL005"})  # rules whose short lines head a list of links
_LIST_ITEMS = 40  # the lines such a heading takes, at most
_TRAILER = compile_re(r"(?i)\b(?:read more|continue reading|keep reading|full story)\W*$")
SPREAD = 2  # the lines a single other seed takes on each side
ONE_WORD = True  # a one-word line right beside known debris, in a stretch of it


def _judge(page: _Page, segment: list[int], flagged: dict) -> None:
    anchors = page.anchors
    seeds = [i for i in segment if i in anchors]
    if not seeds:
        return
    debris = sum(1 for i in segment if i in anchors or page.companion(i))
    # With one seed, a subheading (a short line over a paragraph) is never
    # taken, though the seed stands right above it ("Advertisement").
    members = segment
    strict = len(seeds) < STRONG_SEEDS and anchors[seeds[0]] not in _LIST_HEADS
    if len(seeds) < STRONG_SEEDS and debris < STRONG_SHARE * len(segment):
        # One seed: a heading of links ("Related stories", "Most Popular")
        # takes the lines it heads; another takes the lines right beside it,
        # but never a subheading (a short line over a paragraph).
        head = seeds[0]
        at = segment.index(head)
        if anchors[head] in _LIST_HEADS and len(page.blocks[head].text.split()) <= 5:
            # A "Read more" closes the teaser above it as well.
            above = SPREAD if _TRAILER.search(page.blocks[head].text) else 0
            members = segment[max(0, at - above) : at + 1 + _LIST_ITEMS]
        elif SPREAD:
            members = segment[max(0, at - SPREAD) : at + 1 + SPREAD]
        else:
            return
    guarded = _guarded(page, segment, strict)
    for i in members:
        if i in anchors:
            continue
        if i in guarded or page.shape(i) != SHORT or _marks_headline(page, i):
            continue
        if (len(page.blocks[i].text.split()) < _MIN_WORDS and not page.companion(i)
                and not (ONE_WORD and len(seeds) >= STRONG_SEEDS and _beside(i, anchors) and not _leads(page, i))):
            continue
        if _caption(page, i):
            continue
        nearest = min(seeds, key=lambda s: abs(s - i))
        flagged[i] = ("cluster", nearest)


def _marks_headline(page: _Page, i: int) -> bool:
    """Is block i the date that marks a line near it as the story's
    headline? It stays with the headline: removed, it would leave the
    headline to be judged again without it."""
    return i in page.dates and page.companion(i) == "stamp"


def _leads(page: _Page, i: int) -> bool:
    """Does block i lead into a paragraph of prose right below it, as a
    dateline ("Pittsburgh") or a one-word subheading does?"""
    return i + 1 < len(page.blocks) and page.shape(i + 1) == GOOD and (i + 1) not in page.anchors


def _beside(i: int, anchors: dict[int, str]) -> bool:
    return any(j in anchors and not anchors[j].startswith(LONE) for j in (i - 1, i + 1))


def _headline(page: _Page, i: int) -> bool:
    """Could block i be the story's headline: words of its own, not debris?"""
    words = page.blocks[i].text.split()
    return i not in page.anchors and len(words) >= _MIN_WORDS and sum(w[:1].isalpha() for w in words) >= _MIN_WORDS


def _dates(page: _Page, i: int) -> bool:
    """Is block i a byline or a time stamp?"""
    return page.anchors.get(i) in _BYLINE_CODES or page.companion(i) == "stamp"


def _guarded(page: _Page, segment: list[int], strict: bool = False) -> set[int]:
    """Short lines of the story that sit among debris: the first line (the
    headline), the line above a byline or time stamp, a headline a few
    lines above one, a subheading over a paragraph, and the items of a list
    (three or more lines of one punctuation frame)."""
    anchors, blocks = page.anchors, page.blocks
    guarded = {0} if segment[0] == 0 else set()
    listing = _listing(page, segment)
    for k, i in enumerate(segment):
        if page.shape(i) != SHORT or i in listing:
            continue
        below = segment[k + 1 : k + 5]
        for d, j in enumerate(below):
            if _dates(page, j) and (d == 0 or len(blocks[i].text.split()) >= 4):
                guarded.add(i)
                if d == 0 and _headline(page, i):
                    page.dates.add(j)
                break
        if (k and segment[k - 1] == i - 1 and _headline(page, i)
                and (anchors.get(i - 1) == "BOIL011" or page.companion(i - 1) == "stamp")):
            guarded.add(i)  # a headline under its date ("Oct 15, 2015 · 18 min read")
            page.dates.add(i - 1)
        after = i + 1
        if (after < len(blocks) and page.shape(after) == GOOD and after not in anchors
                and (strict or (i - 1) not in anchors)):
            guarded.add(i)
    # Lists: runs of three or more lines sharing a punctuation frame. A
    # line of debris inside one ("Advertisement" between two winners of a
    # list of them) does not end it.
    run: list[int] = []
    key = None
    for i in segment + [None]:
        if i is not None and i in anchors:
            continue
        k = _skeleton(blocks[i].text.strip()) if i is not None and page.shape(i) == SHORT else None
        if k and k == key:
            run.append(i)
            continue
        if key and len(run) >= 3:
            guarded.update(run)
        run, key = ([i], k) if k else ([], None)
    return guarded


LISTING_ENTRIES = 3  # a listing of posts holds this many dated entries at least


def _listing(page: _Page, segment: list[int]) -> set[int]:
    """The entries of a listing of other posts: three or more dates (or
    bylines) at a steady step of two or three lines, each under the title
    of a post (and maybe its author's name), as a "Recent articles" box
    lists them. A story's own headline sits over its one date or byline;
    a date that recurs after every title or two marks a listing instead."""
    anchors = page.anchors
    stamps = [k for k, i in enumerate(segment) if _dates(page, i)]
    entries: set[int] = set()
    run: list[int] = []
    for k in stamps + [None]:
        if k is not None and run and (len(run) == 1 or k - run[-1] == run[1] - run[0]) and 2 <= k - run[-1] <= 3:
            run.append(k)
            continue
        if len(run) >= LISTING_ENTRIES:
            first = max(0, run[0] - (run[1] - run[0]) + 1)
            if all(page.shape(i) == SHORT or i in anchors for i in segment[first : run[-1] + 1]):
                entries.update(segment[first : run[-1] + 1])
        if k is None:
            break
        run = [run[-1], k] if run and 2 <= k - run[-1] <= 3 else [k]
    return entries


def _clip(text: str, width: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class DebrisCluster(Rule):
    """
    ## What it does
    Flags a short line that is not a sentence when it sits among web debris:
    in a stretch of the copy where two or more lines are boilerplate the
    other BOIL rules know ("Share this:", "Reddit" beside it, "3 comments",
    "By Jane Doe", "1 of 12"), or where such lines make up half the
    stretch. There the headlines of a related-links box, section labels,
    tags, a one-word counter beside the buttons ("SHARES") and lone dates are
    debris too. A heading of links ("Related stories", "Recent Posts", "Most
    Discussed") takes the short lines under it; any other single boilerplate
    line takes the two lines on each side of it. A date, a time, a handle
    ("@jdoe"), an e-mail address, one tag ending in a comma, a credit word
    ("Getty Images") or a commenter's name ("jdoe says:") is flagged right
    beside a boilerplate line. Anywhere, it flags a line of nothing but
    page-control glyphs ("▶", "||", "☰"), and a line that a BOIL rule knows
    but that the reader of plain text took for a row of a table or code (a
    pager's "‹ Previous 1 2 3 4 5 Next ›"), which the BOIL rules skip; a
    table the markup makes is data ("Share" heading a column of figures).

    The teaser of another story that a page cut off in mid-sentence ("...
    with sights, sounds,…", "... in the Face of...") is a short line too, a
    "Read more" takes the two lines above it as well as those under it,
    and tags listed one a line ("France,", "Gypsies,") go with the one
    beside debris. A date with its time is one cell of a row, so a lone
    time stamp is read as a line of the copy (a pager, "‹ Previous 1 2 3 4
    5 Next ›", is what the reader still takes for a row of figures).

    A stretch ends at prose (a sentence of eight words or more) and at the
    story's own short lines: list items, lines ending in a colon, short
    sentences, code, speaker labels, quotations, hard-wrapped lines. Within
    it, the first line of the copy, a headline over a byline or time stamp
    or under its date, a subheading over a paragraph, a one-word line over
    a paragraph (a dateline) and the items of a list (three lines or more
    of one shape: "June 24 -- Jiffy Lube Live, Bristow, VA") are never
    flagged, nor the date that marks a headline. A listing of other posts
    is the exception: where three or more dates recur at a steady step,
    each under the title of a post, the titles and dates are a "Recent
    articles" box, not the story's headline.

    ## Why it matters
    A rule that reads one line at a time must leave "Most Discussed" or
    "Mayor names new housing chief" alone: either can be copy. Pasted from a
    web page, such lines come in blocks (a share bar, a list of other
    stories, a byline box), and the known lines of the block give the rest
    away.

    ## Example
    ```
    The council will vote again in June, the mayor said on Tuesday.
    Share this:
    Reddit
    Related stories
    Mayor names new housing chief
    Bus fares to rise in April
    ```
    The two headlines are flagged; "Share this:", "Reddit" and "Related
    stories" are BOIL002's and BOIL005's.

    ## Fix safety
    Unsafe: the whole line is removed, and only its neighbours mark it as
    debris; an editor should confirm that it is not the story's own. The
    removal leaves the line breaks beside it to the boilerplate lines' own
    removals, so one `fix --unsafe-fixes` takes the whole block.
    """

    code = "BOIL015"
    name = "boilerplate.debris-cluster"
    severity = Severity.WARNING
    fixable = Applicability.UNSAFE
    prose_only = False  # a row of glyphs is read as code; the stretches judged are prose by construction

    def check(self, doc):
        flagged = dict(cluster_lines(doc))
        for i in _glyph_lines(doc):
            flagged.setdefault(i, ("glyphs", i))
        for i, code in _not_prose_debris(doc).items():
            flagged.setdefault(i, (code, i))
        if not flagged:
            return
        blocks = doc.blocks
        order = sorted(flagged)
        neighbours = _AnchorRuns(doc)
        for first, last, grade in _glued_runs(doc, [(i, Applicability.UNSAFE) for i in order]):
            why, anchor = flagged[first]
            text = _clip("\n".join(b.text for b in blocks[first : last + 1]))
            if why == "glyphs":
                message = f"page-control glyphs {text!r} in the article body"
            elif why.startswith("BOIL"):
                message = f"{text!r} is web debris ({why}'s) in a line read as a table or code"
            else:
                message = f"{text!r} sits among web debris (beside {_clip(blocks[anchor].text, 40)!r})"
            yield self.diagnostic(blocks[first].source_start, blocks[last].source_end, message,
                                  Fix((neighbours.removal(first, last),), grade))


class _AnchorRuns:
    """The removals the boilerplate rules make of the blocks they flag, so
    that BOIL015's removals beside them leave them their separators: both
    then go in one pass of the fix loop (which would otherwise remove the
    boilerplate first, and with it the context BOIL015 judged by)."""

    def __init__(self, doc: Document):
        self.doc = doc
        codes, self.grades = _graded(doc)
        self.codes = {i: c for i, c in codes.items() if not c.startswith(LONE)}

    def _run(self, i: int) -> Edit | None:
        """The removal of the boilerplate run (one rule, one grade, on
        consecutive lines) that holds block i, as the rule makes it."""
        if i not in self.codes:
            return None
        doc, blocks, key = self.doc, self.doc.blocks, (self.codes[i], self.grades.get(i))
        first = last = i
        while first - 1 in self.codes and (self.codes[first - 1], self.grades.get(first - 1)) == key \
                and doc.glued(blocks[first - 1], blocks[first]):
            first -= 1
        while last + 1 in self.codes and (self.codes[last + 1], self.grades.get(last + 1)) == key \
                and doc.glued(blocks[last], blocks[last + 1]):
            last += 1
        return doc.removal(blocks[first], blocks[last])

    def removal(self, first: int, last: int) -> Edit:
        doc, blocks = self.doc, self.doc.blocks
        edit = doc.removal(blocks[first], blocks[last])
        if doc.format == "html":
            return edit
        above, below = self._run(first - 1), self._run(last + 1)
        clash_above = above is not None and _overlap(above, edit)
        clash_below = below is not None and _overlap(below, edit)
        if not (clash_above or clash_below):
            return edit
        src = doc.source
        line_start = src.rfind("\n", 0, blocks[first].source_start) + 1
        nl = src.find("\n", blocks[last].source_end)
        line_end = len(src) if nl < 0 else nl
        after = line_end
        while after < len(src) and src[after] in " \t\r\n":  # the separator after
            after += 1
        before = line_start
        while before and src[before - 1] in " \t\r\n":  # the separator before
            before -= 1
        if clash_below and not clash_above and before:
            candidates = [Edit(before, line_end, ""), Edit(line_start, line_end, "")]
        elif clash_above and not clash_below and after > line_end:
            candidates = [Edit(line_start, after, ""), Edit(line_start, line_end, "")]
        else:
            candidates = [Edit(line_start, line_end, "")]
        for candidate in candidates:
            if not any(run is not None and _overlap(run, candidate) for run in (above, below)):
                return candidate
        return edit


def _overlap(a: Edit, b: Edit) -> bool:
    return a.start < b.end and b.start < a.end


_GLYPH_HINT = Prefilter("[|▶►▷▸◀◄•·×✕✖☰‹›«»▼▲←→↑↓★\ue000-\uf8ff]")


def _glyph_lines(doc: Document) -> list[int]:
    if not _GLYPH_HINT.passes(doc):
        return []
    # A code or table block too: "||" or "|+|" is what a copied wiki table
    # or diff leaves, which the reader takes for code.
    return [i for i, b in enumerate(doc.blocks)
            if b.kind in _GLYPH_KINDS and len(b.text) <= 60 and _GLYPHS.fullmatch(b.text.strip())]


_GLYPH_KINDS = ("paragraph", "heading", "code", "table")


def _not_prose_debris(doc: Document) -> dict[int, str]:
    """Short lines the reader took for a table of figures or code that a
    boilerplate rule knows (a pager, "‹ Previous 1 2 3 4 5 Next ›", a
    player's clock, "01:45", "||Back to top ||"): the rules skip such
    blocks. A cell of a table the markup makes (HTML, Markdown) is data:
    a results table's "Share" or "Comments" column is no share button."""
    found = {}
    read = ("table", "code") if doc.format == "text" else ("code",)
    for i, block in enumerate(doc.blocks):
        if block.kind not in read or len(block.text) > 80 or "\n" in block.text.strip():
            continue
        for rule in sorted(_GATE.rules, key=lambda r: r.code):
            if isinstance(rule, Boilerplate) and isinstance(rule.grade(block.text), Applicability):
                found[i] = rule.code
                break
    return found


# -- continuation markers glued to a paragraph ----------------------------------

_CONTINUED = Prefilter("(?i)continu")
_MARKER_REACH = 40  # a marker holds "continu" within this many characters of its start


@lru_cache(maxsize=1)
def _marker_phrases() -> tuple[str, ...]:
    """The phrases of the advertisement-marker rule (BOIL004) that say the
    story goes on ("Story continues below advertisement", "Continued
    below"), longest first."""
    phrases: set[str] = set()
    for rule in _GATE.rules:
        if isinstance(rule, Boilerplate) and rule.code == "BOIL004":
            phrases.update(p for p in rule.phrases if "continu" in p and " " in p)
    if not phrases:
        phrases = {"story continues below advertisement", "story continues below", "continued below"}
    return tuple(sorted(phrases, key=lambda p: (-len(p), p)))


def _marker_letters(text: str) -> str:
    """`text` lowered as re.IGNORECASE reads a marker's letters ("İ", "ı"
    and "ſ" match "i" and "s", which lower() does not give), "’" as "'"."""
    return text.replace("İ", "i").lower().replace("ı", "i").replace("ſ", "s").replace("’", "'")


@lru_cache(maxsize=1)
def _marker_pieces() -> tuple[tuple[str, ...], int]:
    """A superset of the markers: three words of each phrase from its word
    holding "continu" on (or the phrase's last three, or the whole of a
    shorter phrase), as _marker_letters reads them, one space apart; and
    the length of the longest. Plain substring tests, with nothing to
    compile: the patterns below, of hundreds of phrases, cost milliseconds
    to load, and most articles with "continu" hold no marker."""
    pieces = set()
    for phrase in _marker_letters("\n".join(_marker_phrases())).split("\n"):
        words = phrase.split()
        at = 0
        while "continu" not in words[at]:
            at += 1
        first = min(at, max(0, len(words) - 3))  # the word and the two after it, where it has them
        pieces.add(" ".join(words[first : first + 3]))
    return tuple(sorted(pieces)), max(map(len, pieces))


def may_hold_marker(text: str) -> bool:
    """Could `text` hold a continuation marker? (A necessary condition.)
    Every piece holds "continu", so only the text around each is read,
    its white space as one space, as a marker's `\\s+` takes it."""
    low = _marker_letters(text)
    pieces, reach = _marker_pieces()
    at = low.find("continu")
    while at >= 0:
        start, end = max(0, at - 2 * reach), at + 2 * reach
        before, after = " ".join(low[start:at].split()), " ".join(low[at:end].split())
        if (start and len(before) < reach) or (end < len(low) and len(after) < reach):
            return True  # long runs of white space: a marker may reach past the window (rare)
        window = f"{before} {after}" if at and low[at - 1].isspace() else before + after
        if any(piece in window for piece in pieces):
            return True
        at = low.find("continu", at + 1)
    return False


@lru_cache(maxsize=1)
def _markers() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """The start, middle and end patterns for the continuation markers."""
    alternatives = "|".join(
        r"\s+".join(re.escape(w).replace("'", "['’]") for w in p.split(" ")) for p in _marker_phrases())
    marker = rf"(?:\(\s?)?(?:{alternatives})(?:\s?(?:\.\.\.|…|:|\)))*"
    after = r"""(?-i:(?=["“‘(]?[A-Z0-9]))"""
    before = r"(?<=[.!?…\"”’)])"
    flags = re.IGNORECASE
    return (compile_re(rf"^{marker}\s+{after}", flags),
            compile_re(rf"{before}\s*{marker}\s+{after}", flags),
            compile_re(rf"{before}\s*{marker}[\s.]*$", flags))


class GluedContinuation(Rule):
    """
    ## What it does
    Flags a continuation marker of a web page glued to a paragraph: "Story
    continues below advertisement", "Continue reading the main story",
    "Continued below" at the start of a paragraph before its first word, at
    its end after its last sentence, or between two of its sentences
    where the ad slot was. The markers are the advertisement-marker rule's
    (BOIL004), which flags them on a line of their own.

    ## Why it matters
    When a page is copied or scraped without its line breaks, the label of
    an ad slot lands inside the paragraph around it: "... the minister said.
    Story continues below advertisement The deputy ...". Published, it
    reads as a glitch in the middle of the story.

    ## Example
    ```
    The minister resigned on Friday. Story continues below advertisement Her deputy takes over.
    ```
    becomes "The minister resigned on Friday. Her deputy takes over."

    ## Fix safety
    Safe: only the known marker is removed, with the space before it; a
    marker that is not between sentences ("the story continues below the
    surface") is not flagged.
    """

    code = "BOIL016"
    name = "boilerplate.glued-continuation"
    severity = Severity.WARNING
    fixable = Applicability.SAFE
    gate = AllOf(_CONTINUED, Test(lambda doc: may_hold_marker(doc.prose)))

    def check(self, doc):
        start, middle, end = _markers()
        for block in self.blocks(doc, _KINDS, hint=_CONTINUED):
            text = block.text
            low = block.lowered
            at = low.find("continu")
            if at < 0:
                continue
            spans = []
            if at < _MARKER_REACH:
                m = start.match(text)
                if m:
                    spans.append((m.start(), m.end()))
            while at >= 0:  # only around each "continu": a marker holds it near its start
                window = max(0, at - _MARKER_REACH)
                for m in middle.finditer(text, window, min(len(text), at + 2 * _MARKER_REACH)):
                    if (m.start(), m.end()) not in spans:
                        spans.append((m.start(), m.end() - len(m.group()) + len(m.group().rstrip())))
                at = low.find("continu", at + 1)
            if len(text) - low.rfind("continu") < 2 * _MARKER_REACH:
                m = end.search(text, max(0, len(text) - 3 * _MARKER_REACH))
                if m and m.start() > 0:
                    spans.append((m.start(), len(text.rstrip())))
            spans = sorted(set(spans))
            for s, e in spans:
                if not text[:s].strip() and not text[e:].strip():
                    continue  # the whole paragraph: BOIL004's
                found = _clip(text[s:e].strip())
                yield self.in_block(block, s, e, f"continuation marker {found!r} glued to the paragraph", "")


# -- orphan endings ---------------------------------------------------------------

# "[More…]", "(more...)", "[Read more]", "(Continue reading →)" closing a paragraph;
# not "(More)", which a summary's own list of sections may end on.
_MORE = compile_re(r"(?:(?<=\S)\s*|^)(?:\[(?:more|read more|continue reading|continued|full story|read the rest)"
                   r"\s?(?:…|\.\.\.|»|›|→)?\]|\((?:more\s?(?:…|\.\.\.|»|›|→)|(?:read more|continue reading|full story|read the rest)"
                   r"\s?(?:…|\.\.\.|»|›|→)?)\))\s*$"
                   # bare, after the paragraph's last sentence: "... on Monday. Read more »"
                   r"|(?:(?<=[.?!…])|(?<=[.?!…][\"”’)]))[ \t\u00a0]*(?:read more|continue reading|read the full (?:story|article)"
                   r"|full story)(?:\s?(?:»|›|→|>>|\.\.\.|…))?\s*$", re.IGNORECASE)
_MORE_HINT = Prefilter("(?i)[\\[(](?:more|read more|continue reading|continued|full story|read the rest)"
                       "|[.?!…\"”’)][ \t\u00a0]*(?:read more|continue reading|read the full|full story)")
_INTRO_WORDS = 12


class OrphanEnding(Rule):
    """
    ## What it does
    Flags an ending that points at something the copy no longer has: a
    "[More…]", "(more...)" or "[Read more]" link closing a paragraph or
    standing alone, a bare "Read more", "Continue reading »" or "Full
    story" after a paragraph's last sentence, and a short last line that
    introduces a list or a box that was not copied ("Key points include:",
    "Here's the full statement:").

    ## Why it matters
    Feeds and page excerpts end on a link to the rest of the story, and a
    copied page loses the list or the embed a line announced. Left in, the
    article ends on a promise it does not keep.

    ## Example
    ```
    The council will decide in June. [More…]
    ```
    becomes "The council will decide in June."

    ## Fix safety
    Safe for the known link texts ("[More…]", "[Read more]", a bare "Read
    more" after the last sentence): only the link is removed, never the
    sentence before it, though the paragraph may be another story's
    teaser. Unsafe for a last line ending in a colon, which is removed
    whole: only the editor knows whether what it announced is coming.
    """

    code = "BOIL017"
    name = "boilerplate.orphan-ending"
    severity = Severity.WARNING
    fixable = Applicability.SAFE

    def check(self, doc):
        if _MORE_HINT.passes(doc):
            for block in self.blocks(doc, ("paragraph", "heading", "list")):
                m = _MORE.search(block.text)
                if not m:
                    continue
                text = block.text
                found = _clip(m.group().strip())
                if not text[: m.start()].strip():
                    s, e = block.span(len(text) - len(text.lstrip()), len(text.rstrip()))
                    yield self.diagnostic(s, e, f"link {found!r} to the rest of a story",
                                          Fix((doc.removal(block),), Applicability.SAFE))
                else:
                    yield self.in_block(block, m.start(), len(text.rstrip()), f"link {found!r} to the rest of a story", "")
        last = _last_block(doc)
        if last is None:
            return
        text = last.text.strip()
        if (text.endswith(":") and last.kind == "paragraph" and 2 <= len(text.split()) <= _INTRO_WORDS
                and "\n" not in text and len(doc.blocks) >= 2):
            s, e = last.span(len(last.text) - len(last.text.lstrip()), len(last.text.rstrip()))
            # Information: the list or the post it announces may be added
            # back in the CMS; only the editor knows.
            found = self.diagnostic(s, e, f"the copy ends on {_clip(text)!r}, which introduces what is not there",
                                    Fix((doc.removal(last),), Applicability.UNSAFE))
            yield found._replace(severity=Severity.INFO)


_MORE_MARKUP = compile_re(r"<(?:ul|ol|table|pre|code|img|figure|iframe|video|blockquote|dl)\b", re.IGNORECASE)


def _last_block(doc: Document):
    if not doc.blocks:
        return None
    last = doc.blocks[-1]
    rest = doc.source[last.source_end :]
    if doc.format == "html":
        return None if _MORE_MARKUP.search(rest) else last
    return last if not rest.strip() else None


RULES = [DebrisCluster, GluedContinuation, OrphanEnding]

# Patterns only ever applied to short stretches of text (name: longest input),
# for tests/test_patterns.py.
BOUNDED = {"_COMPANION": _COMPANION_CHARS, "_GLYPHS": 60}
