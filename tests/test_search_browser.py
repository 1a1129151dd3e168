"""Search on /partners/ in a real Chromium: typing, facets, URL state, keyboard, payloads; and
on the Dutch /nl/partners/: Dutch words and stemming, Dutch results, the language switch.

The sample content is built once with the real Pelican build and served over HTTP; every test
gets a fresh page and fails on any console error or uncaught exception in it.
"""

from __future__ import annotations

import functools
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from conftest import CONTENT, ROOT, run_pelican, serve, write

from copernica_directory.model import load_content
from copernica_directory.model.vocab import country_name
from copernica_directory.search.pipeline import fold, stem
from copernica_directory.site.i18n import TABLE_FILE, Translations

pytestmark = pytest.mark.browser

sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

TIMEOUT_MS = 10_000  # generous: CI runs two workers on two cores
STORE_URL = re.compile(r"/search/files/partners-store-[a-z]+\.[0-9a-f]+\.json$")
HITS = "[data-search-hits] .search-hit__name"
STATUS = "[data-search-status]"

SAMPLE, _problems = load_content(CONTENT)
assert _problems == []


def names(*slugs: str) -> list[str]:
    return [SAMPLE.partners[slug].name for slug in slugs]


def partners_where(test) -> set[str]:
    return {p.name for p in SAMPLE.partners.values() if test(p)}


@dataclass
class Tab:
    """A fresh page, and every console error and uncaught exception it produced."""

    page: object
    base: str
    errors: list[str] = field(default_factory=list)

    def open(self, path: str = "/partners/", ready: bool = True) -> None:
        self.page.goto(self.base + path)
        if ready:  # the data and every partner index (English and Dutch) have loaded
            self.page.wait_for_selector("[data-search-state=complete]", timeout=TIMEOUT_MS)

    def search(self, text: str) -> None:
        """Type `text` into the empty search box, key by key."""
        box = self.page.locator("#search-q")
        box.fill("")
        box.press_sequentially(text, delay=15)
        self.wait_for_query(text)

    def wait_for_query(self, text: str) -> None:
        """Until the debounced search has run and put the query into the address."""
        self.page.wait_for_function(
            "q => new URLSearchParams(location.search).get('q') === (q.trim() || null)",
            arg=text,
            timeout=TIMEOUT_MS,
        )

    def hits(self) -> list[str]:
        return self.page.locator(HITS).all_inner_texts()

    def params(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.page.url).query)

    def facet(self, label: str) -> object:
        return self.page.get_by_role("checkbox", name=re.compile(rf"^{re.escape(label)} \("))

    def facet_count(self, label: str) -> int:
        option = self.page.locator(".search-facet__option", has=self.facet(label))
        return int(option.locator(".search-facet__count").inner_text())


def _collect(errors: list[str], message: object) -> None:
    if message.type != "error":
        return
    if (message.location or {}).get("url", "").endswith("/favicon.ico"):
        return  # the browser asks for one on its own; the site has none
    errors.append(f"console: {message.text}")


@contextmanager
def new_tab(browser: object, base: str, **context_options: object) -> Iterator[Tab]:
    """A page in a fresh browser context; on leaving, no console error or page error."""
    context = browser.new_context(**context_options)
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        tab = Tab(page, base)
        page.on("console", functools.partial(_collect, tab.errors))
        page.on("pageerror", lambda error: tab.errors.append(f"page error: {error}"))
        yield tab
    finally:
        context.close()
    assert tab.errors == []


@pytest.fixture
def tab(browser: object, site_url: str) -> Iterator[Tab]:
    with new_tab(browser, site_url) as fresh:
        yield fresh


# ---------- typing: prefix, typos, diacritics, Dutch ----------


def test_results_appear_while_typing_a_prefix(tab: Tab) -> None:
    tab.open()
    expect(tab.page.locator("[data-search-facets] fieldset").first).to_be_visible()
    tab.search("fjord")
    expect(tab.page.locator(HITS)).to_have_text(["Fjordvarsel"])
    card = tab.page.locator(".search-hit").first
    expect(card.locator("mark").first).to_have_text("Fjordvarsel")
    expect(card.locator(".search-hit__location")).to_contain_text("Bergen, Norway")
    expect(card.locator(".tag").first).to_be_visible()
    assert card.locator(".search-hit__snippet mark").count() >= 1
    assert tab.params() == {"q": ["fjord"]}
    # A case that matches is listed below the partners.
    expect(tab.page.locator("[data-search-case-hits] .search-hit__name").first).to_contain_text(
        "repeat bookings"
    )


