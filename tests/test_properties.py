"""Property: whatever the text, ``pipeline.analyze`` does not raise, and every offset it
gives slices the text to the very words it claims."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pipeline
from pipeline import StageError
from pipeline.load import FORMATS, Extracted, LoadError, extract

# Words that wake every stage up: places, dates, counts, organisations, event nouns.
WORDS = ["В", "Казани", "Москве", "Ташкенте", "12", "11", "по", "15", "марта", "2024", "года",
         "г.", "с", "прошел", "форум", "«Горизонты»", "более", "40", "участников", "трех",
         "делегатов", "от", "CIAQ", "The", "British", "Council", "организовал", "Минкультуры",
         "России", "Иван", "Петров", "XV", "5-я", "встреча", "вчера", "около", "30–40",
         "человек", "и", ",", ".", "—", "-", "(", ")", "\n", "\n\n", "\r\n", "\u00a0", "\u00ad",
         "\t", "й", "и\u0306", "ё", "е\u0308", "№", "%", "…", "''", '"', "ООО", "«", "»"]



# Letters without a Unicode name ("𗀀", Tangut) and lone surrogates ("\ud800", which no
# decoded file holds, but a Python string may) once broke the morphology stage: they are
# tested apart below, and drawn here too.
characters = st.characters()
russian_like = st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join)
anything = st.text(characters, max_size=300)
mixed = st.lists(st.one_of(st.sampled_from(WORDS), st.text(characters, max_size=8)), max_size=40).map("".join)


def check(doc, text):
    assert doc.text == text
    n = len(text)
    for p in doc.paragraphs:
        assert 0 <= p.start <= p.end <= n
    for s in doc.sentences:
        assert 0 <= s.start <= s.end <= n
    for t in doc.tokens:
        assert 0 <= t.start < t.end <= n
    for e in doc.entities:
        assert text[e.start:e.end] == e.text, e
    for event in doc.events:
        args = [event.trigger, *event.dates, *event.places, *event.organisers,
                *event.organisations, *event.participants]
        for a in args:
            assert text[a.start:a.end] == a.text, a
        for start, end in event.evidence.values():
            assert 0 <= start <= end <= n


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(russian_like, anything, mixed))
def test_analyze_never_raises_and_offsets_slice_the_text(nlp, text):
    try:
        doc = pipeline.analyze(text, pipeline=nlp)
    except StageError as e:  # report the stage and the input, not just "it failed"
        raise AssertionError(f"stage {e.stage!r} failed on {text!r}: {e}") from e
    check(doc, text)


@pytest.mark.parametrize("text", [
    # pymorphy3's is_latin calls unicodedata.name, which has no name for Tangut letters:
    # ValueError in the morphology stage
    "𗀀", "В Казани 𗀀 прошел форум.",
    # a lone surrogate cannot be encoded to UTF-8 for pymorphy3's dictionary and natasha:
    # UnicodeEncodeError in the morphology and entities stages
    "\ud800", "В Казани \udc00 прошел форум.",
])
def test_letters_without_names_and_lone_surrogates(nlp, text):
    check(pipeline.analyze(text, pipeline=nlp), text)


@settings(max_examples=300, deadline=None)
@given(data=st.one_of(st.binary(max_size=2000), st.text(max_size=500).map(str.encode)),
       declared=st.sampled_from(sorted(set(FORMATS.values()))))
def test_any_bytes_under_any_extension_give_text_or_a_load_error(data, declared):
    try:
        result = extract(data, declared)
    except LoadError as e:
        assert e.kind and e.message
    else:
        assert isinstance(result, Extracted) and result.text.strip()
