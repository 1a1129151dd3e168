"""Declaring a content type once: a frozen record class whose fields carry their rules.

    @content_type("Case")
    class Case(Declared):
        slug: str = derived("the file name without .md")
        title: str = field(String(max_len=150), required=True, help="the case's headline")
        customer: str | None = field(String(max_len=100), help="the customer's name")

makes `Case` a frozen, keyword-only dataclass; `Case.RECORD` the Record a file is validated
with, and that the JSON Schema, the field tables of the docs and the web editor's form are
made from; `Case.from_values(values, slug=...)` the typed record of validated values. Fields
declared with `field` are what the file holds, in the order written; `derived` ones are set by
the loader (the slug, the rendered HTML, the source path) and are no part of the file.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Self, TypeVar

from copernica_directory.model.schema import Field, Kind, Record

_SPEC = "copernica_directory.field"
_DERIVED = "copernica_directory.derived"
T = TypeVar("T", bound=type)


@dataclasses.dataclass(frozen=True)
class _Spec:
    kind: Kind
    required: bool
    default: Any
    help: str
    doc: str


def field(
    kind: Kind,
    *,
    required: bool = False,
    default: Any = None,
    default_factory: Callable[[], Any] | None = None,
    help: str = "",
    doc: str = "",
) -> Any:
    """A field of the file: its kind, whether it must be there, its value when it is not
    (`default`, or `default_factory` for a record; the file's own value is then None)."""
    spec = _Spec(kind, required, None if default_factory else default, help, doc)
    metadata = {_SPEC: spec}
    if required:
        return dataclasses.field(metadata=metadata)
    if default_factory is not None:
        return dataclasses.field(default_factory=default_factory, metadata=metadata)
    return dataclasses.field(default=default, metadata=metadata)


def derived(help: str, *, default: Any = dataclasses.MISSING) -> Any:
    """A field the loader sets, not the file (the slug, the rendered HTML, the source)."""
    return dataclasses.field(default=default, metadata={_DERIVED: help})


class Declared:
    """What every declared content type has: its record and the conversion from it."""

    RECORD: ClassVar[Record]

    @classmethod
    def from_values(cls, values: Mapping[str, Any], **derived_values: Any) -> Self:
        """The typed record of values its RECORD validated (nested records included); a
        field the file left out gets the declared default."""
        kwargs = dict(derived_values)
        for spec in cls.RECORD.fields:
            value = values.get(spec.name)
            if value is not None:
                kwargs[spec.name] = spec.kind.convert(value)
        return cls(**kwargs)


def content_type(title: str = "") -> Callable[[T], T]:
    """Make the class a frozen, keyword-only dataclass with its RECORD (see the module)."""

    def declare(cls: T) -> T:
        cls = dataclasses.dataclass(frozen=True, kw_only=True)(cls)
        specs = []
        for item in dataclasses.fields(cls):
            spec = item.metadata.get(_SPEC)
            if spec is None:
                if _DERIVED not in item.metadata:
                    raise TypeError(
                        f"{cls.__name__}.{item.name}: declare it with field() or derived()"
                    )
                continue
            specs.append(
                Field(item.name, spec.kind, spec.required, spec.default, spec.help, spec.doc)
            )
        cls.RECORD = Record(fields=specs, title=title, type=cls)
        return cls

    return declare


def derived_fields(cls: type) -> dict[str, str]:
    """The fields of a declared type the loader sets, with what each is."""
    return {
        item.name: item.metadata[_DERIVED]
        for item in dataclasses.fields(cls)
        if _DERIVED in item.metadata
    }
