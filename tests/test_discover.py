"""Discovery: ignored names, unsupported files, subfolders, symlinks out of the inbox, settling."""

from __future__ import annotations

import os
import time

from pipeline.config import DEFAULT_IGNORE
from pipeline.discover import discover


def _touch(path, data=b"x", age=1000):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    old = time.time() - age
    os.utime(path, (old, old))


def test_ignores_office_droppings_and_walks_subfolders(tmp_path):
    inbox = tmp_path / "inbox"
    for name in ["a.docx", "Phiếu HĐKP/2026/b.pdf", "c.xlsx", "d.csv", "e.doc", "f.xls",
                 "~$a.docx", ".~lock.a.docx#", "Thumbs.db", "desktop.ini", "x.tmp", "y.part",
                 ".hidden.docx", "notes.txt", "image.jpg", ".git/config.docx"]:
        _touch(inbox / name)
    found = discover(inbox, DEFAULT_IGNORE)
    assert [f.rel for f in found.files] == ["a.docx", "c.xlsx", "d.csv", "e.doc", "f.xls", "Phiếu HĐKP/2026/b.pdf"]


def test_symlink_out_of_inbox_is_not_followed(tmp_path):
    inbox, outside = tmp_path / "inbox", tmp_path / "secret"
    _touch(outside / "s.docx")
    _touch(inbox / "a.docx")
    (inbox / "link.docx").symlink_to(outside / "s.docx")
    (inbox / "linkdir").symlink_to(outside, target_is_directory=True)
    (inbox / "inner.docx").symlink_to(inbox / "a.docx")
    found = discover(inbox, DEFAULT_IGNORE)
    assert [f.rel for f in found.files] == ["a.docx", "inner.docx"]
    assert sorted(found.skipped_links) == ["link.docx", "linkdir"]


def test_recent_files_are_pending(tmp_path):
    inbox = tmp_path / "inbox"
    _touch(inbox / "old.docx", age=1000)
    _touch(inbox / "new.docx", age=10)
    found = discover(inbox, DEFAULT_IGNORE, settle_seconds=120)
    assert [f.rel for f in found.files] == ["old.docx"]
    assert [f.rel for f in found.pending] == ["new.docx"]
