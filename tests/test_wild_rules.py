"""The generic rules the wild corpus (tests/test_wild_layouts.py) needed, each stated on its own.

Small documents built with the model (or python-docx where the reader matters), so each rule of
SPEC §3 is pinned down independently of the corpus that revealed it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from admin_docx import Builder

from pipeline.extract import ExtractContext, capa_request, review_minutes
from pipeline.extract.objectives import PLAN
from pipeline.extract.registers import extract_registers
from pipeline.extract.signatures import find_signatures
from pipeline.extract.titles import find_title
from pipeline.model import Cell, Document, Paragraph, Table, grid_from_texts
from pipeline.text.fold import nfc
from pipeline.text.labels import find_fields
from pipeline.text.values import mark_state, parse_choice

SPEC = {"number": ["Số phiếu"], "opened_on": ["Ngày lập", "Ngày mở phiếu"], "due_on": ["Thời hạn"]}


def paragraphs(*texts: str, fmt: str = "docx") -> Document:
    return Document(f"x.{fmt}", fmt, blocks=[Paragraph(t) for t in texts])


def values(doc: Document, spec: dict[str, list[str]] = SPEC) -> dict[str, str]:
    return {k: f.text for k, f in find_fields(doc, spec).items()}


@pytest.mark.parametrize("line", ["1. Số phiếu: 07/2026/STP\t\t2. Ngày mở phiếu: 05/3/2026",
                                  "1.1. Số phiếu: 07/2026/STP 1.2. Ngày mở phiếu: 05/3/2026",
                                  "a) Số phiếu: 07/2026/STP    b) Ngày mở phiếu: 05/3/2026"])
def test_the_next_items_number_is_not_part_of_a_value(line: str) -> None:
    assert values(paragraphs(line)) == {"number": "07/2026/STP", "opened_on": "05/3/2026"}


def test_a_value_ending_like_a_numeral_keeps_it() -> None:
    assert values(paragraphs("Thời hạn: Quý I.\tNgày lập: 05/3/2026")) == {"due_on": "Quý I.", "opened_on": "05/3/2026"}


def test_a_title_line_is_no_label() -> None:
    """"HÀNH ĐỘNG KHẮC PHỤC/CẢI TIẾN" — the title's second line — is also a label of `actions`."""
    doc = paragraphs("BM.CTCL.01", "PHIẾU YÊU CẦU\nHÀNH ĐỘNG KHẮC PHỤC/CẢI TIẾN", "Số phiếu: 15/2026",
                     "Ngày lập: 12/03/2026", "Nội dung yêu cầu: Thiếu sổ giao nhận hồ sơ.", "Biện pháp khắc phục",
                     "Bổ sung mẫu sổ giao nhận.", "Thời hạn hoàn thành: 15/04/2026")
    assert capa_request.detect(doc)
    record = capa_request.extract(doc, ExtractContext(path=doc.path))
    assert record.fields["actions"] == "Bổ sung mẫu sổ giao nhận."


def test_a_title_gap_stands_for_a_few_words() -> None:
    titles = ["THÔNG BÁO (Ý KIẾN) KẾT LUẬN … XEM XÉT CỦA LÃNH ĐẠO"]
    found = find_title(paragraphs("THÔNG BÁO", "Kết luận của Giám đốc Sở tại cuộc họp xem xét của lãnh đạo năm 2026"),
                       titles)
    assert found is not None and found.rest == "năm 2026"
    assert find_title(paragraphs("THÔNG BÁO KẾT LUẬN XEM XÉT CỦA LÃNH ĐẠO"), titles) is not None
    far = "Kết luận của Giám đốc Sở về việc tổ chức hội nghị triển khai nhiệm vụ năm 2027 và xem xét của lãnh đạo"
    assert find_title(paragraphs("THÔNG BÁO", far), titles) is None


