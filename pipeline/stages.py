"""Stages that run after the checks in `qms nightly`: drafts and the document register (issue 4)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def nightly_stages() -> tuple[Callable[[Any], None], ...]:
    """check + drafts + register; the document stages are added as they exist."""
    return ()
