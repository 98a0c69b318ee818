"""Run `qms check` as a child process and measure it: wall time and peak RSS of its process tree.

The tree (the run's parent and its worker processes) is found by process group: the run is
started in a session of its own, and workers inherit its group. RSS is sampled from /proc every
0.1 s (Linux), so a peak shorter than that can be missed; RSS counts pages shared by forked
workers once per process, as `ps` does.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

AS_OF = "2026-11-22"  # the scenario date of the sample inbox the forms are drawn from
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
MB = 1024 * 1024
_COUNTS = re.compile(r"(\d+) read, (\d+) cached")


@dataclass
class Run:
    seconds: float
    peak_mb: float  # whole process tree
    peak_parent_mb: float  # the run's own process (results, checks, outputs)
    peak_worker_mb: float  # the largest worker
    summary: str  # qms's closing line
    exit_code: int
    read: int = -1  # files read (not taken from the cache), from the summary
    cached: int = -1


def qms_check(inbox: Path, outbox: Path, jobs: int, timeout: float = 1800) -> Run:
    """One `qms check` over `inbox` (outbox and its state database are reused when present).

    A run still going after `timeout` seconds is killed (its whole process group) and reported
    with exit code -9, so one pathological stage cannot hang the benchmark."""
    cmd = [sys.executable, "-m", "pipeline", "check", "--inbox", str(inbox), "--outbox", str(outbox),
           "--as-of", AS_OF, "--fail-on", "never", "--jobs", str(jobs)]
    env = os.environ | {"QMS_NO_PROGRESS": "1"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, start_new_session=True)
        sampler = _Sampler(proc.pid)
        sampler.start()
        try:
            code = proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            code = -9
        seconds = time.perf_counter() - started
        sampler.stop()
        out.seek(0)
        err.seek(0)
        lines = out.read().decode("utf-8", "replace").strip().splitlines()
        if code not in (0, 1, -9):
            raise RuntimeError(f"qms check failed ({code}): {err.read().decode('utf-8', 'replace')[-2000:]}")
    summary = lines[-1] if lines else ""
    counts = _COUNTS.search(summary)
    read, cached = (int(counts.group(1)), int(counts.group(2))) if counts else (-1, -1)
    return Run(seconds, sampler.peak / MB, sampler.parent / MB, sampler.worker / MB, summary, code, read, cached)


class _Sampler(threading.Thread):
    def __init__(self, group: int) -> None:
        super().__init__(daemon=True)
        self.group = group
        self.peak = self.parent = self.worker = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.1):
            self.sample()

    def stop(self) -> None:
        self._done.set()
        self.join()

    def sample(self) -> None:
        sizes = tree_rss(self.group)
        self.peak = max(self.peak, sum(sizes.values()))
        self.parent = max(self.parent, sizes.get(self.group, 0))
        self.worker = max([self.worker, *(v for pid, v in sizes.items() if pid != self.group)])


def tree_rss(group: int) -> dict[int, int]:
    """RSS in bytes of every live process of process group `group`."""
    out: dict[int, int] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                fields = fh.read().rsplit(b")", 1)[1].split()
            if int(fields[2]) != group:
                continue
            with open(f"/proc/{name}/statm", "rb") as fh:
                out[int(name)] = int(fh.read().split()[1]) * PAGE
        except (OSError, IndexError, ValueError):
            continue  # ended meanwhile
    return out
