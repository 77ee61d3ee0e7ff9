"""Events: records from texts written for the tests."""

import pytest


def events(nlp, text):
    return [e.to_dict() for e in nlp(text).events]


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
])
def test_status_from_verbs(nlp, text, status):
    (ev,) = events(nlp, text)
    assert ev["status"] == status


def test_title_edition_and_kind(nlp):
    (ev,) = events(nlp, "В Казани завершился III Всероссийский молодежный форум «Горизонты».")
    assert ev["title"] == "III Всероссийский молодежный форум «Горизонты»"
    assert (ev["edition"], ev["kind"], ev["main"]) == (3, "форум", True)


def test_repeated_mentions_are_one_event(nlp):
    text = ("В Казани завершился форум «Горизонты». Форум собрал более 1200 участников. "
            "На форуме выступили министры.")
    assert len(events(nlp, text)) == 1


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


def test_organisers_partners_and_participants(nlp):
    text = ("В Казани завершился форум «Горизонты», организованный Ассоциацией молодежных советов "
            "при поддержке фонда «Молодежные инициативы». В нем приняли участие более 40 специалистов, "
            "включая трех делегатов от CIAQ.")
    (ev,) = events(nlp, text)
    assert [o["name"] for o in ev["organisers"]] == ["Ассоциация молодежных советов"]
    partners = [o for o in ev["organisations"] if o.get("role") == "partner"]
    assert [o["name"] for o in partners] == ["Молодежные инициативы"]
    assert [(p["count"], p["qualifier"], p["noun"], p["affiliation"]) for p in ev["participants"]] == [
        (40, "more_than", "специалист", None), (3, "exact", "делегат", "CIAQ")]


def test_contradictions_become_warnings(nlp):
    text = ("С 11 по 15 марта 2024 года в Ташкенте прошла встреча «Креатив». "
            "За три дня работы встречи участники обсудили многое. "
            "В пятницу, 12 апреля 2024 года, подвели итоги встречи.")
    (ev,) = events(nlp, text)
    assert "stated duration 3 days disagrees with the date range (5 days)" in ev["warnings"]


def test_every_argument_slices_the_text(nlp):
    text = ("В Казани завершился III форум «Горизонты», организованный Ассоциацией молодежных советов "
            "с 28 февраля по 2 марта 2025 года. Приняли участие более 40 специалистов.")
    doc = nlp(text)
    (ev,) = doc.events
    d = ev.to_dict()
    for field in ("dates", "places", "organisers", "organisations", "participants"):
        for arg in d[field]:
            assert text[arg["start"]:arg["end"]] == arg["text"]
    assert text[d["trigger"]["start"]:d["trigger"]["end"]] == d["title"]
    for name, (s, e) in d["evidence"].items():
        assert 0 <= s < e <= len(text), name


def test_no_event_nouns_no_events(nlp):
    assert events(nlp, "Погода в Москве будет солнечной.") == []
