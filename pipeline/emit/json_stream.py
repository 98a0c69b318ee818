"""JSON written as a stream: indented near the top, one compact line per item further down.

json.dumps(indent=2) runs the pure-Python encoder (the C encoder only does compact output) and
builds the whole text in memory: for records.json over two 100,000-row registers that was ~4 s a
log and a 200 MB string plus its encoded copy. Here the outer levels are indented by hand and
everything from `compact_depth` down — a register row, a field's value — is one line encoded by
orjson (dates natively as YYYY-MM-DD, ~8× the standard library's C encoder), written to the file
as it goes. The result is ordinary UTF-8 JSON that reads well: one row per line.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson

from pipeline.records import json_default

_OPTIONS = orjson.OPT_NON_STR_KEYS  # int keys become strings, as json.dumps does


def encode(value: Any) -> bytes:
    """One line of JSON: dates as YYYY-MM-DD, datetimes ISO 8601, sets as sorted lists."""
    return orjson.dumps(value, default=json_default, option=_OPTIONS)


def json_chunks(value: Any, compact_depth: int = 4, depth: int = 0) -> Iterator[bytes]:
    """The UTF-8 text of `value` in pieces; containers above `compact_depth` are indented two spaces."""
    if depth >= compact_depth or not isinstance(value, (dict, list)) or not value:
        yield encode(value)
        return
    pad, inner = b"\n" + b"  " * depth, b"\n" + b"  " * (depth + 1)
    if isinstance(value, dict):
        yield b"{"
        for i, (key, item) in enumerate(value.items()):
            yield (b"," if i else b"") + inner + encode(str(key)) + b": "
            yield from json_chunks(item, compact_depth, depth + 1)
        yield pad + b"}"
    else:
        yield b"["
        for i, item in enumerate(value):
            yield (b"," if i else b"") + inner
            yield from json_chunks(item, compact_depth, depth + 1)
        yield pad + b"]"
