"""Events, round 7: the place role. Texts written for the tests."""

import pytest


def events(nlp, text):
    return [e.to_dict() for e in nlp(text).events]


@pytest.mark.parametrize("text, places", [
    # a city after a named site, street or building only says where that one lies
    ("Актер Иван Петров похоронен на Ваганьковском кладбище в Москве.", ["Ваганьковском кладбище"]),
    ("Иван Петров скончался в больнице имени Пирогова в Москве.", ["больнице имени Пирогова"]),
    ("Вчера на Садовой улице в Самаре произошла авария.", ["Садовой улице"]),
    # an aside in brackets may stand between them
    ("Роды прошли в клинике Святой Анны (St Anne's Clinic) в Дублине.", ["клинике Святой Анны"]),
    # the city first, then the site: both are where it happened
    ("Форум «Горизонты» прошел в Казани на площадке выставочного центра «Казань Экспо».",
     ["Казани", "Казань Экспо"]),
    # an organisation that hosts nothing does not make the city its own
    ("Саммит НАТО в Брюсселе завершился в пятницу.", ["Брюсселе"]),
])
def test_a_city_after_a_site(nlp, text, places):
    assert [p["text"] for p in events(nlp, text)[0]["places"]] == places


@pytest.mark.parametrize("text, places, participants", [
    # an organisation that is a building, or is named after one, after "в"/"на" is where it happened
    ("Вечером 23 декабря актриса была госпитализирована в Боткинскую больницу.", ["Боткинскую больницу"], []),
    ("Накануне вечером в гипермаркете «Магнит» обрушилась кровля.", ["Магнит"], []),
    # an organisation that is no building is not made a venue
    ("Вчера в Минздрав был задержан Иван Петров.", [], ["Минздрав", "Иван Петров"]),
])
def test_an_organisation_that_is_a_building(nlp, text, places, participants):
    ev = events(nlp, text)[0]
    assert [p["text"] for p in ev["places"]] == places
    assert [p["text"] for p in ev["participants"] if p.get("type") != "ROLE"] == participants


@pytest.mark.parametrize("text, places, city", [
    # a place inside a site's or a place's span is part of its name, and the site's city
    ("Вчера в аэропорту Барселоны был задержан Иван Петров.", ["аэропорту Барселоны"], "Барселона"),
    ("Иван Петров был задержан в британской столице.", ["британской столице"], None),
    # the city right after a site is where the site lies
    ("Актер Иван Петров похоронен на Ваганьковском кладбище в Москве.", ["Ваганьковском кладбище"], "Москва"),
])
def test_a_place_inside_a_site(nlp, text, places, city):
    ev = events(nlp, text)[0]
    assert [p["text"] for p in ev["places"]] == places
    assert ev["places"][0].get("city") == city


def test_a_site_keeps_the_city_of_its_adjective(nlp):
    (place,) = events(nlp, "Взрыв прогремел в нью-йоркском метро.")[0]["places"]
    assert (place["text"], place["type"], place.get("city"), place["country"]) == \
        ("нью-йоркском метро", "VENUE", "Нью-Йорк", "US")


@pytest.mark.parametrize("text, places", [
    # the country of an office filled by a vote is where the election is held
    ("Выборы президента Венесуэлы пройдут в октябре.", ["Венесуэлы"]),
    ("Инаугурация президента Зимбабве состоялась в пятницу.", ["Зимбабве"]),
    # a resignation or a meeting only names the holder's title
    ("Указ об отставке губернатора Приморского края подписан в среду.", []),
    ("Встреча с президентом России прошла в четверг.", []),
])
def test_the_country_of_an_office(nlp, text, places):
    assert [p["text"] for p in events(nlp, text)[0]["places"]] == places


@pytest.mark.parametrize("text, places", [
    # a place adjective outside the event's phrase that qualifies a thing says whose it is
    ("В японском обществе вчера началась дискуссия.", []),
    ("Вчера в делийском автобусе произошел взрыв.", []),
    # a site, land, a part of land or a stage of a contest is a place
    ("Иван Петров, обвиняемый в краже, покончил с собой в московском СИЗО.", ["московском"]),
    ("В индийском штате ввели запрет на свадьбы.", ["индийском"]),
    ("Иван Петров выступал на сочинском этапе Кубка мира.", ["сочинском"]),
])
def test_a_place_adjective_of_a_thing(nlp, text, places):
    assert [p["text"] for p in events(nlp, text)[0]["places"]] == places


