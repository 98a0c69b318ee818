"""CAPA rules CTCL001–CTCL022: each BM.CTCL.01 request (form and/or capa_log row) on its own.

QT.03.CTCL §5.2–§5.7: a request is opened with its content (box 1), analysed and approved with a
deadline (box 2), followed up monthly when long, verified on time and closed with evidence (box 3).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from pipeline.checks.corpus import Capa, Corpus
from pipeline.checks.engine import Hit, rule
from pipeline.checks.schemas import violations
from pipeline.text.fold import fold
from pipeline.text.values import normalize_request_number

FIELD_VI = {
    "number": "số phiếu", "opened_on": "ngày lập", "unit": "đơn vị", "requester": "người yêu cầu",
    "root_cause": "nguyên nhân", "actions": "biện pháp", "verification": "kết quả kiểm tra",
    "verified_by": "người kiểm tra", "verified_on": "ngày kiểm tra", "due_on": "thời hạn",
    "closed_on": "ngày đóng phiếu",
}


def empty(value: Any) -> bool:
    return value is None or (not value and isinstance(value, (str, list, tuple, set)))


def missing(capa: Capa, names: tuple[str, ...]) -> list[str]:
    """Fields that are known (the source can carry them) and empty — unknown is not empty; a form
    field whose value was unreadable is reported as invalid (CTCL090), not as missing."""
    known, get = capa.known, capa.get
    if len(names) == 1:  # most rules ask for one field: no comprehension frame
        name = names[0]
        gaps = [name] if name in known and empty(get(name)) else []
    else:
        gaps = [n for n in names if n in known and empty(get(n))]
    if gaps and capa.forms:
        invalid = {p.field for src in capa.forms for p in src.record.problems}
        gaps = [n for n in gaps if n not in invalid]
    return gaps


def hit(capa: Capa, **values: Any) -> Hit:
    return Hit(capa.subject, f"capa:{capa.key}", capa.file, capa.location, capa.unit,
               evidence=values.pop("evidence", None), values={"number": capa.number, **values})


def is_closed(capa: Capa) -> bool:
    return not empty(capa.get("closed_on"))


def is_verified(capa: Capa) -> bool:
    return not empty(capa.get("verified_on")) or not empty(capa.get("verification"))


def _names(fields: list[str]) -> tuple[str, str]:
    return ", ".join(FIELD_VI.get(f, f) for f in fields), ", ".join(fields)


@rule("CTCL001")
def incomplete_request(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    """Required box-1 fields, as the capa_request schema in rules/schemas.yaml marks them (meta rule CTCL001)."""
    for capa in corpus.capas:
        if not capa.forms or corpus.rules_dir is None:
            continue
        invalid = {p.field for src in capa.forms for p in src.record.problems}
        found = violations(corpus.rules_dir, "capa_request", capa.fields, corpus.schema_memo)
        gaps = [v.field for v in found if v.rule == "CTCL001" and v.field not in invalid]
        if gaps:
            vi, en = _names(gaps)
            yield hit(capa, fields_vi=vi, fields_en=en)


@rule("CTCL002")
def no_description(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    for capa in corpus.capas:
        if missing(capa, ("description",)):
            yield hit(capa)


@rule("CTCL003")
def closed_without_analysis(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    for capa in corpus.capas:
        gaps = missing(capa, ("root_cause", "actions"))
        if gaps and (is_verified(capa) or is_closed(capa)):
            vi, en = _names(gaps)
            yield hit(capa, fields_vi=vi, fields_en=en)


@rule("CTCL004")
def no_deadline(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    for capa in corpus.capas:
        if not empty(capa.get("actions")) and missing(capa, ("due_on",)):
            yield hit(capa)


@rule("CTCL005")
def not_approved(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    """No approval at all: neither the approver's name nor the approval date (both known)."""
    for capa in corpus.capas:
        if not empty(capa.get("actions")) and len(missing(capa, ("approved_by", "approved_on"))) == 2:
            yield hit(capa)


