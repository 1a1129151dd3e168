"""The partner directory's content model: one definition used by the build, validator and tools."""

from copernica_directory.model.loader import Content, display_path, load_content
from copernica_directory.model.model import Case, Contact, Location, Partner, Taxonomy, Term
from copernica_directory.model.problems import ContentError, Problem, format_problems
from copernica_directory.model.review_model import RatingSummary, Review
from copernica_directory.model.text import LocalText

__all__ = [
    "Case",
    "Contact",
    "Content",
    "ContentError",
    "LocalText",
    "Location",
    "Partner",
    "Problem",
    "RatingSummary",
    "Review",
    "Taxonomy",
    "Term",
    "display_path",
    "format_problems",
    "load_content",
]
