"""The 100,000-row CAPA log (Sổ theo dõi HĐKP) as XLSX and CSV, in the sample inbox's layout.

openpyxl needs about a minute to write 100,000 styled rows, so the workbook is made the fast
way: the project's register writer (tools/samples/form_registers.write_xlsx) writes the layout
with one data row — title rows, merged title cells, header, styles, the dd/mm/yyyy date format —
and the rows are then written straight into that sheet's XML, with shared strings as Excel does.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from bench.zipcopy import ZipTemplate
from tools.samples import ISO_SECRETARY
from tools.samples.form_registers import Sheet, write_csv, write_xlsx
from tools.samples.form_scenario_registers import LOG_HEADER, LOG_TITLE, LOG_WIDTHS, _log_row

SHEET = "Sổ HĐKP"
SHEET_PART = "xl/worksheets/sheet1.xml"
STRINGS_PART = "xl/sharedStrings.xml"
TYPES_PART = "[Content_Types].xml"
BOOK_RELS_PART = "xl/_rels/workbook.xml.rels"
EXCEL_EPOCH = dt.date(1899, 12, 30)
_LAST_ROW = re.compile(rb"<row [^>]*>(?:(?!<row ).)*</row>\s*</sheetData>", re.S)
_CELL_STYLE = re.compile(rb'<c r="([A-Z]+)\d+" s="(\d+)"')


def log_row(values: dict[str, Any], index: int) -> list[Any]:
    """One row of the log for a request's values (the same columns as the sample log)."""
    return [index, *_log_row(values)]


def write_log_csv(path: Path, rows: list[list[Any]]) -> None:
    write_csv(path, f"{LOG_TITLE[1]} - {LOG_TITLE[0]}", LOG_HEADER, rows)


def write_log_xlsx(path: Path, rows: list[list[Any]]) -> None:
    """The workbook: layout by write_xlsx, then every row written into the sheet XML."""
    with tempfile.TemporaryDirectory(prefix="bench-xlsx-") as tmp:
        template_path = Path(tmp) / "template.xlsx"
        sample = _template_row(rows)
        write_xlsx(template_path, [Sheet(SHEET, LOG_TITLE, LOG_HEADER, [sample], LOG_WIDTHS)],
                   creator=ISO_SECRETARY, when=dt.date(2026, 11, 16))
        template = ZipTemplate(template_path)
    sheet = template.texts[SHEET_PART]
    last = _LAST_ROW.search(sheet)
    if last is None:
        raise RuntimeError("the template sheet has no data row")
    date_style, text_style = _styles(last.group(0), sample)
    strings = _SharedStrings()
    first = int(re.match(rb'<row r="(\d+)"', last.group(0)).group(1))  # the template's data row
    body = "".join(_row_xml(first + i, row, strings, date_style, text_style) for i, row in enumerate(rows))
    end = first + len(rows) - 1
    sheet = sheet[: last.start()] + body.encode() + b"</sheetData>" + sheet[last.end():]
    sheet = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="A1:S{end}"'.encode(), sheet, count=1)
    template.write(path, {SHEET_PART: sheet, STRINGS_PART: strings.xml(), **_declare_strings(template)})


def _template_row(rows: list[list[Any]]) -> list[Any]:
    """A row with a date in every date column and text elsewhere, to learn both cell styles."""
    return [next((r[c] for r in rows if r[c] not in (None, "")), "x") for c in range(len(LOG_HEADER))]


def _styles(row_xml: bytes, sample: list[Any]) -> tuple[str, str]:
    styles = {_column_index(col.decode()): s.decode() for col, s in _CELL_STYLE.findall(row_xml)}
    date = next(styles[c] for c, v in enumerate(sample) if isinstance(v, dt.date) and c in styles)
    text = next(styles[c] for c, v in enumerate(sample) if isinstance(v, str) and c in styles)
    return date, text


def _column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


_LETTERS = [chr(65 + c) for c in range(26)]


def _row_xml(r: int, row: list[Any], strings: _SharedStrings, date_style: str, text_style: str) -> str:
    cells = []
    for c, value in enumerate(row):
        ref = f"{_LETTERS[c]}{r}"
        if value in (None, ""):
            cells.append(f'<c r="{ref}" s="{text_style}"/>')
        elif isinstance(value, dt.date):
            cells.append(f'<c r="{ref}" s="{date_style}"><v>{(value - EXCEL_EPOCH).days}</v></c>')
        elif isinstance(value, int):
            cells.append(f'<c r="{ref}" s="{text_style}" t="n"><v>{value}</v></c>')
        else:
            cells.append(f'<c r="{ref}" s="{text_style}" t="s"><v>{strings.index(str(value))}</v></c>')
    return f'<row r="{r}">{"".join(cells)}</row>'


def _declare_strings(template: ZipTemplate) -> dict[str, bytes]:
    """openpyxl writes inline strings; Excel a shared-strings part, declared in two places."""
    types = template.texts[TYPES_PART].replace(b"</Types>", (
        f'<Override PartName="/{STRINGS_PART}" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.sharedStrings+xml"/></Types>').encode())
    rels = template.texts[BOOK_RELS_PART].replace(b"</Relationships>", (
        b'<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'))
    return {TYPES_PART: types, BOOK_RELS_PART: rels}


class _SharedStrings:
    """xl/sharedStrings.xml, one entry per distinct string, in order of first use."""

    def __init__(self) -> None:
        self._items: list[str] = []  # escaped
        self._index: dict[str, int] = {}
        self._uses = 0

    def index(self, text: str) -> int:
        self._uses += 1
        key = escape(text)
        if key not in self._index:
            self._index[key] = len(self._items)
            self._items.append(key)
        return self._index[key]

    def xml(self) -> bytes:
        items = "".join(f'<si><t xml:space="preserve">{t}</t></si>' for t in self._items)
        head = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                f'count="{self._uses}" uniqueCount="{len(self._items)}">')
        return (head + items + "</sst>").encode("utf-8")
