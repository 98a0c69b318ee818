"""TCVN3 / VNI legacy-font text: converted when it is convincingly legacy, never when it is Unicode."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import docx
import pytest

from pipeline.errors import ReadError
from pipeline.limits import Limits
from pipeline.model import Document, Paragraph, grid_from_texts
from pipeline.readers import read_file
from pipeline.text.legacy import TCVN3, VNI, fix_document, fix_text

SAMPLE = ("Phiếu yêu cầu hành động khắc phục cải tiến. Người yêu cầu: Nguyễn Thị Nguyệt. "
          "Đơn vị được yêu cầu: Văn phòng Ban Dân tộc tỉnh Khánh Hòa; thời hạn hoàn thành ngày 30/11/2026. "
          "Quản lý chất lượng, kiểm tra, hiệu lực, Thuỷ, quý, giữa, ỷ lại, ỵ")
SEEDS = sorted(Path("/work/shared/seeds").glob("*.txt"))


def encode(text: str, table: dict[str, str]) -> str:
    """Write Unicode text as a legacy font stores it (inverse of the published table)."""
    inverse = {uni: legacy for legacy, uni in sorted(table.items(), key=lambda kv: len(kv[0]))}
    return "".join(inverse.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def test_known_mojibake() -> None:
    assert fix_text("Qu¶n lý chÊt l\u00adîng") == ("Quản lý chất lượng", "tcvn3")
    assert fix_text("Quaûn lyù chaát löôïng") == ("Quản lý chất lượng", "vni")


@pytest.mark.parametrize("encoding, table", [("tcvn3", TCVN3), ("vni", VNI)])
def test_round_trip(encoding: str, table: dict[str, str]) -> None:
    legacy = encode(SAMPLE, table)
    assert legacy != SAMPLE
    assert fix_text(legacy) == (SAMPLE, encoding)


def test_tcvn3_capitals_typed_for_vntimeh() -> None:
    assert fix_text("QU¶N Lý CHÊT L\u00adîNG")[0] == "QUẢN Lý CHẤT LƯỢNG"


@pytest.mark.parametrize("text", ["Mã hiệu: QT.03.CTCL", "CÔNG TY TNHH MỘT THÀNH VIÊN", "Ông Bà", "Ô Môn",
                                  "Café Müller, Nestlé, São Paulo", "Hà Nội", "Cà Mau – Côn Đảo", "", "2026"])
def test_unicode_and_foreign_text_untouched(text: str) -> None:
    assert fix_text(text) == (text, None)


@pytest.mark.skipif(not SEEDS, reason="seed documents not available")
def test_real_unicode_documents_are_never_converted() -> None:
    for seed in SEEDS:
        lines = seed.read_text(encoding="utf-8").splitlines()
        assert all(fix_text(line)[1] is None for line in lines), seed.name
        doc = Document(seed.name, "docx", blocks=[Paragraph(line) for line in lines])
        assert fix_document(doc).warnings == []
        assert [p.text for p in doc.blocks] == lines


def test_fix_document_converts_paragraphs_and_cells_and_warns() -> None:
    legacy = encode(SAMPLE, TCVN3)
    table = grid_from_texts([[encode("Số phiếu", TCVN3), "05/2026"], [encode("Người kiểm tra", TCVN3), "x"]])
    doc = Document("f.docx", "docx", blocks=[Paragraph(legacy), table, Paragraph("Mã hiệu: Đã là Unicode")])
    fix_document(doc)
    assert doc.blocks[0].text == SAMPLE
    assert table.rows[0][0].text == "Số phiếu" and table.rows[1][0].text == "Người kiểm tra"
    assert doc.blocks[2].text == "Mã hiệu: Đã là Unicode"
    assert len(doc.warnings) == 1 and "TCVN3" in doc.warnings[0]


def test_unconvertible_legacy_symbols_are_reported() -> None:
    garbage = " ".join(["¶¶x", "®®k", "¸¸q", "µµw"] * 4)
    with pytest.raises(ReadError) as err:
        fix_document(Document("f.docx", "docx", blocks=[Paragraph(garbage)]))
    assert err.value.reason == "legacy_font"


def _legacy_docx(path: Path, text: str) -> Path:
    d = docx.Document()
    run = d.add_paragraph().add_run(text)
    run.font.name = ".VnTime"
    d.save(path)
    return path


def test_vni_docx_is_read_as_unicode(tmp_path: Path) -> None:
    doc = read_file(str(_legacy_docx(tmp_path / "vni.docx", encode(SAMPLE, VNI))), "vni.docx", Limits())
    assert doc.blocks[0].text == SAMPLE
    assert any("VNI" in w for w in doc.warnings)


def test_tcvn3_docx_is_read_as_unicode(tmp_path: Path) -> None:
    doc = read_file(str(_legacy_docx(tmp_path / "tcvn3.docx", encode(SAMPLE, TCVN3))), "tcvn3.docx", Limits())
    assert doc.blocks[0].text == SAMPLE


def test_tcvn3_workbook_is_read_as_unicode_merged_title_once(tmp_path: Path) -> None:
    """A register typed with .VnTime in Excel: every cell converted, a merged title exactly once."""
    import openpyxl

    title = "Sổ theo dõi hành động khắc phục cải tiến"
    rows = [["STT", "Số phiếu", "Đơn vị", "Nội dung"]] + [
        [i, f"{i:02d}/2026", "Văn phòng Ban Dân tộc", f"Quản lý chất lượng, kiểm tra hiệu lực lần {i}"]
        for i in range(1, 21)
    ]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([encode(title, TCVN3)])
    ws.merge_cells("A1:D1")
    for row in rows:
        ws.append([encode(v, TCVN3) if isinstance(v, str) else v for v in row])
    wb.save(tmp_path / "so.xlsx")
    doc = read_file(str(tmp_path / "so.xlsx"), "so.xlsx", Limits())
    table = doc.blocks[0]
    assert table.row_texts(0) == [title] * 4  # the merged slots share the converted text
    assert table.rows[0][0] is table.rows[0][3] and table.rows[0][0].text == title
    assert table.texts()[1:] == [[str(v) for v in row] for row in rows]
    assert any("TCVN3" in w for w in doc.warnings)


def test_vni_csv_is_read_as_unicode(tmp_path: Path) -> None:
    lines = ["Số phiếu;Đơn vị;Nội dung"] + [f"{i:02d}/2026;Văn phòng;Quản lý chất lượng lần {i}" for i in range(30)]
    (tmp_path / "so.csv").write_text(encode("\n".join(lines), VNI), encoding="utf-8")
    doc = read_file(str(tmp_path / "so.csv"), "so.csv", Limits())
    assert [";".join(row) for row in doc.blocks[0].texts()] == lines
    assert any("VNI" in w for w in doc.warnings)
