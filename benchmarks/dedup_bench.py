"""Benchmark deduplication: precision, recall and time for paragraphs and documents, and a scale run.

Labelled cases are built from any folder of texts: each paragraph (or document) is
copied with one perturbation that keeps it the same text (exact, normalised,
typos, punctuation, a sentence added, dropped or reordered, another layout) or with
one that changes a fact (a hard negative: another number, date, city or name). A
copy of the first kind must be marked a duplicate of its original; one of the
second must not (and should be marked as a conflict).

    python benchmarks/dedup_bench.py                       # data/samples + generated releases
    python benchmarks/dedup_bench.py /tmp/dev_txt --scale 100000
    python benchmarks/dedup_bench.py --only scale --scale 20000

The scale run streams N synthetic documents (10% near copies, 5% exact copies, 3%
hard negatives of earlier ones) through ``CorpusDeduplicator`` and prints the time
and the peak resident memory of the process (``resource.getrusage``).
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import re
import resource
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.batch import available_cores  # noqa: E402
from pipeline.dedup import mark_duplicate_paragraphs  # noqa: E402
from pipeline.dedup.corpus import CorpusDeduplicator  # noqa: E402
from pipeline.doc import Document, Paragraph  # noqa: E402
from pipeline.load import read_file  # noqa: E402
from pipeline.resources import Resources  # noqa: E402
from pipeline.segment import split_paragraphs  # noqa: E402

SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"(\[A-ZА-ЯЁ0-9])")
WORD = re.compile(r"\w+")
CYRILLIC_WORD = re.compile(r"\b[А-Яа-яЁё]{4,}\b")
NUMBER = re.compile(r"(?<![\w.,])\d{1,4}(?![\w.,]\d)")
LETTERS = "абвгдежзийклмнопрстуфхцчшщыэюя"
MIN_WORDS = 5  # paragraphs shorter than this are only ever exact repeats (the stage's rule)

POSITIVE = ("exact", "normalised", "typo1", "typo2", "punctuation", "sentence_added",
            "sentence_dropped", "sentences_reordered", "typo+punctuation", "added+typo")
DOC_POSITIVE = POSITIVE + ("layout",)
NEGATIVE = ("number", "date", "city", "name")

# Written for this benchmark: cities with their case forms come from pymorphy3.
CITIES = ("Казань Самара Пермь Омск Томск Тверь Курск Уфа Иркутск Ярославль Воронеж Саратов Тула "
          "Калуга Мурманск Архангельск Краснодар Новосибирск Красноярск Хабаровск Владивосток "
          "Челябинск Оренбург Псков Смоленск Рязань Астрахань Пенза Липецк Киров").split()
SURNAMES = ("Иванов Петров Смирнов Кузнецов Попов Соколов Лебедев Козлов Новиков Морозов Волков "
            "Алексеев Лебедев Семенов Егоров Павлов Степанов Николаев Орлов Андреев").split()
FIRST_NAMES = "Иван Петр Сергей Андрей Алексей Дмитрий Анна Мария Ольга Елена Наталья Татьяна".split()
MONTHS = ("январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь").split()


# -- text tools ------------------------------------------------------------------------

def sentences(text: str) -> list[str]:
    """Sentences of a paragraph (a light splitter; perturbations only need it roughly)."""
    return [s for s in SENTENCE_END.split(text.strip()) if s]


def read_texts(folders: list[str]) -> list[tuple[str, str]]:
    """(name, text) for every .txt file under the folders, in sorted order."""
    out = []
    for folder in folders:
        for path in sorted(Path(folder).rglob("*.txt")):
            text = read_file(path).text
            if text.strip():
                out.append((str(path.relative_to(folder)), text))
    return out


class Perturber:
    """Makes the copies: ``apply(kind, text)`` returns the perturbed text or None when
    the kind does not apply (no second sentence to drop, no city to change)."""

    def __init__(self, rng: random.Random, morph, donors: list[str]):
        self.rng, self.morph, self.donors = rng, morph, donors

    def apply(self, kind: str, text: str) -> str | None:
        if "+" in kind:
            first, second = kind.split("+")
            names = {"added": "sentence_added", "typo": "typo1"}
            first, second = names.get(first, first), names.get(second, second)
            t = self.apply(first, text)
            return None if t is None else self.apply(second, t)
        return getattr(self, kind)(text)

    # same text -------------------------------------------------------------------------
    def exact(self, text: str) -> str:
        return text

    def normalised(self, text: str) -> str:
        swaps = [("«", '"'), ("»", '"'), ("—", "-"), ("–", "-"), ("ё", "е"), (" ", "  "), ("Ё", "Е")]
        out = text
        for a, b in swaps:
            if self.rng.random() < 0.6:
                out = out.replace(a, b)
        if out == text:  # at least one change: case
            out = out.upper() if self.rng.random() < 0.3 else out[:1].lower() + out[1:] + " "
        if self.rng.random() < 0.5:
            out = out.replace(" ", "\u00a0", 3)
        return out

    def typo1(self, text: str) -> str | None:
        return self._typos(text, 1)

    def typo2(self, text: str) -> str | None:
        return self._typos(text, 2)

    def _typos(self, text: str, n: int) -> str | None:
        words = list(CYRILLIC_WORD.finditer(text))
        if not words:
            return None
        for m in sorted(self.rng.sample(words, min(n, len(words))), key=lambda m: -m.start()):
            text = text[:m.start()] + self._typo(m.group()) + text[m.end():]
        return text

    def _typo(self, word: str) -> str:
        i = self.rng.randrange(1, len(word) - 1)
        op = self.rng.choice(("swap", "drop", "double", "replace"))
        if op == "swap":
            return word[:i] + word[i + 1] + word[i] + word[i + 2:]
        if op == "drop":
            return word[:i] + word[i + 1:]
        if op == "double":
            return word[:i] + word[i] + word[i:]
        new = self.rng.choice([c for c in LETTERS if c != word[i].lower()])
        return word[:i] + new + word[i + 1:]

    def punctuation(self, text: str) -> str:
        out = text
        commas = [m.start() for m in re.finditer(r",(?!\d)", out)]  # "3,5" is a number
        if commas and self.rng.random() < 0.5:
            i = self.rng.choice(commas)
            out = out[:i] + out[i + 1:]
        else:
            words = list(re.finditer(r"\w+(?= )", out))
            if words:
                m = self.rng.choice(words)
                out = out[:m.end()] + "," + out[m.end():]
        if out.rstrip().endswith("."):
            out = out.rstrip()[:-1] + self.rng.choice(("!", "…", ";", ""))
        return out

    def sentence_added(self, text: str) -> str | None:
        """One more sentence, at most half as long as the text (a longer one makes another
        text), after a full stop ("Заголовок" + "Фраза." -> "Заголовок. Фраза.")."""
        limit = max(MIN_WORDS, len(WORD.findall(text)) // 2)
        for _ in range(20):
            donor = self.rng.choice(self.donors)
            if len(WORD.findall(donor)) <= limit:
                break
        else:
            return None
        blocks = self._blocks(text)
        b = self.rng.randrange(len(blocks))
        ss = blocks[b]
        i = self.rng.randrange(len(ss) + 1)
        if i > 0 and not ss[i - 1].rstrip().endswith((".", "!", "?", "…", "»", '"')):
            ss[i - 1] = ss[i - 1].rstrip() + "."
        ss.insert(i, donor)
        return self._join(blocks)

    def sentence_dropped(self, text: str) -> str | None:
        blocks = self._blocks(text)
        spots = [(b, i) for b, ss in enumerate(blocks) for i in range(len(ss)) if len(ss) > 1]
        if sum(len(ss) for ss in blocks) < 3 or not spots:
            return None  # dropping one of two sentences halves a text: a different text
        b, i = self.rng.choice(spots)
        del blocks[b][i]
        return self._join(blocks)

    def sentences_reordered(self, text: str) -> str | None:
        blocks = self._blocks(text)
        spots = [b for b, ss in enumerate(blocks) if len(ss) > 1]
        if not spots:
            return None
        ss = blocks[self.rng.choice(spots)]
        i, j = self.rng.sample(range(len(ss)), 2)
        ss[i], ss[j] = ss[j], ss[i]
        return self._join(blocks)

    @staticmethod
    def _blocks(text: str) -> list[list[str]]:
        """Sentences of each paragraph."""
        return [sentences(text[s:e].replace("\n", " ")) for s, e in split_paragraphs(text)] or [[text]]

    @staticmethod
    def _join(blocks: list[list[str]]) -> str:
        return "\n\n".join(" ".join(ss) for ss in blocks if ss)

    def layout(self, text: str) -> str:
        """The same text as another format extracts it: one line a paragraph, or hard-wrapped."""
        paragraphs = [text[s:e] for s, e in split_paragraphs(text)]
        if self.rng.random() < 0.5:
            return "\n".join(p.replace("\n", " ") for p in paragraphs) + "\n"
        out = []
        for p in paragraphs:
            line, lines = "", []
            for w in p.split():
                if len(line) + len(w) > 70:
                    lines.append(line)
                    line = ""
                line = f"{line} {w}" if line else w
            lines.append(line)
            out.append("\n".join(lines))
        return "\r\n\r\n".join(out).replace("\n", "\r\n").replace("\r\r", "\r")

    # another fact ----------------------------------------------------------------------
    def number(self, text: str) -> str | None:
        numbers = [m for m in NUMBER.finditer(text) if not (1900 <= int(m.group()) <= 2100)]
        if not numbers:
            return None
        m = self.rng.choice(numbers)
        value = int(m.group())
        new = value + self.rng.choice((-1, 1)) * self.rng.randint(1, max(2, value // 2))
        if new <= 0 or new == value:
            new = value + self.rng.randint(1, 9)
        return text[:m.start()] + str(new) + text[m.end():]

    def date(self, text: str) -> str | None:
        spots = []
        for m in CYRILLIC_WORD.finditer(text):
            p = self.morph.parse(m.group().lower())[0]
            if p.normal_form in MONTHS:
                spots.append((m, p))
        years = [m for m in NUMBER.finditer(text) if 1900 <= int(m.group()) <= 2100]
        if not spots and not years:
            return None
        if spots and (not years or self.rng.random() < 0.7):
            m, p = self.rng.choice(spots)
            other = self.rng.choice([x for x in MONTHS if x != p.normal_form])
            form = self._inflect(other, p) or other
            return text[:m.start()] + _cased(form, m.group()) + text[m.end():]
        m = self.rng.choice(years)
        return text[:m.start()] + str(int(m.group()) + self.rng.choice((-2, -1, 1, 2))) + text[m.end():]

    def city(self, text: str) -> str | None:
        return self._replace_proper(text, "Geox", CITIES)

    def name(self, text: str) -> str | None:
        return self._replace_proper(text, "Surn", SURNAMES) or self._replace_proper(text, "Name", FIRST_NAMES)

    def _replace_proper(self, text: str, grammeme: str, pool: tuple | list) -> str | None:
        spots = []
        for m in re.finditer(r"(?<![\w-])[А-ЯЁ][а-яё]{2,}(?![\w-])", text):
            p = self.morph.parse(m.group().lower())[0]
            if grammeme in p.tag and p.score >= 0.3:
                spots.append((m, p))
        if not spots:
            return None
        m, p = self.rng.choice(spots)
        for _ in range(5):
            lemma = self.rng.choice(pool)
            if lemma.lower() == p.normal_form:
                continue
            form = self._inflect(lemma.lower(), p)
            if form and form != m.group().lower():
                return text[:m.start()] + _cased(form, m.group()) + text[m.end():]
        return None

    def _inflect(self, lemma: str, like) -> str | None:
        wanted = {g for g in (like.tag.case, like.tag.number, like.tag.gender) if g}
        for p in self.morph.parse(lemma):
            if p.tag.POS == like.tag.POS:
                for grammemes in (wanted, wanted - {like.tag.gender}, {like.tag.case} - {None}):
                    q = p.inflect(grammemes) if grammemes else None
                    if q is not None:
                        return q.word
        return None


def _cased(form: str, like: str) -> str:
    return form.upper() if like.isupper() and len(like) > 1 else form[:1].upper() + form[1:] \
        if like[:1].isupper() else form


# -- generated releases ------------------------------------------------------------------

KINDS = [("форум", "m"), ("фестиваль", "m"), ("выставка", "f"), ("конференция", "f"),
         ("турнир", "m"), ("ярмарка", "f"), ("конкурс", "m"), ("слет", "m")]
TOPICS = ("молодежный", "книжный", "джазовый", "научный", "спортивный", "городской", "региональный",
          "международный", "детский", "театральный")
NAMES = ("Горизонты", "Вектор", "Точка роста", "Северное сияние", "Волна", "Открытый город",
         "Старт", "Созвездие", "Перспектива", "Диалог", "Маяк", "Импульс")
ORGS = ("Министерство культуры", "администрация города", "Союз молодежи", "Фонд развития регионов",
        "Агентство стратегических инициатив", "Торгово-промышленная палата",
        "Ассоциация дизайнеров", "Университет имени Лобачевского")
SENTENCES = (
    "В {city_loc} {day} {month} {year} года {verb} {ordinal} {topic} {kind} «{name}».",
    "Организатором выступило {org}, партнером стала {org2}.",
    "В мероприятии приняли участие более {n1} человек из {n2} регионов.",
    "Программа включала {n3} лекций, мастер-классы и открытые дискуссии.",
    "Гостей приветствовал {person}, который отметил значение проекта для {city_gen}.",
    "По словам организаторов, в этом году заявок было на {n4} процентов больше, чем в прошлом.",
    "Участники обсудили развитие {field} и поддержку молодых специалистов.",
    "Финал прошел на площадке {venue}, где собрались около {n5} зрителей.",
    "Победителям вручили дипломы и призы от партнеров.",
    "Следующая встреча запланирована на {month2} {year2} года.",
    "Трансляцию посмотрели более {n6} тысяч человек.",
    "Работы участников будут представлены в {city_loc} до конца {month3}.",
    "Особое внимание уделили вопросам {field} и цифровых сервисов.",
    "Всего за {n7} дней прошло {n8} мероприятий.",
)
FIELDS = ("креативных индустрий", "городской среды", "образования", "туризма", "технологий",
          "малого бизнеса", "волонтерства", "экологии")
VENUES = ("Дворца культуры", "городского парка", "технопарка", "центральной библиотеки", "стадиона")
VERBS = {"m": ("прошел", "завершился", "открылся", "состоялся"),
         "f": ("прошла", "завершилась", "открылась", "состоялась")}


def generate_release(rng: random.Random, morph) -> str:
    """A short press release from the templates above with random facts."""
    city = rng.choice(CITIES)
    parse = morph.parse(city.lower())[0]
    forms = {c: (parse.inflect({c}).word if parse.inflect({c}) else city.lower()) for c in ("loct", "gent")}
    kind, gender = rng.choice(KINDS)
    surname = rng.choice(SURNAMES)
    slots = dict(
        city_loc=forms["loct"].capitalize(), city_gen=forms["gent"].capitalize(),
        day=rng.randint(1, 28), month=_month_gen(morph, rng.choice(MONTHS)), year=rng.randint(2015, 2026),
        verb=rng.choice(VERBS[gender]),
        ordinal=f"{rng.randint(1, 30)}-{'й' if gender == 'm' else 'я'}",
        topic=rng.choice(TOPICS) if gender == "m" else rng.choice(TOPICS)[:-2] + "ая",
        kind=kind, name=rng.choice(NAMES), org=rng.choice(ORGS), org2=rng.choice(ORGS),
        n1=rng.randint(20, 3000), n2=rng.randint(2, 80), n3=rng.randint(3, 60), n4=rng.randint(5, 90),
        person=f"{rng.choice(FIRST_NAMES[:6])} {surname}", field=rng.choice(FIELDS),
        venue=rng.choice(VENUES), n5=rng.randint(100, 9000), month2=_month_acc(rng.choice(MONTHS)),
        year2=rng.randint(2016, 2027), n6=rng.randint(2, 900), month3=_month_gen(morph, rng.choice(MONTHS)),
        n7=rng.randint(2, 14), n8=rng.randint(5, 200),
    )
    body = [SENTENCES[0]] + rng.sample(SENTENCES[1:], rng.randint(5, 10))
    paragraphs, i = [], 0
    while i < len(body):
        size = rng.randint(1, 3)
        paragraphs.append(" ".join(s.format(**slots) for s in body[i:i + size]))
        i += size
    return "\n\n".join(paragraphs) + "\n"


def _month_gen(morph, month: str) -> str:
    q = morph.parse(month)[0].inflect({"gent"})
    return q.word if q else month


def _month_acc(month: str) -> str:
    return month  # "на март 2026 года"


# -- paragraphs -----------------------------------------------------------------------------

@dataclass
class Counts:
    """True and false positives, false negatives; and per-kind outcomes."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def bench_paragraphs(texts: list[tuple[str, str]], perturb: Perturber, rng: random.Random,
                     resources: Resources, per_kind: int = 2) -> dict:
    """Paragraph cases: each text with perturbed copies of some of its paragraphs appended."""
    counts = Counts()
    outcome: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    errors: list[str] = []
    elapsed = 0.0
    n_paragraphs = 0
    source_pairs: list[str] = []
    for name, text in texts:
        paragraphs = [text[s:e] for s, e in split_paragraphs(text)]
        # repeats the source text has itself (a headline restated in the lead) are listed
        # apart, not counted: the copies below are what is labelled
        own = Document(text, doc_id=name)
        own.paragraphs = [Paragraph(s, e) for s, e in split_paragraphs(text)]
        mark_duplicate_paragraphs(own, resources)
        natural = {k: p.duplicate_of for k, p in enumerate(own.paragraphs) if p.duplicate_of is not None}
        source_pairs += [f"{name}: {k} duplicate_of {j}: {_diff(paragraphs[j], paragraphs[k])}"
                         for k, j in sorted(natural.items())]
        source_pairs += [f"{name}: {k} conflict_with {p.conflict_with}: {p.conflicts}"
                         for k, p in enumerate(own.paragraphs) if p.conflict_with is not None]
        eligible = [i for i, p in enumerate(paragraphs) if len(WORD.findall(p)) >= MIN_WORDS]
        for kind in POSITIVE + NEGATIVE:
            copies = []
            for i in rng.sample(eligible, len(eligible)):
                new = perturb.apply(kind, paragraphs[i])
                if new is not None and "\n" not in new and new.strip():
                    copies.append((i, new))
                if len(copies) == per_kind:
                    break
            if not copies:
                continue
            # each copy goes somewhere after its original
            order = list(range(len(paragraphs)))
            labels: dict[int, tuple[int, str]] = {}
            body = list(paragraphs)
            for i, new in copies:
                pos = rng.randint(order.index(i) + 1, len(order))
                order.insert(pos, len(body))
                labels[len(body)] = (i, kind)
                body.append(new)
            doc_text = "\n\n".join(body[k] for k in order)
            doc = Document(doc_text, doc_id=f"{name}:{kind}")
            doc.paragraphs = [Paragraph(s, e) for s, e in split_paragraphs(doc_text)]
            if len(doc.paragraphs) != len(order):
                continue  # a copy merged with a neighbour by the splitter: not a clean case
            started = time.perf_counter()
            mark_duplicate_paragraphs(doc, resources)
            elapsed += time.perf_counter() - started
            n_paragraphs += len(order)
            # a copy stands for its original; a source paragraph that repeats another, for that one
            roots = [labels[x][0] if x in labels else x for x in order]
            roots = [natural.get(x, x) for x in roots]
            root = roots.__getitem__
            for k, p in enumerate(doc.paragraphs):
                label = labels.get(order[k])
                said_dup = p.duplicate_of is not None
                right = said_dup and label is not None and root(p.duplicate_of) == root(k)
                if label is None:
                    if said_dup and root(p.duplicate_of) != root(k):
                        counts.fp += 1
                        errors.append(f"{doc.doc_id}: a source paragraph marked duplicate_of another; "
                                      f"{_diff(body[order[p.duplicate_of]], body[order[k]])}")
                    continue
                outcome[label[1]]["n"] += 1
                outcome[label[1]]["duplicate" if right else "conflict" if p.conflict_with is not None
                                  and root(p.conflict_with) == root(k) else "neither"] += 1
                if label[1] in POSITIVE:
                    counts.tp += right
                    counts.fn += not right
                    counts.fp += said_dup and not right
                elif said_dup:
                    counts.fp += 1
                    errors.append(f"{doc.doc_id}: a changed copy marked duplicate_of its original; "
                                  f"{_diff(body[order[p.duplicate_of]], body[order[k]])}")
    return {"counts": counts, "outcome": outcome, "seconds": elapsed, "paragraphs": n_paragraphs,
            "errors": errors, "source_pairs": source_pairs}


