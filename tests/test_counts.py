"""Counts of people: number and qualifier as the span, noun lemma and affiliation."""

import pytest

from conftest import unmark


def counts(nlp, text):
    doc = nlp.without("deduplicate", "events")(text)
    return [e for e in doc.entities if e.type == "COUNT"]


@pytest.mark.parametrize("marked, count, qualifier, noun, affiliation", [
    ("Участвовали [[более 40]] специалистов.", 40, "more_than", "специалист", None),
    ("Приехали [[трех]] делегатов от CIAQ.", 3, "exact", "делегат", "CIAQ"),
    ("Помогали [[сорока]] волонтерам.", 40, "exact", "волонтер", None),
    ("Собрались [[свыше двухсот]] участников.", 200, "more_than", "участник", None),
    ("Ждут [[не менее 150]] исполнителей.", 150, "at_least", "исполнитель", None),
    ("Придут [[около 60]] студентов.", 60, "about", "студент", None),
    ("Наградили [[пятерых]] спортсменов.", 5, "exact", "спортсмен", None),
    ("Пустят [[не более 20]] человек.", 20, "at_most", "человек", None),
    ("Выступили [[двадцать три]] молодых ученых.", 23, "exact", "ученый", None),
    ("Приехали [[1 500]] гостей.", 1500, "exact", "гость", None),
    ("Работали [[двое]] экспертов из компании «Интелком».", 2, "exact", "эксперт", "Интелком"),
    ("Пострадали [[трое]] пострадавших.", 3, "exact", "пострадавший", None),
])
def test_counts(nlp, marked, count, qualifier, noun, affiliation):
    text, [(s, e, _)] = unmark(marked)
    (c,) = counts(nlp, text)
    assert (c.start, c.end) == (s, e)
    v = c.value
    assert (v["count"], v["qualifier"], v["noun"], v["affiliation"]) == (count, qualifier, noun, affiliation)


def test_range(nlp):
    (c,) = counts(nlp, "Пришли 30–40 человек.")
    assert c.text == "30–40"
    assert (c.value["min"], c.value["max"], c.value["qualifier"]) == (30, 40, "range")


@pytest.mark.parametrize("text", [
    "Прочитано свыше 80 лекций.",
    "Разработано 32 прототипа.",
    "Форум прошел с 10 по 14 июля 2025 года.",
    "Представители более 30 предприятий.",
    "Победила в категории до 52 кг.",
    "Тысячи человек вышли на улицы.",
])
def test_not_counts_of_people(nlp, text):
    assert counts(nlp, text) == []


def test_phrase_covers_noun_and_affiliation(nlp):
    text = "Приехали трех делегатов от CIAQ."
    (c,) = counts(nlp, text)
    p = c.value["phrase"]
    assert text[p["start"]:p["end"]] == "трех делегатов от CIAQ"
