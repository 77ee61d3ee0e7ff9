"""Events: records from texts written for the tests, field by field."""

import pytest


def events(nlp, text):
    return [e.to_dict() for e in nlp(text).events]


def names(args):
    return [a["name"] for a in args]


def texts(args):
    return [a["text"] for a in args]


ORGANISED = ", организованный Ассоциацией молодежных советов"


@pytest.mark.parametrize("text, status", [
    ("В Казани завершился форум «Горизонты».", "completed"),
    ("В Казани прошел форум «Горизонты».", "completed"),
    ("В Казани пройдет форум «Горизонты».", "planned"),
    ("В Казани состоится форум «Горизонты».", "planned"),
    ("Форум «Горизонты» будет проведен в Казани.", "planned"),
    ("В Казани проходит форум «Горизонты».", "ongoing"),
    ("В Казани открылась выставка «Линия».", "ongoing"),
    ("Форум «Горизонты» отменен.", "cancelled"),
    ("Форум «Горизонты» перенесен на осень.", "postponed"),
    ("Вчера в Москве скончался актер Иван Петров.", "completed"),
    ("Иван Петров будет назначен министром культуры.", "planned"),
    ("Губернатор назначит нового министра в понедельник.", "planned"),
    ("Иван Петров арестован.", "completed"),
])
def test_status_from_verbs(nlp, text, status):
    (ev,) = events(nlp, text)
    assert ev["status"] == status
    s, e = ev["evidence"]["status"]
    assert text[s:e].split()[-1] in text  # the word the status came from


@pytest.mark.parametrize("text, title, edition, kind", [
    ("В Москве открылся XV Международный форум «Армия-2024».",
     "XV Международный форум «Армия-2024»", 15, "форум"),
    ("В Ташкенте завершилась 5-я нетворкинг встреча Creative Central Asia.",
     "5-я нетворкинг встреча Creative Central Asia", 5, "встреча"),
    ("Пятый фестиваль «Джаз над Волгой» прошел в Самаре.",
     "Пятый фестиваль «Джаз над Волгой»", 5, "фестиваль"),
    ("В Казани завершился III Всероссийский молодежный форум «Горизонты».",
     "III Всероссийский молодежный форум «Горизонты»", 3, "форум"),
    ("В Омске прошел 12-й турнир по шахматам «Белая ладья».",
     "12-й турнир по шахматам «Белая ладья»", 12, "турнир"),
    ("В Берлине открылась выставка «Графика XX века».", "выставка «Графика XX века»", None, "выставка"),
    ("Вчера в Москве скончался актер Иван Петров.", "скончался", None, "смерть"),
    ("Министр культуры подал в отставку.", "подал в отставку", None, "отставка"),
    ("Иван Петров назначен министром культуры.", "назначен", None, "назначение"),
])
def test_title_edition_and_kind(nlp, text, title, edition, kind):
    (ev,) = events(nlp, text)
    assert (ev["title"], ev["edition"], ev["kind"], ev["main"]) == (title, edition, kind, True)
    s, e = ev["evidence"]["title"]
    assert text[s:e] == title
    if edition is not None:
        s, e = ev["evidence"]["edition"]
        assert text[s:e] in title.split()


@pytest.mark.parametrize("text, organisers, partners", [
    ("В Казани прошел форум «Горизонты»" + ORGANISED + " при поддержке фонда «Молодежные инициативы».",
     ["Ассоциация молодежных советов"], ["Молодежные инициативы"]),
    ("В Самаре прошел фестиваль «Волна». Организатором фестиваля выступил Союз композиторов России, "
     "спонсором стала компания «Звук».",
     ["Союз композиторов России"], ["Звук"]),
    ("Фестиваль «Волна» проводится Министерством культуры совместно с Союзом композиторов России "
     "при содействии компании «Звук».",
     ["Министерство культуры", "Союз композиторов России"], ["Звук"]),
    ("Выставка «Линия» подготовлена Русским музеем при поддержке банка «Восход».",
     ["Русский музей"], ["Восход"]),
])
def test_organisers_apart_from_partners(nlp, text, organisers, partners):
    (ev,) = events(nlp, text)
    assert names(ev["organisers"]) == organisers
    assert names(o for o in ev["organisations"] if o.get("role") == "partner") == partners
    assert not set(partners) & set(names(ev["participants"]))