@pytest.mark.parametrize("text, places", [
    # the country between "столице" and its capital says whose capital it is
    ("В столице Польши Варшаве прошла демонстрация.", ["Варшаве"]),
    ("В столице Иордании прошла демонстрация.", ["Иордании"]),
])
def test_the_country_of_a_capital(nlp, text, places):
    assert [p["text"] for p in events(nlp, text)[0]["places"]] == places


@pytest.mark.parametrize("text, places", [
    # a place with an appointment is where the office is, not where it was given
    ("Вчера Иван Петров назначен послом в России.", []),
    ("Иван Петров будет назначен министром здравоохранения в правительстве Ирландии.", []),
    # other changes keep their places
    ("Вчера Иван Петров был задержан в Москве.", ["Москве"]),
])
def test_an_appointment_has_no_place(nlp, text, places):
    assert [p["text"] for p in events(nlp, text)[0]["places"]] == places


def test_an_appointment_takes_no_place_before_where(nlp):
    text = "Иван Петров переехал в Казань, где был назначен главой администрации."
    assert {ev["title"]: [p["text"] for p in ev["places"]] for ev in events(nlp, text)} == \
        {"переехал": ["Казань"], "назначен": []}


@pytest.mark.parametrize("text, places", [
    # the place before ", где" is where the event of that clause happened
    ("Вчера демонстранты собрались у стадиона в Казани, где проходил футбольный матч.", {"футбольный матч": ["Казани"]}),
    ("Губернатор проводит праздничный день в Смольном, где состоится концерт оркестра.",
     {"концерт оркестра": ["Смольном"]}),
    # and so does ", куда", ", в котором", ", в районе которой"
    ("Вчера певец умер в Казани, куда приехал на гастроли.", {"гастроли": ["Казани"]}),
])
def test_the_place_before_where(nlp, text, places):
    got = {ev["title"]: [p["text"] for p in ev["places"]] for ev in events(nlp, text)}
    assert {k: got.get(k) for k in places} == places


@pytest.mark.parametrize("text, places", [
    # a place that hangs on a body with a seat says where the body is
    ("Вчера Литва выслала сотрудника посольства Белоруссии в Вильнюсе.", []),
    # unless the event is done to the body
    ("Вчера произошел поджог офиса партии в Казани.", ["Казани"]),
])
def test_the_seat_of_a_body(nlp, text, places):
    assert [p["text"] for p in events(nlp, text)[0]["places"]] == places


@pytest.mark.parametrize("text, places", [
    # a place inside what the event is about says where that is
    ("Вчера губернатор подписал закон о ремонте школ в Самаре.", []),
    ("Вчера губернатор подписал в Самаре закон о ремонте школ.", ["Самаре"]),
])
def test_a_place_in_the_topic(nlp, text, places):
    assert [p["text"] for p in events(nlp, text)[0]["places"]] == places


# Round 9 (place)


def places_by_title(nlp, text):
    return {e["title"]: [p["text"] for p in e["places"]] for e in events(nlp, text)}


@pytest.mark.parametrize("text, title, places", [
    # in news "в ходе" names a setting told with its own place, not the main event's
    ("В Ираке продолжается война. В ходе боев погибли трое солдат.", "боев", []),
    ("Вчера в Сирии началась война. В ходе операции были задержаны трое боевиков.", "операции", []),
    # a release's programme item takes place where its event does
    ("Форум «Горизонты» пройдет в Казани 12 апреля. Организатором выступает Ассоциация «Прогресс». "
     "В рамках форума пройдет выставка картин.", "выставка картин", ["Казани"]),
])
def test_a_part_of_the_main_event(nlp, text, title, places):
    assert places_by_title(nlp, text)[title] == places


@pytest.mark.parametrize("text, places", [
    # a place of living, staying or working says where someone is, not where it happened
    ("Поэт Олег Смирнов, проживавший в эмиграции в Канаде, был убит ударом ножа.", []),
    ("Анна Петрова родилась в Казани и почти всю жизнь жила в Москве.", ["Казани"]),
    ("Иван Петров, работающий в Лондоне, задержан в Париже.", ["Париже"]),
    # the event's own place stays
    ("Вчера в Казани был задержан Иван Петров.", ["Казани"]),
])
def test_a_place_of_a_state(nlp, text, places):
    assert [p["text"] for p in events(nlp, text)[0]["places"]] == places


