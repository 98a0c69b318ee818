"""Build the templates into templates/ (python -m tools.make_templates).

templates/*.docx are docxtpl templates the product renders (BM.CTCL.01 drafts, the document
register); templates/blank/*.docx are the agency's blank forms to print or fill by hand. Each is a
layout function of tools/ (the filled samples of the inbox use the same functions), so blank forms,
samples and templates can never drift apart. Output is deterministic in content.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path

from docx.document import Document as DocxDocument

from tools import docstyle as ds
from tools.docxtpl_forms import capa_template, register_template
from tools.samples.form_capa import capa_form
from tools.samples.form_objectives import Objectives, objectives_doc
from tools.samples.form_review import Review, minutes

ROOT = Path(__file__).resolve().parent.parent
ISSUED = dt.date(2023, 7, 20)  # QT.03.CTCL lần 03, which these forms belong to
Maker = tuple[str, Callable[[], DocxDocument]]

# Blank forms, under templates/blank/.
BLANK: dict[str, Maker] = {
    "BM.CTCL.01.docx": ("Phiếu yêu cầu hành động khắc phục/cải tiến", lambda: capa_form(None, "agency")),
    "BM.CTCL.02.docx": ("Biên bản họp xem xét của lãnh đạo", lambda: minutes(Review(blank=True))),
    "Ke-hoach-MTCL.docx": ("Kế hoạch thực hiện mục tiêu chất lượng", lambda: objectives_doc(Objectives())),
    "Bao-cao-MTCL.docx": ("Báo cáo kết quả thực hiện mục tiêu chất lượng",
                          lambda: objectives_doc(Objectives(), report=True)),
}
# docxtpl templates the product renders (pipeline/emit/drafts.py, pipeline/emit/register.py).
DOCXTPL: dict[str, Maker] = {
    "BM.CTCL.01.docx": ("Phiếu yêu cầu hành động khắc phục/cải tiến", capa_template),
    "Danh-muc-tai-lieu-HTQLCL.docx": ("Danh mục tài liệu hệ thống quản lý chất lượng", register_template),
}
# Every template by its path under templates/.
TEMPLATES: dict[str, Maker] = {**{f"blank/{k}": v for k, v in BLANK.items()}, **DOCXTPL}


def build(outdir: Path) -> list[Path]:
    """Write every template into outdir (blank forms into outdir/blank); return their paths."""
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
