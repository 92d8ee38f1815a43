"""Configuration: [tool.copydesk] in pyproject.toml, or .copydesk.toml,
found from the checked file upward. Unknown keys and codes are errors.

Settings is a named tuple, as the values in core/model.py are, and this
module's annotations are evaluated where they stand (no `from __future__
import annotations`): a frozen dataclass runs generated code, and a named
tuple's annotations written as strings are each compiled, about nine and
three million instructions at every start of the CLI.
"""

import os
import re
import stat
import sys
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from ..core import allow as allowances
from ..core.model import Severity
from .ignores import compile_rules

CONFIG_FILES = (".copydesk.toml", "pyproject.toml")
KEYS = ("select", "ignore", "extend-select", "per-file-ignores", "severity", "exclude", "fail-on", "style", "packs",
        "html-scope", "language", "encoding-fix", "respect-gitignore", "allow")
HTML_SCOPES = ("article", "page")


class ConfigError(ValueError):
    pass


class Settings(NamedTuple):
    select: tuple[str, ...] | None = None  # None: the rules that are on by default
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    exclude: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    style: str | None = None
    packs: tuple[str, ...] = ()  # the newsroom's own YAML rule packs (absolute paths)
    html_scope: str = "article"  # a whole web page: lint its article ("article") or everything ("page")
    language: str | None = None  # the copy's language ("en", "de", ...); None: as each text declares or reads
    encoding_fix: bool = False  # `fix` writes files that are not UTF-8 back as UTF-8
    respect_gitignore: bool = True  # a folder walk leaves out what .gitignore, .ignore and .git/info/exclude list
    allow: tuple[allowances.Allowance, ...] = ()  # findings accepted as written (lint/core/allow.py)
    recurring: object = None  # the run's shared lines (lint/core/recurring.py), when BOIL018 surveys a run
    root: Path | None = None  # the folder globs are relative to; None: the working folder
    source: str | None = None  # the file these settings came from

    def ignored_for(self, path: str) -> tuple[str, ...]:
        rel = _relative(path, self.root)
        return tuple(code for pattern, codes in self.per_file_ignores if glob_matches(pattern, rel) for code in codes)

    def allowed_for(self, path: str) -> tuple[allowances.Allowance, ...]:
        """The accepted findings whose glob takes `path`."""
        if not self.allow:
            return ()
        rel = _relative(path, self.root)
        return tuple(a for a in self.allow if glob_matches(a.path, rel))

    def excludes(self, path: str) -> bool:
        """Whether `exclude` leaves out `path` (a folder when it ends in a
        separator, so that "drafts/" names only folders)."""
        if not self.exclude:
            return False  # without resolving the path (a system call per part)
        folder = "/" if path.endswith(("/", os.sep)) else ""
        return compile_rules(self.exclude).match_file(_relative(path, self.root) + folder)

    def merged(self, **overrides) -> "Settings":
        """These settings with command-line overrides (None leaves a value)."""
        values = {k: v for k, v in overrides.items() if v is not None}
        for key in ("ignore", "extend_select"):
            if key in values:
                values[key] = getattr(self, key) + tuple(values[key])
        return self._replace(**values)


def glob_matches(pattern: str, rel: str) -> bool:
    """A path glob read as a .gitignore line relative to the config's folder
    (`*` stays within a folder, `**` crosses folders, a pattern without a
    slash matches a name at any depth, one naming a folder covers what it
    holds); a leading "!" matches every path the rest does not (as in ruff's
    per-file-ignores)."""
    if pattern.startswith("!"):
        return not compile_rules((pattern[1:],)).match_file(rel)
    return compile_rules((pattern,)).match_file(rel)


def _check_glob(glob: str, key: str, source: str) -> None:
    try:
        compile_rules((glob[1:] if key == "per-file-ignores" and glob.startswith("!") else glob,))
    except (ValueError, re.error) as exc:
        raise ConfigError(f"{source}: {key}: {glob!r} is not a valid glob ({exc})") from None


def _relative(path: str, root: Path | None) -> str:
    try:
        return Path(path).resolve().relative_to((root or Path.cwd()).resolve()).as_posix()
    except ValueError:
        return Path(path).as_posix()


