"""Names of people and organisations: normal forms, and what is no organisation."""

import pytest

from pipeline.doc import Token
from pipeline.entities.names import (initials, is_acronym_text, not_organisation, org_nominative,
                                     organisation_cue, person_nominative)


@pytest.mark.parametrize("phrase, nominative", [
    ("Ассоциации экспортеров Сибири", "Ассоциация экспортеров Сибири"),
    # the adjectives agree with the head noun: neuter, not masculine
    ("Сибирского отделения РАН", "Сибирское отделение РАН"),
    ("Главного управления МВД России", "Главное управление МВД России"),
    ("Следственного комитета Казахстана", "Следственный комитет Казахстана"),
    ("Московского государственного университета", "Московский государственный университет"),
    ("Высшей школы экономики", "Высшая школа экономики"),  # not "Высочайшая"
    ("Британским советом", "Британский совет"),
    ("министерстве обороны", "министерство обороны"),
    ("британских властей", "британские власти"),
    ("Вооружённых сил России", "Вооружённые силы России"),
    ("правительства Новосибирской области", "правительство Новосибирской области"),
    ("« Единой России »", "«Единая Россия»"),
    ("фонда « Молодежные инициативы »", "фонд «Молодежные инициативы»"),
    # what the dictionary does not know does not inflect
    ("Интелкома", "Интелкома"),
    ("МВД", "МВД"),
])
def test_organisation_names_in_the_nominative(resources, phrase, nominative):
    assert org_nominative(phrase.split(), resources.morph) == nominative


@pytest.mark.parametrize("phrase, nominative", [
    ("Барака Обамы", "Барак Обама"),
    ("Анне Ахматовой", "Анна Ахматова"),
    ("Дмитрием Медведевым", "Дмитрий Медведев"),
    ("Ивану Петровичу Сидорову", "Иван Петрович Сидоров"),
    ("Сергея Шойгу", "Сергей Шойгу"),
    ("А. С. Пушкина", "А. С. Пушкин"),
    ("Людвига ван Бетховена", "Людвиг ван Бетховен"),
])
def test_people_in_the_nominative(resources, phrase, nominative):
    assert person_nominative(phrase.split(), resources.morph) == nominative


def tokens_of(resources, text):
    out, pos = [], 0
    for word in text.split():
        start = text.index(word, pos)
        p = resources.morph.best(word)
        out.append(Token(start, start + len(word), word, 0, p.normal_form.replace("ё", "е"), str(p.tag.POS),
                         str(p.tag)))
        pos = start + len(word)
    return out


@pytest.mark.parametrize("text, start, end, expected", [
    ("как пишут СМИ", 2, 3, True),
    ("написал в Twitter", 2, 3, True),
    ("опубликовал в Facebook", 2, 3, True),
    ("компания Facebook заявила", 1, 2, False),  # the company, not the platform
    ("заразился COVID-19", 1, 2, True),
    ("в кинотеатрах « Рассвет » , « Октябрь »", 7, 8, True),
    ("песню « Ветер »", 2, 3, True),
    ("компания « Ветер »", 2, 3, False),
    ("сообщил Газпром", 1, 2, False),
])
def test_what_is_no_organisation(resources, text, start, end, expected):
    assert not_organisation(tokens_of(resources, text), start, end) is expected


@pytest.mark.parametrize("text, start, end, expected", [
    ("встречу организовал The British Council", 2, 5, True),   # an English organisation word
    ("об этом сообщило агентство Interfax", 4, 5, True),         # a Russian descriptor before
    ("председатель РСПП выступил", 1, 2, True),                  # a role before
    ("делегаты от CIAQ", 2, 3, True),
    ("заболел от COVID-19", 2, 3, False),
    ("прозвучала Moonlight Drive", 1, 3, False),
])
def test_organisation_cues(resources, text, start, end, expected):
    assert organisation_cue(tokens_of(resources, text), start, end) is expected


@pytest.mark.parametrize("name, expected", [
    ("Ассоциация инновационных регионов Сибири", "АИРС"),
    ("Организация Объединенных Наций", "ООН"),
    ("Комитет по делам молодежи", "КДМ"),
    ("Научно-исследовательский институт", "НИИ"),
    ("Fédération Internationale de Football Association", "FIFA"),
])
def test_initials(name, expected):
    assert initials(name) == expected


@pytest.mark.parametrize("text, expected", [("АИРС", True), ("ООН", True), ("МинЮст", False), ("Газпром", False),
                                            ("РИА Новости", False), ("BBC", True)])
def test_acronyms(text, expected):
    assert is_acronym_text(text) is expected
