"""Dates, ranges, durations and relative dates: one span each, with values.

Spans follow careful news annotation: the preposition is inside ("в 2009 году"), the
dot of "г." is outside, a range or a weekday with its date is one span, an age is not
a date. Every row lists all the dates of its text, so extra spans fail too.
"""

import datetime as dt
from types import SimpleNamespace

import pytest

from conftest import unmark
from pipeline import Document
from pipeline.entities import document_date
from pipeline.entities.dates import find_dateline, find_dates, weekday_mismatch
from pipeline.normalize import normalize

REF = dt.date(2025, 6, 11)  # a Wednesday


def found(text: str, reference: dt.date | None = None) -> list[tuple[int, int, dict]]:
    return [(d.start, d.end, d.value) for d in find_dates(text, reference)]


def check(marked: str, values: list[dict], reference: dt.date | None = None) -> None:
    """The marked spans, exactly, and each value holding the expected keys."""
    text, spans = unmark(marked)
    got = found(text, reference)
    assert [text[s:e] for s, e, _ in got] == [text[s:e] for s, e, _ in spans]
    assert len(values) == len(got)
    for (_, _, value), expected in zip(got, values):
        assert {k: value.get(k) for k in expected} == expected, value


def day(iso: str) -> dict:
    return {"start": iso, "end": iso}


@pytest.mark.parametrize("marked, values", [
    # ranges: one span, the first half takes the month and year of the second
    ("Встреча пройдет [[с 11 по 15 марта 2024 года]].", [{"start": "2024-03-11", "end": "2024-03-15"}]),
    ("Форум прошел [[с 28 февраля по 2 марта 2025 года]].", [{"start": "2025-02-28", "end": "2025-03-02"}]),
    ("Ярмарка работает [[с 29 декабря по 3 января 2025 года]].",
     [{"start": "2024-12-29", "end": "2025-01-03"}]),
    ("Сбор заявок [[11–15 марта 2024 г]]. Итоги позже.", [{"start": "2024-03-11", "end": "2024-03-15"}]),
    ("Каникулы [[28 февраля — 2 марта 2025 года]].", [{"start": "2025-02-28", "end": "2025-03-02"}]),
    ("Работы шли [[с марта по май 2024 года]].", [{"start": "2024-03", "end": "2024-05"}]),
    ("Он руководил школой [[с 2010 по 2015 год]].", [{"start": "2010", "end": "2015"}]),
    ("Он руководил школой [[в 2010–2015 годах]].", [{"start": "2010", "end": "2015"}]),
    ("Она работала в театре [[с 1 марта 2011 по декабрь 2015]].", [{"start": "2011-03-01", "end": "2015-12"}]),
    ("Ремонт продлится [[с мая 2023 года по февраль 2024 года]].", [{"start": "2023-05", "end": "2024-02"}]),
    ("Выставка открыта [[в ноябре—декабре 2024 года]].", [{"start": "2024-11", "end": "2024-12"}]),
    ("Премьеры пройдут [[в конце октября — начале ноября 2023 года]].",
     [{"start": "2023-10-21", "end": "2023-11-10"}]),
    ("Покупки он сделал [[между 20 июня и 10 августа 2022 года]].",
     [{"start": "2022-06-20", "end": "2022-08-10"}]),
    ("Пожар случился в ночь [[с 3 на 4 июня 2021 года]].", [{"start": "2021-06-03", "end": "2021-06-04"}]),
    ("Пожар случился в ночь [[со 2-го на 3-е ноября 2020 года]].",
     [{"start": "2020-11-02", "end": "2020-11-03"}]),
    ("Команда провела сезон [[2016/17]] в высшей лиге.", [{"start": "2016", "end": "2017"}]),
    # coordinated days are one span with a value for each
    ("Концерты состоятся [[30 июня и 1 июля 2019 года]].",
     [{"start": "2019-06-30", "end": "2019-07-01",
       "dates": [day("2019-06-30"), day("2019-07-01")]}]),
    ("Акции шли [[в июле и августе 2019 года]].", [{"start": "2019-07", "end": "2019-08"}]),
    # listed years stay separate, as annotated
    ("Он побеждал [[в 1998]], [[2002]] и [[2006 годах]].",
     [day("1998"), day("2002"), day("2006")]),
])
def test_ranges(marked, values):
    check(marked, values)


