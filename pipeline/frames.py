"""Flat tables of documents, entities and events: rows for pandas, CSV and Parquet.

One row per item, one value per cell. The nested parts of a record are flattened the
same way everywhere (``to_dataframe``, ``events.csv``, ``events.parquet``); the
columns, their types and meanings are the ``*_COLUMNS`` tuples below, in order.

Lists become text joined with ``"; "`` (``places``: ``"Алматы (KZ); Казахстан (KZ)"``),
and the first or largest item gets a column of its own (``city``, ``country``,
``participant_count``) so that grouping and plotting need no parsing.

pandas is imported only when a DataFrame is asked for
(``pip install 'press-pipeline[dataframe]'``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping

from .doc import CITY, COUNT, COUNTRY, DATE, ORGANIZATION, PERSON, Document, Event

if TYPE_CHECKING:
    import pandas as pd

JOIN = "; "
KINDS = ("documents", "entities", "events")


@dataclass(frozen=True)
class Column:
    """A column of a flat table: name, type ("str", "int", "float", "bool") and meaning."""

    name: str
    type: str
    doc: str


EVENT_COLUMNS: tuple[Column, ...] = (
    Column("event_id", "str", "doc_id#n"),
    Column("doc_id", "str", "the document the event comes from"),
    Column("title", "str", "the event's noun phrase as written"),
    Column("kind", "str", "head noun's lemma: форум, фестиваль, конференция, ..."),
    Column("main", "bool", "true for the event the release is about"),
    Column("edition", "int", "the number from '5-я', 'XV'"),
    Column("status", "str", "completed, ongoing, planned, postponed, cancelled"),
    Column("start_date", "str", "ISO date; partial dates stay partial ('2024-03', '2024')"),
    Column("end_date", "str", "ISO date, as start_date"),
    Column("month", "str", "'YYYY-MM' of start_date, empty when only the year is known"),
    Column("year", "int", "year of start_date"),
    Column("city", "str", "the first CITY among the places, nominative"),
    Column("country", "str", "ISO 3166 code of the first place that has one"),
    Column("places", "str", "every place as 'name (CC)', joined with '; '"),
    Column("organisers", "str", "organiser names, joined with '; '"),
    Column("partners", "str", "organisations with role 'partner' ('при поддержке'), joined"),
    Column("participant_count", "int",
           "the largest stated count of people; groups nest ('40 специалистов, включая трех "
           "делегатов' is 40 people), so counts are not summed"),
    Column("participant_groups", "int", "how many counted groups the text names"),
    Column("participants", "str", "each counted group as written, joined with '; '"),
    Column("named_participants", "str", "named participants (people, organisations), joined"),
    Column("warnings", "str", "contradictions found in the text, joined with '; '"),
    Column("warning_count", "int", "how many warnings"),
    Column("trigger_start", "int", "offset of the title in the document text"),
    Column("trigger_end", "int", "end offset of the title"),
)

ENTITY_COLUMNS: tuple[Column, ...] = (
    Column("doc_id", "str", "the document"),
    Column("type", "str", "PERSON, ORGANIZATION, CITY, COUNTRY, DATE, COUNT, LOCATION, ..."),
    Column("start", "int", "offset into the document text"),
    Column("end", "int", "end offset"),
    Column("text", "str", "the words as written"),
    Column("name", "str", "normalised name (nominative) for names and places"),
    Column("country", "str", "ISO 3166 code for CITY and COUNTRY"),
    Column("date_start", "str", "ISO start of a DATE"),
    Column("date_end", "str", "ISO end of a DATE"),
    Column("count", "int", "the number of people a COUNT states (a range's bounds are in value)"),
    Column("qualifier", "str", "exact, more_than, at_least, less_than, at_most, about, range"),
    Column("noun", "str", "the counted noun's lemma"),
    Column("paragraph", "int", "index of the paragraph holding the entity"),
    Column("duplicate", "bool", "true when that paragraph repeats an earlier one"),
    Column("value", "str", "the full normalised value as JSON"),
)

DOCUMENT_COLUMNS: tuple[Column, ...] = (
    Column("doc_id", "str", "path under the input folder, extension dropped"),
    Column("status", "str", "ok or error"),
    Column("error_kind", "str", "empty, binary, decode, too_large, ..., stage:<name>"),
    Column("error_message", "str", "why the document failed"),
    Column("path", "str", "the file it was read from"),
    Column("encoding", "str", "the encoding the file was decoded with"),
    Column("chars", "int", "length of the decoded text (when known)"),
    Column("paragraphs", "int", "paragraph count"),
    Column("duplicate_paragraphs", "int", "paragraphs that repeat an earlier one"),
    Column("sentences", "int", "sentence count"),
    Column("entities", "int", "entity count, all types"),
    Column("persons", "int", "PERSON entities"),
    Column("organizations", "int", "ORGANIZATION entities"),
    Column("cities", "int", "CITY entities"),
    Column("countries", "int", "COUNTRY entities"),
    Column("dates", "int", "DATE entities"),
    Column("counts", "int", "COUNT entities"),
    Column("events", "int", "event records"),
    Column("main_event", "str", "title of the main event"),
    Column("warnings", "str", "document-level warnings, joined with '; '"),
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    "documents": DOCUMENT_COLUMNS, "entities": ENTITY_COLUMNS, "events": EVENT_COLUMNS}


def _join(values: Iterable[Any]) -> str | None:
    out = JOIN.join(str(v) for v in values if v not in (None, ""))
    return out or None


def _name(arg: Mapping[str, Any]) -> Any:
    return arg.get("name") or arg.get("text")


def event_row(record: Mapping[str, Any]) -> dict[str, Any]:
    """One flat row for an event record (a dict as ``events.jsonl`` holds it)."""
    places = record.get("places") or []
    counted = [p for p in record.get("participants") or [] if p.get("count") is not None]
    named = [p for p in record.get("participants") or [] if p.get("count") is None]
    start = record.get("start_date") or ""
    trigger = record.get("trigger") or {}
    warnings = record.get("warnings") or []
    return {
        "event_id": record.get("event_id"),
        "doc_id": record.get("doc_id"),
        "title": record.get("title"),
        "kind": record.get("kind"),
        "main": record.get("main"),
        "edition": record.get("edition"),
        "status": record.get("status"),
        "start_date": record.get("start_date"),
        "end_date": record.get("end_date"),
        "month": start[:7] if len(start) >= 7 else None,
        "year": int(start[:4]) if start[:4].isdigit() else None,
        "city": next((_name(p) for p in places if p.get("type") == CITY), None),
        "country": next((p["country"] for p in places if p.get("country")), None),
        "places": _join(f"{_name(p)} ({p['country']})" if p.get("country") else _name(p)
                        for p in places),
        "organisers": _join(_name(o) for o in record.get("organisers") or []),
        "partners": _join(_name(o) for o in record.get("organisations") or []
                          if o.get("role") == "partner"),
        "participant_count": max((int(p["count"]) for p in counted), default=None),
        "participant_groups": len(counted),
        "participants": _join(p.get("text") for p in counted),
        "named_participants": _join(_name(p) for p in named),
        "warnings": _join(warnings),
        "warning_count": len(warnings),
        "trigger_start": trigger.get("start"),
        "trigger_end": trigger.get("end"),
    }


def _paragraph_of(paragraphs: list[Mapping[str, Any]], offset: int) -> int | None:
    for i, p in enumerate(paragraphs):
        if p["start"] <= offset < p["end"]:
            return i
    return None


def entity_rows(doc: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """Flat rows for the entities of a document (a dict as ``documents.jsonl`` holds it)."""
    paragraphs = doc.get("paragraphs") or []
    for e in doc.get("entities") or []:
        value = e.get("value")
        v = value if isinstance(value, Mapping) else {}
        para = _paragraph_of(paragraphs, e["start"])
        count = v.get("count") if e.get("type") == COUNT else None
        yield {
            "doc_id": doc.get("doc_id"),
            "type": e.get("type"),
            "start": e.get("start"),
            "end": e.get("end"),
            "text": e.get("text"),
            "name": v.get("name"),
            "country": v.get("country"),
            "date_start": v.get("start") if e.get("type") == DATE else None,
            "date_end": v.get("end") if e.get("type") == DATE else None,
            "count": int(count) if isinstance(count, (int, float)) else None,
            "qualifier": v.get("qualifier"),
            "noun": v.get("noun"),
            "paragraph": para,
            "duplicate": None if para is None else paragraphs[para].get("duplicate_of") is not None,
            "value": None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True),
        }


def document_row(doc: Mapping[str, Any], chars: int | None = None) -> dict[str, Any]:
    """One flat row for a document (a dict as ``documents.jsonl`` holds it)."""
    error = doc.get("error") or {}
    meta = doc.get("meta") or {}
    types = [e.get("type") for e in doc.get("entities") or []]
    events = doc.get("events") or []
    if chars is None and isinstance(doc.get("text"), str):
        chars = len(doc["text"])
    return {
        "doc_id": doc.get("doc_id"),
        "status": doc.get("status"),
        "error_kind": error.get("kind"),
        "error_message": error.get("message"),
        "path": meta.get("path"),
        "encoding": meta.get("encoding"),
        "chars": chars,
        "paragraphs": len(doc.get("paragraphs") or []),
        "duplicate_paragraphs": sum(p.get("duplicate_of") is not None for p in doc.get("paragraphs") or []),
        "sentences": len(doc.get("sentences") or []),
        "entities": len(types),
        "persons": types.count(PERSON),
        "organizations": types.count(ORGANIZATION),
        "cities": types.count(CITY),
        "countries": types.count(COUNTRY),
        "dates": types.count(DATE),
        "counts": types.count(COUNT),
        "events": len(events),
        "main_event": next((e.get("title") for e in events if e.get("main")), None),
        "warnings": _join(doc.get("warnings") or []),
    }


def rows(kind: str, doc: Mapping[str, Any], chars: int | None = None) -> Iterator[dict[str, Any]]:
    """The rows one document (a ``documents.jsonl`` dict) adds to table ``kind``."""
    if kind == "documents":
        yield document_row(doc, chars)
    elif kind == "entities":
        yield from entity_rows(doc)
    elif kind == "events":
        yield from (event_row(e) for e in doc.get("events") or [])
    else:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")


def _rows_of(items: Any, kind: str) -> Iterator[dict[str, Any]]:
    """Rows from Documents, Events or their dicts, in any mix."""
    if isinstance(items, (Document, Event, Mapping)):
        items = [items]
    for item in items:
        if isinstance(item, Document):
            yield from rows(kind, item.to_dict(), chars=len(item.text))
        elif isinstance(item, Event) or (isinstance(item, Mapping) and "event_id" in item):
            if kind != "events":
                raise ValueError(f"an event record gives rows for kind='events', not {kind!r}")
            yield event_row(item.to_dict() if isinstance(item, Event) else item)
        elif isinstance(item, Mapping):
            yield from rows(kind, item)
        else:
            raise TypeError(f"to_dataframe takes Documents, Events or their dicts, not {type(item).__name__}")


def require_pandas() -> Any:
    """The pandas module, or an ImportError saying how to install it."""
    try:
        import pandas
    except ImportError as e:
        raise ImportError("DataFrames need pandas: pip install 'press-pipeline[dataframe]'") from e
    return pandas


PANDAS_TYPES = {"str": "string", "int": "Int64", "float": "Float64", "bool": "boolean"}


def to_dataframe(items: Any, kind: str = "events") -> "pd.DataFrame":
    """A pandas DataFrame, one row per item, with the flat columns of ``COLUMNS[kind]``.

    ``items`` are Documents (as ``analyze``/``process_paths`` give them), Event
    records, or their dicts as read from ``documents.jsonl``/``events.jsonl``;
    ``kind`` is "events", "entities" or "documents". Missing values are ``<NA>``;
    integer columns stay integers (pandas' nullable ``Int64``).

    >>> to_dataframe(pipeline.process_paths("data/samples"), kind="events")  # doctest: +SKIP
    """
    if kind not in COLUMNS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    pd = require_pandas()
    columns = COLUMNS[kind]
    frame = pd.DataFrame.from_records(list(_rows_of(items, kind)), columns=[c.name for c in columns])
    return frame.astype({c.name: PANDAS_TYPES[c.type] for c in columns})


def describe_columns(kind: str = "events") -> str:
    """The columns of a table as a Markdown list, for docs and notebooks."""
    return "\n".join(f"- `{c.name}` ({c.type}): {c.doc}" for c in COLUMNS[kind])
