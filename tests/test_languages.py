"""The English and the Dutch site in a real build (issue 8): every page in both languages at
the same path, language declared and linked both ways, no English UI text on Dutch pages,
fallback texts marked and noted, Dutch dates and numbers, and the files written per language
(feed, calendars, badges, search stores, the review form's thanks page, the 404 page).

English pages are at /, Dutch ones at /nl/; the sample site is built once (`built_site`, no site
address: links start at /) and once more as a deploy preview with an address (absolute links).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import feedparser
import pytest
from conftest import BUILD_DATE, CONTENT, ROOT, few_partners_copy, run_pelican
from htmlscan import Node, parse_tree
from icalendar import Calendar

from copernica_directory.model import load_content
from copernica_directory.model.review_settings import REVIEW_SETTINGS
from copernica_directory.model.vocab import DEFAULT_LANGUAGE, SITE_LANGUAGES, language_prefix
from copernica_directory.site.i18n import TABLE_FILE, Translations

SAMPLE, _problems = load_content(CONTENT)
assert _problems == []
TABLE = Translations.load(ROOT / "theme" / TABLE_FILE)
PUBLIC = "https://partners.copernica.com"  # PUBLIC_SITEURL: feeds and calendars link there
TODAY = dt.date.fromisoformat(BUILD_DATE)
PREVIEW = "https://deploy-preview-8--partners.netlify.app"
OTHER = {"en": "nl", "nl": "en"}
assert set(OTHER) == set(SITE_LANGUAGES)


def t(key: str, lang: str, **values: object) -> str:
    return TABLE.get(key, lang, **values)


# ---------- the pages of a build ----------

# Files beside a library item's page that are documents to copy, not pages of the site: the
# reuse kit (<slug>.html and <slug>-whitelabel.html). They exist once, at the site root.
REUSE_FILE = re.compile(r"library/[a-z-]+/([a-z0-9-]+)/\1(-whitelabel)?\.html")


def pages(output: Path, lang: str) -> set[str]:
    """Every page of one language as its path below that language's root ('' is the home
    page, 'partners/' a folder's index.html, '404.html' a file)."""
    root = output / language_prefix(lang)
    found = set()
    for path in root.rglob("*.html"):
        rel = path.relative_to(root).as_posix()
        if lang == DEFAULT_LANGUAGE and rel.split("/")[0] in (
            language_prefix(other).strip("/") for other in SITE_LANGUAGES if other != lang
        ):
            continue  # the other language's folder
        if REUSE_FILE.fullmatch(rel):
            continue
        if lang == DEFAULT_LANGUAGE and rel.startswith("admin/"):
            continue  # the web editor: a tool for the people who write, not a page of the site
        if rel == "index.html" or rel.endswith("/index.html"):
            found.add(rel.removesuffix("index.html"))
        else:
            assert rel == "404.html", f"an HTML file that is neither a page nor a reuse file: {rel}"
            found.add(rel)
    return found


@dataclass(frozen=True)
class Site:
    output: Path
    url: str  # SITEURL: '' (links from /) or an address

    def address(self, lang: str, page: str) -> str:
        """Where `page` is in `lang`, as the site links to it."""
        return f"{self.url}/{language_prefix(lang)}{page}"

    def file(self, href: str) -> Path:
        """The file a link of the site leads to (an address of this site, or a path)."""
        assert href.startswith(self.url + "/"), href
        path = urlsplit(href.removeprefix(self.url)).path
        target = self.output / path.lstrip("/")
        return target / "index.html" if path.endswith("/") else target


def page_file(output: Path, lang: str, page: str) -> Path:
    path = output / language_prefix(lang) / page
    return path / "index.html" if not page or page.endswith("/") else path


def tree(output: Path, lang: str, page: str) -> Node:
    return parse_tree(page_file(output, lang, page))


