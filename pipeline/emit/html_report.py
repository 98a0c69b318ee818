"""report.html: one self-contained page that works offline (SPEC §6).

No external URL, no script libraries: charts are inline SVG drawn here. Jinja2 autoescaping is on,
so any document text (HTML, formulas, template syntax) shows literally.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from pipeline.catalog import SEVERITY_ORDER
from pipeline.emit.atomic import write_bytes
from pipeline.emit.i18n import words
from pipeline.findings import Finding

COLOURS = {"major": "#b3261e", "minor": "#e8710a", "observation": "#1a73e8", "info": "#5f6368"}
_ENV = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parent),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def bars(counts: list[tuple[str, int]], colour: str | dict[str, str]) -> dict[str, Any]:
    """Geometry of a horizontal bar chart (rendered as inline SVG by the template)."""
    top = max((n for _, n in counts), default=0) or 1
    rows = []
    for i, (label, n) in enumerate(counts):
        fill = colour.get(label, "#5f6368") if isinstance(colour, dict) else colour
        rows.append({"label": label, "n": n, "y": i * 26, "width": round(300 * n / top), "fill": fill})
    return {"rows": rows, "height": max(26, 26 * len(rows))}


def file_link(inbox: Path, outbox: Path, rel: str | None) -> str | None:
    """A link from report.html (in the outbox) to the source file in the inbox."""
    if not rel:
        return None
    target = inbox / rel
    try:
        return quote(Path(os.path.relpath(target, outbox)).as_posix())
    except ValueError:  # another drive on Windows
        return target.resolve().as_uri()


def grouped(findings: list[Finding], w: dict[str, str]) -> list[dict[str, Any]]:
    """clause → rule → file → findings, in severity order within each clause."""
    tree: dict[str, dict[str, dict[str, list[Finding]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for f in findings:
        clause = f.clause[0] if f.clause else w["no_clause"]
        tree[clause][f.rule][f.file or w["no_file"]].append(f)
    out = []
    for clause in sorted(tree):
        rules = []
        for rule in sorted(tree[clause]):
            files = [{"file": name, "findings": items} for name, items in sorted(tree[clause][rule].items())]
            rules.append({"rule": rule, "files": files, "first": files[0]["findings"][0]})
        out.append({"clause": clause, "rules": rules})
    return out


def documents(run: dict[str, Any]) -> dict[str, Any] | None:
    """Drafts and register files a stage wrote (run["documents"], outbox-relative), or None."""
    found = run.get("documents")
    if not found:
        return None
    return {"drafts": found.get("drafts"), "drafts_index": found.get("drafts_index"),
            "register": found.get("register") or []}


def render_report(
    findings_doc: dict[str, Any], findings: list[Finding], inbox: Path, outbox: Path, lang: str
) -> str:
    w = words(lang)
    counted = [f for f in findings if not f.waived]
    by_severity = [(s, sum(f.severity == s for f in counted)) for s in SEVERITY_ORDER]
    by_unit = Counter(f.unit or w["no_unit"] for f in counted).most_common()
    by_rule = sorted(Counter(f.rule for f in counted).items())
    template = _ENV.get_template("report.html.j2")
    return template.render(
        w=w,
        lang=lang,
        run=findings_doc["run"],
        total=len(counted),
        waived=len(findings) - len(counted),
        severity_chart=bars([(w[s], n) for s, n in by_severity], {w[s]: COLOURS[s] for s in SEVERITY_ORDER}),
        unit_chart=bars(by_unit, "#3c6e9f"),
        rule_chart=bars(by_rule, "#6a4c93"),
        by_severity=by_severity,
        new=[f for f in findings if f.status == "new"],
        resolved=findings_doc.get("resolved", []),
        groups=grouped(findings, w),
        waivers=findings_doc.get("waivers", {"expired": [], "unused": []}),
        documents=documents(findings_doc["run"]),
        link=lambda rel: file_link(inbox, outbox, rel),
        text=lambda d: d.get(lang) or d.get("vi", ""),
        colours=COLOURS,
    )


def write_report(path: Path, findings_doc: dict[str, Any], findings: list[Finding], inbox: Path, lang: str) -> None:
    html = render_report(findings_doc, findings, inbox, path.parent, lang)
    write_bytes(path, html.encode("utf-8"))
