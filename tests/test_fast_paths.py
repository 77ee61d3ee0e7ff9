"""Shortcuts taken for speed give the outputs of the plain way, document by document.

The event stage parses only the sentences that hold an event mention, and batch
stages see many documents at once; neither may change a record.
"""

from __future__ import annotations

import pytest

import pipeline.events as events
from conftest import SAMPLES
from pipeline import Document
from pipeline.batch import find_jobs, load_document

# Written for these tests: events and their arguments spread over several sentences,
# a pronoun for an event, a sentence with no event word between them.
TEXTS = [
    "12 марта в Москве задержан Иванов, а 15 марта в Киеве арестован Петров. Погода была "
    "теплой. Суд назначен на 20 апреля.",
    "XI форум «Горизонты» пройдет за пределами Сибири — он состоится в Казани 5–7 июня. "
    "Организатор — Ассоциация молодых инженеров. Его посетят более 1200 участников из 30 стран.",
    "Вчера в Новосибирске открылась выставка немецкой графики. Музей работает до восьми вечера.\n\n"
    "В понедельник, по данным полиции, в Екатеринбурге задержаны трое подозреваемых.",
    "Без событий: просто текст о погоде в Самаре и о том, что 40 человек гуляли в парке.",
]


def corpus() -> list[tuple[str, str]]:
    """(doc_id, text): the sample releases and the texts above."""
    samples = [load_document(j) for j in sorted(find_jobs([SAMPLES]), key=lambda j: j.doc_id)]
    return [(d.doc_id, d.text) for d in samples if d.ok] + [(f"text{i}", t) for i, t in enumerate(TEXTS)]


def records(nlp, batch_size: int) -> list[dict]:
    """Every document of the corpus, as documents.jsonl would hold it."""
    docs = nlp.pipe((Document(text, doc_id) for doc_id, text in corpus()), batch_size=batch_size)
    return [d.to_dict(with_tokens=True) for d in docs]


@pytest.fixture(scope="module")
def batched(nlp) -> list[dict]:
    return records(nlp, batch_size=64)


def test_the_corpus_has_events_to_compare(batched):
    assert sum(len(r["events"]) for r in batched) >= len(TEXTS)
    assert all(r["status"] == "ok" for r in batched)


def test_one_document_at_a_time_gives_the_batched_records(nlp, batched):
    assert records(nlp, batch_size=1) == batched


def test_parsing_every_sentence_gives_the_same_events(nlp, batched, monkeypatch):
    every = lambda doc, mentions: set(range(len(doc.sentences)))  # noqa: E731
    monkeypatch.setattr(events, "parsed_sentences", every)
    assert records(nlp, batch_size=64) == batched


@pytest.mark.parametrize("text, parsed", [
    # the sentence without an event word is not parsed
    (TEXTS[0], {0, 2}),
    (TEXTS[2], {0, 2}),
    (TEXTS[3], set()),
])
def test_only_sentences_with_a_mention_are_parsed(nlp, text, parsed):
    doc = nlp.without("events")(text)
    mentions = events.find_mentions(doc, nlp.resources.morph)
    assert (events.parsed_sentences(doc, mentions) if mentions else set()) == parsed


def one_line(matches, text: str) -> list[tuple[int, int]]:
    """Spans of the matches within a line (a date across a line break is refused)."""
    return [m.span() for m in matches if "\n" not in text[m.start():m.end()]]


def every_match(rx, text: str):
    """The rule tried at every position, as if it had no candidate starts."""
    pos = 0
    while (m := rx.search(text, pos)) is not None:
        yield m
        pos = m.start() + 1


@pytest.mark.parametrize("text", [
    "Он не менее чем в течение не более чем двухсот пятидесяти трех лет работал.",
    "Срок — 5лет; через 2,5 года; полгода назад; за последние 10 лет.",
    "более\n20 лет назад, около\nгода; в течение\nнескольких недель",
    "за пару дней, спустя сутки, десятилетие спустя, на протяжении полувека",
    "в 2024 году, три года назад, 1 год 6 месяцев, от 8 до 20 лет",
    "Лет через пять. ГОД НАЗАД. Годом позже.",
])
def test_durations_found_around_units_are_every_duration(text):
    from pipeline.entities import dates

    rx = dict(dates.RULES)["duration"]
    got = one_line(dates.rule_matches("duration", rx, text), text)
    assert got == one_line(every_match(rx, text), text)
    assert got  # each text holds durations


# Written for these tests: the longest stretch of words each rule may have before its
# anchor, rules at the edges of lines, and anchors that start no date.
NEAR_ANCHOR_TEXTS = [
    "Вплоть до в прошлую пятницу, не позднее 12-го марта 2024-го года; вплоть до 30 и 1-го июля.",
    "в ночь с 3-го на 4-е июня 1989 года, в следующем мае, в минувшем\nоктябре, вплоть до марта",
    "вплоть до первой половины 1990-х годов прошлого века по начало 2000-х; с 2013 по 2017 год",
    "вплоть до 2024 года, вплоть до начала 2017 года, вплоть до 1990-х, вплоть до 12 марта",
    "с 11 по 15 марта, 5–7 июня, август — сентябрь 2014, весной — летом 2020 года, XIX — XX века",
    "не позднее 12.04.2025, 2025-04-12, 05/08/2008, в 410 году, 2016/17, Евро-2012, 25-летний стаж",
    "вплоть до XIX-го века, в двадцать первом столетии, в девяностые годы, в начале 2017 года",
    "вплоть до прошлой весны, осенью прошлого же года, в прошлую пятницу, в том же году, этот день",
    # four number words as the pattern allows, however odd: 12 words before the unit
    "сроком на от двух двухсот пятидесяти трех до двух двухсот пятидесяти трех лет.",
    "сроком на от двухсот пятидесяти трех до трехсот лет; 5-7 лет; от 8\nдо 20 лет; с 1 по\n5 мая",
    "за последние двадцать пять лет, позавчера, на днях, с сегодняшнего дня, каждые три года",
    "в эти же выходные, на следующий день, ежегодно, между 20 июня и 10 августа, в ближайшие дни",
    "Санкт-Петербург, по-прежнему до-мажор: 2010-\n2015 годы, 12\nмарта, в\n2024 году, 1990-\nх",
]


