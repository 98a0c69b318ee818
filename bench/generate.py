"""A synthetic inbox of N files with the mix of SPEC §10 (python -m bench.generate DIR --files N).

Mix: BM.CTCL.01 forms as DOCX (~70 %) and as PDF (~10 %), minutes/reviews/objectives (~8 %),
controlled documents (~6 %), small registers (~6 %), plus one 100,000-row CAPA log as XLSX and
as CSV that lists every DOCX form (same values) and older closed requests. Forms are drawn with
the project's BM.CTCL.01 layout (bench/forms.py); the other documents are copies of the sample
inbox files of their kind (themselves made from the project's templates); PDFs are byte copies
of a few LibreOffice exports (throughput only: the incremental cache is keyed by path, so a copy
is read like any other file). Everything is seeded: the same N gives the same inbox.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bench.forms import NC_CITED, BaseForm, make_pdfs, pick, render_bases, shift_years
from bench.register import log_row, write_log_csv, write_log_xlsx
from tools.samples.form_scenario_registers import LOG_ONLY

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "inbox"
MANIFESTS = ROOT / "tests" / "sample_expectations"
LOG_ROWS = 100_000
SHARES = {"pdf_forms": 0.10, "documents": 0.08, "controlled": 0.06, "registers": 0.06}
SAMPLE_KINDS = {
    "documents": {"review_report", "review_notice", "review_minutes", "objectives_plan", "objectives_report"},
    "controlled": {"controlled_document"},
    "registers": {"audit_register", "records_register", "document_register"},
    "nc_log": {"nc_log"},
}
# An agency keeps one nonconformity log: copies of it would repeat every nonconformity hundreds of
# times and turn the recurrence rules (CTCL030/031) into a different benchmark. One copy, always.
FOLDER_SIZE = 400  # files per subfolder, like a share organised by year and batch
STAMP = dt.datetime(2026, 11, 20, 8, 0).timestamp()  # every file "saved" before the run (settle time)


@dataclass
class Inventory:
    """What was written: relative paths by kind, and the facts throughput is computed from."""

    root: str
    files: dict[str, list[str]] = field(default_factory=dict)
    pdf_pages: int = 0
    log_rows: int = 0

    def count(self) -> int:
        return sum(len(v) for v in self.files.values())

    def paths(self, kind: str) -> list[Path]:
        return [Path(self.root) / rel for rel in self.files.get(kind, [])]

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=1), encoding="utf-8")


def counts(n: int) -> dict[str, int]:
    """Files per kind for an inbox of n files (the two log files included)."""
    out = {kind: round(share * n) for kind, share in SHARES.items()}
    out["nc_log"] = 1 if n >= 10 else 0
    out["registers"] = max(0, out["registers"] - 2 - out["nc_log"])
    out["docx_forms"] = max(0, n - 2 - sum(out.values()))
    return out


def build_inbox(root: Path, n: int, log_rows: int = LOG_ROWS, seed: int = 2026) -> Inventory:
    """Write the inbox under `root` (which must not exist yet)."""
    rng = random.Random(seed)
    root.mkdir(parents=True)
    inv = Inventory(str(root))
    want = counts(n)
    with tempfile.TemporaryDirectory(prefix="bench-bases-") as tmp:
        bases = render_bases(Path(tmp))
        inv.files["docx_forms"], form_values = _docx_forms(root, bases, want["docx_forms"], rng)
        inv.files["pdf_forms"] = _pdf_forms(root, bases, want["pdf_forms"], Path(tmp), inv)
    for kind in ("documents", "controlled", "registers", "nc_log"):
        inv.files[kind] = _copies(root, kind, want[kind])
    rows = _log_rows(form_values, log_rows, rng)
    inv.log_rows = len(rows)
    log_dir = root / "Sổ theo dõi"
    log_dir.mkdir(parents=True, exist_ok=True)
    write_log_xlsx(log_dir / "Sổ theo dõi HĐKP.xlsx", rows)
    write_log_csv(log_dir / "Sổ theo dõi HĐKP.csv", rows)
    inv.files["log_xlsx"] = ["Sổ theo dõi/Sổ theo dõi HĐKP.xlsx"]
    inv.files["log_csv"] = ["Sổ theo dõi/Sổ theo dõi HĐKP.csv"]
    for folder, _, names in os.walk(root):
        for name in names:
            os.utime(Path(folder) / name, (STAMP, STAMP))
    return inv


def _docx_forms(root: Path, bases: list[BaseForm], count: int, rng: random.Random
                ) -> tuple[list[str], list[dict[str, Any]]]:
    """`count` forms with numbers 1000/yyyy, 1001/yyyy … per year; their values for the log."""
    rels, values = [], []
    sequence: dict[str, int] = {}
    for i in range(count):
        base = pick(bases, rng)
        seq = sequence[base.year] = sequence.get(base.year, 999) + 1
        number = f"{seq}/{base.year}"
        rel = f"Phiếu HĐKP/{base.year}/Lô {i // FOLDER_SIZE + 1:03d}/BM.CTCL.01 - {seq}-{base.year}.docx"
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        base.write(target, number)
        rels.append(rel)
        if base.case.in_log:
            changes = {k: v for k, v in base.case.log_changes.items() if k != "number"}
            values.append(base.values(number) | changes)
    return rels, values


def _pdf_forms(root: Path, bases: list[BaseForm], count: int, tmp: Path, inv: Inventory) -> list[str]:
    """`count` byte copies of a few LibreOffice exports of clean forms (see module doc)."""
    if not count:
        return []
    import pdfplumber

    pdfs = make_pdfs(bases, tmp)
    pages = {}
    for pdf, _, _ in pdfs:
        with pdfplumber.open(pdf) as doc:
            pages[pdf] = len(doc.pages)
    rels = []
    for i in range(count):
        pdf, base, number = pdfs[i % len(pdfs)]
        rel = f"Phiếu HĐKP/Bản in/Lô {i // FOLDER_SIZE + 1:03d}/BM.CTCL.01 - {number.replace('/', '-')} ({i}).pdf"
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pdf, root / rel)
        inv.pdf_pages += pages[pdf]
        rels.append(rel)
    return rels


def _sample_files(kind: str) -> list[Path]:
    """Sample inbox files of a kind (DOCX, XLSX, CSV; PDFs are the forms' share)."""
    wanted = SAMPLE_KINDS[kind]
    out = []
    for manifest in sorted(MANIFESTS.glob("*.yaml")):
        for rel, entry in yaml.safe_load(manifest.read_text(encoding="utf-8"))["files"].items():
            path = SAMPLES / rel
            if entry.get("kind") in wanted and path.suffix.lower() != ".pdf" and path.is_file():
                if "Hết hiệu lực" not in rel:
                    out.append(path)
    return sorted(out)


def _copies(root: Path, kind: str, count: int) -> list[str]:
    sources = _sample_files(kind)
    rels = []
    for i in range(count if sources else 0):
        source = sources[i % len(sources)]
        top = source.relative_to(SAMPLES).parts[0]
        rel = f"{top}/Bản sao {i // len(sources) + 1:04d}/{source.name}"
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, root / rel)
        rels.append(rel)
    return rels