def test_one_typo_is_forgiven(tab: Tab) -> None:
    tab.open()
    tab.search("fjordvarsl")
    expect(tab.page.locator(HITS).first).to_have_text("Fjordvarsel")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("bolgen", "Bølgen Digital"),
        ("munchen", "Isarpost Beratung"),
        ("MÜNCHEN", "Isarpost Beratung"),
    ],
)
def test_case_and_diacritics_are_folded(tab: Tab, query: str, expected: str) -> None:
    tab.open()
    tab.search(query)
    expect(tab.page.locator(HITS).first).to_have_text(expected)
    expect(tab.page.locator(".search-hit mark").first).to_be_visible()


@pytest.mark.parametrize(
    ("query", "expertise"),
    [
        ("sjablonen", "template-development"),
        ("trainingen", "training"),
        ("CRM-koppeling", "crm-integration"),
    ],
)
def test_dutch_words_find_partners_on_the_english_page(
    tab: Tab, query: str, expertise: str
) -> None:
    tab.open()
    tab.search(query)
    expected = partners_where(lambda p: expertise in p.expertise)
    expect(tab.page.locator(HITS).first).to_be_visible()
    found = set(tab.hits())
    assert expected <= found, (query, sorted(expected - found))


def test_every_word_must_match(tab: Tab) -> None:
    tab.open()
    tab.search("training munchen")
    expect(tab.page.locator(HITS)).to_have_text(["Isarpost Beratung"])
    tab.search("training the")  # a stop word is not required
    expected = partners_where(lambda p: "training" in p.expertise)
    expect(tab.page.locator(HITS)).to_have_count(len(expected))


def test_words_may_match_in_different_fields_and_indexes(tab: Tab) -> None:
    """The word "Kingdom" is only in the core index (countries served), "Salesforce" only in
    descriptions: a partner matching one word in each is found."""
    tab.open()
    tab.search("kingdom salesforce")
    expect(tab.page.locator(HITS)).to_have_text(names("harbourline-systems"))


# ---------- facets and the address ----------


def test_facets_filter_and_count(tab: Tab) -> None:
    tab.open()
    everyone = len(SAMPLE.partners)
    status = tab.page.locator(STATUS)
    expect(status).to_have_text(f"{everyone} partners found")
    training = partners_where(lambda p: "training" in p.expertise)
    consultancy = partners_where(lambda p: "consultancy" in p.expertise)
    in_nl = partners_where(lambda p: "NL" in p.countries)
    assert tab.facet_count("Training") == len(training)
    assert tab.facet_count("Netherlands") == len(in_nl)

    tab.facet("Training").check()
    expect(status).to_have_text(f"{len(training)} partners found")
    assert tab.params() == {"expertise": ["training"]}
    assert set(tab.hits()) == training
    # Counts of the other facets now apply the expertise; its own values keep theirs (OR).
    assert tab.facet_count("Netherlands") == len(training & in_nl)
    assert tab.facet_count("Consultancy") == len(consultancy)

    tab.facet("Consultancy").check()
    assert tab.params() == {"expertise": ["training", "consultancy"]}
    expect(status).to_have_text(f"{len(training | consultancy)} partners found")

    # Counts follow the query too.
    tab.search("fjord")
    expect(status).to_have_text("No partners found")
    expect(tab.page.locator("[data-search-empty]")).to_be_visible()
    assert tab.facet_count("Training") == 0
    assert tab.facet_count("Full-service campaign management") == 1

    tab.page.get_by_role("button", name="Clear all").click()
    expect(status).to_have_text(f"{everyone} partners found")
    assert tab.params() == {}
    expect(tab.page.locator("#search-q")).to_be_focused()
    expect(tab.page.locator("#search-q")).to_have_value("")


