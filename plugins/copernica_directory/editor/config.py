"""The web editor's configuration (Decap CMS's config.yml), generated from the content model.

Every field of every collection comes from the same records the validator and the JSON Schemas
use: a field's kind picks its widget, the model's lengths, patterns and required fields become
the editor's, and the controlled vocabularies (expertise, industries, countries, languages,
brands) become selects with their ids as values and their labels as text. What the editor cannot
check, the pull-request check reports. `scripts/generate_editor_config.py` writes the file to
editor/config.yml; a test fails when it is stale.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from copernica_directory.model.case import Case
from copernica_directory.model.event import Event
from copernica_directory.model.fields import SLUG
from copernica_directory.model.library import LibraryItem, Whitepaper
from copernica_directory.model.loader import Content, load_content, vocabularies_for
from copernica_directory.model.partner import Partner
from copernica_directory.model.schema import Field, Record, Vocabulary, time_zone_names
from copernica_directory.model.taxonomy import TAXONOMIES, Term
from copernica_directory.model.vocab import (
    DEFAULT_LANGUAGE,
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
    # Where the entry's page is on the site, for the deploy preview's link to it.
    preview_path: str = ""

    @property
    def has_body(self) -> bool:
        return self.extension == "md"


COLLECTIONS = (
    Collection(
        "partners",
        "Partner profiles",
        "Partner profile",
        Partner.RECORD,
        "content/partners",
        "yaml",
        path="{{slug}}/partner",
        description="One folder per partner: partner.yaml and its logo.",
        # {{dirname}}: the entry's folder below content/partners, the partner's slug.
        preview_path="partners/{{dirname}}/",
    ),
    Collection(
        "cases", "Cases", "Case", Case.RECORD, "content/cases", "md", preview_path="cases/{{slug}}/"
    ),
    Collection(
        "articles",
        "Articles",
        "Article",
        LibraryItem.RECORD,
        "content/library/articles",
        "md",
        preview_path="library/articles/{{slug}}/",
    ),
    Collection(
        "best-practices",
        "Best practices",
        "Best practice",
        LibraryItem.RECORD,
        "content/library/best-practices",
        "md",
        preview_path="library/best-practices/{{slug}}/",
    ),
    Collection(
        "whitepapers",
        "Whitepapers",
        "Whitepaper",
        Whitepaper.RECORD,
        "content/library/whitepapers",
        "md",
        description="The PDF and the cover are stored beside the item.",
        preview_path="library/whitepapers/{{slug}}/",
    ),
    Collection(
        "events",
        "Events",
        "Event",
        Event.RECORD,
        "content/events",
        "md",
        preview_path="events/{{slug}}/",
    ),
)


@dataclass(frozen=True)
class TaxonomyFiles:
    """The taxonomies (content/taxonomy/<name>.yaml), for staff: one entry per file. A file
    maps each term's id to the term; the editor cannot edit a mapping keyed by its entries,
    so our format (formats.js, `copernica-taxonomies`) reads it as a list of terms, each with
    its id, and writes the list back as the mapping, in the list's order."""

    name: str
    label: str
    folder: str
    record: Record  # one term's fields; its id is the key it is written under
    names: tuple[str, ...]
    description: str


