"""The Linter: settings, rule selection and format for a path, then lint or fix."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from . import config
from .config import Settings
from .engine import lint
from .fix import FixResult, fix_text
from .formats import format_for, load
from .model import Diagnostic
from .packs import load_pack
from .registry import Registry, default_registry
from .segments import segments
from .selection import Selection


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

    def _with_packs(self, packs: tuple[str, ...]) -> Registry:
        """The built-in rules plus the configuration's own packs."""
        if not packs:
            return self.registry
        user = [rule for path in packs for rule in load_pack(Path(path), user=True)]
        return Registry([*self.registry, *user])

    def settings_for(self, path: str) -> Settings:
        base = self.fixed_settings or (config.find_for(path) if path != "-" else config.find_for_dir(Path.cwd()))
        return base.merged(**self.overrides)

    def selection_for(self, path: str) -> Selection:
        return self._selection(self.settings_for(path))

    def check(self, text: str, path: str = "<text>", fmt: str | None = None) -> list[Diagnostic]:
        selection = self.selection_for(path)
        rules = selection.rules_for(path)
        fmt = fmt or format_for(path)
        found: list[Diagnostic] = []
        for offset, piece in segments(text, fmt):
            found.extend(d.shifted(offset) for d in lint(load(piece, path, fmt), rules, selection.severity))
        return found

    def fix(self, text: str, path: str = "<text>", fmt: str | None = None, unsafe: bool = False) -> FixResult:
        selection = self.selection_for(path)
        rules = selection.rules_for(path)
        fmt = fmt or format_for(path)
        def run(current: str):
            doc = load(current, path, fmt)
            return lint(doc, rules, selection.severity), doc.markup

        result, parts, fixed_offset = FixResult(""), [], 0
        for offset, piece in segments(text, fmt):
            part = fix_text(piece, run, unsafe)
            result.applied += [d.shifted(offset) for d in part.applied]
            result.remaining += [d.shifted(fixed_offset) for d in part.remaining]  # offsets in the fixed text
            result.unstable = result.unstable or part.unstable
            parts.append(part.text)
            fixed_offset += len(part.text)
        result.text = "".join(parts)
        return result
