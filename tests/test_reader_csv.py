"""CSV reader: the encodings and delimiters Excel produces on Vietnamese Windows."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import pytest

from pipeline.errors import ReadError
from pipeline.limits import Limits
from pipeline.model import Document
from pipeline.readers import read_file
from pipeline.readers.csv_reader import sniff_delimiter

ROWS = [
    ["Số phiếu", "Ngày lập", "Đơn vị", "Nội dung"],
    ["01/2026", "05/01/2026", "Văn phòng", "Thiếu hồ sơ, chưa lưu"],  # delimiter-like comma inside
    ["02/2026", "12/02/2026", "Phòng Chính sách dân tộc", "Chưa cập nhật quy trình; lưu trữ"],
    ["3/2026", "", "Thanh tra Ban", "Khánh Hòa — thủy lợi ưu tiên"],
]
_TONES = "\u0300\u0301\u0303\u0309\u0323"  # the marks cp1258 stores as combining characters


def to_cp1258(text: str) -> bytes:
    """Encode as Windows does: letters with circumflex/breve/horn precomposed, tone marks combining."""
    out = []
    for ch in text:
        decomposed = unicodedata.normalize("NFD", ch)
        tones = "".join(m for m in decomposed if m in _TONES)
        base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in _TONES))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def render(rows: list[list[str]], delimiter: str) -> str:
    def field(v: str) -> str:
        return f'"{v}"' if delimiter in v or '"' in v else v

    return "\r\n".join(delimiter.join(field(v) for v in row) for row in rows) + "\r\n"


def write(tmp_path: Path, data: bytes, name: str = "so.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def read(path: Path) -> Document:
    return read_file(str(path), path.name, Limits())


ENCODINGS = {
    "utf-8": lambda s: s.encode("utf-8"),
    "utf-8-bom": lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
    "utf-16-bom": lambda s: s.encode("utf-16"),  # Excel's "Unicode text"
    "utf-16-le-no-bom": lambda s: s.encode("utf-16-le"),
    "utf-16-be-no-bom": lambda s: s.encode("utf-16-be"),
    "cp1258": to_cp1258,
}


@pytest.mark.parametrize("encoding", list(ENCODINGS))
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_encodings_and_delimiters(tmp_path: Path, encoding: str, delimiter: str) -> None:
    doc = read(write(tmp_path, ENCODINGS[encoding](render(ROWS, delimiter))))
    assert doc.format == "csv" and len(doc.blocks) == 1
    table = doc.tables()[0]
    assert (table.sheet, table.first_row, table.index) == (None, 1, 1)
    assert table.texts() == ROWS  # NFC text, quoted delimiters kept inside their field
    assert all(t == unicodedata.normalize("NFC", t) for row in table.texts() for t in row)
    assert table.cell(1, 1).value == "05/01/2026"  # values stay strings
    assert table.cell(3, 1).value is None and table.cell(3, 1).text == ""
    assert table.location(2, 0) == "bảng 1, hàng 3, cột 1"
    assert bool(doc.warnings) == (encoding == "cp1258")


def test_cp1258_bytes_really_carry_combining_marks() -> None:
    data = to_cp1258("Hòa ưu tiên")
    assert data.decode("cp1258") != "Hòa ưu tiên"  # decomposed before NFC
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


def test_trailing_empty_rows_and_columns_trimmed_ragged_rows_padded(tmp_path: Path) -> None:
    text = "Số phiếu;Đơn vị;;\n01/2026;Văn phòng;;\n02/2026\n;;;\n\n"
    table = read(write(tmp_path, text.encode("utf-8"))).tables()[0]
    assert table.texts() == [["Số phiếu", "Đơn vị"], ["01/2026", "Văn phòng"], ["02/2026", ""]]


def test_leading_blank_row_keeps_spreadsheet_numbering(tmp_path: Path) -> None:
    table = read(write(tmp_path, b",\nSo phieu,Don vi\n01/2026,VP\n")).tables()[0]
    assert table.first_row == 1 and table.texts()[1] == ["So phieu", "Don vi"]
    assert table.location(2) == "bảng 1, hàng 3"


def test_single_column(tmp_path: Path) -> None:
    table = read(write(tmp_path, "Tên hồ sơ\nSổ theo dõi\nPhiếu yêu cầu\n".encode())).tables()[0]
    assert table.texts() == [["Tên hồ sơ"], ["Sổ theo dõi"], ["Phiếu yêu cầu"]]


def test_empty_rows_only_gives_no_table(tmp_path: Path) -> None:
    assert read(write(tmp_path, b"\r\n\r\n;;\r\n")).blocks == []


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        ("a,b,c\n1,2,3\n", ","),
        ("a;b;c\n1;2,5;3\n", ";"),  # decimal comma inside a ;-separated file
        ("a\tb\tc\n1\t2\t3\n", "\t"),
        ("a;b\n1;2\nfree text, with comma\n", ";"),
        ("only one column\nno delimiters\n", ","),
    ],
)
def test_sniff_delimiter(sample: str, expected: str) -> None:
    assert sniff_delimiter(sample) == expected


def test_binary_named_csv_is_wrong_type(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as info:
        read(write(tmp_path, bytes(range(256)) * 8))
    assert info.value.reason == "wrong_type"


def test_html_named_csv_is_wrong_type(tmp_path: Path) -> None:
    with pytest.raises(ReadError) as info:
        read(write(tmp_path, b"<html><body>Session expired</body></html>"))
    assert info.value.reason == "wrong_type" and "HTML" in info.value.detail


def test_undecodable_bytes_are_an_encoding_error(tmp_path: Path) -> None:
    """Bytes undefined in cp1258 (0x81, 0x8D ...) and invalid UTF-8: no candidate fits."""
    with pytest.raises(ReadError) as info:
        read(write(tmp_path, b"So phieu;Don vi\n01/2026;\x81\x8d\x8e\x8f\x90\n"))
    assert info.value.reason == "encoding"
