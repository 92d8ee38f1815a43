"""Whole web pages: only the article is prose, the template around it is
neither reported nor edited, and a fix removes whole elements."""

from __future__ import annotations

import json
import random
import re

import pytest
from conftest import CORPORA, run_cli

from lint.api import check_text, fix_text
from lint.formats import load
from lint.run.config import Settings


def P(n: int, word: str = "Body") -> str:
    return "".join(f"<p>{word} sentence {i}, with enough words to count as a real paragraph of prose "
                   f"for scoring purposes, here.</p>\n" for i in range(n))


NAV = "<nav><ul>" + "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(8)) + "</ul></nav>"
FOOT = "<footer><p>Copyright 2024 Example News. All rights reserved. Terms of use, privacy policy.</p></footer>"


def page(body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>t</title></head><body>{NAV}{body}{FOOT}</body></html>"


def teaser(i: int) -> str:
    return (f'<article class="teaser"><h3><a href="/t{i}">Teaser headline {i}</a></h3><p>Teaser summary {i}, '
            f"a short standfirst that sells the story to readers, two lines long.</p></article>")


def comment(i: int, tag: str = "div") -> str:
    return f"<{tag} class=\"c\"><p>Reader {i} says: I really disagree with this, the author forgot many things, sadly.</p></{tag}>"


WORDS = re.compile(r"\b(Body|Sidebar|Reader|Teaser|Lead|Line|Paragraph|Headline|Copyright|Section|Chunk\d)\b")


def kept_words(src: str, scope: str = "article") -> set[str]:
    return {w for b in load(src, "p.html", settings=Settings(html_scope=scope)).blocks for w in WORDS.findall(b.text)}


def test_a_fragment_is_all_prose():
    assert kept_words("<h1>Headline</h1>" + P(5) + NAV) == {"Headline", "Body", "Section"}


def test_a_page_without_an_article_is_all_prose():
    assert kept_words(page("")) == {"Section", "Copyright"}


def test_the_article_element():
    assert kept_words(page("<article><h1>Headline</h1>" + P(6) + "</article>")) == {"Body", "Headline"}


def test_page_scope_keeps_everything():
    src = page("<article><h1>Headline</h1>" + P(6) + "</article>")
    assert kept_words(src, "page") == {"Body", "Headline", "Section", "Copyright"}


def test_teasers_beside_an_unmarked_article():
    src = page('<div id="story"><h1>Headline</h1><div class="body">' + P(8) + "</div></div><aside>"
               + "".join(teaser(i) for i in range(6)) + "</aside>")
    assert kept_words(src) == {"Body", "Headline"}


def test_a_body_of_br_lines_without_p():
    lines = "<br>\n".join(f"Line {i} of the story, with words and a comma, as old CMSs write it." for i in range(20))
    assert kept_words(page(f'<div id="content"><h1>Headline</h1><div class="txt">{lines}</div></div>')) == {"Headline", "Line"}


def test_br_lines_in_a_layout_table_cell():
    cell = "<br><br>".join(f"Paragraph {i}, typed straight into a table cell by an old CMS, with words." for i in range(12))
    assert kept_words(page(f'<table><tr><td class="nav">{NAV}</td><td>{cell}</td></tr></table>')) == {"Paragraph"}


def test_a_body_cut_into_chunks_between_ads():
    chunks = "".join(f'<div class="chunk"><div class="inner">{P(3, "Chunk%d" % k)}</div></div>'
                     f'<div class="ad">Advertisement</div>' for k in range(4))
    assert {"Chunk0", "Chunk3", "Headline"} <= kept_words(page(f"<article><h1>Headline</h1>{chunks}</article>"))


def test_comments_as_nested_articles_are_left_out():
    src = page("<article><h1>Headline</h1>" + P(6) + "<section>"
               + "".join(comment(i, "article") for i in range(10)) + "</section></article>")
    assert kept_words(src) == {"Body", "Headline"}


def test_a_comments_box_by_its_class_is_left_out():
    src = page("<article><h1>Headline</h1><div class=\"text\">" + P(6) + '</div><div id="comments">'
               + "".join(comment(i) for i in range(10)) + "</div></article>")
    assert kept_words(src) == {"Body", "Headline"}


def test_a_layout_wrapper_with_sidebar_in_its_class():
    src = page('<div id="page" class="layout has-sidebar st_menu_under"><div class="post"><h1>Headline</h1>'
               + P(7) + "</div></div>")
    assert kept_words(src) == {"Body", "Headline"}


def test_partial_article_body_markup_falls_back_to_the_article():
    src = page('<article><h1>Headline</h1><div itemprop="articleBody">' + P(2, "Lead") + '</div><div class="more">'
               + P(6) + "</div></article>")
    assert kept_words(src) == {"Body", "Headline", "Lead"}


def test_article_body_markup_wins():
    src = page('<div class="wrap"><h1>Headline</h1><div itemprop="articleBody">' + P(6) + "</div>"
               + '<div class="more">' + P(3, "Sidebar") + "</div></div>")
    assert kept_words(src) == {"Body"}


def test_a_short_lone_article_leaves_the_page_all_prose():
    src = page("<article><h1>Headline</h1><p>Only one short paragraph of news here.</p></article>")
    assert kept_words(src) == {"Headline", "Section", "Copyright"}


def test_a_front_page_of_teasers_keeps_little():
    assert kept_words(page("<main>" + "".join(teaser(i) for i in range(12)) + "</main>")) <= {"Teaser"}


def test_tag_soup_never_raises():
    rnd = random.Random(7)
    pieces = ["<div>", "</div>", "<p>", "</p>", "<article>", "</article>", "<main>", "<br>", "<table>", "<tr>",
              "<td>", "</td>", "<li>", "</ul>", "<a href='x'>", "</a>", "<script>", "</script>", "<!--", "-->",
              "<![CDATA[", "]]>", "&amp;", "&", "<", ">", "<h1>", "</h1>", "<svg/>", "<br/>", "</span>",
              "text, more words here and there. ", "\n", "\r\n", "<html>", "<body>", "</body>", "</html>"]
    for _ in range(300):
        src = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 120)))
        for block in load(src, "p.html").blocks:
            assert 0 <= block.source_start <= block.source_end <= len(src)


