"""One registry for Python rules and YAML packs; codes and names are unique."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from ..core.rule import CODE_FORM, CODE_PATTERN, Rule


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
        if not CODE_PATTERN.fullmatch(rule.code):
            raise RegistryError(f"rule code {rule.code!r} is not {CODE_FORM}")
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
        """Rules a selector names: a code, a family ("DUP", "HSE"), a code
        prefix ("WS0"), a name, or a name prefix ("duplication"); "ALL"
        names every rule. A family is matched whole, so "WS" never takes a
        house family "WSJ" with it."""
        if selector.upper() == "ALL":
            return list(self)
        rule = self.get(selector)
        if rule:
            return [rule]
        upper = selector.upper()
        if upper.isalpha():
            by_family = [r for r in self if r.family == upper]
            if by_family:
                return by_family
        return [r for r in self if (r.code.startswith(upper) and not upper.isalpha()) or r.name.startswith(selector + ".")]

    def unknown(self, selector: str) -> str:
        """What to say of a selector that names no rule: the closest codes
        and names, for a typo ("DUP01O", "duplication.doubled-tokn")."""
        import difflib  # here: only an error needs it

        keys = [*self._by_code, *self._by_name]
        close = difflib.get_close_matches(selector, keys, n=3, cutoff=0.6)
        close = close or difflib.get_close_matches(selector.upper(), list(self._by_code), n=3, cutoff=0.6)
        hint = f" (did you mean {', '.join(close)}?)" if close else " (see `copydesk rules --all`)"
        return f"unknown rule code or name {selector!r}{hint}"


def with_packs(packs: tuple[str, ...], base: Registry | None = None) -> Registry:
    """The built-in rules (or `base`) plus a configuration's own packs,
    read afresh (callers cache it as long as the configuration holds)."""
    base = base or default_registry()
    if not packs:
        return base
    from pathlib import Path

    from ..packs.pack import load_pack

    return Registry([*base, *(rule for path in packs for rule in load_pack(Path(path), user=True))])


@lru_cache(maxsize=1)
def default_registry() -> Registry:
    """Every built-in rule: Python checks, then the YAML packs, then adapters."""
    from ..adapters import adapter_rules
    from ..checks import RULES
    from ..packs import consistency  # noqa: F401  (registers the `consistency` pack kind)
    from ..packs.pack import load_builtin

    return Registry([cls() for cls in RULES] + load_builtin() + adapter_rules())
