"""Management review rules CTCL040–CTCL045 (QT.03.CTCL §5.8).

A review is either minutes (BM.CTCL.02) or a report (§5.8.2.1) plus a notice (§5.8.2.2) of the
same year, dated by the notice. At least once a year, after the internal audit rounds.
Decision: a report or a notice alone is not a review (the procedure needs both steps).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pipeline.checks.common import as_date, ddmmyyyy, source_hit
from pipeline.checks.corpus import Corpus, Source
from pipeline.checks.engine import Hit, rule
from pipeline.extract.review_topics import Topic, load_topic_set


def topics(corpus: Corpus, section: str) -> list[Topic]:
    """The section's topics from rules/review_topics.yaml (the same file the extractors match with)."""
    custom = corpus.rules_dir / "review_topics.yaml" if corpus.rules_dir else None
    return list(load_topic_set(custom if custom and custom.is_file() else None).of(section))


@dataclass
class Review:
    date: dt.date
    sources: list[Source]
    label: str


def topics_of(src: Source) -> set[str]:
    """Addressed topic ids; extractors give a flat list or {"input": [...], "output": [...]}."""
    topics = src.record.fields.get("topics") or []
    if isinstance(topics, dict):
        return {t for ids in topics.values() for t in ids}
    return set(topics)


def reviews(corpus: Corpus) -> list[Review]:
    found = []
    for src in corpus.sources("review_minutes"):
        held = as_date(src.record.fields.get("held_on"))
        if held:
            found.append(Review(held, [src], f"biên bản {ddmmyyyy(held)}"))
    reports = corpus.sources("review_report")
    for notice in corpus.sources("review_notice"):
        issued = as_date(notice.record.fields.get("issued_on"))
        pair = [r for r in reports if _year(r, "reported_on") == (issued.year if issued else None)]
        if issued and pair:
            found.append(Review(issued, [pair[0], notice], f"báo cáo + thông báo {ddmmyyyy(issued)}"))
    return sorted(found, key=lambda r: r.date)


def _year(src: Source, name: str) -> int | None:
    value = as_date(src.record.fields.get(name))
    return value.year if value else None


@rule("CTCL040", window_days=365)
def no_recent_review(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    held = [r for r in reviews(corpus) if r.date <= as_of]
    latest = held[-1] if held else None
    if latest is None or (as_of - latest.date).days > params["window_days"]:
        last = ddmmyyyy(latest.date) if latest else "—"
        yield Hit("Xem xét của lãnh đạo", "management-review", None, evidence=f"lần gần nhất: {last}",
                  values={"last": last, "days": params["window_days"]})


@rule("CTCL041", grace_days=90)
def review_before_latest_audit(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    rounds = [
        (as_date(src.row.get("ended_on")), src) for src in corpus.rows("audit_register")
        if src.row and as_date(src.row.get("ended_on"))
    ]
    rounds = [(end, src) for end, src in rounds if end and end <= as_of]
    if not rounds:
        return
    ended, src = max(rounds, key=lambda r: r[0])
    held = [r for r in reviews(corpus) if r.date <= as_of]
    latest = held[-1].date if held else None
    if (latest is None or latest < ended) and (as_of - ended).days > params["grace_days"]:
        name = str(src.row.get("round") or ddmmyyyy(ended)) if src.row else ddmmyyyy(ended)
        yield source_hit(src, f"Đợt đánh giá nội bộ {name}", f"audit:{name}", round=name,
                         ended_on=ddmmyyyy(ended), last=ddmmyyyy(latest), evidence=f"kết thúc {ddmmyyyy(ended)}")


def _review_key(src: Source, date_field: str) -> str:
    day = as_date(src.record.fields.get(date_field))
    return f"{src.record.kind}:{day.isoformat() if day else src.file}"


def _missing_topics(corpus: Corpus, kinds: dict[str, str], section: str) -> Iterator[Hit]:
    wanted = topics(corpus, section)
    for kind, date_field in kinds.items():
        for src in corpus.sources(kind):
            present = topics_of(src)
            for topic in wanted:
                if topic.id not in present:
                    day = as_date(src.record.fields.get(date_field))
                    yield source_hit(src, f"{kind} {ddmmyyyy(day)}: {topic.id}",
                                     f"{_review_key(src, date_field)}|{topic.id}", topic=topic.id,
                                     topic_vi=topic.title.get("vi", topic.id), topic_en=topic.title.get("en", topic.id))


@rule("CTCL042")
def missing_input_topic(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    yield from _missing_topics(corpus, {"review_minutes": "held_on", "review_report": "reported_on"}, "input")


@rule("CTCL043")
def missing_output_topic(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    yield from _missing_topics(corpus, {"review_minutes": "held_on", "review_notice": "issued_on"}, "output")


@rule("CTCL044")
def minutes_incomplete(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    for src in corpus.sources("review_minutes"):
        fields = src.record.fields
        gaps = [name for name in ("chair", "secretary", "held_on") if not fields.get(name)]
        if gaps:
            yield source_hit(src, f"review_minutes {ddmmyyyy(as_date(fields.get('held_on')))}",
                             _review_key(src, "held_on"), fields=", ".join(gaps))


@rule("CTCL045", notice_within_days=30)
def report_route_incomplete(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    notices = corpus.sources("review_notice")
    for src in corpus.sources("review_report"):
        fields = src.record.fields
        day = as_date(fields.get("reported_on"))
        subject = f"review_report {ddmmyyyy(day)}"
        if not fields.get("approved_by"):
            yield source_hit(src, subject, _review_key(src, "reported_on") + "|approval",
                             problem_vi="chưa được Lãnh đạo Ban chỉ đạo ISO phê duyệt",
                             problem_en="not approved by the ISO steering lead")
        if day and (as_of - day).days > params["notice_within_days"]:
            if not any(_year(n, "issued_on") == day.year for n in notices):
                yield source_hit(src, subject, _review_key(src, "reported_on") + "|notice",
                                 problem_vi=f"quá {params['notice_within_days']} ngày chưa có thông báo kết quả XXLĐ",
                                 problem_en=f"no review notice after {params['notice_within_days']} days")
    for src in notices:
        if not src.record.fields.get("signed_by"):
            day = as_date(src.record.fields.get("issued_on"))
            yield source_hit(src, f"review_notice {ddmmyyyy(day)}", _review_key(src, "issued_on") + "|signature",
                             problem_vi="chưa có chữ ký của Trưởng ban", problem_en="not signed by the head of agency")
