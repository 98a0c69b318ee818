"""Management review documents: minutes (BM.CTCL.02), report and notice — detection, fields, topics.

Documents are real DOCX files written with python-docx and read by the pipeline's reader, or
Documents built with the model where a layout is easier to state directly; one test reads the
LibreOffice PDF of a minutes DOCX.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from admin_docx import Builder, Signer, read_docx_file
from conftest import needs_soffice

from pipeline.extract import ExtractContext, review_minutes, review_notice, review_report
from pipeline.extract.objectives import KINDS as OBJECTIVE_KINDS
from pipeline.extract.review_topics import (
    addressed_topics,
    keyword,
    load_topic_set,
    minutes_sections,
    parse_topic_set,
)
from pipeline.extract.titles import find_title, reading_lines
from pipeline.model import Document, Paragraph, grid_from_texts

TOPICS = load_topic_set()
INPUT_IDS = [t.id for t in TOPICS.of("input")]
OUTPUT_IDS = [t.id for t in TOPICS.of("output")]

# topic -> (item heading as a form prints it, what the meeting said about it)
INPUTS = {
    "previous_actions": ("Tình trạng của các hành động từ các cuộc họp xem xét trước đó",
                         "05/05 hành động đã hoàn thành đúng hạn"),
    "context_changes": ("Những thay đổi về các vấn đề nội bộ và bên ngoài có liên quan đến HTQLCL",
                        "sáp nhập phòng Chính sách vào Văn phòng từ tháng 7"),
    "customer_satisfaction": ("Sự thỏa mãn của khách hàng và thông tin phản hồi của các bên liên quan",
                              "khảo sát 120 phiếu, 98% tổ chức và công dân hài lòng"),
    "quality_objectives": ("Mức độ thực hiện các mục tiêu chất lượng", "đạt 9 trên 10 mục tiêu đề ra"),
    "nonconformities": ("Sự không phù hợp và hành động khắc phục", "03 trường hợp đã được xử lý dứt điểm"),
    "monitoring_results": ("Kết quả theo dõi và đo lường các quá trình", "hồ sơ giải quyết đúng hạn 100%"),
    "audit_results": ("Kết quả các cuộc đánh giá nội bộ", "đợt tháng 10 phát hiện 3 điểm cần chấn chỉnh"),
    "external_providers": ("Kết quả thực hiện của các nhà cung cấp bên ngoài",
                           "đơn vị bảo trì máy tính đáp ứng yêu cầu"),
    "resources": ("Sự đầy đủ của nguồn lực", "nhân sự và trang thiết bị cơ bản đáp ứng công việc"),
    "risks_opportunities": ("Hiệu lực của hành động giải quyết rủi ro và cơ hội",
                            "các biện pháp kiểm soát đã được thực hiện đầy đủ"),
    "improvement_opportunities": ("Các cơ hội cải tiến", "số hóa hồ sơ lưu trữ của Văn phòng"),
}
OUTPUTS = {
    "out_improvement": ("Các cơ hội cải tiến", "Triển khai phần mềm quản lý hồ sơ điện tử trong năm 2027"),
    "out_qms_changes": ("Nhu cầu thay đổi HTQLCL", "Sửa đổi quy trình QT.03.CTCL cho phù hợp cơ cấu mới"),
    "out_resources": ("Nhu cầu về nguồn lực", "Bổ sung 01 công chức làm công tác ISO"),
}
PLACEHOLDER = "…………………………………………"


def minutes_docx(
    path: Path,
    skip: tuple[str, ...] = (),
    dotted: tuple[str, ...] = (),
    held: str = "08 giờ 00, ngày 15 tháng 12 năm 2026",
    title: tuple[str, ...] = ("BIÊN BẢN HỌP XEM XÉT CỦA LÃNH ĐẠO NĂM 2026",),
) -> Path:
    """A filled BM.CTCL.02: inputs as numbered paragraphs (content inline or on the next line),
    outputs in a table; `skip` topics are left out, `dotted` ones keep the form's dotted leaders."""
    b = Builder().header("Khánh Hòa, ngày 15 tháng 12 năm 2026")
    b.broken(*title)
    b.lines(f"Thời gian: {held}", "Địa điểm: Phòng họp Ban Dân tộc tỉnh Khánh Hòa",
            "Chủ trì: Ông Võ Nam Thắng - Trưởng ban", "Thư ký: Bà Nguyễn Thị Nguyệt - Thư ký ISO",
            "Thành phần tham dự:", "- Lãnh đạo Ban Dân tộc;", "- Trưởng các phòng và thành viên Ban ISO.",
            "I. ĐẦU VÀO CỦA CUỘC HỌP")
    n = 0
    for topic, (heading, said) in INPUTS.items():
        if topic in skip:
            continue
        n += 1
        content = PLACEHOLDER if topic in dotted else said
        if n % 2:
            b.lines(f"{n}. {heading}: {content}")
        else:
            b.lines(f"{n}. {heading}:", content if topic in dotted else f"- {content}.")
    b.lines("II. ĐẦU RA CỦA CUỘC HỌP")
    rows = [["TT", "Nội dung", "Quyết định của chủ trì"]]
    for topic, (heading, said) in OUTPUTS.items():
        if topic not in skip:
            rows.append([str(len(rows)), heading, PLACEHOLDER if topic in dotted else said])
    b.table(rows)
    b.lines("Cuộc họp kết thúc lúc 11 giờ 00 cùng ngày.")
    b.signers(Signer(["THƯ KÝ"], "Nguyễn Thị Nguyệt"), Signer(["CHỦ TRÌ"], "Võ Nam Thắng"))
    return b.save(path)


