"""copydesk: a linter and auto-fixer for article copy."""

__version__ = "0.2.0"

__all__ = ["check_text", "fix_text", "__version__"]


def __getattr__(name: str):
    # check_text and fix_text load when first asked for: the `copydesk`
    # command (launch.py) and its workers import this package before they
    # decide how to start.
    if name in ("check_text", "fix_text"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'lint' has no attribute {name!r}")


def __dir__():
    return sorted({*globals(), *__all__})
