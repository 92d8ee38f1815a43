"""The Linter: settings, rule selection and format for a path, then lint or fix."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

from ..core.engine import RuleError, lint, lint_many
from ..core.fix import FixResult, fix_text
from ..core.model import Diagnostic
from ..core.rule import Rule
from ..formats import format_for, load
from ..formats.lines import kinds_after
from ..windows.segments import is_segmented, layout_of, windows
from . import config
from .config import Settings
from .registry import Registry, default_registry, with_packs
from .selection import Selection

# Texts (or segments of one) linted together, rule by rule, up to this many
# characters: a batch of articles fits the processor's caches.
BATCH_CHARS = 1 << 18
T = TypeVar("T")


def in_batches(items: Iterable[T], size: Callable[[T], int]) -> Iterator[list[T]]:
    """`items` in runs that each reach BATCH_CHARS characters (the last may
    not), taken lazily: only one batch is held at a time."""
    batch, total = [], 0
    for item in items:
        batch.append(item)
        total += size(item)
        if total >= BATCH_CHARS:
            yield batch
            batch, total = [], 0
    if batch:
        yield batch


class Linter:
    """Lints texts and files with the configuration that applies to each path.
    `overrides` are command-line settings (select, ignore, fail_on, ...)."""

    def __init__(self, overrides: dict | None = None, registry: Registry | None = None,
                 settings: Settings | None = None):
        self.overrides = overrides or {}
        self.registry = registry or default_registry()
        self.fixed_settings = settings
        self._selection = lru_cache(maxsize=None)(lambda s: Selection(self._registry_for(s.packs), s))
        self._registry_for = lru_cache(maxsize=None)(self._with_packs)
        self._merged = lru_cache(maxsize=None)(lambda base: base.merged(**self.overrides))

    def _with_packs(self, packs: tuple[str, ...]) -> Registry:
        """The built-in rules plus the configuration's own packs."""
        return with_packs(packs, self.registry)

    def settings_for(self, path: str) -> Settings:
        base = self.fixed_settings or (config.find_for(path) if path != "-" else config.find_for_dir(Path.cwd()))
        return self._merged(base)

    def selection_for(self, path: str) -> Selection:
        return self._selection(self.settings_for(path))

    def check(self, text: str, path: str = "<text>", fmt: str | None = None, encoding: str = "utf-8",
              kinds: tuple[str, ...] | None = None) -> list[Diagnostic]:
        found = self.check_many([(text, path, fmt, encoding, kinds)])[0]
        if isinstance(found, RuleError):
            raise found
        return found

    def check_many(self, items: Sequence[tuple]) -> list[list[Diagnostic] | RuleError]:
        """check() for each (text, path, format[, encoding[, kinds]]), or the RuleError it raised.
        Texts under the same rules are linted together, rule by rule; a text
        long enough to be cut into segments is linted in batches of them."""
        results: list = [None] * len(items)
        batches: dict[tuple[int, int], tuple[Selection, list[Rule], list]] = {}
        for i, item in enumerate(items):
            text, path, fmt = item[:3]
            encoding = item[3] if len(item) > 3 else "utf-8"
            kinds = item[4] if len(item) > 4 else None
            selection = self.selection_for(path)
            rules = selection.rules_for(path)
            fmt = fmt or format_for(path) or "text"
            if is_segmented(text, fmt):
                results[i] = self._check_segments(text, path, fmt, rules, selection, encoding)
            else:
                batch = batches.setdefault((id(selection), id(rules)), (selection, rules, []))
                # What each block is, read by lint_many when its rules need it (settle).
                batch[2].append((i, load(text, path, fmt, selection.settings, encoding, settle=False, kinds=kinds)))
        for selection, rules, members in batches.values():
            found = lint_many([doc for _, doc in members], rules, selection.severity)
            for (i, _), result in zip(members, found):
                results[i] = result
        return results

    @staticmethod
    def _check_segments(text, path, fmt, rules, selection, encoding) -> list[Diagnostic] | RuleError:
        """A text cut into segments, linted window by window, BATCH_CHARS at
        a time, with the findings of the text linted whole (archive.py)."""
        from ..windows.archive import Merger, lint_windows  # here: only long texts need them

        layout = layout_of(text, path, selection.settings)
        merger = Merger(rules, selection.severity)
        for batch in in_batches(windows([text], layout.width), lambda window: len(window.text)):
            parts = lint_windows([(window, 0) for window in batch], path, layout, selection, rules, encoding)
            if isinstance(parts, RuleError):
                return parts
            for part in parts:
                merger.add(part)
        return merger.result()[0]

    def fix(self, text: str, path: str = "<text>", fmt: str | None = None, unsafe: bool = False,
            encoding: str = "utf-8", kinds: tuple[str, ...] | None = None) -> FixResult:
        """`kinds`: what each line of `text` is, for text whose lines are
        paragraphs (a Word file's, by their style): they follow the lines
        that each pass of fixes keeps."""
        selection = self.selection_for(path)
        rules = selection.rules_for(path)
        fmt = fmt or format_for(path) or "text"
        if not is_segmented(text, fmt):
            def run(current: str):
                now = kinds if kinds is None or current == text else kinds_after(kinds, text, current)
                doc = load(current, path, fmt, selection.settings, encoding, kinds=now)
                return lint(doc, rules, selection.severity), doc

            return fix_text(text, run, unsafe)
        from ..windows.archive import Merger
        from ..windows.windowfix import fix_windows  # here: only long texts need it

        layout = layout_of(text, path, selection.settings)
        result, parts, merger, at = FixResult(""), [], Merger(rules, selection.severity), 0

        def placed():  # each window with where its segment starts in the fixed text
            for window in windows([text], layout.width):
                yield window, at, 0

        for fixed in fix_windows(placed(), path, layout, selection, rules, unsafe, encoding):
            result.applied += fixed.applied
            result.unstable = result.unstable or fixed.unstable
            merger.add(fixed.part)
            parts.append(fixed.text)
            at += len(fixed.text)
        result.text = "".join(parts)
        result.remaining = merger.result()[0]
        return result
