"""Dates as Vietnamese people write them (SPEC §3.1): day-first, with or without words.

An impossible date ("31/02/2026") is a wrong value that must be reported (CTCL093), so it
raises InvalidValue instead of vanishing; a blank or dotted placeholder is simply no date.

Public API (stable, used by every extractor):
- ``InvalidValue(text, reason)`` — a value that is present but wrong; ``reason`` is Vietnamese.
- ``parse_date(text) -> date | None`` — the first date written in ``text``.
- ``find_dates(text) -> list[date]`` — every valid date in ``text``, in order.
- ``scan_dates(text) -> list[DateMatch]`` — every date-like fragment, valid or not.
- ``date_from_cell(cell) -> date | None`` — a spreadsheet's typed value first, else its text
  (``date_from_value(value, number_format, text)`` for a slot of a text grid).
- ``format_vi_date(d, place=None) -> str`` — "ngày 05 tháng 01 năm 2026" (Decree 30/2020).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from pipeline.model import Cell
from pipeline.text.fold import fold_with_map, nfc

MIN_YEAR, MAX_YEAR = 1900, 2099
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 with Excel's 1900 leap-year bug


class InvalidValue(ValueError):
    """A value that is present but cannot be right (impossible date, unknown choice).

    `text` is the value as read; `reason` a short Vietnamese explanation for people.
    """

    def __init__(self, text: str, reason: str) -> None:
        self.text = text
        self.reason = reason
        super().__init__(f"{reason}: {text!r}")


@dataclass(frozen=True)
class DateMatch:
    """One date-like fragment: `date` when valid, else `error` (an InvalidValue)."""

    raw: str  # the fragment as written (NFC)
    date: dt.date | None
    error: InvalidValue | None = None


# All patterns run on folded text (no diacritics, lower case; spaces not collapsed).
_YEAR = r"(\d{4}|\d{2}(?![.…_]))"  # "năm 20…" is a placeholder, not 2020
_PATTERNS: list[tuple[re.Pattern[str], tuple[int, int, int]]] = [
    # "ngay 05 thang 3 nam 2026" ("ngay" optional, words may be glued to digits)
    (re.compile(r"(?:ngay\s*)?(?<!\d)(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*" + _YEAR + r"(?!\d)"), (1, 2, 3)),
    # ISO yyyy-mm-dd (also yyyy/mm/dd)
    (re.compile(r"(?<![\d/.-])(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?![\d/-])"), (4, 3, 1)),
    # dd/mm/yyyy, dd/mm/yy (spaces tolerated around "/")
    (re.compile(r"(?<![\d/.])(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*" + _YEAR + r"(?![\d/])"), (1, 2, 3)),
    # dd-mm-yyyy, dd.mm.yyyy (four-digit year only: "5.8.12" is a clause number)
    (re.compile(r"(?<![\d.-])(\d{1,2})([-.])(\d{1,2})\2(\d{4})(?![\d.-]\d)"), (1, 3, 4)),
]


def _build(day: str, month: str, year: str, raw: str) -> DateMatch:
    y = int(year)
    if len(year) == 2:
        y += 2000
    if not MIN_YEAR <= y <= MAX_YEAR:
        return DateMatch(raw, None, InvalidValue(raw, "năm không hợp lệ"))
    try:
        return DateMatch(raw, dt.date(y, int(month), int(day)))
    except ValueError:
        return DateMatch(raw, None, InvalidValue(raw, "ngày tháng không tồn tại"))


def scan_dates(text: str) -> list[DateMatch]:
    """Every date-like fragment of `text` in reading order, valid ones and impossible ones."""
    if not text:
        return []
    original = nfc(text)
    folded, index = fold_with_map(original)
    found: list[tuple[int, int, DateMatch]] = []
    taken: list[tuple[int, int]] = []
    for pattern, (gd, gm, gy) in _PATTERNS:
        for m in pattern.finditer(folded):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            taken.append((m.start(), m.end()))
            raw = original[index[m.start()] : index[m.end() - 1] + 1]
            found.append((m.start(), m.end(), _build(m.group(gd), m.group(gm), m.group(gy), raw)))
    found.sort(key=lambda f: f[0])
    return [f[2] for f in found]


def parse_date(text: str) -> dt.date | None:
    """The first date in `text`; None when there is none (empty, placeholder, prose).

    Raises InvalidValue when the first date-like fragment is impossible (31/02/2026, 00/01/2026).
    """
    matches = scan_dates(text)
    if not matches:
        return None
    first = matches[0]
    if first.error:
        raise first.error
    return first.date


def find_dates(text: str) -> list[dt.date]:
    """All valid dates in `text`, in order (e.g. a progress cell "05/10/2026; 04/11/2026")."""
    return [m.date for m in scan_dates(text) if m.date is not None]


def _is_date_format(number_format: str) -> bool:
    if not number_format:
        return False
    from openpyxl.styles.numbers import is_date_format

    return bool(is_date_format(number_format))


def date_from_cell(cell: Cell) -> dt.date | None:
    """A cell's date: its typed value (date, datetime, or a serial in a date-formatted cell), else its text.

    A bare number in a cell not formatted as a date is not a date (it may be an amount or a count).
    Raises InvalidValue like parse_date for an impossible written date.
    """
    return date_from_value(cell.value, cell.number_format, cell.text)


def date_from_value(value: object, number_format: str, text: str) -> dt.date | None:
    """date_from_cell for a spreadsheet slot read as (typed value, number format, text)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if is_number and _is_date_format(number_format):
        if 1 <= value < 2958466:  # type: ignore[operator]  # Excel's range: 1900-01-01 .. 9999-12-31
            return _EXCEL_EPOCH + dt.timedelta(days=int(value))  # type: ignore[call-overload]
        raise InvalidValue(str(value), "số ngày (serial) không hợp lệ")
    return parse_date(text)


def format_vi_date(d: dt.date, place: str | None = None) -> str:
    """Decree 30/2020 style: "ngày 05 tháng 01 năm 2026", "Khánh Hòa, ngày 29 tháng 6 năm 2019".

    Days below 10 and the months 1 and 2 take a leading zero; other months do not.
    """
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    text = f"ngày {d.day:02d} tháng {month} năm {d.year}"
    return f"{place}, {text}" if place else text