def test_a_title_cell_beside_the_logo_needs_no_capitals() -> None:
    """With the form code present, a sentence-case title opening the middle cell of the header block
    that starts the document is the title; the same words listed in a forms table are not."""
    titles, codes = capa_request.form_spec().titles, ["BM.CTCL.01"]
    title = "Phiếu yêu cầu\nhành động khắc phục/cải tiến"
    header = grid_from_texts([["SỞ TƯ PHÁP", title, "BM.CTCL.01\nLần ban hành: 01"]], index=1)
    assert find_title(Document("a.docx", "docx", [header, Paragraph("Số phiếu: 01/2026")]), titles, codes)
    no_code = grid_from_texts([["SỞ TƯ PHÁP", title, "Lần ban hành: 01"]], index=1)
    assert find_title(Document("a.docx", "docx", [no_code]), titles, codes) is None
    listed = grid_from_texts([["TT", "Tên biểu mẫu", "Mã hiệu"], ["1", title, "BM.CTCL.01"]], index=1)
    assert find_title(Document("a.docx", "docx", [listed]), titles, codes) is None
    after_text = grid_from_texts([["1", title, "BM.CTCL.01"]], index=1)
    assert find_title(Document("a.docx", "docx", [Paragraph("4. BIỂU MẪU"), after_text]), titles, codes) is None


def test_wingdings_boxes_a_pdf_keeps_as_private_code_points() -> None:
    text = nfc("Kết quả: \uf0fe Đạt \uf0a8 Không đạt")
    assert text == "Kết quả: ☒ Đạt ☐ Không đạt"
    assert parse_choice(text, {"Đạt": [], "Không đạt": []}) == "Đạt"
    assert nfc("\uf070 \uf061") == "\uf070 \uf061"  # the Symbol font's Greek letters are left alone


@pytest.mark.parametrize("text, state", [("X", True), ("x", True), ("✓", True), ("☒", True), ("[x]", True),
                                         ("(x)", True), ("v", True), ("☐", False), ("[ ]", False),
                                         ("", None), ("Đạt", None), ("x2", None)])
def test_mark_state(text: str, state: bool | None) -> None:
    assert mark_state(text) is state


def _capa_table(rows: list[list[str]]) -> Document:
    return Document("x.docx", "docx", headers=[Paragraph("BM.CTCL.01", where="header")],
                    blocks=[Paragraph("PHIẾU YÊU CẦU HÀNH ĐỘNG KHẮC PHỤC/CẢI TIẾN"), grid_from_texts(rows, index=1)])


BOX = [["Số phiếu:", "09/2026", ""], ["Ngày lập:", "05/3/2026", ""], ["Đơn vị:", "Văn phòng", ""],
       ["Nội dung yêu cầu:", "Thiếu biên bản thẩm định.", ""]]


def test_options_over_a_row_of_marks() -> None:
    """| Kết quả kiểm tra: | Đạt | Không đạt | over |  | | ✓ | — the tick is under "Không đạt"."""
    doc = _capa_table([*BOX, ["Kết quả kiểm tra:", "Đạt", "Không đạt"], ["", "", "✓"]])
    record = capa_request.extract(doc, ExtractContext(path=doc.path))
    assert record.fields["verification"] == "Không đạt" and record.problems == []


def test_options_over_marks_in_a_table_nested_in_the_value_cell() -> None:
    doc = _capa_table([*BOX, ["Loại yêu cầu:", "", ""]])
    table = doc.blocks[1]
    assert isinstance(table, Table)
    nested = grid_from_texts([["Khắc phục", "Cải tiến"], ["X", ""]], index=2, depth=1)
    cell = Cell(text="", row=4, col=1, colspan=2, tables=[nested])
    table.rows[4][1] = table.rows[4][2] = cell
    record = capa_request.extract(doc, ExtractContext(path=doc.path))
    assert record.fields["kind"] == "Khắc phục" and record.problems == []


def test_signing_captions_run_together_by_a_pdf() -> None:
    doc = paragraphs("NGƯỜI ĐỀ XUẤT LÃNH ĐẠO PHÊ DUYỆT", "(Ký, ghi rõ họ tên) (Ký, ghi rõ họ tên)",
                     "Lê Thị Hoa Nguyễn Văn Sơn", fmt="pdf")
    assert [(s.role, s.name) for s in find_signatures(doc)] == [
        ("NGƯỜI ĐỀ XUẤT", "Lê Thị Hoa"), ("LÃNH ĐẠO PHÊ DUYỆT", "Nguyễn Văn Sơn")]
    lap = paragraphs("NGƯỜI LẬP PHÊ DUYỆT", "(Ký, ghi rõ họ tên) (Đã ký)", "Đặng Thu Hà Phan Thanh Hải", fmt="pdf")
    assert [s.role for s in find_signatures(lap)] == ["NGƯỜI LẬP", "PHÊ DUYỆT"]