@pytest.fixture(scope="module")
def preview_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site built as a Netlify deploy preview: SITEURL is the preview's address.
    A quarter of the partners give every kind of page (built_site has them all)."""
    root = tmp_path_factory.mktemp("preview")
    output = root / "output"
    env = {"CONTEXT": "deploy-preview", "DEPLOY_PRIME_URL": PREVIEW}
    result = run_pelican(few_partners_copy(root / "content"), output, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


# ---------- 1. every page in both languages ----------


def test_every_page_has_its_twin_in_the_other_language(built_site: Path) -> None:
    english, dutch = pages(built_site, "en"), pages(built_site, "nl")
    assert len(english) > 80  # the directory, library, events, programme, numbers, ...
    for page in (
        "",
        "partners/",
        *(f"partners/{slug}/" for slug in SAMPLE.partners),
        *(f"cases/{slug}/" for slug in SAMPLE.cases),
        "library/",
        "events/",
        "programme/",
        "numbers/",
        REVIEW_SETTINGS.thanks_url,
        "404.html",
    ):
        assert page in english, page
    assert sorted(english - dutch) == []  # English pages without a Dutch twin
    assert sorted(dutch - english) == []  # and the other way round


def test_files_that_exist_once_are_only_at_the_root(built_site: Path) -> None:
    dutch = built_site / "nl"
    for folder in ("api", "search", "assets"):
        assert (built_site / folder).is_dir()
        assert not (dutch / folder).exists(), folder
    once = [p for p in dutch.rglob("*") if p.suffix in (".pdf", ".md", ".json", ".csv", ".png")]
    assert once == []
    assert not [p for p in dutch.rglob("*.html") if REUSE_FILE.search(p.as_posix())]
    # ... and the files in words exist per language.
    for rel in ("feeds/library.atom.xml", "events.ics", "numbers/country.svg"):
        assert (built_site / rel).is_file() and (dutch / rel).is_file(), rel
    for event in SAMPLE.events.values():
        if (built_site / "events" / f"{event.slug}.ics").exists():
            assert (dutch / "events" / f"{event.slug}.ics").is_file(), event.slug


# ---------- 2. language, hreflang, canonical and the switch on every page ----------


def links(node: Node, rel: str) -> list[Node]:
    return [e for e in node.select("link") if rel in e.attrs.get("rel", "").split()]


def check_language_links(site: Site, lang: str, page: str) -> None:
    doc = tree(site.output, lang, page)
    where = f"{language_prefix(lang)}{page}"
    html = doc.one("html")
    assert html.attrs.get("lang") == lang, where

    languages = [e for e in links(doc, "alternate") if "hreflang" in e.attrs]
    alternates = {e.attrs["hreflang"]: e.attrs["href"] for e in languages}
    assert len(languages) == len(alternates), f"{where}: an hreflang twice"
    expected = {code: site.address(code, page) for code in SITE_LANGUAGES}
    expected["x-default"] = site.address(DEFAULT_LANGUAGE, page)
    assert alternates == expected, where

    canonical = [e.attrs["href"] for e in links(doc, "canonical")]
    noindex = any(
        "noindex" in m.attrs.get("content", "") for m in doc.select("meta", name="robots")
    )
    assert canonical == [site.address(lang, page)] or (noindex and not canonical), where

    (switch,) = doc.select("nav", cls="lang-switch")
    (link,) = switch.select("a", data_lang_switch=None)
    other = OTHER[lang]
    assert link.attrs["href"] == site.address(other, page), where
    assert link.attrs.get("hreflang") == other and link.attrs.get("lang") == other, where
    target = site.file(link.attrs["href"])
    assert target == page_file(site.output, other, page) and target.is_file(), where
    # The twin's switch leads back here.
    twin = parse_tree(target)
    assert twin.one("html").attrs.get("lang") == other
    (back,) = twin.select("a", data_lang_switch=None)
    assert site.file(back.attrs["href"]) == page_file(site.output, lang, page), where


@pytest.mark.parametrize("lang", SITE_LANGUAGES)
def test_every_page_declares_its_language_and_links_its_twin(built_site: Path, lang: str) -> None:
    site = Site(built_site, "")
    for page in sorted(pages(built_site, lang)):
        check_language_links(site, lang, page)


@pytest.mark.parametrize("lang", SITE_LANGUAGES)
def test_a_site_with_an_address_links_languages_absolutely(preview_site: Path, lang: str) -> None:
    """Search engines need full addresses in hreflang: a build with a site address has them."""
    site = Site(preview_site, PREVIEW)
    for page in sorted(pages(preview_site, lang)):
        check_language_links(site, lang, page)


def test_the_language_check_fails_on_a_wrong_page(built_site: Path, tmp_path: Path) -> None:
    """The check above can fail: a Dutch page that says it is English, or whose switch leads
    to another page, is caught."""
    site = Site(tmp_path, "")
    page = "partners/maasmail/"
    for lang in SITE_LANGUAGES:
        target = page_file(tmp_path, lang, page)
        target.parent.mkdir(parents=True)
        target.write_bytes(page_file(built_site, lang, page).read_bytes())
    check_language_links(site, "nl", page)
    dutch = page_file(tmp_path, "nl", page)
    original = dutch.read_text(encoding="utf-8")
    switch = 'href="/partners/maasmail/" hreflang="en" lang="en" data-lang-switch'
    default = 'hreflang="x-default" href="/partners/maasmail/"'
    for wrong in (
        original.replace('<html lang="nl">', '<html lang="en">'),
        original.replace(switch, switch.replace("/maasmail/", "/")),  # to another page
        original.replace(default, default.replace("/partners/", "/nl/partners/")),
        original.replace('<link rel="canonical" href="/nl/', '<link rel="canonical" href="/'),
    ):
        assert wrong != original
        dutch.write_text(wrong, encoding="utf-8")
        with pytest.raises(AssertionError):
            check_language_links(site, "nl", page)


# ---------- 3. no English UI text on a Dutch page ----------

PLACEHOLDER = re.compile(r"\{[a-z_]*\}")
DISTINCTIVE = 12  # shorter pieces ("Email", "Type") are Dutch words too


def english_ui_strings() -> dict[str, list[str]]:
    """Per key, the pieces of its English text (split at {placeholders}) that a Dutch page
    must not show: long enough to be distinctive, and not part of the Dutch text."""
    found: dict[str, list[str]] = {}
    for key in TABLE.table:
        english, dutch = t(key, "en"), t(key, "nl")
        if english == dutch:
            continue
        pieces = [" ".join(p.split()) for p in PLACEHOLDER.split(english)]
        pieces = [p for p in pieces if len(p) >= DISTINCTIVE and p not in dutch]
        if pieces:
            found[key] = pieces
    return found


ENGLISH_UI = english_ui_strings()


def untranslated(page: Node, lang: str) -> list[str]:
    """Keys whose English text is in what the page shows in `lang` (text and text attributes,
    outside elements marked as written in another language)."""
    text = page.texts_by_language().get(lang, "")
    return sorted(key for key, pieces in ENGLISH_UI.items() if any(p in text for p in pieces))


def test_the_english_ui_strings_are_many() -> None:
    assert len(ENGLISH_UI) > 300
    assert "Skip to main content" in ENGLISH_UI["nav_skip_to_content"]
    # Placeholders split a text: its pieces are checked.
    assert ENGLISH_UI["search_count_other"] == ["partners found"]


def test_no_english_ui_text_on_a_dutch_page(built_site: Path) -> None:
    problems = {}
    for page in sorted(pages(built_site, "nl")):
        found = untranslated(tree(built_site, "nl", page), "nl")
        if found:
            problems[page] = found
    assert problems == {}


def test_the_check_finds_english_ui_text(built_site: Path) -> None:
    """Run on English pages (as if they were Dutch) the check finds their English texts, so
    a Dutch page built with English lookups would fail it; a hard-coded English string on a
    Dutch page is found too, unless it is marked as English."""
    for page in sorted(pages(built_site, "en")):
        assert untranslated(tree(built_site, "en", page), "en"), page
    source = page_file(built_site, "nl", "partners/").read_text(encoding="utf-8")
    assert untranslated(parse_tree(source), "nl") == []
    hard_coded = t("search_nojs_hint", "en")
    broken = source.replace("</main>", f"<p>{hard_coded}</p></main>")
    assert untranslated(parse_tree(broken), "nl") == ["search_nojs_hint"]
    in_attribute = source.replace("</main>", f'<img src="x" alt="{hard_coded}"></main>')
    assert untranslated(parse_tree(in_attribute), "nl") == ["search_nojs_hint"]
    marked = source.replace("</main>", f'<p lang="en">{hard_coded}</p></main>')
    assert untranslated(parse_tree(marked), "nl") == []
    # The texts search.js shows come from the page (data-i18n): checked as well.
    dutch_count = json.dumps(t("search_count_other", "nl", count="{count}"))[1:-1]
    english_count = json.dumps(t("search_count_other", "en", count="{count}"))[1:-1]
    in_script_data = source.replace(dutch_count, english_count)
    assert in_script_data != source
    assert untranslated(parse_tree(in_script_data), "nl") == ["search_count_other"]


def titles_by_language() -> list[tuple[str, str, str]]:
    """(what, title, language) of the content texts written in one language only."""
    found = [("case", c.title, c.lang) for c in SAMPLE.cases.values()]
    found += [("event", e.title, e.lang) for e in SAMPLE.events.values()]
    found += [("library", i.title, i.lang) for i in SAMPLE.library.values()]
    for partner in SAMPLE.partners.values():
        if len(partner.tagline.values) == 1:
            ((lang, text),) = partner.tagline.values.items()
            found.append(("tagline", text, lang))
    return found


@pytest.mark.parametrize("lang", SITE_LANGUAGES)
def test_content_in_the_other_language_is_marked(built_site: Path, lang: str) -> None:
    """A title or tagline shown on a page of the other language is inside an element that
    says its language (screen readers pronounce it right; the check above relies on it)."""
    foreign = [(what, title) for what, title, code in titles_by_language() if code != lang]
    assert len(foreign) >= 5
    problems = []
    for page in sorted(pages(built_site, lang)):
        body = tree(built_site, lang, page).one("body")
        text = body.texts_by_language().get(lang, "")
        problems += [(page, what, title) for what, title in foreign if title in text]
    assert problems == []


# ---------- 4. a text without a translation: shown in its language, with a note ----------

ONLY_ENGLISH_NOTE = "Alleen beschikbaar in het Engels."
ONLY_DUTCH_NOTE = "Only available in Dutch."
DUTCH_PARTNER = next(p for p in SAMPLE.partners.values() if "nl" in p.description_html.values)


def test_every_sample_partner_has_dutch_text() -> None:
    for partner in SAMPLE.partners.values():
        assert set(partner.tagline.values) == {"en", "nl"}, partner.slug
        assert set(partner.description_html.values) == {"en", "nl"}, partner.slug
        assert partner.logo, partner.slug


def html_text(fragment: str) -> str:
    return parse_tree(fragment).text


def about(output: Path, lang: str, slug: str) -> Node:
    profile = tree(output, lang, f"partners/{slug}/")
    return profile.one("section", aria_labelledby="about-heading")


def notes(node: Node) -> list[Node]:
    return node.select("p", cls="lang-note")


def assert_visible(node: Node, root: Node) -> None:
    """Not hidden by the page: no hidden attribute or visually-hidden class on it or around it."""
    chain = [n for n in root.iter() if node in n.iter()]
    for element in chain:
        assert "hidden" not in element.attrs, element.tag
        assert "visually-hidden" not in element.attrs.get("class", "").split(), element.tag


def test_notes_say_what_the_issue_says() -> None:
    assert t("language_note", "nl", language="Engels") == ONLY_ENGLISH_NOTE
    assert t("language_note", "en", language="Dutch") == ONLY_DUTCH_NOTE


def test_a_dutch_profile_shows_the_dutch_description_without_a_note(built_site: Path) -> None:
    partner = DUTCH_PARTNER
    section = about(built_site, "nl", partner.slug)
    prose = section.one("div", cls="prose")
    assert "lang" not in prose.attrs and prose.lang == "nl"
    assert prose.text == html_text(partner.description_html.values["nl"])
    assert notes(section) == []
    head = tree(built_site, "nl", f"partners/{partner.slug}/").one("div", cls="profile-head")
    lead = head.one("p", cls="lead")
    assert lead.text == partner.tagline.get("nl") and "lang" not in lead.attrs
    assert notes(head) == []


def test_an_english_only_profile_is_english_with_a_dutch_note(
    english_only_site: Path, english_only_partner
) -> None:
    built_site, partner = english_only_site, english_only_partner
    profile = tree(built_site, "nl", f"partners/{partner.slug}/")
    section = profile.one("section", aria_labelledby="about-heading")
    prose = section.one("div", cls="prose")
    assert prose.attrs.get("lang") == "en"
    assert prose.text == html_text(partner.description_html.values["en"])
    (note,) = notes(section)
    assert note.text == ONLY_ENGLISH_NOTE and note.lang == "nl"
    assert_visible(note, profile)
    lead = profile.one("div", cls="profile-head").one("p", cls="lead")
    assert lead.attrs.get("lang") == "en" and lead.text == partner.tagline.get("en")
    # In English the same profile has nothing to note.
    english = tree(built_site, "en", f"partners/{partner.slug}/")
    assert notes(english) == [] and english.select(cls="lang-tag") == []


def test_a_card_tags_an_english_tagline_on_the_dutch_site(
    english_only_site: Path, english_only_partner
) -> None:
    built_site, partner = english_only_site, english_only_partner
    listing = tree(built_site, "nl", f"partners/expertise/{partner.expertise[0]}/")
    (card,) = [
        c for c in listing.select("article") if c.select("a", href=f"/nl/partners/{partner.slug}/")
    ]
    tagline = card.one("p", cls="partner-card__tagline")
    (shown,) = [n for n in tagline.select("span") if n.text == partner.tagline.get("en")]
    assert shown.attrs.get("lang") == "en"
    (tag,) = tagline.select("span", cls="lang-tag")
    assert tag.text == "Engels" and tag.lang == "nl"
    assert tag.attrs.get("title") == ONLY_ENGLISH_NOTE
    dutch = [c for c in listing.select("article") if c.select("span", cls="lang-tag") == []]
    assert dutch, "partners with a Dutch tagline have no tag"


@pytest.mark.parametrize(
    ("kind", "item"),
    [
        ("cases", next(c for c in SAMPLE.cases.values() if c.lang == "nl")),
        ("library", next(i for i in SAMPLE.library.values() if i.lang == "nl")),
    ],
    ids=["case", "library"],
)
def test_a_dutch_only_text_on_the_english_site(built_site: Path, kind: str, item) -> None:
    path = f"cases/{item.slug}/" if kind == "cases" else f"library/{item.key}/"
    page = tree(built_site, "en", path)
    # The item itself (related items follow it as cards).
    (article,) = page.one("main").select(
        "article", cls="case" if kind == "cases" else "library-item"
    )
    assert article.attrs.get("lang") == "nl"
    assert article.one("h1").text == item.title and article.one("h1").lang == "nl"
    (note,) = notes(page)
    assert note.text == ONLY_DUTCH_NOTE and note.lang == "en"
    assert_visible(note, page)
    # On the Dutch site it is at home: no note.
    assert notes(tree(built_site, "nl", path)) == []


def test_an_english_library_item_on_the_dutch_site(built_site: Path) -> None:
    item = next(i for i in SAMPLE.library.values() if i.lang == "en" and i.is_live(TODAY))
    page = tree(built_site, "nl", f"library/{item.key}/")
    (article,) = page.one("main").select("article", cls="library-item")
    assert article.attrs.get("lang") == "en"
    (note,) = notes(page)
    assert note.text == ONLY_ENGLISH_NOTE and note.lang == "nl"


# ---------- 5. Dutch dates and numbers ----------

MONTHS = {
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "en": "January February March April May June July August September October November December",
}
SHORT_MONTHS = {
    "nl": "jan feb mrt apr mei jun jul aug sep okt nov dec",
    "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
}


def month_names(lang: str, month: int) -> tuple[str, str]:
    return MONTHS[lang].split()[month - 1], SHORT_MONTHS[lang].split()[month - 1]


def has_word(text: str, word: str) -> bool:
    return re.search(rf"(?<!\w){word}(?!\w)", text) is not None


@pytest.mark.parametrize("lang", SITE_LANGUAGES)
def test_dates_are_written_in_the_page_language(built_site: Path, lang: str) -> None:
    """Every <time> on a page says its date in the page's language ("14 maart 2026" on a
    Dutch page, "March 14, 2026" on an English one), never with the other's month names."""
    other = OTHER[lang]
    amsterdam = ZoneInfo("Europe/Amsterdam")
    seen = 0
    for page in sorted(pages(built_site, lang)):
        for time in tree(built_site, lang, page).select("time"):
            value, text = time.attrs.get("datetime", ""), time.text
            if time.lang != lang or not re.match(r"\d{4}-\d\d-\d\d", value):
                continue
            seen += 1
            for month in range(1, 13):
                for name in month_names(other, month):
                    if name not in month_names(lang, month):
                        assert not has_word(text, name), (page, text)
            if len(value) == 10:  # a day: the long date, exactly
                day = dt.date.fromisoformat(value)
                month = month_names(lang, day.month)[0]
                dutch, english = f"{day.day} {month} {day.year}", f"{month} {day.day}, {day.year}"
                assert text == (dutch if lang == "nl" else english), page
            else:  # a moment: in its own offset, or Amsterdam's for UTC
                moment = dt.datetime.fromisoformat(value)
                if value.endswith("Z"):
                    moment = moment.astimezone(amsterdam)
                names = month_names(lang, moment.month)
                assert any(has_word(text, name) for name in names), (page, text)
                assert str(moment.day) in text and str(moment.year) in text, (page, text)
    assert seen > 50
    # A Dutch month name and an English one are told apart.
    assert has_word("14 maart 2026", month_names("nl", 3)[0])
    assert not has_word("14 maart 2026", month_names("en", 3)[0])


