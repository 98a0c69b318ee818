"""Management review documents: minutes BM.CTCL.02, and the report + notice route (§5.8.2).

One layout function per document; `Review` holds the values. A topic missing from `inputs` /
`outputs` is left out of a filled document (a secretary who skipped it) and shown as a numbered
heading with dotted lines on the blank template (`blank=True`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from docx.document import Document as DocxDocument

from tools import docstyle as ds

MINUTES_CODE = "BM.CTCL.02"
MINUTES_TITLE = "BIÊN BẢN HỌP XEM XÉT CỦA LÃNH ĐẠO"
REPORT_TITLE = "BÁO CÁO KẾT QUẢ HOẠT ĐỘNG VẬN HÀNH DUY TRÌ HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG"
NOTICE_TITLE = "THÔNG BÁO KẾT QUẢ XEM XÉT CỦA LÃNH ĐẠO"

# QT.03.CTCL §5.8.1.1 (inputs) and §5.8.1.2 (outputs), as the agency words its headings.
INPUT_TOPICS = {
    "previous_actions": "Tình trạng của các hành động từ các cuộc họp xem xét của lãnh đạo trước đó",
    "context_changes": "Những thay đổi về các vấn đề nội bộ và bên ngoài liên quan đến HTQLCL",
    "customer_satisfaction": "Sự thỏa mãn của khách hàng và thông tin phản hồi của các bên liên quan",
    "quality_objectives": "Mức độ đạt được các mục tiêu chất lượng",
    "nonconformities": "Sự không phù hợp và hành động khắc phục",
    "monitoring_results": "Kết quả theo dõi và đo lường",
    "audit_results": "Kết quả các cuộc đánh giá",
    "external_providers": "Kết quả thực hiện của các nhà cung cấp bên ngoài",
    "resources": "Sự đầy đủ của nguồn lực",
    "risks_opportunities": "Hiệu lực của các hành động giải quyết rủi ro và cơ hội",
    "improvement_opportunities": "Các cơ hội cải tiến",
}
OUTPUT_TOPICS = {
    "out_improvement": "Các cơ hội cải tiến",
    "out_qms_changes": "Mọi nhu cầu thay đổi đối với HTQLCL",
    "out_resources": "Nhu cầu về nguồn lực",
}


@dataclass
class Review:
    """Values of one review document; `inputs`/`outputs` map topic id → paragraphs of content."""

    day: dt.date | None = None  # held_on / reported_on / issued_on
    number: str | None = None  # "Số: …" of a report or notice
    place: str | None = None
    start: str = "08 giờ 00"
    chair: str | None = None
    chair_title: str = "Trưởng ban"
    secretary: str | None = None
    attendees: list[str] = field(default_factory=list)
    inputs: dict[str, list[str]] = field(default_factory=dict)
    outputs: dict[str, list[str]] = field(default_factory=dict)
    year: int | None = None
    approved_by: str | None = None  # report: the ISO steering lead; notice: the head of agency
    approved_on: dt.date | None = None
    drafter: str | None = None
    blank: bool = False


def chair_line(r: Review) -> str | None:
    """The Chủ trì value as the minutes print it (the reader returns it as is)."""
    return f"Ông {r.chair} - {r.chair_title}" if r.chair else None


def secretary_line(r: Review) -> str | None:
    return f"Bà {r.secretary} - Thư ký ISO" if r.secretary else None


def _topics(doc: DocxDocument, topics: dict[str, str], content: dict[str, list[str]], blank: bool) -> None:
    n = 0
    for key, heading in topics.items():
        if key not in content and not blank:
            continue
        n += 1
        ds.para(doc, f"{n}. {heading}", bold=True, before=3, after=2, keep_next=True)
        if key not in content:  # blank form: room to write
            for _ in range(2):
                ds.para(doc, ds.dot_line(160, 14), after=3)
        for text in content.get(key, []):
            ds.para(doc, text, align="justify", first_indent=10, after=3)


def minutes(r: Review) -> DocxDocument:
    """BM.CTCL.02 — Biên bản họp xem xét của lãnh đạo."""
    doc = ds.new_document(size=14)
    ds.page_header_text(doc, f"Mẫu {MINUTES_CODE}")
    ds.agency_header(doc)
    ds.title(doc, MINUTES_TITLE, sub="Về Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015")
    when = ds.vn_date(r.day) if r.day else "ngày … tháng … năm 20…"
    ds.labelled(doc, "Thời gian", f"{r.start}, {when}" if not r.blank else f"…… giờ ……, {when}")
    ds.labelled(doc, "Địa điểm", r.place or ds.dots(2))
    if r.chair or r.blank:
        ds.labelled(doc, "Chủ trì", chair_line(r) or ds.dots(2))
    if r.secretary or r.blank:
        ds.labelled(doc, "Thư ký", secretary_line(r) or ds.dots(2))
    ds.para(doc, "Thành phần tham dự:", bold=True, after=2)
    for person in r.attendees or [ds.dot_line(160, 14)] * 3:
        ds.para(doc, f"- {person}" if r.attendees else person, after=1)
    ds.para(doc, "I. ĐẦU VÀO - NỘI DUNG XEM XÉT", bold=True, before=6, after=3)
    _topics(doc, INPUT_TOPICS, r.inputs, r.blank)
    ds.para(doc, "II. ĐẦU RA - KẾT LUẬN CỦA CUỘC HỌP", bold=True, before=6, after=3)
    _topics(doc, OUTPUT_TOPICS, r.outputs, r.blank)
    closing = (f"Cuộc họp kết thúc vào lúc 11 giờ 00 cùng {when}. Biên bản đã được đọc lại cho các thành "
               "viên dự họp cùng nghe và thống nhất.") if not r.blank else (
               "Cuộc họp kết thúc vào lúc …… giờ …… cùng ngày. Biên bản đã được đọc lại cho các thành viên "
               "dự họp cùng nghe và thống nhất.")
    ds.para(doc, closing, first_indent=10, before=6, align="justify")
    blocks = [ds.Signature("CHỦ TRÌ", r.chair if not r.blank else None)]
    if r.secretary or r.blank:
        blocks.insert(0, ds.Signature("THƯ KÝ", r.secretary if not r.blank else None))
    ds.signature_blocks(doc, blocks)
    return doc


def report(r: Review) -> DocxDocument:
    """§5.8.2.1 — the ISO secretary's QMS operation report, approved by the ISO steering lead."""
    doc = ds.new_document(size=14)
    ds.agency_header(doc, number=r.number, date_line=ds.vn_date(r.day, ds.PLACE))
    year = r.year or "20……"
    ds.title(doc, f"BÁO CÁO\nKết quả hoạt động vận hành duy trì Hệ thống quản lý chất lượng năm {year}")
    ds.para(doc, "Thực hiện Quy trình cải tiến hệ thống quản lý chất lượng QT.03.CTCL, Thư ký ISO báo cáo "
                 f"kết quả hoạt động vận hành duy trì HTQLCL năm {r.year} như sau:",
            first_indent=10, align="justify", after=6)
    _topics(doc, INPUT_TOPICS, r.inputs, r.blank)
    approval = f"Ngày {ds.short_date(r.approved_on)}"
    ds.signature_blocks(doc, [
        ds.Signature("NGƯỜI LẬP BÁO CÁO\nTHƯ KÝ ISO", r.drafter),
        ds.Signature("PHÊ DUYỆT\nLÃNH ĐẠO BAN CHỈ ĐẠO ISO", r.approved_by or "", date_line=approval),
    ])
    return doc


