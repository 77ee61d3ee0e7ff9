"""Entities: people, organisations, cities, countries, dates and counts of people.

natasha's NER proposes PER/LOC/ORG spans and ``spans`` brings them to the conventions
of careful annotation; the gazetteer (``geo``) tells cities from countries; ``places``
and ``names`` add what the model missed (place adjectives, towns after "город", Latin
and quoted organisations, names after "имени") and link names across the text; dates
with ISO values and counts of people come last. Entities of different types may nest
("США" inside "Федеральной резервной системы США"); within one type they never overlap.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable, Iterator, Sequence

from ..doc import CITY, COUNTRY, DATE, ORGANIZATION, PERSON, Document, Entity, Token
from .counts import tag_counts
from .dates import find_dateline, find_dates
from .geo import LOCATION, PLACE_TYPES
from .names import (bracketed_names, entity_from_tokens, eponym_adjectives, facility_names, link_aliases,
                    org_nominative, person_nominative, repeated_surnames, rule_organisations)
from .ner import TokenSpan
from .places import (NAMED_AFTER_HEADS, YEARLY_EVENT, adjective_places, drop_retyped_places,
                     gazetteer_places, place_entity, repeated_towns, settlement_names)
from .spans import refine_ner_spans

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
        found += rule_organisations(doc, tokens, sent.first_token, covered, places, resources)
        found += facility_names(doc, tokens, sent.first_token, covered)
        # the NER's other places ("Заозерск" as LOC) may yet be towns: "в городе Заозерск"
        found += settlement_names(doc, tokens, sent.first_token, no_place, resources)
        no_place.update(k for k in places if k >= sent.first_token and k < sent.last_token)
        # places nested in organisations count: "МИД России", "Московский университет"
        found += gazetteer_places(doc, tokens, sent.first_token, no_place, resources, orgs)
        found += adjective_places(doc, tokens, sent.first_token, no_place, resources)
    found = _whole_text_names(doc, found, resources)

    dates = list(_dates(doc, resources))
    # "Вчера Иван Петров провел ...": the NER may read a capitalised date word as a name
    date_words = {(e.start, e.end) for e in dates if " " not in e.text}
    found = [e for e in found if not (e.type in (ORGANIZATION, PERSON) and (e.start, e.end) in date_words)]
    found += dates
    doc.entities = _flatten_same_type(found)
    doc.entities += tag_counts(doc, resources)
    doc.entities = _flatten_same_type(doc.entities)
    return doc.entities


def _whole_text_names(doc: Document, found: list[Entity], resources) -> list[Entity]:
    """Rules that look at the names of the whole text: bracketed Latin names and
    acronyms, adjectives made from names, surnames and towns that recur, and the shared
    canonical name of a name and its acronym."""
    found = bracketed_names(doc, found)
    found += eponym_adjectives(doc, found, resources.morph)
    found += repeated_surnames(doc, found, resources.morph)
    found += repeated_towns(doc, found, resources.geo)
    found = drop_retyped_places(found)
    link_aliases(doc, found)
    return found



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
        return entity_from_tokens(doc, tokens, PERSON, {"name": person_nominative(words, morph)}, "ner")
    if kind == "ORG":
        place = resources.geo.lookup(words) if len(words) == 1 and words[0].isupper() else None
        if place is not None and place.type == COUNTRY:
            return place_entity(doc, tokens, place)
        quoted = _between_quotes(doc, tokens)
        name = " ".join(words) if quoted else org_nominative(words, morph)
        return entity_from_tokens(doc, tokens, ORGANIZATION, {"name": name}, "ner")
    if len(words) == 1 and morph.best(words[0]).tag.POS == "ADJF" and resources.geo.adjective(words[0]):
        return None  # "Киевской [области]": the adjective rules decide, seeing the noun
    place = resources.geo.lookup(words)
    if place is not None and place.type == CITY and before is not None \
            and (before.lemma or before.norm.lower()) in NAMED_AFTER_HEADS:
        place = None  # "улица Горького", "штат Вашингтон"
    if place is not None:
        return place_entity(doc, tokens, place)
    return entity_from_tokens(doc, tokens, LOCATION, {"name": morph.to_nominative(words)}, "ner")


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


def _dates(doc: Document, resources) -> Iterator[Entity]:
    """DATE entities from the cleaned text, offsets mapped back to the original."""
    norm = doc.norm
    reference = document_date(doc, resources)
    line = doc.meta.get("dateline")
    for m in find_dates(norm.text, reference):
        start, end = norm.to_original(m.start, m.end)
        value = m.value
        if line and start < line[1] and line[0] < end:
            # "Москва, 12 марта 2024 г. — ...": the text's own date, never an event's
            value = {**value, "dateline": True}
        yield Entity(DATE, start, end, doc.text[start:end], value, "rule:" + m.rule)


def document_date(doc: Document, resources) -> dt.date | None:
    """The date relative dates resolve against, recorded in ``doc.meta["date_source"]``:
    the file's own date (``meta["date"]``, set by a loader), else a dateline in the text
    ("Москва, 12 марта 2024 года — ..."), else the run's ``--reference-date``."""
    source = doc.meta.get("date_source")
    value = doc.meta.get("date")
    found = find_dateline(doc.norm.text)
    if found is not None:
        # where the dateline stands, whichever date wins: the event stage skips it
        doc.meta["dateline"] = list(doc.norm.to_original(found[1], found[2]))
    if isinstance(value, str) and source in (None, "meta"):
        try:
            day = dt.date.fromisoformat(value[:10])
            doc.meta["date_source"] = "meta"
            return day
        except ValueError:
            pass
    if found is not None:
        doc.meta["date"], doc.meta["date_source"] = found[0].isoformat(), "dateline"
        return found[0]
    if resources.reference_date is not None:
        doc.meta["date"] = resources.reference_date.isoformat()
        doc.meta["date_source"] = "reference"
        return resources.reference_date
    return None




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
