"""Reading a Word file: copydesk's reader against python-docx and docx2python.

    python bench/docx_readers.py             # 7 runs of each reader
    python bench/docx_readers.py --runs 15

Three documents are built with python-docx from the clean BBC articles in
$COPYDESK_CORPORA (or ../shared/corpora): an article of about 2,000 words
(articles joined, a heading, every third paragraph with a bold lead-in and
an italic phrase, as copy pasted from a CMS has), one of 100 articles (each
a heading and its paragraphs, the same runs) and one of 400 (about 130,000
words, a book's length). Each reader goes from the file's path to the list
of its paragraph texts:

- copydesk: lint.formats.docx.read (zipfile and lxml), what `copydesk check`
  and `fix` use; it reads the body, headers, footers and notes.
- python-docx: [p.text for p in Document(path).paragraphs] (body only).
- docx2python: docx2python(path).body flattened (pip install docx2python).

Times are medians over --runs runs, in process (CPU-bound: the figures move
with the machine's load). The paragraph texts of the three must be equal.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import docx
from common import clean_articles, corpora_dir

from lint.formats import docx as copydesk_docx

try:
    from docx2python import docx2python
except ImportError:  # optional: pip install docx2python
    docx2python = None


def _articles(n: int) -> list[list[str]]:
    """The first n clean BBC articles, each as [headline, paragraph, ...]."""
    out = []
    for name, text in clean_articles(corpora_dir()).items():
        if name.startswith("bbc/") and len(out) < n:
            out.append([" ".join(p.split()) for p in text.strip().split("\n\n") if p.strip()])
    return out


def _write(path: Path, articles: list[list[str]], words: int | None = None) -> tuple[int, int]:
    """A .docx of the articles (stopping at `words` words if given): (words, paragraphs)."""
    document = docx.Document()
    n_words = n_paras = 0
    for article in articles:
        if words is not None and n_words >= words:
            break
        document.add_heading(article[0], level=1)
        n_words, n_paras = n_words + len(article[0].split()), n_paras + 1
        for i, para in enumerate(article[1:]):
            if words is not None and n_words >= words:
                break
            p = document.add_paragraph()
            tokens = para.split(" ")
            if i % 3 == 0 and len(tokens) > 12:   # bold lead-in, italic phrase, plain rest
                p.add_run(" ".join(tokens[:3]) + " ").bold = True
                p.add_run(" ".join(tokens[3:7]) + " ")
                p.add_run(" ".join(tokens[7:10]) + " ").italic = True
                p.add_run(" ".join(tokens[10:]))
            else:
                p.add_run(para)
            n_words, n_paras = n_words + len(tokens), n_paras + 1
    document.save(path)
    return n_words, n_paras


def read_copydesk(path: Path) -> list[str]:
    return [p.text for p in copydesk_docx.read(path)]


def read_python_docx(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def read_docx2python(path: Path) -> list[str]:
    with docx2python(path) as content:
        return [par for table in content.body for row in table for cell in row for par in cell]


def _median_ms(read, path: Path, runs: int) -> tuple[float, list[str]]:
    texts = read(path)  # warm: imports, caches
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        read(path)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000, texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    readers = [("copydesk (lxml)", read_copydesk), ("python-docx", read_python_docx)]
    if docx2python is None:
        print("docx2python is not installed (pip install docx2python): its column is left out\n")
    else:
        readers.append(("docx2python", read_docx2python))
    articles = _articles(400)
    with tempfile.TemporaryDirectory() as tmp:
        docs = []
        for label, name, n, words in (("article", "article.docx", 400, 2000), ("100 articles", "100.docx", 100, None),
                                      ("400 articles", "400.docx", 400, None)):
            path = Path(tmp) / name
            n_words, n_paras = _write(path, articles[:n], words)
            docs.append((label, path, n_words, n_paras))
        print(f"median of {args.runs} runs, path to paragraph texts\n")
        print("| document | words | paragraphs | size | " + " | ".join(r for r, _ in readers) + " | same texts |")
        print("|---|---|---|---|" + "---|" * len(readers) + "---|")
        for label, path, n_words, n_paras in docs:
            cells, texts = [], []
            for _, read in readers:
                ms, got = _median_ms(read, path, args.runs)
                cells.append(f"{ms:.1f} ms")
                texts.append(got)
            same = all(t == texts[0] for t in texts) and len(texts[0]) == n_paras
            print(f"| {label} | {n_words:,} | {n_paras:,} | {path.stat().st_size // 1024} KB | "
                  + " | ".join(cells) + f" | {'yes' if same else 'NO'} |")
            for (name, _), got in zip(readers, texts):
                if got != texts[0]:
                    diff = next((i for i, (a, b) in enumerate(zip(got, texts[0])) if a != b), min(len(got), len(texts[0])))
                    print(f"  {name} differs from copydesk at paragraph {diff} ({len(got)} vs {len(texts[0])} paragraphs)")


if __name__ == "__main__":
    main()
