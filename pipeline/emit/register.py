"""`qms register`: the document register (Danh mục tài liệu HTQLCL, STCL appendix PL03) regenerated
from the active controlled documents of the inbox (SPEC §6).

Each entry's name, code, revision and issue date come from the document's own title and header;
per code the highest active revision is listed. Groups (I system documents, II procedures …) are
configured by code patterns (`register_groups` in qms.toml). Ghi chú marks each change against the
previous register — the last one generated in the outbox, else the document registers found in the
inbox:
  mới       a code the previous register does not list;
  sửa đổi   a listed code whose revision or issue date changed;
  thu hồi   a listed code that now has only withdrawn documents (under a withdrawn folder). Withdrawn
            documents are left out of the list and shown in a separate "Tài liệu thu hồi" table.
Decisions: a listed code with no document found at all (never filed, or only an unreadable copy) is
kept as the previous register had it, marked "chưa tìm thấy tài liệu" (CTCL073 reports it) — a file
that cannot be read is no proof of withdrawal. Unchanged entries keep the previous register's own
notes ("Ban hành hằng năm"). With no previous register nothing is marked.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.checks.common import as_date
from pipeline.checks.corpus import Source, build_corpus
from pipeline.checks.documents import active_documents, code_key, codes_of, latest_revisions, revision_key
from pipeline.emit.register_out import REGISTER_DOCX, REGISTER_XLSX, write_register
from pipeline.limits import Limits
from pipeline.process import FileResult, FileTask, process_file
from pipeline.text.fold import fold

NEW, REVISED, WITHDRAWN, NOT_FOUND = "mới", "sửa đổi", "thu hồi", "chưa tìm thấy tài liệu"
_MARKS = {fold(m) for m in (NEW, REVISED, WITHDRAWN, NOT_FOUND)}
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
# Words kept in capitals when an all-caps title is written in sentence case.
_ACRONYMS = {"ISO", "TCVN", "HTQLCL", "QLCL", "UBND", "HĐND", "KPH", "HĐKP", "MTCL", "CSCL", "STCL", "CNTT"}
_VOWELS = set("aeiouyàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹ")


@dataclass
class Entry:
    code: str
    name: str
    revision: str = ""
    issued_on: dt.date | None = None
    note: str = ""
    file: str | None = None  # the document it was read from (None: carried from the previous register)


@dataclass
class Group:
    numeral: str
    title: str
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Register:
    groups: list[Group]
    withdrawn: list[Entry]
    basis: str | None  # the previous register compared with, or None

    @property
    def entries(self) -> list[Entry]:
        return [e for g in self.groups for e in g.entries]


# ---------------------------------------------------------------- building (pure)


def sentence_case(title: str) -> str:
    """ "QUY TRÌNH QUẢN LÝ VĂN BẢN" → "Quy trình quản lý văn bản"; mixed-case titles stay as written;
    acronyms, codes and numbers keep their capitals."""
    title = " ".join(title.split())
    if not title or title != title.upper():
        return title
    words = []
    for word in title.split(" "):
        bare = word.strip(".,;:()“”\"'")
        keep = (any(ch.isdigit() for ch in bare) or bare in _ACRONYMS
                or (len(bare) > 1 and not _VOWELS & set(bare.lower())))
        words.append(word if keep else word.lower())
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def _natural(code: str) -> tuple[Any, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", code_key(code)))


def _group_of(code: str, groups: list[dict[str, Any]]) -> tuple[int, int]:
    """(group index, pattern index) of the first group pattern matching the code; else the last group."""
    key = code_key(code)
    for g, group in enumerate(groups):
        for p, pattern in enumerate(group["codes"]):
            if fnmatch.fnmatchcase(key, re.sub(r"\s+", "", fold(pattern))):
                return g, p
    return len(groups) - 1, len(groups[-1]["codes"])


def _human_note(note: Any) -> str:
    """A previous register's note without this tool's own marks."""
    parts = [p.strip() for p in str(note or "").split(";")]
    return "; ".join(p for p in parts if p and fold(p) not in _MARKS)


def _entry_of(src: Source, previous: dict[str, Any] | None) -> Entry:
    fields = src.record.fields
    name = sentence_case(str(fields.get("title") or "")) or str((previous or {}).get("name") or "")
    return Entry(code=str(fields.get("code")), name=name or Path(src.file).stem,
                 revision=str(fields.get("revision") or ""), issued_on=as_date(fields.get("issued_on")),
                 file=src.file)


def _changed(entry: Entry, before: dict[str, Any]) -> bool:
    if entry.revision and before.get("revision") and revision_key(entry.revision) != revision_key(before["revision"]):
        return True
    day = as_date(before.get("issued_on"))
    return bool(entry.issued_on and day and entry.issued_on != day)


def build_register(results: Iterable[FileResult], previous_rows: list[dict[str, Any]] | None,
                   groups: list[dict[str, Any]], basis: str | None = None) -> Register:
    """The register from the inbox's records, marked against `previous_rows` (None: no previous)."""
    corpus = build_corpus(results)
    previous: dict[str, dict[str, Any]] = {}
    for row in previous_rows or []:
        key = code_key(row.get("code"))
        if key and key not in previous:
            previous[key] = row
    current: list[Entry] = []
    present: set[str] = set()
    for src in latest_revisions([s for s in active_documents(corpus) if s.record.fields.get("code")]):
        keys = codes_of(src)
        before = next((previous[k] for k in sorted(keys) if k in previous), None)
        entry = _entry_of(src, before)
        if previous_rows is not None:
            entry.note = NEW if before is None else (REVISED if _changed(entry, before) else
                                                     _human_note(before.get("note")))
        current.append(entry)
        present |= keys
    withdrawn_docs = [s for s in corpus.sources("controlled_document") if s.record.fields.get("status") == "withdrawn"]
    withdrawn: list[Entry] = []
    for key, row in previous.items():
        if key in present:
            continue
        gone = [s for s in withdrawn_docs if key in codes_of(s)]
        if gone:
            entry = _entry_of(latest_revisions(gone)[0], row)
            entry.note = WITHDRAWN
            withdrawn.append(entry)
        else:
            note = "; ".join(p for p in (_human_note(row.get("note")), NOT_FOUND) if p)
            current.append(Entry(str(row.get("code")), str(row.get("name") or ""), str(row.get("revision") or ""),
                                 as_date(row.get("issued_on")), note))
    return Register(_grouped(current, groups), sorted(withdrawn, key=lambda e: _natural(e.code)), basis)


