"""Numbers written in digits or in Russian words, in any case, and ordinals.

"трех" -> 3, "сорока" -> 40, "двухсот пятидесяти" -> 250, "1 500" -> 1500,
"2,5 тыс." -> 2500, "пятеро" -> 5; ordinals "5-я" -> 5, "XV" -> 15, "пятый" -> 5.
"""

from __future__ import annotations

import functools
import re
from typing import Sequence

# Cardinal lemmas (pymorphy3 normal forms) and their values.
UNITS = {
    "ноль": 0, "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6,
    "семь": 7, "восемь": 8, "девять": 9, "десять": 10, "одиннадцать": 11,
    "двенадцать": 12, "тринадцать": 13, "четырнадцать": 14, "пятнадцать": 15,
    "шестнадцать": 16, "семнадцать": 17, "восемнадцать": 18, "девятнадцать": 19,
}
TENS = {
    "двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50, "шестьдесят": 60,
    "семьдесят": 70, "восемьдесят": 80, "девяносто": 90,
}
HUNDREDS = {
    "сто": 100, "двести": 200, "триста": 300, "четыреста": 400, "пятьсот": 500,
    "шестьсот": 600, "семьсот": 700, "восемьсот": 800, "девятьсот": 900,
}
# "пятеро участников", "обе команды"
COLLECTIVE = {
    "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5, "шестеро": 6, "семеро": 7,
    "восьмеро": 8, "девятеро": 9, "десятеро": 10, "оба": 2, "обе": 2,
}
HALF = {"полтора": 1.5, "полторы": 1.5, "полтораста": 150}
# "2 тыс.", "полторы тысячи", "десятки" is vague and not here
MULTIPLIERS = {"тысяча": 1000, "тыс": 1000, "миллион": 10**6, "млн": 10**6,
               "миллиард": 10**9, "млрд": 10**9}

CARDINALS = {**UNITS, **TENS, **HUNDREDS, **COLLECTIVE, **HALF}


def _forms(table: str) -> dict[str, float]:
    """"3: три трех трем тремя" lines -> {"три": 3, "трех": 3, ...}."""
    out: dict[str, float] = {}
    for line in table.strip().splitlines():
        value, words = line.split(":")
        for w in words.split():
            out[w] = float(value) if "." in value else int(value)
    return out


# Every case form of the cardinals, written out so that dates and counts read number
# words without a dictionary: "о трех", "сорока", "двумястами" ("ё" spelled "е").
NUMBER_FORMS: dict[str, float] = _forms("""
1: один одна одно одного одной одному одним одном одну одною
2: два две двух двум двумя
3: три трех трем тремя
4: четыре четырех четырем четырьмя
5: пять пяти пятью
6: шесть шести шестью
7: семь семи семью
8: восемь восьми восемью восьмью
9: девять девяти девятью
10: десять десяти десятью
11: одиннадцать одиннадцати одиннадцатью
12: двенадцать двенадцати двенадцатью
13: тринадцать тринадцати тринадцатью
14: четырнадцать четырнадцати четырнадцатью
15: пятнадцать пятнадцати пятнадцатью
16: шестнадцать шестнадцати шестнадцатью
17: семнадцать семнадцати семнадцатью
18: восемнадцать восемнадцати восемнадцатью
19: девятнадцать девятнадцати девятнадцатью
20: двадцать двадцати двадцатью
30: тридцать тридцати тридцатью
40: сорок сорока
50: пятьдесят пятидесяти пятьюдесятью
60: шестьдесят шестидесяти шестьюдесятью
70: семьдесят семидесяти семьюдесятью
80: восемьдесят восьмидесяти восемьюдесятью
90: девяносто девяноста
100: сто ста
150: полтораста полутораста
200: двести двухсот двумстам двумястами двухстах
300: триста трехсот тремстам тремястами трехстах
400: четыреста четырехсот четыремстам четырьмястами четырехстах
500: пятьсот пятисот пятистам пятьюстами пятистах
600: шестьсот шестисот шестистам шестьюстами шестистах
700: семьсот семисот семистам семьюстами семистах
800: восемьсот восьмисот восьмистам восемьюстами восьмистах
900: девятьсот девятисот девятистам девятьюстами девятистах
1.5: полтора полторы полутора
""")
# Collective numerals, every case: "двое", "двоих", "о троих", "пятерыми"; "оба/обе".
COLLECTIVE_FORMS: dict[str, float] = _forms("""
2: двое двоих двоим двоими оба обе обоих обеих обоим обеим обоими обеими
3: трое троих троим троими
4: четверо четверых четверым четверыми
5: пятеро пятерых пятерым пятерыми
6: шестеро шестерых шестерым шестерыми
7: семеро семерых семерым семерыми
8: восьмеро восьмерых восьмерым восьмерыми
9: девятеро девятерых девятерым девятерыми
10: десятеро десятерых десятерым десятерыми
""")

