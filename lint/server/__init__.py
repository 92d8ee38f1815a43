"""The language server behind `copydesk server`: copydesk in an editor.

    positions.py  LSP positions (UTF-16 or UTF-32 code units, LSP line
                  breaks) <-> copydesk's code-point offsets, and incremental
                  text changes applied with the same rules
    edits.py      the edits the server offers that are not a rule's fix:
                  "disable RULE for this line" (lint/core/suppress.py's
                  directive) and the minimal edits of "fix all"
    lsp.py        the pygls server: diagnostics on open, change and save,
                  quick fixes, the source.fixAll.copydesk action, hover docs

Only lsp.py imports pygls, and only `copydesk server` imports lsp.py:
`copydesk check` and `fix` never load it. Editor set-up: docs/editors.md.
"""
