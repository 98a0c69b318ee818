"""Real BM.CTCL.01 request forms (python-docx) for end-to-end tests of `qms check` and its outputs.

The layout is the plain one of SPEC §3.2: form code in the page header, the agency and the title as
paragraphs, then a two-column label | value table.
"""

from __future__ import annotations

from pathlib import Path

import docx

TITLE = "PHIẾU YÊU CẦU HÀNH ĐỘNG KHẮC PHỤC/CẢI TIẾN"
CODE = "BM.CTCL.01"

# Text crafted to break reports (SPEC §9): HTML, a spreadsheet formula, an entity-like ampersand and
# template syntax. It starts with "=" so a spreadsheet would take it for a formula; it holds no date.
HOSTILE = ('=HYPERLINK("http://evil.invalid/?a=1&b=2","Bấm vào đây") <script>alert("xss")</script> '
           "<img src=x onerror=alert(2)> Tom & Jerry &amp; {{ x }} {% raw %}")
HOSTILE_FILE = "06-2026 Tom & Jerry #1 'x'.docx"  # a link to it must be URL-quoted (valid on Windows too)


def capa_form(path: Path, fields: dict[str, str]) -> Path:
    """Write one BM.CTCL.01 form whose table holds `fields` (label → value, in order)."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = f"{CODE}  Lần ban hành: 01"
    document.add_paragraph("UBND TỈNH KHÁNH HÒA\nBAN DÂN TỘC")
    document.add_paragraph(TITLE)
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in fields.items():
        cells = table.add_row().cells
        cells[0].text, cells[1].text = label, value
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def request(number: str, opened_on: str, due_on: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    """Box 1 and 2 of an open request (approved, analysed), with labels as printed on the form."""
    fields = {
        "Số phiếu": number,
        "Ngày lập": opened_on,
        "Loại yêu cầu": "☒ Khắc phục   ☐ Cải tiến",
        "Nguồn phát hiện": "☒ Đánh giá nội bộ  ☐ Phản hồi của khách hàng  ☐ Khác",
        "Đơn vị được yêu cầu": "Văn phòng",
        "Người yêu cầu": "Nguyễn Thị Nguyệt",
        "Nội dung yêu cầu": "Sổ theo dõi hồ sơ chưa được cập nhật đầy đủ theo quy định.",
        "Nguyên nhân gốc rễ": "Chưa phân công người phụ trách cập nhật sổ.",
        "Biện pháp khắc phục/cải tiến": "Phân công chuyên viên cập nhật sổ hằng tuần.",
        "Người thực hiện": "Trần Văn Bình",
        "Thời hạn hoàn thành": due_on,
        "Lãnh đạo Ban ISO phê duyệt": f"Ngày {opened_on}\nVõ Nam Thắng",
    }
    return {**fields, **(extra or {})}


def hostile_inbox(inbox: Path) -> None:
    """Forms whose text would break a report: HOSTILE in unit, description and due date (an invalid
    date, so CTCL093 quotes it), and units/values starting with the other formula characters + - @."""
    capa_form(inbox / "capa" / "05-2026.docx", request("05/2026", "01/09/2026", "31/12/2026"))
    capa_form(inbox / "capa" / HOSTILE_FILE, request("06/2026", "01/10/2026", HOSTILE, {
        "Đơn vị được yêu cầu": HOSTILE, "Nội dung yêu cầu": HOSTILE}))
    capa_form(inbox / "capa" / "07-2026.docx", request("07/2026", "01/10/2026", "-1-1", {
        "Đơn vị được yêu cầu": "+1+1 Phòng Kế hoạch"}))
    capa_form(inbox / "capa" / "08-2026.docx", request("08/2026", "01/10/2026", "31/02/2026", {
        "Đơn vị được yêu cầu": "@SUM(A1:A2) Phòng Chính sách"}))