def test_a_shared_address_shows_that_search(tab: Tab) -> None:
    tab.open("/partners/?expertise=training&country=NL")
    expected = partners_where(lambda p: "training" in p.expertise and "NL" in p.countries)
    assert expected
    expect(tab.page.locator(HITS)).to_have_count(len(expected))
    assert set(tab.hits()) == expected
    expect(tab.facet("Training")).to_be_checked()
    expect(tab.facet("Netherlands")).to_be_checked()
    expect(tab.page.locator("[data-search-fallback]")).to_be_hidden()


def test_a_served_country_counts_and_is_explained(tab: Tab) -> None:
    tab.open("/partners/?country=SE&q=campaign")
    expect(tab.page.locator(HITS)).to_contain_text(["Fjordvarsel"])  # based in Norway
    card = tab.page.locator(".search-hit", has_text="Fjordvarsel")
    expect(card.locator(".search-hit__serves")).to_have_text("Also serves Sweden")
    expect(tab.page.locator("#search-q")).to_have_value("campaign")


def test_brand_and_accepting_filters(tab: Tab) -> None:
    tab.open("/partners/?brand=whitelabel&accepting=1")
    expected = partners_where(lambda p: "whitelabel" in p.brands and p.accepting_clients)
    expect(tab.page.locator(HITS)).to_have_count(len(expected))
    assert set(tab.hits()) == expected
    expect(tab.facet("White label")).to_be_checked()
    expect(tab.facet("Accepting new clients")).to_be_checked()


def test_back_and_forward_restore_the_search(tab: Tab) -> None:
    tab.open()
    tab.search("data")
    with_data = tab.hits()
    tab.facet("Strategy").check()
    assert tab.params() == {"q": ["data"], "expertise": ["strategy"]}
    filtered = tab.hits()
    assert filtered != with_data

    tab.page.go_back()
    expect(tab.facet("Strategy")).not_to_be_checked()
    expect(tab.page.locator(HITS)).to_have_text(with_data)
    assert tab.params() == {"q": ["data"]}
    expect(tab.page.locator("#search-q")).to_have_value("data")

    tab.page.go_forward()
    expect(tab.facet("Strategy")).to_be_checked()
    expect(tab.page.locator(HITS)).to_have_text(filtered)


def test_results_can_be_sorted(tab: Tab) -> None:
    partners = list(SAMPLE.partners.values())  # the directory's name order
    ranking = SAMPLE.ranking()

    def count(p) -> int:
        return SAMPLE.rating_of(p.slug).count if SAMPLE.rating_of(p.slug) else 0

    # The published order (model.ranking): the Bayesian score, then more reviews, then name.
    rated = sorted(
        partners, key=lambda p: (-(ranking.score(SAMPLE.rating_of(p.slug)) or -1), -count(p))
    )
    single = next(p for p in partners if count(p) == 1)  # one five-star review
    tab.open()
    first = tab.page.locator(HITS).first
    expect(first).to_have_text(partners[0].name)
    tab.page.select_option("[data-search-sort]", "rating")
    expect(first).to_have_text(rated[0].name)
    assert tab.params() == {"sort": ["rating"]}
    shown = tab.hits()
    assert shown == [p.name for p in rated[: len(shown)]]
    # A plain average would put the single perfect review first; many good ones outrank it.
    assert SAMPLE.rating_of(single.slug).average == 5 and shown.index(single.name) > 0
    tab.page.select_option("[data-search-sort]", "reviews")
    by_count = sorted(
        partners, key=lambda p: (-count(p), -(ranking.score(SAMPLE.rating_of(p.slug)) or -1))
    )
    expect(first).to_have_text(by_count[0].name)
    tab.page.go_back()
    tab.page.go_back()
    expect(first).to_have_text(partners[0].name)
    expect(tab.page.locator("[data-search-sort]")).to_have_value("")
    tab.open("/partners/?sort=country&country=NL&country=BE")
    from copernica_directory.model.vocab import country_name

    by_country = [
        p.name
        for p in sorted(partners, key=lambda p: country_name(p.location.country))  # stable
        if {"NL", "BE"} & set(p.countries)
    ]
    expect(tab.page.locator(HITS)).to_have_text(by_country)


