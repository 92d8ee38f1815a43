"""Whole saved web pages: does copydesk keep to the article, and do its
fixes leave the template alone?

The pages are the saved article pages newspaper4k 0.9.6 (MIT) ships as
test data, with the article text its tests expect. They are publishers'
articles, so they are not part of this repository: the script downloads
the sdist from PyPI once into bench/.pages/ (needs network to PyPI).

For each page with gold text, the article text is the text of the blocks
copydesk lints, with html-scope "article" and with "page"; precision and
recall are over character bigrams of letters and digits (so they work for
every script). For every page, `fix --unsafe-fixes` must change nothing
outside the article and leave no element empty that was not.

    python bench/acc_pages.py
"""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
from collections import Counter
from pathlib import Path

from common import CHECKOUT

from lint.api import fix_text
from lint.formats import load
from lint.formats.html import article_span
from lint.run.config import Settings

SDIST = "newspaper4k==0.9.6"
HERE = Path(__file__).resolve().parent / ".pages"
EMPTY = re.compile(r"<(p|li|ul|ol|h[1-6]|figcaption|blockquote)(?:\s[^>]*)?>\s*</\1>", re.I)


def pages() -> list[Path]:
    folder = HERE / "newspaper4k"
    if not folder.is_dir():
        HERE.mkdir(exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-binary", ":all:", "--no-deps", "-q",
                        "-d", str(HERE), SDIST], check=True)
        (archive,) = HERE.glob("newspaper4k-*.tar.gz")
        folder.mkdir()
        with tarfile.open(archive) as tar:
            for member in tar.getmembers():
                if "/tests/data/html/" in member.name or "/tests/data/txt/" in member.name:
                    member.name = Path(member.name).name
                    tar.extract(member, folder)
    return sorted(folder.glob("*.html"))


def decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        m = re.search(rb"""charset=["']?([\w-]+)""", raw[:20000])
        try:
            return raw.decode(m.group(1).decode() if m else "cp1252", "replace")
        except LookupError:
            return raw.decode("cp1252", "replace")


def bigrams(text: str) -> Counter:
    s = "".join(ch for ch in text.lower() if ch.isalnum())
    return Counter(s[i : i + 2] for i in range(len(s) - 1))


def precision_recall(text: str, gold: str) -> tuple[float, float]:
    a, g = bigrams(text), bigrams(gold)
    common = sum((a & g).values())
    return common / max(sum(a.values()), 1), common / max(sum(g.values()), 1)


def run() -> list[str]:
    rows, scores, template_edits, emptied = [], {"page": [], "article": []}, [], []
    for path in pages():
        src = decode(path.read_bytes())
        gold_path = path.with_suffix(".txt")
        if gold_path.exists():
            gold = gold_path.read_text(encoding="utf-8")
            row = [path.name]
            for scope in ("page", "article"):
                text = "\n".join(b.text for b in load(src, path.name, "html", Settings(html_scope=scope)).blocks)
                p, r = precision_recall(text, gold)
                scores[scope].append((p, r))
                row.append(f"{p:.2f} / {r:.2f}")
            rows.append(row)
        fixed = fix_text(src, "html", unsafe=True, path=path.name).text
        article = article_span(src)
        if article is not None and not (fixed.startswith(src[: article[0]]) and fixed.endswith(src[article[1]:])):
            template_edits.append(path.name)
        if len(EMPTY.findall(fixed)) > len(EMPTY.findall(src)):
            emptied.append(path.name)
    out = ["### Whole web pages (newspaper4k's saved article pages)", "",
           f"{len(rows)} pages with gold article text; precision / recall of the linted text over character bigrams.", "",
           "| page | html-scope page | html-scope article |", "|---|---|---|"]
    out += [f"| {' | '.join(row)} |" for row in rows]
    for scope, pairs in scores.items():
        if pairs:
            p = sum(x for x, _ in pairs) / len(pairs)
            r = sum(y for _, y in pairs) / len(pairs)
            out.append(f"| **mean, {scope}** | | {p:.2f} / {r:.2f} |" if scope == "article" else f"| **mean, {scope}** | {p:.2f} / {r:.2f} | |")
    out += ["", f"`fix --unsafe-fixes` on all {len(pages())} pages: pages with an edit outside the article: "
                f"{len(template_edits)} {template_edits or ''}; pages with an element emptied: {len(emptied)} {emptied or ''}."]
    return out


if __name__ == "__main__":
    print(f"(pages from {SDIST}, kept in {HERE.relative_to(CHECKOUT)})")
    print("\n".join(run()))
