"""SVG logos in a real Chromium, served without the Content-Security-Policy: the attacks the
checks refuse do fetch or run in a browser, and the logo the build publishes does neither."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import run_pelican, serve
from test_logos import INKSCAPE, _use_logo

from copernica_directory.model.logos import clean_svg

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")

OUTSIDE = re.compile(r"^(?!http://127\.0\.0\.1:).*")
DRAWN = '<rect width="10" height="10"/>'
# Opened on its own, each of these fetches from another site or runs script in Chromium.
ACTIVE = {
    "xml-stylesheet": '<?xml-stylesheet href="https://evil.example/a.css"?>'
    '<svg xmlns="http://www.w3.org/2000/svg">' + DRAWN + "</svg>",
    "escape in style": r'<rect width="9" height="9" style="fill:u\72l(https://evil.example/a.svg#g)"/>',
    "spaced escape": r'<rect width="9" height="9" style="fill:\75 rl(https://evil.example/b)"/>',
    "escape as a character reference": '<rect width="9" height="9" style="fill:u&#x5C;72l(https://evil.example/c)"/>',
    "upper-case URL(": '<rect width="9" height="9" style="fill:URL(https://evil.example/d)"/>',
    "quoted url": "<rect width=\"9\" height=\"9\" style=\"fill:url('https://evil.example/e')\"/>",
    "image-set()": "<rect width=\"9\" height=\"9\" "
    "style=\"mask:image-set('https://evil.example/f.png' 1x)\"/>",
    "@import": "<style>@import url(https://evil.example/g.css);</style>" + DRAWN,
    "fill attribute": '<rect width="9" height="9" fill="url(https://evil.example/h#g)"/>',
    "escape in an attribute": r'<rect width="9" height="9" fill="u\72l(https://evil.example/i)"/>',
    "mask attribute": '<rect width="9" height="9" mask="url(https://evil.example/j.svg#m)"/>',
    "clip-path attribute": "<rect width=\"9\" height=\"9\" clip-path=\"url('https://evil.example/k.svg#c')\"/>",
    "cursor": '<rect width="9" height="9" cursor="url(https://evil.example/l.cur), auto"/>',
    "image": '<image width="9" height="9" href="https://evil.example/m.png"/>',
    "feImage": '<filter id="f"><feImage href="https://evil.example/n.png"/></filter>'
    '<rect width="9" height="9" filter="url(#f)"/>',
    "script": "<script>alert(1)</script>" + DRAWN,
    "event handler": '<svg onload="alert(1)"/>' + DRAWN,
    "XHTML script": '<html:script xmlns:html="http://www.w3.org/1999/xhtml">alert(1)</html:script>',
    "script hidden in metadata": "<metadata><script>alert(1)</script></metadata>" + DRAWN,
    "foreignObject": '<foreignObject width="9" height="9">'
    '<img xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/o.png"/></foreignObject>',
}  # fmt: skip


def _document(body: str) -> str:
    if body.startswith("<?"):
        return body
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="20" height="20">{body}</svg>'


def _effects(browser, url: str) -> list[str]:
    """What opening `url` did that a logo must never do: requests outside 127.0.0.1 (aborted,
    so nothing leaves this machine) and script dialogs."""
    page = browser.new_page()
    seen: list[str] = []
    page.route(OUTSIDE, lambda route: (seen.append(route.request.url), route.abort()))
    page.on("dialog", lambda dialog: (seen.append(f"dialog {dialog.message}"), dialog.dismiss()))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.close()
    return seen


@pytest.fixture(scope="module")
def attacks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("raw-svgs")
    for number, body in enumerate(ACTIVE.values()):
        (folder / f"{number}.svg").write_text(_document(body), encoding="utf-8")
    yield from serve(folder)


@pytest.mark.parametrize(("number", "name"), list(enumerate(ACTIVE)))
def test_each_refused_svg_really_fetches_or_runs_in_chromium(
    browser, attacks: str, number: int, name: str
) -> None:
    data = _document(ACTIVE[name]).encode()
    assert _effects(browser, f"{attacks}/{number}.svg"), f"{name}: inert in Chromium"
    result = clean_svg(data)
    assert result.svg is None and result.problems, name


@pytest.fixture(scope="module")
def logo_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, str]]:
    """The sample site (a quarter of its partners, maasmail among them) with an SVG logo full
    of an editor's extras (comments, metadata, its own namespaces, a processing instruction),
    built for real and served."""
    root = tmp_path_factory.mktemp("logo-site")
    from conftest import few_partners_copy

    content = few_partners_copy(root / "content")
    _use_logo(content, "maasmail", "logo.svg", INKSCAPE.encode())
    output = root / "output"
    result = run_pelican(content, output)
    assert result.returncode == 0, result.stdout + result.stderr
    for url in serve(output):
        yield content, output, url


def test_the_published_logo_is_the_cleaned_one(logo_site: tuple[Path, Path, str]) -> None:
    content, output, _ = logo_site
    published = (output / "partners" / "maasmail" / "logo.svg").read_bytes()
    assert published == clean_svg(INKSCAPE.encode()).svg
    assert b"<?" not in published and b"<!--" not in published and b"sodipodi" not in published
    for source in sorted((content / "library" / "whitepapers").glob("*.svg")):
        copy = output / "library" / "whitepapers" / source.stem.removesuffix("-cover") / source.name
        assert copy.read_bytes() == clean_svg(source.read_bytes()).svg, source.name


def test_profile_and_logo_make_no_request_outside(browser, logo_site) -> None:
    _, _, url = logo_site
    page = browser.new_page()
    seen: list[str] = []
    page.route(OUTSIDE, lambda route: (seen.append(route.request.url), route.abort()))
    page.on("dialog", lambda dialog: (seen.append("dialog"), dialog.dismiss()))
    page.goto(f"{url}/partners/maasmail/")
    page.wait_for_load_state("networkidle")
    logo = page.locator("img.profile-head__logo")
    assert logo.get_attribute("src") == "/partners/maasmail/logo.svg"
    assert logo.evaluate("img => img.complete && img.naturalWidth") == 64  # it still draws
    page.goto(f"{url}/partners/maasmail/logo.svg")  # opened on its own: a document
    page.wait_for_load_state("networkidle")
    assert page.locator("text").first.text_content() == "Acme & Co"
    page.close()
    assert seen == []
