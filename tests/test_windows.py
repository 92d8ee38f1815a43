"""A long plain text is linted window by window, serially or in a pool, read
whole or as it streams from its file: the findings are those of the text
linted whole, at the same offsets and positions, whatever the layout (blank
lines, one paragraph a line, hard-wrapped lines)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from conftest import CORPORA

from lint.core import engine
from lint.core.lines import LineIndex
from lint.formats import load
from lint.formats.layout import line_blocks
from lint.run.linter import Linter
from lint.run.runner import Job, run_jobs
from lint.windows import archive
from lint.windows import segments as seg

# Rules that read beyond any window: their findings in a long text depend on
# the whole text, and they do not gather and settle (archive.py) yet.
#   DUP004 repeated paragraph: any earlier paragraph of the text
#   DUP003 repeated sentence: its gate (_may_repeat) is passed or failed by the whole text
#   PUNC005 mixed quote styles: the whole text's majority
#   PUNC002, PUNC003: the fix's dash or apostrophe is the whole text's
#   NEG004 role reversal: the whole text's evidence of who acts
#   PL: proselint pairs quotation marks across the whole text
WHOLE_TEXT = ("DUP004", "DUP003", "PUNC005", "PUNC002", "PUNC003", "NEG004", "PL")


@pytest.fixture
def small(monkeypatch):
    monkeypatch.setattr(seg, "LONG", 20_000)
    monkeypatch.setattr(seg, "SEGMENT", 6_000)
    monkeypatch.setattr(seg, "CONTEXT", 1_000)


def _articles(n: int = 120) -> list[str]:
    files = sorted((CORPORA / "clean" / "bbc").glob("*.txt"))[:: max(1, 2225 // n)][:n]
    return [f.read_text(encoding="utf-8") for f in files]


def _blank(articles) -> str:
    return "\n".join(a.rstrip("\n") + "\n" for a in articles)


def _one_a_line(articles) -> str:
    return "".join(re.sub(r"\n\s*\n", "\n", a).strip() + "\n" for a in articles)


def _wrapped(articles) -> str:
    import textwrap

    paragraphs = [p for a in articles for p in a.split("\n\n") if p.strip()]
    return "\n\n".join(textwrap.fill(p, 72) for p in paragraphs) + "\n"


LAYOUTS = {"blank lines": _blank, "one paragraph a line": _one_a_line, "hard-wrapped": _wrapped}


def _key(d):
    return d.code, d.start, d.end, d.message, d.severity, d.fix


# A paragraph in German, for the articles that quote one (its language is read per paragraph).
_FOREIGN = ("Die Bundesregierung hat sich nach monatelangem Streit auf einen Haushaltsentwurf für das kommende "
            "Jahr geeinigt. Finanzminister und Kanzler stellten die Eckpunkte am Mittwochabend in Berlin vor.")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_segments_are_whole_blocks_laid_out_as_the_whole_text(layout, small):
    articles = [a.rstrip("\n") + f"\n\n{_FOREIGN}\n" if i % 10 == 3 else a for i, a in enumerate(_articles())]
    text = LAYOUTS[layout](articles)
    width = seg.width_of([text])
    assert (width is not None) == (layout == "hard-wrapped")
    pieces = [text[i : i + 7_777] for i in range(0, len(text), 7_777)]  # read in pieces, as from a file
    found = list(seg.windows(pieces, width))
    assert len(found) > 20
    assert "".join(w.text[slice(*w.core)] for w in found) == text
    blocks = []
    for w in found:
        assert text[w.start : w.start + len(w.text)] == w.text
        assert w.core[0] == 0 or w.core[0] >= 1 or w.start == 0
        blocks += [(w.start + s, w.start + e) for s, e in line_blocks(w.text, width) if w.core[0] <= s < w.core[1]]
    assert blocks == list(line_blocks(text))
    whole = load(text, "a.txt")
    docs = [seg.load_window(w, "a.txt", seg.layout_of(text)) for w in found]
    kinds = [(w.start + b.source_start, b.kind, b.prose, b.verbatim, doc.language_of(b)) for w, doc in zip(found, docs)
             for b in doc.blocks if w.core[0] <= b.source_start < w.core[1]]
    assert kinds == [(b.source_start, b.kind, b.prose, b.verbatim, whole.language_of(b)) for b in whole.blocks]
    assert [lang for *_, lang in kinds].count("de") == 12


def _compare(text: str, linter: Linter, exempt=WHOLE_TEXT):
    windowed = linter.check(text, "archive.txt")
    seg.LONG = 10**12
    whole = linter.check(text, "archive.txt")
    keep = lambda found: Counter(_key(d) for d in found if not d.code.startswith(exempt))  # noqa: E731
    return keep(windowed), keep(whole)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_findings_are_those_of_the_whole_text(layout, small):
    windowed, whole = _compare(LAYOUTS[layout](_articles(300)), Linter({}))
    assert windowed == whole
    assert sum(whole.values()) > 30 and {k[0][:3] for k in whole} >= {"STY", "DUP", "WS0"}


def test_house_style_counts_the_whole_text(small):
    """The majority is the file's: 'U.S.' in most segments loses to 'US'
    used more often in one part, and every message counts the whole text."""
    lines = [f"Story {i}: the U.S. team met officials in Rome on Monday, aides said.\n" for i in range(400)]
    lines += [f"Item {i}: the US and the US allies agreed, and US envoys left.\n" for i in range(200)]
    text = "".join(lines)
    linter = Linter({"select": ("STY001",)})
    windowed, whole = _compare(text, linter, exempt=())
    assert windowed == whole
    assert len(whole) == 400 and all("'US' (600 times)" in k[3] for k in whole)


def test_the_cap_on_findings_holds_for_the_file(small, monkeypatch):
    monkeypatch.setattr(engine, "MAX_FINDINGS", 50)
    text = "".join(f"Line {i} ends in a space. \n" for i in range(3000))
    windowed, whole = _compare(text, Linter({"select": ("WS001",)}), exempt=())
    assert windowed == whole
    assert sum(whole.values()) == 51 and any(k[3].startswith("2950 more findings of WS001") for k in whole)


def test_a_window_of_one_long_line_keeps_only_the_capped_findings(small, monkeypatch):
    """A line longer than a window is never cut: its window holds at most
    MAX_FINDINGS of each rule's findings, counts the rest, and the file's
    findings are the whole text's."""
    monkeypatch.setattr(engine, "MAX_FINDINGS", 50)
    held = []
    add = archive.Merger.add

    def counted(self, part):
        held.append(Counter(d.code for d in part.found))
        return add(self, part)

    monkeypatch.setattr(archive.Merger, "add", counted)
    text = "The the start. \n" + "word  " * 30_000 + "\n" + "Done done. \n" * 2
    windowed, whole = _compare(text, Linter({"select": ("WS", "DUP002")}), exempt=())
    assert windowed == whole
    # the start and the long line, then the last lines ("Done done." past DUP002's cap for the file)
    assert held == [{"DUP002": 50, "WS003": 50, "WS001": 2}, {"DUP002": 2, "WS001": 2}]
    assert sorted(k[3] for k in whole if "more findings" in k[3]) == [  # of 30,002 and 29,999
        "29949 more findings of WS003 in this file are not listed (the first 50 are)",
        "29952 more findings of DUP002 in this file are not listed (the first 50 are)"]


