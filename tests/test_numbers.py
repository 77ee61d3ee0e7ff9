"""Numbers in digits and in Russian words in every case; vague amounts; ordinals."""

import pytest

from pipeline.entities.numbers import (is_collective, ordinal_value, read_number, roman_value, vague_amount,
                                       words_value)


@pytest.mark.parametrize("phrase, value, used", [
    # every case of one number: nominative to prepositional
    ("три делегата", 3, 1), ("трех делегатов", 3, 1), ("трём делегатам", 3, 1),
    ("тремя делегатами", 3, 1), ("трёх делегатах", 3, 1),
    ("сорок волонтеров", 40, 1), ("сорока волонтерам", 40, 1),
    ("двести гостей", 200, 1), ("двухсот гостей", 200, 1), ("двумстам гостям", 200, 1),
    ("двумястами гостями", 200, 1), ("двухстах гостях", 200, 1),
    ("пятьдесят гостей", 50, 1), ("пятидесяти гостей", 50, 1), ("пятьюдесятью гостями", 50, 1),
    ("девяносто гостей", 90, 1), ("девяноста гостям", 90, 1),
    ("сто гостей", 100, 1), ("ста гостям", 100, 1),
    # compounds by place value
    ("двухсот пятидесяти участников", 250, 2), ("сорока двух участников", 42, 2),
    ("сто двадцать пять", 125, 3), ("двадцать три молодых ученых", 23, 2),
    # collective numerals in every case
    ("двое", 2, 1), ("двоих", 2, 1), ("двоим", 2, 1), ("двоими", 2, 1),
    ("трое", 3, 1), ("пятерых спортсменов", 5, 1), ("обоих", 2, 1),
    # one, digits, groups of digits, multipliers, halves
    ("одного человека", 1, 1), ("одной участнице", 1, 1),
    ("1 500 человек", 1500, 2), ("5 171 666 голосов", 5_171_666, 3), ("40 специалистов", 40, 1),
    ("2,5 тыс . человек", 2500, 3), ("1,5 тыс . человек", 1500, 3),
    ("полторы тысячи", 1500, 2), ("полутора тысяч", 1500, 2),
    ("двух тысяч", 2000, 2), ("трех миллионов", 3_000_000, 2), ("тысяча участников", 1000, 1),
    ("тысячей участников", 1000, 1),
    ("200 миллионов", 200_000_000, 2),
])
def test_read_number(resources, phrase, value, used):
    assert read_number(phrase.split(), 0, resources.morph) == (value, used)


@pytest.mark.parametrize("phrase, value, used", [
    # the same without a dictionary, as dates read durations
    ("три года", 3, 1), ("тремя годами", 3, 1), ("двумястами днями", 200, 1),
    ("двадцати пяти лет", 25, 2), ("сорока двух дней", 42, 2), ("полутора лет", 1.5, 1),
    ("пятеро суток", 5, 1),
])
def test_words_value(phrase, value, used):
    assert words_value(phrase.split()) == (value, used)


@pytest.mark.parametrize("phrase, expected", [
    ("делегатов", None), ("два три", (2, 1)), ("несколько человек", None),
])
def test_not_a_single_number(resources, phrase, expected):
    # "два три" are two numbers; "несколько" is vague (see vague_amount)
    assert read_number(phrase.split(), 0, resources.morph) == expected


@pytest.mark.parametrize("phrase, expected", [
    ("тысячи человек", (2000, 1, "at_least")),
    ("тысячам людей", (2000, 1, "at_least")),
    ("десятки тысяч человек", (20_000, 2, "at_least")),
    ("несколько десятков женщин", (20, 2, "at_least")),
    ("несколько сот человек", (200, 2, "at_least")),
    ("сотни миллионов зрителей", (200_000_000, 2, "at_least")),
    ("миллионов людей", (2_000_000, 1, "at_least")),
    ("десяток представителей", (10, 1, "about")),
])
def test_vague_amounts(phrase, expected):
    assert vague_amount(phrase.split(), 0) == expected


@pytest.mark.parametrize("phrase", ["тысяча", "пять", "сотрудников", "тысячей"])
def test_not_vague(phrase):
    assert vague_amount(phrase.split(), 0) is None


@pytest.mark.parametrize("word, expected", [
    ("двое", True), ("пятерых", True), ("Троих", True), ("обоим", True), ("два", False), ("пять", False),
])
def test_collective(word, expected):
    assert is_collective(word) is expected


@pytest.mark.parametrize("word, value", [
    ("5-я", 5), ("15-й", 15), ("10-го", 10), ("XV", 15), ("VIII", 8), ("пятый", 5),
    ("Пятая", 5), ("пятую", 5), ("третьей", 3), ("двадцатый", 20), ("первый", 1),
])
def test_ordinals(resources, word, value):
    assert ordinal_value(word, resources.morph) == value


@pytest.mark.parametrize("word", ["пять", "форум", "2024", "ABC"])
def test_not_ordinals(resources, word):
    assert ordinal_value(word, resources.morph) is None


def test_roman():
    assert roman_value("MMXXIV") == 2024
    assert roman_value("IIII") is None
