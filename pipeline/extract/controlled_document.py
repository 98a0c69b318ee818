"""Controlled documents (SPEC §3.2): any QMS document carrying the header block
`Mã hiệu` / `Lần ban hành` / `Ngày ban hành` — procedures, the manual, form templates.

Fields: code, revision, issued_on (each from the first occurrence that carries it), codes (every
occurrence: code, revision, issued_on, location, title — the rules compare them, CTCL070), title,
drafted_by / reviewed_by / approved_by, forms (BIỂU MẪU table), records (HỒ SƠ table) and status:
"withdrawn" when the file sits under a folder named like the configured withdrawn folders
("Hết hiệu lực", "HET_HIEU_LUC", "obsolete", "Lưu trữ" …), else "active".
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from pipeline.extract import ExtractContext
from pipeline.extract.doc_header import FIELDS, Occurrence, find_occurrences, paragraph_title
from pipeline.extract.doc_sections import approval_block, forms_table, records_table
from pipeline.extract.register_columns import load_labels
from pipeline.model import Document
from pipeline.records import Problem, Record
from pipeline.text.fold import fold

KIND = "controlled_document"
_FOLDER_SEPARATORS = re.compile(r"[\s_\-.]+")


def detect(doc: Document) -> bool:
    """A header block with a code, and a revision or issue date somewhere in the document."""
    occurrences = find_occurrences(doc)
    has_code = any("code" in o.hits for o in occurrences)
    return has_code and any("revision" in o.hits or "issued_on" in o.hits for o in occurrences)


def extract(doc: Document, ctx: ExtractContext) -> Record:
    directory = ctx.params.get("labels_dir")
    data = load_labels("controlled_document", directory)
    occurrences = find_occurrences(doc, directory)
    record = Record(kind=KIND)
    for name in FIELDS:
        occ = next((o for o in occurrences if name in o.hits), None)
        record.fields[name] = occ.get(name) if occ else None
        if occ:
            record.locations[name] = occ.location
    record.problems.extend(_date_problems(occurrences))
    record.fields["codes"] = [{**o.to_json(), "title": o.title} for o in occurrences]
    record.fields["title"] = _title(doc, occurrences, record, directory)
    names, where = approval_block(doc, data)
    record.fields.update(names)
    if where:
        record.locations["approval"] = where
    forms, problems = forms_table(doc, data)
    record.fields["forms"] = forms
    record.problems.extend(problems)
    records, problems = records_table(doc, directory)
    record.fields["records"] = records
    record.problems.extend(problems)
    folders = ctx.params.get("withdrawn_folders") or data.get("withdrawn_folders") or []
    record.fields["status"] = "withdrawn" if is_withdrawn(ctx.path, folders) else "active"
    return record


def _title(doc: Document, occurrences: list[Occurrence], record: Record, directory: str | None) -> str | None:
    """The title of the header block that gave the code; else the big title paragraph; else the
    first header block's title (a manual's cover has no header table, its appendices do)."""
    coded = next((o for o in occurrences if "code" in o.hits), None)
    if coded and coded.title:
        record.locations["title"] = coded.location
        return coded.title
    title = paragraph_title(doc, directory)
    if title:
        return title
    other = next((o for o in occurrences if o.title), None)
    if other:
        record.locations["title"] = other.location
    return other.title if other else None


def _date_problems(occurrences: list[Occurrence]) -> list[Problem]:
    out = []
    for occ in occurrences:
        hit = occ.hits.get("issued_on")
        if hit and hit.error:
            out.append(Problem(
                code="invalid_value",
                message=f"Ngày ban hành không hợp lệ: {hit.error.reason} (“{hit.error.text}”)",
                field="issued_on",
                value=hit.error.text,
                location=occ.location,
            ))
    return out


def _folder_key(text: str) -> str:
    return " " + _FOLDER_SEPARATORS.sub(" ", fold(text)).strip() + " "


def is_withdrawn(path: str, folders: list[str]) -> bool:
    """True when a folder of `path` (not the file name) contains one of `folders` as whole words,
    compared folded with spaces, underscores, hyphens and dots equivalent."""
    patterns = [_folder_key(f) for f in folders if fold(f)]
    parents = PurePosixPath(path.replace("\\", "/")).parts[:-1]
    return any(p in _folder_key(part) for part in parents for p in patterns)

