"""Controlled documents as other offices head them.

- a procedure whose header block is a 3-column table in the PAGE HEADER: agency | title | one cell
  "Mã hiệu: … / Lần ban hành: … / Lần sửa đổi: … / Ngày ban hành: … / Trang: …" with line breaks
  (the amendment number "Lần sửa đổi" is a field of its own, not the issue); a dash code
  ("QT-HCTP-01"); an approval table with a "Họ và tên" row; "BIỂU MẪU" and "HỒ SƠ" tables;
- a guideline whose header block puts each value in the cell right of its label, inside the body.
`EXPECTED[name]` holds code, revision, issued_on, title, approvers, form codes and record retentions.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from wild import kit


def procedure_page_header(path: Path) -> Path:
    d = kit.new()
    kit.header_table(d, [["SỞ TƯ PHÁP\nTỈNH LÂM ĐỒNG", "QUY TRÌNH\nCHỨNG THỰC BẢN SAO TỪ BẢN CHÍNH",
                          "Mã hiệu: QT-HCTP-01\nLần ban hành: 02\nLần sửa đổi: 01\nNgày ban hành: 15/3/2025\n"
                          "Trang: 1/3"]], [45, 85, 45])
    kit.grid(d, [["", "Người viết", "Người kiểm tra", "Người phê duyệt"],
                            ["Chữ ký", "", "", ""],
                            ["Họ và tên", "Trần Thị Thủy", "Lê Minh Quân", "Lương Văn Thành"],
                            ["Chức vụ", "Chuyên viên", "Chánh Văn phòng", "Giám đốc Sở"]])
    for text in ["1. MỤC ĐÍCH", "Quy định trình tự chứng thực bản sao từ bản chính tại Bộ phận một cửa.",
                 "2. PHẠM VI ÁP DỤNG", "Áp dụng tại Phòng Hành chính tư pháp và Bộ phận một cửa.",
                 "3. NỘI DUNG QUY TRÌNH", "Tiếp nhận, kiểm tra, chứng thực và trả kết quả trong ngày.",
                 "4. BIỂU MẪU"]:
        d.add_paragraph(text)
    kit.grid(d, [["TT", "Tên biểu mẫu", "Mã hiệu"],
                 ["1", "Sổ chứng thực bản sao từ bản chính", "BM-HCTP-01.01"],
                 ["2", "Phiếu hẹn trả kết quả", "BM-HCTP-01.02"]])
    d.add_paragraph("5. HỒ SƠ")
    kit.grid(d, [["TT", "Tên hồ sơ", "Nơi lưu", "Thời gian lưu trữ"],
                 ["1", "Sổ chứng thực bản sao từ bản chính", "Bộ phận một cửa", "Vĩnh viễn"],
                 ["2", "Phiếu hẹn trả kết quả", "Bộ phận một cửa", "01 năm"]])
    return kit.save(d, path)


def guideline_value_cells(path: Path) -> Path:
    d = kit.new()
    block = kit.grid(d, [["UBND HUYỆN KRÔNG PẮC\nVĂN PHÒNG HĐND VÀ UBND", "HƯỚNG DẪN\nLƯU TRỮ HỒ SƠ MỘT CỬA",
                          "Mã số", "HD.03.VP"],
                         ["", "", "Ban hành lần", "01"],
                         ["", "", "Ngày ban hành", "02/01/2026"]])
    kit.merge(block, 0, 0, 2, 0)
    kit.merge(block, 0, 1, 2, 1)
    for text in ["I. MỤC ĐÍCH", "Thống nhất cách lưu trữ hồ sơ tại bộ phận một cửa.", "II. NỘI DUNG",
                 "Hồ sơ được sắp xếp theo lĩnh vực, năm và số thứ tự tiếp nhận."]:
        d.add_paragraph(text)
    return kit.save(d, path)


EXPECTED: dict[str, dict[str, object]] = {
    "procedure_page_header": {
        "code": "QT-HCTP-01", "revision": "02", "issued_on": dt.date(2025, 3, 15),
        "title": "QUY TRÌNH CHỨNG THỰC BẢN SAO TỪ BẢN CHÍNH", "drafted_by": "Trần Thị Thủy",
        "reviewed_by": "Lê Minh Quân", "approved_by": "Lương Văn Thành",
    },
    "guideline_value_cells": {
        "code": "HD.03.VP", "revision": "01", "issued_on": dt.date(2026, 1, 2),
        "title": "HƯỚNG DẪN LƯU TRỮ HỒ SƠ MỘT CỬA",
    },
}
FORMS = {"procedure_page_header": ["BM-HCTP-01.01", "BM-HCTP-01.02"], "guideline_value_cells": []}
RETENTIONS = {"procedure_page_header": [{"permanent": True}, {"years": 1}], "guideline_value_cells": []}
KINDS = dict.fromkeys(EXPECTED, "controlled_document")
BUILDERS = {f.__name__: f for f in (procedure_page_header, guideline_value_cells)}
