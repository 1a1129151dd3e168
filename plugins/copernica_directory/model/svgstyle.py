"""CSS inside SVG logos, parsed with tinycss2: only styling of the logo's own shapes survives.

A browser reads CSS in three places of an SVG: `style` attributes, `<style>` elements and
presentation attributes (`fill="..."`). Each is tokenised as a browser would (escapes resolved,
`url(` in any spelling found) and refused when it could fetch or run anything: a url() that is
not a reference to the logo's own parts (`url(#gradient)`), a function that is not a colour,
shape, transform or calculation, an at-rule (`@import`, `@font-face`, ...) or an escape. What
passes is written back from the parsed tokens: the text served is what was checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import tinycss2
from tinycss2 import ast

# A reference to an element of the same file: url(#id) or href="#id".
LOCAL_REF = re.compile(r"^#[A-Za-z_][A-Za-z0-9_.:-]*$")

# CSS properties that style shapes and text; they are also the SVG presentation attributes
# a logo may carry. Other declarations are dropped when they are harmless (an editor's
# -inkscape-font-specification), refused when their value reaches outside.
PROPERTIES = frozenset(
    {
        "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap",
        "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset",
        "stroke-opacity", "opacity", "color", "display", "visibility", "clip-path",
        "clip-rule", "mask", "font", "font-family", "font-size", "font-weight", "font-style",
        "font-variant", "font-stretch", "letter-spacing", "word-spacing", "text-anchor",
        "text-decoration", "dominant-baseline", "alignment-baseline", "baseline-shift",
        "writing-mode", "stop-color", "stop-opacity", "shape-rendering", "text-rendering",
        "color-interpolation", "paint-order", "vector-effect", "overflow", "transform",
        "transform-origin", "transform-box", "isolation", "mix-blend-mode",
    }
)  # fmt: skip
# Functions that compute a colour, a shape, a transform or a length, and nothing else.
FUNCTIONS = frozenset(
    {
        "rgb", "rgba", "hsl", "hsla", "hwb", "lab", "lch", "oklab", "oklch",
        "circle", "ellipse", "inset", "polygon",
        "matrix", "translate", "translatex", "translatey", "scale", "scalex", "scaley",
        "rotate", "skew", "skewx", "skewy",
        "calc", "min", "max", "clamp",
    }
)  # fmt: skip
# Selector tokens of a `<style>` element: element, class and id selectors and combinators.
_SELECTOR_LITERALS = frozenset({".", ",", ">", "+", "~", "*", ":"})


@dataclass
class Cleaned:
    """CSS written back from its tokens, and why it cannot be published (empty when it can)."""

    text: str = ""
    problems: list[str] = field(default_factory=list)


def _escape_problem(text: str, where: str) -> list[str]:
    # An escape can spell url( or @import so that no pattern sees it; a logo never needs one.
    if "\\" in text:
        return [f"{where} uses a CSS escape (\\); write the value without it"]
    return []


def value_problems(nodes: Iterable[ast.Node], where: str) -> list[str]:
    """Why a parsed CSS value cannot be published: the url()s and functions it uses."""
    problems: list[str] = []
    stack = list(nodes)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.URLToken):
            if not LOCAL_REF.match(node.value.strip()):
                problems.append(f"{where} refers outside the logo (url({node.value[:60]}))")
        elif isinstance(node, ast.FunctionBlock):
            if node.lower_name == "url":
                args = [a for a in node.arguments if not isinstance(a, ast.WhitespaceToken)]
                target = args[0].value if len(args) == 1 and args[0].type == "string" else ""
                if not LOCAL_REF.match(target.strip()):
                    shown = tinycss2.serialize(node.arguments)[:60]
                    problems.append(f"{where} refers outside the logo (url({shown}))")
            elif node.lower_name not in FUNCTIONS:
                problems.append(f"{where} uses {node.name}(), which logos may not use")
            else:
                stack.extend(node.arguments)
        elif isinstance(node, ast.ParenthesesBlock):
            stack.extend(node.content)
        elif isinstance(node, (ast.CurlyBracketsBlock, ast.SquareBracketsBlock)):
            problems.append(f"{where} is not a plain CSS value")
        elif isinstance(node, ast.AtKeywordToken):
            problems.append(f"{where} uses @{node.value}, which logos may not use")
        elif isinstance(node, ast.ParseError):
            problems.append(_parse_error(node, where))
    return problems


def _parse_error(node: ast.ParseError, where: str) -> str:
    if node.kind == "bad-url":  # url(javascript:alert(1)): an address, and not a local one
        return f"{where} refers outside the logo (a url() that is not url(#id))"
    return f"{where} is not valid CSS ({node.message})"


def _serialize(nodes: Iterable[ast.Node]) -> str:
    kept = [n for n in nodes if not isinstance(n, ast.Comment)]
    return " ".join(tinycss2.serialize(kept).split())


def clean_value(text: str, where: str) -> Cleaned:
    """A presentation attribute's value (`fill="url(#g)"`), checked as the CSS it is."""
    if "(" not in text and "\\" not in text and "@" not in text:
        return Cleaned(text)  # a colour, a number, a keyword: nothing to look into
    problems = _escape_problem(text, where)
    if problems:
        return Cleaned(problems=problems)
    nodes = tinycss2.parse_component_value_list(text, skip_comments=True)
    problems = value_problems(nodes, where)
    return Cleaned(_serialize(nodes), problems)


