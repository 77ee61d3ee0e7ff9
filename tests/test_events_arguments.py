"""Events, second round: durations, places by type and by adjective, more event words,
role nouns as participants, named sites as places. Texts written for the tests."""

import pytest


def events(nlp, text):
    return [e.to_dict() for e in nlp(text).events]


def one(nlp, text):
    (ev,) = events(nlp, text)
    return ev


@pytest.mark.parametrize("text, dates", [
    ("Суд приговорил Ивана Петрова к четырем годам колонии.", []),        # a term, not when
    ("Иван Петров был арестован на 10 суток 3 мая.", ["3 мая"]),
    ("В течение пяти лет Иван Петров возглавлял завод, а 3 мая 2020 года был уволен.", ["3 мая 2020 года"]),
])
def test_a_duration_is_not_a_date(nlp, text, dates):
    assert [d["text"] for d in one(nlp, text)["dates"]] == dates


@pytest.mark.parametrize("text, places", [
    # regions and districts are places as cities are
    ("В штате Колорадо произошла стрельба.", [("Колорадо", "REGION")]),
    ("Грабитель задержан в центре Казани.", [("Казань", "CITY")]),
    # a place adjective inside the event's own phrase
    ("Каннский кинофестиваль открылся в среду.", [("Канны", "CITY")]),
    ("Бостонский марафон пройдет 15 апреля.", [("Бостон", "CITY")]),
    # a site with a name is a place; a bare one says too little
    ("Пожар произошел в аэропорту Шереметьево.", [("аэропорту Шереметьево", "VENUE")]),
    ("Иван Петров скончался в больнице имени Пирогова.", [("больнице имени Пирогова", "VENUE")]),
    ("Взрыв прогремел у здания посольства Франции.", [("здания посольства Франции", "VENUE")]),
    ("Вчера в больнице скончался актер Иван Петров.", []),
])
def test_places(nlp, text, places):
    assert [(p["name"], p["type"]) for p in one(nlp, text)["places"]] == places


@pytest.mark.parametrize("text, title, kind", [
    ("Президент Франции посетил Минск.", "посетил", "визит"),
    ("Министр встретился с послом Японии.", "встретился", "встреча"),
    ("Бывший мэр бежал из страны.", "бежал", "бегство"),
    ("Актер Иван Петров ушел из жизни 3 мая.", "ушел", "смерть"),       # not a resignation
    ("Министр ушел в отставку.", "ушел в отставку", "отставка"),
    ("Губернатор поздравил учителей.", "поздравил", "поздравление"),
    ("В Москве прошел круглый стол о будущем городов.", "круглый стол", "круглый стол"),
])
def test_more_event_words(nlp, text, title, kind):
    ev = one(nlp, text)
    assert (ev["title"], ev["kind"]) == (title, kind)


@pytest.mark.parametrize("text, participants", [
    ("Вчера в Твери погиб охранник.", [("охранник", "ROLE")]),
    ("Полицейские задержали грабителя.", [("Полицейские", "ROLE"), ("грабителя", "ROLE")]),
    ("Министр иностранных дел встретился с послом Японии.",
     [("Министр иностранных дел", "ROLE"), ("послом Японии", "ROLE")]),
    # a role beside a name is who the person is: the person takes part
    ("Президент Чили Мануэль Рохас прибыл в Лиму.", [("Мануэль Рохас", "PERSON")]),
    ("Барак Обама, президент США, прибыл в Берлин.", [("Барак Обама", "PERSON")]),
    # an office one is given or holds is no participant
    ("Иван Петров назначен министром культуры.", [("Иван Петров", "PERSON")]),
])
def test_role_nouns_are_participants(nlp, text, participants):
    assert [(p["text"], p["type"]) for p in one(nlp, text)["participants"]] == participants


def test_roles_and_sites_are_not_document_entities(nlp):
    doc = nlp("Полицейские задержали грабителя на Театральной площади.")
    assert {e.type for e in doc.entities} <= {"PERSON", "ORGANIZATION", "CITY", "COUNTRY", "DATE",
                                               "COUNT", "LOCATION", "REGION", "DISTRICT", "FACILITY"}
    (ev,) = doc.events
    for arg in ev.participants + ev.places:
        assert doc.text[arg.start:arg.end] == arg.text


