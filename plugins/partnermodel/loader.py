"""Reads the whole content tree (or some files of it) into the model, collecting every problem.

This is the only place content files are opened: the Pelican build, the validator and the tools
all call `load_content`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from unidecode import unidecode

from .cache import cached
from .gcpause import paused_gc
from .library_model import (
    ATTACHMENT_EXTENSIONS,
    EVENT_RECORD,
    LIBRARY_TYPES,
    LIBRARY_VOCABULARIES,
    Event,
    LibraryItem,
    event_rules,
    library_rules,
    record_for,
)
from .markup import body_problems, render_markdown
from .model import (
    BRANDS,
    CASE_RECORD,
    LOGO_EXTENSIONS,
    PARTNER_RECORD,
    SLUG,
    TERM_RECORD,
    Case,
    Partner,
    Taxonomy,
    Term,
)
from .problems import Problem
from .review_model import REVIEW_ID_RE, REVIEW_RECORD, REVIEW_VOCABULARIES, Review, review_rules
from .review_settings import UNKNOWN_PARTNER_FOLDER
from .schema import INVALID, SLUG_RE, Context, Record, Vocabulary, did_you_mean
from .text import LocalText
from .vocab import SITE_LANGUAGES, country_codes, language_codes
from .yamlsource import Mapping, load_yaml, split_front_matter

TAXONOMIES = ("expertise", "industries")
PARTNER_FILE = "partner.yaml"
REVIEWS_DIR = "reviews"
LIBRARY_DIR = "library"
EVENTS_DIR = "events"


@dataclass
class Content:
    """Everything the site is built from, validated."""

    root: Path
    taxonomies: dict[str, Taxonomy] = field(default_factory=dict)
    partners: dict[str, Partner] = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)
    # Every review file, in any status, by id; only approved ones reach Partner.reviews.
    reviews: dict[str, Review] = field(default_factory=dict)
    # Library items by `<type>/<slug>` and events by slug, newest first, drafts included:
    # what is published depends on the build date (LibraryItem.is_live, Event.is_live).
    library: dict[str, LibraryItem] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)


def sort_key(name: str) -> str:
    """Alphabetical order as readers expect it: Bølgen beside Bolt, not after Brisa."""
    return unidecode(name).casefold()


def display_path(path: Path | str) -> str:
    """The path as a partner sees it in their checkout: relative to the working directory."""
    text = os.fspath(path)
    parts = text.split("/")
    if "." not in parts and ".." not in parts and "" not in parts[1:]:
        # Already normal (no ".", ".." or doubled separators): relpath's answer without its
        # two abspath calls, which showed in profiles of a 23,000-file tree (issue 7).
        if not text.startswith("/"):
            return text
        cwd = os.getcwd()
        if text.startswith(cwd) and text[len(cwd) : len(cwd) + 1] == "/" and cwd != "/":
            return text[len(cwd) + 1 :]
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - other drive on Windows
        return str(path)


def _read(path: Path, problems: list[Problem]) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        problems.append(
            Problem(display_path(path), 1, 1, "", f"not UTF-8 text ({err.reason}); save as UTF-8")
        )
    except OSError as err:
        problems.append(Problem(display_path(path), 1, 1, "", f"cannot read the file: {err}"))
    return None


@paused_gc
def load_content(
    root: Path | str, files: Iterable[Path | str] | None = None
) -> tuple[Content, list[Problem]]:
    """Load and validate the content under `root`.

    With `files`, only those files (and the partner folders they belong to) are validated;
    taxonomies are always read, since everything else is checked against them.
    """
    root = Path(root)
    content = Content(root=root)
    problems: list[Problem] = []
    wanted = None if files is None else {Path(f).resolve() for f in files}

    for name in TAXONOMIES:
        taxonomy = _load_taxonomy(root / "taxonomy" / f"{name}.yaml", name, problems)
        content.taxonomies[name] = taxonomy

    partner_dirs = _partner_dirs(root)
    vocabularies = _vocabularies(content.taxonomies, partner_dirs)

    for folder in partner_dirs:
        if wanted is not None and not _selected(folder, wanted, whole_folder=True):
            continue
        partner = _load_partner(folder, vocabularies, problems)
        if partner is not None:
            content.partners[partner.slug] = partner

    cases_dir = root / "cases"
    for path in sorted(cases_dir.iterdir()) if cases_dir.is_dir() else []:
        if wanted is not None and path.resolve() not in wanted:
            continue
        case = _load_case(path, vocabularies, problems)
        if case is not None:
            content.cases[case.slug] = case

    _load_reviews(root, vocabularies, wanted, content, problems)
    _load_library(root, vocabularies, wanted, content, problems)
    _load_events(root, vocabularies, wanted, content, problems)

    content.partners = dict(
        sorted(content.partners.items(), key=lambda kv: (sort_key(kv[1].name), kv[0]))
    )
    content.cases = dict(
        sorted(content.cases.items(), key=lambda kv: (kv[1].date, kv[0]), reverse=True)
    )
    content.library = dict(
        sorted(content.library.items(), key=lambda kv: (kv[1].date, kv[0]), reverse=True)
    )
    content.events = dict(sorted(content.events.items(), key=lambda kv: (kv[1].start, kv[0])))
    for case in content.cases.values():
        if case.partner in content.partners:
            content.partners[case.partner].cases.append(case)
    _attach_reviews(content)
    return content, sorted(set(problems))


def _selected(folder: Path, wanted: set[Path], whole_folder: bool) -> bool:
    folder = folder.resolve()
    return any(w == folder or (whole_folder and folder in w.parents) for w in wanted)


def _vocabularies(
    taxonomies: dict[str, Taxonomy], partner_dirs: list[Path]
) -> dict[str, Vocabulary]:
    return {
        "expertise": Vocabulary(
            "expertise", taxonomies["expertise"].terms, "content/taxonomy/expertise.yaml"
        ),
        "industries": Vocabulary(
            "industries", taxonomies["industries"].terms, "content/taxonomy/industries.yaml"
        ),
        "countries": Vocabulary(
            "countries", sorted(country_codes()), "the ISO 3166-1 alpha-2 list"
        ),
        "languages": Vocabulary("languages", sorted(language_codes()), "the ISO 639-1 list"),
        "brands": Vocabulary("brands", BRANDS),
        "site_languages": Vocabulary("site_languages", SITE_LANGUAGES),
        "partners": Vocabulary(
            "partners",
            [d.name for d in partner_dirs],
            "the folders in content/partners/",
            open_pattern=SLUG_RE.pattern,
        ),
        **{name: Vocabulary(name, ids) for name, ids in REVIEW_VOCABULARIES.items()},
        **{name: Vocabulary(name, ids) for name, ids in LIBRARY_VOCABULARIES.items()},
    }


def _load_taxonomy(path: Path, name: str, problems: list[Problem]) -> Taxonomy:
    shown = display_path(path)
    text = _read(path, problems) if path.is_file() else None
    if text is None:
        if not path.is_file():
            problems.append(Problem(shown, 1, 1, "", f"the {name} taxonomy file is missing"))
        return Taxonomy(name, {})
    node, found = load_yaml(text, shown)
    problems.extend(found)
    terms: dict[str, Term] = {}
    if node is None:
        return Taxonomy(name, terms)
    ctx = Context(shown, {})
    if not isinstance(node, Mapping):
        ctx.error(node, "", "expected a mapping of id: {label: ..., description: ...}")
    else:
        for term_id, (key, value) in node.entries.items():
            if SLUG.check(term_id, key, ctx, term_id) is INVALID:
                continue
            values = TERM_RECORD.parse(value, ctx, term_id)
            if values is not INVALID:
                terms[term_id] = Term(term_id, values["label"], values["description"])
    problems.extend(ctx.problems)
    return Taxonomy(name, terms)


def _partner_dirs(root: Path) -> list[Path]:
    partners = root / "partners"
    if not partners.is_dir():
        return []
    return sorted(p for p in partners.iterdir() if p.is_dir() and not p.name.startswith("."))


@cached("partner")
def _load_partner(
    folder: Path, vocabularies: dict[str, Vocabulary], problems: list[Problem]
) -> Partner | None:
    path = folder / PARTNER_FILE
    shown = display_path(path)
    ctx = Context(shown, vocabularies, folder=folder)
    ok = True
    if not SLUG.pattern or not SLUG.pattern.match(folder.name):
        problems.append(
            Problem(
                shown,
                1,
                1,
                "",
                f"folder name {folder.name!r} is not a valid slug: use {SLUG.pattern_help}",
            )
        )
        ok = False
    allowed = {PARTNER_FILE, *(f"logo.{ext}" for ext in LOGO_EXTENSIONS)}
    for extra in sorted(folder.iterdir()):
        if extra.name not in allowed and not extra.name.startswith("."):
            problems.append(
                Problem(
                    display_path(extra),
                    1,
                    1,
                    "",
                    f"unexpected file: a partner folder holds {PARTNER_FILE} and an optional "
                    f"logo ({', '.join('logo.' + e for e in LOGO_EXTENSIONS)})",
                )
            )
    if not path.is_file():
        problems.append(
            Problem(shown, 1, 1, "", f"missing: every partner folder needs a {PARTNER_FILE}")
        )
        return None
    text = _read(path, problems)
    if text is None:
        return None
    node, found = load_yaml(text, shown)
    problems.extend(found)
    if node is None:
        return None
    values = PARTNER_RECORD.parse(node, ctx, "")
    problems.extend(ctx.problems)
    if values is INVALID or found or not ok:
        return None
    html = values["description"].map(render_markdown)
    return Partner.from_values(folder.name, values, html, shown)


@cached("case")
def _load_case(
    path: Path, vocabularies: dict[str, Vocabulary], problems: list[Problem]
) -> Case | None:
    shown = display_path(path)
    if path.name.startswith("."):
        return None
    if path.suffix != ".md" or path.is_dir():
        problems.append(
            Problem(shown, 1, 1, "", "unexpected file: cases are Markdown files, <slug>.md")
        )
        return None
    ctx = Context(shown, vocabularies)
    slug_ok = bool(SLUG.pattern and SLUG.pattern.match(path.stem))
    if not slug_ok:
        problems.append(
            Problem(
                shown,
                1,
                1,
                "",
                f"file name {path.stem!r} is not a valid slug: use {SLUG.pattern_help}",
            )
        )
    text = _read(path, problems)
    if text is None:
        return None
    front, body, body_offset, found = split_front_matter(text, shown)
    problems.extend(found)
    if front is None:
        return None
    node, found = load_yaml(front, shown, line_offset=1)
    problems.extend(found)
    if node is None:
        return None
    values: Any = CASE_RECORD.parse(node, ctx, "")
    problems.extend(ctx.problems)
    if not body.strip():
        problems.append(
            Problem(
                shown,
                text.count("\n") + 1,
                1,
                "body",
                "the case has no text below the front matter",
            )
        )
        return None
    in_body = body_problems(shown, body, body_offset)
    problems.extend(in_body)
    if values is INVALID or found or not slug_ok or in_body:
        return None
    return Case.from_values(path.stem, values, render_markdown(body), shown)


def review_paths(root: Path | str) -> dict[str, Path]:
    """Every review file by id (its file name), without reading any: for the review tools,
    which must find a review or know a submission is already imported, at any scale."""
    found: dict[str, Path] = {}
    base = Path(root) / REVIEWS_DIR
    for folder in _review_dirs(base):
        for entry in os.scandir(folder):
            if entry.name.endswith(".yaml") and not entry.name.startswith("."):
                found.setdefault(entry.name[: -len(".yaml")], Path(entry.path))
    return found


def load_review_text(
    root: Path | str, path: Path, text: str
) -> tuple[Review | None, list[Problem]]:
    """Validate `text` as the review file at `path` would be, before a tool writes it there."""
    root = Path(root)
    empty = {name: Taxonomy(name, {}) for name in TAXONOMIES}
    vocabularies = _vocabularies(empty, _partner_dirs(root))
    problems: list[Problem] = []
    review = _parse_review(path, text, vocabularies, problems)
    return review, sorted(set(problems))


def _review_dirs(base: Path) -> list[Path]:
    if not base.is_dir():
        return []
    return sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith("."))


def _load_reviews(
    root: Path,
    vocabularies: dict[str, Vocabulary],
    wanted: set[Path] | None,
    content: Content,
    problems: list[Problem],
) -> None:
    base = root / REVIEWS_DIR
    if not base.is_dir():
        return
    layout = "reviews live in content/reviews/<partner-slug>/<id>.yaml"
    for entry in sorted(base.iterdir()):
        if entry.name.startswith(".") or entry.is_dir():
            continue
        if wanted is None or entry.resolve() in wanted:
            problems.append(Problem(display_path(entry), 1, 1, "", f"unexpected file: {layout}"))
    seen: dict[str, str] = {}
    for folder in _review_dirs(base):
        # Names, not Paths, sorted and checked: 20,000 review files at the benchmark's size, and
        # the entry's type comes from the directory listing (no stat; the cache makes one).
        with os.scandir(folder) as scan:
            entries = sorted((entry.name, entry.is_dir()) for entry in scan)
        prefix = os.path.join(folder, "")
        for name, is_dir in entries:
            if name.startswith("."):
                continue  # editors' and the import's temporary files
            path = prefix + name
            if wanted is not None and Path(path).resolve() not in wanted:
                continue
            if is_dir or not name.endswith(".yaml"):
                problems.append(Problem(display_path(path), 1, 1, "", f"unexpected file: {layout}"))
                continue
            review = _load_review(path, vocabularies, problems)
            if review is None:
                continue
            if review.id in seen:
                problems.append(
                    Problem(
                        display_path(path),
                        1,
                        1,
                        "id",
                        f"{review.id!r} is also the id of {display_path(seen[review.id])}",
                    )
                )
                continue
            seen[review.id] = path
            content.reviews[review.id] = review


@cached("review")
def _load_review(
    path: Path | str, vocabularies: dict[str, Vocabulary], problems: list[Problem]
) -> Review | None:
    path = Path(path)
    text = _read(path, problems)
    if text is None:
        return None
    return _parse_review(path, text, vocabularies, problems)


def _parse_review(
    path: Path, text: str, vocabularies: dict[str, Vocabulary], problems: list[Problem]
) -> Review | None:
    shown = display_path(path)
    folder = path.parent.name
    ok = True
    if folder != UNKNOWN_PARTNER_FOLDER and folder not in vocabularies["partners"].ids:
        problems.append(
            Problem(
                shown,
                1,
                1,
                "",
                f"no partner {folder!r}: a review folder is named after a folder in "
                f"content/partners/ ({UNKNOWN_PARTNER_FOLDER}/ holds submissions for no known "
                "partner)",
            )
        )
        ok = False
    if not REVIEW_ID_RE.match(path.stem):
        problems.append(
            Problem(shown, 1, 1, "", f"file name {path.stem!r} is not a valid submission id")
        )
        ok = False
    node, found = load_yaml(text, shown)
    problems.extend(found)
    if node is None:
        return None
    ctx = Context(shown, vocabularies)
    values = REVIEW_RECORD.parse(node, ctx, "")
    if values is not INVALID and isinstance(node, Mapping):
        review_rules(values, node, ctx, folder, path.stem)
    problems.extend(ctx.problems)
    if values is INVALID or found or ctx.problems or not ok:
        return None
    return Review.from_values(values, shown)


@dataclass
class _FrontMatterFile:
    """One Markdown file with front matter, read and checked against a record."""

    values: Any = INVALID
    node: Mapping | None = None
    body: str = ""
    body_offset: int = 0
    ctx: Context | None = None
    problems: list[Problem] = field(default_factory=list)

    def attachment(self, name: str) -> str | None:
        """The file name a field names, as written (even when the record has other errors)."""
        if self.node is None or name not in self.node.entries:
            return None
        raw = getattr(self.node.entries[name][1], "raw", None)
        return raw.strip() if isinstance(raw, str) else None

    def apply_rules(self, rules: Callable[..., None], *args: Any) -> None:
        """Check the rules between fields once every field is valid."""
        if self.values is INVALID or self.node is None or self.ctx is None:
            return
        before = len(self.ctx.problems)
        rules(self.values, self.node, self.ctx, *args)
        self.problems.extend(self.ctx.problems[before:])

    @property
    def ok(self) -> bool:
        return self.values is not INVALID and not self.problems


def _read_front_matter(
    path: Path, record: Record, vocabularies: dict[str, Vocabulary], what: str
) -> _FrontMatterFile:
    """Read `path` as front matter over a Markdown body; problems stay in the result."""
    shown = display_path(path)
    result = _FrontMatterFile()
    if not SLUG_RE.match(path.stem):
        message = f"file name {path.stem!r} is not a valid slug: use {SLUG.pattern_help}"
        result.problems.append(Problem(shown, 1, 1, "", message))
    text = _read(path, result.problems)
    if text is None:
        return result
    front, body, body_offset, found = split_front_matter(text, shown)
    result.problems.extend(found)
    if front is None:
        return result
    node, found = load_yaml(front, shown, line_offset=1)
    result.problems.extend(found)
    if node is None:
        return result
    ctx = Context(shown, vocabularies, folder=path.parent)
    result.values = record.parse(node, ctx, "")
    result.problems.extend(ctx.problems)
    if not body.strip():
        message = f"the {what} has no text below the front matter"
        result.problems.append(Problem(shown, text.count("\n") + 1, 1, "body", message))
    # A library item's raw HTML and links are refused by its own rule (library_rules).
    skip = frozenset({"html", "link"}) if what == "item" else frozenset()
    result.problems.extend(body_problems(shown, body, body_offset, skip))
    result.node = node if isinstance(node, Mapping) else None
    result.body, result.body_offset, result.ctx = body, body_offset, ctx
    return result


# A library item or event as loaded: the record (None when it has problems) and the names of
# the files beside it that it uses (its attachment, its cover), even when they are wrong.
_Loaded = tuple[Any, tuple[str | None, ...]]


def _files_used(path: Path, loaded: _Loaded) -> list[Path]:
    """The files an item's record was read from besides its own (for the parse cache)."""
    return [path.parent / name for name in loaded[1] if name]


