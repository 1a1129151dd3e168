"""The web editor's round trip, in a real Chromium against the real decap-server in git mode
over a temporary repository of (a reduced copy of) the sample content: an entry of every
collection saved with one edit keeps every other value and line; an event, a whitepaper with
its PDF and cover, and a case made in the editor pass the validator and become pages of a real
build; and no file the editor writes holds a field the model does not know."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import editor_helpers
import pytest
import yaml
from conftest import (
    CONTENT,
    FEW_EVENTS,
    FEW_ITEMS,
    ROOT,
    few_partners_copy,
    run_pelican,
)
from editor_helpers import DECAP_SERVER, Editor, content_at, git, make_repo, open_editor
from pdfbuild import PAGE, PAGES, catalog, classic_pdf

from copernica_directory.editor.config import COLLECTIONS, TAXONOMY_FILES
from copernica_directory.model import load_content
from copernica_directory.model.schema import Record

pytestmark = pytest.mark.browser
sync_api = pytest.importorskip("playwright.sync_api")
expect = sync_api.expect


# ---------- one repository, server, site and editor for the module ----------


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("roundtrip")


@pytest.fixture(scope="module")
def reduced(work: Path) -> Path:
    """The reduced sample: a few partners, their cases, a library item of every type, events."""
    return few_partners_copy(work / "sample", items=FEW_ITEMS, events=FEW_EVENTS)


@pytest.fixture(scope="module")
def repo(work: Path, reduced: Path) -> Path:
    return make_repo(work / "repo", reduced)


@pytest.fixture(scope="module")
def editor(work: Path, reduced: Path, repo: Path, browser) -> Iterator[Editor]:
    """The editor, served from a build of the reduced sample (the page and its configuration
    are the same for any content), logged in to decap-server on `repo`."""
    if not DECAP_SERVER.exists():
        pytest.skip("decap-server is not installed (make install runs npm ci)")
    output = work / "editor-site"
    result = run_pelican(reduced, output)
    assert result.returncode == 0, result.stdout + result.stderr
    with (
        editor_helpers.decap_server(repo) as api,
        open_editor(output, work, api, browser) as opened,
    ):
        yield opened


def wait_for_branch(repo: Path, branch: str, problems: list[str]) -> None:
    """Until the editor's save has made `branch` (decap-server commits after the click)."""
    deadline = time.monotonic() + 20
    while not git(repo, "branch", "--list", branch):
        assert time.monotonic() < deadline, f"no branch {branch}: the save failed: {problems}"
        time.sleep(0.1)


def save(editor: Editor, repo: Path, branch: str) -> None:
    editor.page.get_by_role("button", name="Save").click()
    wait_for_branch(repo, branch, editor.problems)
    expect(editor.page.get_by_role("button", name="Save")).to_be_disabled()
    # A new entry's form moves to the entry's own address once it is saved.
    editor.page.wait_for_url(re.compile("/entries/"))


def show(repo: Path, revision: str, path: str) -> str:
    return git(repo, "show", f"{revision}:{path}")


def changed_lines(repo: Path, branch: str) -> list[str]:
    """The lines the branch removes (-) and adds (+), against main."""
    diff = git(repo, "diff", "main", branch, "--unified=0")
    return [line for line in diff.splitlines() if re.match(r"[-+](?![-+]{2} )", line)]


# ---------- open, edit one value, save: everything else stays ----------


@dataclass(frozen=True)
class Sample:
    """One sample entry of a collection, the text field edited and where it lands."""

    collection: str
    entry: str  # the editor's slug of the entry
    path: str  # the file, in the repository
    edit: Callable[[object], object]  # the field's input on the editor's page
    record: Callable[[object], object]  # the model's record of the entry, from a Content
    text: Callable[[object], str]  # the edited text, from the record

    @property
    def branch(self) -> str:
        return f"cms/{self.collection}/{self.entry}"


def _label(name: str) -> Callable[[object], object]:
    return lambda page: page.get_by_label(name, exact=True)


def _english_tagline(page):
    return page.get_by_label("English").first


