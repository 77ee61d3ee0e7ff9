"""Events: one structured record per event the text tells of.

The stage finds event mentions (``mentions``), groups the ones that name the same
event and picks the event the text is about (``clusters``), reads each mention's
arguments off the dependency tree (``arguments``, ``syntax``), and builds the records
with their status (``status``) and the contradictions they carry (``warnings``): a
release gets one record per event, news one per mention, a repeat pointing to the
first record of its event (``same_as``).
Repeated paragraphs are skipped, so nothing counts twice; a dateline is never taken
for the date of an event. Every field keeps the offsets of the words it came from.
"""

from __future__ import annotations

from typing import Any, Callable

from ..doc import Document, Event
from .arguments import EntityIndex, claim_arguments, dateline_ids, is_place
from .clusters import Cluster, cluster_mentions, is_release
from .lexicon import GATHERING, SUPPORT_VERBS
from .mentions import Mention, find_mentions
from .nominals import find_nominals, find_world_parts
from .records import RecordBuilder
from .syntax import Tree
from .times import find_times, joined_dates

__all__ = ["assemble_events", "fold_repeats", "find_mentions", "cluster_mentions", "Mention", "Cluster"]

# the acts that attach a gathering to a verb that is an event word itself: "посетил саммит"
GOVERNED = ("obj", "nsubj:pass")
# the argument lists a repeat adds to its head record
ARGUMENT_FIELDS = ("dates", "places", "organisers", "organisations", "participants", "mentions")
# the scalar fields a head record without them takes from its first repeat that has them
SCALAR_FIELDS = (("start_date", "end_date"), ("status",), ("edition",))
# a pronoun that stands for an event already named: "Его посетили более 1200 участников"
EVENT_PRONOUNS = {"его", "её", "ее", "их"}


def assemble_events(doc: Document, resources) -> Document:
    """Stage: build the event records of a document."""
    return assemble_events_batch([doc], resources)[0]


def assemble_events_batch(docs: list[Document], resources) -> list[Document]:
    """Stage, batch form: one syntax-parser call over many documents, and only over
    the sentences that hold an event mention (arguments never cross sentences)."""
    docs = list(docs)
    found = [find_mentions(doc, resources.morph) for doc in docs]
    trees = iter(resources.syntax.parse_many([(doc, parsed_sentences(doc, mentions))
                                              for doc, mentions in zip(docs, found) if mentions]))
    for doc, mentions in zip(docs, found):
        if mentions:
            _assemble(doc, resources, mentions, next(trees))
        else:
            doc.events = []
    return docs


def parsed_sentences(doc: Document, mentions: list[Mention]) -> set[int]:
    """The sentences the event stage reads the tree of: those of the mentions, and
    those an entity shares with them (its head is looked up across its tokens)."""
    wanted = {doc.tokens[k].sentence for m in mentions
              for k in range(min(m.start, m.head), max(m.end, m.head + 1))}
    for e in doc.entities:
        first, last = doc.sentence_of(e.start), doc.sentence_of(max(e.start, e.end - 1))
        if first is not None and last is not None and first != last and wanted & set(range(first, last + 1)):
            wanted.update(range(first, last + 1))
    return wanted


def _assemble(doc: Document, resources, mentions: list[Mention], tree: Tree) -> Document:
    """The event records of ``doc`` from its mentions and the tree of their sentences."""
    morph = resources.morph
    mentions = _without_support_verbs(doc, tree, mentions)
    nominals = find_nominals(doc) + find_world_parts(doc, [(m.start, m.end) for m in mentions if m.cls == GATHERING])
    times = find_times(doc)
    index = EntityIndex(doc, tree, nominals + times)
    # "в пятницу утром": the time's span stands for the date it is joined with
    skip = dateline_ids(doc) | joined_dates(doc, times)
    first = claim_arguments(doc, tree, index, mentions, skip)
    own = {id(m): first[k] for k, m in enumerate(mentions)}

    def tells_more(m: Mention) -> bool:
        """The mention has a date, a place or a participant of its own."""
        c = own[id(m)]
        return bool(c.dates or c.actors or any(is_place(doc, e, []) for e in c.places))

    clusters = cluster_mentions(doc, mentions, morph, tells_more)
    release = is_release(doc, clusters[0].first)
    kept = [m for c in clusters for m in c.mentions]
    claims = claim_arguments(doc, tree, index, kept, skip, nearest=not release)
    claim_of = {id(m): claims[k] for k, m in enumerate(kept)}
    builder = RecordBuilder(doc, morph, clusters, claim_of, release)
    if release:
        doc.events = [builder.record(c, n) for n, c in enumerate(clusters, 1)]
    else:
        doc.events = _record_per_mention(builder, clusters, tells_more)
    return doc


