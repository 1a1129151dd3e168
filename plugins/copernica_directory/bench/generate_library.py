"""Synthetic library items (articles, best practices, whitepapers with their PDFs) and events,
valid against model.library and model.event, for generate.py."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from zoneinfo import ZoneInfo

from copernica_directory.bench.generate import COUNTRIES, EXPERTISE, INDUSTRIES
from copernica_directory.tools.pdfwriter import blocks_from_text, write_pdf

# type: share of the library
LIBRARY_SHARES = (("articles", 0.5), ("best-practices", 0.3), ("whitepapers", 0.2))
TOPICS_EN = (
    "welcome series", "win-back campaigns", "list hygiene", "subject lines", "preference centres",
    "abandoned baskets", "DMARC", "segmentation", "accessible templates", "send-time testing",
    "re-permission", "newsletter design", "CRM data quality", "dynamic content", "A/B tests",
)  # fmt: skip
TOPICS_NL = (
    "welkomstreeksen", "herinneringsmails", "adresbestanden opschonen", "onderwerpregels",
    "voorkeurscentra", "verlaten winkelmandjes", "segmentatie", "toegankelijke sjablonen",
    "verzendtijden testen", "nieuwsbriefontwerp", "klantgegevens", "dynamische inhoud",
)  # fmt: skip
PARAGRAPHS_EN = (
    "Most teams know what they should do with {topic}; fewer have the time to do it well. This "
    "piece walks through the steps that made the difference for the senders we work with, in "
    "the order we would do them again.",
    "Start small: pick one audience, one message and one measure of success. Run it for a "
    "month, look at what changed, and only then add the next step.",
    "The numbers that matter are rarely the open rates. Look at what readers did next: clicks, "
    "orders, replies, and how many of them were still reading three months later.",
    "Ask your partner to review the setup with you once a quarter. Small drifts in data and "
    "templates add up, and a second pair of eyes finds them early.",
)
PARAGRAPHS_NL = (
    "De meeste teams weten wat ze met {topic} zouden moeten doen; weinigen hebben de tijd om het "
    "goed te doen. Dit stuk loopt de stappen langs die het verschil maakten.",
    "Begin klein: kies een doelgroep, een boodschap en een maatstaf voor succes. Draai het een "
    "maand, kijk wat er veranderde en zet dan pas de volgende stap.",
    "De cijfers die ertoe doen zijn zelden de openingspercentages. Kijk naar wat lezers daarna "
    "deden: klikken, bestellingen en antwoorden.",
)
AUTHORS = ("Copernica partner team", "Deliverability desk", "Anna de Vries", "Lars Hansen")
EVENT_CITIES = (("NL", "Amsterdam", "Europe/Amsterdam"), ("BE", "Gent", "Europe/Brussels"),
                ("DE", "Hamburg", "Europe/Berlin"), ("GB", "London", "Europe/London"),
                ("NO", "Oslo", "Europe/Oslo"))  # fmt: skip
EVENT_TITLES = {
    "seminar": "Partner seminar: {topic} in practice",
    "fair": "Email and CRM fair {city}",
    "webinar": "Webinar: {topic} in 30 minutes",
}


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _body(rng: random.Random, topic: str, dutch: bool, brand: bool) -> str:
    paragraphs = PARAGRAPHS_NL if dutch else PARAGRAPHS_EN
    chosen = [p.format(topic=topic) for p in rng.sample(paragraphs, len(paragraphs))]
    heading = "## Zo pak je het aan" if dutch else "## How to go about it"
    steps = "\n".join(f"- {s.split('.')[0]}." for s in chosen[:3])
    closing = (
        "In Copernica is elke stap een selectie of een flow."
        if dutch
        else "In Copernica each step is a selection or a flow."
    )
    return "\n\n".join([chosen[0], heading, steps, *chosen[1:], *([closing] if brand else [])])


def _pdf_text(topic: str, dutch: bool) -> str:
    """A whitepaper's PDF text: one per language, so every whitepaper shares one of two PDFs."""
    paragraphs = [p.format(topic=topic) for p in (PARAGRAPHS_NL if dutch else PARAGRAPHS_EN)]
    heading = "## Zo pak je het aan" if dutch else "## How to go about it"
    steps = "\n".join(f"- {p.split('.')[0]}." for p in paragraphs[:3])
    return "\n\n".join([paragraphs[0], heading, steps, *paragraphs[1:]])


