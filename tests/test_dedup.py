"""Deduplicate inside a document: repeats point at their first occurrence; a repeat with
another fact is a conflict, never a duplicate."""

import pytest

from pipeline.dedup import mark_duplicate_paragraphs, paragraph_key
from pipeline.doc import Document, Entity
from pipeline.normalize import normalize
from pipeline.segment import segment

BASE = ("В Казани 12 апреля 2025 года прошел III молодежный форум «Горизонты» — крупнейший в "
        "Поволжье. В нем приняли участие более 1200 человек из 30 регионов, ещё 400 смотрели "
        "трансляцию. Гостей приветствовал министр Андрей Соколов.")
OTHER = "Следующий форум пройдет весной, заявки принимаются на сайте."


def marked(resources, *paragraphs: str) -> Document:
    doc = segment(normalize(Document("\n\n".join(paragraphs))))
    return mark_duplicate_paragraphs(doc, resources)


def outcome(doc: Document, i: int):
    """("duplicate", of) / ("conflict", with, [(kind, values)]) / None for paragraph ``i``."""
    p = doc.paragraphs[i]
    if p.duplicate_of is not None:
        return ("duplicate", p.duplicate_of)
    if p.conflict_with is not None:
        return ("conflict", p.conflict_with, [(c["kind"], c["values"]) for c in p.conflicts])
    return None


# -- the same paragraph, however it was retyped ----------------------------------------------

@pytest.mark.parametrize("copy", [
    pytest.param(BASE, id="exact"),
    pytest.param(BASE.replace(" ", "  ").replace("года", "года\u00a0"), id="whitespace"),
    pytest.param(BASE.replace("«", '"').replace("»", '"'), id="quotes"),
    pytest.param(BASE.replace("—", "-"), id="dashes"),
    pytest.param(BASE.upper(), id="case"),
    pytest.param(BASE.replace("ещё", "еще"), id="yo"),
    pytest.param(BASE.replace("трансляцию", "транс\u00adляцию").replace("Гостей", "Го\u0301стей"),
                 id="soft hyphen and stress mark"),
    pytest.param(BASE.replace("молодежный", "молодежный,").replace("трансляцию.", "трансляцию!"),
                 id="punctuation"),
    pytest.param(BASE.replace("трансляцию", "трансляцыю"), id="one typo"),
    pytest.param(BASE.replace("трансляцию", "трнасляцию").replace("Гостей", "Гсотей"), id="two typos"),
    pytest.param(BASE.replace("Казани", "Казпни"), id="typo in a city: no such word"),
    pytest.param(BASE.replace("Андрей", "Андей"), id="typo in a first name"),
    pytest.param(BASE + " Форум продлится три дня.", id="sentence added"),
    pytest.param(BASE.replace(" Гостей приветствовал министр Андрей Соколов.", ""), id="sentence dropped"),
    pytest.param("Гостей приветствовал министр Андрей Соколов. " + BASE.replace(
        " Гостей приветствовал министр Андрей Соколов.", ""), id="sentences reordered"),
    pytest.param(BASE.replace("Казани", "Казань"), id="another case of the same city"),
])
def test_a_near_repeat_is_a_duplicate_of_the_first(resources, copy):
    doc = marked(resources, BASE, OTHER, copy)
    assert outcome(doc, 2) == ("duplicate", 0)
    assert 0.5 <= doc.paragraphs[2].similarity <= 1.0
    assert doc.warnings == []


def test_similarity_says_how_near(resources):
    doc = marked(resources, BASE, BASE, BASE.replace("трансляцию", "трансляцыю"))
    assert doc.paragraphs[1].similarity == 1.0
    assert 0.9 < doc.paragraphs[2].similarity < 1.0
    assert doc.paragraphs[0].similarity is None


# -- the same paragraph with another fact ----------------------------------------------------

