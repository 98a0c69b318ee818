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
    _replace(target, "wb", lambda fh: fh.write(data))


def write_text_stream(target: Path, chunks: Iterable[str]) -> None:
    """write_bytes for text produced piece by piece (UTF-8), never held whole in memory."""
    _replace(target, "w", lambda fh: fh.writelines(chunks))


def write_json(target: Path, data: Any, compact_depth: int = 4) -> None:
    """Dates (and sets) anywhere in `data` are written as YYYY-MM-DD (sorted lists) while encoding;
    indented down to `compact_depth`, one line per value below (pipeline.emit.json_stream)."""
    from pipeline.emit.json_stream import json_chunks

    write_text_stream(target, chain(json_chunks(data, compact_depth), ["\n"]))


def _replace(target: Path, mode: str, write: Callable[[IO[Any]], object]) -> None:
    """Write a temp file beside `target` with `write`, flush it to disk, rename it over `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        text = {"encoding": "utf-8", "newline": "\n"} if "b" not in mode else {}
        with os.fdopen(fd, mode, buffering=1 << 20, **text) as fh:
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
