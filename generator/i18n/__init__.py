"""Interface text in English for visitors; Chinese is the source and the default.

Templates call ``_("中文原文", **values)``: the Chinese text is the key into en.json.
Values are filled in with str.format after translation and escaped by Jinja with the
rest, so translations are plain text.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any

LANGUAGES = ("zh", "en")


@cache
def _files() -> tuple[dict[str, Any], ...]:
    """en.json, then any en-<area>.json beside it (merged in name order)."""
    folder = resources.files("generator").joinpath("i18n")
    names = sorted(f.name for f in folder.iterdir()
                   if f.name == "en.json"
                   or (f.name.startswith("en-") and f.name.endswith(".json")))
    return tuple(json.loads(folder.joinpath(n).read_text("utf-8")) for n in names)


@cache
def catalogue() -> dict[str, str]:
    data: dict[str, str] = {}
    for part in _files():
        data.update({k: v for k, v in part.items() if k != "__js__"})
    return data


@cache
def js_keys() -> tuple[str, ...]:
    """JS_TEXT and the strings a part lists under "__js__"."""
    extra = [k for part in _files() for k in part.get("__js__", ())]
    return tuple(dict.fromkeys((*JS_TEXT, *extra)))


def translator(lang: str, strict: bool = False) -> Callable[..., str]:
    """``_`` for one language. ``strict`` raises on a missing translation (tests)."""
    def translate(text: str, **values: Any) -> str:
        if lang == "en":
            found = catalogue().get(text)
            if found is None and strict:
                raise KeyError(f"no English for {text!r} in generator/i18n/en.json")
            text = found or text
        return text.format(**values) if values else text
    return translate


# Text of the portal's scripts (portal.js, ledger.js, vouchers.js), given to English pages
# as a dictionary; the scripts fall back to the Chinese.
JS_TEXT = (
    "表格，可左右滑动", "显示 {n} / {m} 个项目", "找到 {n} 条", "共 {n} 条", "日期", "编号", "科目",
    "对方", "摘要", "金额", "凭证", "查看凭证", "查看凭证（PDF）",
    "已更正，以 {id} 为准，本条不计入合计",
    "更正 {id}", "{year} 年 {month} 月", "翻页", "条每页", "第 {page} 页", "没有符合条件的账目",
    "第 {start}–{end} 条，共 {rows} 条", "点按排序", "正在加载……", "已加载全部 {n} 条账目。",
    "加载失败，请检查网络后再试一次。", "关闭", "上一张", "下一张",
)


def js_text(lang: str) -> dict[str, str]:
    return {k: catalogue()[k] for k in js_keys() if k in catalogue()} if lang == "en" else {}


def name(lang: str) -> Callable[[Any], str]:
    def pick(obj: Any) -> str:
        return str(obj.name_en if lang == "en" else obj.name_zh)
    return pick
