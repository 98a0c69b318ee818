"""Management reviews of the scenario (as of AS_OF no review within 365 days: CTCL040).

2023: report (approved) + notice — clean.   2024: report not approved (CTCL045) + notice.
06/2025: complete minutes BM.CTCL.02 — clean.   11/2025: minutes missing three input topics, one
output topic and the secretary (CTCL042, CTCL043, CTCL044); it is the latest review, before the
end of audit round Đợt 1/2026 (CTCL041, reported on the audit register).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from docx.document import Document as DocxDocument

from tools.samples import HEAD, ISO_LEAD, ISO_SECRETARY, OFFICE_CHIEF, UNIT_HEADS
from tools.samples.form_review import (
    INPUT_TOPICS,
    OUTPUT_TOPICS,
    Review,
    chair_line,
    minutes,
    notice,
    report,
    secretary_line,
)
from tools.samples.form_sample import Sample, document_writer

D = dt.date


def inputs(year: int, objectives: str) -> dict[str, list[str]]:
    """The input topics' content of one year (QT.03.CTCL §5.8.1.1)."""
    return {
        "previous_actions": [f"Các kết luận của lần xem xét trước đã được triển khai; đến nay đã hoàn thành 05/06 "
                             f"nội dung, nội dung cập nhật danh mục tài liệu đang thực hiện trong năm {year}."],
        "context_changes": [f"Bối cảnh năm {year}: tỉnh tiếp tục sắp xếp tổ chức bộ máy, nhiều văn bản quy "
                            "phạm pháp luật mới về chính sách dân tộc được ban hành; 02 công chức chuyển công tác."],
        "customer_satisfaction": ["Kết quả khảo sát sự hài lòng của tổ chức, công dân đạt 93% số phiếu; tiếp "
                                  "nhận 04 ý kiến phản hồi, tất cả đã được trả lời đúng hạn."],
        "quality_objectives": [objectives],
        "nonconformities": ["Trong kỳ ghi nhận 09 sự không phù hợp; đã mở 12 phiếu yêu cầu hành động khắc "
                            "phục/cải tiến, trong đó 10 phiếu đã đóng với kết quả đạt."],
        "monitoring_results": ["Kết quả theo dõi, đo lường các quá trình cho thấy toàn bộ hồ sơ công việc được "
                               "lập và cập nhật trên hệ thống E-office."],
        "audit_results": ["Đã tổ chức 02 đợt đánh giá nội bộ theo kế hoạch; phát hiện 09 điểm không đạt yêu "
                          "cầu và 14 khuyến nghị, đã phân công các đơn vị xử lý."],
        "external_providers": ["Các nhà cung cấp dịch vụ bảo trì máy tính, đường truyền và chỉnh lý tài liệu "
                               "thực hiện đúng hợp đồng, không có phản ánh về chất lượng."],
        "resources": ["Nguồn lực cơ bản đáp ứng yêu cầu; cần bổ sung 01 máy chủ lưu trữ và đào tạo thêm "
                      "chuyên gia đánh giá nội bộ."],
        "risks_opportunities": ["Các biện pháp xử lý rủi ro và cơ hội đã xác định trong bảng phân tích được "
                                "thực hiện đầy đủ; chưa phát sinh rủi ro mới ảnh hưởng đến HTQLCL."],
        "improvement_opportunities": ["Các cơ hội cải tiến được đề xuất: số hóa hồ sơ lưu trữ, triển khai ký "
                                      "số cho lãnh đạo các phòng, khảo sát trực tuyến sự hài lòng."],
    }


def outputs(year: int) -> dict[str, list[str]]:
    """The output topics' content of one year (QT.03.CTCL §5.8.1.2)."""
    return {
        "out_improvement": [f"Về các cơ hội cải tiến: giao Văn phòng triển khai số hóa hồ sơ lưu trữ năm {year}; "
                            "giao Phòng Kế hoạch - Tổng hợp đề xuất phương án ký số văn bản."],
        "out_qms_changes": ["Về nhu cầu thay đổi HTQLCL: cập nhật quy trình QT.03.CTCL theo cơ cấu tổ chức "
                            "mới; rà soát, ban hành lại danh mục tài liệu của hệ thống."],
        "out_resources": ["Về nhu cầu về nguồn lực: đề nghị bổ sung kinh phí mua máy chủ lưu trữ; cử 02 công "
                          "chức tham gia khóa đào tạo chuyên gia đánh giá nội bộ."],
    }


