"""Status of an event from the verbs around its mention: completed, ongoing, planned,
postponed, cancelled. Words of cancelling and postponing win over tense."""

from __future__ import annotations

import re

from ..doc import Document, Sentence
from .mentions import Mention

CANCEL = re.compile(r"^(?:отмен[её]н[аоы]?|отменил[аи]?|отменят|отменяется|отменена)$", re.I)
POSTPONE = re.compile(r"^(?:перенес[её]н[аоы]?|перенесл[аи]|перенесут|переносится|отлож[её]н[аоы]?|отложил[аи]?)$", re.I)
START_VERBS = {"открыться", "начаться", "стартовать", "открыть", "начать"}
END_VERBS = {"завершиться", "закончиться", "закрыться", "завершить", "окончиться", "подвести"}
HAPPEN_VERBS = {"пройти", "состояться", "провести", "проходить", "проводиться", "завершиться",
                "открыться", "начаться", "стартовать", "продлиться", "идти", "закончиться",
                "собрать", "принять", "организовать", "запланировать", "планироваться"}
# "Форум будет проведен": a short participle after "будет" is planned
DONE_PARTICIPLES = {"провести", "открыть", "организовать", "запланировать", "завершить"}
FUTURE_AUX = {"будет", "будут"}

Span = tuple[int, int]


def event_status(doc: Document, m: Mention, morph) -> tuple[str | None, Span | None]:
    """Status of the event of mention ``m`` and the offsets of the word it came from."""
    if m.verbal:
        return _verb_status(doc, m, morph)
    return _noun_status(doc, doc.sentences[m.sentence], m, morph)


def _verb_status(doc: Document, m: Mention, morph) -> tuple[str | None, Span | None]:
    """"скончался" -> completed, "назначит" -> planned, "будет назначен" -> planned."""
    toks = doc.tokens
    tok = toks[m.head]
    span = (tok.start, tok.end)
    prev = toks[m.head - 1].norm.lower() if m.head > 0 else ""
    if prev in FUTURE_AUX:
        return "planned", (toks[m.head - 1].start, tok.end)
    p = morph.best(tok.norm)
    if p.tag.POS == "INFN":
        return "planned", span
    if p.tag.POS == "PRTS":
        return "completed", span
    if p.tag.tense == "futr":
        return "planned", span
    if p.tag.tense == "pres":
        return "ongoing", span
    return "completed", span


def _noun_status(doc: Document, sent: Sentence, m: Mention, morph) -> tuple[str | None, Span | None]:
    """Status from the verbs of the sentence, nearest to the mention first."""
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
            return _tense_status(p), span
        if p.tag.POS == "PRTS" and p.normal_form in DONE_PARTICIPLES:
            before = toks[i - 1].norm.lower() if i > 0 else ""
            if before in FUTURE_AUX:
                return "planned", (toks[i - 1].start, toks[i].end)
            if p.normal_form == "запланировать":
                return "planned", span
            return "completed", span
    for i in order:
        p = morph.best(toks[i].norm)
        if p.tag.POS == "VERB" and p.tag.mood == "indc":
            return _tense_status(p), (toks[i].start, toks[i].end)
    return None, None


def _tense_status(p) -> str:
    lemma = p.normal_form
    if p.tag.tense == "futr":
        return "planned"
    if p.tag.tense == "pres":
        return "planned" if lemma == "планироваться" else "ongoing"
    if lemma in START_VERBS:
        return "ongoing"
    return "completed"
