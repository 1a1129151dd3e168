"""The partner directory's content model: one definition used by the build, validator and tools."""

from .loader import Content, display_path, load_content
from .model import Case, Contact, Location, Partner, Taxonomy, Term
from .problems import ContentError, Problem, format_problems
from .review_model import RatingSummary, Review
from .text import LocalText

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
