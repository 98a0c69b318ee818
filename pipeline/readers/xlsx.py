"""XLSX → neutral document model, with openpyxl: one Table per worksheet.

Registers live in workbooks, with title rows, merged header cells and real date cells. Each sheet
(hidden ones too) becomes a grid of its used range, merged ranges filled with one shared Cell,
typed values kept on Cell.value and a display string in Cell.text, so extractors read dates and
numbers without guessing. Formulas come through as their cached values.

XML safety: openpyxl parses sheets with defusedxml (refused here if it is not active) and the other
parts with lxml without entity resolution; the merge scan below expands nothing.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import warnings
import zipfile
from collections.abc import Iterable
from typing import Any

import openpyxl
from lxml import etree
from openpyxl.utils.cell import range_boundaries

from pipeline.errors import ReadError
from pipeline.limits import Limits
from pipeline.model import Cell, Document, Table
from pipeline.readers.sniff import hardened_parser
from pipeline.text.fold import nfc

Range = tuple[int, int, int, int]  # min_row, min_col, max_row, max_col (1-based, inclusive)


def read_xlsx(path: str, rel: str, limits: Limits) -> Document:
    """Read every worksheet, streaming (openpyxl read_only mode) whatever the file's size.

    Full mode walks the whole declared range: one formatted empty cell at XFD1048576 makes it
    build billions of cells. Streaming sees only the cells present; merged ranges, which
    read_only worksheets do not expose, come from the sheet XML (sheet_merges).
    """
    if not openpyxl.DEFUSEDXML:
        raise ReadError("crashed", "defusedxml is not active in openpyxl; refusing unhardened XML")
    doc = Document(path=rel, format="xlsx")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "extension is not supported" and similar noise
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            merges = sheet_merges(path)
            for ws in wb.worksheets:
                ws.reset_dimensions()  # declared dimensions are often wrong; trust the rows
                table = sheet_table(ws.iter_rows(), merges.get(ws.title, []), ws.title)
                if table is not None:
                    table.index = len(doc.blocks) + 1
                    doc.blocks.append(table)
        finally:
            wb.close()
    return doc


def sheet_table(rows: Iterable[Iterable[Any]], merges: list[Range], title: str) -> Table | None:
    """openpyxl cells → a Table of the used range (None for an empty sheet).

    Rows above the first used row are dropped (first_row keeps the numbering); columns always
    start at A so column letters in locations stay true; trailing empty rows/columns are trimmed.
    """
    by_row: dict[int, list[Cell | None]] = {}
    shared: dict[tuple[type, Any, str], tuple[Any, str]] = {}  # registers repeat values: share them
    for row in rows:
        for xl in row:
            raw = getattr(xl, "value", None)
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                continue
            fmt = xl.number_format or ""
            key = (type(raw), raw, fmt)  # True == 1 == 1.0, yet each displays differently
            if key not in shared:
                value = typed_value(raw)
                shared[key] = (value, display_text(value, fmt))
            value, text = shared[key]
            line = by_row.setdefault(xl.row, [])
            if len(line) < xl.column:
                line.extend([None] * (xl.column - len(line)))
            line[xl.column - 1] = Cell(text=text, row=0, col=0, value=value, number_format=fmt)
    if not by_row:
        return None
    first, last = min(by_row), max(by_row)
    width = max(len(line) for line in by_row.values())
    grid: list[list[Cell | None]] = []
    for r in range(last - first + 1):
        line = by_row.pop(first + r, [])
        line.extend([None] * (width - len(line)))
        for c, cell in enumerate(line):
            if cell is not None:
                cell.row, cell.col = r, c
        grid.append(line)
    for min_row, min_col, max_row, max_col in merges:
        _fill_merge(grid, first, (min_row, min_col, min(max_row, last), min(max_col, width)))
    cells = [
        [slot if slot is not None else Cell(text="", row=r, col=c) for c, slot in enumerate(line)]
        for r, line in enumerate(grid)
    ]
    return Table(rows=cells, sheet=title, first_row=first)


def _fill_merge(grid: list[list[Cell | None]], first: int, rng: Range) -> None:
    """Every slot of a merged range shares the top-left Cell (clipped to the used range)."""
    min_row, min_col, max_row, max_col = rng
    r0, r1, c0, c1 = max(min_row, first) - first, max_row - first, min_col - 1, max_col - 1
    if r1 < r0 or c1 < c0 or r0 != min_row - first:
        return  # range outside the used rows, or its top-left lies above them
    cell = grid[r0][c0] or Cell(text="", row=r0, col=c0)
    cell.rowspan, cell.colspan = r1 - r0 + 1, c1 - c0 + 1
    for r in range(r0, r1 + 1):
        for c in range(c0, c1 + 1):
            grid[r][c] = cell


def typed_value(value: Any) -> Any:
    """Spreadsheet value as extractors want it: midnight datetimes become dates, text NFC."""
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    if isinstance(value, str):
        return nfc(value).strip()
    return value


def display_text(value: Any, number_format: str) -> str:
    """What a person sees in the cell, Vietnamese style: dates dd/mm/yyyy, integers without .0."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        fmt = "%d/%m/%Y %H:%M:%S" if value.second else "%d/%m/%Y %H:%M"
        return value.strftime(fmt)
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, float):
        if "%" in number_format:
            return f"{value * 100:.12g}%"
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else f"{value:.15g}"
    return str(value)


