"""Morphology: pymorphy3 lemmas, cached, and nominative forms of names."""

import pytest

from pipeline.doc import Document
from pipeline.morphology import tag_morphology
from pipeline.normalize import normalize
from pipeline.segment import segment


@pytest.mark.parametrize("phrase, nominative", [
    ("Ташкенте", "Ташкент"),
    ("Казани", "Казань"),
    ("Нижнем Новгороде", "Нижний Новгород"),
    ("Нью-Йорке", "Нью-Йорк"),
    ("Ростове-на-Дону", "Ростов-на-Дону"),
    ("Санкт-Петербурге", "Санкт-Петербург"),
    ("Алматы", "Алматы"),
    ("Великобритании", "Великобритания"),
    ("Федеративной Республики Германия", "Федеративная Республика Германия"),  # not "германий"
    ("Красноярском крае", "Красноярский край"),  # the adjective keeps its reading
])
def test_to_nominative(resources, phrase, nominative):
    assert resources.morph.to_nominative(phrase.split()) == nominative


def test_tokens_get_lemmas_and_tags(resources):
    doc = tag_morphology(segment(normalize(Document("Трех делегатов встретили."))), resources)
    got = [(t.norm, t.lemma, t.pos) for t in doc.tokens]
    assert got == [("Трех", "три", "NUMR"), ("делегатов", "делегат", "NOUN"),
                   ("встретили", "встретить", "VERB"), (".", None, None)]
    assert "plur" in doc.tokens[1].tag and "gent" in doc.tokens[1].tag


def test_parse_cache_is_shared(resources):
    morph = resources.morph
    morph.parse("делегатов")
    before = morph.parse.cache_info().hits
    morph.parse("делегатов")
    assert morph.parse.cache_info().hits == before + 1
