"""The content tree as one aggregate: every record by key, and the relations between them.

A partner's cases and approved reviews (and the rating made from them) are no part of the
Partner record: the loader indexes them once everything is read (`index_relations`), and the
build asks the content (`cases_of`, `reviews_of`, `rating_of`) or, in templates, the
`relations` mapping (`relations[partner.slug].reviews`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from copernica_directory.model.case import Case
from copernica_directory.model.event import Event
from copernica_directory.model.library import LibraryItem
from copernica_directory.model.partner import Partner
from copernica_directory.model.ranking import Ranking
from copernica_directory.model.review import RatingSummary, Review, rating_summary
from copernica_directory.model.taxonomy import Taxonomy


@dataclass(frozen=True)
class PartnerRelations:
    """What the rest of the content says about one partner."""

    cases: tuple[Case, ...] = ()  # newest first
    reviews: tuple[Review, ...] = ()  # approved ones only, newest first

    @property
    def rating(self) -> RatingSummary | None:
        """Average, count and distribution of the approved reviews from invited customers."""
        return rating_summary(self.reviews)


NO_RELATIONS = PartnerRelations()


@dataclass
class Content:
    """Everything the site is built from, validated."""

    root: Path
    taxonomies: dict[str, Taxonomy] = field(default_factory=dict)
    partners: dict[str, Partner] = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)
    # Every review file, in any status, by id; only approved ones reach reviews_of().
    reviews: dict[str, Review] = field(default_factory=dict)
    # Library items by `<type>/<slug>` and events by slug, newest first, drafts included:
    # what is published depends on the build date (LibraryItem.is_live, Event.is_live).
    library: dict[str, LibraryItem] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    # Every partner's cases and published reviews, by slug (index_relations).
    relations: dict[str, PartnerRelations] = field(default_factory=dict)

    def relations_of(self, slug: str) -> PartnerRelations:
        return self.relations.get(slug, NO_RELATIONS)

    def cases_of(self, slug: str) -> tuple[Case, ...]:
        """The partner's cases, newest first."""
        return self.relations_of(slug).cases

    def reviews_of(self, slug: str) -> tuple[Review, ...]:
        """The partner's approved reviews, newest first (no other status is ever shown)."""
        return self.relations_of(slug).reviews

    def rating_of(self, slug: str) -> RatingSummary | None:
        """The partner's rating: approved reviews from invited customers; None without any."""
        return self.relations_of(slug).rating

    def ranking(self) -> Ranking:
        """The rating order's rule with this content's figures (its prior: the site's average)."""
        return Ranking.of(relations.rating for relations in self.relations.values())


def index_relations(
    partners: Iterable[str], cases: Iterable[Case], reviews: Iterable[Review]
) -> dict[str, PartnerRelations]:
    """Every partner's relations: `cases` in the order given, approved `reviews` newest first."""
    found_cases: dict[str, list[Case]] = {slug: [] for slug in partners}
    found_reviews: dict[str, list[Review]] = {slug: [] for slug in found_cases}
    for case in cases:
        if case.partner in found_cases:
            found_cases[case.partner].append(case)
    for review in reviews:
        if review.published and review.partner in found_reviews:
            found_reviews[review.partner].append(review)
    return {
        slug: PartnerRelations(
            tuple(found_cases[slug]),
            tuple(sorted(found_reviews[slug], key=lambda r: (r.submitted, r.id), reverse=True)),
        )
        for slug in found_cases
    }
