"""SVG logos parsed as XML, checked against allow-lists, and written again from the parse.

An SVG opened on its own is a document of our site: it can run script, load style sheets,
images and fonts from anywhere, and link away. A logo may hold only drawing elements and
their attributes. What could run or fetch anything (script, event handlers, foreign objects,
links, references or style sheets outside the file, processing instructions that load a style
sheet) is refused with the reason, so the partner knows what to fix. What is merely
unnecessary (comments, `<metadata>`, an editor's own elements and attributes, attributes no
browser draws with) is left out of the copy we publish. That copy is written from the parsed
tree, never copied byte for byte, so what was checked is what is served.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, ParseError, TreeBuilder
from xml.sax.saxutils import escape

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from copernica_directory.model.svgstyle import (
    LOCAL_REF,
    PROPERTIES,
    clean_declarations,
    clean_stylesheet,
    clean_value,
)

MAX_SVG_BYTES = 200_000
MAX_DEPTH = 100

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XHTML_NS = "http://www.w3.org/1999/xhtml"
# Namespaces of drawing programs: their elements and attributes only help the program.
EDITOR_NS = frozenset(
    {
        "http://www.inkscape.org/namespaces/inkscape",
        "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
        "http://ns.adobe.com/AdobeIllustrator/10.0/",
        "http://ns.adobe.com/Extensibility/1.0/",
        "http://ns.adobe.com/Graphs/1.0/",
        "http://ns.adobe.com/AdobeSVGViewerExtensions/3.0/",
        "http://www.bohemiancoding.com/sketch/ns",
    }
)

ALLOWED_ELEMENTS = frozenset(
    {
        "svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
        "text", "tspan", "title", "desc", "defs", "linearGradient", "radialGradient",
        "stop", "clipPath", "mask", "symbol", "use", "style",
    }
)  # fmt: skip
# Left out of the published copy with everything in them (editors' notes, RDF licences).
DROPPED_ELEMENTS = frozenset({"metadata"})
# Attributes without a namespace that a logo may keep, besides the presentation attributes
# (svgstyle.PROPERTIES), `style` and `href`.
ATTRIBUTES = frozenset(
    {
        "id", "class", "lang", "role", "aria-label", "aria-labelledby", "aria-describedby",
        "aria-hidden", "focusable", "version", "baseProfile",
        "x", "y", "width", "height", "viewBox", "preserveAspectRatio", "transform", "d",
        "points", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy", "fr",
        "dx", "dy", "rotate", "textLength", "lengthAdjust", "pathLength", "offset",
        "gradientUnits", "gradientTransform", "spreadMethod", "clipPathUnits", "maskUnits",
        "maskContentUnits", "refX", "refY",
    }
)  # fmt: skip
# Attributes whose values are not CSS (path data, names, text for screen readers).
_NOT_CSS = frozenset(
    {"id", "class", "lang", "role", "aria-label", "aria-labelledby", "aria-describedby", "d",
     "points", "viewBox", "preserveAspectRatio", "version", "baseProfile"}
)  # fmt: skip
_XML_ATTRIBUTES = frozenset({"space", "lang"})


@dataclass
class CleanSvg:
    """The SVG as we publish it (None when refused), and why it is refused."""

    svg: bytes | None
    problems: list[str] = field(default_factory=list)


class _Builder(TreeBuilder):
    """A tree builder that also remembers every processing instruction, the prolog's too."""

    def __init__(self) -> None:
        super().__init__(insert_pis=True)
        self.instructions: list[str] = []

    def pi(self, target: str, data: str | None = None) -> Element:
        self.instructions.append(target)
        return super().pi(target, data)


def _split(name: str) -> tuple[str, str]:
    """('namespace', 'local') of an ElementTree name."""
    if name.startswith("{"):
        namespace, _, local = name[1:].partition("}")
        return namespace, local
    return "", name


