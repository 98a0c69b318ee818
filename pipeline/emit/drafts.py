"""`qms drafts`: one BM.CTCL.01 draft per finding of a rule marked `draft` (SPEC §6).

outbox/drafts/BM.CTCL.01_<number>.docx is rendered from templates/BM.CTCL.01.docx (box 1 filled,
boxes 2–3 blank) and outbox/drafts/index.xlsx lists every draft with its finding.

Never a second draft for one finding: the state database's drafts table remembers which finding got
which draft, and a finding whose previous findings.json entry names a draft (a state rebuilt from
scratch) keeps it. Waived findings get no draft (the waiver accepts them). A draft file is never
overwritten unless it was written for the same finding (its core property `identifier` is the
finding id) — e.g. by a run killed before it committed its state.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import docx
from openpyxl import Workbook
from openpyxl.styles import Font

from pipeline.catalog import load_catalog
from pipeline.checks.corpus import Corpus, build_corpus
from pipeline.emit.atomic import write_bytes
from pipeline.emit.docx_render import TEMPLATES_DIR, render_docx
from pipeline.emit.draft_content import draft_context, file_name, inbox_numbers, number_parts, proposed_numbers
from pipeline.emit.i18n import words
from pipeline.emit.xlsx_out import neutralise, safe_cell, style_list_sheet
from pipeline.findings import Finding
from pipeline.state import State

log = logging.getLogger("qms")
TEMPLATE = TEMPLATES_DIR / "BM.CTCL.01.docx"
DRAFTS_DIR = "drafts"
INDEX = f"{DRAFTS_DIR}/index.xlsx"


@dataclass
class DraftEntry:
    """One draft, as listed in index.xlsx and report.html."""

    finding_id: str
    number: str
    path: str  # outbox-relative POSIX path
    finding: Finding | None = None  # None when the finding is no longer open
    known: dict[str, Any] | None = None  # rule/subject/file/status from the state, for gone findings
    new: bool = False  # written by this run


def drafts_stage(ctx: Any) -> None:
    """The stage of `qms drafts` / `qms nightly` (ctx: pipeline.run.StageContext)."""
    catalog = load_catalog(ctx.cfg.rules_dir)
    draft_rules = {rule_id for rule_id, rule in catalog.rules.items() if rule.draft}
    corpus = build_corpus(ctx.results)
    entries = write_drafts(ctx.findings, draft_rules, corpus, ctx.state, ctx.outbox, ctx.cfg.as_of)
    write_bytes(ctx.outbox / INDEX, index_workbook(entries, ctx.cfg.lang))
    new = sum(e.new for e in entries)
    ctx.notes.append(f"drafts: {new} written, {len(entries)} in all")
    ctx.run.setdefault("documents", {})["drafts"] = [
        {"number": e.number, "path": e.path, "finding": e.finding_id, "new": e.new,
         "rule": e.finding.rule if e.finding else (e.known or {}).get("rule"),
         "subject": e.finding.subject if e.finding else (e.known or {}).get("subject")}
        for e in entries
    ]
    ctx.run["documents"]["drafts_index"] = INDEX


def write_drafts(findings: list[Finding], draft_rules: set[str], corpus: Corpus, state: State, outbox: Path,
                 as_of: dt.date) -> list[DraftEntry]:
    """Write the drafts findings still need; set every finding's `draft`; return all drafts known."""
    known = dict(state.drafts())  # finding id -> (number, path)
    for f in findings:  # a draft remembered only by the previous findings.json (state rebuilt)
        if f.draft and f.id not in known:
            number = PurePosixPath(f.draft).stem.partition("_")[2].replace("-", "/")
            state.add_draft(f.id, number, f.draft)
            known[f.id] = (number, f.draft)
    numbers = proposed_numbers([*inbox_numbers(corpus), *(n for n, _ in known.values())], as_of.year)
    taken_paths = {path for _, path in known.values()}
    written: set[str] = set()
    for f in findings:
        if f.id in known:
            f.draft = known[f.id][1]
            continue
        if f.rule not in draft_rules or f.waived:
            continue
        number, rel = _free_number(numbers, outbox, taken_paths, f.id)
        data = render_docx(TEMPLATE, draft_context(f, corpus, number, as_of),
                           title=f"Phiếu yêu cầu HĐKP {number} (dự thảo) — {f.subject}", when=as_of,
                           identifier=f.id)
        write_bytes(outbox / rel, data)
        state.add_draft(f.id, number, rel)
        known[f.id] = (number, rel)
        taken_paths.add(rel)
        written.add(f.id)
        f.draft = rel
        log.info("draft %s for %s %s", rel, f.rule, f.subject)
    return _entries(known, findings, written, state)