@pytest.mark.parametrize("marked, values", [
    ("Форум состоится [[12 апреля 2025 года]].", [day("2025-04-12")]),
    ("Письмо датировано [[12 апр. 2025 г]]. Ответа нет.", [day("2025-04-12")]),
    ("Приказ [[от 12.04.2025]] и письмо [[2025-04-12]].", [day("2025-04-12"), day("2025-04-12")]),
    ("Протокол подписан [[05/08/2008]].", [day("2008-08-05")]),
    # a weekday and its date are one span, before or after the date
    ("[[В пятницу, 11 апреля 2025 года]], открылась выставка.", [{**day("2025-04-11"), "weekday": 4}]),
    ("Итоги подвели [[в пятницу — 1 февраля 2013 года]].", [{**day("2013-02-01"), "weekday": 4}]),
    ("Спортсмен [[25 июля, в четверг]], попробует снова. Рекорд поставлен [[в 2019 году]].",
     [{**day("2019-07-25"), "weekday": 3}, day("2019")]),
    ("Он умер [[вчера, 9 мая 2019 года]].", [day("2019-05-09")]),
    # months, years, bare years, years inside names
    ("Открытие [[в марте 2024 года]].", [day("2024-03")]),
    ("Город освобожден [[в апреле 1945-го]].", [day("1945-04")]),
    ("Школа открылась [[в 2018 году]], а музей [[в 2019 г]].", [day("2018"), day("2019")]),
    ("[[В 1976]] он поступил во ВГИК.", [day("1976")]),
    ("Фильмы: «Москва» ([[1994]]), «Сибирь» ([[2001]]).", [day("1994"), day("2001")]),
    ("Финал Евро-[[2012]] прошел в Киеве.", [day("2012")]),
    ("Сочинение написано [[в 410 году]].", [day("0410")]),
    ("Задержан мужчина [[1962 года]] рождения.", [day("1962")]),
    ("Он был министром ([[2001]]—[[2003]]).", [day("2001"), day("2003")]),
    # parts of periods, seasons, quarters, decades, centuries
    ("Работы начнутся [[в начале 2017 года]].", [{"start": "2017-01", "end": "2017-04"}]),
    ("Ответ придет [[до конца мая 2024 года]].", [{"start": "2024-05-21", "end": "2024-05-31"}]),
    ("Рост был [[во втором квартале 2014 года]].", [{"start": "2014-04", "end": "2014-06"}]),
    ("Мост откроют [[весной 2024 года]].", [{"start": "2024-03", "end": "2024-05"}]),
    ("Клуб создан [[в 1990-х годах]].", [{"start": "1990", "end": "1999"}]),
    ("Он уехал [[в начале 2000-х]].", [{"start": "2000", "end": "2003"}]),
    ("Он был министром [[в девяностые годы двадцатого века]].", [{"start": "1990", "end": "1999"}]),
    ("Храм построен [[в XIX веке]].", [{"start": "1801", "end": "1900"}]),
    ("Жертвы войн [[ХХ-го века]].", [{"start": "1901", "end": "2000"}]),
])
def test_points(marked, values):
    check(marked, values)


