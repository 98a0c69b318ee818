"""One run per outbox at a time (SPEC §8): an OS file lock plus a note naming its holder.

The lock is an OS-level lock (filelock: fcntl on Linux, msvcrt on Windows), so it dies with its
process: a lock left by a crashed run is simply taken over. The note beside it (host, pid, start)
is only for the message a second run prints. Keep it on local disk: some network mounts ignore
file locks — it lives beside the state database, whose path is configurable.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout


class LockHeld(Exception):
    """Another run holds the lock (exit code 3)."""


@contextmanager
def run_lock(path: Path, wait: bool = False) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    note = path.with_name(path.name + ".owner")
    lock = FileLock(str(path))
    try:
        lock.acquire(timeout=-1 if wait else 0)
    except Timeout as exc:
        raise LockHeld(f"another qms run holds {path}: {_holder(note)}") from exc
    try:
        note.write_text(json.dumps({
            "host": socket.gethostname(), "pid": os.getpid(),
            "started": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        }), encoding="utf-8")
        yield
    finally:
        try:
            note.unlink()
        except OSError:
            pass
        lock.release()


def _holder(note: Path) -> str:
    try:
        info = json.loads(note.read_text(encoding="utf-8"))
        return f"host {info.get('host')}, pid {info.get('pid')}, since {info.get('started')}"
    except (OSError, ValueError):
        return "holder unknown"