@pytest.mark.parametrize("text, places", [
    # adjectives, a part of land or a site between "в" and the place
    ("Турнир пройдет в корейском Пхёнчхане.", ["Пхёнчхане"]),
    ("Авария произошла в небольшой провинции Феррара.", ["Феррара"]),
    ("Иван Петров скончался в одной из клиник Германии.", ["Германии"]),
    ("Иван Петров родился в местечке Вишнево.", ["Вишнево"]),
    # the place agrees with "в"; an instrumental is who did it
    ("Фестиваль прошел в оккупированном Германией Париже.", ["Париже"]),
    # a named district or street: the city in the genitive only says where it lies
    ("Взрыв прогремел в Тимирязевском районе Москвы.", ["Тимирязевском районе"]),
    ("Взрыв прогремел на Ярославской улице Москвы.", ["Ярославской улице"]),
    # the site's own name is no place of its own
    ("Пожар произошел в аэропорту Шереметьево.", ["аэропорту Шереметьево"]),
    # two places joined by "и" after "в"; not the second side of a conflict (the first is
    # the conflict's own genitive)
    ("Забастовки прошли в Польше и Венгрии.", ["Польше", "Венгрии"]),
    ("Начался вооруженный конфликт Перу и Эквадора.", ["Перу"]),
    # news names the city alone; the country in brackets only says where the city is
    ("Иван Петров умер в Копенгагене (Дания).", ["Копенгагене"]),
])
def test_places_after_locative_phrases(nlp, text, places):
    assert [p["text"] for p in events(nlp, text)[0]["places"]] == places


@pytest.mark.parametrize("text, places", [
    # where a journey leaves from, or the place a visit goes to, is where it happens
    ("Бывший мэр Иван Петров бежал из России.", ["России"]),
    ("Президент Франции посетил Польшу.", ["Польшу"]),
    # where the visitor comes from is not the visit's place
    ("Министр Иван Петров прибыл в Казань из Москвы.", ["Казань"]),
])
def test_the_places_of_journeys(nlp, text, places):
    assert [p["text"] for p in events(nlp, text)[0]["places"]] == places


@pytest.mark.parametrize("text, dates", [
    # a time of day is when the event happened
    ("Взрыв прогремел в Самаре в 3 часа ночи.", [("в 3 часа ночи", "03:00")]),
    ("Землетрясение произошло около 16:24 по местному времени.", [("около 16:24 по местному времени", "16:24")]),
    ("Пожар вспыхнул около пяти часов вечера.", [("около пяти часов вечера", "пяти часов вечера")]),
    ("Вчера вечером в Омске задержан Иван Петров.", [("Вчера вечером", "вчера вечером")]),
    # a time that touches a date is one span with it, and keeps the date's value
    ("В пятницу утром в Казани открылся форум.", [("В пятницу утром", "утром")]),
    ("Взрыв прогремел 3 мая 2021 года в 10:30.", [("3 мая 2021 года в 10:30", "10:30")]),
    ("Прощание пройдет 19.10.21 в Омске.", [("19.10.21", None)]),
    # numbers that are no time of day
    ("Матч завершился со счетом 2:1.", []),
    ("Суд приговорил Ивана Петрова к двум годам колонии.", []),
])
def test_times_of_day(nlp, text, dates):
    assert [(d["text"], d["value"]["time"]) if "time" in d["value"] else (d["text"], None)
            for d in one(nlp, text)["dates"]] == dates


def test_a_time_keeps_its_date_and_is_no_document_entity(nlp):
    doc = nlp("Взрыв прогремел 3 мая 2021 года в 10:30.")
    (date,) = doc.events[0].to_dict()["dates"]
    assert (date["value"]["start"], date["value"]["time"]) == ("2021-05-03", "10:30")
    assert {e.type for e in doc.entities} & {"TIME"} == set()


@pytest.mark.parametrize("text, participants", [
    # the office at stake in an election is no participant
    ("На выборах президента победил Иван Петров.", [("Иван Петров", "PERSON")]),
    ("Олег Сидоров проиграл на выборах нового мэра.", [("Олег Сидоров", "PERSON")]),
    # an office given before its verb: NEREL counts it as taking part, and so do we
    ("Новым министром культуры назначен Иван Петров.", [("министром культуры", "ROLE"), ("Иван Петров", "PERSON")]),
    # a role after a name and its adjectives stands for the person
    ("Вчера скончался Михаил Иванов, бывший министр печати.", [("Михаил Иванов", "PERSON")]),
    # a role continued by "и" or "от" before the name
    ("Вчера скончался актер театра и кино Иван Петров.", [("Иван Петров", "PERSON")]),
    ("В Омске погиб депутат от партии «Зеленые» Анна Петрова.", [("Анна Петрова", "PERSON")]),
    # a bare role still takes part
    ("Вчера в Омске погиб депутат.", [("депутат", "ROLE")]),
])
def test_offices_and_roles_beside_names(nlp, text, participants):
    got = [(p["text"], p.get("type")) for e in events(nlp, text) for p in e["participants"]]
    assert got == participants


