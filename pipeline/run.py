"""The stages of a run (SPEC §2): discover → read/extract in workers → check → reconcile → emit.

This is the imperative shell: it alone touches the disk (besides the readers reading one file).
Outputs are replaced atomically and the state is committed last, in one transaction, so a run
killed at any moment leaves the previous outputs complete and the next run succeeds.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pipeline import __version__, snapshot
from pipeline.catalog import SEVERITY_ORDER, load_catalog
from pipeline.checks.corpus import build_corpus
from pipeline.checks.engine import evaluate, validate_catalog
from pipeline.config import Config
from pipeline.discover import Discovery, discover
from pipeline.emit.atomic import read_json, write_json
from pipeline.emit.html_report import write_report
from pipeline.emit.json_out import findings_document, records_document
from pipeline.emit.xlsx_out import write_findings_xlsx
from pipeline.errors import ConfigError
from pipeline.findings import Finding, reconcile
from pipeline.gc_pause import collector_paused
from pipeline.history import write_history
from pipeline.lock import run_lock
from pipeline.process import FileResult, FileTask, process_file, sha256_of
from pipeline.rule_settings import configured_catalog
from pipeline.snapshot import Snapshot, inputs_key, reading_key
from pipeline.state import State
from pipeline.version import extractor_version
from pipeline.waivers import apply_waivers, load_waivers
from pipeline.workers import TaskFailure, run_tasks

log = logging.getLogger("qms")


@dataclass
class ReadStats:
    seen: int = 0
    read: int = 0
    cached: int = 0
    pending: int = 0
    failed: int = 0
    reused: bool = False  # nothing changed since the last run: its evaluation was reused


@dataclass
class RunOutcome:
    exit_code: int
    findings: list[Finding]
    results: list[FileResult]
    summary: str
    run: dict[str, Any] = field(default_factory=dict)
    outbox: Path | None = None


def check_paths(cfg: Config) -> tuple[Path, Path]:
    inbox, outbox = cfg.inbox.resolve(), cfg.outbox.resolve()
    if not inbox.is_dir():
        raise ConfigError(f"inbox {cfg.inbox} is not a folder")
    if outbox == inbox or outbox.is_relative_to(inbox):
        raise ConfigError(f"outbox {cfg.outbox} is inside the inbox {cfg.inbox}: the inbox is never written")
    state = state_path(cfg, outbox)
    if state.resolve().is_relative_to(inbox):
        raise ConfigError(f"state_path {state} is inside the inbox {cfg.inbox}: the inbox is never written")
    return inbox, outbox


def state_path(cfg: Config, outbox: Path) -> Path:
    return cfg.state_path or outbox / "state.sqlite"


def read_inbox(cfg: Config, found: Discovery, state: State | None, reading: str,
               progress: bool = False) -> tuple[list[FileResult], ReadStats]:
    """Read every settled file that changed since the cached run, in parallel workers."""
    stats = ReadStats(seen=len(found.files) + len(found.pending), pending=len(found.pending))
    cache = state.cached(reading) if state else {}
    params = reading_params(cfg)
    results: list[FileResult] = []
    tasks: list[FileTask] = []
    for f in found.pending:  # being copied: keep what the last complete version said, if anything
        if f.rel in cache:
            results.append(cache[f.rel].result)
    for f in found.files:
        hit = cache.get(f.rel)
        if hit and hit.size == f.size and (hit.mtime_ns == f.mtime_ns or hit.sha256 == sha256_of(f.path)):
            hit.result.mtime_ns = f.mtime_ns
            results.append(hit.result)
            stats.cached += 1
        else:
            tasks.append(FileTask(f.rel, f.path, f.size, f.mtime_ns, cfg.limits, params))
    reporter = _Progress(len(tasks), progress)
    tasks.sort(key=lambda t: -t.size)  # largest first: no core idles on one big file at the end
    for task, result in run_tasks(process_file, tasks, cfg.workers, cfg.limits.timeout_seconds,
                                  cfg.limits.worker_memory_bytes, heavy=is_heavy):
        if isinstance(result, TaskFailure):
            log.warning("%s: %s (%s)", task.rel, result.kind, result.detail)
            result = FileResult(task.rel, task.size, task.mtime_ns, error=result.kind, error_detail=result.detail)
            result.sha256 = _safe_sha(task.path)
        results.append(result)
        stats.read += 1
        reporter.step(task.rel)
    reporter.close()
    stats.failed = sum(bool(r.error) for r in results)
    return sorted(results, key=lambda r: r.rel), stats


HEAVY_BYTES = 4 << 20  # a file this big (a 100,000-row log is 10–40 MB) is read alone


def is_heavy(task: FileTask) -> bool:
    """Files read one at a time (pipeline.workers.run_tasks): their worker needs hundreds of MB."""
    return task.size >= HEAVY_BYTES


def reading_params(cfg: Config) -> dict[str, Any]:
    """The settings extractors get besides the file (part of the cache version)."""
    return {"withdrawn_folders": cfg.withdrawn_folders, "agency_names": cfg.agency_names}


def _safe_sha(path: str) -> str:
    try:
        return sha256_of(path)
    except OSError:
        return ""


def run_check(cfg: Config, progress: bool = False, wait: bool = False, stages: tuple[Any, ...] = ()) -> RunOutcome:
    """`qms check` (and, with extra `stages` such as drafts and register, `qms nightly`)."""
    inbox, outbox = check_paths(cfg)
    catalog = load_catalog(cfg.rules_dir)  # rule-file errors stop the run before anything is written
    validate_catalog(catalog)
    catalog, enabled, overrides = configured_catalog(catalog, cfg)
    waivers = load_waivers(cfg.waivers_path, catalog.rules, required=cfg.waivers is not None)
    lines = _LogCollector.install()
    started = dt.datetime.now(dt.UTC).astimezone()
    clock = time.monotonic()
    store = state_path(cfg, outbox)
    with run_lock(store.with_name(store.name + ".lock"), wait):
        state = State(store)
        try:
            for warning in state.warnings:
                log.warning(warning)
            found = discover(inbox, cfg.ignore, cfg.settle_seconds)
            reading = reading_key(extractor_version(cfg.rules_dir), reading_params(cfg), cfg.limits)
            inputs = inputs_key(reading, catalog, enabled, overrides, cfg.as_of.isoformat(), cfg.lang, found)
            ev = _reuse(state, inputs, found, outbox) or _evaluate(cfg, found, state, reading, catalog, enabled,
                                                                   overrides, progress)
            findings = ev.snapshot.findings
            waiver_report = apply_waivers(findings, waivers, cfg.as_of)
            previous = state.open_findings() or read_json(outbox / "findings.json")
            reconciled = reconcile(findings, previous, cfg.as_of.isoformat())
            run = _run_info(started, cfg, catalog.digest, ev.stats)
            context = StageContext(cfg, inbox, outbox, state, run, reconciled.findings,
                                   lambda: ev.results if ev.results is not None
                                   else read_inbox(cfg, found, state, reading)[0])
            for stage in stages:
                stage(context)
            run["finished"] = dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds")
            findings_doc = findings_document(run, reconciled.findings, reconciled.resolved, waiver_report.to_json())
            outbox.mkdir(parents=True, exist_ok=True)
            if ev.results is not None:
                write_json(outbox / "records.json", records_document(ev.results, cfg.lang))
            write_json(outbox / "findings.json", findings_doc)
            write_findings_xlsx(outbox / "findings.xlsx", reconciled.findings, run, cfg.lang)
            write_report(outbox / "report.html", findings_doc, reconciled.findings, inbox, cfg.lang)
            summary = _summary(run, ev.stats, reconciled.findings, len(reconciled.resolved), context.notes,
                               time.monotonic() - clock)
            log.info(summary)
            write_history(outbox / "runs", run["id"], outbox / "findings.json", ev.snapshot.manifest, lines.lines,
                          cfg.keep_runs)
            if ev.results is not None:
                state.store(ev.results, reading, {r.rel for r in ev.results})
                state.save_snapshot(inputs, ev.blob)
            state.save_findings(reconciled.findings, cfg.as_of.isoformat())
            state.record_run(run, summary)
            state.commit()
        finally:
            state.close()
            lines.remove()
    return RunOutcome(exit_code(reconciled.findings, cfg.fail_on), reconciled.findings, ev.results or [], summary,
                      run, outbox)


@dataclass
class _Evaluation:
    snapshot: Snapshot
    stats: ReadStats
    results: list[FileResult] | None  # None when reused: the records were not loaded
    blob: bytes = b""  # the snapshot as stored, taken before waivers and reconciliation change findings


def _evaluate(cfg: Config, found: Discovery, state: State, reading: str, catalog: Any, enabled: list[str],
              overrides: dict[str, dict[str, Any]], progress: bool) -> _Evaluation:
    """The full path: read what changed, build the corpus, run the rules."""
    results, stats = read_inbox(cfg, found, state, reading, progress)
    with collector_paused():  # the corpus makes an object per logged CAPA: no cycle hunting meanwhile
        corpus = build_corpus(results, cfg.rules_dir)
        findings = evaluate(catalog, corpus, cfg.as_of, only=enabled, overrides=overrides)
    manifest = [{"file": r.rel, "size": r.size, "sha256": r.sha256, "kind": r.kind} for r in results]
    snap = Snapshot(findings, stats.failed, manifest)
    return _Evaluation(snap, stats, results, snapshot.dump(snap))


def _reuse(state: State, inputs: str, found: Discovery, outbox: Path) -> _Evaluation | None:
    """The last run's evaluation when nothing it depends on changed (pipeline.snapshot)."""
    blob = state.snapshot(inputs)
    snap = snapshot.load(blob) if blob and (outbox / "records.json").is_file() else None
    if snap is None:
        return None
    stats = ReadStats(seen=len(found.files) + len(found.pending), cached=len(found.files),
                      pending=len(found.pending), failed=snap.failed, reused=True)
    return _Evaluation(snap, stats, None)


