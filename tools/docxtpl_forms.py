"""docxtpl templates of the documents qms writes: BM.CTCL.01 drafts and the document register (PL03).

The BM.CTCL.01 template is the agency layout of `tools/samples/form_capa.py` driven by a Filler whose
every value is a Jinja expression, so the blank form, the samples and the drafts share one layout.
Every Jinja tag is written as one run (docxtpl needs a tag inside one `w:t` to find it).

Variables of the BM.CTCL.01 template: the canonical fields of SPEC §3.2 that the form prints
(empty → the blank form's placeholder), plus `number_note` (shown after the number, e.g. "(số đề
xuất)"), `source_other` (text after "☐ Khác") and `place_date` ("Khánh Hòa, ngày … tháng … năm …").
The progress-report rows stay blank lines to fill by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.text.paragraph import Paragraph

from tools import docstyle as ds
from tools.samples.form_capa import CapaFiller, capa_form

CAPA_CHOICE_FIELDS = ("kind", "source", "necessity", "verification")
REGISTER_COLUMNS = ("TT", "Tên tài liệu", "Mã hiệu", "Lần ban hành", "Ngày ban hành", "Ghi chú")
# The withdrawn list deliberately uses other column names than a register ("Tài liệu thu hồi",
# "Mã"), so a register filed back into the inbox never reads withdrawn codes as register entries.
WITHDRAWN_COLUMNS = ("STT", "Tài liệu thu hồi", "Mã", "Lần ban hành", "Ngày ban hành", "Ghi chú")
REGISTER_WIDTHS = (10, 53, 33, 14, 24, 31)


def _tag(expression: str) -> str:
    """A Jinja print tag (kept in one run by the caller)."""
    return "{{ " + expression + " }}"


def _literal(text: str) -> str:
    """A Jinja string literal (placeholders hold no quote or backslash)."""
    assert '"' not in text and "\\" not in text
    return f'"{text}"'


class TemplateCapaFiller(CapaFiller):
    """Every field printed as `{{ field or "<blank-form placeholder>" }}`; ticks as Jinja conditions."""

    def __init__(self) -> None:
        super().__init__({})

    def has(self, field: str) -> bool:
        return True  # the rendered value decides; no extra dotted lines under free-text fields

    def text(self, field: str, n: int = 1) -> str:
        return _tag(f"{field} or {_literal(self.missing(field, n))}")

    def mark(self, field: str, option: str) -> str:
        return _tag(f"'{ds.CHECKED}' if {field} == '{option}' else '{ds.UNCHECKED}'")

    def put(self, p: Paragraph, field: str, *, n: int = 1, bold: bool = False) -> None:
        super().put(p, field, n=n, bold=bold)
        if field == "number":
            ds.add_run(p, _tag("number_note"), italic=True)

    def put_choices(self, p: Paragraph, field: str, options: Sequence[str], sep: str = "   ") -> None:
        super().put_choices(p, field, options, sep)
        if "Khác" in options:
            ds.add_run(p, _tag(f"{field}_other"))

    def after_box(self, cell: Any, box: int) -> None:
        if box == 0:
            ds.para(cell, _tag("place_date"), italic=True, align="right", before=3, after=2)


def capa_template() -> DocxDocument:
    """templates/BM.CTCL.01.docx: the agency's BM.CTCL.01 with Jinja variables (docxtpl)."""
    return capa_form(filler=TemplateCapaFiller())


def _merged(table: Any, r: int, c0: int, c1: int, text: str, **kw: Any) -> None:
    cell = table.cell(r, c0).merge(table.cell(r, c1)) if c1 > c0 else table.cell(r, c0)
    for extra in cell.paragraphs[1:]:
        extra._p.getparent().remove(extra._p)
    ds.cell_text(cell, text, **kw)


def _loop_table(doc: DocxDocument, head: Sequence[str], body: list[list[str]], *, groups: bool) -> None:
    """A bordered table: the header row (repeated on each page), then template rows (`{%tr %}` rows,
    a group row whose title spans the row, data rows)."""
    table = ds.new_table(doc, 1 + len(body), len(head), REGISTER_WIDTHS)
    for c, label in enumerate(head):
        ds.cell_text(table.cell(0, c), label, bold=True, size=11, align="center")
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    last = len(head) - 1
    for r, row in enumerate(body, start=1):
        if len(row) == 1:  # a {%tr %} tag row
            _merged(table, r, 0, last, row[0], size=11)
        elif groups and len(row) == 2:  # group row: numeral | title across
            ds.cell_text(table.cell(r, 0), row[0], bold=True, size=11, align="center")
            _merged(table, r, 1, last, row[1], bold=True, size=11)
        else:
            for c, text in enumerate(row):
                ds.cell_text(table.cell(r, c), text, size=11, align="left" if c in (1, last) else "center")


def register_template() -> DocxDocument:
    """templates/Danh-muc-tai-lieu-HTQLCL.docx: STCL's PL03 with Jinja variables (docxtpl).

    Variables: groups (numeral, title, rows of seq/name/code/revision/issued/note), withdrawn (rows),
    updated (dd/mm/yyyy), basis (what the Ghi chú marks compare with), place_date.
    """
    doc = ds.new_document(size=13)
    ds.para(doc, "PL03", italic=True, align="right", after=0)
    ds.para(doc, f"{ds.AGENCY} TỈNH KHÁNH HÒA", bold=True, align="center", after=8)
    ds.title(doc, "DANH MỤC TÀI LIỆU HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG\nTHEO TIÊU CHUẨN TCVN ISO 9001:2015",
             sub="(Cập nhật ngày {{ updated }})", before=0)
    row = ["{{ d.seq }}", "{{ d.name }}", "{{ d.code }}", "{{ d.revision }}", "{{ d.issued }}", "{{ d.note }}"]
    _loop_table(doc, REGISTER_COLUMNS, [
        ["{%tr for g in groups %}"],
        ["{{ g.numeral }}", "{{ g.title }}"],
        ["{%tr for d in g.rows %}"],
        row,
        ["{%tr endfor %}"],
        ["{%tr endfor %}"],
    ], groups=True)
    ds.para(doc, "{%p if withdrawn %}")
    ds.para(doc, "TÀI LIỆU THU HỒI (không còn hiệu lực, so với danh mục trước)", bold=True, before=9, after=3)
    _loop_table(doc, WITHDRAWN_COLUMNS, [["{%tr for d in withdrawn %}"], row, ["{%tr endfor %}"]], groups=False)
    ds.para(doc, "{%p endif %}")
    ds.para(doc, "{{ basis }}", italic=True, size=11, before=6, after=0)
    ds.para(doc, "Ghi chú: “mới” — tài liệu chưa có trong danh mục trước; “sửa đổi” — lần ban hành hoặc ngày "
                 "ban hành khác danh mục trước; “thu hồi” — tài liệu không còn hiệu lực.", italic=True, size=11)
    ds.para(doc, "{{ place_date }}", italic=True, align="right", before=6, after=3)
    ds.signature_blocks(doc, [ds.Signature("NGƯỜI LẬP", None, note=""), ds.Signature("TRƯỞNG BAN", None)],
                        gap_lines=2)
    return doc
