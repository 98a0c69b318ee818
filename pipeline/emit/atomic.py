"""Atomic replacement: write a temp file beside the target, flush to disk, then rename over it.

A crash or kill at any moment leaves either the previous complete file or the new one (SPEC §8).
os.replace is atomic on POSIX and on Windows (same volume).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any


def write_bytes(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_json(target: Path, data: Any) -> None:
    """Dates (and sets) anywhere in `data` are written as YYYY-MM-DD (sorted lists) while encoding."""
    from pipeline.records import json_default

    text = json.dumps(data, ensure_ascii=False, indent=2, default=json_default)
    write_bytes(target, text.encode("utf-8") + b"\n")


def read_json(path: Path) -> Any | None:
    """The previous output, or None when absent or unreadable (a damaged file is not fatal)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
