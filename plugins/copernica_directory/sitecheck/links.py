"""Internal link checker: every href and src in the built HTML that points into the site resolves.

A link resolves when the file exists in output/: `/a/b/` needs `a/b/index.html`, `/a/b.json`
needs `a/b.json`; a `#fragment` must name an id on the target page.
"""

from __future__ import annotations

import sys
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

LINK_ATTRIBUTES = {"href", "src", "srcset", "action", "poster"}


@dataclass(frozen=True, order=True)
class BrokenLink:
    """A link on `page` (relative to output/) whose target is missing."""

    page: str
    target: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.target}: {self.reason}"


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name") and (name == "id" or tag == "a"):
                self.ids.add(value)
            elif name == "srcset":
                self.links.extend(part.strip().split(" ")[0] for part in value.split(","))
            elif name in LINK_ATTRIBUTES:
                self.links.append(value)


def _parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector


def _target_file(output: Path, page: Path, url_path: str) -> Path:
    root = output if url_path.startswith("/") else page.parent
    base = root / url_path.lstrip("/")
    if url_path.endswith("/") or base.is_dir():
        return base / "index.html"
    return base


def check_links(output: Path | str, site_url: str = "") -> list[BrokenLink]:
    """Every broken internal link in the HTML files under `output`.

    Links starting with `site_url` (the production address) count as internal too.
    """
    output = Path(output).resolve()
    broken: list[BrokenLink] = []
    pages = sorted(output.rglob("*.html"))
    parsed = {page: _parse(page) for page in pages}
    for page, collector in parsed.items():
        shown = page.relative_to(output).as_posix()
        for link in collector.links:
            if site_url and link.startswith(site_url.rstrip("/") + "/"):
                link = link[len(site_url.rstrip("/")) :]
            parts = urllib.parse.urlsplit(link)
            if parts.scheme or parts.netloc or link.startswith("//"):
                continue  # external, mailto:, tel:
            if not parts.path:
                target = page  # a fragment on the same page
            else:
                target = _target_file(output, page, urllib.parse.unquote(parts.path))
            resolved = target.resolve()
            if output not in resolved.parents and resolved != output:
                broken.append(BrokenLink(shown, link, "points outside the site"))
                continue
            if not resolved.is_file():
                broken.append(BrokenLink(shown, link, "no such file"))
                continue
            if parts.fragment and resolved.suffix == ".html":
                ids = parsed[resolved].ids if resolved in parsed else _parse(resolved).ids
                if parts.fragment not in ids:
                    broken.append(BrokenLink(shown, link, f"no element with id {parts.fragment!r}"))
    return sorted(set(broken))


def main(argv: Sequence[str] | None = None) -> int:
    """`check_links.py [OUTPUT]`: print every broken internal link of the built site in
    OUTPUT (default: output); exit 1 if there is any, 2 when there is no built site."""
    args = sys.argv[1:] if argv is None else argv
    output = Path(args[0] if args else "output")
    if not output.is_dir():
        print(f"check_links.py: {output} not found; run make build first", file=sys.stderr)
        return 2
    broken = check_links(output)
    for link in broken:
        print(link)
    print(f"{len(broken)} broken internal links", file=sys.stderr)
    return 1 if broken else 0
