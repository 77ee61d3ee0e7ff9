"""Deduplicate: paragraphs that repeat an earlier one are marked ``duplicate_of`` it.

Two paragraphs are the same when they are equal after folding case, ё/е, quotes,
dashes, punctuation and whitespace, or nearly the same (word-bigram Jaccard
similarity at least ``NEAR_THRESHOLD``) with the same numbers in both: a paragraph
that differs in a number is a different statement, never a duplicate. Downstream
stages skip duplicate paragraphs, so nothing in them counts twice.
"""

from __future__ import annotations

import re
import unicodedata

from .doc import Document

NEAR_THRESHOLD = 0.75
MIN_WORDS_FOR_NEAR = 8  # short lines ("Контакты:") repeat legitimately; only exact counts
WORD = re.compile(r"\w+", re.U)
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


def paragraph_key(text: str) -> str:
    """A paragraph folded for comparison: "«Ёлка» — 5" and '"елка" - 5' agree."""
    text = unicodedata.normalize("NFKC", text).lower().replace("ё", "е")
    return " ".join(WORD.findall(text))


def shingles(words: list[str], size: int = 2) -> set[tuple[str, ...]]:
    """Word n-grams of a paragraph (the words themselves when it is short)."""
    if len(words) < size:
        return {tuple(words)}
    return {tuple(words[i:i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: set, b: set) -> float:
    """|a & b| / |a | b|, 0 for two empty sets."""
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def mark_duplicate_paragraphs(doc: Document, resources=None) -> Document:
    """Stage: set ``duplicate_of`` (and ``similarity``) on repeated paragraphs."""
    first_by_key: dict[str, int] = {}
    originals: list[tuple[int, set, tuple[str, ...]]] = []  # (index, shingles, numbers)
    for i, p in enumerate(doc.paragraphs):
        key = paragraph_key(doc.text[p.start:p.end])
        if not key:
            continue
        if key in first_by_key:
            p.duplicate_of, p.similarity = first_by_key[key], 1.0
            continue
        words = key.split()
        numbers = tuple(NUMBER.findall(key))
        sh = shingles(words)
        if len(words) >= MIN_WORDS_FOR_NEAR:
            best, best_sim = None, 0.0
            for j, other, other_numbers in originals:
                if other_numbers != numbers:
                    continue
                sim = jaccard(sh, other)
                if sim > best_sim:
                    best, best_sim = j, sim
            if best is not None and best_sim >= NEAR_THRESHOLD:
                p.duplicate_of, p.similarity = best, round(best_sim, 3)
                continue
            originals.append((i, sh, numbers))
        first_by_key[key] = i
    return doc
