"""Format readers: one file → one neutral Document, or a ReadError saying why not.

Dispatch is by content (magic bytes); the extension only tells CSV from other text and names a
mismatch. Guards (size, zip central directory, OLE2 streams) run before any parser. Whatever a
parser raises becomes ReadError("corrupt"), so one hostile file never stops the run.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import PurePath
from typing import TypeVar

from pipeline.errors import ReadError
from pipeline.limits import Limits
from pipeline.model import Document
from pipeline.readers.guards import check_size, ole_error, open_zip
from pipeline.readers.sniff import HEAD_BYTES, Sniffed, ooxml_format, sniff

TEXT_EXTENSIONS = {".csv", ".tsv"}
Reader = Callable[[str, str, Limits], Document]
T = TypeVar("T")


def read_file(path: str, rel: str, limits: Limits) -> Document:
    """Read `path` (shown to people as `rel`) within `limits`; ReadError for anything unreadable."""
    check_size(path, limits)
    with open(path, "rb") as fh:
        head = fh.read(HEAD_BYTES)
    ext = PurePath(rel or path).suffix.lower()
    fmt = detect_format(path, ext, sniff(head), limits)
    reader = _reader(fmt)
    doc = guarded(lambda: reader(path, rel, limits))
    named = ext.lstrip(".")
    if named and not _extension_fits(named, fmt):
        doc.warnings.append(f"phần mở rộng .{named} không khớp nội dung tệp ({fmt}); đã đọc theo nội dung")
    return _fix_legacy_text(doc)


def detect_format(path: str, ext: str, sniffed: Sniffed, limits: Limits) -> str:
    """docx | xlsx | pdf | csv, or ReadError (zip_bomb, encrypted, legacy_doc, wrong_type ...)."""
    if sniffed.kind == "zip":
        with open_zip(path, limits) as zf:
            return guarded(lambda: ooxml_format(zf))
    if sniffed.kind == "ole":
        raise ole_error(path)
    if sniffed.kind == "pdf":
        return "pdf"
    if sniffed.kind == "text" and ext in TEXT_EXTENSIONS:
        return "csv"
    named = f"named {ext}" if ext else "without an extension"
    raise ReadError("wrong_type", f"{named} but the content looks like {sniffed.what}")


def _reader(fmt: str) -> Reader:
    """The reader for a format, imported lazily (a broken reader costs its format only)."""
    if fmt == "docx":
        try:
            from pipeline.readers.docx import read_docx
        except ImportError as exc:
            raise ReadError("crashed", f"the DOCX reader is unavailable: {exc}") from exc
        return read_docx
    if fmt == "xlsx":
        from pipeline.readers.xlsx import read_xlsx

        return read_xlsx
    if fmt == "pdf":
        from pipeline.readers.pdf import read_pdf

        return read_pdf
    from pipeline.readers.csv_reader import read_csv

    return read_csv


def guarded(parse: Callable[[], T]) -> T:
    """Run a parser; anything but ReadError/MemoryError becomes ReadError("corrupt").

    pdfminer raises dozens of exception types (TypeError, KeyError, PSEOF ...), openpyxl raises
    TypeError on odd styles: all mean the file is not what its format promises.
    """
    try:
        return parse()
    except (ReadError, MemoryError):
        raise
    except zipfile.BadZipFile as exc:
        raise ReadError("corrupt", f"zip member unreadable: {exc}") from exc
    except Exception as exc:  # noqa: BLE001 — see docstring
        detail = f"{type(exc).__name__}: {exc}"
        cause = exc.__cause__ or exc.__context__
        if cause is not None:  # openpyxl wraps the XML error that says what is wrong
            detail += f" ({type(cause).__name__}: {cause})"
        raise ReadError("corrupt", _short(detail)) from exc


def _short(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


_FITTING_EXTENSIONS = {
    "docx": {"docx", "docm", "dotx", "dotm"},
    "xlsx": {"xlsx", "xlsm", "xltx", "xltm"},
    "pdf": {"pdf"},
    "csv": {"csv", "tsv"},
}


def _extension_fits(ext: str, fmt: str) -> bool:
    return ext in _FITTING_EXTENSIONS.get(fmt, set())


def _fix_legacy_text(doc: Document) -> Document:
    """Convert TCVN3/VNI legacy-font text to Unicode when pipeline.text.legacy is available."""
    try:
        from pipeline.text.legacy import fix_document
    except ModuleNotFoundError as exc:
        if exc.name != "pipeline.text.legacy":
            raise
        return doc  # legacy conversion not built yet: text passes through unchanged
    return fix_document(doc)