def _record_per_mention(builder: RecordBuilder, clusters: list[Cluster],
                        tells_more: Callable[[Mention], bool]) -> list[Event]:
    """News: each mention is a record with the arguments said with it, the main one
    first. An event's head record is the mention that says most of it ("Форум завершился"
    in a headline, then "В Казани 12 апреля прошел форум": the second); its other
    mentions point to it by ``same_as``. A bare pronoun-like noun ("Мероприятие",
    "инцидента") only refers back: it joins the head record's mentions."""
    units: list[tuple[Cluster, list[Mention]]] = []
    for c in clusters:
        bare = [m for m in c.mentions[1:] if m.anaphoric and not tells_more(m)]
        rest = [m for m in c.mentions if m not in bare]
        head = max(rest, key=lambda m: (builder.weight(m), -m.start))
        units.append((c, [head, *bare]))
        units += [(c, [m]) for m in rest if m is not head]
    units[1:] = sorted(units[1:], key=lambda u: u[1][0].start)
    head_of: dict[int, str] = {}
    out = []
    for n, (c, ms) in enumerate(units, 1):
        ev = builder.record(Cluster(ms), n, event=c, head=id(c) not in head_of)
        if id(c) in head_of:
            ev.same_as = head_of[id(c)]
        else:
            head_of[id(c)] = ev.event_id
        out.append(ev)
    return out


def fold_repeats(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One record per event, for events.jsonl: each repeat (``same_as``) is folded into
    its head record, whose argument lists and mentions gain what the repeat says (by
    offsets, each once) and whose missing dates, status and edition it fills. The
    records given are left as they are: the heads returned are copies."""
    records = [dict(r) if not r.get("same_as") else r for r in records]
    heads = {r["event_id"]: r for r in records if not r.get("same_as")}
    for r in records:
        head = heads.get(r.get("same_as") or "")
        if head is None:
            continue
        for name in ARGUMENT_FIELDS:
            have = {(a["start"], a["end"]) for a in head.get(name) or []}
            head[name] = list(head.get(name) or [])
            head[name] += [a for a in r.get(name) or [] if (a["start"], a["end"]) not in have]
        head["mentions"].sort(key=lambda a: a["start"])
        evidence = head["evidence"] = dict(head.get("evidence") or {})
        for group in SCALAR_FIELDS:
            if head.get(group[0]) is None and r.get(group[0]) is not None:
                for name in group:
                    head[name] = r.get(name)
                    if name in (r.get("evidence") or {}):
                        evidence[name] = r["evidence"][name]
        head["warnings"] = list(dict.fromkeys([*head.get("warnings", []), *r.get("warnings", [])]))
    return [r for r in records if not r.get("same_as") or r["same_as"] not in heads]


def _without_support_verbs(doc: Document, tree: Tree, mentions: list[Mention]) -> list[Mention]:
    """Drop an event verb whose object is an event noun: "посетил саммит" is the summit,
    "подал в отставку" is the resignation (the noun's phrase then takes the verb in)."""
    nouns = {m.head: m for m in mentions if not m.verbal}
    out = []
    for m in mentions:
        if m.verbal and doc.tokens[m.head].lemma in SUPPORT_VERBS and any(
                doc.tokens[c].norm.lower() in EVENT_PRONOUNS for c in tree.children(m.head)
                if tree.rels[c] in GOVERNED + ("obj", "nsubj")):
            continue  # "Форум прошел в Казани. Его посетили 1200 человек": the forum's visitors
        if m.verbal:
            # a headline without its full stop runs into the next line: "Борец сбежал в Казани |
            # Чемпионат Европы ..." is no object of the verb
            governed = [nouns[c] for c in tree.children(m.head) if c in nouns and tree.rels[c] in GOVERNED
                        and "\n" not in doc.text[min(doc.tokens[c].start, doc.tokens[m.head].start):
                                                  max(doc.tokens[c].end, doc.tokens[m.head].end)]]
            sent = doc.sentences[m.sentence]
            # a gathering of another kind is the verb's object only with no noun or name between:
            # "посетил [саммит]", but "подписал указ о [награждении]" is a signing of its own
            near = [nouns[k] for k in range(m.head + 1, min(sent.last_token, m.head + 4)) if k in nouns
                    and (nouns[k].kind == m.kind or not any(
                        doc.tokens[x].pos == "NOUN" or doc.tokens[x].norm[:1].isupper()
                        for x in range(m.head + 1, nouns[k].start)))]
            # "в отставку подал министр": the noun before its light verb, of the verb's own kind
            near += [nouns[k] for k in range(max(sent.first_token, m.head - 3), m.head)
                     if k in nouns and nouns[k].kind == m.kind]
            target = (governed or near or [None])[0]
            if target is not None and (governed or m.kind == target.kind or target.cls == GATHERING):
                if target.sentence == m.sentence and 0 < target.start - m.head <= 3 and target.cls != GATHERING:
                    target.start = m.head  # "подал в отставку"
                elif target.sentence == m.sentence and 0 <= m.head - target.end < 3 and target.cls != GATHERING:
                    target.end = m.head + 1  # "в отставку подал"
                continue
        out.append(m)
    return out
