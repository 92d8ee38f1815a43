"""Python rules, one module per family. RULES lists every rule class."""

from __future__ import annotations

from . import captions, duplication, negation, whitespace

RULES = [cls for module in (duplication, whitespace, captions, negation) for cls in module.RULES]
