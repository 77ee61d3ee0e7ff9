"""Normalise: cleaned text for the stages, offsets back to the original."""

import pytest

from pipeline.normalize import normalize_text


@pytest.mark.parametrize("original, cleaned", [
    ("12\u00a0марта", "12 марта"),
    ("ав\u00adгуста", "августа"),
    ("Нью\u2011Йорк", "Нью-Йорк"),
    ("30\u201340 человек", "30\u201440 человек"),
    ("\u201eЗаря\u201c и \u201cРассвет\u201d", '"Заря" и "Рассвет"'),
    ("O\u2019Brien", "O'Brien"),
    ("строка\r\nвторая\rтретья", "строка\nвторая\nтретья"),
    ("и т.д.\u2026", "и т.д...."),
    ("Аи\u0306ва", "Айва"),
    ("zero\u200bwidth", "zerowidth"),
    ("«Ёлка»", "«Ёлка»"),
])
def test_cleaning(original, cleaned):
    assert normalize_text(original).text == cleaned


@pytest.mark.parametrize("original", [
    "ав\u00adгуста 2024\u00a0года",
    "строка\r\nвторая\r\n\r\nтретья",
    "Аи\u0306ва… и\u200bещё",
    "без изменений",
])
def test_every_word_maps_back_to_the_original(original):
    norm = normalize_text(original)
    import re

    for m in re.finditer(r"\w+", norm.text):
        start, end = norm.to_original(m.start(), m.end())
        back = normalize_text(original[start:end]).text
        assert back == m.group(), (m.group(), original[start:end])


def test_identity_map_when_length_is_kept():
    norm = normalize_text("12\u00a0марта")
    assert norm.starts is None
    assert norm.to_original(3, 8) == (3, 8)


def test_from_original_covers_the_span():
    original = "ав\u00adгуста 2024"
    norm = normalize_text(original)
    s, e = norm.from_original(0, 8)
    assert norm.text[s:e] == "августа"


def test_a_combining_mark_that_composes_nothing_keeps_its_own_offset():
    norm = normalize_text("0\u0300 и\u0306")
    assert norm.text == "0\u0300 й"
    assert [norm.to_original(k, k + 1) for k in range(len(norm.text))] == [(0, 1), (1, 2), (2, 3), (3, 5)]
