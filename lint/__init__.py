"""copydesk: a linter and auto-fixer for article copy."""

__version__ = "0.2.0"

from .api import check_text, fix_text  # noqa: E402

__all__ = ["check_text", "fix_text", "__version__"]
