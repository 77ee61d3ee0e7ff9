"""Rich display for notebooks: highlighted text, event records as tables.

Everything here returns an ``Html`` string, which Jupyter shows as HTML
(``_repr_html_``) and anything else treats as a plain ``str``. Every piece of text that
comes from a document, an entity value or a record is HTML-escaped, quotes included,
so a release containing ``<script>`` shows it as text. Styles are inline (no
``<style>`` block) so the markup looks the same in Jupyter, VS Code and on a code
host's notebook viewer, and one cell's output cannot restyle another's.

>>> from pipeline import display
>>> display.render_document(doc)                       # doctest: +SKIP
>>> display.render_events(doc.events, text=doc.text)   # doctest: +SKIP
>>> display.highlight(text, [(2, 10, "CITY", "Ташкент")])  # any spans, any labels  # doctest: +SKIP
"""

from __future__ import annotations

import html
import json
import zlib
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

if TYPE_CHECKING:
    from .doc import Document, Event

# Background colours by entity type; a label not listed gets one from PALETTE by hash.
COLOURS = {
    "PERSON": "#ffd6e0",
    "ORGANIZATION": "#d6e4ff",
    "CITY": "#c9f2c9",
    "COUNTRY": "#b9ece0",
    "LOCATION": "#e6f5c0",
    "DATE": "#fff0a8",
    "COUNT": "#ffdcb8",
}
# "более 40" -> "> 40": a qualifier as a sign reads at a glance in a table
QUALIFIER_SIGNS = {"exact": "", "more_than": ">", "at_least": "≥", "less_than": "<",
                   "at_most": "≤", "about": "≈", "range": ""}
PALETTE = ("#e4d4ff", "#ffd0d0", "#d0f0ff", "#f0e0c0", "#dde0e6", "#f8d8f0")

# A "data-pp" attribute marks markup that is not document text (labels, notes), so a
# test (or a scraper) can take the text back out of the HTML exactly.
BOX = "font-family:sans-serif;line-height:1.9;white-space:pre-wrap;max-width:60em"
GREY = "color:#9a9a9a"
NOTE = "font-size:75%;color:#777;font-family:sans-serif"
TABLE = "border-collapse:collapse;font-family:sans-serif;font-size:90%;text-align:left"
CELL = "border:1px solid #ddd;padding:2px 6px;vertical-align:top;text-align:left"

# A Span is (start, end, label, title): offsets into the text, the label shown after
# it and used for its colour, and the hover text.
Span = tuple[int, int, str, str]


class Html(str):
    """A string of HTML that Jupyter renders."""

    def _repr_html_(self) -> str:
        return str(self)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        # the plain-text twin Jupyter stores beside the HTML: a line, not the markup again
        p.text(f"<HTML, {len(self)} characters>")


def summary(item: "Document | Event") -> str:
    """One line about a Document or an Event, for plain-text displays."""
    if hasattr(item, "event_id"):
        dates = " – ".join(dict.fromkeys(d for d in (item.start_date, item.end_date) if d))
        return f"<Event {item.event_id}: {item.title!r} {dates or 'no dates'}>"
    if not item.ok:
        return f"<Document {item.doc_id!r}: {item.status} {(item.error or {}).get('kind')}>"
    return (f"<Document {item.doc_id!r}: {len(item.text)} characters, {len(item.paragraphs)} paragraphs, "
            f"{len(item.entities)} entities, {len(item.events)} events>")


def esc(value: Any) -> str:
    """Text as HTML, quotes escaped too, so it is safe inside attributes."""
    return html.escape("" if value is None else str(value), quote=True)


def colour(label: str, colours: Mapping[str, str] | None = None) -> str:
    """Background colour of a label: ``colours`` first, then fixed for the contract's
    types, then one from PALETTE that stays the same for the same label."""
    found = (colours or {}).get(label) or COLOURS.get(label)
    return found or PALETTE[zlib.crc32(label.encode("utf-8")) % len(PALETTE)]


