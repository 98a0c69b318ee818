"""Build the agency's controlled documents (procedures QT.xx, quality manual STCL) as DOCX.

Three header layouts occur in real offices and all three are here: header tables pasted in the
body at the top of pages (the seed QT.03.CTCL), the header block in the page header, and both
(a cover table on page 1, the page header from page 2). Content comes from the YAML files
beside this module.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section

from tools import docstyle as ds
from tools.samples.doc_render import approval_table, grid, heading, page_break, render_blocks

DATA = Path(__file__).parent
STEP_HEAD = ["TT", "Trình tự thực hiện", "Trách nhiệm", "Nội dung thực hiện", "Biểu mẫu"]
APPROVAL_LABELS = {
    "role": (["Trách nhiệm", "Soạn thảo", "Xem xét", "Phê duyệt"], ["Họ tên", "Chữ ký", "Chức vụ"]),
    "person": (["", "Người viết", "Người kiểm tra", "Người phê duyệt"], ["Họ và tên", "Ký", "Chức danh"]),
}


@cache
def load(name: str) -> dict[str, Any]:
    """One of the YAML content files next to this module."""
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def day(text: str) -> dt.date:
    """A d/m/yyyy date of the content files."""
    d, m, y = (int(x) for x in text.split("/"))
    return dt.date(y, m, d)


def _field(p: Any, instr: str, cached: str) -> None:
    """A simple Word field (PAGE, NUMPAGES) with its cached result."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), instr)
    run, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = cached
    run.append(text)
    fld.append(run)
    p._p.append(fld)  # python-docx has no field API


def page_numbers(section: Section) -> None:
    """ "Trang x/y" at the right of the footer."""
    p = ds.para(section.footer, "Trang ", size=11, align="right", after=0)
    _field(p, "PAGE", "1")
    ds.add_run(p, "/", size=11)
    _field(p, "NUMPAGES", "1")


def _skip_first_page(section: Section) -> None:
    """Cover page without page header/footer (an empty first-page header and footer)."""
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    section.first_page_footer.is_linked_to_previous = False


