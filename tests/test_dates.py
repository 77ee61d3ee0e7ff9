"""Dates and ranges: one span each, ISO values, years from context."""

import datetime as dt

import pytest

from conftest import unmark
from pipeline.entities.dates import find_dates, weekday_mismatch

REF = dt.date(2025, 6, 11)  # a Wednesday


@pytest.mark.parametrize("marked, values", [
    # ranges within one month and across months, one span each
    ("встреча [[с 11 по 15 марта 2024 года]].", [("2024-03-11", "2024-03-15")]),
    ("форум [[с 28 февраля по 2 марта 2025 года]] прошел", [("2025-02-28", "2025-03-02")]),
    ("[[11–15 марта 2024 г.]] и далее", [("2024-03-11", "2024-03-15")]),
    ("[[28 февраля — 2 марта 2025 года]]", [("2025-02-28", "2025-03-02")]),
    ("ярмарка [[с 29 декабря по 3 января 2025 года]]", [("2024-12-29", "2025-01-03")]),
    ("[[с марта по май 2024 года]]", [("2024-03", "2024-05")]),
    ("[[с 2010 по 2015 год]]", [("2010", "2015")]),
    ("[[в 2010–2015 годах]]", [("2010", "2015")]),
    # single dates
    ("состоится [[12 апреля 2025 года]].", [("2025-04-12", "2025-04-12")]),
    ("[[12.04.2025]] и [[2025-04-12]]", [("2025-04-12", "2025-04-12")] * 2),
    ("[[12 апр. 2025 г.]]", [("2025-04-12", "2025-04-12")]),
    ("[[в пятницу, 11 апреля 2025 года]]", [("2025-04-11", "2025-04-11")]),
    # months, years, parts, seasons, decades, centuries
    ("[[в марте 2024 года]]", [("2024-03", "2024-03")]),
    ("[[в 2018 году]] и [[2019 г.]]", [("2018", "2018"), ("2019", "2019")]),
    ("[[в начале 2017 года]]", [("2017-01", "2017-04")]),
    ("[[весной 2024 года]]", [("2024-03", "2024-05")]),
    ("[[в 1990-х годах]]", [("1990", "1999")]),
    ("[[в XIX веке]]", [("1801", "1900")]),
    # a date with no year takes the year stated before it, else after it
    ("В 2025 году форум откроется [[20 мая]].", [("2025", "2025"), ("2025-05-20", "2025-05-20")]),
    ("Выставка откроется [[20 мая]] и продлится [[до 31 августа 2025 года]].",
     [("2025-05-20", "2025-05-20"), ("2025-08-31", "2025-08-31")]),
])
def test_dates(marked, values):
    text, spans = unmark(marked)
    got = find_dates(text)
    assert [(d.start, d.end) for d in got if (d.start, d.end) in {(s, e) for s, e, _ in spans}] \
        == [(s, e) for s, e, _ in spans]
    by_span = {(d.start, d.end): d.value for d in got}
    assert [(by_span[(s, e)]["start"], by_span[(s, e)]["end"]) for s, e, _ in spans] == \
        [v for v in values if True][-len(spans):]


@pytest.mark.parametrize("text", [
    "Она сказала, что мая не было.",
    "Команда заняла 10-е место.",
    "В зале было 15 человек.",
    "COVID-19 и 2,5 тыс.",
])
def test_no_false_dates(text):
    assert find_dates(text) == []


def test_year_inferred_is_flagged():
    text, _ = unmark("В 2025 году форум откроется 20 мая.")
    values = [d.value for d in find_dates(text)]
    assert values[1].get("year_inferred") is True


@pytest.mark.parametrize("text, value", [
    ("вчера", {"start": "2025-06-10", "end": "2025-06-10", "relative": "вчера"}),
    ("в прошлом году", {"start": "2024", "end": "2024", "relative": "прошлом году"}),
    ("на следующей неделе", {"start": "2025-06-16", "end": "2025-06-22", "relative": "следующей неделе"}),
    ("в этом месяце", {"start": "2025-06", "end": "2025-06", "relative": "этом месяце"}),
])
def test_relative_dates_resolve_against_the_document_date(text, value):
    (d,) = find_dates(text, REF)
    assert d.value == value


def test_relative_dates_without_reference_are_flagged_not_guessed():
    (d,) = find_dates("вчера")
    assert d.value["resolved"] is False
    assert d.value["start"] is None


def test_a_date_without_any_year_is_unresolved():
    (d,) = find_dates("форум откроется 20 мая")
    assert d.value["resolved"] is False
    assert d.value["start"] == "--05-20"


def test_weekday_mismatch():
    (d,) = find_dates("в понедельник, 11 апреля 2025 года")
    assert "does not match" in weekday_mismatch(d.value)
    (d,) = find_dates("в пятницу, 11 апреля 2025 года")
    assert weekday_mismatch(d.value) is None
