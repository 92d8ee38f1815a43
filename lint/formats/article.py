"""Finding the article in a whole web page, as readability-style
extractors do, on the element tree the HTML reader built (elements.py),
so the answer is an exact source span.

- Only a whole page is scoped (it has a doctype, <html> or <body>); a
  fragment, as CMS exports write them, is all prose.
- Score like readability: each paragraph-like element (<p>, <td>, <pre>,
  a <div> with no block inside, i.e. <br> lines) of 25+ characters gives
  1 + commas + min(length/100, 3) to its parent and half to its
  grandparent; class and id (+25 content-like, -25 chrome-like) and the tag
  set the starting score; the total is scaled by (1 - link density). Boxes
  whose class or id says comment, sidebar, menu ... do not score, unless
  one holds half the page's paragraph text (a page wrapper).
- Semantic markup picks the region to search, checked against the
  page-wide density choice: [itemprop=articleBody] (taken as it is), else
  the <article> with most paragraph text, else <main> or [role=main].
  Teaser <article> cards thus lose to an unmarked article body.
- Inside the region the best-scoring element is the body: step down while
  one child holds all its paragraph text, climb out of pure wrappers, take
  in the siblings readability would append (a lead, a body cut into chunks
  between ads), and the <h1> just above (with at most 400 characters
  between). A body under 250 characters is tried once more with the best
  scorer that holds more; failing that, the page is all prose.
- Holes: template inside the span (nested <article>, <aside>, <nav>,
  <form>, <footer>, comment and share boxes by class or id) is left out.

On the article pages newspaper4k's tests ship (bench/acc_pages.py), the
blocks kept hold the gold article text (recall 1.00) at precision 0.86,
against 0.42 for the whole page. Known misses: a rail of ordinary
paragraphs inside <main> is taken in; comments whose markup does not say
so are article; of several full <article>s the largest wins.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .elements import Element, Tree

MIN_ARTICLE_CHARS = 250
MIN_PARAGRAPH_CHARS = 25

# Content that is never prose of the page.
_NOT_TEXT = frozenset("script style noscript template svg math head title textarea select button iframe object canvas".split())
_PARAGRAPH = frozenset("p pre td".split())
_DIVLIKE = frozenset("div section center".split())
_TAG_BASE = {"div": 5, "pre": 3, "td": 3, "blockquote": 3, "address": -3, "ol": -3, "ul": -3, "dl": -3,
             "dd": -3, "dt": -3, "li": -3, "form": -3, "h1": -5, "h2": -5, "h3": -5, "h4": -5, "h5": -5,
             "h6": -5, "th": -5}
_NEGATIVE = re.compile(r"combx|comment|com-|contact|foot|footer|footnote|masthead|media|meta|outbrain|promo|"
                       r"related|scroll|shoutbox|sidebar|sponsor|shopping|tags|tool|widget", re.I)
_POSITIVE = re.compile(r"article|body|content|entry|hentry|main|page|pagination|post|text|blog|story", re.I)
_UNLIKELY = re.compile(r"combx|comment|community|disqus|extra|foot|header|menu|remark|rss|shoutbox|sidebar|"
                       r"sponsor|ad-break|agegate|pagination|pager|popup|tweet|twitter", re.I)
_MAYBE = re.compile(r"and|article|body|column|main|shadow", re.I)
_WHOLE_PAGE = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]", re.I)


class Scope(NamedTuple):
    start: int  # the article's first start tag (its <h1>'s, when one sits above the body)
    end: int  # past its last end tag, or where it was closed by implication
    reason: str  # "articleBody", "article", "main" or "density": what decided
    holes: tuple[tuple[int, int], ...] = ()  # template inside the span


def is_page(source: str) -> bool:
    return _WHOLE_PAGE.search(source) is not None


def _class_verdicts(elements: list[Element]) -> None:
    """readability's class weight (content +25, chrome -25, for class and id
    each) and whether it is an "unlikely candidate"."""
    seen: dict[tuple[str, str], tuple[int, bool]] = {}
    for e in elements:
        if not (e.cls or e.ident):
            continue
        key = (e.cls, e.ident)
        verdict = seen.get(key)
        if verdict is None:
            weight = sum(-25 * bool(_NEGATIVE.search(s)) + 25 * bool(_POSITIVE.search(s)) for s in key if s)
            both = f"{e.cls} {e.ident}"
            verdict = seen[key] = (weight, bool(_UNLIKELY.search(both)) and not _MAYBE.search(both))
        e.weight = verdict[0]
        e.unlikely = verdict[1] and e.tag not in ("html", "body", "article", "main")


def _is_paragraph(node: Element) -> bool:
    return node.tag in _PARAGRAPH or (node.tag in _DIVLIKE and not node.has_block)


def _is_list_text(node: Element) -> bool:
    """A list item of prose (not of links): counted as paragraph text, never scored."""
    return node.tag in ("li", "dd") and not node.has_block and node.links <= 0.3 * node.total


def _paragraph_text(nodes: list[Element], skip: set[int]) -> None:
    """node.para: the text in paragraphs (and prose list items) inside node, leaving out `skip`."""
    for node in nodes:
        node.para = 0
        if id(node) in skip or node.tag in _NOT_TEXT:
            continue
        if _is_paragraph(node) or _is_list_text(node):
            node.para = node.total if node.links <= 0.5 * node.total else 0  # a cell or line of links is no prose
        elif node.tag in _DIVLIKE:
            node.para = node.own  # <br> lines straight inside a container
    for node in reversed(nodes):
        p = node.parent
        if p is not None and not (_is_paragraph(p) or _is_list_text(p)):
            p.para += node.para


def _score(nodes: list[Element], root: Element) -> None:
    # Children come after their parents in `nodes`: walk backwards to sum upwards.
    for node in reversed(nodes):
        node.total += node.own
        p = node.parent
        if p is not None:
            p.total += node.total
            p.links += node.links
            p.commas += node.commas
    # "Unlikely candidates" (class/id says comment, sidebar, menu...) do not
    # score, unless one holds half the page's paragraph text: then it is a
    # page wrapper with a layout class ("has-sidebar", "st_menu_under").
    _paragraph_text(nodes, set())
    root.para = sum(n.para for n in root.children)
    unlikely: set[int] = set()
    for node in nodes:
        if (node.parent is not None and id(node.parent) in unlikely) or (
                node.unlikely and node.para < 0.5 * root.para):
            unlikely.add(id(node))
    _paragraph_text(nodes, unlikely)
    root.para = sum(n.para for n in root.children)

    def give(target: Element, amount: float) -> None:
        if target is None or target.tag == "#root":
            return
        if not target.scored:
            target.scored = True
            target.score = target.weight + _TAG_BASE.get(target.tag, 0)
        target.score += amount

    for node in nodes:
        if id(node) in unlikely or node.tag in _NOT_TEXT:
            continue
        if _is_paragraph(node):
            text = node.total
            if text >= MIN_PARAGRAPH_CHARS:
                cs = 1 + node.commas + min(text / 100, 3)
                give(node.parent, cs)
                give(node.parent.parent if node.parent else None, cs / 2)
        elif node.tag in _DIVLIKE and node.own >= MIN_PARAGRAPH_CHARS:
            # Text straight inside a container beside block children (<br> lines):
            # readability wraps it in a <p> of its own, child of this container.
            cs = 1 + min(node.own / 100, 3)
            give(node, cs)
            give(node.parent, cs / 2)


def _final(node: Element) -> float:
    return node.score * (1 - node.links / node.total) if node.total else node.score


def _density_choice(nodes: list[Element], region: Element | None = None) -> Element | None:
    """readability's top candidate, among the nodes inside `region` when given."""
    best, best_score = None, 0.0
    for node in nodes:
        if node.scored is True and (region is None or region.contains(node)):
            s = _final(node)
            if s > best_score:
                best, best_score = node, s
    return best


