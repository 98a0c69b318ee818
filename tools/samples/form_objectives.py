"""Quality objectives plan and report (STCL Phụ lục 3): one table layout, two documents.

`objectives_doc(o)` writes a plan, or with `report=True` the year-end report, which adds the
Kết quả thực hiện and Đánh giá columns. Without values it is the blank template.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from docx.document import Document as DocxDocument

from tools import docstyle as ds

PLAN_TITLE = "KẾ HOẠCH THỰC HIỆN MỤC TIÊU CHẤT LƯỢNG NĂM"
REPORT_TITLE = "BÁO CÁO KẾT QUẢ THỰC HIỆN MỤC TIÊU CHẤT LƯỢNG NĂM"
PLAN_HEAD = ["STT", "Mục tiêu", "Chỉ tiêu", "Biện pháp/Kế hoạch thực hiện", "Đơn vị/Người thực hiện", "Thời hạn"]
REPORT_HEAD = [*PLAN_HEAD, "Kết quả thực hiện", "Đánh giá (Đạt/Không đạt)"]
PLAN_WIDTHS = [12, 60, 38, 70, 42, 30]  # landscape A4: 252 mm between the margins
REPORT_WIDTHS = [12, 45, 30, 52, 33, 24, 32, 24]
PAGE_WIDTH = 252


@dataclass
class Objective:
    no: str
    objective: str
    target: str
    measures: str
    owner: str
    deadline: str
    result: str = ""
    evaluation: str = ""  # Đạt / Không đạt (reports)


@dataclass
class Objectives:
    """Values of one plan or report. unit None = the agency (no "Đơn vị:" line is filled)."""

    year: int | None = None
    unit: str | None = None
    number: str | None = None  # "Số: 05/KH-BDT"
    day: dt.date | None = None  # the place-date line (drafting / report date)
    objectives: list[Objective] = field(default_factory=list)
    drafter: str | None = None
    approver: str | None = None
    approver_title: str = "TRƯỞNG BAN"
    approved_on: dt.date | None = None  # plans: the date written in the Phê duyệt block


def objectives_doc(o: Objectives, *, report: bool = False) -> DocxDocument:
    doc = ds.new_document(size=13, landscape=True)
    blank_number = "……/BC-BDT" if report else "……/KH-BDT"
    ds.agency_header(doc, number=o.number if o.number or o.year else blank_number, width_mm=PAGE_WIDTH)
    title = REPORT_TITLE if report else PLAN_TITLE
    ds.title(doc, f"{title} {o.year or '20……'}")
    if o.unit or not o.year:  # the agency's own plan has no unit line; the blank form keeps it
        ds.labelled(doc, "Đơn vị", o.unit or ds.dots(2), align="center", after=6)
    head = REPORT_HEAD if report else PLAN_HEAD
    rows = [head]
    for obj in o.objectives:
        row = [obj.no, obj.objective, obj.target, obj.measures, obj.owner, obj.deadline]
        rows.append([*row, obj.result, obj.evaluation] if report else row)
    if not o.objectives:
        rows += [[str(i), *["……………"] * (len(head) - 1)] for i in (1, 2, 3)]
    ds.bordered_table(doc, rows, REPORT_WIDTHS if report else PLAN_WIDTHS, size=12, center_cols=(0,))
    ds.place_date(doc, o.day)
    if report:
        blocks = [ds.Signature("NGƯỜI LẬP", o.drafter), ds.Signature(o.approver_title, o.approver)]
    else:
        blocks = [
            ds.Signature("NGƯỜI LẬP", o.drafter),
            ds.Signature(f"PHÊ DUYỆT\n{o.approver_title}", o.approver,
                         date_line=f"Ngày phê duyệt: {ds.short_date(o.approved_on)}"),
        ]
    ds.signature_blocks(doc, blocks, width_mm=PAGE_WIDTH)
    return doc
