"""Where the shared corpora are, for every bench script: $COPYDESK_CORPORA,
else ../shared/corpora beside the checkout."""

from __future__ import annotations

import os
import sys
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent


def corpora_dir() -> Path:
    for candidate in (os.environ.get("COPYDESK_CORPORA"), CHECKOUT.parent / "shared" / "corpora",
                      "/work/shared/corpora"):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    sys.exit("corpora not found: set COPYDESK_CORPORA")