def _significant(node: Element) -> bool:
    return node.tag not in _NOT_TEXT and node.total >= MIN_PARAGRAPH_CHARS


def _narrow(best: Element) -> Element:
    """Step down while one child holds all the paragraph text (its siblings hold
    no paragraph of 25+ characters) and the siblings do hold some text: a <tr>
    of a layout table whose other cell is the menu, a wrapper around body + rail of links."""
    while best.children:
        top = max(best.children, key=lambda c: c.para)
        if top.para == 0 or best.para - top.para >= MIN_PARAGRAPH_CHARS or best.total - top.total < MIN_PARAGRAPH_CHARS:
            return best
        best = top
    return best


_HOLE_TAGS = frozenset("aside nav form footer article".split())
_HOLE_ROLES = frozenset("complementary navigation contentinfo search".split())


def _holes(span_nodes: list[Element], article_para: int) -> tuple:
    """Template inside the article: the top-most nested <article>/<aside>/<nav>/<form>/<footer>,
    [role=complementary|navigation|...], and boxes whose class/id says comment, sidebar, share...
    (readability's "unlikely candidates") -- each holding under 30% of the article's paragraph text
    (an ASP.NET page wraps everything in one <form>), and never a headline."""
    out = []
    stack = []
    for top in span_nodes:
        stack.extend(reversed(top.children))
        while stack:
            node = stack.pop()
            if (node.tag in _HOLE_TAGS or node.role in _HOLE_ROLES or node.unlikely) and \
                    node.para <= 0.3 * article_para and not _has_h1(node):
                out.append((node.start, node.end))
                continue
            stack.extend(reversed(node.children))
    return tuple(out)


def _has_h1(node: Element) -> bool:
    stack = [node]
    while stack:
        n = stack.pop()
        if n.tag == "h1":
            return True
        stack.extend(n.children)
    return False


