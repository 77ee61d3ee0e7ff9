"""Counts of people: "более 40 специалистов", "трех делегатов от CIAQ", "30–40 человек".

The entity span is the number with its qualifier, without the noun ("более 40"); the
value holds the count, the qualifier, the counted noun's lemma and the affiliation,
and, for ranges, min and max. The whole phrase, noun and affiliation included, is
kept in ``Entity.value["phrase"]`` as offsets, for event records.

Also counts: a collective numeral standing for people ("пятеро выступили против",
"двое из них"; noun None) and vague amounts ("тысячи человек", "несколько десятков
женщин"), whose count is the least the words mean, with ``"vague": true``
({"count": 2000, "qualifier": "at_least", "vague": true}). Hedges that news keep
outside the span ("как минимум", "по меньшей мере") still give the qualifier.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Sequence

from ..doc import COUNT, DATE, ORGANIZATION, Document, Entity, Token
from .numbers import (ABOUT_TEN, DIGITS, VAGUE_FORMS, WORD_CACHE_SIZE, is_collective, multiplier_value,
                      read_number, vague_amount, word_value)

# Qualifiers, longest first; the words as they stand in the text.
QUALIFIERS: list[tuple[tuple[str, ...], str]] = [
    (("немногим", "более"), "more_than"),   # "немногим более 30 человек"
    (("чуть", "более"), "more_than"),       # "чуть более 30 тысяч"
    (("чуть", "больше"), "more_than"),
    (("чуть", "менее"), "less_than"),
    (("более", "чем"), "more_than"),        # "более чем 300 гостей"
    (("больше", "чем"), "more_than"),
    (("не", "менее", "чем"), "at_least"),
    (("не", "менее"), "at_least"),          # "не менее 150 исполнителей"
    (("не", "меньше"), "at_least"),
    (("не", "более"), "at_most"),           # "не более 20 человек"
    (("не", "больше"), "at_most"),
    (("не", "свыше"), "at_most"),
    (("как", "максимум"), "at_most"),
    (("более",), "more_than"),              # "более 40 специалистов"
    (("свыше",), "more_than"),              # "свыше двухсот участников"
    (("больше",), "more_than"),
    (("минимум",), "at_least"),
    (("менее",), "less_than"),
    (("меньше",), "less_than"),
    (("максимум",), "at_most"),
    (("до",), "at_most"),                   # "до 100 человек"
    (("около",), "about"),                  # "около 60 студентов"
    (("примерно",), "about"),
    (("приблизительно",), "about"),
    (("порядка",), "about"),
    (("почти",), "about"),
    (("ориентировочно",), "about"),
    (("ровно",), "exact"),
]
# Hedges that stand outside the span: "как минимум [[трех]] стареющих бандитов".
OUTER_QUALIFIERS: list[tuple[tuple[str, ...], str]] = [
    (("как", "минимум"), "at_least"),
    (("по", "меньшей", "мере"), "at_least"),
    (("по", "крайней", "мере"), "at_least"),
]
# Words before "один" that make it "one more", not a count: "ещё один полицейский", "ни одного".
NOT_A_COUNT_BEFORE = {"еще", "ещё", "ни"}
# Nouns that count accounts or roles, not people: "100 млн подписчиков".
NOT_PEOPLE = {"пользователь", "подписчик", "фолловер", "абонент", "аккаунт"}
CURRENCY = {"$", "€", "£", "₽", "¥"}

# Animate nouns that are not people: "20 собак" is not a count of participants.
ANIMALS = set("""
животное собака кошка кот пёс щенок котёнок лошадь конь корова бык овца коза свинья
птица курица утка гусь рыба зверь медведь волк лиса олень заяц кролик мышь крыса
обезьяна слон тигр лев дельфин кит бабочка пчела насекомое особь голова бактерия вирус
черепаха змея крокодил ящерица акула тюлень морж пингвин жираф верблюд осел мул панда
""".replace("ё", "е").split())

# People nouns pymorphy3 marks inanimate or that a count may name: "трех лиц".
PEOPLE_EXTRA = {"лицо", "персона", "душа", "человек"}

# Participles and adjectives used as nouns for people: "трех пострадавших".
PEOPLE_SUBSTANTIVES = set("""
погибнуть погибший пострадать пострадавший ранить раненый задержать задержанный
заболеть заболевший заразиться инфицировать инфицированный умереть умерший выжить
выживший госпитализировать эвакуировать арестовать арестованный осудить осужденный
обвинять обвиняемый подозревать подозреваемый несовершеннолетний взрослый
военнослужащий учиться учащийся отдыхать отдыхающий желать желающий пропасть
пропавший опросить опрошенный собраться собравшийся присутствовать присутствующий
участвовать участвующий работать работающий проживать проживающий голосовать
голосующий приглашённый приглашенный награждённый награжденный военный неизвестный
прохожий верующий убитый убить заразить зараженный бездомный безработный пострадавший
""".replace("ё", "е").split())

RANGE_TOKEN = re.compile(r"^(\d+)[—–-](\d+)$")  # "30–40" is one razdel token
RANGE_DASHES = {"—", "-", "–"}
AFFILIATION_PREPS = {"от", "из"}
AFFILIATION_GAP = re.compile(r"\s*(?:[а-яё]+\s*)?[«\"]?\s*$")


@dataclass
class CountMatch:
    """A count found in a token sequence (token indices, end exclusive)."""

    start: int          # first token: qualifier or number
    number_end: int     # token after the number
    noun: int | None    # token index of the counted noun; None for "пятеро выступили против"
    end: int            # token after the noun (before any affiliation)
    count: float
    qualifier: str
    low: float | None = None
    high: float | None = None
    vague: bool = False


def is_people_word(token: Token | str, morph, next_word: str | None = None) -> str | None:
    """The lemma if ``token`` names people ("делегатов" -> "делегат"), else None."""
    word = token if isinstance(token, str) else token.norm
    noun, substantive = _people_lemmas(word.lower(), morph)
    if noun is not None:
        return noun
    if substantive is not None and not (next_word and morph.best(next_word).tag.POS == "NOUN"):
        return substantive  # "пострадавших", but not "пострадавших граждан"
    return None


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def _people_lemmas(w: str, morph) -> tuple[str | None, str | None]:
    """(lemma as a noun for people, lemma as an adjective used for people) of a lower-case
    word: ("делегат", None) for "делегатов", (None, "пострадавший") for "пострадавших"."""
    if not any(c.isalpha() for c in w) or not re.search("[а-яё]", w):
        return None, None
    parses = morph.parse(w)
    nouns = [p for p in parses if p.tag.POS == "NOUN"]
    if nouns and parses[0].tag.POS == "NOUN":  # "по", "и" have rare noun readings
        # most of the noun readings must be animate: "прототипа" is mostly inanimate
        # a surname reading is not a person noun: "боев" is "бой", not Боев
        animate = sum(p.score for p in nouns if ("anim" in p.tag or p.normal_form.replace("ё", "е") in PEOPLE_EXTRA)
                      and not {"Name", "Surn", "Patr"} & p.tag.grammemes)
        lemma = nouns[0].normal_form.replace("ё", "е")
        if animate >= 0.5 * sum(p.score for p in nouns) and lemma not in ANIMALS | NOT_PEOPLE \
                and not {"Name", "Surn", "Patr"} & nouns[0].tag.grammemes:
            return lemma, None
    for p in parses[:3]:
        lemma = p.normal_form.replace("ё", "е")
        if p.tag.POS in ("ADJF", "PRTF") and lemma in PEOPLE_SUBSTANTIVES:
            return None, lemma
    return None, None


def by_first_word(table: list[tuple[tuple[str, ...], str]]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """The phrases of ``table`` under their first word, longest still first."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, qualifier in table:
        index.setdefault(phrase[0], []).append((phrase, qualifier))
    return index


