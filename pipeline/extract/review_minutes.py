"""BM.CTCL.02 — management review minutes (QT.03.CTCL §5.8.1): particulars, topics, signers.

The particulars (Thời gian, Địa điểm, Chủ trì, Thư ký, Thành phần tham dự) are read before the
first section heading, so the "THƯ KÝ" caption of the signing block is not taken for the
secretary's label. Topics are read per section (rules/review_topics.yaml): inputs before the
output heading, outputs after it. The meeting date falls back from "Thời gian" to a written date
line ("Hôm nay, ngày 15 tháng 12 năm 2026", the place-date line, the closing line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pipeline.extract import ExtractContext
from pipeline.extract.common import FormSpec, load_form_spec
from pipeline.extract.dating import first_date, place_date_line
from pipeline.extract.review_topics import minutes_sections, record_topics, topic_set
from pipeline.extract.signatures import Signature, find_signatures, pick
from pipeline.extract.titles import (
    Line,
    blocks_before,
    find_title,
    is_heading_like,
    marker_level,
    reading_lines,
    strip_marker,
    titled_record,
)
from pipeline.model import Document
from pipeline.records import Record
from pipeline.text.fold import fold
from pipeline.text.labels import Found, find_fields

KIND = "review_minutes"
_VERBAL_DATE = re.compile(r"\bngay\s*\d{1,2}\s*thang\s*\d{1,2}\s*nam\s*\d{2,4}")


@lru_cache(maxsize=1)
def spec() -> FormSpec:
    """rules/labels/review_minutes.yaml."""
    return load_form_spec(KIND)


def detect(doc: Document) -> bool:
    """The minutes' title as a standalone heading near the start (BM.CTCL.02 supports a plain-case
    one), or the minutes of a meeting that held the review (see `combined` in the label file)."""
    return _titles(doc) is not None


def _titles(doc: Document) -> tuple[str, ...] | None:
    """The titles the document is read by: the form's, a combined meeting's, or None."""
    s = spec()
    if find_title(doc, s.titles, codes=(s.code,) if s.code else ()) is not None:
        return s.titles
    combined = _combined()
    if combined is not None and combined.holds_review(doc):
        return combined.titles
    return None


@dataclass(frozen=True)
class _Combined:
    """Minutes of a meeting that held the review (QT.03.CTCL §5.8.1.2), `combined` in the label file."""

    titles: tuple[str, ...]
    named: re.Pattern[str]  # a marker anywhere in a line ("… kết hợp xem xét của lãnh đạo …")
    heading: re.Pattern[str]  # a heading that is about the review ("xem xét của lãnh đạo về HTQLCL")

    def holds_review(self, doc: Document) -> bool:
        """The title names the review, or a line right under it, or a short section heading."""
        match = find_title(doc, self.titles)
        if match is None:
            return False
        lines = reading_lines(doc)
        first, last = max(match.first, 0), max(match.last, 0)
        if self.named.search(fold(match.text)) or any(self.named.search(x.folded) for x in lines[first : last + 4]):
            return True
        return any(
            len(x.words) <= 15 and (is_heading_like(x) or marker_level(x.text) is not None)
            and self.heading.match(strip_marker(x.folded))
            for x in lines[last:]
        )


@lru_cache(maxsize=1)
def _combined() -> _Combined | None:
    data = spec().extra.get("combined") or {}
    titles = tuple(data.get("titles") or ())
    markers = _alternatives(data.get("markers"))
    if not titles or not markers:
        return None
    prefixes = _alternatives(data.get("heading_prefixes"))
    lead = rf"(?:(?:{prefixes})\s+)?" if prefixes else ""
    named = re.compile(rf"(?<![^\W_])(?:{markers})(?![^\W_])")
    return _Combined(titles, named, re.compile(rf"{lead}(?:{markers})(?![^\W_])"))


def _alternatives(words: list[str] | None) -> str:
    """Folded words as a regex alternation ("" for none)."""
    return "|".join(re.escape(fold(w)) for w in words or [] if fold(w))


def extract(doc: Document, ctx: ExtractContext) -> Record:
    s = spec()
    topics = topic_set(ctx.params)
    titles = _titles(doc) or s.titles
    record, lines, start = titled_record(doc, KIND, titles, codes=(s.code,) if s.code else ())
    sections = minutes_sections(lines, topics, start)
    end = sections.first_heading if sections.first_heading is not None else len(lines)
    found = find_fields(blocks_before(doc, lines, end), s.labels)
    _particulars(record, found, find_signatures(doc), s)
    _held_on(record, found, lines, start, end)
    if sections.output is not None:
        record.locations["section.output"] = lines[sections.output[0]].location
    record_topics(record, lines, topics, sections.spans())
    return record


def _particulars(record: Record, found: dict[str, Found], signatures: list[Signature], s: FormSpec) -> None:
    """Place, chair, secretary, attendees as written; a blank chair or secretary is taken from the
    signing block of that role ("CHỦ TRÌ", "THƯ KÝ")."""
    for name in ("place", "chair", "secretary", "attendees"):
        value = found[name].text if name in found else ""
        record.fields[name] = value or None
        if value:
            record.locations[name] = found[name].location
    for name, roles in (("chair", "chair_roles"), ("secretary", "secretary_roles")):
        signer = pick(signatures, *s.extra.get(roles, []))
        if not record.fields[name] and signer is not None and signer.name:
            record.fields[name] = signer.name
            record.locations[name] = signer.location
    record.fields["signatures"] = [sig.name for sig in signatures if sig.name]


def _held_on(record: Record, found: dict[str, Found], lines: list[Line], start: int, end: int) -> None:
    """Thời gian; else a written date among the particulars ("Hôm nay, ngày …"); else the place-date
    line; else the last written date (the closing line)."""
    place = place_date_line(lines)
    written = [line for line in lines if _VERBAL_DATE.search(line.folded)]
    opening = [line for line in written if start <= line.index < end and (place is None or line.index != place.index)]
    first_date(record, "held_on", [found.get("held_on"), *opening, place, *written[-1:]])
