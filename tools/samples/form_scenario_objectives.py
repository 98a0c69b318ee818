"""Quality objectives plans and reports of the agency and its units (QT.03.CTCL §5.9).

Stories: Phòng Chính sách's 2024 plan has no report (CTCL050); Phòng Kế hoạch - Tổng hợp's 2025
report is dated 12/01/2026 (CTCL051); Thanh tra had a 2025 plan and has none for 2026 (CTCL052,
global); Văn phòng's 2026 plan is approved 10/02/2026 (CTCL053); Phòng Kế hoạch - Tổng hợp's 2026
plan has a target with no number (CTCL054); Văn phòng's 2025 report leaves out objective 2
(CTCL055); Phòng Chính sách misses an objective with no request (CTCL056) while the agency's missed
objective is answered by request 15/2025 (source Mục tiêu chất lượng).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from tools.samples import HEAD, STAFF, UNIT_HEAD_TITLES, UNIT_HEADS
from tools.samples.form_objectives import Objective, Objectives, objectives_doc
from tools.samples.form_sample import Sample, document_writer
from tools.samples.form_scenario_capa import CS, KH, TT, VP

D = dt.date
Obj = Objective

AGENCY = [
    Obj("1", "Giải quyết hồ sơ thủ tục hành chính đúng hạn", "≥ 98% hồ sơ đúng và trước hạn",
      "Theo dõi, cảnh báo hạn xử lý trên phần mềm một cửa điện tử", KH, "31/12/{y}"),
    Obj("2", "Nâng cao sự hài lòng của tổ chức, công dân", "≥ 90% phiếu khảo sát hài lòng",
      "Khảo sát sự hài lòng hằng quý; xử lý kịp thời ý kiến phản ánh", VP, "Hằng quý"),
    Obj("3", "Tham mưu văn bản đúng thời hạn được giao", "100% văn bản tham mưu đúng hạn",
      "Theo dõi nhiệm vụ được giao trên hệ thống E-office", "Các phòng, Văn phòng, Thanh tra", "31/12/{y}"),
    Obj("4", "Duy trì và cải tiến HTQLCL", "02 đợt đánh giá nội bộ/năm",
      "Đánh giá nội bộ; xem xét của lãnh đạo; khắc phục sự không phù hợp", "Thư ký ISO", "31/12/{y}"),
]
UNIT_OBJECTIVES = {
    VP: [
        Obj("1", "Đăng ký, phát hành văn bản đi trong ngày ký", "100% văn bản đi", "Đối chiếu sổ đăng ký cuối ngày",
          STAFF[VP][1], "Hằng ngày"),
        Obj("2", "Lập hồ sơ công việc và nộp lưu đúng hạn", "100% hồ sơ của năm trước",
          "Hướng dẫn lập hồ sơ; kiểm tra hằng quý", STAFF[VP][0], "30/6/{y}"),
        Obj("3", "Bảo đảm hệ thống mạng, E-office hoạt động ổn định", "≥ 99% thời gian hoạt động",
          "Bảo trì định kỳ; sao lưu dữ liệu hằng tuần", STAFF[VP][1], "31/12/{y}"),
    ],
    CS: [
        Obj("1", "Thẩm định hồ sơ chính sách đúng thời hạn", "100% hồ sơ đúng hạn",
          "Theo dõi tiến độ từng hồ sơ", STAFF[CS][0], "31/12/{y}"),
        Obj("2", "Tổ chức tập huấn nghiệp vụ công tác dân tộc cho cán bộ cấp xã", "02 lớp/năm",
          "Xây dựng kế hoạch, tài liệu tập huấn", STAFF[CS][1], "30/10/{y}"),
        Obj("3", "Kiểm tra việc thực hiện chính sách dân tộc tại các huyện", "04 huyện/năm",
          "Lập kế hoạch kiểm tra; báo cáo kết quả", UNIT_HEADS[CS], "30/11/{y}"),
    ],
    KH: [
        Obj("1", "Báo cáo định kỳ gửi UBND tỉnh đúng hạn", "100% báo cáo đúng hạn",
          "Lịch báo cáo định kỳ của phòng", STAFF[KH][0], "31/12/{y}"),
        Obj("2", "Tổng hợp kế hoạch vốn các chương trình mục tiêu quốc gia", "Trước 15/11/{y}",
          "Phối hợp các sở, ngành; tổng hợp đề xuất các huyện", STAFF[KH][1], "15/11/{y}"),
    ],
    TT: [
        Obj("1", "Giải quyết đơn thư đúng thời hạn quy định", "100% đơn thư đúng hạn",
          "Sổ theo dõi thời hạn trả lời đơn", STAFF[TT][0], "31/12/{y}"),
        Obj("2", "Thực hiện các cuộc thanh tra theo kế hoạch", "03 cuộc thanh tra/năm",
          "Kế hoạch thanh tra được phê duyệt", UNIT_HEADS[TT], "30/11/{y}"),
    ],
}
VAGUE = Obj("3", "Nâng cao chất lượng tham mưu tổng hợp", "Chất lượng tham mưu được nâng lên rõ rệt",
          "Bồi dưỡng kỹ năng tổng hợp, phân tích cho công chức", "Toàn phòng", "31/12/{y}")


def _year(objs: list[Objective], y: int, results: dict[str, tuple[str, str]] | None = None) -> list[Objective]:
    """The objectives of year y; with results, the report rows (only the STT listed in results)."""
    out = []
    for o in objs:
        o = dataclasses.replace(o, target=o.target.format(y=y), deadline=o.deadline.format(y=y))
        if results is None:
            out.append(o)
        elif o.no in results:
            out.append(dataclasses.replace(o, result=results[o.no][0], evaluation=results[o.no][1]))
    return out


def _plan(unit: str | None, y: int, drafted: dt.date, approved: dt.date, objs: list[Objective],
          number: str | None = None) -> Objectives:
    head, title = (UNIT_HEADS[unit], UNIT_HEAD_TITLES[unit]) if unit else (HEAD, "TRƯỞNG BAN")
    return Objectives(year=y, unit=unit, number=number, day=drafted, objectives=_year(objs, y),
                      drafter=STAFF[unit][0] if unit else "Nguyễn Thị Nguyệt", approver=head,
                      approver_title=title, approved_on=approved)


def _report(plan: Objectives, day: dt.date, results: dict[str, tuple[str, str]], objs: list[Objective],
            number: str | None = None) -> Objectives:
    return dataclasses.replace(plan, day=day, number=number, approved_on=None,
                               objectives=_year(objs, plan.year or 0, results))


OK = ("Đạt chỉ tiêu", "Đạt")
A25 = _plan(None, 2025, D(2025, 1, 14), D(2025, 1, 16), AGENCY, "06/KH-BDT")
A26 = _plan(None, 2026, D(2026, 1, 16), D(2026, 1, 20), AGENCY, "09/KH-BDT")
VP25 = _plan(VP, 2025, D(2025, 1, 17), D(2025, 1, 20), UNIT_OBJECTIVES[VP])
VP26 = _plan(VP, 2026, D(2026, 2, 6), D(2026, 2, 10), UNIT_OBJECTIVES[VP])
CS24 = _plan(CS, 2024, D(2024, 1, 15), D(2024, 1, 18), UNIT_OBJECTIVES[CS])
CS25 = _plan(CS, 2025, D(2025, 1, 20), D(2025, 1, 22), UNIT_OBJECTIVES[CS])
CS26 = _plan(CS, 2026, D(2026, 1, 21), D(2026, 1, 23), UNIT_OBJECTIVES[CS])
KH25 = _plan(KH, 2025, D(2025, 1, 15), D(2025, 1, 17), UNIT_OBJECTIVES[KH])
KH26 = _plan(KH, 2026, D(2026, 1, 20), D(2026, 1, 22), [*UNIT_OBJECTIVES[KH], VAGUE])
TT25 = _plan(TT, 2025, D(2025, 1, 22), D(2025, 1, 24), UNIT_OBJECTIVES[TT])

PLANS: list[tuple[str, Objectives, list[str], str]] = [
    ("Mục tiêu chất lượng/2025/Kế hoạch MTCL năm 2025 - Ban Dân tộc.docx", A25, [], "clean"),
    ("Mục tiêu chất lượng/2026/Kế hoạch MTCL năm 2026 - Ban Dân tộc.docx", A26, [], "clean"),
    ("Mục tiêu chất lượng/2025/KH MTCL 2025 Văn phòng.docx", VP25, [], "clean"),
    ("Mục tiêu chất lượng/2026/KH MTCL 2026 Văn phòng.docx", VP26, ["CTCL053"],
     "drafted 06/02/2026, approved 10/02/2026 (after 30/01/2026)"),
    ("Mục tiêu chất lượng/2024/KH MTCL 2024 - Phòng Chính sách.pdf", CS24, ["CTCL050"],
     "no 2024 report of Phòng Chính sách in the inbox"),
    ("Mục tiêu chất lượng/2025/KH MTCL 2025 Phòng Chính sách.docx", CS25, [], "clean"),
    ("Mục tiêu chất lượng/2026/KH MTCL 2026 Phòng Chính sách.docx", CS26, [], "clean"),
    ("Mục tiêu chất lượng/2025/KH MTCL 2025 Phòng KH-TH.docx", KH25, [], "clean"),
    ("Mục tiêu chất lượng/2026/KH MTCL 2026 Phòng KH-TH.pdf", KH26, ["CTCL054"],
     "objective 3's target 'Chất lượng tham mưu được nâng lên rõ rệt' has no number, percentage or date"),
    ("Mục tiêu chất lượng/2025/KH MTCL 2025 Thanh tra.docx", TT25, [], "clean; no 2026 plan follows (CTCL052)"),
]
REPORTS: list[tuple[str, Objectives, list[str], str]] = [
    ("Mục tiêu chất lượng/2025/Báo cáo kết quả MTCL năm 2025 - Ban Dân tộc.pdf",
     _report(A25, D(2025, 12, 22), {"1": ("96,8% hồ sơ đúng hạn", "Không đạt"), "2": ("93%", "Đạt"),
                                     "3": ("100%", "Đạt"), "4": ("02 đợt", "Đạt")}, AGENCY, "215/BC-BDT"),
     [], "objective 1 Không đạt, answered by request 15/2025 (source Mục tiêu chất lượng, opened 25/11/2025)"),
    ("Mục tiêu chất lượng/2025/BC MTCL 2025 Văn phòng.docx",
     _report(VP25, D(2025, 12, 19), {"1": OK, "3": ("99,6%", "Đạt")}, UNIT_OBJECTIVES[VP]), ["CTCL055"],
     "objective 2 of the plan (Lập hồ sơ công việc và nộp lưu đúng hạn) is not in the report"),
    ("Mục tiêu chất lượng/2025/BC MTCL 2025 Phòng Chính sách.docx",
     _report(CS25, D(2025, 12, 29), {"1": ("100%", "Đạt"), "2": ("01 lớp", "Không đạt"), "3": ("04 huyện", "Đạt")},
             UNIT_OBJECTIVES[CS]), ["CTCL056"],
     "objective 2 Không đạt; no request with a similar description or source Mục tiêu chất lượng opened "
     "on or after 29/11/2025"),
    ("Mục tiêu chất lượng/2025/BC MTCL 2025 Phòng KH-TH.docx",
     _report(KH25, D(2026, 1, 12), {"1": ("100%", "Đạt"), "2": ("Hoàn thành 10/11/2025", "Đạt")},
             UNIT_OBJECTIVES[KH]), ["CTCL051"], "the 2025 report is dated 12/01/2026"),
    ("Mục tiêu chất lượng/2025/BC MTCL 2025 Thanh tra.pdf",
     _report(TT25, D(2025, 12, 24), {"1": ("100%", "Đạt"), "2": ("03 cuộc", "Đạt")}, UNIT_OBJECTIVES[TT]),
     [], "clean"),
]


def _fields(o: Objectives, report: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"year": o.year, "unit": o.unit}
    if report:
        out["reported_on"] = o.day
    else:
        out |= {"approved_on": o.approved_on, "approved_by": o.approver}
    keys = ("no", "objective", "target", "result", "evaluation") if report else ("no", "objective", "target")
    out["objectives"] = [{k: getattr(obj, k) for k in keys} for obj in o.objectives]
    return out


def samples() -> list[Sample]:
    out = []
    for report, items in ((False, PLANS), (True, REPORTS)):
        for path, values, triggers, note in items:
            title = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
            write = document_writer(lambda v=values, r=report: objectives_doc(v, report=r), title=title,
                                    author=values.drafter or "", when=values.day or D(2026, 1, 1))
            kind = "objectives_report" if report else "objectives_plan"
            out.append(Sample(path, kind, write, _fields(values, report), triggers, note,
                              when=values.approved_on or values.day))
    return out