# every token is tried as a qualifier: only the phrases of its first word are compared
QUALIFIER_INDEX = by_first_word(QUALIFIERS)
OUTER_QUALIFIER_INDEX = by_first_word(OUTER_QUALIFIERS)


def _match_qualifier(words: Sequence[str], i: int, index=QUALIFIER_INDEX) -> tuple[str, int]:
    """(qualifier, index after it); ("exact", i) when there is none."""
    if i >= len(words):
        return "exact", i
    for phrase, qualifier in index.get(words[i].lower(), ()):
        n = len(phrase)
        if tuple(w.lower() for w in words[i:i + n]) == phrase:
            return qualifier, i + n
    return "exact", i


def find_counts(tokens: Sequence[Token], morph) -> list[CountMatch]:
    """Counts of people in one sentence's tokens."""
    words = [t.norm for t in tokens]
    out: list[CountMatch] = []
    i = 0
    n = len(words)
    while i < n:
        outer, j = _match_qualifier(words, i, OUTER_QUALIFIER_INDEX)
        if j == i and not may_start_count(words[i], morph):
            i += 1  # most words: "в", "прошел", "Казани"
            continue
        m = _count_at(words, j, morph)
        if m is None:
            i += 1
            continue
        if outer != "exact" and m.qualifier == "exact":
            m.qualifier = outer  # "как минимум трех": at_least, span "трех"
        if not _refused(words, m):
            out.append(m)
        i = max(m.end, m.number_end)
    return out


