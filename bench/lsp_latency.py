"""Latency of `copydesk server`: time from a didChange to its diagnostics.

    python bench/lsp_latency.py              # 60 changes per format
    python bench/lsp_latency.py --changes 200
    python bench/lsp_latency.py --burst 5    # a 5 MB document, ten changes at once

A real LSP client (pygls's) starts `copydesk server` (the console script
beside this interpreter) over stdio, opens a 2,000-word article (clean BBC
articles from $COPYDESK_CORPORA or ../shared/corpora, joined until they
reach 2,000 words) as plain text, Markdown and HTML, then types into it:
each change inserts or deletes a word in the middle of a paragraph (an
incremental change, as editors send them) and waits for the
publishDiagnostics of that version. "open" is the first lint (didOpen to
its diagnostics, in a fresh server: rules load and patterns compile);
median, 95th percentile and max are over the changes. "in process" is
Linter.check on the same text, the part of the time that is copydesk's
own. The "damaged" row doubles every 40th word of the text (about 50
findings to convert and send). The target: at most 50 ms after the first.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from common import clean_articles, corpora_dir  # noqa: E402
from lsprotocol import types  # noqa: E402
from pygls.lsp.client import LanguageClient  # noqa: E402

from lint.run.linter import Linter  # noqa: E402

EXE = Path(sys.executable).parent / "copydesk"
WORDS = 2000


def article() -> list[str]:
    """Paragraphs of distinct clean articles, about WORDS words in all."""
    paragraphs, words = [], 0
    for text in clean_articles(corpora_dir()).values():
        for para in (p.strip() for p in text.split("\n\n")):
            if para and words < WORDS:
                paragraphs.append(" ".join(para.split()))
                words += len(para.split())
    return paragraphs


def render(paragraphs: list[str], fmt: str) -> str:
    if fmt == "markdown":
        return f"# {paragraphs[0]}\n\n" + "".join(f"{p}\n\n" for p in paragraphs[1:])
    if fmt == "html":
        body = "".join(f"<p>{p}</p>\n" for p in paragraphs[1:])
        return f"<!doctype html>\n<html><body><article>\n<h1>{paragraphs[0]}</h1>\n{body}</article></body></html>\n"
    return "".join(f"{p}\n\n" for p in paragraphs)


def position(text: str, offset: int) -> types.Position:
    head = text[:offset]
    line = head.count("\n")
    last = head[head.rfind("\n") + 1:]
    return types.Position(line=line, character=len(last.encode("utf-16-le")) // 2)


async def measure(fmt: str, text: str, changes: int, seed: int = 1) -> tuple[float, list[float], int]:
    """(seconds to the first diagnostics, seconds for each change, findings)."""
    client = LanguageClient("lsp-latency", "1")
    published: dict[int, float] = {}
    arrived = asyncio.Event()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_publish(params: types.PublishDiagnosticsParams):
        published[params.version] = time.perf_counter()
        arrived.set()

    async def until(version: int) -> float:
        while version not in published:
            arrived.clear()
            await asyncio.wait_for(arrived.wait(), 60)
        return published[version]

    await client.start_io(str(EXE), "server")
    await client.initialize_async(types.InitializeParams(process_id=os.getpid(),
                                                         capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    uri = Path(f"/tmp/copydesk-bench/article.{ {'text': 'txt', 'markdown': 'md', 'html': 'html'}[fmt] }").as_uri()
    language = {"text": "plaintext"}.get(fmt, fmt)
    opened = time.perf_counter()
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id=language, version=1, text=text)))
    first = await until(1) - opened
    rng = random.Random(seed)
    times, inserted = [], None
    for version in range(2, changes + 3):
        if inserted is None:  # type a word in the middle of a paragraph
            at = text.index(" ", rng.randrange(len(text) // 10, len(text) * 9 // 10)) + 1
            new, start, end = "little ", position(text, at), position(text, at)
            text, inserted = text[:at] + new + text[at:], at
        else:  # and delete it again
            at = inserted
            new, start, end = "", position(text, at), position(text, at + len("little "))
            text, inserted = text[:at] + text[at + len("little "):], None
        sent = time.perf_counter()
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(start=start, end=end), text=new)]))
        times.append(await until(version) - sent)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    findings = len(Linter({}).check(text, uri[len("file://"):], fmt))
    return first, times, findings


async def burst(text: str, changes: int) -> tuple[float, float, int]:
    """Open `text` (plain text), then send `changes` changes back to back,
    as a fast typist does: (seconds to the first diagnostics, seconds from
    the first change sent to the diagnostics of the last, publishes for
    the changes)."""
    client = LanguageClient("lsp-burst", "1")
    published: dict[int, float] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_publish(params: types.PublishDiagnosticsParams):
        published[params.version] = time.perf_counter()

    async def until(version: int) -> float:
        while version not in published:
            await asyncio.sleep(0.002)
        return published[version]

    await client.start_io(str(EXE), "server")
    await client.initialize_async(types.InitializeParams(process_id=os.getpid(),
                                                         capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    uri = Path("/tmp/copydesk-bench/long.txt").as_uri()
    opened = time.perf_counter()
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri, language_id="plaintext", version=1, text=text)))
    first = await until(1) - opened
    sent = time.perf_counter()
    start = types.Position(line=0, character=0)
    for version in range(2, changes + 2):
        client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangePartial(
                range=types.Range(start=start, end=start), text="a")]))
    last = await until(changes + 1) - sent
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return first, last, len(published) - 1


def in_process(text: str, fmt: str, runs: int = 20) -> float:
    linter = Linter({})
    linter.check(text, "<bench>", fmt)
    samples = []
    for i in range(runs):
        variant = text.replace(" the ", " a ", i + 1)
        start = time.perf_counter()
        linter.check(variant, "<bench>", fmt)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=60)
    parser.add_argument("--burst", type=float, metavar="MB",
                        help="instead: a document of MB megabytes, and ten changes sent back to back")
    args = parser.parse_args()
    if args.burst:
        paragraphs = article()
        text = render(paragraphs, "text")
        text = text * max(1, round(args.burst * 1e6 / len(text.encode())))
        first, last, publishes = asyncio.run(burst(text, 10))
        print(f"{len(text.encode()) / 1e6:.1f} MB of plain text: open {first:.2f} s; ten changes sent back to back: "
              f"the last one's diagnostics after {last:.2f} s, {publishes} publishes for the ten")
        return
    paragraphs = article()
    print(f"article: {sum(len(p.split()) for p in paragraphs)} words, {len(paragraphs)} paragraphs; "
          f"{args.changes} changes per format after the first\n")
    print("| format | open | median | 95th percentile | max | in process (median) | findings |")
    print("|---|---|---|---|---|---|---|")
    damaged = [" ".join(w + (f" {w}" if i % 40 == 39 else "") for i, w in enumerate(p.split())) for p in paragraphs]
    for label, fmt, text in (("text", "text", render(paragraphs, "text")),
                             ("markdown", "markdown", render(paragraphs, "markdown")),
                             ("html", "html", render(paragraphs, "html")),
                             ("text, damaged", "text", render(damaged, "text"))):
        first, times, findings = asyncio.run(measure(fmt, text, args.changes))
        p95 = statistics.quantiles(times, n=20)[-1]
        ms = lambda s: f"{s * 1000:.1f} ms"  # noqa: E731
        print(f"| {label} | {ms(first)} | {ms(statistics.median(times))} | {ms(p95)} | {ms(max(times))} | "
              f"{ms(in_process(text, fmt))} | {findings} |")


if __name__ == "__main__":
    main()
