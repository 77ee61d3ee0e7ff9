"""Events: one structured record per event the text tells of.

A trigger is a noun phrase around an event noun ("5-я нетворкинг встреча Creative
Central Asia", "XV Международный форум «Армия-2024»"). Mentions that repeat a
trigger's kind without naming another edition ("встречи", "форума") refer to the
same event; a mention with another name or edition, or a different kind of event
("в рамках форума прошла встреча"), is an event of its own. The main event is the
first one the text names. Arguments (dates, places, organisers, participants) come
from the sentences that mention the event; duplicate paragraphs are skipped, so
nothing counts twice; contradictions become warnings.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Sequence

from .doc import (CITY, COUNT, COUNTRY, DATE, ORGANIZATION, Argument, Document,
                  Entity, Event, Token)
from .entities.numbers import ordinal_value, read_number
from .entities.dates import weekday_mismatch

# Head nouns of events (lemmas). "мероприятие", "событие" only refer back.
EVENT_NOUNS = set("""
форум фестиваль конференция выставка встреча турнир чемпионат первенство визит саммит
семинар конгресс симпозиум ярмарка концерт марафон соревнование олимпиада конкурс
церемония презентация заседание совещание переговоры мастер-класс лекция воркшоп
хакатон биеннале триеннале сессия слёт слет съезд кубок матч забег экспедиция премьера
показ спектакль шоу праздник фестиваль-конкурс экскурсия тренинг вебинар акция
выборы референдум парад митинг флешмоб интенсив смена стажировка school
нетворкинг-встреча бизнес-форум экспо конференция-выставка ретрит питчинг
""".split())
ANAPHORIC_EVENT_NOUNS = {"мероприятие", "событие"}
SKIP_AS_EVENT = {"школа"}  # too often a place

# Status cues. Lexical ones win over tense.
CANCEL = re.compile(r"^(?:отмен[её]н[аоы]?|отменил[аи]?|отменят|отменяется|отменена)$", re.I)
POSTPONE = re.compile(r"^(?:перенес[её]н[аоы]?|перенесл[аи]|перенесут|переносится|отлож[её]н[аоы]?|отложил[аи]?)$", re.I)
START_VERBS = {"открыться", "начаться", "стартовать", "открыть", "начать"}
END_VERBS = {"завершиться", "закончиться", "закрыться", "завершить", "окончиться", "подвести"}
HAPPEN_VERBS = {"пройти", "состояться", "провести", "проходить", "проводиться", "завершиться",
                "открыться", "начаться", "стартовать", "продлиться", "идти", "закончиться",
                "собрать", "принять", "организовать", "запланировать", "планироваться"}

# "за три дня", "в течение пяти дней", "трехдневный"
DURATION = re.compile(
    r"(?:за|в\s+течение|на\s+протяжении|все)\s+(?P<n>\S+)\s+(?:дн(?:я|ей|ень)|сут(?:ок|ки))|"
    r"(?P<adj>(?:дву|двух|трех|трёх|четырех|четырёх|пяти|шести|семи|восьми|девяти|десяти)дневн\w+)",
    re.I)
ADJ_DAYS = {"дву": 2, "двух": 2, "трех": 3, "трёх": 3, "четырех": 4, "четырёх": 4, "пяти": 5,
            "шести": 6, "семи": 7, "восьми": 8, "девяти": 9, "десяти": 10}

QUOTE_OPEN, QUOTE_CLOSE = {"«", '"'}, {"»", '"'}
LATIN = re.compile(r"^[A-Za-z][A-Za-z0-9&'\-.]*$")


@dataclass
class Mention:
    """An event noun phrase: tokens ``start``..``end`` with its head and name."""

    start: int
    end: int
    head: int
    kind: str
    sentence: int
    name: str | None = None
    edition: int | None = None
    edition_span: tuple[int, int] | None = None


@dataclass
class Cluster:
    """Mentions of one event."""

    mentions: list[Mention] = field(default_factory=list)

    @property
    def first(self) -> Mention:
        return self.mentions[0]


def find_mentions(doc: Document, morph) -> list[Mention]:
    """Event noun phrases of the non-duplicate paragraphs, in text order.

    A mention inside another one's name is not a mention: "Кубок" in
    "турнир «Кубок Алатау»", "Экспо" in "форум «Казань Экспо»" stay names.
    """
    out: list[Mention] = []
    for s_index, sent in enumerate(doc.sentences):
        if doc.paragraphs and doc.paragraphs[sent.paragraph].duplicate_of is not None:
            continue
        toks = doc.tokens
        quoted = _quoted_tokens(doc, sent)
        for i in range(sent.first_token, sent.last_token):
            if i in quoted:
                continue
            lemma = _lemma(toks[i], morph)
            if lemma not in EVENT_NOUNS or lemma in SKIP_AS_EVENT:
                continue
            m = _mention(doc, i, lemma, s_index, morph)
            if out and out[-1].sentence == s_index and out[-1].start <= i < out[-1].end:
                continue
            out.append(m)
    return out


def _quoted_tokens(doc: Document, sent) -> set[int]:
    """Token indices inside quotes in a sentence."""
    inside, depth = set(), 0
    for i in range(sent.first_token, sent.last_token):
        w = doc.tokens[i].norm
        if w == "«":
            depth += 1
        elif w == "»":
            depth = max(0, depth - 1)
        elif w == '"':
            depth = 0 if depth else 1
        elif depth:
            inside.add(i)
    return inside


def _lemma(token: Token, morph) -> str:
    if token.lemma is not None:
        return token.lemma
    return morph.lemma(token.norm) if any(c.isalpha() for c in token.norm) else token.norm


def _mention(doc: Document, head: int, kind: str, s_index: int, morph) -> Mention:
    """Extend an event noun to its phrase: ordinal and adjectives before, complements
    and a name after ("X Международный форум технологического предпринимательства
    «ТехноВектор»", "официальный визит делегации Новосибирской области в Республику Беларусь")."""
    sent = doc.sentences[s_index]
    toks = doc.tokens
    head_word = toks[head].norm
    start = head
    edition = None
    edition_span = None
    k = head - 1
    while k >= sent.first_token:
        w = toks[k].norm
        value = ordinal_value(w, morph) if w[:1].isalnum() else None
        if value is not None and edition is None and _ordinal_form(w, morph):
            edition, edition_span = value, (toks[k].start, toks[k].end)
            start = k
            k -= 1
            continue
        p = morph.best(w)
        if w[:1].isalpha() and _can_agree(w, head_word, morph) and edition is None:
            start = k
            k -= 1
            continue
        if p.tag.POS == "NOUN" and k == head - 1 and _is_guessed(p) and w.islower():
            start = k  # "нетворкинг встреча": a borrowed noun used as a modifier
            k -= 1
            continue
        break
    end, name = _extend_right(doc, head, sent, kind, morph)
    return Mention(start, end, head, kind, s_index, name, edition, edition_span)


def _ordinal_form(word: str, morph) -> bool:
    """"5-я", "XV", "пятый" are ordinals; "пять" or a year is not."""
    if word[:1].isdigit():
        return "-" in word
    if word.isupper():
        return True
    return any("Anum" in p.tag for p in morph.parse(word.lower()))


def _can_agree(word: str, head: str, morph) -> bool:
    """An adjective that can agree with the head noun in case, number and gender."""
    adj = [p for p in morph.parse(word.lower()) if p.tag.POS in ("ADJF", "PRTF") and "Anum" not in p.tag
           and "Apro" not in p.tag]
    if not adj:
        return False
    nouns = [p for p in morph.parse(head.lower()) if p.tag.POS == "NOUN"]
    for a in adj:
        for n in nouns:
            if a.tag.case == n.tag.case and a.tag.number == n.tag.number and \
                    (a.tag.number == "plur" or a.tag.gender == n.tag.gender):
                return True
    return False


def _extend_right(doc: Document, head: int, sent, kind: str, morph) -> tuple[int, str | None]:
    """The end of the phrase after its head, and the name if one stands there."""
    toks = doc.tokens
    end = head + 1
    j = head + 1
    limit = min(sent.last_token, head + 10)
    while j < limit:
        w = toks[j].norm
        if w in QUOTE_OPEN:
            close = next((x for x in range(j + 1, min(sent.last_token, j + 14)) if toks[x].norm in QUOTE_CLOSE), None)
            if close is not None and close > j + 1:
                return close + 1, doc.text[toks[j + 1].start:toks[close - 1].end]
            break
        if LATIN.match(w) and w[:1].isupper():
            x = j
            while x < sent.last_token and (LATIN.match(toks[x].norm) or toks[x].norm == "&"):
                x += 1
            return x, doc.text[toks[j].start:toks[x - 1].end]
        p = morph.best(w)
        if len(w) > 1 and w[:1].isalpha() and p.tag.POS in ("NOUN", "ADJF", "PRTF") and \
                any(x.tag.case == "gent" for x in morph.parse(w.lower()) if x.tag.POS == p.tag.POS):
            j += 1
            end = j  # "форум технологического предпринимательства", "визит делегации"
            continue
        if p.tag.POS == "PREP" and w.lower() in ("по", "среди", "для") and j + 1 < limit:
            j += 1  # "турнир по дзюдо среди юниоров" only counts if a name follows
            continue
        if p.tag.POS in ("NOUN", "ADJF") and w.islower() and toks[j - 1].norm.lower() in ("по", "среди", "для"):
            j += 1
            continue
        if kind == "визит" and w.lower() in ("в", "во") and j + 1 < sent.last_token:
            place_end = _place_after(doc, j + 1)
            if place_end is not None:
                return place_end, None
        break
    return end, None


def _place_after(doc: Document, i: int) -> int | None:
    """Token index after a CITY/COUNTRY entity that starts at token ``i``."""
    tok = doc.tokens[i]
    for e in doc.entities:
        if e.type in (CITY, COUNTRY) and e.start == tok.start:
            k = i
            while k < len(doc.tokens) and doc.tokens[k].end <= e.end:
                k += 1
            return k
    return None


def _is_guessed(p) -> bool:
    return any(type(m[0]).__name__ != "DictionaryAnalyzer" for m in p.methods_stack)


# "следующая встреча пройдет в Алматы": the same kind, another occurrence
OTHER_OCCURRENCE = {"следующий", "очередной", "будущий", "предыдущий", "прошлый", "прошлогодний",
                    "предстоящий", "первый", "новый"}
HAPPEN_FORMS = re.compile(
    r"^(?:прош(?:ел|ёл|ла|ло|ли)|состоял(?:ся|ась|ось|ись)|пройд(?:ет|ёт|ут)|состо(?:ится|ятся)|"
    r"проходил[аио]?|проводил(?:ся|ась|ось|ись)|стартовал[аио]?|стартует|открыл(?:ся|ась|ось|ись)|"
    r"откро(?:ется|ются)|завершил(?:ся|ась|ось|ись)|начал(?:ся|ась|ось|ись)|"
    r"отмен[её]н[аоы]?|перенес[её]н[аоы]?|запланирован[аоы]?|организован[аоы]?|проведен[аоы]?)$", re.I)


def cluster_mentions(doc: Document, mentions: Sequence[Mention], morph) -> list[Cluster]:
    """Group the mentions into events; the first cluster is the main event.

    The main event is the first mention of the lead (or, failing that, the first
    named one). A later mention joins it when it is of the same kind and names no
    other name or edition; a mention with another name, or of another kind that a
    verb of occurrence makes an event of its own ("в рамках форума прошла встреча"),
    or marked as another occurrence ("следующая встреча"), starts a new event.
    Other mentions of other kinds (program items: "лекций", "мастер-классов") are
    not events of their own.
    """
    if not mentions:
        return []
    main = _choose_main(doc, mentions)
    clusters = [Cluster([main])]
    for m in mentions:
        if m is main:
            continue
        target = _find_cluster(clusters, m)
        if target is not None and not _other_occurrence(doc, m, morph):
            target.mentions.append(m)
            continue
        if m.name or m.edition is not None or _other_occurrence(doc, m, morph) or \
                _has_own_predicate(doc, m, morph):
            clusters.append(Cluster([m]))
    return clusters


def _choose_main(doc: Document, mentions: Sequence[Mention]) -> Mention:
    first_par = doc.sentences[mentions[0].sentence].paragraph
    lead = [m for m in mentions if doc.sentences[m.sentence].paragraph == first_par]
    strong = [m for m in lead if m.name or m.edition is not None or m.end - m.start > 1]
    if strong:
        return strong[0]
    named = [m for m in mentions if m.name or m.edition is not None]
    return named[0] if named else mentions[0]


def _find_cluster(clusters: list[Cluster], m: Mention) -> Cluster | None:
    for c in clusters:
        kinds = {x.kind for x in c.mentions}
        names = {x.name for x in c.mentions if x.name}
        editions = {x.edition for x in c.mentions if x.edition is not None}
        if m.name and names:
            if m.name in names and (m.edition is None or not editions or m.edition in editions):
                return c
            continue
        if m.kind not in kinds and m.kind not in ANAPHORIC_EVENT_NOUNS:
            continue
        if m.edition is not None and editions and m.edition not in editions:
            continue
        if m.name and not names and c is not clusters[0]:
            continue
        return c
    return None


def _other_occurrence(doc: Document, m: Mention, morph) -> bool:
    for i in range(m.start, m.head):
        if morph.lemma(doc.tokens[i].norm) in OTHER_OCCURRENCE:
            return True
    return False


def _has_own_predicate(doc: Document, m: Mention, morph) -> bool:
    """A verb of occurrence right next to a singular event noun: "прошла встреча"."""
    head = morph.best(doc.tokens[m.head].norm)
    if head.tag.number != "sing" or "Pltm" in head.tag:
        return False
    sent = doc.sentences[m.sentence]
    lo, hi = max(sent.first_token, m.start - 3), min(sent.last_token, m.end + 3)
    for i in range(lo, hi):
        if m.start <= i < m.end or not HAPPEN_FORMS.match(doc.tokens[i].norm):
            continue
        # "прошли пленарное заседание, пять дискуссий и ...": a plural verb lists program items
        verb = morph.best(doc.tokens[i].norm)
        if verb.tag.number and verb.tag.number != head.tag.number:
            continue
        if verb.tag.gender and head.tag.gender and verb.tag.gender != head.tag.gender:
            continue
        return True
    return False


def assemble_events(doc: Document, resources) -> Document:
    """Stage: build the event records of a document."""
    morph = resources.morph
    mentions = find_mentions(doc, morph)
    clusters = cluster_mentions(doc, mentions, morph)
    events: list[Event] = []
    for n, cluster in enumerate(clusters, 1):
        events.append(_record(doc, cluster, n, n == 1, morph, clusters, events[0] if events else None))
    doc.events = events
    return doc


def _record(doc: Document, c: Cluster, n: int, main: bool, morph, clusters: list[Cluster],
            main_event: Event | None) -> Event:
    first = c.first
    toks = doc.tokens
    t_start, t_end = toks[first.start].start, toks[first.end - 1].end
    trigger = Argument(t_start, t_end, doc.text[t_start:t_end])
    edition = next((m.edition for m in c.mentions if m.edition is not None), None)
    own = {m.sentence for m in c.mentions}
    # sentences with no other event belong to the main event: releases are about it
    if main:
        others = {m.sentence for other in clusters if other is not c for m in other.mentions}
        own |= {i for i, s in enumerate(doc.sentences)
                if i not in others and not _in_duplicate(doc, s.start)}
    ev = Event(event_id=f"{doc.doc_id}#{n}", doc_id=doc.doc_id, title=trigger.text,
               trigger=trigger, kind=first.kind, main=main, edition=edition)
    evidence: dict[str, list[int]] = {"title": [t_start, t_end]}
    if edition is not None:
        span = next(m.edition_span for m in c.mentions if m.edition is not None)
        evidence["edition"] = list(span)
    for m in c.mentions:
        status, span = _status(doc, doc.sentences[m.sentence], m, morph)
        if status:
            ev.status = status
            evidence["status"] = list(span)
            break
    _attach_dates(doc, ev, c, own, main, evidence)
    _attach_places(doc, ev, c, own, main, evidence, main_event)
    _attach_organisations(doc, ev, own)
    _attach_participants(doc, ev, own)
    ev.warnings += _warnings(doc, ev, own, morph)
    ev.evidence = evidence
    return ev


def _in_duplicate(doc: Document, offset: int) -> bool:
    return doc.is_duplicate_offset(offset)


def _entities_in(doc: Document, sentences: set[int], *types: str) -> list[Entity]:
    out = []
    for e in doc.entities:
        if e.type not in types or _in_duplicate(doc, e.start):
            continue
        s = doc.sentence_of(e.start)
        if s in sentences:
            out.append(e)
    return out


def _status(doc: Document, sent, m: Mention, morph) -> tuple[str | None, tuple[int, int] | None]:
    """Status from the verbs of the sentence, nearest to the trigger first."""
    toks = doc.tokens[sent.first_token:sent.last_token]
    head_pos = m.head - sent.first_token
    order = sorted(range(len(toks)), key=lambda i: abs(i - head_pos))
    for i in order:
        w = toks[i].norm
        span = (toks[i].start, toks[i].end)
        if CANCEL.match(w):
            return "cancelled", span
        if POSTPONE.match(w):
            return "postponed", span
    for i in order:
        w = toks[i].norm
        span = (toks[i].start, toks[i].end)
        p = morph.best(w)
        if p.tag.POS == "VERB" and p.normal_form in HAPPEN_VERBS | START_VERBS | END_VERBS:
            return _tense_status(p, toks, i, morph), span
        if p.tag.POS == "PRTS" and p.normal_form in ("провести", "открыть", "организовать",
                                                     "запланировать", "завершить"):
            before = toks[i - 1].norm.lower() if i > 0 else ""
            if before in ("будет", "будут"):
                return "planned", (toks[i - 1].start, toks[i].end)
            if p.normal_form == "запланировать":
                return "planned", span
            return "completed", span
    for i in order:
        p = morph.best(toks[i].norm)
        if p.tag.POS == "VERB" and p.tag.mood == "indc":
            return _tense_status(p, toks, i, morph), (toks[i].start, toks[i].end)
    return None, None


def _tense_status(p, toks, i, morph) -> str:
    lemma = p.normal_form
    if p.tag.tense == "futr":
        return "planned"
    if p.tag.tense == "pres":
        if lemma in ("планироваться",):
            return "planned"
        return "ongoing"
    if lemma in START_VERBS:
        return "ongoing"
    return "completed"


def _attach_dates(doc: Document, ev: Event, c: Cluster, own: set[int], main: bool, evidence) -> None:
    mention_sents = {m.sentence for m in c.mentions}
    dates = [e for e in _entities_in(doc, mention_sents, DATE) if _usable_date(e)]
    if not dates and main:
        dates = [e for e in _entities_in(doc, own, DATE) if _usable_date(e)][:1]
    if not dates:
        return
    # the most specific date first: a range or a day beats a month or a year
    best = max(dates, key=_date_rank)
    ev.dates = [Argument(e.start, e.end, e.text, {"value": e.value}) for e in dates]
    ev.start_date, ev.end_date = best.value.get("start"), best.value.get("end")
    evidence["start_date"] = evidence["end_date"] = [best.start, best.end]
    # "откроется 20 мая ... продлится до 31 августа": an open-ended end stated apart
    if main and ev.start_date == ev.end_date:
        for e in _entities_in(doc, own, DATE):
            v = e.value or {}
            if _usable_date(e) and UNTIL.match(e.text) and (v.get("end") or "") > (ev.start_date or "") \
                    and UNTIL_VERB.search(_sentence_text(doc, e.start)):
                ev.end_date = v.get("end")
                evidence["end_date"] = [e.start, e.end]
                ev.dates.append(Argument(e.start, e.end, e.text, {"value": v}))
                break


UNTIL = re.compile(r"^(?:до|по)\s", re.I)
UNTIL_VERB = re.compile(r"(продлится|продолжится|будет\s+(?:работать|открыт\w*|идти|проходить)|"
                        r"работает|открыта|открыт|проходит|продлятся|завершится)", re.I)


def _sentence_text(doc: Document, offset: int) -> str:
    s = doc.sentence_of(offset)
    if s is None:
        return ""
    sent = doc.sentences[s]
    return doc.text[sent.start:sent.end]


def _usable_date(e: Entity) -> bool:
    v = e.value or {}
    return bool(v.get("start")) and v.get("resolved", True) is not False


def _date_rank(e: Entity) -> tuple[int, int]:
    v = e.value
    spec = len(v.get("start") or "") + len(v.get("end") or "")
    is_range = v.get("start") != v.get("end")
    return spec, int(is_range)


# a place of an event stands after "в", "во", "на" or "г.", or in brackets after a city:
# "В Алматы (Казахстан)", "в Республику Беларусь"; "из России" is where people came from
LOCATIVE_BEFORE = re.compile(r"(?:^|[\s(])(?:в|во|на|г\.|город[еа]?|столиц[еау])\s*$", re.I)
BRACKETED_AFTER_PLACE = re.compile(r"^\s*\(\s*$")


def _locative_places(doc: Document, sentences: set[int]) -> list[Entity]:
    places = _entities_in(doc, sentences, CITY, COUNTRY)
    out = []
    for e in places:
        before = doc.text[max(0, e.start - 12):e.start]
        if LOCATIVE_BEFORE.search(before):
            out.append(e)
            continue
        # "Алматы (Казахстан)": a country in brackets right after a place taken
        if out and BRACKETED_AFTER_PLACE.match(doc.text[out[-1].end:e.start]):
            out.append(e)
    return out


def _attach_places(doc: Document, ev: Event, c: Cluster, own: set[int], main: bool, evidence,
                   main_event: Event | None) -> None:
    mention_sents = {m.sentence for m in c.mentions}
    places = _locative_places(doc, mention_sents)
    if main and not any(e.type == CITY for e in places):
        cities = [e for e in _locative_places(doc, own) if e.type == CITY]
        places = cities[:1] + places
    seen = set()
    args = []
    for e in places:
        key = (e.type, (e.value or {}).get("name"))
        if key in seen:
            continue
        seen.add(key)
        attrs = {"type": e.type, "name": (e.value or {}).get("name", e.text),
                 "country": (e.value or {}).get("country")}
        if (e.value or {}).get("geonameid"):
            attrs["geonameid"] = e.value["geonameid"]
        args.append(Argument(e.start, e.end, e.text, attrs))
    # cities before countries: "Алматы, Казахстан"
    ev.places = sorted(args, key=lambda a: a.attrs["type"] != CITY)
    if not ev.places and main_event is not None and _within_main(doc, c):
        # "в рамках ярмарки": a part of the main event takes place where it does
        ev.places = [Argument(a.start, a.end, a.text, dict(a.attrs)) for a in main_event.places]
    if ev.places:
        evidence["places"] = [ev.places[0].start, ev.places[0].end]


def _within_main(doc: Document, c: Cluster) -> bool:
    """The mention says it is part of another event: "в рамках ярмарки", "в ходе форума"."""
    for m in c.mentions:
        text = _sentence_text(doc, doc.tokens[m.head].start)
        if re.search(r"в\s+(?:рамках|ходе|программе|дни)\s", text, re.I):
            return True
    return False


ORG_COORDINATION = re.compile(r"^\s*(?:,|и|а\s+также|совместно\s+с|вместе\s+с|,\s*и)?\s*$", re.I)


def _attach_organisations(doc: Document, ev: Event, own: set[int]) -> None:
    """Organisers follow an organiser cue in their sentence; the rest are organisations.

    A name coordinated with an organiser ("X и Y", "X совместно с Y") is one too.
    """
    orgs = _entities_in(doc, own, ORGANIZATION)
    seen_names: set[str] = set()
    prev: tuple[Entity, str | None] | None = None
    for e in orgs:
        name = (e.value or {}).get("name", e.text)
        role = _org_role(doc, e)
        if role is None and prev is not None and prev[1] is not None \
                and doc.sentence_of(prev[0].start) == doc.sentence_of(e.start) \
                and ORG_COORDINATION.match(doc.text[prev[0].end:e.start]):
            role = prev[1]
        if prev is not None and prev[0].start <= e.start < prev[0].end:
            continue  # nested in the previous name
        if prev is not None and re.match(r"^\s*\(\s*$", doc.text[prev[0].end:e.start]):
            continue  # "Ассоциация ... (АИРС)": the same organisation, abbreviated
        prev = (e, role)
        key = name.lower()
        if key in seen_names:
            continue
        seen_names.add(key)
        arg = Argument(e.start, e.end, e.text, {"name": name})
        if role == "organiser":
            ev.organisers.append(arg)
        else:
            if role:
                arg.attrs["role"] = role
            ev.organisations.append(arg)


FILLER = r"(?:\s+[а-яё]+){0,2}?"  # "Организатором [форума] выступила"
ORGANISER_BEFORE = re.compile(
    r"(?:организован\w*|при\s+организации|подготовлен\w*|проводим\w*|"
    r"(?:организатор|устроител|инициатор|учредител)\w*" + FILLER +
    r"\s*(?:выступил\w*|стал\w*|является|являются|был\w*|—|-|:)?)\s*$", re.I)
PARTNER_BEFORE = re.compile(
    r"(?:при\s+(?:поддержке|содействии|участии|партн[её]рстве)|"
    r"(?:партн[её]р|спонсор)\w*" + FILLER + r"\s*(?:выступил\w*|стал\w*|является|являются|—|-|:)?|"
    r"поддержал\w*)\s*$", re.I)


def _org_role(doc: Document, e: Entity) -> str | None:
    """"organiser", "partner" or None, from the words just before the name."""
    s = doc.sentence_of(e.start)
    sent_start = doc.sentences[s].start if s is not None else 0
    before = doc.text[max(sent_start, e.start - 80):e.start]
    before = re.sub(r"[«\"]\s*$", "", before)
    # a descriptor may stand between the cue and the name: "при поддержке фонда «...»"
    candidates = [before, re.sub(r"[а-яё]+\s*$", "", before, flags=re.I)]
    for text in candidates:
        if ORGANISER_BEFORE.search(text):
            return "organiser"
        if PARTNER_BEFORE.search(text):
            return "partner"
    after = doc.text[e.end:e.end + 40]
    if re.match(r"\s*(?:—|-|–)?\s*(?:организатор|организовал|выступил\w*\s+организатор)", after, re.I):
        return "organiser"
    return None


def _attach_participants(doc: Document, ev: Event, own: set[int]) -> None:
    for e in _entities_in(doc, own, COUNT):
        v = e.value or {}
        phrase = v.get("phrase") or {"start": e.start, "end": e.end}
        attrs = {k: v.get(k) for k in ("count", "qualifier", "noun", "affiliation")}
        for k in ("min", "max"):
            if k in v:
                attrs[k] = v[k]
        ev.participants.append(Argument(phrase["start"], phrase["end"],
                                        doc.text[phrase["start"]:phrase["end"]], attrs))


def _warnings(doc: Document, ev: Event, own: set[int], morph) -> list[str]:
    out: list[str] = []
    # a stated duration against the date range: "за три дня" vs "с 11 по 15 марта"
    days = _range_days(ev.start_date, ev.end_date)
    if days is not None and days > 1:
        for s in sorted(own):
            sent = doc.sentences[s]
            text = doc.text[sent.start:sent.end]
            for m in DURATION.finditer(text):
                stated = _duration_value(m, morph)
                if stated is not None and stated != days:
                    out.append(f"stated duration {stated} days disagrees with the date range ({days} days)")
    # two different counts for the same group
    by_noun: dict[str, list[Argument]] = {}
    for p in ev.participants:
        if p.attrs.get("affiliation") is None and p.attrs.get("noun"):
            by_noun.setdefault(p.attrs["noun"], []).append(p)
    for noun, group in by_noun.items():
        # a much smaller count is a part of the group ("пятерых спортсменов" of 300), not a rival
        top = max(p.attrs["count"] for p in group)
        totals = [p for p in group if p.attrs["count"] >= 0.5 * top]
        for a, b in zip(totals, totals[1:]):
            if _counts_conflict(a.attrs, b.attrs):
                out.append(f"two different counts for {noun}: "
                           f"\"{a.text}\" and \"{b.text}\"")
    for d in ev.dates:
        w = weekday_mismatch(d.attrs.get("value") or {})
        if w:
            out.append(w)
    return list(dict.fromkeys(out))


def _range_days(start: str | None, end: str | None) -> int | None:
    if not start or not end or len(start) != 10 or len(end) != 10:
        return None
    return (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days + 1


def _duration_value(m: re.Match, morph) -> int | None:
    if m.group("adj"):
        w = m.group("adj").lower()
        for prefix, n in sorted(ADJ_DAYS.items(), key=lambda kv: -len(kv[0])):
            if w.startswith(prefix):
                return n
        return None
    word = m.group("n")
    if word.isdigit():
        return int(word)
    r = read_number([word], 0, morph)
    return int(r[0]) if r else None


def _counts_conflict(a: dict, b: dict) -> bool:
    """True when two counts of one group cannot both hold: "более 300" and "260"."""
    def bounds(x: dict) -> tuple[float, float]:
        n, q = x["count"], x.get("qualifier")
        if "min" in x and "max" in x:
            return x["min"], x["max"]
        return {"more_than": (n + 1e-9, float("inf")), "at_least": (n, float("inf")),
                "less_than": (0, n - 1e-9), "at_most": (0, n),
                "about": (n * 0.85, n * 1.15)}.get(q, (n, n))
    lo_a, hi_a = bounds(a)
    lo_b, hi_b = bounds(b)
    return hi_a < lo_b or hi_b < lo_a