@pytest.mark.parametrize("text, title, places", [
    # a place right after an event noun's phrase is that event's, whatever the tree says
    ("Гонец предупредил крестьян накануне сражений в Полоцке и Витебске.", "сражений",
     ["Полоцке", "Витебске"]),
    # ... and stays with the verb it hangs on
    ("Инженер погиб в аварии в Португалии.", "аварии", ["Португалии"]),
    ("Инженер погиб в аварии в Португалии.", "погиб", ["Португалии"]),
    # a date may stand between
    ("После взрыва в пятницу, 3 мая, в Самаре пострадал охранник.", "взрыва", ["Самаре"]),
    # a place inside another event's phrase is that one's
    ("Трое пострадали при взрывах на Пражском марафоне.", "взрывах", []),
])
def test_a_place_after_an_event_noun(nlp, text, title, places):
    assert places_by_title(nlp, text)[title] == places


@pytest.mark.parametrize("text, title, places", [
    # the place of a relative clause of occurrence is the place of the event "который" stands for
    ("Султан Брунея перенёс операцию на колене, которая была проведена в Германии.", "операцию",
     ["Германии"]),
    ("Мэр сохранит пост до открытия саммита ШОС, который должен пройти "
     "в Самаре в июне.", "саммита", ["Самаре"]),
    # not a clause of another verb about a person
    ("Король встретился с министром, который родился во Франции.", "встретился", []),
])
def test_a_place_in_a_relative_clause(nlp, text, title, places):
    assert places_by_title(nlp, text)[title] == places


@pytest.mark.parametrize("text, places", [
    # a name that opens with an adjective takes the case of its noun after adjectives and "в"
    ("Вчера митинг прошел в непризнанной Нагорно-Карабахской Республике.",
     ["Нагорно-Карабахской Республике"]),
    # a place in the instrumental is still no place of its own
    ("Вчера в контролируемом Турцией Северном Кипре задержан Иван Петров.", ["Северном Кипре"]),
])
def test_a_name_after_adjectives(nlp, text, places):
    assert [p["text"] for p in events(nlp, text)[0]["places"]] == places


@pytest.mark.parametrize("text, places", [
    # a part of the world after a contest is where it is held
    ("Гимнастка дважды выигрывала на чемпионате Европы.", [("Европы", "LOCATION", "Европа")]),
    ("Клуб не смог пройти квалификацию Лиги Европы.", [("Европы", "LOCATION", "Европа")]),
    # a contest of the world has no place
    ("Она выиграла чемпионат мира.", []),
])
def test_a_part_of_the_world(nlp, text, places):
    got = events(nlp, text)[0]["places"]
    assert [(p["text"], p["type"], p["name"]) for p in got] == places


def test_a_part_of_the_world_is_no_entity_of_the_document(nlp):
    assert [e.text for e in nlp("Гимнастка дважды выигрывала на чемпионате Европы.").entities] == []


@pytest.mark.parametrize("text, places", [
    # a place no event word governs goes to the nearest event of its clause only within 15 words
    ("Скончался Иван Петров — народный артист, лауреат многих премий и наград, автор десятков книг "
     "и сценариев, он долгие годы преподавал в Казани.", []),
    ("В понедельник в Москве, по данным полиции, задержан Иван Петров.", ["Москве"]),
])
def test_a_place_far_from_its_nearest_event(nlp, text, places):
    assert [p["text"] for p in events(nlp, text)[0]["places"]] == places


@pytest.mark.parametrize("text, places", [
    # "города X" in the genitive names whose police or which city, not where it happened
    ("Вчера полиция города Шарлотт задержала Ивана Петрова.", []),
    ("Вертолет приземлился к северу от города Тобольск.", []),
    # "в городе X", "в город X", "в центре города X" still are places
    ("Вчера в городе Шарлотт задержан Иван Петров.", ["Шарлотт"]),
    ("Вчера в центре города Казани прошел митинг.", ["Казани"]),
])
def test_the_genitive_of_a_city(nlp, text, places):
    assert [p["text"] for p in events(nlp, text)[0]["places"]] == places