def _diff(a: str, b: str) -> str:
    """The words that differ between two texts, for error lines."""
    import difflib

    return " ".join(d for d in difflib.ndiff(a.split(), b.split()) if d[0] in "+-")[:160]


# -- documents -------------------------------------------------------------------------------

def bench_documents(texts: list[tuple[str, str]], perturb: Perturber, rng: random.Random,
                    resources: Resources) -> dict:
    """Document cases: every text, then its perturbed copies in random order."""
    stream: list[tuple[str, str, int | None, str | None]] = []  # (id, text, base, kind)
    for name, text in texts:
        stream.append((name, text, None, None))
    variants = []
    for b, (name, text) in enumerate(texts):
        for kind in DOC_POSITIVE + NEGATIVE:
            k = {"typo1": "typo2", "typo2": "_typo3"}.get(kind, kind)
            new = perturb._typos(text, 3) if k == "_typo3" else perturb.apply(k, text)
            if new is not None:
                variants.append((f"{name}~{kind}", new, b, kind))
    rng.shuffle(variants)
    stream += variants
    ids = {name: i for i, (name, *_rest) in enumerate(stream)}
    counts = Counts()
    outcome: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    errors: list[str] = []
    with tempfile.TemporaryDirectory() as spool, CorpusDeduplicator(resources, spool_dir=spool) as dedup:
        started = time.perf_counter()
        matches = [dedup.add(doc_id, text) for doc_id, text, _, _ in stream]
        elapsed = time.perf_counter() - started

    def root(i: int) -> int:
        return stream[i][2] if stream[i][2] is not None else i

    for (doc_id, _text, base, kind), m in zip(stream, matches):
        said_dup = m is not None and m.duplicate
        right = said_dup and base is not None and root(ids[m.doc_id]) == base
        if kind is not None:
            outcome[kind]["n"] += 1
            outcome[kind]["duplicate" if right else "conflict" if m is not None and not m.duplicate
                          and root(ids[m.doc_id]) == base else "neither"] += 1
        if kind in DOC_POSITIVE:
            counts.tp += right
            counts.fn += not right
            counts.fp += said_dup and not right
            if not right and len(errors) < 8:
                errors.append(f"missed {doc_id}: {m}")
        elif said_dup:
            counts.fp += 1
            if len(errors) < 8:
                errors.append(f"false {doc_id} -> {m.doc_id} ({m.similarity})")
    return {"counts": counts, "outcome": outcome, "seconds": elapsed, "documents": len(stream),
            "errors": errors}


