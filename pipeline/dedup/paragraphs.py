"""Repeated paragraphs inside a document: ``duplicate_of`` the first, or a conflict.

A paragraph equal to an earlier one after folding (case, ё/е, quotes, dashes,
punctuation, whitespace), or nearly equal (a typo or two, a sentence added, dropped
or moved), is marked ``duplicate_of`` it with a ``similarity``; the event stage skips
duplicate paragraphs, so nothing in them counts twice. A paragraph that reads like an
earlier one but states another number, date, name or place is not a duplicate: it is
marked ``conflict_with`` that paragraph, with the differing values, the document gets
a warning, and the event stage still reads it.
"""

from __future__ import annotations

from ..doc import Document, Paragraph
from .compare import EXACT, Comparison, Conflict, Prepared, TextComparer, text_key

MIN_WORDS_FOR_NEAR = 5  # short lines ("Контакты:", "Фото: пресс-служба") repeat legitimately
MIN_COMMON = 0.5        # share of the shorter paragraph's words an earlier one must hold

# Entity types that say more precisely which fact differs ("name" -> "city").
ENTITY_KINDS = {"CITY": "city", "COUNTRY": "country", "LOCATION": "place", "PERSON": "name",
                "ORGANIZATION": "name", "DATE": "date", "COUNT": "number"}


def paragraph_key(text: str) -> str:
    """A paragraph folded for comparison: "«Ёлка» — 5" and '"елка" - 5' agree."""
    return text_key(text)


def mark_duplicate_paragraphs(doc: Document, resources=None) -> Document:
    """Stage: set ``duplicate_of``/``similarity`` on repeats, ``conflict_with``/``conflicts`` on
    paragraphs that repeat another with a different fact."""
    if not doc.paragraphs:
        return doc
    comparer = None
    sentences = _sentences_by_paragraph(doc)
    first_by_key: dict[str, int] = {}
    originals: list[tuple[int, set[str], _Lazy]] = []  # (index, words, prepared when needed)
    for i, p in enumerate(doc.paragraphs):
        text = doc.text[p.start:p.end]
        key = paragraph_key(text)
        if not key:
            continue
        if key in first_by_key:
            _mark_duplicate(p, first_by_key[key], EXACT)
            continue
        words = key.split()
        if len(words) < MIN_WORDS_FOR_NEAR:
            first_by_key[key] = i
            continue
        if comparer is None:
            comparer = _comparer(resources)
        # prepared (split into sentences and words) only once a comparison needs it:
        # most paragraphs share too few words with every earlier one to be compared
        prepared = _Lazy(comparer, text, sentences.get(i))
        found = _best_match(comparer, prepared, set(words), originals)
        if found is not None and found[1].duplicate:
            _mark_duplicate(p, *found)
            continue
        first_by_key[key] = i
        originals.append((i, set(words), prepared))
        if found is not None:
            _mark_conflict(doc, i, *found)
    return doc


class _Lazy:
    """A paragraph's ``Prepared`` form, made on first use."""

    __slots__ = ("comparer", "text", "sentences", "_prepared")

    def __init__(self, comparer: TextComparer, text: str, sentences):
        self.comparer, self.text, self.sentences = comparer, text, sentences
        self._prepared: Prepared | None = None

    def get(self) -> Prepared:
        if self._prepared is None:
            self._prepared = self.comparer.prepare(self.text, self.sentences)
        return self._prepared


def _best_match(comparer: TextComparer, prepared: "_Lazy", words: set[str],
                originals: list[tuple[int, set[str], "_Lazy"]]) -> tuple[int, Comparison] | None:
    """The earlier paragraph this one duplicates (best similarity), else the one it conflicts with."""
    best_dup: tuple[int, Comparison] | None = None
    best_conflict: tuple[int, Comparison] | None = None
    for j, other_words, other in originals:
        if len(words & other_words) < MIN_COMMON * min(len(words), len(other_words)):
            continue
        c = comparer.compare(other.get(), prepared.get())
        if c.duplicate and (best_dup is None or c.similarity > best_dup[1].similarity):
            best_dup = (j, c)
        elif c.conflicting and (best_conflict is None or c.alike > best_conflict[1].alike):
            best_conflict = (j, c)
    return best_dup or best_conflict


def _mark_duplicate(p: Paragraph, original: int, c: Comparison) -> None:
    p.duplicate_of, p.similarity = original, c.similarity


def _mark_conflict(doc: Document, i: int, original: int, c: Comparison) -> None:
    p, o = doc.paragraphs[i], doc.paragraphs[original]
    conflicts = [_refine(doc, x, o.start, p.start) for x in c.conflicts]
    p.conflict_with, p.similarity = original, c.similarity
    p.conflicts = [x.to_dict() for x in conflicts]
    what = "; ".join(x.describe() for x in conflicts)
    doc.warnings.append(f"paragraph {i} repeats paragraph {original} but differs: {what}")


def _refine(doc: Document, c: Conflict, offset_a: int, offset_b: int) -> Conflict:
    """The conflict with its kind taken from an entity under it, when one is there."""
    for span, offset in zip(c.spans, (offset_a, offset_b)):
        if span is None:
            continue
        start, end = span[0] + offset, span[1] + offset
        for e in doc.entities:
            if e.start < end and start < e.end and e.type in ENTITY_KINDS:
                kind = ENTITY_KINDS[e.type]
                # an entity refines a name or place; a number inside a DATE is a date
                if c.kind in ("name", "place") or (c.kind == "number" and kind == "date"):
                    return Conflict(kind, c.values, c.spans)
                return c
    return c


def _sentences_by_paragraph(doc: Document) -> dict[int, list[tuple[int, int]]]:
    """Spans of each paragraph's sentences relative to it, when segmentation found them."""
    out: dict[int, list[tuple[int, int]]] = {}
    for s in doc.sentences:
        p = doc.paragraphs[s.paragraph] if 0 <= s.paragraph < len(doc.paragraphs) else None
        if p is not None and p.start <= s.start and s.end <= p.end:
            out.setdefault(s.paragraph, []).append((s.start - p.start, s.end - p.start))
    return out


def _comparer(resources) -> TextComparer:
    if resources is None:
        from ..resources import Resources

        resources = Resources.shared()
    return TextComparer(resources.morph)
