"""ENC005: a file that is not UTF-8."""

from __future__ import annotations

from ..core.model import Severity
from ..core.rule import Rule


class NotUtf8(Rule):
    """
    ## What it does
    Flags a text file that is not in UTF-8: Windows-1252 or Latin-1 from
    an older newsroom system or Word's "plain text", UTF-16 with its
    byte-order mark. copydesk finds the encoding (or takes `--encoding
    NAME`), reads the file in it and checks it as usual; this finding says
    which encoding that was, once per file.

    ## Why it matters
    Pipelines, CMS imports and version control expect UTF-8. A file in
    another encoding shows its accents and curly quotes as mojibake
    ("cafÃ©", "donâ€™t") the moment a UTF-8 tool reads it.

    ## Example
    ```
    Le café est fermé.        (saved as Windows-1252: the é is the byte 0xE9)
    ```
    is reported as "the file is in Windows-1252, not UTF-8".

    ## Fix safety
    No text fix. `copydesk fix --encoding-fix` (or `encoding-fix = true`
    in the configuration) writes the file back as UTF-8, with the same
    characters. Without it, `fix` writes a file back in its own encoding,
    and refuses, naming the character, when a fix wrote one that encoding
    cannot hold.
    """

    code = "ENC005"
    name = "encoding.not-utf8"
    severity = Severity.WARNING
    rewrites_words = False
    prose_only = False

    def check(self, doc):
        if doc.encoding != "utf-8":
            from ..formats.charsets import label

            yield self.diagnostic(0, 0, f"the file is in {label(doc.encoding)}, not UTF-8")


RULES = [NotUtf8]
