"""The tiny PDF writer (placeholder and sample whitepapers) and the check whitepaper PDFs pass."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
from conftest import CONTENT

from partnermodel.pdf import pdf_problems
from partnermodel.pdfwriter import blocks_from_text, write_pdf

TEXT = "## Heading\nA paragraph about Bølgen and €.\n\n- one\n- two\n\n" + "Long text. " * 600


def test_written_pdf_opens_in_a_strict_reader_with_its_text_and_pages() -> None:
    data = write_pdf("A (title) \\ with specials", blocks_from_text(TEXT), author="Copernica")
    reader = pypdf.PdfReader(io.BytesIO(data), strict=True)
    assert len(reader.pages) >= 2  # long text flows onto more pages
    first = reader.pages[0].extract_text()
    assert "A (title) \\ with specials" in first and "Bølgen and €" in first
    assert reader.metadata.title == "A (title) \\ with specials"
    assert reader.metadata.author == "Copernica"
    again = write_pdf("A (title) \\ with specials", blocks_from_text(TEXT), author="Copernica")
    assert data == again  # deterministic: no dates, no random ids


def test_the_sample_whitepapers_are_real_pdfs(tmp_path: Path) -> None:
    pdfs = sorted((CONTENT / "library" / "whitepapers").glob("*.pdf"))
    assert pdfs
    for path in pdfs:
        assert pdf_problems(path) == []
        reader = pypdf.PdfReader(path, strict=True)
        assert reader.pages and reader.pages[0].extract_text().strip()
        assert path.stat().st_size < 50_000


def test_pdf_check_refuses_what_it_should(tmp_path: Path) -> None:
    good = write_pdf("x", blocks_from_text("text"))

    def catalog(extra: bytes) -> bytes:
        return good.replace(b"/Type /Catalog", b"/Type /Catalog " + extra)

    cases = {
        b"<html></html>": "not a PDF file",
        good[:-20]: "the PDF is incomplete",
        catalog(b"/OpenAction << /S /Launch >>"): "an action that starts a program",
        catalog(b"/Names << /EmbeddedFiles 9 0 R >>"): "embedded files",
    }
    for data, message in cases.items():
        path = tmp_path / "x.pdf"
        path.write_bytes(data)
        assert any(message in p for p in pdf_problems(path)), message