class _Cleaner:
    """One walk over the tree: problems found, and the published copy written."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.uses_xlink = False

    def element(self, element: Element, depth: int) -> str:
        """The element as published, or '' when it is left out (problems are recorded)."""
        if not isinstance(element.tag, str):  # a processing instruction inside the root
            return ""
        namespace, tag = _split(element.tag)
        if namespace in EDITOR_NS or (namespace == SVG_NS and tag in DROPPED_ELEMENTS):
            self._screen(element)
            return ""
        if namespace != SVG_NS or tag not in ALLOWED_ELEMENTS:
            self.problems.append(f"the SVG contains <{tag}>, which logos may not use")
            return ""
        if depth > MAX_DEPTH:
            self.problems.append(f"the SVG nests elements more than {MAX_DEPTH} deep")
            return ""
        attributes = self.attributes(element, tag)
        if tag == "style":
            if len(element):
                self.problems.append("the <style> element holds elements; it may hold only CSS")
            found = clean_stylesheet(element.text or "")
            self.problems.extend(found.problems)
            content = escape(found.text)
        else:
            parts = [escape(element.text or "")]
            for child in element:
                parts.append(self.element(child, depth + 1))
                parts.append(escape(child.tail or ""))
            content = "".join(parts)
        start = f"<{tag}{attributes}"
        return f"{start}>{content}</{tag}>" if content else f"{start}/>"

    def _screen(self, element: Element) -> None:
        """Refuse what a left-out element hides that browsers would run (a script in it)."""
        for inner in element.iter():
            if inner is element or not isinstance(inner.tag, str):
                continue
            namespace, tag = _split(inner.tag)
            if namespace in (SVG_NS, XHTML_NS) and tag not in ALLOWED_ELEMENTS:
                self.problems.append(f"the SVG contains <{tag}>, which logos may not use")

    def attributes(self, element: Element, tag: str) -> str:
        """The element's attributes as published (leading space included)."""
        kept: list[str] = []
        for name, value in element.attrib.items():
            namespace, attr = _split(name)
            where = f"the {attr} attribute of <{tag}>"
            if attr.lower().startswith("on"):
                self.problems.append(f"the SVG has an event handler ({attr}) on <{tag}>")
            elif attr == "href" and namespace in ("", XLINK_NS):
                target = value.strip()
                if not LOCAL_REF.match(target):
                    self.problems.append(f"<{tag}> links outside the logo ({value[:60]!r})")
                elif namespace:
                    self.uses_xlink = True
                    kept.append(f"xlink:href={_quote(target)}")
                else:
                    kept.append(f"href={_quote(target)}")
            elif namespace == XML_NS:
                if attr == "base":  # would make "#id" references point at another file
                    self.problems.append(f"<{tag}> sets xml:base, which logos may not use")
                elif attr in _XML_ATTRIBUTES:
                    kept.append(f"xml:{attr}={_quote(value)}")
            elif namespace:
                continue  # an editor's or unknown namespace: nothing a browser draws with
            elif attr == "style":
                found = clean_declarations(value, where)
                self.problems.extend(found.problems)
                if found.text and not found.problems:
                    kept.append(f"style={_quote(found.text)}")
            elif attr in _NOT_CSS:
                kept.append(f"{attr}={_quote(value)}")
            else:
                # Checked even when left out: filter="url(https://...)" means to fetch.
                found = clean_value(value, where)
                self.problems.extend(found.problems)
                if not found.problems and (attr in PROPERTIES or attr in ATTRIBUTES):
                    kept.append(f"{attr}={_quote(found.text)}")
        return "".join(" " + item for item in kept)


def _quote(value: str) -> str:
    return '"' + escape(value, {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}) + '"'


def clean_svg(data: bytes) -> CleanSvg:
    """Parse, check and write again an SVG logo: what may be published, or why not."""
    if len(data) > MAX_SVG_BYTES:
        size = f"the SVG is {len(data):,} bytes; at most {MAX_SVG_BYTES:,} allowed"
        return CleanSvg(None, [size])
    builder = _Builder()
    parser = DefusedXMLParser(
        target=builder, forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    try:
        parser.feed(data)
        root = parser.close()
    except DefusedXmlException:
        return CleanSvg(
            None, ["the SVG declares a DTD or entities; remove the <!DOCTYPE> and <!ENTITY> lines"]
        )
    except ParseError as err:
        return CleanSvg(None, [f"not a valid SVG file ({err})"])
    if root.tag != f"{{{SVG_NS}}}svg":
        return CleanSvg(
            None,
            ['not an SVG file: the root element must be <svg xmlns="http://www.w3.org/2000/svg">'],
        )
    cleaner = _Cleaner()
    if "xml-stylesheet" in (target.lower() for target in builder.instructions):
        cleaner.problems.append(
            "the SVG has an <?xml-stylesheet?> line, which loads a style sheet; remove it"
        )
    body = cleaner.element(root, 1)
    problems = sorted(set(cleaner.problems))
    if problems:
        return CleanSvg(None, problems)
    namespaces = f' xmlns="{SVG_NS}"' + (f' xmlns:xlink="{XLINK_NS}"' if cleaner.uses_xlink else "")
    return CleanSvg(("<svg" + namespaces + body[len("<svg") :] + "\n").encode("utf-8"))
