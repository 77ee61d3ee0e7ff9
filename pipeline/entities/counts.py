"""Counts of people: "более 40 специалистов", "трех делегатов от CIAQ", "30–40 человек".

The entity span is the number with its qualifier, without the noun ("более 40"); the
value holds the count, the qualifier, the counted noun's lemma and the affiliation,
and, for ranges, min and max. The whole phrase, noun and affiliation included, is
kept in ``Entity.value["phrase"]`` as offsets, for event records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..doc import COUNT, DATE, ORGANIZATION, Document, Entity, Token
from .numbers import DIGITS, read_number

# Qualifiers, longest first; the words as they stand in the text.
QUALIFIERS: list[tuple[tuple[str, ...], str]] = [
    (("более", "чем"), "more_than"),        # "более чем 300 гостей"
    (("больше", "чем"), "more_than"),
    (("не", "менее", "чем"), "at_least"),
    (("не", "менее"), "at_least"),          # "не менее 150 исполнителей"
    (("не", "меньше"), "at_least"),
    (("как", "минимум"), "at_least"),
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

# Animate nouns that are not people: "20 собак" is not a count of participants.
ANIMALS = set("""
животное собака кошка кот пёс щенок котёнок лошадь конь корова бык овца коза свинья
птица курица утка гусь рыба зверь медведь волк лиса олень заяц кролик мышь крыса
обезьяна слон тигр лев дельфин кит бабочка пчела насекомое особь голова бактерия вирус
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
голосующий приглашённый приглашенный награждённый награжденный
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
    noun: int           # token index of the counted noun
    end: int            # token after the noun (before any affiliation)
    count: float
    qualifier: str
    low: float | None = None
    high: float | None = None


def is_people_word(token: Token | str, morph, next_word: str | None = None) -> str | None:
    """The lemma if ``token`` names people ("делегатов" -> "делегат"), else None."""
    word = token if isinstance(token, str) else token.norm
    w = word.lower()
    if not any(c.isalpha() for c in w) or not re.search("[а-яё]", w):
        return None
    parses = morph.parse(w)
    nouns = [p for p in parses if p.tag.POS == "NOUN"]
    if nouns and parses[0].tag.POS == "NOUN":  # "по", "и" have rare noun readings
        # most of the noun readings must be animate: "прототипа" is mostly inanimate
        animate = sum(p.score for p in nouns if "anim" in p.tag or
                      p.normal_form.replace("ё", "е") in PEOPLE_EXTRA)
        lemma = nouns[0].normal_form.replace("ё", "е")
        if animate >= 0.5 * sum(p.score for p in nouns) and lemma not in ANIMALS \
                and not {"Name", "Surn", "Patr"} & nouns[0].tag.grammemes:
            return lemma
    nxt_is_noun = bool(next_word) and morph.best(next_word).tag.POS == "NOUN"
    if not nxt_is_noun:
        for p in parses[:3]:
            lemma = p.normal_form.replace("ё", "е")
            if p.tag.POS in ("ADJF", "PRTF") and lemma in PEOPLE_SUBSTANTIVES:
                return lemma
    return None


def _match_qualifier(words: Sequence[str], i: int) -> tuple[str, int]:
    """(qualifier, index after it); ("exact", i) when there is none."""
    for phrase, qualifier in QUALIFIERS:
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
        m = _count_at(words, i, morph)
        if m is None:
            i += 1
            continue
        out.append(m)
        i = m.end
    return out


def _count_at(words: Sequence[str], i: int, morph) -> CountMatch | None:
    qualifier, j = _match_qualifier(words, i)
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
    number = read_number(words, j, morph)
    if number is None:
        return None
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
                return None
    return _finish(words, i, k, value, qualifier, morph, low, high)


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
            noun_tok = tokens[m.noun]
            phrase_end = noun_tok.end
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
            value = {
                "count": count,
                "qualifier": m.qualifier,
                "noun": morph.lemma(noun_tok.norm) if not _is_substantive(noun_tok, morph) else
                _substantive_lemma(noun_tok, morph),
                "affiliation": affiliation.value.get("name", affiliation.text)
                if affiliation is not None and isinstance(affiliation.value, dict) else
                (affiliation.text if affiliation is not None else None),
            }
            if m.low is not None:
                value["min"] = int(m.low) if m.low == int(m.low) else m.low
                value["max"] = int(m.high) if m.high == int(m.high) else m.high
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