# --- merged ranges for read_only worksheets (openpyxl does not expose them there) ----------------

_MERGE_CELL = re.compile(
    rb"<(?:[\w.-]+:)?mergeCell\s[^>]*?\bref\s*=\s*[\"']([A-Za-z]{1,3}[0-9]+(?::[A-Za-z]{1,3}[0-9]+)?)[\"']"
)
_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_OFFICE_DOC = "/officeDocument"  # suffix of the root relationship type of the main part


def sheet_merges(path: str) -> dict[str, list[Range]]:
    """Sheet name → merged ranges (1-based, inclusive) from each sheet's XML."""
    out: dict[str, list[Range]] = {}
    with zipfile.ZipFile(path) as zf:
        for name, part in _sheet_parts(zf).items():
            if part in zf.namelist():
                out[name] = _merges_in(zf, part)
    return out


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → zip member of its XML, following the package relationships."""
    book = next((t for typ, t in _rels(zf, "_rels/.rels").items() if typ.endswith(_OFFICE_DOC)), "xl/workbook.xml")
    book_dir = posixpath.dirname(book)
    targets = _rel_targets(zf, posixpath.join(book_dir, "_rels", posixpath.basename(book) + ".rels"))
    root = etree.fromstring(zf.read(book), hardened_parser())
    parts: dict[str, str] = {}
    for sheet in root.iter("{*}sheet"):
        target = targets.get(sheet.get(_REL_NS) or "")
        if target:
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(book_dir, target)
            parts[sheet.get("name") or ""] = posixpath.normpath(path)
    return parts


def _rels(zf: zipfile.ZipFile, member: str) -> dict[str, str]:
    """Relationship type → target of a .rels part (empty when absent)."""
    if member not in zf.namelist():
        return {}
    root = etree.fromstring(zf.read(member), hardened_parser())
    return {el.get("Type") or "": (el.get("Target") or "").lstrip("/") for el in root}


def _rel_targets(zf: zipfile.ZipFile, member: str) -> dict[str, str]:
    """Relationship id → target of a .rels part (empty when absent)."""
    if member not in zf.namelist():
        return {}
    root = etree.fromstring(zf.read(member), hardened_parser())
    return {el.get("Id") or "": el.get("Target") or "" for el in root}


def _merges_in(zf: zipfile.ZipFile, member: str) -> list[Range]:
    """Scan the sheet XML for <mergeCell ref="…"/> without building a tree.

    A tree parse of a 100,000-row sheet costs seconds only to reach the few merge elements after
    <sheetData>; a byte scan costs a fraction and, expanding no entities, is as safe as the
    hardened parser.
    """
    ranges: list[Range] = []
    tail = b""
    with zf.open(member) as fh:
        while chunk := fh.read(1 << 20):
            buf = tail + chunk
            end = 0
            for match in _MERGE_CELL.finditer(buf):
                min_col, min_row, max_col, max_row = range_boundaries(match.group(1).decode("ascii"))
                ranges.append((min_row, min_col, max_row, max_col))
                end = match.end()
            tail = buf[max(end, len(buf) - 512) :]  # an element cut by the chunk boundary
    return ranges
