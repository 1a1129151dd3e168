"""Reads the whole content tree (or some files of it) into the model, collecting every problem.

This is the only place content files are opened: the Pelican build, the validator and the tools
all call `load_content`. Folders are listed without following links and files read through
`contentfiles`, so a symbolic link, a named pipe or a device anywhere the loader looks is
reported (by path, never by what it points to) instead of read, and a file over its size limit
is refused before a byte of it is read.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from unidecode import unidecode

from copernica_directory.model.case import Case
from copernica_directory.model.content import Content, index_relations
from copernica_directory.model.contentfiles import (
    Entry,
    Refused,
    folder_refusal,
    list_folder,
    read_text,
    size_refusal,
)
from copernica_directory.model.event import EVENT_KINDS, Event, event_rules
from copernica_directory.model.fields import (
    BODY_MAX_CHARS,
    COVER_EXTENSIONS,
    MARKDOWN_FILE_MAX_BYTES,
    PARTNER_FILE_MAX_BYTES,
    REVIEW_FILE_MAX_BYTES,
    SLUG,
    TAXONOMY_FILE_MAX_BYTES,
)
from copernica_directory.model.gcpause import paused_gc
from copernica_directory.model.library import (
    ATTACHMENT_EXTENSIONS,
    LIBRARY_TYPES,
    REUSE_MODES,
    STATUSES,
    LibraryItem,
    library_rules,
    type_for,
)
from copernica_directory.model.loadcache import LoadCache, cacheable, through
from copernica_directory.model.markup import body_problems, render_markdown
from copernica_directory.model.partner import BRANDS, LOGO_EXTENSIONS, PARTNER_FILE, Partner
from copernica_directory.model.problems import Problem
from copernica_directory.model.review import (
    REVIEW_ID_RE,
    REVIEW_VOCABULARIES,
    Review,
    review_rules,
)
from copernica_directory.model.review_settings import UNKNOWN_PARTNER_FOLDER
from copernica_directory.model.schema import (
    INVALID,
    SLUG_RE,
    Context,
    Record,
    Vocabulary,
    did_you_mean,
)
from copernica_directory.model.taxonomy import TAXONOMIES, Taxonomy, Term
from copernica_directory.model.text import LocalText
from copernica_directory.model.vocab import SITE_LANGUAGES, country_codes, language_codes
from copernica_directory.model.yamlsource import Mapping, load_yaml, split_front_matter

PARTNERS_DIR = "partners"
CASES_DIR = "cases"
TAXONOMY_DIR = "taxonomy"
REVIEWS_DIR = "reviews"
LIBRARY_DIR = "library"
EVENTS_DIR = "events"
CONTENT_DIRS = (PARTNERS_DIR, CASES_DIR, TAXONOMY_DIR, REVIEWS_DIR, LIBRARY_DIR, EVENTS_DIR)


_ALLOWED = ", ".join("." + e for e in ATTACHMENT_EXTENSIONS)
ITEM_FILES = (
    ATTACHMENT_EXTENSIONS,
    f"this folder holds <slug>.md files and the files they use ({_ALLOWED})",
)
CASE_FILES = (
    COVER_EXTENSIONS,
    "cases are Markdown files, <slug>.md, beside the cover images they name "
    f"({', '.join('.' + e for e in COVER_EXTENSIONS)})",
)
LIBRARY_VOCABULARIES = {
    "library_statuses": STATUSES,
    "reuse_modes": REUSE_MODES,
    "event_kinds": EVENT_KINDS,
}


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


def _key(path: Path | str) -> Path:
    """A path as `files` are matched: absolute, without following links (a link must be
    matched as itself, not as the file it points to)."""
    return Path(os.path.abspath(path))


def _read(path: Path | str, problems: list[Problem], limit: int, what: str) -> str | None:
    """The text of a regular file within `limit` bytes, or None with the problem reported."""
    try:
        return read_text(path, limit, what)
    except Refused as err:
        problems.append(Problem(display_path(path), 1, 1, "", str(err)))
    except UnicodeDecodeError as err:
        problems.append(
            Problem(display_path(path), 1, 1, "", f"not UTF-8 text ({err.reason}); save as UTF-8")
        )
    except OSError as err:
        reason = err.strerror or type(err).__name__
        problems.append(Problem(display_path(path), 1, 1, "", f"cannot read the file: {reason}"))
    return None


def _refused(entry: Entry, problems: list[Problem]) -> bool:
    """Report an entry that may not be in content/ (a link, a pipe, a device); True if so."""
    if entry.refusal is None:
        return False
    problems.append(Problem(display_path(entry.path), 1, 1, "", entry.refusal))
    return True


def _body_problem(shown: str, body: str, body_offset: int) -> Problem | None:
    """A Markdown body over its length limit, reported on the line the body starts."""
    if len(body) <= BODY_MAX_CHARS:
        return None
    message = (
        f"the text below the front matter is {len(body):,} characters; at most "
        f"{BODY_MAX_CHARS:,} allowed"
    )
    return Problem(shown, body_offset + 1, 1, "body", message)


def _content_folders(root: Path, wanted: set[Path] | None, problems: list[Problem]) -> set[str]:
    """The content folders (partners, cases, ...) that are folders to read. Every entry of the
    content root that is a link, a pipe or a device, and a known folder that is a file, is
    reported."""
    usable: set[str] = set()
    try:
        entries = list_folder(root)
    except OSError:
        return usable
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if wanted is not None and not _selected(Path(entry.path), wanted, whole_folder=True):
            if entry.is_dir and entry.name in CONTENT_DIRS:
                usable.add(entry.name)
            continue
        if _refused(entry, problems):
            continue
        if entry.name in CONTENT_DIRS:
            if entry.is_dir:
                usable.add(entry.name)
            else:
                problems.append(
                    Problem(display_path(entry.path), 1, 1, "", "is a file where a folder belongs")
                )
    return usable


@paused_gc
def load_content(
    root: Path | str, files: Iterable[Path | str] | None = None, cache: LoadCache | None = None
) -> tuple[Content, list[Problem]]:
    """Load and validate the content under `root`.

    With `files`, only those files (and the partner folders they belong to) are validated;
    taxonomies are always read, since everything else is checked against them. `cache`: what
    earlier loads of the same files gave (the build's parse cache; loadcache.py), or None.
    """
    root = Path(root)
    content = Content(root=root)
    problems: list[Problem] = []
    wanted = None if files is None else {_key(f) for f in files}
    folders = _content_folders(root, wanted, problems)

    for name in TAXONOMIES:
        path = root / TAXONOMY_DIR / f"{name}.yaml"
        readable = TAXONOMY_DIR in folders
        content.taxonomies[name] = _load_taxonomy(path, name, problems, readable)

    partner_dirs, refused = _partner_listing(root) if PARTNERS_DIR in folders else ([], [])
    vocabularies = _vocabularies(content.taxonomies, partner_dirs, refused)

    for entry in refused:
        if wanted is None or _selected(Path(entry.path), wanted, whole_folder=True):
            _refused(entry, problems)
    load_partner = through(cache, _load_partner)
    for folder in partner_dirs:
        if wanted is not None and not _selected(folder, wanted, whole_folder=True):
            continue
        partner = load_partner(folder, vocabularies, problems)
        if partner is not None:
            content.partners[partner.slug] = partner

    if CASES_DIR in folders:

        def add_case(case: Case) -> None:
            content.cases[case.slug] = case

        _read_item_folder(
            root / CASES_DIR,
            vocabularies,
            wanted,
            problems,
            through(cache, _load_case),
            add_case,
            CASE_FILES,
        )

    if REVIEWS_DIR in folders:
        _load_reviews(root, vocabularies, wanted, content, problems, cache)
    if LIBRARY_DIR in folders:
        _load_library(root, vocabularies, wanted, content, problems, cache)
    if EVENTS_DIR in folders:
        _load_events(root, vocabularies, wanted, content, problems, cache)

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
    content.relations = index_relations(
        content.partners, content.cases.values(), content.reviews.values()
    )
    return content, sorted(set(problems))


def _selected(folder: Path, wanted: set[Path], whole_folder: bool) -> bool:
    folder = _key(folder)
    return any(w == folder or (whole_folder and folder in w.parents) for w in wanted)


def _vocabularies(
    taxonomies: dict[str, Taxonomy], partner_dirs: list[Path], refused: Iterable[Entry] = ()
) -> dict[str, Vocabulary]:
    """The vocabularies fields are checked against. A partner folder that is refused (a link)
    still counts as a partner, so its cases and reviews are not reported a second time."""
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
            sorted([d.name for d in partner_dirs] + [e.name for e in refused]),
            "the folders in content/partners/",
            open_pattern=SLUG_RE.pattern,
        ),
        **{name: Vocabulary(name, ids) for name, ids in REVIEW_VOCABULARIES.items()},
        **{name: Vocabulary(name, ids) for name, ids in LIBRARY_VOCABULARIES.items()},
    }


def _load_taxonomy(path: Path, name: str, problems: list[Problem], readable: bool) -> Taxonomy:
    """One taxonomy file; `readable`: its folder is a folder (not missing, not a link)."""
    shown = display_path(path)
    if not readable or not os.path.lexists(path):
        problems.append(Problem(shown, 1, 1, "", f"the {name} taxonomy file is missing"))
        return Taxonomy(name=name, terms={})
    text = _read(path, problems, TAXONOMY_FILE_MAX_BYTES, "a taxonomy file")
    if text is None:
        return Taxonomy(name=name, terms={})
    node, found = load_yaml(text, shown)
    problems.extend(found)
    terms: dict[str, Term] = {}
    if node is None:
        return Taxonomy(name=name, terms=terms)
    ctx = Context(shown, {})
    if not isinstance(node, Mapping):
        ctx.error(node, "", "expected a mapping of id: {label: ..., description: ...}")
    else:
        for term_id, (key, value) in node.entries.items():
            if SLUG.check(term_id, key, ctx, term_id) is INVALID:
                continue
            values = Term.RECORD.parse(value, ctx, term_id)
            if values is not INVALID:
                terms[term_id] = Term.from_values(values, id=term_id)
    problems.extend(ctx.problems)
    return Taxonomy(name=name, terms=terms)


def _partner_listing(root: Path) -> tuple[list[Path], list[Entry]]:
    """The partner folders, and the entries of content/partners/ that are refused (links,
    pipes, devices), both sorted; files there are reported by nobody but the ownership check
    and are never read."""
    partners = root / PARTNERS_DIR
    if folder_refusal(partners) is not None or not partners.is_dir():
        return [], []
    folders, refused = [], []
    for entry in list_folder(partners):
        if entry.name.startswith("."):
            continue
        if entry.is_dir:
            folders.append(Path(entry.path))
        elif entry.refusal is not None:
            refused.append(entry)
    return folders, refused


def _partner_dirs(root: Path) -> list[Path]:
    return _partner_listing(root)[0]


@cacheable("partner")
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
    found_file = False
    for extra in list_folder(folder):
        if extra.name.startswith("."):
            continue  # editors' temporary files (Emacs' lock files are links), never read
        if extra.name == PARTNER_FILE:
            found_file = True  # read (or refused) below
        elif _refused(extra, problems):
            continue
        elif extra.name not in allowed or not extra.is_file:
            problems.append(
                Problem(
                    display_path(extra.path),
                    1,
                    1,
                    "",
                    f"unexpected file: a partner folder holds {PARTNER_FILE} and an optional "
                    f"logo ({', '.join('logo.' + e for e in LOGO_EXTENSIONS)})",
                )
            )
    if not found_file:
        problems.append(
            Problem(shown, 1, 1, "", f"missing: every partner folder needs a {PARTNER_FILE}")
        )
        return None
    text = _read(path, problems, PARTNER_FILE_MAX_BYTES, f"a {PARTNER_FILE}")
    if text is None:
        return None
    node, found = load_yaml(text, shown)
    problems.extend(found)
    if node is None:
        return None
    values = Partner.RECORD.parse(node, ctx, "")
    problems.extend(ctx.problems)
    if values is INVALID or found or not ok:
        return None
    html = values["description"].map(render_markdown)
    return Partner.from_values(values, slug=folder.name, description_html=html, source=shown)


def review_paths(root: Path | str) -> dict[str, Path]:
    """Every review file by id (its file name), without reading any: for the review tools,
    which must find a review or know a submission is already imported, at any scale."""
    found: dict[str, Path] = {}
    base = Path(root) / REVIEWS_DIR
    for folder in _review_dirs(base):
        # Links too: the tool then loads the file, and the loader says why it is refused.
        for entry in os.scandir(folder):
            if entry.name.endswith(".yaml") and not entry.name.startswith("."):
                found.setdefault(entry.name[: -len(".yaml")], Path(entry.path))
    return found


def load_review_text(
    root: Path | str, path: Path, text: str
) -> tuple[Review | None, list[Problem]]:
    """Validate `text` as the review file at `path` would be, before a tool writes it there."""
    root = Path(root)
    empty = {name: Taxonomy(name=name, terms={}) for name in TAXONOMIES}
    vocabularies = _vocabularies(empty, _partner_dirs(root))
    problems: list[Problem] = []
    # The limit the file will be read with, before it is written (nothing unreadable is stored).
    too_big = size_refusal(len(text.encode("utf-8")), REVIEW_FILE_MAX_BYTES, "a review file")
    if too_big is not None:
        return None, [Problem(display_path(path), 1, 1, "", too_big)]
    review = _parse_review(path, text, vocabularies, problems)
    return review, sorted(set(problems))


def _review_dirs(base: Path) -> list[Path]:
    if folder_refusal(base) is not None or not base.is_dir():
        return []
    return [Path(e.path) for e in list_folder(base) if e.is_dir and not e.name.startswith(".")]


def _load_reviews(
    root: Path,
    vocabularies: dict[str, Vocabulary],
    wanted: set[Path] | None,
    content: Content,
    problems: list[Problem],
    cache: LoadCache | None = None,
) -> None:
    base = root / REVIEWS_DIR
    layout = "reviews live in content/reviews/<partner-slug>/<id>.yaml"
    folders: list[Path] = []
    for entry in list_folder(base):
        if entry.name.startswith("."):
            continue
        if entry.is_dir:
            folders.append(Path(entry.path))
        elif (
            wanted is None or _selected(Path(entry.path), wanted, whole_folder=True)
        ) and not _refused(entry, problems):
            message = f"unexpected file: {layout}"
            problems.append(Problem(display_path(entry.path), 1, 1, "", message))
    seen: dict[str, str] = {}
    load_review = through(cache, _load_review)
    for folder in folders:
        # Names, not Paths, checked: 20,000 review files at the benchmark's size, and the
        # entry's type comes from the directory listing (no stat; the cache makes one).
        for name, path, is_file, _, refusal in list_folder(folder):
            if name.startswith("."):
                continue  # editors' and the import's temporary files
            if wanted is not None and _key(path) not in wanted:
                continue
            if refusal is not None:
                problems.append(Problem(display_path(path), 1, 1, "", refusal))
                continue
            if not is_file or not name.endswith(".yaml"):
                problems.append(Problem(display_path(path), 1, 1, "", f"unexpected file: {layout}"))
                continue
            review = load_review(path, vocabularies, problems)
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


@cacheable("review")
def _load_review(
    path: Path | str, vocabularies: dict[str, Vocabulary], problems: list[Problem]
) -> Review | None:
    path = Path(path)
    text = _read(path, problems, REVIEW_FILE_MAX_BYTES, "a review file")
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
    values = Review.RECORD.parse(node, ctx, "")
    if values is not INVALID and isinstance(node, Mapping):
        review_rules(values, node, ctx, folder, path.stem)
    problems.extend(ctx.problems)
    if values is INVALID or found or ctx.problems or not ok:
        return None
    return Review.from_values(values, source=shown)


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
    text = _read(path, result.problems, MARKDOWN_FILE_MAX_BYTES, "a Markdown file")
    if text is None:
        return result
    front, body, body_offset, found = split_front_matter(text, shown)
    result.problems.extend(found)
    if front is None:
        return result
    too_long = _body_problem(shown, body, body_offset)
    if too_long is not None:
        result.problems.append(too_long)
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


@cacheable("case", depends=_files_used, clean_only=True)
def _load_case(path: Path, vocabularies: dict[str, Vocabulary], problems: list[Problem]) -> _Loaded:
    """One `cases/<slug>.md`, and the cover it names."""
    result = _read_front_matter(path, Case.RECORD, vocabularies, "case")
    problems.extend(result.problems)
    names = (result.attachment("cover"),)
    if not result.ok:
        return None, names
    html = render_markdown(result.body)
    case = Case.from_values(
        result.values, slug=path.stem, body_html=html, source=display_path(path)
    )
    return case, names


@cacheable("library", depends=_files_used, clean_only=True)
def _load_library_item(
    path: Path, vocabularies: dict[str, Vocabulary], problems: list[Problem]
) -> _Loaded:
    """One `<type>/<slug>.md` of the library (the type is its folder's name)."""
    library_type = path.parent.name
    declared = type_for(library_type)
    result = _read_front_matter(path, declared.RECORD, vocabularies, "item")
    result.apply_rules(library_rules, result.body, result.body_offset)
    problems.extend(result.problems)
    names = (result.attachment("file"), result.attachment("cover"))
    if not result.ok:
        return None, names
    values = result.values
    size = os.lstat(path.parent / values["file"]).st_size if values.get("file") else None
    item = declared.from_values(
        values,
        type=library_type,
        slug=path.stem,
        body_markdown=result.body.strip() + "\n",
        body_html=render_markdown(result.body),
        file_bytes=size,
        source=display_path(path),
    )
    return item, names


@cacheable("event", depends=_files_used, clean_only=True)
def _load_event(
    path: Path, vocabularies: dict[str, Vocabulary], problems: list[Problem]
) -> _Loaded:
    """One `events/<slug>.md`."""
    result = _read_front_matter(path, Event.RECORD, vocabularies, "event")
    result.apply_rules(event_rules)
    problems.extend(result.problems)
    names = (result.attachment("cover"),)
    if not result.ok:
        return None, names
    html = render_markdown(result.body)
    event = Event.from_values(
        result.values, slug=path.stem, body_html=html, source=display_path(path)
    )
    return event, names


def _read_item_folder(
    folder: Path,
    vocabularies: dict[str, Vocabulary],
    wanted: set[Path] | None,
    problems: list[Problem],
    load: Callable[[Path, dict[str, Vocabulary], list[Problem]], _Loaded],
    add: Callable[[Any], None],
    files: tuple[tuple[str, ...], str] | None = None,
) -> None:
    """Read every `<slug>.md` in `folder` with `load` and `add` each valid record; report files
    no item uses, and anything else found there. `files`: the extensions of the files items
    may use there, and what the folder holds (library and events: ITEM_FILES)."""
    extensions, layout = files or ITEM_FILES
    used: set[str] = set()
    attachments: list[Path] = []
    # An item refused unread names no files: its cover or PDF would be reported as unused, a
    # second, misleading problem. The item's own problem is the one to fix first.
    unread_item = False
    for name, _, is_file, is_dir, refusal in list_folder(folder):
        if name.startswith("."):
            continue  # editors' temporary files
        path = folder / name
        selected = wanted is None or _key(path) in wanted
        if refusal is not None:
            unread_item = unread_item or name.endswith(".md")
            if selected:
                problems.append(Problem(display_path(path), 1, 1, "", refusal))
            continue
        if is_file and path.suffix == ".md":
            found: list[Problem] = []
            record, names = load(path, vocabularies, found)
            used.update(name for name in names if name)
            # An item is checked when it, or a file it uses, is among the wanted files.
            uses_wanted = wanted is not None and any(
                _key(folder / name) in wanted for name in names if name
            )
            if selected or uses_wanted:
                problems.extend(found)
            if record is not None and selected:
                add(record)
        elif is_file and path.suffix.lower().lstrip(".") in extensions:
            attachments.append(path)
        elif selected:
            kind = "folder" if is_dir else "file"
            problems.append(Problem(display_path(path), 1, 1, "", f"unexpected {kind}: {layout}"))
    for path in [] if unread_item else attachments:
        if path.name not in used and (wanted is None or _key(path) in wanted):
            message = (
                "no item uses this file: name it in an item's `file` or `cover`, or remove it"
                if extensions == ATTACHMENT_EXTENSIONS
                else "no case uses this file: name it in a case's `cover`, or remove it"
            )
            problems.append(Problem(display_path(path), 1, 1, "", message))


def _touches(folder: Path, wanted: set[Path] | None) -> bool:
    """Whether any wanted path is this folder, inside it, or contains it."""
    if wanted is None:
        return True
    folder = _key(folder)
    return any(w == folder or folder in w.parents or w in folder.parents for w in wanted)


def _load_library(
    root: Path,
    vocabularies: dict[str, Vocabulary],
    wanted: set[Path] | None,
    content: Content,
    problems: list[Problem],
    cache: LoadCache | None = None,
) -> None:
    base = root / LIBRARY_DIR
    for entry in list_folder(base):
        folder = Path(entry.path)
        if entry.name.startswith(".") or not _touches(folder, wanted):
            continue
        if _refused(entry, problems):
            continue
        if not entry.is_dir or folder.name not in LIBRARY_TYPES:
            kind = "folder" if entry.is_dir else "file"
            folders = ", ".join(f"{t}/" for t in LIBRARY_TYPES)
            hint = did_you_mean(folder.name, LIBRARY_TYPES)
            message = f"unexpected {kind}: content/library/ holds the folders {folders}.{hint}"
            problems.append(Problem(display_path(folder), 1, 1, "", message))
            continue

        def add(item: LibraryItem) -> None:
            content.library[item.key] = item

        _read_item_folder(
            folder, vocabularies, wanted, problems, through(cache, _load_library_item), add
        )


def _load_events(
    root: Path,
    vocabularies: dict[str, Vocabulary],
    wanted: set[Path] | None,
    content: Content,
    problems: list[Problem],
    cache: LoadCache | None = None,
) -> None:
    folder = root / EVENTS_DIR
    if not _touches(folder, wanted):
        return

    def add(event: Event) -> None:
        content.events[event.slug] = event

    _read_item_folder(folder, vocabularies, wanted, problems, through(cache, _load_event), add)


__all__ = ["Content", "LocalText", "display_path", "load_content"]


def vocabularies_for(content: Content) -> dict[str, Vocabulary]:
    """The controlled vocabularies of a loaded content tree (for schemas and tools)."""
    return _vocabularies(content.taxonomies, *_partner_listing(content.root))