@pytest.mark.parametrize("lang", SITE_LANGUAGES)
def test_ratings_use_the_page_languages_decimal_mark(built_site: Path, lang: str) -> None:
    rated = [p for p in SAMPLE.partners.values() if SAMPLE.rating_of(p.slug)]
    assert rated
    shape = r"[1-5],\d" if lang == "nl" else r"[1-5]\.\d"
    for partner in rated:
        profile = tree(built_site, lang, f"partners/{partner.slug}/")
        average = profile.one("span", cls="rating-summary__average").text
        assert re.fullmatch(shape, average), (partner.slug, average)
        assert float(average.replace(",", ".")) == pytest.approx(
            SAMPLE.rating_of(partner.slug).average, abs=0.05
        )
        # The badge on the profile is this language's, and says the same.
        badge = profile.select("p", cls="badge-card__preview")[0].one("img").attrs["src"]
        assert badge == f"/{language_prefix(lang)}partners/{partner.slug}/badge-light.svg"
        svg = (built_site / badge.lstrip("/")).read_text(encoding="utf-8")
        assert f"★ {average}" in svg and t("badge_label", lang) in svg
    listing = tree(built_site, lang, f"partners/expertise/{rated[0].expertise[0]}/")
    values = [v.text for v in listing.select("span", cls="rating-badge__value")]
    assert values and all(re.fullmatch(shape, v) for v in values), values


