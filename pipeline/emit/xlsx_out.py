"""findings.xlsx: a filterable findings sheet and a summary sheet (SPEC §6).

Every text cell starting with = + - @ (or a tab/CR) is neutralised: stored as a string with Excel's
quote prefix, so document text shows literally and can never become a formula in Excel or LibreOffice.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from copy import copy
from pathlib import Path
from typing import Any

import xlsxwriter

from pipeline.catalog import SEVERITY_ORDER
from pipeline.emit.atomic import write_bytes
from pipeline.emit.i18n import words
from pipeline.findings import Finding

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def safe_cell(value: Any) -> Any:
    """Text without XML-illegal control characters (openpyxl refuses them)."""
    if isinstance(value, str) and _ILLEGAL.search(value):
        return _ILLEGAL.sub("", value)
    return value


def neutralise(ws: Any) -> None:
    """Cells whose text starts like a formula become quote-prefixed strings."""
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                cell.data_type = "s"
                cell.quotePrefix = True


def style_list_sheet(ws: Any, widths: list[int], n_rows: int) -> None:
    """A list sheet people filter: bold shaded header, column widths, wrapped cells, frozen header, filter."""
    from openpyxl.styles import Alignment, Font, PatternFill  # here: a plain `qms check` never needs openpyxl
    from openpyxl.utils import get_column_letter

    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
        ws.cell(1, i).font = Font(bold=True)
        ws.cell(1, i).fill = PatternFill("solid", fgColor="DDE5F0")
    wrapped = None  # one style for every data cell, set once and copied (openpyxl hashes a style
    for row in ws.iter_rows(min_row=2):  # object on every assignment: 2 s for 3,000 findings)
        for cell in row:
            if wrapped is None:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                wrapped = cell._style
            else:
                cell._style = copy(wrapped)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(widths))}{max(1, n_rows + 1)}"


def findings_workbook(findings: list[Finding], run: dict[str, Any], lang: str) -> bytes:
    """Written with XlsxWriter: openpyxl needed ~1 s for 3,000 findings (a cell object and a style
    lookup per cell), most of an unchanged rerun over 10,000 files. Every text goes in with
    write_string (never a formula, number or link), quote-prefixed when it starts like a formula."""
    w = words(lang)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_numbers": False, "strings_to_urls": False})
    put = _Writer(book)
    sheet = book.add_worksheet(w["sheet_findings"])
    columns = [("id", 18), ("rule", 10), ("severity", 12), ("title", 40), ("message", 70), ("clause", 24),
               ("file", 40), ("location", 22), ("subject", 30), ("unit", 20), ("evidence", 50), ("status", 12),
               ("first_seen", 12), ("draft", 30), ("waived", 30)]
    for c, (name, width) in enumerate(columns):
        sheet.set_column(c, c, width)
        sheet.write_string(0, c, w[name], put.header)
    for r, finding in enumerate(findings, 1):
        row = {
            **vars(finding),
            "severity": w[finding.severity],
            "title": finding.title.get(lang, finding.title["vi"]),
            "message": finding.message.get(lang, finding.message["vi"]),
            "clause": "; ".join(finding.clause),
            "status": w[finding.status],
            "waived": (finding.waived or {}).get("justification", ""),
        }
        for c, (name, _) in enumerate(columns):
            put(sheet, r, c, row.get(name), wrap=True)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(1, len(findings)), len(columns) - 1)
    _summary_sheet(book.add_worksheet(w["sheet_summary"]), put, findings, run, w)
    book.close()
    return buffer.getvalue()


class _Writer:
    """One cell at a time, with the few formats the workbook uses (made once)."""

    def __init__(self, book: Any) -> None:
        self.header = book.add_format({"bold": True, "bg_color": "#DDE5F0"})
        self.title = book.add_format({"bold": True, "font_size": 14})
        self.formats = {(wrap, quoted): book.add_format({**({"text_wrap": True, "valign": "top"} if wrap else {}),
                                                         **({"quote_prefix": True} if quoted else {})})
                        for wrap in (False, True) for quoted in (False, True)}

    def __call__(self, sheet: Any, r: int, c: int, value: Any, wrap: bool = False, fmt: Any = None) -> None:
        if isinstance(value, bool) or value is None or value == "":
            sheet.write_blank(r, c, None, fmt or self.formats[(wrap, False)])
        elif isinstance(value, (int, float)):
            sheet.write_number(r, c, value, fmt or self.formats[(wrap, False)])
        else:
            text = safe_cell(str(value))
            sheet.write_string(r, c, text, fmt or self.formats[(wrap, text.startswith(FORMULA_START))])


def _summary_sheet(sheet: Any, put: _Writer, findings: list[Finding], run: dict[str, Any], w: dict[str, str]) -> None:
    counted = [f for f in findings if not f.waived]
    rows: list[list[Any]] = [
        [w["report_title"]],
        [w["as_of"], run.get("as_of")],
        [w["run"], run.get("id")],
        [w["files_seen"], run.get("files_seen"), w["files_failed"], run.get("files_failed")],
        [],
        [w["by_severity"], w["count"]],
    ]
    severities = Counter(f.severity for f in counted)
    rows += [[w[severity], severities.get(severity, 0)] for severity in SEVERITY_ORDER]
    rows += [[], [w["by_rule"], w["count"]]]
    rows += [[rule, count] for rule, count in sorted(Counter(f.rule for f in counted).items())]
    rows += [[], [w["by_unit"], w["count"]]]
    rows += [[unit, count] for unit, count in sorted(Counter(f.unit or w["no_unit"] for f in counted).items())]
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value is not None and value != "":
                put(sheet, r, c, value, fmt=put.title if (r, c) == (0, 0) else None)
    sheet.set_column(0, 0, 40)


def write_findings_xlsx(path: Path, findings: list[Finding], run: dict[str, Any], lang: str) -> None:
    write_bytes(path, findings_workbook(findings, run, lang))