# -- scale ---------------------------------------------------------------------------------------

def synthetic_documents(n: int, texts: list[tuple[str, str]], perturb: Perturber,
                        rng: random.Random) -> Iterator[tuple[str, str, int | None, bool]]:
    """(doc_id, text, index of the document it copies or None, copy is a hard negative).

    Distinct documents are word sequences drawn with the word frequencies of ``texts``
    (so common words are common), 150-600 words in paragraphs; copies come from the
    last 5,000 distinct ones.
    """
    vocabulary = [w for _, t in texts for w in re.findall(r"[^\s]+", t)]
    recent: collections.deque[tuple[int, str]] = collections.deque(maxlen=5000)
    kinds = [k for k in POSITIVE if k != "exact"]
    for i in range(n):
        r = rng.random()
        if recent and r < 0.18:
            j, base = rng.choice(recent)
            if r < 0.05:
                yield f"doc{i:06d}", base, j, False
                continue
            if r < 0.15:
                new = perturb.apply(rng.choice(kinds), base)
                if new is not None:
                    yield f"doc{i:06d}", new, j, False
                    continue
            else:
                new = perturb.number(base)
                if new is not None:
                    yield f"doc{i:06d}", new, j, True
                    continue
        words = rng.choices(vocabulary, k=rng.randint(150, 600))
        words[0] = words[0].capitalize()
        for k in range(rng.randint(8, 20), len(words), rng.randint(8, 20)):
            words[k - 1] = words[k - 1].rstrip(".,") + "."
            words[k] = words[k].capitalize()
        cuts = sorted(rng.sample(range(1, len(words)), 4))
        text = "\n\n".join(" ".join(words[a:b]) for a, b in zip([0] + cuts, cuts + [len(words)]))
        text = NUMBER.sub(lambda m: str(rng.randint(1, 999)), text)
        recent.append((i, text))
        yield f"doc{i:06d}", text, None, False


