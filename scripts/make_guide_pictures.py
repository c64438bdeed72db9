"""Draw the publishing guide's picture of the ledger template (content/maintainers/images/):
the 填写 sheet as Excel shows it, with the column titles the template really has (from
the schema), a filled row, the category drop-down open and a column's note.

Run by hand after the template changes; it needs Pillow and Debian's fonts-noto-cjk, as
make_sample_data.py does. The picture is drawn, not a screenshot: no office suite runs here.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from generator import schemas  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "content/maintainers/images/ledger-template.png"
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FACE_SC = 2  # the Simplified Chinese face of the collection
WIDTHS = (130, 110, 90, 100, 100, 190, 210, 190)  # the first eight columns, in pixels
ROW = 34
ROWS = [("", "2023-03-20", "支出", "保洁", "5,800.00", "洁美保洁公司", "3月保洁服务费",
         "vouchers/0307.png")]
CHOICES = ("物业服务费", "停车收益", "广告收益", "保洁", "秩序维护", "绿化养护", "电梯维保")


def font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT, size, index=FACE_SC)


def main() -> None:
    fields = schemas.descriptor("ledger")["fields"][:len(WIDTHS)]
    width, height = 40 + sum(WIDTHS) + 20, 430
    page = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(page)
    draw.text((14, 8), "账目模板 ledger.xlsx · “填写”表", font=font(18), fill="#333333")
    top = 44
    x = 40
    for i, w in enumerate(WIDTHS):  # column letters
        draw.rectangle([x, top, x + w, top + 24], fill="#efefef", outline="#c8c8c8")
        draw.text((x + w // 2 - 5, top + 3), chr(65 + i), font=font(14), fill="#555555")
        x += w
    rows = [[f["title"] for f in fields], [f["name"] for f in fields], *ROWS]
    for r, values in enumerate(rows):
        y = top + 24 + r * ROW
        draw.rectangle([0, y, 40, y + ROW], fill="#efefef", outline="#c8c8c8")
        draw.text((14, y + 8), str(r + 1), font=font(14), fill="#555555")
        x = 40
        for w, value in zip(WIDTHS, values, strict=False):
            draw.rectangle([x, y, x + w, y + ROW], outline="#d4d4d4")
            style = {0: (font(16), "#000000"), 1: (font(13), "#777777")}.get(r, (font(15),
                                                                              "#000000"))
            draw.text((x + 6, y + 7), value, font=style[0], fill=style[1])
            x += w
    _drop_down(draw, top + 24 + 2 * ROW)
    _note(draw, top, fields[3])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    page.save(OUT, optimize=True)
    print(f"wrote {OUT}")


def _drop_down(draw: ImageDraw.ImageDraw, y: int) -> None:
    """The category cell's list, open: Chinese names from the chart of accounts."""
    x = 40 + sum(WIDTHS[:3])
    draw.rectangle([x + WIDTHS[3] - 20, y + 6, x + WIDTHS[3] - 4, y + ROW - 6],
                   fill="#f3f3f3", outline="#888888")
    draw.polygon([(x + WIDTHS[3] - 16, y + 14), (x + WIDTHS[3] - 8, y + 14),
                  (x + WIDTHS[3] - 12, y + 20)], fill="#333333")
    box_top = y + ROW
    draw.rectangle([x, box_top, x + 140, box_top + 26 * len(CHOICES) + 6], fill="white",
                   outline="#666666")
    for i, choice in enumerate(CHOICES):
        if choice == "保洁":
            draw.rectangle([x + 2, box_top + 3 + i * 26, x + 138, box_top + 27 + i * 26],
                           fill="#cfe3ff")
        draw.text((x + 8, box_top + 5 + i * 26), choice, font=font(15), fill="#000000")


def _note(draw: ImageDraw.ImageDraw, top: int, field: dict) -> None:  # type: ignore[type-arg]
    """The note the template puts on the 科目 title (template._note), as Excel shows it."""
    x = 40 + sum(WIDTHS[:4]) + 180
    y = top + 24 + 3 * ROW + 16  # under the rows, beside the open list
    text = field["description"]
    lines = [f"{field['title']}（{field['name']}，必填）",
             *(text[i:i + 20] for i in range(0, len(text), 20))]
    draw.rectangle([x, y, x + 350, y + 20 + 26 * len(lines)], fill="#fffbe6",
                   outline="#b59f3b")
    for i, line in enumerate(lines):
        draw.text((x + 10, y + 10 + i * 26), line, font=font(15), fill="#333333")


if __name__ == "__main__":
    main()
