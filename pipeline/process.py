"""The work done for one file inside a worker process: read → classify → extract.

Pure apart from reading the one file; returns a picklable FileResult so the parent can reconcile.
"""

from __future__ import annotations

import hashlib
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any

from pipeline.errors import ReadError
from pipeline.extract import ExtractContext
from pipeline.gc_pause import collector_paused
from pipeline.limits import Limits
from pipeline.records import Record

SPREADSHEET_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm")


@dataclass
class FileTask:
    rel: str
    path: str
    size: int
    mtime_ns: int
    limits: Limits
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class FileResult:
    rel: str
    size: int
    mtime_ns: int
    sha256: str = ""
    records: list[Record] = field(default_factory=list)
    error: str | None = None  # ReadError reason, when unreadable
    error_detail: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        if self.error:
            return "unreadable"
        return self.records[0].kind if self.records else "unknown"


def sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def process_file(task: FileTask) -> FileResult:
    """Read one file; any failure becomes a typed error on the result, never an exception."""
    from pipeline.extract.classify import extract_document
    from pipeline.readers import read_file

    result = FileResult(rel=task.rel, size=task.size, mtime_ns=task.mtime_ns)
    try:
        result.sha256 = sha256_of(task.path)
        # A spreadsheet's rows are hundreds of thousands of objects, all kept: no collector passes
        # meanwhile. Not for DOCX/PDF, whose parsers make cyclic garbage a hostile file can multiply.
        with collector_paused() if task.path.lower().endswith(SPREADSHEET_SUFFIXES) else nullcontext():
            doc = read_file(task.path, task.rel, task.limits)
            result.warnings = list(doc.warnings)
            result.records = extract_document(doc, ExtractContext(path=task.rel, params=task.params))
    except ReadError as exc:
        result.error, result.error_detail = exc.reason, exc.detail
    except MemoryError:
        result.error, result.error_detail = "too_large", "out of memory while reading"
    except RecursionError:
        result.error, result.error_detail = "corrupt", "structure nested too deeply"
    except OSError as exc:
        result.error, result.error_detail = "corrupt", f"cannot open: {exc.strerror or exc}"
    except Exception as exc:  # noqa: BLE001 — a reader or extractor bug must cost one file only
        result.error, result.error_detail = "crashed", f"{type(exc).__name__}: {exc}"
    return result
