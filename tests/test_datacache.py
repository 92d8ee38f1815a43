"""Parsed packs and lexicons are cached beside them like bytecode: used
while the file is unchanged, parsed again when it changes, and never a
reason for a run to fail."""

from __future__ import annotations

import datetime
import os
import sys

import lint.packs.consistency  # noqa: F401  (registers the consistency kind)
import pytest
from lint.packs.pack import lexicon, load_pack, rules_dir

from lint.speed import datacache


@pytest.fixture
def writes(monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


def _counting(calls: list, value=None):
    def parse(path):
        calls.append(path)
        return value if value is not None else {"words": path.read_text(encoding="utf-8").split()}
    return parse


def _caches(folder):
    return sorted(p.name for p in (folder / "__pycache__").iterdir()) if (folder / "__pycache__").exists() else []


def test_a_parsed_file_is_read_back_until_it_changes(tmp_path, writes):
    path = tmp_path / "words.yml"
    path.write_text("one two\n", encoding="utf-8")
    calls = []
    assert datacache.parsed(path, _counting(calls)) == {"words": ["one", "two"]}
    assert datacache.parsed(path, _counting(calls)) == {"words": ["one", "two"]}
    assert len(calls) == 1
    assert _caches(tmp_path) == [f"words.yml.{datacache._TAG}.marshal"]
    path.write_text("one two three\n", encoding="utf-8")
    assert datacache.parsed(path, _counting(calls)) == {"words": ["one", "two", "three"]}
    assert len(calls) == 2


@pytest.mark.parametrize("content, later, words, parses", [
    ("two\n", 0, ["two"], 2),  # new content of the same size at the same time: a change
    ("one\n", 86_400_000_000_000, ["one"], 1),  # the same content a day later (a wheel installed): none
])
def test_the_cache_follows_the_content_not_the_time(tmp_path, writes, content, later, words, parses):
    path = tmp_path / "words.yml"
    path.write_text("one\n", encoding="utf-8")
    calls = []
    datacache.parsed(path, _counting(calls))
    stat = path.stat()
    path.write_text(content, encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + later))
    assert datacache.parsed(path, _counting(calls)) == {"words": words}
    assert len(calls) == parses


def test_a_damaged_cache_is_parsed_again(tmp_path, writes):
    path = tmp_path / "words.yml"
    path.write_text("one\n", encoding="utf-8")
    calls = []
    datacache.parsed(path, _counting(calls))
    cache = tmp_path / "__pycache__" / _caches(tmp_path)[0]
    cache.write_bytes(b"\x00garbage")
    assert datacache.parsed(path, _counting(calls)) == {"words": ["one"]}
    assert len(calls) == 2


def test_nothing_is_written_where_python_writes_no_bytecode(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    path = tmp_path / "words.yml"
    path.write_text("one\n", encoding="utf-8")
    assert datacache.parsed(path, _counting([])) == {"words": ["one"]}
    assert _caches(tmp_path) == []


def test_a_read_only_folder_or_unmarshallable_data_only_go_uncached(tmp_path, writes):
    path = tmp_path / "words.yml"
    path.write_text("one\n", encoding="utf-8")
    dated = {"when": datetime.date(2026, 11, 28)}
    assert datacache.parsed(path, _counting([], dated)) == dated
    assert _caches(tmp_path) == []
    (tmp_path / "__pycache__").write_text("a file where the folder would be", encoding="utf-8")
    assert datacache.parsed(path, _counting([])) == {"words": ["one"]}
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_built_in_packs_and_lexicons_read_the_same_from_the_cache(tmp_path, writes, monkeypatch):
    copy = tmp_path / "rules"
    (copy / "lexicons").mkdir(parents=True)
    for source in [rules_dir() / "style.yml", rules_dir() / "lexicons" / "doubles.yml"]:
        target = copy / source.relative_to(rules_dir())
        target.write_bytes(source.read_bytes())
    monkeypatch.setattr("lint.packs.pack.rules_dir", lambda: copy)
    fresh = lexicon("doubles")
    assert lexicon("doubles") == fresh and _caches(copy / "lexicons") != []
    first = [(r.code, r.forms) for r in load_pack(copy / "style.yml")]
    assert [(r.code, r.forms) for r in load_pack(copy / "style.yml")] == first and _caches(copy) != []


def test_a_newsrooms_own_pack_is_not_cached(tmp_path, writes):
    pack = tmp_path / "house.yml"
    pack.write_bytes((rules_dir() / "style.yml").read_bytes())
    load_pack(pack, user=True)
    assert _caches(tmp_path) == []


def test_a_per_user_write_clears_older_versions_and_gone_installations(tmp_path, monkeypatch):
    monkeypatch.setattr(datacache, "_tidied", False)  # this process's first per-user write
    tag = sys.implementation.cache_tag
    base = tmp_path / "copydesk"
    mine, gone, alive, old, young = (base / name for name in ("mine", "gone", "alive", "old", "young"))
    for folder in (mine, gone, alive, old, young):
        folder.mkdir(parents=True)
    stale, other_cache, other_python = (mine / name for name in (
        f"x.yml.{tag}-0.1.0-2.marshal", f"y.yml.{tag}-0.1.0-2.marshal", "x.yml.cpython-39-0.2.0-2.marshal"))
    for path in (stale, other_cache, other_python):
        path.write_bytes(b"old")
    (gone / "origin").write_text(str(tmp_path / "uninstalled" / "lint"), encoding="utf-8")
    (alive / "origin").write_text(str(tmp_path), encoding="utf-8")
    month_ago = datetime.datetime.now().timestamp() - 31 * 86400
    os.utime(old, (month_ago, month_ago))
    new = mine / f"x.yml.{tag}-0.2.0-2.marshal"
    assert datacache.write_per_user(new, b"new")
    assert new.read_bytes() == b"new" and not stale.exists()
    assert other_cache.read_bytes() == other_python.read_bytes() == b"old"  # another cache, another Python
    assert (mine / "origin").read_text(encoding="utf-8") == str(datacache._PACKAGE.resolve())
    assert sorted(p.name for p in base.iterdir()) == ["alive", "mine", "young"]
    (base / "gone-again").mkdir()
    (base / "gone-again" / "origin").write_text(str(tmp_path / "nowhere"), encoding="utf-8")
    datacache.write_per_user(new, b"again")  # the folders are looked over once a process
    assert (base / "gone-again").exists() and new.read_bytes() == b"again"
