"""Quality objectives plans and reports as other offices lay them out.

- a Sở's plan in a landscape section: Decree-30 title "KẾ HOẠCH" / "Thực hiện mục tiêu chất lượng
  năm 2026 của Sở Tư pháp", a two-row merged header ("Tổ chức thực hiện" over "Đơn vị chủ trì" |
  "Đơn vị phối hợp"), "Chỉ tiêu/Mục tiêu cụ thể", "Thời gian hoàn thành", a row of column numbers,
  group rows merged across the table;
- a unit's report whose "Đánh giá" is split into "Đạt" | "Không đạt" marked with "x".
`EXPECTED[name]` holds the key fields and `OBJECTIVES[name]` the (no, objective, target, owner,
deadline[, evaluation]) of each objective.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from wild import kit

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
PLAN_ROWS = [
    ["1", "Giải quyết thủ tục hành chính đúng hạn", "100% hồ sơ giải quyết đúng và trước hạn",
     "Theo dõi, nhắc hạn trên hệ thống một cửa điện tử", "Phòng Hành chính tư pháp", "Văn phòng Sở",
     "Tháng 12/2026"],
    ["2", "Giảm hồ sơ phải bổ sung", "Dưới 5% hồ sơ phải yêu cầu bổ sung",
     "Niêm yết, hướng dẫn thành phần hồ sơ", "Phòng Hành chính tư pháp", "", "Quý IV/2026"],
    ["3", "Nâng cao chất lượng văn bản QPPL được thẩm định", "100% văn bản thẩm định đúng thời hạn luật định",
     "Xây dựng sổ tay thẩm định", "Phòng Xây dựng và kiểm tra VBQPPL", "Các phòng", "31/12/2026"],
]


def plan_so_tu_phap(path: Path) -> Path:
    d = kit.new()
    kit.landscape(d)
    head = kit.grid(d, [["UBND TỈNH LÂM ĐỒNG\nSỞ TƯ PHÁP", MOTTO],
                        ["Số: 15/KH-STP", "Lâm Đồng, ngày 08 tháng 01 năm 2026"]], style=None)
    kit.set_text(head.cell(0, 0), "UBND TỈNH LÂM ĐỒNG\nSỞ TƯ PHÁP", bold=True)
    d.add_paragraph().add_run("KẾ HOẠCH").bold = True
    d.add_paragraph().add_run("Thực hiện mục tiêu chất lượng năm 2026 của Sở Tư pháp").bold = True
    d.add_paragraph("Căn cứ Chính sách chất lượng của Sở Tư pháp, Giám đốc Sở ban hành kế hoạch như sau:")
    rows = [
        ["TT", "Mục tiêu", "Chỉ tiêu/Mục tiêu cụ thể", "Biện pháp thực hiện", "Tổ chức thực hiện", "",
         "Thời gian hoàn thành"],
        ["", "", "", "", "Đơn vị chủ trì", "Đơn vị phối hợp", ""],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
        ["I", "MỤC TIÊU VỀ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", "", "", "", "", ""],
        *PLAN_ROWS[:2],
        ["II", "MỤC TIÊU VỀ XÂY DỰNG THỂ CHẾ", "", "", "", "", ""],
        PLAN_ROWS[2],
    ]
    table = kit.grid(d, rows)
    for c in (0, 1, 2, 3, 6):
        kit.merge(table, 0, c, 1, c)
    kit.merge(table, 0, 4, 0, 5)
    kit.merge(table, 3, 1, 3, 6)
    kit.merge(table, 6, 1, 6, 6)
    kit.repeat_header_row(table, 3)
    kit.grid(d, [["Nơi nhận:\n- Các phòng, đơn vị;\n- Lưu: VT.", "GIÁM ĐỐC\n\n\n\nLương Văn Thành"]], style=None)
    return kit.save(d, path)


REPORT_ROWS = [
    ["1", "Giải quyết hồ sơ đúng hạn", "100% hồ sơ đúng hạn", "Nhắc hạn hằng tuần", "Bộ phận một cửa",
     "12/2026", "99,2% hồ sơ đúng hạn", "", "x"],
    ["2", "Không có phản ánh, kiến nghị", "0 phản ánh", "Công khai quy trình", "Bộ phận một cửa",
     "12/2026", "Không có phản ánh", "x", ""],
]


def report_phong(path: Path) -> Path:
    d = kit.new()
    kit.landscape(d)
    d.sections[0].header.paragraphs[0].text = "BM.MTCL.02"
    d.add_paragraph("SỞ TƯ PHÁP TỈNH LÂM ĐỒNG")
    d.add_paragraph().add_run("BÁO CÁO KẾT QUẢ THỰC HIỆN MỤC TIÊU CHẤT LƯỢNG NĂM 2026").bold = True
    d.add_paragraph("Đơn vị: Phòng Hành chính tư pháp")
    rows = [
        ["STT", "Mục tiêu", "Chỉ tiêu", "Biện pháp", "Người thực hiện", "Thời hạn", "Kết quả thực hiện",
         "Đánh giá", ""],
        ["", "", "", "", "", "", "", "Đạt", "Không đạt"],
        *REPORT_ROWS,
    ]
    table = kit.grid(d, rows)
    for c in range(7):
        kit.merge(table, 0, c, 1, c)
    kit.merge(table, 0, 7, 0, 8)
    d.add_paragraph("Lâm Đồng, ngày 20 tháng 12 năm 2026")
    kit.grid(d, [["NGƯỜI LẬP\n\n\n\nTrương Mỹ Linh", "TRƯỞNG PHÒNG\n\n\n\nCao Văn Hiếu"]], style=None)
    return kit.save(d, path)


EXPECTED: dict[str, dict[str, object]] = {
    "plan_so_tu_phap": {"year": 2026, "unit": "Sở Tư pháp", "approved_on": dt.date(2026, 1, 8),
                        "approved_by": "Lương Văn Thành"},
    "report_phong": {"year": 2026, "unit": "Phòng Hành chính tư pháp", "reported_on": dt.date(2026, 12, 20)},
}
OBJECTIVES = {
    "plan_so_tu_phap": [(r[0], r[1], r[2], r[4], r[6]) for r in PLAN_ROWS],
    "report_phong": [(r[0], r[1], r[2], r[4], r[5], "Đạt" if r[7] else "Không đạt") for r in REPORT_ROWS],
}
KINDS = {"plan_so_tu_phap": "objectives_plan", "report_phong": "objectives_report"}
BUILDERS = {f.__name__: f for f in (plan_so_tu_phap, report_phong)}
