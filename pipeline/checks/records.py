"""Records retention rules CTCL060–CTCL064 (QT.03.CTCL §7; ISO 9001 7.5.3).

Records come from records registers (Danh mục hồ sơ) and from the HỒ SƠ tables of active
procedures. The minimum retention per record is a parameter (BM.CTCL.01 → 3 years).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from pipeline.checks.common import add_months, as_date, ddmmyyyy, retention_months, source_hit
from pipeline.checks.corpus import Corpus, Source
from pipeline.checks.engine import Hit, rule
from pipeline.text.fold import fold
from pipeline.text.values import parse_retention


def record_entries(corpus: Corpus) -> Iterator[tuple[Source, dict[str, Any], str]]:
    """(source, record row, owner label) for register rows and active procedures' HỒ SƠ rows."""
    for src in corpus.rows("records_register"):
        yield src, src.row or {}, "Danh mục hồ sơ"
    for src in corpus.sources("controlled_document"):
        fields = src.record.fields
        if fields.get("status") == "withdrawn":
            continue
        for row in fields.get("records") or []:
            yield src, row, str(fields.get("code") or src.file)


def _parsed(row: dict[str, Any]) -> dict[str, Any] | None:
    parsed = row.get("retention_parsed")
    return parsed if parsed is not None else parse_retention(str(row.get("retention") or ""))


def _subject(owner: str, row: dict[str, Any]) -> str:
    return f"{owner}: {row.get('name') or '?'}"


def _key(owner: str, row: dict[str, Any], what: str) -> str:
    return f"{what}:{fold(owner)}|{fold(str(row.get('name') or ''))}|{fold(str(row.get('form_code') or ''))}"


def _hit(src: Source, row: dict[str, Any], owner: str, what: str, **values: Any) -> Hit:
    hit = source_hit(src, _subject(owner, row), _key(owner, row, what), name=row.get("name") or "?",
                     retention=row.get("retention") or "(trống)", **values)
    if src.row is None and row.get("location"):
        hit.location = str(row["location"])
    return hit


@rule("CTCL060")
def retention_unspecified(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    for src, row, owner in record_entries(corpus):
        if "retention" in row and _parsed(row) is None:
            yield _hit(src, row, owner, "unspecified")


def minimum_months(row: dict[str, Any], minimums: dict[str, str]) -> tuple[str, int] | None:
    """The minimum retention for the record: its form code, or a code named in its name."""
    text = fold(f"{row.get('form_code') or ''} {row.get('name') or ''}")
    for code, minimum in minimums.items():
        if fold(code) in text:
            months = retention_months(parse_retention(str(minimum)))
            if months:
                return code, months
    return None


@rule("CTCL061", minimum_retention={"BM.CTCL.01": "3 năm"})
def retention_too_short(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    for src, row, owner in record_entries(corpus):
        parsed = _parsed(row)
        months = retention_months(parsed)
        minimum = minimum_months(row, params["minimum_retention"])
        if months is not None and minimum and months < minimum[1]:
            yield _hit(src, row, owner, "short", code=minimum[0], minimum=params["minimum_retention"][minimum[0]])


def _expiry(row: dict[str, Any]) -> dt.date | None:
    created, months = as_date(row.get("created_on")), retention_months(_parsed(row))
    return add_months(created, months) if created and months is not None else None


@rule("CTCL062")
def disposed_too_early(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    for src, row, owner in record_entries(corpus):
        disposed, expiry = as_date(row.get("disposed_on")), _expiry(row)
        if disposed and expiry and disposed < expiry:
            yield _hit(src, row, owner, "early", disposed_on=ddmmyyyy(disposed), expiry=ddmmyyyy(expiry))


@rule("CTCL063")
def may_be_disposed(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    for src, row, owner in record_entries(corpus):
        expiry = _expiry(row)
        if expiry and expiry < as_of and not row.get("disposed_on"):
            yield _hit(src, row, owner, "expired", expiry=ddmmyyyy(expiry))


@rule("CTCL064", years=3)
def log_capa_without_form(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    if not corpus.has_forms:
        return
    since = add_months(as_of, -12 * params["years"])
    for capa in corpus.capas:
        opened = as_date(capa.get("opened_on"))
        if capa.forms or not capa.logs or opened is None or opened <= since:
            continue
        yield Hit(capa.subject, f"capa:{capa.key}", capa.file, capa.location, capa.unit,
                  values={"number": capa.number, "opened_on": ddmmyyyy(opened)})
