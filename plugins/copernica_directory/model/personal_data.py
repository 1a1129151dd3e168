"""Contact details and account numbers in free text: found, counted and replaced by a marker.

Three kinds, each with the best detector for it:

- email addresses: a pattern (a finder has to search text; email-validator checks a whole
  string), generous on purpose, including the common obfuscations "jan (at) example (dot) nl",
  "jan[at]example.nl" and "jan at example dot nl" (also with Dutch "apenstaartje" and "punt");
- phone numbers: libphonenumber's PhoneNumberMatcher (the `phonenumbers` package) at leniency
  VALID, which knows each country's numbering plan, so years (2019-2021), amounts (1.000.000),
  dates and order numbers are not numbers anyone can call. Numbers written without the country
  code are read for the hint regions: the review's language's country, the partner's countries
  and the site's own markets;
- IBANs: candidates of the IBAN shape, confirmed by `schwifty` (the ISO 13616 mod-97 checksum
  and each country's length and account format), with spaces or dashes, in any case.

The review tools remove what is found before a review is written to git; the model refuses an
approved review that still holds any of it. Both use this one module, so what the import
removed and what the validator refuses cannot drift apart.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import phonenumbers

KINDS = ("email", "phone", "iban")
MARKERS = {
    "email": "[email removed]",
    "phone": "[phone removed]",
    "iban": "[account number removed]",
}
_NOUNS = {
    "email": ("email address", "email addresses"),
    "phone": ("phone number", "phone numbers"),
    "iban": ("account number", "account numbers"),
}

# The country whose numbers a text in this language most likely holds.
LANGUAGE_REGIONS = {"en": "GB", "nl": "NL", "de": "DE", "fr": "FR", "es": "ES"}
# Always read as well: the countries of the site's two languages and their neighbours.
BASE_REGIONS = ("NL", "BE", "GB", "DE")
# PhoneNumberMatcher tries at most this many candidates per text and region: bounded work.
_MAX_TRIES = 200
# No phone number has fewer digits than this (with its trunk prefix); shorter texts skip the
# matcher entirely, which keeps the validator fast over thousands of reviews.
_MIN_PHONE_DIGITS = 6

# The local part starts with a letter or digit, so a quote before an address stays in the text.
_LOCAL = r"\w[\w!#$%&'*+/=?^`{|}~-]*(?:\.[\w!#$%&'*+/=?^`{|}~-]+)*"
_LABEL = r"[\w](?:[\w-]*\w)?"
_OPEN, _CLOSE = r"[\[({<]", r"[\])}>]"
_AT = rf"(?:\s*[@＠﹫]\s*|\s*{_OPEN}\s*(?:at|@|apenstaartje)\s*{_CLOSE}\s*)"
_DOT = rf"(?:\.|\s*{_OPEN}\s*(?:dot|punt|\.)\s*{_CLOSE}\s*)"
_EMAIL = re.compile(
    rf"(?<![\w.+-]){_LOCAL}{_AT}{_LABEL}(?:{_DOT}{_LABEL})*{_DOT}[^\W\d_]{{2,24}}(?![\w-])",
    re.IGNORECASE,
)
# The top-level domains most addresses in reviews end with: the generic ones and those of the
# site's markets. Domain names in running text are recognised by them (here and in the review
# checks' links), since a list of every domain would match ordinary words.
COMMON_TLDS = (
    "com", "net", "org", "info", "biz", "io", "co", "eu", "nl", "be", "de", "uk", "fr", "es",
    "it", "no", "se", "dk", "fi", "at", "ch", "pl", "pt", "online",
)  # fmt: skip
# In plain words it needs "dot" or "punt" and a common top-level domain at the end, so "we met
# at the office" or "dot by dot" are no addresses; "look at this dot com" is removed, rarely.
_WORD_TLDS = "|".join((*COMMON_TLDS, "email"))
_WORD_EMAIL = re.compile(
    rf"(?<![\w.+-]){_LOCAL}\s+(?:at|apenstaartje)\s+{_LABEL}(?:\s+(?:dot|punt)\s+{_LABEL})*"
    rf"\s+(?:dot|punt)\s+(?:{_WORD_TLDS})(?![\w-])",
    re.IGNORECASE,
)
# Two letters, two digits, then 11 to 30 letters and digits in groups: the IBAN shape.
_IBAN_START = re.compile(r"(?<![\w])[A-Z]{2}\d{2}(?=[ -]?[A-Z0-9])", re.IGNORECASE)
_IBAN_CHAR = re.compile(r"[A-Z0-9]", re.IGNORECASE)
_IBAN_MIN, _IBAN_MAX = 15, 34
_DIGIT = re.compile(r"\d")
# Every address form above has one of these; a text without any needs no further search.
_EMAIL_HINT = re.compile(r"[@＠﹫]|\bat\b|apenstaartje", re.IGNORECASE)


@dataclass(frozen=True)
class Found:
    """One piece of personal data: its kind and where it is in the text."""

    kind: str
    start: int
    end: int


def phone_regions(
    languages: Iterable[str | None] = (), countries: Iterable[str] = ()
) -> tuple[str, ...]:
    """The regions a national number ("020 789 1234") is read for: the languages' countries,
    the given countries (the partner's), and BASE_REGIONS."""
    regions = [LANGUAGE_REGIONS[lang] for lang in languages if lang in LANGUAGE_REGIONS]
    regions += [c.upper() for c in countries if c and len(c) == 2]
    return tuple(dict.fromkeys([*regions, *BASE_REGIONS]))


def find(text: str, regions: Iterable[str] = BASE_REGIONS) -> list[Found]:
    """Every email address, IBAN and phone number in `text`, in order, never overlapping."""
    found = [Found("email", m.start(), m.end()) for m in _emails(text)]
    masked = _mask(text, found) if found else text
    found += _ibans(masked)
    masked = _mask(masked, found) if found else text
    found += _phones(masked, regions)
    return sorted(found, key=lambda f: f.start)


def redact(text: str, regions: Iterable[str] = BASE_REGIONS) -> tuple[str, Counter[str]]:
    """`text` with each piece of personal data replaced by its marker, and how many of each."""
    found = find(text, regions)
    parts, last = [], 0
    for item in found:
        parts += [text[last : item.start], MARKERS[item.kind]]
        last = item.end
    parts.append(text[last:])
    return "".join(parts), Counter(f.kind for f in found)


def describe(counts: Counter[str]) -> str:
    """ "2 email addresses and 1 phone number" (kinds in a fixed order)."""
    parts = [f"{counts[k]} {_NOUNS[k][counts[k] != 1]}" for k in KINDS if counts[k]]
    if len(parts) < 2:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _emails(text: str) -> list[re.Match[str]]:
    if not _EMAIL_HINT.search(text):
        return []
    matches = list(_EMAIL.finditer(text))
    taken = [(m.start(), m.end()) for m in matches]
    for m in _WORD_EMAIL.finditer(text):
        if not any(m.start() < end and start < m.end() for start, end in taken):
            matches.append(m)
    return matches


def _mask(text: str, found: Iterable[Found]) -> str:
    """The text with found spans overwritten by letters: a later detector skips them (a digit
    next to a letter starts no phone number) and every offset stays the same."""
    chars = list(text)
    for item in found:
        chars[item.start : item.end] = "x" * (item.end - item.start)
    return "".join(chars)


def _ibans(text: str) -> list[Found]:
    if not _IBAN_START.search(text):
        return []
    from schwifty import IBAN  # imported when a candidate appears: most texts have none
    from schwifty.exceptions import SchwiftyException

    found: list[Found] = []
    pos = 0
    while match := _IBAN_START.search(text, pos):
        start, compact, ends = match.start(), [], []
        i = start
        # Letters and digits, single spaces or dashes between them, up to the longest IBAN.
        while i < len(text) and len(compact) < _IBAN_MAX:
            if _IBAN_CHAR.match(text[i]):
                compact.append(text[i])
                ends.append(i + 1)
                i += 1
            elif text[i] in " -" and i + 1 < len(text) and _IBAN_CHAR.match(text[i + 1]):
                i += 1
            else:
                break
        hit = None
        for length in range(_IBAN_MIN, len(compact) + 1):
            end = ends[length - 1]
            if end < len(text) and text[end].isalnum():
                continue  # an IBAN ends where a word ends
            try:
                IBAN("".join(compact[:length]))
            except SchwiftyException:
                continue
            hit = Found("iban", start, end)
            break
        if hit:
            found.append(hit)
            pos = hit.end
        else:
            pos = match.end()
    return found


def _phones(text: str, regions: Iterable[str]) -> list[Found]:
    if len(_DIGIT.findall(text)) < _MIN_PHONE_DIGITS:
        return []
    spans: list[tuple[int, int]] = []
    for region in regions:
        matcher = phonenumbers.PhoneNumberMatcher(
            text, region, leniency=phonenumbers.Leniency.VALID, max_tries=_MAX_TRIES
        )
        spans += [(m.start, m.end) for m in matcher]
    # The same number read for two regions may be matched with or without its "+" or bracket.
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [Found("phone", start, end) for start, end in merged]
