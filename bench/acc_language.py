"""Accuracy and speed of language detection (lint/formats/language.py).

    python bench/acc_language.py             # also: bench/accuracy.py --section language
    python bench/acc_language.py --list 40   # list up to 40 misses per language

- English: every prose paragraph of the clean articles (clean/bbc and
  clean/modern in $COPYDESK_CORPORA, else ../shared/corpora), loaded as
  `copydesk check` loads them: a paragraph is called foreign when its
  document's language is not English or the paragraph gets a `lang`.
  Every one is listed.
- Foreign: real paragraphs in German, French, Spanish, Italian, Dutch and
  Portuguese written by others, from Debian packages read where they are
  installed (a missing package is skipped with a message):

      apt-get install manpages-de manpages-fr manpages-es manpages-it \\
          manpages-nl manpages-pt-br fortunes-de fortunes-es fortunes-it fortunes-br

  The translated manual pages (roff markup stripped; option tags, code
  blocks, tables and headings left out), and the fortunes (one paragraph a
  blank-line-separated block, attributions left out). A paragraph counts
  when it has at least 12 words and its characters are mostly letters; a
  man page paragraph that is also in the English page of the same name is
  an untranslated one and is left out; a paragraph met twice counts once.
  Each paragraph is tested with is_foreign (what an English document's
  paragraphs get) and its language with classify; each source file (its
  counted paragraphs joined) is loaded as a document for doc.language.
- Speed: is_foreign and classify over the clean paragraphs and the foreign
  ones, in process, median of 5 runs, MB/s of UTF-8.
- Reference: py3langid (pip install py3langid; not a copydesk dependency),
  as it ships (97 languages) and restricted to the seven, on the same
  paragraphs, with its speed. Left out when it is not installed.
"""

from __future__ import annotations

import argparse
import gzip
import re
import statistics
import subprocess
import time
from collections import Counter
from functools import lru_cache
from pathlib import Path

from common import clean_articles, corpora_dir, short

from lint.formats import load
from lint.formats.language import classify, is_foreign, likely_english, lower_share

