"""XLSX → neutral document model: one Table per worksheet, streamed from the sheet XML.

Registers live in workbooks, with title rows, merged header cells and real date cells. Each sheet
(hidden ones too) becomes a grid of its used range (pipeline.sheet.SheetRows: display texts, typed
values — dates, numbers — on the side, Cells made only for the rows looked at), merged ranges
sharing one Cell, so extractors read dates and numbers without guessing. Formulas come through
as their cached values (none cached: empty).

Why not openpyxl: a 100,000-row register took one to four minutes and 0.6–1.3 GB through it even
in read-only mode (13 s and 280 MB here). Each sheet's XML is streamed once (xlsx_parts.iter_part:
DOCTYPE refused, rows cleared as they are read): only the cells present are seen, so one formatted
cell at XFD1048576 costs nothing; numbers in date-formatted cells (styles.xml) become dates, in the
workbook's 1900 or 1904 date system; merged ranges are collected in the same pass. Values repeat
in registers, so each distinct (type, raw value, style) is typed and displayed once.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from typing import Any

from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.datetime import from_excel, from_ISO8601

from pipeline.errors import ReadError
from pipeline.limits import Limits
from pipeline.model import Document, Table
from pipeline.readers.xlsx_parts import Workbook, iter_part, load_workbook, rich_text
from pipeline.sheet import SheetRows, slot_key
from pipeline.text.fold import nfc

Range = tuple[int, int, int, int]  # min_row, min_col, max_row, max_col (1-based, inclusive)
_DIGITS = "0123456789"
_CACHE_LIMIT = 50_000


def read_xlsx(path: str, rel: str, limits: Limits) -> Document:
    """Read every worksheet in workbook order; empty sheets are skipped."""
    doc = Document(path=rel, format="xlsx")
    with zipfile.ZipFile(path) as zf:
        book = load_workbook(zf)
        members = set(zf.namelist())
        for title, member in book.sheets:
            if member not in members:
                raise ReadError("corrupt", f"sheet {title!r}: part {member} missing")
            table = _SheetReader(book).read(zf, member, title)
            if table is not None:
                table.index = len(doc.blocks) + 1
                doc.blocks.append(table)
    return doc


def sheet_merges(path: str) -> dict[str, list[Range]]:
    """Sheet name → merged ranges (1-based, inclusive) from each sheet's XML."""
    with zipfile.ZipFile(path) as zf:
        book = load_workbook(zf)
        out: dict[str, list[Range]] = {}
        for title, member in book.sheets:
            ranges = out.setdefault(title, [])
            for el in iter_part(zf, member, ("mergeCell",)):
                ranges.extend(_merge_range(el.get("ref")))
                el.clear()
    return out


class _SheetReader:
    """One pass over a sheet's XML: cells by row, merged ranges; then the grid."""

    def __init__(self, book: Workbook) -> None:
        self.book = book
        # (t, raw, s) → (text, (value, format) or None for text): each distinct cell typed once
        self.typed: dict[tuple[str, str, str | None], tuple[str, tuple[Any, str] | None]] = {}
        self.columns: dict[str, int] = {}  # "AB" → 27

    def read(self, zf: zipfile.ZipFile, member: str, title: str) -> Table | None:
        by_row: dict[int, list[str]] = {}
        typed: dict[int, tuple[Any, str]] = {}  # slot_key(sheet row, 0-based col) → non-text value, format
        merges: list[Range] = []
        row_number = 0
        for el in iter_part(zf, member, ("row", "mergeCell")):
            if el.tag[-1] == "w":  # row
                ref = el.get("r")
                row_number = int(ref) if ref and ref.isdigit() else row_number + 1
                line = self._row(el, row_number, typed)
                if line:
                    by_row[row_number] = line
                el.clear()  # an emptied <row> stays in the tree: ~100 bytes a row
            else:
                merges.extend(_merge_range(el.get("ref")))
        return _grid(by_row, typed, merges, title)

    def _row(self, row: Any, row_number: int, typed_out: dict[int, tuple[Any, str]]) -> list[str]:
        """The texts of one <row> (typed values into `typed_out`): the hot loop of a big register."""
        namespace = row.tag[: -len("row")]
        cell_tag, value_tag = namespace + "c", namespace + "v"
        typed, line = self.typed, []
        base = slot_key(row_number, 0)
        col = 0
        for c in row:
            if c.tag != cell_tag:
                continue
            ref = c.get("r")
            col = self._column(ref) if ref else col + 1
            kind = c.get("t") or "n"
            raw = _inline_text(c, namespace) if kind == "inlineStr" else c.findtext(value_tag)
            if not raw:
                continue  # no cached value (an uncalculated formula) or nothing at all
            key = (kind, raw, c.get("s"))
            hit = typed.get(key)
            if hit is None:
                if len(typed) >= _CACHE_LIMIT:  # unique values (row numbers) would only fill it
                    typed.clear()
                value, text, fmt = self._typed(kind, raw, int(key[2] or 0))
                hit = typed[key] = (text, None if value is None or isinstance(value, str) else (value, fmt))
            text, pair = hit
            if not text and pair is None:
                continue
            if len(line) < col:
                line.extend([""] * (col - len(line)))
            line[col - 1] = text
            if pair is not None:  # a date, number or boolean: kept beside the text (shared pair)
                typed_out[base | (col - 1)] = pair
        return line

    def _column(self, ref: str) -> int:
        letters = ref.rstrip(_DIGITS)
        col = self.columns.get(letters)
        if col is None:
            col = 0
            for ch in letters.upper():
                col = col * 26 + ord(ch) - 64
            if not 1 <= col <= 16384:
                raise ReadError("corrupt", f"cell reference {ref!r} out of range")
            self.columns[letters] = col
        return col

    def _typed(self, kind: str, raw: str, style_index: int) -> tuple[Any, str, str]:
        style = self.book.style(style_index)
        if kind == "s":
            try:
                value: Any = self.book.strings[int(raw)]
            except (ValueError, IndexError):
                raise ReadError("corrupt", f"shared string {raw!r} does not exist") from None
        elif kind in ("inlineStr", "str", "e"):
            value = raw
        elif kind == "b":
            value = raw.strip() not in ("0", "false", "")
        elif kind == "d":
            value = _iso_date(raw)
        else:
            value = _number(raw, style, self.book.epoch)
        value = typed_value(value)
        if isinstance(value, str) and not value:
            return None, "", style.number_format
        return value, display_text(value, style.number_format), style.number_format


