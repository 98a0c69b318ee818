"""Input rules CTCL090–CTCL093: what went wrong reading the inbox itself."""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable

from rapidfuzz import fuzz

from pipeline.catalog import Catalog
from pipeline.errors import READ_REASONS
from pipeline.findings import Finding, make_finding
from pipeline.process import FileResult
from pipeline.records import Record
from pipeline.text.fold import fold
from pipeline.text.values import normalize_request_number

INVALID_CODES = {"invalid_value", "invalid_date", "unknown_choice"}
ROW_IDENTITY = ("number", "code", "name", "description", "round", "seq")


def unreadable(catalog: Catalog, results: Iterable[FileResult]) -> list[Finding]:
    """CTCL090: one finding per file that could not be read, with its reason."""
    rule = catalog["CTCL090"]
    out = []
    for res in results:
        if not res.error:
            continue
        vi, en = READ_REASONS.get(res.error, READ_REASONS["crashed"])
        detail = f" ({res.error_detail})" if res.error_detail else ""
        out.append(make_finding(
            rule, subject=res.rel, subject_key=res.rel, file=res.rel, evidence=res.error_detail or None,
            values={"reason_vi": vi + detail, "reason_en": en + detail, "reason": res.error},
        ))
    return out


def unrecognised(catalog: Catalog, results: Iterable[FileResult]) -> list[Finding]:
    """CTCL091: a supported file that matches no document kind."""
    rule = catalog["CTCL091"]
    return [
        make_finding(rule, subject=res.rel, subject_key=res.rel, file=res.rel)
        for res in results
        if not res.error and res.kind == "unknown"
    ]


def duplicate_numbers(catalog: Catalog, results: Iterable[FileResult]) -> list[Finding]:
    """CTCL092: different CAPA forms sharing one request number (a DOCX and its PDF are one CAPA)."""
    rule = catalog["CTCL092"]
    threshold = float(rule.params.get("same_text_threshold", 85))
    by_number: dict[str, list[tuple[str, Record]]] = defaultdict(list)
    for res in results:
        for rec in res.records:
            number = rec.fields.get("number") if rec.kind == "capa_request" else None
            if number:
                by_number[normalize_request_number(str(number))].append((res.rel, rec))
    out = []
    for key, forms in sorted(by_number.items()):
        distinct: list[tuple[str, Record]] = []
        for rel, rec in sorted(forms, key=lambda f: f[0]):
            if not any(_same_capa(rec, other, threshold) for _, other in distinct):
                distinct.append((rel, rec))
        if len(distinct) < 2:
            continue
        files = [rel for rel, _ in sorted(forms, key=lambda f: f[0])]
        number = str(distinct[0][1].fields["number"])
        out.append(make_finding(
            rule, subject=f"BM.CTCL.01 {number}", subject_key=f"capa:{key}", file=distinct[1][0],
            evidence="; ".join(files), values={"number": number, "count": len(distinct), "files": ", ".join(files)},
        ))
    return out


def _same_capa(a: Record, b: Record, threshold: float) -> bool:
    for name in ("opened_on", "unit"):
        va, vb = a.fields.get(name), b.fields.get(name)
        if va and vb and (fold(str(va)) != fold(str(vb))):
            return False
    da, db = fold(str(a.fields.get("description") or "")), fold(str(b.fields.get("description") or ""))
    return not (da and db) or fuzz.token_set_ratio(da, db) >= threshold


def invalid_values(catalog: Catalog, results: Iterable[FileResult]) -> list[Finding]:
    """CTCL093: a field holds an impossible date or an unknown choice — one finding per field (and row)."""
    rule = catalog["CTCL093"]
    out = []
    for res in results:
        for rec in res.records:
            rows_by_number = {row.get("row"): row for row in rec.rows}
            for problem in rec.problems:
                if problem.code not in INVALID_CODES:
                    continue
                row = rows_by_number.get(problem.row) if problem.row is not None else None
                identity = _row_identity(row) if row else ""
                key = f"{res.rel}|{rec.part or ''}|{problem.field}|{identity}|{problem.value}"
                subject = _subject(rec, problem.field or "?", identity)
                out.append(make_finding(
                    rule, subject=subject, subject_key=key, file=res.rel, location=problem.location,
                    unit=_unit(rec, row), evidence=problem.value,
                    values={"field": problem.field, "value": problem.value, "problem": problem.message},
                ))
    return out


def _row_identity(row: dict) -> str:
    for name in ROW_IDENTITY:
        if row.get(name):
            return f"{name}={row[name]}"
    return ""


def _subject(rec: Record, field: str, identity: str) -> str:
    if rec.kind == "capa_request" and rec.fields.get("number"):
        return f"BM.CTCL.01 {rec.fields['number']} — {field}"
    return f"{rec.kind} {identity} — {field}".replace("  ", " ")


def _unit(rec: Record, row: dict | None) -> str | None:
    value = (row or {}).get("unit") or rec.fields.get("unit")
    return str(value) if value else None


def input_findings(catalog: Catalog, results: list[FileResult]) -> list[Finding]:
    return [
        *unreadable(catalog, results),
        *unrecognised(catalog, results),
        *duplicate_numbers(catalog, results),
        *invalid_values(catalog, results),
    ]
