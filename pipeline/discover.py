"""Find the files to read in the inbox — read-only, never following links out of it (SPEC §8)."""

from __future__ import annotations

import fnmatch
import os
import re
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

SUPPORTED = {".docx", ".docm", ".dotx", ".pdf", ".xlsx", ".xlsm", ".csv"}
LEGACY = {".doc", ".xls"}  # read only to say clearly that they are legacy formats
_WANTED = SUPPORTED | LEGACY


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
    """`name` matches one of the glob patterns, case-insensitively (Windows names)."""
    return _ignore_pattern(tuple(patterns)).match(name.lower()) is not None


@lru_cache(maxsize=8)
def _ignore_pattern(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """All patterns as one compiled regex (an inbox of 10,000 files asks 10,000 times)."""
    return re.compile("|".join(fnmatch.translate(p.lower()) for p in patterns) or r"(?!)")


def discover(inbox: Path, ignore: list[str], settle_seconds: float = 0.0, now: float | None = None) -> Discovery:
    """Walk the inbox (subfolders included) in a stable order: a folder's files by name, then its
    subfolders by name. os.scandir gives each entry's type without a stat; one stat per file."""
    root = inbox.resolve()
    now = time.time() if now is None else now
    found = Discovery(files=[], pending=[], skipped_links=[])
    folders = [(str(root), "")]
    while folders:
        folder, prefix = folders.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            continue  # vanished or unreadable while walking
        subfolders = []
        for entry in entries:
            name = entry.name
            if is_ignored(name, ignore):
                continue
            try:
                if entry.is_symlink() and not _inside(Path(entry.path), root, found):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    subfolders.append((entry.path, f"{prefix}{name}/"))
                    continue
                if os.path.splitext(name)[1].lower() not in _WANTED:
                    continue
                st = entry.stat()
            except OSError:
                continue  # vanished while walking
            item = InboxFile(prefix + name, entry.path, st.st_size, st.st_mtime_ns)
            if settle_seconds and now - st.st_mtime_ns / 1e9 < settle_seconds:
                found.pending.append(item)
            else:
                found.files.append(item)
        folders.extend(reversed(subfolders))  # popped in name order, depth first
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