ATTENDEES = [
    f"Ông {HEAD} - Trưởng ban, Trưởng Ban ISO;",
    f"Ông {ISO_LEAD} - Phó Trưởng ban, Phó Trưởng Ban ISO;",
    f"Ông {OFFICE_CHIEF} - Chánh Văn phòng;",
    *[f"Ông/Bà {name} - lãnh đạo {unit};" for unit, name in UNIT_HEADS.items() if unit != "Văn phòng"],
    f"Bà {ISO_SECRETARY} - Thư ký ISO.",
]
OBJ_2023 = "Ban Dân tộc đạt 4/4 mục tiêu chất lượng năm 2023, tỷ lệ hồ sơ giải quyết đúng hạn đạt 99,2%."
OBJ_2024 = "Ban Dân tộc đạt 4/4 mục tiêu chất lượng năm 2024, tỷ lệ hồ sơ giải quyết đúng hạn đạt 98,6%."
OBJ_2025 = "Sáu tháng đầu năm 2025 các mục tiêu chất lượng được thực hiện đúng tiến độ, tỷ lệ hồ sơ đúng hạn đạt 98,1%."
OBJ_2025B = ("Đến tháng 10 năm 2025, tỷ lệ hồ sơ giải quyết đúng hạn đạt 96,5%, có nguy cơ không đạt mục tiêu "
             "chất lượng.")
PARTIAL_IN = ("external_providers", "resources", "risks_opportunities")
PARTIAL_OUT = ("out_resources",)

REVIEWS: list[tuple[str, str, Review, Callable[[Review], DocxDocument], list[str], str]] = [
    ("Xem xét lãnh đạo/2023/Báo cáo vận hành HTQLCL năm 2023.docx", "review_report",
     Review(day=D(2023, 11, 24), number="178/BC-BDT", year=2023, inputs=inputs(2023, OBJ_2023),
            drafter=ISO_SECRETARY, approved_by=ISO_LEAD, approved_on=D(2023, 11, 28)), report, [], "clean"),
    ("Xem xét lãnh đạo/2023/Thông báo kết quả XXLĐ năm 2023.pdf", "review_notice",
     Review(day=D(2023, 12, 5), number="86/TB-BDT", year=2023, outputs=outputs(2024), approved_by=HEAD),
     notice, [], "clean; with the 2023 report forms the 2023 review"),
    ("Xem xét lãnh đạo/2024/Báo cáo vận hành HTQLCL 2024.pdf", "review_report",
     Review(day=D(2024, 12, 16), number="201/BC-BDT", year=2024, inputs=inputs(2024, OBJ_2024),
            drafter=ISO_SECRETARY), report, ["CTCL045"], "Phê duyệt block left unsigned (no name, no date)"),
    ("Xem xét lãnh đạo/2024/TB kết quả XXLĐ 2024.docx", "review_notice",
     Review(day=D(2024, 12, 27), number="95/TB-BDT", year=2024, outputs=outputs(2025), approved_by=HEAD),
     notice, [], "clean"),
    ("Xem xét lãnh đạo/2025/BM.CTCL.02 - Biên bản họp XXLĐ 27-06-2025.docx", "review_minutes",
     Review(day=D(2025, 6, 27), place="Phòng họp Ban Dân tộc tỉnh Khánh Hòa", chair=HEAD,
            secretary=ISO_SECRETARY, attendees=ATTENDEES, inputs=inputs(2025, OBJ_2025), outputs=outputs(2025)),
     minutes, [], "complete minutes: 11 input and 3 output topics, chair, secretary, date"),
    ("Xem xét lãnh đạo/2025/Biên bản họp XXLĐ tháng 11-2025.pdf", "review_minutes",
     Review(day=D(2025, 11, 14), place="Phòng họp Ban Dân tộc tỉnh Khánh Hòa", chair=HEAD,
            attendees=ATTENDEES[:-1],
            inputs={k: v for k, v in inputs(2025, OBJ_2025B).items() if k not in PARTIAL_IN},
            outputs={k: v for k, v in outputs(2026).items() if k not in PARTIAL_OUT}),
     minutes, ["CTCL042", "CTCL043", "CTCL044"],
     "no Thư ký; inputs external_providers, resources, risks_opportunities and output out_resources "
     "missing (one CTCL042 per input, one CTCL043); the latest review (CTCL040 global, CTCL041 on the "
     "audit register)"),
]


def _fields(kind: str, r: Review) -> dict[str, Any]:
    if kind == "review_minutes":
        return {"held_on": r.day, "place": r.place, "chair": chair_line(r), "secretary": secretary_line(r),
                "topics": [t for t in (*INPUT_TOPICS, *OUTPUT_TOPICS) if t in r.inputs or t in r.outputs]}
    if kind == "review_report":
        return {"reported_on": r.day, "approved_by": r.approved_by, "approved_on": r.approved_on,
                "topics": [t for t in INPUT_TOPICS if t in r.inputs]}
    return {"issued_on": r.day, "signed_by": r.approved_by, "topics": [t for t in OUTPUT_TOPICS if t in r.outputs]}


def samples() -> list[Sample]:
    out = []
    for path, kind, review, layout, triggers, note in REVIEWS:
        title = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        write = document_writer(lambda r=review, f=layout: f(r), title=title, author=ISO_SECRETARY,
                                when=review.day)
        out.append(Sample(path, kind, write, _fields(kind, review), triggers, note, when=review.day))
    return out
