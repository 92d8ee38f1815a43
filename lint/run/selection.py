"""Which rules run: select / extend-select / ignore / per-file-ignores."""

from __future__ import annotations

from ..core.model import Severity
from ..core.rule import Rule
from .config import ConfigError, Settings
from .registry import Registry


def _resolve(registry: Registry, selectors, origin: str) -> set[str]:
    codes: set[str] = set()
    for selector in selectors:
        found = registry.matching(selector)
        if not found:
            raise ConfigError(f"{origin}: {registry.unknown(selector)}")
        codes.update(r.code for r in found)
    return codes


class Selection:
    """The rules enabled by a Settings, with their effective severities."""

    def __init__(self, registry: Registry, settings: Settings):
        origin = settings.source or "command line"
        at = (lambda key: f"{origin}: {key}") if settings.source else (lambda key: origin)  # noqa: E731
        styles = {r.style for r in registry if r.style}
        if settings.style is not None and settings.style not in styles:
            known = ", ".join(sorted(styles)) or "none"
            raise ConfigError(f"{origin}: unknown style {settings.style!r} (known: {known})")
        if settings.select is None:
            chosen = {r.code for r in registry if r.default and not r.style}
        else:
            chosen = _resolve(registry, settings.select, at("select"))
        # A house style's rules come with choosing the style.
        house = [r for r in registry if r.style and r.style == settings.style]
        chosen |= {r.code for r in house if r.default}
        # A house-style rule replaces the generic consistency rule it enforces.
        chosen -= {code for r in house for code in getattr(r, "supersedes", ())}
        chosen |= _resolve(registry, settings.extend_select, at("extend-select"))
        chosen -= _resolve(registry, settings.ignore, at("ignore"))
        for glob, codes in settings.per_file_ignores:
            _resolve(registry, codes, at(f"per-file-ignores {glob!r}"))  # validate once, apply per file
        _resolve(registry, [a.code for a in settings.allow], f"{origin}: allow")
        self.severity: dict[str, Severity] = {}
        for selector, level in settings.severity:
            for code in _resolve(registry, [selector], at("severity")):
                self.severity[code] = level
        self.registry = registry
        self.settings = settings
        self.codes = frozenset(chosen)
        self._rules = [r for r in registry if r.code in self.codes]

    def rules_for(self, path: str) -> list[Rule]:
        if not self.settings.per_file_ignores:
            return self._rules
        skip = _resolve(self.registry, self.settings.ignored_for(path), "per-file-ignores")
        return [r for r in self._rules if r.code not in skip]