@dataclass
class StageContext:
    """What a later stage (drafts, register) may use and report."""

    cfg: Config
    inbox: Path
    outbox: Path
    state: State
    run: dict[str, Any]
    findings: list[Finding]
    load_results: Callable[[], list[FileResult]]  # the records are loaded only when a stage needs them
    notes: list[str] = field(default_factory=list)  # e.g. "3 drafts written", shown in the summary

    @cached_property
    def results(self) -> list[FileResult]:
        return self.load_results()


def _run_info(started: dt.datetime, cfg: Config, digest: str, stats: ReadStats) -> dict[str, Any]:
    return {
        "id": f"{started:%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}",
        "as_of": cfg.as_of.isoformat(),
        "started": started.isoformat(timespec="seconds"),
        "finished": None,
        "tool_version": __version__,
        "rules_digest": digest,
        "files_seen": stats.seen,
        "files_read": stats.read,
        "files_cached": stats.cached,
        "files_failed": stats.failed,
        "files_pending": stats.pending,
    }


def exit_code(findings: list[Finding], fail_on: str) -> int:
    """1 when a finding (not waived) is at or above the fail-on severity, else 0 (SPEC §7)."""
    if fail_on == "never":
        return 0
    limit = SEVERITY_ORDER[fail_on]
    return int(any(SEVERITY_ORDER[f.severity] <= limit and not f.waived for f in findings))