def _library_item(
    rng: random.Random, library_type: str, slug: str, day: dt.date
) -> tuple[str, tuple[str, str] | None]:
    """The Markdown of one item, and for a whitepaper its PDF's title and text."""
    dutch = rng.random() < 0.3
    topic = rng.choice(TOPICS_NL if dutch else TOPICS_EN)
    reuse = rng.choices(("attribution", "whitelabel", "none"), (0.7, 0.2, 0.1))[0]
    if library_type == "whitepapers":
        title = f"Handboek {topic}" if dutch else f"The {topic} handbook"
    elif library_type == "best-practices":
        title = f"Zo werken {topic} beter" if dutch else f"Better {topic}, step by step"
    else:
        title = f"Wat wij leerden over {topic}" if dutch else f"What we learned about {topic}"
    title = f"{title} ({slug.rsplit('-', 1)[-1]})"
    summary = (
        f"Praktische stappen voor {topic}, met de cijfers om je voortgang te meten."
        if dutch
        else f"Practical steps for {topic}, with the numbers to measure your progress."
    )
    status = "draft" if rng.random() < 0.05 else "published"
    lines = [
        "---",
        f"title: {_q(title)}",
        f"date: {day.isoformat()}",
        f"summary: {_q(summary)}",
        f"lang: {'nl' if dutch else 'en'}",
        f"status: {status}",
        f"author: {_q(rng.choice(AUTHORS[1:] if reuse == 'whitelabel' else AUTHORS))}",
        f"expertise: {json.dumps(rng.sample(EXPERTISE, rng.randint(1, 3)))}",
        f"industries: {json.dumps(rng.sample(INDUSTRIES, rng.randint(0, 2)))}",
        f"reuse: {reuse}",
    ]
    pdf = None
    if library_type == "whitepapers":
        lines.append(f"file: {slug}.pdf")
        pdf = (
            ("Handboek e-mailmarketing", _pdf_text("e-mailmarketing", True))
            if dutch
            else (
                "The email marketing handbook",
                _pdf_text("email marketing", False),
            )
        )
    body = _body(rng, topic, dutch, brand=reuse != "whitelabel")
    return "\n".join([*lines, "---", body]) + "\n", pdf


def write_library(target: Path, count: int, rng: random.Random) -> None:
    """`count` items over the library's types, whitepapers with a small PDF beside them.

    fpdf2 takes a few hundred milliseconds a PDF (it reads and subsets a font), a hundred
    times the old cp1252-only writer: the PDF of each language is made once and copied.
    """
    start = dt.date(2021, 1, 1)
    made: dict[tuple[str, str], bytes] = {}
    for index in range(count):
        library_type = rng.choices([t for t, _ in LIBRARY_SHARES], [s for _, s in LIBRARY_SHARES])[
            0
        ]
        slug = f"{library_type.rstrip('s')}-{index:05d}"
        day = start + dt.timedelta(days=rng.randint(0, 1600))
        text, pdf = _library_item(rng, library_type, slug, day)
        folder = target / "library" / library_type
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{slug}.md").write_text(text, encoding="utf-8")
        if pdf is not None:
            if pdf not in made:
                title, pdf_text = pdf
                made[pdf] = write_pdf(title, blocks_from_text(pdf_text), author="Copernica")
            (folder / f"{slug}.pdf").write_bytes(made[pdf])


def _event(rng: random.Random, index: int, start_day: dt.date) -> str:
    kind = rng.choices(("seminar", "fair", "webinar"), (0.4, 0.2, 0.4))[0]
    dutch = rng.random() < 0.3
    topic = rng.choice(TOPICS_EN)
    country, city, zone_name = rng.choice(EVENT_CITIES)
    zone = ZoneInfo(zone_name)
    begins = dt.datetime.combine(start_day, dt.time(rng.choice((9, 10, 13, 16))), tzinfo=zone)
    hours = 1 if kind == "webinar" else rng.choice((3, 4, 8))
    days = rng.choice((0, 1)) if kind == "fair" else 0
    ends = begins + dt.timedelta(days=days, hours=hours)
    title = EVENT_TITLES[kind].format(topic=topic, city=city) + f" ({index})"
    lines = [
        "---",
        f"title: {_q(title)}",
        f"date: {(start_day - dt.timedelta(days=rng.randint(30, 120))).isoformat()}",
        f"summary: {_q(f'An afternoon about {topic}, with cases from partners and time for questions.')}",
        f"lang: {'nl' if dutch else 'en'}",
        f"status: {'draft' if rng.random() < 0.05 else 'published'}",
        f"kind: {kind}",
        f"start: {begins.isoformat()}",
        f"end: {ends.isoformat()}",
        f"timezone: {zone_name}",
        f"venue: {'Online' if kind == 'webinar' else _q(f'{city} Congress Centre')}",
        f"registration: https://events.example/{index}",
        f"expertise: {json.dumps(rng.sample(EXPERTISE, rng.randint(1, 2)))}",
    ]
    if kind != "webinar":
        lines += [f"city: {_q(city)}", f"country: {_q(country)}"]
    if kind == "fair" and rng.random() < 0.5:
        lines += ["stand_desks: true", f"desk_booking: https://events.example/{index}/desks"]
    body = (
        f"We talk about {topic}: what works, what does not, and what to try next.\n\n"
        "## Programme\n\n- Welcome\n- Two partner cases\n- Questions and drinks\n"
    )
    return "\n".join([*lines, "---", body])


def write_events(target: Path, count: int, rng: random.Random) -> None:
    """`count` events from 2024 to 2028: past, upcoming, in five countries and online."""
    folder = target / "events"
    folder.mkdir(parents=True, exist_ok=True)
    first = dt.date(2024, 1, 8)
    for index in range(count):
        day = first + dt.timedelta(days=rng.randint(0, 4 * 365))
        (folder / f"event-{index:05d}.md").write_text(_event(rng, index, day), encoding="utf-8")


assert {c for c, _, _ in EVENT_CITIES} <= set(COUNTRIES)
