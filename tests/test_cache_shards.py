"""The result cache keeps entries in shard files, appended at the end of a
run: entries survive parallel writers, a line cut short is skipped, and a
shard that grows too large keeps its newest half."""

from __future__ import annotations

from lint.core.model import Applicability, Diagnostic, Fix, Severity
from lint.run import cache as cache_mod
from lint.run.cache import Cache

FOUND = [Diagnostic("DUP001", "duplication.doubled-abbreviation", Severity.ERROR, 4, 12, "'U.S.' is written twice",
                    Fix.delete(8, 12, Applicability.SAFE))]


def _key(n: int, shard: str = "ab") -> str:
    return shard + f"{n:062x}"


def test_entries_are_written_at_the_end_and_read_back(tmp_path):
    first = Cache(tmp_path)
    first.put(_key(1), FOUND)
    assert first.get(_key(1)) == FOUND  # this process sees its own entry at once
    assert not (tmp_path / ".copydesk_cache").exists()  # nothing written before the flush
    first.flush()
    found = Cache(tmp_path).get(_key(1))
    assert found == FOUND and found[0].fix == FOUND[0].fix
    assert Cache(tmp_path).get(_key(2)) is None


def test_writers_append_and_a_torn_line_is_skipped(tmp_path):
    a, b = Cache(tmp_path), Cache(tmp_path)
    a.put(_key(1), FOUND)
    b.put(_key(2), [])
    a.flush()
    b.flush()
    [shard] = (tmp_path / ".copydesk_cache").rglob("ab.jsonl")
    with open(shard, "a", encoding="utf-8") as handle:
        handle.write(_key(3) + ' [{"c": "DUP0')  # a run killed mid-write
    reader = Cache(tmp_path)
    assert reader.get(_key(1)) == FOUND and reader.get(_key(2)) == [] and reader.get(_key(3)) is None


def test_a_large_shard_keeps_its_newest_half(tmp_path, monkeypatch):
    monkeypatch.setattr(cache_mod, "SHARD_LIMIT", 20_000)
    for n in range(200):
        writer = Cache(tmp_path)
        writer.put(_key(n), FOUND)
        writer.flush()
    [shard] = (tmp_path / ".copydesk_cache").rglob("ab.jsonl")
    assert shard.stat().st_size <= 20_000
    reader = Cache(tmp_path)
    assert reader.get(_key(199)) == FOUND and reader.get(_key(0)) is None