def describe_value(value: Any) -> str:
    """A short human reading of an entity value: "Ташкент (UZ)", "2024-03-11 – 2024-03-15"."""
    if not isinstance(value, Mapping):
        return "" if value is None else str(value)
    if "count" in value:
        return _count(value)
    if "start" in value or "end" in value:
        start, end = value.get("start"), value.get("end")
        return str(start) if start == end else f"{start} – {end}"
    if "name" in value:
        country = value.get("country")
        return f"{value['name']} ({country})" if country else str(value["name"])
    return json.dumps(value, ensure_ascii=False)


def entity_spans(entities: Iterable[Any]) -> list[Span]:
    """Spans for ``highlight`` from Entity objects or their dicts."""
    out = []
    for e in entities:
        d = e if isinstance(e, Mapping) else e.to_dict()
        reading = describe_value(d.get("value"))
        out.append((d["start"], d["end"], d["type"], f"{d['type']}: {reading}" if reading else d["type"]))
    return out


def _mark(label: str, title: str, grey: bool, colours: Mapping[str, str] | None) -> str:
    fade = "opacity:.55;" if grey else ""
    return (f'<span style="background:{esc(colour(label, colours))};{fade}border-radius:3px;padding:1px 1px"'
            f' title="{esc(title)}">')


def _label(label: str) -> str:
    return f'<sub data-pp="label" style="{NOTE}"> {esc(label)}</sub>'


def _highlight(text: str, spans: Sequence[Span], start: int, end: int, grey: bool,
               labels: bool, colours: Mapping[str, str] | None = None) -> str:
    """Escaped ``text[start:end]`` with spans as nested marks; crossing spans are split.

    A COUNTRY inside an ORGANIZATION nests ("[Посольство [Франции|COUNTRY]|ORG]"); two
    spans that cross ("[a [b| c] d|") cannot nest in HTML, so the inner one is closed and
    reopened around the boundary and reads as two pieces of one colour.
    """
    live = sorted({(max(s, start), min(e, end), lab, t) for s, e, lab, t in spans
                   if min(e, end) > max(s, start)}, key=lambda x: (x[0], -x[1], x[2]))
    cuts = sorted({start, end, *(s for s, _, _, _ in live), *(e for _, e, _, _ in live)})
    out: list[str] = []
    stack: list[Span] = []
    opening = iter(live)
    nxt = next(opening, None)
    for i, pos in enumerate(cuts):
        closing = [sp for sp in stack if sp[1] == pos]
        if closing:
            # close down to the deepest span that ends here, reopen the ones that go on
            depth = min(stack.index(sp) for sp in closing)
            for sp in reversed(stack[depth:]):
                if sp[1] == pos and labels:
                    out.append(_label(sp[2]))
                out.append("</span>")
            reopen = [sp for sp in stack[depth:] if sp[1] != pos]
            del stack[depth:]
            for sp in reopen:
                out.append(_mark(sp[2], sp[3], grey, colours))
                stack.append(sp)
        while nxt is not None and nxt[0] == pos:
            out.append(_mark(nxt[2], nxt[3], grey, colours))
            stack.append(nxt)
            nxt = next(opening, None)
        if i + 1 < len(cuts):
            out.append(esc(text[pos:cuts[i + 1]]))
    return "".join(out)


def highlight(text: str, spans: Iterable[Span], start: int = 0, end: int | None = None,
              labels: bool = True, colours: Mapping[str, str] | None = None) -> Html:
    """``text[start:end]`` with the spans marked by colour, label and hover title;
    ``colours`` maps labels to CSS colours (default: by entity type)."""
    end = len(text) if end is None else end
    body = _highlight(text, list(spans), start, end, False, labels, colours)
    return Html(f'<div style="{BOX}">{body}</div>')


def legend(labels: Iterable[str], colours: Mapping[str, str] | None = None) -> Html:
    """A row of coloured labels."""
    items = "".join(f'<span style="background:{esc(colour(lab, colours))};border-radius:3px;padding:1px 4px;'
                    f'margin-right:4px">{esc(lab)}</span>' for lab in labels)
    return Html(f'<div data-pp="legend" style="{NOTE};margin:4px 0">{items}</div>')


