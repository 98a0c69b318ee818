"""Builders of hostile and broken input files, made by real tools wherever possible.

Each `make_xxx(path) -> Path` writes one file at `path` (any parent folders must exist) and
returns it. Reused by the reader tests and by end-to-end tests; the reason each file must get
is in its docstring. Builders marked "needs LibreOffice" raise RuntimeError without soffice.
"""

from __future__ import annotations

import io
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import msoffcrypto.format.ooxml
import olefile
from docx import Document as DocxDocument
from PIL import Image, ImageDraw

from tools.office import convert

PASSWORD = "matkhau-2026"
_LO_PDF_PASSWORD_FILTER = (
    'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
    '"DocumentOpenPassword":{"type":"string","value":"%s"}}'
)


def make_docx(path: Path) -> Path:
    """A small, valid DOCX (python-docx) with Vietnamese text and a table; the base of others."""
    doc = DocxDocument()
    doc.add_heading("PHIẾU YÊU CẦU HÀNH ĐỘNG KHẮC PHỤC/CẢI TIẾN", 1)
    doc.add_paragraph("Mã hiệu: BM.CTCL.01")
    for i in range(40):  # enough body that cutting the file in half loses the central directory
        doc.add_paragraph(f"Nội dung yêu cầu số {i}: kiểm tra hồ sơ lưu trữ của Văn phòng.")
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Số phiếu", "05/2026"
    table.cell(1, 0).text, table.cell(1, 1).text = "Đơn vị", "Văn phòng"
    doc.save(str(path))
    return Path(path)