def _first_term_label(page):
    # The term is collapsed to its summary; its top bar's first button opens it.
    summary = page.get_by_text("training: Training", exact=True)
    summary.locator("xpath=preceding-sibling::div[1]//button[1]").click()
    return page.get_by_label("English").first


SAMPLES = [
    Sample(
        "partners",
        "fjordvarsel/partner",
        "content/partners/fjordvarsel/partner.yaml",
        _english_tagline,
        lambda c: c.partners["fjordvarsel"],
        lambda r: r.tagline.values["en"],
    ),
    Sample(
        "cases",
        "donateurs-reactivatie",
        "content/cases/donateurs-reactivatie.md",
        _label("Title"),
        lambda c: c.cases["donateurs-reactivatie"],
        lambda r: r.title,
    ),
    Sample(
        "articles",
        "crm-sync-without-a-developer",
        "content/library/articles/crm-sync-without-a-developer.md",
        _label("Title"),
        lambda c: c.library["articles/crm-sync-without-a-developer"],
        lambda r: r.title,
    ),
    Sample(
        "best-practices",
        "crm-koppeling-live-zonder-verrassingen",
        "content/library/best-practices/crm-koppeling-live-zonder-verrassingen.md",
        _label("Title"),
        lambda c: c.library["best-practices/crm-koppeling-live-zonder-verrassingen"],
        lambda r: r.title,
    ),
    Sample(
        "whitepapers",
        "deliverability-handbook",
        "content/library/whitepapers/deliverability-handbook.md",
        _label("Title"),
        lambda c: c.library["whitepapers/deliverability-handbook"],
        lambda r: r.title,
    ),
    Sample(
        "events",
        "partnerdag-2027",
        "content/events/partnerdag-2027.md",
        _label("Title"),
        lambda c: c.events["partnerdag-2027"],
        lambda r: r.title,
    ),
    Sample(
        "taxonomies",
        "expertise",
        "content/taxonomy/expertise.yaml",
        _first_term_label,
        lambda c: c.taxonomies["expertise"].terms,
        lambda r: r["training"].label.values["en"],
    ),
]

EDIT = " (edited)"


def values(record: object) -> dict[str, object]:
    """A record's values, apart from where it was read from (the checkouts' paths differ)."""
    if isinstance(record, dict):
        return {key: values(value) for key, value in record.items()}
    names = {f.name for f in dataclasses.fields(record)} - {"source", "reviews", "cases"}
    return {name: getattr(record, name) for name in names}


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda s: s.collection)
def test_an_entry_saved_with_one_edit_keeps_every_other_value_and_line(
    editor: Editor, repo: Path, sample: Sample
) -> None:
    # Decap saves only a change: its Save button stays disabled for an unchanged entry, and
    # again when a change is typed back (it compares with the saved versions). So one text is
    # edited, and every other value and line must come back as they were.
    page = editor.page
    main = sample.record(content_at(repo, "main"))
    before = sample.text(main)
    editor.open_entry(sample.collection, sample.entry)
    field = sample.edit(page)
    expect(field).to_have_value(before)  # the entry has loaded
    field.fill(before + EDIT)
    save(editor, repo, sample.branch)

    # The file: only the edited line differs (the schema line and every quote kept).
    removed, added = changed_lines(repo, sample.branch)
    assert before in removed and added == "+" + removed[1:].replace(before, before + EDIT, 1)
    # The record: every field, value and two-language text as before, but the edited one.
    branch = sample.record(content_at(repo, sample.branch))
    assert sample.text(branch) == before + EDIT
    assert values(branch) == _with_edit(values(main), before)


def _with_edit(was: object, text: str) -> object:
    """`was` with the one text that equals `text` edited, wherever it is."""
    if isinstance(was, dict):
        return {key: _with_edit(value, text) for key, value in was.items()}
    if dataclasses.is_dataclass(was) and not isinstance(was, type):
        changed = {f.name: _with_edit(getattr(was, f.name), text) for f in dataclasses.fields(was)}
        return dataclasses.replace(was, **changed) if changed else was
    return was + EDIT if was == text else was