def test_a_pool_and_a_stream_give_the_same_findings_and_positions(small, tmp_path):
    text = _one_a_line(_articles(60)) + "The U.S.U.S. team left. \n" * 3
    path = tmp_path / "archive.txt"
    path.write_text(text, encoding="utf-8")
    expected = Linter({}).check(text, str(path))
    index = LineIndex(text)
    outcomes = {}
    for workers in (1, 2):
        [outcome] = run_jobs([Job(str(path), keep_text=False)], {}, workers, use_cache=False)
        outcomes[workers] = outcome
        assert [_key(d) for d in outcome.diagnostics] == [_key(d) for d in expected]
        assert all(outcome.positions[o] == index.position(o) for d in expected for o in (d.start, d.end))
    assert len(expected) > 10


def test_the_cache_answers_a_streamed_file(small, tmp_path):
    text = _blank(_articles(30)) + "A line with a space at its end. \n"
    path = tmp_path / "archive.txt"
    path.write_text(text, encoding="utf-8")
    first = list(run_jobs([Job(str(path), keep_text=False)], {}, 1, cache_root=tmp_path))[0]
    again = list(run_jobs([Job(str(path), keep_text=False)], {}, 1, cache_root=tmp_path))[0]
    [shard] = (tmp_path / ".copydesk_cache").rglob("*.jsonl")
    assert len(shard.read_text().splitlines()) == 1
    assert [_key(d) for d in again.diagnostics] == [_key(d) for d in first.diagnostics]
    assert again.positions == first.positions


