"""Registers (SPEC §3.2) read from real XLSX, CSV and DOCX files through the readers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import openpyxl
import pytest

from pipeline.extract import ExtractContext
from pipeline.extract.register_rows import clean_text
from pipeline.extract.registers import detect_register, extract_registers, find_register_tables
from pipeline.limits import Limits
from pipeline.model import Document, grid_from_texts
from pipeline.readers import read_file
from pipeline.records import Record
from pipeline.text.values import clean_value

CAPA_HEADER = ["STT", "Số phiếu", "Ngày lập", "Đơn vị", "Thời hạn", "Kết quả kiểm tra", "Ngày đóng phiếu"]


def read(path: Path) -> Document:
    return read_file(str(path), path.name, Limits())


def registers(path: Path) -> list[Record]:
    return extract_registers(read(path), ExtractContext(path.name))


def save_xlsx(path: Path, sheets: dict[str, list[list[object]]], merges: dict[str, list[str]] | None = None,
              formats: dict[str, dict[str, str]] | None = None) -> Path:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
        for rng in (merges or {}).get(title, []):
            ws.merge_cells(rng)
        for ref, fmt in (formats or {}).get(title, {}).items():
            ws[ref].number_format = fmt
    wb.save(path)
    return path


def test_capa_log_with_title_rows_note_row_text_number_and_impossible_date(tmp_path: Path) -> None:
    path = save_xlsx(tmp_path / "so_hdkp.xlsx", {"Sổ HĐKP": [
        ["SỔ THEO DÕI HÀNH ĐỘNG KHẮC PHỤC/CẢI TIẾN"],
        ["Năm 2026"],
        CAPA_HEADER,
        [1, "05/2026", dt.date(2026, 2, 3), "Văn phòng", "31/02/2026", "Đạt", dt.date(2026, 3, 1)],
        [2, "06/2026", "10/02/2026", "Phòng Chính sách", dt.date(2026, 4, 30), "Không đạt", None],
        [None, None, None, None, None, None, None],
        [None, "* Phiếu 06/2026 được gia hạn theo ý kiến của Lãnh đạo Ban ISO"],
        ["Ghi chú: số liệu cập nhật đến hết tháng 3/2026"],
        ["Người lập", None, None, None, "Trưởng ban"],
    ]}, merges={"Sổ HĐKP": ["A1:G1", "A8:G8"]})
    [rec] = registers(path)
    assert rec.kind == "capa_log" and rec.part == "Sổ HĐKP"
    assert rec.columns == ["number", "opened_on", "unit", "due_on", "verification", "closed_on"]
    assert [r["row"] for r in rec.rows] == [4, 5]  # title rows, empty row, note and signatures skipped
    first, second = rec.rows
    assert first["number"] == "05/2026" and isinstance(first["number"], str)
    assert first["opened_on"] == dt.date(2026, 2, 3) and first["closed_on"] == dt.date(2026, 3, 1)
    assert first["due_on"] is None  # 31/02/2026 does not exist ...
    [problem] = rec.problems  # ... and is reported, never dropped
    assert (problem.code, problem.field, problem.value, problem.row) == ("invalid_value", "due_on", "31/02/2026", 4)
    assert problem.location == "sheet 'Sổ HĐKP', hàng 4, cột E" and "Thời hạn" in problem.message
    assert second["opened_on"] == dt.date(2026, 2, 10)  # text date, day first
    assert second["verification"] == "Không đạt" and second["closed_on"] is None
    assert first["sheet"] == "Sổ HĐKP"
    assert rec.fields["title"].startswith("SỔ THEO DÕI HÀNH ĐỘNG KHẮC PHỤC") and rec.fields["header_row"] == 3


def test_columns_the_source_lacks_are_unknown_not_empty(tmp_path: Path) -> None:
    path = save_xlsx(tmp_path / "log.xlsx", {"S": [["Số phiếu", "Ngày lập", "Đơn vị"], ["01/2026", "", "VP"]]})
    [rec] = registers(path)
    assert rec.columns == ["number", "opened_on", "unit"]
    assert rec.rows[0]["opened_on"] is None  # carried but empty
    assert "closed_on" not in rec.rows[0] and "verification" not in rec.rows[0]  # not carried: unknown


def test_merged_two_row_header_serial_dates_and_merged_data_cells(tmp_path: Path) -> None:
    rows = [
        ["STT", "Số phiếu", "Ngày lập", "Đơn vị", "Kiểm tra", None, None],
        [None, None, None, None, "Ngày", "Kết quả", "Người kiểm tra"],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],
        [1, "1/2026", 46056, "Văn phòng", dt.datetime(2026, 3, 2), "☒ Đạt ☐ Không đạt", "Lê Văn C"],
        [2, "2/2026", 46057, None, None, "Tốt", None],
    ]
    merges = ["A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:G1", "D4:D5"]
    path = save_xlsx(tmp_path / "merged.xlsx", {"HĐKP": rows}, {"HĐKP": merges},
                     {"HĐKP": {"C4": "dd/mm/yyyy", "C5": "dd/mm/yyyy"}})
    [rec] = registers(path)
    assert rec.kind == "capa_log"
    assert rec.columns == ["number", "opened_on", "unit", "verified_on", "verification", "verified_by"]
    first, second = rec.rows
    assert first["opened_on"] == dt.date(1899, 12, 30) + dt.timedelta(days=46056)
    assert first["verified_on"] == dt.date(2026, 3, 2) and first["verification"] == "Đạt"
    assert second["unit"] == "Văn phòng"  # the merged cell fills both rows
    assert second["verification"] is None  # "Tốt" is no option of Đạt / Không đạt ...
    [problem] = rec.problems
    assert problem.field == "verification" and problem.location == "sheet 'HĐKP', hàng 5, cột F"
    assert [r["row"] for r in rec.rows] == [4, 5]  # the "(1) (2) …" row is not data


def test_two_sheets_of_different_kinds_and_a_sheet_without_register(tmp_path: Path) -> None:
    path = save_xlsx(tmp_path / "so.xlsx", {
        "Ghi chú": [["Sổ này gồm hai trang tính"], ["Cập nhật hằng tháng"]],
        "HĐKP": [CAPA_HEADER, [1, "03/2026", "05/03/2026", "VP", "05/04/2026", None, None]],
        "KPH": [
            ["Đợt đánh giá", "Ngày phát hiện", "Đơn vị được đánh giá", "Nội dung KPH", "Điều khoản", "Số phiếu HĐKP"],
            ["1/2026", "12/03/2026", "Văn phòng", "Hồ sơ không ghi ngày", "7.5.3", "03/2026"],
        ],
    })
    recs = registers(path)
    assert [(r.kind, r.part) for r in recs] == [("capa_log", "HĐKP"), ("nc_log", "KPH")]
    nc = recs[1].rows[0]
    assert nc["round"] == "1/2026" and nc["recorded_on"] == dt.date(2026, 3, 12)
    assert nc["capa_number"] == "03/2026" and nc["clause"] == "7.5.3" and nc["sheet"] == "KPH"


def test_csv_with_semicolons_audit_register(tmp_path: Path) -> None:
    path = tmp_path / "dot_danh_gia.csv"
    text = ("DANH SÁCH CÁC ĐỢT ĐÁNH GIÁ NỘI BỘ;;;;\n"
            "Đợt;Từ ngày;Đến ngày;Phạm vi;Trưởng đoàn\n"
            "1/2025;02/06/2025;04/06/2025;Toàn bộ HTQLCL;Nguyễn Văn A\n"
            "2/2025;2025-11-10;2025-11-12;Văn phòng;Trần Thị B\n")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    [rec] = registers(path)
    assert rec.kind == "audit_register" and rec.part == "bảng 1"
    assert [r["row"] for r in rec.rows] == [3, 4]
    assert rec.rows[1]["started_on"] == dt.date(2025, 11, 10) and rec.rows[1]["lead"] == "Trần Thị B"
    assert rec.rows[0]["sheet"] is None


def test_records_register_keeps_retention_text_and_parses_it(tmp_path: Path) -> None:
    path = tmp_path / "hoso.csv"
    path.write_text("TT,Tên hồ sơ,Mã biểu mẫu,Đơn vị lưu,Thời gian lưu\n"
                    "1,Phiếu yêu cầu HĐKP,BM.CTCL.01,Thư ký ISO,03 năm\n"
                    "2,Biên bản họp XXLĐ,BM.CTCL.02,Văn phòng,Vĩnh viễn\n"
                    "3,Sổ theo dõi,,Văn phòng,\n", encoding="utf-8")
    [rec] = registers(path)
    assert rec.kind == "records_register"
    assert [(r["retention"], r["retention_parsed"]) for r in rec.rows] == [
        ("03 năm", {"years": 3}), ("Vĩnh viễn", {"permanent": True}), (None, None)]
    assert rec.rows[2]["form_code"] is None


def docx_table(document: docx.document.Document, rows: list[list[str]]) -> docx.table.Table:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    return table


def test_register_table_inside_a_docx_with_a_title_paragraph(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Ban Dân tộc tỉnh Khánh Hòa")
    document.add_paragraph("SỔ THEO DÕI SỰ KHÔNG PHÙ HỢP NĂM 2026")
    docx_table(document, [
        ["Ngày", "Đơn vị", "Nội dung sự không phù hợp", "Nguồn"],
        ["05/01/2026", "Phòng Chính sách", "Chưa cập nhật sổ theo dõi", "Đánh giá nội bộ"],
        ["", "", "", ""],
        ["06.01.2026", "Văn phòng", "Thiếu chữ ký phê duyệt", "Giám sát"],
    ])
    document.add_paragraph("Người lập sổ")
    path = tmp_path / "kph.docx"
    document.save(path)
    doc = read(path)
    assert detect_register(doc)
    [(kind, table, header_row)] = find_register_tables(doc)
    assert (kind, header_row) == ("nc_log", 0)
    [rec] = extract_registers(doc, ExtractContext("kph.docx"))
    assert rec.part == f"bảng {table.index}" and rec.fields["title"] == "SỔ THEO DÕI SỰ KHÔNG PHÙ HỢP NĂM 2026"
    assert [r["recorded_on"] for r in rec.rows] == [dt.date(2026, 1, 5), dt.date(2026, 1, 6)]
    assert [r["row"] for r in rec.rows] == [2, 4] and rec.rows[0]["table"] == table.index


STCL_REGISTER = [
    ["TT", "Tên tài liệu", "Mã hiệu", "Ghi chú"],
    ["I", "Các tài liệu của hệ thống và quản lý điều hành", "", ""],
    ["1", "Chính sách chất lượng", "CSCL", ""],
    ["2", "Mục tiêu chất lượng", "MTCL", ""],
    ["3", "Sổ tay chất lượng", "STCL", ""],
    ["4", "Quy trình kiểm soát thông tin dạng văn bản", "QT.01.KSTLHS", ""],
    ["5", "Quy trình đánh giá nội bộ hệ thống quản lý chất lượng", "QT.02.ĐGNB", ""],
    ["6", "Quy trình cải tiến hệ thống quản lý chất lượng", "QT.03.CTCL", ""],
    ["7", "Quy trình quản lý rủi ro", "QT.04.QLRR", ""],
    ["II", "Các quy trình giải quyết công việc theo chức năng, nhiệm vụ được giao", "", ""],
    ["8", "Quy trình quản lý văn bản", "QT.05.QLVB", ""],
    ["9", "Quy trình xây dựng các chương trình, chính sách đối với vùng dân tộc thiểu số và miền núi",
     "QT.06.XDCS", ""],
]


def test_stcl_document_register_group_rows_are_section_markers(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("BAN DÂN TỘC TỈNH KHÁNH HOÀ")
    document.add_paragraph("DANH MỤC TÀI LIỆU HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG THEO TIÊU CHUẨN TCVN ISO 9001:2015")
    docx_table(document, STCL_REGISTER)
    path = tmp_path / "pl03.docx"
    document.save(path)
    [rec] = registers(path)
    assert rec.kind == "document_register"
    assert rec.columns == ["seq", "name", "code", "note"]
    assert len(rec.rows) == 9  # I and II are not rows
    assert [r["code"] for r in rec.rows][:5] == ["CSCL", "MTCL", "STCL", "QT.01.KSTLHS", "QT.02.ĐGNB"]
    assert {r["group"] for r in rec.rows[:7]} == {"I"} and {r["group"] for r in rec.rows[7:]} == {"II"}
    assert rec.rows[7]["group_title"].startswith("Các quy trình giải quyết công việc")
    assert rec.rows[0]["seq"] == "1" and rec.rows[0]["note"] is None


def test_tables_that_are_not_registers(tmp_path: Path) -> None:
    document = docx.Document()
    docx_table(document, [  # an objectives plan: no request-number column, so not a CAPA log
        ["STT", "Mục tiêu", "Chỉ tiêu", "Biện pháp", "Đơn vị/Người thực hiện", "Thời hạn"],
        ["1", "Giải quyết hồ sơ đúng hạn", "100%", "Theo dõi", "Văn phòng", "31/12/2026"],
    ])
    docx_table(document, [["Số phiếu", "Ngày lập"], ["01/2026", "02/01/2026"]])  # two labels only
    docx_table(document, [["TT", "Hoạt động", "Trách nhiệm", "Yêu cầu", "Biểu mẫu"], ["5.1", "x", "y", "z", ""]])
    path = tmp_path / "plan.docx"
    document.save(path)
    doc = read(path)
    assert not detect_register(doc)
    assert extract_registers(doc, ExtractContext("plan.docx")) == []


def test_header_must_be_within_the_first_15_rows() -> None:
    rows = [[f"dòng {i}", "", ""] for i in range(15)] + [["Số phiếu", "Ngày lập", "Đơn vị"], ["1", "", ""]]
    doc = Document("x.csv", "csv", [grid_from_texts(rows, index=1)])
    assert not detect_register(doc)
    doc = Document("x.csv", "csv", [grid_from_texts(rows[1:], index=1)])
    assert detect_register(doc)


def test_pdf_table_split_across_pages_continues() -> None:
    header = ["Số phiếu", "Ngày lập", "Đơn vị", "Thời hạn"]
    page1 = grid_from_texts([header, ["01/2026", "02/01/2026", "VP", "15/01/2026"]], index=1, page=1)
    page2 = grid_from_texts([["02/2026", "03/01/2026", "Phòng A", "20/01/2026"]], index=2, page=2)
    page3 = grid_from_texts([header, ["03/2026", "04/01/2026", "Phòng B", "31/02/2026"]], index=3, page=3)
    other = grid_from_texts([["Người lập", "Người duyệt"], ["A", "B"]], index=4, page=3)
    doc = Document("so.pdf", "pdf", [page1, page2, page3, other])
    [rec] = extract_registers(doc, ExtractContext("so.pdf"))
    assert [r["number"] for r in rec.rows] == ["01/2026", "02/2026", "03/2026"]
    assert [(r["page"], r["table"], r["row"]) for r in rec.rows] == [(1, 1, 2), (2, 2, 1), (3, 3, 2)]
    assert rec.problems[0].location == "trang 3, bảng 3, hàng 2, cột 4"
    assert len(find_register_tables(doc)) == 1


def test_same_width_table_on_a_later_page_only_continues_from_the_page_before() -> None:
    header = ["Số phiếu", "Ngày lập", "Đơn vị"]
    page1 = grid_from_texts([header, ["01/2026", "02/01/2026", "VP"]], index=1, page=1)
    page3 = grid_from_texts([["Tổng hợp", "", ""], ["a", "b", "c"]], index=2, page=3)
    [rec] = extract_registers(Document("so.pdf", "pdf", [page1, page3]), ExtractContext("so.pdf"))
    assert [r["number"] for r in rec.rows] == ["01/2026"]


@pytest.mark.parametrize("cell, expected", [("Không đạt", "Không đạt"), ("☐ Đạt ☒ Không đạt", "Không đạt"),
                                            ("đạt", "Đạt"), ("", None), ("……", None)])
def test_verification_choices_are_normalised(cell: str, expected: str | None) -> None:
    doc = Document("x.csv", "csv", [grid_from_texts([["Số phiếu", "Đơn vị", "Kết quả kiểm tra"],
                                                     ["1/2026", "VP", cell]], index=1)])
    [rec] = extract_registers(doc, ExtractContext("x.csv"))
    assert rec.rows[0]["verification"] == expected and rec.problems == []


def test_a_row_cut_by_a_page_break_is_joined_to_its_start() -> None:
    header = ["TT", "Tên hồ sơ", "Đơn vị lưu", "Thời gian lưu"]
    page1 = grid_from_texts([header, ["1", "Phiếu yêu cầu hành động", "Thư ký ISO", ""]], index=1, page=1)
    page2 = grid_from_texts([["", "khắc phục (BM.CTCL.01)", "", "03 năm"], ["2", "Biên bản họp", "VP", "Vĩnh viễn"]],
                            index=2, page=2)
    [rec] = extract_registers(Document("hs.pdf", "pdf", [page1, page2]), ExtractContext("hs.pdf"))
    assert [r["name"] for r in rec.rows] == ["Phiếu yêu cầu hành động\nkhắc phục (BM.CTCL.01)", "Biên bản họp"]
    assert rec.rows[0]["retention_parsed"] == {"years": 3} and rec.rows[0]["holder"] == "Thư ký ISO"


@pytest.mark.parametrize("text", [
    "Đạt.", "…", "ngày … tháng … năm 20…", "Ngày 05/10/2026", "20", "20…", "2026", "Phòng A... B", "...Phòng",
    "Phòng....", "abc_", "_abc", "a·.", "a.", "ngày/tháng/năm", "Tháng 5", "tháng ….", "- ", "-", "x - y", "năm",
    "NĂM 2026", "Năm …", "·", "a\nb", " a", "a ", "__", "N/A", "Nam", "nam giới", "Văn phòng ……", "……/……/20……",
])
def test_register_cell_fast_path_agrees_with_clean_value(text: str) -> None:
    """clean_text's shortcut for plain cells must give exactly what the full clean_value gives."""
    assert clean_text(text) == (clean_value(text) or None)
