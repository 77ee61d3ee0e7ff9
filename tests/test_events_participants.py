"""Events, round 7: who takes part. Texts written for the tests."""

import pytest


def events(nlp, text):
    return [e.to_dict() for e in nlp(text).events]


def participants(nlp, text):
    return {ev["trigger"]["text"]: [p["text"] for p in ev["participants"]] for ev in events(nlp, text)}


@pytest.mark.parametrize("text, expected", [
    # the speaker takes part in the event the verb of saying governs
    ("Премьер-министр Иван Петров заявил о своей отставке.", {"отставке": ["Иван Петров"]}),
    ("Вчера Иван Петров сообщил на пресс-конференции, что покидает пост.",
     {"пресс-конференции": ["Иван Петров"], "покидает пост": []}),
    # not in what is said
    ("Иван Петров заявил, что форум пройдет в Казани.", {"форум": []}),
])
def test_the_speaker_of_an_event_the_saying_governs(nlp, text, expected):
    assert participants(nlp, text) == expected
