"""What extractors produce: one Record per document (or per register table), with problems.

Rules see only records, never files. Problems are typed so that CTCL093 can name the field.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Problem:
    """Something wrong with a value as read (not a compliance rule)."""

    code: str  # invalid_value | invalid_date | unknown_choice | legacy_font | ... (see docs)
    message: str  # Vietnamese, for records.json and the CTCL093 evidence
    field: str | None = None  # canonical field name
    value: str | None = None  # the text as read
    location: str | None = None  # "bảng 1, hàng 5", "sheet 'Sổ HĐKP', hàng 12, cột D"
    row: int | None = None  # register row number, when the problem is in a row

    def to_json(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class Record:
    """What was read from one document (or one register table of a workbook)."""

    kind: str  # capa_request | review_minutes | ... | capa_log | ... | unknown
    fields: dict[str, Any] = field(default_factory=dict)  # canonical names, typed values
    rows: list[dict[str, Any]] = field(default_factory=list)  # registers: canonical cols + sheet, row
    columns: list[str] = field(default_factory=list)  # registers: canonical columns the source carries
    problems: list[Problem] = field(default_factory=list)
    locations: dict[str, str] = field(default_factory=dict)  # field -> where its value was found
    part: str | None = None  # sheet or table that holds a register, when a file has several

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "fields": to_jsonable(self.fields)}
        if self.part:
            out["part"] = self.part
        if self.columns or self.rows:
            out["columns"] = list(self.columns)
            out["rows"] = self.rows  # dates are converted while encoding (json_default): no deep copy
        if self.locations:
            out["locations"] = dict(self.locations)
        out["problems"] = [p.to_json() for p in self.problems]
        return out


def json_default(value: Any) -> Any:
    """json.dumps(default=…): the non-JSON values records hold, converted while encoding."""
    if type(value) is dt.date:  # most of them: the dates of register rows
        return value.isoformat()
    if isinstance(value, (dt.date, set, frozenset, tuple)):
        return to_jsonable(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def to_jsonable(value: Any) -> Any:
    """Dates as YYYY-MM-DD, sets as sorted lists, recursively."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted(to_jsonable(v) for v in value)
    return value