def test_rating_filter_appears_once_partners_have_ratings(tab: Tab) -> None:
    """Reviews come with issue 4: give two partners a rating in the store on its way in."""
    ratings = {"grachtwerk": {"average": 4.6, "count": 7}, "maasmail": {"average": 3.2, "count": 1}}

    def rated_store(route: object) -> None:
        store = route.fetch().json()
        for partner in store["partners"]:
            partner["rating"] = ratings.get(partner["slug"])
        route.fulfill(json=store)

    tab.page.route(STORE_URL, rated_store)
    tab.open()
    radio = tab.page.get_by_role("radio", name=re.compile(r"^4 stars or more"))
    expect(radio).to_be_visible()
    radio.check()
    expect(tab.page.locator(HITS)).to_have_text(["Grachtwerk"])
    assert tab.params() == {"rating": ["4"]}
    expect(tab.page.locator(".search-hit__rating")).to_have_text(
        re.compile(r"Rated 4\.6 out of 5 from 7 reviews")
    )
    tab.page.get_by_role("radio", name=re.compile(r"^3 stars or more")).check()
    expect(tab.page.locator(HITS)).to_have_count(2)


def test_long_lists_show_more_on_request(tab: Tab) -> None:
    """Twenty results first, then more, with the focus on the first new one; long facets
    show their first values until expanded."""

    def bigger_store(route: object) -> None:
        store = route.fetch().json()
        originals = list(store["partners"])
        for n in range(2):
            for partner in originals:
                copy = dict(partner, slug=f"{partner['slug']}-{n}", name=f"{partner['name']} {n}")
                store["partners"].append(copy)
        route.fulfill(json=store)

    tab.page.route(STORE_URL, bigger_store)
    tab.open()
    total = 3 * len(SAMPLE.partners)
    expect(tab.page.locator(STATUS)).to_have_text(f"{total} partners found")
    assert total > 40  # at least three pages of results
    expect(tab.page.locator(HITS)).to_have_count(20)
    more = tab.page.locator("[data-search-more]")
    shown = 20
    while shown < total:
        expect(more).to_have_text(f"Show {min(20, total - shown)} more")
        more.click()
        expect(tab.page.locator(HITS)).to_have_count(min(shown + 20, total))
        expect(tab.page.locator(".search-hit").nth(shown).locator("a")).to_be_focused()
        shown += 20
    expect(more).to_be_hidden()

    countries = tab.page.locator(".search-facet--country")
    toggle = countries.get_by_role("button")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    hidden_before = countries.locator(".search-facet__option[hidden]").count()
    assert hidden_before > 0
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(countries.locator(".search-facet__option[hidden]")).to_have_count(0)


def test_without_search_data_the_directory_stays(tab: Tab) -> None:
    tab.page.route(re.compile(r"/search/manifest\.json$"), lambda route: route.abort())
    tab.open(ready=False)
    tab.page.wait_for_selector("[data-search-state=error]")
    expect(tab.page.locator(STATUS)).to_contain_text("Search is not available")
    expect(tab.page.locator("[data-search-fallback]")).to_be_visible()
    expect(tab.page.locator("[data-search-app]")).to_be_hidden()
    # The aborted request is the only error the page logged.
    assert all("Failed to load resource" in error for error in tab.errors), tab.errors
    tab.errors.clear()


def test_without_search_data_the_directory_table_sorts(tab: Tab) -> None:
    """The fallback table's column buttons come from site.js (a module like the search)."""
    tab.page.route(re.compile(r"/search/manifest\.json$"), lambda route: route.abort())
    tab.open(ready=False)
    tab.page.wait_for_selector("[data-search-state=error]")
    table = tab.page.locator("[data-search-fallback] table[data-sortable]")
    names = table.locator("tbody th a")
    ascending = names.all_inner_texts()  # rendered in name order
    assert len(ascending) > 3
    header = table.locator("thead th").first
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "descending")
    assert names.all_inner_texts() == ascending[::-1]
    header.get_by_role("button").click()
    expect(header).to_have_attribute("aria-sort", "ascending")
    assert names.all_inner_texts() == ascending
    assert all("Failed to load resource" in error for error in tab.errors), tab.errors
    tab.errors.clear()


# ---------- keyboard, announcements, odd queries ----------


