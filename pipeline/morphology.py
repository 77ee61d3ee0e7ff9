"""Morphology: lemmas and grammemes from pymorphy3, cached per word form.

``Morphology`` is the only adapter to pymorphy3; the document keeps plain strings
(lemma, part of speech, tag), never pymorphy objects.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Iterable, Sequence

from .doc import Document

CYRILLIC = re.compile(r"[а-яё]", re.I)
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "acc2", "loc2")
# Word forms kept parsed. An entry costs about 1.2 KB (pymorphy3's Parse tuples), and
# a stream of news keeps meeting new forms: 50,000 (~60 MB) catch the frequent ones
# while a worker's memory stays flat however many documents it reads.
PARSE_CACHE_SIZE = 50_000


class Morphology:
    """pymorphy3 behind caches; rules call ``parse``, ``lemmas``, ``to_nominative``.

    Every answer is a pure function of its arguments, so each public method is
    cached per word (or phrase): a rule may ask again instead of keeping the answer.
    """

    def __init__(self, cache_size: int = PARSE_CACHE_SIZE):
        import pymorphy3

        self.analyzer = pymorphy3.MorphAnalyzer()
        cached = functools.lru_cache(maxsize=cache_size)
        self.parse = cached(self._parse)
        self._lemma = cached(self._lemma_uncached)
        self._lemmas = cached(self._lemmas_uncached)
        self._has_tag = cached(self._has_tag_uncached)
        self._nominative = cached(self._nominative_uncached)
        self.token_tags = cached(self._token_tags)

    def _parse(self, word: str) -> tuple:
        """All pymorphy3 analyses of a lower-cased word form."""
        try:
            return tuple(self.analyzer.parse(word))
        except ValueError:
            # pymorphy3 asks unicodedata for every letter's name; a few letters have none
            # ("𗀀", Tangut): read them as the replacement character
            named = "".join(c if unicodedata.name(c, None) else "\ufffd" for c in word)
            return tuple(self.analyzer.parse(named))

    def best(self, word: str):
        """The most likely analysis of ``word``."""
        return self.parse(word.lower())[0]

    def lemma(self, word: str) -> str:
        """The most likely normal form, ё folded to е."""
        return self._lemma(word.lower())

    def _lemma_uncached(self, word: str) -> str:
        return self.parse(word)[0].normal_form.replace("ё", "е")

    def lemmas(self, word: str, pos: Iterable[str] | None = None) -> set[str]:
        """Every normal form of ``word`` (for the given parts of speech), ё folded to е."""
        # a new set each call: the caller may change it, the cache must not change
        return set(self._lemmas(word.lower(), None if pos is None else tuple(pos)))

    def _lemmas_uncached(self, word: str, pos: tuple[str, ...] | None) -> frozenset[str]:
        wanted = set(pos) if pos is not None else None
        return frozenset(p.normal_form.replace("ё", "е") for p in self.parse(word)
                         if wanted is None or p.tag.POS in wanted)

    def has_tag(self, word: str, grammeme: str, min_score: float = 0.0) -> bool:
        """True if an analysis of ``word`` with at least ``min_score`` carries ``grammeme``."""
        return self._has_tag(word.lower(), grammeme, min_score)

    def _has_tag_uncached(self, word: str, grammeme: str, min_score: float) -> bool:
        return any(grammeme in p.tag and p.score >= min_score for p in self.parse(word))

    def _token_tags(self, word: str) -> tuple[str, str | None, str]:
        """(lemma, part of speech, tag) of the most likely analysis, for a token."""
        p = self.best(word)
        return p.normal_form.replace("ё", "е"), (str(p.tag.POS) if p.tag.POS else None), str(p.tag)

    def to_nominative(self, words: Sequence[str]) -> str:
        """A phrase in the nominative: "Нижнем Новгороде" -> "Нижний Новгород".

        Only Cyrillic words that inflect change; a case shared by the phrase's words
        is preferred, so an adjective and its noun stay in agreement.
        """
        # the gazetteer asks for the same places over and over: "Москве", "России"
        return self._nominative(tuple(words))

    def _nominative_uncached(self, words: tuple[str, ...]) -> str:
        cyr = [w for w in words if CYRILLIC.search(w)]
        shared_cases = None
        for w in cyr:
            cases = {p.tag.case for p in self.parse(w.lower()) if p.tag.case}
            shared_cases = cases if shared_cases is None else shared_cases & cases
        out = []
        for w in words:
            out.append(self._word_to_nominative(w, shared_cases or set()) if CYRILLIC.search(w) else w)
        return " ".join(out)

    def _word_to_nominative(self, word: str, cases: set[str]) -> str:
        if "-" in word:
            # "Ростове-на-Дону": only the first part inflects; "Нью-Йорке": only the last
            head, _, rest = word.partition("-")
            if rest.lower().startswith(("на-", "в-", "над-", "под-", "де-", "ла-")):
                return copy_case(self._word_to_nominative(head, cases), head) + "-" + rest
        parses = self.parse(word.lower())
        # a capitalised noun reads as a name first: "Германия" is the country, not the
        # genitive of "германий"; an adjective ("Красноярском крае") keeps its reading
        names = {"Geox", "Name", "Surn", "Patr", "Orgn"}
        proper = word[:1].isupper() and any(p.tag.POS == "NOUN" and names & p.tag.grammemes
                                            for p in parses)
        ranked = sorted(parses, key=lambda p: (
            proper and p.tag.POS == "NOUN" and not (names & p.tag.grammemes),
            p.tag.case not in cases, -p.score))
        for p in ranked:
            if p.tag.case in (None, "nomn") and p.tag.POS in ("NOUN", "ADJF", "PRTF"):
                return word
            if p.tag.POS in ("NOUN", "ADJF", "PRTF"):
                target = {"nomn"}
                if p.tag.number == "plur" and "Pltm" not in p.tag and p.tag.POS == "NOUN":
                    target.add("plur")
                form = p.inflect(target)
                if form is not None:
                    return copy_case(form.word, word)
        return word


def copy_case(new: str, old: str) -> str:
    """Give ``new`` the capitalisation pattern of ``old``."""
    if old.isupper() and len(old) > 1:
        return new.upper()
    if old[:1].isupper():
        # keep inner capitals of hyphenated names: "Нью-Йорке" -> "Нью-Йорк"
        parts_old, parts_new = old.split("-"), new.split("-")
        if len(parts_old) == len(parts_new):
            return "-".join(n[:1].upper() + n[1:] if o[:1].isupper() else n
                            for o, n in zip(parts_old, parts_new))
        return new[:1].upper() + new[1:]
    return new


def tag_morphology(doc: Document, resources) -> Document:
    """Stage: give every token its lemma, part of speech and grammemes."""
    token_tags = resources.morph.token_tags
    for token in doc.tokens:
        word = token.norm
        if not any(c.isalpha() for c in word):
            continue
        token.lemma, token.pos, token.tag = token_tags(word)
    return doc