# ---------- new entries: an event, a whitepaper with its PDF and cover, a case ----------

# The editor names a new entry's file after its title.
EVENT = "webinar-the-new-web-editor"
WHITEPAPER = "the-web-editor-handbook"
CASE = "a-case-made-in-the-editor"


def choose(page, label: str, option: str) -> None:
    """Pick `option` in the select labelled `label`."""
    page.get_by_label(label, exact=True).click()
    page.get_by_role("option", name=option, exact=True).click()


def write_body(page, text: str) -> None:
    page.locator("[data-slate-editor]").last.click()
    page.keyboard.type(text)


def upload(page, label: str, path: Path) -> None:
    """Upload `path` through the field labelled `label` (Decap's media dialog)."""
    page.get_by_text(label, exact=True).locator("xpath=../..").get_by_role("button").first.click()
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Choose selected").click()
    expect(page.get_by_role("button", name="Choose selected")).to_be_hidden()


@pytest.fixture(scope="module")
def created(editor: Editor, repo: Path, work: Path) -> dict[str, str]:
    """An event, a whitepaper (PDF and cover) and a case made in the editor: their branches."""
    page = editor.page
    editor.new_entry("events")
    page.get_by_label("Title", exact=True).fill("Webinar: the new web editor")
    page.get_by_label("Date", exact=True).fill("2026-11-20")
    page.get_by_label("Summary", exact=True).fill(
        "Half an hour on editing the directory in the browser."
    )
    choose(page, "Status", "published (published)")
    choose(page, "Kind", "webinar (webinar)")
    page.get_by_label("Start", exact=True).fill("2027-02-04T10:00")
    page.get_by_label("End", exact=True).fill("2027-02-04T10:30")
    page.get_by_label("Venue", exact=True).fill("Online")
    page.get_by_label("Registration", exact=True).fill("https://events.copernica.example/editor")
    write_body(page, "What the editor does, and how a change becomes a pull request.")
    save(editor, repo, f"cms/events/{EVENT}")

    pdf = work / "The Handbook.pdf"
    pdf.write_bytes(classic_pdf([catalog(b""), PAGES, PAGE]))
    cover = work / "handbook-cover.svg"
    shutil.copy(CONTENT / "library" / "whitepapers" / "deliverability-handbook-cover.svg", cover)
    editor.new_entry("whitepapers")
    page.get_by_label("Title", exact=True).fill("The web editor handbook")
    page.get_by_label("Date", exact=True).fill("2026-11-19")
    page.get_by_label("Summary", exact=True).fill("Every form of the editor, field by field.")
    choose(page, "Status", "published (published)")
    upload(page, "Cover (optional)", cover)
    upload(page, "File", pdf)
    write_body(page, "From the first login to the published page.")
    save(editor, repo, f"cms/whitepapers/{WHITEPAPER}")

    editor.new_entry("cases")
    page.get_by_label("Title", exact=True).fill("A case made in the editor")
    page.get_by_label("Date", exact=True).fill("2026-11-18")
    page.get_by_label("Summary", exact=True).fill("Maasmail moved a newsletter into the editor.")
    page.get_by_label("Partner (optional)", exact=True).fill(PARTNER)
    choose(page, "Industry (optional)", "Retail and e-commerce (retail)")
    write_body(page, "The challenge, the approach and the result.")
    save(editor, repo, f"cms/cases/{CASE}")
    return {
        "event": f"cms/events/{EVENT}",
        "whitepaper": f"cms/whitepapers/{WHITEPAPER}",
        "case": f"cms/cases/{CASE}",
    }


PARTNER = "maasmail"


@pytest.fixture(scope="module")
def result(repo: Path, work: Path, created: dict[str, str]) -> Path:
    """main with every branch the editor made merged in, checked out: the content as it
    is once the pull requests are merged."""
    checkout = work / "result"
    git(repo, "worktree", "add", "-q", "-b", "result", str(checkout), "main")
    branches = git(repo, "branch", "--list", "cms/*", "--format=%(refname:short)").split()
    assert set(created.values()) <= set(branches)
    git(checkout, "merge", "-q", "--no-edit", *branches)
    return checkout


