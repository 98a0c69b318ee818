"""Input rules CTCL090–CTCL093: what went wrong reading the inbox itself."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from rapidfuzz import fuzz

from pipeline.checks.corpus import Corpus, Source
from pipeline.checks.engine import Hit, rule
from pipeline.checks.schemas import violations
from pipeline.errors import read_reason
from pipeline.records import Record
from pipeline.text.fold import fold
from pipeline.text.values import normalize_request_number

INVALID_CODES = {"invalid_value", "invalid_date", "unknown_choice", "multiple_choices"}
ROW_IDENTITY = ("number", "code", "name", "description", "round", "seq")


@rule("CTCL090")
def unreadable(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    """One finding per file that could not be read, with its reason."""
    for res in corpus.files:
        if res.error:
            yield Hit(res.rel, res.rel, res.rel, evidence=res.error_detail or None,
                      values={"reason_vi": read_reason(res.error, res.error_detail, "vi"),
                              "reason_en": read_reason(res.error, res.error_detail, "en"), "reason": res.error})


@rule("CTCL091")
def unrecognised(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    """A supported file that matches no document kind."""
    for res in corpus.files:
        if not res.error and res.kind == "unknown":
            yield Hit(res.rel, res.rel, res.rel)


@rule("CTCL092", same_text_threshold=85)
def duplicate_numbers(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    """Different CAPA forms sharing one request number (a DOCX and its PDF copy are one CAPA)."""
    by_number: dict[str, list[Source]] = defaultdict(list)
    for src in corpus.sources("capa_request"):
        number = src.record.fields.get("number")
        if number:
            by_number[normalize_request_number(str(number))].append(src)
    for key, forms in sorted(by_number.items()):
        distinct: list[Source] = []
        for src in forms:
            if not any(_same_capa(src.record, d.record, params["same_text_threshold"]) for d in distinct):
                distinct.append(src)
        if len(distinct) > 1:
            files = [s.file for s in forms]
            number = str(distinct[0].record.fields["number"])
            yield Hit(f"BM.CTCL.01 {number}", f"capa:{key}", distinct[1].file, evidence="; ".join(files),
                      values={"number": number, "count": len(distinct), "files": ", ".join(files)})


def _same_capa(a: Record, b: Record, threshold: float) -> bool:
    for name in ("opened_on", "unit"):
        va, vb = a.fields.get(name), b.fields.get(name)
        if va and vb and fold(str(va)) != fold(str(vb)):
            return False
    da, db = fold(str(a.fields.get("description") or "")), fold(str(b.fields.get("description") or ""))
    return not (da and db) or fuzz.token_set_ratio(da, db) >= threshold


def _problem_hits(corpus: Corpus) -> Iterator[Hit]:
    for res in corpus.files:
        for rec in res.records:
            rows = {row.get("row"): row for row in rec.rows}
            for problem in rec.problems:
                if problem.code not in INVALID_CODES:
                    continue
                row = rows.get(problem.row) if problem.row is not None else None
                identity = _row_identity(row) if row else ""
                field = problem.field or "?"
                if rec.kind == "capa_request" and rec.fields.get("number"):
                    subject = f"BM.CTCL.01 {rec.fields['number']} — {field}"
                else:
                    subject = " ".join(filter(None, [rec.kind, identity, "—", field]))
                unit = (row or {}).get("unit") or rec.fields.get("unit")
                yield Hit(
                    subject, f"{res.rel}|{rec.part or ''}|{field}|{identity}|{problem.value}", res.rel,
                    location=problem.location, unit=str(unit) if unit else None, evidence=problem.value,
                    values={"field": field, "value": problem.value, "problem": problem.message},
                )


@rule("CTCL093")
def invalid_values(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    """A field holds an impossible date or an unknown choice (extractors), or a value of the wrong type
    for its kind's schema (rules/schemas.yaml) — one finding per field (and row)."""
    yield from _problem_hits(corpus)
    yield from _schema_hits(corpus)


def _schema_hits(corpus: Corpus) -> Iterator[Hit]:
    if corpus.rules_dir is None:
        return
    for res in corpus.files:
        for rec in res.records:
            reported = {p.field for p in rec.problems}
            for v in violations(corpus.rules_dir, rec.kind, rec.fields, corpus.schema_memo):
                if v.rule != "CTCL093" or v.field in reported:
                    continue
                number = rec.fields.get("number") if rec.kind == "capa_request" else None
                subject = f"BM.CTCL.01 {number} — {v.field}" if number else f"{rec.kind} — {v.field}"
                yield Hit(subject, f"{res.rel}|{rec.part or ''}|{v.field}||{v.value}", res.rel,
                          location=rec.locations.get(v.field), evidence=str(v.value),
                          values={"field": v.field, "value": v.value, "problem": f"schema: {v.constraint}"})


def _row_identity(row: dict[str, Any]) -> str:
    for name in ROW_IDENTITY:
        if row.get(name):
            return f"{name}={row[name]}"
    return ""
