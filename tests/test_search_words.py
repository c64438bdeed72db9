"""The search words list (content/search/synonyms.csv): the clerk's list is read by one
strict parser; each kind of bad line stops the build with a message naming the file, the
line and what to write, and nothing is written."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from generator.errors import PortalError
from generator.site import search_words
from generator.site.search import index_search
from generator.site.search_words import SearchWordsRefused

from .conftest import REPO, compose, run

HEAD = "居民说法,正式名称,说明\n"
GOOD = "水费,公共水电,小区账上公共区域的水费记在“公共水电”\n"
FILE = "content/search/synonyms.csv"
EXAMPLE = "水费,公共水电,小区账上公共区域的水费和电费记在“公共水电”"

BAD = {
    "header": ("word,term,note\n" + GOOD,
               f"{FILE} 第 1 行：第一行（表头）不对。第一行请写：居民说法,正式名称,说明"),
    "two-columns": (HEAD + "水费,公共水电\n",
                    f"{FILE} 第 2 行：有 2 列，应为 3 列。"
                    "每行写：居民说法,正式名称,说明，用英文逗号分开；"
                    f"说明里的逗号请用中文逗号“，”。例如：{EXAMPLE}"),
    "blank-line": (HEAD + GOOD + "\n" + "电费,公共水电,公共区域的电费\n",
                   f"{FILE} 第 3 行：是空行。请删去这一行"),
    "empty-word": (HEAD + " ,公共水电,公共区域的水费\n",
                   f"{FILE} 第 2 行：“居民说法”是空的。请写居民搜索时用的词。例如：{EXAMPLE}"),
    "word-with-punctuation": (HEAD + "水费？,公共水电,公共区域的水费\n",
                              f"{FILE} 第 2 行：“居民说法”“水费？”不能用。"
                              "请只写一个词，最多 10 个字，只用汉字、字母或数字，不加空格和标点"),
    "word-too-long": (HEAD + "小区公共区域的水费和电费,公共水电,太长\n",
                      f"{FILE} 第 2 行：“居民说法”“小区公共区域的水费和电费”不能用。请只写一个词，"
                      "最多 10 个字，只用汉字、字母或数字，不加空格和标点"),
    "empty-term": (HEAD + "水费,,公共区域的水费\n",
                   f"{FILE} 第 2 行：“正式名称”是空的。请写账目科目或标准中的名称，"
                   f"几个名称之间用“、”分开。例如：{EXAMPLE}"),
    "markup-in-term": (HEAD + "水费,<b>公共水电</b>,公共区域的水费\n",
                       f"{FILE} 第 2 行：“正式名称”“<b>公共水电</b>”不能用。每个名称最多 16 个字，"
                       "只用汉字、字母、数字，几个名称之间用“、”分开，最多 4 个"),
    "term-is-the-word": (HEAD + "保洁,保洁,同一个词\n",
                         f"{FILE} 第 2 行：“正式名称”“保洁”有重复或太多。"
                         "请写与“保洁”不同的名称，每个只写一次，最多 4 个"),
    "too-many-terms": (HEAD + "钱,物业服务费、公共收益、停车收益、广告收益、场地租金,太多\n",
                       f"{FILE} 第 2 行：“正式名称”"
                       "“物业服务费、公共收益、停车收益、广告收益、场地租金”有重复或太多。"
                       "请写与“钱”不同的名称，每个只写一次，最多 4 个"),
    "empty-note": (HEAD + "水费,公共水电,\n",
                   f"{FILE} 第 2 行：“说明”是空的。"
                   f"请写明这个说法指的是什么，供审核。例如：{EXAMPLE}"),
    "markup-in-note": (HEAD + "水费,公共水电,<script>alert(1)</script>\n",
                       f"{FILE} 第 2 行：“说明”里有不能用的字符“<”。"
                       "说明最多 80 个字，只用汉字、字母、数字和常用中文标点"),
    "note-too-long": (HEAD + "水费,公共水电," + "水" * 81 + "\n",
                      f"{FILE} 第 2 行：“说明”有 81 个字，太长。"
                      "说明最多 80 个字，只用汉字、字母、数字和常用中文标点"),
    "duplicate-word": (HEAD + GOOD + "电费,公共水电,公共区域的电费\n" + GOOD,
                       f"{FILE} 第 4 行：“水费”在第 2 行已经有了。一个说法只写一行："
                       "请把正式名称合并到那一行（用“、”分开），再删去这一行"),
    "stray-quote": (HEAD + '电费,"公共水电,公共区域的电费\n' + GOOD,
                    f"{FILE} 第 2 行：英文双引号没有配对。"
                    "请去掉这一行的英文双引号，说明里要用引号时请用中文引号“”"),
    "quote-inside-a-note": (HEAD + GOOD + '电费,公共水电,说明里有"英文引号\n',
                            f"{FILE} 第 3 行：“说明”里有不能用的字符“\"”。"
                            "说明最多 80 个字，只用汉字、字母、数字和常用中文标点"),
}


def site_with(tmp_path: Path, data: bytes) -> Path:
    """A built site as the search stage finds it: the list copied in by mkdocs."""
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    (site / "search" / "synonyms.csv").write_bytes(data)
    (site / "index.html").write_text('<html lang="zh"><div data-pagefind-body>页</div></html>',
                                      encoding="utf-8")
    return site


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_line_is_refused_with_file_line_and_what_to_write(case: str, tmp_path: Path) -> None:
    text, message = BAD[case]
    site = site_with(tmp_path, text.encode("utf-8"))
    with pytest.raises(SearchWordsRefused) as refused:
        index_search(site)
    assert refused.value.message == message
    assert isinstance(refused.value, PortalError)
    # Refused before the index: neither the words nor an index were written.
    assert sorted(p.name for p in site.rglob("*")) == ["index.html", "search", "synonyms.csv"]


def test_list_not_saved_as_utf8_is_refused(tmp_path: Path) -> None:
    site = site_with(tmp_path, (HEAD + GOOD).encode("gbk"))
    with pytest.raises(SearchWordsRefused) as refused:
        search_words.publish(site)
    assert refused.value.message == (f"{FILE} 第 1 行：不是 UTF-8 编码。"
                                     "请用 WPS 或 Excel “另存为”“CSV UTF-8（逗号分隔）”")
    assert not (site / "search" / "synonyms.json").exists()


def test_cells_are_trimmed_and_excel_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    text = "\ufeff" + HEAD + " 水费 ,　公共水电 、 维修养护 ,说明\n"
    site = site_with(tmp_path, text.encode("utf-8"))
    search_words.publish(site)
    words = json.loads((site / "search" / "synonyms.json").read_text(encoding="utf-8"))
    assert words == {"words": [["水费", ["公共水电", "维修养护"]]]}
    assert not (site / "search" / "synonyms.csv").exists()  # the browser gets data only


def test_the_portals_list_is_valid_and_names_the_everyday_words() -> None:
    pairs = dict(search_words.read(REPO / FILE))
    assert 30 <= len(pairs) <= 80
    assert pairs["水费"] == ["公共水电"] and pairs["电费"] == ["公共水电"]
    assert pairs["物业费"] == ["物业服务费"] and pairs["保安"] == ["秩序维护"]
    assert pairs["提意见"] == ["业主质询"] and pairs["基站"] == ["公共收益"]
    assert pairs["关联公司"] == ["受托人的关联方"] and pairs["季度报告"] == ["进展报告"]


def test_build_with_a_bad_list_stops_and_writes_no_site(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "generator"):
        (project / name).symlink_to(REPO / name)
    shutil.copytree(REPO / "content", project / "content")
    (project / FILE).write_text(BAD["duplicate-word"][0], encoding="utf-8")
    datasets, out = compose(tmp_path), tmp_path / "out"
    cwd = Path.cwd()
    os.chdir(project)
    try:
        result = run("build", "--datasets", str(datasets), "--out", str(out), "--no-cache")
    finally:
        os.chdir(cwd)
    assert result.exit_code != 0
    assert BAD["duplicate-word"][1] in result.output
    assert not out.exists()
