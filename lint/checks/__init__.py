"""Python rules, one module per family. RULES lists every rule class."""

from __future__ import annotations

from . import captions, charset, clusters, directives, duplication, encoding, negation, phrases, punctuation, spacing, templates, whitespace

RULES = [cls for module in (duplication, phrases, punctuation, spacing, whitespace, encoding, charset, captions, negation, clusters,
                                                   templates, directives)
         for cls in module.RULES]