def test_keyboard_only(tab: Tab) -> None:
    tab.open()
    page = tab.page
    page.evaluate("window.__samePage = true")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "search-q":
            break
    expect(page.locator("#search-q")).to_be_focused()
    assert page.evaluate("document.activeElement.matches(':focus-visible')")
    page.keyboard.type("training", delay=15)
    page.keyboard.press("Enter")
    tab.wait_for_query("training")
    assert page.evaluate("window.__samePage") is True  # Enter did not load a page
    expect(page.locator(HITS).first).to_be_visible()

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"  # the search button
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Clear all")).to_be_focused()
    page.keyboard.press("Tab")  # then the filters, in order
    focused = page.evaluate("[document.activeElement.type, document.activeElement.name]")
    assert focused == ["checkbox", "expertise"]
    assert page.evaluate("document.activeElement.matches(':focus-visible')")
    page.keyboard.press("Space")
    first = page.evaluate("document.activeElement.value")
    assert tab.params() == {"q": ["training"], "expertise": [first]}


def test_result_count_is_announced(tab: Tab) -> None:
    tab.open()
    status = tab.page.locator(STATUS)
    assert status.get_attribute("aria-live") == "polite"
    assert status.get_attribute("role") == "status"
    tab.search("fjordvarsel")
    expect(status).to_have_text("1 partner found")
    tab.search("xyzzyqwerty")
    expect(status).to_have_text("No partners found")
    box = tab.page.get_by_role("searchbox", name="Search partners", exact=True)
    expect(box).to_have_attribute("id", "search-q")  # labelled by its <label>


@pytest.mark.parametrize("query", ["name:", "*", "~~", "+", "-", "^", ":*~^+-", "name:*~2"])
def test_lunr_syntax_shows_no_results_and_never_breaks(tab: Tab, query: str) -> None:
    tab.open()
    tab.search(query)
    expect(tab.page.locator(STATUS)).to_have_text("No partners found")
    expect(tab.page.locator(HITS)).to_have_count(0)
    tab.search("fjord")  # and the search still works afterwards
    expect(tab.page.locator(HITS)).to_have_text(["Fjordvarsel"])


def test_header_search_leads_to_the_directory(tab: Tab) -> None:
    tab.open("/cases/", ready=False)
    box = tab.page.get_by_role("searchbox", name="Search the partner directory")
    box.fill("Groningen")
    box.press("Enter")
    tab.page.wait_for_selector("[data-search-state=complete]")
    expect(tab.page.locator(HITS)).to_have_text(["Noordlicht Digital"])
    expect(tab.page.locator("#search-q")).to_have_value("Groningen")


# ---------- without JavaScript ----------


def test_without_javascript_every_partner_is_listed(browser: object, site_url: str) -> None:
    with new_tab(browser, site_url, java_script_enabled=False) as tab:
        tab.open(ready=False)
        page = tab.page
        for partner in SAMPLE.partners.values():
            link = page.locator(f'a[href="/partners/{partner.slug}/"]').first
            expect(link).to_be_visible()
        expect(page.locator("[data-search-app]")).to_be_hidden()
        expect(page.locator("#search-q")).to_be_visible()
        assert page.locator('a[href="/partners/expertise/training/"]').count() >= 1


# ---------- payloads ----------

PAYLOAD_NAME = "<img src=x onerror=window.__xss=1>"
PAYLOAD_TAGLINE = '"><svg onload=window.__xss=2> <script>window.__xss=3</script>'
EVIL_PARTNER = f"""\
name: '{PAYLOAD_NAME}'
website: https://evil.example
tagline: '{PAYLOAD_TAGLINE}'
description: |
  <b onmouseover=window.__xss=4>bold</b> <img src=x onerror=window.__xss=5> text
brands: [whitelabel]
expertise: [training]
languages: [en]
location:
  city: 'Evilcity <i>town</i>'
  country: NL
contact:
  email: evil@evil.example
maintainers: [evil]
"""
PAYLOAD_LABEL = "<b onclick=window.__xss=6>Training</b>"
PAYLOAD_TITLE = "<img src=x onerror=window.__xss=7> a case"
EVIL_CASE = f"""\
---
title: '{PAYLOAD_TITLE}'
date: 2026-01-01
summary: '<svg onload=window.__xss=8> summary'
partner: evil-partner
expertise: [training]
---
Body.
"""