TAXONOMY_FILES = TaxonomyFiles(
    "taxonomies",
    "Taxonomies",
    "content/taxonomy",
    Term.RECORD,
    TAXONOMIES,
    "Staff only: the expertise and industry terms partners and library items choose from.",
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


def _length_pattern(form: Mapping[str, Any]) -> list[str]:
    """The model's length limits (and pattern, if any) as one JavaScript pattern, with the
    model's words."""
    low, high = form.get("min_length") or 0, form["max_length"]
    length = f"(?=[\\s\\S]{{{low},{high}}}$)"
    pattern = form.get("pattern")
    if not pattern:
        return [
            f"^{length}",
            f"{low} to {high} characters" if low else f"at most {high} characters",
        ]
    body = pattern.removeprefix("^").removesuffix("$")
    words = form.get("pattern_help") or f"the form {pattern}"
    return [f"^{length}(?:{body})$", f"{words}; at most {high} characters"]


def _single_widget(form: Mapping[str, Any]) -> str:
    if form["kind"] == "markdown":
        return "markdown"
    return "text" if form["max_length"] > 300 else "string"


def _text(form: Mapping[str, Any], labels: _Labels) -> dict[str, Any]:
    widget: dict[str, Any] = {"widget": _single_widget(form)}
    if widget["widget"] != "markdown":
        widget["pattern"] = _length_pattern(form)
    if not form.get("bilingual"):
        return widget
    # One field per site language, English first.
    fields = [
        {
            "name": lang,
            "label": _LANGUAGE_LABELS.get(lang, lang),
            **widget,
            "required": lang == DEFAULT_LANGUAGE,
        }
        for lang in form["languages"]
    ]
    return {"widget": "object", "collapsed": False, "fields": fields}


def _select(form: Mapping[str, Any], labels: _Labels) -> dict[str, Any]:
    vocabulary = labels.vocabularies[form["vocabulary"]]
    if vocabulary.open_pattern:  # grows with the content (partner slugs): its form only
        return {"widget": "string", "pattern": [vocabulary.open_pattern, "a partner's slug"]}
    return {"widget": "select", "options": labels.options(form["vocabulary"])}


def _list(form: Mapping[str, Any], labels: _Labels) -> dict[str, Any]:
    item = _widget(form["item"], labels)
    limits = {"min": form["min_items"]} if form["min_items"] else {}
    if item["widget"] == "select":
        return {**item, "multiple": True, **limits, "max": form["max_items"]}
    if item["widget"] == "object":
        return {"widget": "list", "fields": item["fields"], **limits, "max": form["max_items"]}
    return {"widget": "list", "field": {"name": "item", **item}, **limits, "max": form["max_items"]}


def _file(form: Mapping[str, Any], labels: _Labels) -> dict[str, Any]:
    images = {"svg", "png", "jpg", "jpeg", "webp"}
    widget = "image" if set(form["extensions"]) <= images else "file"
    return {"widget": widget, "choose_url": False, "allow_multiple": False}


def _datetime(form: Mapping[str, Any], labels: _Labels) -> dict[str, Any]:
    if form["utc"]:
        return {"widget": "datetime", "format": "YYYY-MM-DDTHH:mm:ss[Z]", "picker_utc": True}
    # A local time with its offset (an event): the offset must be the event's time zone's,
    # which the pull-request check confirms.
    return {"widget": "datetime", "format": "YYYY-MM-DDTHH:mm:ssZ"}


_WIDGETS: dict[str, Callable[[Mapping[str, Any], _Labels], dict[str, Any]]] = {
    "string": _text,
    "text": _text,
    "markdown": _text,
    "url": lambda form, labels: {
        "widget": "string",
        "pattern": [form["pattern"], "an https:// address"],
    },
    "email": lambda form, labels: {
        "widget": "string",
        "pattern": ["^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", "an email address"],
    },
    "phone": lambda form, labels: {
        "widget": "string",
        "pattern": [form["pattern"], "an international number: +, country code, digits"],
    },
    "year": lambda form, labels: {"widget": "number", "value_type": "int", "min": form["minimum"]},
    "number": lambda form, labels: {
        "widget": "number",
        "value_type": "int",
        "min": form["minimum"],
        "max": form["maximum"],
    },
    "boolean": lambda form, labels: {"widget": "boolean"},
    "date": lambda form, labels: {
        "widget": "datetime",
        "format": "YYYY-MM-DD",
        "date_format": "YYYY-MM-DD",
        "time_format": False,
    },
    "datetime": _datetime,
    "timezone": lambda form, labels: {"widget": "select", "options": sorted(time_zone_names())},
    "select": _select,
    "list": _list,
    "file": _file,
    "record": lambda form, labels: {
        "widget": "object",
        "fields": [_form_field(f, labels) for f in form["fields"]],
    },
}


def _widget(form: Mapping[str, Any], labels: _Labels) -> dict[str, Any]:
    """The Decap widget of a value described by the model (`Kind.form()`)."""
    try:
        make = _WIDGETS[form["kind"]]
    except KeyError:
        raise TypeError(f"no editor widget for the field kind {form['kind']!r}") from None
    return make(form, labels)


def _form_field(form: Mapping[str, Any], labels: _Labels) -> dict[str, Any]:
    field: dict[str, Any] = {"name": form["name"], "label": _title(form["name"])}
    field.update(_widget(form, labels))
    field["required"] = form["required"]
    if form.get("help"):
        field["hint"] = re.sub(r"\s+", " ", form["help"])
    return field


def _field(spec: Field, labels: _Labels) -> dict[str, Any]:
    return _form_field(spec.form(), labels)


def _collection(collection: Collection, labels: _Labels) -> dict[str, Any]:
    """A folder collection: one file (or folder) per entry."""
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
    if collection.preview_path:
        entry["preview_path"] = collection.preview_path
    return entry


def _taxonomies(taxonomies: TaxonomyFiles, labels: _Labels) -> dict[str, Any]:
    """The taxonomies' files collection: each file a list of terms (see TaxonomyFiles)."""
    term_id = _form_field(
        {"name": "id", "required": True, "help": "what profiles and items refer to it by"}
        | SLUG.form(),
        labels,
    )
    term_fields = [term_id, *(_field(spec, labels) for spec in taxonomies.record.fields)]
    files = [
        {
            "name": name,
            "label": _title(name),
            "file": f"{taxonomies.folder}/{name}.yaml",
            "fields": [
                {
                    "name": "terms",
                    "label": "Terms",
                    "label_singular": "Term",
                    "widget": "list",
                    "summary": "{{fields.id}}: {{fields.label.en}}",
                    "collapsed": True,
                    "min": 1,
                    "fields": term_fields,
                    "required": True,
                }
            ],
        }
        for name in taxonomies.names
    ]
    return {
        "name": taxonomies.name,
        "label": taxonomies.label,
        "label_singular": "Taxonomy",
        "description": taxonomies.description,
        "format": f"copernica-{taxonomies.name}",
        "extension": "yaml",
        "create": False,
        "delete": False,
        "files": files,
    }


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
        "collections": [
            *(_collection(c, labels) for c in COLLECTIONS),
            _taxonomies(TAXONOMY_FILES, labels),
        ],
    }


class _PlainDumper(yaml.SafeDumper):
    """Every value written out where it is used: no &anchors and *aliases for a reader."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def render(config: dict[str, Any]) -> str:
    """The stable text of editor/config.yml."""
    header = (
        "# Generated from the content model by scripts/generate_editor_config.py: do not edit.\n"
    )
    body = yaml.dump(config, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=100)
    return header + body


def config_text(content_root: Path, repository: str, site_url: str) -> str:
    """editor/config.yml as it should be for the content under `content_root`."""
    content, _ = load_content(content_root, files=[])
    return render(generate(content, repository, site_url))