def test_organisers_partners_and_counted_participants(nlp):
    text = ("В Казани завершился форум «Горизонты»" + ORGANISED + " при поддержке фонда «Молодежные "
            "инициативы». В нем приняли участие более 40 специалистов, включая трех делегатов от CIAQ.")
    (ev,) = events(nlp, text)
    assert names(ev["organisers"]) == ["Ассоциация молодежных советов"]
    assert [(p["count"], p["qualifier"], p["noun"], p["affiliation"]) for p in ev["participants"]] == [
        (40, "more_than", "специалист", None), (3, "exact", "делегат", "CIAQ")]


@pytest.mark.parametrize("text, records", [
    # two happenings, each with its own date, place and person
    ("12 марта в Москве задержан Иван Петров, а 15 марта в Киеве арестован Петр Иванов.",
     [("задержан", ["12 марта"], ["Москва"], ["Иван Петров"]),
      ("арестован", ["15 марта"], ["Киев"], ["Пётр Иванов"])]),
    # a release with the next edition elsewhere
    ("В Алматы завершился турнир «Кубок Алатау», организованный федерацией дзюдо. "
     "Следующий турнир пройдет в Ташкенте в 2025 году.",
     [("турнир «Кубок Алатау»", [], ["Алматы"], []),
      ("Следующий турнир", ["в 2025 году"], ["Ташкент"], [])]),
    # the date of the saying is not the date of what is said
    ("В понедельник мэр Москвы Сергей Собянин сообщил, что 20 мая в Москве пройдет марафон.",
     [("марафон", ["20 мая"], ["Москва"], [])]),
])
def test_dates_and_places_go_to_their_own_event(nlp, text, records):
    got = events(nlp, text)
    assert [(e["title"], texts(e["dates"]), names(e["places"]),
             [p["name"] for p in e["participants"] if "name" in p]) for e in got] == records


def test_contradictions_become_warnings(nlp):
    text = ("С 11 по 15 марта 2024 года в Ташкенте прошла встреча «Креатив». "
            "За три дня работы встречи участники обсудили многое. "
            "В пятницу, 12 апреля 2024 года, подвели итоги встречи.")
    first, *repeats = events(nlp, text)      # news: a record per mention, the first answers
    assert "stated duration 3 days disagrees with the date range (5 days)" in first["warnings"]
    assert [r["same_as"] for r in repeats] == [first["event_id"]] * 2


@pytest.mark.parametrize("text, warnings", [
    ("Форум «Горизонты»" + ORGANISED + ", откроется во вторник, 12 марта 2025 года, в Казани.",
     ["weekday вторник does not match 2025-03-12 (среда)"]),
    ("Форум «Горизонты»" + ORGANISED + ", откроется в среду, 12 марта 2025 года, в Казани.", []),
    ("В Омске прошел турнир «Белая ладья»" + ORGANISED + ". В турнире приняли участие 120 шахматистов. "
     "Всего за доски сели 150 шахматистов.",
     ['two different counts for шахматист: "120 шахматистов" and "150 шахматистов"']),
    ("В Омске прошел турнир «Белая ладья»" + ORGANISED + ". В турнире приняли участие более 100 "
     "шахматистов. Всего за доски сели 150 шахматистов.", []),
    ("С 3 по 5 июня 2025 года в Омске прошел трехдневный турнир «Белая ладья»" + ORGANISED + ".", []),
    ("С 3 по 6 июня 2025 года в Омске прошел трехдневный турнир «Белая ладья»" + ORGANISED + ".",
     ["stated duration 3 days disagrees with the date range (4 days)"]),
])
def test_warnings(nlp, text, warnings):
    (ev,) = events(nlp, text)
    assert ev["warnings"] == warnings


@pytest.mark.parametrize("text, start, dates", [
    ("Москва, 5 марта 2025 г. — В Казани 12 апреля 2025 года пройдет форум «Горизонты»" + ORGANISED + ".",
     "2025-04-12", ["12 апреля 2025 года"]),
    ("15.03.2025\nВ Казани прошел форум «Горизонты»" + ORGANISED + ".", None, []),
])
def test_the_dateline_is_not_the_event_date(nlp, text, start, dates):
    (ev,) = events(nlp, text)
    assert ev["start_date"] == start
    assert texts(ev["dates"]) == dates