@pytest.mark.parametrize("text, kind, participants", [
    # "который" stands for the name the relative clause hangs on
    ("Полиция нашла тело Ивана Петрова, который был убит в перестрелке.", "убийство", ["Ивана Петрова"]),
    ("Суд оправдал Олега Сидорова, которого арестовали в мае.", "арест", ["Олега Сидорова"]),
])
def test_who_a_relative_clause_is_about(nlp, text, kind, participants):
    (ev,) = [e for e in events(nlp, text) if e["kind"] == kind]
    assert [p["text"] for p in ev["participants"]] == participants


@pytest.mark.parametrize("text, places", [
    # a place adjective before a named place only says where that place lies
    ("Концерт пройдет 14 октября в бразильском Сан-Паулу.", ["Сан-Паулу"]),
    ("Иван Петров ограбил банк в голландском городе Утрехт.", ["Утрехт"]),
    # with no named place after it, the adjective is the site's city (round 7: one place)
    ("Взрыв прогремел в нью-йоркском метро.", ["нью-йоркском метро"]),
])
def test_a_place_adjective_before_a_named_place(nlp, text, places):
    assert [p["text"] for e in events(nlp, text) for p in e["places"]] == places


@pytest.mark.parametrize("text, participants", [
    # a country's team takes part
    ("Финальный матч сборная Бразилии сыграет с Японией 8 июля.", ["Бразилии", "Японией"]),
    # the sides of a contest after "с", "против", "между"
    ("Конфликт между Эквадором и Перу продолжался три года.", ["Эквадором", "Перу"]),
    # a country after "с" is no side of what is no contest
    ("Иван Петров вернулся с Кипра и был арестован 3 мая.", ["Иван Петров"]),
])
def test_countries_as_sides(nlp, text, participants):
    assert [p["text"] for e in events(nlp, text) for p in e["participants"]] == participants


@pytest.mark.parametrize("text, participants", [
    # an organisation no event word governs does not take part in the nearest event
    ("Компания «Вектор» потеряла миллиард после ареста Ивана Петрова.", ["Ивана Петрова"]),
    ("Вечером «Вектор», крупнейший завод города, остановил работу, а в Омске задержан Иван Петров.",
     ["Иван Петров"]),
    # a person still does: news tells one happening a sentence
    ("Иван Петров, по данным полиции, погиб в Омске.", ["Иван Петров"]),
    # and an organisation the event governs takes part
    ("Полиция задержала Ивана Петрова.", ["Полиция", "Ивана Петрова"]),
])
def test_organisations_no_event_governs(nlp, text, participants):
    assert [p["text"] for e in events(nlp, text) for p in e["participants"]] == participants


@pytest.mark.parametrize("text, participants", [
    # the body of the office given or left takes part
    ("Иван Петров назначен главой Федерального агентства связи.",
     ["Иван Петров", "Федерального агентства связи"]),
    ("Иван Петров ушел с поста генерального директора «Вектора».", ["Иван Петров", "Вектора"]),
    # the body in someone's title does not: it only says who they are
    ("Старший советник «Вектора» Иван Петров назначен министром культуры.", ["Иван Петров"]),
])
def test_the_body_of_an_office_at_stake(nlp, text, participants):
    got = [p["text"] for ev in events(nlp, text) for p in ev["participants"]]
    assert got == participants


@pytest.mark.parametrize("text, places", [
    # a place no event word governs goes to the nearest event of its own clause only
    ("Вчера скончался актер Иван Петров, который много лет жил в Казани.", []),
    ("Вчера скончался актер Иван Петров, а в Казани открыли памятник ему.", []),
    ("Вчера в Казани, по данным полиции, задержан Иван Петров.", ["Казань"]),
])
def test_a_place_nobody_governs_stays_in_its_clause(nlp, text, places):
    assert [p["name"] for p in events(nlp, text)[0]["places"]] == places


@pytest.mark.parametrize("text, dates", [
    # a date with no preposition right after an event noun is that event's
    ("Генерал погиб в ходе военного переворота 14 августа 1975 года.",
     {"военного переворота": ["14 августа 1975 года"], "погиб": []}),
    ("Путин в телефонном разговоре 20 апреля поздравил Иванова.",
     {"телефонном разговоре": ["20 апреля"], "поздравил": []}),
    # a date with its preposition is read off the tree as before
    ("Иванов был арестован в мае после революции 1917 года.",
     {"арестован": ["в мае"], "революции": ["1917 года"]}),
])
def test_a_date_right_after_an_event_noun(nlp, text, dates):
    assert {ev["title"]: [d["text"] for d in ev["dates"]] for ev in events(nlp, text)} == dates