@pytest.mark.parametrize("marked, values, reference", [
    # a year stated earlier on the same line
    ("[[В 2025 году]] форум откроется [[20 мая]].", [day("2025"), {**day("2025-05-20"), "year_source": "text"}],
     None),
    # else the document date; "15 декабря" in a January text is last December
    ("Форум откроется [[20 мая]].", [{**day("2025-05-20"), "year_source": "document"}], REF),
    ("Сбор закончился [[15 декабря]].", [{**day("2024-12-15"), "year_source": "document"}],
     dt.date(2025, 1, 10)),
    # else a year stated later in the text
    ("Выставка откроется [[20 мая]] и продлится [[до 31 августа 2025 года]].",
     [{**day("2025-05-20"), "year_inferred": True}, day("2025-08-31")], None),
    # a stated weekday picks the year that fits it, not the nearest year in the text
    ("Рекорд поставлен [[в 2019 году]]. [[В 1909 году]] Блерио перелетел пролив.\n"
     "Запата попробует [[25 июля, в четверг]].",
     [day("2019"), day("1909"), {**day("2019-07-25"), "year_source": "text"}], None),
    # no year anywhere: kept as "--MM-DD", flagged
    ("Форум откроется [[20 мая]].", [{"start": "--05-20", "end": "--05-20", "resolved": False}], None),
])
def test_dates_without_a_year(marked, values, reference):
    check(marked, values, reference)


def test_weekday_picks_the_year_among_the_texts_years():
    # the nearest year says 2018, but 25 July 2018 was a Wednesday
    text = "В 2019 году он упал.\nВ 2018 году он вернулся, а 25 июля, в четверг, стартовал."
    (_, _, wd_date), = [d for d in found(text) if d[2].get("weekday") is not None]
    assert wd_date["start"] == "2019-07-25"


@pytest.mark.parametrize("marked, values", [
    ("Он приехал [[вчера]].", [{**day("2025-06-10"), "anchor": "document"}]),
    ("Это было [[позавчера]].", [day("2025-06-09")]),
    ("Выставку открыли [[в прошлом году]].", [{**day("2024"), "anchor": "document"}]),
    ("Проект завершат [[в следующем году]].", [day("2026")]),
    ("Ответ придет [[на следующей неделе]].", [{"start": "2025-06-16", "end": "2025-06-22"}]),
    ("Итоги подведут [[в этом месяце]].", [day("2025-06")]),
    ("Он выступил [[в прошлую пятницу]].", [day("2025-06-06")]),
    ("Сессия откроется [[в следующий вторник]].", [day("2025-06-17")]),
    ("Вопрос решили [[во вторник]].", [{**day("2025-06-10"), "approximate": True}]),
    ("Дом сдан [[три дня назад]].", [{**day("2025-06-08"), "anchor": "document"}]),
    ("Театр открыт [[два года назад]].", [day("2023")]),
    ("Решение приняли [[в феврале этого года]].", [{**day("2025-02"), "anchor": "document"}]),
    ("Выборы прошли [[в сентябре прошлого года]].", [day("2024-09")]),
    ("Реформа началась [[в начале этого года]].", [{"start": "2025-01", "end": "2025-04"}]),
    ("Фестиваль пройдет [[этим летом]].", [{"start": "2025-06", "end": "2025-08"}]),
    ("Премьера [[в следующем мае]].", [day("2026-05")]),
    ("Он выступал [[в минувшие выходные]].", [{"start": "2025-06-07", "end": "2025-06-08"}]),
    ("[[С сегодняшнего дня]] вход свободный.", [day("2025-06-11")]),
])
def test_relative_dates_resolve_against_the_document_date(marked, values):
    check(marked, values, REF)


@pytest.mark.parametrize("text", [
    "Он приехал вчера.", "Выставку открыли в прошлом году.", "Ответ придет на следующей неделе.",
    "Дом сдан три дня назад.", "Решение приняли в феврале этого года.", "Вопрос решили во вторник.",
])
def test_relative_dates_without_a_document_date_are_flagged_not_guessed(text):
    (_, _, value), = found(text)
    assert value["resolved"] is False
    assert value["start"] is None or value["start"].startswith("--")


