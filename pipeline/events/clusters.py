"""Which mentions are one event, and which event the text is about.

A gathering named again ("форум ... форума ... Мероприятие") is one event; a mention
with another name or edition, or marked as another occurrence ("следующая встреча"),
is another. A release is about one gathering: then only gatherings that are events
of their own get records (a name, an edition, "следующая встреча", or a verb of
their own: "в рамках форума прошла встреча"), while programme items ("лекций",
"мастер-классов") and the acts of its participants ("подписаны соглашения") belong
to it. News tells of many events: every mention is a record, and only a noun that
repeats an earlier one's kind, with nothing to tell them apart, joins it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Sequence

from ..doc import Document
from .lexicon import GATHERING, OTHER_OCCURRENCE
from .mentions import Mention

# "прошла встреча", "состоится форум": a verb of occurrence next to the noun
HAPPEN_FORMS = re.compile(
    r"^(?:прош(?:ел|ёл|ла|ло|ли)|состоял(?:ся|ась|ось|ись)|пройд(?:ет|ёт|ут)|состо(?:ится|ятся)|"
    r"проходил[аио]?|проводил(?:ся|ась|ось|ись)|стартовал[аио]?|стартует|открыл(?:ся|ась|ось|ись)|"
    r"откро(?:ется|ются)|завершил(?:ся|ась|ось|ись)|начал(?:ся|ась|ось|ись)|"
    r"отмен[её]н[аоы]?|перенес[её]н[аоы]?|запланирован[аоы]?|организован[аоы]?|проведен[аоы]?)$", re.I)
# a release says who organised its event or who supported it; the adverb "организованно"
# ("жители организованно покинули город") says how, not by whom
RELEASE_CUES = re.compile(
    r"\b(?:организован[аоы]?\b|организованн(?!о\b)\w+|организатор\w*|устроител\w*|оргкомитет\w*|"
    r"при\s+(?:поддержке|содействии|партн[её]рстве)|подготовлен\w*\s+[А-ЯЁ]\w+\s+(?:центр|союз|"
    r"ассоциаци|фонд|министерств|компани)\w*)", re.I)


@dataclass
class Cluster:
    """Mentions of one event, in text order."""

    mentions: list[Mention] = field(default_factory=list)

    @property
    def first(self) -> Mention:
        """The mention that opened the cluster."""
        return self.mentions[0]


def choose_main(doc: Document, mentions: Sequence[Mention]) -> Mention:
    """The event the text is about: the first strong mention of the lead.

    Strong means named, numbered or a phrase longer than its noun; failing that, the
    first named one anywhere, and failing that the first mention.
    """
    heads = [m for m in mentions if not m.anaphoric] or list(mentions)
    first_par = doc.sentences[heads[0].sentence].paragraph
    lead = [m for m in heads if doc.sentences[m.sentence].paragraph == first_par]
    strong = [m for m in lead if not m.verbal and (m.name or m.edition is not None or m.end - m.start > 1)]
    if strong:
        return strong[0]
    named = [m for m in heads if m.name or m.edition is not None]
    return named[0] if named else heads[0]


def is_release(doc: Document, main: Mention) -> bool:
    """A text about one organised gathering that says who organised or supported it
    ("организованный ...", "Организатором выступила ...", "при поддержке ...")."""
    if main.cls != GATHERING or main.verbal:
        return False
    return RELEASE_CUES.search(doc.text) is not None


def cluster_mentions(doc: Document, mentions: Sequence[Mention], morph,
                     tells_more: Callable[[Mention], bool] | None = None) -> list[Cluster]:
    """Group the mentions into events; the first cluster is the main event.

    ``tells_more`` says whether a mention has arguments of its own; in news, only a
    bare repeat of an unnamed event joins the event told of before.
    """
    if not mentions:
        return []
    main = choose_main(doc, mentions)
    release = is_release(doc, main)
    clusters = [Cluster([main])]
    for m in mentions:
        if m is main:
            continue
        if m.verbal:
            if not release:
                clusters.append(Cluster([m]))
            continue
        other = _other_occurrence(doc, m, morph)
        target = _find_cluster(clusters, m)
        if target is not None and not release and not m.anaphoric and tells_more is not None \
                and not _named(target) and tells_more(m):
            # news: a repeat that tells something of its own ("выборы ... На выборах в
            # 2012 году") is reported as said; a bare repeat ("выборы ... выборов"), or a
            # repeat of a named event ("встреча «Креатив» ... встречи") joins
            target = None
        if target is not None and not other:
            target.mentions.append(m)
            continue
        if m.anaphoric:
            continue
        if not release:
            clusters.append(Cluster([m]))
        elif m.cls == GATHERING and (m.name or m.edition is not None or other
                                     or _has_own_predicate(doc, m, morph)):
            clusters.append(Cluster([m]))
    clusters[1:] = sorted(clusters[1:], key=lambda c: c.first.start)
    return clusters


def _named(c: Cluster) -> bool:
    """The event has a name or an edition that pins it down."""
    return any(m.name or m.edition is not None for m in c.mentions)


def _find_cluster(clusters: list[Cluster], m: Mention) -> Cluster | None:
    """The event an unnamed or same-named mention refers back to, if any."""
    if m.anaphoric and m.cls != GATHERING:
        # "Инцидент произошел ...": the latest happening told of before it
        before = [c for c in clusters if c.first.cls != GATHERING and c.first.start < m.start]
        return max(before, key=lambda c: c.first.start, default=None)
    for c in clusters:
        if c.first.verbal:
            continue
        kinds = {x.kind for x in c.mentions}
        names = {x.name for x in c.mentions if x.name}
        editions = {x.edition for x in c.mentions if x.edition is not None}
        if m.name and names:
            if m.name in names and (m.edition is None or not editions or m.edition in editions):
                return c
            continue
        if m.anaphoric:
            if c.first.cls == GATHERING:
                return c
            continue
        if m.kind not in kinds:
            continue
        if m.edition is not None and editions and m.edition not in editions:
            continue
        if m.name and not names and c is not clusters[0]:
            continue
        return c
    return None


def _other_occurrence(doc: Document, m: Mention, morph) -> bool:
    """"следующая встреча", "прошлогодний форум": another occurrence of the kind."""
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
