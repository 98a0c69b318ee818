"""A process pool whose parent enforces a time limit per task.

A damaged PDF can hang pdfminer forever, and code cannot time itself out reliably, so each
file is handled in a worker process; when a file exceeds its limit the parent kills that worker,
reports the file as timed out and starts a fresh worker. A worker that dies (segfault, OOM) costs
only its current file. Works with fork (Linux) and spawn (Windows).
"""

from __future__ import annotations

import multiprocessing as mp
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any


@dataclass
class TaskFailure:
    """The task did not return: `kind` is "timeout" or "crashed"; `detail` says more."""

    kind: str
    detail: str = ""


def _cap_memory(limit: int | None) -> None:
    """A decompression bomb inside a PDF stream is bounded by time only; cap memory too (POSIX)."""
    if not limit:
        return
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # Windows, or a lower hard limit already set
        pass


def _worker_main(fn: Callable[[Any], Any], conn: Connection, memory_limit: int | None = None) -> None:
    _cap_memory(memory_limit)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        try:
            result: Any = fn(task)
        except BaseException as exc:  # noqa: BLE001 — one file must never stop the run
            result = TaskFailure("crashed", f"{type(exc).__name__}: {exc}")
        try:
            conn.send(result)
        except Exception as exc:  # unpicklable result
            conn.send(TaskFailure("crashed", f"result not transferable: {exc}"))


class _Worker:
    def __init__(self, ctx: mp.context.BaseContext, fn: Callable[[Any], Any], memory_limit: int | None) -> None:
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(fn, child, memory_limit), daemon=True)
        self.proc.start()
        child.close()
        self.task: Any = None
        self.heavy = False
        self.deadline = 0.0

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.proc.join(2)
        if self.proc.is_alive():
            self.kill()
        self.conn.close()


def run_tasks(
    fn: Callable[[Any], Any], tasks: Iterable[Any], jobs: int, timeout: float, memory_limit: int | None = None,
    heavy: Callable[[Any], bool] | None = None,
) -> Iterator[tuple[Any, Any]]:
    """Yield (task, result or TaskFailure) as tasks finish; `fn` must be a module-level function.

    `heavy` tasks (a 100,000-row register: hundreds of MB while read) start first — the longest
    tasks first, so no core idles at the end — but never two at once: while one is read, the other
    workers take the light tasks, and the memory of the process tree stays that of one heavy file."""
    ctx = mp.get_context()
    pending = list(tasks)
    heavies = deque(t for t in pending if heavy and heavy(t))
    queue = deque(t for t in pending if not (heavy and heavy(t)))
    total = len(heavies) + len(queue)
    idle = [_Worker(ctx, fn, memory_limit) for _ in range(max(1, min(jobs, total)))] if total else []
    busy: dict[Connection, _Worker] = {}
    heavy_busy = False
    try:
        while queue or heavies or busy:
            while idle and (queue or (heavies and not heavy_busy)):
                worker = idle.pop()
                if heavies and not heavy_busy:
                    worker.task, worker.heavy, heavy_busy = heavies.popleft(), True, True
                else:
                    worker.task, worker.heavy = queue.popleft(), False
                worker.deadline = time.monotonic() + timeout
                worker.conn.send(worker.task)
                busy[worker.conn] = worker
            if not busy:  # a heavy task waits only while another is busy: tasks left with none running is a bug
                raise RuntimeError(f"worker pool stalled with {len(queue) + len(heavies)} tasks left")
            wait_for = max(0.0, min(w.deadline for w in busy.values()) - time.monotonic())
            ready = wait(list(busy), timeout=wait_for)
            for conn in ready:
                worker = busy.pop(conn)  # type: ignore[arg-type]
                heavy_busy = heavy_busy and not worker.heavy
                try:
                    result = conn.recv()  # type: ignore[union-attr]
                except (EOFError, OSError):
                    worker.kill()
                    code = worker.proc.exitcode
                    yield worker.task, TaskFailure("crashed", f"worker process died (exit code {code})")
                    idle.append(_Worker(ctx, fn, memory_limit))
                    continue
                yield worker.task, result
                idle.append(worker)
            now = time.monotonic()
            for conn, worker in list(busy.items()):
                if worker.deadline <= now:
                    del busy[conn]
                    heavy_busy = heavy_busy and not worker.heavy
                    worker.kill()
                    yield worker.task, TaskFailure("timeout", f"no result after {timeout:g} s; process killed")
                    idle.append(_Worker(ctx, fn, memory_limit))
    finally:
        for worker in idle:
            worker.stop()
        for worker in busy.values():
            worker.kill()
