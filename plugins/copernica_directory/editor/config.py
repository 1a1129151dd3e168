"""The web editor's configuration (Decap CMS's config.yml), generated from the content model.

Every field of every collection comes from the same records the validator and the JSON Schemas
use: a field's kind picks its widget, the model's lengths, patterns and required fields become
the editor's, and the controlled vocabularies (expertise, industries, countries, languages,
brands) become selects with their ids as values and their labels as text. What the editor cannot
check, the pull-request check reports. `scripts/generate_editor_config.py` writes the file to
editor/config.yml; a test fails when it is stale.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from copernica_directory.model.library_model import EVENT_RECORD, LIBRARY_RECORD, WHITEPAPER_RECORD
from copernica_directory.model.loader import Content, load_content, vocabularies_for
from copernica_directory.model.model import CASE_RECORD, PARTNER_RECORD
from copernica_directory.model.schema import (
    URL_PATTERN,
    Boolean,
    Choice,
    Date,
    DateTime,
    Email,
    Field,
    FileRef,
    Integer,
    Kind,
    ListOf,
    OffsetDateTime,
    Phone,
    Record,
    String,
    Text,
    TimeZoneName,
    Url,
    Vocabulary,
    Year,
    time_zone_names,
)
from copernica_directory.model.vocab import (
    DEFAULT_LANGUAGE,
    SITE_LANGUAGES,
    country_name,
    language_name,
)

CONFIG_FILE = Path("editor") / "config.yml"
# The editor's own server (decap-server) for `make editor`; Decap uses it only when the editor
# is opened on localhost or 127.0.0.1.
LOCAL_BACKEND = "http://127.0.0.1:8081/api/v1"


@dataclass(frozen=True)
class Collection:
    """One kind of entry in the editor: where its files are and which record they hold."""

    name: str
    label: str
    label_singular: str
    record: Record
    folder: str
    extension: str  # "yaml" for whole YAML files, "md" for front matter and a Markdown body
    path: str = "{{slug}}"
    description: str = ""

    @property
    def has_body(self) -> bool:
        return self.extension == "md"


COLLECTIONS = (
    Collection(
        "partners",
        "Partner profiles",
        "Partner profile",
        PARTNER_RECORD,
        "content/partners",
        "yaml",
        path="{{slug}}/partner",
        description="One folder per partner: partner.yaml and its logo.",
    ),
    Collection("cases", "Cases", "Case", CASE_RECORD, "content/cases", "md"),
    Collection("articles", "Articles", "Article", LIBRARY_RECORD, "content/library/articles", "md"),
    Collection(
        "best-practices",
        "Best practices",
        "Best practice",
        LIBRARY_RECORD,
        "content/library/best-practices",
        "md",
    ),
    Collection(
        "whitepapers",
        "Whitepapers",
        "Whitepaper",
        WHITEPAPER_RECORD,
        "content/library/whitepapers",
        "md",
        description="The PDF and the cover are stored beside the item.",
    ),
    Collection("events", "Events", "Event", EVENT_RECORD, "content/events", "md"),
)

_LANGUAGE_LABELS = {"en": "English", "nl": "Nederlands"}


@dataclass(frozen=True)
class _Labels:
    """The text shown for each id of the vocabularies."""

    vocabularies: Mapping[str, Vocabulary]
    taxonomy_labels: Mapping[str, Mapping[str, str]]

    def options(self, vocabulary: str) -> list[Any]:
        vocab = self.vocabularies[vocabulary]
        names: Callable[[str], str] = {
            "countries": country_name,
            "languages": language_name,
            "site_languages": lambda code: _LANGUAGE_LABELS.get(code, code),
        }.get(vocabulary, lambda code: self.taxonomy_labels.get(vocabulary, {}).get(code, code))
        return [{"label": f"{names(i)} ({i})", "value": i} for i in vocab.ids]


def _title(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _pattern(kind: String) -> list[str] | None:
    """The model's length and pattern as one JavaScript pattern, with the model's words."""
    length = f"(?=[\\s\\S]{{{kind.min_len},{kind.max_len}}}$)"
    if kind.pattern is None:
        return [f"^{length}", f"{kind.min_len} to {kind.max_len} characters"]
    body = kind.pattern.pattern.removeprefix("^").removesuffix("$")
    words = kind.pattern_help or f"the form {kind.pattern.pattern}"
    return [f"^{length}(?:{body})$", f"{words}; at most {kind.max_len} characters"]


@functools.singledispatch
def _widget(kind: Kind, labels: _Labels) -> dict[str, Any]:
    raise TypeError(f"no editor widget for the field kind {type(kind).__name__}")


@_widget.register
def _(kind: String, labels: _Labels) -> dict[str, Any]:
    widget: dict[str, Any] = {"widget": "string" if kind.max_len <= 300 else "text"}
    pattern = _pattern(kind)
    if pattern:
        widget["pattern"] = pattern
    return widget


@_widget.register
def _(kind: Text, labels: _Labels) -> dict[str, Any]:
    # One field per site language, side by side in the form's order: English first.
    single = "markdown" if kind.markdown else ("text" if kind.max_len > 300 else "string")
    fields = []
    for lang in SITE_LANGUAGES:
        field: dict[str, Any] = {
            "name": lang,
            "label": _LANGUAGE_LABELS.get(lang, lang),
            "widget": single,
            "required": lang == DEFAULT_LANGUAGE,
        }
        if single != "markdown":
            field["pattern"] = _pattern(String(min_len=kind.min_len, max_len=kind.max_len))
        fields.append(field)
    return {"widget": "object", "collapsed": False, "fields": fields}


@_widget.register
def _(kind: Url, labels: _Labels) -> dict[str, Any]:
    return {"widget": "string", "pattern": [URL_PATTERN, "an https:// address"]}


@_widget.register
def _(kind: Email, labels: _Labels) -> dict[str, Any]:
    return {"widget": "string", "pattern": ["^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", "an email address"]}


@_widget.register
def _(kind: Phone, labels: _Labels) -> dict[str, Any]:
    return {
        "widget": "string",
        "pattern": ["^\\+[0-9 ()-]{6,24}$", "an international number, e.g. +31 20 123 4567"],
    }


@_widget.register
def _(kind: Year, labels: _Labels) -> dict[str, Any]:
    return {"widget": "number", "value_type": "int", "min": kind.min_year, "max": 2100}


@_widget.register
def _(kind: Integer, labels: _Labels) -> dict[str, Any]:
    return {"widget": "number", "value_type": "int", "min": kind.minimum, "max": kind.maximum}


@_widget.register
def _(kind: Boolean, labels: _Labels) -> dict[str, Any]:
    return {"widget": "boolean"}


@_widget.register
def _(kind: Date, labels: _Labels) -> dict[str, Any]:
    return {
        "widget": "datetime",
        "format": "YYYY-MM-DD",
        "date_format": "YYYY-MM-DD",
        "time_format": False,
    }


@_widget.register
def _(kind: DateTime, labels: _Labels) -> dict[str, Any]:
    return {"widget": "datetime", "format": "YYYY-MM-DDTHH:mm:ss[Z]", "picker_utc": True}


@_widget.register
def _(kind: OffsetDateTime, labels: _Labels) -> dict[str, Any]:
    return {"widget": "datetime", "format": "YYYY-MM-DDTHH:mm:ssZ"}


@_widget.register
def _(kind: TimeZoneName, labels: _Labels) -> dict[str, Any]:
    return {"widget": "select", "options": sorted(time_zone_names())}


@_widget.register
def _(kind: Choice, labels: _Labels) -> dict[str, Any]:
    if labels.vocabularies[kind.vocabulary].open_pattern:
        pattern = labels.vocabularies[kind.vocabulary].open_pattern
        return {"widget": "string", "pattern": [pattern, kind.want]}
    return {"widget": "select", "options": labels.options(kind.vocabulary)}


@_widget.register
def _(kind: ListOf, labels: _Labels) -> dict[str, Any]:
    item = _widget(kind.item, labels)
    if item["widget"] == "select":
        limits = {"min": kind.min_items} if kind.min_items else {}
        return {**item, "multiple": True, **limits, "max": kind.max_items}
    if item["widget"] == "object":
        return {"widget": "list", "fields": item["fields"], "max": kind.max_items}
    return {"widget": "list", "field": {"name": "item", **item}, "max": kind.max_items}


@_widget.register
def _(kind: FileRef, labels: _Labels) -> dict[str, Any]:
    images = {"svg", "png", "jpg", "jpeg", "webp"}
    widget = "image" if set(kind.extensions) <= images else "file"
    return {"widget": widget, "choose_url": False, "allow_multiple": False}


@_widget.register
def _(kind: Record, labels: _Labels) -> dict[str, Any]:
    return {"widget": "object", "fields": [_field(f, labels) for f in kind.fields]}


def _field(spec: Field, labels: _Labels) -> dict[str, Any]:
    field: dict[str, Any] = {"name": spec.name, "label": _title(spec.name)}
    field.update(_widget(spec.kind, labels))
    field["required"] = spec.required
    if spec.help:
        field["hint"] = re.sub(r"\s+", " ", spec.help)
    return field


def _collection(collection: Collection, labels: _Labels) -> dict[str, Any]:
    fields = [_field(spec, labels) for spec in collection.record.fields]
    if collection.has_body:
        fields.append({"name": "body", "label": "Text", "widget": "markdown"})
    entry: dict[str, Any] = {
        "name": collection.name,
        "label": collection.label,
        "label_singular": collection.label_singular,
        "folder": collection.folder,
        "path": collection.path,
        "extension": collection.extension,
        # Our own format per collection (theme/static/admin/formats.js): YAML 1.1's quoting
        # rules, as the loader reads them, and the fields in the model's order.
        "format": f"copernica-{collection.name}",
        "create": True,
        # Uploads land beside the entry, where the model looks for them.
        "media_folder": "",
        "public_folder": "",
        "fields": fields,
    }
    if collection.description:
        entry["description"] = collection.description
    identifier = next(f.name for f in collection.record.fields if f.name in ("name", "title"))
    entry["identifier_field"] = identifier
    return entry


def generate(content: Content, repository: str, site_url: str) -> dict[str, Any]:
    """The editor's configuration for `content`'s vocabularies."""
    taxonomy_labels = {
        name: {term_id: term.label.get(DEFAULT_LANGUAGE) for term_id, term in tax.terms.items()}
        for name, tax in content.taxonomies.items()
    }
    labels = _Labels(vocabularies_for(content), taxonomy_labels)
    return {
        "backend": {
            "name": "github",
            "repo": repository,
            "branch": "main",
            # Partners without write access edit through a fork; the editor opens the pull
            # request, and the pull-request check judges it as any other.
            "open_authoring": True,
            "auth_scope": "public_repo",
        },
        "local_backend": {"url": LOCAL_BACKEND},
        "publish_mode": "editorial_workflow",
        "site_url": site_url,
        "display_url": site_url,
        "show_preview_links": True,
        "media_folder": "content/uploads",
        "collections": [_collection(c, labels) for c in COLLECTIONS],
    }


def render(config: dict[str, Any]) -> str:
    """The stable text of editor/config.yml."""
    header = (
        "# Generated from the content model by scripts/generate_editor_config.py: do not edit.\n"
    )
    return header + yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=100)


def config_text(content_root: Path, repository: str, site_url: str) -> str:
    """editor/config.yml as it should be for the content under `content_root`."""
    content, _ = load_content(content_root, files=[])
    return render(generate(content, repository, site_url))
