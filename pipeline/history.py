"""Run history: outbox/runs/<run-id>/ with that run's findings.json, log and input manifest (SPEC §6, §8)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from pipeline.emit.atomic import write_bytes, write_json


def write_history(runs_dir: Path, run_id: str, findings: Path, manifest: list[dict[str, Any]],
                  log_lines: list[str], keep: int) -> Path:
    """`findings`: this run's findings.json, just written (kept as a hard link where the file system
    allows — the outbox copy is only ever replaced, never changed in place — else copied);
    `manifest`: each input file's {file, size, sha256, kind}."""
    folder = runs_dir / run_id
    folder.mkdir(parents=True, exist_ok=True)
    kept = folder / "findings.json"
    try:
        os.link(findings, kept)
    except OSError:  # FAT, some network shares: a copy
        write_bytes(kept, findings.read_bytes())
    write_json(folder / "manifest.json", {"run": run_id, "files": manifest})
    write_bytes(folder / "run.log", ("\n".join(log_lines) + "\n").encode("utf-8"))
    prune(runs_dir, keep)
    return folder


def prune(runs_dir: Path, keep: int) -> None:
    """Keep the newest `keep` runs (run ids start with their start time, so names sort by age)."""
    runs = sorted(p for p in runs_dir.iterdir() if p.is_dir())
    for old in runs[: max(0, len(runs) - keep)]:
        shutil.rmtree(old, ignore_errors=True)
