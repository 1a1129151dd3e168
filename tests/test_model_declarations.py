"""Each content type is declared once: its record, dataclass, schema, docs and form agree."""

from __future__ import annotations

import dataclasses
import json

import pytest
from conftest import CONTENT, ROOT

from copernica_directory.model import load_content
from copernica_directory.model.declare import Declared, content_type, derived, derived_fields, field
from copernica_directory.model.fielddocs import DOCUMENTS, TABLES, marked_tables, stale_documents
from copernica_directory.model.jsonschemas import DOCUMENTS as SCHEMAS
from copernica_directory.model.jsonschemas import content_vocabularies
from copernica_directory.model.loader import vocabularies_for
from copernica_directory.model.partner import Contact, Location, Partner
from copernica_directory.model.review import Check, Review
from copernica_directory.model.schema import ListOf, Record, String
from copernica_directory.model.taxonomy import Term

SAMPLE, _ = load_content(CONTENT)


def _nested(declared: type[Declared]) -> list[type[Declared]]:
    """The type and every record type nested in it."""
    found = [declared]
    for spec in declared.RECORD.fields:
        kind = spec.kind.item if isinstance(spec.kind, ListOf) else spec.kind
        if isinstance(kind, Record) and kind.type is not None:
            found += _nested(kind.type)
    return found


ALL_TYPES = sorted(
    {t for declared, _ in SCHEMAS.values() for t in _nested(declared)} | {Term},
    key=lambda t: t.__name__,
)


@pytest.mark.parametrize("declared", ALL_TYPES, ids=lambda t: t.__name__)
def test_every_field_is_declared_once_and_in_the_record(declared: type[Declared]) -> None:
    attributes = [f.name for f in dataclasses.fields(declared)]
    in_record = [spec.name for spec in declared.RECORD.fields]
    # Every attribute of the record class is a field of the file or set by the loader.
    assert sorted(attributes) == sorted(in_record + list(derived_fields(declared)))
    assert not set(in_record) & set(derived_fields(declared))
    assert declared.RECORD.type is declared
    params = dataclasses.fields(declared)[0].kw_only, declared.__dataclass_params__.frozen  # type: ignore[attr-defined]
    assert params == (True, True)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_the_schema_has_every_declared_field(name: str) -> None:
    declared, _ = SCHEMAS[name]
    schema = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    fields = declared.RECORD.fields
    assert list(schema["properties"]) == [spec.name for spec in fields]
    assert schema["required"] == [spec.name for spec in fields if spec.required]
    for spec in fields:
        if spec.help:
            assert schema["properties"][spec.name]["description"] == spec.help


def test_the_field_tables_of_the_docs_are_current() -> None:
    vocabularies = content_vocabularies(CONTENT)
    assert stale_documents(ROOT, vocabularies, write=False) == [], (
        "stale field tables: run scripts/generate_schemas.py"
    )
    marked = [name for doc in DOCUMENTS for name in marked_tables((ROOT / doc).read_text("utf-8"))]
    assert sorted(marked) == sorted(TABLES)  # every table is somewhere, once


def test_the_partner_tables_name_every_field_and_a_changed_rule_makes_them_stale() -> None:
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for spec in Partner.RECORD.fields:
        assert f"| `{spec.name}` | {'yes' if spec.required else 'no'} |" in contributing
    # The expertise ids are the taxonomy's, written into the partners' table.
    assert "`template-development`" in contributing
    vocabularies = dict(content_vocabularies(CONTENT))
    vocabularies["expertise"] = dataclasses.replace(
        vocabularies["expertise"], ids=("training", "a-new-expertise")
    )
    stale = stale_documents(ROOT, vocabularies, write=False)
    assert ROOT / "CONTRIBUTING.md" in stale


def test_records_are_frozen() -> None:
    partner = next(iter(SAMPLE.partners.values()))
    records = [
        partner,
        partner.location,
        partner.contact,
        next(iter(SAMPLE.cases.values())),
        next(iter(SAMPLE.reviews.values())),
        next(iter(SAMPLE.library.values())),
        next(iter(SAMPLE.events.values())),
        next(iter(SAMPLE.taxonomies["expertise"].terms.values())),
    ]
    for record in records:
        name = dataclasses.fields(record)[0].name
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(record, name, "changed")


def test_from_values_makes_nested_records() -> None:
    partner = SAMPLE.partners["fjordvarsel"]
    assert isinstance(partner.location, Location) and partner.location.country == "NO"
    assert isinstance(partner.contact, Contact)
    reviewed = next(r for r in SAMPLE.reviews.values() if r.checks)
    assert all(isinstance(c, Check) for c in reviewed.checks)
    assert isinstance(reviewed.checks, tuple)
    # A field the file leaves out gets the declared default.
    review = Review.from_values(
        {"id": "x", "status": "pending", "submitted": reviewed.submitted}, source="x.yaml"
    )
    assert (review.verification, review.checks, review.author.name) == ("unverified", (), None)


def test_relations_are_indexes_of_the_content() -> None:
    for slug in SAMPLE.partners:
        cases = SAMPLE.cases_of(slug)
        assert list(cases) == [c for c in SAMPLE.cases.values() if c.partner == slug]
        reviews = SAMPLE.reviews_of(slug)
        published = [r for r in SAMPLE.reviews.values() if r.partner == slug and r.published]
        assert sorted(reviews, key=lambda r: r.id) == sorted(published, key=lambda r: r.id)
        assert [r.submitted for r in reviews] == sorted(
            (r.submitted for r in reviews), reverse=True
        )
        rating = SAMPLE.rating_of(slug)
        verified = [r.rating for r in reviews if r.verified]
        assert (rating.count if rating else 0) == len(verified)
    assert any(SAMPLE.cases_of(slug) for slug in SAMPLE.partners)
    assert any(r.status != "approved" for r in SAMPLE.reviews.values())  # and never related
    assert SAMPLE.reviews_of("no-such-partner") == () and SAMPLE.rating_of("nobody") is None
    assert not hasattr(Partner, "reviews") and not hasattr(Partner, "cases")


def test_each_field_says_what_a_form_needs() -> None:
    vocabularies = vocabularies_for(SAMPLE)
    forms = {spec.name: spec.form() for spec in Partner.RECORD.fields}
    assert forms["name"] | {"kind": "string", "required": True, "max_length": 100} == forms["name"]
    assert forms["tagline"]["bilingual"] and forms["tagline"]["max_length"] == 140
    assert forms["description"]["kind"] == "markdown"
    assert forms["expertise"]["kind"] == "list"
    assert forms["expertise"]["item"] == {"kind": "select", "vocabulary": "expertise"}
    assert "training" in vocabularies[forms["expertise"]["item"]["vocabulary"]].ids
    assert [f["name"] for f in forms["location"]["fields"]] == ["city", "country"]
    assert forms["logo"]["kind"] == "file" and "svg" in forms["logo"]["extensions"]
    assert forms["maintainers"]["item"]["pattern"]
    assert (
        forms["accepting_clients"] | {"default": True, "required": False}
        == forms["accepting_clients"]
    )
    assert all(f["help"] for f in forms.values())


def test_a_field_without_a_declaration_is_refused() -> None:
    with pytest.raises(TypeError, match=r"Thing\.loose: declare it with field\(\) or derived\(\)"):

        @content_type("Thing")
        class Thing(Declared):
            name: str = field(String(), required=True)
            slug: str = derived("the file name")
            loose: int = 0
