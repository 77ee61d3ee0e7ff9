"""Entities: people, organisations, cities, countries, dates and counts of people.

natasha's NER proposes PER/LOC/ORG spans; the gazetteer tells cities from countries;
rules add Latin-script and acronym organisations, places the model missed, dates with
ISO values and counts of people. Entities of different types may nest ("США" inside
"Национальной футбольной лиги США"); within one type they never overlap.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterable, Iterator, Sequence

from ..doc import CITY, COUNTRY, DATE, ORGANIZATION, PERSON, Document, Entity, Sentence, Token
from .counts import tag_counts
from .dates import find_dates
from .geo import ADJECTIVE_ENDINGS, Place
from .names import (ORG_DESCRIPTORS, is_acronym, latin_names, not_organisation, org_nominative,
                    organisation_cue, person_nominative, quoted_names)
from .ner import TokenSpan

LOCATION = "LOCATION"
REGION = "REGION"
PLACE_TYPES = (CITY, COUNTRY, LOCATION, REGION)
CYRILLIC_CAPITAL = re.compile(r"^[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*$")
LATIN_CAPITAL = re.compile(r"^[A-Z][a-z]+(?:-[A-Za-z][a-z]+)*$")
CITY_MIN_POPULATION_UNTAGGED = 100_000  # a city the NER missed needs this many people

__all__ = ["tag_entities", "tag_entities_batch", "LOCATION"]


def tag_entities(doc: Document, resources) -> Document:
    """Stage: find the entities of one document."""
    return next(tag_entities_batch([doc], resources))


def tag_entities_batch(docs: Iterable[Document], resources) -> Iterator[Document]:
    """Stage, batch form: one NER call over the sentences of many documents."""
    docs = list(docs)
    sentences = [[t.norm for t in doc.tokens[s.first_token:s.last_token]]
                 for doc in docs for s in doc.sentences]
    spans = resources.ner.tag_sentences(sentences) if sentences else []
    k = 0
    for doc in docs:
        per_sentence = spans[k:k + len(doc.sentences)]
        k += len(doc.sentences)
        doc.entities = find_entities(doc, per_sentence, resources)
        yield doc


def find_entities(doc: Document, ner_spans: Sequence[Sequence[TokenSpan]], resources) -> list[Entity]:
    """All entities of a segmented, tagged document, given the NER's spans per sentence."""
    found: list[Entity] = []
    covered: set[int] = set()  # token indices inside a name entity
    places: set[int] = set()   # token indices inside a place the NER found
    no_place: set[int] = set()  # token indices a place may not take: people and places
    orgs: set[tuple[int, int]] = set()  # token ranges of the NER's organisations
    for sent, spans in zip(doc.sentences, ner_spans):
        base = sent.first_token
        for span in refine_ner_spans(doc, sent, spans, resources.morph):
            before = doc.tokens[base + span.start - 1] if span.start else None
            ent = _from_ner(doc, doc.tokens[base + span.start:base + span.end], span.type, resources, before)
            if ent is not None:
                found.append(ent)
                idx = range(base + span.start, base + span.end)
                covered.update(idx)
                if ent.type in PLACE_TYPES:
                    places.update(idx)
                if ent.type in (CITY, COUNTRY, PERSON):
                    no_place.update(idx)
                if ent.type == ORGANIZATION:
                    orgs.add((idx.start, idx.stop))
    for sent in doc.sentences:
        tokens = doc.tokens[sent.first_token:sent.last_token]
        found += _rule_organisations(doc, tokens, sent.first_token, covered, places, resources)
        # the NER's other places ("Пауэй" as LOC) may yet be towns: "в городе Пауэй"
        found += _settlement_names(doc, tokens, sent.first_token, no_place, resources)
        no_place.update(k for k in places if k >= sent.first_token and k < sent.last_token)
        # places nested in organisations count: "МИД России", "Московский университет"
        found += _gazetteer_places(doc, tokens, sent.first_token, no_place, resources, orgs)
        found += _adjective_places(doc, tokens, sent.first_token, no_place, resources)
    found = _whole_text_names(doc, found, resources)

    found += _dates(doc, resources)
    doc.entities = _flatten_same_type(found)
    doc.entities += tag_counts(doc, resources)
    doc.entities = _flatten_same_type(doc.entities)
    return doc.entities


def _whole_text_names(doc: Document, found: list[Entity], resources) -> list[Entity]:
    """Rules that look at the names of the whole text: bracketed Latin names and
    acronyms, adjectives made from names, surnames and towns that recur, and the shared
    canonical name of a name and its acronym."""
    found = _bracketed_names(doc, found)
    found += _eponym_adjectives(doc, found, resources.morph)
    found += _repeated_surnames(doc, found, resources.morph)
    found += _repeated_towns(doc, found, resources.geo)
    found = _drop_retyped_places(found)
    _link_aliases(doc, found)
    return found


# Titles natasha sometimes keeps in a person's span: "господин Сагитов" -> "Сагитов",
# "Кронпринц Нарухито" -> "Нарухито", "Принцу Филиппу" -> "Филиппу" (matched by lemma).
PERSON_TITLES = set("""
господин госпожа г-н г-жа мистер миссис мисс сэр леди месье мадам фрау герр сеньор сеньора
синьор синьора пан пани император императрица король королева принц принцесса кронпринц
папа патриарх митрополит архиепископ епископ святой шейх султан эмир шах царь царица князь
княгиня граф графиня барон баронесса герцог герцогиня лорд
генерал полковник подполковник майор капитан лейтенант адмирал маршал сержант
президент премьер премьер-министр министр канцлер губернатор мэр сенатор депутат посол
доктор профессор академик судья прокурор генсек
вдова вдовец сын дочь внук внучка жена муж брат сестра мать отец
""".split())
# Adjectives from names that name the person: "Нобелевская премия" (Альфред Нобель).
EPONYMS = {"нобелевск": "Нобель", "ленинск": "Ленин", "сталинск": "Сталин", "мариинск": "Мария"}
# Words before a name that a person's span never starts with: "34-летний ТиДжей".
LEADING_NOT_NAME = re.compile(r"^(?:\d.*|[а-яё].*)$")
# Words between an organisation and the place it belongs to: "Федерация дзюдо города Алматы".
ORG_PLACE_LINKS = {"города", "г.", "области", "края", "республики", "района", "округа", "штата",
                   "провинции"}


def refine_ner_spans(doc: Document, sent, spans: Sequence[TokenSpan], morph) -> list[TokenSpan]:
    """Fix the NER's spans where its conventions differ from careful annotation.

    Each fix in ``SPAN_FIXES`` takes and returns the sentence's spans, in this order: a
    span never crosses a line break (a headline glued to the next line) and a name in
    brackets is a name of its own ("Майкл Мэйсон (Michael Mason)", "... (ООН)"); an
    organisation takes the place it belongs to ("Ассоциация молодежных советов"
    + "Татарстана"); quotes and descriptors stay outside an organisation's name; a
    person's span drops titles ("господин"); what is no organisation ("СМИ", "в
    Twitter", the cinema «Звезда») is dropped.
    """
    out = list(spans)
    for fix in SPAN_FIXES:
        out = fix(doc, sent, out, morph)
    return out