def render_text(doc: "Document", max_chars: int | None = None) -> Html:
    """The document's text, paragraph by paragraph, entities highlighted by type;
    paragraphs that repeat an earlier one are greyed, with a note saying which."""
    text = doc.text
    limit = len(text) if max_chars is None else min(len(text), max_chars)
    spans = entity_spans(doc.entities)
    blocks = [(p.start, p.end, p.duplicate_of) for p in doc.paragraphs] or [(0, len(text), None)]
    parts = [legend(sorted({s[2] for s in spans}))] if spans else []
    for i, (start, end, dup) in enumerate(blocks):
        if start >= limit:
            break
        grey = dup is not None
        body = _highlight(text, spans, start, min(end, limit), grey, True)
        note = (f'<span data-pp="note" style="{NOTE}">¶{i} repeats ¶{dup}: </span>' if grey
                else f'<span data-pp="note" style="{NOTE}">¶{i} </span>')
        style = f"{BOX};margin:0 0 .6em 0" + (f";{GREY}" if grey else "")
        parts.append(f'<div style="{style}">{note}{body}</div>')
    if limit < len(text):
        parts.append(f'<div data-pp="note" style="{NOTE}">… {len(text) - limit} more characters</div>')
    return Html("".join(parts))


def _args(items: Sequence[Mapping[str, Any]], show: Any) -> str:
    return "<br>".join(esc(show(a)) for a in items)


def _quotes(items: Sequence[Mapping[str, Any]]) -> str:
    return "<br>".join(f'«{esc(a.get("text"))}» <span data-pp="note" style="{NOTE}">'
                       f'{esc(a.get("start"))}–{esc(a.get("end"))}</span>' for a in items)


def _place(a: Mapping[str, Any]) -> str:
    return f"{a.get('name') or a.get('text')} ({a['country']})" if a.get("country") else str(a.get("name") or a.get("text"))


def _count(v: Mapping[str, Any]) -> str:
    """{"count": 40, "qualifier": "more_than", "noun": "специалист"} -> "> 40 специалист"."""
    qualifier = v.get("qualifier")
    number = f"{v['min']}–{v['max']}" if qualifier == "range" and v.get("min") is not None \
        else str(v.get("count"))
    sign = QUALIFIER_SIGNS.get(qualifier, qualifier or "")
    return " ".join(w for w in (sign, number, v.get("noun")) if w)


def _participant(a: Mapping[str, Any]) -> str:
    if a.get("count") is None:
        return f"{a.get('name') or a.get('text')} ({a.get('type', 'named')})"
    return _count(a) + (f" от {a['affiliation']}" if a.get("affiliation") else "")


def _organisation(a: Mapping[str, Any]) -> str:
    return f"{a.get('name') or a.get('text')}" + (f" [{a['role']}]" if a.get("role") else "")


def _hover(items: Sequence[Mapping[str, Any]], show: Any) -> str:
    return "<br>".join(f'<span title="{esc(a.get("text"))}">{esc(show(a))}</span>' for a in items)


def _evidence(record: Mapping[str, Any], key: str, text: str | None) -> str:
    span = (record.get("evidence") or {}).get(key)
    if not span:
        return ""
    start, end = span
    where = f'<span data-pp="note" style="{NOTE}">{esc(start)}–{esc(end)}</span>'
    if text is None or not (0 <= start <= end <= len(text)):
        return where
    return f"«{esc(text[start:end])}» {where}"


def _record(event: Any) -> Mapping[str, Any]:
    return event if isinstance(event, Mapping) else event.to_dict()


