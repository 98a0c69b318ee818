"""Extractors: from the neutral document model to records of one kind.

Every kind module exposes `KIND`, `detect(doc) -> bool` and `extract(doc, ctx) -> Record`
(registers: `extract_registers(doc, ctx) -> list[Record]`). `classify.extract_document`
picks the kind by content, never by file name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class ExtractContext:
    """What an extractor may know besides the document itself."""

    path: str  # inbox-relative POSIX path (withdrawn-folder status is derived from it)
    params: dict[str, Any] = field(default_factory=dict)  # from rules/*.yaml and config