def test_the_editors_new_entries_are_files_beside_each_other_as_the_model_expects(
    result: Path,
) -> None:
    folder = result / "content" / "library" / "whitepapers"
    assert (folder / "the-handbook.pdf").read_bytes().startswith(b"%PDF-")
    paper = content_at_path(result).library[f"whitepapers/{WHITEPAPER}"]
    assert (paper.file, paper.cover) == ("the-handbook.pdf", "handbook-cover.svg")
    case = content_at_path(result).cases[CASE]
    assert case.partner == PARTNER and case.industry == "retail"


def content_at_path(checkout: Path):
    content, problems = load_content(checkout / "content")
    assert [p.format_text() for p in problems] == []
    return content


def test_the_validator_accepts_the_result_and_the_site_shows_the_new_pages(
    result: Path, work: Path
) -> None:
    validate = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "validate.py"),
            "--content",
            str(result / "content"),
        ],
        capture_output=True,
        text=True,
    )
    assert validate.returncode == 0, validate.stdout + validate.stderr
    output = work / "result-site"
    build = run_pelican(result / "content", output)
    assert build.returncode == 0, build.stdout + build.stderr
    pages = {
        f"events/{EVENT}/index.html": "Webinar: the new web editor",
        f"library/whitepapers/{WHITEPAPER}/index.html": "The web editor handbook",
        f"cases/{CASE}/index.html": "A case made in the editor",
    }
    for page, title in pages.items():
        assert title in (output / page).read_text(encoding="utf-8"), page


def test_a_bad_pdf_where_the_editor_puts_it_is_reported_by_the_check(
    result: Path, work: Path
) -> None:
    bad = work / "bad"
    shutil.copytree(result / "content", bad)
    pdf = bad / "library" / "whitepapers" / "the-handbook.pdf"
    pdf.write_bytes(
        classic_pdf(
            [catalog(b"/OpenAction 3 0 R"), PAGES, b"<< /S /JavaScript /JS (app.alert(1)) >>"]
        )
    )
    validate = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "validate.py"), "--content", str(bad)],
        capture_output=True,
        text=True,
    )
    assert validate.returncode == 1
    assert "the-web-editor-handbook.md" in validate.stdout + validate.stderr
    assert "JavaScript" in validate.stdout + validate.stderr


def _keys(record: Record, data: dict, where: str) -> list[str]:
    """The keys of `data` (a file's values) that `record` has no field for, nested too."""
    fields = {spec.name: spec for spec in record.fields}
    unknown = [f"{where}: {key}" for key in data if key not in fields]
    for key, value in data.items():
        kind = getattr(fields.get(key), "kind", None)
        kind = getattr(kind, "item", kind)
        if isinstance(kind, Record):
            for item in value if isinstance(value, list) else [value]:
                unknown += _keys(kind, item, f"{where}.{key}")
    return unknown


def test_no_file_the_editor_wrote_has_a_field_the_model_does_not_know(
    repo: Path, result: Path
) -> None:
    records = {c.folder: c.record for c in COLLECTIONS}
    written = git(repo, "diff", "--name-only", "main", "result").split()
    assert len(written) >= len(SAMPLES) + 3
    unknown = []
    for path in written:
        text = (
            (result / path).read_text(encoding="utf-8") if path.endswith((".md", ".yaml")) else ""
        )
        if path.endswith(".md"):
            front = yaml.safe_load(text.split("---\n")[1])
            folder = path.rsplit("/", 1)[0]
            unknown += _keys(records[folder], front, path)
        elif path.startswith(TAXONOMY_FILES.folder):
            for term_id, term in yaml.safe_load(text).items():
                unknown += _keys(TAXONOMY_FILES.record, term, f"{path}: {term_id}")
        elif path.endswith("partner.yaml"):
            unknown += _keys(records["content/partners"], yaml.safe_load(text), path)
    assert unknown == []
