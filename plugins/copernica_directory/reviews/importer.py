"""The import: Netlify submissions in, one review file per submission out.

Every submission of the review form becomes `content/reviews/<partner>/<id>.yaml`: pending, or
rejected by the automatic checks with their reasons (still written, never dropped), or, if its
id is already in the repository, nothing at all (a duplicate: imported before, maybe moderated
since, and never touched again). Submissions of other forms are counted and skipped. Whatever
cannot be read is reported. The result depends only on the submissions and the repository, not
on the clock, so importing the same export twice, or overlapping ones, gives the same files.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, insort
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from email_validator import EmailNotValidError, validate_email

from copernica_directory.model import Content, Problem, load_content
from copernica_directory.model.loader import review_paths
from copernica_directory.model.personal_data import describe, phone_regions, redact
from copernica_directory.model.review import REVIEW_ID_RE, Author, Check, Moderation, Review
from copernica_directory.model.review_settings import (
    AUTOMATIC_MODERATOR,
    REVIEW_SETTINGS,
    UNKNOWN_PARTNER_FOLDER,
    ReviewSettings,
)
from copernica_directory.model.vocab import DEFAULT_LANGUAGE, language_codes
from copernica_directory.reviews.checks import finding, text_checks
from copernica_directory.reviews.invite import check_token
from copernica_directory.reviews.netlify import Submission, parse_submissions
from copernica_directory.reviews.privacy import (
    Keys,
    at_domain,
    email_domain,
    email_hash,
    organisation_domains,
)
from copernica_directory.reviews.store import (
    remove_stale_temp_files,
    review_path,
    review_yaml,
    write_many,
)
from copernica_directory.reviews.text import clean_text, clip, guess_language


class ContentProblems(Exception):
    """The content tree has problems; nothing is imported until they are fixed."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} content problems")
        self.problems = problems


@dataclass
class ImportResult:
    """What an import did, for the summary line and for tests."""

    created: list[Path] = field(default_factory=list)
    pending: int = 0
    rejected: int = 0
    duplicates: int = 0
    skipped: int = 0
    problems: list[str] = field(default_factory=list)
    cleaned: list[Path] = field(default_factory=list)

    def summary(self) -> str:
        problems = len(self.problems)
        return (
            f"import: {len(self.created)} created ({self.pending} pending, "
            f"{self.rejected} rejected automatically), {self.duplicates} duplicates, "
            f"{self.skipped} skipped (other forms), "
            f"{problems} {'problem' if problems == 1 else 'problems'}"
        )


@dataclass
class _Seen:
    """What earlier reviews tell about a new one: by email hash, partner and invitation."""

    by_reviewer: dict[tuple[str, str], list[Review]] = field(
        default_factory=lambda: defaultdict(list)
    )
    times: dict[str, list[dt.datetime]] = field(default_factory=lambda: defaultdict(list))
    invites: dict[str, str] = field(default_factory=dict)

    def add(self, review: Review) -> None:
        if review.email_hash:
            self.by_reviewer[(review.email_hash, review.partner or "")].append(review)
            insort(self.times[review.email_hash], review.submitted)
        if review.invite:
            self.invites.setdefault(review.invite, review.id)


def import_submissions(
    root: Path,
    document: object,
    keys: Keys,
    settings: ReviewSettings = REVIEW_SETTINGS,
    durable: bool = True,
) -> ImportResult:
    """Import the submissions in `document` (the API's JSON) into the content tree at `root`.

    Raises ValueError when `document` is not a list of submissions, ContentProblems when the
    content tree does not validate.
    """
    result = ImportResult(cleaned=remove_stale_temp_files(root))
    submissions, result.problems = parse_submissions(document, settings.field_read_max)
    existing = set(review_paths(root))
    fresh: dict[str, Submission] = {}
    for sub in submissions:
        if sub.form_name != settings.form_name:
            result.skipped += 1
        elif sub.id in existing or sub.id in fresh:
            result.duplicates += 1
        elif not REVIEW_ID_RE.match(sub.id):
            result.problems.append(f"submission id {sub.id!r} cannot be a file name; not imported")
        else:
            fresh[sub.id] = sub
    if not fresh:
        return result  # a re-import reads no review file and writes nothing

    content, problems = load_content(root)
    if problems:
        raise ContentProblems(problems)
    seen = _Seen()
    for review in sorted(content.reviews.values(), key=lambda r: (r.submitted, r.id)):
        seen.add(review)
    # Oldest first, so "reviewed this partner before" and the rate limit read in time order.
    files = []
    for sub in sorted(fresh.values(), key=lambda s: (s.created_at, s.id)):
        review = assess(sub, content, seen, keys, settings)
        seen.add(review)
        folder = review.partner if review.partner in content.partners else UNKNOWN_PARTNER_FOLDER
        files.append((review_path(root, folder, review.id), review_yaml(review)))
        if review.status == "rejected":
            result.rejected += 1
        else:
            result.pending += 1
    write_many(files, durable=durable)
    result.created = [path for path, _ in files]
    return result


