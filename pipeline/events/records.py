"""The record of one event: title, kind, edition, status, dates, places, organisers,
participants and warnings, each with the offsets of its evidence.

A release's main event also takes what its release says anywhere else, in sentences
no other event is named in: its organisers ("Организатором форума выступила ..."),
its counted participants ("более 40 специалистов"), a city and a date when the
sentences that name it give none.
"""

from __future__ import annotations

import bisect
import re

from ..doc import CITY, COUNT, COUNTRY, DATE, FACILITY, ORGANIZATION, PERSON, Argument, Document, Entity, Event
from .arguments import (ACTOR_TYPES, APPOINTMENTS, SITE_THEN_PLACE, Claims, actor_role, clause_of, dateline_ids,
                        is_place, is_venue, named_site)
from .clusters import Cluster
from .lexicon import ATTENDED, GATHERING
from .mentions import Mention
from .nominals import ROLE, SITE
from .status import event_status
from .warnings import contradictions

VENUE = "VENUE"
PLACE_ORDER = {CITY: 0, COUNTRY: 1, "LOCATION": 1, "REGION": 1, "DISTRICT": 1, VENUE: 2}
QUOTED_FROM = re.compile(r"«([^«»\n]{1,80})»")
UNTIL = re.compile(r"^(?:до|по)\s", re.I)
UNTIL_VERB = re.compile(r"(продлится|продолжится|будет\s+(?:работать|открыт\w*|идти|проходить)|"
                        r"работает|открыта|открыт|проходит|продлятся|завершится)", re.I)
WITHIN = re.compile(r"в\s+(?:рамках|ходе|программе|дни)\s", re.I)
# what may stand between a news trigger and an argument it reaches over: "Олимпиаде в Лондоне"
ADJACENT = re.compile(r"^[ \t]*(?:(?:в|во|на|с|со|против|над|из|под|у)[ \t]+)?$", re.I)
# prepositions whose complement a news trigger reaches over: "разводе [с женой]", "уволен [с
# военной службы]", "мятеж [против властей]", "референдум [о статусе] острова", "утонула [в ванне]"
COMPLEMENT_PREPS = {"с", "со", "против", "о", "об", "в", "во", "на", "над", "под", "между"}
# ... and for a contest, its sport and its class: "чемпионате мира [по хоккею]", "турнир [среди юниоров]"
SPORT_PREPS = {"по", "среди"}
# words before a counted object that a trigger reaches over with it: "убиты около 900 человек"
QUANTITY_WORDS = {"около", "более", "свыше", "менее", "примерно", "почти", "еще", "ещё", "порядка"}
# an organisation coordinated with an organiser is one too: "X и Y", "X совместно с Y"
ORG_COORDINATION = re.compile(r"^\s*(?:,|и|а\s+также|совместно\s+с|вместе\s+с|,\s*и)?\s*$", re.I)


# "в Казани и Самаре", "в Казани, Самаре", "в Казани, один — в Самаре"
JOINED = re.compile(r"\s*(?:,|и|,\s*и)\s*|\s*,?\s*(?:и\s+)?[а-яё]+\s*[—–]\s*(?:в|во|на)\s+")


