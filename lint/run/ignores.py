"""Which folders and files a folder walk leaves out: folders that never hold
copy, and the rules of .gitignore, .ignore and .git/info/exclude, read as
git reads them (pathspec implements git's wildmatch)."""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import NamedTuple

# Folders that hold tools, dependencies or generated sites, never copy,
# skipped at any depth (folders whose names start with "." are skipped too:
# .git, .hg, .svn, .venv, .tox, .mypy_cache, ...). `build`, `dist` and
# `_build` are not here, unlike ruff: in an editorial repository they may
# hold real copy, and generated output is normally listed in .gitignore.
SKIPPED_FOLDERS = frozenset({"node_modules", "venv", "_site", "__pycache__", "__pypackages__", "site-packages"})
IGNORE_FILES = (".gitignore", ".ignore")  # in one folder .ignore wins, as in ruff


@lru_cache(maxsize=None)
def compile_rules(lines: tuple[str, ...]):
    """A pathspec GitIgnoreSpec of gitignore-style lines; ValueError (or
    re.error) for a line that is not a pattern."""
    from pathspec import GitIgnoreSpec  # here: only a walk or a glob needs it

    return GitIgnoreSpec.from_lines(lines)


def _lenient(lines: tuple[str, ...]):
    """The rules of an ignore file, leaving out lines that are not patterns
    (a lone "!", a trailing backslash), as git does."""
    try:
        return compile_rules(lines)
    except (ValueError, re.error):
        return compile_rules(tuple(line for line in lines if _valid(line)))


def _valid(line: str) -> bool:
    try:
        compile_rules.__wrapped__((line,))
    except (ValueError, re.error):
        return False
    return True


def _dir_mark() -> str:
    # The regex group by which pathspec marks a match through a folder
    # ("ps_d" in 0.12 too, where it lives in patterns/gitwildmatch.py).
    try:
        from pathspec.patterns.gitignore.spec import _DIR_MARK
    except ImportError:  # pragma: no cover - pathspec 0.12
        return "ps_d"
    return _DIR_MARK


def _through_parent(found, rel: str, mark: str) -> bool:
    match = found.match
    return mark in match.re.groupindex and match.group(mark) is not None and match.end(mark) != len(rel)


def verdict(spec, rel: str) -> bool | None:
    """True when the last rule naming `rel` itself ignores it, False when it
    re-includes it ("!"), None when no rule names it. A folder is passed
    with a trailing "/". A match through a parent folder does not count: the
    walk judged each folder on entering it, and a folder named on the
    command line is searched even when a rule ignores it."""
    if spec.check_file(rel).include is None:  # the common case, through pathspec's fast backend
        return None
    mark = _dir_mark()
    for pattern in reversed(spec.patterns):
        if pattern.include is None:
            continue  # a comment or a blank line
        found = pattern.match_file(rel)
        if found is not None and not _through_parent(found, rel, mark):
            return pattern.include
    return None


def repository_root(folder: str) -> str | None:
    """The nearest folder at or above `folder` holding `.git`."""
    for parent in (folder, *_parents(folder)):
        if os.path.exists(os.path.join(parent, ".git")):
            return parent
    return None


def _parents(folder: str):
    while (up := os.path.dirname(folder)) != folder:
        yield up
        folder = up


class Rules(NamedTuple):
    """The ignore rules in force in one folder, strongest last: (folder they
    are relative to, spec, whether git's) triples."""

    sources: tuple = ()
    in_repo: bool = False

    def entering(self, folder: str, names) -> "Rules":
        """The rules in force inside `folder`, given the names it holds. A
        folder holding `.git` starts a repository of its own: the
        .gitignore rules from outside it stop, as in git."""
        rules = self
        if ".git" in names:
            kept = tuple(source for source in self.sources if not source[2])
            rules = Rules(kept, True)._with(folder, os.path.join(".git", "info", "exclude"), True)
        if ".gitignore" in names and rules.in_repo:
            rules = rules._with(folder, ".gitignore", True)
        return rules._with(folder, ".ignore", False) if ".ignore" in names else rules

    def _with(self, folder: str, name: str, git: bool) -> "Rules":
        spec = _read(os.path.join(folder, name))
        return self if spec is None else self._replace(sources=(*self.sources, (folder, spec, git)))

    def ignores(self, folder: str, name: str, is_dir: bool) -> bool:
        path = os.path.join(folder, name)
        for base, spec, _ in reversed(self.sources):
            rel = os.path.relpath(path, base).replace(os.sep, "/") + ("/" if is_dir else "")
            found = verdict(spec, rel)
            if found is not None:
                return found
        return False


def _read(path: str):
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as handle:
            lines = tuple(handle.read().splitlines())
    except OSError:
        return None  # missing or unreadable: git goes on without it too
    return _lenient(lines) if any(line.strip() and not line.startswith("#") for line in lines) else None


def rules_above(top: str) -> Rules:
    """The rules in force in folder `top` (absolute) from the folders above
    it: those of its repository, from the repository root down to `top`'s
    parent. Outside a repository nothing above `top` is read, and only
    .ignore files count (.gitignore counts in a repository, as in git and
    ruff)."""
    repo = repository_root(top)
    rules = Rules()
    if repo is None or repo == top:
        return rules
    folders = [top, *_parents(top)]
    for folder in reversed(folders[1:folders.index(repo) + 1]):
        rules = rules.entering(folder, {".git", *IGNORE_FILES} if folder == repo else IGNORE_FILES)
    return rules


class Walk:
    """The rules in force in each folder of one top-down os.walk from
    `top`: enter() a folder, then descend() into the sub-folders kept."""

    def __init__(self, top: str, respect: bool):
        top = os.path.abspath(top)
        self.respect = respect
        self._inherited = {top: rules_above(top) if respect else Rules()}

    def enter(self, folder: str, dirs, files) -> Rules:
        folder = os.path.abspath(folder)
        rules = self._inherited.pop(folder, Rules())
        return rules.entering(folder, {*dirs, *files}) if self.respect else rules

    def descend(self, folder: str, dirs, rules: Rules) -> None:
        folder = os.path.abspath(folder)
        for name in dirs:
            self._inherited[os.path.join(folder, name)] = rules
