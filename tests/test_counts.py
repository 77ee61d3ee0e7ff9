"""Counts of people: number and qualifier as the span, noun lemma and affiliation."""

import pytest

from conftest import unmark


def counts(nlp, text):
    doc = nlp.without("deduplicate", "events")(text)
    return [e for e in doc.entities if e.type == "COUNT"]


@pytest.mark.parametrize("marked, count, qualifier, noun, affiliation", [
    ("Участвовали [[более 40]] специалистов.", 40, "more_than", "специалист", None),
    ("Приехали [[трех]] делегатов от CIAQ.", 3, "exact", "делегат", "CIAQ"),
    ("Собрались [[свыше двухсот]] участников.", 200, "more_than", "участник", None),
    ("Ждут [[не менее 150]] исполнителей.", 150, "at_least", "исполнитель", None),
    ("Придут [[около 60]] студентов.", 60, "about", "студент", None),
    ("Пустят [[не более 20]] человек.", 20, "at_most", "человек", None),
    ("Пришли [[чуть более 30 тысяч]] зрителей.", 30_000, "more_than", "зритель", None),
    ("Выступили [[двадцать три]] молодых ученых.", 23, "exact", "ученый", None),
    ("Приехали [[1 500]] гостей.", 1500, "exact", "гость", None),
    ("Работали [[двое]] экспертов из компании «Интелком».", 2, "exact", "эксперт", "Интелком"),
    ("Пострадали [[трое]] пострадавших.", 3, "exact", "пострадавший", None),
    ("Уволены [[около 1400]] военных.", 1400, "about", "военный", None),
    # number words in every case
    ("Грамоты вручили [[трем]] участникам.", 3, "exact", "участник", None),
    ("Встреча с [[тремя]] экспертами прошла в зале.", 3, "exact", "эксперт", None),
    ("Рассказали о [[трех]] волонтерах.", 3, "exact", "волонтер", None),
    ("Помогали [[сорока]] волонтерам.", 40, "exact", "волонтер", None),
    ("Подарки раздали [[двумстам]] участникам.", 200, "exact", "участник", None),
    ("Руководит [[двумястами]] студентами.", 200, "exact", "студент", None),
    ("Речь шла о [[двухстах]] гостях.", 200, "exact", "гость", None),
    ("Наградили [[пятерых]] спортсменов.", 5, "exact", "спортсмен", None),
    ("Врачи спасли [[двоих]] пострадавших.", 2, "exact", "пострадавший", None),
    # thousands and millions
    ("Форум собрал [[1,5 тыс.]] человек.", 1500, "exact", "человек", None),
    ("Форум собрал [[полторы тысячи]] человек.", 1500, "exact", "человек", None),
    ("В городе живут [[более 154 тысяч]] жителей.", 154_000, "more_than", "житель", None),
    ("Акцию поддержали [[около 6,8 миллиона]] граждан.", 6_800_000, "about", "гражданин", None),
    # hedges that stay outside the span still give the qualifier
    ("Погибли как минимум [[трое]] полицейских.", 3, "at_least", "полицейский", None),
    ("Погибли по меньшей мере [[16]] человек.", 16, "at_least", "человек", None),
    # a quoted phrase is not a title: «за [[одного]] участника»
    ("Шли СМС «за [[одного]] участника шоу».", 1, "exact", "участник", None),
])
def test_counts(nlp, marked, count, qualifier, noun, affiliation):
    text, [(s, e, _)] = unmark(marked)
    (c,) = counts(nlp, text)
    assert (c.start, c.end) == (s, e)
    v = c.value
    assert (v["count"], v["qualifier"], v["noun"], v["affiliation"]) == (count, qualifier, noun, affiliation)


@pytest.mark.parametrize("text, span, low, high", [
    ("Пришли 30–40 человек.", "30–40", 30, 40),
    ("Пришли от 30 до 40 человек.", "от 30 до 40", 30, 40),
])
def test_ranges(nlp, text, span, low, high):
    (c,) = counts(nlp, text)
    assert c.text == span
    assert (c.value["min"], c.value["max"], c.value["qualifier"]) == (low, high, "range")


@pytest.mark.parametrize("marked, count", [
    # a collective numeral stands for people by itself: no noun
    ("За закон проголосовали 149 сенаторов, [[пятеро]] выступили против.", 5),
    ("Полиция задержала группу. [[Двое]] из них задержаны впервые.", 2),
    ("Погибли 11 человек, [[шестеро]] пострадали.", 6),
])
def test_collective_numerals_alone(nlp, marked, count):
    text, spans = unmark(marked)
    got = [c for c in counts(nlp, text) if c.value["noun"] is None]
    assert [(c.start, c.end) for c in got] == [(s, e) for s, e, _ in spans]
    assert got[0].value["count"] == count


@pytest.mark.parametrize("marked, least, qualifier, noun", [
    # vague amounts: the least the words mean, flagged
    ("[[Тысячи]] человек вышли на улицы.", 2000, "at_least", "человек"),
    ("На площади собрались [[несколько десятков]] женщин.", 20, "at_least", "женщина"),
    ("Жертвами стали [[десятки тысяч]] человек.", 20_000, "at_least", "человек"),
    ("Вышли [[несколько сот]] человек.", 200, "at_least", "человек"),
    ("Надо убедить [[с десяток]] депутатов.", 10, "about", "депутат"),
])
def test_vague_counts(nlp, marked, least, qualifier, noun):
    text, [(s, e, _)] = unmark(marked)
    (c,) = counts(nlp, text)
    assert (c.start, c.end) == (s, e)
    assert (c.value["count"], c.value["qualifier"], c.value["noun"], c.value.get("vague")) == \
        (least, qualifier, noun, True)


@pytest.mark.parametrize("text", [
    "Прочитано свыше 80 лекций.",
    "Разработано 32 прототипа.",
    "Форум прошел с 10 по 14 июля 2025 года.",
    "Представители более 30 предприятий.",
    "Победила в категории до 52 кг.",
    "Во дворе жили 20 собак.",
    "Задержан ещё один подозреваемый.",
    "Оба кандидата отказались.",
    "Суд обязал выплатить $78 млн пострадавшему.",
    "В театре идут «Три сестры».",
    "Нападавший ранил 11 летнего мальчика.",
    "Он просидел в камере двое суток.",
    "У блогера 100 млн подписчиков.",
])
def test_not_counts_of_people(nlp, text):
    assert counts(nlp, text) == []


def test_phrase_covers_noun_and_affiliation(nlp):
    text = "Приехали трех делегатов от CIAQ."
    (c,) = counts(nlp, text)
    p = c.value["phrase"]
    assert text[p["start"]:p["end"]] == "трех делегатов от CIAQ"