def _widen(best: Element, stop: Element | None) -> tuple[Element, Element, Element]:
    """Climb out of pure wrappers, then take in the neighbouring siblings that
    readability would append to the article (content split by ads, a lead, a
    second body part). Returns (first sibling, last sibling, their parent)."""
    while (best is not stop and best.parent is not None and best.parent.tag not in ("#root", "html", "body")
           and (stop is None or stop.contains(best.parent)) and best.parent.total - best.total < MIN_PARAGRAPH_CHARS):
        best = best.parent
    parent = best.parent
    if parent is None or best is stop or (stop is not None and not stop.contains(parent)):
        return best, best, best
    threshold = max(10.0, _final(best) * 0.2)

    def qualifies(sib: Element) -> bool:
        if sib.scored is True and _final(sib) >= threshold:
            return True
        paragraph = sib.tag == "p" or (sib.tag in _DIVLIKE and not sib.has_block)
        return paragraph and sib.para > 80 and sib.links < 0.25 * sib.total

    segments = _segments(best, stop, threshold)
    if segments:
        return segments[0], segments[-1], None
    kids = parent.children
    i = kids.index(best)
    first = last = i
    j = i - 1
    while j >= 0:
        if qualifies(kids[j]):
            first = j
        elif _significant(kids[j]):
            break
        j -= 1
    j = i + 1
    while j < len(kids):
        if qualifies(kids[j]):
            last = j
        elif _significant(kids[j]):
            break
        j += 1
    return kids[first], kids[last], parent


def _segments(best: Element, stop: Element | None, threshold: float) -> list[Element]:
    """Body split into parts with the same tag and class (content chunks
    between ads): the parts, in order, when there are several; else []."""
    if not best.cls:
        return []
    area = stop
    if area is None:  # no semantic region: look no further than three levels up
        area = best
        for _ in range(3):
            if area.parent is None or area.parent.tag in ("#root", "html", "body"):
                break
            area = area.parent
    found = []
    stack = [area]
    while stack:
        node = stack.pop()
        if node.tag == best.tag and node.cls == best.cls:
            if node is best or ((node.scored is True and _final(node) >= threshold) or
                                (node.para >= 80 and node.links < 0.25 * node.total)):
                found.append(node)
            continue
        stack.extend(reversed(node.children))
    return found if len(found) > 1 else []


def _headline(nodes: list[Element], region: Element, first: Element) -> Element | None:
    """The <h1> before `first`, inside `region` and within four levels of `first`
    (not the site's logo in the page header), if little text (a byline, a date) lies between."""
    near = first
    for _ in range(4):
        if near.parent is None or near.parent.tag in ("#root", "html", "body") or near is region:
            break
        near = near.parent
    h1 = None
    for node in nodes:
        if node.start >= first.start:
            break
        if node.tag == "h1" and node.total and region.contains(node) and near.contains(node):
            h1 = node
    if h1 is None:
        return None
    between = sum(n.own for n in nodes if h1.end <= n.start < first.start and n.tag not in _NOT_TEXT)
    return h1 if between <= 400 else None


def find_article(tree: Tree) -> Scope | None:
    """The article's Scope in a whole page's element tree, or None when no
    element holds an article's worth of paragraph text."""
    nodes, root = tree.elements, tree.root
    if not nodes:
        return None
    _class_verdicts(nodes)
    _score(nodes, root)
    density = _density_choice(nodes)
    tiers = (
        ("articleBody", [n for n in nodes if n.itemprop]),
        ("article", [n for n in nodes if n.tag == "article"]),
        ("main", [n for n in nodes if n.tag == "main" or n.role == "main"]),
    )
    region, reason = None, "density"
    for name, group in tiers:
        if not group:
            continue
        top = max(group, key=lambda n: n.para)
        if top.para < (MIN_PARAGRAPH_CHARS if len(group) == 1 else MIN_ARTICLE_CHARS):
            continue  # a lone container may be short (the publisher marked it); several must hold an article
        if (density is None or top.contains(density) or top.para >= 0.5 * root.para
                or (density.contains(top) and top.para >= 0.6 * density.para)):
            region, reason = top, name
            break
    if reason == "articleBody":  # the publisher marked the body itself
        first = last = parent = region
    else:
        best = _density_choice(nodes, region) if region is not None else density
        if best is None:
            best = region
        if best is None:
            return None
        first, last, parent = _widen(_narrow(best), region)
    if first is last:
        para = first.para
    elif parent is not None:
        para = sum(n.para for n in parent.children[parent.children.index(first): parent.children.index(last) + 1])
    else:  # segments
        para = sum(n.para for n in nodes if n.tag == first.tag and n.cls == first.cls and first.start <= n.start < last.end)
    if para < MIN_ARTICLE_CHARS and not (region is not None and region.contains(first) and para >= MIN_PARAGRAPH_CHARS):
        # The top scorer is a short box (a class that says "content" on a
        # teaser): retry with the best scorer that holds an article's worth.
        retry = max((n for n in nodes if n.scored and n.para >= MIN_ARTICLE_CHARS
                     and (region is None or region.contains(n))), key=_final, default=None)
        if retry is None:
            return None
        first, last, parent = _widen(_narrow(retry), region)
    start = first.start
    h1 = _headline(nodes, region or root, first)
    if h1 is not None:
        start = h1.start
    lo, hi = first.start, last.end
    span_nodes = [n for n in nodes if lo <= n.start and n.end <= hi
                  and not (n.parent is not None and lo <= n.parent.start and n.parent.end <= hi)]
    return Scope(start, last.end, reason, _holes(span_nodes, para))
