"""Markdown to safe HTML: partners write Markdown, visitors get only harmless markup.

Sanitising uses nh3 (Rust's ammonia): an allow-list of tags, attributes and URL schemes, so no
script, event handler, style, iframe, javascript: or data: URL survives whatever is written.

What the sanitiser removes is not removed silently: `markdown_problems` reports, before
anything is published, the raw HTML it would drop (a tag or attribute outside the allow-list,
a comment), images (the site shows none in texts), links it would disarm, and any words the
sanitised page would lose (an HTML parser can swallow the text after an unusual sequence such
as `<math><mtext><table>`). The build fails on them, so what a partner wrote is either shown or
explained.
"""

from __future__ import annotations

import re
import threading
import urllib.parse
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import markdown
import nh3
from markdown.treeprocessors import Treeprocessor

from copernica_directory.model.chars import character_name, invisible_character
from copernica_directory.model.problems import Problem

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote",
        "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6", "a", "table", "thead", "tbody", "tr",
        "th", "td", "abbr", "sub", "sup",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
_HEADING = re.compile(r"<h([1-6])[\s>]")
_HEADING_TAG = re.compile(r"(</?)h([1-6])(?=[\s>])")
URL_SCHEMES = frozenset({"https", "http", "mailto"})


# Not build state: a converter is costly to make and not safe to share between threads, so each
# thread makes one and reuses it (reset before each use); it holds nothing between conversions.
_LOCAL = threading.local()


def _markdown() -> markdown.Markdown:
    """One Markdown converter per thread, reset before each use.

    Building a converter loads its extensions; one per call cost more than the conversion, and
    its reference cycles kept each one alive until the garbage collector ran (issue 7).
    """
    converter = getattr(_LOCAL, "converter", None)
    if converter is None:
        converter = _LOCAL.converter = markdown.Markdown(
            extensions=["sane_lists", "tables"], output_format="html"
        )
    return converter


def render_markdown(source: str) -> str:
    """Render Markdown written by a partner or editor to sanitised HTML.

    Headings start at h2 (the page has its own h1); links get rel="nofollow noopener ugc"
    because they are user-supplied.
    """
    return sanitize_html(_shift_headings(_markdown().reset().convert(source)))


def _shift_headings(html: str) -> str:
    """Shift headings so the text's top level becomes h2: the page has its own h1."""
    levels = [int(level) for level in _HEADING.findall(html)]
    shift = max(0, 2 - min(levels)) if levels else 0
    if shift:
        html = _HEADING_TAG.sub(lambda m: f"{m[1]}h{min(int(m[2]) + shift, 6)}", html)
    return html


def sanitize_html(html: str) -> str:
    """Keep only allow-listed markup; everything else is removed or escaped."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="nofollow noopener ugc",
        strip_comments=True,
    )


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        # HTMLParser hands the text of <script> and <style> to handle_data as well.

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append(" ")


_BLOCK_TAGS = frozenset({"p", "br", "li", "h2", "h3", "h4", "h5", "h6", "td", "th", "blockquote"})


def html_to_text(html: str) -> str:
    """The readable text of sanitised HTML, whitespace collapsed (for search and excerpts)."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    return " ".join("".join(extractor.parts).split())


def excerpt(text: str, limit: int = 240) -> str:
    """At most `limit` characters, cut at a word boundary with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.-")
    return cut + "…"


# ---------- what sanitising would drop, reported instead ----------

# Raw HTML a text may hold: what the sanitiser keeps (h1 becomes h2 like a Markdown heading).
RAW_TAGS = ALLOWED_TAGS | {"h1"}
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
# Nothing in the text that could be HTML, an image or a link: nothing for the sanitiser to drop.
_CODE = re.compile(r"(`+).+?(?<!`)\1(?!`)", re.S)
_MARKUP_HINTS = ("<", "![", "](", "]:")
_LINK_HELP = "links start with https://, http:// or mailto:, or are a path on this site"


@dataclass(frozen=True)
class MarkupProblem:
    """Something in a Markdown text that would not be published as written."""

    line: int  # in the text, from 1
    kind: str  # html, link, image or lost
    message: str


class _Found(Treeprocessor):
    """Images and link targets in the tree Markdown built (raw HTML is not in it)."""

    def __init__(self, md: markdown.Markdown) -> None:
        super().__init__(md)
        self.images: list[str] = []
        self.links: list[str] = []

    def run(self, root: Any) -> None:
        for element in root.iter():
            if element.tag == "img":
                self.images.append(element.get("src", ""))
            elif element.tag == "a":
                self.links.append(element.get("href", ""))


def _checker() -> tuple[markdown.Markdown, _Found]:
    """The per-thread converter for checks: the renderer's, with `_Found` after inline work."""
    pair = getattr(_LOCAL, "checker", None)
    if pair is None:
        converter = markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")
        found = _Found(converter)
        converter.treeprocessors.register(found, "found", 5)
        pair = _LOCAL.checker = (converter, found)
    converter, found = pair
    converter.reset()
    found.images, found.links = [], []
    return converter, found


def _link_allowed(href: str) -> bool:
    if href.startswith(markdown.util.AMP_SUBSTITUTE):
        return True  # an <address@example.com> autolink: Markdown hides the mailto: in entities
    scheme = urllib.parse.urlsplit(href.strip()).scheme
    return not scheme or scheme.lower() in URL_SCHEMES


