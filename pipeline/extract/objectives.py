"""Quality objectives plan and report (QT.03.CTCL §5.9; STCL Phụ lục 3): two kinds, one reading.

"KẾ HOẠCH THỰC HIỆN MỤC TIÊU CHẤT LƯỢNG NĂM 2026" (objectives_plan) and "BÁO CÁO (KẾT QUẢ) THỰC
HIỆN MỤC TIÊU CHẤT LƯỢNG NĂM 2026" (objectives_report) share their layout: the year in the title,
the unit ("Đơn vị: …", or "… CỦA VĂN PHÒNG" in the title; none means the agency), a place-date
line, a signing block, and the objectives table (objectives_table.py). `KINDS` lists both entry
points for the classifier; each has KIND, detect(doc) and extract(doc, ctx).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pipeline.errors import ConfigError
from pipeline.extract import ExtractContext
from pipeline.extract.dating import first_date, place_date_line
from pipeline.extract.objectives_table import PLAN_FIELDS, REPORT_FIELDS, find_layout, read_objectives
from pipeline.extract.register_columns import load_labels
from pipeline.extract.signatures import find_signatures, pick
from pipeline.extract.titles import WORD, TitleMatch, find_title, reading_lines, year_in
from pipeline.model import Document, Table
from pipeline.records import Record
from pipeline.text.fold import fold
from pipeline.text.labels import find_fields


@lru_cache(maxsize=4)
def labels(directory: str | None = None) -> dict[str, Any]:
    """rules/labels/objectives.yaml: titles per kind, field labels, agency words, approver roles."""
    data = load_labels("objectives", directory)
    for part in ("plan", "report"):
        if not isinstance(data.get(part), dict) or not data[part].get("titles"):
            raise ConfigError(f"rules/labels/objectives.yaml: '{part}' needs a list of titles")
    if not isinstance(data.get("fields"), dict):
        raise ConfigError("rules/labels/objectives.yaml: 'fields' must map field names to labels")
    return data


@dataclass(frozen=True)
class ObjectivesKind:
    """One of the two kinds: its name, its part of the label file and its table columns."""

    KIND: str
    part: str  # "plan" | "report" in rules/labels/objectives.yaml
    fields: tuple[str, ...]

    def title(self, doc: Document) -> TitleMatch | None:
        return find_title(doc, labels()[self.part]["titles"])

    def detect(self, doc: Document) -> bool:
        return self.title(doc) is not None

    def extract(self, doc: Document, ctx: ExtractContext) -> Record:
        return extract_objectives(doc, ctx, self)


PLAN = ObjectivesKind("objectives_plan", "plan", PLAN_FIELDS)
REPORT = ObjectivesKind("objectives_report", "report", REPORT_FIELDS)
KINDS = [PLAN, REPORT]


def extract_objectives(doc: Document, ctx: ExtractContext, kind: ObjectivesKind) -> Record:
    """Year, unit, dates, approver and the objectives list of a plan or report."""
    record = Record(kind=kind.KIND)
    lines = reading_lines(doc)
    match = kind.title(doc)
    if match is not None:
        record.fields["title"] = match.text
        record.fields["year"] = year_in(match.rest) or year_in(match.text)
        record.locations["year"] = match.location
    else:
        record.fields["year"] = None
    preamble = _before_table(doc)
    record.fields["unit"] = _unit(preamble, match, ctx.params, record)
    spec = labels()
    signatures = find_signatures(doc)
    approver = pick(signatures, *spec.get("approver_roles", []))
    found = find_fields(doc, {k: v for k, v in spec["fields"].items() if k in ("approved_on", "reported_on")})
    place = place_date_line(lines)
    if kind is PLAN:
        record.fields["approved_by"] = approver.name if approver else None
        if approver and approver.name:
            record.fields["approver_title"] = approver.role
            record.locations["approved_by"] = approver.location
        first_date(record, "approved_on", [approver, found.get("approved_on"), place])
    else:
        first_date(record, "reported_on", [place, found.get("reported_on"), approver])
    table = read_objectives(doc, kind.fields)
    record.fields["objectives"] = table.objectives if table else []
    record.fields["objective_columns"] = table.columns if table else []
    if table:
        record.locations["objectives"] = table.location
        record.problems.extend(table.problems)
    return record


def _before_table(doc: Document) -> Document:
    """The document up to its objectives table, where the unit label is (table headers say "Đơn vị" too)."""
    for k, block in enumerate(doc.blocks):
        if isinstance(block, Table) and find_layout(block) is not None:
            return Document(doc.path, doc.format, blocks=doc.blocks[:k], headers=doc.headers)
    return doc


def _unit(preamble: Document, match: TitleMatch | None, params: dict[str, Any], record: Record) -> str | None:
    """The unit the document is for: the "Đơn vị:" label, else "… CỦA <unit>" in the title; None = agency."""
    found = find_fields(preamble, {"unit": labels()["fields"].get("unit", [])}).get("unit")
    name, location = (found.text, found.location) if found and found.text else (None, None)
    if name is None and match is not None:
        name, location = unit_in_title(match.rest), match.location
    if not name or is_agency(name, params):
        return None
    record.locations["unit"] = location or ""
    return name


def unit_in_title(rest: str) -> str | None:
    """"NĂM 2026 CỦA VĂN PHÒNG" → "VĂN PHÒNG": the words after "của", without a "năm yyyy"."""
    words = list(WORD.finditer(rest))
    folded = [fold(w.group()) for w in words]
    if "cua" not in folded:
        return None
    start = folded.index("cua") + 1
    end = len(words)
    for k in range(start, len(words) - 1):
        if folded[k] == "nam" and words[k + 1].group().isdigit() and len(words[k + 1].group()) == 4:
            end = k
            break
    if start >= end:
        return None
    return rest[words[start].start() : words[end - 1].end()].strip() or None


def is_agency(name: str, params: dict[str, Any]) -> bool:
    """The whole agency rather than a unit: an agency word of the label file ("Cơ quan") or a name in
    ExtractContext.params["agency_names"] ("Ban Dân tộc tỉnh Khánh Hòa")."""
    key = fold(name)
    names = [*labels().get("agency_words", []), *params.get("agency_names", [])]
    return any(key == fold(n) or key.startswith(fold(n) + " ") for n in names if fold(n))

