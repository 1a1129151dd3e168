"""Synthetic but realistic content at any size, valid against the model, deterministic per seed.

`scripts/generate_content.py OUT --partners 1000 --reviews 20000 --cases 2000 ...` writes a
content tree the benchmark builds; the taxonomies are copied from the real content.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

EXPERTISE = (
    "training", "consultancy", "template-development", "crm-integration", "campaign-management",
    "marketing-automation", "data-and-analytics", "strategy", "deliverability", "api-development",
)  # fmt: skip
INDUSTRIES = (
    "retail", "travel", "finance", "publishing", "non-profit", "education", "healthcare",
    "b2b-services", "government", "hospitality",
)  # fmt: skip
# country: (cities, languages, phone prefix and digits)
COUNTRIES: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    "NL": (("Amsterdam", "Rotterdam", "Utrecht", "Eindhoven", "Groningen", "Zwolle", "Den Haag"), ("nl", "en"), "+3120"),
    "BE": (("Antwerpen", "Gent", "Brussel", "Leuven", "Hasselt"), ("nl", "fr", "en"), "+323"),
    "DE": (("Hamburg", "Berlin", "München", "Köln", "Düsseldorf"), ("de", "en"), "+4940"),
    "NO": (("Oslo", "Bergen", "Trondheim", "Stavanger"), ("no", "en"), "+4722"),
    "GB": (("London", "Bristol", "Manchester", "Leeds"), ("en",), "+4420"),
    "SE": (("Stockholm", "Göteborg", "Malmö"), ("sv", "en"), "+468"),
    "DK": (("København", "Aarhus", "Odense"), ("da", "en"), "+4533"),
    "FR": (("Paris", "Lyon", "Lille", "Nantes"), ("fr", "en"), "+3314"),
    "ES": (("Madrid", "Barcelona", "Valencia"), ("es", "en"), "+3491"),
}  # fmt: skip
PREFIXES = (
    "Noord", "Zuid", "Delta", "Polder", "Fjord", "Alpen", "Kust", "Rijn", "Maas", "Schelde",
    "Duin", "Haven", "Brug", "Toren", "Molen", "Vonk", "Nova", "Atlas", "Orbit", "Prisma",
    "Lumen", "Vector", "Kompas", "Anker", "Zenit", "Aurora", "Meridian", "Golf", "Baken", "Vlam",
)  # fmt: skip
SUFFIXES = (
    "Digital",
    "Mail",
    "Media",
    "Data",
    "Works",
    "Studio",
    "Labs",
    "Connect",
    "Direct",
    "Partners",
)
EN_SENTENCES = (
    "We help {industry} brands get more out of Copernica with {expertise}.",
    "Our team of {size} specialists in {city} has worked with Copernica since {year}.",
    "Clients hire us for {expertise}, and stay for the results: clear reports and campaigns that pay off.",
    "A typical project starts with a short audit and ends with a team that can run its campaigns on its own.",
    "We work in {languages} and serve customers across {countries}.",
    "From welcome series to win-back flows, we build journeys that keep running once they are live.",
    "We connect Copernica to the systems where customer data lives, so every message is relevant.",
    "Templates we build are responsive, accessible and easy for editors to fill in.",
)
NL_SENTENCES = (
    "Wij helpen merken in de {industry} meer uit Copernica te halen met {expertise}.",
    "Ons team van {size} specialisten in {city} werkt sinds {year} met Copernica.",
    "Klanten kiezen ons voor {expertise} en blijven voor de resultaten: heldere rapportages en campagnes die renderen.",
    "Een typisch project begint met een korte audit en eindigt met een team dat zijn campagnes zelf kan draaien.",
    "Wij werken in het {languages} en bedienen klanten in {countries}.",
    "Van welkomstreeksen tot herinneringsmails: wij bouwen klantreizen die blijven lopen.",
    "Wij koppelen Copernica aan de systemen waar uw klantgegevens staan, zodat elke mailing relevant is.",
    "De sjablonen die wij bouwen zijn responsive, toegankelijk en eenvoudig te vullen.",
)
REVIEW_EN = (
    "Very responsive team, our open rates went up within a month.",
    "They rebuilt our templates and trained our editors. Recommended.",
    "Good advice, although the project took longer than planned.",
    "Professional and pragmatic. The CRM link works flawlessly.",
)
REVIEW_NL = (
    "Zeer behulpzaam team, onze openingspercentages stegen binnen een maand.",
    "Ze hebben onze sjablonen vernieuwd en onze redacteuren getraind. Aanrader.",
    "Goed advies, al duurde het project langer dan gepland.",
)
FIRST_NAMES = ("Anna", "Bram", "Sanne", "Lars", "Ingrid", "Pieter", "Fleur", "Jonas", "Eva", "Tom")
LAST_NAMES = ("de Vries", "Jansen", "Hansen", "Müller", "Smith", "Bakker", "Olsen", "Dubois")


@dataclass(frozen=True)
class Sizes:
    """How much of each kind of content to write."""

    partners: int = 1000
    reviews: int = 20000
    cases: int = 2000
    library: int = 1000
    events: int = 200


def _q(text: str) -> str:
    # JSON strings are valid YAML double-quoted scalars: safe for any text.
    return json.dumps(text, ensure_ascii=False)


def _hex(rng: random.Random, digits: int) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(digits))


def _partner(rng: random.Random, slug: str, name: str) -> tuple[str, str, bool]:
    country = rng.choice(list(COUNTRIES))
    cities, languages, phone = COUNTRIES[country]
    city = rng.choice(cities)
    expertise = rng.sample(EXPERTISE, rng.randint(2, 5))
    industries = rng.sample(INDUSTRIES, rng.randint(0, 3))
    regions = rng.sample([c for c in COUNTRIES if c != country], rng.randint(0, 2))
    values = {
        "industry": industries[0].replace("-", " ") if industries else "retail",
        "expertise": " and ".join(e.replace("-", " ") for e in expertise[:2]),
        "size": rng.randint(3, 60),
        "city": city,
        "year": rng.randint(2005, 2024),
        "languages": ", ".join(languages),
        "countries": ", ".join([country, *regions]),
    }
    english = " ".join(s.format(**values) for s in rng.sample(EN_SENTENCES, 5))
    dutch = country in ("NL", "BE")
    lines = [
        "# yaml-language-server: $schema=../../../schemas/partner.schema.json",
        f"name: {_q(name)}",
        f"website: https://www.{slug}.example",
    ]
    tagline = f"{values['expertise'].capitalize()} for {values['industry']} brands in {city}"
    if dutch:
        nl = " ".join(s.format(**values) for s in rng.sample(NL_SENTENCES, 5))
        nl_tagline = f"{values['expertise'].capitalize()} voor merken in {city}"
        lines += [
            f"tagline:\n  en: {_q(tagline)}\n  nl: {_q(nl_tagline)}",
            f"description:\n  en: {_q(english)}\n  nl: {_q(nl)}",
        ]
    else:
        lines += [f"tagline: {_q(tagline)}", f"description: {_q(english)}"]
    brands = rng.choice((["whitelabel"], ["copernica"], ["whitelabel", "copernica"]))
    lines += [
        f"brands: {json.dumps(brands)}",
        f"expertise: {json.dumps(expertise)}",
        f"industries: {json.dumps(industries)}",
        f"languages: {json.dumps(list(languages))}",
        f"location:\n  city: {_q(city)}\n  country: {_q(country)}",
        f"regions: {json.dumps(regions)}",
        f'contact:\n  email: hello@{slug}.example\n  phone: "{phone}{rng.randint(1000000, 9999999)}"',
        f"founded: {values['year']}",
        f"accepting_clients: {'false' if rng.random() < 0.1 else 'true'}",
        f"maintainers: [{slug[:30].rstrip('-')}-gh]",
    ]
    return "\n".join(lines) + "\n", country, dutch


def _case(rng: random.Random, index: int, partner_slugs: list[str], day: dt.date) -> str:
    lang = "nl" if rng.random() < 0.3 else "en"
    industry = rng.choice(INDUSTRIES)
    expertise = rng.sample(EXPERTISE, 2)
    if lang == "nl":
        title = f"Hoe een {industry}-merk zijn herhaalaankopen verdubbelde ({index})"
        summary = "Met gerichte klantreizen en betere segmentatie groeide de omzet uit e-mail fors."
        body = "## De uitdaging\n\nDe nieuwsbrief was voor iedereen hetzelfde.\n\n## Het resultaat\n\nTwee keer zoveel herhaalaankopen binnen een jaar.\n"
    else:
        title = f"How a {industry} brand doubled repeat purchases ({index})"
        summary = "Targeted journeys and better segments made email a leading revenue channel."
        body = "## The challenge\n\nOne newsletter for everyone.\n\n## The result\n\nRepeat purchases doubled within a year.\n"
    partner = (
        f"partner: {rng.choice(partner_slugs)}\n" if partner_slugs and rng.random() < 0.8 else ""
    )
    return (
        f"---\ntitle: {_q(title)}\ndate: {day.isoformat()}\nsummary: {_q(summary)}\n{partner}"
        f"expertise: {json.dumps(expertise)}\nindustry: {industry}\nlang: {lang}\n---\n{body}"
    )


def _review(rng: random.Random, review_id: str, slug: str, when: dt.datetime) -> str:
    dutch = rng.random() < 0.4
    body = rng.choice(REVIEW_NL if dutch else REVIEW_EN)
    status = rng.choices(("approved", "pending", "rejected"), (0.8, 0.1, 0.1))[0]
    invited = rng.random() < 0.7
    lines = [
        "# yaml-language-server: $schema=../../../schemas/review.schema.json",
        f"id: {_q(review_id)}",  # quoted: an all-digit id would be a YAML integer
        f"partner: {slug}",
        f"status: {status}",
        f"verification: {'invited' if invited else 'unverified'}",
        f"rating: {rng.choices((5, 4, 3, 2, 1), (45, 30, 12, 8, 5))[0]}",
        f"title: {_q(body.split(',')[0].split('.')[0][:80])}",
        f"body: {_q(body)}",
        f"author:\n  name: {_q(rng.choice(FIRST_NAMES) + ' ' + rng.choice(LAST_NAMES))}",
        f"email_hash: {_q(_hex(rng, 64))}",
        f"submitted: {when.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        f"lang: {'nl' if dutch else 'en'}",
    ]
    if invited:
        lines.append(f"invite: {_q(_hex(rng, 32))}")
    if status != "pending":
        decided = (when + dt.timedelta(days=rng.randint(0, 5))).strftime("%Y-%m-%dT%H:%M:%SZ")
        lines.append(f"moderation:\n  by: Moderator\n  at: {decided}")
        if status == "rejected":
            lines.append("  reason: Not about a service this partner delivered")
    return "\n".join(lines) + "\n"


def generate(target: Path, sizes: Sizes, seed: int = 1, taxonomy: Path | None = None) -> None:
    """Write a content tree of `sizes` to `target` (which must not exist yet)."""
    rng = random.Random(seed)
    target.mkdir(parents=True)
    shutil.copytree(taxonomy or Path("content/taxonomy"), target / "taxonomy")
    slugs: list[str] = []
    names: set[str] = set()
    for index in range(sizes.partners):
        name = f"{rng.choice(PREFIXES)} {rng.choice(SUFFIXES)}"
        if name in names:
            name = f"{name} {index}"
        names.add(name)
        slug = name.lower().replace(" ", "-")
        text, _, _ = _partner(rng, slug, name)
        folder = target / "partners" / slug
        folder.mkdir(parents=True)
        (folder / "partner.yaml").write_text(text, encoding="utf-8")
        slugs.append(slug)
    (target / "cases").mkdir()
    start = dt.date(2020, 1, 1)
    for index in range(sizes.cases):
        day = start + dt.timedelta(days=rng.randint(0, 2000))
        path = target / "cases" / f"case-{index:05d}.md"
        path.write_text(_case(rng, index, slugs, day), encoding="utf-8")
    base = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    for index in range(sizes.reviews if slugs else 0):
        slug = rng.choice(slugs)
        review_id = hashlib.sha1(f"{seed}-{index}".encode()).hexdigest()[:24]
        when = base + dt.timedelta(minutes=rng.randint(0, 60 * 24 * 900))
        folder = target / "reviews" / slug
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{review_id}.yaml").write_text(
            _review(rng, review_id, slug, when), encoding="utf-8"
        )
    # Their own random streams: partners, cases and reviews stay as they were for a seed.
    from copernica_directory.bench.generate_library import (  # uses this module's tables
        write_events,
        write_library,
    )

    write_library(target, sizes.library, random.Random(f"{seed}-library"))
    write_events(target, sizes.events, random.Random(f"{seed}-events"))


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: write a synthetic content tree."""
    parser = argparse.ArgumentParser(prog="generate_content.py", description=__doc__.split("\n")[0])
    parser.add_argument("target", type=Path, help="the folder to create")
    defaults = Sizes()
    for name in ("partners", "reviews", "cases", "library", "events"):
        parser.add_argument(f"--{name}", type=int, default=getattr(defaults, name))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if args.target.exists():
        parser.error(f"{args.target} exists; give a new folder")
    sizes = Sizes(args.partners, args.reviews, args.cases, args.library, args.events)
    generate(args.target, sizes, args.seed)
    print(f"wrote {args.target}: {sizes}", file=sys.stderr)
    return 0