@cached("library", depends=_files_used, clean_only=True)
def _load_library_item(
    path: Path, vocabularies: dict[str, Vocabulary], problems: list[Problem]
) -> _Loaded:
    """One `<type>/<slug>.md` of the library (the type is its folder's name)."""
    library_type = path.parent.name
    result = _read_front_matter(path, record_for(library_type), vocabularies, "item")
    result.apply_rules(library_rules, result.body, result.body_offset)
    problems.extend(result.problems)
    names = (result.attachment("file"), result.attachment("cover"))
    if not result.ok:
        return None, names
    values = result.values
    size = (path.parent / values["file"]).stat().st_size if values.get("file") else None
    item = LibraryItem.from_values(
        library_type,
        path.stem,
        values,
        result.body.strip() + "\n",
        render_markdown(result.body),
        size,
        display_path(path),
    )
    return item, names


@cached("event", depends=_files_used, clean_only=True)
def _load_event(
    path: Path, vocabularies: dict[str, Vocabulary], problems: list[Problem]
) -> _Loaded:
    """One `events/<slug>.md`."""
    result = _read_front_matter(path, EVENT_RECORD, vocabularies, "event")
    result.apply_rules(event_rules)
    problems.extend(result.problems)
    names = (result.attachment("cover"),)
    if not result.ok:
        return None, names
    html = render_markdown(result.body)
    return Event.from_values(path.stem, result.values, html, display_path(path)), names