@pytest.mark.parametrize("copy, conflicts", [
    pytest.param(BASE.replace("1200", "1500"), [("number", ["1200", "1500"])], id="number"),
    pytest.param(BASE.replace("III", "IV"), [("number", ["III", "IV"])], id="edition"),
    pytest.param(BASE.replace("из 30", "из тридцати"), [("number", ["30", "тридцати"])], id="number word"),
    pytest.param(BASE.replace("12 апреля", "15 апреля"), [("date", ["12 апреля 2025 года", "15 апреля 2025 года"])],
                 id="day"),
    pytest.param(BASE.replace("апреля", "мая"), [("date", ["12 апреля 2025 года", "12 мая 2025 года"])],
                 id="month"),
    pytest.param(BASE.replace("2025", "2024"), [("date", ["12 апреля 2025 года", "12 апреля 2024 года"])],
                 id="year"),
    pytest.param(BASE.replace("Казани", "Самаре"), [("place", ["Казани", "Самаре"])], id="city"),
    pytest.param(BASE.replace("Поволжье", "Сибири"), [("place", ["Поволжье", "Сибири"])], id="region"),
    pytest.param(BASE.replace("Соколов", "Смирнов"), [("name", ["Соколов", "Смирнов"])], id="surname"),
    pytest.param(BASE.replace("«Горизонты»", "«Вектор»"), [("name", ["Горизонты", "Вектор"])], id="title"),
    pytest.param(BASE.replace("1200", "1500").replace("трансляцию", "трансляцыю"),
                 [("number", ["1200", "1500"])], id="number and a typo"),
    pytest.param(BASE.replace("1200", "1500").replace("Казани", "Самаре"),
                 [("place", ["Казани", "Самаре"]), ("number", ["1200", "1500"])], id="two facts"),
])
def test_a_repeat_with_another_fact_is_a_conflict(resources, copy, conflicts):
    doc = marked(resources, BASE, OTHER, copy)
    assert outcome(doc, 2) == ("conflict", 0, conflicts)
    assert doc.paragraphs[2].duplicate_of is None  # the event stage still reads it
    assert len(doc.warnings) == 1 and doc.warnings[0].startswith("paragraph 2 repeats paragraph 0")


@pytest.mark.parametrize("first, second", [
    pytest.param("Форум прошел в Томске и собрал студентов из многих городов страны.",
                 "Форум прошел в Омске и собрал студентов из многих городов страны.",
                 id="two real cities one letter apart"),
    pytest.param("Спортсмены завоевали три золотые медали на турнире в Казани.",
                 "Спортсмены завоевали две золотые медали на турнире в Казани.",
                 id="number words"),
    pytest.param("Выставка откроется в июне в главном зале музея.",
                 "Выставка откроется в июле в главном зале музея.",
                 id="months one letter apart"),
])
def test_one_letter_can_be_another_fact(resources, first, second):
    doc = marked(resources, first, second)
    assert outcome(doc, 1)[0] == "conflict"


def test_an_entity_names_the_kind_of_place(resources):
    doc = segment(normalize(Document(f"{BASE}\n\n{BASE.replace('Казани', 'Самаре')}")))
    start = doc.text.index("Самаре")
    doc.entities = [Entity("CITY", 2, 8, "Казани"), Entity("CITY", start, start + 6, "Самаре")]
    mark_duplicate_paragraphs(doc, resources)
    assert doc.paragraphs[1].conflicts == [{"kind": "city", "values": ["Казани", "Самаре"]}]
    assert doc.to_dict()["paragraphs"][1]["conflict_with"] == 0


# -- neither ---------------------------------------------------------------------------------

@pytest.mark.parametrize("paragraphs, expected", [
    # a lead that restates the headline with a name more: a duplicate would lose the name
    (("Соколов открыл форум молодежных инициатив в Казани",
      "Министр культуры Андрей Соколов открыл форум молодежных инициатив в Казани."),
     [None, None]),
    # short lines repeat legitimately: only exact repeats count
    (("Контакты:", "Текст пресс-релиза о форуме.", "Контакты:", "Контакты для прессы:"),
     [None, None, ("duplicate", 0), None]),
    # two different paragraphs sharing some words
    ((BASE, "В Казани также прошел фестиваль уличной еды, его посетили тысячи горожан."),
     [None, None]),
])
def test_not_a_repeat(resources, paragraphs, expected):
    doc = marked(resources, *paragraphs)
    assert [outcome(doc, i) for i in range(len(paragraphs))] == expected


def test_key():
    assert paragraph_key("«Ёлка» — ЁЖ!") == paragraph_key('"елка" - еж')
