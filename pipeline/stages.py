"""Stages that run after the checks: BM.CTCL.01 drafts and the document register (SPEC §6–§7).

A stage is a function of pipeline.run.StageContext: it may write outbox files (atomically), record
drafts in the state, set findings' `draft`, add summary notes and list what it wrote under
run["documents"] (shown in report.html).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pipeline.emit.drafts import drafts_stage
from pipeline.emit.register import register_stage

Stage = Callable[[Any], None]


def drafts_stages() -> tuple[Stage, ...]:
    return (drafts_stage,)


def register_stages() -> tuple[Stage, ...]:
    return (register_stage,)


def nightly_stages() -> tuple[Stage, ...]:
    """check + drafts + register."""
    return (drafts_stage, register_stage)