def _split_spans(doc: Document, sent: Sentence, spans: list[TokenSpan], morph) -> list[TokenSpan]:
    """At line breaks and brackets: "Игорь Малашенко\nОстанкинская", "Х (Latin X)"."""
    base = sent.first_token
    out: list[TokenSpan] = []
    for span in spans:
        out.extend(_split_span(doc, base, span))
    return out


def _attach_places(doc: Document, sent: Sentence, spans: list[TokenSpan], morph) -> list[TokenSpan]:
    base = sent.first_token
    return _attach_places_to_orgs(doc, base, spans, 0)


def _unquote_orgs(doc: Document, sent: Sentence, spans: list[TokenSpan], morph) -> list[TokenSpan]:
    base = sent.first_token
    return [_unquote_org(doc.tokens, base, s) if s.type == "ORG" else s for s in spans]


def _strip_person_titles(doc: Document, sent: Sentence, spans: list[TokenSpan], morph) -> list[TokenSpan]:
    """"господин Сагитов" -> "Сагитов"."""
    base = sent.first_token
    toks = doc.tokens
    out = []
    for span in spans:
        if span.type == "PER":
            start = span.start
            while start < span.end - 1 and _title_word(toks[base + start], morph):
                start += 1
            span = TokenSpan(start, span.end, span.type)
        out.append(span)
    return out


def _title_word(token: Token, morph) -> bool:
    """"Кронпринц", "Полковник", "34-летний": not a part of a name."""
    w = token.norm
    if LEADING_NOT_NAME.match(w):
        return True
    lemma = token.lemma or w.lower()
    if lemma in PERSON_TITLES or w.lower() in PERSON_TITLES or "-" in w and w.split("-")[-1] in PERSON_TITLES:
        return True
    # "Восьмидесятилетний Маккейн", "Святой Терезой": an adjective the dictionary knows
    parses = morph.parse(w.lower())
    return (parses[0].tag.POS in ("ADJF", "PRTF") and parses[0].is_known
            and not any({"Name", "Surn", "Patr", "Geox"} & p.tag.grammemes for p in parses))


def _drop_non_organisations(doc: Document, sent: Sentence, spans: list[TokenSpan], morph) -> list[TokenSpan]:
    """"СМИ", "Интернет", "написал в Twitter", "в кинотеатрах «Звезда», «Космос»": the
    NER's organisations that are media at large, platforms, places or works."""
    base = sent.first_token
    return [s for s in spans
            if s.type != "ORG" or not not_organisation(doc.tokens, base + s.start, base + s.end, base)]


def _unquote_org(toks: Sequence[Token], base: int, span: TokenSpan) -> TokenSpan:
    """"компании «Интелком»" -> "Интелком", 'Банк "Пересвет"' -> "Пересвет": the descriptor
    and the quotes stay outside the name (a legal form stays in: 'ООО "МНКТ"')."""
    words = [toks[base + i].norm for i in range(span.start, span.end)]
    q = next((k for k, w in enumerate(words) if w in ("«", '"', "„", "“")), None)
    if not q or not all(_descriptor_word(toks[base + span.start + k]) for k in range(q)):
        return span
    close = next((k for k in range(q + 1, len(words)) if words[k] in ("»", '"', "“", "”")), len(words))
    if close == len(words) - 1 or close == len(words):
        if close > q + 1:
            return TokenSpan(span.start + q + 1, span.start + close, span.type)
    return span


def _descriptor_word(token: Token) -> bool:
    """"компания", "Банк": a word that says what kind of organisation follows."""
    w = token.norm
    return w.islower() or (not w.isupper() and (token.lemma or w.lower()) in ORG_DESCRIPTORS)


def _split_span(doc: Document, base: int, span: TokenSpan) -> list[TokenSpan]:
    toks = doc.tokens
    pieces: list[TokenSpan] = []
    start = span.start
    k = span.start + 1
    while k < span.end:
        gap = doc.text[toks[base + k - 1].end:toks[base + k].start]
        if "\n" in gap:
            pieces.append(TokenSpan(start, k, span.type))
            start = k
        k += 1
    pieces.append(TokenSpan(start, span.end, span.type))
    out = []
    for p in pieces:
        words = [toks[base + i].norm for i in range(p.start, p.end)]
        if "(" in words[1:] and p.type in ("PER", "ORG", "LOC"):
            i = words.index("(", 1)
            out.append(TokenSpan(p.start, p.start + i, p.type))
            close = words.index(")", i) if ")" in words[i:] else len(words)
            if close > i + 1:
                out.append(TokenSpan(p.start + i + 1, p.start + close, p.type))
        else:
            out.append(p)
    return [p for p in out if p.end > p.start]


def _merge_org_chains(doc: Document, sent: Sentence, spans: list[TokenSpan], morph) -> list[TokenSpan]:
    """An organisation and the one it belongs to are one name: "Главное управление" +
    "МВД России", "Высшей партийной школе" при "ЦК КПСС", "Института языкознания" +
    "АН СССР". The second must stand in the genitive (or not inflect: "МВД")."""
    base = sent.first_token
    toks = doc.tokens
    spans = sorted(spans, key=lambda s: s.start)
    out: list[TokenSpan] = []
    for s in spans:
        prev = out[-1] if out else None
        if prev is not None and prev.type == s.type == "ORG" and s.start >= prev.end:
            gap = [toks[base + k].norm.lower() for k in range(prev.end, s.start)]
            if gap in ([], ["при"]) and _genitive_or_fixed(toks[base + s.start].norm, morph):
                out[-1] = TokenSpan(prev.start, s.end, "ORG")
                continue
        out.append(s)
    return out


def _genitive_or_fixed(word: str, morph) -> bool:
    """"МВД", "Следственного", "РАН": a word that can stand as a genitive owner."""
    if word.isupper() or not re.search("[а-яё]", word, re.I):
        return True
    return any(p.tag.case == "gent" or "Fixd" in p.tag for p in morph.parse(word.lower()))


# Heads of organisations named by what they do: "комитет по обороне", "Европейский суд по
# правам человека", "агентство по делам беженцев".
COMPLEMENT_HEADS = set("""
комитет комиссия управление главк служба агентство бюро департамент центр суд совет сборная
отдел отделение министерство федерация ассоциация союз фонд администрация институт трибунал
организация инспекция палата штаб команда группа представительство уполномоченный
""".split())
# First nouns of a "по" phrase that say why or how, not what for: "по делу", "по данным".
NOT_COMPLEMENTS = set("""
дело повод результат итог случай причина данные слово мнение сообщение информация оценка
подозрение обвинение просьба запрос приглашение инициатива требование решение приказ указ
время телефон телевидение радио сравнение отношение ошибка вопрос линия словам факт статья
закон итогам поручение счет этот тот
""".split())