def extract(module, doc: Document, **params):  # noqa: ANN001, ANN201 — a kind module
    assert module.detect(doc)
    return module.extract(doc, ExtractContext(path=doc.path, params=params))


# ---------------------------------------------------------------------------------------------
# Minutes


def test_minutes_with_every_topic(tmp_path: Path) -> None:
    doc = read_docx_file(minutes_docx(tmp_path / "bb.docx"))
    record = extract(review_minutes, doc)
    f = record.fields
    assert f["topic_sections"] == {"input": INPUT_IDS, "output": OUTPUT_IDS}
    assert f["topics"] == sorted(INPUT_IDS + OUTPUT_IDS)
    assert f["held_on"] == dt.date(2026, 12, 15)
    assert f["place"] == "Phòng họp Ban Dân tộc tỉnh Khánh Hòa"
    assert (f["chair"], f["secretary"]) == ("Ông Võ Nam Thắng - Trưởng ban", "Bà Nguyễn Thị Nguyệt - Thư ký ISO")
    assert "Trưởng các phòng" in f["attendees"]
    assert f["signatures"] == ["Nguyễn Thị Nguyệt", "Võ Nam Thắng"]
    assert record.problems == []
    assert record.locations["topics.out_resources"].startswith("bảng")


def test_minutes_missing_topics_and_dotted_leaders(tmp_path: Path) -> None:
    """Two inputs missing (one left out, one with only dotted leaders) and one output missing — the
    resources input stays addressed while the resources output is missing: the section decides."""
    path = minutes_docx(tmp_path / "bb.docx", skip=("external_providers", "out_resources"),
                        dotted=("customer_satisfaction",))
    record = extract(review_minutes, read_docx_file(path))
    sections = record.fields["topic_sections"]
    assert set(INPUT_IDS) - set(sections["input"]) == {"external_providers", "customer_satisfaction"}
    assert set(OUTPUT_IDS) - set(sections["output"]) == {"out_resources"}
    assert "resources" in sections["input"]


def test_minutes_particulars_blank_take_names_from_signing_block(tmp_path: Path) -> None:
    b = Builder().header().lines("BIÊN BẢN HỌP XEM XÉT CỦA LÃNH ĐẠO", "Thời gian: …………",
                                 "Chủ trì: ……………", "Thư ký: ……………", "NỘI DUNG",
                                 "Hôm nay, ngày 03 tháng 11 năm 2026, Ban Dân tộc họp xem xét.")
    b.signers(Signer(["THƯ KÝ"], "Nguyễn Thị Nguyệt"), Signer(["CHỦ TỌA"], "Võ Nam Thắng"))
    record = extract(review_minutes, b.read(tmp_path / "bb.docx"))
    assert record.fields["chair"] == "Võ Nam Thắng"
    assert record.fields["secretary"] == "Nguyễn Thị Nguyệt"
    assert record.fields["held_on"] == dt.date(2026, 11, 3)


