"""The English interface: every Chinese string of the templates goes through ``_()`` and has
an English entry in generator/i18n/en.json, and the minimal fixture renders in English.

Templates pass the Chinese source text to ``_()``; en.json maps it to English. These tests
read the templates as text (a rough but useful check), then render the pages in English.
"""

from __future__ import annotations

import ast
import json
import posixpath
import re
import shutil
import string
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath

import pytest

from generator.build import model
from generator.config import BuildConfig
from generator.render import RenderedPage, render

from .conftest import MINIMAL, REPO

GENERATOR = REPO / "generator"
TEMPLATES = GENERATOR / "templates"
CATALOGUE = GENERATOR / "i18n" / "en.json"

# Rendered in Chinese only, and left bilingual or Chinese on purpose.
# Rendered for the Chinese site only: their text needs no English (month pages are
# Chinese; the English ledger page gives the months' figures).
CHINESE_ONLY = {"_partials/notice_head.html", "_partials/notice_foot.html",
                "data_dictionary.html", "ledger_month.html", "_partials/by_category.html"}

STRING = r'''("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')'''
# _("…") in a template, possibly over several lines; not some_("…") or x._("…").
TEMPLATE_CALL = re.compile(r"(?<![\w.])_\(\s*" + STRING, re.S)
# tr("…") and page.tr("…") in the render stage (page titles, kinds of page).
PYTHON_CALL = re.compile(r"(?<![\w])(?:page\.)?tr\(\s*" + STRING, re.S)
COMMENT = re.compile(r"\{#.*?#\}", re.S)
# Han characters, CJK punctuation (、。《》「」…, not the ideographic space) and full-width
# forms (，：；（）…).
CJK = re.compile(r"[\u3001-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff5e]")
# Not interface text: the Pagefind filter key, the same in both languages (search.js).
ALLOWED = ("{% block filter %}类型:",)


def templates() -> list[Path]:
    return sorted(TEMPLATES.rglob("*.html"))


def calls(pattern: re.Pattern[str], text: str) -> list[str]:
    return [ast.literal_eval(m.group(1)) for m in pattern.finditer(text)]


def template_strings() -> dict[str, list[str]]:
    """Every string passed to _() in the templates, with the templates using it."""
    found: dict[str, list[str]] = {}
    for path in templates():
        name = path.relative_to(TEMPLATES).as_posix()
        if name in CHINESE_ONLY:
            continue
        for text in calls(TEMPLATE_CALL, path.read_text(encoding="utf-8")):
            found.setdefault(text, []).append(name)
    return found


def python_strings() -> set[str]:
    return {text for path in GENERATOR.rglob("*.py") if "i18n" not in path.parts
            for text in calls(PYTHON_CALL, path.read_text(encoding="utf-8"))}


def english() -> dict[str, str]:
    from generator.i18n import catalogue

    return dict(catalogue())


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


# 1. The catalogue and the templates agree.

def test_the_scan_finds_the_templates_strings() -> None:
    found = template_strings()
    assert len(found) > 200
    assert "核查结果" in found  # one line
    assert "{year} 年共有资金收入（元）" in found  # with a placeholder
    # inside a multi-line {% set %}, as labels were once written
    assert calls(TEMPLATE_CALL, '{% set x = {"a": _("甲"),\n  "b": _(\n  "乙")} %}') == ["甲", "乙"]


def test_every_template_string_has_an_english_translation() -> None:
    catalogue = english()
    missing = {text: where for text, where in template_strings().items()
               if text not in catalogue}
    assert not missing, "add to generator/i18n/en.json:\n" + "\n".join(
        f"  {text!r}  ({', '.join(sorted(set(where)))})" for text, where in sorted(missing.items()))


def code_literals() -> set[str]:
    """Strings the code translates by value: chart labels (render.localised) and the
    scripts' text (i18n.JS_TEXT, looked up in the browser)."""
    found: set[str] = set()
    for path in GENERATOR.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def test_the_catalogue_has_no_unused_strings() -> None:
    from generator.i18n import js_keys

    used = set(template_strings()) | python_strings() | code_literals() | set(js_keys())
    unused = sorted(set(english()) - used)
    assert not unused, f"not used by any template or by the render stage: {unused}"


def test_translations_keep_the_placeholders_and_are_not_empty() -> None:
    for source, target in english().items():
        assert isinstance(target, str) and target.strip(), source
        assert fields(target) == fields(source), (source, target)


