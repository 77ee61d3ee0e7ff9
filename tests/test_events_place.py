"""Events, round 7: the place role. Texts written for the tests."""

import pytest


def events(nlp, text):
    return [e.to_dict() for e in nlp(text).events]


@pytest.mark.parametrize("text, places", [
    # a city after a named site, street or building only says where that one lies
    ("Актер Иван Петров похоронен на Ваганьковском кладбище в Москве.", ["Ваганьковском кладбище"]),
    ("Иван Петров скончался в больнице имени Пирогова в Москве.", ["больнице имени Пирогова"]),
    ("Вчера на Тверской улице в Москве произошла авария.", ["Тверской улице"]),
    # the city first, then the site: both are where it happened
    ("Форум «Горизонты» прошел в Казани на площадке выставочного центра «Казань Экспо».",
     ["Казани", "Казань Экспо"]),
    # an organisation that hosts nothing does not make the city its own
    ("Саммит НАТО в Брюсселе завершился в пятницу.", ["Брюсселе"]),
])
def test_a_city_after_a_site(nlp, text, places):
    assert [p["text"] for p in events(nlp, text)[0]["places"]] == places
