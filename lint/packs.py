"""YAML rule packs (rules/*.yml): word lists and phrase swaps as data.

A pack is a mapping with a `rules:` list; each rule names its `kind`:

- existence:    `tokens` that should not appear (one folded pattern per rule)
- substitution: `swap` mapping of wrong -> right, offered as a fix
- boilerplate:  a paragraph that is nothing but a known web/CMS phrase
                (`phrases`, exact: safe removal) or matches one of `patterns`
                (unsafe removal)

Every rule carries `code`, `name`, `docs` (what / why / example / fix_safety)
and optionally `severity`, `default`, `message`, `ignorecase`, `fix`.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any, ClassVar

import regex
import yaml

from .model import Applicability, Fix, Severity
from .rule import CODE_PATTERN, Rule, RuleDocs


class PackError(ValueError):
    """A malformed pack; the message names the file, line and problem."""


def rules_dir() -> Path:
    """The built-in packs: lint/rules/ in an installed wheel, rules/ in a checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "rules"
    return installed if installed.is_dir() else here.parent / "rules"


def lexicon(name: str) -> Any:
    """A word list used by Python rules: rules/lexicons/<name>.yml (safe-loaded)."""
    path = rules_dir() / "lexicons" / f"{name}.yml"
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise PackError(f"{path}: invalid YAML: {exc}") from None


def load_builtin() -> list[Rule]:
    return [rule for path in sorted(rules_dir().glob("*.yml")) for rule in load_pack(path)]


