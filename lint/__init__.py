"""copydesk: a linter and auto-fixer for article copy."""

__version__ = "0.1.0"