@functools.lru_cache(maxsize=WORD_CACHE_SIZE)
def may_start_count(word: str, morph) -> bool:
    """False when ``_count_at`` cannot find a count from ``word`` on: it is no qualifier,
    no "с" ("с десяток") or "от" ("от 30 до 40"), no number and no vague amount."""
    w = word.lower()
    return (w in QUALIFIER_INDEX or w in ("с", "от") or bool(RANGE_TOKEN.match(word))
            or bool(DIGITS.match(word)) or word_value(word, morph) is not None
            or multiplier_value(word, morph) is not None or w in ABOUT_TEN or w in VAGUE_FORMS)


def _refused(words: Sequence[str], m: CountMatch) -> bool:
    """Numbers that are not counts of people: "ещё один полицейский", "$78 млн",
    "«Три сестры»", "11 летнего мальчика"."""
    before = words[m.start - 1].lower() if m.start > 0 else ""
    if m.count == 1 and not m.vague and before in NOT_A_COUNT_BEFORE:
        return True
    if before in CURRENCY or before in ("«", '"') or before.isdigit():
        return True  # "$78 млн", "«Три сестры»", the tail of "5 171 666"
    # a title in quotes: «Капитан и три юнги», «Пять вечеров в Ялте»
    opened = [k for k in range(max(0, m.start - 3), m.start) if words[k] in ("«", '"')]
    if opened and words[opened[-1] + 1][:1].isupper() \
            and not any(w in ("»", '"') for w in words[opened[-1] + 1:m.start]):
        end = m.noun + 1 if m.noun is not None else m.number_end
        if any(w in ("»", '"') for w in words[end:end + 4]):
            return True
    if m.noun is not None and m.noun > m.number_end:
        between = [w.lower() for w in words[m.number_end:m.noun]]
        if any(w.startswith("летн") or w.startswith("-летн") for w in between):
            return True
    return False


def _count_at(words: Sequence[str], i: int, morph) -> CountMatch | None:
    if i >= len(words):
        return None
    qualifier, j = _match_qualifier(words, i)
    if qualifier == "exact" and words[i].lower() == "с" and i + 1 < len(words) \
            and words[i + 1].lower() in ("десяток", "десятка"):
        qualifier, j = "about", i + 1  # "с десяток представителей"
    if j >= len(words):
        return None
    low = high = None
    # "от 30 до 40 человек"
    if qualifier == "exact" and words[j].lower() == "от" and j + 1 < len(words):
        first = read_number(words, j + 1, morph)
        if first and first[1] < len(words) and words[first[1]].lower() == "до":
            second = read_number(words, first[1] + 1, morph)
            if second:
                low, high = first[0], second[0]
                value, k = second
                return _finish(words, i, k, value, "range", morph, low, high)
    rng = RANGE_TOKEN.match(words[j])
    if rng:
        low, high = float(rng.group(1)), float(rng.group(2))
        return _finish(words, i, j + 1, high, "range" if qualifier == "exact" else qualifier,
                       morph, low, high)
    if words[j].lower() in ("оба", "обе", "обоих", "обеих", "обоим", "обеим", "обоими", "обеими"):
        return None  # "оба кандидата": the two already named, not a count
    number = read_number(words, j, morph)
    if number is None:
        # "тысячи человек", "несколько десятков женщин": the least the words mean
        vague = vague_amount(words, j)
        if vague is None:
            return None
        low, k, vague_qualifier = vague
        if k == j + 1 and words[j].lower().startswith("нескольк"):
            return None  # "несколько сотрудников": too loose to count (but "несколько сотен")
        m = _finish(words, i, k, low, vague_qualifier if qualifier == "exact" else qualifier, morph,
                    None, None)
        if m is not None:
            m.vague = True
        return m
    value, k = number
    # "30 - 40 человек" as three tokens
    if k + 1 < len(words) and words[k] in RANGE_DASHES and DIGITS.match(words[k + 1]):
        second = read_number(words, k + 1, morph)
        if second and second[0] > value:
            low, high = value, second[0]
            return _finish(words, i, second[1], second[0], "range", morph, low, high)
    if qualifier == "exact" and j == i and not DIGITS.match(words[j]):
        # a bare plural multiplier is vague: "тысячи человек" is not 1000
        w = words[j].lower()
        if w.startswith(("тысяч", "миллион", "сотн", "десятк")) and value >= 1000 and w not in ("тысяча",):
            if not w.startswith("тысячу"):
                vague = vague_amount(words, j)
                if vague is None:
                    return None
                m = _finish(words, i, vague[1], vague[0], vague[2], morph, None, None)
                if m is not None:
                    m.vague = True
                return m
    m = _finish(words, i, k, value, qualifier, morph, low, high)
    if m is None and is_collective(words[k - 1]) and k - 1 == j:
        m = _collective_alone(words, i, k, value, qualifier, morph)
    return m


