"""Limits for hostile or broken input (SPEC §9). Configurable; these are the defaults."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 50 * 1024 * 1024
    max_unzipped_bytes: int = 200 * 1024 * 1024
    max_zip_ratio: float = 100.0
    max_zip_entries: int = 10_000
    max_pdf_pages: int = 200
    timeout_seconds: float = 60.0
    worker_memory_bytes: int = 3 * 1024 * 1024 * 1024  # address-space cap per worker (POSIX only)
