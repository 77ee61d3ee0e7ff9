"""Entities end to end: types, spans and values on texts written for the tests."""

import pytest

from conftest import unmark


def entities(nlp, text, *types):
    doc = nlp.without("deduplicate", "events")(text)
    return [e for e in doc.entities if not types or e.type in types]


@pytest.mark.parametrize("marked", [
    # Latin-script organisations and acronyms, quoted names without their descriptor
    "Встречу организовал [[The British Council|ORGANIZATION]] в [[Ташкенте|CITY]].",
    "Приехали трое делегатов от [[CIAQ|ORGANIZATION]].",
    "Выставку подготовил [[Goethe-Institut|ORGANIZATION]] при поддержке фонда «[[Молодежные инициативы|ORGANIZATION]]».",
    "Доклад сделал председатель [[РСПП|ORGANIZATION]] [[Александр Шохин|PERSON]].",
    # an organisation takes the place it belongs to; the place stays too
    "Организатором выступила [[Ассоциация молодежных советов Татарстана|ORGANIZATION]].",
    "Форум поддержало [[правительство Новосибирской области|ORGANIZATION]].",
    # cities in oblique cases, countries, and regions that are neither
    "Делегация из [[Казани|CITY]] прибыла в [[Нижний Новгород|CITY]].",
    "Эксперты из Центральной Азии, СНГ и [[Великобритании|COUNTRY]].",
    "В [[Алматы|CITY]] ([[Казахстан|COUNTRY]]) прошел турнир.",
    # names in brackets are names of their own
    "Выступил [[Майкл Мэйсон|PERSON]] ([[Michael Mason|PERSON]]).",
])
def test_name_entities(nlp, marked):
    text, spans = unmark(marked)
    got = {(e.start, e.end, e.type) for e in entities(nlp, text, "PERSON", "ORGANIZATION", "CITY", "COUNTRY")}
    for s, e, t in spans:
        assert (s, e, t) in got, (text[s:e], t, [(text[a:b], c) for a, b, c in sorted(got)])


def test_nested_place_inside_organisation(nlp):
    text = "Организатором выступила Ассоциация молодежных советов Татарстана."
    got = {(e.text, e.type) for e in entities(nlp, text)}
    assert ("Ассоциация молодежных советов Татарстана", "ORGANIZATION") in got


def test_values(nlp):
    text = "В Нижнем Новгороде выступил Барак Обама, гость Ассоциации экспортеров Сибири."
    by_text = {e.text: e.value for e in entities(nlp, text)}
    assert by_text["Нижнем Новгороде"]["name"] == "Нижний Новгород"
    assert by_text["Нижнем Новгороде"]["country"] == "RU"
    assert by_text["Барак Обама"]["name"] == "Барак Обама"
    assert by_text["Ассоциации экспортеров Сибири"]["name"] == "Ассоциация экспортеров Сибири"


def test_every_offset_slices_the_text(nlp):
    text = ("В\u00a0Ташкенте с\u00a011 по 15\u00a0марта 2024\u00a0года про\u00adшла встреча, "
            "более 40 спе\u00adциалистов.\r\nОрганизатор — The British Council.")
    for e in entities(nlp, text):
        assert text[e.start:e.end] == e.text
    types = {e.type for e in entities(nlp, text)}
    assert {"CITY", "DATE", "COUNT", "ORGANIZATION"} <= types