def test_minutes_impossible_date_is_an_invalid_value(tmp_path: Path) -> None:
    path = minutes_docx(tmp_path / "bb.docx", held="08 giờ 00, ngày 31/02/2026")
    record = extract(review_minutes, read_docx_file(path))
    assert record.fields["held_on"] is None
    [problem] = record.problems
    assert (problem.code, problem.field, problem.value) == ("invalid_value", "held_on", "31/02/2026")
    assert problem.location


@pytest.mark.parametrize(
    "title",
    [
        ("BIEN BAN HOP XEM XET CUA LANH DAO NAM 2026",),
        ("BIÊN BẢN HỌP", "XEM XÉT CỦA LÃNH ĐẠO NĂM 2026"),
        ("BIÊN BẢN", "Họp xem xét của lãnh đạo năm 2026"),
        ("BIÊN BẢN CUỘC HỌP XEM XÉT CỦA LÃNH ĐẠO",),
    ],
)
def test_minutes_title_variants(tmp_path: Path, title: tuple[str, ...]) -> None:
    doc = read_docx_file(minutes_docx(tmp_path / "bb.docx", title=title))
    assert review_minutes.detect(doc)
    assert not review_report.detect(doc) and not review_notice.detect(doc)
    assert extract(review_minutes, doc).fields["topic_sections"]["output"] == OUTPUT_IDS


def test_plain_case_title_needs_the_form_code() -> None:
    body = [Paragraph("Biên bản họp xem xét của lãnh đạo"), Paragraph("Thời gian: 15/12/2026")]
    assert not review_minutes.detect(Document("a.docx", "docx", blocks=list(body)))
    coded = Document("a.docx", "docx", blocks=list(body), headers=[Paragraph("BM.CTCL.02", where="header")])
    assert review_minutes.detect(coded)


def test_procedure_mentioning_the_titles_is_not_a_review_document(tmp_path: Path) -> None:
    b = Builder().table([["UBND TỈNH KHÁNH HÒA\nBAN DÂN TỘC", "QUY TRÌNH CẢI TIẾN HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG",
                          "Mã hiệu: QT.03.CTCL\nLần ban hành: 03\nNgày ban hành: 20/7/2023"]])
    b.lines("1. MỤC ĐÍCH",
            "Biên bản họp xem xét của lãnh đạo được lập sau mỗi cuộc họp và lưu tại Văn phòng theo quy định.",
            "- Kết quả của các cuộc họp xem xét của lãnh đạo được ghi vào Biên bản họp xem xét của lãnh đạo "
            "- BM.CTCL.02; hoặc Báo cáo kết quả hoạt động vận hành duy trì HTQLCL và Thông báo kết quả "
            "xem xét của lãnh đạo.",
            "6. BIỂU MẪU")
    b.table([["TT", "Mã hiệu", "Tên biểu mẫu"],
             ["1", "BM.CTCL.01", "Phiếu yêu cầu hành động khắc phục/cải tiến"],
             ["2", "BM.CTCL.02", "Biên bản họp xem xét của lãnh đạo"],
             ["3", "", "Kế hoạch thực hiện mục tiêu chất lượng năm"]])
    doc = b.read(tmp_path / "qt.docx")
    for module in (review_minutes, review_report, review_notice, *OBJECTIVE_KINDS):
        assert not module.detect(doc), module


@needs_soffice()
@pytest.mark.slow
def test_minutes_pdf_made_by_libreoffice_reads_the_same_topics(tmp_path: Path) -> None:
    from tools.office import convert

    source = minutes_docx(tmp_path / "bb.docx", skip=("audit_results", "out_qms_changes"),
                          dotted=("resources",))
    from_docx = extract(review_minutes, read_docx_file(source))
    pdf = convert(source, "pdf", tmp_path / "pdf")
    doc = read_docx_file(pdf)
    assert doc.format == "pdf"
    from_pdf = extract(review_minutes, doc)
    assert from_pdf.fields["topic_sections"] == from_docx.fields["topic_sections"]
    assert set(INPUT_IDS) - set(from_pdf.fields["topic_sections"]["input"]) == {"audit_results", "resources"}
    assert from_pdf.fields["held_on"] == dt.date(2026, 12, 15)


# ---------------------------------------------------------------------------------------------
# Report and notice


