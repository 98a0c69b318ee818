"""The stages of a run (SPEC §2): discover → read/extract in workers → check → reconcile → emit.

This is the imperative shell: it alone touches the disk (besides the readers reading one file).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.catalog import SEVERITY_ORDER, Catalog, load_catalog
from pipeline.checks.corpus import build_corpus
from pipeline.checks.engine import evaluate, validate_catalog
from pipeline.config import Config
from pipeline.discover import discover
from pipeline.emit.atomic import read_json, write_json
from pipeline.emit.html_report import write_report
from pipeline.emit.json_out import findings_document, records_document
from pipeline.emit.xlsx_out import write_findings_xlsx
from pipeline.errors import ConfigError
from pipeline.findings import Finding, reconcile
from pipeline.process import FileResult, FileTask, process_file
from pipeline.rule_settings import configured_catalog
from pipeline.waivers import apply_waivers, load_waivers
from pipeline.workers import TaskFailure, run_tasks


@dataclass
class RunOutcome:
    exit_code: int
    findings: list[Finding]
    results: list[FileResult]
    summary: str
    run: dict[str, Any] = field(default_factory=dict)


def check_paths(cfg: Config) -> tuple[Path, Path]:
    inbox, outbox = cfg.inbox.resolve(), cfg.outbox.resolve()
    if not inbox.is_dir():
        raise ConfigError(f"inbox {cfg.inbox} is not a folder")
    if outbox == inbox or outbox.is_relative_to(inbox):
        raise ConfigError(f"outbox {cfg.outbox} is inside the inbox {cfg.inbox}: the inbox is never written")
    return inbox, outbox


def read_inbox(cfg: Config, inbox: Path, progress: bool = False) -> tuple[list[FileResult], int]:
    """Read every settled file in parallel workers; returns results and the number of pending files."""
    found = discover(inbox, cfg.ignore, cfg.settle_seconds)
    params = {"withdrawn_folders": cfg.withdrawn_folders}
    tasks = [FileTask(f.rel, f.path, f.size, f.mtime_ns, cfg.limits, params) for f in found.files]
    bar = _progress(len(tasks)) if progress else None
    results: list[FileResult] = []
    for task, result in run_tasks(process_file, tasks, cfg.workers, cfg.limits.timeout_seconds):
        if isinstance(result, TaskFailure):
            result = FileResult(task.rel, task.size, task.mtime_ns, error=result.kind, error_detail=result.detail)
        results.append(result)
        if bar is not None:
            bar.update(1)
    if bar is not None:
        bar.close()
    return sorted(results, key=lambda r: r.rel), len(found.pending)


def run_check(cfg: Config, catalog: Catalog | None = None, progress: bool = False) -> RunOutcome:
    inbox, outbox = check_paths(cfg)
    catalog = catalog or load_catalog(cfg.rules_dir)  # rule-file errors stop the run before writing
    validate_catalog(catalog)
    catalog, enabled, overrides = configured_catalog(catalog, cfg)
    waivers = load_waivers(cfg.waivers_path)
    started = dt.datetime.now(dt.UTC).astimezone()
    clock = time.monotonic()
    results, pending = read_inbox(cfg, inbox, progress)
    findings = evaluate(catalog, build_corpus(results), cfg.as_of, only=enabled, overrides=overrides)
    waiver_report = apply_waivers(findings, waivers, cfg.as_of)
    previous = read_json(outbox / "findings.json")
    reconciled = reconcile(findings, previous, cfg.as_of.isoformat())
    run = {
        "id": f"{started:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}",
        "as_of": cfg.as_of.isoformat(),
        "started": started.isoformat(timespec="seconds"),
        "finished": dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds"),
        "tool_version": __version__,
        "rules_digest": catalog.digest,
        "files_seen": len(results) + pending,
        "files_read": sum(not r.error for r in results),
        "files_failed": sum(bool(r.error) for r in results),
        "files_pending": pending,
    }
    outbox.mkdir(parents=True, exist_ok=True)
    write_json(outbox / "records.json", records_document(results, cfg.lang))
    findings_doc = findings_document(run, reconciled.findings, reconciled.resolved, waiver_report.to_json())
    write_json(outbox / "findings.json", findings_doc)
    write_findings_xlsx(outbox / "findings.xlsx", reconciled.findings, run, cfg.lang)
    write_report(outbox / "report.html", findings_doc, reconciled.findings, inbox, cfg.lang)
    code = exit_code(reconciled.findings, cfg.fail_on)
    summary = _summary(run, reconciled.findings, len(reconciled.resolved), time.monotonic() - clock)
    return RunOutcome(code, reconciled.findings, results, summary, run)


def exit_code(findings: list[Finding], fail_on: str) -> int:
    """1 when a finding (not waived) is at or above the fail-on severity, else 0 (SPEC §7)."""
    if fail_on == "never":
        return 0
    limit = SEVERITY_ORDER[fail_on]
    return int(any(SEVERITY_ORDER[f.severity] <= limit and not f.waived for f in findings))


def _summary(run: dict[str, Any], findings: list[Finding], resolved: int, seconds: float) -> str:
    counts = {s: sum(f.severity == s and not f.waived for f in findings) for s in SEVERITY_ORDER}
    sev = ", ".join(f"{s} {n}" for s, n in counts.items())
    new = sum(f.status == "new" for f in findings)
    return (
        f"qms: {run['files_seen']} files seen, {run['files_read']} read, {run['files_failed']} failed, "
        f"{run['files_pending']} pending; findings: {sev}; new {new}, resolved {resolved}; {seconds:.1f} s"
    )


def _progress(total: int) -> Any:
    if not sys.stderr.isatty() or os.environ.get("QMS_NO_PROGRESS"):
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="file", file=sys.stderr, leave=False)
