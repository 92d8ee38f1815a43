"""Other linters run as copydesk rule packs."""

from __future__ import annotations


def adapter_rules() -> list:
    """Rules that run another linter's checks (proselint: PL codes)."""
    from . import proselint

    return proselint.rules()