LANGS = {"de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "nl": "Dutch", "pt": "Portuguese"}
MANPAGES = {"de": "manpages-de", "fr": "manpages-fr", "es": "manpages-es", "it": "manpages-it",
            "nl": "manpages-nl", "pt": "manpages-pt-br"}
FORTUNES = {"de": "fortunes-de", "es": "fortunes-es", "it": "fortunes-it", "pt": "fortunes-br"}
MIN_WORDS = 12
_WORD = re.compile(r"[^\W\d_]{2,}")


# -- reading the sources ------------------------------------------------------------

def package_files(package: str) -> list[Path] | None:
    """The regular files a Debian package installed (None: not installed)."""
    try:
        out = subprocess.run(["dpkg-query", "-L", package], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        return None
    if out.returncode:
        return None
    return sorted(Path(line) for line in out.stdout.splitlines()
                  if line and Path(line).is_file() and not Path(line).is_symlink())


_CHARS = {"em": "\u2014", "en": "\u2013", "lq": "\u201c", "rq": "\u201d", "oq": "\u2018", "cq": "\u2019",
          "Fo": "\u00ab", "Fc": "\u00bb", "fo": "\u2039", "fc": "\u203a", "aq": "'", "dq": '"', "bu": "\u2022",
          "co": "\u00a9", "rg": "\u00ae", "mi": "-", "hy": "-", "ti": "~", "ha": "^", "rs": "\\", "Bq": "\u201e",
          "bq": "\u201a", "R": "\u00ae", "Tm": "\u2122", "tm": "\u2122"}
_ESCAPE = re.compile(r"""\\(?:
      f(?:\[[^\]]*\]|\(..|.)             # font
    | [*](?:\[([^\]]*)\]|\((..)|(.))       # string
    | \((..) | \[([^\]]*)\]              # named character
    | [sS][+-]?\d+ | [sS]\[[^\]]*\]      # size
    | [hvwlLbDHoSxXNRZ]'[^']*'           # motions, widths...
    | n(?:\[[^\]]*\]|\(..|.)             # number register
    | m(?:\[[^\]]*\]|\(..|.) | M(?:\[[^\]]*\]|\(..|.)
    | (.))""", re.VERBOSE)
_SIMPLE = {"-": "-", " ": " ", "~": " ", "0": " ", "e": "\\", "\\": "\\", "'": "'", "`": "`", ".": ".",
           "&": "", ",": "", "/": "", ":": "", "%": "", "|": "", "^": "", "c": "", "!": "", "\"": ""}


def _unescape(line: str) -> str:
    if '\\"' in line:
        line = line[:line.index('\\"')]

    def sub(m):
        name = m.group(1) or m.group(2) or m.group(3) or m.group(4) or m.group(5)
        if name is not None:
            return _CHARS.get(name, "")
        if m.group(6) is not None:
            return _SIMPLE.get(m.group(6), "")
        return ""
    return _ESCAPE.sub(sub, line)


def _macro_args(rest: str) -> list[str]:
    return [a[1:-1] if a.startswith('"') and a.endswith('"') and len(a) > 1 else a
            for a in re.findall(r'"[^"]*"?|\S+', rest)]


_INLINE = {"B", "I", "SM", "SB", "UR", "UE", "MT", "ME"}
_ALTERNATING = {"BR", "BI", "IB", "IR", "RB", "RI"}
_SKIP_BLOCKS = {"nf": "fi", "EX": "EE", "TS": "TE", "EQ": "EN", "de": ".", "ig": ".", "PS": "PE"}
_TAGGED = {"TP", "TQ"}


def roff_paragraphs(source: str) -> list[str]:
    """Running-text paragraphs of a man(7) page: headings, option tags,
    no-fill blocks, tables and macro definitions left out; mdoc pages give none."""
    if re.search(r"^\.Dd\b", source, re.MULTILINE):
        return []
    out, current, skip_until, tag_next = [], [], None, False

    def close():
        if current:
            out.append(" ".join(" ".join(current).split()))
            current.clear()
    for line in source.splitlines():
        if skip_until is not None:
            if line.startswith("." + skip_until) or (skip_until == "." and line.strip() == ".."):
                skip_until = None
            continue
        if line.startswith((".", "'")):
            m = re.match(r"[.'][ \t]*(\S*)\s*(.*)", line)
            name, rest = m.group(1), m.group(2)
            if name.startswith('\\"') or name == "":
                continue
            if name in _SKIP_BLOCKS:
                close()
                skip_until = _SKIP_BLOCKS[name]
            elif name in _INLINE:
                text = " ".join(_macro_args(_unescape(rest)))
                if tag_next:
                    tag_next = False
                elif text and name not in ("UR", "MT"):
                    current.append(text)
            elif name in _ALTERNATING:
                text = "".join(_macro_args(_unescape(rest)))
                if tag_next:
                    tag_next = False
                elif text:
                    current.append(text)
            else:  # PP, SH, IP, TP, sp, br, RS, ... (and anything unknown): a break
                close()
                tag_next = name in _TAGGED
            continue
        if tag_next:
            tag_next = False
            continue
        if not line.strip():
            close()
            continue
        current.append(_unescape(line))
    close()
    return out


def fortune_paragraphs(source: str) -> list[str]:
    """Blank-line-separated blocks of each fortune, attributions ("-- Name") left out."""
    out = []
    for fortune in re.split(r"^%\s*$", source, flags=re.MULTILINE):
        for block in re.split(r"\n\s*\n", fortune):
            lines = [ln for ln in block.splitlines() if not re.match(r"\s*(--|—|―)\s", ln)]
            text = " ".join(" ".join(lines).split())
            if text:
                out.append(text)
    return out


def is_prose(text: str) -> bool:
    """At least MIN_WORDS words, and mostly letters (not a command line or a table)."""
    if len(_WORD.findall(text)) < MIN_WORDS:
        return False
    visible = [c for c in text if not c.isspace()]
    return sum(c.isalpha() for c in visible) >= 0.8 * len(visible)


def _read(path: Path) -> str:
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def foreign_sources() -> tuple[dict, list[str]]:
    """{lang: {"paragraphs": [(text, "package:file")], "documents": [(name, text)], "untranslated": n}},
    and messages about missing packages."""
    data = {lang: {"paragraphs": [], "documents": [], "untranslated": 0} for lang in LANGS}
    messages, seen = [], set()
    for lang in LANGS:
        for kind, package in (("man", MANPAGES.get(lang)), ("fortune", FORTUNES.get(lang))):
            if package is None:
                continue
            files = package_files(package)
            if files is None:
                messages.append(f"{package} is not installed: skipped (apt-get install {package})")
                continue
            if kind == "man":
                files = [f for f in files if "/man/" in f.as_posix() and re.search(r"/man\d", f.as_posix())]
            else:
                files = [f for f in files if "/fortunes/" in f.as_posix() and f.suffix not in (".dat", ".u8")
                         and "/off/" not in f.as_posix()]
            for path in files:
                text = _read(path)
                if kind == "man":
                    english = _english_page(path)
                    paragraphs = roff_paragraphs(text)
                else:
                    english, paragraphs = set(), fortune_paragraphs(text)
                kept = []
                for para in paragraphs:
                    if not is_prose(para):
                        continue
                    key = _key(para)
                    if key in english:
                        data[lang]["untranslated"] += 1
                        continue
                    if key in seen:
                        continue
                    seen.add(key)
                    kept.append(para)
                    data[lang]["paragraphs"].append((para, f"{package}:{path.name}"))
                if kept:
                    data[lang]["documents"].append((f"{package}:{path.name}", "\n\n".join(kept) + "\n"))
    return data, messages


def _english_page(path: Path) -> frozenset[str]:
    """Keys of the paragraphs of the English page a translated page comes from."""
    parts = path.parts
    i = parts.index("man")
    return _paragraph_keys(Path(*parts[: i + 1], *parts[i + 2:]))


@lru_cache(maxsize=None)
def _paragraph_keys(page: Path) -> frozenset[str]:
    """Keys of an English man page's paragraphs, read once for all its translations."""
    return frozenset(_key(p) for p in roff_paragraphs(_read(page))) if page.is_file() else frozenset()


# -- measuring -------------------------------------------------------------------

REASONS = {"fast": "the/of/and/to fast path", "en": "English or no function word wins",
           "own": "under 2 words of its own", "ratio": "not 2x English + 1", "share": "under a fifth of words",
           "lower": "under 40% lower-case", "?": "other"}


def why_passed(text: str) -> str:
    """The first test of is_foreign (its default thresholds) that `text` fails."""
    if likely_english(text):
        return "fast"
    lang, hits, hits_en, n, own = classify(text)
    if lang in ("en", "und"):
        return "en"
    if own < 2:
        return "own"
    if hits < 2 * hits_en + 1:
        return "ratio"
    if hits < 0.2 * n:
        return "share"
    return "lower" if lower_share(text) < 0.4 else "?"


def english_side(corpora: Path) -> tuple[int, int, list[str], list[str]]:
    """(articles, prose paragraphs, paragraphs called foreign, the paragraph texts)."""
    articles = clean_articles(corpora)
    wrong, texts = [], []
    for name, text in articles.items():
        doc = load(text)
        prose = [b for b in doc.blocks if b.prose]
        texts += [b.text for b in prose]
        if doc.language != "en":
            wrong += [f"{name} (document read as {doc.language}): {short(b.text, 100)}" for b in prose]
        else:
            wrong += [f"{name} ({lang}): {short(b.text, 100)}" for b in prose if (lang := doc.language_of(b)) != "en"]
    return len(articles), len(texts), wrong, texts


def speed(func, texts: list[str], runs: int = 5) -> float:
    """MB/s of UTF-8 text, median of `runs`."""
    size = sum(len(t.encode("utf-8")) for t in texts)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        for t in texts:
            func(t)
        samples.append(time.perf_counter() - start)
    return size / statistics.median(samples) / 1e6


def reference():
    """{"py3langid": classify, "py3langid, seven languages": classify} or {} when not installed."""
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError:
        return {}
    full = LanguageIdentifier.from_model_file(MODEL_FILE)
    seven = LanguageIdentifier.from_model_file(MODEL_FILE)
    seven.set_languages(["en", *LANGS])
    return {"py3langid": lambda t: full.classify(t)[0],
            "py3langid, 7 languages": lambda t: seven.classify(t)[0]}


def run(corpora: Path, listed: int = 15) -> list[str]:
    """The report as Markdown lines (bench/accuracy.py --section language)."""
    out: list[str] = []
    refs = reference()
    if not refs:
        out.append("py3langid is not installed (pip install py3langid): the reference columns are left out\n")

    n_articles, n_paras, wrong, english = english_side(corpora)
    out.append("### Language: English, the clean articles\n")
    out.append(f"{n_articles} articles, {n_paras} prose paragraphs; copydesk calls {len(wrong)} foreign")
    for line in wrong:
        out.append(f"- {line}")
    for name, ref in refs.items():
        called = Counter(ref(t) for t in english)
        out.append(f"{name} calls {n_paras - called['en']} not English ({', '.join(f'{k} {v}' for k, v in called.most_common(6) if k != 'en')})")

    data, messages = foreign_sources()
    out.append("\n### Language: foreign paragraphs\n")
    for message in messages:
        out.append(f"- {message}")
    head = "| language | sources: paragraphs (foreign) | paragraphs | foreign (is_foreign) | right language | documents right |"
    rule = "|---|---|---|---|---|---|"
    for name in refs:
        head += f" {name}: right language |"
        rule += "---|"
    out.append(head)
    out.append(rule)
    misses, total = {}, Counter()
    for lang, d in data.items():
        paras = [t for t, _ in d["paragraphs"]]
        if not paras:
            out.append(f"| {LANGS[lang]} | none installed | 0 | – | – | – |" + " – |" * len(refs))
            continue
        foreign = [is_foreign(t) for t in paras]
        right = [f and classify(t)[0] == lang for t, f in zip(paras, foreign)]
        docs_right = sum(load(text).language == lang for _, text in d["documents"])
        misses[lang] = [(t, src) for (t, src), f in zip(d["paragraphs"], foreign) if not f]
        n = len(paras)
        by_source = Counter(src.split(":")[0] for _, src in d["paragraphs"])
        hit_source = Counter(src.split(":")[0] for (_, src), f in zip(d["paragraphs"], foreign) if f)
        sources = ", ".join(f"{k} {v} ({100 * hit_source[k] / v:.1f}%)" for k, v in by_source.items())
        total.update(n=n, foreign=sum(foreign), right=sum(right), docs=len(d["documents"]), docs_right=docs_right)
        row = (f"| {LANGS[lang]} | {sources} | {n} | {sum(foreign)} ({100 * sum(foreign) / n:.1f}%) | "
               f"{sum(right)} ({100 * sum(right) / n:.1f}%) | {docs_right} / {len(d['documents'])} |")
        for name, ref in refs.items():
            hits = sum(ref(t) == lang for t in paras)
            total[name] += hits
            row += f" {hits} ({100 * hits / n:.1f}%) |"
        out.append(row)
    if total["n"]:
        row = (f"| all | | {total['n']} | {total['foreign']} ({100 * total['foreign'] / total['n']:.1f}%) | "
               f"{total['right']} ({100 * total['right'] / total['n']:.1f}%) | {total['docs_right']} / {total['docs']} |")
        for name in refs:
            row += f" {total[name]} ({100 * total[name] / total['n']:.1f}%) |"
        out.append(row)
    untranslated = sum(d["untranslated"] for d in data.values())
    out.append(f"\nman page paragraphs left out as identical to the English page (untranslated): {untranslated}")

    out.append("\n### Language: foreign paragraphs is_foreign passes as English\n")
    out.append("Why each was passed (the first test of is_foreign it fails); \"py3langid: en\" counts the ones "
               "the reference reads as English too (untranslated text left in a translated page, mostly)\n")
    out.append("| language | missed | py3langid: en | " + " | ".join(REASONS.values()) + " |")
    out.append("|---|---|---|" + "---|" * len(REASONS))
    ref = refs.get("py3langid, 7 languages")
    for lang, items in misses.items():
        reasons = Counter(why_passed(t) for t, _ in items)
        both = sum(ref(t) == "en" for t, _ in items) if ref else "–"
        out.append(f"| {LANGS[lang]} | {len(items)} | {both} | " + " | ".join(str(reasons[r]) for r in REASONS) + " |")
    for lang, items in misses.items():
        shown = [(t, src) for t, src in items if not ref or ref(t) == lang][:listed]
        if shown:
            out.append(f"\n{LANGS[lang]}, misses" + (" py3langid gets right" if ref else "") + f" (first {len(shown)}):")
        for text, src in shown:
            out.append(f"- {src} [{REASONS[why_passed(text)]}]: {short(text, 160)}")

    out.append("\n### Language: speed (in process, median of 5 runs; py3langid 3)\n")
    foreign_texts = [t for d in data.values() for t, _ in d["paragraphs"]]
    out.append("| detector | clean paragraphs | foreign paragraphs |")
    out.append("|---|---|---|")
    mb = lambda texts: f"{sum(len(t.encode('utf-8')) for t in texts) / 1e6:.1f} MB"
    out.append(f"| (text) | {len(english)} paragraphs, {mb(english)} | {len(foreign_texts)} paragraphs, {mb(foreign_texts)} |")
    rows = [("copydesk is_foreign", is_foreign), ("copydesk classify", classify)] + list(refs.items())
    for name, func in rows:
        runs = 5 if name.startswith("copydesk") else 3
        cells = [f"{speed(func, texts, runs):.1f} MB/s" if texts else "–" for texts in (english, foreign_texts)]
        out.append(f"| {name} | {cells[0]} | {cells[1]} |")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", type=int, default=15, help="misses listed per language (default 15)")
    args = parser.parse_args()
    for line in run(corpora_dir(), args.list):
        print(line)


if __name__ == "__main__":
    main()
