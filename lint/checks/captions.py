"""CAP: placeholder module, rules arrive with their issue."""

RULES: list = []
