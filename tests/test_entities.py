"""Entities end to end: types, spans and values on texts written for the tests.

Each table row is a text with the spans it must contain (``[[words|TYPE]]``); rows in
``*_absent`` tables list spans that must not come out with that type.
"""

import pytest

from conftest import unmark

NAME_TYPES = ("PERSON", "ORGANIZATION", "CITY", "COUNTRY")


def entities(nlp, text, *types):
    doc = nlp.without("deduplicate", "events")(text)
    return [e for e in doc.entities if not types or e.type in types]


def assert_spans(nlp, marked):
    text, spans = unmark(marked)
    got = {(e.start, e.end, e.type) for e in entities(nlp, text, *NAME_TYPES)}
    for s, e, t in spans:
        assert (s, e, t) in got, (text[s:e], t, [(text[a:b], c) for a, b, c in sorted(got)])


def assert_absent(nlp, marked):
    text, spans = unmark(marked)
    got = {(e.start, e.end, e.type) for e in entities(nlp, text, *NAME_TYPES)}
    for s, e, t in spans:
        assert (s, e, t) not in got, (text[s:e], t)


@pytest.mark.parametrize("marked", [
    # cities in every case, and an indeclinable one
    "Делегация из [[Казани|CITY]] прибыла в [[Нижний Новгород|CITY]].",
    "Форум прошел в [[Самаре|CITY]], а закрылся [[Самарой|CITY]] сезон ярмарок.",
    "Поезд идет к [[Екатеринбургу|CITY]] через [[Пермь|CITY]].",
    "Мы гордимся [[Нижним Новгородом|CITY]] и его жителями.",
    "В [[Алматы|CITY]] ([[Казахстан|COUNTRY]]) прошел турнир.",
    # a town the gazetteer does not know, after a word for a town; then again in another case
    "Съемки шли в селе [[Верхние Ключи|CITY]] и в городке [[Заозерск|CITY]].",
    "Фестиваль пройдет в деревне [[Малые Кочки|CITY]].",
    "Он родился в г. [[Бийск|CITY]], а вырос в городе [[Заозерск|CITY]]",
    "Форум прошел в городе [[Кривоозерье|CITY]]. Жители [[Кривоозерья|CITY]] довольны.",
    # the town the games are named after
    "Она стала чемпионкой игр [[Сочи|CITY]]-2014.",
    # countries, regions and alliances
    "Эксперты из Центральной Азии, СНГ и [[Великобритании|COUNTRY]].",
    "Соглашение подписали [[Российская Федерация|COUNTRY]] и [[Республика Беларусь|COUNTRY]].",
    "Посол [[Сент-Китс и Невис|COUNTRY]] вручил грамоты.",
])
def test_places(nlp, marked):
    assert_spans(nlp, marked)


@pytest.mark.parametrize("marked", [
    # adjectives that name a country or a city, in any case and gender
    "[[Российская|COUNTRY]] делегация посетила [[британское|COUNTRY]] посольство.",
    "Спектакль [[московского|CITY]] театра показали в [[петербургском|CITY]] клубе.",
    "Переговоры прошли в [[нью-йоркской|CITY]] штаб-квартире.",
    "[[Американский|COUNTRY]] президент встретился с [[китайскими|COUNTRY]] дипломатами.",
    # each half of a compound adjective
    "Начались [[российско|COUNTRY]]-[[американские|COUNTRY]] переговоры.",
    # "в британской столице": the capital as a city, the adjective as its country
    "Выставка открылась в [[британской столице|CITY]].",
    "Выставка открылась в [[британской|COUNTRY]] столице.",
])
def test_adjectives_name_places(nlp, marked):
    assert_spans(nlp, marked)


@pytest.mark.parametrize("marked", [
    # part of a region's name
    "Он живет в [[Московской|CITY]] области.",
    # a language
    "Лекции читают на [[английском|COUNTRY]] языке.",
    "Она свободно говорит на [[французском|COUNTRY]].",
    # a nationality: a private person, not the state
    "В фильме снялся [[американский|COUNTRY]] актер.",
    # a district, a state, a street
    "Он вырос в [[Бруклине|CITY]].",
    "Суд штата [[Флорида|CITY]] отклонил иск.",
    "Дом стоит на улице [[Горького|CITY]].",
])
def test_adjectives_and_names_that_are_no_places(nlp, marked):
    assert_absent(nlp, marked)


@pytest.mark.parametrize("marked", [
    # places nested in organisations count on their own
    "Заявление сделал [[МИД России|ORGANIZATION]].",
    "Заявление сделал МИД [[России|COUNTRY]].",
    "Работы ведет [[Правительство Москвы|ORGANIZATION]], ответил мэр [[Москвы|CITY]].",
    "Он окончил [[Московский|CITY]] государственный университет.",
])
def test_places_nested_in_names(nlp, marked):
    assert_spans(nlp, marked)


