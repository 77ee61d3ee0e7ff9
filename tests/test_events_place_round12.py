"""Events: which of several events of a sentence a place belongs to. Texts written for the tests."""

import pytest


def places(nlp, text):
    return {e.title: [p.text for p in e.places] for e in nlp(text).events}


@pytest.mark.parametrize("text, expected", [
    # the clause after ", где" tells what happened at the place, not the event before it
    ("Поводом для протестов стала история в селе Берёзовка, где полицейский застрелил фермера.",
     {"протестов": [], "застрелил": ["Берёзовка"]}),
    ("Вчера делегация прибыла в Казань, где состоится форум.", {"прибыла": ["Казань"], "форум": ["Казань"]}),
    # ... told by the clause's verb or what it governs: not an event deeper down, nor
    # one after a verb of living or working
    ("Активисты пришли к мэрии Твери, где потребовали отменить итоги выборов.", {"выборов": []}),
    ("Вчера Петров переехал в Омск, где его отец работал в годы войны.", {"переехал": ["Омск"], "войны": []}),
    # where someone went, by a verb that is no event, is no place of the nearest event
    ("После матча команда сразу отправилась в Москву.", {"матча": []}),
    ("После матча игроки отправились на Кубу.", {"матча": []}),
    # a place right after an event noun is not also the noun's after it the parser hung it on
    ("Фирма ставила свет на Универсиаде в Казани в 2013 году и на чемпионате мира "
     "по плаванию в 2015.", {"Универсиаде": ["Казани"], "чемпионате мира": []}),
    # a participle of occurring agrees with the event it tells of, whatever noun is nearer
    ("Об этом говорили на митинге после наводнения, прошедшем 5 мая в Твери.",
     {"митинге": ["Твери"], "наводнения": []}),
    # a list of places: each after a comma too, up to its "и"; not a name after a place
    ("Фестиваль пройдет в Казани, Самаре и Уфе.", {"Фестиваль": ["Казани", "Самаре", "Уфе"]}),
    ("Концерты группы пройдут во Франции, Германии, Австрии и Италии.",
     {"Концерты группы": ["Франции", "Германии", "Австрии", "Италии"]}),
    ("Вчера в Москве, Иван Петров и Анна Смирнова открыли выставку.", {"выставку": ["Москве"]}),
    # a fight for a place is fought there
    ("Петров, участник боёв за Киев, скончался.", {"боёв": ["Киев"], "скончался": []}),
    ("Битва за Москву длилась долго.", {"Битва": ["Москву"]}),
    # near a place is there, when no nearer place is named just before
    ("Вчера судно затонуло у берегов Туниса.", {"затонуло": ["Туниса"]}),
    ("Вчера в 40 километрах от Омска произошла авария.", {"авария": ["Омска"]}),
    ("Вчера к северу от Казани произошло землетрясение.", {"землетрясение": ["Казани"]}),
    ("Вчера в Тарском районе в 40 километрах от Омска произошла авария.", {"авария": ["Тарском районе"]}),
    # "в результате", "в ходе": the verb happened as part of the event, at its place
    ("В Омске в результате взрыва погибли три человека.", {"взрыва": ["Омске"], "погибли": ["Омске"]}),
    ("В Перми в ходе митинга задержаны 20 человек.", {"митинга": ["Перми"], "задержаны": ["Перми"]}),
    # "во время" only says when: he may have died far from the talks
    ("Иван Петров скончался в Москве во время переговоров.", {"скончался": ["Москве"], "переговоров": []}),
    # where someone went is no place of the war
    ("В ходе войны его семья переехала в Канаду.", {"войны": [], "переехала": ["Канаду"]}),
])
def test_places_of_several_events(nlp, text, expected):
    got = places(nlp, text)
    assert {t: got.get(t) for t in expected} == expected