def _extend_org_complements(doc: Document, sent: Sentence, spans: list[TokenSpan], morph) -> list[TokenSpan]:
    """"Европейский суд" + "по правам человека", "ГУ МВД" + "по Москве": the "по" phrase
    that says what an organisation is for, or where an agency works, is in its name."""
    base = sent.first_token
    toks = doc.tokens
    n = sent.last_token - base
    people = {k for s in spans if s.type == "PER" for k in range(s.start, s.end)}
    out = []
    for s in spans:
        if s.type == "ORG" and s.end + 1 < n and toks[base + s.end].norm.lower() == "по":
            words = [toks[base + k] for k in range(s.start, s.end)]
            acronym = any(t.norm.isupper() and len(t.norm) > 1 for t in words)
            head = next((t.lemma for t in words if t.pos == "NOUN"), None)
            headed = head in COMPLEMENT_HEADS
            if headed or acronym:
                end = _complement_end(toks, base, s.end + 1, n, morph, people, places_only=not headed)
                if end > s.end + 1:
                    s = TokenSpan(s.start, end, s.type)
        out.append(s)
    return out


def _complement_end(toks: Sequence[Token], base: int, k: int, n: int, morph, people: set[int],
                    places_only: bool) -> int:
    """End of the noun phrase after "по": a dative first, then oblique nouns and adjectives
    joined by "и", "за" or commas ("по природным ресурсам, собственности и земельным
    отношениям"); only a place after an acronym ("МВД по Башкирии")."""
    start, end = k, k
    after_comma = False
    while k < n and k < start + 12:
        w = toks[base + k].norm
        if w.lower() in ("и", "за", ",") and end > start:
            after_comma = w == ","
            k += 1
            continue
        if not w[:1].isalpha() or k in people or k > end + 1:
            break
        parses = morph.parse(w.lower())
        if parses[0].tag.POS not in ("NOUN", "ADJF", "PRTF"):
            break
        cases = {p.tag.case for p in parses if p.tag.POS in ("NOUN", "ADJF", "PRTF")}
        if end == start or after_comma:
            # "по правам человека", but not "по делу", "по данным"; after a comma only
            # another dative of the list ("по ресурсам, собственности")
            best = parses[0]
            if not cases & {"datv", "loct"}:
                break
            if best.tag.number == "sing" and best.normal_form.replace("ё", "е") in NOT_COMPLEMENTS:
                break
            if places_only and not w[:1].isupper():
                break
        after_comma = False
        k += 1
        end = k
    return end


def _add_generic_heads(doc: Document, sent: Sentence, spans: list[TokenSpan], morph) -> list[TokenSpan]:
    """"правительство Новосибирской области", "полиция", "министерство обороны Мали": a
    common noun that names one organisation, with what it is of and whom it belongs to."""
    base, n = sent.first_token, sent.last_token - sent.first_token
    toks = doc.tokens
    inside = {k for s in spans for k in range(s.start, s.end)}
    starts = {s.start: s.type for s in spans}
    out = list(spans)
    i = 0
    while i < n:
        lemma = toks[base + i].lemma or toks[base + i].norm.lower()
        if i in inside or lemma not in GENERIC_ORG_HEADS:
            i += 1
            continue
        j = i + 1
        if lemma in OF_WHAT_HEADS:
            # "министерство обороны", "министерства культуры и спорта"
            while j < n and j not in inside and j < i + 5 and _of_what_word(toks[base + j], morph):
                j += 1
        while j < n and j not in inside and _owner_word(toks[base + j], morph, j == i + 1):
            j += 1
        first = _adjectives_before(toks, base, i, inside)
        owned = j > i + 1 or starts.get(j) in ("LOC", "ORG") or (first < i and lemma in OWNED_BY_ADJECTIVE)
        if lemma in GENERIC_NEEDS_OWNER and not owned:
            i += 1
            continue
        out.append(TokenSpan(first, j, "ORG"))
        i = j
    return sorted(out, key=lambda s: s.start)


# Heads whose owner may be an adjective: "Британские власти", "японский парламент".
OWNED_BY_ADJECTIVE = {"власть", "парламент", "администрация", "министерство"}


def _adjectives_before(toks: Sequence[Token], base: int, i: int, inside: set[int]) -> int:
    """Start of the adjectives before a head: "столичной мэрии", "Итальянская прокуратура"."""
    while i > 0 and i - 1 not in inside:
        t = toks[base + i - 1]
        if t.pos != "ADJF" or t.lemma in NOT_NAME_ADJECTIVES:
            break
        i -= 1
    return i


def _of_what_word(token: Token, morph) -> bool:
    """A lowercase noun (or its adjective) in the genitive: "обороны", "иностранных дел"."""
    w = token.norm
    if not w[:1].islower() or not w[:1].isalpha():
        return False
    return any(p.tag.case == "gent" and p.tag.POS in ("NOUN", "ADJF") for p in morph.parse(w))


# Nouns for a part of an organisation, which the part's name begins with: "пресс-служба
# МВД", "комитета Совета Федерации", "совет директоров банка HSBC", "философский
# факультет МГУ", "Верхняя палата парламента Японии".
ORG_PART_HEADS = set("""
пресс-служба пресс-центр пресс-бюро комитет комиссия секретариат совет департамент управление
главк отдел отделение филиал факультет кафедра штаб аппарат президиум правление фракция
представительство канцелярия дирекция лаборатория служба подразделение бюро коллегия палата
сборная команда институт центр академия администрация посольство консульство
""".split())
# Adjectives that do not start a name: "нынешнее правительство", "этот комитет".
NOT_NAME_ADJECTIVES = set("""
этот тот весь свой наш ваш его ее их который такой данный один каждый другой сам многий
бывший нынешний новый прежний будущий последний очередной целый некоторый любой какой
""".split())


def _extend_org_heads(doc: Document, sent: Sentence, spans: list[TokenSpan], morph) -> list[TokenSpan]:
    """An organisation takes in the part it is named with: "пресс-служба" + "МВД России"."""
    base = sent.first_token
    toks = doc.tokens
    inside = {k for s in spans for k in range(s.start, s.end)}
    out = []
    for s in spans:
        if s.type == "ORG":
            s = TokenSpan(_head_start(toks, base, s.start, inside, morph), s.end, s.type)
        out.append(s)
    return out


def _head_start(toks: Sequence[Token], base: int, start: int, inside: set[int], morph) -> int:
    """Where a name begins once its part-of head is in: the farthest head noun among
    the nouns and adjectives right before it, with the adjectives before that head."""
    k, best = start - 1, start
    while k >= 0 and start - k <= 5 and k not in inside:
        t = toks[base + k]
        if t.pos not in ("NOUN", "ADJF", "PRTF") or not t.norm[:1].isalpha():
            break
        if t.pos == "NOUN" and t.lemma in ORG_PART_HEADS:
            best = k
        k -= 1
    if best == start:
        return start
    while best > 0 and best - 1 not in inside:
        t = toks[base + best - 1]
        if t.pos != "ADJF" or t.lemma in NOT_NAME_ADJECTIVES:
            break
        best -= 1
    return best


# Buildings that stand for the institution in them: "Кремль объявил", "советник Белого
# дома". As news annotate them they are organisations more often than places.
SEATS_OF_POWER = {("кремль",), ("белый", "дом")}


