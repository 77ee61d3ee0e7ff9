"""Segment: paragraphs by blank or single line breaks, razdel sentences and tokens."""

import pytest

from pipeline.doc import Document
from pipeline.normalize import normalize
from pipeline.segment import segment, split_paragraphs


def paragraphs(marked: str) -> list[str]:
    """Split the unmarked text and join the paragraphs with '|' for comparison."""
    text = marked.replace("|", "")
    return [text[s:e] for s, e in split_paragraphs(text)]


@pytest.mark.parametrize("marked", [
    "Первый абзац.|\nВторой абзац.",                 # single line breaks, as in the reference
    "Первый абзац.|\n\nВторой абзац.|\n\n\nТретий.",  # blank lines
    "  Отступ.|\n  \n  Второй.  ",                    # whitespace-only lines are blank
    "Заголовок релиза|\nТекст первого абзаца.",
    "Одна строка без перевода",
])
def test_paragraph_boundaries(marked):
    expected = [p.strip() for p in marked.replace("\n", "\n").split("|")]
    got = paragraphs(marked)
    assert [g.strip() for g in got] == [e.strip() for e in expected]


def test_hard_wrapped_column_is_one_paragraph():
    text = ("Форум собрал более тысячи участников из разных\n"
            "регионов страны, которые обсуждали вопросы развития\n"
            "молодежного предпринимательства и новые меры\n"
            "поддержки.\n\nВторой абзац.")
    got = [text[s:e] for s, e in split_paragraphs(text)]
    assert len(got) == 2
    assert got[0].endswith("поддержки.")


def test_sentences_and_tokens_slice_the_original():
    text = "В Ташкенте\u00a0прошла встреча. Её организовал ав\u00adгуст.\r\nВторой абзац."
    doc = segment(normalize(Document(text)))
    assert len(doc.paragraphs) == 2
    assert [text[s.start:s.end] for s in doc.sentences][:2] == [
        "В Ташкенте\u00a0прошла встреча.", "Её организовал ав\u00adгуст."]
    for t in doc.tokens:
        assert text[t.start:t.end].replace("\u00ad", "") == t.norm
    first, last = doc.sentences[0].first_token, doc.sentences[0].last_token
    assert [t.norm for t in doc.tokens[first:last]] == ["В", "Ташкенте", "прошла", "встреча", "."]
