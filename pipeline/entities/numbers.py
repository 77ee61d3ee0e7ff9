"""Numbers written in digits or in Russian words, in any case, and ordinals.

"трех" -> 3, "сорока" -> 40, "двухсот пятидесяти" -> 250, "1 500" -> 1500,
"2,5 тыс." -> 2500, "пятеро" -> 5; ordinals "5-я" -> 5, "XV" -> 15, "пятый" -> 5.
"""

from __future__ import annotations

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
    for p in morph.parse(w):
        if p.tag.POS in ("NUMR", "NOUN", "ADJF") or "Coll" in p.tag:
            lemma = p.normal_form.replace("ё", "е")
            if lemma in CARDINALS and (p.tag.POS == "NUMR" or lemma in COLLECTIVE or lemma in HALF
                                       or lemma == "один"):
                return CARDINALS[lemma]
    return None


def _is_collective(word: str, morph) -> bool:
    w = word.lower().replace("ё", "е")
    return w in COLLECTIVE or any("Coll" in p.tag for p in morph.parse(w))


def _is_singular(word: str, morph) -> bool:
    return morph.best(word).tag.number == "sing"


def multiplier_value(word: str, morph) -> int | None:
    """1000 for "тысяч", "тыс"; a million for "млн"; else None."""
    w = word.lower().rstrip(".")
    if w in MULTIPLIERS:
        return MULTIPLIERS[w]
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
        # "1 500 человек": razdel splits the groups
        while j < n and re.fullmatch(r"\d{3}", words[j]) and "." not in w and "," not in w \
                and value < 1000:
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
