"""Reads the whole content tree (or some files of it) into the model, collecting every problem.

This is the only place content files are opened: the Pelican build, the validator and the tools
all call `load_content`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from unidecode import unidecode

from .markup import render_markdown
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
from .schema import INVALID, SLUG_RE, Context, Vocabulary
from .text import LocalText
from .vocab import SITE_LANGUAGES, country_codes, language_codes
from .yamlsource import Mapping, load_yaml, split_front_matter

TAXONOMIES = ("expertise", "industries")
PARTNER_FILE = "partner.yaml"
REVIEWS_DIR = "reviews"


@dataclass
class Content:
    """Everything the site is built from, validated."""

    root: Path
    taxonomies: dict[str, Taxonomy] = field(default_factory=dict)
    partners: dict[str, Partner] = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)
    # Every review file, in any status, by id; only approved ones reach Partner.reviews.
    reviews: dict[str, Review] = field(default_factory=dict)


def sort_key(name: str) -> str:
    """Alphabetical order as readers expect it: Bølgen beside Bolt, not after Brisa."""
    return unidecode(name).casefold()


def display_path(path: Path) -> str:
    """The path as a partner sees it in their checkout: relative to the working directory."""
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

    content.partners = dict(
        sorted(content.partners.items(), key=lambda kv: (sort_key(kv[1].name), kv[0]))
    )
    content.cases = dict(
        sorted(content.cases.items(), key=lambda kv: (kv[1].date, kv[0]), reverse=True)
    )
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
    front, body, _, found = split_front_matter(text, shown)
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
    if values is INVALID or found or not slug_ok:
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
        for path in sorted(folder.iterdir()):
            if path.name.startswith("."):
                continue  # editors' and the import's temporary files
            if wanted is not None and path.resolve() not in wanted:
                continue
            shown = display_path(path)
            if path.is_dir() or path.suffix != ".yaml":
                problems.append(Problem(shown, 1, 1, "", f"unexpected file: {layout}"))
                continue
            review = _load_review(path, vocabularies, problems)
            if review is None:
                continue
            if review.id in seen:
                problems.append(
                    Problem(shown, 1, 1, "id", f"{review.id!r} is also the id of {seen[review.id]}")
                )
                continue
            seen[review.id] = shown
            content.reviews[review.id] = review


def _load_review(
    path: Path, vocabularies: dict[str, Vocabulary], problems: list[Problem]
) -> Review | None:
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