@pytest.mark.parametrize("marked, values", [
    # against the date stated before: "в том же году", "на следующий день", "спустя два года"
    ("[[В 2015 году]] он открыл школу. [[В том же году]] ее закрыли.",
     [day("2015"), {**day("2015"), "anchor": "text"}]),
    ("Суд прошел [[5 марта 2020 года]]. [[На следующий день]] его отпустили.",
     [day("2020-03-05"), {**day("2020-03-06"), "anchor": "text"}]),
    ("Он уехал [[в 2010 году]], а [[спустя два года]] вернулся.", [day("2010"), day("2012")]),
    ("Клуб основан [[в 1990 году]]. [[Годом позже]] он выиграл кубок.", [day("1990"), day("1991")]),
    ("Выборы прошли [[12 мая 2024 года]]. [[За день до этого]] штаб закрылся.",
     [day("2024-05-12"), day("2024-05-11")]),
    # nothing stated before: flagged
    ("[[В тот же день]] его отпустили.", [{"start": None, "resolved": False}]),
])
def test_anaphoric_dates_resolve_against_the_date_before(marked, values):
    check(marked, values, None)


@pytest.mark.parametrize("marked, values", [
    ("Он отсидел [[три года]].", [{"duration": "P3Y"}]),
    ("Компания работает [[15 лет]].", [{"duration": "P15Y"}]),
    ("Он руководил [[в течение 13 лет]].", [{"duration": "P13Y"}]),
    ("Стройка шла [[более 20 лет]].", [{"duration": "P20Y", "qualifier": "more_than"}]),
    ("Решение займет [[не более трёх лет]].", [{"duration": "P3Y", "qualifier": "at_most"}]),
    ("Работы заняли [[около пяти месяцев]].", [{"duration": "P5M", "qualifier": "about"}]),
    ("Их осудили [[на полтора года]].", [{"duration": "P1Y6M"}]),
    ("Срок составил [[1 год 6 месяцев]].", [{"duration": "P1Y6M"}]),
    ("Курс длится [[полгода]].", [{"duration": "P6M"}]),
    ("Его арестовали [[на 10 суток]].", [{"duration": "P10D"}]),
    ("Марафон идет [[двадцать пять дней]].", [{"duration": "P25D"}]),
    ("Тест занял [[менее чем за две недели]].", [{"duration": "P2W", "qualifier": "less_than"}]),
    # prison terms: "к" stays outside, a range is one span
    ("Суд приговорил его к [[пяти годам]] колонии.", [{"duration": "P5Y"}]),
    ("Ему грозит [[до трёх лет]] лишения свободы.", [{"duration": "P3Y", "qualifier": "at_most"}]),
    ("Закон предусматривает лишение свободы на срок [[от 8 до 20 лет]].",
     [{"duration": None, "qualifier": "range", "min": "P8Y", "max": "P20Y"}]),
    # vague and recent spans of time
    ("Он умер, не дожив [[двух дней]] до юбилея.", [{"duration": "P2D"}]),
    ("Он болел [[несколько месяцев]].", [{"duration": None, "qualifier": "vague", "unit": "P1M"}]),
    ("Дом пустовал [[в течение десятилетий]].", [{"duration": None, "qualifier": "vague", "unit": "P10Y"}]),
    ("Это лучший результат [[за последние 10 лет]].", [{"duration": "P10Y", "relative": "past"}]),
    ("Цены росли [[в последние годы]].", [{"duration": None, "relative": "past"}]),
    ("Решение примут [[в ближайшие дни]].", [{"duration": None, "relative": "next"}]),
    ("Он ведет отряд с [[23-летним]] стажем работы.", [{"duration": "P23Y"}]),
    # recurrence
    ("Премия вручается [[ежегодно]].", [{"recurrence": "P1Y"}]),
    ("Права проверяют [[каждые три года]].", [{"recurrence": "P3Y"}]),
])
def test_durations(marked, values):
    check(marked, values)


