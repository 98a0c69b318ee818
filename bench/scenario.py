"""One benchmark run (SPEC §10): every figure and reference measured in the same session.

1. the inbox of N files (and one of 1,000 files for the memory comparison);
2. `qms check` over it cold, warm (nothing changed), after touching 1 % of files (new mtime,
   same bytes: hashed, not re-read) and after editing 1 % (new bytes: re-read);
3. per kind, cold, on inboxes holding only that kind: DOCX forms, PDF forms, the XLSX log, the
   CSV log; and the references on the same files (bench/references.py).
"""

from __future__ import annotations

import os
import random
import shutil
import time
from pathlib import Path
from typing import Any

from bench.generate import LOG_ROWS, Inventory, build_inbox
from bench.measure import Run, qms_check
from bench.references import docx_floor, frictionless_register, pdfplumber_own, qms_reader, timed_pool

DOCX_SAMPLE = 1000  # forms in the DOCX-only inbox (and the floor's files)
PDF_SAMPLE = 100  # PDFs in the PDF-only inbox (and pdfplumber's files)
MEMORY_SMALL = 1000  # the smaller inbox of the memory comparison


def run_all(workdir: Path, n: int, jobs: int, rows: int = LOG_ROWS, log: Any = print) -> dict[str, Any]:
    figures: dict[str, Any] = {"files": n, "jobs": jobs}
    started = time.perf_counter()
    inv = _inbox(workdir / f"inbox-{n}", n, rows, figures, log)

    log(f"cold run over {inv.count()} files …")
    figures["cold"] = _run_dir(Path(inv.root), workdir / "out-full", jobs)
    log("warm rerun …")
    figures["warm"] = _run(inv, workdir / "out-full", jobs)
    log("rerun after touching 1 % …")
    _touch(inv, 0.01)
    figures["touched"] = _run(inv, workdir / "out-full", jobs)
    log("rerun after editing 1 % …")
    figures["edited_files"] = _edit(inv, 0.01)
    figures["edited"] = _run(inv, workdir / "out-full", jobs)

    if n == MEMORY_SMALL:
        figures["small"] = figures["cold"]
    else:
        small = _inbox(workdir / f"inbox-{MEMORY_SMALL}", MEMORY_SMALL, rows, {}, log)
        log(f"cold run over {small.count()} files (memory) …")
        figures["small"] = _run_dir(Path(small.root), workdir / "out-small", jobs)

    figures["kinds"] = _kinds(inv, workdir, jobs, log)
    figures["total_seconds"] = time.perf_counter() - started
    return figures


def _inbox(root: Path, n: int, rows: int, figures: dict[str, Any], log: Any) -> Inventory:
    if root.exists():
        shutil.rmtree(root)
    log(f"generating {n} files under {root} …")
    started = time.perf_counter()
    inv = build_inbox(root, n, rows)
    figures["generated_seconds"] = time.perf_counter() - started
    figures["counts"] = {kind: len(paths) for kind, paths in inv.files.items()}
    figures["pdf_pages"], figures["log_rows"] = inv.pdf_pages, inv.log_rows
    return inv


def _run(inv: Inventory, outbox: Path, jobs: int) -> dict[str, Any]:
    result: Run = qms_check(Path(inv.root), outbox, jobs)
    return vars(result)


def _touch(inv: Inventory, share: float) -> None:
    """A new mtime on `share` of all files (bytes unchanged)."""
    everything = [p for kind in inv.files for p in inv.paths(kind)]
    now = time.time() - 3600  # "saved an hour ago": outside any settle window
    for path in random.Random(1).sample(everything, max(1, int(len(everything) * share))):
        os.utime(path, (now, now))


def _edit(inv: Inventory, share: float) -> int:
    """New bytes in `share` of the DOCX forms: each takes the next one's content (a real change)."""
    forms = inv.paths("docx_forms")
    chosen = random.Random(2).sample(forms, max(1, int(len(forms) * share))) if len(forms) > 1 else []
    contents = [p.read_bytes() for p in chosen]
    now = time.time() - 3600
    for path, data in zip(chosen, contents[1:] + contents[:1], strict=True):
        path.write_bytes(data)
        os.utime(path, (now, now))
    return len(chosen)


def _subset(inv: Inventory, kind: str, limit: int, root: Path) -> list[Path]:
    """An inbox of the first `limit` files of a kind (hard links, or copies across devices)."""
    if root.exists():
        shutil.rmtree(root)
    out = []
    for rel in inv.files.get(kind, [])[:limit]:
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(Path(inv.root) / rel, target)
        except OSError:
            shutil.copy2(Path(inv.root) / rel, target)
        out.append(target)
    return out


def _kinds(inv: Inventory, workdir: Path, jobs: int, log: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    docx = _subset(inv, "docx_forms", DOCX_SAMPLE, workdir / "only-docx")
    if docx:
        log(f"DOCX forms only ({len(docx)}) and the floor …")
        out["docx"] = {"files": len(docx), "run": _run_dir(workdir / "only-docx", workdir / "out-docx", jobs),
                       "floor_seconds": timed_pool(docx_floor, docx, jobs),
                       "reader_seconds": timed_pool(qms_reader, docx, jobs)}
    pdfs = _subset(inv, "pdf_forms", PDF_SAMPLE, workdir / "only-pdf")
    if pdfs:
        log(f"PDF forms only ({len(pdfs)}) and pdfplumber …")
        pages = round(inv.pdf_pages * len(pdfs) / max(1, len(inv.files["pdf_forms"])))
        out["pdf"] = {"files": len(pdfs), "pages": pages,
                      "run": _run_dir(workdir / "only-pdf", workdir / "out-pdf", jobs),
                      "pdfplumber_seconds": timed_pool(pdfplumber_own, pdfs, jobs),
                      "reader_seconds": timed_pool(qms_reader, pdfs, jobs)}
    for kind in ("log_xlsx", "log_csv"):
        files = _subset(inv, kind, 1, workdir / f"only-{kind}")
        if files:
            log(f"register {files[0].name} only and frictionless …")
            seconds, rows = frictionless_register(files[0])
            out[kind] = {"rows": inv.log_rows, "run": _run_dir(workdir / f"only-{kind}", workdir / f"out-{kind}", 1),
                         "frictionless_seconds": seconds, "frictionless_rows": rows}
    return out


def _run_dir(inbox: Path, outbox: Path, jobs: int) -> dict[str, Any]:
    if outbox.exists():
        shutil.rmtree(outbox)
    return vars(qms_check(inbox, outbox, jobs))
