"""findings.xlsx: a filterable findings sheet and a summary sheet (SPEC §6).

Every text cell starting with = + - @ (or a tab/CR) is neutralised: stored as a string with Excel's
quote prefix, so document text shows literally and can never become a formula in Excel or LibreOffice.
"""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from pipeline.catalog import SEVERITY_ORDER
from pipeline.emit.atomic import write_bytes
from pipeline.emit.i18n import words
from pipeline.findings import Finding

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL = {c: None for c in range(32) if c not in (9, 10, 13)}


def safe_cell(value: Any) -> Any:
    """Text without XML-illegal control characters (openpyxl refuses them)."""
    return value.translate(_ILLEGAL) if isinstance(value, str) else value


def neutralise(ws: Any) -> None:
    """Cells whose text starts like a formula become quote-prefixed strings."""
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                cell.data_type = "s"
                cell.quotePrefix = True


def style_list_sheet(ws: Any, widths: list[int], n_rows: int) -> None:
    """A list sheet people filter: bold shaded header, column widths, wrapped cells, frozen header, filter."""
    for i, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
        ws.cell(1, i).font = Font(bold=True)
        ws.cell(1, i).fill = PatternFill("solid", fgColor="DDE5F0")
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(widths))}{max(1, n_rows + 1)}"


def findings_workbook(findings: list[Finding], run: dict[str, Any], lang: str) -> bytes:
    w = words(lang)
    wb = Workbook()
    ws = wb.active
    ws.title = w["sheet_findings"]
    columns = [("id", 18), ("rule", 10), ("severity", 12), ("title", 40), ("message", 70), ("clause", 24),
               ("file", 40), ("location", 22), ("subject", 30), ("unit", 20), ("evidence", 50), ("status", 12),
               ("first_seen", 12), ("draft", 30), ("waived", 30)]
    ws.append([w[name] for name, _ in columns])
    for finding in findings:
        row = {
            **finding.to_json(),
            "severity": w[finding.severity],
            "title": finding.title.get(lang, finding.title["vi"]),
            "message": finding.message.get(lang, finding.message["vi"]),
            "clause": "; ".join(finding.clause),
            "status": w[finding.status],
            "waived": (finding.waived or {}).get("justification", ""),
        }
        ws.append([safe_cell(row.get(name) or "") for name, _ in columns])
    style_list_sheet(ws, [width for _, width in columns], len(findings))
    _summary_sheet(wb.create_sheet(w["sheet_summary"]), findings, run, w)
    for sheet in wb.worksheets:
        neutralise(sheet)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _summary_sheet(ws: Any, findings: list[Finding], run: dict[str, Any], w: dict[str, str]) -> None:
    counted = [f for f in findings if not f.waived]
    ws.append([w["report_title"]])
    ws.append([w["as_of"], run.get("as_of")])
    ws.append([w["run"], run.get("id")])
    ws.append([w["files_seen"], run.get("files_seen"), w["files_failed"], run.get("files_failed")])
    ws.append([])
    ws.append([w["by_severity"], w["count"]])
    severities = Counter(f.severity for f in counted)
    for severity in SEVERITY_ORDER:
        ws.append([w[severity], severities.get(severity, 0)])
    ws.append([])
    ws.append([w["by_rule"], w["count"]])
    for rule, count in sorted(Counter(f.rule for f in counted).items()):
        ws.append([rule, count])
    ws.append([])
    ws.append([w["by_unit"], w["count"]])
    for unit, count in sorted(Counter(f.unit or w["no_unit"] for f in counted).items()):
        ws.append([safe_cell(unit), count])
    ws["A1"].font = Font(bold=True, size=14)
    ws.column_dimensions["A"].width = 40


def write_findings_xlsx(path: Path, findings: list[Finding], run: dict[str, Any], lang: str) -> None:
    write_bytes(path, findings_workbook(findings, run, lang))
