"""Python rules, one module per family. RULES lists every rule class."""

from __future__ import annotations

from . import captions, duplication, encoding, negation, punctuation, whitespace

RULES = [cls for module in (duplication, punctuation, whitespace, encoding, captions, negation) for cls in module.RULES]
