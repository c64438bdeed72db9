"""Personal numbers in any text the site may publish: mainland ID card numbers (18
characters with their ISO 7064 check digit, and the old 15-digit ones), mobile numbers and
bank card numbers (16 to 19 digits passing the Luhn check).

People write numbers in many ways, and a careless or hostile one hides them: full-width,
circled or mathematical digits, Chinese numerals (一三八 or 壹叁捌, 幺 for one), invisible
characters between the digits (a zero-width space, a word joiner, a soft hyphen, NUL),
other separators (dots, slashes, no-break or ideographic spaces, dashes), a country code
written +86 or 0086. So the text is normalised first (NFKC, every format and control
character dropped, numerals read as digits), then runs of digits split by separators are
read whatever their grouping. A bank card or a 15-digit ID number must be written in groups
of at least three digits (6222 0212 …), so that dates and codes (2021-06-01, C001-03-017)
are not taken for one. Used by the checks (validate/text.py) and by what the site reads
from git (history.py); a number found is shown masked, because reports reach public logs.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from .domain import INDIVIDUAL, PLACEHOLDER_DONORS

NUMERALS = str.maketrans("〇零一壹幺二贰貳三叁參四肆五伍六陆陸七柒八捌九玖",
                         "001112223334455666778899")
# Between the digits of one number: spaces of any width, dashes, dots, slashes, underscores
# and brackets (a list's commas separate numbers, not digits).
SEPARATOR = r"[\s\-\u2010-\u2015\u2212\uff0d.\u00b7\u30fb/_()\[\]（）]"
RUN = re.compile(rf"\+?\d+(?:{SEPARATOR}{{1,3}}\d+)*[Xx]?", re.ASCII)
ID_CARD = re.compile(r"[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
                     r"\d{3}[\dX]")
OLD_ID_CARD = re.compile(r"[1-6]\d{5}\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}")
MOBILE = re.compile(r"1[3-9]\d{9}")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID = "personal-id-number"
MOBILE_NUMBER = "personal-mobile-number"
BANK_CARD = "personal-bank-card"
# Characters that may stand for a digit before normalising: a quick filter, so that a
# city's millions of cells are normalised only when they hold eleven of them close together.
DIGITLIKE = ("0-9\uff10-\uff19\u2460-\u249b\u24ea-\u24ff\u2776-\u2793\U0001d7ce-\U0001d7ff"
             "〇零一壹幺二贰貳三叁參四肆五伍六陆陸七柒八捌九玖")
LIKELY = f"[{DIGITLIKE}](?:[^\\x00\\n]{{0,3}}?[{DIGITLIKE}]){{10}}"


def normalised(text: str) -> str:
    """The text as its digits read: NFKC (full-width, circled and mathematical digits
    become 0-9), digits of other scripts and Chinese numerals as 0-9, format and control
    characters dropped."""
    plain = unicodedata.normalize("NFKC", text).translate(NUMERALS)
    return "".join(_digit(ch) for ch in plain
                   if ch == "\n" or unicodedata.category(ch) not in ("Cf", "Cc"))


def _digit(ch: str) -> str:
    """A digit of any script as 0-9 (Arabic-Indic ٣ is 3); any other character as it is."""
    return str(unicodedata.digit(ch)) if not ch.isascii() and ch.isdecimal() else ch


def personal_numbers(text: str, allowed: frozenset[str] = frozenset()
                     ) -> Iterator[tuple[str, str]]:
    """(code, masked number) for each personal number in the text; ``allowed``: public
    service numbers a package declares (digits only)."""
    for match in RUN.finditer(normalised(text)):
        written = match.group()
        groups = re.findall(r"\d+", written)
        found = _classify(groups, written.endswith(("X", "x")), allowed)
        if found:
            yield found, mask(written.strip())


def _classify(groups: list[str], x: bool, allowed: frozenset[str]) -> str | None:
    """The first personal number that consecutive groups of the run make."""
    for i in range(len(groups)):
        digits = ""
        for j in range(i, len(groups)):
            digits += groups[j]
            if len(digits) > 21:
                break
            wide = all(len(g) >= 3 for g in groups[i:j + 1]) or i == j
            found = _one(digits + ("X" if x and j == len(groups) - 1 else ""), wide)
            if found and digits not in allowed and digits[2:] not in allowed \
                    and digits[4:] not in allowed:
                return found
    return None


def _one(digits: str, wide: bool) -> str | None:
    for start in range(max(len(digits) - 17, 0)):  # an ID card number inside a longer run
        window = digits[start:start + 18]
        if ID_CARD.fullmatch(window) and id_card_valid(window):
            return ID
    number = digits.removesuffix("X")
    national = number[4:] if number.startswith("0086") and len(number) == 15 else \
        number[2:] if number.startswith("86") and len(number) == 13 else number
    if MOBILE.fullmatch(national):
        return MOBILE_NUMBER
    if wide and number == digits and 16 <= len(number) <= 19 and luhn_valid(number):
        return BANK_CARD
    if wide and OLD_ID_CARD.fullmatch(number):
        return ID
    return None


def id_card_valid(number: str) -> bool:
    total = sum(int(d) * w for d, w in zip(number[:17], ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == number[17].upper()


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def masked(text: str) -> str:
    """The text for a message, which reaches public logs: as written, or where it holds a
    personal number, only that number masked (the rest may hide it in other digits)."""
    numbers = [number for _, number in personal_numbers(text)]
    return f"[{', '.join(numbers)}]" if numbers else text


def mask(number: str) -> str:
    """Keep the first three and last two characters: enough to find it, not to use it."""
    return number[:3] + "*" * (len(number) - 5) + number[-2:]


def public_digits(number: object) -> str:
    """A declared public number's digits, read as a personal number would be."""
    return re.sub(r"\D", "", normalised(str(number)), flags=re.ASCII)


# Names. PIPL art. 25: a private donor's name is published only with the donor's consent.
ORGANISATION = re.compile(r"公司|集团|企业|商会|协会|学会|联合会|联盟|基金会|委员会|中心|学校|"
                          r"医院|银行|商店|超市|店|厂|社|所|院|局|部|馆|站|队|团|会")
PERSON_LIKE = re.compile(r"[\u4e00-\u9fff·]{2,4}")


def public_donor(donor: str, donor_type: str, consent: str) -> str:
    """What the site shows for a donor: organisations and consenting persons in full, the
    placeholders as written, any other person as the first character and two stars (王**,
    whatever the name's length, which would say something too)."""
    name = donor.strip()
    if donor_type != INDIVIDUAL or consent.strip() or name in PLACEHOLDER_DONORS or not name:
        return donor
    return name[0] + "**"


def looks_like_person(name: str) -> bool:
    """Two to four Chinese characters and no word an organisation's name has: 王小明, not
    蓉欣科技有限公司. Used to ask whether a donor marked as an organisation is one."""
    text = normalised(name).strip()
    return (text not in PLACEHOLDER_DONORS and PERSON_LIKE.fullmatch(text) is not None
            and ORGANISATION.search(text) is None)
