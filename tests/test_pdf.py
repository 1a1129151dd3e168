"""The PDF writer (placeholders, sample and synthetic whitepapers) and the check PDFs pass."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdf
import pytest
from conftest import CONTENT, ROOT

from partnermodel import load_content
from partnermodel.pdf import pdf_problems
from partnermodel.pdfwriter import Block, blocks_from_text, unicode_font_available, write_pdf
from partnermodel.sample_pdfs import SOURCES, sample_pdf

UNICODE = "Łódź, Třeboň, Göteborg, € 1.299,00 and ≥ 5 stars"
TEXT = (
    f"## Heading\nA paragraph about Bølgen and {UNICODE}.\n\n- one\n- two\n\n" + "Long text. " * 600
)
NUMBERS = {"four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
NUMBERS |= {"eleven": 11, "twelve": 12}

needs_font = pytest.mark.skipif(
    not unicode_font_available(), reason="DejaVu Sans not installed (fonts-dejavu-core)"
)


def _reader(data: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(data), strict=True)


@needs_font
def test_written_pdf_opens_in_a_strict_reader_with_its_text_and_pages() -> None:
    data = write_pdf("A (title) \\ with Łódź", blocks_from_text(TEXT), author="Copernica")
    reader = _reader(data)
    assert len(reader.pages) >= 2  # long text flows onto more pages
    first = reader.pages[0].extract_text()
    assert "A (title) \\ with Łódź" in first and UNICODE in first.replace("\n", " ")
    assert reader.metadata.title == "A (title) \\ with Łódź"
    assert reader.metadata.author == "Copernica"
    again = write_pdf("A (title) \\ with Łódź", blocks_from_text(TEXT), author="Copernica")
    assert data == again  # deterministic: a fixed date, an id made from the content


def test_markdown_blocks() -> None:
    text = "## H\n### Sub\nOne\ntwo\n\n- a\n1. first\n> said\n"
    text += "| A | B |\n|---|---|\n| x | y |\n---\nEnd"
    assert blocks_from_text(text) == [
        Block("heading", "H"),
        Block("subheading", "Sub"),
        Block("paragraph", "One two"),
        Block("bullet", "a"),
        Block("numbered", "first", number=1),
        Block("quote", "said"),
        Block("table", rows=(("A", "B"), ("x", "y"))),
        Block("pagebreak"),
        Block("paragraph", "End"),
    ]


def test_without_the_unicode_font_text_falls_back_to_cp1252(monkeypatch) -> None:
    monkeypatch.setattr("partnermodel.pdfwriter.FONT_DIRS", ())
    monkeypatch.delenv("PDF_FONT_DIR", raising=False)
    assert not unicode_font_available()
    page = _reader(write_pdf("Bølgen", blocks_from_text("Łódź costs €"))).pages[0]
    assert "Bølgen" in page.extract_text() and "?ód? costs €" in page.extract_text()


@needs_font
def test_cover_contents_and_one_chapter_a_page() -> None:
    text = "## One\nFirst.\n\n## Two\nSecond.\n\n## Three\nThird."
    reader = _reader(sample_pdf(f"Subtitle ≥\n{text}", "Title", "Us", "en", "x/", None))
    pages = [page.extract_text() for page in reader.pages]
    assert len(pages) == 5  # cover, contents, three chapters
    assert "WHITEPAPER" in pages[0] and "Subtitle ≥" in pages[0]
    assert re.search(r"One\s*3\s*Two\s*4\s*Three\s*5", pages[1])
    assert [p.split("\n")[1] for p in pages[2:]] == ["One", "Two", "Three"]


def test_the_sample_whitepapers_are_real_multi_page_pdfs() -> None:
    content, problems = load_content(CONTENT)
    assert problems == []
    whitepapers = [i for i in content.library.values() if i.type == "whitepapers"]
    assert len(whitepapers) >= 5
    for item in whitepapers:
        path = CONTENT / "library" / "whitepapers" / str(item.file)
        assert pdf_problems(path) == []
        reader = pypdf.PdfReader(path, strict=True)
        assert 4 <= len(reader.pages) <= 12, path
        assert reader.metadata.title == item.title
        assert item.title.split(":")[0] in reader.pages[0].extract_text().replace("\n", " ")
        assert path.stat().st_size < 200_000
        # A length the page promises ("Ten pages on ...") is the length of the PDF.
        claimed = re.match(r"(\w+) pages\b", item.summary)
        if claimed:
            assert NUMBERS[claimed.group(1).lower()] == len(reader.pages), path
    text = " ".join(
        page.extract_text()
        for page in pypdf.PdfReader(CONTENT / "library/whitepapers/sending-across-europe.pdf").pages
    )
    for word in ("Łódź", "Třeboň", "zł", "Kč", "€", "≥"):
        assert word in text  # characters outside Latin-1 print as written


@needs_font
def test_the_sample_pdfs_are_made_from_their_texts(tmp_path: Path) -> None:
    content, _ = load_content(CONTENT)
    item = content.library["whitepapers/deliverability-handbook"]
    text = (ROOT / SOURCES / "deliverability-handbook.txt").read_text(encoding="utf-8")
    url = "partners.copernica.com/library/whitepapers/deliverability-handbook/"
    data = sample_pdf(text, item.title, item.author or "", item.lang, url, item.date)
    assert data == (CONTENT / "library/whitepapers/deliverability-handbook.pdf").read_bytes()


def test_pdf_check_refuses_what_it_should(tmp_path: Path) -> None:
    good = write_pdf("x", blocks_from_text("text"))

    def catalog(extra: bytes) -> bytes:
        return good.replace(b"/Type /Catalog", b"/Type /Catalog " + extra)

    assert pdf_problems_of(tmp_path, good) == []
    cases = {
        b"<html></html>": "not a PDF file",
        good[:-20]: "the PDF is incomplete",
        catalog(b"/OpenAction << /S /Launch >>"): "an action that starts a program",
        catalog(b"/Names << /EmbeddedFiles 9 0 R >>"): "embedded files",
    }
    for data, message in cases.items():
        assert any(message in p for p in pdf_problems_of(tmp_path, data)), message


def pdf_problems_of(folder: Path, data: bytes) -> list[str]:
    path = folder / "x.pdf"
    path.write_bytes(data)
    return pdf_problems(path)
