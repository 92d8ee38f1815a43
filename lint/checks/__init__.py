"""Python rules, one module per family. RULES lists every rule class."""

from __future__ import annotations

from . import duplication, whitespace

RULES = [cls for module in (duplication, whitespace) for cls in module.RULES]
