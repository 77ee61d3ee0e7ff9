"""Compare two texts: how much of them is the same, and which facts differ.

The texts are split into sentences and words; each sentence of one is paired with
the sentence of the other it reads most like (so reordered sentences still pair),
and paired sentences are aligned word by word. A word that differs by a typo or
by its ending counts as the same word; a number, a date, a name or a place that
differs is a ``Conflict``. Sentences left unpaired are sentences added or dropped.

Words are folded before comparing: NFKC, lower case, ё -> е, punctuation, quotes
and dashes dropped, so «Ёлка» — 5 and "елка" - 5 read the same.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, Iterator, Sequence


# Marks inside a word that no copy of it needs: soft hyphens, zero-width characters,
# stress accents ("за\u0301мок" = "замок", "пресс\u00adрелиз" = "прессрелиз")
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\u0300\u0301"
WORD = re.compile(rf"\w+(?:[{INVISIBLE}]+\w*)*", re.U)
_DROP_INVISIBLE = str.maketrans("", "", INVISIBLE)
# A sentence ends at . ! ? … before a capital, a digit or an opening quote, and at a line
# break before one (a headline has no full stop). Both texts of a pair are split alike,
# whatever their layout, which matters more here than razdel's care with "т. е."
SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[»\"')]*\s+(?=[«\"(]*[A-ZА-ЯЁ0-9])"
                            r"|[ \t\r]*\n\s*(?=[«\"(]*[A-ZА-ЯЁ0-9])")
ROMAN = re.compile(r"^[IVXLCDM]+$")          # "XV форум" -> an edition number
YEAR = re.compile(r"^(1[89]|20)\d\d(г|гг)?$")  # "2024 года", "2024г."
LATIN = re.compile(r"[A-Za-z]")

# Lemmas that make a word a date or a number even in lower case.
MONTHS = frozenset("январь февраль март апрель май июнь июль август сентябрь октябрь "
                   "ноябрь декабрь".split())                  # "12 марта" / "12 мая"
WEEKDAYS = frozenset("понедельник вторник среда четверг пятница суббота "
                     "воскресенье".split())                    # "во вторник"
YEAR_WORDS = frozenset({"год", "г"})                          # "2024 года", "2024 г."
NUMBER_NOUNS = frozenset({"тысяча", "миллион", "миллиард", "десяток", "сотня", "дюжина"})
# pymorphy3 grammemes of proper names: a capital at a sentence start is a name only with one
PROPER = ("Name", "Surn", "Patr", "Geox", "Orgn", "Trad")

# When two texts are the same: Dice over aligned words at least NEAR, or one is almost
# all inside the other (CONTAINED) and they still share half their words (HALF).
NEAR = 0.8
CONTAINED = 0.9
HALF = 0.5
SENTENCE_PAIR_MIN = 0.5  # two sentences sharing less than this are different sentences
# A differing fact is a short run of words ("40" / "50", "в Казани" / "в Нижнем Новгороде");
# a longer run is a passage added or reworded, not a fact changed.
MAX_FACT_WORDS = 4

# Kinds of fact, most specific first: a conflict names the first kind it holds.
KIND_ORDER = ("date", "number", "city", "country", "place", "name")


def fold(word: str) -> str:
    """A word (or a text) folded for comparison: "Ёлка" -> "елка"."""
    return unicodedata.normalize("NFKC", word.translate(_DROP_INVISIBLE)).lower().replace("ё", "е")


# words repeat within and across documents: folding each form once spares half the stage
_fold_word = functools.lru_cache(maxsize=65536)(fold)


def text_key(text: str) -> str:
    """A text folded for exact comparison: "«Ёлка» — ЁЖ!" and '"елка" - еж' agree."""
    return " ".join(WORD.findall(fold(text)))


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein (adjacent swaps) distance, or ``limit + 1`` once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def split_sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the sentences of ``text``, surrounding whitespace trimmed."""
    pos = 0
    for m in SENTENCE_BREAK.finditer(text):
        yield pos, m.start()
        pos = m.end()
    yield pos, len(text)


def typo_limit(word: str) -> int:
    """Edits a typo may make in a word of this length: none in "в", one in "форум", two beyond."""
    return 0 if len(word) <= 3 else 1 if len(word) <= 6 else 2