class _RawHtml(HTMLParser):
    """The tags, attributes and comments of one piece of raw HTML, with their lines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str, str, str]] = []  # (line, kind, key, message)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag not in RAW_TAGS:
            message = f"raw HTML like <{tag}> is not allowed; write it in Markdown"
            self.found.append((line, "html", tag, message))
            return
        allowed = ALLOWED_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name not in allowed:
                message = f"the {name} attribute of <{tag}> is not allowed; write it in Markdown"
                self.found.append((line, "html", f"{tag} {name}", message))
            elif name == "href" and not _link_allowed(value or ""):
                message = f"the link {(value or '')[:60]!r} is not allowed: {_LINK_HELP}"
                self.found.append((line, "link", value or "", message))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data: str) -> None:
        message = "an HTML comment (<!-- ... -->) would not be published; remove it"
        self.found.append((self.getpos()[0], "html", "<!--", message))

    def _declaration(self, data: str) -> None:
        shown = data.split()[0] if data.split() else data
        message = f"raw HTML like <!{shown[:20]}> is not allowed; remove it"
        self.found.append((self.getpos()[0], "html", "<!", message))

    handle_decl = unknown_decl = _declaration

    def handle_pi(self, data: str) -> None:
        message = "raw HTML like <?...> is not allowed; remove it"
        self.found.append((self.getpos()[0], "html", "<?", message))


class _AllText(_TextExtractor):
    """Every word of unsanitised HTML, the content of <script> and <style> (and what an
    unclosed one swallows) included: HTMLParser is kept from reading it as raw text."""

    def set_cdata_mode(self, *args: Any, **kwargs: Any) -> None:
        pass


def _lost_words(raw_html: str) -> list[str]:
    """Words of the rendered text that sanitising would drop, in their order."""
    extractor = _AllText()
    extractor.feed(raw_html)
    extractor.close()
    before = "".join(extractor.parts).split()
    after = Counter(html_to_text(sanitize_html(raw_html)).split())
    lost = []
    for word in before:
        if after[word]:
            after[word] -= 1
        else:
            lost.append(word)
    return lost


def markdown_problems(source: str) -> list[MarkupProblem]:
    """What in this Markdown would not be published as written, with the line of the text."""
    if not any(hint in source for hint in _MARKUP_HINTS):
        return []  # the usual text: checked without converting it
    converter, found = _checker()
    raw_html = _shift_headings(converter.convert(source))
    problems: dict[tuple[str, str], MarkupProblem] = {}
    fragments = [
        f for f in converter.htmlStash.rawHtmlBlocks if not _ENTITY.fullmatch(str(f).strip())
    ]
    searchable = _CODE.sub(lambda m: " " * len(m[0]), source)  # code is shown as typed
    cursor = 0
    for fragment in fragments:
        text = str(fragment)
        start = searchable.find(text.strip().split("\n", 1)[0], cursor)
        cursor = max(cursor, start)
        first_line = source.count("\n", 0, start) + 1 if start >= 0 else 1
        parser = _RawHtml()
        parser.feed(text)
        parser.close()
        for line, kind, key, message in parser.found:
            problems.setdefault((kind, key), MarkupProblem(first_line + line - 1, kind, message))
    for src in found.images:
        message = f"images are not shown in texts; remove ![...]({src[:60]})"
        problems.setdefault(("image", src), MarkupProblem(_line_of(source, src), "image", message))
    for href in found.links:
        if not _link_allowed(href):
            message = f"the link {href[:60]!r} is not allowed: {_LINK_HELP}"
            problems.setdefault(
                ("link", href), MarkupProblem(_line_of(source, href), "link", message)
            )
    lost = _lost_words(raw_html) if fragments else []
    if lost:
        shown = " ".join(lost[:8]) + (" …" if len(lost) > 8 else "")
        refused = [key for key in problems if key[0] == "html" and " " not in key[1]]
        if refused and refused[0][1].isalnum():
            # The first tag the sanitiser drops is what makes the text after it vanish.
            line = problems[refused[0]].line
            message = (
                f"raw HTML like <{refused[0][1]}> is not allowed; part of your text after it "
                f"would be lost ({shown!r}): write it in Markdown"
            )
            problems[refused[0]] = MarkupProblem(line, "lost", message)
        else:
            message = (
                f"part of your text would be lost ({shown!r}) when the page is made: "
                "write it in Markdown, without HTML"
            )
            problems[("lost", "")] = MarkupProblem(_line_of(source, lost[0]), "lost", message)
    return sorted(problems.values(), key=lambda p: p.line)


def _line_of(source: str, text: str) -> int:
    index = source.find(text) if text else -1
    return source.count("\n", 0, index) + 1 if index >= 0 else 1


def body_problems(
    path: str, body: str, offset: int, skip: frozenset[str] = frozenset()
) -> list[Problem]:
    """The problems of a Markdown body below front matter (its line N is line offset + N of
    the file): invisible characters, and what would not be published as written (`skip`: the
    kinds another rule reports in its own words)."""
    problems = []
    found = invisible_character(body)
    if found is not None:
        position, ch = found
        line = body.count("\n", 0, position - 1) + 1
        col = position - (body.rfind("\n", 0, position - 1) + 1)
        message = f"contains {character_name(ch)}; remove it"
        problems.append(Problem(path, offset + line, col, "body", message))
    for problem in markdown_problems(body):
        if problem.kind not in skip:
            problems.append(Problem(path, offset + problem.line, 1, "body", problem.message))
    return problems