def assess(
    sub: Submission, content: Content, seen: _Seen, keys: Keys, settings: ReviewSettings
) -> Review:
    """The review a submission becomes: its values, what the checks found, and its status."""
    s = settings
    rejections: list[Check] = []

    def reject(check: str, detail: str) -> None:
        rejections.append(finding(check, detail))

    if sub.get(s.honeypot_field).strip():
        reject("honeypot", "the hidden field that only robots fill in was filled in")
    slug = clean_text(sub.get("partner"))
    partner = content.partners.get(slug)
    if partner is None:
        reject("unknown_partner", f"no partner {clip(slug, 60)!r}" if slug else "no partner given")
    if not sub.get("consent").strip():
        reject("consent", "the reviewer did not agree to publication")

    rating_text = clean_text(sub.get("rating"))
    digits = rating_text.isascii() and rating_text.isdigit() and len(rating_text) < 3
    rating = int(rating_text) if digits else None
    if rating is None or not s.rating_min <= rating <= s.rating_max:
        shown = f"{clip(rating_text, 20)!r} is not" if rating_text else "no rating; expected"
        reject("rating", f"{shown} a whole number from {s.rating_min} to {s.rating_max}")
        rating = None

    typed = {
        "title": clean_text(sub.get("title")),
        "body": clean_text(sub.get("body"), multiline=True),
        "name": clean_text(sub.get("name")),
        "company": clean_text(sub.get("company")),
    }
    for check, label, key, limit in (
        ("title", "title", "title", s.title_max),
        ("text", "text", "body", s.body_max),
        ("author", "name", "name", s.name_max),
        ("author", "company", "company", s.company_max),
    ):
        # What was submitted, also when it was longer than the import reads.
        length = sub.cut.get(key, len(typed[key]))
        if not typed[key] and label != "company":
            reject(check, f"the {label} is empty")
        elif length > limit:
            reject(
                check,
                f"the {label} is {length:,} characters; at most {limit:,} allowed (the first "
                f"{limit:,} are stored; all of it stays in Netlify's submissions)",
            )
    oversized = sorted(set(sub.cut) - set(typed))
    if oversized:
        shown = ", ".join(f"{clip(name, 40)!r} ({sub.cut[name]:,})" for name in oversized[:3])
        shown += f" and {len(oversized) - 3} more" if len(oversized) > 3 else ""
        reject(
            "oversized",
            f"fields longer than {s.field_read_max:,} characters: {shown} (not stored; "
            "they stay in Netlify's submissions)",
        )

    lang_hint = sub.get("lang").strip().lower()
    fallback = lang_hint if lang_hint in language_codes() else DEFAULT_LANGUAGE
    lang = guess_language(f"{typed['title']}\n{typed['body']}", fallback)
    countries = partner.countries if partner is not None else ()
    regions = phone_regions([lang, fallback], countries)
    text, removed = _redacted(typed, regions, s)

    address = sub.get("email").strip()
    hashed = email_hash(address, keys.hash_key) if address else None
    if not address:
        reject("email", "no email address")
    elif not valid_address(address):
        reject("email", "not a valid email address")

    flags = ([finding("personal_data", removed)] if removed else []) + text_checks(
        text["title"], text["body"], text["name"], text["company"], settings=s
    )
    verification, invite = "unverified", None
    token = sub.get("invite").strip()
    if token and hashed:
        verdict = check_token(token, slug, hashed, sub.created_at, keys.token_key)
        if verdict.valid and verdict.token_id in seen.invites:
            used_by = seen.invites[verdict.token_id]
            flags.append(finding("invite", f"the invitation was already used (review {used_by})"))
        elif verdict.valid:
            verification, invite = "invited", verdict.token_id
        else:
            flags.append(finding("invite", verdict.reason))
    if partner is not None and address:
        own = at_domain(
            email_domain(address), organisation_domains(partner.website, partner.contact.email)
        )
        if own:
            flags.append(
                finding("own_domain", f"the address is at {own}, the partner's own domain")
            )
    if hashed:
        flags.extend(_reviewer_checks(hashed, slug, sub.created_at, seen, s))

    status = "rejected" if rejections else "pending"
    return Review(
        id=sub.id,
        partner=clip(redact(slug, regions)[0], 100) or None,
        status=status,
        submitted=sub.created_at,
        verification=verification,
        rating=rating,
        title=text["title"] or None,
        body=text["body"] or None,
        author=Author(name=text["name"] or None, company=text["company"] or None),
        email_hash=hashed,
        lang=lang,
        invite=invite,
        checks=tuple(rejections + flags),
        # The checks decide as of the submission, so a re-import writes the same bytes.
        moderation=(
            Moderation(
                by=AUTOMATIC_MODERATOR,
                at=sub.created_at,
                reason=clip("; ".join(c.detail for c in rejections), s.reason_max),
            )
            if rejections
            else None
        ),
    )


