"""The references measured beside qms, on the same files, the same machine, the same run.

- floor: zip + lxml parse of each DOCX's word/document.xml and all its text — the least any DOCX
  reader must do;
- pdfplumber: its own text and table extraction of each page (extract_text + extract_tables);
- frictionless: validating the same 100,000-row register against an equivalent Table Schema
  (types, required, enum, pattern per column; the dd/mm/yyyy dates of the CSV as a date format).

The readers themselves (pipeline.readers.read_file) are timed the same way, so "reader / floor"
compares like with like; file lists are spread over `jobs` processes as qms spreads its files.
"""

from __future__ import annotations

import time
import zipfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from lxml import etree

from tools.samples.form_scenario_registers import LOG_HEADER

DATES = {"Ngày lập", "Thời hạn", "Báo cáo tiến độ", "Ngày kiểm tra", "Ngày đóng"}
CHOICES = {"Loại": ["Khắc phục", "Cải tiến"], "Kết quả kiểm tra": ["Đạt", "Không đạt"]}


def timed_pool(fn: Callable[[str], Any], paths: list[Path], jobs: int) -> float:
    """Seconds to apply `fn` to every path with `jobs` processes (pool start-up included)."""
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for _ in pool.map(fn, [str(p) for p in paths], chunksize=max(1, len(paths) // (jobs * 8))):
            pass
    return time.perf_counter() - started


def docx_floor(path: str) -> int:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    with zipfile.ZipFile(path) as zf:
        root = etree.fromstring(zf.read("word/document.xml"), parser)
    return len("".join(root.itertext()))


def pdfplumber_own(path: str) -> int:
    import pdfplumber

    pages = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()
            page.close()
            pages += 1
    return pages


def qms_reader(path: str) -> int:
    """pipeline's reader alone (format detection, guards, parse, legacy-font check)."""
    from pipeline.limits import Limits
    from pipeline.readers import read_file

    return len(read_file(path, Path(path).name, Limits()).blocks)


def frictionless_register(path: Path) -> tuple[float, int]:
    """(seconds, rows validated) for the CAPA log, CSV or XLSX, with an equivalent schema."""
    from frictionless import Dialect, Resource, formats

    if path.suffix.lower() == ".csv":  # title row, empty row, header (as Excel exports it)
        dialect = Dialect(header_rows=[3], controls=[formats.CsvControl(delimiter=";")])
        resource = Resource(path.name, basepath=str(path.parent), schema=_schema("%d/%m/%Y"),
                            dialect=dialect, encoding="utf-8-sig")
    else:  # two title rows, an empty row, the header
        dialect = Dialect(header_rows=[4], controls=[formats.ExcelControl(sheet=1)])
        resource = Resource(path.name, basepath=str(path.parent), schema=_schema(None), dialect=dialect)
    started = time.perf_counter()
    report = resource.validate(limit_errors=1000)
    seconds = time.perf_counter() - started
    if not report.valid:
        raise RuntimeError(f"frictionless rejects {path.name}: {report.flatten(['type', 'note'])[:5]}")
    return seconds, int(report.tasks[0].stats["rows"] or 0)


def _schema(date_format: str | None) -> Any:
    from frictionless import Schema, fields

    out: list[Any] = []
    for name in LOG_HEADER:
        if name == "STT":
            out.append(fields.IntegerField(name=name, constraints={"required": True}))
        elif name == "Số phiếu":
            out.append(fields.StringField(name=name, constraints={"required": True, "pattern": r"\d+/\d{4}(/.*)?"}))
        elif name in DATES:
            out.append(fields.DateField(name=name, format=date_format) if date_format else fields.DateField(name=name))
        elif name in CHOICES:
            out.append(fields.StringField(name=name, constraints={"enum": CHOICES[name]}))
        else:
            out.append(fields.StringField(name=name))
    return Schema(fields=out)
