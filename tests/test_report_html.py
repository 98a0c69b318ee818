"""report.html (SPEC §6): self-contained, offline, all document text escaped, rendered by a real browser.

One inbox of real BM.CTCL.01 forms carrying text crafted to break reports; `qms check` runs once in
Vietnamese and once in English, and the tests read what it wrote.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from browser import chromium, visit
from capa_forms import HOSTILE, HOSTILE_FILE, hostile_inbox
from qms_runner import QmsRun, run_qms

from pipeline.emit.i18n import TEXT

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "srcset", "background", "cite",
                  "ping", "manifest", "xlink:href", "codebase", "longdesc", "profile", "usemap"}
LOADING_TAGS = {"script", "link", "iframe", "frame", "object", "embed", "base", "img", "audio", "video",
                "source", "track", "applet", "portal", "form"}


class Page(HTMLParser):
    """What the page is made of: tags with attributes, text nodes (unescaped) and style sheets."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.texts: list[str] = []
        self.styles: list[str] = []
        self.comments: list[str] = []
        self._in_style = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def handle_data(self, data: str) -> None:
        (self.styles if self._in_style else self.texts).append(data)

    @property
    def text(self) -> str:
        return " ".join(self.texts)


def _check(inbox: Path, outbox: Path, *extra: str) -> QmsRun:
    run = run_qms("check", "--inbox", str(inbox), "--outbox", str(outbox), "--as-of", "2026-11-22", *extra,
                  outbox=outbox)
    assert run.code in (0, 1), run.stderr
    assert "Traceback" not in run.stderr
    return run


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("report-html")
    hostile_inbox(root / "inbox")
    vi = _check(root / "inbox", root / "out-vi")
    en = _check(root / "inbox", root / "out-en", "--lang", "en")
    return {"inbox": root / "inbox", "vi": vi, "en": en}


def _html(run: QmsRun) -> str:
    assert run.outbox is not None
    return (run.outbox / "report.html").read_text(encoding="utf-8")


def test_the_hostile_form_was_read_and_reported(runs):
    """Precondition: the form is recognised and its text reaches the findings (else the rest proves nothing)."""
    records = runs["vi"].json("records.json")["files"]
    hostile = next(f for f in records if f["file"] == f"capa/{HOSTILE_FILE}")
    assert hostile["kind"] == "capa_request"
    assert hostile["fields"]["description"] == HOSTILE and hostile["fields"]["unit"] == HOSTILE
    findings = runs["vi"].json("findings.json")["findings"]
    assert any(f["evidence"] == HOSTILE and f["unit"] == HOSTILE for f in findings)


def test_document_text_shows_literally_and_is_never_markup(runs):
    html = _html(runs["vi"])
    page = Page(html)
    assert HOSTILE in page.texts  # the evidence cell, exactly
    assert any(HOSTILE in t for t in page.texts if t != HOSTILE)  # quoted inside the message too
    assert "&lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in html
    assert "Tom &amp; Jerry &amp;amp;" in html
    assert "{{ x }}" in page.text and "{% raw %}" in page.text  # not rendered as a template
    tags = {tag for tag, _ in page.tags}
    assert not tags & {"script", "img"}
    assert not any(name.startswith("on") for _, attrs in page.tags for name in attrs)


def test_no_external_url_nothing_loaded(runs):
    """Self-contained and offline: nothing to fetch, every link relative (to the inbox or drafts)."""
    page = Page(_html(runs["vi"]))
    assert not {tag for tag, _ in page.tags} & LOADING_TAGS
    for tag, attrs in page.tags:
        if tag == "meta":
            assert attrs.get("http-equiv", "").lower() != "refresh"
        for name, value in attrs.items():
            if name in URL_ATTRIBUTES:
                parts = urlsplit(value.strip())
                assert parts.scheme in ("", "file") and not parts.netloc, f"<{tag} {name}={value!r}>"
            assert "url(" not in value.replace(" ", "").lower(), f"<{tag} {name}={value!r}>"
    style = "".join(page.styles).lower()
    assert "url(" not in style.replace(" ", "") and "@import" not in style
    # the only URL anywhere is the one the hostile form wrote, shown as text (charts truncate it)
    url = re.compile(r"(?i)\b[a-z][a-z0-9+.-]*://")
    assert not any(url.search(t) for t in [*page.styles, *page.comments])
    assert all("http://evil.inv" in t for t in page.texts if url.search(t))


def test_links_open_the_source_files(runs):
    """Each file link, resolved from the outbox, is the inbox file the finding names (quoted: # & ' space)."""
    outbox = runs["vi"].outbox
    findings = runs["vi"].json("findings.json")["findings"]
    hrefs = [attrs["href"] for tag, attrs in Page(_html(runs["vi"])).tags if tag == "a"]
    targets = {(outbox / unquote(href)).resolve() for href in hrefs}
    expected = {(runs["inbox"] / f["file"]).resolve() for f in findings if f["file"]}
    assert expected and expected <= targets
    assert (runs["inbox"] / "capa" / HOSTILE_FILE).resolve() in targets
    assert all("#" not in href and " " not in href for href in hrefs)


