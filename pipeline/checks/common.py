"""Small helpers shared by rule families: date arithmetic, similarity, units, hits from sources."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from typing import Any

from rapidfuzz import fuzz, process

from pipeline.checks.corpus import Source
from pipeline.checks.engine import Hit
from pipeline.text.fold import fold


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months later; the 31st becomes the month's last day (31/01 + 1 month = 28/02)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def retention_months(parsed: dict[str, Any] | None) -> int | None:
    """Months of a parsed retention ({"years": 3} → 36); None for permanent or unspecified."""
    if not parsed or parsed.get("permanent"):
        return None
    return int(parsed.get("years", 0)) * 12 + int(parsed.get("months", 0))


def similar(a: str | None, b: str | None, threshold: float) -> bool:
    """Folded token-set similarity at or above the threshold (SPEC §4 "similar description")."""
    fa, fb = fold(a or ""), fold(b or "")
    return bool(fa and fb) and fuzz.token_set_ratio(fa, fb) >= threshold


class SimilarTexts:
    """Folded texts, each distinct one scored once per query: `similar` over a whole log at once.

    A log of 100,000 requests repeats its wording; rules that ask "which requests are about this"
    for many rows score the distinct texts with rapidfuzz in one call, and remember the answer."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.texts = list(dict.fromkeys(texts))
        self._answers: dict[tuple[str, float], list[str]] = {}

    def like(self, folded: str, threshold: float) -> list[str]:
        """The texts whose token-set similarity to `folded` is at or above `threshold`."""
        key = (folded, threshold)
        found = self._answers.get(key)
        if found is None:
            scored = process.extract(folded, self.texts, scorer=fuzz.token_set_ratio, score_cutoff=threshold,
                                     limit=None)
            found = self._answers[key] = [text for text, _, _ in scored]
        return found


def as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def ddmmyyyy(value: dt.date | None) -> str:
    return f"{value:%d/%m/%Y}" if value else "?"


def source_hit(src: Source, subject: str, key: str, **values: Any) -> Hit:
    """A hit placed at a source (a document, or a register row with its sheet and row)."""
    unit = (src.row or {}).get("unit") or src.record.fields.get("unit")
    return Hit(subject, key, src.file, src.location, str(unit) if unit else None,
               evidence=values.pop("evidence", None), values=values)
