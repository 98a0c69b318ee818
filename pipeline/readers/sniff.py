"""What a file really is, from its first bytes — never from its name.

People rename files, save web pages as ".pdf" and mail spreadsheets as ".docx". The dispatcher
reads by content and uses these descriptions to tell people what a mismatched file looks like.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from lxml import etree

from pipeline.errors import ReadError

HEAD_BYTES = 4096  # how much of the file the sniffer looks at
PDF_MAGIC = b"%PDF-"
PDF_JUNK_ALLOWED = 1024  # some producers put junk before %PDF; viewers accept it within 1 KB
ZIP_MAGIC = b"PK"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_BINARY_MAGICS: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", "a BMP image"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"{\\rtf", "an RTF document"),
    (b"\x7fELF", "an executable program"),
    (b"MZ", "a Windows executable"),
]
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Sniffed:
    """kind: zip | ole | pdf | html | xml | text | binary; what: a human description (English)."""

    kind: str
    what: str


def sniff(head: bytes) -> Sniffed:
    """Classify a file by its first bytes (`head`, up to HEAD_BYTES)."""
    if head.startswith(ZIP_MAGIC) and head[2:4] in (b"\x03\x04", b"\x05\x06", b"\x07\x08"):
        return Sniffed("zip", "a ZIP container")
    if head.startswith(OLE_MAGIC):
        return Sniffed("ole", "an OLE2 compound file (legacy Office)")
    if PDF_MAGIC in head[: PDF_JUNK_ALLOWED + len(PDF_MAGIC)]:
        return Sniffed("pdf", "a PDF document")
    for magic, what in _BINARY_MAGICS:
        if head.startswith(magic):
            return Sniffed("binary", what)
    text = _as_text(head)
    if text is None:
        return Sniffed("binary", "binary data")
    start = text.lstrip("\ufeff \t\r\n").lower()
    if start.startswith(("<!doctype html", "<html", "<head", "<body")) or "<html" in start[:1024]:
        return Sniffed("html", "an HTML page")
    if start.startswith("<?xml"):
        return Sniffed("xml", "an XML file")
    if start.startswith("{\\rtf"):
        return Sniffed("binary", "an RTF document")
    return Sniffed("text", "plain text")


def _as_text(head: bytes) -> str | None:
    """Decode the head as text if it plausibly is text (UTF-8/16, or a single-byte code page)."""
    if head.startswith(_UTF16_BOMS) or utf16_byte_order(head):
        return head.decode("utf-16", errors="replace")
    if b"\x00" in head:
        return None
    text = head.removeprefix(_UTF8_BOM).decode("utf-8", errors="ignore") or head.decode("latin-1")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\f")
    return None if controls > max(2, len(text) // 100) else text


def utf16_byte_order(data: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when BOM-less text shows the UTF-16 NUL pattern, else None.

    ASCII-heavy UTF-16 has a NUL in every other byte: odd positions for LE, even for BE.
    """
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    odd = sum(1 for i in range(1, 2 * pairs, 2) if sample[i] == 0)
    even = sum(1 for i in range(0, 2 * pairs, 2) if sample[i] == 0)
    if odd >= pairs * 0.3 and even <= pairs * 0.05:
        return "utf-16-le"
    if even >= pairs * 0.3 and odd <= pairs * 0.05:
        return "utf-16-be"
    return None


# --- OOXML: which Office application a zip belongs to ------------------------------------------

_CONTENT_TYPES = "[Content_Types].xml"
_MAX_CONTENT_TYPES_BYTES = 4 * 1024 * 1024
_MAIN_TYPES: list[tuple[str, str]] = [  # substring of the main part's content type -> format
    ("sheet.binary", "xlsb"),
    ("wordprocessingml", "docx"),
    ("ms-word.", "docx"),
    ("spreadsheetml", "xlsx"),
    ("ms-excel.", "xlsx"),
    ("presentationml", "pptx"),
    ("ms-powerpoint.", "pptx"),
]
_OTHER_ZIPS = {
    "xlsb": "an Excel binary workbook (.xlsb)",
    "pptx": "a PowerPoint presentation",
}


def hardened_parser() -> etree.XMLParser:
    """An lxml parser that resolves no entities, loads no DTD and touches no network (SPEC §9)."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def ooxml_format(zf: zipfile.ZipFile) -> str:
    """'docx' or 'xlsx' for an Office Open XML package; ReadError("wrong_type") for other zips.

    Call only after the zip guard: this opens one small member ([Content_Types].xml).
    """
    names = set(zf.namelist())
    fmt = _format_from_content_types(zf) if _CONTENT_TYPES in names else None
    if fmt is None:
        if "word/document.xml" in names:
            fmt = "docx"
        elif "xl/workbook.xml" in names:
            fmt = "xlsx"
        elif "mimetype" in names:
            raise ReadError("wrong_type", "an OpenDocument (LibreOffice) file, not DOCX/XLSX")
        else:
            raise ReadError("wrong_type", "a ZIP archive, not an Office document")
    if fmt in _OTHER_ZIPS:
        raise ReadError("wrong_type", _OTHER_ZIPS[fmt])
    return fmt


def _format_from_content_types(zf: zipfile.ZipFile) -> str | None:
    info = zf.getinfo(_CONTENT_TYPES)
    if info.file_size > _MAX_CONTENT_TYPES_BYTES:
        raise ReadError("corrupt", f"{_CONTENT_TYPES} is {info.file_size} bytes")
    root = etree.fromstring(zf.read(info), hardened_parser())
    for el in root:
        ctype = (el.get("ContentType") or "").lower()
        if ".main+xml" in ctype or ctype.endswith(".main"):
            for marker, fmt in _MAIN_TYPES:
                if marker in ctype:
                    return fmt
    return None
