"""Chinese numerals ↔ numbers, for isolated numerals only (never a whole sentence).

`parse_chinese` reads what official reports write: 两次, 十二个, 二十多个 (the 多 is not part of the
numeral), 三千五百, 一万二千, 一百零五, 二〇二三 (digit by digit), 九十八点五 (decimal with 点).
"""

from __future__ import annotations

from functools import lru_cache

DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
SMALL_UNITS: dict[str, int] = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS: dict[str, int] = {"万": 10_000, "亿": 100_000_000}
NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)


def _parse_section(text: str) -> int | None:
    """A numeral below 10000 (十, 十二, 三百零五, 两千): None when it is not well formed."""
    total = 0
    digit: int | None = None
    last_unit = 10_000
    for ch in text:
        if ch in DIGITS:
            if digit is not None and digit != 0:
                return None  # two digits in a row (三五) is a range or a slip, not a number
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            if unit >= last_unit:
                return None
            if digit is None:
                if unit != 10 or total:  # only a leading 十 may stand alone ("十二")
                    return None
                digit = 1
            total += digit * unit
            digit = None
            last_unit = unit
        else:
            return None
    if digit is not None:
        total += digit
    return total


def _parse_integer(text: str) -> int | None:
    if not text:
        return None
    # Digit-by-digit numerals (二〇二三, 一九四九) have no place units; a short run (三五) is a range.
    if (len(text) >= 4 or "〇" in text) and all(ch in DIGITS for ch in text):
        return int("".join(str(DIGITS[ch]) for ch in text))
    total = 0
    rest = text
    for big_char, big in (("亿", BIG_UNITS["亿"]), ("万", BIG_UNITS["万"])):
        if big_char in rest:
            head, _, rest = rest.partition(big_char)
            if big_char in rest:
                return None
            value = _parse_integer(head) if head else None
            if value is None:
                return None
            total += value * big
    if rest:
        section = _parse_section(rest)
        if section is None:
            return None
        total += section
    return total


# Reports write the same few thousand numerals over and over: a process parses each once.
@lru_cache(maxsize=1 << 14)
def parse_chinese(text: str) -> float | None:
    """The value of a Chinese numeral, or None when `text` is not one.

    >>> parse_chinese("二十")
    20.0
    >>> parse_chinese("九十八点五")
    98.5
    """
    whole, sep, frac = text.partition("点")
    value = _parse_integer(whole)
    if value is None:
        return None
    if not sep:
        return float(value)
    if not frac or any(ch not in DIGITS for ch in frac):
        return None
    return float(f"{value}.{''.join(str(DIGITS[ch]) for ch in frac)}")


_DIGIT_NAMES = "零一二三四五六七八九"


def _section_to_chinese(n: int, leading: bool) -> str:
    """n in 1..9999 in positional form (三千零五); `leading` allows 十二 instead of 一十二."""
    out: list[str] = []
    zero_pending = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit % 10
        if d == 0:
            if out:
                zero_pending = True
            continue
        if zero_pending:
            out.append("零")
            zero_pending = False
        if not (unit == 10 and d == 1 and not out and leading):
            out.append(_DIGIT_NAMES[d])
        out.append(name)
    return "".join(out)


def to_chinese(n: int) -> str:
    """A non-negative integer as a Chinese numeral (used to test the parser; 12 → 十二)."""
    if n == 0:
        return "零"
    parts: list[str] = []
    for big, name in ((100_000_000, "亿"), (10_000, "万"), (1, "")):
        chunk = n // big % 10_000 if big < 100_000_000 else n // big
        if chunk:
            if parts and chunk < 1000:
                parts.append("零")
            parts.append(
                (to_chinese(chunk) if chunk >= 10_000 else _section_to_chinese(chunk, not parts)) + name
            )
        elif parts and parts[-1] != "零":
            parts.append("零")
    text = "".join(parts).rstrip("零")
    return text.replace("零零", "零")
