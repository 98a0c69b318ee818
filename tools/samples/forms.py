"""The forms engineer's part of the sample inbox: CAPA requests, registers, reviews, objectives.

`build(inbox)` writes every file; `manifest()` is what the pipeline must make of them at AS_OF
(written to tests/sample_expectations/forms.yaml by `python -m tools.samples --write-manifests`).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from tools.samples import AS_OF
from tools.samples import form_scenario_objectives as objectives
from tools.samples import form_scenario_registers as registers
from tools.samples import form_scenario_reviews as reviews
from tools.samples.form_capa import capa_form
from tools.samples.form_sample import Sample, document_writer
from tools.samples.form_scenario_capa import CASES, CapaCase

GLOBAL = [
    {"rule": "CTCL040", "subject": "Xem xét của lãnh đạo",
     "note": "the latest review is the minutes of 14/11/2025, more than 365 days before as_of"},
    {"rule": "CTCL052", "subject": "Thanh tra 2026",
     "note": "Thanh tra had a 2025 plan and has no 2026 plan (the agency and the other units have one)"},
]


def _capa_sample(case: CapaCase) -> Sample:
    values = case.values
    when = values.get("opened_on") or values.get("approved_on") or AS_OF
    title = f"Phiếu yêu cầu hành động khắc phục/cải tiến số {values['number']}"
    write = document_writer(lambda c=case: capa_form(c.values, c.layout, controls=c.controls), title=title,
                            author=values.get("requester") or values["unit"], when=when)
    last = [d for d in (values.get("closed_on"), *(p for p, _ in values["progress_reports"]))
            if isinstance(d, dt.date)]
    return Sample(case.path, "capa_request", write, case.fields(), list(case.triggers), case.note,
                  when=max([when, *last]))


def samples() -> list[Sample]:
    """Every file this generator makes, in a stable order."""
    return [*(_capa_sample(c) for c in CASES), *registers.samples(), *reviews.samples(), *objectives.samples()]


def build(inbox: Path) -> list[Path]:
    """Write the forms part of the sample inbox under `inbox`; return the written paths."""
    written = []
    for sample in samples():
        target = inbox / sample.path
        target.parent.mkdir(parents=True, exist_ok=True)
        sample.write(target)
        if sample.when:  # a file last saved on its own date, not a fresh copy (SPEC §8 settle time)
            stamp = dt.datetime.combine(sample.when, dt.time(16, 30)).timestamp()
            os.utime(target, (stamp, stamp))
        written.append(target)
    return written


def manifest() -> dict[str, Any]:
    """The expectations (tests/sample_expectations/forms.yaml)."""
    return {
        "as_of": AS_OF,
        "files": {s.path: s.entry() for s in samples()},
        "global": GLOBAL,
    }
