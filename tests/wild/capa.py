"""BM.CTCL.01 as other offices fill it in: each builder writes one request and returns its path.

The expected values of every builder are in `EXPECTED[name]` — what a person reading the printed
form would write down, nothing more (the tests compare the pipeline's reading with them).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from wild import kit

D = dt.date

# --- 1. Sở Tư pháp: header table in the body (logo | title | code block), numbered paragraphs, values
# on the next paragraph, (x) and [x] marks, "ngày 5 tháng 3 năm 2026" and "05.04.2026" dates.
STP_DESCRIPTION = ("Qua kiểm tra hồ sơ chứng thực tháng 02/2026, có 04 hồ sơ trả kết quả trễ hạn "
                   "nhưng không có văn bản xin lỗi gửi người dân theo quy định.")
STP_CAUSE = "Bộ phận một cửa chưa theo dõi thời hạn trên phần mềm một cửa điện tử."
STP_ACTIONS = ("- Rà soát toàn bộ hồ sơ trễ hạn quý I/2026 và gửi văn bản xin lỗi.\n"
               "- Giao công chức một cửa kiểm tra thời hạn hằng ngày trên phần mềm.")


def capa_so_tu_phap(path: Path) -> Path:
    d = kit.new()
    top = kit.grid(d, [["SỞ TƯ PHÁP\nTỈNH LÂM ĐỒNG", "PHIẾU YÊU CẦU HÀNH ĐỘNG KHẮC PHỤC",
                        "Mã số: BM.CTCL.01\nLần ban hành: 02\nNgày ban hành: 15/01/2024\nTrang: 1/1"]])
    kit.set_text(top.cell(0, 1), "PHIẾU YÊU CẦU HÀNH ĐỘNG KHẮC PHỤC", bold=True)
    for text in [
        "",
        "1. Số phiếu: 07/2026/STP\t\t2. Ngày mở phiếu: ngày 5 tháng 3 năm 2026",
        "3. Loại: (x) Khắc phục    ( ) Cải tiến",
        "4. Nguồn gốc:",
        "[x] Đánh giá nội bộ   [ ] Khiếu nại của khách hàng   [ ] Xem xét của lãnh đạo   [ ] Khác",
        "5. Đơn vị thực hiện: Phòng Hành chính tư pháp",
        "6. Người đề xuất: Lê Thị Hoa",
        "7. Mô tả sự không phù hợp:",
        STP_DESCRIPTION,
        "8. Phân tích nguyên nhân:",
        STP_CAUSE,
        "9. Giải pháp:",
        *STP_ACTIONS.split("\n"),
        "10. Đơn vị/cá nhân thực hiện: Trần Quốc Tuấn, Phòng Hành chính tư pháp",
        "11. Thời hạn: 05.04.2026",
        "12. Đánh giá hiệu lực: (x) Đạt    ( ) Không đạt",
        "13. Ngày kiểm tra: 2026-04-10",
        "14. Ngày đóng phiếu: 10/4/2026",
    ]:
        d.add_paragraph(text)
    kit.grid(d, [["NGƯỜI ĐỀ XUẤT\n(Ký, ghi rõ họ tên)\n\n\nLê Thị Hoa",
                  "LÃNH ĐẠO PHÊ DUYỆT\n(Ký, ghi rõ họ tên)\n\n\nNguyễn Văn Sơn"]], style=None)
    return kit.save(d, path)


# --- 2. Sở Nông nghiệp: two-line all-caps title, code only in the page header, a numbered 4-column
# table, labels typed without diacritics, a choice row with the X in its own cell, Wingdings boxes,
# ISO and two-digit-year dates.
SNN_DESCRIPTION = ("Kế hoạch kiểm tra an toàn thực phẩm năm 2026 ban hành chậm 45 ngày so với "
                   "yêu cầu của mục tiêu chất lượng.")
SNN_CAUSE = "Chưa phân công đầu mối tổng hợp kế hoạch của các phòng chuyên môn."
SNN_ACTIONS = "Giao Phòng Kế hoạch – Tài chính làm đầu mối; lập lịch tổng hợp trước ngày 15/12 hằng năm."


def capa_so_nong_nghiep(path: Path) -> Path:
    d = kit.new()
    d.sections[0].header.paragraphs[0].text = "BM.CTCL.01 - Lần ban hành: 02"
    d.add_paragraph("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG TỈNH GIA LAI")
    d.add_paragraph("")
    d.add_paragraph().add_run("PHIẾU YÊU CẦU THỰC HIỆN").bold = True
    d.add_paragraph().add_run("HÀNH ĐỘNG KHẮC PHỤC/CẢI TIẾN").bold = True
    rows = [
        ["1. THÔNG TIN YÊU CẦU", "", "", "", ""],
        ["1.1. So phieu:", "03/2026/SNN", "", "1.2. Ngay lap:", "2026-03-05"],
        ["1.3. Loại yêu cầu:", "Khắc phục", "X", "Cải tiến", ""],
        ["1.4. Nguồn phát hiện:", "", "", "", ""],
        ["1.5. Đơn vị được yêu cầu:", "Chi cục Quản lý chất lượng nông lâm sản", "", "", ""],
        ["1.6. Nội dung sự không phù hợp:", SNN_DESCRIPTION, "", "", ""],
        ["1.7. Người yêu cầu:", "Phạm Minh Đức", "", "", ""],
        ["2. PHÂN TÍCH VÀ HÀNH ĐỘNG", "", "", "", ""],
        ["2.1. Nguyên nhân gốc rễ:", SNN_CAUSE, "", "", ""],
        ["2.2. Biện pháp khắc phục/cải tiến:", SNN_ACTIONS, "", "", ""],
        ["2.3. Người thực hiện:", "Hoàng Thị Lan", "", "2.4. Thời hạn hoàn thành:", "30/4/26"],
        ["2.5. Phê duyệt:", "Ngày 06/03/2026\nGiám đốc Sở\nĐinh Văn Hùng", "", "", ""],
    ]
    table = kit.grid(d, rows)
    for r in (0, 7):
        kit.merge(table, r, 0, r, 4)
    for r in (3, 4, 5, 6, 8, 9, 11):
        kit.merge(table, r, 1, r, 4)
    kit.merge(table, 1, 1, 1, 2)
    kit.merge(table, 10, 1, 10, 2)
    kit.set_runs(table.cell(3, 1).paragraphs[0], kit.wingdings_box(True), kit.r(" Đánh giá nội bộ   "),
                 kit.wingdings_box(False), kit.r(" Phản hồi của khách hàng   "), kit.wingdings_box(False),
                 kit.r(" Giám sát quá trình   "), kit.wingdings_box(False), kit.r(" Khác"))
    return kit.save(d, path)


# --- 3. UBND huyện: bold-only headings without colons, values in the paragraphs below, Wingdings
# boxes, and a due date changed with Track Changes left on (the deletion is not the value).
VP_DESCRIPTION = "Hồ sơ đăng ký hộ tịch lưu tại bộ phận một cửa không có sổ theo dõi giao nhận hồ sơ."
VP_CAUSE = "Quy trình nội bộ chưa quy định trách nhiệm lập sổ giao nhận."
VP_ACTIONS = "Bổ sung mẫu sổ giao nhận vào quy trình; tập huấn cho công chức một cửa."


def capa_ubnd_huyen(path: Path) -> Path:
    d = kit.new()
    d.sections[0].header.paragraphs[0].text = "Mã hiệu: BM.CTCL.01\tLần ban hành: 01"
    d.add_paragraph("UBND HUYỆN KRÔNG PẮC\nVĂN PHÒNG HĐND VÀ UBND")
    kit.raw_paragraph(d, kit.r("PHIẾU YÊU CẦU", bold=True) + "<w:r><w:br/></w:r>"
                      + kit.r("HÀNH ĐỘNG KHẮC PHỤC/CẢI TIẾN", bold=True))
    d.add_paragraph("Số phiếu: 15/2026/VP")
    d.add_paragraph("Ngày lập: 12/03/2026")
    kit.raw_paragraph(d, kit.r("Loại yêu cầu:  ") + kit.wingdings_box(True) + kit.r(" Khắc phục   ")
                      + kit.wingdings_box(False) + kit.r(" Cải tiến"))
    kit.raw_paragraph(d, kit.r("Nguồn phát hiện:  ") + kit.wingdings_box(False) + kit.r(" Đánh giá nội bộ   ")
                      + kit.wingdings_box(True) + kit.r(" Phản hồi của khách hàng"))
    d.add_paragraph("Đơn vị được yêu cầu: Bộ phận tiếp nhận và trả kết quả")
    d.add_paragraph("Người yêu cầu: Võ Thị Mai")
    for heading, value in (("Nội dung sự không phù hợp", VP_DESCRIPTION), ("Nguyên nhân", VP_CAUSE),
                           ("Biện pháp khắc phục", VP_ACTIONS)):
        kit.bold_paragraph(d, heading)
        d.add_paragraph(value)
    d.add_paragraph("Người thực hiện: Nguyễn Hữu Phước")
    kit.raw_paragraph(d, kit.r("Thời hạn hoàn thành: ") + kit.deleted("31/03/2026") + kit.inserted("15/04/2026"))
    d.add_paragraph("Lãnh đạo phê duyệt: Trần Đình Khoa, ngày 13/03/2026")
    return kit.save(d, path)


# --- 4. Sở Y tế: labels over values (a row of column heads, values in the row below), the title on
# one line with "THỰC HIỆN", and an approval cell whose date is written in words.
SYT_DESCRIPTION = "Tỷ lệ hồ sơ cấp chứng chỉ hành nghề giải quyết đúng hạn quý I/2026 đạt 91%, thấp hơn mục tiêu 98%."


def capa_so_y_te(path: Path) -> Path:
    d = kit.new()
    d.sections[0].header.paragraphs[0].text = "BM.CTCL.01"
    d.add_paragraph("SỞ Y TẾ TỈNH ĐẮK LẮK")
    d.add_paragraph().add_run("PHIẾU YÊU CẦU THỰC HIỆN HÀNH ĐỘNG KHẮC PHỤC/CẢI TIẾN").bold = True
    rows = [
        ["Số phiếu", "Ngày lập phiếu", "Đơn vị được yêu cầu", "Người lập phiếu"],
        ["21/2026", "02/4/2026", "Phòng Nghiệp vụ Y", "Đỗ Quang Vinh"],
        ["Loại yêu cầu", "Nguồn phát hiện", "Thời hạn hoàn thành", "Người thực hiện"],
        ["☐ Khắc phục\n☒ Cải tiến", "☒ Mục tiêu chất lượng\n☐ Khác", "30/6/2026", "Lý Thị Thu"],
        ["Nội dung yêu cầu", "", "", ""],
        [SYT_DESCRIPTION, "", "", ""],
        ["Phê duyệt", "", "", ""],
        ["Ngày 03 tháng 4 năm 2026\nPHÓ GIÁM ĐỐC\n(đã ký)\nLê Văn Tâm", "", "", ""],
    ]
    table = kit.grid(d, rows)
    for r in (4, 5, 6, 7):
        kit.merge(table, r, 0, r, 3)
    return kit.save(d, path)


# --- 5. Sở Kế hoạch: the whole header block is a table in the PAGE HEADER (agency | title | code
# block in one cell with line breaks); items lettered "a)", the bare labels "Số" and "Ngày", choices
# as a small table of options over a row of ticks, nested in the value cell or spread over the rows.
SKH_DESCRIPTION = "Biên bản thẩm định dự án đầu tư công chưa lưu đủ ý kiến của các sở, ngành liên quan."


def capa_so_ke_hoach(path: Path) -> Path:
    d = kit.new()
    kit.header_table(d, [["UBND TỈNH BÌNH ĐỊNH\nSỞ KẾ HOẠCH VÀ ĐẦU TƯ",
                          "PHIẾU YÊU CẦU HÀNH ĐỘNG KHẮC PHỤC/CẢI TIẾN",
                          "Mã hiệu: BM.CTCL.01\nLần ban hành: 03\nNgày ban hành: 01/6/2025"]], [50, 80, 40])
    rows = [
        ["a) Số:", "09/2026/SKH"],
        ["b) Ngày:", "5/3/26"],
        ["c) Loại:", ""],
        ["d) Nguồn:", "Đánh giá nội bộ"],
        ["đ) Đơn vị:", "Phòng Thẩm định và Giám sát đầu tư"],
        ["e) Nội dung đề xuất:", SKH_DESCRIPTION],
        ["g) Nguyên nhân:", "Chưa có danh mục hồ sơ thẩm định bắt buộc."],
        ["h) Biện pháp:", "Ban hành danh mục hồ sơ thẩm định; kiểm tra trước khi trình ký."],
        ["i) Thời hạn:", "2026-05-15"],
        ["k) Kết quả kiểm tra:", "Đạt", "Không đạt"],
        ["", "✓", ""],
        ["l) Người kiểm tra:", "Huỳnh Tấn Phát"],
    ]
    table = kit.grid(d, [row + [""] * (3 - len(row)) for row in rows])
    for r in range(len(rows)):
        if r not in (9, 10):
            kit.merge(table, r, 1, r, 2)
    kit.merge(table, 9, 0, 10, 0)
    kit.grid(table.cell(2, 1), [["Khắc phục", "Cải tiến"], ["", "X"]])
    return kit.save(d, path)


# --- 6. Trung tâm Phục vụ hành chính công: the title in sentence case over two lines of the middle
# cell of a header table (agency | title | code block), labels typed without diacritics, values
# between dotted leaders, marks after their options, a dashed date.
TT_DESCRIPTION = "Kiosk lấy số thứ tự ngừng hoạt động 02 ngày, không có phương án tiếp nhận thay thế."


def capa_trung_tam(path: Path) -> Path:
    d = kit.new()
    top = kit.grid(d, [["UBND TỈNH ĐỒNG THÁP\nTRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
                        "Phiếu yêu cầu\nhành động khắc phục/cải tiến",
                        "BM.CTCL.01\nLần ban hành: 01\nNgày ban hành: 02/01/2025"]])
    kit.set_text(top.cell(0, 1), "Phiếu yêu cầu\nhành động khắc phục/cải tiến", bold=True)
    d.add_paragraph("")
    kit.grid(d, [["So phieu", "……04/2026/TTPVHCC……"],
                 ["Ngay lap", "05-3-2026"],
                 ["Loai yeu cau", "Khắc phục ☒    Cải tiến ☐"],
                 ["Nguon phat hien", "Phản hồi của khách hàng ☒    Đánh giá nội bộ ☐"],
                 ["Don vi duoc yeu cau", "……Bộ phận tiếp nhận và trả kết quả……"],
                 ["Noi dung yeu cau", TT_DESCRIPTION],
                 ["Thoi han hoan thanh", "20-3-2026"]])
    return kit.save(d, path)


# --- 7. Sở Giáo dục: a form still typed in the TCVN3 (ABC) legacy font — .VnTime for the text, the
# title in .VnTimeH typed in capitals (the legacy letters of capitals are stored as small ones).
SGD_LINES = [
    ("Sở giáo dục và đào tạo tỉnh Hà Giang", False),
    ("PHIẾU YÊU CẦU HÀNH ĐỘNG KHẮC PHỤC/CẢI TIẾN", True),
    ("Số phiếu: 11/2026/SGD", False),
    ("Ngày lập: 16/3/2026", False),
    ("Loại yêu cầu: [x] Khắc phục  [ ] Cải tiến", False),
    ("Đơn vị được yêu cầu: Phòng Giáo dục trung học", False),
    ("Nội dung yêu cầu: Hồ sơ công nhận trường đạt chuẩn quốc gia lưu thiếu biên bản kiểm tra thực tế.", False),
    ("Nguyên nhân: Chưa phân công người kiểm tra thành phần hồ sơ trước khi lưu.", False),
    ("Biện pháp khắc phục: Lập phiếu kiểm soát thành phần hồ sơ và giao chuyên viên kiểm tra.", False),
    ("Thời hạn hoàn thành: 30/4/2026", False),
]


def _tcvn3(text: str, capitals: bool) -> str:
    """Text as the ABC keyboard driver stores it in a .VnTime (or, for capitals, .VnTimeH) run."""
    from pipeline.text.legacy import TCVN3  # the published code table, read backwards

    inverse = {uni: code for code, uni in sorted(TCVN3.items(), key=lambda kv: len(kv[0]))}
    encoded = "".join(inverse.get(ch, ch) for ch in (text.lower() if capitals else text))
    return "".join(ch.upper() if capitals and ch.isascii() else ch for ch in encoded)


def capa_tcvn3(path: Path) -> Path:
    d = kit.new()
    d.sections[0].header.paragraphs[0].text = "BM.CTCL.01"
    for text, capitals in SGD_LINES:
        run = d.add_paragraph().add_run(_tcvn3(text, capitals))
        run.font.name = ".VnTimeH" if capitals else ".VnTime"
        run.bold = capitals
    return kit.save(d, path)


EXPECTED: dict[str, dict[str, object]] = {
    "capa_so_tu_phap": {
        "number": "07/2026/STP", "opened_on": D(2026, 3, 5), "kind": "Khắc phục", "source": "Đánh giá nội bộ",
        "unit": "Phòng Hành chính tư pháp", "requester": "Lê Thị Hoa", "description": STP_DESCRIPTION,
        "root_cause": STP_CAUSE, "actions": STP_ACTIONS,
        "assignee": "Trần Quốc Tuấn, Phòng Hành chính tư pháp", "due_on": D(2026, 4, 5),
        "approved_by": "Nguyễn Văn Sơn", "verification": "Đạt", "verified_on": D(2026, 4, 10),
        "closed_on": D(2026, 4, 10),
    },
    "capa_so_nong_nghiep": {
        "number": "03/2026/SNN", "opened_on": D(2026, 3, 5), "kind": "Khắc phục", "source": "Đánh giá nội bộ",
        "unit": "Chi cục Quản lý chất lượng nông lâm sản", "requester": "Phạm Minh Đức",
        "description": SNN_DESCRIPTION, "root_cause": SNN_CAUSE, "actions": SNN_ACTIONS,
        "assignee": "Hoàng Thị Lan", "due_on": D(2026, 4, 30), "approved_by": "Đinh Văn Hùng",
        "approved_on": D(2026, 3, 6),
    },
    "capa_ubnd_huyen": {
        "number": "15/2026/VP", "opened_on": D(2026, 3, 12), "kind": "Khắc phục",
        "source": "Phản hồi của khách hàng", "unit": "Bộ phận tiếp nhận và trả kết quả",
        "requester": "Võ Thị Mai", "description": VP_DESCRIPTION, "root_cause": VP_CAUSE, "actions": VP_ACTIONS,
        "assignee": "Nguyễn Hữu Phước", "due_on": D(2026, 4, 15), "approved_by": "Trần Đình Khoa",
        "approved_on": D(2026, 3, 13),
    },
    "capa_so_y_te": {
        "number": "21/2026", "opened_on": D(2026, 4, 2), "kind": "Cải tiến", "source": "Mục tiêu chất lượng",
        "unit": "Phòng Nghiệp vụ Y", "requester": "Đỗ Quang Vinh", "description": SYT_DESCRIPTION,
        "assignee": "Lý Thị Thu", "due_on": D(2026, 6, 30), "approved_by": "Lê Văn Tâm",
        "approved_on": D(2026, 4, 3),
    },
    "capa_so_ke_hoach": {
        "number": "09/2026/SKH", "opened_on": D(2026, 3, 5), "kind": "Cải tiến", "source": "Đánh giá nội bộ",
        "unit": "Phòng Thẩm định và Giám sát đầu tư", "description": SKH_DESCRIPTION,
        "root_cause": "Chưa có danh mục hồ sơ thẩm định bắt buộc.",
        "actions": "Ban hành danh mục hồ sơ thẩm định; kiểm tra trước khi trình ký.", "due_on": D(2026, 5, 15),
        "verification": "Đạt", "verified_by": "Huỳnh Tấn Phát",
    },
    "capa_trung_tam": {
        "number": "04/2026/TTPVHCC", "opened_on": D(2026, 3, 5), "kind": "Khắc phục",
        "source": "Phản hồi của khách hàng", "unit": "Bộ phận tiếp nhận và trả kết quả",
        "description": TT_DESCRIPTION, "due_on": D(2026, 3, 20),
    },
    "capa_tcvn3": {
        "number": "11/2026/SGD", "opened_on": D(2026, 3, 16), "kind": "Khắc phục",
        "unit": "Phòng Giáo dục trung học",
        "description": "Hồ sơ công nhận trường đạt chuẩn quốc gia lưu thiếu biên bản kiểm tra thực tế.",
        "root_cause": "Chưa phân công người kiểm tra thành phần hồ sơ trước khi lưu.",
        "actions": "Lập phiếu kiểm soát thành phần hồ sơ và giao chuyên viên kiểm tra.", "due_on": D(2026, 4, 30),
    },
}

KINDS = dict.fromkeys(EXPECTED, "capa_request")
BUILDERS = {f.__name__: f for f in (capa_so_tu_phap, capa_so_nong_nghiep, capa_ubnd_huyen, capa_so_y_te,
                                             capa_so_ke_hoach, capa_trung_tam, capa_tcvn3)}
