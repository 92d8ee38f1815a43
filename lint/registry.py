"""One registry for Python rules and YAML packs; codes and names are unique."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from .rule import CODE_PATTERN, FAMILIES, Rule


class RegistryError(ValueError):
    pass


class Registry:
    def __init__(self, rules: Iterable[Rule] = ()):
        self._by_code: dict[str, Rule] = {}
        self._by_name: dict[str, Rule] = {}
        self._ordered: list[Rule] | None = None
        for rule in rules:
            self.add(rule)

    def add(self, rule: Rule) -> None:
        m = CODE_PATTERN.fullmatch(rule.code)
        if not m or m.group("family") not in FAMILIES:
            raise RegistryError(f"rule code {rule.code!r} is not a known family prefix plus three digits")
        if rule.code in self._by_code:
            raise RegistryError(f"duplicate rule code {rule.code} ({rule.name} and {self._by_code[rule.code].name})")
        if rule.name in self._by_name:
            raise RegistryError(f"duplicate rule name {rule.name} ({rule.code} and {self._by_name[rule.name].code})")
        self._by_code[rule.code] = rule
        self._by_name[rule.name] = rule
        self._ordered = None

    def __iter__(self):
        if self._ordered is None:  # sorted once: every file's selection walks the registry
            self._ordered = sorted(self._by_code.values(), key=lambda r: (r.family, r.code))
        return iter(self._ordered)

    def __len__(self) -> int:
        return len(self._by_code)

    def get(self, key: str) -> Rule | None:
        return self._by_code.get(key.upper()) or self._by_name.get(key)

    def matching(self, selector: str) -> list[Rule]:
        """Rules a selector names: a code, a code prefix ("DUP", "WS0"), a
        name, or a name prefix ("duplication"); "ALL" names every rule."""
        if selector.upper() == "ALL":
            return list(self)
        rule = self.get(selector)
        if rule:
            return [rule]
        upper = selector.upper()
        return [r for r in self if r.code.startswith(upper) or r.name.startswith(selector + ".")]


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    """Every built-in rule: Python checks, then the YAML packs, then adapters."""
    from . import consistency  # noqa: F401  (registers the `consistency` pack kind)
    from .adapters import adapter_rules
    from .checks import RULES
    from .packs import load_builtin

    return Registry([cls() for cls in RULES] + load_builtin() + adapter_rules())
