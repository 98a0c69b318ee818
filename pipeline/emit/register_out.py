"""Writing the document register: DOCX (templates/Danh-muc-tai-lieu-HTQLCL.docx, docxtpl) and XLSX.

Both carry the same list: groups I, II … with their rows, then — only when a document was withdrawn
since the previous register — a separate "Tài liệu thu hồi" table whose columns are named so that
no reader takes it for register entries. The XLSX holds real date cells and text revisions ("03"),
every text cell neutralised like findings.xlsx.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from pipeline.checks.common import ddmmyyyy
from pipeline.emit.atomic import write_bytes
from pipeline.emit.docx_render import TEMPLATES_DIR, render_docx, visible_text
from pipeline.emit.draft_content import PLACE
from pipeline.emit.xlsx_out import neutralise, safe_cell
from pipeline.text.dates import format_vi_date

if TYPE_CHECKING:
    from pipeline.emit.register import Entry, Group, Register

REGISTER_DIR = "register"
REGISTER_NAME = "Danh-muc-tai-lieu-HTQLCL"
REGISTER_DOCX = f"{REGISTER_DIR}/{REGISTER_NAME}.docx"
REGISTER_XLSX = f"{REGISTER_DIR}/{REGISTER_NAME}.xlsx"
TEMPLATE = TEMPLATES_DIR / "Danh-muc-tai-lieu-HTQLCL.docx"
AGENCY_LINE = "BAN DÂN TỘC TỈNH KHÁNH HÒA"
TITLE = ("DANH MỤC TÀI LIỆU HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG", "THEO TIÊU CHUẨN TCVN ISO 9001:2015")
COLUMNS = ("TT", "Tên tài liệu", "Mã hiệu", "Lần ban hành", "Ngày ban hành", "Ghi chú")
WITHDRAWN_COLUMNS = ("STT", "Tài liệu thu hồi", "Mã", "Lần ban hành", "Ngày ban hành", "Ghi chú")
WIDTHS = (6, 60, 18, 13, 15, 26)
LEGEND = ("Ghi chú: “mới” — tài liệu chưa có trong danh mục trước; “sửa đổi” — lần ban hành hoặc ngày ban "
          "hành khác danh mục trước; “thu hồi” — tài liệu không còn hiệu lực.")
_FONT = "Times New Roman"
_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def basis_line(register: Register) -> str:
    if register.basis:
        return f"So sánh với danh mục trước: {register.basis}."
    return "Lập lần đầu: không có danh mục trước để so sánh."


def _row(entry: Entry, seq: int) -> dict[str, str]:
    return {"seq": str(seq), "name": entry.name, "code": entry.code, "revision": entry.revision,
            "issued": ddmmyyyy(entry.issued_on) if entry.issued_on else "", "note": entry.note}


def numbered(register: Register) -> list[tuple[Group, list[tuple[int, Entry]]]]:
    """The groups with their entries numbered 1…n across groups, as PL03 numbers them."""
    out, seq = [], 0
    for group in register.groups:
        items = []
        for entry in group.entries:
            seq += 1
            items.append((seq, entry))
        out.append((group, items))
    return out


def register_context(register: Register, as_of: dt.date) -> dict[str, Any]:
    """Every variable of templates/Danh-muc-tai-lieu-HTQLCL.docx."""
    return {
        "groups": [{"numeral": g.numeral, "title": g.title, "rows": [_row(e, n) for n, e in items]}
                   for g, items in numbered(register)],
        "withdrawn": [_row(e, n) for n, e in enumerate(register.withdrawn, 1)],
        "updated": ddmmyyyy(as_of),
        "basis": basis_line(register),
        "place_date": format_vi_date(as_of, PLACE),
    }


def register_workbook(register: Register, as_of: dt.date) -> bytes:
    """The register as a spreadsheet: the same title, header, group and entry rows as the DOCX."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh mục tài liệu"
    top = [AGENCY_LINE, *TITLE, f"(Cập nhật ngày {ddmmyyyy(as_of)})"]
    _title_rows(ws, top)
    head = len(top) + 2
    _header(ws, head, COLUMNS)
    r = head
    for group, items in numbered(register):
        r += 1
        ws.cell(r, 1, group.numeral)
        ws.cell(r, 2, _text(group.title))
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=len(COLUMNS))
        _style_row(ws, r, bold=True)
        for seq, entry in items:
            r += 1
            _entry_row(ws, r, seq, entry)
    for i, line in enumerate((LEGEND, basis_line(register), format_vi_date(as_of, PLACE)), start=r + 2):
        ws.cell(i, 1, _text(line)).font = Font(name=_FONT, italic=True, size=11)
    ws.freeze_panes = ws.cell(head + 1, 1)
    ws.print_title_rows = f"{head}:{head}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    if register.withdrawn:
        gone = wb.create_sheet("Tài liệu thu hồi")
        _title_rows(gone, ["TÀI LIỆU THU HỒI (không còn hiệu lực, so với danh mục trước)"])
        _header(gone, 3, WITHDRAWN_COLUMNS)
        for seq, entry in enumerate(register.withdrawn, 1):
            _entry_row(gone, 3 + seq, seq, entry)
    for sheet in wb.worksheets:
        neutralise(sheet)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _text(value: str) -> str:
    return safe_cell(visible_text(value))


def _title_rows(ws: Any, lines: list[str]) -> None:
    for r, line in enumerate(lines, start=1):
        ws.cell(r, 1, line).font = Font(name=_FONT, bold=r > 1 or len(lines) == 1, size=13 if r > 1 else 12)
        ws.cell(r, 1).alignment = Alignment(horizontal="center")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(COLUMNS))
    for c, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width


def _header(ws: Any, r: int, labels: tuple[str, ...]) -> None:
    for c, label in enumerate(labels, start=1):
        ws.cell(r, c, label)
    _style_row(ws, r, bold=True, center=True)


def _entry_row(ws: Any, r: int, seq: int, entry: Entry) -> None:
    values: list[Any] = [seq, _text(entry.name), _text(entry.code), _text(entry.revision), entry.issued_on,
                         _text(entry.note)]
    for c, value in enumerate(values, start=1):
        cell = ws.cell(r, c, value)
        if isinstance(value, dt.date):
            cell.number_format = "dd/mm/yyyy"
    _style_row(ws, r)


def _style_row(ws: Any, r: int, *, bold: bool = False, center: bool = False) -> None:
    for c in range(1, len(COLUMNS) + 1):
        cell = ws.cell(r, c)
        cell.font = Font(name=_FONT, bold=bold, size=12)
        cell.border = _BOX
        cell.alignment = Alignment(horizontal="center" if center or c in (1, 3, 4, 5) else "left",
                                   vertical="center" if center else "top", wrap_text=True)


def write_register(outbox: Path, register: Register, as_of: dt.date) -> None:
    docx_bytes = render_docx(TEMPLATE, register_context(register, as_of), title="Danh mục tài liệu HTQLCL",
                             when=as_of)
    write_bytes(outbox / REGISTER_DOCX, docx_bytes)
    write_bytes(outbox / REGISTER_XLSX, register_workbook(register, as_of))