# ---------- 6. the Dutch feed, calendars, review form and 404 page ----------

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def test_the_dutch_feed_is_dutch_and_links_dutch_pages(built_site: Path) -> None:
    raw = (built_site / "nl" / "feeds" / "library.atom.xml").read_bytes()
    assert ET.fromstring(raw).attrib.get(XML_LANG) == "nl"
    feed = feedparser.parse(raw)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == t("feed_title", "nl") != t("feed_title", "en")
    assert feed.feed.link == f"{PUBLIC}/nl/library/"
    assert feed.entries
    enclosures = 0
    for entry in feed.entries:
        assert entry.link.startswith(f"{PUBLIC}/nl/library/"), entry.link
        page = entry.link.removeprefix(f"{PUBLIC}/nl/")
        assert page_file(built_site, "nl", page).is_file(), page
        for enclosure in entry.get("enclosures", []):
            enclosures += 1
            # Attachments exist once, at the root: not below /nl/.
            assert enclosure.href.startswith(f"{PUBLIC}/library/"), enclosure.href
            assert (built_site / enclosure.href.removeprefix(f"{PUBLIC}/")).is_file()
    assert enclosures >= 1  # the sample whitepapers
    # Each entry says the language it is written in.
    entry_langs = [e.attrib.get(XML_LANG) for e in ET.fromstring(raw) if e.tag.endswith("entry")]
    assert {"en", "nl"} <= set(entry_langs)
    # The Dutch library page offers this feed; the English one the English feed.
    for lang in SITE_LANGUAGES:
        feeds = [
            e.attrs["href"]
            for e in links(tree(built_site, lang, "library/"), "alternate")
            if e.attrs.get("type") == "application/atom+xml"
        ]
        assert feeds == [f"/{language_prefix(lang)}feeds/library.atom.xml"]