@pytest.mark.parametrize("marked", [
    # Latin-script organisations with a word that says so, or after a descriptor
    "Встречу организовал [[The British Council|ORGANIZATION]] в [[Ташкенте|CITY]].",
    "Приехали трое делегатов от [[CIAQ|ORGANIZATION]].",
    "Выставку подготовил [[Goethe-Institut|ORGANIZATION]].",
    "Об этом сообщило агентство [[Interfax|ORGANIZATION]].",
    "Инвестиции привлекла [[Baikal Media Group|ORGANIZATION]].",
    # quoted names: the descriptor and the quotes stay outside
    "Выставку поддержал фонд «[[Молодежные инициативы|ORGANIZATION]]».",
    "Кредит выдал банк «[[Северный путь|ORGANIZATION]]».",
    # acronyms after a role
    "Доклад сделал председатель [[РСПП|ORGANIZATION]] [[Александр Шохин|PERSON]].",
    # an organisation takes the place it belongs to
    "Организатором выступила [[Ассоциация молодежных советов Татарстана|ORGANIZATION]].",
    # common nouns that name one organisation, with what they are of and whose
    "Форум поддержало [[правительство Новосибирской области|ORGANIZATION]].",
    "Проверку начало [[министерство здравоохранения Казахстана|ORGANIZATION]].",
    "[[Британские власти|ORGANIZATION]] ответили на запрос.",
    "Вчера [[полиция|ORGANIZATION]] задержала двоих.",
    # the part of an organisation it is named with, and what it is for
    "Об этом сообщила [[пресс-служба МВД России|ORGANIZATION]].",
    "Дело передали в [[Европейский суд по правам человека|ORGANIZATION]].",
    # a building that stands for the institution
    "[[Кремль|ORGANIZATION]] не стал комментировать решение.",
])
def test_organisations(nlp, marked):
    assert_spans(nlp, marked)


@pytest.mark.parametrize("marked", [
    # the media at large, platforms people post on, diseases
    "Как пишут [[СМИ|ORGANIZATION]], решение уже принято.",
    "Министр написал об этом в [[Twitter|ORGANIZATION]].",
    "Пациент заболел [[COVID-19|ORGANIZATION]] в марте.",
    # quoted names of cinemas and songs
    "Фильм покажут в кинотеатрах «[[Рассвет|ORGANIZATION]]» и «[[Октябрь|ORGANIZATION]]».",
    "Группа исполнила песню «[[Northern Lights|ORGANIZATION]]».",
    # a Latin name with nothing to say it is an organisation's
    "На концерте звучали [[Moonlight Drive|ORGANIZATION]] и другие хиты.",
    # acronyms of laws and exams
    "Его обвинили по статье 105 [[УК|ORGANIZATION]] РФ.",
    "Результаты [[ЕГЭ|ORGANIZATION]] объявят в июле.",
])
def test_not_organisations(nlp, marked):
    assert_absent(nlp, marked)


@pytest.mark.parametrize("marked", [
    # titles stay outside a person's span, initials inside
    "Выступил господин [[Петров|PERSON]].",
    "Генерал [[Сергей Кузнецов|PERSON]] прибыл в штаб.",
    "Подписал приказ [[В. В. Смирнов|PERSON]].",
    # a name in brackets is a name of its own
    "Выступил [[Джон Смит|PERSON]] ([[John Smith|PERSON]]).",
    # the person a place is named after
    "Он окончил университет имени [[М. В. Ломоносова|PERSON]].",
    "Концерт прошел в театре им. [[А. П. Чехова|PERSON]].",
    # adjectives made from names
    "Она стала лауреатом [[Нобелевской|PERSON]] премии.",
    # a surname named in full recurs in any case
    "Премьером стал [[Иржи Новак|PERSON]]. Правительство [[Новака|PERSON]] ушло в отставку.",
    # a headline glued to the next line is split there
    "[[Иван Сидоров|PERSON]]\nОткрытие выставки перенесли.",
])
def test_people(nlp, marked):
    assert_spans(nlp, marked)


def test_line_breaks_split_spans(nlp):
    text = "Иван Сидоров\nОткрытие выставки перенесли."
    assert all("\n" not in e.text for e in entities(nlp, text))


