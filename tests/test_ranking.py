"""The rating order: a Bayesian average over verified reviews (model.ranking), the same rule
in the model, the directory's data, the profile's header and the "How we check reviews" page."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import CONTENT
from htmlscan import parse

from copernica_directory.model import load_content
from copernica_directory.model.ranking import Ranking
from copernica_directory.model.review import RatingSummary
from copernica_directory.model.review_settings import REVIEW_SETTINGS

S = REVIEW_SETTINGS


def summary(*ratings: int) -> RatingSummary:
    distribution = {n: ratings.count(n) for n in range(S.rating_min, S.rating_max + 1)}
    return RatingSummary(round(sum(ratings) / len(ratings), 2), len(ratings), distribution)


def test_one_perfect_review_does_not_outrank_many_good_ones() -> None:
    ranking = Ranking.of([summary(5), summary(5, 5, 4, 5, 5, 4, 5, 5), summary(3, 4)])
    one, many = ranking.score(summary(5)), ranking.score(summary(5, 5, 4, 5, 5, 4, 5, 5))
    assert one is not None and many is not None and many > one
    # The prior is the site's average of verified ratings: 4.5 over these eleven.
    assert ranking.prior == round((5 + 38 + 7) / 11, 2)
    # With more reviews a partner's place tends to its own average.
    assert abs(ranking.weighted(4.0, 1000) - 4.0) < 0.01
    assert ranking.score(None) is None


def test_too_few_reviews_are_not_ranked() -> None:
    ranking = Ranking(prior=4.0, prior_weight=5, min_verified=3)
    assert ranking.score(summary(5, 5)) is None
    assert ranking.score(summary(5, 5, 5)) == round((20 + 15) / 8, 4)
    # A site without any verified review: the middle of the scale.
    assert Ranking.of([None, None]).prior == (S.rating_min + S.rating_max) / 2


def test_the_directory_data_carries_the_rank_the_model_gives(built_site: Path) -> None:
    content, _ = load_content(CONTENT)
    ranking = content.ranking()
    manifest = json.loads((built_site / "search" / "manifest.json").read_text("utf-8"))
    records = [
        record
        for name in manifest["stores"]["partners"].values()
        for record in json.loads((built_site / "search" / name).read_text("utf-8"))["partners"]
    ]
    assert records, "no directory data found"
    for record in records:
        assert record["rank"] == ranking.score(content.rating_of(record["slug"])), record["slug"]
    # The sample has a partner with one perfect review: it is ranked below many good ones.
    single = next(s for s in content.partners if (r := content.rating_of(s)) and r.count == 1)
    best = max(content.partners, key=lambda s: ranking.score(content.rating_of(s)) or 0)
    assert content.rating_of(single).average == S.rating_max
    assert ranking.score(content.rating_of(best)) > ranking.score(content.rating_of(single))


def test_the_profile_header_shows_the_rating_or_says_there_is_none(built_site: Path) -> None:
    content, _ = load_content(CONTENT)
    for slug in content.partners:
        html = (built_site / "partners" / slug / "index.html").read_text("utf-8")
        head = html.split('class="profile-head"')[1].split("layout-sidebar")[0]
        rating = content.rating_of(slug)
        if rating is None:
            assert "No verified reviews yet" in head, slug
        else:
            assert f'rating-badge__value">{rating.average:.1f}<' in head, slug
            assert re.search(rf'href="#reviews"[^>]*>.*\({rating.count}\)', head, re.S), slug


def test_the_policy_page_states_the_rule_with_the_codes_figures(built_site: Path) -> None:
    content, _ = load_content(CONTENT)
    ranking = content.ranking()
    for lang, decimal in (("en", "."), ("nl", ",")):
        folder = built_site if lang == "en" else built_site / lang
        text = parse(folder / S.policy_url / "index.html").text
        prior = f"{ranking.prior:.1f}".replace(".", decimal)
        assert f"{S.ranking_prior_weight} " in text and prior in text, lang
        one = f"{ranking.weighted(S.rating_max, 1):.1f}".replace(".", decimal)
        assert one in text, lang
    assert "no paid placement" in parse(built_site / S.policy_url / "index.html").text
