"""Registers as other offices keep them: spreadsheets with title blocks, CSV exports, Word tables.

- a CAPA log workbook: a 5-row title block above the header (row 6), a "TT" column, dates typed as
  text ("05/3/2026") beside real date cells, one unit merged down over its rows, a totals row at the
  bottom, and a hidden lookup sheet (source and unit lists for data validation);
- an NC log exported by Excel on a Vietnamese Windows: CSV in cp1258 (tone marks combining) with ";";
- a records register as a Word table long enough to run over two pages, its header row repeated;
- a document register with section rows "I", "II" (converted to PDF by the tests).
`ROWS[name]` gives key columns and, per data row, the values a person reads in them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from pathlib import Path

import openpyxl
from openpyxl.styles import Font

from wild import kit

D = dt.date

CAPA_HEADER = ["TT", "Số phiếu", "Ngày mở phiếu", "Đơn vị thực hiện", "Nguồn gốc", "Nội dung sự không phù hợp",
               "Nguyên nhân", "Biện pháp khắc phục", "Thời hạn hoàn thành", "Ngày kiểm tra", "Kết quả kiểm tra",
               "Ngày đóng phiếu"]
CAPA_DATA = [
    [1, "01/2026", "05/3/2026", "Phòng Quản lý xây dựng", "ĐGNB", "Hồ sơ cấp phép xây dựng thiếu biên bản kiểm tra",
     "Chưa có danh mục kiểm tra", "Ban hành danh mục kiểm tra", "30/4/2026", D(2026, 4, 25), "Đạt", D(2026, 4, 28)],
    [2, "02/2026", D(2026, 3, 12), None, "Khách hàng", "Trả kết quả trễ hạn 02 hồ sơ",
     "Chưa theo dõi hạn xử lý", "Nhắc hạn trên phần mềm", D(2026, 5, 15), None, None, None],
    [3, "03/2026", "2/6/2026", "Văn phòng Sở", "MTCL", "Tỷ lệ văn bản điện tử chưa đạt mục tiêu",
     "Chưa có chữ ký số cá nhân", "Cấp chữ ký số cho công chức", "31/8/2026", None, None, None],
]
CAPA_ROWS = [  # number, opened_on, unit, source, due_on, verification, closed_on
    ("01/2026", D(2026, 3, 5), "Phòng Quản lý xây dựng", "Đánh giá nội bộ", D(2026, 4, 30), "Đạt", D(2026, 4, 28)),
    ("02/2026", D(2026, 3, 12), "Phòng Quản lý xây dựng", "Phản hồi của khách hàng", D(2026, 5, 15), None, None),
    ("03/2026", D(2026, 6, 2), "Văn phòng Sở", "Mục tiêu chất lượng", D(2026, 8, 31), None, None),
]


def capa_log_xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sổ HĐKP 2026"
    ws["A1"], ws["H1"] = "UBND TỈNH BÌNH THUẬN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    ws["A2"], ws["H2"] = "SỞ XÂY DỰNG", "Độc lập - Tự do - Hạnh phúc"
    ws["A3"] = "SỔ THEO DÕI HÀNH ĐỘNG KHẮC PHỤC, CẢI TIẾN"
    ws["A4"] = "Năm 2026"
    ws.merge_cells("A3:L3")
    ws.merge_cells("A4:L4")
    ws["A3"].font = Font(bold=True, size=14)
    for c, text in enumerate(CAPA_HEADER, 1):
        ws.cell(row=6, column=c, value=text).font = Font(bold=True)
    for r, row in enumerate(CAPA_DATA, 7):
        for c, value in enumerate(row, 1):
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, dt.date):
                cell.number_format = "dd/mm/yyyy"
    ws.merge_cells("D7:D8")  # the same unit for both requests
    ws["A10"] = "Tổng cộng: 03 phiếu"
    ws.merge_cells("A10:C10")
    ws["J12"] = "Bình Thuận, ngày 30 tháng 6 năm 2026"
    ws["J13"] = "NGƯỜI LẬP SỔ"
    lists = wb.create_sheet("DanhMuc")
    lists.append(["Nguồn", "Đơn vị", "Loại"])
    for row in (["ĐGNB", "Văn phòng Sở", "Khắc phục"], ["Khách hàng", "Phòng Quản lý xây dựng", "Cải tiến"],
                ["MTCL", "Thanh tra Sở", ""]):
        lists.append(row)
    lists.sheet_state = "hidden"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


NC_ROWS = [  # recorded_on, round, unit, clause, capa_number
    (D(2026, 10, 14), "Đợt 2/2026", "Phòng Kế hoạch - Tài chính", "7.5.3", "05/2026"),
    (D(2026, 10, 15), "Đợt 2/2026", "Thanh tra Sở", "8.5.1", None),
]
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def windows_vietnamese(text: str) -> bytes:
    """What Excel on a Vietnamese Windows writes for "CSV": code page 1258, where ê, ơ, ư, ă, â, ô, đ
    are single bytes and the five tone marks follow their letter as combining characters."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        marks = unicodedata.normalize("NFD", ch)
        tones = "".join(m for m in marks if m in _TONES)
        out.append(unicodedata.normalize("NFC", "".join(m for m in marks if m not in _TONES)) + tones)
    return "".join(out).encode("cp1258")