def notice(r: Review) -> DocxDocument:
    """§5.8.2.2 — the head of agency's notice of the review's outputs."""
    doc = ds.new_document(size=14)
    ds.agency_header(doc, number=r.number, date_line=ds.vn_date(r.day, ds.PLACE))
    ds.title(doc, NOTICE_TITLE, sub=f"về Hệ thống quản lý chất lượng theo TCVN ISO 9001:2015 năm {r.year or '20……'}")
    ds.para(doc, f"Căn cứ báo cáo của Thư ký ISO về tình hình vận hành HTQLCL năm {r.year} và ý "
                 "kiến của các thành viên Ban ISO, Trưởng Ban Dân tộc thông báo kết quả xem xét của lãnh đạo "
                 "như sau:", first_indent=10, align="justify", after=6)
    _topics(doc, OUTPUT_TOPICS, r.outputs, r.blank)
    ds.para(doc, "Các phòng, Văn phòng, Thanh tra và Thư ký ISO căn cứ nội dung thông báo này để triển khai "
                 "thực hiện.", first_indent=10, before=6, align="justify")
    table = ds.new_table(doc, 1, 2, [85, 80], borders=False)
    ds.recipients(table.cell(0, 0), ["Các thành viên Ban ISO;", "Các phòng, Văn phòng, Thanh tra;",
                                     "Lưu: VT, Thư ký ISO."])
    ds.tidy_cell(table.cell(0, 0))
    ds.cell_text(table.cell(0, 1), "TRƯỞNG BAN", bold=True, align="center", before=6)
    for _ in range(3):
        ds.para(table.cell(0, 1), "", after=0)
    ds.para(table.cell(0, 1), r.approved_by or "", bold=True, align="center")
    return doc
