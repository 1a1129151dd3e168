"""JSON Schemas generated from the content model, for editors (yaml-language-server) and CI.

`scripts/generate_schemas.py` writes them to schemas/, and the field tables of the docs
(model.fielddocs); a test fails when either is stale, so the schemas editors use and the
tables people read can never disagree with the validator.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from copernica_directory.model.case import Case
from copernica_directory.model.declare import Declared
from copernica_directory.model.event import Event
from copernica_directory.model.fielddocs import stale_documents
from copernica_directory.model.library import LibraryItem, Whitepaper
from copernica_directory.model.loader import load_content, vocabularies_for
from copernica_directory.model.partner import Partner
from copernica_directory.model.review import Review
from copernica_directory.model.schema import SLUG_RE, Vocabulary
from copernica_directory.model.taxonomy import Term

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_DIR = Path("schemas")
# Schema file name -> (content type, description). Keep names stable: editors point at them.
DOCUMENTS: dict[str, tuple[type[Declared], str]] = {
    "partner": (Partner, "content/partners/<slug>/partner.yaml"),
    "case": (Case, "the front matter of content/cases/<slug>.md"),
    "review": (Review, "content/reviews/<partner-slug>/<id>.yaml"),
    "library-item": (
        LibraryItem,
        "the front matter of content/library/{articles,best-practices}/<slug>.md",
    ),
    "whitepaper": (Whitepaper, "the front matter of content/library/whitepapers/<slug>.md"),
    "event": (Event, "the front matter of content/events/<slug>.md"),
}


def content_vocabularies(content_root: Path) -> dict[str, Vocabulary]:
    """The vocabularies of the content tree (its taxonomies, its partners' folders, ...)."""
    content, _ = load_content(content_root, files=[])
    return vocabularies_for(content)


def generate(content_root: Path) -> dict[str, dict[str, Any]]:
    """Every schema, keyed by file stem."""
    vocabularies = content_vocabularies(content_root)
    schemas: dict[str, dict[str, Any]] = {}
    for name, (declared, description) in DOCUMENTS.items():
        record = declared.RECORD
        schemas[name] = {
            "$schema": DRAFT,
            "$id": f"https://partners.copernica.com/schemas/{name}.schema.json",
            "description": f"{record.title}: {description}",
            **record.json_schema(vocabularies),
        }
    term = Term.RECORD.json_schema(vocabularies)
    schemas["taxonomy"] = {
        "$schema": DRAFT,
        "$id": "https://partners.copernica.com/schemas/taxonomy.schema.json",
        "description": "content/taxonomy/<name>.yaml: id -> label and description",
        "type": "object",
        "propertyNames": {"pattern": SLUG_RE.pattern},
        "additionalProperties": term,
    }
    return schemas


def render(schema: dict[str, Any]) -> str:
    """The stable text of one schema file."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Write schemas/*.schema.json and the docs' field tables, or with --check exit 1 when
    any is stale."""
    parser = argparse.ArgumentParser(prog="generate_schemas.py", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only report stale schemas")
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument("--out", type=Path, default=SCHEMA_DIR)
    parser.add_argument(
        "--docs", type=Path, default=Path("."), help="the folder of README.md and CONTRIBUTING.md"
    )
    args = parser.parse_args(argv)
    stale = []
    for name, schema in generate(args.content).items():
        path = args.out / f"{name}.schema.json"
        text = render(schema)
        if path.is_file() and path.read_text(encoding="utf-8") == text:
            continue
        stale.append(path)
        if not args.check:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    vocabularies = content_vocabularies(args.content)
    stale += stale_documents(args.docs, vocabularies, write=not args.check)
    for path in stale:
        print(f"{path}: {'stale; run scripts/generate_schemas.py' if args.check else 'written'}")
    return 1 if stale and args.check else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
