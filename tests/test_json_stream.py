"""JSON outputs: streamed, indented at the top, one compact line per register row (pipeline/emit/json_stream.py)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pipeline.emit.atomic import write_json


def test_streamed_json_is_the_same_data_with_one_row_per_line(tmp_path: Path) -> None:
    rows = [{"number": f"{i:02d}/2026", "opened_on": dt.date(2026, 3, i + 1), "unit": "Văn phòng \"A\" & <B>",
             "progress": (dt.date(2026, 4, 1),), "tags": {"b", "a"}, "n": i, "ratio": 0.5, "ok": None}
            for i in range(3)]
    doc = {"schema": "qms-records/1", "files": [{"file": "sổ.xlsx", "rows": rows, "fields": {}, "problems": []}]}
    target = tmp_path / "records.json"
    write_json(target, doc)
    text = target.read_text(encoding="utf-8")
    assert text.endswith("}\n") and "Văn phòng" in text  # UTF-8, not \\u escapes
    loaded = json.loads(text)
    assert loaded["files"][0]["rows"][1] == {
        "number": "01/2026", "opened_on": "2026-03-02", "unit": "Văn phòng \"A\" & <B>",
        "progress": ["2026-04-01"], "tags": ["a", "b"], "n": 1, "ratio": 0.5, "ok": None,
    }
    row_lines = [line for line in text.splitlines() if '"number"' in line]
    assert len(row_lines) == 3 and all(line.startswith("        {") for line in row_lines)
    assert text.splitlines()[:3] == ["{", '  "schema": "qms-records/1",', '  "files": [']


def test_a_failed_write_leaves_the_previous_file(tmp_path: Path) -> None:
    target = tmp_path / "findings.json"
    write_json(target, {"ok": True})

    class Boom:
        pass

    try:
        write_json(target, {"rows": [[Boom()]]})
    except TypeError:
        pass
    else:  # pragma: no cover
        raise AssertionError("an unencodable value must fail")
    assert json.loads(target.read_text(encoding="utf-8")) == {"ok": True}
    assert [p.name for p in tmp_path.iterdir()] == ["findings.json"]
