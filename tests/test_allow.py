"""Accepted findings ([[allow]] in the configuration, lint/core/allow.py): the
way to keep checked words in plain text, where no comment can carry a
directive, and in every other format too."""

from __future__ import annotations

import json

import pytest
from conftest import run_cli

MINISTER = ("Sullivan was bluntly, privately telling Beijing that there will be absolutely no repercussions "
            "for large-scale efforts to help Russia evade sanctions.")
ALLOW = """\
[[allow]]
path = "desk/*"
code = "{code}"
text = "there will be absolutely no repercussions"
reason = "the adviser's words, checked against the transcript"
"""


def _desk(tmp_path, name: str, text: str, code: str = "NEG002"):
    (tmp_path / "desk").mkdir(exist_ok=True)
    (tmp_path / "desk" / name).write_text(text, encoding="utf-8")
    (tmp_path / ".copydesk.toml").write_text(ALLOW.format(code=code), encoding="utf-8")


def _codes(tmp_path, *args):
    result = run_cli("check", "--format", "json", "--no-cache", *args, "desk", cwd=tmp_path)
    return [(r["code"], r["line"]) for r in json.loads(result.stdout)], result.returncode


@pytest.mark.parametrize("name,text", [
    ("story.txt", MINISTER + "\n\nThe U.S.U.S. team met.\n"),  # blank-line paragraphs
    ("story.txt", MINISTER.replace("absolutely no", "absolutely\nno") + "\nThe U.S.U.S. team met.\n"),  # wrapped
    ("story.txt", MINISTER + "\nThe U.S.U.S. team met.\n"),  # one paragraph a line
    ("story.md", f"# Talks\n\n{MINISTER}\n\nThe U.S.U.S. team met.\n"),
    ("story.html", f"<p>{MINISTER}</p>\n<p>The U.S.U.S. team met.</p>\n"),
    # Markup between the quoted words.
    ("story.md", MINISTER.replace("absolutely", "*absolutely*") + "\n\nThe U.S.U.S. team met.\n"),
    ("story.md", "> " + MINISTER.replace("absolutely no", "absolutely\n> no") + "\n\nThe U.S.U.S. team met.\n"),
    ("story.html", f"<p>{MINISTER.replace('absolutely', '<em>absolutely</em>')}</p>\n<p>The U.S.U.S. team met.</p>\n"),
    ("story.html", f"<p>{MINISTER.replace('absolutely no', 'absolutely&nbsp;no')}</p>\n<p>The U.S.U.S. team met.</p>\n"),
])
def test_an_accepted_finding_is_not_reported_in_any_layout(tmp_path, name, text):
    _desk(tmp_path, name, text)
    found, code = _codes(tmp_path)
    assert [c for c, _ in found] == ["DUP001"]
    assert code == 1
    (tmp_path / ".copydesk.toml").unlink()
    found, _ = _codes(tmp_path)
    assert [c for c, _ in found] == ["NEG002", "DUP001"]


def test_the_allowance_is_for_its_rule_its_words_and_its_files(tmp_path):
    _desk(tmp_path, "story.txt", MINISTER + "\n", code="NEG001")
    assert _codes(tmp_path)[0] == [("NEG002", 1)]  # another rule
    _desk(tmp_path, "story.txt", MINISTER.replace("will be", "would be") + "\n")
    assert _codes(tmp_path)[0] == [("NEG002", 1)]  # the sentence was rewritten: the allowance lapses
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "story.txt").write_text(MINISTER + "\n", encoding="utf-8")
    result = run_cli("check", "--format", "json", "--no-cache", "other", cwd=tmp_path)
    assert [r["code"] for r in json.loads(result.stdout)] == ["NEG002"]  # not under desk/


def test_an_accepted_fixable_finding_is_not_fixed(tmp_path):
    (tmp_path / "desk").mkdir()
    story = tmp_path / "desk" / "story.txt"
    story.write_text("The U.S.U.S. team met.\nThe U.N.U.N. team met.\n", encoding="utf-8")
    (tmp_path / ".copydesk.toml").write_text(
        '[[allow]]\npath = "desk/story.txt"\ncode = "DUP001"\ntext = "U.S.U.S."\nreason = "a quoted typo"\n')
    result = run_cli("fix", "--no-cache", "desk/story.txt", cwd=tmp_path)
    assert story.read_text(encoding="utf-8") == "The U.S.U.S. team met.\nThe U.N. team met.\n"
    assert result.returncode == 0


@pytest.mark.parametrize("entry,problem", [
    ('[[allow]]\npath = "desk/*"\ncode = "NEG002"\ntext = "x"\n', "allow entry 1: needs reason (a string each)"),
    ('[[allow]]\npath = "desk/*"\ncode = "NEG02"\ntext = "x"\nreason = "y"\n',
     "allow: unknown rule code or name 'NEG02' (did you mean NEG002, NEG004, NEG003?)"),
    ('[[allow]]\npath = "desk/*"\ncode = "NEG002"\ntext = "x"\nreason = "y"\nline = 3\n',
     "allow entry 1: unknown key(s) line (known: path, code, text, reason)"),
    ('allow = "NEG002"\n', "allow must be a list of tables ([[allow]] entries)"),
])
def test_a_bad_allowance_is_one_line_exit_2(tmp_path, entry, problem):
    _desk(tmp_path, "story.txt", MINISTER + "\n")
    (tmp_path / ".copydesk.toml").write_text(entry, encoding="utf-8")
    result = run_cli("check", "desk", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode() == f"copydesk: error: {tmp_path / '.copydesk.toml'}: {problem}\n"


def test_explain_says_how_to_keep_words_as_written():
    text = run_cli("explain", "NEG001").stdout.decode()
    assert "`<!-- copydesk-disable-next-line NEG001 -->`" in text
    assert '    [[allow]]\n    path = "desk/story.txt"\n    code = "NEG001"\n' in text