ORDINAL_STEMS = {
    "перв": 1, "втор": 2, "трет": 3, "четверт": 4, "пят": 5, "шест": 6, "седьм": 7,
    "восьм": 8, "девят": 9, "десят": 10, "одиннадцат": 11, "двенадцат": 12,
    "тринадцат": 13, "четырнадцат": 14, "пятнадцат": 15, "шестнадцат": 16,
    "семнадцат": 17, "восемнадцат": 18, "девятнадцат": 19, "двадцат": 20,
    "тридцат": 30, "сороков": 40, "пятидесят": 50, "шестидесят": 60,
    "семидесят": 70, "восьмидесят": 80, "девяност": 90, "сот": 100,
}
ORDINAL_ENDINGS = re.compile(r"(?:ый|ий|ой|ая|яя|ое|ее|ого|его|ому|ему|ым|им|ом|ем|ой|ей|ую|юю|ые|ие|ых|их)$")
ROMAN = re.compile(r"^(?=[MDCLXVI]+$)M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
DIGIT_ORDINAL = re.compile(r"^(\d{1,4})(?:-?(?:й|я|е|го|му|м|х|ий|ый|ая|ое|ой|ей|ья|ье|ых|ом))$")
DIGITS = re.compile(r"^\d+(?:[.,]\d+)?$")


def word_value(word: str, morph) -> float | None:
    """Value of one cardinal number word in any case ("трех" -> 3), else None."""
    w = word.lower().replace("ё", "е")
    if w in CARDINALS:
        return CARDINALS[w]
    if w in NUMBER_FORMS:
        return NUMBER_FORMS[w]
    if w in COLLECTIVE_FORMS:
        return COLLECTIVE_FORMS[w]
    if morph is None:
        return None
    return _parsed_value(w, morph)


# Word forms whose dictionary readings were looked up: counts and dates try every token.
WORD_CACHE_SIZE = 50_000


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def _parsed_value(w: str, morph) -> float | None:
    """The cardinal a lower-cased word form is a reading of ("тремястами" -> 300), else None."""
    for p in morph.parse(w):
        if p.tag.POS in ("NUMR", "NOUN", "ADJF") or "Coll" in p.tag:
            lemma = p.normal_form.replace("ё", "е")
            if lemma in CARDINALS and (p.tag.POS == "NUMR" or lemma in COLLECTIVE or lemma in HALF
                                       or lemma == "один"):
                return CARDINALS[lemma]
    return None


def is_collective(word: str) -> bool:
    """True for a collective numeral in any case: "двое", "пятерых", "обоих"."""
    return word.lower().replace("ё", "е") in COLLECTIVE_FORMS


def _is_collective(word: str, morph) -> bool:
    return is_collective(word) or any("Coll" in p.tag for p in morph.parse(word.lower()))


def words_value(words: Sequence[str], i: int = 0) -> tuple[float, int] | None:
    """A number written in words from ``words[i]``, without a dictionary: (value, index after).

    "двадцать пять" -> 25, "двухсот пятидесяти" -> 250, "сорока двух" -> 42; place values
    must fall ("два три" is two numbers); a collective or a fraction stands alone ("пятеро").
    """
    value: float = 0
    last: float | None = None
    j = i
    while j < len(words):
        w = words[j].lower().replace("ё", "е")
        v = NUMBER_FORMS.get(w, COLLECTIVE_FORMS.get(w))
        if v is None or (last is not None and (v >= last or last < 20 or v != int(v))):
            break
        value += v
        last = v
        j += 1
        if w in COLLECTIVE_FORMS or v != int(v):
            break
    return (value, j) if j > i else None


def _is_singular(word: str, morph) -> bool:
    return morph.best(word).tag.number == "sing"


def multiplier_value(word: str, morph) -> int | None:
    """1000 for "тысяч", "тыс"; a million for "млн"; else None."""
    w = word.lower().rstrip(".")
    if w in MULTIPLIERS:
        return MULTIPLIERS[w]
    return _parsed_multiplier(w, morph)


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def _parsed_multiplier(w: str, morph) -> int | None:
    """The multiplier a lower-cased word form is a reading of ("тысячами" -> 1000), else None."""
    for p in morph.parse(w):
        if p.tag.POS == "NOUN" and p.normal_form in MULTIPLIERS:
            return MULTIPLIERS[p.normal_form]
    return None


def read_number(words: Sequence[str], i: int, morph) -> tuple[float, int] | None:
    """Read a number starting at ``words[i]``; returns (value, index after it) or None.

    Digits may be grouped by spaces as separate tokens ("1", "500" -> 1500 when the
    tail has three digits); number words combine by place value ("двухсот пятидесяти").
    A multiplier word may follow ("2,5 тыс.", "три тысячи").
    """
    n = len(words)
    if i >= n:
        return None
    w = words[i]
    value: float
    j = i
    if DIGITS.match(w):
        value = float(w.replace(",", "."))
        j = i + 1
        # "1 500 человек", "5 171 666 голосов": razdel splits the groups
        if re.fullmatch(r"\d{1,3}", w):
            while j < n and re.fullmatch(r"\d{3}", words[j]):
                value = value * 1000 + int(words[j])
                j += 1
    else:
        value = 0
        last = None
        while j < n:
            v = word_value(words[j], morph)
            if v is None:
                break
            if last is not None and (v >= last or last < 20 or v != int(v)):
                break  # "два три" are two numbers, "двадцать три" is one
            value += v
            last = v
            j += 1
            if v in COLLECTIVE.values() and _is_collective(words[j - 1], morph) or v != int(v):
                break  # "пятеро", "полтора" stand alone
        if j == i:
            # "более тысячи человек" = 1000; "тысячи человек" (plural) is vague
            mult = multiplier_value(w, morph)
            if mult is None or not _is_singular(w, morph):
                return None
            return float(mult), i + 1
    if j < n:
        mult = multiplier_value(words[j], morph)
        if mult is not None:
            value *= mult
            j += 1
            if j < n and words[j] == "." and words[j - 1].lower() in ("тыс", "млн", "млрд"):
                j += 1
    return value, j


# Vague amounts and the least each one means: "тысячи" are at least two thousand,
# "несколько десятков" at least twenty; "с десяток" is about ten.
VAGUE_FORMS: dict[str, float] = _forms("""
2: несколько нескольких нескольким несколькими
20: десятки десятков десяткам десятками десятках
200: сотни сотен сотням сотнями сотнях
2000: тысячи тысяч тысячам тысячами тысячах
2000000: миллионы миллионов миллионам миллионами миллионах
2000000000: миллиарды миллиардов миллиардам миллиардами миллиардах
""")
# what a vague word multiplies: "несколько десятков", "десятки тысяч", "сотни миллионов"
VAGUE_UNITS = {"десятков": 10, "сотен": 100, "сот": 100, "тысяч": 1000, "миллионов": 10**6, "миллиардов": 10**9}
ABOUT_TEN = {"десяток", "десятка"}   # "с десяток представителей", "около десятка"


def vague_amount(words: Sequence[str], i: int) -> tuple[float, int, str] | None:
    """A vague amount from ``words[i]``: (the least it means, index after, qualifier).

    "тысячи" -> (2000, i+1, "at_least"); "несколько десятков" -> (20, i+2, "at_least");
    "десятки тысяч" -> (20000, i+2, "at_least"); "десяток" -> (10, i+1, "about").
    """
    if i >= len(words):
        return None
    w = words[i].lower()
    if w in ABOUT_TEN:
        return 10, i + 1, "about"
    low = VAGUE_FORMS.get(w)
    if low is None:
        return None
    j = i + 1
    if j < len(words) and words[j].lower() in VAGUE_UNITS:
        unit = VAGUE_UNITS[words[j].lower()]
        if unit > low:  # "десятки тысяч", not "тысячи десятков"
            low, j = (low if low > 2 else 2) * unit, j + 1
    return low, j, "at_least"


def ordinal_value(word: str, morph=None) -> int | None:
    """Value of an ordinal: "5-я" -> 5, "XV" -> 15, "пятый"/"пятую" -> 5; else None."""
    m = DIGIT_ORDINAL.match(word)
    if m:
        return int(m.group(1))
    if ROMAN.match(word):
        return roman_value(word)
    w = word.lower().replace("ё", "е")
    if morph is not None:
        lemmas = {p.normal_form for p in morph.parse(w) if "Anum" in p.tag}
        if not lemmas:
            return None
        w = min(lemmas, key=len)
    stem = ORDINAL_ENDINGS.sub("", w)
    return ORDINAL_STEMS.get(stem)


def roman_value(s: str) -> int | None:
    """Value of a Roman numeral ("XIV" -> 14), None for an empty or invalid one."""
    if not s or not ROMAN.match(s):
        return None
    vals = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    total = 0
    for a, b in zip(s, s[1:] + " "):
        va, vb = vals[a], vals.get(b, 0)
        total += -va if va < vb else va
    return total