@pytest.fixture(scope="module")
def evil_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("evil-search")
    content = root / "content"
    shutil.copytree(CONTENT / "taxonomy", content / "taxonomy")
    expertise = content / "taxonomy" / "expertise.yaml"
    labels = expertise.read_text(encoding="utf-8")
    assert "label: {en: Training," in labels
    expertise.write_text(labels.replace("en: Training,", f"en: '{PAYLOAD_LABEL}',"), "utf-8")
    write(content / "partners" / "evil-partner" / "partner.yaml", EVIL_PARTNER)
    write(content / "cases" / "evil-case.md", EVIL_CASE)
    output = root / "output"
    result = run_pelican(content, output)
    assert result.returncode == 0, result.stdout + result.stderr
    yield from serve(output)


def test_content_is_shown_as_text_never_as_markup(browser: object, evil_site: str) -> None:
    with new_tab(browser, evil_site) as tab:
        tab.open()
        page = tab.page
        for query in ("", "img onerror", "evilcity"):
            if query:
                tab.search(query)
            expect(page.locator(HITS)).to_have_text([PAYLOAD_NAME])
            card = page.locator(".search-hit").first
            expect(card.locator(".search-hit__tagline")).to_have_text(PAYLOAD_TAGLINE)
            expect(card.locator(".search-hit__location")).to_contain_text("Evilcity <i>town</i>")
            expect(card.locator(".tag")).to_have_text([PAYLOAD_LABEL])
        # Labels (facets), and cases with the partner's name, are text as well.
        expect(page.get_by_role("checkbox", name=PAYLOAD_LABEL)).to_be_visible()
        tab.search("img onerror")
        case = page.locator("[data-search-case-hits] .search-hit").first
        expect(case.locator(".search-hit__name")).to_have_text(PAYLOAD_TITLE)
        expect(case.locator(".search-hit__by")).to_have_text(f"by {PAYLOAD_NAME}")
        markup = "[data-search-app] :is(img:not(.search-hit__logo), svg, script, b, i, iframe)"
        assert page.locator(markup).count() == 0
        assert page.evaluate("typeof window.__xss") == "undefined"


def test_store_urls_are_checked_before_use(tab: Tab) -> None:
    """A link or logo address that is not site-relative or http(s) is never used."""

    def evil_store(route: object) -> None:
        store = route.fetch().json()
        store["partners"][0]["url"] = "javascript:window.__xss=1"
        store["partners"][0]["logo"] = "javascript:window.__xss=2"
        route.fulfill(json=store)

    tab.page.route(STORE_URL, evil_store)
    tab.open()
    first = tab.page.locator(".search-hit").first
    assert first.locator("a").get_attribute("href") == "#"
    assert first.locator("img").count() == 0
    assert tab.page.evaluate("typeof window.__xss") == "undefined"


# ---------- the Dutch directory (/nl/partners/) ----------

DUTCH = "/nl/partners/"
HIT_LINKS = "[data-search-hits] .search-hit__name a"
TABLE = Translations.load(ROOT / "theme" / TABLE_FILE)
# A Dutch plural whose singular is in one Dutch description: only Dutch stemming joins them
# (not a prefix of the indexed word, more than one typo away from it).
DUTCH_PLURAL, DUTCH_SINGULAR = "kantoren", "kantoor"
# A word in the English description of the partner made English-only, in no other partner's text.
ENGLISH_WORD = "marketplaces"


def dutch_count(n: int) -> str:
    if n == 0:
        return TABLE.get("search_count_none", "nl")
    if n == 1:
        return TABLE.get("search_count_one", "nl")
    return TABLE.get("search_count_other", "nl", count=n)


def texts_of(partner) -> str:
    return " ".join(
        [partner.name, *partner.tagline.values.values(), *partner.description_html.values.values()]
    )


