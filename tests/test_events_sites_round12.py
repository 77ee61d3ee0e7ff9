"""Events: places named by an organisation, a person or a building. Texts written for the tests."""

import pytest


def first_event(nlp, text):
    return nlp(text).events[0].to_dict()


@pytest.mark.parametrize("text, places, participants", [
    # a site noun after "в"/"на" and the name it bears: the site is where it happened
    ("Панихида по писателю пройдет в пятницу в церкви Михаила Архангела.",
     ["церкви Михаила Архангела"], ["писателю"]),
    ("Концерт оркестра прошел в театре им. Николая Гоголя.", ["театре им. Николая Гоголя"], []),
    ("Вчера на проспекте Николая Гоголя столкнулись два автобуса.", ["проспекте Николая Гоголя"], []),
    ("Бывший министр скончался в субботу в больнице «Сосновый бор».", ["Сосновый бор"], ["министр"]),
    # an organisation whose own noun is a site, with adjectives before it
    ("Митрополит отслужит литургию в Успенском соборе Кремля.", ["Успенском соборе Кремля"], []),
    ("Матч прошел на переполненном Центральном стадионе Казани.", ["Центральном стадионе Казани"], []),
    # where someone worked is no place of the flood, nor is the theatre's namesake a participant
    ("Во время наводнения Анна Смирнова работала в театре им. Николая Гоголя.", [], ["Анна Смирнова"]),
    # a site named by its own adjective: the name after it is someone else's
    ("В Таврическом дворце Ивана Петрова поздравил король.", ["Таврическом дворце"], ["король"]),
])
def test_a_named_site(nlp, text, places, participants):
    ev = first_event(nlp, text)
    assert [p["text"] for p in ev["places"]] == places
    assert [p["text"] for p in ev["participants"]] == participants


@pytest.mark.parametrize("text, place", [
    # the site and the name it bears make one place, not two
    ("Концерт состоится в театре имени Пушкина.", {"text": "театре имени Пушкина", "type": "VENUE"}),
    # the city after the site is where the site lies
    ("Иван Петров скончался в больнице «Северная» в Казани.",
     {"text": "Северная", "type": "VENUE", "city": "Казань"}),
])
def test_a_named_site_is_one_venue(nlp, text, place):
    (got,) = first_event(nlp, text)["places"]
    assert {k: got.get(k) for k in place} == place


@pytest.mark.parametrize("text, places", [
    # a release's event in a named site that no event word governs: the site, not the
    # city adjective inside it
    ("9 сентября 2022 года в Тверском драматическом театре прошёл праздничный концерт хора "
     "ветеранов «Лира».\n\nОрганизатором концерта выступила студия «Камертон».",
     ["Тверском драматическом театре"]),
])
def test_a_named_site_of_a_release(nlp, text, places):
    assert [p["text"] for p in first_event(nlp, text)["places"]] == places


@pytest.mark.parametrize("text, places", [
    # a house or a studio named by whose it is
    ("Вечеринка в доме Ивана Петрова продолжалась до утра.", ["доме Ивана Петрова"]),
    ("Запись концерта прошла в телестудии «Восток».", ["Восток"]),
    # a house of culture is an organisation's own name: read as before
    ("Концерт прошел в Доме культуры железнодорожников.", ["Доме культуры железнодорожников"]),
])
def test_a_site_named_by_whose_it_is(nlp, text, places):
    assert [p["text"] for p in first_event(nlp, text)["places"]] == places


@pytest.mark.parametrize("text, title, place", [
    # an event noun, a dash standing for the verb, and where: each noun takes its own
    ("Праздник пройдет в Казани: ярмарка — на Петровской площади, концерт — в Камерном "
     "драматическом театре.", "ярмарка", "Петровской площади"),
    ("Праздник пройдет в Казани: ярмарка — на Петровской площади, концерт — в Камерном "
     "драматическом театре.", "концерт", "Камерном драматическом театре"),
])
def test_a_place_after_a_dash(nlp, text, title, place):
    events = nlp(text).events
    assert [e.title for e in events if place in [p.text for p in e.places]] == [title]


@pytest.mark.parametrize("text, places", [
    # a name, then the site it names
    ("Актер будет похоронен на Ивановой горе.", ["Ивановой горе"]),
    # a person before no site noun stays who it is
    ("Похороны Ивана Петрова пройдут в Казани.", ["Казани"]),
])
def test_a_site_after_the_name(nlp, text, places):
    assert [p["text"] for p in first_event(nlp, text)["places"]] == places



@pytest.mark.parametrize("text, places", [
    # where a thing lies is no place of the event
    ("После обыска охрана склада, расположенного в порту «Северный», отказалась "
     "от комментариев.", []),
    # nor a site of a participle's own clause
    ("Суд оштрафовал организаторов выставки, проведенной в музее «Светлый путь».", []),
    # unless the participle is the event's verb of occurrence
    ("Концерт, прошедший в Камерном драматическом театре, собрал сотни зрителей.",
     ["Камерном драматическом театре"]),
])
def test_a_named_site_of_a_participle(nlp, text, places):
    assert [p["text"] for p in first_event(nlp, text)["places"]] == places


@pytest.mark.parametrize("text, places, participants", [
    # a quoted name that ends in a site is where, not who
    ("Вчера в новгородском «Сирень-холле» прошла ярмарка.", ["Сирень-холле"], []),
])
def test_a_quoted_site(nlp, text, places, participants):
    ev = first_event(nlp, text)
    assert [p["text"] for p in ev["places"]] == places
    assert [p["text"] for p in ev["participants"]] == participants
