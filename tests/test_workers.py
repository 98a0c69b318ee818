"""The worker pool enforces the per-file time limit from outside and survives dying workers."""

from __future__ import annotations

import os
import time

from pipeline.workers import TaskFailure, run_tasks


def _job(x: int) -> int:
    if x == 3:
        time.sleep(60)
    if x == 4:
        os._exit(9)
    if x == 5:
        raise ValueError("bad input")
    return x * 2


def test_timeouts_crashes_and_errors_cost_one_task_each():
    started = time.monotonic()
    results = dict(run_tasks(_job, range(8), jobs=2, timeout=2.0))
    assert time.monotonic() - started < 20
    assert set(results) == set(range(8))
    assert results[0] == 0 and results[7] == 14
    assert isinstance(results[3], TaskFailure) and results[3].kind == "timeout"
    assert isinstance(results[4], TaskFailure) and results[4].kind == "crashed"
    assert "exit code 9" in results[4].detail
    assert isinstance(results[5], TaskFailure) and "ValueError: bad input" in results[5].detail


def test_no_tasks_starts_nothing():
    assert list(run_tasks(_job, [], jobs=4, timeout=1)) == []


def _allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 1024 * 1024))


def test_memory_cap_turns_a_bomb_into_an_error_not_a_dead_machine():
    import sys

    if sys.platform == "win32":
        return
    results = dict(run_tasks(_allocate, [1, 4000], jobs=1, timeout=30, memory_limit=1024 * 1024 * 1024))
    assert results[1] == 1024 * 1024
    assert isinstance(results[4000], TaskFailure) and "MemoryError" in results[4000].detail


def _timed(task):
    name, seconds = task
    import time as _time

    start = _time.monotonic()
    _time.sleep(seconds)
    return start, _time.monotonic()


def test_heavy_tasks_start_first_and_never_overlap():
    tasks = [("light1", 0.3), ("heavy1", 0.6), ("light2", 0.3), ("heavy2", 0.6), ("light3", 0.3)]
    spans = dict(run_tasks(_timed, tasks, jobs=2, timeout=10, heavy=lambda t: t[0].startswith("heavy")))
    (h1s, h1e), (h2s, h2e) = spans[("heavy1", 0.6)], spans[("heavy2", 0.6)]
    assert h1e <= h2s or h2e <= h1s  # one heavy task at a time
    first_light = min(start for (name, _), (start, _) in spans.items() if name.startswith("light"))
    assert min(h1s, h2s) < first_light + 0.25  # a heavy task is taken in the first round, not last
    assert len(spans) == 5