class RecordBuilder:
    """Builds the record of each cluster of one document."""

    def __init__(self, doc: Document, morph, clusters: list[Cluster],
                 claim_of: dict[int, Claims], release: bool):
        self.doc, self.morph, self.clusters = doc, morph, clusters
        self.claim_of, self.release = claim_of, release
        self.main_event: Event | None = None
        # the head of every event word: a news trigger's complement stops before another
        self.heads = {m.head for c in clusters for m in c.mentions}

    def record(self, c: Cluster, n: int, event: Cluster | None = None, head: bool = True) -> Event:
        """The record of the mentions ``c``, the ``n``-th record of the document;
        ``event`` holds every mention of its event, when ``c`` is one of them (news:
        the title and edition are the event's, the arguments the mention's own);
        ``head``: the record the event's other records point to."""
        doc = self.doc
        main = n == 1
        event = event or c
        title_m = next((m for m in event.mentions if m.name or m.edition is not None), c.first)
        # a release's event is found by its name, a news record by its own mention
        trigger_m = title_m if self.release else c.first
        ev = Event(event_id=f"{doc.doc_id}#{n}", doc_id=doc.doc_id,
                   title=self._span_text(title_m), trigger=self._span(trigger_m),
                   kind=title_m.kind, main=main)
        evidence: dict[str, list[int]] = {"title": self._offsets(title_m)}
        head = doc.tokens[title_m.head]
        evidence["kind"] = [head.start, head.end]
        numbered = next((m for m in event.mentions if m.edition is not None), None)
        if numbered is not None:
            ev.edition = numbered.edition
            evidence["edition"] = list(numbered.edition_span)
        for m in [*c.mentions, *(x for x in event.mentions if x not in c.mentions)]:
            status, span = event_status(doc, m, self.morph)
            if status:
                ev.status, evidence["status"] = status, list(span)
                break
        claimed = self._claimed(c)
        own = self._own_sentences(c, main)
        self._dates(ev, claimed.dates, own, main, evidence)
        self._places(ev, c, claimed, own, main, evidence)
        self._actors(ev, claimed.actors, own, main and self.release, claimed.owners)
        self._counts(ev, c, claimed.counts, own, main and self.release)
        # the first record of an event answers for what all its mentions say
        told = event.mentions if head else c.mentions
        ev.warnings += contradictions(doc, ev, own if main and self.release else
                                      {m.sentence for m in told}, self.morph)
        ev.evidence = evidence
        if not self.release:
            ev.trigger = self._reach(ev, c.first)
            # "обвинения в организации поджога в Казани": the phrase names its place; a place
            # the sentence names elsewhere ("В Москве представитель МИД отверг ...") is another's
            self._own_places(ev, evidence)
            if not ev.places:
                self._country_of_text(ev, c, evidence)
        ev.mentions = [self._span(m) for m in sorted(c.mentions, key=lambda m: m.start)]
        if main:
            self.main_event = ev
        return ev

    def _own_places(self, ev: Event, evidence: dict) -> None:
        """A news record whose phrase names its place ("поджога в Казани") keeps that one and
        the places joined to it ("в Казани и Самаре", "в Казани, один — в Самаре"), not
        the others its mention reached. A place adjective in the phrase names a reach or a
        side ("Всероссийский форум", "российско-турецкой войны"), not where: it keeps all."""
        t = ev.trigger
        toks = self.doc.tokens
        kept = [a for a in ev.places if t.start <= a.start and a.end <= t.end
                and toks[bisect.bisect_left(toks, a.start, key=lambda x: x.start)].pos != "ADJF"]
        if not kept or len(kept) == len(ev.places):
            return
        for a in sorted(ev.places, key=lambda a: a.start):
            if a not in kept and any(JOINED.fullmatch(self.doc.text[k.end:a.start]) for k in kept if k.end <= a.start):
                kept.append(a)
        ev.places = [a for a in ev.places if a in kept]
        evidence["places"] = [ev.places[0].start, ev.places[0].end]

    def _country_of_text(self, ev: Event, c: Cluster, evidence: dict) -> None:
        """"в стране", "по всей стране" in the clause of the mention name the country the
        text spoke of last: "Парламент Перу назначил дату голосования. Выборы пройдут в стране 9 марта"."""
        doc = self.doc
        toks = doc.tokens
        for m in c.mentions:
            sent = doc.sentences[m.sentence]
            clause = clause_of(doc, m.head)
            for k in range(max(sent.first_token + 1, m.start - 4), min(sent.last_token, m.end + 4)):
                if toks[k].norm.lower() not in COUNTRY_WORDS or clause_of(doc, k) != clause:
                    continue
                before = toks[k - 1].norm.lower()
                if before not in ("в", "во", "всей") or k + 1 < sent.last_token and toks[k + 1].norm[:1].isupper():
                    continue  # "в стране Басков" names the country itself
                if any(mm.head != m.head and abs(mm.head - k) < abs(m.head - k) and clause_of(doc, mm.head) == clause
                       for other in self.clusters for mm in other.mentions):
                    continue  # the nearer event's
                ant = _last_country(doc, toks[k - 1].start, toks[k].sentence)
                if ant is None:
                    return
                v = ant.value or {}
                attrs = {"type": COUNTRY, "name": v.get("name", ant.text), "country": v.get("country")}
                ev.places = [Argument(ant.start, ant.end, ant.text, attrs)]
                evidence["places"] = [toks[k].start, toks[k].end]
                return

    # --- mentions

    def _reach(self, ev: Event, m: Mention) -> Argument:
        """A news trigger with the arguments right after it: "Олимпиаде в Лондоне",
        "землетрясения 2001 года", "застрелил двух полицейских". The words name this
        event and not another one of its kind, and NEREL marks the phrase around such
        a mention as the event the arguments belong to (the bare word apart from it)."""
        start, end = ev.trigger.start, ev.trigger.end
        args = sorted((a for a in (*ev.dates, *ev.places, *ev.participants) if a.start >= end),
                      key=lambda a: a.start)
        for a in args:
            if a.start < end:
                continue
            if not ADJACENT.match(self.doc.text[end:a.start]):
                break
            end = a.end
        if m.verbal and end == ev.trigger.end:
            end = self._object_end(m.end, end)
        if end == ev.trigger.end:
            end = self._complement_end(m, end)
        if m.verbal:
            start = self._counted_subject_start(m, start)
        if (start, end) == (ev.trigger.start, ev.trigger.end):
            return ev.trigger
        return Argument(start, end, self.doc.text[start:end])

    def weight(self, m: Mention) -> tuple[int, int]:
        """How much the text says with the mention: when and where first, then who."""
        c = self.claim_of.get(id(m))
        return (0, 0) if c is None else (len(c.dates) + len(c.places), len(c.actors) + len(c.counts))

    def _object_end(self, k: int, end: int) -> int:
        """The end of the counted or bare noun phrase right after an event verb ("застрелил
        [двух полицейских]", "задержала [стрелка]", "убиты [семеро жителей]"), or ``end``."""
        toks, sent = self.doc.tokens, self.doc.sentences[self.doc.tokens[k - 1].sentence]
        if k < sent.last_token and toks[k].norm.lower() in QUANTITY_WORDS:
            k += 1  # "убиты [около 900 человек]", "задержала [еще одного ученика]"
        stop = min(sent.last_token, k + 4)
        noun = None
        while k < stop and (toks[k].pos in ("NUMR", "ADJF", "NOUN") and toks[k].norm[:1].islower()
                            or self._count(k)):
            if toks[k].pos == "NOUN":
                noun = k
                if "nomn" not in (toks[k].tag or "") or "gent" in (toks[k].tag or ""):
                    break
            k += 1
        return toks[noun].end if noun is not None else end

    def _counted_subject_start(self, m: Mention, start: int) -> int:
        """The start of a counted subject right before an event verb ("[19 человек] погибли",
        "[один человек] погиб", "[15 человек] госпитализированы"), or ``start``: NEREL marks
        the phrase as the event with the arguments, the bare verb apart."""
        toks, first = self.doc.tokens, self.doc.sentences[m.sentence].first_token
        noun, number = m.start - 1, m.start - 2
        # people counted, not years or ages: "в возрасте 53 лет скончался", "2016 года умер"
        if number < first or toks[noun].pos != "NOUN" or not toks[noun].norm.islower() \
                or "anim" not in (toks[noun].tag or ""):
            return start
        w = toks[number].norm
        if w.isdigit() or toks[number].pos == "NUMR" or w.lower() in ("один", "одна"):
            return toks[number].start
        return start

    def _complement_end(self, m: Mention, end: int) -> int:
        """The end of the lower-case complement right after a news trigger, up to its first
        noun ("разводе [с женой]", "уволен [с военной службы]", "назначен [на новую должность]"),
        or ``end``. NEREL marks such a phrase as the event with the arguments and the bare
        word apart, with none; the complement must not hold another event word."""
        toks, sent = self.doc.tokens, self.doc.sentences[m.sentence]
        k = m.end
        contest = m.cls == GATHERING and not m.verbal
        preps = COMPLEMENT_PREPS | SPORT_PREPS if contest else COMPLEMENT_PREPS
        if k >= sent.last_token or toks[k].pos != "PREP" or toks[k].norm.lower() not in preps:
            return end
        k += 1
        stop = min(sent.last_token, k + 4)
        noun = None
        while k < stop and k not in self.heads and (toks[k].pos in ("NUMR", "ADJF", "PRTF", "NOUN")
                                               and toks[k].norm[:1].islower() or self._count(k)):
            if toks[k].pos == "NOUN":
                noun = k
                break
            k += 1
        return toks[noun].end if noun is not None else end

    def _count(self, k: int) -> bool:
        """Token ``k`` is a number in digits outside a date: "около 900 человек", not "3 февраля"."""
        tok = self.doc.tokens[k]
        return tok.norm.isdigit() and not any(e.type == DATE and e.start <= tok.start < e.end
                                              for e in self.doc.entities)

    def _span(self, m: Mention) -> Argument:
        s, e = self._offsets(m)
        return Argument(s, e, self.doc.text[s:e])

    def _span_text(self, m: Mention) -> str:
        s, e = self._offsets(m)
        return self.doc.text[s:e]

    def _offsets(self, m: Mention) -> list[int]:
        return [self.doc.tokens[m.start].start, self.doc.tokens[m.end - 1].end]

    def _claimed(self, c: Cluster) -> Claims:
        out = Claims()
        for name in ("dates", "places", "actors", "counts", "owners", "regions"):
            seen: set[int] = set()
            for m in c.mentions:
                cl = self.claim_of.get(id(m))
                for e in getattr(cl, name) if cl is not None else ():
                    if id(e) not in seen:
                        seen.add(id(e))
                        getattr(out, name).append(e)
        for name in ("dates", "places", "actors", "counts", "owners", "regions"):
            getattr(out, name).sort(key=lambda e: e.start)
        return out

    def _own_sentences(self, c: Cluster, main: bool) -> set[int]:
        """Sentences of the event: its mentions', and for the main event of a release,
        every sentence no other event is mentioned in (the release is about it)."""
        own = {m.sentence for m in c.mentions}
        if main and self.release:
            others = {m.sentence for other in self.clusters if other is not c for m in other.mentions}
            own |= {i for i, s in enumerate(self.doc.sentences)
                    if i not in others and not self.doc.is_duplicate_offset(s.start)}
        return own

    def _follow_ups(self, c: Cluster, depth: int = 2) -> set[int]:
        """Up to ``depth`` sentences after each mention of ``c`` in which no event is named."""
        named = {m.sentence for other in self.clusters for m in other.mentions}
        out: set[int] = set()
        for m in c.mentions:
            for s in range(m.sentence + 1, min(len(self.doc.sentences), m.sentence + 1 + depth)):
                if s in named:
                    break
                out.add(s)
        return out

    def _entities_in(self, sentences: set[int], *types: str) -> list[Entity]:
        doc = self.doc
        return [e for e in doc.entities if e.type in types and not doc.is_duplicate_offset(e.start)
                and doc.sentence_of(e.start) in sentences]

    # --- arguments

    def _dates(self, ev: Event, dates: list[Entity], own: set[int], main: bool, evidence) -> None:
        doc = self.doc
        if not any(_usable_date(e) for e in dates) and main and self.release:
            # "За три дня работы форума" is a duration, not when: the release's first date is
            skip = dateline_ids(doc)
            dates += [e for e in self._entities_in(own, DATE) if _usable_date(e) and id(e) not in skip][:1]
        ev.dates = [Argument(e.start, e.end, e.text, {"value": e.value}) for e in dates]
        usable = [e for e in dates if _usable_date(e)]
        if not usable:
            return
        # the most specific date first: a range or a day beats a month or a year
        best = max(usable, key=_date_rank)
        ev.start_date, ev.end_date = best.value.get("start"), best.value.get("end")
        evidence["start_date"] = evidence["end_date"] = [best.start, best.end]
        # "откроется 20 мая ... продлится до 31 августа": an open-ended end stated apart
        if main and self.release and ev.start_date == ev.end_date:
            for e in self._entities_in(own, DATE):
                v = e.value or {}
                if _usable_date(e) and UNTIL.match(e.text) and (v.get("end") or "") > (ev.start_date or "") \
                        and UNTIL_VERB.search(_sentence_text(doc, e.start)):
                    ev.end_date = v.get("end")
                    evidence["end_date"] = [e.start, e.end]
                    if all(a.start != e.start for a in ev.dates):
                        ev.dates.append(Argument(e.start, e.end, e.text, {"value": v}))
                    break

    def _places(self, ev: Event, c: Cluster, claimed: Claims, own: set[int], main: bool,
                evidence) -> None:
        doc = self.doc
        places: list[Entity] = []
        for e in claimed.places:
            # a release names its venues by name ("на площадке центра «Казань Экспо»"); the
            # sites of news ("в аэропорту Шереметьево") are read in news only
            if is_place(doc, e, places, self.release) or e.type == SITE and not self.release \
                    or e.type in (ORGANIZATION, PERSON, FACILITY):  # a named site: "на Северном кладбище"
                places.append(e)
            elif e in claimed.regions and not (self.release and self._scope(e)):
                places.append(e)
        # "во Дворце спорта", "на площадке центра «Казань Экспо»": the venue is a place too
        # not for an appointment: "назначен министром в правительстве Великобритании" is where
        # the office is
        if ev.kind not in APPOINTMENTS:
            places += [e for e in claimed.actors if e.type == ORGANIZATION and actor_role(doc, e) == "venue"]
        # "в выставочном зале «Манеж на Неве»": a named building where the event is
        where = own if (main and self.release) else {m.sentence for m in c.mentions}
        places += [e for e in self._entities_in(where, FACILITY) if is_venue(doc, e)]
        if main and self.release and not any(e.type == CITY for e in places):
            cities: list[Entity] = []
            for e in self._entities_in(own, CITY):
                if is_place(doc, e, cities):
                    cities.append(e)
            places = cities[:1] + places
        seen = set()
        args = []
        for e in places:
            key = (e.type, (e.value or {}).get("name"))
            if key in seen:
                continue
            seen.add(key)
            v = e.value or {}
            start, end, name = e.start, e.end, v.get("name", e.text)
            kind = e.type
            if e.type in (ORGANIZATION, PERSON, FACILITY, SITE):
                kind = VENUE
                site = named_site(doc, e) if e.type == PERSON else None
                if site is not None:
                    # "в церкви Михаила Архангела", "на Ивановой горе": the site is named with
                    # the person's name
                    start, end = min(start, doc.tokens[site].start), max(end, doc.tokens[site].end)
                    name = doc.text[start:end]
                # "в зале «Манеж на Неве»": a venue is named by its whole quoted name
                quoted = QUOTED_FROM.match(doc.text, e.start - 1) if e.start else None
                if quoted and quoted.end(1) >= e.end:
                    start, end = quoted.span(1)
                    name = quoted.group(1)
            if any(a.start == start and a.end == end for a in args):
                continue  # "в театре имени Пушкина": the site and the name it bears, one place
            attrs = {"type": kind, "name": name, "country": v.get("country")}
            if v.get("geonameid"):
                attrs["geonameid"] = v["geonameid"]
            args.append(Argument(start, end, doc.text[start:end], attrs))
        # "в аэропорту [Мадрида]", "в [британской] столице": a place inside a site's or a
        # place's span is part of that one's name, not a place of its own
        inner = [(a, b) for a in args for b in args if b is not a and b.start <= a.start and a.end <= b.end
                 and b.end - b.start > a.end - a.start]
        args = [a for a in args if all(a is not x for x, _ in inner)]
        for a in args:
            if a.attrs["type"] in (VENUE, "LOCATION"):
                self._venue_city(a, [x for x, b in inner if b is a])
        # cities before countries and regions, venues last: "Алматы (Казахстан), Дворец спорта"
        ev.places = sorted(args, key=lambda a: PLACE_ORDER.get(a.attrs["type"], 1))
        if self.release and not ev.places and self.main_event is not None \
                and c.first not in self.clusters[0].mentions and self._within_main(c):
            # "в рамках ярмарки": a part of a release's event takes place where it does; not
            # in news, where "в ходе" names a setting told with its own place ("операции, в
            # ходе которой ему пересадили руки" is no place of the war the text is about)
            ev.places = [Argument(a.start, a.end, a.text, dict(a.attrs)) for a in self.main_event.places]
        if ev.places:
            evidence["places"] = [ev.places[0].start, ev.places[0].end]

    def _venue_city(self, a: Argument, inner: list[Argument]) -> None:
        """The city a venue lies in, from a place of the record inside its span or from
        the one right after it: "в аэропорту Мадрида", "на Смоленском кладбище в
        Петербурге" -> the venue's ``city`` (and its ``country`` when it has none), as the
        city is no place of its own there."""
        doc = self.doc
        found = [(x.attrs.get("type"), x.attrs.get("name"), x.attrs.get("country")) for x in inner]
        found += [(e.type, (e.value or {}).get("name", e.text), (e.value or {}).get("country"))
                  for e in doc.entities if e.type in (CITY, COUNTRY) and not doc.is_duplicate_offset(e.start)
                  and a.end <= e.start < a.end + 90 and SITE_THEN_PLACE.match(doc.text[a.end:e.start])]
        for kind, name, country in found:
            if kind == CITY and "city" not in a.attrs:
                a.attrs["city"] = name
            if not a.attrs.get("country") and country:
                a.attrs["country"] = country

    def _scope(self, e: Entity) -> bool:
        """A country's adjective in a release names the reach of its event, not where it is:
        "Всероссийский форум" in Kazan."""
        k = bisect.bisect_left(self.doc.tokens, e.start, key=lambda t: t.start)
        return e.type == COUNTRY and k < len(self.doc.tokens) and self.doc.tokens[k].pos == "ADJF"

    def _within_main(self, c: Cluster) -> bool:
        """The mention says it is part of another event: "в рамках ярмарки", "в ходе форума"."""
        return any(WITHIN.search(_sentence_text(self.doc, self.doc.tokens[m.head].start))
                   for m in c.mentions)

    def _actors(self, ev: Event, actors: list[Entity], own: set[int], release_main: bool,
                owners: list[Entity]) -> None:
        """Organisers, partners and other organisations, and named participants."""
        doc = self.doc
        candidates = list(actors)
        if release_main:
            # a release names its organisers anywhere: "Организатором форума выступила ..."
            seen_ids = {id(e) for e in candidates}
            candidates += [e for e in self._entities_in(own, ORGANIZATION) if id(e) not in seen_ids]
            candidates.sort(key=lambda e: e.start)
        claimed = {id(e) for e in actors}
        # "трех делегатов от CIAQ": the organisation is the group's affiliation
        groups = [(e.value or {}).get("phrase") or {"start": e.start, "end": e.end}
                  for e in doc.entities if e.type == COUNT]
        names: set[str] = set()
        prev: tuple[Entity, str | None] | None = None
        for e in candidates:
            name = (e.value or {}).get("name", e.text)
            role = actor_role(doc, e)
            if role is None and e in owners:
                role = "organiser"
            if role is None and prev is not None and prev[1] in ("organiser", "partner") \
                    and doc.sentence_of(prev[0].start) == doc.sentence_of(e.start) \
                    and ORG_COORDINATION.match(doc.text[prev[0].end:e.start]):
                role = prev[1]
            if prev is not None and prev[0].start <= e.start < prev[0].end:
                continue  # nested in the previous name
            if prev is not None and e.type == prev[0].type and \
                    re.match(r"^\s*\(\s*$", doc.text[prev[0].end:e.start]):
                continue  # "Ассоциация ... (АИРС)", "Дэвид Эберсман (David Ebersman)": the same one
            prev = (e, role)
            key = name.lower()
            if key in names or role == "source":
                continue
            names.add(key)
            arg = Argument(e.start, e.end, e.text, {"name": name})
            if role == "organiser":
                ev.organisers.append(arg)
            elif role in ("partner", "venue") or (e.type == ORGANIZATION and id(e) not in claimed):
                if role:
                    arg.attrs["role"] = role
                ev.organisations.append(arg)
            # a release counts its participants ("более 40 специалистов"); role nouns are news',
            # counted or not ("погибли двое [полицейских]": the count is no name of its own)
            elif e.type == ROLE and not self.release or e.type in ACTOR_TYPES + (COUNTRY,) and \
                    not any(g["start"] <= e.start < g["end"] for g in groups):
                ev.participants.append(Argument(e.start, e.end, e.text, {"name": name, "type": e.type}))
                if e.type == ORGANIZATION:
                    ev.organisations.append(arg)

    def _counts(self, ev: Event, c: Cluster, counts: list[Entity], own: set[int],
                release_main: bool) -> None:
        """Counted groups of people at a gathering: "более 40 специалистов"."""
        if c.first.cls != GATHERING or c.first.kind not in ATTENDED:
            return
        if release_main:
            found = self._entities_in(own, COUNT)
        else:
            # "Форум прошел в Казани. Его посетили более 1200 участников.": a sentence that
            # names no event right after this one's still counts its people
            seen = {id(e) for e in counts}
            found = counts + [e for e in self._entities_in(self._follow_ups(c), COUNT) if id(e) not in seen]
            found.sort(key=lambda e: e.start)
        for e in found:
            v = e.value or {}
            phrase = v.get("phrase") or {"start": e.start, "end": e.end}
            attrs = {k: v.get(k) for k in ("count", "qualifier", "noun", "affiliation")}
            for k in ("min", "max"):
                if k in v:
                    attrs[k] = v[k]
            ev.participants.append(Argument(phrase["start"], phrase["end"],
                                            self.doc.text[phrase["start"]:phrase["end"]], attrs))


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


# "в стране", "по всей стране": the country the text spoke of last
COUNTRY_WORDS = {"стране", "государстве"}


def _last_country(doc: Document, offset: int, sentence: int, back: int = 6) -> Entity | None:
    """The last country named by its name before ``offset``, at most ``back`` sentences back."""
    found = None
    for e in doc.entities:
        if e.start >= offset:
            break
        if e.type == COUNTRY and e.text[:1].isupper() and sentence - (doc.sentence_of(e.start) or 0) <= back \
                and not doc.is_duplicate_offset(e.start):
            found = e
    return found
