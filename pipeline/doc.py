"""The document model: one immutable text, every annotation an offset into it.

All ``start``/``end`` offsets are Python string indices into ``Document.text``, the
decoded text of the file (BOM dropped, line endings untouched), so any annotation can
be checked by slicing: ``doc.text[span.start:span.end]``.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any, Iterator

from .normalize import NormalizedText

# Entity types of the output contract; others may be emitted and are ignored by scorers.
PERSON = "PERSON"
ORGANIZATION = "ORGANIZATION"
CITY = "CITY"
COUNTRY = "COUNTRY"
DATE = "DATE"
COUNT = "COUNT"
FACILITY = "FACILITY"  # a building or grounds: "Манеж на Неве"; not scored, used for venues


@dataclass(slots=True)
class Paragraph:
    """A paragraph; ``duplicate_of`` is the index of the earlier paragraph it repeats.

    ``conflict_with`` is the index of an earlier paragraph it repeats with another
    fact, ``conflicts`` the differing facts: ``[{"kind": "number", "values": ["40", "50"]}]``.
    """

    start: int
    end: int
    duplicate_of: int | None = None
    similarity: float | None = None
    conflict_with: int | None = None
    conflicts: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The contract's paragraph object."""
        out: dict[str, Any] = {"start": self.start, "end": self.end,
                               "duplicate_of": self.duplicate_of}
        if self.similarity is not None:
            out["similarity"] = self.similarity
        if self.conflict_with is not None:
            out["conflict_with"] = self.conflict_with
            out["conflicts"] = [dict(c) for c in self.conflicts]
        return out


@dataclass(slots=True)
class Sentence:
    """A sentence inside paragraph number ``paragraph``; its tokens are
    ``doc.tokens[first_token:last_token]``."""

    start: int
    end: int
    paragraph: int
    first_token: int = 0
    last_token: int = 0


@dataclass(slots=True)
class Token:
    """A token; ``norm`` is its normalised spelling, the rest comes from morphology."""

    start: int
    end: int
    norm: str
    sentence: int
    lemma: str | None = None
    pos: str | None = None
    tag: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Offsets, lemma and grammemes."""
        return {"start": self.start, "end": self.end, "lemma": self.lemma,
                "pos": self.pos, "tag": self.tag}


@dataclass(slots=True)
class Entity:
    """A typed mention with its normalised value (a dict, type-specific) or None."""

    type: str
    start: int
    end: int
    text: str
    value: Any = None
    source: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The contract's entity object."""
        out: dict[str, Any] = {"type": self.type, "start": self.start, "end": self.end,
                               "text": self.text}
        if self.value is not None:
            out["value"] = self.value
        return out


@dataclass(slots=True)
class Argument:
    """One field value of an event record with the offsets of its evidence."""

    start: int
    end: int
    text: str
    attrs: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Offsets, text, then the role-specific attributes (name, count, ...)."""
        return {"start": self.start, "end": self.end, "text": self.text, **self.attrs}


@dataclass(slots=True)
class Event:
    """One event record; see ``../shared/eval/README.md`` for the contract."""

    event_id: str
    doc_id: str
    title: str
    trigger: Argument
    kind: str | None = None
    main: bool = False
    same_as: str | None = None
    edition: int | None = None
    status: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    dates: list[Argument] = field(default_factory=list)
    places: list[Argument] = field(default_factory=list)
    organisers: list[Argument] = field(default_factory=list)
    organisations: list[Argument] = field(default_factory=list)
    participants: list[Argument] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    evidence: dict[str, list[int]] = field(default_factory=dict)
    mentions: list[Argument] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The contract's event record."""
        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "title": self.title,
            "trigger": self.trigger.to_dict(),
            "kind": self.kind,
            "main": self.main,
            "same_as": self.same_as,
            "edition": self.edition,
            "status": self.status,
            "start_date": self.start_date,
            "end_date": self.end_date,
            "dates": [a.to_dict() for a in self.dates],
            "places": [a.to_dict() for a in self.places],
            "organisers": [a.to_dict() for a in self.organisers],
            "organisations": [a.to_dict() for a in self.organisations],
            "participants": [a.to_dict() for a in self.participants],
            "warnings": list(self.warnings),
            "evidence": dict(self.evidence),
            "mentions": [a.to_dict() for a in self.mentions],
        }

    def _repr_html_(self) -> str:
        """The record as a table in Jupyter (see ``pipeline.display``)."""
        from .display import render_event

        return render_event(self)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        """One line in IPython's plain-text display, not the whole dataclass."""
        from .display import summary

        p.text(summary(self))


@dataclass
class Document:
    """A decoded text and everything the stages found in it.

    ``text`` never changes. ``norm`` is the cleaned text used by the stages, with a
    map back to ``text``; the annotations themselves always point into ``text``.
    """

    text: str
    doc_id: str = "document"
    status: str = "ok"
    error: dict[str, str] | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    norm: NormalizedText | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def failed(cls, doc_id: str, kind: str, message: str,
               meta: dict[str, Any] | None = None) -> "Document":
        """A document that could not be read or processed, with the reason."""
        return cls(text="", doc_id=doc_id, status="error",
                   error={"kind": kind, "message": message}, meta=dict(meta or {}))

    @property
    def ok(self) -> bool:
        """True unless a stage or the loader failed."""
        return self.status == "ok"

    def slice(self, start: int, end: int) -> str:
        """The original text between two offsets."""
        return self.text[start:end]

    def paragraph_of(self, offset: int) -> int | None:
        """Index of the paragraph holding ``offset``, or None between paragraphs."""
        return _span_index(self.paragraphs, offset)

    def sentence_of(self, offset: int) -> int | None:
        """Index of the sentence holding ``offset``, or None."""
        return _span_index(self.sentences, offset)

    def is_duplicate_offset(self, offset: int) -> bool:
        """True when ``offset`` lies in a paragraph that repeats an earlier one."""
        i = self.paragraph_of(offset)
        return i is not None and self.paragraphs[i].duplicate_of is not None

    def entities_of(self, *types: str) -> Iterator[Entity]:
        """Entities of the given types, in text order."""
        return (e for e in self.entities if e.type in types)

    def to_dict(self, with_text: bool = False, with_tokens: bool = False) -> dict[str, Any]:
        """One line of documents.jsonl, as the output contract defines it."""
        out: dict[str, Any] = {"doc_id": self.doc_id, "status": self.status}
        if self.error is not None:
            out["error"] = dict(self.error)
        if self.meta:
            out["meta"] = dict(self.meta)
        if with_text:
            out["text"] = self.text
        out["paragraphs"] = [p.to_dict() for p in self.paragraphs]
        out["sentences"] = [{"start": s.start, "end": s.end} for s in self.sentences]
        if with_tokens:
            out["tokens"] = [t.to_dict() for t in self.tokens]
        out["entities"] = [e.to_dict() for e in self.entities]
        out["events"] = [e.to_dict() for e in self.events]
        out["warnings"] = list(self.warnings)
        return out

    def _repr_html_(self) -> str:
        """Highlighted text and event records in Jupyter (see ``pipeline.display``)."""
        from .display import render_document

        return render_document(self)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        """One line in IPython's plain-text display, not every token."""
        from .display import summary

        p.text(summary(self))


def _span_index(spans: list, offset: int) -> int | None:
    """Index of the span (sorted, not overlapping) holding ``offset``, or None."""
    k = bisect.bisect_right(spans, offset, key=lambda sp: sp.start) - 1
    return k if k >= 0 and offset < spans[k].end else None
