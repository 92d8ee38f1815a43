"""Other linters run as copydesk rule packs."""

from __future__ import annotations


def adapter_rules() -> list:
    return []
