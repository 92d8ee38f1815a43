"""The engine: what a document is and how rules run over it.

A Document (document.py) is an article's text cut into blocks; a Rule
(rule.py) reads it and returns Diagnostics (model.py); the engine
(engine.py) runs the selected rules, honours suppression comments
(suppress.py) and accepted findings (allow.py), and fix.py applies the
edits of the fixes asked for. lines.py and sentences.py turn offsets into
lines and text into sentences; recurring.py keys the lines a run's files
share (a site's template); atomic.py replaces a file whole or not at all
(what `fix` writes, a Word file's fixed copy, the caches; it imports only
the standard library, so lint.speed may use it too).

Imports only the standard library, `regex` and lint.speed.
"""
