"""The sample whitepapers' PDFs, written from their texts in docs/samples/whitepapers/.

Each `<slug>.txt` there is the text of the PDF of `content/library/whitepapers/<slug>.md`: its
first line is the subtitle, the rest the text (the little Markdown of `blocks_from_text`). The
title, author, language and date come from the whitepaper's front matter, so the PDF and the
page that offers it never disagree. Real whitepapers are designed elsewhere and replace these.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from copernica_directory.cli import add_content_option
from copernica_directory.model.loader import LIBRARY_DIR, load_content
from copernica_directory.settings import PUBLIC_ADDRESS
from copernica_directory.tools.pdfwriter import blocks_from_text, unicode_font_available, write_pdf
from copernica_directory.urls import library_item_url

SOURCES = Path("docs") / "samples" / "whitepapers"
LABELS = {"en": ("Whitepaper", "Contents"), "nl": ("Whitepaper", "Inhoud")}


def sample_pdf(
    text: str, title: str, author: str, lang: str, url: str, date: dt.date | None
) -> bytes:
    """The PDF of one sample whitepaper: a cover, the contents, a chapter a page."""
    subtitle, _, body = text.partition("\n")
    label, contents = LABELS.get(lang, LABELS["en"])
    return write_pdf(
        title,
        blocks_from_text(body),
        subtitle=subtitle.strip(),
        author=author,
        footer=url,
        lang=lang,
        date=date,
        cover=label,
        contents=contents,
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Write every sample whitepaper's PDF; exit 1 when one has no text, 2 without the font."""
    parser = argparse.ArgumentParser(prog="sample_pdfs.py", description=__doc__.split("\n")[0])
    add_content_option(parser)
    parser.add_argument("--sources", type=Path, default=SOURCES)
    args = parser.parse_args(argv)
    if not unicode_font_available():
        print("sample_pdfs.py: DejaVu Sans not found (apt-get install fonts-dejavu-core)")
        return 2
    # A whitepaper whose PDF is missing does not load: give it a placeholder first.
    folder = args.content / LIBRARY_DIR / "whitepapers"
    for source in sorted(args.sources.glob("*.txt")):
        target = folder / f"{source.stem}.pdf"
        if (folder / f"{source.stem}.md").is_file() and not target.exists():
            target.write_bytes(write_pdf(source.stem, []))
    content, _ = load_content(args.content)
    status = 0
    for item in content.library.values():
        if item.type != "whitepapers" or not item.file:
            continue
        source = args.sources / f"{item.slug}.txt"
        if not source.is_file():
            print(f"{source}: missing, so {item.file} was not written")
            status = 1
            continue
        # The footer names the page that offers the PDF, on the public site.
        url = f"{PUBLIC_ADDRESS.removeprefix('https://')}/{library_item_url(item.type, item.slug)}"
        data = sample_pdf(
            source.read_text(encoding="utf-8"),
            item.title,
            item.author or "Copernica",
            item.lang,
            url,
            item.date,
        )
        target = args.content / LIBRARY_DIR / item.type / item.file
        target.write_bytes(data)
        print(f"{target}: {len(data):,} bytes")
    return status