def _grouped(entries: list[Entry], groups: list[dict[str, Any]]) -> list[Group]:
    placed: dict[int, list[tuple[int, Entry]]] = {}
    for entry in entries:
        g, p = _group_of(entry.code, groups)
        placed.setdefault(g, []).append((p, entry))
    out = []
    for g, group in enumerate(groups):
        items = sorted(placed.get(g, []), key=lambda item: (item[0], _natural(item[1].code)))
        if items:
            out.append(Group(ROMAN[g] if g < len(ROMAN) else str(g + 1), group["title"], [e for _, e in items]))
    return out


# ---------------------------------------------------------------- the previous register (reads files)


def previous_register(outbox: Path, results: Iterable[FileResult],
                      limits: Limits) -> tuple[list[dict[str, Any]] | None, str | None]:
    """(rows, what they come from): the register generated last in the outbox, else the inbox's."""
    path = outbox / REGISTER_XLSX
    if path.is_file():
        stat = path.stat()
        result = process_file(FileTask(REGISTER_XLSX, str(path), stat.st_size, stat.st_mtime_ns, limits))
        records = [r for r in result.records if r.kind == "document_register"]
        if records:
            return [row for r in records for row in r.rows], f"{REGISTER_XLSX} (lần lập trước, thư mục kết quả)"
    rows: list[dict[str, Any]] = []
    files: list[str] = []
    for res in sorted(results, key=lambda r: r.rel):
        for record in res.records:
            if record.kind == "document_register":
                rows += record.rows
                files.append(res.rel)
    if not files:
        return None, None
    return rows, ", ".join(dict.fromkeys(files)) + " (hộp thư đến)"


# ---------------------------------------------------------------- the stage


def register_stage(ctx: Any) -> None:
    """The stage of `qms register` / `qms nightly` (ctx: pipeline.run.StageContext)."""
    rows, basis = previous_register(ctx.outbox, ctx.results, ctx.cfg.limits)
    register = build_register(ctx.results, rows, ctx.cfg.register_groups, basis)
    write_register(ctx.outbox, register, ctx.cfg.as_of)
    ctx.notes.append(f"register: {len(register.entries)} documents, {len(register.withdrawn)} withdrawn")
    ctx.run.setdefault("documents", {})["register"] = [REGISTER_DOCX, REGISTER_XLSX]
