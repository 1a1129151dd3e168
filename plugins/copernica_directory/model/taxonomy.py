"""Taxonomies: content/taxonomy/<name>.yaml maps each id to a term (labels per language)."""

from __future__ import annotations

from dataclasses import dataclass

from copernica_directory.model.declare import Declared, content_type, derived, field
from copernica_directory.model.schema import Text
from copernica_directory.model.text import LocalText

TAXONOMIES = ("expertise", "industries")


@content_type("Taxonomy term")
class Term(Declared):
    """One id of a taxonomy (an expertise, an industry) with its labels."""

    id: str = derived("the key the term is written under")
    label: LocalText = field(
        Text(max_len=60), required=True, help="the label shown, {en: ..., nl: ...}"
    )
    description: LocalText | None = field(Text(max_len=300), help="one sentence")


@dataclass(frozen=True)
class Taxonomy:
    """An ordered controlled vocabulary read from content/taxonomy/<name>.yaml."""

    name: str
    terms: dict[str, Term]

    def label(self, term_id: str, lang: str = "en") -> str:
        """The term's label in `lang` (the id itself if unknown)."""
        term = self.terms.get(term_id)
        return term.label.get(lang) if term else term_id