# -- fixes on a whole page ------------------------------------------------------

SEED_PAGE = page(
    "<header><p>Back to top</p></header><article><h1>Headline</h1>"
    "<p>The U.S.U.S. team won the final on Sunday, officials said, after a long season.</p>\n"
    "<p>Leave a Reply</p>\n" + P(4) + "<ul>\n<li><a href=\"/s\">Share on Facebook</a></li>\n</ul>\n"
    "<p>Read more<br>It was the first win in ten years for the club, fans said.</p></article>"
    "<div class=\"related\"><p>Read more</p><p>About Us</p></div>")


def test_fix_on_a_page_edits_only_the_article_and_empties_no_element():
    fixed = fix_text(SEED_PAGE, "html").text
    article = SEED_PAGE.index("<article>"), SEED_PAGE.index("</article>") + len("</article>")
    head, tail = SEED_PAGE[: article[0]], SEED_PAGE[article[1]:]
    assert fixed.startswith(head) and fixed.endswith(tail)
    assert fixed[len(head) : len(fixed) - len(tail)] == (
        "<article><h1>Headline</h1><p>The U.S. team won the final on Sunday, officials said, after a long season.</p>\n"
        + P(4) + "<p>It was the first win in ten years for the club, fans said.</p></article>")
    assert not re.search(r"<(\w+)[^>]*>\s*</\1>", fixed)


def test_page_scope_lints_the_template_too():
    found = {SEED_PAGE[d.start:d.end] for d in check_text(SEED_PAGE, "html", select=["BOIL"])}
    everything = {SEED_PAGE[d.start:d.end] for d in check_text(SEED_PAGE, "html", select=["BOIL"],
                                                               settings=Settings(html_scope="page"))}
    assert found == {"Leave a Reply", "Share on Facebook", "Read more"}
    assert everything - found == {"Back to top", "About Us", FOOT[len("<footer><p>"):-len("</p></footer>")]}


def test_the_cli_option_chooses_the_scope(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(SEED_PAGE, encoding="utf-8")
    article = run_cli("check", "--no-cache", "--select", "BOIL006", "--format", "json", str(path))
    whole = run_cli("check", "--no-cache", "--select", "BOIL006", "--format", "json", "--html-scope", "page", str(path))
    assert json.loads(article.stdout) == []
    assert [SEED_PAGE[r["start"]:r["end"]] for r in json.loads(whole.stdout)] == ["Back to top", "About Us"]


EMPTY = re.compile(r"<(p|li|ul|article)>\s*</\1>")


def _corpus_page(lines: list[str], labels: list[str]) -> str | None:
    """A page built from a scraped page's lines: the lines before the first
    kept line as the site's header, the article's region as <article>
    paragraphs, the rest as the footer's links."""
    keep = [i for i, label in enumerate(labels) if label == "keep"]
    if len(keep) < 3:
        return None
    esc = lambda x: x.replace("&", "&amp;").replace("<", "&lt;")  # noqa: E731
    header = "".join(f"<li><a href='#'>{esc(x)}</a></li>\n" for x in lines[: keep[0]] if x.strip())
    body = "".join(f"<p>{esc(x)}</p>\n" for x in lines[keep[0] : keep[-1] + 1] if x.strip())
    footer = "".join(f"<li><a href='#'>{esc(x)}</a></li>\n" for x in lines[keep[-1] + 1 :] if x.strip())
    return (f"<!DOCTYPE html>\n<html><body>\n<header><ul>\n{header}</ul></header>\n<main><article>\n{body}</article></main>\n"
            f"<footer><ul>\n{footer}</ul></footer>\n</body></html>\n")


def test_corpus_pages_keep_their_template_and_lose_no_element():
    """On whole pages built from the corpora's scraped pages, `fix
    --unsafe-fixes` changes nothing outside the article and leaves no
    element empty."""
    checked = 0
    with open(CORPORA / "boilerplate" / "dev.jsonl", encoding="utf-8") as handle:
        for raw in handle:
            data = json.loads(raw)
            if not data.get("line_labels"):
                continue
            src = _corpus_page(data["text"].split("\n"), data["line_labels"])
            if src is None:
                continue
            checked += 1
            fixed = fix_text(src, "html", unsafe=True).text
            head, tail = src[: src.index("<article>")], src[src.index("</article>"):]
            assert fixed.startswith(head) and fixed.endswith(tail), data["id"]
            assert len(EMPTY.findall(fixed)) == len(EMPTY.findall(src)), data["id"]
    assert checked > 300
