"""Text as people can read it: control characters and lone surrogates removed.

A NUL byte in a first name (from an imported CSV, a pasted string) cannot be stored by
PostgreSQL at all, and the other control characters only break screens and exports.
:func:`clean_text` is applied where text enters: registration and the CSV import on the
kiosk, every pushed payload on the server.
"""

from __future__ import annotations

import unicodedata

_KEPT = frozenset("\t\n")  # a note or a comment may have lines


def has_control(text: str) -> bool:
    """True when *text* holds a character :func:`clean_text` would remove."""
    return any(_removed(char) for char in text)


def clean_text(text: str) -> str:
    """*text* without control characters (tab and newline kept) or lone surrogates."""
    if not has_control(text):
        return text
    return "".join(char for char in text if not _removed(char))


def _removed(char: str) -> bool:
    if char in _KEPT:
        return False
    return unicodedata.category(char) in ("Cc", "Cs")
