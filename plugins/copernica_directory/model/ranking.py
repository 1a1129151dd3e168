"""The directory's rating order: a Bayesian average over verified reviews, published.

A plain average lets one five-star review outrank forty reviews averaging 4.8. Each partner's
verified ratings are therefore averaged together with `prior_weight` imaginary reviews at the
site's own average (the prior): few reviews stay near the site's average, many speak for
themselves. Partners with fewer than `min_verified` verified reviews are not ranked by rating
and come after the ranked ones. The "How we check reviews" page states the same rule with the
same figures (ReviewSettings and `Ranking.of`), so what the site says is what the code does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from copernica_directory.model.review import RatingSummary
from copernica_directory.model.review_settings import REVIEW_SETTINGS, ReviewSettings


@dataclass(frozen=True)
class Ranking:
    """The rule and its figures for one build of the site."""

    prior: float  # the average of every verified rating on the site (the scale's middle if none)
    prior_weight: int  # how many reviews at `prior` each partner's rating is averaged with
    min_verified: int  # fewer verified reviews than this: not ranked by rating

    @classmethod
    def of(
        cls, ratings: Iterable[RatingSummary | None], settings: ReviewSettings = REVIEW_SETTINGS
    ) -> Ranking:
        """The ranking for a site whose partners have `ratings`."""
        total = count = 0
        for rating in ratings:
            if rating is not None:
                total += sum(stars * n for stars, n in rating.distribution.items())
                count += rating.count
        middle = (settings.rating_min + settings.rating_max) / 2
        prior = round(total / count, 2) if count else middle
        return cls(prior, settings.ranking_prior_weight, settings.ranking_min_verified)

    def score(self, rating: RatingSummary | None) -> float | None:
        """The partner's place in the rating order (higher first); None: not ranked."""
        if rating is None or rating.count < self.min_verified:
            return None
        stars = sum(stars * n for stars, n in rating.distribution.items())
        return self.weighted(stars / rating.count, rating.count)

    def weighted(self, average: float, count: int) -> float:
        """The score of `count` verified reviews averaging `average` (the page's examples)."""
        total = self.prior * self.prior_weight + average * count
        return round(total / (self.prior_weight + count), 4)
