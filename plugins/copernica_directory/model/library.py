"""The content library: content/library/<type>/<slug>.md (types: articles, best-practices,
whitepapers), front matter over a Markdown body; a whitepaper's PDF and any cover image sit
beside it.

Every item has a `status` (draft or published) and a `date`: it is published by the first
build on or after that date, and never while it is a draft. The rules between fields and the
body (plain Markdown, no brand in a white-label item) follow the types.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from copernica_directory.model.declare import Declared, content_type, derived, field
from copernica_directory.model.fields import (
    COVER_EXTENSIONS,
    INDUSTRY,
    cover_field,
    expertise_field,
    lang_field,
    summary_field,
)
from copernica_directory.model.pdf import MAX_PDF_BYTES, pdf_problems
from copernica_directory.model.problems import Problem
from copernica_directory.model.schema import Choice, Context, Date, FileRef, ListOf, String
from copernica_directory.model.vocab import SITE_LANGUAGES_SPELLED
from copernica_directory.model.yamlsource import Mapping, Node, Sequence

LIBRARY_TYPES = ("articles", "best-practices", "whitepapers")
STATUSES = ("draft", "published")
# attribution: partners may copy it with the attribution and link back; whitelabel: also
# without our brand; none: partners may link to it, not copy it.
REUSE_MODES = ("attribution", "whitelabel", "none")
ATTACHMENT_EXTENSIONS = ("pdf", *COVER_EXTENSIONS)
BRAND = "Copernica"  # what a white-label copy must not mention
STATUS = Choice("library_statuses", want="draft or published")
STATUS_HELP = "draft (never published) or published"
LANG_HELP = f"the language it is written in: {SITE_LANGUAGES_SPELLED}"


@content_type("Library item (article or best practice)")
class LibraryItem(Declared):
    """An article, best practice or whitepaper, in any status (see `is_live`)."""

    type: str = derived("the folder: articles, best-practices or whitepapers")
    slug: str = derived("the file name without .md")
    title: str = field(String(max_len=150), required=True, help="the headline")
    date: dt.date = field(Date(), required=True, help="publication date, YYYY-MM-DD; a future date publishes on that day")  # fmt: skip
    summary: str = summary_field()
    lang: str = lang_field(LANG_HELP)
    status: str = field(STATUS, required=True, help=STATUS_HELP)
    author: str | None = field(String(max_len=100), help="who wrote it")
    expertise: tuple[str, ...] = expertise_field("ids from content/taxonomy/expertise.yaml")
    industries: tuple[str, ...] = field(ListOf(INDUSTRY), default=(), help="ids from content/taxonomy/industries.yaml")  # fmt: skip
    reuse: str = field(Choice("reuse_modes", want="a reuse mode"), default="attribution", help="attribution (default), whitelabel or none: what partners may do with it")  # fmt: skip
    cover: str | None = cover_field()
    file: str | None = derived("whitepapers: the PDF beside the file", default=None)
    file_bytes: int | None = derived("the PDF's size", default=None)
    body_markdown: str = derived("the body as written, for the reuse kit")
    body_html: str = derived("the body rendered and sanitised")
    source: str = derived("the file it was read from, as shown in messages", default="")

    @property
    def key(self) -> str:
        """`<type>/<slug>`: unique across the library."""
        return f"{self.type}/{self.slug}"

    def is_live(self, today: dt.date) -> bool:
        """Published, and its date has come."""
        return self.status == "published" and self.date <= today


@content_type("Whitepaper")
class Whitepaper(LibraryItem):
    """A library item with its PDF (content/library/whitepapers/)."""

    file: str = field(FileRef(("pdf",), max_bytes=MAX_PDF_BYTES, check=pdf_problems), required=True, help="the PDF beside this file, at most 10 MB")  # fmt: skip


def type_for(library_type: str) -> type[LibraryItem]:
    """The declared type of a library folder's items."""
    return Whitepaper if library_type == "whitepapers" else LibraryItem


# ---------- the rules between fields and the body ----------


def at_field(node: Mapping, name: str) -> Node:
    """A field's value node, or its key for lists and mappings; the mapping when absent."""
    if name not in node.entries:
        return node
    key, value = node.entries[name]
    return key if isinstance(value, (Mapping, Sequence)) else value


_BRAND_RE = re.compile(re.escape(BRAND), re.I)
# Raw HTML (a tag or a comment) and link targets outside code: in a library item they would
# reach partners unsanitised through the Markdown copy, so the text must be plain Markdown.
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+\1")
_HTML = re.compile(r"<(?:!--|/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)")
_LINK_TARGET = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_SAFE_TARGET = re.compile(r"^(?:https?:|mailto:|/|#|$)", re.I)


def markdown_problems(body: str) -> list[tuple[int, int, str]]:
    """(line, column, message) for each line of the body with raw HTML or an unsafe link."""
    problems = []
    fence = None
    for number, line in enumerate(body.splitlines(), start=1):
        stripped = line.lstrip()
        if stripped.startswith(("```", "~~~")):
            marker = stripped[:3]
            fence = None if fence == marker else (fence or marker)
            continue
        if fence or line.startswith(("    ", "\t")):
            continue  # code: shown as text
        visible = _CODE_SPAN.sub(lambda m: " " * len(m[0]), line)
        html = _HTML.search(visible)
        if html:
            problems.append(
                (number, html.start() + 1, f"HTML ({html[0][:30]!r}) is not allowed in library items: partners copy the text as Markdown; write it in Markdown")
            )  # fmt: skip
        for link in _LINK_TARGET.finditer(visible):
            target = link[1] if link[1] is not None else link[2]
            if not _SAFE_TARGET.match(target):
                col = link.start(1 if link[1] is not None else 2) + 1
                problems.append(
                    (number, col, f"the link {target[:40]!r} is not allowed: use https://, mailto: or a path on this site")
                )  # fmt: skip
    return problems


def library_rules(
    values: dict[str, Any], node: Mapping, ctx: Context, body: str, body_offset: int
) -> None:
    """Rules between fields and the body: plain Markdown only (partners copy it as it is), and
    a white-label item never names our brand."""
    for number, col, message in markdown_problems(body):
        ctx.problems.append(Problem(ctx.path, body_offset + number, col, "body", message))
    if values["reuse"] != "whitelabel":
        return
    why = (
        f"mentions {BRAND}, but reuse is whitelabel: partners publish it under their own brand. "
        "Write 'the platform', or set reuse: attribution"
    )
    for name in ("title", "summary"):
        if _BRAND_RE.search(values[name] or ""):
            ctx.error(at_field(node, name), name, why)
    for number, line in enumerate(body.splitlines(), start=1):
        match = _BRAND_RE.search(line)
        if match:
            line, col = body_offset + number, match.start() + 1
            ctx.problems.append(Problem(ctx.path, line, col, "body", f"the text {why}"))
            break  # one is enough to explain it
