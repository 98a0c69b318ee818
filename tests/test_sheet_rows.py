"""pipeline.sheet.SheetRows: spreadsheet rows kept as text, Cells made only for rows looked at."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.model import Table
from pipeline.sheet import SheetRows, slot_key


def make() -> SheetRows:
    texts = [["SỔ THEO DÕI", "", ""], ["Số", "Ngày", "Đơn vị"], ["01/2026", "05/03/2026", "Văn phòng"],
             ["I. Phòng", "", ""]]
    typed = {slot_key(2, 1): (dt.date(2026, 3, 5), "dd/mm/yyyy")}
    return SheetRows(texts, typed, [(0, 0, 0, 2), (3, 0, 3, 2)])


def test_cells_are_made_on_demand_and_kept() -> None:
    rows = make()
    assert rows._rows == {}
    row = rows[2]
    assert [c.text for c in row] == ["01/2026", "05/03/2026", "Văn phòng"]
    assert row[1].value == dt.date(2026, 3, 5) and row[1].number_format == "dd/mm/yyyy"
    assert row[0].value == "01/2026" and (row[0].row, row[0].col) == (2, 0)
    assert rows[2] is row and rows[-2] is row
    assert set(rows._rows) == {2}
    assert [len(r) for r in rows[1:3]] == [3, 3]
    with pytest.raises(IndexError):
        rows[4]


def test_merged_ranges_share_one_cell_and_their_text() -> None:
    rows = make()
    assert rows.texts[0] == ["SỔ THEO DÕI"] * 3 and rows.merged_rows == {0, 3}
    title = rows[0][0]
    assert rows[0][2] is title and (title.rowspan, title.colspan) == (1, 3)
    assert [(r, c) for r, c, _ in rows.unique_texts()] == [(0, 0), (1, 0), (1, 1), (1, 2), (2, 0), (2, 1), (2, 2),
                                                            (3, 0)]
    rows.set_text(0, 1, "SỔ MỚI")
    assert rows.texts[0] == ["SỔ MỚI"] * 3 and title.text == "SỔ MỚI"


def test_table_over_sheet_rows_answers_without_making_cells() -> None:
    rows = make()
    table = Table(rows=rows, sheet="Sổ", first_row=3)  # type: ignore[arg-type]
    assert table.grid is rows and (table.n_rows, table.n_cols) == (4, 3)
    assert table.row_texts(2) == ["01/2026", "05/03/2026", "Văn phòng"]
    assert table.texts()[3] == ["I. Phòng"] * 3
    assert list(table.iter_tables()) == []
    assert rows._rows == {}
    assert table.location(2, 1) == "sheet 'Sổ', hàng 5, cột B"