def test_the_dutch_calendars_are_dutch(built_site: Path) -> None:
    dutch = Calendar.from_ical((built_site / "nl" / "events.ics").read_bytes())
    english = Calendar.from_ical((built_site / "events.ics").read_bytes())
    assert str(dutch["X-WR-CALNAME"]) == t("events_calendar_name", "nl")
    assert str(english["X-WR-CALNAME"]) == t("events_calendar_name", "en")
    assert dutch["X-WR-CALNAME"] != english["X-WR-CALNAME"]
    events = list(dutch.walk("VEVENT"))
    assert events
    for event in events:
        assert str(event["URL"]).startswith(f"{PUBLIC}/nl/events/"), event["URL"]
    # An event's own calendar: where the English page offers it, the Dutch page offers the
    # Dutch one, which exists and is named after the event.
    offered = 0
    for event in SAMPLE.events.values():
        path = f"events/{event.slug}/"
        if not page_file(built_site, "en", path).exists():
            continue  # not published on the build date
        english_links = [a.attrs.get("href") for a in tree(built_site, "en", path).select("a")]
        if f"/events/{event.slug}.ics" not in english_links:
            continue  # a past event
        offered += 1
        dutch_links = [a.attrs.get("href") for a in tree(built_site, "nl", path).select("a")]
        assert f"/nl/events/{event.slug}.ics" in dutch_links, event.slug
        own = Calendar.from_ical((built_site / "nl" / "events" / f"{event.slug}.ics").read_bytes())
        (vevent,) = own.walk("VEVENT")
        assert str(vevent["URL"]) == f"{PUBLIC}/nl/{path}"
    assert offered >= 2


