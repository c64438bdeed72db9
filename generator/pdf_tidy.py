"""A PDF printed by Chromium made reproducible and its text searchable.

Chromium stamps the moment of printing into the document (/CreationDate, /ModDate) and
names its own version (/Producer, /Creator): those go, so the same text prints the same
bytes. And Chromium's PDF maps each glyph back to the first character the font gives it:
a Noto CJK glyph shared by 用 and the Kangxi radical ⽤ (U+2F64) comes back as the
radical, so a reader's search for 用 or a copied sentence fails. The text maps are
rewritten with the characters the text used.
"""

from __future__ import annotations

import hashlib
import io
import re
from typing import cast

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    NameObject,
    StreamObject,
    TextStringObject,
)

# Stand-in and meant character, in pairs: every CJK radical (U+2E80–U+2FDF) that shares
# its glyph with an ideograph in Noto Sans CJK SC and Noto Serif CJK SC (read from the
# fonts' cmap tables), then dashes the CJK fonts draw alike.
TWINS = (
    "⺂乛⺃乚⺅亻⺇𠘨⺉刂⺋㔾⺍𭕄⺎兀⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺘扌⺙攵⺛旡⺞歺⺟母⺠民⺡氵⺣灬⺤爫⺦丬⺨犭⺩𤣩⺫罒⺭礻⺮𥫗"
    "⺯糹⺰纟⺱罓⺲罒⺳㓁⺹耂⺺肀⺽𦥑⺾艹⻁虎⻂衤⻃覀⻅见⻆角⻇𧢲⻈讠⻉贝⻊𧾷⻋车⻌辶⻐钅⻑長⻒镸⻓长⻔门⻕𨸏⻖阝⻘青⻙韦⻚页"
    "⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟⼀一⼁丨⼂丶⼃丿⼄乙⼅亅"
    "⼆二⼇亠⼈人⼉儿⼊入⼋八⼌冂⼍冖⼎冫⼏几⼐凵⼑刀⼒力⼓勹⼔匕⼕匚⼖匸⼗十⼘卜⼙卩⼚厂⼛厶⼜又⼝口⼞囗⼟土⼠士⼡夂⼢夊⼣夕"
    "⼤大⼥女⼦子⼧宀⼨寸⼩小⼪尢⼫尸⼬屮⼭山⼮巛⼯工⼰己⼱巾⼲干⼳幺⼴广⼵廴⼶廾⼷弋⼸弓⼺彡⼻彳⼼心⼽戈⼾户⼿手⽀支⽁攴⽂文"
    "⽃斗⽄斤⽅方⽆无⽇日⽈曰⽉月⽊木⽋欠⽌止⽍歹⽎殳⽏毋⽐比⽑毛⽒氏⽓气⽔水⽕火⽖爪⽗父⽘爻⽙爿⽚片⽛牙⽜牛⽝犬⽞玄⽟玉⽠瓜"
    "⽡瓦⽢甘⽣生⽤用⽥田⽦疋⽧疒⽨癶⽩白⽪皮⽫皿⽬目⽭矛⽮矢⽯石⽰示⽱禸⽲禾⽳穴⽴立⽵竹⽶米⽷糸⽸缶⽹网⽺羊⽻羽⽼老⽽而⽾耒"
    "⽿耳⾀聿⾁肉⾂臣⾃自⾄至⾅臼⾆舌⾇舛⾈舟⾉艮⾊色⾋艸⾌虍⾍虫⾎血⾏行⾐衣⾑襾⾒見⾔言⾕谷⾖豆⾗豕⾘豸⾙貝⾚赤⾛走⾜足⾝身"
    "⾞車⾟辛⾠辰⾡辵⾢邑⾣酉⾤釆⾥里⾦金⾧長⾨門⾩阜⾪隶⾫隹⾬雨⾭靑⾮非⾯面⾰革⾱韋⾲韭⾳音⾴頁⾵風⾶飛⾷食⾸首⾹香⾺馬⾼高"
    "⾽髟⾾鬥⾿鬯⿀鬲⿁鬼⿂魚⿃鳥⿄鹵⿅鹿⿆麥⿇麻⿈黃⿉黍⿊黑⿋黹⿌黽⿍鼎⿎鼓⿏鼠⿐鼻⿑齊⿒齒⿓龍⿕龠"
    "―—‒–"
)
STAND_IN = {TWINS[i]: TWINS[i + 1] for i in range(0, len(TWINS), 2)}
PRODUCER = "社区信义治理公开平台"

