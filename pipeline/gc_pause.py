"""Pausing the cyclic garbage collector while many long-lived objects are made.

Each full pass of CPython's collector walks every container object alive; building the records of a
100,000-row log (or the corpus over two of them) triggers dozens of passes over millions of
objects that are all kept anyway — about a second of a register's run. Reference counting still
frees everything acyclic meanwhile; cycles wait until the block ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
