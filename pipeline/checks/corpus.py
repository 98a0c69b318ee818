"""Everything the rules look at, gathered once from the extracted records (pure).

A CAPA is one request number: a BM.CTCL.01 form and a capa_log row with the same number are
one CAPA, form values winning (SPEC §3.2). A field a source cannot carry (a log without that
column) is unknown, not empty — `Capa.known` says which fields any source carries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pipeline.process import FileResult
from pipeline.records import Record
from pipeline.text.fold import fold
from pipeline.text.values import normalize_request_number

# Fields a BM.CTCL.01 form can always carry (an absent label means an empty value on a form).
FORM_FIELDS = (
    "number opened_on kind source unit requester description requirement_ref necessity root_cause "
    "actions assignee due_on approved_by approved_on changes progress_reports evidence verification "
    "verified_by verified_on closed_on follow_up_number"
).split()
_FORM_KNOWN = frozenset(FORM_FIELDS)
# capa_log column → CAPA field (last_progress_on is one progress report date).
LOG_TO_CAPA = {"last_progress_on": "progress_reports"}


@dataclass(slots=True)
class Source:
    """Where a record came from: its file and, for a register row, the row's place."""

    file: str
    record: Record
    row: dict[str, Any] | None = None

    @property
    def location(self) -> str | None:
        if self.row is None:
            return None
        sheet = self.row.get("sheet")
        where = f"sheet '{sheet}', " if sheet else (f"{self.record.part}, " if self.record.part else "")
        return f"{where}hàng {self.row.get('row')}"


@dataclass(slots=True)
class Capa:
    """Slotted, like Source: a 100,000-row log makes 100,000 of each."""

    key: str  # normalised request number, or "file:<path>" for a form without a number
    fields: dict[str, Any]
    known: frozenset[str]  # shared by the CAPAs of one log: replaced, never changed in place
    forms: list[Source] = field(default_factory=list)
    logs: list[Source] = field(default_factory=list)
    get: Callable[[str], Any] = field(init=False, repr=False, compare=False)  # fields.get, bound once:
    # rules call it millions of times

    def __post_init__(self) -> None:
        self.get = self.fields.get

    @property
    def number(self) -> str:
        return str(self.fields.get("number") or "")

    @property
    def primary(self) -> Source:
        return (self.forms or self.logs)[0]

    @property
    def file(self) -> str:
        return self.primary.file

    @property
    def location(self) -> str | None:
        return None if self.forms else self.primary.location

    @property
    def subject(self) -> str:
        return f"BM.CTCL.01 {self.number}" if self.number else f"BM.CTCL.01 ({self.file})"

    @property
    def unit(self) -> str | None:
        value = self.fields.get("unit")
        return str(value) if value else None

    def log_values(self, name: str) -> list[tuple[Source, Any]]:
        """The value of `name` in each log row of this CAPA that carries that column."""
        out = []
        for src in self.logs:
            column = next((c for c, f in LOG_TO_CAPA.items() if f == name), name)
            if column in src.record.columns:
                out.append((src, src.row.get(column) if src.row else None))
        return out


@dataclass
class Corpus:
    """Records by kind, with their sources; CAPAs merged across forms and logs."""

    by_kind: dict[str, list[Source]]
    capas: list[Capa]
    has_forms: bool
    files: list[FileResult] = field(default_factory=list)
    rules_dir: Path | None = None  # where rules/schemas.yaml is (the schema-driven rules need it)
    schema_memo: dict[Any, Any] = field(default_factory=dict)  # pipeline.checks.schemas.violations, per run

    @cached_property
    def capas_by_unit(self) -> dict[str, list[Capa]]:
        """CAPAs by folded unit, built once (a log may hold 100,000 requests; rules look up by unit)."""
        index: dict[str, list[Capa]] = defaultdict(list)
        for capa in self.capas:
            index[fold(str(capa.get("unit") or ""))].append(capa)
        return dict(index)

    def sources(self, kind: str) -> list[Source]:
        return self.by_kind.get(kind, [])

    def rows(self, kind: str) -> Iterable[Source]:
        for src in self.sources(kind):
            for row in src.record.rows:
                yield Source(src.file, src.record, row)


def build_corpus(results: Iterable[FileResult], rules_dir: Path | None = None) -> Corpus:
    results = sorted(results, key=lambda r: r.rel)
    by_kind: dict[str, list[Source]] = defaultdict(list)
    for res in results:
        for record in res.records:
            by_kind[record.kind].append(Source(res.rel, record))
    capas = _merge_capas(by_kind.get("capa_request", []), by_kind.get("capa_log", []))
    return Corpus(dict(by_kind), capas, bool(by_kind.get("capa_request")), list(results), rules_dir)


def _order(capa: Capa) -> tuple[str, str]:
    """(file, key): Capa.file without the property calls (sorting 100,000 logged CAPAs)."""
    return (capa.forms or capa.logs)[0].file, capa.key


def _merge_capas(forms: list[Source], logs: list[Source]) -> list[Capa]:
    merged: dict[str, Capa] = {}
    for src in sorted(forms, key=lambda s: s.file):
        number = src.record.fields.get("number")
        key = normalize_request_number(str(number)) if number else f"file:{src.file}"
        capa = merged.get(key)
        if capa is None:
            merged[key] = Capa(key, dict(src.record.fields), _FORM_KNOWN, forms=[src])
        else:  # the same CAPA again (e.g. its PDF copy): fill gaps only
            capa.forms.append(src)
            for name, value in src.record.fields.items():
                if capa.fields.get(name) in (None, "", []):
                    capa.fields[name] = value
    for src in logs:
        columns = frozenset(LOG_TO_CAPA.get(c, c) for c in src.record.columns)
        for row in src.record.rows:
            number = row.get("number")
            if not number:
                continue
            key = normalize_request_number(str(number))
            values = dict(row)
            values.pop("sheet", None)
            values.pop("row", None)
            if "last_progress_on" in values:  # the log's one progress date → the form's list of them
                progress = values.pop("last_progress_on")
                values["progress_reports"] = [progress] if progress and not isinstance(progress, list) else []
            capa = merged.get(key)
            source = Source(src.file, src.record, row)
            if capa is None:
                merged[key] = Capa(key, values, columns, logs=[source])
                continue
            capa.logs.append(source)  # form values win (SPEC §3.2); CTCL015 reports disagreement
            if not capa.forms:
                if not columns <= capa.known:  # a new frozenset only when the columns add some
                    capa.known = capa.known | columns
                for name, value in values.items():
                    if capa.fields.get(name) in (None, "", []):
                        capa.fields[name] = value
    return sorted(merged.values(), key=_order)