def _free_number(numbers: Iterator[str], outbox: Path, taken: set[str], finding_id: str) -> tuple[str, str]:
    """The next proposed number whose file is free (or holds this finding's own earlier draft)."""
    while True:
        number = next(numbers)
        rel = f"{DRAFTS_DIR}/{file_name(number)}"
        if rel in taken:
            continue
        target = outbox / rel
        if not target.exists() or _draft_of(target) == finding_id:
            return number, rel


def _draft_of(path: Path) -> str | None:
    """The finding id a draft file was written for (None for any other file)."""
    try:
        return docx.Document(str(path)).core_properties.identifier or None
    except Exception:  # noqa: BLE001 — not a readable DOCX: certainly not ours to overwrite
        return None


def _entries(known: dict[str, tuple[str, str]], findings: list[Finding], written: set[str],
             state: State) -> list[DraftEntry]:
    current = {f.id: f for f in findings}
    history = _finding_history(state, set(known) - set(current))
    out = [DraftEntry(fid, number, path, current.get(fid), history.get(fid), fid in written)
           for fid, (number, path) in known.items()]
    return sorted(out, key=lambda e: (_number_key(e.number), e.path))


def _number_key(number: str) -> tuple[int, int, str]:
    parts = number_parts(number) or (0, 0)
    return (parts[1], parts[0], number)


def _finding_history(state: State, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Rule, subject and file of findings no longer open, from the state's finding history (read
    directly: State has no query for it)."""
    wanted = list(ids)
    if not wanted:
        return {}
    rows = state.db.execute(
        f"SELECT id, rule, subject, file FROM findings WHERE id IN ({','.join('?' * len(wanted))})", wanted)
    return {fid: {"rule": rule, "subject": subject, "file": file} for fid, rule, subject, file in rows}


def index_workbook(entries: list[DraftEntry], lang: str) -> bytes:
    """drafts/index.xlsx: one row per draft with its finding; cells neutralised like findings.xlsx."""
    w = words(lang)
    wb = Workbook()
    ws = wb.active
    ws.title = w["sheet_drafts"]
    columns = [("number_proposed", 16), ("draft_file", 34), ("rule", 10), ("severity", 12), ("subject", 40),
               ("unit", 22), ("message", 60), ("file", 40), ("location", 20), ("id", 18), ("draft_status", 18)]
    ws.append([w[name] for name, _ in columns])
    for e in entries:
        f = e.finding
        gone = e.known or {}
        row = {
            "number_proposed": e.number,
            "draft_file": PurePosixPath(e.path).name,
            "rule": f.rule if f else gone.get("rule"),
            "severity": w[f.severity] if f else "",
            "subject": f.subject if f else gone.get("subject"),
            "unit": f.unit if f else "",
            "message": f.message.get(lang, f.message.get("vi", "")) if f else "",
            "file": f.file if f else gone.get("file"),
            "location": f.location if f else "",
            "id": e.finding_id,
            "draft_status": w["draft_new"] if e.new else (w["draft_open"] if f else w["draft_gone"]),
        }
        ws.append([safe_cell(row[name] or "") for name, _ in columns])
        link = ws.cell(ws.max_row, 2)
        link.hyperlink = PurePosixPath(e.path).name  # relative to index.xlsx, beside the drafts
        link.font = Font(color="1A0DAB", underline="single")
    style_list_sheet(ws, [width for _, width in columns], len(entries))
    neutralise(ws)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