def _summary(run: dict[str, Any], stats: ReadStats, findings: list[Finding], resolved: int, notes: list[str],
             seconds: float) -> str:
    counts = ", ".join(f"{s} {sum(f.severity == s and not f.waived for f in findings)}" for s in SEVERITY_ORDER)
    new = sum(f.status == "new" for f in findings)
    extra = "".join(f"; {note}" for note in notes)
    if stats.reused:
        extra += "; nothing changed since the last run (its findings reused)"
    return (f"qms: {stats.seen} files seen, {stats.read} read, {stats.cached} cached, {stats.pending} pending, "
            f"{stats.failed} failed; findings: {counts}; new {new}, resolved {resolved}{extra}; {seconds:.1f} s")


class _Progress:
    """A progress bar on a terminal; plain log lines (every 10 %) under cron or in CI."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.done, self.bar = total, 0, None
        if enabled and total and sys.stderr.isatty() and not os.environ.get("QMS_NO_PROGRESS"):
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="file", file=sys.stderr, leave=False)

    def step(self, rel: str) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update(1)
        elif self.total >= 20 and self.done % max(1, self.total // 10) == 0:
            log.info("read %d/%d files", self.done, self.total)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


class _LogCollector(logging.Handler):
    """Keeps this run's log lines for runs/<id>/run.log."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))

    @classmethod
    def install(cls) -> _LogCollector:
        handler = cls()
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        return handler

    def remove(self) -> None:
        log.removeHandler(self)