def test_the_review_form_on_a_dutch_profile_thanks_in_dutch(built_site: Path) -> None:
    partner = DUTCH_PARTNER
    form = tree(built_site, "nl", f"partners/{partner.slug}/").one("form", data_review_form=None)
    thanks = f"/nl/{REVIEW_SETTINGS.thanks_url}"
    assert form.attrs["action"] == thanks
    assert form.one("input", name="lang").attrs["value"] == "nl"
    page = parse_tree(Site(built_site, "").file(thanks))
    assert page.one("html").attrs["lang"] == "nl"
    assert page.one("h1").text == t("review_thanks_title", "nl") != t("review_thanks_title", "en")
    assert untranslated(page, "nl") == []
    # The English profile's form thanks in English.
    english = tree(built_site, "en", f"partners/{partner.slug}/").one("form", data_review_form=None)
    assert english.attrs["action"] == f"/{REVIEW_SETTINGS.thanks_url}"


def test_the_not_found_page_exists_in_dutch(built_site: Path) -> None:
    page = tree(built_site, "nl", "404.html")
    assert page.one("html").attrs["lang"] == "nl"
    assert page.one("h1").text == t("notfound_title", "nl") == "Pagina niet gevonden"
    hrefs = [a.attrs.get("href", "") for a in page.one("main").select("a")]
    assert "/nl/partners/" in hrefs and "/partners/" not in hrefs


