"""Documents the way OTHER offices produce them (tests/wild) are read by the rules of SPEC §3.

Every builder writes a real file (python-docx, openpyxl, raw OOXML); the same files are also printed
to PDF and round-tripped through LibreOffice's own format (ODT → DOCX), since offices mix the tools.
Each case checks the kind and the key fields a person reads on the page, and that nothing is
reported as an invalid value. The last test runs `qms check` on an inbox of the whole corpus.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from conftest import AS_OF, needs_soffice
from qms_runner import run_qms
from wild import capa, controlled, objectives, registers, review

from pipeline.extract import ExtractContext
from pipeline.extract.classify import extract_document
from pipeline.limits import Limits
from pipeline.readers import read_file
from pipeline.records import Record, to_jsonable
from tools.office import convert

FORMS = (capa, review, objectives, controlled)
# printed to PDF, these read differently on purpose: LibreOffice prints tracked deletions (struck
# through), and drops the TCVN3 "ư" (a soft-hyphen byte) when it lays the page out
NOT_IN_PDF = {"capa_ubnd_huyen", "capa_tcvn3"}


def cases(modules: tuple[ModuleType, ...], skip: set[str] = frozenset()) -> list[Any]:
    return [pytest.param(m, name, id=name) for m in modules for name in m.BUILDERS if name not in skip]


def build(module: ModuleType, name: str, folder: Path) -> Path:
    suffix = getattr(module, "SUFFIX", {}).get(name, ".docx")
    return module.BUILDERS[name](folder / f"{name}{suffix}")


def records_of(path: Path) -> list[Record]:
    doc = read_file(str(path), path.name, Limits())
    return extract_document(doc, ExtractContext(path=path.name))


def check_form(module: ModuleType, name: str, path: Path) -> None:
    [record] = records_of(path)
    assert record.kind == module.KINDS[name]
    wrong = {k: (record.fields.get(k), v) for k, v in module.EXPECTED[name].items() if record.fields.get(k) != v}
    assert not wrong, f"(read, expected): {wrong}"
    assert [p.message for p in record.problems if p.code in ("invalid_value", "multiple_choices")] == []
    if module is objectives:
        want = objectives.OBJECTIVES[name]
        keys = ("no", "objective", "target", "owner", "deadline", "evaluation")[: len(want[0])]
        assert [tuple(o.get(k) for k in keys) for o in record.fields["objectives"]] == want
    if module is controlled:
        assert [f["code"] for f in record.fields["forms"]] == controlled.FORMS[name]
        assert [r["retention_parsed"] for r in record.fields["records"]] == controlled.RETENTIONS[name]


def check_register(name: str, path: Path) -> None:
    [record] = records_of(path)
    assert record.kind == registers.KINDS[name]
    columns, want = registers.ROWS[name]
    assert [tuple(_spaced(row.get(c)) for c in columns) for row in record.rows] == want
    assert [p.message for p in record.problems] == []


def _spaced(value: Any) -> Any:
    """Text with its line breaks as spaces: a row a page break cut keeps the break between its parts."""
    return " ".join(value.split()) if isinstance(value, str) else value


@pytest.mark.parametrize("module, name", cases(FORMS))
def test_form_of_another_office(tmp_path: Path, module: ModuleType, name: str) -> None:
    check_form(module, name, build(module, name, tmp_path))


@pytest.mark.slow
@needs_soffice()
@pytest.mark.parametrize("module, name", cases(FORMS, skip=NOT_IN_PDF))
def test_form_printed_to_pdf(tmp_path: Path, module: ModuleType, name: str) -> None:
    pdf = convert(build(module, name, tmp_path), "pdf", tmp_path / "pdf")
    check_form(module, name, pdf)


@pytest.mark.slow
@needs_soffice()
@pytest.mark.parametrize("module, name", cases(FORMS, skip={"capa_tcvn3"}))
def test_form_written_by_libreoffice(tmp_path: Path, module: ModuleType, name: str) -> None:
    """Kept as ODT by LibreOffice, then saved as DOCX: other XML for the same page."""
    odt = convert(build(module, name, tmp_path), "odt", tmp_path / "odt")
    check_form(module, name, convert(odt, "docx:MS Word 2007 XML", tmp_path / "docx"))


@pytest.mark.parametrize("module, name", cases((registers,)))
def test_register_of_another_office(tmp_path: Path, module: ModuleType, name: str) -> None:
    check_register(name, build(module, name, tmp_path))


@pytest.mark.slow
@needs_soffice()
@pytest.mark.parametrize("name", ["records_register_docx", "document_register_docx"])
def test_word_register_printed_to_pdf(tmp_path: Path, name: str) -> None:
    """The records register runs over two pages with its header row repeated; narrow columns wrap
    names and codes ("QT.02.ĐGN" / "B") — the rows read as in the DOCX."""
    pdf = convert(build(registers, name, tmp_path), "pdf", tmp_path / "pdf")
    if name == "records_register_docx":
        assert (read_file(str(pdf), pdf.name, Limits()).pages or 0) >= 2
    check_register(name, pdf)


@pytest.mark.slow
@needs_soffice()
def test_capa_log_saved_by_libreoffice_calc(tmp_path: Path) -> None:
    """The workbook kept as ODS by LibreOffice Calc and saved back to XLSX (other XML, same sheet)."""
    ods = convert(registers.capa_log_xlsx(tmp_path / "so.xlsx"), "ods", tmp_path / "ods")
    check_register("capa_log_xlsx", convert(ods, "xlsx", tmp_path / "xlsx"))


# ---------------------------------------------------------------------------------------------
# The whole corpus through `qms check`.


def wild_inbox(inbox: Path) -> dict[str, tuple[ModuleType, str]]:
    """Every builder's file in an inbox of folders as offices name them; inbox path -> its case."""
    folders = {capa: "Phiếu HĐKP", review: "Xem xét lãnh đạo", objectives: "Mục tiêu chất lượng",
               registers: "Sổ theo dõi", controlled: "Tài liệu HTQLCL"}
    out = {}
    for module, folder in folders.items():
        for name in module.BUILDERS:
            path = build(module, name, inbox / folder)
            out[path.relative_to(inbox).as_posix()] = (module, name)
    return out


def test_qms_check_reads_the_wild_corpus(tmp_path: Path) -> None:
    inbox, outbox = tmp_path / "inbox", tmp_path / "outbox"
    corpus = wild_inbox(inbox)
    run = run_qms("check", "--inbox", str(inbox), "--outbox", str(outbox), "--as-of", AS_OF.isoformat(),
                  outbox=outbox)
    assert run.code in (0, 1), run.stderr
    entries: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in run.json("records.json")["files"]:
        entries[entry["file"]].append(entry)
    assert sorted(entries) == sorted(corpus)
    wrong = []
    for file, (module, name) in corpus.items():
        [entry] = entries[file]
        if entry["kind"] != module.KINDS[name]:
            wrong.append(f"{file}: {entry['kind']}")
            continue
        for key, value in getattr(module, "EXPECTED", {}).get(name, {}).items():
            if entry["fields"].get(key) != to_jsonable(value):
                wrong.append(f"{file}: {key} = {entry['fields'].get(key)!r}, expected {to_jsonable(value)!r}")
    assert not wrong, "\n".join(wrong)
    findings = run.json("findings.json")["findings"]
    unread = [(f["rule"], f["file"]) for f in findings if f["rule"] in ("CTCL090", "CTCL091", "CTCL093")]
    assert unread == [], json.dumps(unread, ensure_ascii=False)