def nc_log_csv(path: Path) -> Path:
    rows = [
        ["SỔ THEO DÕI SỰ KHÔNG PHÙ HỢP NĂM 2026", "", "", "", "", "", ""],
        ["STT", "Ngày phát hiện", "Đợt đánh giá", "Đơn vị được đánh giá", "Nội dung sự không phù hợp",
         "Điều khoản", "Số phiếu HĐKP"],
        ["1", "14/10/2026", "Đợt 2/2026", "Phòng Kế hoạch - Tài chính",
         "Hồ sơ quyết toán lưu không đúng danh mục; thiếu phiếu kiểm soát", "7.5.3", "05/2026"],
        ["2", "15/10/2026", "Đợt 2/2026", "Thanh tra Sở", "Chưa đo lường mức độ hài lòng về tiếp công dân",
         "8.5.1", ""],
    ]
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(windows_vietnamese(buf.getvalue()))
    return path


RECORD_NAMES = [f"Hồ sơ giải quyết thủ tục hành chính lĩnh vực {n}" for n in (
    "hộ tịch", "chứng thực", "quốc tịch", "lý lịch tư pháp", "luật sư", "công chứng", "giám định tư pháp",
    "đấu giá tài sản", "trọng tài thương mại", "hòa giải thương mại", "quản tài viên", "trợ giúp pháp lý",
    "bồi thường nhà nước", "nuôi con nuôi", "phổ biến giáo dục pháp luật", "thừa phát lại", "tư vấn pháp luật",
    "kiểm tra văn bản", "theo dõi thi hành pháp luật", "xử lý vi phạm hành chính", "pháp chế", "hợp tác quốc tế",
    "thanh tra", "tiếp công dân", "khiếu nại", "tố cáo", "phòng chống tham nhũng", "thi đua khen thưởng",
    "tổ chức cán bộ", "tài chính kế toán", "văn thư lưu trữ", "cải cách hành chính", "ISO", "công nghệ thông tin",
    "an toàn thông tin", "thống kê")]
RETENTIONS = ["05 năm", "Vĩnh viễn", "10 năm", "Đến khi thay thế"]


def records_register_docx(path: Path) -> Path:
    d = kit.new()
    d.add_paragraph("SỞ TƯ PHÁP TỈNH LÂM ĐỒNG")
    d.add_paragraph().add_run("DANH MỤC HỒ SƠ NĂM 2026").bold = True
    d.add_paragraph("Đơn vị: Văn phòng Sở")
    rows = [["TT", "Tên hồ sơ", "Ký hiệu", "Nơi lưu", "Thời gian lưu trữ", "Ghi chú"]]
    for n, name in enumerate(RECORD_NAMES, 1):
        rows.append([str(n), name, f"HS.{n:02d}", "Văn phòng Sở", RETENTIONS[n % 4], ""])
    table = kit.grid(d, rows)
    kit.repeat_header_row(table)
    d.add_paragraph("Lâm Đồng, ngày 05 tháng 01 năm 2026")
    return kit.save(d, path)


RECORD_ROWS = [(name, RETENTIONS[n % 4]) for n, name in enumerate(RECORD_NAMES, 1)]
DOCUMENTS = [("I", "SỔ TAY CHẤT LƯỢNG"),
             ("1", "Sổ tay chất lượng", "STCL", "02", "15/7/2020"),
             ("II", "CÁC QUY TRÌNH"),
             ("1", "Quy trình kiểm soát thông tin dạng văn bản", "QT.01.KSTL", "03", "10/01/2024"),
             ("2", "Quy trình đánh giá nội bộ", "QT.02.ĐGNB", "02", "10/01/2024"),
             ("3", "Quy trình cải tiến", "QT.03.CTCL", "03", "20/7/2023")]
DOCUMENT_ROWS = [(code, rev, dt.datetime.strptime(day, "%d/%m/%Y").date())
                 for _, _, code, rev, day in (item for item in DOCUMENTS if len(item) == 5)]


def document_register_docx(path: Path) -> Path:
    d = kit.new()
    d.add_paragraph("SỞ TƯ PHÁP TỈNH LÂM ĐỒNG")
    d.add_paragraph().add_run("DANH MỤC TÀI LIỆU HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG").bold = True
    rows = [["STT", "Tên tài liệu", "Mã hiệu", "Lần ban hành", "Ngày ban hành", "Ghi chú"]]
    for item in DOCUMENTS:
        rows.append([*item, ""] if len(item) == 5 else [item[0], item[1], "", "", "", ""])
    table = kit.grid(d, rows)
    for r, item in enumerate(DOCUMENTS, 1):
        if len(item) == 2:
            kit.merge(table, r, 1, r, 5)
    return kit.save(d, path)


ROWS = {  # name -> (columns, the values of each data row in those columns)
    "capa_log_xlsx": (("number", "opened_on", "unit", "source", "due_on", "verification", "closed_on"), CAPA_ROWS),
    "nc_log_csv": (("recorded_on", "round", "unit", "clause", "capa_number"), NC_ROWS),
    "records_register_docx": (("name", "retention"), RECORD_ROWS),
    "document_register_docx": (("code", "revision", "issued_on"), DOCUMENT_ROWS),
}
KINDS = {"capa_log_xlsx": "capa_log", "nc_log_csv": "nc_log", "records_register_docx": "records_register",
         "document_register_docx": "document_register"}
SUFFIX = {"capa_log_xlsx": ".xlsx", "nc_log_csv": ".csv"}
BUILDERS = {f.__name__: f for f in (capa_log_xlsx, nc_log_csv, records_register_docx, document_register_docx)}
