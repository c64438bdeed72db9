"""Each standard's PDF: the official one where the package supplies it, else its text
printed at build time — A4, with its code, title, clause numbers and page numbers as text a
reader can search, the same bytes for the same text, and printed once."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator import derivatives, pdf_tidy, standards_pdf
from generator.domain import slug
from generator.errors import RenderError

from .conftest import MINIMAL
from .test_site import page, resolve

STANDARDS = MINIMAL / "standards"
CLAUSE = re.compile(r"^(?:#+\s+)?(\d+(?:\.\d+)*)\s", re.M)


def catalogue() -> list[dict[str, str]]:
    with (STANDARDS / "standards.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def linked_pdf(site: Path, code: str) -> Path:
    path = f"standards/{slug(code)}/index.html"
    href = re.search(r'<a href="([^"]+)">PDF 文本</a>', page(site, path)).group(1)
    return resolve(site, path, href)


def text_of(pdf: bytes) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)


def test_every_standard_links_a_pdf(minimal_site: Path) -> None:
    for row in catalogue():
        pdf = linked_pdf(minimal_site, row["code"]).read_bytes()
        if row["pdf"]:  # the official PDF wins over the printed text
            assert pdf == derivatives.derive((STANDARDS / row["pdf"]).read_bytes(), "pdf")
        else:
            assert pdf.startswith(b"%PDF")


def test_printed_pdfs_are_a4_with_code_title_clauses_and_page_numbers(
        minimal_site: Path) -> None:
    printed = [row for row in catalogue() if not row["pdf"]]
    assert printed
    for row in printed:
        reader = PdfReader(linked_pdf(minimal_site, row["code"]))
        for sheet in reader.pages:
            assert abs(float(sheet.mediabox.width) - 595) <= 1
            assert abs(float(sheet.mediabox.height) - 842) <= 1
        text = "\n".join(p.extract_text() for p in reader.pages)
        assert row["code"] in text and row["title_zh"] in text, row["code"]
        body = (STANDARDS / row["body"]).read_text(encoding="utf-8")
        for number in CLAUSE.findall(body):
            assert re.search(rf"(?m)^{re.escape(number)}\s", text), (row["code"], number)
        pages = len(reader.pages)
        assert f"第 {pages} 页 / 共 {pages} 页" in text
        # the text's own characters, not the CJK radicals that share their glyphs
        assert not re.search("[\u2e80-\u2fdf]", text), row["code"]
        assert reader.metadata.title == f"{row['code']} {row['title_zh']}"
        assert "/CreationDate" not in reader.metadata


def sheet(name: str = "a") -> standards_pdf.Sheet:
    body = "<h2>1 范围</h2><p>本文件适用于共有资金的管理和公开。</p><p>4.1 账户应公开。</p>"
    html = (f"<!DOCTYPE html><html lang=zh-CN><meta charset=utf-8><title>XY/T 900—2024 示例"
            f"</title><h1>XY/T 900—2024 {name}</h1>{body}</html>")
    return standards_pdf.Sheet(f"standards/x/{name}.pdf", html, "XY/T 900—2024")


@pytest.mark.browser
def test_the_same_text_prints_the_same_bytes() -> None:
    standards_pdf._PRINTED.clear()
    first = standards_pdf.print_sheets([sheet()], None)
    standards_pdf._PRINTED.clear()  # printed again by Chromium, not remembered
    second = standards_pdf.print_sheets([sheet()], None)
    assert first == second
    text = text_of(first["standards/x/a.pdf"])
    assert "XY/T 900—2024" in text and "共有资金的管理和公开" in text and "4.1" in text


def test_a_new_version_of_the_printing_code_publishes_the_same_bytes(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A change to the printer (a comment, a pypdf release) prints again, but the same
    pages give the same file: the site does not change for nothing a resident can see."""
    standards_pdf._PRINTED.clear()
    first = standards_pdf.print_sheets([sheet()], None)["standards/x/a.pdf"]
    standards_pdf._PRINTED.clear()
    monkeypatch.setattr(standards_pdf, "_code", lambda: "another printer")
    assert standards_pdf.print_sheets([sheet()], None)["standards/x/a.pdf"] == first
    trailer = first[-400:]
    assert b"/ID [ <" in trailer and b"<00000000000000000000000000000000>" not in trailer


@pytest.mark.browser
def test_an_unchanged_standard_is_not_printed_again(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    standards_pdf._PRINTED.clear()
    made = standards_pdf.print_sheets([sheet("kept")], tmp_path)
    assert len(list((tmp_path / standards_pdf.KIND).iterdir())) == 1
    standards_pdf._PRINTED.clear()

    async def no_printing(sheets: object) -> dict[str, bytes]:
        raise AssertionError("printed again")
    monkeypatch.setattr(standards_pdf, "_print_all", no_printing)
    assert standards_pdf.print_sheets([sheet("kept")], tmp_path) == made


def test_a_missing_chromium_is_said_plainly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(standards_pdf, "CHROMIUM", "/nonexistent/chromium")
    standards_pdf.chromium_version.cache_clear()
    try:
        with pytest.raises(RenderError, match="printed with Chromium, which is not at "
                                              "/nonexistent/chromium"):
            standards_pdf.print_sheets([sheet()], None)
    finally:
        standards_pdf.chromium_version.cache_clear()


def test_text_maps_give_the_ideographs_the_radicals_stand_in_for() -> None:
    cmap = ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n"
            "2 beginbfchar\n<01> <2F64>\n<02> <2015>\nendbfchar\n"
            "1 beginbfrange\n<03> <04> <0041>\nendbfrange\nendcmap\n"
            "CMapName currentdict /CMap defineresource pop\nend\nend\n")
    mapping = pdf_tidy.read_cmap(cmap)
    assert mapping == {"01": "\u2f64", "02": "\u2015", "03": "A", "04": "B"}
    fixed = {code: "".join(pdf_tidy.STAND_IN.get(c, c) for c in chars)
             for code, chars in mapping.items()}
    assert fixed == {"01": "用", "02": "—", "03": "A", "04": "B"}
    assert pdf_tidy.read_cmap(pdf_tidy.write_cmap(cmap, fixed)) == fixed