def parse(table: dict, source: str, root: Path) -> Settings:
    unknown = sorted(set(table) - set(KEYS))
    if unknown:
        raise ConfigError(f"{source}: unknown key(s) {', '.join(unknown)} (known: {', '.join(KEYS)})")

    def strings(key: str) -> tuple[str, ...] | None:
        value = table.get(key)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ConfigError(f"{source}: {key} must be a list of non-empty strings")
        return tuple(value)

    pfi = table.get("per-file-ignores", {})
    sev = table.get("severity", {})
    if not isinstance(pfi, dict) or not all(isinstance(v, list) for v in pfi.values()):
        raise ConfigError(f"{source}: per-file-ignores must map globs to lists of codes")
    if not isinstance(sev, dict):
        raise ConfigError(f"{source}: severity must map codes to error, warning or info")
    def level(key: str, value) -> Severity:
        try:
            return Severity.parse(value)
        except ValueError as exc:
            raise ConfigError(f"{source}: {key}: {exc}") from None

    severity = tuple((code, level(f"severity.{code}", str(value))) for code, value in sev.items())
    fail_on = level("fail-on", table.get("fail-on", "warning"))
    style = table.get("style")
    if style is not None and not isinstance(style, str):
        raise ConfigError(f"{source}: style must be a string")
    packs = tuple(str((root / p).resolve()) for p in strings("packs") or ())
    html_scope = table.get("html-scope", "article")
    if html_scope not in HTML_SCOPES:
        raise ConfigError(f"{source}: html-scope must be \"article\" or \"page\", not {html_scope!r}")
    language = table.get("language")
    if language is not None and not (isinstance(language, str) and language.isalpha() and len(language) <= 3):
        raise ConfigError(f"{source}: language must be a language code such as \"en\" or \"de\", not {language!r}")
    encoding_fix = table.get("encoding-fix", False)
    if not isinstance(encoding_fix, bool):
        raise ConfigError(f"{source}: encoding-fix must be true or false, not {encoding_fix!r}")
    try:
        allow = allowances.parse(table.get("allow", []))
    except ValueError as exc:
        raise ConfigError(f"{source}: {exc}") from None
    for key, globs in (("exclude", strings("exclude") or ()), ("per-file-ignores", pfi),
                       ("allow", [a.path for a in allow])):
        for glob in globs:
            _check_glob(glob, key, source)
    respect_gitignore = table.get("respect-gitignore", True)
    if not isinstance(respect_gitignore, bool):
        raise ConfigError(f"{source}: respect-gitignore must be true or false, not {respect_gitignore!r}")
    return Settings(
        allow=allow,
        respect_gitignore=respect_gitignore,
        encoding_fix=encoding_fix,
        language=language.lower() if language else None,
        html_scope=html_scope,
        packs=packs,
        select=strings("select"),
        ignore=strings("ignore") or (),
        extend_select=strings("extend-select") or (),
        per_file_ignores=tuple((glob, tuple(codes)) for glob, codes in pfi.items()),
        severity=severity,
        exclude=strings("exclude") or (),
        fail_on=fail_on,
        style=style,
        root=root,
        source=source,
    )


def read_file(path: Path) -> Settings | None:
    """Settings from one config file, or None when it has no copydesk table."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    if path.name == "pyproject.toml" and "copydesk" not in text:
        return None  # no table of ours: not worth loading a TOML parser for
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("copydesk")
        if table is None:
            return None
    else:
        table = data
    return parse(table, str(path), path.parent)


@lru_cache(maxsize=None)
def find_for_dir(directory: Path) -> Settings:
    """The nearest config at or above `directory`; defaults when there is none."""
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if os.path.isfile(candidate):  # False, too, where the folder cannot be read
                settings = read_file(candidate)
                if settings is not None:
                    return settings
    return Settings(root=Path.cwd())


def find_for(path: str) -> Settings:
    """The settings for a file or folder, found from where it really is."""
    # Once per path: a run asks of each file while finding, surveying and
    # checking it, and each answer costs system calls.
    return _settings_at(path, "" if os.path.isabs(path) else os.getcwd())


@lru_cache(maxsize=1 << 16)
def _settings_at(path: str, cwd: str) -> Settings:
    try:
        mode = os.lstat(path).st_mode  # one system call tells a link, a folder and a file apart
    except (OSError, ValueError):
        mode = 0  # missing: as a file (reading it reports the error)
    if stat.S_ISLNK(mode) or stat.S_ISDIR(mode):
        try:
            target = Path(path).resolve(strict=False)
        except (OSError, RuntimeError):  # a symlink loop: the link's own folder decides
            return _find_for_parent(os.path.dirname(os.path.abspath(path)))
        return find_for_dir(target if target.is_dir() else target.parent)
    return _find_for_parent(os.path.dirname(os.path.abspath(path)))


@lru_cache(maxsize=None)
def _find_for_parent(directory: str) -> Settings:
    """Once per folder: resolving a path costs a system call per part."""
    return find_for_dir(Path(directory).resolve())


def forget() -> None:
    """Forget the configs found so far (each is read once per process)."""
    _settings_at.cache_clear()
    find_for_dir.cache_clear()
    _find_for_parent.cache_clear()