def plain(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def words_in(text: str) -> set[str]:
    return set(re.findall(r"\w+", fold(plain(text))))


def one_edit_apart(a: str, b: str) -> bool:
    """Whether lunr's fuzzy match (edit distance 1) could join the two words."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def hit_slugs(tab: Tab) -> list[str]:
    hrefs = tab.page.locator(HIT_LINKS).evaluate_all("els => els.map(e => e.getAttribute('href'))")
    slugs = []
    for href in hrefs:
        match = re.fullmatch(r"/nl/partners/([a-z0-9-]+)/", href)
        assert match, f"a result on the Dutch page links elsewhere: {href}"
        slugs.append(match.group(1))
    return slugs


@pytest.mark.parametrize(
    ("query", "expertise"),
    [
        ("sjablonen", "template-development"),
        ("trainingen", "training"),
        ("CRM-koppeling", "crm-integration"),
    ],
)
def test_dutch_words_find_partners_on_the_dutch_page(tab: Tab, query: str, expertise: str) -> None:
    tab.open(f"{DUTCH}?q={quote(query)}")
    expected = {p.slug for p in SAMPLE.partners.values() if expertise in p.expertise}
    assert expected
    expect(tab.page.locator(HITS).first).to_be_visible()
    found = hit_slugs(tab)
    assert expected <= set(found), (query, sorted(expected - set(found)))
    assert len(found) < len(SAMPLE.partners)  # a search, not the whole list
    expect(tab.page.locator("#search-q")).to_have_value(query)
    # The results speak Dutch: the count, the expertise tags, the countries.
    expect(tab.page.locator(STATUS)).to_have_text(dutch_count(len(found)))
    assert "gevonden" in dutch_count(len(found))
    partner = SAMPLE.partners[sorted(expected)[0]]
    card = tab.page.locator(
        ".search-hit", has=tab.page.locator(f'a[href="{DUTCH}{partner.slug}/"]')
    )
    labels = [SAMPLE.taxonomies["expertise"].label(e, "nl") for e in partner.expertise]
    expect(card.locator(".tag")).to_have_text(labels)
    expect(card.locator(".search-hit__location")).to_contain_text(
        f"{partner.location.city}, {country_name(partner.location.country, 'nl')}"
    )


def test_dutch_stemming_finds_an_inflected_form(tab: Tab) -> None:
    owners = [
        p
        for p in SAMPLE.partners.values()
        if DUTCH_SINGULAR in words_in(p.description_html.get("nl"))
    ]
    assert [p.slug for p in owners] and all("nl" in p.description_html.values for p in owners)
    everywhere = set().union(*(words_in(texts_of(p)) for p in SAMPLE.partners.values()))
    indexed = everywhere | {stem(word, lang) for word in everywhere for lang in ("en", "nl")}
    assert not any(word.startswith(DUTCH_PLURAL) for word in indexed)  # no prefix match
    assert not any(one_edit_apart(DUTCH_PLURAL, word) for word in indexed)  # no typo match
    assert one_edit_apart("kantoor", "kantoer") and not one_edit_apart("kantoor", "kantoren")
    assert stem(DUTCH_PLURAL, "nl") == stem(DUTCH_SINGULAR, "nl")
    assert stem(DUTCH_PLURAL, "en") != stem(DUTCH_SINGULAR, "en")  # English stemming misses it
    tab.open(f"{DUTCH}?q={DUTCH_PLURAL}")
    expect(tab.page.locator(HITS).first).to_be_visible()
    assert {p.slug for p in owners} <= set(hit_slugs(tab))
    card = tab.page.locator(
        ".search-hit", has=tab.page.locator(f'a[href="{DUTCH}{owners[0].slug}/"]')
    )
    snippet = card.locator(".search-hit__snippet")  # the start of its Dutch description
    expect(snippet).to_contain_text(plain(owners[0].description_html.get("nl"))[:30])
    assert snippet.get_attribute("lang") is None


@pytest.fixture
def english_only_tab(browser: object, english_only_url: str) -> Iterator[Tab]:
    """A tab on the sample site with one partner written in English only."""
    with new_tab(browser, english_only_url) as fresh:
        yield fresh


def test_a_partner_without_dutch_text_is_found_by_its_english_text(
    english_only_tab: Tab, english_only_partner
) -> None:
    tab, partner = english_only_tab, english_only_partner
    owners = [p for p in SAMPLE.partners.values() if ENGLISH_WORD in words_in(texts_of(p))]
    assert [p.slug for p in owners] == [partner.slug]  # a word in no other partner's texts
    assert set(partner.description_html.values) == set(partner.tagline.values) == {"en"}
    tab.open(f"{DUTCH}?q={ENGLISH_WORD}")
    expect(tab.page.locator(HITS).first).to_be_visible()
    assert partner.slug in hit_slugs(tab)
    card = tab.page.locator(
        ".search-hit", has=tab.page.locator(f'a[href="{DUTCH}{partner.slug}/"]')
    )
    # Its English texts say they are English: to the browser, and visibly, in Dutch.
    expect(card.locator(".search-hit__tagline > span").first).to_have_attribute("lang", "en")
    expect(card.locator(".search-hit__tagline .lang-tag")).to_have_text("Engels")
    expect(card.locator(".search-hit__tagline .lang-tag")).to_have_attribute("lang", "nl")
    expect(card.locator(".search-hit__snippet")).to_have_attribute("lang", "en")


def test_result_logos_on_the_dutch_page_load(tab: Tab) -> None:
    """Logos exist once, at the site root: the Dutch results must not look for them below /nl/."""
    tab.open(DUTCH)
    logos = tab.page.locator("[data-search-hits] img.search-hit__logo")
    expect(logos.first).to_be_attached()
    more = tab.page.locator("[data-search-more]")
    while more.is_visible():  # every result, not only the first twenty
        more.click()
    expect(tab.page.locator(HITS)).to_have_count(len(SAMPLE.partners))
    assert logos.count() == sum(1 for p in SAMPLE.partners.values() if p.logo)
    statuses = logos.evaluate_all(
        "imgs => Promise.all(imgs.map("
        "  i => fetch(i.src).then(r => [i.getAttribute('src'), r.status])))"
    )
    assert [src for src, status in statuses if status != 200] == []


def test_the_language_switch_keeps_the_search(tab: Tab) -> None:
    switch = tab.page.locator("[data-lang-switch]")
    tab.open(f"{DUTCH}?q=sjablonen")
    expect(switch).to_have_attribute("href", "/partners/?q=sjablonen")
    tab.search("trainingen")
    expect(switch).to_have_attribute("href", "/partners/?q=trainingen")
    training = SAMPLE.taxonomies["expertise"].label("training", "nl")
    tab.facet(training).check()
    expect(switch).to_have_attribute("href", "/partners/?q=trainingen&expertise=training")
    dutch_hits = sorted(tab.hits())
    tab.page.go_back()  # back to the search without the filter: so is the switch
    expect(switch).to_have_attribute("href", "/partners/?q=trainingen")
    tab.page.go_forward()
    expect(switch).to_have_attribute("href", "/partners/?q=trainingen&expertise=training")

    switch.click()
    tab.page.wait_for_url(re.compile(r"/partners/\?q=trainingen&expertise=training$"))
    tab.page.wait_for_selector("[data-search-state=complete]", timeout=TIMEOUT_MS)
    assert tab.page.evaluate("document.documentElement.lang") == "en"
    expect(tab.page.locator("#search-q")).to_have_value("trainingen")
    expect(tab.facet("Training")).to_be_checked()
    expect(tab.page.locator(HITS)).to_have_count(len(dutch_hits))
    assert sorted(tab.hits()) == dutch_hits
    expect(tab.page.locator(STATUS)).to_have_text(f"{len(dutch_hits)} partners found")
    # And back: the English page's switch leads to the same search in Dutch.
    back = tab.page.locator("[data-lang-switch]")
    expect(back).to_have_attribute("href", "/nl/partners/?q=trainingen&expertise=training")
    tab.page.get_by_role("button", name="Clear all").click()
    expect(back).to_have_attribute("href", "/nl/partners/")


def test_the_fallback_note_is_visible_on_a_dutch_profile(
    english_only_tab: Tab, english_only_partner
) -> None:
    tab, partner = english_only_tab, english_only_partner
    tab.open(f"{DUTCH}{partner.slug}/", ready=False)
    note = tab.page.locator("#about-heading + .lang-note")
    expect(note).to_be_visible()
    expect(note).to_have_text("Alleen beschikbaar in het Engels.")
    expect(tab.page.locator(".prose[lang=en]")).to_be_visible()