@pytest.mark.parametrize("text, dates", [
    # the event a verb happened in shares the verb's date
    ("Иван Петров погиб в автокатастрофе в понедельник, 14 октября.",
     {"погиб": ["в понедельник, 14 октября"], "автокатастрофе": ["в понедельник, 14 октября"]}),
    # ... and the event after "в результате", "в ходе", "во время"
    ("Полицейский погиб в среду в результате взрыва.", {"погиб": ["в среду"], "взрыва": ["в среду"]}),
    # not an event before or after it
    ("Иван Петров скончался 3 мая после тяжелой операции.",
     {"скончался": ["3 мая"], "тяжелой операции": []}),
])
def test_the_setting_of_an_event_verb_shares_its_date(nlp, text, dates):
    assert {ev["title"]: [d["text"] for d in ev["dates"]] for ev in events(nlp, text)} == dates


@pytest.mark.parametrize("text, dates", [
    # in news a bracket after a name or a time says what that is, not when the event was
    ("Вчера в Москве скончался режиссер Иван Петров, автор фильма «Дорога» (1999).", ["Вчера"]),
    ("Ограбление было совершено около 14:10 (15:10 мск) на окраине Минска.", ["около 14:10"]),
    # a bracket right after the event dates it
    ("Иван Петров стал вторым на чемпионате мира (2015) в Пекине.", ["2015"]),
])
def test_a_bracketed_date_is_an_aside(nlp, text, dates):
    assert [d["text"] for d in events(nlp, text)[0]["dates"]] == dates


@pytest.mark.parametrize("text, participants", [
    # in news a name in brackets is another name of someone already there
    ("Вчера в Лондоне арестован Иван Петров (настоящее имя Петр Сидоров).", ["Иван Петров"]),
    ("Вчера в Лондоне задержаны Иван Петров и Петр Сидоров.", ["Иван Петров", "Петр Сидоров"]),
])
def test_a_bracketed_name_is_an_aside(nlp, text, participants):
    assert [p["text"] for p in events(nlp, text)[0]["participants"]] == participants


@pytest.mark.parametrize("text, dates", [
    # a photo caption under the headline dates the photo, not the headline's event
    ("Умер актер Иван Петров\nИван Петров, 2010 год\nАктер Иван Петров скончался 3 мая в Москве.",
     {"Умер": [], "скончался": ["3 мая"]}),
    ("Умер актер Иван Петров\nАктер Иван Петров скончался 3 мая в Москве.",
     {"Умер": [], "скончался": ["3 мая"]}),
])
def test_a_date_stays_on_its_line(nlp, text, dates):
    assert {ev["title"]: [d["text"] for d in ev["dates"]] for ev in events(nlp, text)} == dates


@pytest.mark.parametrize("text, places", [
    # ... and so does a place: the caption says where the photo was taken
    ("Умер актер Иван Петров\nИван Петров в Париже\nАктер Иван Петров скончался 3 мая.",
     {"Умер": [], "скончался": []}),
    ("Умер актер Иван Петров в Париже\nАктер Иван Петров скончался 3 мая.", {"Умер": ["Париже"], "скончался": []}),
])
def test_a_place_stays_on_its_line(nlp, text, places):
    assert {ev["title"]: [p["text"] for p in ev["places"]] for ev in events(nlp, text)} == places


@pytest.mark.parametrize("text, dates", [
    # a year with no preposition tells which prize, girl or law it is
    ("В Лионе скончался лауреат Букеровской премии 2005 года Иван Петров.", {"скончался": []}),
    ("Парламент принял закон о возвращении конституции 1996 года.", {"принял": []}),
    # after the event's own noun it is the event's year
    ("Иванов стал вторым на чемпионате мира 2003 года.", {"чемпионате мира": ["2003 года"]}),
])
def test_a_year_of_another_noun_is_no_time(nlp, text, dates):
    assert {ev["title"]: [d["text"] for d in ev["dates"]] for ev in events(nlp, text)} == dates


