"""Label → value lookup (SPEC §3.1): where a label counts, which value it takes, across layouts."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import docx

from pipeline.limits import Limits
from pipeline.model import Document, Paragraph, Table, grid_from_texts
from pipeline.readers import read_file
from pipeline.text.labels import TextIndex, find_all, find_fields, match_label

SPEC = {
    "number": ["Số phiếu", "Số"],
    "follow_up_number": ["Số phiếu mới"],
    "opened_on": ["Ngày lập", "Ngày"],
    "verified_on": ["Ngày kiểm tra"],
    "root_cause": ["Nguyên nhân gốc rễ", "Nguyên nhân"],
    "unit": ["Đơn vị được yêu cầu", "Đơn vị"],
    "description": ["Nội dung yêu cầu"],
    "actions": ["Biện pháp khắc phục/cải tiến", "Biện pháp"],
    "due_on": ["Thời hạn hoàn thành"],
}


def doc_of(*blocks: Paragraph | Table | str, headers: list | None = None) -> Document:
    body = [Paragraph(b) if isinstance(b, str) else b for b in blocks]
    return Document("f.docx", "docx", blocks=body, headers=headers or [])


def texts(found: dict) -> dict[str, str]:
    return {k: v.text for k, v in found.items()}


def test_several_pairs_on_one_line_and_longest_label_wins() -> None:
    doc = doc_of("Ngày lập: 01/11/2026 Số phiếu: 05/2026", "Số phiếu mới: 07/2026\tNgày kiểm tra: 20/11/2026")
    assert texts(find_fields(doc, SPEC)) == {
        "opened_on": "01/11/2026", "number": "05/2026", "follow_up_number": "07/2026", "verified_on": "20/11/2026"}


def test_label_inside_prose_is_not_a_label() -> None:
    doc = doc_of("Nội dung yêu cầu: Hồ sơ trễ hạn, nguyên nhân chủ yếu là thiếu người.",
                 "Trong kỳ, nguyên nhân: chưa rõ; đơn vị đã báo cáo.", "Số lượng hồ sơ tăng.")
    found = find_fields(doc, SPEC)
    assert set(found) == {"description"}
    assert found["description"].text == "Hồ sơ trễ hạn, nguyên nhân chủ yếu là thiếu người."


def test_numbering_hints_leaders_and_missing_diacritics() -> None:
    doc = doc_of("1. Đơn vị được yêu cầu (ghi rõ tên phòng):……Văn phòng……",
                 "a) THOI HAN HOAN THANH (dd/mm/yyyy): 30/11/2026",
                 unicodedata.normalize("NFD", "- Biện pháp khắc phục / cải tiến: Rà soát hằng tuần"))
    found = find_fields(doc, SPEC)
    assert texts(found) == {"unit": "Văn phòng", "due_on": "30/11/2026", "actions": "Rà soát hằng tuần"}
    assert found["unit"].label == "Đơn vị được yêu cầu" and found["unit"].location == "đoạn 1"
    assert unicodedata.is_normalized("NFC", found["actions"].text)


def test_following_paragraphs_until_next_label_or_heading() -> None:
    doc = doc_of("Nội dung yêu cầu:", "Dòng một.", "", "Dòng hai.", "Nguyên nhân gốc rễ", "Thiếu kiểm tra.",
                 Paragraph("PHẦN KIỂM TRA", style="Heading 1"), "Không thuộc nguyên nhân.")
    found = find_fields(doc, SPEC)
    assert found["description"].text == "Dòng một.\nDòng hai."
    assert found["description"].location == "đoạn 2" and found["description"].source == "following"
    assert found["root_cause"].text == "Thiếu kiểm tra."


def test_right_cell_then_cell_below_and_empty_slots() -> None:
    side = grid_from_texts([["Số phiếu", "", "05/2026"], ["Đơn vị", "……"], ["Ngày", "Biện pháp"]], index=1)
    stacked = grid_from_texts([["Nguyên nhân gốc rễ", "Thời hạn hoàn thành"], ["Thiếu người", "30/11/2026"]], index=2)
    found = find_fields(doc_of(side, stacked), SPEC)
    assert (found["number"].text, found["number"].location, found["number"].col) == ("05/2026", "bảng 1, hàng 1", 2)
    assert found["unit"].text == "" and found["unit"].source == "right"  # placeholder dots: empty value
    assert found["opened_on"].text == ""  # right and below are labels, never values
    assert (found["root_cause"].text, found["root_cause"].source) == ("Thiếu người", "below")
    assert (found["due_on"].text, found["due_on"].location) == ("30/11/2026", "bảng 2, hàng 2")


def test_text_after_label_in_same_cell_and_stacked_labels() -> None:
    table = grid_from_texts([["Nguyên nhân gốc rễ:\nThiếu người\nBiện pháp: Tuyển thêm", "x"]], index=1)
    assert texts(find_fields(doc_of(table), SPEC)) == {"root_cause": "Thiếu người", "actions": "Tuyển thêm"}


def test_nested_tables_and_page_headers() -> None:
    inner = grid_from_texts([["Đơn vị", "Phòng Chính sách"]], index=3, depth=1)
    outer = grid_from_texts([["Khung", ""]], index=2)
    outer.rows[0][1].tables.append(inner)
    header = grid_from_texts([["BM.CTCL.01", "Số: 09/2026"]], index=1, where="header")
    found = find_fields(doc_of(outer, headers=[header]), SPEC)
    assert (found["number"].text, found["number"].location) == ("09/2026", "đầu trang, bảng 1, hàng 1")
    assert (found["unit"].text, found["unit"].table) == ("Phòng Chính sách", 3)


def test_first_occurrence_wins_and_blank_specific_label_is_kept() -> None:
    doc = doc_of("Số phiếu: 05/2026", "Số phiếu: 06/2026", "Ngày lập: ……", "Ngày: 02/11/2026")
    found = find_fields(doc, SPEC)
    assert found["number"].text == "05/2026"
    assert found["opened_on"].label == "Ngày lập" and found["opened_on"].text == ""
    later = find_fields(doc_of("Số phiếu: ……", "Số phiếu: 06/2026"), SPEC)
    assert later["number"].text == "06/2026"


def test_find_all_stop_labels_and_accept() -> None:
    doc = doc_of("Số phiếu: 05/2026", "Số phiếu mới: 07/2026", "Số: 08/2026 Mã hiệu: BM.CTCL.01")
    others = [label for k, v in SPEC.items() if k != "number" for label in v] + ["Mã hiệu"]
    assert [f.text for f in find_all(doc, SPEC["number"], others, name="number")] == ["05/2026", "08/2026"]
    index = TextIndex(doc)
    found = find_fields(index, SPEC, ["Mã hiệu"], accept=lambda f: f.location != "đoạn 1")
    assert found["number"].text == "08/2026"


def test_match_label() -> None:
    hit = match_label("2. Số phiếu (ghi số):", SPEC)
    assert hit is not None and (hit.field, hit.label) == ("number", "Số phiếu")
    assert match_label("Số lượng hồ sơ", SPEC) is None
    assert match_label("Ghi chú: Số phiếu: 1", SPEC) is None


def test_real_docx_with_tabs_checkboxes_and_merged_rows(tmp_path: Path) -> None:
    d = docx.Document()
    d.add_paragraph("Số phiếu: 05/2026\tNgày lập: 01/11/2026")
    t = d.add_table(rows=3, cols=2)
    t.cell(0, 0).merge(t.cell(0, 1)).text = "Nguyên nhân gốc rễ"
    t.cell(1, 0).merge(t.cell(1, 1)).text = "Chưa phân công người phụ trách."
    t.cell(2, 0).text, t.cell(2, 1).text = "Đơn vị được yêu cầu", "☒ Văn phòng ☐ Phòng Chính sách"
    d.save(tmp_path / "f.docx")
    doc = read_file(str(tmp_path / "f.docx"), "f.docx", Limits())
    found = find_fields(doc, SPEC)
    assert texts(found) == {"number": "05/2026", "opened_on": "01/11/2026",
                            "root_cause": "Chưa phân công người phụ trách.", "unit": "☒ Văn phòng ☐ Phòng Chính sách"}
    assert found["root_cause"].location == "bảng 1, hàng 2"


def test_row_of_column_heads_reads_values_below_even_next_to_a_caption() -> None:
    spec = {"ref": ["Căn cứ"], "necessity": ["Xác nhận sự cần thiết"]}
    table = grid_from_texts([["Căn cứ", "Xác nhận sự cần thiết", "Lãnh đạo đơn vị"],
                             ["Điều 10.2", "☒ Cần thực hiện", "Lê Văn Thành"]], index=1)
    found = find_fields(doc_of(table), spec)
    assert texts(found) == {"ref": "Điều 10.2", "necessity": "☒ Cần thực hiện"}
    assert found["necessity"].source == "below"


def test_pdf_wrapping_label_in_cell_and_value_over_lines() -> None:
    table = grid_from_texts([["Biện pháp khắc phục/cải\ntiến", "Rà soát hằng tuần"]], index=1, page=1)
    lines = [Paragraph("Nội dung yêu cầu: Hồ sơ chưa được cập nhật", page=1),
             Paragraph("vào sổ theo dõi.", page=1), Paragraph("Số phiếu: 05/2026", page=1)]
    found = find_fields(doc_of(table, *lines), SPEC)
    assert found["actions"].text == "Rà soát hằng tuần"
    assert found["description"].text == "Hồ sơ chưa được cập nhật\nvào sổ theo dõi."
    # a DOCX paragraph is a real paragraph: no continuation
    docx_like = find_fields(doc_of("Nội dung yêu cầu: Hồ sơ chưa được cập nhật", "vào sổ theo dõi."), SPEC)
    assert docx_like["description"].text == "Hồ sơ chưa được cập nhật"


def test_hint_in_parentheses_on_next_line_is_a_value() -> None:
    table = grid_from_texts([["Căn cứ\n(Điều 10.2 TCVN ISO 9001:2015)"]], index=1)
    assert find_fields(doc_of(table), {"ref": ["Căn cứ"]})["ref"].text == "(Điều 10.2 TCVN ISO 9001:2015)"


def test_a_huge_line_of_many_labels_is_read_in_one_pass() -> None:
    """A hostile paragraph of 100,000 words with a label every 50 words (was quadratic)."""
    from pipeline.model import Document as ModelDocument
    from pipeline.model import Paragraph as ModelParagraph

    words = [f"từ{i}  Số phiếu: {i // 50}/2026" if i % 50 == 0 else f"từ{i}" for i in range(100_000)]
    doc = ModelDocument(path="x", format="docx", blocks=[ModelParagraph("\t".join(words))])
    found = find_fields(doc, {"number": ["Số phiếu"]})
    assert found["number"].text.startswith("0/2026")
