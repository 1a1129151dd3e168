"""The web editor (Decap CMS at /admin/) in a real Chromium, against the real decap-server in
its git mode over a temporary repository of the sample content, with netlify.toml's headers:
what an editor does lands as YAML the model reads, and a wrong value is refused while typing."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

import editor_helpers
import pytest
from conftest import CONTENT
from editor_helpers import DECAP_SERVER, Editor, content_at, git, make_repo, open_editor

from copernica_directory.model import load_content

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

PARTNER = "fjordvarsel"
PREVIEWED = "alvstrand-digital"  # the partner whose preview is looked at (nothing is saved)
BRANCH = f"cms/partners/{PARTNER}/partner"  # the editorial workflow's branch for the entry
OTHER = "maasmail"  # the partner the refused edit is tried on


# One repository, server and editor for the module: loading Decap's 5 MB bundle is most of a
# test's time. Each test edits a partner of its own.
@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository holding the sample content, on main, as a fresh clone would."""
    return make_repo(tmp_path_factory.mktemp("editor") / "repo")


@pytest.fixture(scope="module")
def decap_server(repo: Path) -> Iterator[str]:
    """decap-server in git mode on `repo`, bound to 127.0.0.1; stopped after the tests."""
    if not DECAP_SERVER.exists():
        pytest.skip("decap-server is not installed (make install runs npm ci)")
    with editor_helpers.decap_server(repo) as api:
        yield api


@pytest.fixture(scope="module")
def editor(
    built_site: Path, tmp_path_factory: pytest.TempPathFactory, decap_server: str, browser
) -> Iterator[Editor]:
    """The editor's page, logged in to the local backend, served with the production headers."""
    with open_editor(
        built_site, tmp_path_factory.mktemp("editor-site"), decap_server, browser
    ) as opened:
        yield opened


def partner_in(repo: Path, revision: str, slug: str):
    """The partner as the model reads it from `revision` of the repository."""
    return content_at(repo, revision).partners[slug]


def same_fields(one: object, other: object, but: set[str]) -> bool:
    """Whether two records hold the same values, apart from `but` and where they were read
    from (the two checkouts' paths differ)."""
    names = {f.name for f in dataclasses.fields(one)} - but - {"source", "reviews", "cases"}
    return {n: getattr(one, n) for n in names} == {n: getattr(other, n) for n in names}


def test_every_collection_and_every_sample_partner_is_listed(editor: Editor) -> None:
    page = editor.page
    for name in ("Partner profiles", "Cases", "Articles", "Best practices", "Whitepapers"):
        expect(page.get_by_role("link", name=name)).to_be_visible()
    expect(page.get_by_role("link", name="Events")).to_be_visible()
    for partner in load_content(CONTENT)[0].partners.values():
        expect(page.get_by_text(partner.name, exact=True).first).to_be_visible()


def test_a_partner_edits_its_dutch_tagline_and_nothing_else_changes(
    editor: Editor, repo: Path
) -> None:
    editor.open_entry("partners", f"{PARTNER}/partner")
    page = editor.page
    dutch = page.get_by_label("Nederlands (optional)").first
    expect(dutch).to_have_value(re.compile("Bergen"))
    new = "Het campagneteam uit Bergen voor reis- en horecamerken in heel Noorwegen."
    dutch.fill(new)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Changes saved", exact=False).first).to_be_visible()
    # The editorial workflow: the change is a branch of its own, main is untouched.
    assert BRANCH in git(repo, "branch", "--list", BRANCH)
    before, after = partner_in(repo, "main", PARTNER), partner_in(repo, BRANCH, PARTNER)
    assert after.tagline.values["nl"] == new
    assert after.tagline.values["en"] == before.tagline.values["en"]
    assert same_fields(after, before, but={"tagline"})
    # The file keeps its form: only the edited line differs.
    diff = git(repo, "diff", "main", BRANCH, "--unified=0", "--", "content/partners")
    changed = [line for line in diff.splitlines() if re.match(r"[-+](?![-+]{2} )", line)]
    assert changed == [f"-  nl: {before.tagline.values['nl']}", f"+  nl: {new}"]


def test_an_http_website_is_refused_while_typing(editor: Editor, repo: Path) -> None:
    editor.open_entry("partners", f"{OTHER}/partner")
    page = editor.page
    page.get_by_label("Website").fill("http://www.fjordvarsel.example")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("an https:// address").first).to_be_visible()
    # Decap rejects its save without a reason when a field is invalid: that one is expected.
    editor.problems.remove("page error: undefined")
    assert git(repo, "branch", "--list", f"cms/partners/{OTHER}/*") == ""  # nothing written


def test_the_preview_is_the_partners_profile_in_the_sites_style_in_either_language(
    editor: Editor,
) -> None:
    partner = load_content(CONTENT)[0].partners[PREVIEWED]
    editor.open_entry("partners", f"{PREVIEWED}/partner")
    preview = editor.page.frame_locator("iframe").first
    head = preview.locator(".profile-head")
    expect(head.locator("h1")).to_have_text(partner.name)
    expect(head.locator(".lead")).to_have_text(partner.tagline.values["en"])
    # The site's stylesheet sets it: the profile head's gradient is site.css's.
    assert "linear-gradient" in head.evaluate("e => getComputedStyle(e).backgroundImage")
    # The description is its Markdown, rendered.
    expect(preview.locator(".profile-section .prose strong").first).to_be_visible()
    preview.get_by_role("link", name="Nederlands").click()
    expect(head.locator(".lead")).to_have_text(partner.tagline.values["nl"])
    expect(preview.locator("#about-heading")).to_have_text(f"Over {partner.name}")
    taxonomy = load_content(CONTENT)[0].taxonomies["expertise"]
    expected = [taxonomy.label(term, "nl") for term in partner.expertise]
    expect(preview.locator(".tag-list--links .tag")).to_have_text(expected)
    # What is typed shows at once, in the language shown.
    editor.page.get_by_label("Nederlands (optional)").first.fill("Een nieuwe slogan.")
    expect(head.locator(".lead")).to_have_text("Een nieuwe slogan.")


def test_the_preview_of_a_dutch_event_on_the_english_and_the_dutch_site(editor: Editor) -> None:
    event = load_content(CONTENT)[0].events["partnerdag-2027"]
    editor.open_entry("events", "partnerdag-2027")
    preview = editor.page.frame_locator("iframe").first
    article = preview.locator("article.event")
    expect(article.locator("h1")).to_have_text(event.title)
    expect(article).to_have_attribute("lang", "nl")
    eyebrow = article.locator(".eyebrow")
    expect(eyebrow).to_have_text("Seminar")
    assert eyebrow.evaluate("e => getComputedStyle(e).textTransform") == "uppercase"
    expect(article.locator(".lang-note")).to_have_text("Only available in Dutch.")
    expect(article.locator(".event-facts")).to_contain_text("Thursday, January 21, 2027")
    expect(article.locator(".prose h2")).to_have_text("Programma")  # the body, rendered
    preview.get_by_role("link", name="Nederlands").click()
    expect(article.locator(".event-facts")).to_contain_text("donderdag 21 januari 2027")
    expect(article.locator(".lang-note")).to_have_count(0)