@dataclass(slots=True)
class Word:
    """A word of a prepared text: offsets into it, its folded key, and whether it starts a sentence."""

    start: int
    end: int
    text: str
    key: str
    initial: bool


@dataclass(slots=True)
class Prepared:
    """A text split into sentences of words, ready to compare many times."""

    text: str
    sentences: list[list[Word]]

    @property
    def size(self) -> int:
        """Number of words."""
        return sum(len(s) for s in self.sentences)

    def keys(self) -> set[str]:
        """The set of folded words."""
        return {w.key for s in self.sentences for w in s}


@dataclass(frozen=True, slots=True)
class Conflict:
    """A fact that differs between two texts that otherwise read alike.

    ``values`` are the words as written in the first and the second text ("" when one
    text leaves the fact out); ``spans`` their offsets in each text.
    """

    kind: str
    values: tuple[str, str]
    spans: tuple[tuple[int, int] | None, tuple[int, int] | None]

    def to_dict(self) -> dict[str, Any]:
        """``{"kind": "number", "values": ["40", "50"]}``."""
        return {"kind": self.kind, "values": list(self.values)}

    def describe(self) -> str:
        """'number "40" vs "50"'."""
        return f'{self.kind} "{self.values[0]}" vs "{self.values[1]}"'


@dataclass(frozen=True, slots=True)
class Comparison:
    """How two texts compare.

    ``similarity``: Dice coefficient over aligned words (typos count as the same word);
    ``containment``: the share of the shorter text found in the longer; ``alike``: the
    similarity the texts would have if their differing facts agreed; ``added_facts``:
    names, numbers or dates the second text adds inside a sentence both share
    ("Соколов открыл форум" -> "Министр культуры Андрей Соколов открыл форум"), which a
    duplicate would lose.
    """

    similarity: float
    containment: float
    alike: float
    alike_containment: float
    conflicts: tuple[Conflict, ...] = ()
    added_facts: int = 0

    @property
    def duplicate(self) -> bool:
        """Same text, up to typos, punctuation and a sentence added, dropped or moved."""
        return not self.conflicts and not self.added_facts and _same(self.similarity, self.containment)

    @property
    def conflicting(self) -> bool:
        """Reads like the same text but states a different fact."""
        return bool(self.conflicts) and self.similarity >= HALF and _same(self.alike, self.alike_containment)


def _sentence_shaped(text: Prepared, first: Word, last: Word) -> bool:
    """A run of words that starts with a capital and ends at a full stop."""
    return first.text[:1].isupper() and text.text[last.end:last.end + 3].lstrip("»\"')")[:1] in (
        ".", "!", "?", "…")


def _inside(sentences: list[list[Word]], paired: set[int], others: list[list[Word]]) -> int:
    """Words of the unpaired ``sentences`` (three words or more) found verbatim inside one of ``others``."""
    haystacks = [f" {' '.join(w.key for w in s)} " for s in others]
    found = 0
    for i, s in enumerate(sentences):
        if i not in paired and len(s) >= 3:
            needle = f" {' '.join(w.key for w in s)} "
            if any(needle in h for h in haystacks):
                found += len(s)
    return found


def _has_digit(key: str) -> bool:
    return any(c.isdigit() for c in key)


def _numbers(keys: list[str]) -> list[str]:
    return [k for k in keys if _has_digit(k)]


def _same(similarity: float, containment: float) -> bool:
    return similarity >= NEAR or (containment >= CONTAINED and similarity >= HALF)


EXACT = Comparison(1.0, 1.0, 1.0, 1.0)