@rule("CTCL006")
def dates_out_of_order(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    pairs = [("opened_on", "due_on"), ("opened_on", "verified_on"), ("verified_on", "closed_on")]
    done = ("opened_on", "approved_on", "verified_on", "closed_on")
    for capa in corpus.capas:
        problems = []
        for before, after in pairs:
            a, b = capa.get(before), capa.get(after)
            if isinstance(a, dt.date) and isinstance(b, dt.date) and a > b:
                problems.append(f"{before} {a:%d/%m/%Y} > {after} {b:%d/%m/%Y}")
        for name in done:
            value = capa.get(name)
            if isinstance(value, dt.date) and value > as_of:
                problems.append(f"{name} {value:%d/%m/%Y} > as_of {as_of:%d/%m/%Y}")
        for value in capa.get("progress_reports") or []:
            if isinstance(value, dt.date) and value > as_of:
                problems.append(f"progress_reports {value:%d/%m/%Y} > as_of {as_of:%d/%m/%Y}")
        if problems:
            yield hit(capa, problems="; ".join(problems), evidence="; ".join(problems))


@rule("CTCL010")
def overdue(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    for capa in corpus.capas:
        due = capa.get("due_on")
        if isinstance(due, dt.date) and due < as_of and not is_closed(capa) and not is_verified(capa):
            yield hit(capa, due_on=f"{due:%d/%m/%Y}", days=(as_of - due).days)


@rule("CTCL011", long_running_days=31, progress_interval_days=31)
def no_progress_report(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    for capa in corpus.capas:
        opened, due = capa.get("opened_on"), capa.get("due_on")
        if not (isinstance(opened, dt.date) and isinstance(due, dt.date)) or is_closed(capa):
            continue
        if "progress_reports" not in capa.known:  # a log without a progress column: unknown, not absent
            continue
        if (due - opened).days <= params["long_running_days"]:
            continue
        reports = [d for d in capa.get("progress_reports") or [] if isinstance(d, dt.date) and d <= as_of]
        last = max(reports, default=opened)
        if (as_of - last).days > params["progress_interval_days"]:
            yield hit(capa, last=f"{last:%d/%m/%Y}", days=(as_of - last).days)


@rule("CTCL012", grace_days=0)
def verified_late(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    for capa in corpus.capas:
        due, verified = capa.get("due_on"), capa.get("verified_on")
        if isinstance(due, dt.date) and isinstance(verified, dt.date):
            if verified > due + dt.timedelta(days=params["grace_days"]):
                yield hit(capa, due_on=f"{due:%d/%m/%Y}", verified_on=f"{verified:%d/%m/%Y}")


@rule("CTCL013", window_days=10)
def due_soon(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    for capa in corpus.capas:
        due = capa.get("due_on")
        if isinstance(due, dt.date) and not is_closed(capa):
            if as_of <= due <= as_of + dt.timedelta(days=params["window_days"]):
                yield hit(capa, due_on=f"{due:%d/%m/%Y}")


@rule("CTCL015")
def form_and_log_disagree(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    for capa in corpus.capas:
        if not capa.forms or not capa.logs:
            continue
        diffs = []
        for name in ("unit", "due_on", "verification", "closed_on"):
            form_value = capa.get(name)
            for src, log_value in capa.log_values(name):
                if _comparable(form_value) != _comparable(log_value):
                    diffs.append(f"{name}: {_show(form_value)} ≠ {_show(log_value)} ({src.file}, {src.location})")
        if diffs:
            yield hit(capa, differences="; ".join(diffs), evidence="; ".join(diffs))


def _comparable(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return fold(str(value)) if not empty(value) else ""


def _show(value: Any) -> str:
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return str(value) if not empty(value) else "(trống)"


@rule("CTCL020")
def closed_without_evidence(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    for capa in corpus.capas:
        if is_closed(capa) and missing(capa, ("evidence",)):
            yield hit(capa)


@rule("CTCL021")
def closed_without_verification(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    for capa in corpus.capas:
        gaps = missing(capa, ("verification", "verified_by", "verified_on")) if is_closed(capa) else []
        if gaps:
            vi, en = _names(gaps)
            yield hit(capa, fields_vi=vi, fields_en=en)


_DIGIT = re.compile(r"[0-9]")  # most texts cite no number at all: one quick scan spares the tokenizer
_NUMBER_TOKEN = re.compile(r"(?<![\w./-])[\w./-]*?\d[\w./-]*")  # tried at token starts only: linear
_CITING_FIELDS = ("description", "requirement_ref", "changes", "actions", "root_cause", "evidence")


@rule("CTCL022")
def failed_without_follow_up(corpus: Corpus, params: dict[str, Any], as_of: dt.date) -> Iterator[Hit]:
    """A failed check with no follow-up request: neither a follow-up number on it nor another
    request citing its number. Only numbers of failed requests are looked up among the citations."""
    verdicts: dict[str, bool] = {}  # the few distinct verification texts, folded once
    failed = []
    for capa in corpus.capas:
        verification = capa.get("verification")
        if not verification:
            continue
        text = str(verification)
        failing = verdicts.get(text)
        if failing is None:
            failing = verdicts[text] = fold(text) == "khong dat"
        if failing and missing(capa, ("follow_up_number",)):
            failed.append(capa)
    if not failed:
        return
    wanted = {capa.key for capa in failed}
    cited_by: dict[str, set[str]] = defaultdict(set)  # failed request's key → keys of requests citing it
    for capa in corpus.capas:
        text = " ".join(map(str, filter(None, map(capa.get, _CITING_FIELDS))))
        for token in _NUMBER_TOKEN.findall(text) if _DIGIT.search(text) else ():
            number = normalize_request_number(token.strip("./-"))
            if number in wanted:
                cited_by[number].add(capa.key)
    for capa in failed:
        if cited_by.get(capa.key, set()) - {capa.key}:
            continue
        yield hit(capa)