class _LineLoader(yaml.SafeLoader):
    """Safe loading that remembers the line of every mapping, for errors."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def load_pack(path: Path) -> list[Rule]:
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise PackError(f"{path}{where}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise PackError(f"{path}:1: a pack is a mapping with a 'rules:' list")
    rules = []
    for spec in data["rules"]:
        line = spec.get("__line__", 1) if isinstance(spec, dict) else 1
        try:
            rules.append(build_rule(spec))
        except (KeyError, TypeError, ValueError, regex.error) as exc:
            problem = f"missing key {exc}" if isinstance(exc, KeyError) else str(exc)
            raise PackError(f"{path}:{line}: {problem}") from None
    return rules


_COMMON = {"__line__", "code", "name", "kind", "docs", "severity", "default", "message", "ignorecase", "fix"}


def build_rule(spec: dict[str, Any]) -> Rule:
    if not isinstance(spec, dict):
        raise TypeError("each rule is a mapping")
    kind = spec["kind"]
    cls = KINDS.get(kind)
    if cls is None:
        raise ValueError(f"unknown rule kind {kind!r} (known: {', '.join(sorted(KINDS))})")
    unknown = set(spec) - _COMMON - set(cls.fields)
    if unknown:
        raise ValueError(f"unknown key(s) for kind {kind}: {', '.join(sorted(unknown))}")
    code, name = spec["code"], spec["name"]
    if not CODE_PATTERN.fullmatch(str(code)):
        raise ValueError(f"code {code!r} is not a family prefix plus three digits")
    docs = spec["docs"]
    attrs = {
        "code": code,
        "name": name,
        "docs": RuleDocs(docs["what"], docs["why"], docs["example"], docs["fix_safety"]),
        "severity": Severity.parse(spec.get("severity", "warning")),
        "default": bool(spec.get("default", True)),
        "spec": spec,
    }
    if "fix" in spec:
        attrs["fixable"] = Applicability(spec["fix"]) if spec["fix"] else None
    rule_cls = type(f"{kind.title()}_{code}", (cls,), attrs)
    return rule_cls()


def fold(words: list[str], ignorecase: bool = True, boundary: bool = True) -> regex.Pattern:
    """One compiled pattern for a whole word list (regex named list)."""
    flags = regex.IGNORECASE | regex.V1 if ignorecase else regex.V1
    core = r"\L<words>"
    if boundary:
        core = r"(?<![\w])" + core + r"(?![\w])"
    return regex.compile(core, flags, words=[w for w in words if w])


class PackRule(Rule):
    kind: ClassVar[str]
    fields: ClassVar[tuple[str, ...]] = ()
    spec: ClassVar[dict]

    def message(self, default: str, **values: str) -> str:
        return self.spec.get("message", default).format(**values)


class Existence(PackRule):
    kind = "existence"
    fields = ("tokens",)

    def __init__(self):
        self.pattern = fold(self.spec["tokens"], self.spec.get("ignorecase", True))

    def check(self, doc):
        for block in doc.blocks:
            for m in self.pattern.finditer(block.text):
                yield self.in_block(block, m.start(), m.end(), self.message("avoid {match!r}", match=m.group()))


class Substitution(PackRule):
    kind = "substitution"
    fields = ("swap",)
    fixable = Applicability.UNSAFE

    def __init__(self):
        swap = self.spec["swap"]
        if not isinstance(swap, dict):
            raise TypeError("'swap' is a mapping of wrong -> right")
        ignorecase = self.spec.get("ignorecase", True)
        self.swap = {(k.lower() if ignorecase else k): v for k, v in swap.items() if k != "__line__"}
        self.ignorecase = ignorecase
        self.pattern = fold(list(self.swap), ignorecase)

    def check(self, doc):
        applicability = self.fixable or Applicability.UNSAFE
        for block in doc.blocks:
            for m in self.pattern.finditer(block.text):
                found = m.group()
                right = self.swap[found.lower() if self.ignorecase else found]
                if found[:1].isupper() and right[:1].islower():
                    right = right[:1].upper() + right[1:]
                msg = self.message("use {right!r} instead of {match!r}", match=found, right=right)
                yield self.in_block(block, m.start(), m.end(), msg, right, applicability)


# Marks that frame a boilerplate phrase without changing it: "Share this:",
# "« Previous post", "Next article →", "• Tags".
_FRAME = " \t\u00a0:.!?|»«›‹><-–—…→←•·*"
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_BRACES = regex.compile(r"\{([^{}]*)\}")
_MAX_EXPANSION = 10_000


class Boilerplate(PackRule):
    """A whole paragraph of boilerplate. Exact known phrases are removed by a
    safe fix; paragraphs that only match a pattern get an unsafe fix. A
    paragraph of several lines counts when every line is boilerplate (share
    buttons pasted as "Share\\nTweet\\nEmail")."""

    kind = "boilerplate"
    fields = ("phrases", "patterns", "max_words")
    fixable = Applicability.SAFE

    def __init__(self):
        self.phrases = {_normalise(v) for p in self.spec.get("phrases", []) for v in expand(p)}
        patterns = self.spec.get("patterns", [])
        self.pattern = regex.compile("|".join(f"(?:{p})" for p in patterns), regex.IGNORECASE | regex.V1) if patterns else None
        self.max_words = int(self.spec.get("max_words", 40))

    def check(self, doc):
        for block in doc.blocks:
            if block.kind not in ("paragraph", "list", "heading"):
                continue
            text = block.text.strip()
            if len(text) > 400 or len(text.split()) > self.max_words:
                continue
            applicability = self.grade(text)
            if applicability is None:
                continue
            msg = self.message("boilerplate paragraph {match!r}", match=_clip(text))
            yield self.diagnostic(block.source_start, block.source_end, msg, Fix((doc.removal(block),), applicability))

    def grade(self, text: str) -> Applicability | None:
        """SAFE when every line is a known phrase, UNSAFE when every line is a
        phrase or matches a pattern, None when some line is not boilerplate."""
        worst = Applicability.SAFE
        for line in text.splitlines() or [text]:
            line = line.strip()
            if not line:
                continue
            if _normalise(line) in self.phrases:
                continue
            if self.pattern is not None and self.pattern.fullmatch(line, timeout=1.0):
                worst = Applicability.UNSAFE
                continue
            return None
        return worst


def expand(phrase: str) -> list[str]:
    """A phrase with `{a|b|}` groups stands for every combination of choices:
    "Share {on|to} {Facebook|Twitter}" is four exact phrases."""
    parts = _BRACES.split(str(phrase))
    choices = [part.split("|") if i % 2 else [part] for i, part in enumerate(parts)]
    total = 1
    for options in choices:
        total *= len(options)
    if total > _MAX_EXPANSION:
        raise ValueError(f"phrase {phrase!r} expands to {total} phrases (limit {_MAX_EXPANSION})")
    return ["".join(combo) for combo in itertools.product(*choices)]


def _normalise(text: str) -> str:
    return " ".join(text.lower().translate(_APOSTROPHES).split()).strip(_FRAME)


def _clip(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


KINDS: dict[str, type[PackRule]] = {cls.kind: cls for cls in (Existence, Substitution, Boilerplate)}


def register_kind(cls: type[PackRule]) -> type[PackRule]:
    KINDS[cls.kind] = cls
    return cls