def _collective_alone(words, i, k, value, qualifier, morph) -> CountMatch | None:
    """"пятеро выступили против", "двое из них": a collective numeral is people by itself,
    unless a noun, an adjective or a number follows ("двое суток")."""
    if k < len(words):
        nxt = words[k]
        if any(c.isalpha() for c in nxt):
            pos = morph.best(nxt.lower()).tag.POS
            if pos in ("NOUN", "ADJF", "PRTF", "NUMR"):
                return None
    return CountMatch(i, k, None, k, value, qualifier)


def _finish(words, i, k, value, qualifier, morph, low, high) -> CountMatch | None:
    """Find the counted noun after the number: up to two adjectives may stand between."""
    if value <= 0 or value != value:
        return None
    for skip in range(3):
        pos = k + skip
        if pos >= len(words):
            return None
        nxt = words[pos + 1] if pos + 1 < len(words) else None
        lemma = is_people_word(words[pos], morph, nxt)
        if lemma:
            if qualifier == "range" and low is None:
                qualifier = "exact"
            return CountMatch(i, k, pos, pos + 1, value, qualifier, low, high)
        p = morph.best(words[pos])
        if p.tag.POS not in ("ADJF", "PRTF") or not re.search("[а-яё]", words[pos].lower()):
            return None
    return None


def tag_counts(doc: Document, resources) -> list[Entity]:
    """COUNT entities of a document, with affiliations linked to organisations."""
    morph = resources.morph
    orgs = sorted((e for e in doc.entities if e.type == ORGANIZATION), key=lambda e: e.start)
    dates = [(e.start, e.end) for e in doc.entities if e.type == DATE]
    out: list[Entity] = []
    for sent in doc.sentences:
        tokens = doc.tokens[sent.first_token:sent.last_token]
        for m in find_counts(tokens, morph):
            start = tokens[m.start].start
            end = tokens[m.number_end - 1].end
            if any(s <= start < e for s, e in dates):
                continue  # "с 10 по 14 июля": a day, not a count
            noun_tok = tokens[m.noun] if m.noun is not None else None
            if noun_tok is not None and "\n" in doc.text[end:noun_tok.start]:
                continue  # a number ending a line is not counting the next line's noun
            phrase_end = noun_tok.end if noun_tok is not None else end
            affiliation = None
            if m.end < len(tokens) and tokens[m.end].norm.lower() in AFFILIATION_PREPS:
                after = tokens[m.end].end
                # "от CIAQ", "из компании «Интелком»": a descriptor word may stand between
                org = next((o for o in orgs if after <= o.start <= after + 30
                            and AFFILIATION_GAP.match(doc.text, after, o.start)), None)
                if org is not None:
                    affiliation = org
                    phrase_end = org.end
            count = int(m.count) if m.count == int(m.count) else m.count
            if noun_tok is None:
                noun = None
            elif _is_substantive(noun_tok, morph):
                noun = _substantive_lemma(noun_tok, morph)
            else:
                noun = morph.lemma(noun_tok.norm)
            value = {
                "count": count,
                "qualifier": m.qualifier,
                "noun": noun,
                "affiliation": affiliation.value.get("name", affiliation.text)
                if affiliation is not None and isinstance(affiliation.value, dict) else
                (affiliation.text if affiliation is not None else None),
            }
            if m.low is not None:
                value["min"] = int(m.low) if m.low == int(m.low) else m.low
                value["max"] = int(m.high) if m.high == int(m.high) else m.high
            if m.vague:
                value["vague"] = True
            value["phrase"] = {"start": start, "end": phrase_end}
            out.append(Entity(COUNT, start, end, doc.text[start:end], value, "counts"))
    return out


def _is_substantive(token: Token, morph) -> bool:
    return morph.best(token.norm).tag.POS in ("ADJF", "PRTF")


def _substantive_lemma(token: Token, morph) -> str:
    """"пострадавших" -> "пострадавший", not the verb "пострадать"."""
    p = morph.best(token.norm)
    form = p.inflect({"nomn", "sing", "masc"}) if p.tag.POS in ("ADJF", "PRTF") else None
    return (form.word if form else p.normal_form).replace("ё", "е")