def report_docx(path: Path, skip: tuple[str, ...] = (), approved: str = "Ngày 20/12/2026") -> Path:
    b = Builder().header("Khánh Hòa, ngày 18 tháng 12 năm 2026")
    b.lines("BÁO CÁO", "Kết quả hoạt động vận hành duy trì HTQLCL năm 2026")
    b.lines("Thực hiện Quy trình QT.03.CTCL, Thư ký ISO báo cáo kết quả như sau:")
    for n, (topic, (heading, said)) in enumerate(INPUTS.items(), 1):
        if topic not in skip:
            b.lines(f"{n}. {heading}:", f"- {said}.")
    b.signers(Signer(["PHÊ DUYỆT", "TRƯỞNG BAN ISO"], "Võ Nam Thắng", date=approved),
              Signer(["NGƯỜI LẬP", "THƯ KÝ ISO"], "Nguyễn Thị Nguyệt"))
    return b.save(path)


def notice_docx(path: Path, skip: tuple[str, ...] = ()) -> Path:
    b = Builder().header("Khánh Hòa, ngày 28 tháng 12 năm 2026", left="UBND TỈNH KHÁNH HÒA\nBAN DÂN TỘC\n"
                         "Số: 15/TB-BDT")
    b.lines("THÔNG BÁO", "Kết quả xem xét của lãnh đạo về HTQLCL năm 2026",
            "Trên cơ sở báo cáo của Thư ký ISO và ý kiến các thành viên, Trưởng ban kết luận:")
    for n, (topic, (heading, said)) in enumerate(OUTPUTS.items(), 1):
        if topic not in skip:
            b.lines(f"{n}. Về {heading.lower()}: {said}.")
    b.table([["Nơi nhận:\n- Các phòng;\n- Thành viên Ban ISO;\n- Lưu: VT.",
              "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\n\n(Đã ký)\n\n\nPhạm Duy Khánh"]])
    return b.save(path)


def test_report_fields_and_input_topics(tmp_path: Path) -> None:
    doc = read_docx_file(report_docx(tmp_path / "bc.docx", skip=("previous_actions",)))
    assert not review_minutes.detect(doc) and not review_notice.detect(doc)
    record = extract(review_report, doc)
    f = record.fields
    assert f["reported_on"] == dt.date(2026, 12, 18)
    assert f["approved_by"] == "Võ Nam Thắng"
    assert f["approved_on"] == dt.date(2026, 12, 20)
    assert f["approver_title"] == "PHÊ DUYỆT / TRƯỞNG BAN ISO"
    assert f["topic_sections"] == {"input": [t for t in INPUT_IDS if t != "previous_actions"]}


def test_report_with_impossible_approval_date(tmp_path: Path) -> None:
    record = extract(review_report, read_docx_file(report_docx(tmp_path / "bc.docx", approved="Ngày 30/02/2026")))
    assert record.fields["approved_on"] is None
    assert [(p.field, p.value) for p in record.problems] == [("approved_on", "30/02/2026")]


def test_notice_fields_and_output_topics(tmp_path: Path) -> None:
    doc = read_docx_file(notice_docx(tmp_path / "tb.docx", skip=("out_qms_changes",)))
    assert not review_minutes.detect(doc) and not review_report.detect(doc)
    record = extract(review_notice, doc)
    f = record.fields
    assert f["issued_on"] == dt.date(2026, 12, 28)
    assert f["signed_by"] == "Phạm Duy Khánh"
    assert f["signer_title"] == "KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN"
    assert f["topic_sections"] == {"output": ["out_improvement", "out_resources"]}


# ---------------------------------------------------------------------------------------------
# Topic detection on the model


def lines_of(*texts: str) -> list:
    return reading_lines(Document("m.docx", "docx", blocks=[Paragraph(t) for t in texts]))


def input_ids(*texts: str) -> list[str]:
    lines = lines_of(*texts)
    return [a.topic for a in addressed_topics(lines, TOPICS, "input", (0, len(lines)))]


def test_keyword_with_ellipsis_needs_both_parts_in_order() -> None:
    kw = keyword("rủi ro … cơ hội")
    assert kw.spans("hieu luc cua hanh dong giai quyet rui ro va co hoi") == [(34, 40), (44, 50)]
    assert kw.spans("co hoi va rui ro") == []
    assert kw.spans("rui roi va co hoi") == []  # whole words only
    assert input_ids("Các rủi ro đã được nhận diện và xử lý, mở ra cơ hội mới cho đơn vị.") == ["risks_opportunities"]


