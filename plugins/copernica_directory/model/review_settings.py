"""Review settings, in one place: the model, the review tools and the theme all read these.

The "How we check reviews" page is rendered from the same values, so what the site promises
and what the code does cannot drift apart. Values that differ per deployment (the Netlify form
id, the API address, the public site address) are read from the environment when asked for
(declared in settings.tools).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from copernica_directory.settings import tool_value

STATUSES = ("pending", "approved", "rejected")
VERIFICATIONS = ("invited", "unverified")
OUTCOMES = ("reject", "flag")

# Folder for submissions that named no known partner: kept (rejected), never silently dropped.
UNKNOWN_PARTNER_FOLDER = "_unknown"
# The `moderation.by` of a review the automatic checks rejected at import.
AUTOMATIC_MODERATOR = "automatic checks"


@dataclass(frozen=True)
class CheckInfo:
    """One automatic check: its id (as written in a review's `checks`) and what it does."""

    id: str
    outcome: str  # "reject": the review is rejected at import; "flag": a moderator looks


# In the order the moderator and the "How we check reviews" page see them.
CHECKS: tuple[CheckInfo, ...] = (
    CheckInfo("honeypot", "reject"),
    CheckInfo("unknown_partner", "reject"),
    CheckInfo("consent", "reject"),
    CheckInfo("rating", "reject"),
    CheckInfo("title", "reject"),
    CheckInfo("text", "reject"),
    CheckInfo("author", "reject"),
    CheckInfo("email", "reject"),
    CheckInfo("oversized", "reject"),
    CheckInfo("links", "flag"),
    CheckInfo("personal_data", "flag"),
    CheckInfo("profanity", "flag"),
    CheckInfo("shouting", "flag"),
    CheckInfo("markup", "flag"),
    CheckInfo("repeat_reviewer", "flag"),
    CheckInfo("rate_limit", "flag"),
    CheckInfo("own_domain", "flag"),
    CheckInfo("invite", "flag"),
)
CHECK_IDS: tuple[str, ...] = tuple(c.id for c in CHECKS)
CHECK_OUTCOMES: dict[str, str] = {c.id: c.outcome for c in CHECKS}


@dataclass(frozen=True)
class ReviewSettings:
    """Limits and thresholds of the review pipeline."""

    # The Netlify form: its name, the honeypot field, and where it sends the visitor.
    form_name: str = "review"
    honeypot_field: str = "bot-field"
    thanks_url: str = "reviews/thanks/"
    policy_url: str = "reviews/how-we-check/"

    rating_min: int = 1
    rating_max: int = 5
    title_max: int = 120
    body_max: int = 4000
    name_max: int = 80
    company_max: int = 100
    response_max: int = 2000
    reason_max: int = 500
    detail_max: int = 300  # what one check found, as written in the review's `checks`
    # No field of a submission is read beyond this many characters (the rest stays in
    # Netlify's submission store); a longer field the form has no limit for is rejected.
    field_read_max: int = 20_000

    # The distribution chart appears once a partner has this many verified reviews.
    min_verified_for_chart: int = 3
    # The rating order (model.ranking): each partner's verified ratings are averaged with this
    # many imaginary reviews at the site's average; fewer than `ranking_min_verified` verified
    # reviews and a partner is listed after the ranked ones.
    ranking_prior_weight: int = 5
    ranking_min_verified: int = 1
    # More than `rate_limit_count` reviews from one address within the window is flagged.
    rate_limit_count: int = 3
    rate_limit_hours: int = 24
    # "Shouting": at least this many letters, and this share of them upper case.
    caps_min_letters: int = 20
    caps_ratio: float = 0.7
    # The same character this many times in a row (!!!!!, soooooo).
    repeat_run: int = 5

    invite_days: int = 60
    invite_days_max: int = 365

    # Netlify's submissions API: pages of this size.
    api_per_page: int = 100
    api_max_pages: int = 1000

    def placeholders(self) -> dict[str, Any]:
        """Every value by name, for texts such as t('review_check_rate_limit', **values)."""
        values = {name: getattr(self, name) for name in self.__dataclass_fields__}
        values["caps_percent"] = round(100 * self.caps_ratio)
        return values


REVIEW_SETTINGS = ReviewSettings()

# Deployment values come from the environment; their defaults and docs are declared with the
# site's settings (settings.tools).


def netlify_api_url() -> str:
    """Base address of Netlify's API (NETLIFY_API_URL; tests point it at a local server)."""
    return tool_value("NETLIFY_API_URL").rstrip("/")


def netlify_form_id() -> str:
    """The id of the `review` form on Netlify (NETLIFY_FORM_ID)."""
    return tool_value("NETLIFY_FORM_ID")


def site_url() -> str:
    """The public address of the directory, for invitation links (SITE_URL, then URL)."""
    return tool_value("SITE_URL").rstrip("/")