@pytest.mark.parametrize("text, span, value", [
    # places: nominative name, ISO code, GeoNames id; an adjective names its place
    ("В Нижнем Новгороде открылся форум.", "Нижнем Новгороде",
     {"name": "Нижний Новгород", "country": "RU", "geonameid": 520555}),
    ("Делегация из Самары вернулась.", "Самары", {"name": "Самара", "country": "RU", "geonameid": 499099}),
    ("Гости из Великобритании приехали.", "Великобритании", {"name": "Великобритания", "country": "GB"}),
    ("Спектакль московского театра показали.", "московского",
     {"name": "Москва", "country": "RU", "geonameid": 524901, "adjective": True}),
    ("Российская делегация прибыла.", "Российская", {"name": "Россия", "country": "RU", "adjective": True}),
    ("Выставка открылась в британской столице.", "британской столице",
     {"name": "Лондон", "country": "GB", "geonameid": 2643743}),
    # people and organisations in the nominative, adjectives agreeing with their noun
    ("Выступил Барак Обама.", "Барак Обама", {"name": "Барак Обама"}),
    ("Письмо передали Анне Ахматовой.", "Анне Ахматовой", {"name": "Анна Ахматова"}),
    ("Гость Ассоциации экспортеров Сибири выступил.", "Ассоциации экспортеров Сибири",
     {"name": "Ассоциация экспортеров Сибири"}),
    ("Директор Сибирского отделения РАН выступил.", "Сибирского отделения РАН",
     {"name": "Сибирское отделение РАН"}),
    ("Студенты Высшей школы экономики победили.", "Высшей школы экономики",
     {"name": "Высшая школа экономики"}),
    ("Депутаты от «Единой России» проголосовали.", "Единой России", {"name": "Единая Россия"}),
    ("При поддержке фонда «Молодежные инициативы» прошел форум.", "Молодежные инициативы",
     {"name": "Молодежные инициативы"}),
])
def test_values(nlp, text, span, value):
    got = {e.text: e.value for e in entities(nlp, text)}
    assert span in got, got
    assert {k: got[span].get(k) for k in value} == value


@pytest.mark.parametrize("text, linked, canonical", [
    # a name and its translation or acronym in brackets
    ("Встречу организовал Британский совет (British Council).", ["Британский совет", "British Council"],
     "Британский совет"),
    ("Доклад представила Ассоциация инновационных регионов Сибири (АИРС). Позже АИРС провела сессию.",
     ["Ассоциация инновационных регионов Сибири", "АИРС"], "Ассоциация инновационных регионов Сибири"),
    # an acronym and the name whose initials it spells, wherever they stand
    ("Генсек Организации Объединенных Наций выступил. В ООН это не комментируют.",
     ["Организации Объединенных Наций", "ООН"], "Организация Объединенных Наций"),
    ("Выступил Джон Смит (John Smith).", ["Джон Смит", "John Smith"], "Джон Смит"),
])
def test_names_and_acronyms_are_linked(nlp, text, linked, canonical):
    ents = [e for e in entities(nlp, text, "ORGANIZATION", "PERSON") if e.text in linked]
    assert {e.text for e in ents} == set(linked)
    assert {(e.value or {}).get("canonical") for e in ents} == {canonical}


def test_unlinked_names_carry_no_canonical(nlp):
    ents = entities(nlp, "Форум поддержал Газпром, а также Сбербанк.", "ORGANIZATION")
    assert ents and all("canonical" not in (e.value or {}) for e in ents)


def test_every_offset_slices_the_text(nlp):
    text = ("В\u00a0Ташкенте с\u00a011 по 15\u00a0марта 2024\u00a0года про\u00adшла встреча, "
            "более 40 спе\u00adциалистов.\r\nОрганизатор — The British Council.")
    for e in entities(nlp, text):
        assert text[e.start:e.end] == e.text
    types = {e.type for e in entities(nlp, text)}
    assert {"CITY", "DATE", "COUNT", "ORGANIZATION"} <= types


def test_a_quoted_hall_is_a_facility_not_an_organisation(nlp):
    text = "Выставка откроется в выставочном зале «Манеж на Неве» 20 мая 2025 года."
    got = [(e.type, e.text) for e in entities(nlp, text, "FACILITY", "ORGANIZATION")]
    assert got == [("FACILITY", "Манеж на Неве")]


@pytest.mark.parametrize("marked", [
    # a capitalised date word the NER reads as a name stays a date only
    "[[Вчера|ORGANIZATION]] Иван Петров провел встречу с министром.",
    "[[Вчера|PERSON]] Иван Петров провел встречу с министром.",
])
def test_date_words_are_no_names(nlp, marked):
    assert_absent(nlp, marked)


def test_a_date_word_before_a_name_is_a_date(nlp):
    got = [(e.text, e.type) for e in entities(nlp, "Вчера Иван Петров провел встречу с министром.")]
    assert ("Вчера", "DATE") in got and ("Иван Петров", "PERSON") in got
