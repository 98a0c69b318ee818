"""Build the agency's blank form templates into templates/ (python -m tools.make_templates).

Each template is the filled-sample layout called with no values, so blank forms, samples and
(later) docxtpl templates can never drift apart. Output is deterministic in content.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from docx.document import Document as DocxDocument

from tools import docstyle as ds
from tools.samples.form_capa import capa_form
from tools.samples.form_objectives import Objectives, objectives_doc
from tools.samples.form_review import Review, minutes

ROOT = Path(__file__).resolve().parent.parent
ISSUED = dt.date(2023, 7, 20)  # QT.03.CTCL lần 03, which these forms belong to

TEMPLATES: dict[str, tuple[str, Callable[[], DocxDocument]]] = {
    "BM.CTCL.01.docx": ("Phiếu yêu cầu hành động khắc phục/cải tiến", lambda: capa_form(None, "agency")),
    "BM.CTCL.02.docx": ("Biên bản họp xem xét của lãnh đạo", lambda: minutes(Review(blank=True))),
    "Ke-hoach-MTCL.docx": ("Kế hoạch thực hiện mục tiêu chất lượng", lambda: objectives_doc(Objectives())),
    "Bao-cao-MTCL.docx": ("Báo cáo kết quả thực hiện mục tiêu chất lượng",
                          lambda: objectives_doc(Objectives(), report=True)),
}


def build(outdir: Path) -> list[Path]:
    """Write every template into outdir; return their paths."""
    written = []
    for name, (title, make) in TEMPLATES.items():
        doc = make()
        ds.set_core(doc, title, "Ban Dân tộc tỉnh Khánh Hòa", ISSUED)
        written.append(ds.save(doc, outdir / name))
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", nargs="?", type=Path, default=ROOT / "templates")
    args = parser.parse_args(argv)
    for path in build(args.outdir):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
