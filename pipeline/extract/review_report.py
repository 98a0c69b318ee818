"""Báo cáo kết quả hoạt động vận hành duy trì HTQLCL (QT.03.CTCL §5.8.2.1): the report route of a
management review. Its whole body is the review's input; it is approved by the ISO steering lead
(a signing block "PHÊ DUYỆT" / "LÃNH ĐẠO BAN ISO" with name and date, or labels)."""

from __future__ import annotations

from functools import lru_cache

from pipeline.extract import ExtractContext
from pipeline.extract.common import FormSpec, load_form_spec, signature_name
from pipeline.extract.dating import first_date, place_date_line
from pipeline.extract.review_topics import record_topics, topic_set
from pipeline.extract.signatures import find_signatures, pick
from pipeline.extract.titles import find_title, titled_record
from pipeline.model import Document
from pipeline.records import Record
from pipeline.text.labels import find_fields

KIND = "review_report"


@lru_cache(maxsize=1)
def spec() -> FormSpec:
    """rules/labels/review_report.yaml."""
    return load_form_spec(KIND)


def detect(doc: Document) -> bool:
    return find_title(doc, spec().titles) is not None


def extract(doc: Document, ctx: ExtractContext) -> Record:
    s = spec()
    record, lines, start = titled_record(doc, KIND, s.titles)
    found = find_fields(doc, s.labels)
    place = place_date_line(lines)
    first_date(record, "reported_on", [place, found.get("reported_on")])
    approver = pick(find_signatures(doc), *s.extra.get("approver_roles", []))
    labelled = signature_name(found["approved_by"].raw) if "approved_by" in found else ""
    if approver is not None and approver.name:
        record.fields["approved_by"] = approver.name
        record.fields["approver_title"] = approver.role
        record.locations["approved_by"] = approver.location
    else:
        record.fields["approved_by"] = labelled or None
        if labelled:
            record.locations["approved_by"] = found["approved_by"].location
    first_date(record, "approved_on", [approver, found.get("approved_on")])
    record_topics(record, lines, topic_set(ctx.params), {"input": (start, len(lines))})
    return record
