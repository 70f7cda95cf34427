"""Text as people can read it: control characters and lone surrogates removed.

A NUL byte in a first name (from an imported CSV, a pasted string) cannot be stored by
PostgreSQL at all, and the other control characters only break screens and exports.
:func:`clean_text` is applied where text enters: registration and the CSV import on the
kiosk, every pushed payload on the server.
"""

from __future__ import annotations

import re

# Unicode's control characters (category Cc: U+0000-U+001F, U+007F-U+009F) but tab and
# newline, and lone surrogates (Cs): one regular expression, run in C for every pushed
# string
_REMOVED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def has_control(text: str) -> bool:
    """True when *text* holds a character :func:`clean_text` would remove."""
    return _REMOVED.search(text) is not None


def clean_text(text: str) -> str:
    """*text* without control characters (tab and newline kept) or lone surrogates."""
    return _REMOVED.sub("", text)
