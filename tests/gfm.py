"""The bot's comments as GitHub renders them: cmark-gfm, GitHub's own Markdown parser.

Rendered with raw HTML let through (GitHub's sanitiser would drop some of it afterwards), so a
test sees every tag the comment's Markdown itself produces.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import cmarkgfm
from cmarkgfm.cmark import Options

WORD_JOINER = "\u2060"
# GitHub's patterns for what pings or links: @user or @org/team, #123, GH-123, owner/repo#1.
MENTION = re.compile(r"(?:^|[^\w`])@[A-Za-z0-9]")
REFERENCE = re.compile(r"(?i)(?:#\d|\bgh-\d)")


def to_html(markdown: str) -> str:
    return cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)


class Rendered(HTMLParser):
    """What a reader sees: the text, the text outside code, the tags, the links, the comments."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.prose: list[str] = []
        self.tags: set[str] = set()
        self.links: list[str] = []
        self.comments: list[str] = []
        self._code = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        if tag in ("code", "pre"):
            self._code += 1
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("code", "pre"):
            self._code -= 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if not self._code:
            self.prose.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def render(markdown: str) -> Rendered:
    page = Rendered()
    page.feed(to_html(markdown))
    page.close()
    return page


def seen(markdown: str) -> str:
    """The comment's visible text on one line, word joiners dropped."""
    text = "".join(render(markdown).text).replace(WORD_JOINER, "")
    return re.sub(r"\s+", " ", text).strip()
