"""The BM.CTCL.01 requests of the sample inbox: one clean or one-rule case each (as of AS_OF).

Every case says which rule it is meant to trip and why; everything else about it is kept clean
(closed CAPAs verified Đạt before their due date, open ones with a recent progress report), so
the manifest can list exactly what fires. Dates in free text are avoided where a reader could
take them for a field (progress reports, descriptions).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from tools.samples import ISO_LEAD, ISO_SECRETARY, STAFF, UNIT_HEADS

D = dt.date
VP, CS, KH, TT = "Văn phòng", "Phòng Chính sách", "Phòng Kế hoạch - Tổng hợp", "Thanh tra"
MANIFEST_FIELDS = (
    "number", "opened_on", "kind", "source", "unit", "requester", "description", "necessity",
    "due_on", "approved_by", "approved_on", "progress_reports", "verification", "verified_by",
    "verified_on", "closed_on", "follow_up_number",
)


@dataclass
class CapaCase:
    path: str
    layout: str  # agency | twocol | paragraphs | below
    values: dict[str, Any]
    triggers: list[str] = field(default_factory=list)
    note: str = ""
    controls: bool = False  # values in Word content controls
    in_log: bool = False  # also a row of the capa_log register
    log_changes: dict[str, Any] = field(default_factory=dict)  # where the log row differs (CTCL015)
    invalid: tuple[str, ...] = ()  # fields holding an invalid value (CTCL093): left out of `fields`

    def fields(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in MANIFEST_FIELDS:
            if name in self.invalid:
                continue
            value = self.values.get(name)
            if name == "progress_reports":
                value = [d for d, _ in value or []]
            out[name] = value if value not in ("", []) else None
        return out


def capa(number: str, unit: str, opened: dt.date | None, kind: str, source: str, description: str | None,
         *, root: str | None, actions: str | None, due: dt.date | None, approved: dt.date | None,
         progress: list[tuple[Any, str]] | None = None, **rest: Any) -> dict[str, Any]:
    """The values of one request; a closed request passes evidence/verified_on/closed_on in `rest`."""
    values: dict[str, Any] = {
        "number": number, "opened_on": opened, "kind": kind, "source": source, "unit": unit,
        "requester": STAFF[unit][0] if source != "Đánh giá nội bộ" else ISO_SECRETARY,
        "description": description, "requirement_ref": rest.pop("ref", "TCVN ISO 9001:2015 điều 10.2"),
        "necessity": "Cần thực hiện", "necessity_by": UNIT_HEADS[unit],
        "root_cause": root, "actions": actions, "assignee": STAFF[unit][1], "due_on": due,
        "approved_by": ISO_LEAD if approved else None, "approved_on": approved,
        "progress_reports": progress or [],
    }
    if "closed_on" in rest:
        values |= {"verification": "Đạt", "verified_by": ISO_LEAD}
    values.update(rest)
    return values


CASES: list[CapaCase] = [
    CapaCase(
        "Phiếu HĐKP/2025/BM.CTCL.01 - 06-2025.docx", "agency", capa(
            "06/2025", KH, D(2025, 6, 16), "Khắc phục", "Đánh giá nội bộ",
            "Danh mục tài liệu nội bộ của phòng chưa được cập nhật sau khi ban hành lại quy trình "
            "QT.03.CTCL, phát hiện tại đợt đánh giá nội bộ đợt 1 năm 2025.",
            ref="TCVN ISO 9001:2015 điều 7.5.3; Sổ tay chất lượng mục 7.5",
            root="Chưa phân công người cập nhật danh mục khi có tài liệu ban hành lại; chưa rà soát định kỳ.",
            actions="Cập nhật danh mục tài liệu nội bộ; phân công công chức rà soát danh mục hằng quý.",
            due=D(2025, 8, 29), approved=D(2025, 6, 20),
            progress=[(D(2025, 7, 25), "Đã cập nhật danh mục, đang thu hồi các bản in hết hiệu lực")],
            evidence="Danh mục tài liệu nội bộ đã cập nhật; quyết định phân công rà soát hằng quý",
            verified_on=D(2025, 8, 27), closed_on=D(2025, 9, 15)),
        note="clean, closed Đạt; the same NC is recorded again later in the nc_log (CTCL031 there)",
        in_log=True),
    CapaCase(
        "Phiếu HĐKP/2025/BM.CTCL.01 - 15-2025.pdf", "twocol", capa(
            "15/2025", KH, D(2025, 11, 25), "Cải tiến", "Mục tiêu chất lượng",
            "Tỷ lệ hồ sơ thủ tục hành chính giải quyết đúng hạn 10 tháng năm 2025 chỉ đạt 96,5%, có nguy "
            "cơ không đạt mục tiêu chất lượng giải quyết hồ sơ thủ tục hành chính đúng hạn.",
            root="Hồ sơ phải lấy ý kiến sở, ngành chưa được theo dõi, nhắc hạn; chưa dùng chức năng cảnh "
                 "báo của phần mềm một cửa điện tử.",
            actions="Thiết lập cảnh báo hạn xử lý trên phần mềm một cửa; hằng tuần tổng hợp hồ sơ sắp "
                    "đến hạn báo cáo Lãnh đạo Ban.",
            due=D(2026, 3, 31), approved=D(2025, 12, 2),
            progress=[(D(2025, 12, 26), "Đã thiết lập cảnh báo trên phần mềm"),
                      (D(2026, 1, 28), "Tổng hợp hằng tuần, không có hồ sơ trễ hạn"),
                      (D(2026, 2, 26), "Tiếp tục theo dõi, không có hồ sơ trễ hạn"),
                      (D(2026, 3, 25), "Hoàn thành, báo cáo kết quả quý I")],
            evidence="Báo cáo kết quả giải quyết thủ tục hành chính quý I năm 2026: 100% hồ sơ đúng hạn",
            verified_on=D(2026, 3, 30), closed_on=D(2026, 4, 10)),
        note="clean; source Mục tiêu chất lượng, answers the agency's missed 2025 objective (no CTCL056)",
        in_log=True),
    CapaCase(
        "Phiếu HĐKP/2026/BM.CTCL.01 - 01-2026.docx", "agency", capa(
            "01/2026", VP, D(2026, 1, 12), "Khắc phục", "Giám sát quá trình",
            "Sổ đăng ký văn bản đi tháng 12 năm 2025 ghi thiếu số, ký hiệu của 07 văn bản; một số văn bản "
            "đi chưa lưu bản gốc tại văn thư.",
            root="Văn thư kiêm nhiệm nhiều việc; chưa đối chiếu sổ đăng ký với hệ thống E-office cuối ngày.",
            actions="Bổ sung thông tin còn thiếu; đối chiếu sổ đăng ký văn bản đi với hệ thống E-office "
                    "vào cuối mỗi ngày làm việc.",
            due=D(2026, 2, 27), approved=D(2026, 1, 15),
            progress=[(D(2026, 2, 10), "Đã bổ sung đủ thông tin của 07 văn bản")],
            evidence="Sổ đăng ký văn bản đi đã bổ sung; biên bản tự kiểm tra của Văn phòng",
            verified_on=D(2026, 2, 25), closed_on=D(2026, 3, 2)),
        note="clean; values in Word content controls, ticks are w14:checkbox controls",
        controls=True, in_log=True),
    CapaCase(
        "Phiếu HĐKP/2026/Phiếu yêu cầu KP số 02.docx", "paragraphs", capa(
            "02/2026", TT, None, "Khắc phục", "Phản hồi của khách hàng",
            "Công dân phản ánh việc trả lời đơn kiến nghị chậm so với thời hạn hẹn trong phiếu tiếp nhận.",
            root="Chưa có sổ theo dõi thời hạn trả lời đơn; thanh tra viên được giao nhiều vụ việc cùng lúc.",
            actions="Lập sổ theo dõi thời hạn trả lời đơn; Chánh Thanh tra kiểm tra hằng tuần.",
            due=D(2026, 4, 30), approved=D(2026, 2, 3),
            progress=[(D(2026, 3, 27), "Đã lập sổ theo dõi, áp dụng từ tháng 3")],
            evidence="Sổ theo dõi thời hạn trả lời đơn; không còn đơn trả lời chậm trong quý",
            verified_on=D(2026, 4, 24), closed_on=D(2026, 4, 28), requester=None),
        triggers=["CTCL001"], note="Ngày lập and Người lập phiếu left blank (one CTCL001 listing both)"),
    CapaCase(
        "Phiếu HĐKP/2026/BM.CTCL.01 - 03-2026.docx", "below", capa(
            "03/2026", CS, D(2026, 2, 9), "Cải tiến", "Xem xét của lãnh đạo", None,
            ref="Thông báo kết quả xem xét của lãnh đạo năm 2024",
            root="Tiến độ tham mưu từng hồ sơ chỉ theo dõi bằng sổ tay của chuyên viên.",
            actions="Lập bảng theo dõi tiến độ dùng chung trên thư mục mạng của phòng.",
            due=D(2026, 5, 29), approved=D(2026, 2, 12),
            progress=[(D(2026, 3, 30), "Đã lập bảng theo dõi"), (D(2026, 4, 28), "Đã áp dụng toàn phòng")],
            evidence="Bảng theo dõi tiến độ trên thư mục mạng của phòng",
            verified_on=D(2026, 5, 26), closed_on=D(2026, 6, 1)),
        triggers=["CTCL002"], note="box 1 Nội dung yêu cầu left as dots; value-below-label layout"),
    CapaCase(
        "Phiếu HĐKP/2026/BM.CTCL.01 - 04-2026.pdf", "agency", capa(
            "04/2026", KH, D(2026, 3, 3), "Khắc phục", "Giám sát quá trình",
            "Báo cáo tình hình thực hiện chương trình mục tiêu quốc gia quý IV gửi UBND tỉnh chậm 05 ngày "
            "so với thời hạn.", root=None,
            actions="Lập lịch báo cáo định kỳ của phòng; phân công người tổng hợp và người dự phòng.",
            due=D(2026, 4, 30), approved=D(2026, 3, 6),
            progress=[(D(2026, 4, 2), "Đã ban hành lịch báo cáo định kỳ")],
            evidence="Lịch báo cáo định kỳ; báo cáo quý I gửi đúng hạn",
            verified_on=D(2026, 4, 28), closed_on=D(2026, 5, 5)),
        triggers=["CTCL003"], note="verified and closed but Nguyên nhân gốc rễ is blank"),
    CapaCase(
        "Phiếu HĐKP/2026/BM.CTCL.01 - 05-2026.docx", "twocol", capa(
            "05/2026", CS, D(2026, 3, 16), "Khắc phục", "Giám sát quá trình",
            "Quyết định phê duyệt danh sách thôn đặc biệt khó khăn gửi các huyện chậm so với kế hoạch.",
            root="Khâu lấy ý kiến các sở, ngành kéo dài; chưa đặt thời hạn cho từng bước.",
            actions="Đặt thời hạn cho từng bước lấy ý kiến; nhắc hạn bằng văn bản điện tử.",
            due=D(2026, 5, 29), approved=D(2026, 3, 18),
            progress=[(D(2026, 4, 17), "Đã ban hành thời hạn cho từng bước")],
            evidence="Văn bản quy định thời hạn lấy ý kiến; quyết định gửi các huyện đúng kế hoạch",
            verified_on=D(2026, 4, 24), closed_on=D(2026, 4, 20)),
        triggers=["CTCL006"], note="Ngày đóng phiếu 20/04/2026 is before Ngày kiểm tra 24/04/2026"),
    CapaCase(
        "Phiếu HĐKP/2026/BM.CTCL.01 - 06-2026.docx", "below", capa(
            "06/2026", CS, D(2026, 5, 4), "Khắc phục", "Giám sát quá trình",
            "Báo cáo thống kê đối tượng thụ hưởng chính sách hỗ trợ học sinh dân tộc thiểu số có số liệu "
            "không khớp với báo cáo của các huyện.",
            root="Không có mẫu biểu thống kê thống nhất giữa tỉnh và huyện.",
            actions="Ban hành mẫu biểu thống kê thống nhất; đối chiếu số liệu trước khi tổng hợp.",
            due=D(2026, 7, 31), approved=D(2026, 5, 7),
            progress=[(D(2026, 6, 5), "Đã ban hành mẫu biểu"), (D(2026, 7, 3), "Đã đối chiếu số liệu")],
            evidence="Mẫu biểu thống kê thống nhất; báo cáo đã đối chiếu khớp số liệu",
            verified_on=D(2026, 7, 10), closed_on=D(2026, 7, 20)),
        triggers=["CTCL015"], note="the capa_log row says Thời hạn 15/07/2026, the form 31/07/2026",
        in_log=True, log_changes={"due_on": D(2026, 7, 15)}),
    CapaCase(
        "Phiếu HĐKP/2026/BM.CTCL.01 - 07-2026.docx", "twocol", capa(
            "07/2026", CS, D(2026, 5, 18), "Cải tiến", "Khác",
            "Đề xuất số hóa dữ liệu về người có uy tín trong đồng bào dân tộc thiểu số để tra cứu trên "
            "phần mềm dùng chung.",
            root="Dữ liệu đang lưu rải rác trên bảng tính của từng chuyên viên.",
            actions="Chuẩn hóa dữ liệu; nhập liệu vào phần mềm dùng chung; hướng dẫn khai thác.",
            due=D(2026, 12, 31), approved=D(2026, 5, 25),
            progress=[(D(2026, 6, 20), "Đã chuẩn hóa 40% dữ liệu"), (D(2026, 8, 14), "Đã chuẩn hóa 75% dữ liệu")]),
        triggers=["CTCL011"], note="long-running, last progress report 14/08/2026 (100 days before as_of)",
        in_log=True, log_changes={"number": "7/2026"}),
    CapaCase(
        "Phiếu HĐKP/2026/BM.CTCL.01 - 08-2026.docx", "agency", capa(
            "08/2026", VP, D(2026, 6, 1), "Cải tiến", "Khác",
            "Đề xuất bố trí lại khu vực chờ của bộ phận tiếp nhận và trả kết quả, bổ sung ghế ngồi và "
            "bảng hướng dẫn.",
            root="Khu vực chờ chật, chưa có bảng hướng dẫn quy trình nộp hồ sơ.",
            actions="Bố trí lại khu vực chờ; lắp bảng hướng dẫn; bổ sung 06 ghế ngồi.",
            due=D(2026, 7, 31), approved=D(2026, 6, 3),
            progress=[(D(2026, 7, 1), "Đã lắp bảng hướng dẫn")],
            evidence="Ảnh chụp khu vực chờ sau cải tạo; biên bản bàn giao tài sản",
            verified_on=D(2026, 7, 28), closed_on=D(2026, 8, 3)),
        note="clean itself; its number 08/2026 is reused by another unit's request (CTCL092 there)"),
    CapaCase(
        "Phiếu HĐKP/2026/Thanh tra/HĐKP Thanh tra 08-2026.pdf", "twocol", capa(
            "08/2026", TT, D(2026, 6, 22), "Khắc phục", "Đánh giá nội bộ",
            "Hồ sơ giải quyết khiếu nại năm 2025 thiếu biên bản đối thoại với người khiếu nại.",
            root="Chưa có danh mục thành phần hồ sơ giải quyết khiếu nại để đối chiếu khi lập hồ sơ.",
            actions="Ban hành danh mục thành phần hồ sơ; rà soát và bổ sung hồ sơ năm 2025.",
            due=D(2026, 8, 31), approved=D(2026, 6, 24),
            progress=[(D(2026, 7, 24), "Đã ban hành danh mục thành phần hồ sơ")],
            evidence="Danh mục thành phần hồ sơ; hồ sơ năm 2025 đã bổ sung biên bản đối thoại",
            verified_on=D(2026, 8, 25), closed_on=D(2026, 8, 28)),
        triggers=["CTCL092"],
        note="a second, different request numbered 08/2026 (the finding names the later file in path order)"),
    CapaCase(
        "Phiếu HĐKP/2026/BM.CTCL.01 - 09-2026.docx", "twocol", capa(
            "09/2026", KH, D(2026, 6, 24), "Khắc phục", "Đánh giá nội bộ",
            "Kế hoạch công tác năm 2026 của phòng chưa xác định rõ người chủ trì và thời hạn hoàn thành "
            "từng nhiệm vụ.",
            root="Mẫu kế hoạch công tác của phòng không có cột người chủ trì và thời hạn.",
            actions="Sửa mẫu kế hoạch công tác; bổ sung người chủ trì, thời hạn cho từng nhiệm vụ.",
            due=D(2026, 8, 14), approved=D(2026, 6, 26),
            progress=[(D(2026, 7, 24), "Đã sửa mẫu kế hoạch")],
            evidence=None, verified_on=D(2026, 8, 12), closed_on=D(2026, 8, 20)),
        triggers=["CTCL020"], note="closed with Bằng chứng left blank", in_log=True),
    CapaCase(
        "Phiếu HĐKP/2026/BM.CTCL.01 - 10-2026.docx", "agency", capa(
            "10/2026", VP, D(2026, 7, 6), "Khắc phục", "Đánh giá nội bộ",
            "Hồ sơ năm 2024 của Văn phòng chưa được chỉnh lý, lập mục lục và giao nộp vào lưu trữ cơ quan "
            "theo quy định.",
            root="Chưa bố trí công chức có nghiệp vụ lưu trữ; khối lượng hồ sơ tồn đọng lớn.",
            actions="Thuê dịch vụ chỉnh lý tài liệu; lập kế hoạch giao nộp hồ sơ vào lưu trữ cơ quan.",
            due=D(2026, 10, 31), approved=D(2026, 7, 10),
            progress=[(D(2026, 8, 28), "Đã ký hợp đồng chỉnh lý, đang phân loại hồ sơ"),
                      (D(2026, 10, 27), "Đã chỉnh lý 70% khối lượng, đề nghị gia hạn thêm 02 tháng")]),
        triggers=["CTCL010"], note="due 31/10/2026, neither verified nor closed", in_log=True),
    CapaCase(
        "Phiếu HĐKP/2026/BM.CTCL.01 - 11-2026-BDT.docx", "agency", capa(
            "11/2026/BDT", VP, D(2026, 7, 13), "Cải tiến", "Khác",
            "Đề xuất triển khai ký số văn bản trên hệ thống E-office cho lãnh đạo các phòng.",
            root="Lãnh đạo các phòng chưa được cấp chứng thư số cá nhân.",
            actions="Đăng ký cấp chứng thư số; cấu hình ký số trên E-office; tập huấn sử dụng.",
            due=D(2026, 9, 30), approved=D(2026, 7, 16),
            progress=[(D(2026, 8, 14), "Đã đăng ký chứng thư số"), (D(2026, 9, 11), "Đã cấu hình ký số")],
            evidence="Danh sách chứng thư số đã cấp; văn bản ký số của các phòng",
            closed_on=D(2026, 10, 5)) | {"verification": None, "verified_by": None, "verified_on": None},
        triggers=["CTCL021"], note="closed without Kết quả kiểm tra, Người kiểm tra, Ngày kiểm tra"),
    CapaCase(
        "Phiếu HĐKP/2026/BM.CTCL.01 - 12-2026.docx", "agency", capa(
            "12/2026", CS, D(2026, 7, 20), "Khắc phục", "Đánh giá nội bộ",
            "Danh sách người có uy tín năm 2026 trình phê duyệt còn sai sót năm sinh, địa chỉ của 12 "
            "trường hợp.",
            root="Không đối chiếu danh sách với dữ liệu dân cư trước khi trình.",
            actions="Rà soát lại toàn bộ danh sách; đối chiếu với dữ liệu dân cư của xã.",
            due=D(2026, 9, 30), approved=D(2026, 7, 23),
            progress=[(D(2026, 8, 20), "Đã rà soát lần 1")],
            evidence="Danh sách đã rà soát lần 2; kiểm tra xác suất vẫn còn 03 trường hợp sai sót",
            verified_on=D(2026, 9, 30), closed_on=D(2026, 10, 2)) | {"verification": "Không đạt"},
        triggers=["CTCL022"], note="Không đạt, no Số phiếu mới and no other request cites 12/2026",
        controls=True, in_log=True),
    CapaCase(
        "Phiếu HĐKP/2026/BM.CTCL.01 - 13-2026.pdf", "agency", capa(
            "13/2026", TT, D(2026, 8, 3), "Khắc phục", "Giám sát quá trình",
            "Sổ tiếp công dân chưa ghi đầy đủ kết quả xử lý đơn thư sau tiếp công dân.",
            root="Thanh tra viên chưa cập nhật kết quả xử lý sau khi vụ việc kết thúc.",
            actions="Cập nhật kết quả xử lý vào sổ; Chánh Thanh tra ký xác nhận sổ hằng tháng.",
            due=D(2026, 10, 10), approved=D(2026, 8, 5),
            progress=[(D(2026, 9, 4), "Đã cập nhật 60% vụ việc"), (D(2026, 10, 2), "Đã cập nhật 85% vụ việc")],
            evidence="Sổ tiếp công dân; còn 05 vụ việc chưa cập nhật kết quả xử lý",
            verified_on=D(2026, 10, 8), closed_on=D(2026, 10, 9))
        | {"verification": "Không đạt", "follow_up_number": "18/2026"},
        note="Không đạt with Số phiếu mới 18/2026 (no CTCL022)", in_log=True),
    CapaCase(
        "Phiếu HĐKP/2026/BM.CTCL.01 - 14-2026.pdf", "paragraphs", capa(
            "14/2026", TT, D(2026, 8, 10), "Khắc phục", "Giám sát quá trình",
            "Kết luận thanh tra việc thực hiện chính sách tại huyện Khánh Sơn ban hành chậm 10 ngày so với "
            "thời hạn quy định.",
            root="Đoàn thanh tra chưa lập kế hoạch tiến độ dự thảo kết luận.",
            actions="Lập kế hoạch tiến độ dự thảo kết luận cho mỗi cuộc thanh tra.",
            due=D(2026, 9, 15), approved=D(2026, 8, 12),
            progress=[(D(2026, 8, 31), "Đã lập mẫu kế hoạch tiến độ")],
            evidence="Mẫu kế hoạch tiến độ; kết luận thanh tra tiếp theo ban hành đúng hạn",
            verified_on=D(2026, 9, 18), closed_on=D(2026, 9, 25)),
        triggers=["CTCL012"], note="verified 18/09/2026, after the due date 15/09/2026", in_log=True),
    CapaCase(
        "Phiếu HĐKP/2026/BM.CTCL.01 - 16-2026.docx", "paragraphs", capa(
            "16/2026", KH, D(2026, 9, 7), "Phòng ngừa", "Giám sát quá trình",
            "Số liệu nguồn vốn sự nghiệp năm 2026 trên hệ thống báo cáo chưa khớp với quyết định giao vốn.",
            root="Nhập liệu thủ công, không có bước kiểm tra chéo.",
            actions="Kiểm tra chéo số liệu giữa hai công chức trước khi gửi báo cáo.",
            due=D(2026, 10, 30), approved=D(2026, 9, 9),
            progress=[("31/09/2026", "Đã áp dụng kiểm tra chéo")],
            evidence="Báo cáo nguồn vốn đã kiểm tra chéo, số liệu khớp",
            verified_on=D(2026, 10, 26), closed_on=D(2026, 10, 30)),
        triggers=["CTCL093"], invalid=("kind", "progress_reports"),
        note="Loại 'Phòng ngừa' is not a choice and progress date 31/09/2026 is impossible (two CTCL093)"),
    CapaCase(
        "Phiếu HĐKP/2026/BM.CTCL.01 - 17-2026.docx", "agency", capa(
            "17/2026", KH, D(2026, 10, 5), "Cải tiến", "Khác",
            "Đề xuất xây dựng cơ sở dữ liệu theo dõi các chương trình, dự án đầu tư vùng đồng bào dân tộc "
            "thiểu số.",
            root="Thông tin chương trình, dự án đang phân tán ở nhiều báo cáo.",
            actions="Xây dựng cơ sở dữ liệu; cập nhật dữ liệu từ năm 2021.",
            due=None, approved=D(2026, 10, 8)),
        triggers=["CTCL004"], note="approved actions but Thời hạn hoàn thành left blank"),
    CapaCase(
        "Phiếu HĐKP/2026/Phiếu HĐKP 18-2026 Thanh tra.docx", "paragraphs", capa(
            "18/2026", TT, D(2026, 10, 12), "Khắc phục", "Giám sát quá trình",
            "Tiếp tục khắc phục theo phiếu số 13/2026 có kết quả kiểm tra không đạt: sổ tiếp công dân còn "
            "05 vụ việc chưa cập nhật kết quả xử lý.",
            root="Các vụ việc còn lại chưa có văn bản trả lời của cơ quan có thẩm quyền.",
            actions="Đôn đốc cơ quan có thẩm quyền trả lời; cập nhật ngay khi có kết quả.",
            due=D(2026, 12, 15), approved=D(2026, 10, 14),
            progress=[(D(2026, 11, 10), "Đã cập nhật 02 vụ việc")]),
        note="clean open request, the follow-up of 13/2026", in_log=True),
    CapaCase(
        "Phiếu HĐKP/2026/BM.CTCL.01 - 19-2026.docx", "agency", capa(
            "19/2026", VP, D(2026, 11, 2), "Khắc phục", "Phản hồi của khách hàng",
            "Phiếu khảo sát sự hài lòng quý III ghi nhận ý kiến phản ánh thái độ tiếp công dân chưa niềm "
            "nở tại bộ phận một cửa.",
            root="Công chức mới chưa được bồi dưỡng kỹ năng giao tiếp.",
            actions="Tổ chức bồi dưỡng kỹ năng giao tiếp; niêm yết số điện thoại đường dây nóng.",
            due=D(2026, 11, 30), approved=D(2026, 11, 4)),
        triggers=["CTCL013"], note="open, due 30/11/2026 (within 10 days of as_of)", in_log=True),
    CapaCase(
        "Phiếu HĐKP/2026/BM.CTCL.01 - 20-2026.docx", "twocol", capa(
            "20/2026", VP, D(2026, 11, 5), "Khắc phục", "Phản hồi của khách hàng",
            "Trang thông tin điện tử của Ban chưa cập nhật kịp thời văn bản mới về chính sách dân tộc.",
            root="Chưa phân công người cập nhật trang thông tin khi có văn bản mới.",
            actions="Phân công biên tập viên; cập nhật văn bản trong 02 ngày làm việc kể từ khi ban hành.",
            due=D(2027, 1, 15), approved=None),
        triggers=["CTCL005"], note="actions proposed, Phê duyệt (name and date) blank"),
]
