"""JSON written as a stream: indented near the top, one compact line per item further down.

json.dumps(indent=2) runs the pure-Python encoder (the C encoder only does compact output) and
builds the whole text in memory: for records.json over two 100,000-row registers that was ~4 s a
log and a 200 MB string plus its encoded copy. Here the outer levels are indented by hand and
everything from `compact_depth` down — a register row, a field's value — is one line encoded by
the C encoder, written to the file as it goes. The result is ordinary JSON that reads well: one
row per line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from pipeline.records import json_default

_COMPACT = json.JSONEncoder(ensure_ascii=False, default=json_default, separators=(", ", ": "))


def json_chunks(value: Any, compact_depth: int = 4, depth: int = 0) -> Iterator[str]:
    """The text of `value` in pieces; containers above `compact_depth` are indented two spaces."""
    if depth >= compact_depth or not isinstance(value, (dict, list)) or not value:
        yield _COMPACT.encode(value)
        return
    pad, inner = "\n" + "  " * depth, "\n" + "  " * (depth + 1)
    if isinstance(value, dict):
        yield "{"
        for i, (key, item) in enumerate(value.items()):
            yield ("," if i else "") + inner + _COMPACT.encode(str(key)) + ": "
            yield from json_chunks(item, compact_depth, depth + 1)
        yield pad + "}"
    else:
        yield "["
        for i, item in enumerate(value):
            yield ("," if i else "") + inner
            yield from json_chunks(item, compact_depth, depth + 1)
        yield pad + "]"