# ---------- search data per language ----------


def test_the_dutch_search_store_links_dutch_pages_and_existing_logos(built_site: Path) -> None:
    manifest = json.loads((built_site / "search" / "manifest.json").read_text("utf-8"))
    for lang in SITE_LANGUAGES:
        file = built_site / "search" / manifest["stores"]["partners"][lang]
        store = json.loads(file.read_text(encoding="utf-8"))
        assert [p["slug"] for p in store["partners"]] == list(SAMPLE.partners)
        for entry in store["partners"]:
            assert entry["url"] == f"/{language_prefix(lang)}partners/{entry['slug']}/"
            assert page_file(
                built_site, lang, entry["url"].removeprefix(f"/{language_prefix(lang)}")
            ).is_file()
            if entry["logo"]:  # a file that exists once, at the root
                assert (built_site / entry["logo"].lstrip("/")).is_file(), (lang, entry["logo"])
        expertise = store["labels"]["expertise"]
        assert expertise["training"] == SAMPLE.taxonomies["expertise"].label("training", lang)
        cases = json.loads(
            (built_site / "search" / manifest["stores"]["cases"][lang]).read_text("utf-8")
        )
        for case in cases["cases"]:
            assert case["url"] == f"/{language_prefix(lang)}cases/{case['slug']}/"
    assert any(p.logo for p in SAMPLE.partners.values())
