"""The state database (SQLite, stdlib): cached extractions, finding history, drafts, runs (SPEC §8).

Why SQLite and why its path is configurable: it is embedded and transactional, but SQLite over a
network share (SMB/NFS) is unsafe — its locking is unreliable there — so on a shared drive point
`state_path` at local disk of the machine that runs `qms nightly`.

A state database that is missing, unreadable or corrupt is set aside and rebuilt from the inbox:
the state is a cache plus history, never the only copy of anything people need.
"""

from __future__ import annotations

import datetime as dt
import logging
import pickle
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.process import FileResult

log = logging.getLogger("qms")
SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    rel TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, sha256 TEXT NOT NULL,
    extractor TEXT NOT NULL, result BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS findings (
    id TEXT PRIMARY KEY, rule TEXT NOT NULL, subject TEXT NOT NULL, file TEXT, first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL, status TEXT NOT NULL, draft TEXT);
CREATE TABLE IF NOT EXISTS drafts (
    finding_id TEXT PRIMARY KEY, number TEXT NOT NULL, path TEXT NOT NULL, created TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    id TEXT PRIMARY KEY, started TEXT NOT NULL, finished TEXT, as_of TEXT NOT NULL, summary TEXT);
CREATE TABLE IF NOT EXISTS snapshot (
    id INTEGER PRIMARY KEY CHECK (id = 1), inputs TEXT NOT NULL, blob BLOB NOT NULL);
"""


@dataclass
class Cached:
    size: int
    mtime_ns: int
    sha256: str
    result: FileResult


class State:
    """One connection, one transaction per run (committed at the end by `commit`)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.warnings: list[str] = []
        self.db = self._open()
        self._loaded: dict[str, tuple[str, int, int, str]] = {}  # rel → (extractor, size, mtime, sha) as stored

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.exists():
            problem = _health(self.path)
            if problem:
                timestamp = dt.datetime.now()  # wall clock for a file name, not a rule date
                aside = self.path.with_name(f"{self.path.name}.broken-{timestamp:%Y%m%dT%H%M%S}")
                self.path.replace(aside)
                for suffix in ("-wal", "-shm", "-journal"):
                    side = self.path.with_name(self.path.name + suffix)
                    if side.exists():
                        side.replace(aside.with_name(aside.name + suffix))
                self.warnings.append(f"state database {self.path} was unusable ({problem}); set aside as "
                                     f"{aside.name} and rebuilt from the inbox")
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.executescript(SCHEMA)
        version = db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        if version is None:
            db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        db.execute("BEGIN IMMEDIATE")
        return db

    # -- cached extractions ---------------------------------------------------------------
    def cached(self, extractor: str) -> dict[str, Cached]:
        out: dict[str, Cached] = {}
        rows = self.db.execute("SELECT rel, size, mtime_ns, sha256, result FROM files WHERE extractor = ?",
                               (extractor,))
        for rel, size, mtime_ns, sha, blob in rows:
            try:
                result = pickle.loads(blob)  # noqa: S301 — our own cache, written by this program
            except Exception:  # noqa: BLE001 — an old or damaged entry is simply re-read
                continue
            out[rel] = Cached(size, mtime_ns, sha, result)
            self._loaded[rel] = (extractor, size, mtime_ns, sha)
        return out

    def store(self, results: Iterable[FileResult], extractor: str, present: set[str]) -> None:
        """Remember every result (timeouts too: a file that hangs is not retried until it changes).

        A result taken from the cache unchanged (same extractor, size, mtime, hash as its stored
        row) is not pickled and written again: on a warm run over a big inbox that rewrite was
        most of the state's cost (two 100,000-row registers pickle to tens of MB)."""
        self.db.executemany(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?)",
            ((r.rel, r.size, r.mtime_ns, r.sha256, extractor, pickle.dumps(r, pickle.HIGHEST_PROTOCOL))
             for r in results  # one pickled result at a time, not all of them at once
             if r.sha256 and self._loaded.get(r.rel) != (extractor, r.size, r.mtime_ns, r.sha256)),
        )
        known = {row[0] for row in self.db.execute("SELECT rel FROM files")}
        self.db.executemany("DELETE FROM files WHERE rel = ?", [(rel,) for rel in known - present])

    # -- the last evaluation (pipeline.snapshot) -------------------------------------------
    def snapshot(self, inputs: str) -> bytes | None:
        row = self.db.execute("SELECT blob FROM snapshot WHERE id = 1 AND inputs = ?", (inputs,)).fetchone()
        return row[0] if row else None

    def save_snapshot(self, inputs: str, blob: bytes) -> None:
        self.db.execute("INSERT OR REPLACE INTO snapshot VALUES (1, ?, ?)", (inputs, blob))

    # -- finding history ------------------------------------------------------------------
    def open_findings(self) -> dict[str, Any] | None:
        """The previous run's open findings in findings.json's shape, or None on a first run."""
        if self.db.execute("SELECT COUNT(*) FROM runs WHERE finished IS NOT NULL").fetchone()[0] == 0:
            return None
        rows = self.db.execute("SELECT id, rule, subject, file, first_seen, draft FROM findings WHERE status='open'")
        keys = ("id", "rule", "subject", "file", "first_seen", "draft")
        return {"findings": [dict(zip(keys, row, strict=True)) for row in rows]}

    def save_findings(self, findings: Iterable[Any], as_of: str) -> None:
        current = {f.id: f for f in findings}
        self.db.execute("UPDATE findings SET status='resolved' WHERE status='open'")
        self.db.executemany(
            "INSERT INTO findings VALUES (?, ?, ?, ?, ?, ?, 'open', ?) ON CONFLICT(id) DO UPDATE SET "
            "status='open', last_seen=excluded.last_seen, subject=excluded.subject, file=excluded.file, "
            "draft=COALESCE(findings.draft, excluded.draft)",
            [(f.id, f.rule, f.subject, f.file, f.first_seen or as_of, as_of, f.draft) for f in current.values()],
        )

    # -- drafts ---------------------------------------------------------------------------
    def drafts(self) -> dict[str, tuple[str, str]]:
        rows = self.db.execute("SELECT finding_id, number, path FROM drafts")
        return {fid: (number, path) for fid, number, path in rows}

    def add_draft(self, finding_id: str, number: str, path: str) -> None:
        self.db.execute("INSERT OR IGNORE INTO drafts VALUES (?, ?, ?, ?)",
                        (finding_id, number, path, _timestamp()))

    # -- runs -----------------------------------------------------------------------------
    def record_run(self, run: dict[str, Any], summary: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO runs VALUES (?, ?, ?, ?, ?)",
                        (run["id"], run["started"], run["finished"], run["as_of"], summary))

    def commit(self) -> None:
        self.db.execute("COMMIT")

    def close(self) -> None:
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")
        self.db.close()


def _health(path: Path) -> str | None:
    """None when the database opens and passes a quick check; else what is wrong."""
    try:
        db = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True, timeout=5)
        try:
            result = db.execute("PRAGMA quick_check").fetchone()
            if not result or result[0] != "ok":
                return f"quick_check: {result[0] if result else 'no answer'}"
            db.execute("SELECT COUNT(*) FROM files").fetchone()
        finally:
            db.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return None


def _timestamp() -> str:
    """Wall-clock time of a state change (history only; rules take dates from --as-of)."""
    return dt.datetime.now().isoformat(timespec="seconds")  # a timestamp, not a rule date
