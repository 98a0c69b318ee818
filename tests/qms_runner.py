"""Run the real `qms` command in a subprocess, as users and the scheduler do."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


@dataclass
class QmsRun:
    code: int
    stdout: str
    stderr: str
    outbox: Path | None

    def json(self, name: str) -> Any:
        assert self.outbox is not None
        return json.loads((self.outbox / name).read_text(encoding="utf-8"))


def qms_command() -> list[str]:
    script = Path(sys.executable).parent / ("qms.exe" if os.name == "nt" else "qms")
    return [str(script)] if script.exists() else [sys.executable, "-m", "pipeline"]


def run_qms(*args: str, outbox: Path | None = None, cwd: Path = ROOT, timeout: float = 600) -> QmsRun:
    env = {**os.environ, "QMS_NO_PROGRESS": "1", "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run(
        [*qms_command(), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout,
        encoding="utf-8",
    )
    return QmsRun(proc.returncode, proc.stdout, proc.stderr, outbox)