class TextComparer:
    """Compares prepared texts; ``morph`` (pipeline.morphology.Morphology) tells a
    typo from another name: "Омск" / "Томск" are both real words, "Бритаский" is none."""

    def __init__(self, morph):
        self.morph = morph

    def prepare(self, text: str, sentences: Sequence[tuple[int, int]] | None = None) -> Prepared:
        """Split ``text`` into sentences (unless their spans are given) and words."""
        spans = sentences if sentences is not None else list(split_sentences(text))
        out = []
        for start, stop in spans:
            words = [Word(m.start(), m.end(), m.group(), _fold_word(m.group()), False)
                     for m in WORD.finditer(text, start, stop)]
            if words:
                words[0].initial = True
                out.append(words)
        return Prepared(text, out)

    def compare(self, a: Prepared, b: Prepared) -> Comparison:
        """Compare ``b`` with the earlier text ``a``."""
        la, lb = a.size, b.size
        if not la or not lb:
            return Comparison(0.0, 0.0, 0.0, 0.0)
        matched = 0.0
        factual = added = 0
        conflicts: list[Conflict] = []
        known = a.keys()
        pairs = self._pair_sentences(a.sentences, b.sentences)
        aligned = [([pairs[j]], [j]) for j in sorted(pairs)]
        aligned += self._gaps(pairs, len(a.sentences), len(b.sentences))
        for ia, jb in aligned:
            m, f, c, n = self._align(a, [w for i in ia for w in a.sentences[i]],
                                     b, [w for j in jb for w in b.sentences[j]], known)
            matched += m
            factual += f
            conflicts += c
            added += n
        # a sentence left over on one side may sit whole inside a sentence of the other,
        # where a line break or a full stop went missing: "Заголовок Текст." / "Заголовок\nТекст."
        matched += _inside(a.sentences, {i for ia, _ in aligned for i in ia}, b.sentences)
        matched += _inside(b.sentences, {j for _, jb in aligned for j in jb}, a.sentences)
        matched = min(matched, la, lb)
        alike = min(matched + factual, min(la, lb))
        return Comparison(similarity=round(2 * matched / (la + lb), 3),
                          containment=round(matched / min(la, lb), 3),
                          alike=round(2 * alike / (la + lb), 3),
                          alike_containment=round(alike / min(la, lb), 3),
                          conflicts=tuple(conflicts), added_facts=added)

    # -- sentences -------------------------------------------------------------------

    def _pair_sentences(self, sa: list[list[Word]], sb: list[list[Word]]) -> dict[int, int]:
        """Greedy one-to-one pairing of sentences, equal ones first, then best pairs: the
        index in ``sa`` for each paired index in ``sb``."""
        keys_a = [[w.key for w in s] for s in sa]
        keys_b = [[w.key for w in s] for s in sb]
        used_a: set[int] = set()
        pairs: dict[int, int] = {}
        # equal sentences, nearest first: a short one ("375.") may occur twice
        where_a: dict[tuple[str, ...], list[int]] = {}
        for i, ka in enumerate(keys_a):
            where_a.setdefault(tuple(ka), []).append(i)
        equal = []
        for j, kb in enumerate(keys_b):
            at = where_a.get(tuple(kb), [])
            k = bisect.bisect_left(at, j)
            equal += [(abs(i - j), i, j) for i in at[max(0, k - 2):k + 2]]  # the nearest few
        equal.sort()
        for _, i, j in equal:
            if i not in used_a and j not in pairs:
                used_a.add(i)
                pairs[j] = i
        sets_a = [set(k) for k in keys_a]
        numbers_a = [_numbers(k) for k in keys_a]
        scored = []
        for j, kb in enumerate(keys_b):
            if j in pairs:
                continue
            set_b = set(kb)
            for i, ka in enumerate(keys_a):
                if i in used_a:
                    continue
                # a cheap bound first: the ratio cannot beat the share of common words
                common = len(sets_a[i] & set_b)
                if 2 * common < SENTENCE_PAIR_MIN * (len(sets_a[i]) + len(set_b)) * 0.75:
                    continue
                ratio = SequenceMatcher(None, ka, kb, autojunk=False).ratio()
                if ratio >= SENTENCE_PAIR_MIN:
                    # of two near-equal candidates, the one with the same numbers: a typo'd
                    # copy of "около 300 зрителей" before "около 700 зрителей"
                    scored.append((-round(ratio, 2), numbers_a[i] != _numbers(kb), abs(i - j), i, j))
        scored.sort()
        for *_, i, j in scored:
            if i not in used_a and j not in pairs:
                used_a.add(i)
                pairs[j] = i
        return pairs

    @staticmethod
    def _gaps(pairs: dict[int, int], na: int, nb: int) -> list[tuple[list[int], list[int]]]:
        """Unpaired sentences of both texts between the same paired neighbours: a passage
        rewritten in place ("Участников 40." / "Участников 50." are too short to pair)."""
        paired_a = set(pairs.values())
        gaps = []
        j = 0
        while j < nb:
            if j in pairs:
                j += 1
                continue
            start = j
            while j < nb and j not in pairs:
                j += 1
            before = pairs.get(start - 1, -1 if start == 0 else None)
            after = pairs.get(j, na if j == nb else None)
            if before is None or after is None or after <= before + 1:
                continue
            run_a = list(range(before + 1, after))
            if not paired_a.intersection(run_a):
                gaps.append((run_a, list(range(start, j))))
        return gaps

    # -- words -----------------------------------------------------------------------

    def _align(self, a: Prepared, sa: list[Word], b: Prepared, sb: list[Word], known: set[str]):
        """Matched words, words in differing facts, the conflicts, and the facts ``sb`` adds
        (that ``a`` has nowhere: ``known`` are its words), of two paired sentences."""
        if len(sa) == len(sb) and all(x.key == y.key for x, y in zip(sa, sb)):
            return float(len(sa)), 0, [], 0
        matched = 0.0
        factual = added = 0
        conflicts = []
        ops = SequenceMatcher(None, [w.key for w in sa], [w.key for w in sb], autojunk=False)
        for tag, i1, i2, j1, j2 in ops.get_opcodes():
            if tag == "equal":
                matched += i2 - i1
                continue
            wa, wb = sa[i1:i2], sb[j1:j2]
            if len(wa) == len(wb):
                same = [self.same_word(sa, i1 + k, sb, j1 + k) for k in range(len(wa))]
                # a misspelt word is the same word, a little less so: "специалитов" 0.92
                matched += sum(1 - edit_distance(x.key, y.key, len(x.key) + len(y.key))
                               / max(len(x.key), len(y.key))
                               for x, y, ok in zip(wa, wb, same) if ok)
                # the differing words, in runs: "12 марта" -> "15 апреля" is one conflict
                run: list[int] = []
                for k, ok in enumerate(same + [True]):
                    if not ok:
                        run.append(k)
                    elif run:
                        c = self._conflict(a, sa, i1 + run[0], i1 + run[-1] + 1,
                                           b, sb, j1 + run[0], j1 + run[-1] + 1)
                        if c is not None:
                            conflicts.append(c)
                            factual += len(run)
                        elif self._adds_fact(b, sb, [j1 + k for k in run], known):
                            added += 1  # a reworded passage with facts of its own
                        run = []
                continue
            c = self._conflict(a, sa, i1, i2, b, sb, j1, j2) if wa and wb else None
            if c is not None:
                conflicts.append(c)
                factual += max(len(wa), len(wb))
            elif self._adds_fact(b, sb, range(j1, j2), known):
                # words only the second has are added, not contradicted, but a duplicate
                # would lose them: "40 специалистов" -> "40 специалистов из 12 стран"
                added += 1
        return matched, factual, conflicts, added

    def same_word(self, sa: list[Word], i: int, sb: list[Word], j: int) -> bool:
        """Two differing words are the same word misspelt or inflected, not another fact."""
        a, b = sa[i], sb[j]
        if _has_digit(a.key) or _has_digit(b.key):
            return False  # "40" / "50", "2001г" / "2000г": a typo in a number is a new number
        limit = typo_limit(max(a.key, b.key, key=len))
        close = edit_distance(a.key, b.key, limit) <= limit
        if self.fact_kind(sa, i) is None and self.fact_kind(sb, j) is None:
            return close  # "специалистов" / "специалитов"
        if self._lemmas(a.key) & self._lemmas(b.key):
            return True  # "Казани" / "Казань"
        if not close:
            return False
        if self._person_name(a.key) and self._person_name(b.key):
            # the dictionary lists misspellings of first names ("Андей") as names of their
            # own: one letter off in a long name is a typo, two are another person
            return edit_distance(a.key, b.key, 1) <= 1 and min(len(a.key), len(b.key)) >= 5
        # a misspelt word is no word at all; "Омск" / "Томск" are two real cities
        return not (self._known_word(a.key) and self._known_word(b.key))

    def _adds_fact(self, text: Prepared, words: list[Word], indices: Sequence[int],
                   known: set[str]) -> bool:
        """True if these words hold a fact the other text never states, unless they are a
        whole sentence the splitter did not part from its neighbour ("...итогами В форуме
        участвовали 40 человек."): a sentence added is still a near repeat."""
        if len(indices) > MAX_FACT_WORDS and _sentence_shaped(text, words[indices[0]], words[indices[-1]]):
            return False
        return any(words[j].key not in known and self.fact_kind(words, j) for j in indices)

    def fact_kind(self, words: list[Word], i: int) -> str | None:
        """The kind of fact word ``i`` of a sentence states, or None for an ordinary word."""
        w = words[i]
        if _has_digit(w.key):
            near = [words[k].key for k in (i - 1, i + 1) if 0 <= k < len(words)]
            if any(self._lemmas(k) & MONTHS for k in near):
                return "date"  # "12 марта"
            if YEAR.match(w.key) and (not w.key.isdigit() or i + 1 < len(words)
                                      and self._lemmas(words[i + 1].key) & YEAR_WORDS):
                return "date"  # "2024 года", "2024г."
            return "number"
        if ROMAN.match(w.text) and (len(w.text) > 1 or not w.initial):
            return "number"  # "XV форум"
        if LATIN.search(w.text):
            return "name" if w.text[:1].isupper() or w.text.isupper() else None
        best = self._best(w.key)
        if best is None:
            return None
        lemma, tag = best
        if lemma in MONTHS or lemma in WEEKDAYS:
            return "date"
        if "NUMR" in tag or "Anum" in tag or lemma in NUMBER_NOUNS:
            return "number"  # "трех делегатов", "пятый форум"
        if w.text[:1].isupper() and (not w.initial or any(g in tag for g in PROPER)):
            return "place" if "Geox" in tag else "name"
        return None

    def _conflict(self, a: Prepared, sa: list[Word], i1: int, i2: int,
                  b: Prepared, sb: list[Word], j1: int, j2: int) -> Conflict | None:
        if max(i2 - i1, j2 - j1) > MAX_FACT_WORDS:
            return None
        kinds = {k for k in (self.fact_kind(sa, i) for i in range(i1, i2)) if k}
        kinds |= {k for k in (self.fact_kind(sb, j) for j in range(j1, j2)) if k}
        if not kinds:
            return None  # a reworded phrase, not a different fact
        kind = next(k for k in KIND_ORDER if k in kinds)
        if kind == "date":
            i1, i2 = self._widen_date(sa, i1, i2)
            j1, j2 = self._widen_date(sb, j1, j2)
        span_a = (sa[i1].start, sa[i2 - 1].end) if i2 > i1 else None
        span_b = (sb[j1].start, sb[j2 - 1].end) if j2 > j1 else None
        return Conflict(kind,
                        (a.text[slice(*span_a)] if span_a else "", b.text[slice(*span_b)] if span_b else ""),
                        (span_a, span_b))

    def _widen_date(self, words: list[Word], i1: int, i2: int) -> tuple[int, int]:
        """The run of date words around ``words[i1:i2]``: "15" -> "15 марта 2024 года"."""
        if i2 <= i1:
            return i1, i2
        while i1 > 0 and self._date_word(words, i1 - 1):
            i1 -= 1
        while i2 < len(words) and self._date_word(words, i2):
            i2 += 1
        return i1, i2

    def _date_word(self, words: list[Word], i: int) -> bool:
        return self.fact_kind(words, i) == "date" or bool(self._lemmas(words[i].key) & YEAR_WORDS)

    # -- morphology, cached ------------------------------------------------------------

    def _best(self, key: str) -> tuple[str, Any] | None:
        if self.morph is None:
            return None
        p = self.morph.parse(key)[0]
        return p.normal_form.replace("ё", "е"), p.tag

    def _lemmas(self, key: str) -> set[str]:
        if self.morph is None:
            return {key}
        return {p.normal_form.replace("ё", "е") for p in self.morph.parse(key)} | {key}

    def _person_name(self, key: str) -> bool:
        best = self._best(key)
        return best is not None and any(g in best[1] for g in ("Name", "Surn", "Patr"))

    def _known_word(self, key: str) -> bool:
        return self.morph is not None and any(p.is_known for p in self.morph.parse(key))