def test_a_blank_name_is_taken_from_its_signing_block() -> None:
    doc = paragraphs("BM.CTCL.01", "PHIẾU YÊU CẦU HÀNH ĐỘNG KHẮC PHỤC", "Số phiếu: 07/2026", "Ngày lập: 05/3/2026",
                     "Đơn vị: Văn phòng", "Nội dung yêu cầu: Trả kết quả trễ hạn.", "NGƯỜI ĐỀ XUẤT LÃNH ĐẠO PHÊ DUYỆT",
                     "(Ký, ghi rõ họ tên) Ngày 06/3/2026", "Lê Thị Hoa Nguyễn Văn Sơn", fmt="pdf")
    record = capa_request.extract(doc, ExtractContext(path=doc.path))
    assert (record.fields["requester"], record.fields["approved_by"]) == ("Lê Thị Hoa", "Nguyễn Văn Sơn")
    assert record.fields["approved_on"] == dt.date(2026, 3, 6)


@pytest.mark.parametrize("fmt, name, code", [
    ("pdf", "Quy trình đánh giá nội bộ", "QT.02.ĐGNB"),  # a PDF's narrow columns wrapped both
    ("docx", "Quy trình đánh giá\nnội bộ", "QT.02.ĐGNB"),  # a DOCX cell's line break is the writer's
])
def test_wrapped_register_cells(fmt: str, name: str, code: str) -> None:
    page = 1 if fmt == "pdf" else None
    table = grid_from_texts([["STT", "Tên tài liệu", "Mã hiệu", "Lần ban hành"],
                             ["1", "Quy trình đánh giá\nnội bộ", "QT.02.ĐGN\nB", "02"]], index=1, page=page)
    [record] = extract_registers(Document(f"dm.{fmt}", fmt, [table]), ExtractContext(f"dm.{fmt}"))
    assert (record.rows[0]["name"], record.rows[0]["code"]) == (name, code)


def test_objectives_from_a_pdf_are_unwrapped() -> None:
    table = grid_from_texts([["STT", "Mục tiêu", "Chỉ tiêu", "Đơn vị thực hiện"],
                             ["1", "Giải quyết thủ\ntục hành chính\nđúng hạn", "100%", "Phòng Hành\nchính tư pháp"]],
                            index=1, page=1)
    doc = Document("kh.pdf", "pdf", [Paragraph("KẾ HOẠCH THỰC HIỆN MỤC TIÊU CHẤT LƯỢNG NĂM 2026"), table])
    [objective] = PLAN.extract(doc, ExtractContext(doc.path)).fields["objectives"]
    assert (objective["objective"], objective["owner"]) == ("Giải quyết thủ tục hành chính đúng hạn",
                                                            "Phòng Hành chính tư pháp")


def _briefing(path: Path, *body: str) -> Document:
    b = Builder().header("Phú Yên, ngày 18 tháng 12 năm 2026")
    b.lines("BIÊN BẢN HỌP GIAO BAN QUÝ IV NĂM 2026", "Thời gian: 14 giờ 00, ngày 18 tháng 12 năm 2026",
            "Chủ trì: Ông Nguyễn Văn Bình", "I. NỘI DUNG", *body, "II. KẾT LUẬN",
            "Các phòng hoàn thành nhiệm vụ năm 2026 trước ngày 31/12.")
    return b.read(path)


@pytest.mark.parametrize("heading, is_review", [
    ("2. Xem xét của lãnh đạo về hệ thống quản lý chất lượng", True),
    ("2. NỘI DUNG XEM XÉT CỦA LÃNH ĐẠO", True),
    ("2. Chuẩn bị họp xem xét của lãnh đạo", False),  # plans a review: not one
    ("2. Kết quả cải cách hành chính", False),
])
def test_briefing_minutes_are_review_minutes_when_they_hold_the_review(
    tmp_path: Path, heading: str, is_review: bool
) -> None:
    doc = _briefing(tmp_path / "bb.docx", "1. Kết quả thực hiện nhiệm vụ quý IV/2026", heading,
                    "Tình trạng của các hành động từ cuộc họp xem xét trước: đã hoàn thành 5/6 hành động.")
    assert review_minutes.detect(doc) is is_review
