"""Checks shared by every free-text field: visible content and control characters."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

# Control characters (C0 other than tab and newline, DEL and C1) are rejected, because they
# reach the CSV and XLSX exports raw and can break or disguise a cell there.
_FORBIDDEN_CONTROL: Final = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# Whitespace, control and format characters (zero width space, joiners, bidi marks…).
_INVISIBLE_CATEGORIES: Final = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
# Letters and symbols that fonts draw as blank: the Hangul fillers and the blank braille cell.
_BLANK_GLYPHS: Final = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def has_visible_text(text: str) -> bool:
    """Return whether `text` has a character that shows on screen.

    Whitespace and the Unicode categories Cc, Cf, Zs, Zl and Zp do not count, so a text of
    zero width spaces or bidi marks counts as empty.
    """
    return any(
        unicodedata.category(char) not in _INVISIBLE_CATEGORIES and char not in _BLANK_GLYPHS
        for char in text
    )


def control_character_message(label: str, text: str) -> str | None:
    """Return the French message for a control character in `text`, or None if it has none.

    Tab and newline are allowed. `label` is the field's name as the form shows it.
    """
    found = _FORBIDDEN_CONTROL.search(text)
    if found is None:
        return None
    return (
        f"Le champ « {label} » contient un caractère de contrôle (U+{ord(found.group()):04X}) "
        "qui n'est pas accepté : retirez-le. Seuls les retours à la ligne et les tabulations "
        "sont permis."
    )
