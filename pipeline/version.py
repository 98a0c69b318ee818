"""Versions that decide what a cached run may reuse (SPEC §8).

The extractor version changes when any code or data that turns a file into records changes: then
files are re-read. A rule-file, config or tool change only re-evaluates rules over cached records.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from pipeline import __version__

PACKAGE = Path(__file__).resolve().parent
READING_CODE = ["readers", "extract", "text", "model.py", "process.py", "records.py", "limits.py", "errors.py"]


@lru_cache(maxsize=4)
def extractor_version(rules_dir: Path) -> str:
    digest = hashlib.sha256(__version__.encode())
    paths: list[Path] = []
    for name in READING_CODE:
        target = PACKAGE / name
        paths += sorted(target.rglob("*.py")) if target.is_dir() else [target]
    paths += sorted((rules_dir / "labels").glob("*.yaml")) + sorted(rules_dir.glob("review_topics.yaml"))
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]
