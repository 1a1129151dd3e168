"""The partner directory's content model: one definition used by the build, validator and tools.

One file per content type declares every field and rule of it (model.declare): partner.py,
case.py, review.py, library.py, event.py, taxonomy.py; content.py holds them together with
their relations, loader.py reads the content tree into it.
"""

from copernica_directory.model.case import Case
from copernica_directory.model.content import Content, PartnerRelations
from copernica_directory.model.event import Event
from copernica_directory.model.library import LibraryItem, Whitepaper
from copernica_directory.model.loader import display_path, load_content
from copernica_directory.model.partner import Contact, Location, Partner
from copernica_directory.model.problems import ContentError, Problem, format_problems
from copernica_directory.model.review import RatingSummary, Review
from copernica_directory.model.taxonomy import Taxonomy, Term
from copernica_directory.model.text import LocalText

__all__ = [
    "Case",
    "Contact",
    "Content",
    "ContentError",
    "Event",
    "LibraryItem",
    "LocalText",
    "Location",
    "Partner",
    "PartnerRelations",
    "Problem",
    "RatingSummary",
    "Review",
    "Taxonomy",
    "Term",
    "Whitepaper",
    "display_path",
    "format_problems",
    "load_content",
]
