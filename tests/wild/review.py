"""Management review documents as other offices write them (QT.03.CTCL §5.8; Decree 30/2020 layout).

- stand-alone minutes titled Decree-30 style, particulars in a table, sections "A." / "B.";
- minutes of a briefing meeting that holds the review (§5.8.1.2 allows it): "BIÊN BẢN HỌP GIAO BAN",
  headings "I. NỘI DUNG" / "II. KẾT LUẬN", the topics discussed in prose;
- a notice titled Decree-30 style "THÔNG BÁO" / "Kết luận của Giám đốc Sở tại cuộc họp xem xét …";
- a report titled "BÁO CÁO" / "Kết quả duy trì, áp dụng hệ thống quản lý chất lượng …".
`KINDS[name]` is the kind, `EXPECTED[name]` the key fields and the topics a reader finds addressed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from wild import kit

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"


def _decree30_header(d, agency: str, number: str, place_date: str) -> None:  # noqa: ANN001 - docx Document
    table = kit.grid(d, [[agency, MOTTO], [number, place_date]], style=None)
    kit.set_text(table.cell(0, 0), agency, bold=True)


def _signing(d, blocks: list[str]) -> None:  # noqa: ANN001
    kit.grid(d, [blocks], style=None)


def minutes_giao_ban(path: Path) -> Path:
    """A quarterly briefing that holds the annual review; topics in prose under "I. NỘI DUNG"."""
    d = kit.new()
    _decree30_header(d, "UBND TỈNH PHÚ YÊN\nSỞ NỘI VỤ", "Số: 45/BB-SNV", "Phú Yên, ngày 18 tháng 12 năm 2026")
    d.add_paragraph().add_run("BIÊN BẢN HỌP GIAO BAN QUÝ IV NĂM 2026").bold = True
    d.add_paragraph("(Kết hợp xem xét của lãnh đạo về hệ thống quản lý chất lượng)")
    for text in [
        "Thời gian: 14 giờ 00, ngày 18 tháng 12 năm 2026",
        "Địa điểm: Phòng họp tầng 2, Sở Nội vụ",
        "Chủ trì: Ông Nguyễn Văn Bình - Giám đốc Sở",
        "Thư ký: Bà Trần Thị Ngọc - Chuyên viên Văn phòng",
        "Thành phần tham dự: Ban Giám đốc Sở; Trưởng, phó các phòng, đơn vị thuộc Sở; thành viên Ban ISO.",
        "I. NỘI DUNG",
        "1. Kết quả thực hiện nhiệm vụ quý IV/2026",
        "Văn phòng báo cáo tình hình thực hiện nhiệm vụ chuyên môn quý IV; các phòng bổ sung ý kiến.",
        "2. Xem xét của lãnh đạo về hệ thống quản lý chất lượng",
        "Tình trạng của các hành động từ cuộc họp xem xét trước: 5/6 hành động đã hoàn thành, "
        "01 hành động về số hóa hồ sơ đang thực hiện.",
        "Về bối cảnh, từ tháng 7/2026 Sở tiếp nhận thêm chức năng quản lý nhà nước về lao động sau "
        "khi sắp xếp tổ chức bộ máy.",
        "Thông tin phản hồi của tổ chức, công dân qua khảo sát 350 phiếu cho thấy 97% hài lòng.",
        "Các mục tiêu chất lượng năm 2026 đạt 8/9 mục tiêu; mục tiêu số hóa hồ sơ chưa đạt.",
        "Trong năm phát sinh 04 sự không phù hợp, đã thực hiện hành động khắc phục và đóng 03 phiếu.",
        "Kết quả đánh giá nội bộ tháng 10/2026 ghi nhận 02 điểm không phù hợp nhỏ tại Phòng Công chức.",
        "II. KẾT LUẬN",
        "Giám đốc Sở kết luận:",
        "- Về các cơ hội cải tiến: triển khai chữ ký số cho toàn bộ hồ sơ một cửa trong quý I/2027.",
        "- Nhu cầu thay đổi HTQLCL: cập nhật các quy trình theo chức năng mới về lao động.",
        "- Về nguồn lực: bố trí thêm 01 công chức làm đầu mối ISO tại Văn phòng.",
        "Cuộc họp kết thúc lúc 16 giờ 30 cùng ngày.",
    ]:
        d.add_paragraph(text)
    _signing(d, ["THƯ KÝ\n\n\n\nTrần Thị Ngọc", "CHỦ TRÌ\nGIÁM ĐỐC\n\n\n\nNguyễn Văn Bình"])
    return kit.save(d, path)


def minutes_so_cong_thuong(path: Path) -> Path:
    """A stand-alone review, Decree-30 title "BIÊN BẢN" / "Họp xem xét của lãnh đạo …", the particulars
    in a two-column table, sections lettered "A. ĐẦU VÀO" / "B. ĐẦU RA"."""
    d = kit.new()
    _decree30_header(d, "UBND TỈNH NINH THUẬN\nSỞ CÔNG THƯƠNG", "Số: 07/BB-SCT", "")
    d.add_paragraph().add_run("BIÊN BẢN").bold = True
    d.add_paragraph().add_run("Họp xem xét của lãnh đạo về hệ thống quản lý chất lượng năm 2026").bold = True
    kit.grid(d, [["Thời gian", "08 giờ 00 ngày 20/10/2026"], ["Địa điểm", "Hội trường Sở Công Thương"],
                 ["Chủ tọa", "Ông Lê Văn Dũng - Giám đốc Sở"], ["Thư ký", "Bà Phan Thị Yến"]])
    for text in [
        "A. ĐẦU VÀO",
        "1. Tình trạng của các hành động từ các cuộc họp xem xét trước: hoàn thành 3/3 hành động.",
        "2. Kết quả đánh giá nội bộ năm 2026: phát hiện 02 điểm không phù hợp tại Phòng Quản lý thương mại.",
        "3. Rủi ro và cơ hội: các biện pháp kiểm soát rủi ro chậm trễ hồ sơ đã phát huy hiệu quả.",
        "B. ĐẦU RA",
        "1. Cơ hội cải tiến: áp dụng phần mềm theo dõi hồ sơ một cửa.",
        "2. Nhu cầu về nguồn lực: không phát sinh nhu cầu mới trong năm.",
    ]:
        d.add_paragraph(text)
    _signing(d, ["THƯ KÝ\n\n\n\nPhan Thị Yến", "CHỦ TỌA\n\n\n\nLê Văn Dũng"])
    return kit.save(d, path)


def notice_ket_luan(path: Path) -> Path:
    """A notice of the head's conclusions at the review, Decree-30 title over two lines."""
    d = kit.new()
    _decree30_header(d, "UBND TỈNH QUẢNG NGÃI\nSỞ TÀI CHÍNH", "Số: 112/TB-STC",
                     "Quảng Ngãi, ngày 26 tháng 12 năm 2026")
    d.add_paragraph().add_run("THÔNG BÁO").bold = True
    d.add_paragraph().add_run("Kết luận của Giám đốc Sở tại cuộc họp xem xét của lãnh đạo năm 2026").bold = True
    for text in [
        "Ngày 22/12/2026, Giám đốc Sở chủ trì cuộc họp xem xét của lãnh đạo về hệ thống quản lý chất lượng. "
        "Sau khi nghe báo cáo và ý kiến của các thành viên, Giám đốc Sở kết luận như sau:",
        "1. Các cơ hội cải tiến được thống nhất: áp dụng phần mềm quản lý văn bản cho toàn bộ phòng.",
        "2. Nhu cầu thay đổi hệ thống: sửa đổi quy trình thẩm định giá theo Nghị định mới trong quý I/2027.",
        "3. Nhu cầu về nguồn lực: bổ sung kinh phí đào tạo chuyên gia đánh giá nội bộ cho 05 công chức.",
        "Văn phòng Sở theo dõi, đôn đốc việc thực hiện và báo cáo Giám đốc Sở.",
    ]:
        d.add_paragraph(text)
    _signing(d, ["Nơi nhận:\n- Ban Giám đốc;\n- Các phòng;\n- Lưu: VT, VP.",
                 "GIÁM ĐỐC\n\n\n\nPhan Thanh Hải"])
    return kit.save(d, path)