@pytest.mark.parametrize("text, places", [
    # a place adjective of the set after "в одной из" says where the site is
    ("Вчера певица родила дочь в одной из казанских частных клиник.", ["казанских"]),
    # the place a site of the set belongs to, as before
    ("Он умер в одной из клиник Германии.", ["Германии"]),
])
def test_one_of_the_sites_of_a_place(nlp, text, places):
    assert [p["text"] for p in events(nlp, text)[0]["places"]] == places


@pytest.mark.parametrize("text, places", [
    # "в столице страны X": the capital is the place
    ("Раненый турист был доставлен в госпиталь в столице страны Вильнюсе.", ["Вильнюсе"]),
    ("Вчера в столице Польши Варшаве прошел митинг.", ["Варшаве"]),
])
def test_the_capital_of_the_country(nlp, text, places):
    assert [p["text"] for p in events(nlp, text)[0]["places"]] == places


@pytest.mark.parametrize("text, places", [
    # round 10: the country or city of the office given, taken or left is the event's place
    ("Иван Петров назначен министром культуры Чехии.", ["Чехии"]),
    ("Министром финансов Чили назначена Анна Петрова.", ["Чили"]),
    ("Вчера Петров был избран мэром Казани.", ["Казани"]),
    ("Петров заявил о скором уходе с поста мэра Перми.", ["Перми"]),
    # not the title of who acts or who gives the office, nor the holder's title in the phrase
    ("Премьер-министр Словакии Иван Петров подал в отставку.", []),
    ("Президент Чехии назначил Петрова министром.", []),
    ("Отставка мэра Казани Петрова принята.", []),
    # nor the country of the body whose chair is chosen
    ("Петров избран председателем Верховного совета Чили.", []),
    # an office abroad is still no place of its appointment
    ("Петров назначен послом России в Чехии.", []),
])
def test_the_land_of_an_office(nlp, text, places):
    assert [p["text"] for p in events(nlp, text)[0]["places"]] == places


@pytest.mark.parametrize("text, verbs", [
    # round 10: event verbs joined by "и", "или" share a place outside the pair
    ("Трое рыбаков пропали или погибли в Каспийском море.",
     {"пропали": ["Каспийском море"], "погибли": ["Каспийском море"]}),
    ("Вчера самолет упал и сгорел под Омском.", {"упал": ["Омском"], "сгорел": ["Омском"]}),
    ("В Омске задержан и арестован Петров.", {"задержан": ["Омске"], "арестован": ["Омске"]}),
    # a place between the verbs is the first's; a direction is no place to share
    ("Петров задержан в Омске и этапирован в Москву.", {"задержан": ["Омске"], "этапирован": ["Москву"]}),
])
def test_verbs_joined_share_a_place(nlp, text, verbs):
    got = {}
    for e in events(nlp, text):
        word = next(w for w in verbs if w in e["trigger"]["text"].split())
        got[word] = [p["text"] for p in e["places"]]
    assert got == verbs


@pytest.mark.parametrize("text, title, places", [
    # "в" with the accusative on an infinitive is where someone means to go, no place of the event
    ("После финала чемпионата Иванов собирался перебраться в Норвегию.", "чемпионата Иванов", []),
    ("После турнира команда собирается отправиться в Южную Америку.", "турнира", []),
    ("После турнира в Казани команда собирается отправиться в Южную Америку.", "турнира", ["Казани"]),
    ("Выборы прошли спокойно, наблюдателей решили отправить в Литву.", "Выборы", []),
    # the event word of going governs it: its place
    ("Петров прибыл в Минск в понедельник.", "прибыл", ["Минск"]),
    ("Свой визит в Минск Петров начал со встречи с министром.", "визит в Минск", ["Минск"]),
])
def test_a_direction_of_a_plan(nlp, text, title, places):
    assert places_by_title(nlp, text)[title] == places