def _inline_text(c: Any, namespace: str) -> str:
    inline = c.find(namespace + "is")
    return rich_text(inline) if inline is not None else ""


def _number(raw: str, style: Any, epoch: Any) -> Any:
    try:
        number: float | int = float(raw) if any(ch in raw for ch in ".eE") else int(raw)
    except ValueError:
        raise ReadError("corrupt", f"number cell holds {raw[:40]!r}") from None
    if style.is_date:
        try:
            return from_excel(number, epoch, timedelta=style.is_timedelta)
        except (OverflowError, ValueError):
            return "#VALUE!"  # a serial outside the calendar, as Excel shows it
    return number


def _iso_date(raw: str) -> Any:
    try:
        return from_ISO8601(raw)
    except ValueError:
        return raw


def _merge_range(ref: str | None) -> list[Range]:
    try:
        min_col, min_row, max_col, max_row = range_boundaries(ref or "")
    except (ValueError, TypeError):
        return []  # a malformed merge is ignored, the cells still read
    if None in (min_col, min_row, max_col, max_row):
        return []
    return [(min_row, min_col, max_row, max_col)]


def _grid(by_row: dict[int, list[str]], typed: dict[int, tuple[Any, str]], merges: list[Range],
          title: str) -> Table | None:
    """Texts by sheet row → a Table of the used range (None for an empty sheet).

    Rows above the first used row are dropped (first_row keeps the numbering); columns always
    start at A so column letters in locations stay true; trailing empty rows/columns are trimmed.
    """
    if not by_row:
        return None
    first, last = min(by_row), max(by_row)
    width = max(len(line) for line in by_row.values())
    empty: list[str] = []
    grid = [by_row.pop(first + r, empty) for r in range(last - first + 1)]
    for r, line in enumerate(grid):
        if len(line) != width:
            grid[r] = line = line + [""] * (width - len(line))
    ranges = [rng for m in merges if (rng := _clip_merge(m, first, last, width)) is not None]
    rows = SheetRows(grid, typed, ranges, typed_first_row=first)  # typed keys keep their sheet rows
    return Table(rows=rows, sheet=title, first_row=first)  # type: ignore[arg-type]


def _clip_merge(rng: Range, first: int, last: int, width: int) -> Range | None:
    """A merged range (1-based sheet coordinates) as 0-based grid slots, clipped to the used range;
    None when it lies outside the used rows or its top-left lies above them."""
    min_row, min_col, max_row, max_col = rng
    r0, r1, c0, c1 = min_row - first, min(max_row, last) - first, min_col - 1, min(max_col, width) - 1
    if r0 < 0 or r1 < r0 or c1 < c0:
        return None
    return (r0, c0, r1, c1)


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