def _retype_seats_of_power(doc: Document, sent: Sentence, spans: list[TokenSpan], morph) -> list[TokenSpan]:
    """"Кремль", "Белый дом": an organisation, whether the NER said place or nothing."""
    base, n = sent.first_token, sent.last_token - sent.first_token
    toks = doc.tokens
    lemmas = [toks[base + k].lemma or toks[base + k].norm.lower() for k in range(n)]
    found = []
    for k in range(n):
        for seat in SEATS_OF_POWER:
            if tuple(lemmas[k:k + len(seat)]) == seat and toks[base + k].norm[:1].isupper():
                found.append(TokenSpan(k, k + len(seat), "ORG"))
    if not found:
        return spans
    hit = {(f.start, f.end) for f in found}
    covered = {k for s in spans if (s.start, s.end) not in hit for k in range(s.start, s.end)}
    kept = [s for s in spans if (s.start, s.end) not in hit]
    return sorted(kept + [f for f in found if not covered.intersection(range(f.start, f.end))],
                  key=lambda s: s.start)


INITIAL = re.compile(r"^(?:[А-ЯЁA-Z]|Дж|Ал|Вл|Вс|Св|Ст|Мих|Ник)$")
NAME_WORD = re.compile(r"^[А-ЯЁA-Z][а-яёa-z]+(?:-[А-ЯЁA-Zа-яёa-z][а-яёa-z]+)*$")
NAME_PARTICLES = {"ван", "фон", "де", "ди", "да", "дель", "ле", "ля", "бин", "ибн", "аль"}


def _add_named_after(doc: Document, sent: Sentence, spans: list[TokenSpan], morph) -> list[TokenSpan]:
    """"театр имени А. С. Пушкина", "им. В. М. Шукшина": the name after "имени" is a
    person's, inside whatever the whole is called."""
    base, n = sent.first_token, sent.last_token - sent.first_token
    toks = doc.tokens
    people = {k for s in spans if s.type == "PER" for k in range(s.start, s.end)}
    out = list(spans)
    for i in range(n - 1):
        w = toks[base + i].norm.lower()
        j = i + 1
        if w == "им" and toks[base + j].norm == ".":
            j += 1
        elif w != "имени":
            continue
        k = j
        while k < n and k - j < 8:
            t = toks[base + k].norm
            if INITIAL.match(t) and k + 1 < n and toks[base + k + 1].norm == ".":
                k += 2
            elif NAME_WORD.match(t) or (t in NAME_PARTICLES and k > j):
                k += 1
            else:
                break
        while k > j and toks[base + k - 1].norm in NAME_PARTICLES | {"."}:
            k -= 1
        if k > j and not people.intersection(range(j, k)) and NAME_WORD.match(toks[base + k - 1].norm):
            out.append(TokenSpan(j, k, "PER"))
    return out


SPAN_FIXES = (_split_spans, _retype_seats_of_power, _add_generic_heads, _extend_org_heads,
              _attach_places, _merge_org_chains, _extend_org_complements, _unquote_orgs,
              _strip_person_titles, _drop_non_organisations, _add_named_after)


def _attach_places_to_orgs(doc: Document, base: int, spans: list[TokenSpan], n: int) -> list[TokenSpan]:
    """ORG directly followed by a LOC (or "города"/"области" + LOC): the ORG takes it in;
    the LOC stays too, as the place nested in the name."""
    toks = doc.tokens
    spans = sorted(spans, key=lambda s: s.start)
    out = []
    for i, s in enumerate(spans):
        if s.type == "ORG" and i + 1 < len(spans):
            nxt = spans[i + 1]
            gap = range(s.end, nxt.start)
            words = [toks[base + k].norm.lower() for k in gap]
            if nxt.type == "LOC" and (not words or (len(words) == 1 and words[0] in ORG_PLACE_LINKS)):
                out.append(TokenSpan(s.start, nxt.end, "ORG"))
                out.append(nxt)
                spans[i + 1] = TokenSpan(nxt.start, nxt.start, "SKIP")
                continue
        if s.type != "SKIP":
            out.append(s)
    return out


def _entity(doc: Document, tokens: Sequence[Token], type_: str, value, source: str) -> Entity:
    start, end = tokens[0].start, tokens[-1].end
    return Entity(type_, start, end, doc.text[start:end], value, source)


def _from_ner(doc: Document, tokens: Sequence[Token], kind: str, resources,
              before: Token | None = None) -> Entity | None:
    tokens = _strip_punctuation(tokens)
    if not tokens:
        return None
    words = [t.norm for t in tokens]
    morph = resources.morph
    if kind == "PER" and YEARLY_EVENT.match(words[-1]):
        return None  # "Сочи-2014" is the games, not a person
    if kind == "PER":
        return _entity(doc, tokens, PERSON, {"name": person_nominative(words, morph)}, "ner")
    if kind == "ORG":
        place = resources.geo.lookup(words) if len(words) == 1 and words[0].isupper() else None
        if place is not None and place.type == COUNTRY:
            return _place_entity(doc, tokens, place)
        quoted = _between_quotes(doc, tokens)
        name = " ".join(words) if quoted else org_nominative(words, morph)
        return _entity(doc, tokens, ORGANIZATION, {"name": name}, "ner")
    if len(words) == 1 and morph.best(words[0]).tag.POS == "ADJF" and resources.geo.adjective(words[0]):
        return None  # "Киевской [области]": the adjective rules decide, seeing the noun
    place = resources.geo.lookup(words)
    if place is not None and place.type == CITY and before is not None \
            and (before.lemma or before.norm.lower()) in NAMED_AFTER_HEADS:
        place = None  # "улица Горького", "штат Вашингтон"
    if place is not None:
        return _place_entity(doc, tokens, place)
    return _entity(doc, tokens, LOCATION, {"name": morph.to_nominative(words)}, "ner")


def _between_quotes(doc: Document, tokens: Sequence[Token]) -> bool:
    """True for a quoted name after a noun that says what it names: "фонда «Молодежные
    инициативы»" keeps its words; "депутат от «Единой России»" inflects."""
    before = doc.text[max(0, tokens[0].start - 2):tokens[0].start].strip()
    after = doc.text[tokens[-1].end:tokens[-1].end + 2].strip()
    if not (before[-1:] in ("«", '"') and after[:1] in ("»", '"')):
        return False
    i = _token_index(doc, tokens[0])
    k = i - 1
    while k >= 0 and doc.tokens[k].norm in ("«", '"'):
        k -= 1
    return k >= 0 and doc.tokens[k].pos == "NOUN"


def _token_index(doc: Document, token: Token) -> int:
    """Index of a token in the document (tokens are in text order)."""
    lo, hi = 0, len(doc.tokens)
    while lo < hi:
        mid = (lo + hi) // 2
        if doc.tokens[mid].start < token.start:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _place_entity(doc: Document, tokens: Sequence[Token], place, adjective: bool = False) -> Entity:
    source = "gazetteer:adjective" if adjective else "gazetteer"
    return _entity(doc, tokens, place.type, _place_value(place, adjective), source)


def _place_value(place, adjective: bool = False) -> dict:
    """{"name", "country", "geonameid"}; "adjective": true when an adjective names the place."""
    value: dict = {"name": place.name}
    if place.country:
        value["country"] = place.country
    if place.geonameid:
        value["geonameid"] = place.geonameid
    if adjective:
        value["adjective"] = True
    return value


