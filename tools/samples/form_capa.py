"""BM.CTCL.01 — Phiếu yêu cầu hành động khắc phục/cải tiến, in the layouts real offices produce.

`capa_form(values, layout)` is the one entry: with no values it is the blank agency form
(templates/BM.CTCL.01.docx); with values, a filled sample. Layouts:
  agency      the agency's form: header table (Mã hiệu…), three boxes in one bordered table,
              progress reports in a nested Ngày | Nội dung table
  twocol      label | value rows of a two-column table, alternative labels of SPEC §3.2
  paragraphs  "Label: value" paragraphs under I/II/III headings, short labels
  below       a grid whose value sits in the cell below its label
Pass `controls=True` to wrap values in Word content controls (text, date, w14:checkbox).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from docx.document import Document as DocxDocument

from tools import docstyle as ds
from tools.samples.form_widgets import ControlFiller, Filler

CODE = "BM.CTCL.01"
TITLE = "PHIẾU YÊU CẦU HÀNH ĐỘNG KHẮC PHỤC/CẢI TIẾN"
KINDS = ("Khắc phục", "Cải tiến")
SOURCES = (
    "Đánh giá nội bộ", "Phản hồi của khách hàng", "Xem xét của lãnh đạo",
    "Giám sát quá trình", "Mục tiêu chất lượng", "Khác",
)
NECESSITY = ("Cần thực hiện", "Không cần thực hiện")
VERDICTS = ("Đạt", "Không đạt")
CHOICES = {"kind": KINDS, "source": SOURCES, "necessity": NECESSITY, "verification": VERDICTS}
BOXES = (
    "1. NỘI DUNG YÊU CẦU (người yêu cầu và lãnh đạo đơn vị ghi)",
    "2. NGUYÊN NHÂN VÀ BIỆN PHÁP KHẮC PHỤC/CẢI TIẾN (đơn vị, cá nhân được phân công ghi)",
    "3. KIỂM TRA, XÁC NHẬN KẾT QUẢ THỰC HIỆN (Ban ISO ghi)",
)

# Label of each field per layout (all are labels of SPEC §3.2; layouts differ like real forms do).
PRIMARY = {
    "number": "Số phiếu", "opened_on": "Ngày lập", "kind": "Loại yêu cầu", "source": "Nguồn phát hiện",
    "unit": "Đơn vị được yêu cầu", "requester": "Người yêu cầu", "description": "Nội dung yêu cầu",
    "requirement_ref": "Căn cứ", "necessity": "Xác nhận sự cần thiết", "necessity_by": "Lãnh đạo đơn vị",
    "root_cause": "Nguyên nhân gốc rễ", "actions": "Biện pháp khắc phục/cải tiến",
    "assignee": "Người thực hiện", "due_on": "Thời hạn hoàn thành", "approval": "Lãnh đạo Ban ISO phê duyệt",
    "changes": "Thay đổi, bổ sung", "progress_reports": "Báo cáo tiến độ",
    "evidence": "Bằng chứng kết quả thực hiện", "verification": "Kết quả kiểm tra",
    "verified_by": "Người kiểm tra", "verified_on": "Ngày kiểm tra", "closed_on": "Ngày đóng phiếu",
    "follow_up_number": "Số phiếu mới (nếu có)",
}
ALTERNATE = PRIMARY | {
    "opened_on": "Ngày mở phiếu", "source": "Nguồn gốc", "requester": "Người đề xuất",
    "description": "Mô tả sự không phù hợp", "requirement_ref": "Yêu cầu/điều khoản",
    "necessity": "Ý kiến của lãnh đạo đơn vị", "root_cause": "Phân tích nguyên nhân",
    "actions": "Biện pháp khắc phục", "assignee": "Đơn vị/cá nhân thực hiện", "due_on": "Thời hạn",
    "approval": "Phê duyệt", "evidence": "Bằng chứng", "verification": "Đánh giá hiệu lực",
    "follow_up_number": "Phiếu yêu cầu mới số",
}
SHORT = PRIMARY | {
    "kind": "Loại", "source": "Nguồn", "unit": "Đơn vị", "requester": "Người lập phiếu",
    "description": "Nội dung sự không phù hợp", "root_cause": "Nguyên nhân", "actions": "Giải pháp",
    "evidence": "Kết quả thực hiện", "follow_up_number": "Số phiếu mới",
}
AREAS = {"description", "root_cause", "actions", "changes", "evidence"}  # free text: several lines
# Fields of each box, in order (approval = approved_by + approved_on; necessity_by is a name line).
BOX_FIELDS = (
    ("number", "opened_on", "kind", "source", "unit", "requester", "description", "requirement_ref",
     "necessity", "necessity_by"),
    ("root_cause", "actions", "assignee", "due_on", "approval", "changes", "progress_reports"),
    ("evidence", "verification", "verified_by", "verified_on", "closed_on", "follow_up_number"),
)


class CapaFiller(Filler):
    """Filler with the BM.CTCL.01 composites: approval (name + date) and progress reports."""

    def missing(self, field: str, n: int = 1) -> str:
        return ds.short_date(None) if field.endswith("_on") else ds.dots(n)

    def approval(self) -> str:
        return f"{self.text('approved_by')}, ngày {self.text('approved_on')}"

    def progress(self) -> list[tuple[str, str]]:
        """(date text, content) rows; three dotted rows on a blank form."""
        rows = self.values.get("progress_reports") or []
        if not rows:
            return [(ds.short_date(None), ds.dots(2))] * 3 if not self.values else []
        return [(ds.short_date(d) if isinstance(d, dt.date) else str(d), text) for d, text in rows]

    def after_box(self, cell: Any, box: int) -> None:
        """Extra content at the end of box `box` (0-based) of the agency layout; none on paper forms
        (the docxtpl template adds its place-date line here)."""


def _put(f: CapaFiller, p: Any, field: str) -> None:
    if field in CHOICES:
        f.put_choices(p, field, CHOICES[field])
    elif field == "approval":
        f.put(p, "approved_by")
        ds.add_run(p, ", ngày ")
        f.put(p, "approved_on")
    elif field == "progress_reports":
        ds.add_run(p, "; ".join(f"{d}: {t}" for d, t in f.progress()) or ds.dots())
    else:
        f.put(p, field)


def _labelled(f: CapaFiller, container: Any, labels: Mapping[str, str], field: str) -> None:
    p = ds.para(container, after=2)
    ds.add_run(p, f"{labels[field]}: ", bold=True)
    _put(f, p, field)
    if field in AREAS and not f.has(field) and not f.values:  # a blank form leaves room to write
        for _ in range(2):
            ds.para(container, ds.dot_line(150), after=2)


# ---------------------------------------------------------------- layouts


def _agency(doc: DocxDocument, f: CapaFiller) -> None:
    ds.form_header(doc, doc_title=TITLE, code=CODE)
    ds.para(doc, "")
    table = ds.new_table(doc, 6, 1, [165])
    for box, fields in enumerate(BOX_FIELDS):
        ds.cell_text(table.cell(2 * box, 0), BOXES[box], bold=True)
        cell = table.cell(2 * box + 1, 0)
        ds.cell_text(cell, "")
        for field in fields:
            if field == "number":
                f.pair_line(cell, [(PRIMARY["number"], "number"), (PRIMARY["opened_on"], "opened_on")], after=2)
            elif field in ("opened_on", "verified_on"):
                continue
            elif field == "verified_by":
                f.pair_line(cell, [(PRIMARY["verified_by"], "verified_by"),
                                   (PRIMARY["verified_on"], "verified_on")], after=2)
            elif field == "progress_reports":
                ds.para(cell, f"{PRIMARY['progress_reports']}:", bold=True, after=2)
                rows = [["Ngày", "Nội dung"], *[list(r) for r in f.progress()]]
                ds.bordered_table(cell, rows, [35, 120], size=12)
                ds.para(cell, "", after=0)
            else:
                _labelled(f, cell, PRIMARY, field)
        f.after_box(cell, box)
        ds.tidy_cell(cell)


def _twocol(doc: DocxDocument, f: CapaFiller) -> None:
    ds.page_header_text(doc, f"Mẫu {CODE}")
    ds.agency_header(doc)
    ds.title(doc, TITLE)
    rows = sum(len(fields) + 1 for fields in BOX_FIELDS)
    table = ds.new_table(doc, rows, 2, [55, 110])
    r = 0
    for box, fields in enumerate(BOX_FIELDS):
        ds.merge_row(table, r, BOXES[box].upper(), bold=True)
        r += 1
        for field in fields:
            ds.cell_text(table.cell(r, 0), ALTERNATE[field], bold=True)
            cell = table.cell(r, 1)
            if field == "progress_reports":
                ds.cell_text(cell, "\n".join(f"{d}: {t}" for d, t in f.progress()) or ds.dots())
            else:
                _put(f, cell.paragraphs[0], field)
            r += 1


def _paragraphs(doc: DocxDocument, f: CapaFiller) -> None:
    ds.page_header_text(doc, f"Mẫu {CODE}")
    ds.agency_header(doc)
    ds.title(doc, TITLE)
    heads = ("I. YÊU CẦU HÀNH ĐỘNG KHẮC PHỤC/CẢI TIẾN", "II. PHÂN TÍCH NGUYÊN NHÂN VÀ BIỆN PHÁP",
             "III. KIỂM TRA VÀ ĐÓNG PHIẾU")
    for head, fields in zip(heads, BOX_FIELDS, strict=True):
        ds.para(doc, head, bold=True, before=6, after=3)
        for field in fields:
            if field == "progress_reports":
                ds.para(doc, f"{SHORT['progress_reports']}:", bold=True, after=1)
                for d, t in f.progress() or [(ds.short_date(None), ds.dots())]:
                    ds.para(doc, f"- Ngày {d}: {t}", after=1, first_indent=5)
            else:
                _labelled(f, doc, SHORT, field)


def _below(doc: DocxDocument, f: CapaFiller) -> None:
    ds.page_header_text(doc, f"{CODE} - Lần ban hành: 03")
    ds.agency_header(doc)
    ds.title(doc, TITLE)
    grid: list[list[str]] = [  # label rows; each is followed by its value row
        ["number", "opened_on", "kind", "source"],
        ["unit", "unit", "requester", "requester"],
        ["description"] * 4,
        ["requirement_ref", "requirement_ref", "necessity", "necessity_by"],
        ["root_cause"] * 4,
        ["actions"] * 4,
        ["assignee", "due_on", "approval", "approval"],
        ["changes", "changes", "progress_reports", "progress_reports"],
        ["evidence"] * 4,
        ["verification", "verified_by", "verified_on", "closed_on"],
        ["follow_up_number"] * 4,
    ]
    box_before = {0: 0, 4: 1, 8: 2}
    n_rows = 2 * len(grid) + len(box_before)
    table = ds.new_table(doc, n_rows, 4, [38, 38, 45, 44])
    r = 0
    for g, fields in enumerate(grid):
        if g in box_before:
            ds.merge_row(table, r, BOXES[box_before[g]], bold=True)
            r += 1
        c = 0
        while c < 4:
            span = 1
            while c + span < 4 and fields[c + span] == fields[c]:
                span += 1
            label_cell = table.cell(r, c).merge(table.cell(r, c + span - 1)) if span > 1 else table.cell(r, c)
            value_cell = (table.cell(r + 1, c).merge(table.cell(r + 1, c + span - 1))
                          if span > 1 else table.cell(r + 1, c))
            ds.cell_text(label_cell, PRIMARY[fields[c]], bold=True)
            for extra in value_cell.paragraphs[1:]:
                extra._p.getparent().remove(extra._p)
            _put(f, value_cell.paragraphs[0], fields[c])
            c += span
        r += 2


LAYOUTS: dict[str, Callable[[DocxDocument, CapaFiller], None]] = {
    "agency": _agency, "twocol": _twocol, "paragraphs": _paragraphs, "below": _below,
}


class _ControlCapaFiller(ControlFiller, CapaFiller):
    pass


def capa_form(values: Mapping[str, Any] | None = None, layout: str = "agency", *,
              controls: bool = False, filler: CapaFiller | None = None) -> DocxDocument:
    """A BM.CTCL.01 document. values: canonical field names (SPEC §3.2); progress_reports is a
    list of (date, text); a missing value renders as the dotted placeholder."""
    doc = ds.new_document(size=13)
    if filler is None:
        filler = _ControlCapaFiller(values) if controls else CapaFiller(values)
    LAYOUTS[layout](doc, filler)
    return doc
