"""PDF reader: PDFs exported by LibreOffice from DOCX, plus hostile PDFs."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import hostile_files as hf
import pytest
from conftest import ROOT, needs_soffice
from docx import Document as DocxDocument
from docx.enum.text import WD_BREAK

from pipeline.errors import ReadError
from pipeline.limits import Limits
from pipeline.model import Document, Paragraph, Table
from pipeline.readers import read_file
from pipeline.text.fold import nfc
from tools.office import convert, soffice

TITLE = "PHIẾU YÊU CẦU HÀNH ĐỘNG KHẮC PHỤC/CẢI TIẾN"
LINES_PAGE_1 = [
    "Số phiếu: 05/2026 Ngày lập: 05/03/2026",
    "Kết quả kiểm tra: ☒ Đạt ☐ Không đạt",
    "Đơn vị: Ban Dân tộc tỉnh Khánh Hoà, thuỷ lợi",  # the other tone-mark placement, kept as written
    unicodedata.normalize("NFD", "Người yêu cầu: Nguyễn Thị Hồng Nhung"),  # decomposed in the source
    "Nguồn: ƢU TIÊN xử lý",  # Ƣ lookalike (U+01A2), as some tools emit it
]
LABELS = [
    ("Người yêu cầu", "Trần Văn Đức"),
    ("Thời hạn hoàn thành", "30/04/2026"),
    ("Nguyên nhân gốc rễ", "Chưa cập nhật quy trình\nThiếu kiểm tra chéo"),
]
LONG = (
    "Mô tả sự không phù hợp: hồ sơ lưu trữ của Văn phòng không được cập nhật đầy đủ theo quy "
    "trình QT.03.CTCL, nhiều biểu mẫu thiếu chữ ký xác nhận của lãnh đạo đơn vị và ngày tháng."
)
PAGE_2 = "Trang hai: Bằng chứng kết quả thực hiện đã được lưu."


def make_form_docx(path: Path) -> Path:
    doc = DocxDocument()
    doc.add_paragraph(TITLE)
    for line in LINES_PAGE_1:
        doc.add_paragraph(line)
    grid = doc.add_table(rows=len(LABELS), cols=2)
    grid.style = "Table Grid"
    for r, (label, value) in enumerate(LABELS):
        grid.cell(r, 0).text, grid.cell(r, 1).text = label, value
    doc.add_paragraph("Bảng có ô gộp:")
    merged = doc.add_table(rows=3, cols=3)
    merged.style = "Table Grid"
    merged.cell(0, 0).merge(merged.cell(0, 2)).text = "Báo cáo tiến độ"
    merged.cell(1, 0).merge(merged.cell(2, 0)).text = "Ngày"
    for r, c, text in [(1, 1, "01/04/2026"), (1, 2, "Đã họp"), (2, 1, "15/04/2026"), (2, 2, "Đã sửa")]:
        merged.cell(r, c).text = text
    doc.add_paragraph(LONG)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph(PAGE_2)
    doc.save(str(path))
    return path


@pytest.fixture(scope="module")
def form_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) not installed")
    tmp = tmp_path_factory.mktemp("pdf")
    return convert(make_form_docx(tmp / "form.docx"), "pdf", tmp)


@pytest.fixture(scope="module")
def form(form_pdf: Path) -> Document:
    return read_file(str(form_pdf), "forms/form.pdf", Limits())


def paragraphs(doc: Document, page: int | None = None) -> list[str]:
    return [b.text for b in doc.blocks if isinstance(b, Paragraph) and page in (None, b.page)]


def tables(doc: Document) -> list[Table]:
    return [b for b in doc.blocks if isinstance(b, Table)]


def test_document_shape(form: Document) -> None:
    assert (form.path, form.format, form.pages) == ("forms/form.pdf", "pdf", 2)
    assert not form.warnings


def test_lines_keep_words_spacing_and_diacritics(form: Document) -> None:
    """Each source line comes out exactly, in NFC, with Ƣ mapped to Ư."""
    got = paragraphs(form, page=1)
    assert got[: 1 + len(LINES_PAGE_1)] == [nfc(t) for t in [TITLE, *LINES_PAGE_1]]
    assert all(t == unicodedata.normalize("NFC", t) for t in paragraphs(form))
    assert "Nguồn: ƯU TIÊN xử lý" in got and not any("Ƣ" in t for t in got)


def test_wrapped_paragraph_is_split_into_visual_lines_in_order(form: Document) -> None:
    got = paragraphs(form, page=1)
    start = next(i for i, t in enumerate(got) if t.startswith("Mô tả sự không phù hợp"))
    wrapped = got[start:]
    assert len(wrapped) >= 2
    assert " ".join(wrapped) == LONG


def test_second_page(form: Document) -> None:
    assert paragraphs(form, page=2) == [PAGE_2]


def test_label_value_table(form: Document) -> None:
    table = tables(form)[0]
    assert (table.index, table.page, table.n_rows, table.n_cols) == (1, 1, 3, 2)
    assert table.texts() == [[label, value] for label, value in LABELS]


def test_merged_cells_share_one_cell(form: Document) -> None:
    table = tables(form)[1]
    assert (table.index, table.page) == (2, 1)
    assert table.texts() == [
        ["Báo cáo tiến độ"] * 3,
        ["Ngày", "01/04/2026", "Đã họp"],
        ["Ngày", "15/04/2026", "Đã sửa"],
    ]
    top = table.cell(0, 0)
    assert top is table.cell(0, 1) is table.cell(0, 2) and (top.rowspan, top.colspan) == (1, 3)
    side = table.cell(1, 0)
    assert side is table.cell(2, 0) and (side.row, side.col, side.rowspan, side.colspan) == (1, 0, 2, 1)
    assert [c.text for c in table.distinct_cells(1)] == ["Ngày", "01/04/2026", "Đã họp"]


def test_blocks_follow_the_page_top_to_bottom(form: Document) -> None:
    kinds = [(type(b).__name__, b.text if isinstance(b, Paragraph) else b.index) for b in form.blocks]
    first_table = kinds.index(("Table", 1))
    assert kinds[first_table - 1] == ("Paragraph", nfc(LINES_PAGE_1[-1]))
    assert kinds[first_table + 1] == ("Paragraph", "Bảng có ô gộp:")
    assert kinds[first_table + 2] == ("Table", 2)
    assert kinds[first_table + 3][1].startswith("Mô tả")
    # table text is not repeated as paragraphs
    assert not any("Trần Văn Đức" in t or "01/04/2026" in t for t in paragraphs(form))


def test_leading_junk_before_pdf_header_is_accepted(form_pdf: Path, tmp_path: Path) -> None:
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"\r\n" + b"X" * 500 + b"\r\n" + form_pdf.read_bytes())
    doc = read_file(str(path), "junk.pdf", Limits())
    assert paragraphs(doc, page=1)[0] == TITLE


def test_page_limit(form_pdf: Path) -> None:
    with pytest.raises(ReadError) as info:
        read_file(str(form_pdf), "form.pdf", Limits(max_pdf_pages=1))
    assert info.value.reason == "too_many_pages"


def test_default_page_limit(tmp_path: Path) -> None:
    path = hf.make_many_pages_pdf(tmp_path / "long.pdf", pages=201)
    with pytest.raises(ReadError) as info:
        read_file(str(path), "long.pdf", Limits())
    assert info.value.reason == "too_many_pages" and "201" in info.value.detail
    doc = read_file(str(path), "long.pdf", Limits(max_pdf_pages=201))
    assert doc.pages == 201 and paragraphs(doc, page=201) == ["Trang"]


def test_scanned_pdf_has_no_text_layer(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as info:
        read_file(str(hf.make_scanned_pdf(tmp_path / "scan.pdf")), "scan.pdf", Limits())
    assert info.value.reason == "no_text_layer"


@needs_soffice()
def test_password_protected_pdf(tmp_path: Path) -> None:
    path = hf.make_encrypted_pdf(tmp_path / "secret.pdf")
    assert path.read_bytes().startswith(b"%PDF")
    with pytest.raises(ReadError) as info:
        read_file(str(path), "secret.pdf", Limits())
    assert info.value.reason == "encrypted"


def test_garbage_after_pdf_header_is_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    with pytest.raises(ReadError) as info:
        read_file(str(path), "bad.pdf", Limits())
    assert info.value.reason == "corrupt"


def test_truncated_pdf(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as info:
        read_file(str(hf.make_truncated_pdf(tmp_path / "cut.pdf")), "cut.pdf", Limits())
    assert info.value.reason == "truncated"


def test_libreoffice_pdf_cut_in_half_is_truncated(form_pdf: Path, tmp_path: Path) -> None:
    path = tmp_path / "cut.pdf"
    path.write_bytes(form_pdf.read_bytes()[: form_pdf.stat().st_size // 2])
    with pytest.raises(ReadError) as info:
        read_file(str(path), "cut.pdf", Limits())
    assert info.value.reason == "truncated"


def test_hang_pdf_is_small_on_disk_and_does_not_finish_in_seconds(tmp_path: Path) -> None:
    """The worker pool's timeout must stop this file: parsing it alone outlasts a 5 s budget."""
    path = hf.make_hang_pdf(tmp_path / "hang.pdf")
    assert path.stat().st_size < 100 * 1024
    code = (
        "import sys; from pipeline.readers import read_file; from pipeline.limits import Limits; "
        "read_file(sys.argv[1], 'hang.pdf', Limits())"
    )
    with pytest.raises(subprocess.TimeoutExpired):
        subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, timeout=5, capture_output=True)


