"""The search words list: the words residents type (水费, 保安) and the official terms the
accounts and standards use for them (公共水电, 秩序维护), which the search page searches too.

A clerk keeps the list in content/search/synonyms.csv (content/maintainers/publishing.md).
It is read by one strict parser: a line that is not exactly right stops the build, with a
message naming the file, the line and what to write, before the site is published. The
browser gets the words and terms only, as JSON data (search/synonyms.json).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from ..errors import SiteError

SOURCE = Path("search") / "synonyms.csv"  # in content/, which mkdocs copies into the site
TARGET = Path("search") / "synonyms.json"
LABEL = "content/search/synonyms.csv"
HEADER = ["居民说法", "正式名称", "说明"]
EXAMPLE = "水费,公共水电,小区账上公共区域的水费和电费记在“公共水电”"
TERM_SEPARATOR = "、"
MAX_ROWS, MAX_WORD, MAX_TERM, MAX_TERMS, MAX_NOTE = 500, 10, 16, 4, 80

_IDEOGRAPH = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[{_IDEOGRAPH}A-Za-z0-9]+")
_TERM = re.compile(rf"[{_IDEOGRAPH}A-Za-z0-9·（）]+")
# A note is for the people who review the list; still, nothing outside these characters.
_NOTE = re.compile(rf"[{_IDEOGRAPH}A-Za-z0-9 ，。、；：？！“”‘’（）《》·—…%/.-]+")
_SPACES = " \t\u3000"


class SearchWordsRefused(SiteError):
    """The search words list has a line that is not right; nothing was published."""


def _refuse(line: int, what: str, write: str) -> SearchWordsRefused:
    return SearchWordsRefused(f"{LABEL} 第 {line} 行：{what}。{write}")


def parse(text: str) -> list[tuple[str, list[str]]]:
    """The list's (word, official terms) pairs in the file's order; refuses a bad line."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            rows.append((reader.line_num, row))
    except csv.Error as exc:  # the line where the bad row starts, not where reading stopped
        raise _refuse(rows[-1][0] + 1 if rows else 1, "英文双引号没有配对",
                      "请去掉这一行的英文双引号，说明里要用引号时请用中文引号“”") from exc
    if not rows or [cell.strip(_SPACES) for cell in rows[0][1]] != HEADER:
        raise _refuse(1, "第一行（表头）不对", f"第一行请写：{','.join(HEADER)}")
    if len(rows) - 1 > MAX_ROWS:
        raise _refuse(rows[MAX_ROWS + 1][0], f"词表超过 {MAX_ROWS} 条",
                      "请删去用得少的词，只保留居民常用的说法")
    pairs: list[tuple[str, list[str]]] = []
    seen: dict[str, int] = {}
    for line, row in rows[1:]:
        word, terms = _row(line, [cell.strip(_SPACES) for cell in row])
        if word in seen:
            raise _refuse(line, f"“{word}”在第 {seen[word]} 行已经有了",
                          "一个说法只写一行：请把正式名称合并到那一行（用“、”分开），再删去这一行")
        seen[word] = line
        pairs.append((word, terms))
    return pairs


def _row(line: int, cells: list[str]) -> tuple[str, list[str]]:
    if not any(cells):
        raise _refuse(line, "是空行", "请删去这一行")
    if len(cells) != len(HEADER):
        raise _refuse(line, f"有 {len(cells)} 列，应为 3 列",
                      f"每行写：居民说法,正式名称,说明，用英文逗号分开；说明里的逗号请用中文逗号“，”。例如：{EXAMPLE}")
    word, terms_cell, note = cells
    _check_word(line, word)
    terms = _terms(line, word, terms_cell)
    if not note:
        raise _refuse(line, "“说明”是空的", f"请写明这个说法指的是什么，供审核。例如：{EXAMPLE}")
    bad = _NOTE.sub("", note)
    if len(note) > MAX_NOTE or bad:
        what = f"里有不能用的字符“{bad[0]}”" if bad else f"有 {len(note)} 个字，太长"
        raise _refuse(line, f"“说明”{what}",
                      f"说明最多 {MAX_NOTE} 个字，只用汉字、字母、数字和常用中文标点")
    return word, terms


def _check_word(line: int, word: str) -> None:
    if not word:
        raise _refuse(line, "“居民说法”是空的", f"请写居民搜索时用的词。例如：{EXAMPLE}")
    if len(word) > MAX_WORD or not _WORD.fullmatch(word):
        raise _refuse(line, f"“居民说法”“{word[:20]}”不能用",
                      f"请只写一个词，最多 {MAX_WORD} 个字，只用汉字、字母或数字，不加空格和标点")


def _terms(line: int, word: str, cell: str) -> list[str]:
    terms = [term.strip(_SPACES) for term in cell.split(TERM_SEPARATOR)]
    if not cell:
        raise _refuse(line, "“正式名称”是空的",
                      f"请写账目科目或标准中的名称，几个名称之间用“、”分开。例如：{EXAMPLE}")
    for term in terms:
        if not term or len(term) > MAX_TERM or not _TERM.fullmatch(term):
            raise _refuse(line, f"“正式名称”“{cell[:30]}”不能用",
                          f"每个名称最多 {MAX_TERM} 个字，只用汉字、字母、数字，"
                          f"几个名称之间用“、”分开，最多 {MAX_TERMS} 个")
    if len(terms) > MAX_TERMS or len(set(terms)) != len(terms) or word in terms:
        raise _refuse(line, f"“正式名称”“{cell[:30]}”有重复或太多",
                      f"请写与“{word}”不同的名称，每个只写一次，最多 {MAX_TERMS} 个")
    return terms


def read(path: Path) -> list[tuple[str, list[str]]]:
    """The list in ``path``; none when there is no list. Refuses a file not in UTF-8."""
    if not path.is_file():
        return []
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise SearchWordsRefused(
            f"{LABEL} 第 {line} 行：不是 UTF-8 编码。"
            "请用 WPS 或 Excel “另存为”“CSV UTF-8（逗号分隔）”") from exc
    return parse(text)


def check(content: Path) -> None:
    """Refuse a bad list before anything is built (content: the content folder)."""
    read(content / SOURCE)


def publish(site: Path) -> None:
    """Replace the list that mkdocs copied into the site with its words and terms as JSON;
    refuses a bad list before writing anything."""
    source = site / SOURCE
    pairs = read(source)
    target = site / TARGET
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({"words": pairs}, ensure_ascii=False, separators=(",", ":")),
                      encoding="utf-8")
    source.unlink(missing_ok=True)  # the English search page reads the same JSON
