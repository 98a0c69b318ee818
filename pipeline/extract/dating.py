"""When a document is dated: the place-date line, dates in signing blocks and labels.

Administrative documents carry "<place>, ngày … tháng … năm …" under the national motto (Decree
30/2020); a PDF's text layer may run it into the document number ("Số: 86/TB-BDT Khánh Hòa, ngày
05 tháng 12 năm 2023") or wrap its year onto the next line. An impossible date is never dropped:
the field is None and a Problem(code="invalid_value") names it (CTCL093).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Protocol

from pipeline.extract.common import invalid_value
from pipeline.extract.titles import Line
from pipeline.records import Problem, Record
from pipeline.text.dates import InvalidValue, parse_date, scan_dates
from pipeline.text.fold import fold, fold_with_map

# on text folded without collapsing spaces: a place (no digits), a comma, "ngày"
_PLACE_DATE = re.compile(r"(?:^|(?<=\s))[^\W\d_][^\d:;,]{1,40},\s*ngay\b")


class DateSource(Protocol):
    """Anything a date may be read from: a Line, a labels.Found, a signing block (date_text)."""

    location: str


def place_date_line(lines: list[Line]) -> Line | None:
    """The first "<place>, ngày … tháng … năm …" line, cut to start at the place; a year wrapped onto
    the next line ("…, ngày 15 tháng 12 năm" / "2026") is joined."""
    for k, line in enumerate(lines):
        folded, index = fold_with_map(line.text)
        m = _PLACE_DATE.search(folded)
        if not m:
            continue
        text = line.text[index[m.start()] :]
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        if not scan_dates(text) and nxt is not None and re.fullmatch(r"\d{2,4}\W*", nxt.text):
            text = f"{text} {nxt.text}"
        return replace(line, text=text, folded=fold(text))
    return None


def read_date(text: str, name: str, location: str, problems: list[Problem]) -> dt.date | None:
    """The date written in `text` (None when there is none); an impossible one is None plus an
    invalid_value problem."""
    try:
        return parse_date(text)
    except InvalidValue as exc:
        problems.append(invalid_value(name, exc.text, location, exc.reason))
        return None


def first_date(record: Record, name: str, sources: list[DateSource | None]) -> None:
    """Set record.fields[name] from the first source holding a date — or an impossible one, which
    sets None and adds a problem; None when no source does. Signing blocks are read by their
    date line, other sources by their text."""
    record.fields[name] = None
    for source in sources:
        if source is None:
            continue
        text = getattr(source, "date_text", None)
        text = text if text is not None else getattr(source, "text", "")
        if not text:
            continue
        before = len(record.problems)
        value = read_date(text, name, source.location, record.problems)
        if value is not None or len(record.problems) > before:
            record.fields[name] = value
            record.locations[name] = source.location
            return