def test_fixing_by_windows_gives_the_whole_text_fixed(small, monkeypatch):
    text = _one_a_line(_articles(40))
    text = text.replace(" the ", " the the ", 30).replace(".\n", ". \n", 50)
    linter = Linter({"select": ("DUP002", "WS001", "STY")})
    pieced = linter.fix(text, "archive.txt")
    monkeypatch.setattr(seg, "LONG", 10**12)
    whole = linter.fix(text, "archive.txt")
    assert pieced.text == whole.text != text
    assert sorted(map(_key, pieced.remaining)) == sorted(map(_key, whole.remaining))
    assert any(d.code.startswith("STY") for d in whole.remaining)


def test_fixing_a_long_line_by_windows_is_capped_as_the_whole_text(small, monkeypatch, tmp_path):
    """A line longer than a window is fixed as a whole text is, at most
    MAX_FINDINGS fixes of a rule a pass, in memory and as the command
    fixes a file as it reads it: bounded, and the same text and findings
    (a window's fixes were all made at once, each held)."""
    monkeypatch.setattr(engine, "MAX_FINDINGS", 50)
    text = "The the start. \n" + "word  " * 5000 + "\n"
    linter = Linter({"select": ("WS", "DUP002")})
    pieced = linter.fix(text, "archive.txt")
    path = tmp_path / "archive.txt"
    path.write_text(text, encoding="utf-8")
    [streamed] = run_jobs([Job(str(path), fix=True, keep_text=False)], linter.overrides, 1, use_cache=False)
    monkeypatch.setattr(seg, "LONG", 10**12)
    whole = linter.fix(text, "archive.txt")
    assert pieced.text == whole.text == path.read_text(encoding="utf-8")
    assert len(pieced.applied) == len(whole.applied) == len(streamed.fixed) == 715
    assert sorted(map(_key, pieced.remaining)) == sorted(map(_key, whole.remaining))
    assert sorted(map(_key, streamed.diagnostics)) == sorted(map(_key, whole.remaining))
    assert sorted(d.message for d in whole.remaining if "more findings" in d.message) == [
        "4449 more findings of WS003 in this file are not listed (the first 50 are)",
        "4700 more findings of DUP002 in this file are not listed (the first 50 are)"]
    assert pieced.unstable == whole.unstable == "fixes still changing the text after 10 passes"


def test_a_long_file_is_fixed_as_it_is_read(small, tmp_path):
    """fix writes the file segment by segment, in a pool or not: the same
    text as fixed whole, the findings left at the same places."""
    text = _one_a_line(_articles(60)).replace(" the ", " the the ", 20).replace(".\n", ". \n", 40)
    expected = Linter({}).fix(text, "archive.txt")
    index = LineIndex(expected.text)
    for workers in (1, 2):
        path = tmp_path / f"archive{workers}.txt"
        path.write_text(text, encoding="utf-8")
        [outcome] = run_jobs([Job(str(path), fix=True, keep_text=False)], {}, workers, use_cache=False)
        assert outcome.error is None and path.read_text(encoding="utf-8") == expected.text
        assert [_key(d) for d in outcome.diagnostics] == [_key(d) for d in expected.remaining]
        assert all(outcome.positions[o] == index.position(o) for d in expected.remaining for o in (d.start, d.end))
        assert len(outcome.fixed) == len(expected.applied) > 20
    assert [p.name for p in tmp_path.iterdir()] == ["archive1.txt", "archive2.txt"]  # no temporary file left


def test_a_long_file_with_nothing_to_fix_is_not_rewritten(small, tmp_path):
    path = tmp_path / "archive.txt"
    path.write_text(_one_a_line(_articles(60)), encoding="utf-8")
    before = path.stat()
    [outcome] = run_jobs([Job(str(path), fix=True, keep_text=False)], {"select": ("DUP001",)}, 1, use_cache=False)
    assert outcome.error is None and not outcome.fixed
    assert path.stat().st_ino == before.st_ino and path.stat().st_mtime_ns == before.st_mtime_ns
    assert [p.name for p in tmp_path.iterdir()] == ["archive.txt"]


def test_a_long_read_only_file_is_refused_by_name(small, tmp_path):
    path = tmp_path / "archive.txt"
    path.write_text(_one_a_line(_articles(60)).replace(" the ", " the the ", 5), encoding="utf-8")
    path.chmod(0o444)
    [outcome] = run_jobs([Job(str(path), fix=True, keep_text=False)], {}, 1, use_cache=False)
    assert outcome.error == "read-only file, not fixed"
