"""Registers of the sample inbox: the document register (PL03, DOCX) and records registers (XLSX, CSV).

Layouts are the agency's: PL03 with a two-row header ("Ban hành" over Lần / Ngày ban hành) and
group rows I / II merged across; a records register workbook with title rows, merged title
cells, real date cells (dd/mm/yyyy) and a notes row; a CSV exported by old Windows software in
Windows-1258 (decomposed tone marks where no precomposed letter exists).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Sequence
from typing import Any

import openpyxl
from docx.document import Document as DocxDocument
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from tools import docstyle as ds
from tools.samples.doc_procedure import day, load
from tools.samples.doc_render import fill_cell

ROMAN = ["I", "II", "III", "IV"]
DOC_REG_WIDTHS = [10, 58, 34, 15, 27, 21]
RECORDS_HEAD = ["TT", "Tên hồ sơ", "Mã biểu mẫu", "Đơn vị lưu", "Ngày lập", "Thời gian lưu", "Ngày hủy",
                "Ghi chú"]
RECORDS_WIDTHS = [5, 48, 15, 14, 12, 14, 12, 30]
TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def registers() -> dict[str, Any]:
    return load("doc_registers.yaml")


# ---------------------------------------------------------------- PL03 (DOCX)


def _merge(table: Any, r0: int, c0: int, r1: int, c1: int, text: str, *, bold: bool = True,
           align: str = "center") -> None:
    cell = table.cell(r0, c0).merge(table.cell(r1, c1))
    for extra in cell.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    fill_cell(cell, text, size=11, bold=bold, align=align)


def document_register() -> DocxDocument:
    """Danh mục tài liệu HTQLCL in STCL's PL03 layout, with revision and issue-date columns."""
    spec = registers()["document_register"]
    updated = day(spec["updated"])
    doc = ds.new_document(size=13)
    ds.set_core(doc, "Danh mục tài liệu HTQLCL", "Nguyễn Thị Nguyệt", updated)
    ds.para(doc, "PL03", italic=True, align="right", after=0)
    ds.para(doc, "BAN DÂN TỘC TỈNH KHÁNH HOÀ", bold=True, align="center", after=8)
    ds.title(doc, "DANH MỤC TÀI LIỆU HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG\nTHEO TIÊU CHUẨN TCVN ISO 9001:2015",
             sub=f"(Cập nhật ngày {spec['updated']})", before=0)
    n_rows = 2 + sum(1 + len(g["rows"]) for g in spec["groups"])
    table = ds.new_table(doc, n_rows, len(DOC_REG_WIDTHS), DOC_REG_WIDTHS)
    for col, label in ((0, "TT"), (1, "Tên tài liệu"), (2, "Mã hiệu"), (5, "Ghi chú")):
        _merge(table, 0, col, 1, col, label)
    _merge(table, 0, 3, 0, 4, "Ban hành")
    fill_cell(table.cell(1, 3), "Lần ban hành", size=11, bold=True, align="center")
    fill_cell(table.cell(1, 4), "Ngày ban hành", size=11, bold=True, align="center")
    r, seq = 2, 0
    for g, group in enumerate(spec["groups"]):
        fill_cell(table.cell(r, 0), ROMAN[g], size=11, bold=True, align="center")
        _merge(table, r, 1, r, len(DOC_REG_WIDTHS) - 1, group["title"], align="left")
        r += 1
        for name, code, revision, issued, note in group["rows"]:
            seq += 1
            for c, value in enumerate([str(seq), name, code, revision, issued, note]):
                fill_cell(table.cell(r, c), value, size=11, align="left" if c in (1, 5) else "center")
            r += 1
    ds.place_date(doc, updated)
    ds.signature_blocks(doc, [ds.Signature("NGƯỜI LẬP", "Nguyễn Thị Nguyệt", note=""),
                              ds.Signature("TRƯỞNG BAN", "Võ Nam Thắng")], gap_lines=2)
    return doc