def test_repeated_paragraphs_count_once(nlp):
    text = ("В Казани прошел форум «Горизонты»" + ORGANISED + ".\n\n"
            "В форуме приняли участие 300 студентов.\n\n"
            "В форуме приняли участие 300 студентов.")
    (ev,) = events(nlp, text)
    assert [p["count"] for p in ev["participants"]] == [300]
    assert ev["warnings"] == []


def test_a_release_merges_its_mentions(nlp):
    text = ("В Казани завершился форум «Горизонты»" + ORGANISED + ". Форум собрал более 1200 "
            "участников. На форуме выступили министры.")
    (ev,) = events(nlp, text)
    assert [m["text"] for m in ev["mentions"]] == ["форум «Горизонты»", "Форум", "форуме"]
    assert ev["same_as"] is None


@pytest.mark.parametrize("text, records", [
    # news: every mention is a record with what is said with it; a repeat points to the first
    ("В Казани завершился форум «Горизонты». Форум собрал более 1200 участников. "
     "На форуме выступили министры.",
     [("форум «Горизонты»", None, ["Казань"]), ("форум «Горизонты»", "#1", []),
      ("форум «Горизонты»", "#1", [])]),
    ("В Москве прошли выборы мэра. Выборы прошли спокойно.",
     [("выборы мэра", None, ["Москва"]), ("Выборы", "#1", [])]),
    # another date: another event, no pointer
    ("В 2018 году в России прошли выборы. На выборах в 2024 году победил Путин.",
     [("выборы", None, ["Россия"]), ("выборах", None, [])]),
    # a pronoun-like noun with nothing of its own only refers back: no record of its own
    ("Вчера в Москве задержан Иван Петров. Инцидент вызвал споры.",
     [("задержан", None, ["Москва"])]),
    ("Вчера в Москве взорвался автобус. Инцидент произошел на Тверской улице.",
     [("взорвался", None, ["Москва"]), ("Инцидент", "#1", ["Тверская улица"])]),
])
def test_news_repeats(nlp, text, records):
    got = [(e["title"], e["same_as"] and e["same_as"][-2:], names(e["places"])) for e in events(nlp, text)]
    assert got == records


def test_second_event_with_its_own_place_and_date(nlp):
    text = ("В Новосибирске прошел X форум «ТехноВектор». "
            "XI форум «ТехноВектор» состоится в Казани в 2026 году.")
    first, second = events(nlp, text)
    assert first["main"] and not second["main"]
    assert (first["edition"], second["edition"]) == (10, 11)
    assert second["status"] == "planned"
    assert [p["name"] for p in second["places"]] == ["Казань"]
    assert second["start_date"] == "2026"
    assert [p["name"] for p in first["places"]] == ["Новосибирск"]


@pytest.mark.parametrize("text, titles", [
    # a release: what its participants do belongs to its event
    ("В Минске прошел форум «Горизонты»" + ORGANISED + ". По итогам форума подписаны три соглашения.",
     ["форум «Горизонты»"]),
    # news: a signing is an event of its own
    ("В Минске президенты двух стран подписали соглашение о сотрудничестве.", ["подписали"]),
    ("Вчера в Москве скончался актер Иван Петров. Прощание с актером пройдет в пятницу.",
     ["скончался", "Прощание"]),
])
def test_which_mentions_are_records(nlp, text, titles):
    assert [e["title"] for e in events(nlp, text)] == titles


@pytest.mark.parametrize("text, participants", [
    ("По словам Ивана Сидорова, в Москве задержан Петр Петров.", [("Пётр Петров", "PERSON")]),
    ("Президент России Владимир Путин посетил саммит в Казани.", [("Владимир Путин", "PERSON")]),
    ("Вчера в Москве скончался лидер группы «Кино» Виктор Цой.", [("Виктор Цой", "PERSON")]),
])
def test_named_participants(nlp, text, participants):
    (ev,) = events(nlp, text)
    assert [(p["name"], p["type"]) for p in ev["participants"]] == participants


def test_a_venue_is_a_place(nlp):
    text = "Форум «Горизонты» прошел в Казани на площадке выставочного центра «Казань Экспо»."
    (ev,) = events(nlp, text)
    assert [(p["name"], p["type"]) for p in ev["places"]] == [("Казань", "CITY"), ("Казань Экспо", "VENUE")]


