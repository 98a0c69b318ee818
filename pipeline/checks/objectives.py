"""Quality objectives rules CTCL050–CTCL056 (QT.03.CTCL §5.9).

Before 31/12 each year units and the agency evaluate the year's objectives; before 30/01 the next
year's objectives and plan are approved; objectives must be measurable; a missed objective is a
nonconformity that needs a corrective action (ISO 9001 10.2).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from pipeline.checks.common import SimilarTexts, as_date, ddmmyyyy, similar, source_hit
from pipeline.checks.corpus import Corpus, Source
from pipeline.checks.engine import Hit, rule
from pipeline.text.fold import fold
from pipeline.text.values import has_measure

AGENCY = "Ban Dân tộc"


def unit_of(src: Source) -> str:
    return str(src.record.fields.get("unit") or AGENCY)


def year_of(src: Source) -> int | None:
    year = src.record.fields.get("year")
    try:
        return int(year) if year else None
    except (TypeError, ValueError):
        return None


def _index(sources: list[Source]) -> dict[tuple[str, int], Source]:
    out: dict[tuple[str, int], Source] = {}
    for src in sources:
        year = year_of(src)
        if year:
            out.setdefault((fold(unit_of(src)), year), src)
    return out


def _subject(src: Source, what: str = "MTCL") -> str:
    return f"{what} {unit_of(src)} {year_of(src)}"


def _key(src: Source, what: str) -> str:
    return f"{what}:{fold(unit_of(src))}:{year_of(src)}"


@rule("CTCL050")
def no_objectives_report(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    reports = _index(corpus.sources("objectives_report"))
    for (unit, year), plan in sorted(_index(corpus.sources("objectives_plan")).items()):
        if as_of > dt.date(year, 12, 31) and (unit, year) not in reports:
            yield source_hit(plan, _subject(plan, "Báo cáo MTCL"), _key(plan, "report"),
                             unit_name=unit_of(plan), year=year)


@rule("CTCL051")
def late_objectives_report(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    for src in corpus.sources("objectives_report"):
        year, day = year_of(src), as_date(src.record.fields.get("reported_on"))
        if year and day and day > dt.date(year, 12, 31):
            yield source_hit(src, _subject(src, "Báo cáo MTCL"), _key(src, "report-late"),
                             unit_name=unit_of(src), year=year, reported_on=ddmmyyyy(day))


@rule("CTCL052", deadline_day=30, deadline_month=1)
def no_objectives_plan(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    year = as_of.year
    if as_of <= dt.date(year, params["deadline_month"], params["deadline_day"]):
        return
    plans = _index(corpus.sources("objectives_plan"))
    expected = {fold(AGENCY): AGENCY}
    for src in corpus.sources("objectives_plan"):
        if year_of(src) == year - 1:
            expected.setdefault(fold(unit_of(src)), unit_of(src))
    for unit_key, unit in sorted(expected.items()):
        if (unit_key, year) not in plans:
            yield Hit(f"Kế hoạch MTCL {unit} {year}", f"plan:{unit_key}:{year}", None, unit=unit,
                      values={"unit_name": unit, "year": year})


@rule("CTCL053", deadline_day=30, deadline_month=1)
def late_objectives_plan(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    for src in corpus.sources("objectives_plan"):
        year, day = year_of(src), as_date(src.record.fields.get("approved_on"))
        if not year:
            continue
        if day is None or day > dt.date(year, params["deadline_month"], params["deadline_day"]):
            yield source_hit(src, _subject(src, "Kế hoạch MTCL"), _key(src, "plan-late"), unit_name=unit_of(src),
                             year=year, approved_on=ddmmyyyy(day) if day else "(không ghi)")


def _objective_label(obj: dict[str, Any]) -> str:
    no = obj.get("no")
    return f"{no}. {obj.get('objective') or ''}".strip() if no else str(obj.get("objective") or "")


@rule("CTCL054")
def objective_not_measurable(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    for src in corpus.sources("objectives_plan"):
        for obj in src.record.fields.get("objectives") or []:
            if not obj.get("objective") or has_measure(str(obj.get("target") or "")):
                continue
            yield source_hit(src, f"{_subject(src)}: {_objective_label(obj)}",
                             f"{_key(src, 'measure')}:{fold(str(obj.get('objective')))}",
                             objective=_objective_label(obj), target=obj.get("target") or "(trống)")


def pair(plan_obj: dict[str, Any], report_objs: list[dict[str, Any]], threshold: float) -> dict[str, Any] | None:
    """The report objective matching a plan objective: same STT, else similar text."""
    no = str(plan_obj.get("no") or "").strip()
    if no:
        for obj in report_objs:
            if str(obj.get("no") or "").strip() == no:
                return obj
    for obj in report_objs:
        if similar(plan_obj.get("objective"), obj.get("objective"), threshold):
            return obj
    return None


@rule("CTCL055", similarity=85)
def objective_not_reported(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    reports = _index(corpus.sources("objectives_report"))
    for src in corpus.sources("objectives_plan"):
        report = reports.get((fold(unit_of(src)), year_of(src) or 0))
        if report is None:
            continue
        report_objs = report.record.fields.get("objectives") or []
        for obj in src.record.fields.get("objectives") or []:
            if obj.get("objective") and pair(obj, report_objs, params["similarity"]) is None:
                yield source_hit(report, f"{_subject(report)}: {_objective_label(obj)}",
                                 f"{_key(report, 'unreported')}:{fold(str(obj.get('objective')))}",
                                 objective=_objective_label(obj))


@rule("CTCL056", similarity=85, lookback_days=30)
def failed_objective_without_capa(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    """A CAPA answers a missed objective when its description is similar, or its source is "Mục tiêu chất
    lượng" for the same unit (any unit when the report is the agency's); opened on or after the report
    date minus `lookback_days`."""
    capas = _AnsweringCapas(corpus)  # summarised once: a log can hold 100,000 requests
    for src in corpus.sources("objectives_report"):
        reported = as_date(src.record.fields.get("reported_on"))
        since = reported - dt.timedelta(days=params["lookback_days"]) if reported else None
        agency, unit = not src.record.fields.get("unit"), fold(unit_of(src))
        for obj in src.record.fields.get("objectives") or []:
            if fold(str(obj.get("evaluation") or "")) != "khong dat":
                continue
            wanted = fold(str(obj.get("objective") or ""))
            if capas.answered(since, None if agency else unit, wanted, params["similarity"]):
                continue
            yield source_hit(src, f"{_subject(src)}: {_objective_label(obj)}",
                             f"{_key(src, 'failed')}:{fold(str(obj.get('objective')))}",
                             objective=_objective_label(obj), result=obj.get("result") or "")


class _AnsweringCapas:
    """The CAPAs as CTCL056 asks about them: for each group (objective-sourced CAPAs of a unit, of
    any unit; CAPAs with one folded description) how many there are and the latest opening date.
    A question is then a few lookups and one rapidfuzz call over the distinct descriptions, not a
    pass over every request per missed objective."""

    def __init__(self, corpus: Corpus) -> None:
        objectives_source = fold("Mục tiêu chất lượng")
        self.by_unit: dict[str, _Opened] = {}
        self.any_unit = _Opened()
        self.by_text: dict[str, _Opened] = {}
        for c in corpus.capas:
            opened = as_date(c.get("opened_on"))
            if fold(str(c.get("source") or "")) == objectives_source:
                self.by_unit.setdefault(fold(str(c.get("unit") or "")), _Opened()).add(opened)
                self.any_unit.add(opened)
            text = fold(str(c.get("description") or ""))
            if text:
                self.by_text.setdefault(text, _Opened()).add(opened)
        self.texts = SimilarTexts(self.by_text)

    def answered(self, since: dt.date | None, unit: str | None, wanted: str, threshold: float) -> bool:
        """`unit` None: the agency's own report (an objective-sourced CAPA of any unit answers)."""
        group = self.any_unit if unit is None else self.by_unit.get(unit)
        if group is not None and group.since(since):
            return True
        if not wanted:
            return False
        return any(self.by_text[text].since(since) for text in self.texts.like(wanted, threshold))


class _Opened:
    """How many CAPAs, and the latest opening date among those that have one."""

    def __init__(self) -> None:
        self.count = 0
        self.latest: dt.date | None = None

    def add(self, opened: dt.date | None) -> None:
        self.count += 1
        if opened is not None and (self.latest is None or opened > self.latest):
            self.latest = opened

    def since(self, day: dt.date | None) -> bool:
        """One of them counts: any at all without a date limit, else one opened on or after `day`."""
        return self.count > 0 if day is None else self.latest is not None and self.latest >= day
