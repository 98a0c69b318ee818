"""Controlled-document rules CTCL070–CTCL076 (STCL 7.5; ISO 9001 7.5.2, 7.5.3).

Only active documents count: a document under a withdrawn folder is never reported. A document
whose header occurrences disagree is matched to register entries by any of its codes.
Decision: CTCL074 (not in the register) applies only when the inbox holds a document register.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from pipeline.checks.common import add_months, as_date, ddmmyyyy, source_hit
from pipeline.checks.corpus import Corpus, Source
from pipeline.checks.engine import Hit, rule
from pipeline.text.fold import fold


def code_key(code: Any) -> str:
    """Codes compare folded, without spaces: "QT.02.ĐGNB" = "qt.02.dgnb", "BM.CTCL. 02" = "bm.ctcl.02"."""
    return re.sub(r"\s+", "", fold(str(code or ""))).strip(".:;,")


def revision_key(value: Any) -> str:
    text = fold(str(value or ""))
    digits = re.findall(r"\d+", text)
    return str(int(digits[0])) if digits else text


def active_documents(corpus: Corpus) -> list[Source]:
    return [s for s in corpus.sources("controlled_document") if s.record.fields.get("status") != "withdrawn"]


def codes_of(src: Source) -> set[str]:
    fields = src.record.fields
    keys = {code_key(fields.get("code"))}
    keys |= {code_key(o.get("code")) for o in fields.get("codes") or [] if isinstance(o, dict)}
    return {k for k in keys if k}


def _doc_hit(src: Source, **values: Any) -> Hit:
    code = src.record.fields.get("code") or src.file
    return source_hit(src, str(code), f"doc:{code_key(code)}", code=code, **values)


@rule("CTCL070")
def header_disagrees(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    for src in active_documents(corpus):
        occurrences = [o for o in src.record.fields.get("codes") or [] if isinstance(o, dict)]
        diffs = []
        for name, key in (("code", code_key), ("revision", revision_key), ("issued_on", _date_key)):
            values = {key(o.get(name)) for o in occurrences if o.get(name)}
            if len(values) > 1:
                shown = sorted({_show(o.get(name)) for o in occurrences if o.get(name)})
                diffs.append(f"{name}: {' / '.join(shown)}")
        if diffs:
            yield _doc_hit(src, differences="; ".join(diffs), evidence="; ".join(diffs))


def _date_key(value: Any) -> str:
    day = as_date(value)
    return day.isoformat() if day else str(value)


def _show(value: Any) -> str:
    day = as_date(value)
    return ddmmyyyy(day) if day else str(value)


@rule("CTCL071")
def approval_incomplete(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    roles = {"drafted_by": "soạn thảo", "reviewed_by": "xem xét", "approved_by": "phê duyệt"}
    for src in active_documents(corpus):
        gaps = [name for name in roles if not src.record.fields.get(name)]
        if gaps:
            yield _doc_hit(src, roles_vi=", ".join(roles[g] for g in gaps), roles_en=", ".join(gaps))


@rule("CTCL072")
def several_active_revisions(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    by_code: dict[str, list[Source]] = defaultdict(list)
    for src in active_documents(corpus):
        by_code[code_key(src.record.fields.get("code"))].append(src)
    for key, docs in sorted(by_code.items()):
        revisions = {revision_key(d.record.fields.get("revision")) for d in docs}
        if key and len(revisions) > 1:
            docs = sorted(docs, key=lambda d: (_rev_number(d), d.file))
            listing = "; ".join(f"{d.file} (lần {d.record.fields.get('revision')})" for d in docs)
            yield source_hit(docs[0], str(docs[0].record.fields.get("code")), f"doc:{key}",
                             code=docs[0].record.fields.get("code"), files=listing, evidence=listing)


def _rev_number(src: Source) -> int:
    key = revision_key(src.record.fields.get("revision"))
    return int(key) if key.isdigit() else -1


def latest_revisions(docs: list[Source]) -> list[Source]:
    """Per code, the active document with the highest revision (an older one is CTCL072's business)."""
    latest: dict[str, Source] = {}
    for doc in sorted(docs, key=lambda d: (_rev_number(d), d.file)):
        latest[code_key(doc.record.fields.get("code"))] = doc
    return sorted(latest.values(), key=lambda d: d.file)


def register_entries(corpus: Corpus) -> Iterator[Source]:
    for src in corpus.rows("document_register"):
        if src.row and src.row.get("code"):
            yield src


@rule("CTCL073")
def registered_but_missing(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    present = set().union(*(codes_of(d) for d in active_documents(corpus))) if active_documents(corpus) else set()
    seen: set[str] = set()
    for src in register_entries(corpus):
        key = code_key(src.row.get("code"))  # type: ignore[union-attr]
        if key and key not in present and key not in seen:
            seen.add(key)
            code = src.row.get("code")  # type: ignore[union-attr]
            yield source_hit(src, f"Danh mục tài liệu: {code}", f"register:{key}", code=code,
                             name=src.row.get("name") or "")  # type: ignore[union-attr]


@rule("CTCL074")
def not_registered(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    registered = {code_key(s.row.get("code")) for s in register_entries(corpus)}  # type: ignore[union-attr]
    if not corpus.sources("document_register"):
        return
    for src in active_documents(corpus):
        if not codes_of(src) & registered:
            yield _doc_hit(src)


@rule("CTCL075")
def register_differs(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    entries: dict[str, list[Source]] = defaultdict(list)
    for src in register_entries(corpus):
        entries[code_key(src.row.get("code"))].append(src)  # type: ignore[union-attr]
    for doc in latest_revisions(active_documents(corpus)):
        fields = doc.record.fields
        for entry in [e for key in sorted(codes_of(doc)) for e in entries.get(key, [])]:
            row = entry.row or {}
            diffs = []
            if row.get("revision") and fields.get("revision") and \
                    revision_key(row["revision"]) != revision_key(fields["revision"]):
                diffs.append(f"lần ban hành {row['revision']} ≠ {fields['revision']}")
            reg_day, doc_day = as_date(row.get("issued_on")), as_date(fields.get("issued_on"))
            if reg_day and doc_day and reg_day != doc_day:
                diffs.append(f"ngày ban hành {ddmmyyyy(reg_day)} ≠ {ddmmyyyy(doc_day)}")
            if diffs:
                code = fields.get("code")
                yield source_hit(entry, f"Danh mục tài liệu: {code}", f"register-diff:{code_key(code)}",
                                 code=code, differences="; ".join(diffs), evidence="; ".join(diffs))
                break


@rule("CTCL076", review_months=36)
def not_reviewed(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    for src in active_documents(corpus):
        issued = as_date(src.record.fields.get("issued_on"))
        if issued and add_months(issued, params["review_months"]) < as_of:
            yield _doc_hit(src, issued_on=ddmmyyyy(issued), months=params["review_months"])
