"""Deduplicate: repeated paragraphs point at their first occurrence."""

import pytest

from pipeline.doc import Document
from pipeline.dedup import mark_duplicate_paragraphs, paragraph_key
from pipeline.normalize import normalize
from pipeline.segment import segment

BASE = ("Встреча способствовала укреплению связей между лидерами и экспертами "
        "креативного сектора и оценке потенциала экономики в регионе.")


def duplicates(*paragraphs: str) -> list:
    doc = segment(normalize(Document("\n".join(paragraphs))))
    mark_duplicate_paragraphs(doc)
    return [p.duplicate_of for p in doc.paragraphs]


@pytest.mark.parametrize("paragraphs, expected", [
    ((BASE, "Другой абзац о другом.", BASE), [None, None, 0]),
    # folded: case, ё/е, quotes, dashes and whitespace
    (("Форум «Ёлка» — 2025 год.", 'форум "елка" - 2025   год.'), [None, 0]),
    # a near repeat: one word changed, same numbers
    ((BASE, BASE.replace("укреплению", "усилению")), [None, 0]),
    # a sentence added at the end is still the same paragraph when it is short
    ((BASE, BASE + " Это важно."), [None, 0]),
    # differing in a number: a different statement, never a duplicate
    (("В форуме участвовали более 40 специалистов из десяти регионов страны и зарубежья.",
      "В форуме участвовали более 50 специалистов из десяти регионов страны и зарубежья."),
     [None, None]),
    # short repeated lines are duplicates only when exactly equal
    (("Контакты:", "Текст.", "Контакты:"), [None, None, 0]),
])
def test_duplicates(paragraphs, expected):
    assert duplicates(*paragraphs) == expected


def test_similarity_is_reported():
    doc = segment(normalize(Document("\n".join([BASE, "Другое.", BASE]))))
    mark_duplicate_paragraphs(doc)
    assert doc.paragraphs[2].similarity == 1.0
    assert doc.paragraphs[0].similarity is None


def test_key():
    assert paragraph_key("«Ёлка» — ЁЖ!") == paragraph_key('"елка" - еж')
