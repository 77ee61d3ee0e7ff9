"""Events: which of several events of a sentence a place belongs to. Texts written for the tests."""

import pytest


def places(nlp, text):
    return {e.title: [p.text for p in e.places] for e in nlp(text).events}


@pytest.mark.parametrize("text, expected", [
    # the clause after ", где" tells what happened at the place, not the event before it
    ("Поводом для забастовки стала история в поселке Берёзовка, где обрушилась шахта.",
     {"забастовки": [], "обрушилась": ["Берёзовка"]}),
    ("Вчера делегация прибыла в Казань, где состоится форум.", {"прибыла": ["Казань"], "форум": ["Казань"]}),
    # ... told by the clause's verb or what it governs: not an event deeper down, nor
    # one after a verb of living or working
    ("Активисты пришли к мэрии Твери, где потребовали отменить итоги выборов.", {"выборов": []}),
    ("Вчера Петров переехал в Тулу, где его дед работал в годы войны.", {"переехал": ["Тулу"], "войны": []}),
    # where someone went, by a verb that is no event, is no place of the nearest event
    ("После матча команда сразу отправилась в Москву.", {"матча": []}),
    ("После матча игроки отправились на Кубу.", {"матча": []}),
    # a place right after an event noun is not also the noun's after it the parser hung it on
    ("Фирма ставила свет на Универсиаде в Казани в 2013 году и на чемпионате мира "
     "по плаванию в 2015.", {"Универсиаде": ["Казани"], "чемпионате мира": []}),
    # a participle of occurring agrees with the event it tells of, whatever noun is nearer
    ("Награды вручили на празднике после турнира, прошедшем 9 июня в Костроме.",
     {"празднике": ["Костроме"], "турнира": []}),
    # a list of places: each after a comma too, up to its "и"; not a name after a place
    ("Фестиваль пройдет в Казани, Самаре и Уфе.", {"Фестиваль": ["Казани", "Самаре", "Уфе"]}),
    ("Концерты группы пройдут во Франции, Германии, Австрии и Италии.",
     {"Концерты группы": ["Франции", "Германии", "Австрии", "Италии"]}),
    ("Вчера в Москве, Иван Петров и Анна Смирнова открыли выставку.", {"выставку": ["Москве"]}),
    # a fight for a place is fought there
    ("В сражении за Измаил отличился молодой офицер.", {"сражении": ["Измаил"]}),
    ("Дед рассказывал внукам о боях за Смоленск.", {"боях": ["Смоленск"]}),
    ("Битва за Москву длилась долго.", {"Битва": ["Москву"]}),
    # near a place is there, when no nearer place is named just before
    ("Вчера баржа затонула у берегов Норвегии.", {"затонула": ["Норвегии"]}),
    ("Вчера в 15 километрах от Пскова произошла авария.", {"авария": ["Пскова"]}),
    ("Вчера к северу от Казани произошло землетрясение.", {"землетрясение": ["Казани"]}),
    ("Вчера пожар случился в посёлке Ивановка к северу от Самары.", {"пожар": ["Ивановка"]}),
    # "в результате", "в ходе": the verb happened as part of the event, at its place
    ("В Омске в результате взрыва погибли три человека.", {"взрыва": ["Омске"], "погибли": ["Омске"]}),
    ("В Перми в ходе митинга задержаны 20 человек.", {"митинга": ["Перми"], "задержаны": ["Перми"]}),
    # "во время" only says when: he may have died far from the talks
    ("Иван Петров скончался в Риге во время переговоров.", {"скончался": ["Риге"], "переговоров": []}),
    # where someone went is no place of the war
    ("В ходе войны его семья переехала в Канаду.", {"войны": [], "переехала": ["Канаду"]}),
])
def test_places_of_several_events(nlp, text, expected):
    got = places(nlp, text)
    assert {t: got.get(t) for t in expected} == expected
