"""Automatic checks on review text. Each returns findings for the moderator, not verdicts.

The check ids and whether a check rejects or flags come from model.review_settings, the
same table the "How we check reviews" page is rendered from. The checks that need more than the
text (repeat reviewers, rate limit, the partner's own domain, invitations) are in importer.py,
and so is the removal of personal data (model.personal_data), which runs before these:
the texts they see hold markers such as "[email removed]" instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from copernica_directory.model.personal_data import COMMON_TLDS, redact
from copernica_directory.model.review import Check
from copernica_directory.model.review_settings import (
    CHECK_OUTCOMES,
    REVIEW_SETTINGS,
    ReviewSettings,
)
from copernica_directory.reviews.text import clip


def finding(check: str, detail: str) -> Check:
    """A finding of `check`, with the outcome the settings give that check. A detail may quote
    what was submitted (a partner or rating field), so personal data is removed from it too."""
    detail = redact(detail)[0]
    detail = clip(detail, REVIEW_SETTINGS.detail_max)
    return Check(check=check, outcome=CHECK_OUTCOMES[check], detail=detail)


# A bare domain counts as a link when it ends with a common top-level domain or one that
# spam often uses.
_TLDS = "|".join((
    *COMMON_TLDS, "ru", "cn", "xyz", "top", "shop", "site", "app", "dev", "ly", "me", "tk",
    "link", "click", "club", "store", "pro",
))  # fmt: skip
_LINK = re.compile(
    r"(?:\bhttps?://|\bwww\.)[^\s<>\"']+"
    rf"|\b[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*\.(?:{_TLDS})\b(?:/[^\s<>\"']*)?",
    re.IGNORECASE,
)
# As browsers read tags: no space after "<", so "a < b and c > d" is not markup.
_TAG = re.compile(r"</?([a-z][a-z0-9-]*)(?:[\s/][^<>]*)?>", re.IGNORECASE)

# Swearing in English and Dutch. Whole words and their common forms only, so "Dickens",
# "Scunthorpe" or "kantoor" never match; healthcare words ("kanker" alone) are left out.
_PROFANITY_WORDS = (
    # English
    r"fuck\w*|motherf\w*|shit|shits|shitty|bullshit|crap|crappy|asshole\w*|arsehole\w*|"
    r"bastard\w*|bitch\w*|dickhead\w*|wank\w*|bollocks|cunt\w*|piss|pissed|twat\w*|"
    r"scumbag\w*|dumbass\w*|"
    # Dutch
    r"kut|kutbedrijf|kutzooi|kutwerk|klote\w*|kanker\w+|godverdomme|godver|gvd|tering\w*|"
    r"tyfus\w*|klootzak\w*|lul|lullen|eikel\w*|hoer|hoeren|sukkel\w*|debiel\w*|mongool\w*|"
    r"flikker\w*|zak hooi"
)
_PROFANITY = re.compile(rf"(?<!\w)(?:{_PROFANITY_WORDS})(?!\w)", re.IGNORECASE)


def _quoted(found: Iterable[str], limit: int = 3, trim: str = ".,;:!?)(") -> str:
    unique = list(dict.fromkeys(clip(f.strip(trim), 40) for f in found))
    shown = ", ".join(unique[:limit])
    more = len(unique) - limit
    return shown + (f" and {more} more" if more > 0 else "")


def text_checks(*texts: str, settings: ReviewSettings = REVIEW_SETTINGS) -> list[Check]:
    """Flags for links, profanity, shouting and markup in everything the reviewer typed that
    may be published (title, text, name, company), after personal data was removed."""
    text = "\n".join(texts)
    findings: list[Check] = []
    links = _LINK.findall(text)
    if links:
        noun = "link" if len(links) == 1 else "links"
        findings.append(finding("links", f"{len(links)} {noun}: {_quoted(links)}"))
    swearing = _PROFANITY.findall(text)
    if swearing:
        findings.append(finding("profanity", _quoted(swearing)))
    shouting = _shouting(text, settings)
    if shouting:
        findings.append(finding("shouting", shouting))
    tags = _TAG.findall(text)
    if tags:
        names = _quoted(f"<{t.lower()}>" for t in tags)
        findings.append(finding("markup", f"HTML tags {names}; they are shown as typed, as text"))
    return findings


def _shouting(text: str, settings: ReviewSettings) -> str:
    letters = [ch for ch in text if ch.isalpha()]
    upper = sum(ch.isupper() for ch in letters)
    reasons = []
    if len(letters) >= settings.caps_min_letters and upper / len(letters) >= settings.caps_ratio:
        reasons.append(f"{round(100 * upper / len(letters))}% capital letters")
    runs = re.findall(rf"(([^\s\d])\2{{{settings.repeat_run - 1},}})", text)
    if runs:
        reasons.append(f"repeated characters: {_quoted((r[0] for r in runs), trim='')}")
    return "; ".join(reasons)
