"""Shared fixtures: paths of the project and a fixed as_of (tests never depend on today)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 22)
os.environ.setdefault("QMS_NO_PROGRESS", "1")


def tree_digest(root: Path) -> dict[str, str]:
    """sha256 of every file under root (and the set of paths): proves a folder was not written."""
    out = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() or path.is_symlink():
            data = path.read_bytes() if path.is_file() else os.readlink(path).encode()
            out[path.relative_to(root).as_posix()] = hashlib.sha256(data).hexdigest()
        else:
            out[path.relative_to(root).as_posix() + "/"] = "dir"
    return out


def needs_soffice() -> pytest.MarkDecorator:
    return pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")


@pytest.fixture
def as_of() -> dt.date:
    return AS_OF
