"""Rules written as data: the YAML packs under rules/ and a newsroom's own.

pack.py loads a pack (existence, substitution and boilerplate kinds, each
rule with its docs), phrasebook.py matches many phrases in one pass, and
consistency.py is the kind behind house-style rules that compare the
spellings an article uses with each other.

Imports lint.core, lint.speed and the proselint adapter's helpers.
"""