@pytest.mark.parametrize("text, title, places", [
    # a news phrase that names its place keeps that one; the sentence's other place is another's
    ("В Москве представитель министерства отклонил обвинения в организации поджога в Казани.", "поджога",
     ["Казани"]),
    ("В Самаре вспоминают о пожаре в Казани.", "пожаре", ["Казани"]),
    ("Вчера в Москве вспоминали жертв войны во Вьетнаме.", "войны", ["Вьетнаме"]),
    # ... and the places joined to it
    ("После серии терактов в Казани и Самаре в Уфе усилили охрану вокзалов.", "терактов", ["Казани", "Самаре"]),
    ("Двое участников нападения задержаны в Казани, один — в Самаре, сообщили в полиции.", "задержаны",
     ["Казани", "Самаре"]),
])
def test_a_phrase_that_names_its_place(nlp, text, title, places):
    assert places_by_title(nlp, text)[title] == places


@pytest.mark.parametrize("text, places", [
    # a district or region after a street or a site says where that one lies
    ("Вчера на улице Садовой в Заречном районе столкнулись два автобуса.", ["улице Садовой"]),
    # alone it is the place
    ("Вчера в Заречном районе столкнулись два автобуса.", ["Заречном районе"]),
])
def test_the_district_of_a_street(nlp, text, places):
    assert [p["text"] for p in events(nlp, text)[0]["places"]] == places


@pytest.mark.parametrize("text, title, places", [
    # a city joined to a year names the games it hosts: the city is where they were held
    ("Фигуристка Анна Петрова, чемпионка Ванкувер-2010, открыла школу в Омске.", "Ванкувер-2010",
     ["Ванкувер"]),
    ("Бронзовый призер Стокгольм-1912 Олег Смирнов умер.", "Стокгольм-1912", ["Стокгольм"]),
    # a form of an event noun the entity stage may take for a village is no host city
    ("На Олимпийских Играх-2012 сборная выступила неудачно.", "Играх-2012", []),
])
def test_the_city_of_games(nlp, text, title, places):
    assert places_by_title(nlp, text)[title] == places


@pytest.mark.parametrize("text, places", [
    # "в" twice: the second names the land the first place lies in
    ("Беглеца арестовали на съемной квартире в Тусоне в Аризоне.", ["Тусоне"]),
    ("Вчера в Омске в России прошел митинг.", ["Омске"]),
    # a journey's start and end are two places, not one inside the other
    ("Петров уехал из Омска в Германию.", ["Омска", "Германию"]),
])
def test_the_land_after_a_second_v(nlp, text, places):
    assert [p["text"] for p in events(nlp, text)[0]["places"]] == places


@pytest.mark.parametrize("text, title, places", [
    # the Latin name of an open championship opens with the country it is held in
    ("Вчера Петров выиграл US Open.", "US Open", ["US"]),
    ("Смирнов стал победителем U.S. Open.", "U.S. Open", ["U.S."]),
    ("Петрова проиграла в четвертом круге Australian Open.", "Australian Open", ["Australian"]),
])
def test_the_host_of_an_open(nlp, text, title, places):
    assert places_by_title(nlp, text)[title] == places


@pytest.mark.parametrize("text, title, places, evidence", [
    # "в стране" next to the event names the country the text spoke of last
    ("Парламент Перу назначил дату голосования. Досрочные выборы пройдут в стране 9 марта.",
     "Досрочные выборы", ["Перу"], "стране"),
    ("Премьер Бельгии Ян Петерс ушел в отставку. Вскоре по всей стране прошли забастовки.",
     "забастовки", ["Бельгии"], "стране"),
    # a country named right after the word is the country itself, read as usual
    ("Премьер Испании ушел в отставку. Вчера в стране Басков прошли выборы.", "выборы", [], None),
    # no country named before: nothing to point to
    ("Досрочные выборы пройдут в стране 9 марта.", "Досрочные выборы", [], None),
    # far from the event, the words belong to the clause, not to the event
    ("Премьер Бельгии Ян Петерс подал в отставку. Забастовка горняков северных шахт, о которой "
     "писали газеты, больше не тревожит людей в стране.", "Забастовка", [], None),
    # nearer, but past a clause break: the words belong to the other clause
    ("Премьер Бельгии Ян Петерс подал в отставку. Забастовка закончилась, а в стране снова спокойно.",
     "Забастовка", [], None),
])
def test_the_country_of_the_text(nlp, text, title, places, evidence):
    ev = next(e for e in events(nlp, text) if e["title"] == title or e["trigger"]["text"].startswith(title))
    assert [p["text"] for p in ev["places"]] == places
    if evidence:
        start, end = ev["evidence"]["places"]
        assert text[start:end] == evidence