_BFCHAR = re.compile(r"beginbfchar\s*(.*?)\s*endbfchar", re.S)
_BFRANGE = re.compile(r"beginbfrange\s*(.*?)\s*endbfrange", re.S)
_HEX = re.compile(r"<([0-9A-Fa-f]+)>")


_BLANK_ID = b"\0" * 16


def tidy(pdf: bytes) -> bytes:
    """The same document with fixed metadata, text maps that give the text's own
    characters, and as its /ID 16 bytes of the hash of the document itself: the same
    pages give the same bytes, whichever Chromium or printing code made them."""
    out = _rewrite(pdf)
    blank = b"<" + _BLANK_ID.hex().encode() + b">"
    tail = len(out) - 1024  # the trailer holds the /ID, twice
    if out.count(blank, max(tail, 0)) != 2:
        return out  # pypdf wrote the /ID otherwise: it stays blank, still the same bytes
    mark = b"<" + hashlib.sha256(out).digest()[:16].hex().encode() + b">"
    return out[:max(tail, 0)] + out[max(tail, 0):].replace(blank, mark)


def _rewrite(pdf: bytes) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    info = writer._info  # noqa: SLF001 (pypdf has no public way to drop entries)
    if info is not None:
        meta = cast(DictionaryObject, info.get_object())
        for key in ("/CreationDate", "/ModDate"):
            meta.pop(NameObject(key), None)
        meta[NameObject("/Producer")] = TextStringObject(PRODUCER)
        meta[NameObject("/Creator")] = TextStringObject(PRODUCER)
    for page in writer.pages:
        fonts = page.get("/Resources", DictionaryObject()).get_object().get("/Font")
        for font in (fonts.get_object().values() if fonts else ()):
            _fix_text_map(font.get_object())
    writer._ID = ArrayObject([ByteStringObject(_BLANK_ID)] * 2)  # noqa: SLF001
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _fix_text_map(font: DictionaryObject) -> None:
    if "/ToUnicode" not in font:
        return
    stream = cast(StreamObject, font["/ToUnicode"].get_object())
    text = stream.get_data().decode("latin-1")
    mapping = read_cmap(text)
    fixed = {code: "".join(STAND_IN.get(ch, ch) for ch in chars)
             for code, chars in mapping.items()}
    if fixed == mapping:
        return
    stream.set_data(write_cmap(text, fixed).encode("latin-1"))


def read_cmap(text: str) -> dict[str, str]:
    """A ToUnicode CMap's single codes and ranges as code (hex, as written) -> characters."""
    mapping: dict[str, str] = {}
    for block in _BFCHAR.findall(text):
        values = _HEX.findall(block)
        for code, target in zip(values[::2], values[1::2], strict=True):
            mapping[code.upper()] = _chars(target)
    for block in _BFRANGE.findall(text):
        values = _HEX.findall(block)
        for low, high, start in zip(values[::3], values[1::3], values[2::3], strict=True):
            first = ord(_chars(start)[-1])
            for n in range(int(low, 16), int(high, 16) + 1):
                code = f"{n:0{len(low)}X}"
                mapping[code] = _chars(start)[:-1] + chr(first + n - int(low, 16))
    return mapping


def _chars(hex_utf16: str) -> str:
    return bytes.fromhex(hex_utf16).decode("utf-16-be")


def write_cmap(original: str, mapping: dict[str, str]) -> str:
    """The CMap again with every code as a single mapping, in chunks of 100 (the limit
    of one block)."""
    head = original[:original.index(_first_block(original))]
    items = sorted(mapping.items(), key=lambda item: (len(item[0]), item[0]))
    blocks = []
    for i in range(0, len(items), 100):
        chunk = items[i:i + 100]
        lines = "".join(f"<{code}> <{chars.encode('utf-16-be').hex().upper()}>\n"
                        for code, chars in chunk)
        blocks.append(f"{len(chunk)} beginbfchar\n{lines}endbfchar\n")
    return head + "".join(blocks) + "endcmap\n" + original.split("endcmap", 1)[1].lstrip("\n")


def _first_block(text: str) -> str:
    """Where the mappings start: the count before the first bfchar or bfrange block."""
    match = re.search(r"\d+\s+beginbf(?:char|range)", text)
    if match is None:
        raise ValueError("a ToUnicode map without mappings")
    return match.group(0)
