"""The registers of the scenario: CAPA log (XLSX), nonconformity log (CSV), internal audit rounds (XLSX).

The CAPA log repeats the forms it lists with exactly the form's values (except one deliberate
disagreement, CTCL015) and holds older requests that have no form in the inbox (CTCL064 for
those opened less than 3 years before AS_OF). The NC log carries the recurrence stories:
Phòng Chính sách 4 rounds in a row with no request (CTCL030), Văn phòng 3 rounds (nothing), and
Phòng Kế hoạch - Tổng hợp recorded again after 06/2025 was closed Đạt (CTCL031).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from tools.samples import ISO_LEAD, ISO_SECRETARY
from tools.samples.form_registers import Sheet, write_csv, write_xlsx
from tools.samples.form_sample import Sample
from tools.samples.form_scenario_capa import CASES, CS, KH, TT, VP, capa

D = dt.date

LOG_ONLY: list[dict[str, Any]] = [  # requests with no form in the inbox
    capa("08/2023", VP, D(2023, 8, 14), "Khắc phục", "Giám sát quá trình",
         "Máy chủ lưu trữ dữ liệu của cơ quan chưa được sao lưu định kỳ.",
         root="Chưa có lịch sao lưu.", actions="Lập lịch sao lưu hằng tuần.", due=D(2023, 9, 29),
         approved=D(2023, 8, 16), evidence="Nhật ký sao lưu", verified_on=D(2023, 9, 27),
         closed_on=D(2023, 10, 20)),
    capa("10/2023", TT, D(2023, 10, 2), "Khắc phục", "Giám sát quá trình",
         "Quyết định thanh tra chưa gửi đối tượng thanh tra đúng thời hạn.",
         root="Chưa theo dõi thời hạn gửi quyết định.", actions="Bổ sung bước kiểm soát thời hạn gửi.",
         due=D(2023, 11, 30), approved=D(2023, 10, 4), evidence="Sổ theo dõi gửi quyết định",
         verified_on=D(2023, 11, 28), closed_on=D(2023, 12, 15)),
    capa("03/2024", CS, D(2024, 3, 11), "Khắc phục", "Giám sát quá trình",
         "Báo cáo kết quả thực hiện chính sách đối với người có uy tín gửi UBND tỉnh chậm.",
         root="Số liệu các huyện gửi muộn.", actions="Đặt thời hạn gửi số liệu cho các huyện.",
         due=D(2024, 5, 31), approved=D(2024, 3, 13), evidence="Công văn đôn đốc; báo cáo gửi đúng hạn",
         verified_on=D(2024, 5, 28), closed_on=D(2024, 5, 31)),
    capa("07/2024", VP, D(2024, 6, 24), "Khắc phục", "Đánh giá nội bộ",
         "Chưa niêm yết đầy đủ thủ tục hành chính tại bộ phận một cửa.",
         root="Chưa cập nhật khi có quyết định công bố mới.", actions="Niêm yết bổ sung; rà soát hằng quý.",
         due=D(2024, 8, 30), approved=D(2024, 6, 26), evidence="Ảnh chụp bảng niêm yết",
         verified_on=D(2024, 8, 28), closed_on=D(2024, 9, 6)),
    capa("12/2024", KH, D(2024, 12, 16), "Khắc phục", "Đánh giá nội bộ",
         "Báo cáo thống kê định kỳ chưa có chữ ký của người lập biểu.",
         root="Mẫu báo cáo thiếu ô người lập biểu.", actions="Sửa mẫu báo cáo.", due=D(2025, 2, 28),
         approved=D(2024, 12, 18), evidence="Mẫu báo cáo đã sửa", verified_on=D(2025, 2, 25),
         closed_on=D(2025, 2, 28)),
    capa("02/2025", TT, D(2025, 2, 17), "Khắc phục", "Đánh giá nội bộ",
         "Biên bản làm việc của đoàn thanh tra chưa ghi rõ căn cứ pháp lý.",
         root="Mẫu biên bản cũ.", actions="Ban hành mẫu biên bản mới.", due=D(2025, 4, 30),
         approved=D(2025, 2, 19), evidence="Mẫu biên bản mới", verified_on=D(2025, 4, 25),
         closed_on=D(2025, 5, 6)),
    capa("09/2025", CS, D(2025, 7, 7), "Cải tiến", "Khác",
         "Đề xuất lập sổ tay hướng dẫn nghiệp vụ cho cán bộ làm công tác dân tộc mới tuyển dụng.",
         root="Chưa có tài liệu hướng dẫn.", actions="Biên soạn sổ tay.", due=D(2025, 10, 31),
         approved=D(2025, 7, 9), evidence="Sổ tay hướng dẫn đã phát hành", verified_on=D(2025, 10, 28),
         closed_on=D(2025, 11, 3)),
    capa("15/2026", CS, D(2026, 8, 17), "Khắc phục", "Giám sát quá trình",
         "Chậm cập nhật số liệu hộ nghèo dân tộc thiểu số vào phần mềm quản lý.",
         root="Thiếu người nhập liệu.", actions="Phân công bổ sung người nhập liệu.", due=D(2026, 10, 30),
         approved=D(2026, 8, 19), progress=[(D(2026, 10, 26), "Đã nhập 60% số liệu")]),
]
LOG_HEADER = [
    "STT", "Số phiếu", "Ngày lập", "Đơn vị", "Loại", "Nguồn", "Nội dung", "Nguyên nhân", "Biện pháp",
    "Người thực hiện", "Thời hạn", "Báo cáo tiến độ", "Ngày kiểm tra", "Kết quả kiểm tra", "Người kiểm tra",
    "Bằng chứng", "Ngày đóng", "Số phiếu mới", "Ghi chú",
]
LOG_WIDTHS = [5, 11, 11, 16, 10, 14, 40, 30, 30, 16, 11, 11, 11, 10, 16, 30, 11, 10, 14]
LOG_TITLE = ["BAN DÂN TỘC TỈNH KHÁNH HÒA", "SỔ THEO DÕI HÀNH ĐỘNG KHẮC PHỤC/CẢI TIẾN"]


def _log_row(v: dict[str, Any]) -> list[Any]:
    progress = [d for d, _ in v.get("progress_reports") or [] if isinstance(d, dt.date)]
    return [
        v["number"], v["opened_on"], v["unit"], v["kind"], v["source"], v["description"], v["root_cause"],
        v["actions"], v["assignee"], v["due_on"], max(progress) if progress else None, v.get("verified_on"),
        v.get("verification"), v.get("verified_by"), v.get("evidence"), v.get("closed_on"),
        v.get("follow_up_number"), "",
    ]


def log_rows() -> list[dict[str, Any]]:
    """Every request of the CAPA log, as the log holds it, in order of opening."""
    listed = [c.values | c.log_changes for c in CASES if c.in_log] + LOG_ONLY
    return sorted(listed, key=lambda v: (v["opened_on"], v["number"]))


def write_capa_log(path: Path) -> None:
    sheets: dict[str, list[list[Any]]] = {"2023-2025": [], "2026": []}
    for v in log_rows():
        rows = sheets["2026" if v["opened_on"].year == 2026 else "2023-2025"]
        rows.append([len(rows) + 1, *_log_row(v)])
    notes = ["Ghi chú: Thư ký ISO cập nhật sổ khi nhận phiếu và khi đóng phiếu; cột Báo cáo tiến độ ghi "
             "ngày báo cáo gần nhất."]
    write_xlsx(path, [Sheet(name, [*LOG_TITLE, f"(Năm {name})"], LOG_HEADER, rows, LOG_WIDTHS, notes)
                      for name, rows in sheets.items()],
               extra_text_sheet=("Hướng dẫn", ["HƯỚNG DẪN GHI SỔ", "Mỗi phiếu BM.CTCL.01 ghi một dòng.",
                                                "Ngày ghi theo định dạng ngày/tháng/năm."]),
               creator=ISO_SECRETARY, when=D(2026, 11, 16))


# ---------------------------------------------------------------- internal audit rounds

ROUNDS = [  # (round, start, end)
    ("Đợt 2/2023", D(2023, 11, 13), D(2023, 11, 17)),
    ("Đợt 1/2024", D(2024, 6, 10), D(2024, 6, 14)),
    ("Đợt 2/2024", D(2024, 12, 2), D(2024, 12, 6)),
    ("Đợt 1/2025", D(2025, 6, 9), D(2025, 6, 13)),
    ("Đợt 2/2025", D(2025, 11, 3), D(2025, 11, 7)),
    ("Đợt 1/2026", D(2026, 6, 15), D(2026, 6, 19)),
]


def write_audits(path: Path) -> None:
    rows = [[rnd, start, end, "Toàn bộ HTQLCL tại Văn phòng, các phòng và Thanh tra", ISO_LEAD,
             f"{ISO_SECRETARY}, Lê Văn Thành, Trần Quốc Bảo", ""] for rnd, start, end in ROUNDS]
    header = ["Đợt", "Ngày bắt đầu", "Ngày kết thúc", "Phạm vi", "Trưởng đoàn", "Thành viên đoàn", "Ghi chú"]
    sheet = Sheet("ĐGNB", ["BAN DÂN TỘC TỈNH KHÁNH HÒA", "CHƯƠNG TRÌNH ĐÁNH GIÁ NỘI BỘ HTQLCL"], header, rows,
                  [12, 13, 13, 45, 18, 40, 12], ["Ghi chú: mỗi năm đánh giá nội bộ ít nhất 01 đợt."])
    write_xlsx(path, [sheet], creator=ISO_SECRETARY, when=D(2026, 6, 22))


# ---------------------------------------------------------------- nonconformity log

STREAK = [  # Phòng Chính sách, the same NC worded a little differently each round
    "Hồ sơ thẩm định chính sách dân tộc không lưu phiếu theo dõi quá trình xử lý công việc",
    "Hồ sơ thẩm định chính sách dân tộc chưa lưu phiếu theo dõi quá trình xử lý công việc",
    "Hồ sơ thẩm định chính sách không lưu phiếu theo dõi quá trình xử lý công việc",
    "Hồ sơ thẩm định chính sách dân tộc không lưu phiếu theo dõi quá trình xử lý công việc",
]
THREE = [  # Văn phòng, three rounds in a row: not more than 3
    "Chưa cập nhật kết quả thực hiện mục tiêu chất lượng hằng quý của Văn phòng",
    "Chưa cập nhật kết quả thực hiện mục tiêu chất lượng hằng quý",
    "Văn phòng chưa cập nhật kết quả thực hiện mục tiêu chất lượng hằng quý",
]
NC_ROWS: list[tuple[int, str, str, str, str]] = [  # (round index, unit, description, clause, CAPA cited)
    (0, VP, "Sổ theo dõi công văn đến chưa ghi thời hạn xử lý đối với văn bản có yêu cầu thời hạn", "7.5.3", ""),
    (1, CS, STREAK[0], "7.5.3", ""),
    (1, VP, "Chưa niêm yết đầy đủ thủ tục hành chính tại bộ phận một cửa", "8.5.1", "07/2024"),
    (1, TT, "Biên bản làm việc của đoàn thanh tra chưa ghi rõ căn cứ pháp lý", "8.5.1", "02/2025"),
    (2, CS, STREAK[1], "7.5.3", ""),
    (2, KH, "Báo cáo thống kê định kỳ chưa có chữ ký của người lập biểu", "7.5.2", "12/2024"),
    (2, VP, "Hồ sơ họp giao ban chưa lưu thông báo kết luận của lãnh đạo", "7.5.3", ""),
    (3, CS, STREAK[2], "7.5.3", ""),
    (3, VP, THREE[0], "6.2", ""),
    (3, KH, "Danh mục tài liệu nội bộ chưa được cập nhật sau khi ban hành lại quy trình", "7.5.3", "06/2025"),
    (4, CS, STREAK[3], "7.5.3", ""),
    (4, VP, THREE[1], "6.2", ""),
    (4, TT, "Sổ theo dõi đơn thư chưa phân loại theo thẩm quyền giải quyết", "8.2.1", ""),
    (5, CS, "Kế hoạch kiểm tra thực hiện chính sách năm 2026 chưa được phê duyệt", "6.1", ""),
    (5, VP, THREE[2], "6.2", ""),
    (5, VP, "Hồ sơ năm 2024 chưa được chỉnh lý và giao nộp vào lưu trữ cơ quan", "7.5.3", "10/2026"),
    (5, KH, "Danh mục tài liệu nội bộ của phòng chưa được cập nhật khi ban hành lại quy trình", "7.5.3", ""),
    (5, TT, "Hồ sơ giải quyết khiếu nại năm 2025 thiếu biên bản đối thoại với người khiếu nại", "8.5.1", ""),
]
NC_HEADER = ["STT", "Ngày phát hiện", "Đợt đánh giá", "Đơn vị được đánh giá", "Nội dung sự không phù hợp",
             "Điều khoản", "Nguồn", "Số phiếu HĐKP"]


def nc_rows() -> list[list[Any]]:
    out = []
    for i, (rnd, unit, text, clause, cited) in enumerate(NC_ROWS, start=1):
        name, start, _ = ROUNDS[rnd]
        out.append([i, start + dt.timedelta(days=2), name, unit, text, clause, "Đánh giá nội bộ", cited])
    return out


def write_nc_log(path: Path) -> None:
    write_csv(path, "SỔ THEO DÕI SỰ KHÔNG PHÙ HỢP - BAN DÂN TỘC TỈNH KHÁNH HÒA", NC_HEADER, nc_rows())


def samples() -> list[Sample]:
    rows = log_rows()
    in_window = [v["number"] for v in rows
                 if v in LOG_ONLY and v["opened_on"] > D(2023, 11, 22)]
    return [
        Sample("Sổ theo dõi/Sổ theo dõi HĐKP 2023-2026.xlsx", "capa_log", write_capa_log,
               rows=[{"number": v["number"]} for v in rows],
               triggers=["CTCL010", "CTCL064"],
               note=f"no form in the inbox for {', '.join(in_window)} (CTCL064, one per request; 08/2023 "
                    "and 10/2023 are older than 3 years); 15/2026 is overdue and has no form (CTCL010); "
                    "7/2026 is written without the leading zero; 06/2026's Thời hạn differs from its form "
                    "(CTCL015, reported on the form)", when=D(2026, 11, 16)),
        Sample("Sổ theo dõi/Sổ theo dõi sự KPH.csv", "nc_log", write_nc_log,
               rows=[{"round": ROUNDS[rnd][0], "unit": unit} for rnd, unit, *_ in NC_ROWS],
               triggers=["CTCL030", "CTCL031"],
               note="Phòng Chính sách: the same NC in Đợt 1/2024–2/2025, 4 rounds, no request (CTCL030); "
                    "Văn phòng: 3 rounds 1/2025–1/2026 (no finding); Phòng Kế hoạch - Tổng hợp: NC recorded "
                    "in Đợt 1/2026 again after 06/2025 was closed Đạt on 15/09/2025 (CTCL031)",
               when=D(2026, 7, 6)),
        Sample("Sổ theo dõi/Chương trình đánh giá nội bộ.xlsx", "audit_register", write_audits,
               rows=[{"round": r, "started_on": s, "ended_on": e} for r, s, e in ROUNDS],
               triggers=["CTCL041"],
               note="Đợt 1/2026 ended 19/06/2026 (> 90 days before as_of); the latest review is the "
                    "minutes of 14/11/2025 (CTCL041 names the audit register)", when=D(2026, 6, 22)),
    ]
