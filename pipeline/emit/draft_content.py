"""What a BM.CTCL.01 draft says about a finding (pure): box 1 text, source, unit, proposed number.

Box 1 describes the nonconformity in Vietnamese from the finding — what (rule title and message),
where (file and location), which evidence — cites the rule's clauses, and for a finding about a
request (CTCL022) names that request, so the draft, once filed, answers the rule. Boxes 2 and 3
stay blank for people.

Decisions: the source is the nonconformity's own source when the record it comes from has one
(an nc_log row's Nguồn, a request's Nguồn phát hiện, an objectives report → Mục tiêu chất lượng,
a review → Xem xét của lãnh đạo, an audit register → Đánh giá nội bộ), else "Khác: Kiểm tra tuân
thủ". A finding without a unit (agency-wide, e.g. CTCL040) is addressed to the Ban ISO, which
QT.03.CTCL makes responsible for the QMS as a whole. The proposed number continues the highest
number of the as_of year found in the inbox (forms, logs, nc_log references) or given to earlier
drafts, and is shown as proposed: the ISO secretary confirms it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Any

from pipeline.checks.common import ddmmyyyy
from pipeline.checks.corpus import Corpus, Source
from pipeline.extract.register_columns import load_labels
from pipeline.findings import Finding
from pipeline.text.dates import InvalidValue, format_vi_date
from pipeline.text.fold import fold
from pipeline.text.values import read_choice

PLACE = "Khánh Hòa"
DEFAULT_UNIT = "Ban ISO"
COMPLIANCE_CHECK = "Kiểm tra tuân thủ"
OTHER = "Khác"
NUMBER_NOTE = " (số đề xuất)"
# Sources implied by the kind of record a finding is about (when the record names none itself).
KIND_SOURCE = {
    "objectives_plan": "Mục tiêu chất lượng", "objectives_report": "Mục tiêu chất lượng",
    "review_minutes": "Xem xét của lãnh đạo", "review_report": "Xem xét của lãnh đạo",
    "review_notice": "Xem xét của lãnh đạo", "audit_register": "Đánh giá nội bộ",
}
# Fields of the form that a draft leaves blank (boxes 2 and 3, and the signatures of box 1).
BLANK_FIELDS = (
    "requester", "necessity", "necessity_by", "root_cause", "actions", "assignee", "due_on", "approved_by",
    "approved_on", "changes", "evidence", "verification", "verified_by", "verified_on", "closed_on",
    "follow_up_number",
)
_NUMBER = re.compile(r"(?<!\d)(\d{1,4})\D{1,12}?((?:19|20)\d\d)(?!\d)")
_UNSAFE = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]+')


def number_parts(text: Any) -> tuple[int, int] | None:
    """(sequence, year) of a request number: "05/2026" → (5, 2026), "11/2026/BĐT" → (11, 2026)."""
    m = _NUMBER.search(fold(str(text or "")))
    return (int(m.group(1)), int(m.group(2))) if m else None


def inbox_numbers(corpus: Corpus) -> list[str]:
    """Every request number the inbox shows: forms and capa_log rows, and nc_log references."""
    numbers = [capa.number for capa in corpus.capas if capa.number]
    numbers += [str(src.row.get("capa_number")) for src in corpus.rows("nc_log")
                if src.row and src.row.get("capa_number")]
    return numbers


def proposed_numbers(taken: Iterable[str], year: int) -> Iterator[str]:
    """"NN/yyyy" after the highest number of `year` among `taken`, one after the other."""
    top = max((p[0] for p in map(number_parts, taken) if p and p[1] == year), default=0)
    while True:
        top += 1
        yield f"{top:02d}/{year}"


def file_name(number: str) -> str:
    """BM.CTCL.01_<number>.docx, the number made safe for any file system ("/" → "-")."""
    safe = _UNSAFE.sub("-", number).strip(" .-") or "draft"
    return f"BM.CTCL.01_{safe[:80]}.docx"


def _source_options() -> dict[str, list[str]]:
    return load_labels("capa_request")["fields"]["source"]["options"]


def _as_option(value: Any) -> str | None:
    """A source text as one of the form's choices ("ĐGNB" → "Đánh giá nội bộ"), or None."""
    if not value:
        return None
    try:
        return read_choice(str(value), _source_options()).value
    except InvalidValue:
        return None


def _origin(finding: Finding, corpus: Corpus) -> Source | None:
    """The record (or register row) a finding is about: same file, same location."""
    if not finding.file:
        return None
    candidates = [s for sources in corpus.by_kind.values() for s in sources if s.file == finding.file]
    for src in candidates:
        if finding.location and src.record.rows:
            for row in src.record.rows:
                located = Source(src.file, src.record, row)
                if located.location == finding.location:
                    return located
    return candidates[0] if candidates else None


def source_of(finding: Finding, corpus: Corpus) -> tuple[str, str]:
    """(the ticked source option, text after "Khác") for the draft."""
    origin = _origin(finding, corpus)
    if origin is not None:
        values = origin.row if origin.row is not None else origin.record.fields
        option = _as_option(values.get("source")) or KIND_SOURCE.get(origin.record.kind)
        if option and option != OTHER:
            return option, ""
    return OTHER, f": {COMPLIANCE_CHECK}"


def related_request(finding: Finding, corpus: Corpus) -> str | None:
    """For a finding about a request (CTCL022): the line naming that request and its verification."""
    for capa in corpus.capas:
        if capa.number and capa.subject == finding.subject:
            verdict = capa.get("verification")
            tail = f" (kết quả kiểm tra: {verdict})" if verdict else ""
            return f"Tiếp theo phiếu yêu cầu số {capa.number}{tail}."
    return None


def description(finding: Finding, as_of: dt.date, related: str | None) -> str:
    """Box 1 "Nội dung yêu cầu": what, where, which evidence, and the finding it comes from."""
    lines = [f"{finding.title.get('vi', '')}: {finding.message.get('vi', '')}"]
    if finding.file:
        lines.append(f"Nơi phát hiện: {finding.file}" + (f", {finding.location}" if finding.location else "") + ".")
    else:
        lines.append("Nơi phát hiện: toàn cơ quan (không gắn với một tệp).")
    if finding.evidence:
        lines.append(f"Dẫn chứng: {finding.evidence}")  # not "Bằng chứng", the label of box 3
    if related:
        lines.append(related)
    lines.append(f"(Phát hiện {finding.rule} của đợt kiểm tra tuân thủ ngày {ddmmyyyy(as_of)}, "
                 f"mã phát hiện {finding.id}.)")
    return "\n".join(lines)


def requirement_ref(finding: Finding) -> str:
    return "; ".join(finding.clause) + f" (quy tắc {finding.rule})"


def draft_context(finding: Finding, corpus: Corpus, number: str, as_of: dt.date) -> dict[str, Any]:
    """Every variable of templates/BM.CTCL.01.docx for one finding's draft."""
    source, other = source_of(finding, corpus)
    return {
        **{name: "" for name in BLANK_FIELDS},
        "number": number,
        "number_note": NUMBER_NOTE,
        "opened_on": ddmmyyyy(as_of),
        "kind": "Khắc phục",
        "source": source,
        "source_other": other,
        "unit": finding.unit or DEFAULT_UNIT,
        "description": description(finding, as_of, related_request(finding, corpus)),
        "requirement_ref": requirement_ref(finding),
        "place_date": format_vi_date(as_of, PLACE),
    }