def _log_rows(form_values: list[dict[str, Any]], count: int, rng: random.Random) -> list[list[Any]]:
    """Every logged form, then older closed requests (2000–2022) up to `count`, oldest first.

    The older requests are the sample log's own (short texts, as a log summarises): the CSV of
    100,000 rows stays under the 50 MB file limit.
    """
    closed = [v for v in LOG_ONLY if v.get("closed_on") and v["number"] not in NC_CITED]
    requests = list(form_values)
    per_year: dict[int, int] = {}
    while len(requests) < count:
        year = rng.randint(2000, 2022)
        seq = per_year[year] = per_year.get(year, 0) + 1
        values = shift_years(rng.choice(closed), year)
        requests.append(values | {"number": f"{seq:02d}/{year}"})
    requests.sort(key=lambda v: (v["opened_on"] or dt.date.min, v["number"]))
    return [log_row(v, i) for i, v in enumerate(requests[:count], start=1)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.generate", description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path, help="folder to create (must not exist)")
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--rows", type=int, default=LOG_ROWS, help="rows of the CAPA log")
    args = parser.parse_args(argv)
    inv = build_inbox(args.target, args.files, args.rows)
    inv.save(args.target.with_name(args.target.name + ".json"))
    print(f"{inv.count()} files under {args.target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