# ---------------------------------------------------------------- records register (XLSX)

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _value(col: int, text: str) -> object:
    """Date columns (Ngày lập, Ngày hủy) become real dates; empty cells stay empty."""
    if not text:
        return None
    if RECORDS_HEAD[col] in ("Ngày lập", "Ngày hủy"):
        return dt.datetime.combine(day(text), dt.time())
    return text


def _records_sheet(ws: Worksheet, title: str, unit: str, rows: Sequence[Sequence[str]], signer: str) -> None:
    last = get_column_letter(len(RECORDS_HEAD))
    ws["A1"], ws["A2"] = ds.AGENCY_PARENT, ds.AGENCY
    ws.merge_cells("A1:C1")
    ws.merge_cells("A2:C2")
    ws["A2"].font = Font(name=ds.FONT, bold=True, size=12)
    ws["A4"], ws["A5"] = title, f"Đơn vị: {unit}"
    ws.merge_cells(f"A4:{last}4")
    ws.merge_cells(f"A5:{last}5")
    ws["A4"].font = Font(name=ds.FONT, bold=True, size=14)
    ws["A5"].font = Font(name=ds.FONT, italic=True, size=12)
    for ref in ("A1", "A2", "A4", "A5"):
        ws[ref].alignment = Alignment(horizontal="center")
    head_row = 7
    for c, label in enumerate(RECORDS_HEAD, start=1):
        cell = ws.cell(head_row, c, label)
        cell.font = Font(name=ds.FONT, bold=True, size=12)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _BOX
        ws.column_dimensions[get_column_letter(c)].width = RECORDS_WIDTHS[c - 1]
    for i, row in enumerate(rows, start=1):
        values: list[object] = [i, *(_value(c, text) for c, text in enumerate(row, start=1))]
        for c, value in enumerate(values, start=1):
            cell = ws.cell(head_row + i, c, value)
            cell.font = Font(name=ds.FONT, size=12)
            cell.border = _BOX
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if isinstance(value, dt.datetime):
                cell.number_format = "dd/mm/yyyy"
    note_row = head_row + len(rows) + 2
    ws.cell(note_row, 1, "Ghi chú: Thời gian lưu tính từ ngày lập hồ sơ. Hồ sơ hết thời gian lưu được lập "
                         "danh sách, trình Lãnh đạo Ban quyết định hủy theo quy định.")
    ws.merge_cells(start_row=note_row, start_column=1, end_row=note_row, end_column=len(RECORDS_HEAD))
    ws.cell(note_row, 1).font = Font(name=ds.FONT, italic=True, size=11)
    ws.cell(note_row + 2, 6, "NGƯỜI LẬP BIỂU").font = Font(name=ds.FONT, bold=True, size=12)
    ws.cell(note_row + 6, 6, signer).font = Font(name=ds.FONT, bold=True, size=12)
    ws.freeze_panes = ws.cell(head_row + 1, 1)
    ws.print_title_rows = f"{head_row}:{head_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True  # one page wide, as printed for the file
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0


def records_workbook() -> openpyxl.Workbook:
    """Văn phòng's records register: one sheet for this year, one for earlier years."""
    wb = openpyxl.Workbook()
    for i, sheet in enumerate(registers()["records_xlsx"]):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = sheet["sheet"]
        _records_sheet(ws, sheet["title"], "Văn phòng", sheet["rows"], "Phùng Tấn Duy")
    return wb


# ---------------------------------------------------------------- records register (CSV, Windows-1258)


def cp1258(text: str) -> bytes:
    """Encode like Windows does for code page 1258: precomposed letters where the code page has
    them, else the base letter (â, ê, ơ, ư …) followed by a combining tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(p for p in parts if p in TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in TONE_MARKS))
        out += (base + tones).encode("cp1258")
    return bytes(out)


def records_csv() -> bytes:
    """Phòng Chính sách's records register as its old software exports it (comma, CRLF, cp1258)."""
    spec = registers()["records_csv"]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(spec["header"])
    for i, row in enumerate(spec["rows"], start=1):
        writer.writerow([i, *row])
    return cp1258(buf.getvalue())
