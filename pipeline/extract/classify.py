"""Which kind a document is, decided by its content (SPEC §3.2), then its records.

Order matters: a filled form carries a code block like a controlled document, and a procedure
carries register-like tables (its HỒ SƠ table), so the most specific kinds are tried first.
"""

from __future__ import annotations

from importlib import import_module

from pipeline.extract import ExtractContext
from pipeline.model import Document
from pipeline.records import Record

SPREADSHEETS = {"xlsx", "csv"}
# Form kinds, most specific first: (module, kind); each module has detect() and extract().
FORM_MODULES = [
    "pipeline.extract.capa_request",
    "pipeline.extract.review_minutes",
    "pipeline.extract.review_report",
    "pipeline.extract.review_notice",
    "pipeline.extract.objectives",
]


def extract_document(doc: Document, ctx: ExtractContext) -> list[Record]:
    """Records of the document: one for a form or controlled document, one per register table."""
    for name in FORM_MODULES:
        module = import_module(name)
        for kind_api in getattr(module, "KINDS", [module]):
            if kind_api.detect(doc):
                return [kind_api.extract(doc, ctx)]
    controlled = import_module("pipeline.extract.controlled_document")
    registers = import_module("pipeline.extract.registers")
    if doc.format in SPREADSHEETS:  # a log may carry a "Mã hiệu" block in its title rows: its rows matter
        return registers.extract_registers(doc, ctx) or _controlled(controlled, doc, ctx) or [Record(kind="unknown")]
    return _controlled(controlled, doc, ctx) or registers.extract_registers(doc, ctx) or [Record(kind="unknown")]


def _controlled(module, doc: Document, ctx: ExtractContext) -> list[Record]:  # type: ignore[no-untyped-def]
    return [module.extract(doc, ctx)] if module.detect(doc) else []
