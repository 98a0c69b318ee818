"""Recurrence rules CTCL030–CTCL031 over the nonconformity log (QT.03.CTCL §5.2.2).

"When NC records are made more than 3 times in a row for the same NC at the same audited unit",
a corrective action is required; and an NC that comes back after its CAPA was closed as effective
shows the action was not effective (ISO 9001 10.2).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pipeline.checks.common import SimilarTexts, as_date, ddmmyyyy, similar
from pipeline.checks.corpus import Capa, Corpus, Source
from pipeline.checks.engine import Hit, rule
from pipeline.text.fold import fold


@dataclass
class NcRow:
    src: Source
    unit: str
    description: str
    recorded_on: dt.date | None
    round: str  # the round label, else the date
    round_index: int = -1  # position of the round in time order (set by recurring_nc)

    @property
    def row(self) -> dict[str, Any]:
        return self.src.row or {}


def nc_rows(corpus: Corpus) -> list[NcRow]:
    rows = []
    for src in corpus.rows("nc_log"):
        row = src.row or {}
        unit, description = row.get("unit"), row.get("description")
        if not unit or not description:
            continue
        recorded = as_date(row.get("recorded_on"))
        label = str(row.get("round") or "").strip() or (recorded.isoformat() if recorded else "")
        if label:
            rows.append(NcRow(src, str(unit), str(description), recorded, label))
    return rows


def round_order(rows: list[NcRow]) -> dict[str, int]:
    """Rounds in time order (earliest date recorded in the round; undated rounds by label)."""
    first: dict[str, dt.date] = {}
    for r in rows:
        if r.recorded_on and (r.round not in first or r.recorded_on < first[r.round]):
            first[r.round] = r.recorded_on
    labels = sorted({r.round for r in rows}, key=lambda lb: (first.get(lb, dt.date.max), fold(lb)))
    return {label: i for i, label in enumerate(labels)}


def clusters(rows: list[NcRow], threshold: float) -> list[list[NcRow]]:
    """Group one unit's rows into "the same NC": similar to the cluster's first row."""
    groups: list[list[NcRow]] = []
    for row in rows:
        for group in groups:
            if similar(group[0].description, row.description, threshold):
                group.append(row)
                break
        else:
            groups.append([row])
    return groups


def _by_unit(rows: list[NcRow]) -> dict[str, list[NcRow]]:
    units: dict[str, list[NcRow]] = defaultdict(list)
    for r in rows:
        units[fold(r.unit)].append(r)
    return units


def _longest_streak(group: list[NcRow], unit_rounds: list[int]) -> list[NcRow]:
    """The longest run of consecutive rounds of the unit in which the NC was recorded."""
    present = {}
    for r in group:
        present.setdefault(r.round_index, r)
    best: list[NcRow] = []
    run: list[NcRow] = []
    for index in unit_rounds:
        if index in present:
            run.append(present[index])
            if len(run) > len(best):
                best = list(run)
        else:
            run = []
    return best


@rule("CTCL030", more_than=3, similarity=85)
def recurring_nc(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    rows = nc_rows(corpus)
    order = round_order(rows)
    for r in rows:
        r.round_index = order[r.round]
    for unit_key, unit_rows in _by_unit(rows).items():
        unit_rounds = sorted({r.round_index for r in unit_rows})
        unit_rows.sort(key=lambda r: (r.round_index, r.src.file, r.row.get("row") or 0))
        for group in clusters(unit_rows, params["similarity"]):
            streak = _longest_streak(group, unit_rounds)
            if len(streak) <= params["more_than"]:
                continue
            if any(r.row.get("capa_number") for r in streak):
                continue
            start = streak[0].recorded_on
            same_unit_capas = corpus.capas_by_unit.get(unit_key, [])
            if any(_covers(capa, streak[0], start, params["similarity"]) for capa in same_unit_capas):
                continue
            first = streak[0]
            rounds = ", ".join(r.round for r in streak)
            yield Hit(
                f"{first.unit}: {first.description}", f"nc:{fold(first.unit)}|{fold(first.description)}",
                first.src.file, first.src.location, first.unit, evidence=f"{len(streak)} đợt: {rounds}",
                values={"count": len(streak), "rounds": rounds, "description": first.description},
            )


def _covers(capa: Capa, row: NcRow, start: dt.date | None, threshold: float) -> bool:
    """A CAPA of the unit about the same NC, opened on or after the streak's first row."""
    if fold(str(capa.get("unit") or "")) != fold(row.unit):
        return False
    if not similar(str(capa.get("description") or ""), row.description, threshold):
        return False
    opened = as_date(capa.get("opened_on"))
    return start is None or opened is None or opened >= start


@rule("CTCL031", similarity=85)
def recurred_after_effective_capa(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    """An NC recorded after a CAPA of the same unit about the same problem was closed as effective.

    The effective CAPAs are indexed once by folded unit and sorted by closing date, so a row looks
    only at those closed before it, and rapidfuzz scores a row against all of them in one call: a
    log of 100,000 requests against hundreds of NC rows is otherwise 10⁷ Python iterations."""
    by_unit: dict[str, list[tuple[dt.date, Capa, str]]] = defaultdict(list)
    for c in corpus.capas:
        closed = as_date(c.get("closed_on"))
        if closed and c.get("unit") and fold(str(c.get("verification") or "")) == "dat":
            folded = fold(str(c.get("description") or ""))
            if folded:
                by_unit[fold(str(c.get("unit")))].append((closed, c, folded))
    index = {unit: _ClosedCapas(sorted(items, key=lambda item: item[0])) for unit, items in by_unit.items()}
    seen: set[str] = set()
    for row in sorted(nc_rows(corpus), key=lambda r: (r.recorded_on or dt.date.min, r.src.file)):
        closed_capas = index.get(fold(row.unit)) if row.recorded_on else None
        if closed_capas is None:
            continue
        for closed, capa in closed_capas.similar_before(row.recorded_on, fold(row.description),  # type: ignore[arg-type]
                                                        params["similarity"]):
            key = f"recur:{capa.key}|{fold(row.unit)}"
            if key in seen:
                continue
            seen.add(key)
            yield Hit(
                f"{row.unit}: {row.description}", key, row.src.file, row.src.location, row.unit,
                evidence=f"{capa.subject} đóng {ddmmyyyy(closed)} (Đạt); KPH ghi lại {ddmmyyyy(row.recorded_on)}",
                values={"number": capa.number, "closed_on": ddmmyyyy(closed),
                        "recorded_on": ddmmyyyy(row.recorded_on), "description": row.description},
            )


class _ClosedCapas:
    """One unit's effective CAPAs by closing date; each distinct folded description is scored once
    per distinct NC description (requests and NC logs repeat their wording)."""

    def __init__(self, items: list[tuple[dt.date, Capa, str]]) -> None:
        self.closed = [closed for closed, _, _ in items]
        self.capas = [capa for _, capa, _ in items]
        self.where: dict[str, list[int]] = defaultdict(list)  # description → positions, ascending
        for i, (_, _, folded) in enumerate(items):
            self.where[folded].append(i)
        self.descriptions = SimilarTexts(self.where)

    def similar_before(self, day: dt.date, folded: str, threshold: float) -> list[tuple[dt.date, Capa]]:
        """(closed, CAPA) of those closed before `day` whose description scores ≥ threshold, in
        order of closing."""
        cut = bisect_left(self.closed, day)
        if not cut:
            return []
        hits = sorted(i for text in self.descriptions.like(folded, threshold)
                      for i in self.where[text][:bisect_left(self.where[text], cut)])
        return [(self.closed[i], self.capas[i]) for i in hits]
