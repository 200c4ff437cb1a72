"""Numbers written the way UN documents write them."""

from __future__ import annotations

from decimal import Decimal

_ORDINALS = (
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh "
    "twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth"
).split()
_TENS_ORDINAL = {20: "twentieth", 30: "thirtieth", 40: "fortieth", 50: "fiftieth"}
_TENS = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty"}
_UNITS = "zero one two three four five six seven eight nine".split()


def ordinal_words(n: int) -> str:
    """11 -> 'eleventh', 31 -> 'thirty-first' (sessions are numbered well below 60)."""
    if 0 <= n < 20:
        return _ORDINALS[n]
    tens, unit = divmod(n, 10)
    if 20 <= n < 60:
        return _TENS_ORDINAL[n] if unit == 0 else f"{_TENS[tens * 10]}-{_ORDINALS[unit]}"
    return f"{n}th"


def number_words(n: int) -> str:
    """Numbers below 10 in words, as the editorial rules ask; others in figures."""
    return _UNITS[n] if 0 <= n < 10 else grouped(n)


def grouped(value: object, group: str = ",", decimal: str = ".") -> str:
    """4000 -> '4,000'; 5.5 -> '5.5'; text is returned as it is.  ``group`` and
    ``decimal`` are the language's marks ('4 000', '5,5' in French)."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return f"{value:,}".replace(",", group)
    if isinstance(value, float):  # the shortest digits that give the value, never 1e-05
        sign, digits = ("-", -value) if value < 0 else ("", value)
        whole, _, frac = format(Decimal(repr(digits)), "f").partition(".")
        return (f"{sign}{int(whole):,}".replace(",", group)
                + (f"{decimal}{frac}" if frac.strip("0") else ""))
    return str(value)


def roman(n: int) -> str:
    """Chapter numbers: 1 -> 'I', 14 -> 'XIV'."""
    numerals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = []
    for value, numeral in numerals:
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def letter(n: int) -> str:
    """Section letters: 1 -> 'A', 27 -> 'AA'."""
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out