def bench_scale(n: int, texts: list[tuple[str, str]], perturb: Perturber, rng: random.Random,
                resources: Resources) -> dict:
    """Stream ``n`` synthetic documents through the deduplicator; time it and its memory."""
    before = _max_rss_mb()
    counts = Counts()
    negatives_merged = 0
    elapsed = 0.0
    total_started = time.perf_counter()
    recent: collections.OrderedDict[str, str] = collections.OrderedDict()  # for error lines
    errors: list[str] = []
    quarters = {n * q // 4: 0.0 for q in (1, 2, 3, 4)}  # RSS now (not the peak) as the index grows
    with tempfile.TemporaryDirectory() as spool, CorpusDeduplicator(resources, spool_dir=spool) as dedup:
        for i, (doc_id, text, base, negative) in enumerate(synthetic_documents(n, texts, perturb, rng), 1):
            started = time.perf_counter()
            m = dedup.add(doc_id, text)
            elapsed += time.perf_counter() - started
            said_dup = m is not None and m.duplicate
            right = said_dup and base is not None and not negative and m.doc_id == f"doc{base:06d}"
            if base is not None and not negative:
                counts.tp += right
                counts.fn += not right
            counts.fp += said_dup and not right
            negatives_merged += said_dup and negative
            if said_dup and not right and m.doc_id in recent and len(errors) < 5:
                errors.append(f"false {doc_id} -> {m.doc_id}: {_diff(recent[m.doc_id], text)}")
            recent[doc_id] = text
            if len(recent) > 6000:
                recent.popitem(last=False)
            if i in quarters:
                quarters[i] = _rss_mb()
        indexed = len(dedup)
    return {"documents": n, "indexed": indexed, "seconds": elapsed,
            "wall": time.perf_counter() - total_started, "counts": counts,
            "negatives_merged": negatives_merged, "rss_before_mb": before, "rss_peak_mb": _max_rss_mb(),
            "rss_quarters_mb": list(quarters.values()), "errors": errors}


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_mb() -> float:
    """Resident memory now (Linux /proc; 0 elsewhere)."""
    try:
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmRSS:")) / 1024
    except (OSError, StopIteration):
        return 0.0


# -- report ------------------------------------------------------------------------------------

def print_outcomes(title: str, outcome: dict, kinds: tuple[str, ...]) -> None:
    print(f"\n{title}")
    print(f"  {'case':22} {'n':>6} {'duplicate':>10} {'conflict':>9} {'neither':>8}")
    for kind in kinds:
        c = outcome.get(kind)
        if c:
            mark = " (hard negative)" if kind in NEGATIVE else ""
            print(f"  {kind:22} {c['n']:6d} {c['duplicate'] / c['n']:10.3f} {c['conflict'] / c['n']:9.3f}"
                  f" {c['neither'] / c['n']:8.3f}{mark}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", help="folders of .txt files (default: data/samples)")
    parser.add_argument("--generated", type=int, default=None,
                        help="generated releases added to the texts (default: 200 with no folder, else 0)")
    parser.add_argument("--scale", type=int, default=100_000, help="documents in the scale run")
    parser.add_argument("--only", choices=("paragraphs", "documents", "scale"), action="append")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)

    rng = random.Random(args.seed)
    resources = Resources()
    morph = resources.morph.analyzer
    texts = read_texts(args.folders or [str(ROOT / "data" / "samples")])
    generated = args.generated if args.generated is not None else (0 if args.folders else 200)
    texts += [(f"generated/{i:04d}", generate_release(rng, morph)) for i in range(generated)]
    donors = [s for _, t in texts for s in sentences(t.replace("\n", " ")) if 5 <= len(s.split()) <= 30]
    perturb = Perturber(rng, morph, donors)
    only = set(args.only or ("paragraphs", "documents", "scale"))
    load = os.getloadavg()
    print(f"texts: {len(texts)} ({generated} generated) from {args.folders or ['data/samples']}; "
          f"seed {args.seed}; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {available_cores()} cores")

    if "paragraphs" in only:
        r = bench_paragraphs(texts, perturb, rng, resources)
        c = r["counts"]
        print(f"\nparagraphs: P {c.precision:.4f}  R {c.recall:.4f}  (tp {c.tp}, fp {c.fp}, fn {c.fn}); "
              f"{r['paragraphs']} paragraphs in {r['seconds']:.2f}s "
              f"({1e6 * r['seconds'] / max(1, r['paragraphs']):.0f} µs each)")
        print_outcomes("paragraph copies: share marked", r["outcome"], POSITIVE + NEGATIVE)
        for e in r["errors"][:10]:
            print("   false:", e)
        print(f"\nrepeats inside the source texts themselves (not counted above): {len(r['source_pairs'])}")
        for e in r["source_pairs"]:
            print("  ", e)
    if "documents" in only:
        r = bench_documents(texts, perturb, rng, resources)
        c = r["counts"]
        print(f"\ndocuments: P {c.precision:.4f}  R {c.recall:.4f}  (tp {c.tp}, fp {c.fp}, fn {c.fn}); "
              f"{r['documents']} documents in {r['seconds']:.2f}s "
              f"({1e3 * r['seconds'] / max(1, r['documents']):.2f} ms each)")
        print_outcomes("document copies: share marked", r["outcome"], DOC_POSITIVE + NEGATIVE)
        for e in r["errors"]:
            print("  ", e)
    if "scale" in only and args.scale:
        r = bench_scale(args.scale, texts, perturb, rng, resources)
        c = r["counts"]
        print(f"\nscale: {r['documents']} documents ({r['indexed']} distinct) deduplicated in "
              f"{r['seconds']:.1f}s ({r['documents'] / r['seconds']:.0f} docs/s; {r['wall']:.1f}s with "
              f"generation); peak RSS {r['rss_peak_mb']:.0f} MB (before: {r['rss_before_mb']:.0f} MB); "
              f"RSS at 1/4, 1/2, 3/4, end: {', '.join(f'{m:.0f}' for m in r['rss_quarters_mb'])} MB")
        print(f"  planted copies: P {c.precision:.4f}  R {c.recall:.4f}  (tp {c.tp}, fp {c.fp}, fn {c.fn}); "
              f"hard negatives merged: {r['negatives_merged']}")
        for e in r["errors"]:
            print("  ", e)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