@pytest.mark.parametrize("text", [
    # ages are not dates
    "Он умер в возрасте 73 лет.",
    "Ему исполнился 61 год.",
    "Иван Петров, 45 лет, был задержан.",
    "Пропала Анна Соколова (26 лет).",
    "Медаль в 24 года — это здорово.",
    "Работал с 14 лет на заводе.",
    "Кружок для детей от 13 до 18 лет.",
    "Он тренирует юношескую сборную до 18 лет.",
    "Сегодня Смирнову 50 лет.",
    "Им было 30, 20 и 19 лет.",
    "Он поднялся на вершину в 70 и 75 лет.",
    "Женщины выходят на пенсию в 55 лет.",
    "Она младше его на год.",
    "Умер 45-летний водитель.",
    "Иск подала 17-летняя стажёрка.",
    "Чиновник дожил до 90 лет.",
    # deictic words that news tag inconsistently, and words that are not dates
    "Сегодня в Казани открылся форум.",
    "Сейчас он живет в Москве, ранее работал в Туле.",
    "В то время как одни спорили, другие работали.",
    # numbers, ids, rates and other words that look like dates
    "Команда заняла 10-е место.",
    "На митинг пришли 2000 человек.",
    "Власти заморозили около 1700 счетов.",
    "Она сказала, что мая не было.",
    "Это вопрос охраны окружающей среды.",
    "Цех шьет 2 тысячи масок в день.",
    "Это была свадьба века.",
    "Смотрите «Один день Ивана Денисовича».",
    "Решение 2-6-27/2016-04-06-25-АИ отменено.",
    "Лауреаты «Огней ночной пятницы».",
])
def test_not_dates(text):
    assert found(text) == []


def test_dates_do_not_cross_lines():
    text = "Ей исполнилось 47 лет\n\nРанее она жила в Калуге."
    assert found(text) == []


@pytest.mark.parametrize("text, expected", [
    ("12 марта 2024 г.\nВ Казани открылся форум.", "2024-03-12"),
    ("Форум «Горизонты»\nМосква, 12 марта 2024 года — В столице открылся форум.", "2024-03-12"),
    ("МОСКВА, 5 апреля 2023 г. — Сегодня начался прием заявок.", "2023-04-05"),
    ("Форум открылся.\nСреда, 12 марта 2024\nСкоро итоги.", "2024-03-12"),
    ("Итоги форума\nТекст релиза.\n\n12.03.2024 14:30", "2024-03-12"),
])
def test_datelines(text, expected):
    day_, start, end = find_dateline(text)
    assert day_.isoformat() == expected
    assert text[start:end].strip()


@pytest.mark.parametrize("text", [
    "Гастроли Анны Соколовой 14 октября 2021 года\nПевица рассказала о новом туре.",
    "В Казани открылся форум.\nОн прошел 12 марта 2024 года.",
    "ОМСК, 9 окт — РИА Новости. Текст без года.",
])
def test_no_dateline(text):
    assert find_dateline(text) is None


@pytest.mark.parametrize("meta, text, reference, date, source", [
    # the file's own date first, then a dateline, then the run's reference date
    ({"date": "2025-03-02"}, "Москва, 12 марта 2024 года — Вчера открылся форум.", None, "2025-03-02", "meta"),
    ({}, "Москва, 12 марта 2024 года — Вчера открылся форум.", dt.date(2025, 1, 1), "2024-03-12", "dateline"),
    ({}, "Вчера открылся форум.", dt.date(2025, 1, 1), "2025-01-01", "reference"),
    ({}, "Вчера открылся форум.", None, None, None),
])
def test_the_document_date_and_its_source(meta, text, reference, date, source):
    doc = normalize(Document(text=text, doc_id="d", meta=dict(meta)))
    got = document_date(doc, SimpleNamespace(reference_date=reference))
    assert (got.isoformat() if got else None) == date
    assert doc.meta.get("date_source") == source


@pytest.mark.parametrize("meta, yesterday", [
    ({"date": "2025-03-02"}, "2025-03-01"),
    ({}, "2024-03-11"),
])
def test_relative_dates_take_the_document_date(nlp, meta, yesterday):
    text = "Москва, 12 марта 2024 года — Вчера открылся форум."
    doc = nlp.without("deduplicate", "events")(Document(text=text, doc_id="d", meta=dict(meta)))
    (date,) = [e for e in doc.entities if e.type == "DATE" and e.text == "Вчера"]
    assert date.value["start"] == yesterday


def test_weekday_mismatch():
    (_, _, value), = found("в понедельник, 11 апреля 2025 года")
    assert "does not match" in weekday_mismatch(value)
    (_, _, value), = found("в пятницу, 11 апреля 2025 года")
    assert weekday_mismatch(value) is None