def _strip_punctuation(tokens: Sequence[Token]) -> Sequence[Token]:
    """Drop leading/trailing punctuation the model sometimes includes, but keep
    quotes that enclose a name ("«Газпром»")."""
    s, e = 0, len(tokens)
    while s < e and not any(c.isalnum() for c in tokens[s].norm) and tokens[s].norm not in ("«", '"'):
        s += 1
    while e > s and not any(c.isalnum() for c in tokens[e - 1].norm) and tokens[e - 1].norm not in ("»", '"'):
        e -= 1
    tokens = tokens[s:e]
    # an unbalanced quote at either end is not part of the name
    if tokens and tokens[0].norm in ("«", '"') and not any(t.norm in ("»", '"') for t in tokens[1:]):
        tokens = tokens[1:]
    if tokens and tokens[-1].norm in ("»", '"') and not any(t.norm in ("«", '"') for t in tokens[:-1]):
        tokens = tokens[:-1]
    return tokens


def _rule_organisations(doc: Document, tokens: Sequence[Token], base: int, covered: set[int],
                        places: set[int], resources) -> Iterator[Entity]:
    """Organisations the NER left untagged, rule by rule, in this order."""
    taken = set(covered)
    for rule in ORGANISATION_RULES:
        for ent, idx in rule(doc, tokens, base, taken, places, resources):
            taken.update(idx)
            covered.update(idx)
            yield ent


def _quoted_organisations(doc: Document, tokens: Sequence[Token], base: int, taken: set[int],
                          places: set[int], resources) -> Iterator[tuple[Entity, Sequence[int]]]:
    """"фонд «Молодежные инициативы»" -> "Молодежные инициативы": the quotes hold the name."""
    for _, q, end in quoted_names(tokens):
        idx = range(base + q + 1, base + end - 1)
        if taken.intersection(idx):
            continue
        inner = tokens[q + 1:end - 1]
        start, stop = inner[0].start, inner[-1].end
        yield _entity(doc, inner, ORGANIZATION, {"name": doc.text[start:stop]}, "rule:quoted"), idx


def _latin_organisations(doc: Document, tokens: Sequence[Token], base: int, taken: set[int],
                         places: set[int], resources) -> Iterator[tuple[Entity, Sequence[int]]]:
    """Latin-script names that say they are organisations ("The British Council",
    "Goethe-Institut") or follow a word that does ("агентство Reuters")."""
    for s, e in latin_names(tokens):
        idx = range(base + s, base + e)
        if taken.intersection(idx) or not organisation_cue(tokens, s, e) or not_organisation(tokens, s, e):
            continue
        words = [t.norm for t in tokens[s:e]]
        if len(words) == 1 and not is_acronym(words[0]) and len(words[0]) < 3:
            continue
        yield _entity(doc, tokens[s:e], ORGANIZATION, {"name": " ".join(words)}, "rule:latin"), idx


def _acronym_organisations(doc: Document, tokens: Sequence[Token], base: int, taken: set[int],
                           places: set[int], resources) -> Iterator[tuple[Entity, Sequence[int]]]:
    """Acronyms after a word that makes them organisations: "председатель РСПП"; not
    places ("СНГ", "США"). Elsewhere an acronym the NER passed over is mostly a law ("УК"),
    an exam ("ЕГЭ") or a thing ("ИВЛ")."""
    for i, t in enumerate(tokens):
        if base + i in taken or not is_acronym(t.norm) or not organisation_cue(tokens, i, i + 1):
            continue
        if resources.geo.lookup([t.norm]) is not None:
            continue
        yield _entity(doc, [t], ORGANIZATION, {"name": t.norm}, "rule:acronym"), [base + i]


# Common nouns that name one organisation in context: "правительство Новосибирской
# области", "полиция", "мэрия Казани". Alone they are organisations too (as news
# annotate them), except those in GENERIC_NEEDS_OWNER: "министерство" alone names none.
GENERIC_ORG_HEADS = set("""
правительство администрация мэрия полиция парламент сенат кабмин госдума прокуратура
министерство минобороны минздрав минфин минюст минэкономразвития мид мвд фсб следком
генпрокуратура госдеп пентагон конгресс бундестаг кнессет рада меджлис сейм дума
посольство консульство генконсульство власть
""".split())
# "власти" alone are mostly nobody in particular; "власти Тамбова", "Британские власти" are.
GENERIC_NEEDS_OWNER = {"министерство", "посольство", "консульство", "генконсульство", "администрация",
                       "дума", "рада", "конгресс", "сенат", "парламент", "власть"}
# Heads named by what they are for: "министерство обороны", "министерство здравоохранения".
OF_WHAT_HEADS = {"министерство", "департамент", "комитет", "комиссия"}


ORGANISATION_RULES = (_quoted_organisations, _latin_organisations, _acronym_organisations)

OWNER_LINKS = {"области", "края", "района", "округа", "республики", "города", "федерации", "штата"}


def _owner_word(token: Token, morph, first: bool) -> bool:
    w = token.norm
    if w.lower() in OWNER_LINKS and not first:
        return True
    if not (w[:1].isupper() and w[:1].isalpha()):
        return False
    return any(p.tag.case == "gent" for p in morph.parse(w.lower()))


# Words before a name that make it something other than a city: "штат Нью-Йорк",
# "провинция Кандагар", "улица Шевченко", "аэропорт Домодедово", "клуб «Барселона»".
NOT_CITY_BEFORE = set("""
штат провинция префектура графство округ район регион департамент область кантон земля
улица проспект бульвар площадь переулок шоссе набережная мост станция метро аэропорт
вокзал стадион космодром тюрьма сизо клуб команда группа агентство издательство газета
телеканал радиостанция театр кинотеатр гостиница отель собор храм имя им
""".split())


# Of those, the ones whose name is never a town even when the NER says place: "штат
# Вашингтон", "улица Горького" ("в аэропорту Болоньи" is the town's airport).
NAMED_AFTER_HEADS = set("""
штат провинция префектура графство кантон улица проспект бульвар площадь переулок шоссе
набережная имя им
""".split())


def _gazetteer_places(doc: Document, tokens: Sequence[Token], base: int, covered: set[int],
                      resources, orgs: set[tuple[int, int]] = frozenset()) -> Iterator[Entity]:
    """Countries and cities the NER missed: capitalised words in the gazetteer.

    Also finds the places inside organisations ("МИД России"), but not a place that is
    the whole of a name: «Барселона» the club, «Единая Россия» the party.
    """
    geo = resources.geo
    quoted = _quoted(tokens)
    i, n = 0, len(tokens)
    while i < n:
        if base + i in covered:
            i += 1
            continue
        hit = None
        yearly = YEARLY_EVENT.match(tokens[i].norm)
        if yearly:
            # "Сочи-2014", "Лондон-2012": the games are named after the town
            name = yearly.group(1)
            place = geo.lookup([name])
            start = tokens[i].start
            if _is_city(place) and doc.text[start:start + len(name)] == name:
                yield Entity(CITY, start, start + len(name), name, _place_value(place), "gazetteer")
            i += 1
            continue
        for size in (3, 2, 1):
            window = tokens[i:i + size]
            if len(window) < size or any(base + k in covered for k in range(i, i + size)):
                continue
            if (base + i, base + i + size) in orgs or range(i, i + size) in quoted:
                continue
            if not all(_capitalised_or_link(t.norm, k) for k, t in enumerate(window)):
                continue
            first = window[0].norm
            if not (CYRILLIC_CAPITAL.match(first) or LATIN_CAPITAL.match(first) or first.isupper()):
                continue
            place = geo.lookup([t.norm for t in window])
            if place is None or place.type not in (CITY, COUNTRY):
                continue
            if place.type == CITY and not _plausible_city(tokens, i, size, place, resources.morph):
                continue
            hit = (size, place)
            break
        if hit is None:
            i += 1
            continue
        size, place = hit
        yield _place_entity(doc, tokens[i:i + size], place)
        covered.update(range(base + i, base + i + size))
        i += size