def report_duy_tri(path: Path) -> Path:
    """The review report of the report route, "BÁO CÁO" / "Kết quả duy trì, áp dụng HTQLCL …"."""
    d = kit.new()
    _decree30_header(d, "UBND TỈNH QUẢNG NGÃI\nSỞ TÀI CHÍNH", "Số: 98/BC-STC",
                     "Quảng Ngãi, ngày 10 tháng 12 năm 2026")
    d.add_paragraph().add_run("BÁO CÁO").bold = True
    d.add_paragraph().add_run("Kết quả hoạt động vận hành, duy trì hệ thống quản lý chất lượng "
                              "theo TCVN ISO 9001:2015 năm 2026").bold = True
    for text in [
        "I. TÌNH HÌNH THỰC HIỆN",
        "1. Tình trạng của các hành động từ các cuộc họp xem xét trước: đã hoàn thành 4/4 hành động.",
        "2. Mức độ thực hiện mục tiêu chất lượng: đạt 7/8 mục tiêu, mục tiêu về thời gian thẩm định chưa đạt.",
        "3. Kết quả đánh giá nội bộ: đợt tháng 9/2026 phát hiện 03 điểm không phù hợp.",
        "4. Sự đầy đủ của nguồn lực: nhân sự, trang thiết bị cơ bản đáp ứng yêu cầu công việc.",
    ]:
        d.add_paragraph(text)
    _signing(d, ["NGƯỜI LẬP\nTHƯ KÝ ISO\n\n\n\nĐặng Thu Hà",
                 "PHÊ DUYỆT\nTRƯỞNG BAN ISO\nNgày 12/12/2026\n\n\nPhan Thanh Hải"])
    return kit.save(d, path)