def test_the_catalogue_file_is_sorted_and_formatted() -> None:
    text = CATALOGUE.read_text(encoding="utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# 2. No Chinese interface text outside _().

def untranslated(source: str) -> list[tuple[int, str]]:
    """Lines still holding a Chinese character once comments and the strings passed to
    _() are taken out (their line structure kept, so that line numbers stay right)."""
    def blank(match: re.Match[str]) -> str:
        return re.sub(r"[^\n]", " ", match.group(0))

    def empty_argument(match: re.Match[str]) -> str:
        quote = match.group(1)[0]
        lines = "\n" * match.group(1).count("\n")
        return match.group(0)[: -len(match.group(1))] + quote * 2 + lines

    text = COMMENT.sub(blank, source)
    text = TEMPLATE_CALL.sub(empty_argument, text)
    for allowed in ALLOWED:
        text = text.replace(allowed, " " * len(allowed))
    return [(number, line.strip()) for number, line in enumerate(text.split("\n"), 1)
            if CJK.search(line)]


def test_no_chinese_text_outside_translation_calls() -> None:
    offending = []
    for path in templates():
        name = path.relative_to(TEMPLATES).as_posix()
        if name in CHINESE_ONLY:
            continue
        offending += [f"{name}:{number}: {line}"
                      for number, line in untranslated(path.read_text(encoding="utf-8"))]
    assert not offending, "Chinese text outside _():\n" + "\n".join(offending)


def test_the_check_sees_chinese_text_outside_calls() -> None:
    source = ('{# 注释 #}<p>{{ _("已翻译") }}</p>\n<p>{{ _("多行",\n  n=1) }}</p>\n'
              '<th>{{ "收入" if x else _("支出") }}</th>\n<td>、</td>\n'
              '{% block filter %}类型:{{ _("小区") }}{% endblock %}\n')
    assert [n for n, _ in untranslated(source)] == [4, 5]


# 3. The minimal fixture in English.

@dataclass(frozen=True)
class Rendered:
    english: dict[str, RenderedPage]
    chinese: dict[str, RenderedPage]
    files: set[str]  # published with the Chinese pages only


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    datasets = tmp_path_factory.mktemp("i18n") / "datasets"
    shutil.copytree(MINIMAL, datasets)
    config = BuildConfig(datasets=datasets, today=date(2026, 1, 1), site_url="")
    portal = model(config)
    chinese, assets = render(portal)
    english, _ = render(portal, "en", strict=True)  # strict: a missing translation raises
    files = {a.target for a in assets} | {p.path for p in chinese if p.file}
    return Rendered({p.path: p for p in english}, {p.path: p for p in chinese}, files)


def test_the_community_page_reads_in_english(rendered: Rendered) -> None:
    html = rendered.english["communities/demo/index.md"].html
    for text in ('<h2 id="findings">Check results</h2>', '<h2 id="profile">Community profile</h2>',
                 "Trustee&#39;s remuneration check", "Owners&#39; assembly resolutions",
                 '<h2 id="collection">Fee collection rate</h2>', "100 households",
                 "Repairs and maintenance (Expenditure)", "January 2021",
                 "✓ The automatic checks found no problems",
                 '<p class="admonition-title">Sample data'):
        assert text in html, text
    for text in ("核查结果", "小区概况", "受托人酬金核查", "示例数据"):
        assert text not in html, text


def test_english_pages_lead_with_english_titles(rendered: Rendered) -> None:
    standard = rendered.english["standards/xy-t-003-2024/index.md"].html
    assert "</span> Trust-based property management — Disclosure</h1>" in standard
    assert '<p class="xy-std-en" lang="zh">信托制物业 信息公开</p>' in standard
    assert "The full text is available in Chinese." in standard
    tracker = rendered.english["protection-fund/projects/B-02/index.md"].html
    assert "Council resolution" in tracker and "议事会决议" not in tracker


def test_no_placeholder_is_left_unfilled(rendered: Rendered) -> None:
    for pages in (rendered.english, rendered.chinese):
        for path, page in pages.items():
            if page.file or path == "search.md":  # search.js fills the search page's own
                continue
            # the scripts' dictionary keeps its placeholders for the scripts to fill
            text = re.sub(r'<script type="application/json" id="xy-text">.*?</script>', "",
                          page.html, flags=re.S)
            assert not re.search(r"\{[a-z_]+\}", text), path


HREF = re.compile(r'(?:href|data-src)="([^"#]+)')
FILE = re.compile(r"\.(?:png|jpe?g|webp|pdf|json|md|xml)$")
CHINESE_PAGES = re.compile(r"^(?:communities/[^/]+/notice/|maintainers/|guide/)")
# Made for each language's site, not published once: the what's-new feed.
PER_LANGUAGE = {"whatsnew/feed.xml"}


def test_english_pages_link_files_and_chinese_only_pages_in_the_chinese_site(
        rendered: Rendered) -> None:
    """Files are published once, with the Chinese pages: English pages (under en/) reach
    them, and the pages that exist in Chinese only, with asset()."""
    checked = 0
    for path, page in rendered.english.items():
        if page.file:
            continue
        here = PurePosixPath(path)
        folder = here.parent if here.name == "index.md" else here.parent / here.stem
        for href in HREF.findall(page.html):
            target = posixpath.normpath(posixpath.join("en", folder.as_posix(), href))
            inside = target.removeprefix("en/")
            if inside in PER_LANGUAGE:
                assert target == "en/" + inside, f"{path}: {href} leads to the Chinese {inside}"
                continue
            if FILE.search(inside) or CHINESE_PAGES.match(inside):
                checked += 1
                assert not target.startswith("en/"), f"{path}: {href} needs asset()"
                assert FILE.search(target) is None or target in rendered.files, (path, href, target)
    assert checked > 10