def test_every_finding_has_a_row(runs):
    findings = runs["vi"].json("findings.json")["findings"]
    rows = [attrs["id"][2:] for tag, attrs in Page(_html(runs["vi"])).tags
            if tag == "tr" and attrs.get("id", "").startswith("f-")]
    assert sorted(rows) == sorted(f["id"] for f in findings)


PROBES = {
    "title": "document.title",
    "h1": "document.querySelector('h1').textContent",
    "scripts": "document.scripts.length",
    "cards": "[...document.querySelectorAll('#summary .card')].map(c => c.innerText.replace(/\\s+/g, ' ').trim())",
    "charts": """[...document.querySelectorAll('#summary svg')].map(s => ({
        height: s.getBoundingClientRect().height, width: s.getBoundingClientRect().width,
        bars: [...s.querySelectorAll('rect')].map(r => ({label: r.querySelector('title').textContent,
                                                         width: r.getBoundingClientRect().width}))}))""",
    "rows": """[...document.querySelectorAll('#findings-table tr[id^="f-"]')].map(r => ({
        id: r.id.slice(2), height: r.getBoundingClientRect().height, text: r.innerText}))""",
    "evidence": "[...document.querySelectorAll('#findings-table .evidence')].map(e => e.textContent)",
}


@pytest.mark.skipif(chromium() is None, reason="Chromium not installed (CI installs Debian's chromium)")
def test_renders_in_chromium_without_errors(runs):
    outbox = runs["vi"].outbox
    doc = runs["vi"].json("findings.json")
    seen = visit(outbox / "report.html", PROBES)
    assert seen.errors == [] and seen.dialogs == []
    assert seen.requests == [seen.url]  # the page itself, nothing else
    p = seen.probes
    w = TEXT["vi"]
    assert p["scripts"] == 0 and p["h1"] == w["report_title"] and p["title"].startswith(w["report_title"])
    # summary: the cards show the counts of findings.json
    cards = dict(reversed(card.split(" ", 1)) for card in p["cards"])
    counted = [f for f in doc["findings"] if not f.get("waived")]
    assert cards[w["total"]] == str(len(counted))
    for severity, n in doc["summary"]["by_severity"].items():
        assert cards[w[severity]] == str(n)
    # charts: severity, unit, rule — drawn, one bar per entry, the longest bar for the largest count
    severity_chart, unit_chart, rule_chart = p["charts"]
    assert all(c["height"] > 0 and c["width"] > 0 for c in p["charts"])
    by_severity, by_rule = doc["summary"]["by_severity"], doc["summary"]["by_rule"]
    assert [b["label"] for b in severity_chart["bars"]] == [f"{w[s]}: {n}" for s, n in by_severity.items()]
    assert {b["label"] for b in rule_chart["bars"]} == {f"{r}: {n}" for r, n in by_rule.items()}
    assert f"{HOSTILE}: 1" in {b["label"] for b in unit_chart["bars"]}
    assert all(b["width"] > 0 for c in p["charts"] for b in c["bars"] if not b["label"].endswith(": 0"))
    # the findings table: one visible row per finding; document text shown as text
    assert sorted(r["id"] for r in p["rows"]) == sorted(f["id"] for f in doc["findings"])
    assert all(r["height"] > 0 for r in p["rows"])
    assert HOSTILE in p["evidence"]
    hostile_row = next(r for r in p["rows"] if HOSTILE in r["text"])
    assert "{{ x }}" in hostile_row["text"] and "<script>" in hostile_row["text"]


VIETNAMESE_LETTERS = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ]|[\u0300-\u0323]")


def _vietnamese(text: str) -> bool:
    return bool(VIETNAMESE_LETTERS.search(unicodedata.normalize("NFD", text)))


def test_english_report(runs):
    page = Page(_html(runs["en"]))
    text = page.text
    assert ("html", {"lang": "en"}) in page.tags
    en, vi = TEXT["en"], TEXT["vi"]
    for key in ("report_title", "summary", "findings", "by_severity", "by_unit", "by_rule", "major", "minor"):
        assert en[key] in text
        assert vi[key] not in text
    for finding in runs["en"].json("findings.json")["findings"]:
        assert finding["title"]["en"] in text and finding["title"]["vi"] not in text
        assert finding["message"]["en"] in text and finding["message"]["vi"] not in text


def test_english_messages_hold_no_vietnamese_besides_document_text(runs):
    for finding in runs["en"].json("findings.json")["findings"]:
        message = finding["message"]["en"]
        for document_text in (finding["evidence"], finding["unit"], finding["file"]):
            message = message.replace(document_text or "\0", "")
        assert not _vietnamese(message), (finding["rule"], message)