def _read_item_folder(
    folder: Path,
    vocabularies: dict[str, Vocabulary],
    wanted: set[Path] | None,
    problems: list[Problem],
    load: Callable[[Path, dict[str, Vocabulary], list[Problem]], _Loaded],
    add: Callable[[Any], None],
) -> None:
    """Read every `<slug>.md` in `folder` with `load` and `add` each valid record; report files
    no item uses, and anything else found there."""
    used: set[str] = set()
    attachments: list[Path] = []
    with os.scandir(folder) as scan:
        entries = sorted((entry.name, entry.is_file(), entry.is_dir()) for entry in scan)
    for name, is_file, is_dir in entries:
        if name.startswith("."):
            continue  # editors' temporary files
        path = folder / name
        selected = wanted is None or path.resolve() in wanted
        if is_file and path.suffix == ".md":
            found: list[Problem] = []
            record, names = load(path, vocabularies, found)
            used.update(name for name in names if name)
            # An item is checked when it, or a file it uses, is among the wanted files.
            uses_wanted = wanted is not None and any(
                (folder / name).resolve() in wanted for name in names if name
            )
            if selected or uses_wanted:
                problems.extend(found)
            if record is not None and selected:
                add(record)
        elif is_file and path.suffix.lower().lstrip(".") in ATTACHMENT_EXTENSIONS:
            attachments.append(path)
        elif selected:
            allowed = ", ".join("." + e for e in ATTACHMENT_EXTENSIONS)
            kind = "folder" if is_dir else "file"
            message = (
                f"unexpected {kind}: this folder holds <slug>.md files and the files they use "
                f"({allowed})"
            )
            problems.append(Problem(display_path(path), 1, 1, "", message))
    for path in attachments:
        if path.name not in used and (wanted is None or path.resolve() in wanted):
            message = "no item uses this file: name it in an item's `file` or `cover`, or remove it"
            problems.append(Problem(display_path(path), 1, 1, "", message))


