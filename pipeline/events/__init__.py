"""Events: one structured record per event the text tells of.

The stage finds event mentions (``mentions``), groups the ones that name the same
event and picks the event the text is about (``clusters``), reads each mention's
arguments off the dependency tree (``arguments``, ``syntax``), and builds a record per
event with its status (``status``) and the contradictions it carries (``warnings``).
Repeated paragraphs are skipped, so nothing counts twice; a dateline is never taken
for the date of an event. Every field keeps the offsets of the words it came from.
"""

from __future__ import annotations

from ..doc import Document
from .arguments import EntityIndex, claim_arguments, dateline_ids, is_place
from .clusters import Cluster, cluster_mentions, is_release
from .lexicon import GATHERING, SUPPORT_VERBS
from .mentions import Mention, find_mentions
from .nominals import find_nominals
from .records import RecordBuilder
from .syntax import Tree

__all__ = ["assemble_events", "find_mentions", "cluster_mentions", "Mention", "Cluster"]

# the acts that attach a gathering to a verb that is an event word itself: "посетил саммит"
GOVERNED = ("obj", "nsubj:pass")
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
    nominals = find_nominals(doc)
    index = EntityIndex(doc, tree, nominals)
    skip = dateline_ids(doc)
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
    doc.events = [builder.record(c, n) for n, c in enumerate(clusters, 1)]
    return doc


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
            governed = [nouns[c] for c in tree.children(m.head) if c in nouns and tree.rels[c] in GOVERNED]
            sent = doc.sentences[m.sentence]
            near = [nouns[k] for k in range(m.head + 1, min(sent.last_token, m.head + 4)) if k in nouns]
            target = (governed or near or [None])[0]
            if target is not None and (governed or m.kind == target.kind or target.cls == GATHERING):
                if target.sentence == m.sentence and 0 < target.start - m.head <= 3 and target.cls != GATHERING:
                    target.start = m.head  # "подал в отставку"
                continue
        out.append(m)
    return out
