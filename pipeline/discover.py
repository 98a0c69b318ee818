"""Find the files to read in the inbox — read-only, never following links out of it (SPEC §8)."""

from __future__ import annotations

import fnmatch
import os
import time
from dataclasses import dataclass
from pathlib import Path

SUPPORTED = {".docx", ".docm", ".dotx", ".pdf", ".xlsx", ".xlsm", ".csv"}
LEGACY = {".doc", ".xls"}  # read only to say clearly that they are legacy formats


@dataclass(frozen=True)
class InboxFile:
    rel: str  # POSIX path relative to the inbox
    path: str  # absolute path
    size: int
    mtime_ns: int


@dataclass
class Discovery:
    files: list[InboxFile]
    pending: list[InboxFile]  # modified within settle_seconds: being copied, read next run
    skipped_links: list[str]  # symlinks pointing outside the inbox


def is_ignored(name: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatchcase(name, p) or fnmatch.fnmatch(name.lower(), p.lower()) for p in patterns)


def discover(inbox: Path, ignore: list[str], settle_seconds: float = 0.0, now: float | None = None) -> Discovery:
    """Walk the inbox (subfolders included), in a stable order."""
    root = inbox.resolve()
    now = time.time() if now is None else now
    found = Discovery(files=[], pending=[], skipped_links=[])
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not is_ignored(d, ignore) and _inside(here / d, root, found))
        for name in sorted(filenames):
            if is_ignored(name, ignore) or Path(name).suffix.lower() not in SUPPORTED | LEGACY:
                continue
            path = here / name
            if not _inside(path, root, found):
                continue
            try:
                st = path.stat()
            except OSError:
                continue  # vanished while walking
            item = InboxFile(path.relative_to(root).as_posix(), str(path), st.st_size, st.st_mtime_ns)
            if settle_seconds and now - st.st_mtime_ns / 1e9 < settle_seconds:
                found.pending.append(item)
            else:
                found.files.append(item)
    return found


def _inside(path: Path, root: Path, found: Discovery) -> bool:
    """A symlink is followed only when its target stays inside the inbox."""
    if not path.is_symlink():
        return True
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        found.skipped_links.append(path.relative_to(root).as_posix())
        return False
    if target.is_relative_to(root):
        return not target.is_dir()  # a linked folder inside the inbox is walked once, as itself
    found.skipped_links.append(path.relative_to(root).as_posix())
    return False
