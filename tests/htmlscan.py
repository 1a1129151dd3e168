"""Small HTML inspection helpers for tests: elements with attributes, text, and script blocks."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


@dataclass
class Page(HTMLParser):
    elements: list[Element] = field(default_factory=list)
    scripts: list[Element] = field(default_factory=list)

    def __post_init__(self) -> None:
        HTMLParser.__init__(self, convert_charrefs=True)
        self._script: Element | None = None
        self.text_parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.elements.append(element)
        if tag == "script":
            self._script = element
            self.scripts.append(element)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.text += data
        else:
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.text_parts).split())

    def find(self, tag: str, **attrs: str) -> list[Element]:
        return [
            e
            for e in self.elements
            if e.tag == tag and all(e.attrs.get(k.rstrip("_")) == v for k, v in attrs.items())
        ]

    def hrefs(self) -> list[str]:
        return [e.attrs["href"] for e in self.elements if e.tag == "a" and "href" in e.attrs]


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


# ---------- a tree with each element's language (lang attributes inherit) ----------

VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source"}
    | {"track", "wbr"}
)
NOT_TEXT = frozenset(("script", "style", "template"))
# Attributes whose value a visitor reads or hears (data-* attributes hold texts scripts show).
TEXT_ATTRIBUTES = ("alt", "title", "aria-label", "aria-description", "placeholder", "content")


@dataclass(eq=False)
class Node:
    """An element; `lang` is its language: its own lang attribute, else its parent's."""

    tag: str
    attrs: dict[str, str]
    lang: str
    children: list[Node | str] = field(default_factory=list)

    def iter(self) -> Iterator[Node]:
        """This element and every element inside it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def select(
        self, tag: str | None = None, cls: str | None = None, **attrs: str | None
    ) -> list[Node]:
        """Elements inside (and including) this one by tag, class and attribute values
        (`data_x=""` matches `data-x`; a value of None only asks for the attribute)."""
        wanted = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
        return [
            node
            for node in self.iter()
            if (tag is None or node.tag == tag)
            and (cls is None or cls in node.attrs.get("class", "").split())
            and all(
                k in node.attrs and (v is None or node.attrs[k] == v) for k, v in wanted.items()
            )
        ]

    def one(self, tag: str | None = None, cls: str | None = None, **attrs: str | None) -> Node:
        (found,) = self.select(tag, cls, **attrs)
        return found

    @property
    def text(self) -> str:
        """The visible text inside, whitespace collapsed (no script or style)."""
        parts: list[str] = []
        self._collect(parts)
        return " ".join(" ".join(parts).split())

    def _collect(self, parts: list[str]) -> None:
        if self.tag in NOT_TEXT:
            return
        for child in self.children:
            if isinstance(child, Node):
                child._collect(parts)
            else:
                parts.append(child)

    def texts_by_language(self) -> dict[str, str]:
        """Every text a visitor reads or hears inside, joined per language: text nodes and
        text attributes (alt, title, aria-label, ..., and data-* values, JSON ones unpacked)
        count in the language of their element."""
        found: dict[str, list[str]] = {}
        for node in self.iter():
            if node.tag in NOT_TEXT:
                continue
            bucket = found.setdefault(node.lang, [])
            for name, value in node.attrs.items():
                if name in TEXT_ATTRIBUTES or name.startswith("data-"):
                    bucket.extend(_attribute_texts(value))
                elif name == "value" and node.attrs.get("type") in ("submit", "button", "reset"):
                    bucket.append(value)
            bucket.extend(c for c in node.children if isinstance(c, str))
        return {lang: " ".join(" ".join(parts).split()) for lang, parts in found.items()}


def _attribute_texts(value: str) -> list[str]:
    if value[:1] in "{[":
        try:
            data = json.loads(value)
        except ValueError:
            return [value]
        return list(_strings(data))
    return [value]


def _strings(data: object) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for item in data.values():
            yield from _strings(item)
    elif isinstance(data, list):
        for item in data:
            yield from _strings(item)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, "")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        parent = self.stack[-1]
        node = Node(tag, values, values.get("lang", parent.lang))
        parent.children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_tree(source: Path | str) -> Node:
    """The document as a tree (a path, or HTML text); `.lang` of the root is ''."""
    builder = _TreeBuilder()
    text = source.read_text(encoding="utf-8") if isinstance(source, Path) else source
    builder.feed(text)
    builder.close()
    return builder.root