def test_every_argument_slices_the_text(nlp):
    text = ("В Казани завершился III форум «Горизонты», организованный Ассоциацией молодежных советов "
            "с 28 февраля по 2 марта 2025 года. Приняли участие более 40 специалистов.")
    doc = nlp(text)
    (ev,) = doc.events
    d = ev.to_dict()
    for field in ("dates", "places", "organisers", "organisations", "participants", "mentions"):
        for arg in d[field]:
            assert text[arg["start"]:arg["end"]] == arg["text"]
    assert text[d["trigger"]["start"]:d["trigger"]["end"]] == d["title"]
    for name, (s, e) in d["evidence"].items():
        assert 0 <= s < e <= len(text), name
    assert text.__getitem__(slice(*d["evidence"]["kind"])) == "форум"


def test_no_event_nouns_no_events(nlp):
    assert events(nlp, "Погода в Москве будет солнечной.") == []


@pytest.mark.parametrize("text, records", [
    # the head record of news is the mention that says when and where, not the headline
    ("Форум «Горизонты» завершился\n\nВ Казани 12 апреля 2025 года прошел форум «Горизонты».",
     [("Форум «Горизонты»", None, "2025-04-12", ["Казань"]), ("Форум «Горизонты»", "#1", None, [])]),
    # a tie goes to the first mention
    ("В Казани завершился форум «Горизонты». В Казани форум собрал 300 участников.",
     [("форум «Горизонты»", None, None, ["Казань"]), ("форум «Горизонты»", "#1", None, ["Казань"])]),
])
def test_the_head_record_says_most(nlp, text, records):
    got = [(e["title"], e["same_as"] and e["same_as"][-2:], e["start_date"], names(e["places"]))
           for e in events(nlp, text)]
    assert got == records
    assert got[0] and events(nlp, text)[0]["main"]


def arg(start, end, text, **attrs):
    return {"start": start, "end": end, "text": text, **attrs}


@pytest.mark.parametrize("records, folded", [
    # a repeat adds its own arguments and mentions to its head, and its date where the head has none
    ([{"event_id": "d#1", "same_as": None, "start_date": None, "end_date": None, "status": "completed",
       "edition": None, "dates": [], "places": [arg(0, 6, "Казани")], "participants": [],
       "mentions": [arg(20, 25, "форум")], "warnings": [], "evidence": {}},
      {"event_id": "d#2", "same_as": "d#1", "start_date": "2025-04-12", "end_date": "2025-04-12",
       "status": None, "edition": None, "dates": [arg(40, 48, "12 апреля")],
       "places": [arg(0, 6, "Казани")], "participants": [arg(60, 65, "Петров", name="Петров")],
       "mentions": [arg(30, 35, "Форум")], "warnings": [], "evidence": {"start_date": [40, 48]}}],
     [("d#1", "2025-04-12", ["12 апреля"], ["Казани"], ["Петров"], ["форум", "Форум"], [40, 48])]),
    # records of different events stay apart
    ([{"event_id": "d#1", "same_as": None, "start_date": None, "dates": [], "places": [],
       "participants": [], "mentions": [arg(0, 5, "форум")], "warnings": [], "evidence": {}},
      {"event_id": "d#2", "same_as": None, "start_date": "2025", "dates": [arg(9, 13, "2025")],
       "places": [], "participants": [], "mentions": [arg(20, 25, "выборы")], "warnings": [],
       "evidence": {"start_date": [9, 13]}}],
     [("d#1", None, [], [], [], ["форум"], None), ("d#2", "2025", ["2025"], [], [], ["выборы"], [9, 13])]),
])
def test_fold_repeats_gives_one_record_per_event(records, folded):
    from pipeline.events import fold_repeats

    got = fold_repeats(records)
    assert [(r["event_id"], r["start_date"], texts(r["dates"]), texts(r["places"]),
             texts(r["participants"]), texts(r["mentions"]), r["evidence"].get("start_date"))
            for r in got] == folded
    assert records[0]["evidence"] == {}  # the document's own records are left as they were


@pytest.mark.parametrize("text, places", [
    # a release: "Всероссийский" is the reach of the forum, Kazan is where it is
    ("В Казани прошел Всероссийский форум «Горизонты»" + ORGANISED + ".", ["Казань"]),
    # news: a country's adjective in a gathering's phrase is where it is held
    ("Завершился Всероссийский турнир по самбо.", ["Россия"]),
])
def test_a_country_adjective_is_a_place_in_news_only(nlp, text, places):
    ev = events(nlp, text)[0]
    assert names(ev["places"]) == places
