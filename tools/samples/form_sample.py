"""A sample file of the inbox together with what the pipeline is expected to make of it.

Keeping the expectation next to the recipe that writes the file is what keeps the manifest
(tests/sample_expectations/forms.yaml) honest: both come from the same `Sample`.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx.document import Document as DocxDocument

from tools import docstyle as ds
from tools.office import convert


@dataclass
class Sample:
    """One inbox file: where it goes, how it is written, and what must be read and fire."""

    path: str  # relative to the inbox, POSIX
    kind: str  # expected kind (capa_request, capa_log, review_minutes …)
    write: Callable[[Path], None]  # writes the file at exactly the given path
    fields: dict[str, Any] = field(default_factory=dict)  # key values a reader must extract
    triggers: list[str] = field(default_factory=list)  # rule ids that fire on this file at AS_OF
    note: str = ""
    when: dt.date | None = None  # the file's modification date (files are not fresh copies)
    rows: list[dict[str, Any]] = field(default_factory=list)  # registers: key cells of every data row

    def entry(self) -> dict[str, Any]:
        """The manifest entry (SPEC: tests/sample_expectations/*.yaml)."""
        out: dict[str, Any] = {"kind": self.kind}
        if self.fields:
            out["fields"] = self.fields
        if self.rows:
            out["rows"] = self.rows
        out["triggers"] = sorted(self.triggers)
        if self.note:
            out["note"] = self.note
        return out


def document_writer(make: Callable[[], DocxDocument], *, title: str, author: str,
                    when: dt.date) -> Callable[[Path], None]:
    """A writer for a python-docx document: saved as .docx, or converted by LibreOffice for .pdf."""

    def write(target: Path) -> None:
        doc = make()
        ds.set_core(doc, title, author, when)
        if target.suffix.lower() == ".docx":
            ds.save(doc, target)
            return
        with tempfile.TemporaryDirectory(prefix="sample-") as tmp:
            source = ds.save(doc, Path(tmp) / f"{target.stem}.docx")
            made = convert(source, target.suffix.lstrip(".").lower(), tmp)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(made), target)

    return write