_FIELD_NAMES = {
    "title": "the title",
    "body": "the text",
    "name": "the name",
    "company": "the company",
}


def _redacted(
    typed: dict[str, str], regions: tuple[str, ...], s: ReviewSettings
) -> tuple[dict[str, str], str]:
    """The fields as stored: personal data replaced by markers, then cut to their limits; and
    what was removed, for the `personal_data` finding ("" when nothing was)."""
    limits = {
        "title": s.title_max,
        "body": s.body_max,
        "name": s.name_max,
        "company": s.company_max,
    }
    stored: dict[str, str] = {}
    total: Counter[str] = Counter()
    where, cut = [], []
    for key, value in typed.items():
        redacted, counts = redact(value, regions)
        if counts:
            total += counts
            where.append(_FIELD_NAMES[key])
            if len(value) <= limits[key] < len(redacted):
                cut.append(_FIELD_NAMES[key])  # the markers made an accepted text too long
        stored[key] = clip(redacted, limits[key])
    if not total:
        return stored, ""
    places = ", ".join(where[:-1]) + (" and " if len(where) > 1 else "") + where[-1]
    detail = f"{describe(total)} removed from {places}"
    if cut:
        detail += f"; {' and '.join(cut)} cut to the limit after removing"
    return stored, detail


# The rule browsers apply to <input type="email"> (WHATWG HTML), checked first because it is
# fast; addresses it refuses (international ones) get the full RFC check.
_BROWSER_EMAIL = re.compile(
    r"[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"
    r"(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*"
)


def valid_address(address: str) -> bool:
    """Would the form have accepted this address?"""
    if _BROWSER_EMAIL.fullmatch(address):
        return True
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def _reviewer_checks(
    hashed: str, slug: str, at: dt.datetime, seen: _Seen, s: ReviewSettings
) -> list[Check]:
    flags = []
    earlier = seen.by_reviewer.get((hashed, slug), [])
    if earlier:
        first = earlier[0]
        flags.append(
            finding(
                "repeat_reviewer",
                f"this address reviewed this partner before (review {first.id}, "
                f"{first.submitted.date().isoformat()}, {first.status})",
            )
        )
    times = seen.times.get(hashed, [])
    window_start = at - dt.timedelta(hours=s.rate_limit_hours)
    recent = len(times) - bisect_left(times, window_start)
    if recent >= s.rate_limit_count:
        flags.append(
            finding(
                "rate_limit",
                f"review number {recent + 1} from this address within {s.rate_limit_hours} hours",
            )
        )
    return flags