EXPECTED: dict[str, dict[str, object]] = {
    "minutes_giao_ban": {
        "held_on": dt.date(2026, 12, 18), "place": "Phòng họp tầng 2, Sở Nội vụ",
        "chair": "Ông Nguyễn Văn Bình - Giám đốc Sở", "secretary": "Bà Trần Thị Ngọc - Chuyên viên Văn phòng",
        "topics": sorted(["previous_actions", "context_changes", "customer_satisfaction", "quality_objectives",
                          "nonconformities", "audit_results", "out_improvement", "out_qms_changes",
                          "out_resources"]),
    },
    "minutes_so_cong_thuong": {
        "held_on": dt.date(2026, 10, 20), "place": "Hội trường Sở Công Thương",
        "chair": "Ông Lê Văn Dũng - Giám đốc Sở", "secretary": "Bà Phan Thị Yến",
        "topics": ["audit_results", "out_improvement", "out_resources", "previous_actions", "risks_opportunities"],
    },
    "notice_ket_luan": {
        "issued_on": dt.date(2026, 12, 26), "signed_by": "Phan Thanh Hải",
        "topics": ["out_improvement", "out_qms_changes", "out_resources"],
    },
    "report_duy_tri": {
        "reported_on": dt.date(2026, 12, 10), "approved_by": "Phan Thanh Hải",
        "approved_on": dt.date(2026, 12, 12),
        "topics": ["audit_results", "previous_actions", "quality_objectives", "resources"],
    },
}

KINDS = {"minutes_giao_ban": "review_minutes", "minutes_so_cong_thuong": "review_minutes",
         "notice_ket_luan": "review_notice", "report_duy_tri": "review_report"}
BUILDERS = {f.__name__: f for f in (minutes_giao_ban, minutes_so_cong_thuong, notice_ket_luan, report_duy_tri)}
