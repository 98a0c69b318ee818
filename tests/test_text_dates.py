"""Dates as written on Vietnamese forms (SPEC §3.1)."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from pipeline.model import Cell
from pipeline.text.dates import InvalidValue, date_from_cell, find_dates, format_vi_date, parse_date, scan_dates

D = dt.date(2026, 3, 5)


@pytest.mark.parametrize(
    "text",
    [
        "05/03/2026", "5/3/2026", "05-03-2026", "05.03.2026", "2026-03-05", "5/3/26", "05 / 03 / 2026",
        "ngày 05 tháng 3 năm 2026", "Ngày  5  tháng  03  năm 2026", "ngay 5 thang 3 nam 2026",
        "NGÀY 05 THÁNG 3 NĂM 2026", "Khánh Hòa, ngày 05 tháng 3 năm 2026", "Hạn: 05/03/2026.",
        unicodedata.normalize("NFD", "ngày 05 tháng 3 năm 2026"),
    ],
)
def test_parse_date_formats(text: str) -> None:
    assert parse_date(text) == D


@pytest.mark.parametrize(
    "text",
    ["", "   ", "…/…/20…", "..../..../20....", "ngày ... tháng ... năm ...", "ngày … tháng … năm 20…",
     "ngày 05 tháng 3 năm 20..", "Số 05/2026/BDT", "Điều 5.8.12", "chưa xác định", "tháng 3/2026"],
)
def test_no_date(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize("text", ["31/02/2026", "00/01/2026", "12/13/2026", "ngày 30 tháng 2 năm 2026", "1/1/0202"])
def test_impossible_date_raises(text: str) -> None:
    with pytest.raises(InvalidValue) as err:
        parse_date(text)
    assert err.value.text  # the fragment as written, for the CTCL093 evidence
    assert err.value.reason


def test_invalid_value_keeps_original_text() -> None:
    with pytest.raises(InvalidValue) as err:
        parse_date("Hạn: Ngày 31 tháng 02 năm 2026")
    assert err.value.text == "Ngày 31 tháng 02 năm 2026"


def test_find_dates_in_progress_cell() -> None:
    text = "05/10/2026; 04/11/2026\n31/02/2026 (sai) và ngày 1 tháng 12 năm 2026"
    assert find_dates(text) == [dt.date(2026, 10, 5), dt.date(2026, 11, 4), dt.date(2026, 12, 1)]
    assert [m.error is not None for m in scan_dates(text)] == [False, False, True, False]


def test_date_from_cell_typed_values() -> None:
    assert date_from_cell(Cell("", 0, 0, value=dt.datetime(2026, 3, 5, 0, 0))) == D
    assert date_from_cell(Cell("", 0, 0, value=D)) == D
    # 46086 is 2026-03-05 in Excel's 1900 system, but only a date when the cell is formatted as one
    assert date_from_cell(Cell("46086", 0, 0, value=46086, number_format="dd/mm/yyyy")) == D
    assert date_from_cell(Cell("46086", 0, 0, value=46086, number_format="General")) is None
    assert date_from_cell(Cell("05/03/2026", 0, 0)) == D


def test_format_vi_date_decree_30() -> None:
    assert format_vi_date(dt.date(2026, 1, 5)) == "ngày 05 tháng 01 năm 2026"
    assert format_vi_date(dt.date(2026, 2, 15)) == "ngày 15 tháng 02 năm 2026"
    assert format_vi_date(dt.date(2019, 6, 29), "Khánh Hòa") == "Khánh Hòa, ngày 29 tháng 6 năm 2019"
    assert format_vi_date(dt.date(2026, 12, 1)) == "ngày 01 tháng 12 năm 2026"
