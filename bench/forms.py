"""BM.CTCL.01 forms for the synthetic inbox, drawn with the project's own layout (capa_form).

The sample inbox's request cases (tools/samples/form_scenario_capa.py: four layouts, content
controls, one defect each or clean) are rendered once with a placeholder number; every synthetic
form is one of them with its own request number written into word/document.xml, so forms are
distinct files with distinct numbers that the CAPA log lists. Clean cases are drawn far more often
than defective ones, as in a real register. A few of them are printed to PDF with LibreOffice.
"""

from __future__ import annotations

import datetime as dt
import random
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.zipcopy import ZipTemplate
from tools import docstyle as ds
from tools.office import convert
from tools.samples.form_capa import capa_form
from tools.samples.form_scenario_capa import CASES, CapaCase
from tools.samples.form_scenario_registers import NC_ROWS

PLACEHOLDER = "QQ9999"  # stands for the number's sequence part inside the base documents
CLEAN_SHARE = 0.85
SKIPPED = {"CTCL092", "CTCL021"}  # cases that need a second file or a malformed number
# Requests the sample nonconformity log cites recur there by design (CTCL031): thousands of copies
# would each recur, and the benchmark would measure 40,000 findings instead of an inbox.
NC_CITED = frozenset(cited for *_, cited in NC_ROWS if cited)


@dataclass
class BaseForm:
    case: CapaCase
    year: str  # the year part of the case's number
    template: ZipTemplate

    @property
    def clean(self) -> bool:
        return not self.case.triggers

    def values(self, number: str) -> dict[str, Any]:
        """The form's values with its synthetic number (what the CAPA log lists)."""
        return self.case.values | {"number": number}

    def write(self, target: Path, number: str) -> None:
        xml = self.template.texts["word/document.xml"]
        xml = xml.replace(f"{PLACEHOLDER}/{self.year}".encode(), number.encode())
        self.template.write(target, {"word/document.xml": xml})


def _year(case: CapaCase) -> str:
    return str(case.values["number"]).split("/")[1]


def render_bases(workdir: Path) -> list[BaseForm]:
    """Every usable case rendered once as DOCX under `workdir`."""
    bases = []
    usable = [c for c in CASES if not SKIPPED & set(c.triggers) and c.values["number"] not in NC_CITED]
    for i, case in enumerate(usable):
        year = _year(case)
        values = case.values | {"number": f"{PLACEHOLDER}/{year}"}
        path = ds.save(capa_form(values, case.layout, controls=case.controls), workdir / f"base-{i:02d}.docx")
        bases.append(BaseForm(case, year, ZipTemplate(path)))
    return bases


def pick(bases: list[BaseForm], rng: random.Random) -> BaseForm:
    """A clean case most of the time, a defective one otherwise."""
    clean = [b for b in bases if b.clean]
    defective = [b for b in bases if not b.clean]
    return rng.choice(clean if rng.random() < CLEAN_SHARE or not defective else defective)


def make_pdfs(bases: list[BaseForm], workdir: Path, count: int = 4) -> list[tuple[Path, BaseForm, str]]:
    """`count` clean forms printed to PDF by LibreOffice: (pdf, its base, its number)."""
    out = []
    clean = [b for b in bases if b.clean][:count]
    for i, base in enumerate(clean):
        number = f"{9001 + i}/{base.year}"
        with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
            source = Path(tmp) / f"pdf-{i}.docx"
            base.write(source, number)
            made = convert(source, "pdf", workdir)
        out.append((made, base, number))
    return out


def shift_years(values: dict[str, Any], year: int) -> dict[str, Any]:
    """A request's values moved to another opening year (dates keep their day and month)."""
    opened = values.get("opened_on")
    delta = year - opened.year if isinstance(opened, dt.date) else 0

    def move(value: Any) -> Any:
        if isinstance(value, dt.date):
            return value.replace(year=value.year + delta, day=min(value.day, 28))
        return value

    out = {k: move(v) for k, v in values.items()}
    out["progress_reports"] = [(move(d), t) for d, t in values.get("progress_reports") or []]
    return out