# Words that introduce the name of a town: "в городе Пауэй", "в селе Сростки", "г. Бийск".
SETTLEMENT_HEADS = {"город", "городок", "село", "деревня", "поселок", "посёлок", "станица", "аул",
                    "кишлак", "хутор", "пгт", "поселение", "местечко"}


def _settlement_names(doc: Document, tokens: Sequence[Token], base: int, blocked: set[int],
                      resources) -> Iterator[Entity]:
    """"в городе Пауэй" -> CITY "Пауэй": a capitalised name after a word for a town is a
    town, whether the gazetteer knows it or not."""
    n = len(tokens)
    morph = resources.morph
    for i, t in enumerate(tokens[:-2]):
        j = i + 1
        if t.norm.lower() == "г":
            # "г. Бийск" is a town; "г" alone is a gram, and "в 2013 г." a year
            if tokens[j].norm != "." or (i and tokens[i - 1].norm[:1].isdigit()):
                continue
            j += 1
            word = tokens[j].norm
            if any(p.is_known and "Geox" not in p.tag for p in morph.parse(word.lower())) \
                    and not morph.has_tag(word, "Geox"):
                continue  # "г. Этот" ends a sentence
        elif (t.lemma or t.norm.lower()) not in SETTLEMENT_HEADS:
            continue
        k = j
        while k < n and k - j < 3 and base + k not in blocked and CYRILLIC_CAPITAL.match(tokens[k].norm):
            k += 1
        if k == j:
            continue
        # the longest name the gazetteer knows, else an adjective and its noun ("в селе
        # Верхние Ключи") or one word ("в селе Цибулёво [Знаменского района]")
        longest = k
        while k > j + 1 and not _is_city(resources.geo.lookup([tok.norm for tok in tokens[j:k]])):
            k -= 1
        if k == j + 1 and longest > j + 1 and morph.best(tokens[j].norm).tag.POS == "ADJF" \
                and morph.best(tokens[j + 1].norm).tag.POS == "NOUN":
            k = j + 2
        words = [tok.norm for tok in tokens[j:k]]
        place = resources.geo.lookup(words)
        if not _is_city(place):
            place = Place(CITY, resources.geo.nominative(words))
        blocked.update(range(base + j, base + k))
        yield _place_entity(doc, tokens[j:k], place)


def _is_city(place: Place | None) -> bool:
    return place is not None and place.type == CITY


YEARLY_EVENT = re.compile(r"^([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)*)-(?:19|20)\d\d$")


def _plausible_city(tokens: Sequence[Token], i: int, size: int, place, morph) -> bool:
    """A city the NER did not tag: not an ordinary word ("Но", "Думе", "Герой"), not a
    surname ("Горького"), not a street or a state ("улица Шевченко", "штат Вашингтон")."""
    if i and (tokens[i - 1].lemma or tokens[i - 1].norm.lower()) in NOT_CITY_BEFORE:
        return False
    if size > 1:
        return True
    word = tokens[i].norm
    if morph.best(word).tag.POS in ("ADJF", "ADJS"):
        return False  # "Волжская книжная ярмарка" is not the town Volzhsky
    parses = morph.parse(word.lower())
    geox = sum(p.score for p in parses if "Geox" in p.tag)
    if geox and geox >= sum(p.score for p in parses if {"Name", "Surn", "Patr"} & p.tag.grammemes):
        return True  # but "института Пушкина" is the poet's
    if i == 0 or place.population < CITY_MIN_POPULATION_UNTAGGED:
        return False
    # a word the dictionary knows as something else is that something else
    return not any(p.is_known for p in morph.parse(word.lower()))


def _quoted(tokens: Sequence[Token]) -> set[range]:
    """Token ranges inside short quotes: «Единая Россия», «Эхо Москвы»."""
    inside: set[range] = set()
    n = len(tokens)
    for i, t in enumerate(tokens):
        if t.norm not in ("«", '"', "„", "“"):
            continue
        for k in range(i + 1, min(n, i + 10)):
            if tokens[k].norm in ("»", '"', "“", "”"):
                inside.add(range(i + 1, k))
                break
    return inside


# Nouns after which a place adjective is part of a region's name, not a city or a
# country: "Московская область", "Краснодарский край", "Нижегородского района".
REGION_HEADS = {"область", "край", "район", "округ", "губерния", "уезд", "волость", "автономия",
                "епархия", "время"}  # "по московскому времени" is a time, not a city
# Nouns after which a country adjective names a language or a people, as NEREL reads it:
# "английский язык", "на французском".
LANGUAGE_HEADS = {"язык", "речь", "слово", "перевод", "алфавит", "диалект", "литература", "акцент"}
# People (and their origins) a country adjective describes by nationality rather than by
# state: "американский актер", "венгерского происхождения" are NATIONALITY; "американский
# президент", "российские военные" are the country (COUNTRY).
PRIVATE_PERSONS = set("""
актер актриса писатель писательница поэт поэтесса режиссер певец певица музыкант композитор
художник художница скульптор архитектор фотограф дизайнер модельер модель блогер видеоблогер
артист артистка танцор балерина пианист скрипач дирижер драматург прозаик классик критик
мультипликатор шоумен телеведущий ведущий комик юморист рэпер исполнитель исполнительница
продюсер сценарист журналист журналистка мыслитель философ спортсмен спортсменка атлет
боксер футболист хоккеист теннисист теннисистка гимнаст гимнастка легкоатлет шахматист пловец
пловчиха бегун лыжник биатлонист фигурист фигуристка борец велосипедист гонщик фехтовальщик
голкипер вратарь защитник нападающий полузащитник форвард дуэт тренер бизнесмен
предприниматель магнат миллиардер миллионер мультимиллионер коммерсант ученый физик химик
биолог физиолог историк математик изобретатель профессор инженер программист хакер врач
хирург натуралист студент студентка школьник школьница турист туристка путешественник
мужчина женщина парень девушка мальчик девочка ребенок подросток житель жительница пенсионер
пенсионерка эмигрант фанат болельщик монахиня миссионер священник активист правозащитник
доброволец заложник заложница шофер родитель семья община происхождение корень гражданство
""".split())