def test_bare_item_heading_or_dots_is_not_content() -> None:
    assert input_ids("1. Tình trạng của các hành động từ các cuộc họp xem xét trước đó",
                     "2. Sự đầy đủ của nguồn lực:", "……………", "3. Nhà cung cấp: ……") == []


def test_sentence_and_continuation_are_content() -> None:
    assert input_ids("Trong năm không phát sinh sự không phù hợp nào ở các phòng.",
                     "2. Sự đầy đủ của nguồn lực:", "- Cơ bản đáp ứng yêu cầu công việc") == [
        "nonconformities", "resources"]


def test_topic_in_a_table_row_reads_the_cell_to_its_right() -> None:
    filled = grid_from_texts([["1", "Kết quả các cuộc đánh giá nội bộ", "Đợt 1 phát hiện 2 điểm KPH nhẹ"]])
    blank = grid_from_texts([["2", "Kết quả thực hiện của các nhà cung cấp", "……"]])
    lines = reading_lines(Document("m.docx", "docx", blocks=[filled, blank]))
    found = addressed_topics(lines, TOPICS, "input", (0, len(lines)))
    assert [a.topic for a in found] == ["nonconformities", "audit_results"]


def test_topics_come_from_params_when_given(tmp_path: Path) -> None:
    custom = parse_topic_set({
        "min_words": 2,
        "sections": {"input": ["Đầu vào"], "output": ["Đầu ra"]},
        "topics": [{"id": "budget", "section": "input", "keywords": ["kinh phí"]},
                   {"id": "out_budget", "section": "output", "keywords": ["kinh phí"]}],
    })
    path = minutes_docx(tmp_path / "bb.docx")
    doc = read_docx_file(path)
    assert extract(review_minutes, doc, review_topics=custom).fields["topics"] == []
    b = Builder().lines("BIÊN BẢN HỌP XEM XÉT CỦA LÃNH ĐẠO", "ĐẦU VÀO", "Kinh phí: đủ chi thường xuyên",
                        "ĐẦU RA", "Kinh phí: bổ sung 20 triệu")
    record = extract(review_minutes, b.read(tmp_path / "b2.docx"), review_topics=custom)
    assert record.fields["topic_sections"] == {"input": ["budget"], "output": ["out_budget"]}


def test_title_match_reports_its_suffix() -> None:
    doc = Document("a.docx", "docx", blocks=[Paragraph("BIÊN BẢN HỌP XEM XÉT CỦA LÃNH ĐẠO NĂM 2026 (lần 2)")])
    match = find_title(doc, ["BIÊN BẢN (CUỘC) HỌP XEM XÉT CỦA LÃNH ĐẠO"])
    assert match is not None and match.rest == "NĂM 2026 (lần 2)"


def test_sub_items_continue_their_topic_until_the_next_item() -> None:
    assert input_ids("1. Tình trạng của các hành động từ các cuộc họp xem xét trước đó:",
                     "a) Hành động số 1 đã hoàn thành;", "b) Hành động số 2 đang thực hiện.",
                     "2. Kết quả thực hiện của các nhà cung cấp:", "……") == ["previous_actions"]


def test_output_section_starts_at_a_heading_not_at_running_text() -> None:
    lines = lines_of("NỘI DUNG", "Quyết định thành lập Ban ISO đã được kiện toàn trong năm.",
                     "Sự đầy đủ của nguồn lực: cơ bản đáp ứng yêu cầu công việc",
                     "Đầu ra của cuộc họp xem xét của lãnh đạo", "Nhu cầu về nguồn lực: bổ sung 01 biên chế")
    sections = minutes_sections(lines, TOPICS)
    assert (sections.input, sections.output, sections.first_heading) == ((0, 3), (3, 5), 0)
    assert [a.topic for a in addressed_topics(lines, TOPICS, "output", sections.output)] == ["out_resources"]
    assert [a.topic for a in addressed_topics(lines, TOPICS, "input", sections.input)] == ["resources"]