@pytest.mark.parametrize("text, dates", [
    # news tells an event at one time: a later date in the sentence is another happening's
    ("Иван Петров родился 12 ноября 1938 года в Казани, в 1960 году окончил консерваторию.",
     {"родился": ["12 ноября 1938 года"]}),
    # ... which takes it when it is an event too
    ("Иванов был избран мэром в 2011 году, а в 2018 году ушел в отставку.",
     {"избран": ["в 2011 году"], "ушел в отставку": ["в 2018 году"]}),
    # the parts of one time stay together
    ("Взрыв прогремел в Москве накануне вечером, в 20:34.", {"Взрыв": ["накануне вечером", "в 20:34"]}),
])
def test_one_time_for_an_event(nlp, text, dates):
    assert {ev["title"]: [d["text"] for d in ev["dates"]] for ev in events(nlp, text)} == dates


@pytest.mark.parametrize("text, dates", [
    # the year joined to a contest's name by a hyphen is when it took place
    ("Петрова завоевала бронзу на Олимпиаде-2008 в Пекине.", {"Олимпиаде-2008": ["2008"]}),
    ("Олимпийская чемпионка Сочи-2014 Анна Иванова завершила карьеру.", {"Сочи-2014": ["2014"]}),
])
def test_the_year_of_an_edition(nlp, text, dates):
    assert {ev["title"]: [d["text"] for d in ev["dates"]] for ev in events(nlp, text)} == dates


@pytest.mark.parametrize("text, participants", [
    # a role noun in a contest's name is no one taking part
    # (the club that reaches the final takes part in it: round 7)
    ("Клуб «Спартак» вышел в финал Лиги чемпионов.", {"финал Лиги чемпионов": ["Спартак"], "Лиги чемпионов": []}),
    ("Игроки «Спартака» выиграли Кубок чемпионов в Мадриде.", {"Кубок чемпионов": []}),
    # a role noun after a common event noun still is
    ("Вчера в Москве произошло убийство полицейского.", {"убийство полицейского": ["полицейского"]}),
])
def test_a_role_in_a_contest_name(nlp, text, participants):
    assert {ev["title"]: [p["text"] for p in ev["participants"]] for ev in events(nlp, text)} == participants


@pytest.mark.parametrize("text, dates", [
    # "с 1999 года" no event word governs says since when a state holds
    ("Президент Иванов, который находится у власти с 1999 года, ушел в отставку.", {"ушел в отставку": []}),
    # a night "с 18 на 19 апреля" is a time
    ("Стрельба произошла в ночь с 18 на 19 апреля в Казани.", {"Стрельба": ["с 18 на 19 апреля"]}),
])
def test_since_when_is_no_time_by_nearness(nlp, text, dates):
    assert {ev["title"]: [d["text"] for d in ev["dates"]] for ev in events(nlp, text)} == dates


@pytest.mark.parametrize("text, dates", [
    # "сегодня" with an event is the day of the text
    ("Бывший президент Иван Петров скончался сегодня в возрасте 93 лет.", {"скончался": ["сегодня"]}),
    # not inside a quoted speech
    ("«Сегодня мы рады», — сказал Петров на открытии выставки.", {"открытии выставки": [], "выставки": []}),
])
def test_today(nlp, text, dates):
    assert {ev["title"]: [d["text"] for d in ev["dates"]] for ev in events(nlp, text)} == dates


def test_today_is_left_unresolved(nlp):
    (date,) = one(nlp, "Бывший президент Иван Петров скончался сегодня в возрасте 93 лет.")["dates"]
    assert date["value"] == {"start": None, "end": None, "relative": "сегодня", "resolved": False}


@pytest.mark.parametrize("text, places", [
    # a region right after a smaller place says where that one lies
    ("Иван Петров родился 3 января 1955 года в селе Ивановка Киевской области.", ["Ивановка"]),
    ("В штате Колорадо произошла стрельба.", ["Колорадо"]),
])
def test_the_region_a_place_lies_in(nlp, text, places):
    assert [p["text"] for p in events(nlp, text)[0]["places"]] == places


@pytest.mark.parametrize("text, dates", [
    # an adjective of a day or a month dates the event noun it qualifies
    ("На сегодняшнем заседании Госдумы депутаты приняли закон.",
     {"сегодняшнем заседании Госдумы": ["сегодняшнем"], "приняли": []}),
    ("После Октябрьской революции семья эмигрировала.", {"Октябрьской революции": ["Октябрьской"], "эмигрировала": []}),
    # a place named after a month is no time
    ("Пожар произошел в Октябрьском районе Москвы.", {"Пожар": []}),
])
def test_an_adjective_of_a_day_or_month(nlp, text, dates):
    assert {ev["title"]: [d["text"] for d in ev["dates"]] for ev in events(nlp, text)} == dates
