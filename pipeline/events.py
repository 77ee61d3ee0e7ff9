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

from .doc import (CITY, COUNT, COUNTRY, DATE, ORGANIZATION, PERSON, Argument, Document,
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

ORGANISER_CUES = re.compile(
    r"(организован\w*|организатор\w*|организовал\w*|организуем\w*|организуют|организует|"
    r"при\s+организации|проводим\w*\s+\w+|устроител\w*|инициатор\w*)", re.I)
PARTNER_CUES = re.compile(r"(при\s+поддержке|при\s+содействии|при\s+участии|партнер\w*|партнёр\w*|"
                          r"спонсор\w*|при\s+партнерстве|при\s+партнёрстве)", re.I)

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
    """Event noun phrases of the non-duplicate paragraphs, in text order."""
    out: list[Mention] = []
    for s_index, sent in enumerate(doc.sentences):
        if doc.paragraphs and doc.paragraphs[sent.paragraph].duplicate_of is not None:
            continue
        toks = doc.tokens
        for i in range(sent.first_token, sent.last_token):
            lemma = _lemma(toks[i], morph)
            if lemma not in EVENT_NOUNS or lemma in SKIP_AS_EVENT:
                continue
            out.append(_mention(doc, i, lemma, s_index, morph))
    return out


def _lemma(token: Token, morph) -> str:
    if token.lemma is not None:
        return token.lemma
    return morph.lemma(token.norm) if any(c.isalpha() for c in token.norm) else token.norm


def _mention(doc: Document, head: int, kind: str, s_index: int, morph) -> Mention:
    """Extend an event noun to its phrase: ordinal and adjectives before, name after."""
    sent = doc.sentences[s_index]
    toks = doc.tokens
    head_parse = morph.best(toks[head].norm)
    start = head
    edition = None
    edition_span = None
    k = head - 1
    while k >= sent.first_token:
        w = toks[k].norm
        value = ordinal_value(w, morph) if (w[:1].isdigit() or w.isupper() or w[:1].isalpha()) else None
        p = morph.best(w)
        if value is not None and (not w[:1].isalpha() or w.isupper() or "Anum" in p.tag):
            edition, edition_span = value, (toks[k].start, toks[k].end)
            start = k
            k -= 1
            continue
        if p.tag.POS in ("ADJF", "PRTF") and _agrees(p, head_parse) and w[:1].isalpha():
            start = k
            k -= 1
            continue
        if p.tag.POS == "NOUN" and k == head - 1 and _is_guessed(p) and w.islower():
            start = k  # "нетворкинг встреча": a borrowed noun used as a modifier
            k -= 1
            continue
        break
    end = head + 1
    name = None
    # "форум «Армия-2024»", "встреча Creative Central Asia", "турнир по дзюдо среди юниоров «Кубок Алатау»"
    j = head + 1
    limit = min(sent.last_token, head + 9)
    while j < limit:
        w = toks[j].norm
        if w in QUOTE_OPEN:
            close = next((x for x in range(j + 1, min(sent.last_token, j + 12)) if toks[x].norm in QUOTE_CLOSE), None)
            if close is not None:
                name = doc.text[toks[j + 1].start:toks[close - 1].end]
                end = close + 1
            break
        if LATIN.match(w) and w[:1].isupper():
            x = j
            while x < sent.last_token and (LATIN.match(toks[x].norm) or toks[x].norm in ("&",)):
                x += 1
            name = doc.text[toks[j].start:toks[x - 1].end]
            end = x
            break
        p = morph.best(w)
        # only prepositional complements may stand between the head and a name
        if p.tag.POS in ("PREP", "NOUN", "ADJF", "CONJ") and w.islower() and j - head <= 6:
            j += 1
            continue
        break
    return Mention(start, end, head, kind, s_index, name, edition, edition_span)


def _agrees(p, head) -> bool:
    return p.tag.case == head.tag.case or p.tag.case is None or head.tag.case is None


def _is_guessed(p) -> bool:
    return any(type(m[0]).__name__ != "DictionaryAnalyzer" for m in p.methods_stack)


def cluster_mentions(mentions: Sequence[Mention]) -> list[Cluster]:
    """Group mentions of one event: same kind and no conflicting name or edition."""
    clusters: list[Cluster] = []
    for m in mentions:
        target = None
        for c in clusters:
            same_kind = any(x.kind == m.kind for x in c.mentions)
            if not same_kind:
                continue
            names = {x.name for x in c.mentions if x.name}
            editions = {x.edition for x in c.mentions if x.edition is not None}
            if m.name and names and m.name not in names:
                continue
            if m.edition is not None and editions and m.edition not in editions:
                continue
            target = c
            break
        if target is None:
            clusters.append(Cluster([m]))
        else:
            target.mentions.append(m)
    # a bare mention ("встречи") sits with the named one before it; clusters of bare
    # mentions that repeat an earlier kind were merged above
    return clusters


def assemble_events(doc: Document, resources) -> Document:
    """Stage: build the event records of a document."""
    morph = resources.morph
    mentions = find_mentions(doc, morph)
    clusters = cluster_mentions(mentions)
    # keep events that are named, numbered, or that the lead paragraph or a predicate states
    clusters = [c for c in clusters if _is_reportable(doc, c, morph)]
    events: list[Event] = []
    used_args: dict[str, set[tuple[int, int]]] = {"dates": set(), "places": set()}
    for n, cluster in enumerate(clusters, 1):
        events.append(_record(doc, cluster, n, n == 1, morph, clusters))
    doc.events = events
    return doc


def _is_reportable(doc: Document, c: Cluster, morph) -> bool:
    m = c.first
    if m.name or m.edition is not None or len(c.mentions) > 1:
        return True
    sent = doc.sentences[m.sentence]
    return _status(doc, sent, m, morph)[0] is not None


def _record(doc: Document, c: Cluster, n: int, main: bool, morph, clusters: list[Cluster]) -> Event:
    first = c.first
    toks = doc.tokens
    t_start, t_end = toks[first.start].start, toks[first.end - 1].end
    trigger = Argument(t_start, t_end, doc.text[t_start:t_end])
    edition = next((m.edition for m in c.mentions if m.edition is not None), None)
    sentences = sorted({m.sentence for m in c.mentions})
    own = set(sentences)
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
    # status from the mention's own sentence first
    for m in c.mentions:
        status, span = _status(doc, doc.sentences[m.sentence], m, morph)
        if status:
            ev.status = status
            evidence["status"] = list(span)
            break
    _attach_dates(doc, ev, c, own, main, evidence)
    _attach_places(doc, ev, c, own, main, evidence)
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


def _usable_date(e: Entity) -> bool:
    v = e.value or {}
    return bool(v.get("start")) and v.get("resolved", True) is not False


def _date_rank(e: Entity) -> tuple[int, int]:
    v = e.value
    spec = len(v.get("start") or "") + len(v.get("end") or "")
    is_range = v.get("start") != v.get("end")
    return spec, int(is_range)


def _attach_places(doc: Document, ev: Event, c: Cluster, own: set[int], main: bool, evidence) -> None:
    mention_sents = {m.sentence for m in c.mentions}
    places = _entities_in(doc, mention_sents, CITY, COUNTRY)
    if not places and main:
        lead = [e for e in _entities_in(doc, own, CITY)]
        places = lead[:1]
    seen = set()
    for e in places:
        key = (e.type, (e.value or {}).get("name"))
        if key in seen:
            continue
        seen.add(key)
        attrs = {"type": e.type, "name": (e.value or {}).get("name", e.text),
                 "country": (e.value or {}).get("country")}
        if (e.value or {}).get("geonameid"):
            attrs["geonameid"] = e.value["geonameid"]
        ev.places.append(Argument(e.start, e.end, e.text, attrs))
    if ev.places:
        evidence["places"] = [ev.places[0].start, ev.places[0].end]


def _attach_organisations(doc: Document, ev: Event, own: set[int]) -> None:
    """Organisers follow an organiser cue in their sentence; the rest are organisations."""
    orgs = _entities_in(doc, own, ORGANIZATION)
    seen_names: set[str] = set()
    for e in orgs:
        name = (e.value or {}).get("name", e.text)
        key = name.lower()
        if key in seen_names:
            continue
        seen_names.add(key)
        role = _org_role(doc, e)
        arg = Argument(e.start, e.end, e.text, {"name": name})
        if role == "organiser":
            ev.organisers.append(arg)
        else:
            if role:
                arg.attrs["role"] = role
            ev.organisations.append(arg)


def _org_role(doc: Document, e: Entity) -> str | None:
    """"organiser", "partner" or None, from the words just before the name."""
    s = doc.sentence_of(e.start)
    sent_start = doc.sentences[s].start if s is not None else 0
    before = doc.text[max(sent_start, e.start - 60):e.start]
    clause = re.split(r"[,;:.!?]|\sи\s", before)[-1] if before else ""
    if ORGANISER_CUES.search(clause) or ORGANISER_CUES.search(before[-40:]):
        # "при поддержке X и при организации Y": the nearest cue decides
        last_org = _last_match_end(ORGANISER_CUES, before)
        last_partner = _last_match_end(PARTNER_CUES, before)
        if last_partner > last_org:
            return "partner"
        return "organiser"
    if PARTNER_CUES.search(clause) or PARTNER_CUES.search(before[-40:]):
        return "partner"
    after = doc.text[e.end:e.end + 40]
    if re.match(r"\s*(?:—|-|–)?\s*(?:организатор|организовал|выступил\w*\s+организатор)", after, re.I):
        return "organiser"
    return None


def _last_match_end(rx: re.Pattern, text: str) -> int:
    ends = [m.end() for m in rx.finditer(text)]
    return ends[-1] if ends else -1


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
        for a, b in zip(group, group[1:]):
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
