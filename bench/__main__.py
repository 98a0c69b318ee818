"""python -m bench [--files N] [--jobs J] [--workdir DIR] — run the benchmarks, print the table.

The generated inboxes and outboxes go to a temporary folder (deleted afterwards unless --keep or
--workdir); the table is written as JSON under bench/results/ (git-ignored).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from bench.generate import LOG_ROWS
from bench.report import lines, machine, table, write
from bench.scenario import run_all


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000, help="files in the synthetic inbox (10000)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="qms worker processes (CPUs)")
    parser.add_argument("--rows", type=int, default=LOG_ROWS, help="rows of the CAPA log (100000)")
    parser.add_argument("--workdir", type=Path, help="where inboxes and outboxes go (kept)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="qms-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        figures = run_all(workdir, args.files, args.jobs, args.rows, log=_progress)
    finally:
        if not (args.workdir or args.keep):
            shutil.rmtree(workdir, ignore_errors=True)
    rows = lines(figures)
    info = machine()
    print(f"\n{info['cpu']}, {info['cpus']} CPUs, {info['memory_gb']} GB, Python {info['python']}; "
          f"{args.jobs} jobs; whole benchmark {figures['total_seconds'] / 60:.1f} min")
    print(table(rows))
    print(f"\nwritten {write(figures, rows)}")
    return 0


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