def test_minutes_without_an_output_heading_address_no_output_topic() -> None:
    doc = Document("bb.docx", "docx", blocks=[
        Paragraph("BIÊN BẢN HỌP XEM XÉT CỦA LÃNH ĐẠO"),
        Paragraph("Sự đầy đủ của nguồn lực: cơ bản đáp ứng yêu cầu công việc"),
        Paragraph("Nhu cầu về nguồn lực: bổ sung 01 biên chế cho Văn phòng"),
    ])
    record = extract(review_minutes, doc)
    assert record.fields["topic_sections"] == {"input": ["resources"], "output": []}
    assert "section.output" not in record.locations


def test_signing_blocks_in_tab_separated_paragraphs() -> None:
    doc = Document("tb.docx", "docx", blocks=[
        Paragraph("THÔNG BÁO KẾT QUẢ XEM XÉT CỦA LÃNH ĐẠO NĂM 2026"),
        Paragraph("Khánh Hòa, ngày 28 tháng 12 năm"), Paragraph("2026"),
        Paragraph("Các cơ hội cải tiến: số hóa toàn bộ hồ sơ lưu trữ"),
        Paragraph("NGƯỜI LẬP\t\t\tTRƯỞNG BAN"),
        Paragraph("(Ký, ghi rõ họ tên)\t\t\t(Đã ký)"),
        Paragraph(""),
        Paragraph("Nguyễn Thị Nguyệt\t\t\tNGUYỄN VĂN TRƯỜNG"),
    ])
    record = extract(review_notice, doc)
    assert (record.fields["signed_by"], record.fields["signer_title"]) == ("NGUYỄN VĂN TRƯỜNG", "TRƯỞNG BAN")
    assert record.fields["issued_on"] == dt.date(2026, 12, 28)
    assert record.fields["topics"] == ["out_improvement"]


def test_section_heading_right_under_the_title_is_not_part_of_it() -> None:
    doc = Document("bb.docx", "docx", blocks=[
        Paragraph("BIÊN BẢN HỌP XEM XÉT CỦA LÃNH ĐẠO"), Paragraph("NĂM 2026"), Paragraph("ĐẦU VÀO"),
        Paragraph("Chủ trì: Võ Nam Thắng"),
        Paragraph("Sự đầy đủ của nguồn lực: cơ bản đáp ứng yêu cầu công việc"),
        Paragraph("ĐẦU RA"), Paragraph("Nhu cầu về nguồn lực: bổ sung 01 biên chế cho Văn phòng"),
    ])
    record = extract(review_minutes, doc)
    assert record.fields["title"] == "BIÊN BẢN HỌP XEM XÉT CỦA LÃNH ĐẠO NĂM 2026"
    assert record.fields["topic_sections"] == {"input": ["resources"], "output": ["out_resources"]}
    assert record.fields["chair"] is None  # particulars end at the first section heading


def test_blank_minutes_form_addresses_no_topic(tmp_path: Path) -> None:
    """The blank BM.CTCL.02 (item headings, dotted answer lines, the closing sentence) says nothing."""
    b = Builder().header().lines("BIÊN BẢN HỌP XEM XÉT CỦA LÃNH ĐẠO", "Thời gian: …… giờ ……, ngày … tháng … năm 20…",
                                 "I. ĐẦU VÀO CỦA CUỘC HỌP")
    for n, (heading, _) in enumerate(INPUTS.values(), 1):
        b.lines(f"{n}. {heading}", PLACEHOLDER, PLACEHOLDER)
    b.lines("II. ĐẦU RA CỦA CUỘC HỌP")
    for n, (heading, _) in enumerate(OUTPUTS.values(), 1):
        b.lines(f"{n}. {heading}", PLACEHOLDER, PLACEHOLDER)
    b.lines("Cuộc họp kết thúc vào lúc …… giờ …… cùng ngày. Biên bản đã được đọc lại cho các thành viên dự họp "
            "cùng nghe và thống nhất.")
    b.signers(Signer(["THƯ KÝ"], None), Signer(["CHỦ TRÌ"], None))
    record = extract(review_minutes, b.read(tmp_path / "blank.docx"))
    assert record.fields["topic_sections"] == {"input": [], "output": []}
    assert (record.fields["held_on"], record.fields["chair"], record.fields["signatures"]) == (None, None, [])
    assert record.problems == []
