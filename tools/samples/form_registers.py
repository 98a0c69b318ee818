"""Registers as offices keep them: XLSX with title rows and notes, CSV exported from Excel.

A register sheet has merged title rows above the header, real date cells shown dd/mm/yyyy, a
notes row under the data — what SPEC §3.2 says a reader must skip or use.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

FONT = "Times New Roman"
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@dataclass
class Sheet:
    name: str
    title_lines: list[str]
    header: list[str]
    rows: list[list[Any]]
    widths: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _fill(ws: Any, sheet: Sheet) -> None:
    n_cols = len(sheet.header)
    r = 1
    for i, line in enumerate(sheet.title_lines):
        ws.cell(r, 1, line).font = Font(name=FONT, size=13 if i else 12, bold=True)
        ws.cell(r, 1).alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=n_cols)
        r += 1
    r += 1  # an empty row between the title and the table
    header_row = r
    for c, label in enumerate(sheet.header, start=1):
        cell = ws.cell(r, c, label)
        cell.font = Font(name=FONT, size=12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BOX
    for values in sheet.rows:
        r += 1
        for c, value in enumerate(values, start=1):
            cell = ws.cell(r, c, value if value not in ("", None) else None)
            cell.font = Font(name=FONT, size=12)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            cell.border = _BOX
            if isinstance(value, dt.date):
                cell.number_format = "dd/mm/yyyy"
    r += 1
    for note in sheet.notes:
        r += 1
        ws.cell(r, 1, note).font = Font(name=FONT, size=11, italic=True)
    for c, width in enumerate(sheet.widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = ws.cell(header_row + 1, 1)


def write_xlsx(path: Path, sheets: Sequence[Sheet], *, extra_text_sheet: tuple[str, list[str]] | None = None,
               creator: str = "Thư ký ISO", when: dt.date | None = None) -> None:
    """One workbook; an optional plain text sheet (instructions) that is not a register."""
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in sheets:
        _fill(wb.create_sheet(sheet.name), sheet)
    if extra_text_sheet:
        ws = wb.create_sheet(extra_text_sheet[0])
        for i, line in enumerate(extra_text_sheet[1], start=1):
            ws.cell(i, 1, line).font = Font(name=FONT, size=12, bold=i == 1)
        ws.column_dimensions["A"].width = 110
    wb.properties.creator = wb.properties.lastModifiedBy = creator
    if when:
        stamp = dt.datetime(when.year, when.month, when.day, 17, 0)
        wb.properties.created = wb.properties.modified = stamp
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def write_csv(path: Path, title: str, header: list[str], rows: list[list[Any]], *,
              delimiter: str = ";", encoding: str = "utf-8-sig") -> None:
    """An Excel 'CSV UTF-8' export: BOM, ';', CRLF, a title row and an empty row above the header."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    width = len(header)
    writer.writerow([title] + [""] * (width - 1))
    writer.writerow([""] * width)
    writer.writerow(header)
    for values in rows:
        writer.writerow([v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else (v or "") for v in values])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue().encode(encoding))