@pytest.mark.parametrize("text", NEAR_ANCHOR_TEXTS)
def test_rules_tried_near_their_anchor_find_every_match(text):
    from pipeline.entities import dates

    for name, rx in dates.RULES:
        got = one_line(dates.rule_matches(name, rx, text), text)
        assert got == one_line(every_match(rx, text), text), name


@pytest.mark.parametrize("text", NEAR_ANCHOR_TEXTS + [
    "Человек века: по 5 марта, до 2024-го, 12.04, между делом; в выходные (выходные дни) каждые.",
    "Сегодняшний день, позавчерашний вечер, ВЕСНОЙ 1990-Х ГОДОВ, 25-летний 1996/97 до 410 года.",
])
def test_the_two_anchor_passes_find_each_anchor_where_its_own_search_does(text):
    from pipeline.entities import dates

    got = dates._ANCHORS.starts(text)
    for pattern, rx in dates._ANCHORS.anchors.items():
        assert got[pattern] == [m.start() for m in every_match(rx, text)], pattern


def test_the_near_anchor_texts_hold_dates_of_every_rule_tried_so():
    from pipeline.entities import dates

    found = {name for text in NEAR_ANCHOR_TEXTS for name, rx in dates.RULES
             if one_line(dates.rule_matches(name, rx, text), text)}
    assert set(dates.CANDIDATE_STARTS) <= found


@pytest.mark.parametrize("text", [
    "Форум посетили более 1 500 участников из 30 стран, не менее чем трехсот гостей.",
    "Как минимум трое задержанных, от 30 до 40 человек, 30–40 студентов и с десяток волонтеров.",
    "Тысячи человек вышли на улицы; несколько десятков женщин и двое из них остались.",
    "Полторы тысячи зрителей, 2,5 тыс. болельщиков, около двухсот пятидесяти журналистов.",
])
def test_counts_skip_only_words_that_start_no_count(nlp, monkeypatch, text):
    from pipeline.entities import counts

    doc = nlp.without("events")(text)
    morph = nlp.resources.morph

    def found() -> list[tuple]:
        return [(m.start, m.end, m.count, m.qualifier) for s in doc.sentences
                for m in counts.find_counts(doc.tokens[s.first_token:s.last_token], morph)]

    quick = found()
    monkeypatch.setattr(counts, "may_start_count", lambda word, morph: True)
    assert quick == found() and quick


@pytest.mark.parametrize("text", NEAR_ANCHOR_TEXTS + [
    "Форум пройдет с 11 по 15 марта 2024 года, а в прошлую пятницу, 8 марта, прошла встреча.",
    "Весной 2023 года, в начале 2000-х и в XIX веке; в 1990-х годах; вчера и на днях.",
    "Ежегодно, каждые три года, в минувшие выходные, на следующий день, между 20 июня и 10 августа.",
    "В последние годы, в ночь с 3 на 4 июня 1989 года, 12.04.2025, 2016/17, 25-летний стаж.",
    "Текст без единой даты: просто слова о погоде и людях.",
])
def test_dates_found_near_anchors_are_every_date(monkeypatch, text):
    from pipeline.entities import dates

    quick = dates.find_date_expressions(text)
    monkeypatch.setattr(dates, "CANDIDATE_STARTS", {})
    assert dates.find_date_expressions(text) == quick


@pytest.mark.parametrize("text", [
    "Взрыв прогремел в 3 часа ночи, а около пяти часов вечера все стихло.",
    "Около полуночи, незадолго до полудня, в полдень, после полуночи.",
    "Рано утром, поздно вечером, ночью, вчера днём, сегодня днем, накануне утром.",
    "С 10:00 до 18:00 по местному времени; в 0:43 мск; около 10.25 по Москве.",
    "Приблизительно в одиннадцать часов утра, около двенадцати часов.",
    "Скончался сегодня.",
    "В 2024 году с 9.30, в 3-м часу, 12:45:10; около  пяти   часов  вечера и к 8 утра 5 мая.",
])
def test_times_tried_near_their_anchors_are_every_time(text):
    """find_in_sentence tries TIMES only a few words before an anchor: it finds what a
    scan of the whole text finds, from any start."""
    from pipeline.events.times import ANCHOR, TIMES, find_in_sentence

    found = [m.group() for m in TIMES.finditer(text)]
    assert found
    assert all(ANCHOR.search(f) for f in found)
    for start in range(0, len(text), 7):
        assert [m.span() for m in find_in_sentence(text, start, len(text))] == \
            [m.span() for m in TIMES.finditer(text, start, len(text))], start