def _adjective_places(doc: Document, tokens: Sequence[Token], base: int, blocked: set[int],
                      resources) -> Iterator[Entity]:
    """Adjectives that name a country or a city, as NEREL annotates them: "российская
    делегация" -> COUNTRY (Россия), "в московском театре" -> CITY (Москва); each half of
    "российско-американский" on its own."""
    geo = resources.geo
    for i, t in enumerate(tokens):
        if base + i in blocked or not t.norm[:1].isalpha():
            continue
        if "-" in t.norm:
            yield from _compound_adjective(doc, t, geo)
        place = geo.adjective(t.norm)
        if place is None or place.type not in (CITY, COUNTRY):
            continue
        if not _adjective_of_place(tokens, i, place, resources.morph):
            continue
        blocked.add(base + i)
        yield _place_entity(doc, [t], place, adjective=True)
        # "в британской столице": the capital is a city, the adjective its country
        if place.type == COUNTRY and i + 1 < len(tokens) and tokens[i + 1].lemma == "столица":
            capital = geo.capital(place.country)
            if capital is not None:
                yield _place_entity(doc, tokens[i:i + 2], capital)


def _adjective_of_place(tokens: Sequence[Token], i: int, place, morph) -> bool:
    """False where the adjective belongs to a region's name, a language or a nationality."""
    head = _head_noun(tokens, i, morph)
    if head is None:
        # "владеет английским", "на французском": a language standing alone
        return place.type == CITY
    if head in REGION_HEADS or head in LANGUAGE_HEADS:
        return False
    return not (place.type == COUNTRY and _private_person(head))


def _private_person(lemma: str) -> bool:
    """"кинорежиссер", "боксер-профессионал", "поп-певица": a person by trade."""
    if lemma in PRIVATE_PERSONS or any(part in PRIVATE_PERSONS for part in lemma.split("-")):
        return True
    return any(lemma.endswith(p) for p in PRIVATE_PERSONS if len(p) > 4)


def _head_noun(tokens: Sequence[Token], i: int, morph) -> str | None:
    """Lemma of the noun an adjective goes with: "российские [военные] летчики" -> летчик;
    "советский и российский актер" -> актер."""
    for j in range(i + 1, min(len(tokens), i + 8)):
        w = tokens[j].norm
        if w in (",", "и", "или"):
            continue
        if not w[:1].isalpha():
            return None
        p = morph.best(w)
        if p.tag.POS == "NOUN":
            return p.normal_form.replace("ё", "е")
        if p.tag.POS not in ("ADJF", "PRTF", "NUMR") and "-" not in w:
            return None
    return None


def _compound_adjective(doc: Document, t: Token, geo) -> Iterator[Entity]:
    """"российско-американских": COUNTRY "российско" and COUNTRY "американских"."""
    parts = t.norm.split("-")
    if len(parts) < 2 or geo.adjective(parts[-1]) is None:
        return
    pos = t.start
    text = doc.text[t.start:t.end]
    for k, part in enumerate(parts):
        at = text.find(part, pos - t.start)
        if at < 0:
            return
        place = geo.compound_part(part) if k < len(parts) - 1 else geo.adjective(part)
        start = t.start + at
        if place is not None and place.type in (CITY, COUNTRY):
            value = _place_value(place, adjective=True)
            yield Entity(place.type, start, start + len(part), part, value, "gazetteer:adjective")
        pos = start + len(part)


def _capitalised_or_link(word: str, position: int) -> bool:
    if word[:1].isupper():
        return True
    return position > 0 and word in ("-", "на", "де")


def _dates(doc: Document, resources) -> Iterator[Entity]:
    """DATE entities from the cleaned text, offsets mapped back to the original."""
    norm = doc.norm
    reference = _reference_date(doc, resources)
    for m in find_dates(norm.text, reference):
        start, end = norm.to_original(m.start, m.end)
        # a trailing sentence period is not part of the date ("2024 г." keeps its dot)
        yield Entity(DATE, start, end, doc.text[start:end], m.value, "rule:" + m.rule)


def _reference_date(doc: Document, resources) -> dt.date | None:
    """The document's own date (from the file's metadata) or the run's reference date."""
    value = doc.meta.get("date")
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            pass
    return resources.reference_date


# A name in brackets right after a name: its Latin spelling or its acronym, a name of the
# same thing: "Майкл Мэйсон (Michael Mason)", "Понте-Сан-Пьетро (Ponte San Pietro)",
# "Ассоциация инновационных регионов Сибири (АИРС)".
BRACKETED_LATIN = re.compile(r"\(\s*([A-Z][^\W\d_]*(?:[ '’.&-]+[^\W_][\w'’.&-]*){0,6}?)\s*[),;]")
BRACKETED_ACRONYM = re.compile(r"\(\s*([A-ZА-ЯЁ][A-ZА-ЯЁ0-9&-]{1,9})\s*[),;]")
CYRILLIC_LETTER = re.compile("[а-яё]", re.I)
NAME_TYPES = (PERSON, ORGANIZATION, CITY, COUNTRY)


def _bracketed_names(doc: Document, entities: list[Entity]) -> list[Entity]:
    """The bracketed Latin name or acronym after a name gets that name's type; another
    type proposed for the same words gives way."""
    added: list[Entity] = []
    longest: dict[int, Entity] = {}
    for e in entities:
        if e.type in NAME_TYPES and (e.end not in longest or e.start < longest[e.end].start):
            longest[e.end] = e
    # "Королевского колледжа Лондона (King’s College London)": the whole name, not the city
    for e in longest.values():
        after = doc.text[e.end:e.end + 80]
        m = BRACKETED_LATIN.match(after.lstrip(" ")) if after[:2].strip() in ("(", "") else None
        if m is None or CYRILLIC_LETTER.search(m.group(1)):
            m = BRACKETED_ACRONYM.match(after.lstrip(" ")) if e.type == ORGANIZATION else None
        if m is None:
            continue
        start = e.end + (len(after) - len(after.lstrip(" "))) + m.start(1)
        end = start + len(m.group(1))
        text = doc.text[start:end]
        if e.type in (CITY, COUNTRY):
            value = dict(e.value or {}, name=(e.value or {}).get("name", e.text))
        else:
            value = {"name": text}
        added.append(Entity(e.type, start, end, text, value, "rule:bracketed"))
    if not added:
        return entities
    spans = {(a.start, a.end): a.type for a in added}
    kept = [e for e in entities if not (e.type in NAME_TYPES and spans.get((e.start, e.end), e.type) != e.type)]
    return kept + added


# Words an acronym skips: "Комитет по делам молодежи" -> КДМ.
OPENING_BRACKET = re.compile(r"[ \t]*\([ \t]*")
ACRONYM_SKIPS = {"и", "по", "в", "во", "на", "за", "при", "для", "с", "со", "of", "the", "and", "for",
                 "de", "du", "des", "la", "le", "in", "on", "at", "für", "und"}


