"""Many texts are linted together, rule by rule, with exactly the results
each would get alone; a rule that fails on one text fails only that text,
and a rule is not called on a document that fails its gate."""

from __future__ import annotations

from lint.core.engine import RuleError, lint, lint_many
from lint.core.model import Severity
from lint.core.rule import Rule
from lint.formats import load
from lint.run import linter as linter_mod
from lint.run.config import Settings
from lint.run.linter import Linter
from lint.run.registry import Registry
from lint.run.runner import Job, Runner
from lint.speed.prefilter import Prefilter

SEED = "The report came as U.S.U.S. officials met.  It was  late. \n\nThere will be be talks.\n"
CLEAN = "Officials met on Monday.\n"
TEXTS = [SEED, CLEAN, "Leave a Reply\n\nThe the vote was close.\n", SEED.replace("\n", "\r\n"), ""]


class Exploding(Rule):
    """
    ## What it does
    Fails on any text that holds the word "boom".

    ## Why it matters
    A rule with a bug must not stop the other texts of a batch.

    ## Example
    ```
    boom
    ```

    ## Fix safety
    No fix.
    """

    code = "DUP901"
    name = "test.exploding"

    def check(self, doc):
        if "boom" in doc.source:
            raise ValueError("boom")
        return [self.diagnostic(0, 1, "first character")] if doc.source else []


class Gated(Rule):
    """
    ## What it does
    Reports the first character of a text holding a tilde.

    ## Why it matters
    Its gate says which documents it can report on.

    ## Example
    ```
    ~
    ```

    ## Fix safety
    No fix.
    """

    code = "DUP902"
    name = "test.gated"
    gate = Prefilter("~")
    calls = 0

    def check(self, doc):
        Gated.calls += 1
        return [self.diagnostic(0, 1, "tilde")]


def test_check_many_equals_check_one_at_a_time():
    linter = Linter(settings=Settings())
    items = [(text, f"{i}.txt", None) for i, text in enumerate(TEXTS)]
    alone = [linter.check(text, path) for text, path, _ in items]
    assert linter.check_many(items) == alone
    assert [d.code for d in alone[0]] == ["DUP001", "WS003", "WS003", "WS001", "DUP002"]


def test_texts_under_different_settings_get_their_own_rules(tmp_path):
    (tmp_path / "wire").mkdir()
    (tmp_path / "wire" / ".copydesk.toml").write_text('ignore = ["DUP"]\n', encoding="utf-8")
    linter = Linter()
    found = linter.check_many([(SEED, str(tmp_path / "wire" / "a.txt"), None), (SEED, str(tmp_path / "b.txt"), None)])
    assert "DUP001" not in {d.code for d in found[0]}
    assert {"DUP001", "DUP002"} <= {d.code for d in found[1]}


def test_a_failing_rule_fails_only_the_text_it_failed_on():
    docs = [load("fine\n"), load("boom\n"), load("also fine\n")]
    results = lint_many(docs, [Exploding()], {"DUP901": Severity.ERROR})
    assert [(d.code, d.start, d.end, d.severity) for d in results[0]] == [("DUP901", 0, 1, Severity.ERROR)]
    assert isinstance(results[1], RuleError)
    assert str(results[1]) == "rule DUP901 (copydesk) failed: ValueError('boom')"
    assert [(d.start, d.end) for d in results[2]] == [(0, 1)]


def test_a_failing_rule_fails_only_its_file_in_a_run(tmp_path):
    for name, text in (("a.txt", "fine\n"), ("b.txt", "boom\n"), ("c.txt", "fine too\n")):
        (tmp_path / name).write_text(text, encoding="utf-8")
    runner = Runner({}, use_cache=False)
    runner.linter = Linter({"select": ("DUP901",)}, registry=Registry([Exploding()]))
    outcomes = runner.run_many([Job(str(tmp_path / n)) for n in ("a.txt", "b.txt", "c.txt")])
    assert [o.error for o in outcomes] == [None, "rule DUP901 (copydesk) failed: ValueError('boom')", None]
    assert [len(o.diagnostics) for o in outcomes] == [1, 0, 1]


def test_the_engine_does_not_call_a_rule_on_a_document_failing_its_gate():
    Gated.calls = 0
    found = lint_many([load("no tilde\n"), load("a ~ here\n"), load("none\n")], [Gated()])
    assert [[d.message for d in f] for f in found] == [[], ["tilde"], []]
    assert Gated.calls == 1
    assert lint(load("~\n"), [Gated()])[0].code == "DUP902"


def test_run_many_keeps_job_order_across_batches(tmp_path, monkeypatch):
    monkeypatch.setattr(linter_mod, "BATCH_CHARS", 60)  # several batches in one call
    names = []
    for i in range(7):
        name = tmp_path / f"{i}.txt"
        name.write_text(f"Story {i} has the the doubled word.\n", encoding="utf-8")
        names.append(str(name))
    (tmp_path / "bad.txt").write_bytes(b"\xff bad \xe2\x80\x94 UTF-8")
    jobs = [Job(p) for p in names[:3]] + [Job(str(tmp_path / "bad.txt"))] + [Job(p) for p in names[3:]]
    jobs.append(Job(names[0], fix=True, write=False))
    outcomes = Runner({}, use_cache=True, cache_root=tmp_path).run_many(jobs)
    assert [o.path for o in outcomes] == [j.path for j in jobs]
    assert outcomes[3].error == "not valid UTF-8 (byte 0xff at offset 0, line 1)"
    for outcome in outcomes[:3] + outcomes[4:8]:
        assert outcome.error is None and [d.code for d in outcome.diagnostics] == ["DUP002"]
    assert outcomes[-1].output == b"Story 0 has the doubled word.\n"
    cached = Runner({}, use_cache=True, cache_root=tmp_path)
    asked = []
    cached.linter.check_many = lambda items: asked.extend(items) or []
    again = cached.run_many(jobs[:3])
    assert asked == []  # every answer came from the cache
    assert [o.diagnostics for o in again] == [o.diagnostics for o in outcomes[:3]]
