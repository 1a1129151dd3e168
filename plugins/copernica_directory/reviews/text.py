"""Cleaning what visitors typed, and guessing the language it is in."""

from __future__ import annotations

import re
import unicodedata

# Zero-width joiners keep emoji sequences (👩‍💻) whole; every other format character, such as
# the bidirectional overrides of "Trojan Source" text, is dropped.
_KEEP_FORMAT = {"\u200c", "\u200d"}
_NEWLINES = re.compile(r"\r\n|[\r\x85\u2028\u2029]")
_BLANK_LINES = re.compile(r"\n{3,}")


def _dropped(ch: str) -> bool:
    category = unicodedata.category(ch)
    if category == "Cf":
        return ch not in _KEEP_FORMAT
    return category in ("Cc", "Cs") and ch != "\n"


def clean_text(value: str, multiline: bool = False) -> str:
    """Text as it will be stored: NFC, no control characters or tabs, trimmed.

    One-line fields get their whitespace collapsed; multi-line text keeps its line breaks and
    at most one blank line between paragraphs.
    """
    text = _NEWLINES.sub("\n", unicodedata.normalize("NFC", value)).replace("\t", " ")
    text = "".join(ch for ch in text if not _dropped(ch))
    if not multiline:
        return " ".join(text.split())
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def clip(text: str, limit: int) -> str:
    """At most `limit` characters; a clipped text ends in an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# A few of the most frequent short words of each language partners work in. Enough to tell
# a Dutch review from an English or German one; anything unclear keeps the page's language.
_STOPWORDS = {
    "en": "the and is are was were with for you your they this that have has not very our we "
    "would recommend great team",
    "nl": "de het een en is zijn was met voor niet zeer ons wij we hebben heeft ook maar "
    "goed aan bij echt zij hun onze",
    "de": "der die das und ist sind war mit für nicht sehr uns wir haben hat auch aber gut "
    "ein eine zu sie",
    "fr": "le la les et est sont était avec pour pas très nous avons ont aussi mais bien un "
    "une des du",
    "es": "el la los las y es son fue con para no muy nosotros hemos han también pero bien "
    "un una del",
}
_WORDS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}
_TOKEN = re.compile(r"[^\W\d_]+")


def guess_language(text: str, fallback: str) -> str:
    """The language of `text` among those above, or `fallback` when it is not clear."""
    tokens = [t.casefold() for t in _TOKEN.findall(text)]
    if not tokens:
        return fallback
    scores = sorted(
        ((sum(t in words for t in tokens), lang) for lang, words in _WORDS.items()), reverse=True
    )
    (best, lang), (second, _) = scores[0], scores[1]
    # Needs a few hits and a clear lead: "de" and "is" alone are both Dutch and English-ish.
    if best >= 2 and best >= 1.5 * second:
        return lang
    return fallback
