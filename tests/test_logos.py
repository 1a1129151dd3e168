"""Logo checks: malicious SVGs are rejected with a reason; raster logos are checked and resized."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from conftest import CONTENT
from PIL import Image

from copernica_directory.model.logos import (
    MAX_RASTER_BYTES,
    clean_svg,
    logo_problems,
    raster_problems,
    svg_problems,
    write_renditions,
)

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{}</svg>'
XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"'
GOOD = SVG.format('<defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs>'
                  '<rect width="10" height="10" fill="url(#g)"/><use href="#g"/><text>AB</text>')  # fmt: skip


def test_clean_svg_passes() -> None:
    assert svg_problems(GOOD.encode()) == []


# Each one fetches, runs or links to something outside the logo; each is refused, with why.
ATTACKS = [
    # elements that run, embed or link
    ("<script>alert(1)</script>", "contains <script>"),
    ('<rect onload="alert(1)"/>', "event handler (onload)"),
    ('<g ONCLICK="x()"><rect/></g>', "event handler (ONCLICK)"),
    ('<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>', "<foreignObject>"),
    ('<image href="https://evil.example/x.png"/>', "contains <image>"),
    ('<a href="javascript:alert(1)"><rect/></a>', "contains <a>"),
    ('<animate attributeName="href" to="javascript:alert(1)"/>', "contains <animate>"),
    ('<use href="#a"><set attributeName="href" to="https://evil.example/x.svg#a"/></use>', "contains <set>"),
    ('<filter id="f"><feImage href="https://evil.example/x.png"/></filter>', "contains <filter>"),
    ('<html:script xmlns:html="http://www.w3.org/1999/xhtml">alert(1)</html:script>', "contains <script>"),
    ('<metadata><script>alert(1)</script></metadata>', "contains <script>"),
    ('<x:named xmlns:x="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"><script>alert(1)</script></x:named>', "contains <script>"),
    # links
    ('<use href="https://evil.example/sprite.svg#x"/>', "links outside the logo"),
    ('<use href="other.svg#x"/>', "links outside the logo"),
    ('<use href=" javascript:alert(1)"/>', "links outside the logo"),
    (f'<use {XLINK} xlink:href="data:image/svg+xml;base64,PHN2Zz4="/>', "links outside the logo"),
    (f'<use {XLINK} xlink:href="https://evil.example/x.svg#a"/>', "links outside the logo"),
    ('<use href="&#x6A;avascript:alert(1)"/>', "links outside the logo"),
    ('<g xml:base="https://evil.example/"><use href="#a"/></g>', "sets xml:base"),
    ('<rect xmlns:e="urn:evil" e:onclick="alert(1)"/>', "event handler (onclick)"),
    # CSS in style attributes: every spelling of url(, escapes, at-rules, image functions
    ('<rect style="fill:url(javascript:alert(1))"/>', "style attribute of <rect> refers outside"),
    (r'<rect style="fill:u\72l(https://evil.example/a.svg#g)"/>', "style attribute of <rect> uses a CSS escape"),
    (r'<rect style="fill:\75 rl(https://evil.example/)"/>', "uses a CSS escape"),
    ('<rect style="fill:u&#x5C;72l(https://evil.example/)"/>', "uses a CSS escape"),
    ('<rect style="fill:u&#x72;l(https://evil.example/)"/>', "style attribute of <rect> refers outside"),
    ('<rect style="fill:URL(https://evil.example/)"/>', "refers outside the logo (url(https://evil.example/))"),
    ('<rect style="fill:url(/**/https://evil.example/)"/>', "refers outside"),
    ('<rect style="fill:u/**/rl(https://evil.example/)"/>', "uses rl()"),
    ("<rect style=\"fill:url('https://evil.example/')\"/>", 'refers outside the logo (url("https://evil.example/"))'),
    ("<rect style=\"@import 'https://evil.example/x.css'; fill:red\"/>", "uses @import"),
    ('<rect style="mask:image(https://evil.example/m.png)"/>', "uses image()"),
    ("<rect style=\"mask:image-set('https://evil.example/m.png' 1x)\"/>", "uses image-set()"),
    ('<rect style="-moz-binding:url(https://evil.example/x.xml#b)"/>', "refers outside"),
    ('<rect style="behavior:expression(alert(1))"/>', "uses expression()"),
    # CSS in <style> elements
    ("<style>@import url(https://evil.example/x.css);</style>", "the <style> element uses @import"),
    (r"<style>rect{fill:u\72l(https://evil.example/)}</style>", "the <style> element uses a CSS escape"),
    ("<style>@font-face{font-family:x;src:url(https://evil.example/f.woff)}</style>", "uses @font-face"),
    ('<style>rect{background:image-set("https://evil.example/a.png" 1x)}</style>', "uses image-set()"),
    ("<style><![CDATA[rect{fill:url(https://evil.example/#g)}]]></style>", "the <style> element refers outside"),
    ('<style>rect[href^="x"]{fill:red}</style>', "has the selector"),
    ("<style>@media screen{rect{fill:url(https://evil.example/)}}</style>", "uses @media"),
    # presentation attributes are CSS too
    ('<rect fill="url(https://evil.example/#g)"/>', "fill attribute of <rect> refers outside"),
    ('<rect filter="url(https://evil.example/f.svg#f)"/>', "filter attribute of <rect> refers outside"),
    ('<rect mask="url(https://evil.example/m.svg#m)"/>', "mask attribute of <rect> refers outside"),
    ("<rect clip-path=\"url( 'https://evil.example/c.svg#c' )\"/>", "clip-path attribute of <rect> refers outside"),
    (r'<rect fill="u\72l(https://evil.example/)"/>', "fill attribute of <rect> uses a CSS escape"),
    ('<rect cursor="url(https://evil.example/c.cur), auto"/>', "cursor attribute of <rect> refers outside"),
]  # fmt: skip


@pytest.mark.parametrize(("body", "reason"), ATTACKS)
def test_malicious_svg_is_rejected_with_the_reason(body: str, reason: str) -> None:
    result = clean_svg(SVG.format(body).encode())
    assert result.svg is None
    assert any(reason in p for p in result.problems), result.problems


def test_a_style_sheet_processing_instruction_is_refused() -> None:
    for prolog in (
        '<?xml version="1.0"?><?xml-stylesheet href="https://evil.example/x.css"?>',
        '<?XML-STYLESHEET type="text/css" href="data:text/css,rect{fill:red}"?>',
    ):
        problems = svg_problems((prolog + GOOD).encode())
        assert problems == [
            "the SVG has an <?xml-stylesheet?> line, which loads a style sheet; remove it"
        ]


def test_entities_and_bombs_are_refused() -> None:
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>'
    )
    external = (
        '<!DOCTYPE svg [<!ENTITY e SYSTEM "https://evil.example/x">]>'
        '<svg xmlns="http://www.w3.org/2000/svg"><text>&e;</text></svg>'
    )
    plain_doctype = '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">'
    for data in (bomb, external, plain_doctype + GOOD):
        assert svg_problems(data.encode()) == [
            "the SVG declares a DTD or entities; remove the <!DOCTYPE> and <!ENTITY> lines"
        ]
    assert "not a valid SVG" in svg_problems(SVG.format("<text>&lol;</text>").encode())[0]
    assert "not a valid SVG" in svg_problems(b"<svg")[0]
    assert "root element must be <svg" in svg_problems(b"<html/>")[0]
    assert "root element must be <svg" in svg_problems(b"<svg><rect/></svg>")[0]  # no namespace
    deep = SVG.format("<g>" * 150 + "</g>" * 150)
    assert svg_problems(deep.encode()) == ["the SVG nests elements more than 100 deep"]


INKSCAPE = f"""<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape -->
<?some-tool keep="no"?>
<svg xmlns="http://www.w3.org/2000/svg" {XLINK}
     xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
     xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
     xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
     width="64" height="64" viewBox="0 0 64 64" sodipodi:docname="logo.svg" data-name="Layer 1">
  <sodipodi:namedview id="base" inkscape:zoom="2"/>
  <metadata><rdf:RDF><rdf:Description about="x"/></rdf:RDF></metadata>
  <defs>
    <style>/* brand */ .mark {{ fill : url( #g ) ; stroke:#123; -inkscape-x:1 }} #t>tspan{{font-weight:700}}</style>
    <linearGradient id="g" xlink:href="#base-gradient"><stop offset="0" stop-color="rgb(0, 128, 255)"/></linearGradient>
  </defs>
  <g inkscape:label="Layer" inkscape:groupmode="layer" transform="translate(1 2) rotate(3)">
    <rect class="mark" width="10" height="10" style="fill:#0b4f8a;-inkscape-font-specification:'Sans Bold';font-variation-settings:normal"/>
    <text id="t" x="1" y="9" xml:space="preserve" font-family="'Open Sans', sans-serif">Acme &amp; <tspan>Co</tspan></text>
  </g>
</svg>
"""


def test_harmless_extras_are_left_out_of_the_copy_we_publish() -> None:
    result = clean_svg(INKSCAPE.encode())
    assert result.problems == []
    assert result.svg is not None
    text = result.svg.decode()
    for gone in ("Inkscape", "some-tool", "sodipodi", "inkscape", "rdf", "metadata", "data-name",
                 "-inkscape-x", "font-variation-settings", "/* brand */", "<?"):  # fmt: skip
        assert gone not in text, gone
    for kept in (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="64" height="64" viewBox="0 0 64 64">',
        "<style>.mark{fill:url(#g);stroke:#123}#t&gt;tspan{font-weight:700}</style>",
        '<linearGradient id="g" xlink:href="#base-gradient">',
        '<stop offset="0" stop-color="rgb(0, 128, 255)"/>',
        '<g transform="translate(1 2) rotate(3)">',
        '<rect class="mark" width="10" height="10" style="fill:#0b4f8a"/>',
        '<text id="t" x="1" y="9" xml:space="preserve" font-family="\'Open Sans\', sans-serif">'
        "Acme &amp; <tspan>Co</tspan></text>",
    ):
        assert kept in text, kept
    # What we publish passes the same check and comes out the same: nothing left to clean.
    assert clean_svg(result.svg).svg == result.svg


def test_every_sample_svg_is_published_as_the_same_drawing() -> None:
    from xml.etree.ElementTree import fromstring

    files = sorted(CONTENT.glob("partners/*/logo.svg")) + sorted(CONTENT.glob("library/*/*.svg"))
    assert len(files) > 5
    for path in files:
        result = clean_svg(path.read_bytes())
        assert result.problems == [] and result.svg is not None, (path, result.problems)
        before, after = fromstring(path.read_bytes()), fromstring(result.svg)
        assert [(e.tag, e.attrib) for e in before.iter()] == [
            (e.tag, e.attrib) for e in after.iter()
        ], path


def png(width: int, height: int, fmt: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (11, 79, 138)).save(buffer, fmt)
    return buffer.getvalue()


def test_raster_rules() -> None:
    assert raster_problems(png(400, 200), "png") == []
    assert raster_problems(png(400, 200, "WEBP"), "png") == [
        "the file is a WEBP image but is named .png"
    ]
    assert "each side must be 64-4096 pixels" in raster_problems(png(5000, 100), "png")[0]
    assert "not a readable image" in raster_problems(b"GIF89a....", "png")[0]
    assert (
        f"at most {MAX_RASTER_BYTES:,} allowed"
        in raster_problems(b"x" * (MAX_RASTER_BYTES + 1), "png")[0]
    )


def test_big_upload_ships_small(tmp_path: Path) -> None:
    source = tmp_path / "logo.png"
    # Noise does not compress, so the file is big: bytes from a seeded generator, stored as
    # they are (Pillow's Gaussian noise and PNG compression took most of the test's time).
    pixels = random.Random(3000).randbytes(3000 * 3000)
    noise = Image.frombytes("L", (3000, 3000), pixels).convert("RGB")
    noise.save(source, "PNG", compress_level=0)
    assert source.stat().st_size > 1_000_000
    names = write_renditions(source, tmp_path)
    assert names == {240: "logo-240.webp", 120: "logo-120.webp"}
    for width, name in names.items():
        with Image.open(tmp_path / name) as image:
            assert image.size == (width, width)
        assert (tmp_path / name).stat().st_size < 100_000
    assert logo_problems(tmp_path / "logo-240.webp") == []


def _use_logo(content: Path, slug: str, name: str, data: bytes) -> Path:
    folder = content / "partners" / slug
    for old in folder.glob("logo.*"):
        old.unlink()
    (folder / name).write_bytes(data)
    profile = folder / "partner.yaml"
    lines = [line for line in profile.read_text().splitlines() if not line.startswith("logo:")]
    profile.write_text("\n".join([*lines, f"logo: {name}"]) + "\n")
    return profile


def test_validator_rejects_a_malicious_svg_on_the_logo_line(content_copy: Path) -> None:
    from copernica_directory.model import load_content

    evil = SVG.format('<rect onload="alert(1)"/><script>alert(2)</script>').encode()
    profile = _use_logo(content_copy, "maasmail", "logo.svg", evil)
    _, problems = load_content(content_copy)
    line = len(profile.read_text().splitlines())
    assert [(p.line, p.field) for p in problems] == [(line, "logo"), (line, "logo")]
    assert sorted(p.message for p in problems) == [
        "'logo.svg': the SVG contains <script>, which logos may not use",
        "'logo.svg': the SVG has an event handler (onload) on <rect>",
    ]


def test_build_ships_resized_raster_logos_only(tmp_path: Path) -> None:
    from conftest import few_partners_copy, run_pelican

    noise = io.BytesIO()
    Image.effect_noise((700, 700), 90).convert("RGB").save(noise, "PNG")
    assert len(noise.getvalue()) > 1_000_000
    # The build with a quarter of the partners (maasmail among them): the logo is what counts.
    content = few_partners_copy(tmp_path / "content")
    _use_logo(content, "maasmail", "logo.png", noise.getvalue())
    output = tmp_path / "out"
    result = run_pelican(content, output)
    assert result.returncode == 0, result.stdout + result.stderr
    folder = output / "partners" / "maasmail"
    assert sorted(p.name for p in folder.glob("logo*")) == ["logo-120.webp", "logo-240.webp"]
    assert 'src="/partners/maasmail/logo-240.webp"' in (folder / "index.html").read_text()
