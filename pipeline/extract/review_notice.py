"""Thông báo kết quả xem xét của lãnh đạo (QT.03.CTCL §5.8.2.2): the notice that closes a
management review held by report. Its whole body is the review's output; it is signed by the head
of agency ("TRƯỞNG BAN", or on behalf: "KT. TRƯỞNG BAN / PHÓ TRƯỞNG BAN" — kept as signer_title)."""

from __future__ import annotations

from functools import lru_cache

from pipeline.extract import ExtractContext
from pipeline.extract.common import FormSpec, load_form_spec
from pipeline.extract.dating import first_date, place_date_line
from pipeline.extract.review_topics import record_topics, topic_set
from pipeline.extract.signatures import find_signatures, pick
from pipeline.extract.titles import find_title, titled_record
from pipeline.model import Document
from pipeline.records import Record
from pipeline.text.labels import find_fields

KIND = "review_notice"


@lru_cache(maxsize=1)
def spec() -> FormSpec:
    """rules/labels/review_notice.yaml."""
    return load_form_spec(KIND)


def detect(doc: Document) -> bool:
    return find_title(doc, spec().titles) is not None


def extract(doc: Document, ctx: ExtractContext) -> Record:
    s = spec()
    record, lines, start = titled_record(doc, KIND, s.titles)
    signatures = find_signatures(doc)
    signer = pick(signatures, *s.extra.get("signer_roles", []))
    if signer is None or not signer.name:
        signer = next((sig for sig in reversed(signatures) if sig.name), signer)
    record.fields["signed_by"] = signer.name if signer is not None else None
    record.fields["signer_title"] = signer.role if signer is not None else None
    if signer is not None:
        record.locations["signed_by"] = signer.location
    found = find_fields(doc, s.labels)
    first_date(record, "issued_on", [place_date_line(lines), found.get("issued_on"), signer])
    record_topics(record, lines, topic_set(ctx.params), {"output": (start, len(lines))})
    return record
