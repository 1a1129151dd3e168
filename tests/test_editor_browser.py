"""The web editor (Decap CMS at /admin/) in a real Chromium, against the real decap-server in
its git mode over a temporary repository of the sample content, with netlify.toml's headers:
what an editor does lands as YAML the model reads, and a wrong value is refused while typing."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import CONTENT, ROOT, serve

from copernica_directory.editor.config import LOCAL_BACKEND
from copernica_directory.model import load_content
from copernica_directory.sitecheck.netlify_headers import headers_for

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect

DECAP_SERVER = ROOT / "node_modules" / ".bin" / "decap-server"
PARTNER = "fjordvarsel"
PREVIEWED = "alvstrand-digital"  # the partner whose preview is looked at (nothing is saved)
BRANCH = f"cms/partners/{PARTNER}/partner"  # the editorial workflow's branch for the entry
OTHER = "maasmail"  # the partner the refused edit is tried on


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), "-c", "user.email=t@e.com", "-c", "user.name=T", *args],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


# One repository, server and editor for the module: loading Decap's 5 MB bundle is most of a
# test's time. Each test edits a partner of its own.
@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository holding the sample content, on main, as a fresh clone would."""
    repo = tmp_path_factory.mktemp("editor") / "repo"
    shutil.copytree(CONTENT, repo / "content")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    return repo


@pytest.fixture(scope="module")
def decap_server(repo: Path, unused_port: int) -> Iterator[str]:
    """decap-server in git mode on `repo`, bound to 127.0.0.1; stopped after the tests."""
    if not DECAP_SERVER.exists():
        pytest.skip("decap-server is not installed (make install runs npm ci)")
    env = {
        **os.environ,
        "MODE": "git",
        "BIND_HOST": "127.0.0.1",
        "PORT": str(unused_port),
        "GIT_REPO_DIRECTORY": str(repo),
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.com",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.com",
    }
    process = subprocess.Popen(
        [str(DECAP_SERVER)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    ready = threading.Event()

    def watch() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if "listening on" in line:
                ready.set()

    threading.Thread(target=watch, daemon=True).start()
    try:
        assert ready.wait(30), "decap-server did not start"
        yield f"http://127.0.0.1:{unused_port}/api/v1"
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture(scope="module")
def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Editor:
    page: object
    base: str
    problems: list[str]  # page errors and policy violations; none may be left at the end

    def open_entry(self, collection: str, slug: str) -> None:
        # Through the collection's list: sent straight from one entry to another, Decap keeps
        # the first entry's form.
        listing = f"{self.base}/admin/#/collections/{collection}"
        self.page.goto(listing)
        expect(
            self.page.locator(f'a[href*="/collections/{collection}/entries/"]').first
        ).to_be_visible()
        self.page.goto(f"{listing}/entries/{slug}")


@pytest.fixture(scope="module")
def editor(
    built_site: Path, tmp_path_factory: pytest.TempPathFactory, decap_server: str, browser
) -> Iterator[Editor]:
    """The editor's page, logged in to the local backend, served with the production headers
    (the local backend's address added to connect-src, as only `make editor` needs it)."""
    site = tmp_path_factory.mktemp("editor-site") / "site"
    shutil.copytree(built_site, site)
    config = site / "admin" / "config.yml"
    config.write_text(config.read_text("utf-8").replace(LOCAL_BACKEND, decap_server), "utf-8")
    origin = re.match(r"https?://[^/]+", decap_server)[0]

    def headers(path: str) -> dict[str, str]:
        found = headers_for(path, ROOT / "netlify.toml")
        if path.startswith("/admin/") and "Content-Security-Policy" in found:
            policy = found["Content-Security-Policy"]
            found["Content-Security-Policy"] = policy.replace(
                "connect-src 'self'", f"connect-src 'self' {origin}"
            )
        return found

    server = serve(site, headers=headers)
    base = next(server)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on(
        "console",
        lambda m: (
            problems.append(m.text)
            if m.type == "error" and "Content Security Policy" in m.text
            else None
        ),
    )
    # Leaving an entry with unsaved changes asks first; a test that leaves them goes on.
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{base}/admin/")
    page.get_by_role("button", name="Login").click()
    expect(page.get_by_role("link", name="Partner profiles")).to_be_visible()
    yield Editor(page, base, problems)
    context.close()
    server.close()
    assert problems == []


def partner_in(repo: Path, revision: str, slug: str):
    """The partner as the model reads it from `revision` of the repository."""
    checkout = repo.parent / f"checkout-{revision.replace('/', '-')}"
    shutil.rmtree(checkout, ignore_errors=True)
    git(repo, "worktree", "add", "-q", "--detach", str(checkout), revision)
    content, problems = load_content(checkout / "content")
    assert [p.format_text() for p in problems] == []
    return content.partners[slug]


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