def test_table_drawn_inside_a_cell_is_nested(tmp_path: Path) -> None:
    if soffice() is None:
        pytest.skip("LibreOffice (soffice) not installed")
    source = DocxDocument()
    source.add_paragraph("Biên bản")
    outer = source.add_table(rows=2, cols=1)
    outer.style = "Table Grid"
    outer.cell(0, 0).text = "3. Báo cáo tiến độ"
    box = outer.cell(1, 0)
    box.text = "Các lần báo cáo:"
    inner = box.add_table(rows=2, cols=2)
    inner.style = "Table Grid"
    for r, c, text in [(0, 0, "Ngày"), (0, 1, "Nội dung"), (1, 0, "01/04/2026"), (1, 1, "Đã họp")]:
        inner.cell(r, c).text = text
    box.add_paragraph("Kết thúc")
    source.add_paragraph("Sau bảng")
    source.save(str(tmp_path / "nested.docx"))
    doc = read_file(str(convert(tmp_path / "nested.docx", "pdf", tmp_path)), "nested.pdf", Limits())

    assert [b.text if isinstance(b, Paragraph) else "<table>" for b in doc.blocks] == [
        "Biên bản",
        "<table>",
        "Sau bảng",
    ]
    outer_t, inner_t = doc.tables()
    assert (outer_t.index, outer_t.depth, inner_t.index, inner_t.depth) == (1, 0, 2, 1)
    assert outer_t.texts() == [["3. Báo cáo tiến độ"], ["Các lần báo cáo:\nKết thúc"]]
    assert outer_t.cell(1, 0).tables == [inner_t]
    assert inner_t.texts() == [["Ngày", "Nội dung"], ["01/04/2026", "Đã họp"]]


def test_overprint_check_agrees_with_dedupe() -> None:
    """dedupe_chars (quadratic) runs only when _overprinted finds a candidate pair: a glyph printed
    twice within 1 pt (faked bold) is found, glyphs of a normal page are not."""
    import copy

    import pdfplumber
    from pdfplumber.utils.text import dedupe_chars

    from pipeline.readers.pdf import _overprinted

    sample = ROOT / "inbox" / "Phiếu HĐKP" / "2026" / "BM.CTCL.01 - 13-2026.pdf"
    with pdfplumber.open(sample) as pdf:
        chars = list(pdf.pages[0].chars)
    assert len(dedupe_chars(chars)) == len(chars) and not _overprinted(chars)
    letter = next(c for c in chars if c["text"].isalpha())
    for dx, dy, found in ((0.4, 0.3, True), (0.9, -0.9, True), (3.0, 0.0, False)):
        twin = copy.copy(letter)
        twin["x0"], twin["doctop"] = letter["x0"] + dx, letter["doctop"] + dy
        both = [*chars, twin]
        assert _overprinted(both) is found
        assert (len(dedupe_chars(both)) < len(both)) is found