def _link_aliases(doc: Document, entities: list[Entity]) -> None:
    """Give an organisation's (or person's) names in one text a shared ``canonical`` value.

    Linked are a name and what stands in brackets after it ("Британский совет (British
    Council)", "Ассоциация инновационных регионов Сибири (АИРС)") and an acronym and the
    name whose initials it spells, wherever they stand ("ООН" ... "Организация
    Объединённых Наций"). Every mention of a linked name gets the same canonical: the
    full name in the nominative, the first one given where two full names are linked.
    """
    names = [e for e in entities if e.type in (ORGANIZATION, PERSON)]
    parent: dict[int, int] = {}

    def root(i: int) -> int:
        while parent.get(i, i) != i:
            i = parent[i]
        return i

    def join(a: int, b: int) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    by_start = {e.start: i for i, e in enumerate(names)}
    for i, e in enumerate(names):
        m = OPENING_BRACKET.match(doc.text, e.end)
        j = by_start.get(m.end()) if m else None
        if j is not None and names[j].type == e.type:
            join(i, j)
    acronyms = {}
    for i, e in enumerate(names):
        if e.type == ORGANIZATION and _is_acronym_text(e.text):
            acronyms.setdefault(e.text.upper(), []).append(i)
    for i, e in enumerate(names):
        if e.type == ORGANIZATION and not _is_acronym_text(e.text):
            for k in acronyms.get(_initials((e.value or {}).get("name", e.text)), ()):
                join(i, k)
    same_text: dict[tuple[str, str], int] = {}
    for i, e in enumerate(names):
        key = (e.type, e.text)
        if key in same_text:
            join(same_text[key], i)
        else:
            same_text[key] = i
    groups: dict[int, list[int]] = {}
    for i in range(len(names)):
        groups.setdefault(root(i), []).append(i)
    for members in groups.values():
        texts = {names[i].text for i in members}
        if len(texts) < 2:
            continue
        full = [i for i in members if not _is_acronym_text(names[i].text)] or members
        first = min(full, key=lambda i: names[i].start)
        canonical = (names[first].value or {}).get("name", names[first].text)
        for i in members:
            names[i].value = dict(names[i].value or {}, canonical=canonical)


def _is_acronym_text(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return 1 < len(letters) <= 10 and " " not in text and sum(c.isupper() for c in letters) >= 2 \
        and sum(c.isupper() for c in letters) >= len(letters) - 1


def _initials(name: str) -> str:
    """"Ассоциация инновационных регионов Сибири" -> "АИРС"."""
    words = [w for w in re.split(r"[\s\-]+", name.replace("«", " ").replace("»", " "))
             if w and w.lower() not in ACRONYM_SKIPS and w[:1].isalpha()]
    return "".join(w[0] for w in words).upper()


def _repeated_surnames(doc: Document, entities: list[Entity], morph) -> list[Entity]:
    """A surname named once is that person wherever it recurs in another case:
    "Иржи Руснок" ... "правительство Руснока"; inside an organisation's name too."""
    surnames: dict[str, str] = {}
    for e in entities:
        words = e.text.split()
        # a full name ("Иржи Руснок") vouches for its surname
        if e.type == PERSON and len(words) > 1 and all(CYRILLIC_CAPITAL.match(w) for w in words):
            if len(words[-1]) > 3:
                surnames[_surname_key(words[-1], morph)] = (e.value or {}).get("name", e.text)
    if not surnames:
        return []
    busy = [(e.start, e.end) for e in entities if e.type in (PERSON, CITY, COUNTRY, LOCATION, REGION)]
    out = []
    toks = doc.tokens
    for i, t in enumerate(toks):
        if not CYRILLIC_CAPITAL.match(t.norm) or len(t.norm) <= 3:
            continue
        # not a part of another name ("Анны Франк") or of a title in quotes
        neighbours = [toks[k] for k in (i - 1, i + 1) if 0 <= k < len(toks) and toks[k].sentence == t.sentence]
        if any(x.norm[:1].isupper() or x.norm in ("«", "»", '"') for x in neighbours):
            continue
        key = _surname_key(t.norm, morph)
        if key not in surnames or any(a < t.end and t.start < b for a, b in busy):
            continue
        out.append(Entity(PERSON, t.start, t.end, doc.text[t.start:t.end], {"name": surnames[key]},
                          "rule:repeated"))
    return out


def _repeated_towns(doc: Document, entities: list[Entity], geo) -> list[Entity]:
    """A town named once ("в деревне Портапик") is that town where it recurs in another
    case ("в Портапике"), though no gazetteer knows it."""
    towns: dict[str, Entity] = {}
    for e in entities:
        if e.type == CITY and " " not in e.text and not (e.value or {}).get("adjective"):
            towns.setdefault(_key(geo.nominative([e.text])), e)
    if not towns:
        return []
    busy = [(e.start, e.end) for e in entities if e.type in NAME_TYPES]
    out = []
    for t in doc.tokens:
        if not CYRILLIC_CAPITAL.match(t.norm):
            continue
        src = towns.get(_key(geo.nominative([t.norm])))
        if src is None or any(a < t.end and t.start < b for a, b in busy):
            continue
        out.append(Entity(CITY, t.start, t.end, doc.text[t.start:t.end], dict(src.value or {}), "rule:repeated"))
    return out


def _key(name: str) -> str:
    return name.lower().replace("ё", "е")


def _surname_key(word: str, morph) -> str:
    """"Руснока" -> "руснок": the surname's nominative, or the word itself."""
    w = word.lower()
    for p in morph.parse(w):
        if "Surn" in p.tag or "Name" in p.tag:
            return p.normal_form.replace("ё", "е")
    return w.replace("ё", "е")


def _eponym_adjectives(doc: Document, entities: list[Entity], morph) -> list[Entity]:
    """"Нобелевской премии", "Шукшинские дни" (after Шукшин, named in the text): an
    adjective made from a person's name names that person, as NEREL annotates it."""
    stems = dict(EPONYMS)
    for e in entities:
        if e.type == PERSON:
            last = e.text.split()[-1].lower()
            surname = next((p.normal_form for p in morph.parse(last) if "Surn" in p.tag), None)
            if surname and len(surname) > 3:
                stems.setdefault(surname.replace("ё", "е") + "ск", (e.value or {}).get("name", e.text))
    busy = [(e.start, e.end) for e in entities if e.type in (PERSON, CITY, COUNTRY)]
    out = []
    for t in doc.tokens:
        w = t.norm.lower().replace("ё", "е")
        if t.pos != "ADJF" or len(w) < 6:
            continue
        name = next((stems[w[:-len(e)]] for e in ADJECTIVE_ENDINGS if w.endswith(e) and w[:-len(e)] in stems),
                    None)
        if name is None or any(a < t.end and t.start < b for a, b in busy):
            continue
        out.append(Entity(PERSON, t.start, t.end, doc.text[t.start:t.end], {"name": name, "adjective": True},
                          "rule:eponym"))
    return out


def _drop_retyped_places(entities: list[Entity]) -> list[Entity]:
    """A LOCATION the NER proposed and a rule made a CITY stays a CITY only."""
    cities = {(e.start, e.end) for e in entities if e.type == CITY}
    return [e for e in entities if not (e.type in (LOCATION, REGION) and (e.start, e.end) in cities)]


def _flatten_same_type(entities: list[Entity]) -> list[Entity]:
    """Within a type keep the longest of overlapping spans; order by position."""
    out: list[Entity] = []
    by_type: dict[str, list[Entity]] = {}
    for e in sorted(entities, key=lambda e: (-(e.end - e.start), e.start)):
        kept = by_type.setdefault(e.type, [])
        if any(e.start < k.end and k.start < e.end for k in kept):
            continue
        kept.append(e)
        out.append(e)
    out.sort(key=lambda e: (e.start, -e.end, e.type))
    return out