def _refused(node: ast.Node, where: str) -> list[str]:
    """What no logo's CSS may hold, at any level: an at-rule, or what does not parse."""
    if isinstance(node, ast.AtRule):
        return [f"{where} uses @{node.at_keyword}, which logos may not use"]
    if isinstance(node, ast.ParseError):
        return [_parse_error(node, where)]
    return []


def _declarations(nodes: list[ast.Node], where: str) -> Cleaned:
    kept: list[str] = []
    problems: list[str] = []
    for node in nodes:
        if isinstance(node, ast.Declaration):
            found = value_problems(node.value, where)
            problems.extend(found)
            if not found and node.lower_name in PROPERTIES:
                important = " !important" if node.important else ""
                kept.append(f"{node.lower_name}:{_serialize(node.value)}{important}")
        elif isinstance(node, ast.QualifiedRule):
            problems.append(f"{where} nests a rule inside a rule, which logos may not use")
        else:
            problems.extend(_refused(node, where))
    return Cleaned(";".join(kept), problems)


def clean_declarations(text: str, where: str) -> Cleaned:
    """A `style` attribute: a list of declarations of the allowed properties."""
    problems = _escape_problem(text, where)
    if problems:
        return Cleaned(problems=problems)
    nodes = tinycss2.parse_blocks_contents(text, skip_comments=True, skip_whitespace=True)
    return _declarations(nodes, where)


def _selector_problems(prelude: list[ast.Node], where: str) -> list[str]:
    for node in prelude:
        if isinstance(node, (ast.WhitespaceToken, ast.IdentToken, ast.HashToken, ast.Comment)):
            continue
        if isinstance(node, ast.LiteralToken) and node.value in _SELECTOR_LITERALS:
            continue
        shown = " ".join(tinycss2.serialize(prelude).split())[:60]
        return [
            f"{where} has the selector {shown!r}; use element, class or id selectors "
            "(rect, .mark, #logo)"
        ]
    return []


def clean_stylesheet(text: str, where: str = "the <style> element") -> Cleaned:
    """A `<style>` element: rules with plain selectors over declarations; no at-rules."""
    problems = _escape_problem(text, where)
    if problems:
        return Cleaned(problems=problems)
    rules: list[str] = []
    for node in tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True):
        if isinstance(node, ast.QualifiedRule):
            problems.extend(_selector_problems(node.prelude, where))
            body = tinycss2.parse_blocks_contents(
                node.content, skip_comments=True, skip_whitespace=True
            )
            declarations = _declarations(body, where)
            problems.extend(declarations.problems)
            rules.append(f"{_serialize(node.prelude)}{{{declarations.text}}}")
        else:
            problems.extend(_refused(node, where))
    return Cleaned("".join(rules), problems)