def make_truncated_docx(path: Path) -> Path:
    """A real DOCX cut in half (an interrupted copy) → "truncated"."""
    whole = make_docx(path).read_bytes()
    Path(path).write_bytes(whole[: len(whole) // 2])
    return Path(path)


def make_encrypted_docx(path: Path) -> Path:
    """A real DOCX password-protected by msoffcrypto-tool (Agile encryption, OLE2) → "encrypted"."""
    plain = io.BytesIO(make_docx(path).read_bytes())
    with open(path, "wb") as out:
        msoffcrypto.format.ooxml.OOXMLFile(plain).encrypt(PASSWORD, out)
    return Path(path)


def make_legacy_doc(path: Path) -> Path:
    """A Word 97-2003 .doc written by LibreOffice → "legacy_doc". Needs LibreOffice."""
    return _convert_to(make_docx, path, "doc")


def make_encrypted_doc(path: Path) -> Path:
    """A LibreOffice .doc whose FIB says fEncrypted (the flag Word sets with a password) → "encrypted".

    LibreOffice cannot write a password-protected .doc headless, so the one flag bit is set on a
    real file; readers must look at the flag, not guess from the content. Needs LibreOffice.
    """
    make_legacy_doc(path)
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        fib = bytearray(ole.openstream("WordDocument").read())
        fib[11] |= 0x01  # bit 0x0100 of the little-endian flags at offset 10
        ole.write_stream("WordDocument", bytes(fib))
    return Path(path)


def make_legacy_xls(path: Path) -> Path:
    """An Excel 97-2003 .xls written by LibreOffice → "legacy_xls". Needs LibreOffice."""
    import openpyxl

    def make_xlsx(target: Path) -> Path:
        wb = openpyxl.Workbook()
        wb.active.append(["Số phiếu", "Ngày lập", "Đơn vị"])
        wb.active.append(["01/2026", "05/01/2026", "Văn phòng"])
        wb.save(str(target))
        return target

    return _convert_to(make_xlsx, path, "xls")


def make_zip_bomb(path: Path, megabytes: int = 300) -> Path:
    """A DOCX-looking zip (valid document.xml) plus a member inflating to `megabytes` of zeros.

    Streamed into the zip chunk by chunk, so the builder never holds it in memory; on disk it is
    about 1/1000 of the declared size → "zip_bomb" (declared size and compression ratio).
    """
    zeros = bytes(1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        _write_minimal_docx_parts(zf)
        with zf.open("word/media/image1.bin", "w", force_zip64=True) as member:
            for _ in range(megabytes):
                member.write(zeros)
    return Path(path)


def make_zip_with_entries(path: Path, entries: int = 10_001) -> Path:
    """A DOCX-looking zip with `entries` tiny members (default one over the 10,000 limit)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        _write_minimal_docx_parts(zf)
        for i in range(max(0, entries - 3)):
            zf.writestr(f"customXml/item{i}.xml", "<a/>")
    return Path(path)


def make_plain_zip_as_docx(path: Path) -> Path:
    """An ordinary zip archive of text files named .docx → "wrong_type"."""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "Không phải tài liệu Word")
    return Path(path)


def make_text_as_docx(path: Path) -> Path:
    """Plain text saved with a .docx name → "wrong_type"."""
    Path(path).write_text("Số phiếu: 05/2026\nĐây là tệp văn bản thuần.\n", encoding="utf-8")
    return Path(path)


def make_broken_xlsx(path: Path) -> Path:
    """A zip that declares a workbook whose XML is garbage → "corrupt" (the parser's error, wrapped)."""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES_XLSX)
        zf.writestr("_rels/.rels", _ROOT_RELS.replace("word/document.xml", "xl/workbook.xml"))
        zf.writestr("xl/workbook.xml", "<workbook><sheets><sheet name=")  # cut mid-tag
    return Path(path)


def make_entity_xlsx(path: Path) -> Path:
    """A real openpyxl workbook whose sheet XML declares nested entities ("billion laughs")

    → "corrupt": XML is parsed without entity expansion, so the file is refused, not inflated.
    """
    import openpyxl

    plain = Path(path).with_suffix(".plain.xlsx")
    wb = openpyxl.Workbook()
    wb.active["A1"], wb.active["A2"] = "PLACEHOLDER", "Văn phòng"
    wb.save(str(plain))
    dtd = (
        '<!DOCTYPE worksheet [<!ENTITY a "AAAAAAAAAA">'
        + "".join(f'<!ENTITY {n} "{("&" + p + ";") * 10}">' for p, n in zip("abcdefg", "bcdefgh", strict=True))
        + "]>"
    )
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = (dtd + data.decode().replace("PLACEHOLDER", "&h;")).encode()
            zout.writestr(info, data)
    plain.unlink()
    return Path(path)


def make_html_as_pdf(path: Path) -> Path:
    """An HTML error page saved with a .pdf name (a failed download) → "wrong_type"."""
    Path(path).write_text(
        "<!DOCTYPE html>\n<html><head><title>404 Không tìm thấy</title></head>"
        "<body><h1>Không tìm thấy tệp</h1></body></html>\n",
        encoding="utf-8",
    )
    return Path(path)


def make_scanned_pdf(path: Path, pages: int = 2) -> Path:
    """Page images saved as PDF by Pillow — pixels only, no text layer → "no_text_layer"."""
    images = []
    for n in range(pages):
        img = Image.new("RGB", (1240, 1754), "white")
        draw = ImageDraw.Draw(img)
        draw.text((120, 120), f"PHIEU YEU CAU - scanned page {n + 1}", fill="black")
        draw.rectangle((120, 200, 1100, 600), outline="black", width=3)
        images.append(img)
    images[0].save(path, "PDF", resolution=150.0, save_all=True, append_images=images[1:])
    return Path(path)


def make_encrypted_pdf(path: Path) -> Path:
    """A PDF exported by LibreOffice with an open password → "encrypted". Needs LibreOffice."""
    return _convert_to(make_docx, path, _LO_PDF_PASSWORD_FILTER % PASSWORD)


def make_many_pages_pdf(path: Path, pages: int = 201) -> Path:
    """A valid text PDF with `pages` pages (default one over the 200 limit) → "too_many_pages"."""
    objects = [
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        _stream(b"BT /F1 12 Tf 72 760 Td (Trang) Tj ET"),
    ]
    return _write_pdf(path, objects, pages, contents=2, resources=b"<< /Font << /F1 1 0 R >> >>")


def make_truncated_pdf(path: Path) -> Path:
    """A valid 3-page text PDF cut in half (an interrupted copy) → "truncated"."""
    whole = make_many_pages_pdf(path, pages=3).read_bytes()
    Path(path).write_bytes(whole[: len(whole) // 2])
    return Path(path)


def make_hang_pdf(path: Path, operators: int = 1_000_000, pages: int = 200) -> Path:
    """A PDF that is tiny on disk but takes hours to parse (the worker pool's timeout must stop it).

    One content stream deflated ~1000:1 holds `operators` no-op matrix operators (no layout
    objects, so memory stays flat); every page draws that same stream. pdfminer interprets about
    20,000 operators a second, so each page costs close to a minute, all pages hours.
    """
    body = b"1 0 0 1 0 0 cm\n" * operators
    return _write_pdf(path, [_stream(body)], pages, contents=1, resources=b"<< >>")


def make_empty(path: Path) -> Path:
    """A zero-byte file → "empty"."""
    Path(path).write_bytes(b"")
    return Path(path)


# --- helpers ---------------------------------------------------------------------------------------

_CONTENT_TYPES_DOCX = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_CONTENT_TYPES_XLSX = _CONTENT_TYPES_DOCX.replace("/word/document.xml", "/xl/workbook.xml").replace(
    "wordprocessingml.document.main", "spreadsheetml.sheet.main"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
_DOCUMENT_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>Phiếu yêu cầu</w:t></w:r></w:p></w:body></w:document>"
)


def _write_minimal_docx_parts(zf: zipfile.ZipFile) -> None:
    zf.writestr("[Content_Types].xml", _CONTENT_TYPES_DOCX)
    zf.writestr("_rels/.rels", _ROOT_RELS)
    zf.writestr("word/document.xml", _DOCUMENT_XML)


def _convert_to(make_source: Callable[[Path], Path], path: Path, fmt: str) -> Path:
    """Build a source file with `make_source`, convert it with LibreOffice, move the result to path."""
    path = Path(path)
    with tempfile.TemporaryDirectory(prefix="hostile-") as tmp:
        ext = ".xlsx" if fmt.startswith("xls") else ".docx"
        src = make_source(Path(tmp) / f"source{ext}")
        produced = convert(src, fmt, Path(tmp) / "out")
        shutil.move(str(produced), str(path))
    return path


def _stream(data: bytes) -> bytes:
    packed = zlib.compress(data, 9)
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(packed), packed)


def _write_pdf(path: Path, shared: list[bytes], pages: int, contents: int, resources: bytes) -> Path:
    """Write a PDF by hand: `shared` objects (numbered from 1), then the page tree and `pages` pages.

    Every page uses object `contents` as its content stream, so many pages cost no disk space.
    """
    first_page = len(shared) + 3  # after the shared objects, the catalog and the page tree
    catalog, tree = len(shared) + 1, len(shared) + 2
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
    objects = [
        *shared,
        b"<< /Type /Catalog /Pages %d 0 R >>" % tree,
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
    ]
    page = b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources %s >>"
    objects += [page % (tree, contents, resources)] * pages
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    Path(path).write_bytes(bytes(out))
    return Path(path)