def render_event(event: "Event | Mapping[str, Any]", text: str | None = None) -> Html:
    """One event record as a field | value | evidence table; with the document's ``text``,
    the evidence of scalar fields is quoted, otherwise shown as offsets."""
    r = _record(event)
    dates = f"{r.get('start_date') or '?'} – {r.get('end_date') or '?'}" if r.get("start_date") != r.get("end_date") \
        else str(r.get("start_date"))
    rows = [
        ("title", esc(r.get("title")), _quotes([r["trigger"]]) if r.get("trigger") else ""),
        ("kind", esc(r.get("kind")), ""),
        ("main", esc(r.get("main")), ""),
        ("edition", esc(r.get("edition")), _evidence(r, "edition", text)),
        ("status", esc(r.get("status")), _evidence(r, "status", text)),
        ("dates", esc(dates), _quotes(r.get("dates") or [])),
        ("places", _args(r.get("places") or [], _place), _quotes(r.get("places") or [])),
        ("organisers", _args(r.get("organisers") or [], _organisation), _quotes(r.get("organisers") or [])),
        ("organisations", _args(r.get("organisations") or [], _organisation),
         _quotes(r.get("organisations") or [])),
        ("participants", _args(r.get("participants") or [], _participant),
         _quotes(r.get("participants") or [])),
        ("warnings", "<br>".join(esc(w) for w in r.get("warnings") or []), ""),
    ]
    head = (f'<tr><th style="{CELL}" colspan="3">{esc(r.get("event_id"))}</th></tr>'
            f'<tr><th style="{CELL}">field</th><th style="{CELL}">value</th>'
            f'<th style="{CELL}">evidence</th></tr>')
    body = "".join(f'<tr><td style="{CELL}"><b>{name}</b></td><td style="{CELL}">{value}</td>'
                   f'<td style="{CELL}">{evidence}</td></tr>' for name, value, evidence in rows)
    return Html(f'<table style="{TABLE}">{head}{body}</table>')


def render_events(events: Iterable["Event | Mapping[str, Any]"], text: str | None = None) -> Html:
    """Event records one per row (title, dates, places, organisers, participants);
    hovering a value shows the words it came from."""
    cols = ("event", "title", "status", "dates", "places", "organisers", "participants", "warnings")
    head = "".join(f'<th style="{CELL}">{c}</th>' for c in cols)
    rows = []
    for event in events:
        r = _record(event)
        dates = " – ".join(dict.fromkeys(str(d) for d in (r.get("start_date"), r.get("end_date")) if d))
        trigger = r.get("trigger") or {}
        cells = (esc(r.get("event_id")),
                 f'<span title="{esc(trigger.get("text"))}">{esc(r.get("title"))}</span>',
                 esc(r.get("status")),
                 f'<span style="white-space:nowrap" title="{esc("; ".join(d.get("text", "") for d in r.get("dates") or []))}">'
                 f'{esc(dates)}</span>',
                 _hover(r.get("places") or [], _place),
                 _hover(r.get("organisers") or [], _organisation),
                 _hover(r.get("participants") or [], _participant),
                 "<br>".join(esc(w) for w in r.get("warnings") or []))
        rows.append("<tr>" + "".join(f'<td style="{CELL}">{c}</td>' for c in cells) + "</tr>")
    if not rows:
        return Html(f'<div data-pp="note" style="{NOTE}">no events</div>')
    return Html(f'<table style="{TABLE}"><tr>{head}</tr>{"".join(rows)}</table>')


def render_document(doc: "Document", max_chars: int | None = 6000) -> Html:
    """A document as a notebook shows it: id and status, the highlighted text, and its
    event records with their evidence quoted from the text."""
    title = f'<div style="font-family:sans-serif;font-weight:bold;margin:4px 0">{esc(doc.doc_id)}'
    if not doc.ok:
        error = doc.error or {}
        return Html(f'{title} — {esc(doc.status)}</div><div style="{BOX}">'
                    f'{esc(error.get("kind"))}: {esc(error.get("message"))}</div>')
    counts = f"{len(doc.paragraphs)} paragraphs, {len(doc.entities)} entities, {len(doc.events)} events"
    parts = [f'{title} <span style="{NOTE}">{esc(counts)}</span></div>', render_text(doc, max_chars)]
    parts += [render_event(e, doc.text) for e in doc.events]
    parts += [f'<div style="{NOTE}">warning: {esc(w)}</div>' for w in doc.warnings]
    return Html("".join(parts))
