"""Atomic replacement: write a temp file beside the target, flush to disk, then rename over it.

A crash or kill at any moment leaves either the previous complete file or the new one (SPEC §8).
os.replace is atomic on POSIX and on Windows (same volume).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable, Iterable
from itertools import chain
from pathlib import Path
from typing import IO, Any


def write_bytes(target: Path, data: bytes) -> None:
    _replace(target, lambda fh: fh.write(data))


def write_chunks(target: Path, chunks: Iterable[bytes]) -> None:
    """write_bytes for content produced piece by piece, never held whole in memory."""
    _replace(target, lambda fh: fh.writelines(chunks))


def write_json(target: Path, data: Any, compact_depth: int = 4) -> None:
    """Dates (and sets) anywhere in `data` are written as YYYY-MM-DD (sorted lists) while encoding;
    indented down to `compact_depth`, one line per value below (pipeline.emit.json_stream)."""
    from pipeline.emit.json_stream import json_chunks

    write_chunks(target, chain(json_chunks(data, compact_depth), [b"\n"]))


def _replace(target: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Write a temp file beside `target` with `write`, flush it to disk, rename it over `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb", buffering=1 << 20) as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def read_json(path: Path) -> Any | None:
    """The previous output, or None when absent or unreadable (a damaged file is not fatal)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