def _touches(folder: Path, wanted: set[Path] | None) -> bool:
    """Whether any wanted path is this folder, inside it, or contains it."""
    if wanted is None:
        return True
    folder = folder.resolve()
    return any(w == folder or folder in w.parents or w in folder.parents for w in wanted)


def _load_library(
    root: Path,
    vocabularies: dict[str, Vocabulary],
    wanted: set[Path] | None,
    content: Content,
    problems: list[Problem],
) -> None:
    base = root / LIBRARY_DIR
    if not base.is_dir():
        return
    for folder in sorted(base.iterdir()):
        if folder.name.startswith(".") or not _touches(folder, wanted):
            continue
        if not folder.is_dir() or folder.name not in LIBRARY_TYPES:
            kind = "folder" if folder.is_dir() else "file"
            folders = ", ".join(f"{t}/" for t in LIBRARY_TYPES)
            hint = did_you_mean(folder.name, LIBRARY_TYPES)
            message = f"unexpected {kind}: content/library/ holds the folders {folders}.{hint}"
            problems.append(Problem(display_path(folder), 1, 1, "", message))
            continue

        def add(item: LibraryItem) -> None:
            content.library[item.key] = item

        _read_item_folder(folder, vocabularies, wanted, problems, _load_library_item, add)


def _load_events(
    root: Path,
    vocabularies: dict[str, Vocabulary],
    wanted: set[Path] | None,
    content: Content,
    problems: list[Problem],
) -> None:
    folder = root / EVENTS_DIR
    if not folder.is_dir() or not _touches(folder, wanted):
        return

    def add(event: Event) -> None:
        content.events[event.slug] = event

    _read_item_folder(folder, vocabularies, wanted, problems, _load_event, add)


def _attach_reviews(content: Content) -> None:
    """Approved reviews to their partners, newest first."""
    for review in content.reviews.values():
        partner = content.partners.get(review.partner or "")
        if review.published and partner is not None:
            partner.reviews.append(review)
    for partner in content.partners.values():
        partner.reviews.sort(key=lambda r: (r.submitted, r.id), reverse=True)


__all__ = ["Content", "LocalText", "display_path", "load_content"]


def vocabularies_for(content: Content) -> dict[str, Vocabulary]:
    """The controlled vocabularies of a loaded content tree (for schemas and tools)."""
    return _vocabularies(content.taxonomies, _partner_dirs(content.root))