def approval_rows(spec: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """Head and rows of an approval block from a compact spec (style + [name, title] per role)."""
    head, labels = APPROVAL_LABELS[spec["style"]]
    names = [person[0] for person in spec["people"]]
    titles = [person[1] for person in spec["people"]]
    return head, [[labels[0], *names], [labels[1], "", "", ""], [labels[2], *titles]]


# ---------------------------------------------------------------- QT.03.CTCL (seed, body header tables)


def seed_procedure() -> DocxDocument:
    """QT.03.CTCL lần 03 as the agency has it: header tables pasted in the body of every page."""
    meta = load("doc_qt03.yaml")
    doc = ds.new_document(size=13)
    ds.set_core(doc, "Quy trình cải tiến hệ thống quản lý chất lượng", "Nguyễn Thị Nguyệt", day(meta["issued"]))
    render_blocks(doc, meta["blocks"], meta)
    return doc


# ---------------------------------------------------------------- compact procedures (page header)


def procedure_blocks(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Sections 1–7 of a procedure as render blocks."""
    steps = [[n, act, resp, req, form] for n, act, resp, req, form in spec["steps"]]
    forms = [[str(i), code, name] for i, (code, name) in enumerate(spec["forms"], start=1)]
    records = [[str(i), *row] for i, row in enumerate(spec["records"], start=1)]
    return [
        {"heading": "1. MỤC ĐÍCH"}, *({"para": t} for t in spec["purpose"]),
        {"heading": "2. PHẠM VI ÁP DỤNG"}, *({"para": t} for t in spec["scope"]),
        {"heading": "3. TÀI LIỆU VIỆN DẪN"}, {"bullets": spec["refs"]},
        {"heading": "4. ĐỊNH NGHĨA/VIẾT TẮT"}, {"bullets": spec["terms"]},
        {"heading": "5. NỘI DUNG QUY TRÌNH"},
        {"table": {"widths": [13, 32, 30, 68, 22], "head": STEP_HEAD, "rows": steps}},
        {"heading": "6. BIỂU MẪU"},
        {"table": {"widths": [13, 40, 112], "head": ["STT", "Ký hiệu biểu mẫu", "Tên biểu mẫu"], "rows": forms}},
        {"heading": "7. HỒ SƠ"},
        {"table": {"widths": [13, 90, 38, 24], "head": ["TT", "Tên hồ sơ", "Trách nhiệm lưu", "Thời gian lưu"],
                   "rows": records}},
    ]


def _header_block(container: Any, spec: dict[str, Any]) -> None:
    ds.form_header(container, doc_title=f"QUY TRÌNH\n{spec['title']}", code=spec["code"],
                   revision=spec["revision"], issued=spec["issued"])


def _cover(doc: DocxDocument, spec: dict[str, Any]) -> None:
    """Cover page: (stamp), title, issuing decision, approval block, change log."""
    if spec.get("stamp"):
        ds.para(doc, spec["stamp"], bold=True, size=14, align="center", before=6, after=6)
    for _ in range(3):
        ds.para(doc, "", after=0)
    ds.para(doc, "QUY TRÌNH", bold=True, size=18, align="center", after=4)
    ds.para(doc, spec["title"], bold=True, size=16, align="center", after=8)
    if spec.get("decision"):
        ds.para(doc, f"({spec['decision']})", italic=True, align="center", after=12)
    for _ in range(4):
        ds.para(doc, "", after=0)
    head, rows = approval_rows(spec["approval"])
    approval_table(doc, head, rows)
    if spec.get("changes"):
        heading(doc, "THEO DÕI SỬA ĐỔI TÀI LIỆU", center=True)
        grid(doc, spec["changes"], [13, 30, 92, 30],
             head=["TT", "Vị trí sửa đổi", "Nội dung sửa đổi", "Ngày sửa đổi"], center_cols=(0, 3))
    page_break(doc)


def procedure(spec: dict[str, Any]) -> DocxDocument:
    """A procedure whose header block is in the page header ("page") or on the cover and in the
    page header of the following pages ("both")."""
    doc = ds.new_document(size=13)
    ds.set_core(doc, f"Quy trình {spec['title'].capitalize()}", spec["approval"]["people"][0][0] or "ISO",
                day(spec["issued"]))
    section = doc.sections[0]
    if spec["header"] == "both":
        _skip_first_page(section)
        _header_block(doc, spec)
    _header_block(section.header, spec)
    page_numbers(section)
    _cover(doc, spec)
    render_blocks(doc, procedure_blocks(spec), {})
    return doc


# ---------------------------------------------------------------- STCL (quality manual)


def _footer_block(section: Section, cells: Sequence[str]) -> None:
    table = ds.new_table(section.footer, 1, len(cells), [55, 55, 55], borders=False)
    for i, text in enumerate(cells):
        ds.cell_text(table.cell(0, i), text, italic=True, size=11, align=("left", "center", "right")[i])


def manual() -> DocxDocument:
    """STCL: cover with "MÃ HIỆU: STCL" and the approval block; revision/date in the footer."""
    meta = load("doc_manual.yaml")
    doc = ds.new_document(size=13)
    ds.set_core(doc, "Sổ tay chất lượng", "Nguyễn Thị Nguyệt", day(meta["issued"]))
    section = doc.sections[0]
    _skip_first_page(section)
    _footer_block(section, ["STCL-Ban Dân tộc", f"Lần ban hành: {meta['revision']}",
                            f"Ngày ban hành: {meta['issued']}"])
    ds.para(doc, "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA", align="center", after=0)
    ds.para(doc, ds.AGENCY, bold=True, align="center", after=0)
    for _ in range(6):
        ds.para(doc, "", after=0)
    ds.para(doc, "SỔ TAY CHẤT LƯỢNG", bold=True, size=24, align="center", after=6)
    ds.para(doc, f"MÃ HIỆU: {meta['code']}", bold=True, size=14, align="center", after=4)
    ds.para(doc, "(Theo tiêu chuẩn quốc gia TCVN ISO 9001:2015)", italic=True, align="center", after=12)
    for _ in range(6):
        ds.para(doc, "", after=0)
    approval_table(doc, meta["approval"]["head"], meta["approval"]["rows"])
    page_break(doc)
    render_blocks(doc, meta["blocks"], meta)
    return doc

