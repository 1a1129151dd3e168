"""Characters no text on the site may hold: invisible ones that change what a reader sees.

Bidirectional controls (U+202A-202E, U+2066-2069) reorder what follows them, so a name can
read differently from what it says ("Trojan Source"); zero-width and other format characters
make two names look alike and hide words from search. Text fields refuse them by name.

Refused: every format character (Unicode category Cf: bidirectional controls and marks, soft
hyphen, zero-width space, word joiner, byte-order mark, invisible tags ...), every control
character (Cc) but line feed and tab, line and paragraph separators (U+2028, U+2029) and lone
surrogates. Kept: ZERO WIDTH JOINER (U+200D) and ZERO WIDTH NON-JOINER (U+200C), which emoji
sequences (👩‍💻) and scripts such as Persian and Hindi need; the review tools keep the same two
when they clean what visitors typed (reviews.text), so an imported review always loads.
"""

from __future__ import annotations

import unicodedata

KEPT = frozenset({"\n", "\t", "\u200c", "\u200d"})
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def character_name(ch: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE', or 'U+0007 (a control character)'."""
    name = unicodedata.name(ch, "")
    if not name:
        kind = "a control character" if unicodedata.category(ch) == "Cc" else "no name"
        name = f"({kind})"
    return f"U+{ord(ch):04X} {name}"


def invisible_character(text: str) -> tuple[int, str] | None:
    """The first refused character of `text`: (its position from 1, the character)."""
    # Fast path in C for the usual text: only printable characters, line feeds and tabs.
    if text.isprintable() or text.replace("\n", "").replace("\t", "").isprintable():
        return None
    for index, ch in enumerate(text):
        refused = not ch.isprintable() and ch not in KEPT
        if refused and unicodedata.category(ch) in _REFUSED_CATEGORIES:
            return index + 1, ch
    return None


def invisible_problem(text: str) -> str | None:
    """The message for the first refused character of `text`, or None."""
    found = invisible_character(text)
    if found is None:
        return None
    position, ch = found
    return f"contains {character_name(ch)} at character {position}; remove it"
