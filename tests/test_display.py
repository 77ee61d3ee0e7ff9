"""Rich display: every text is escaped, the text reads back exactly, spans nest or split."""

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import unmark
from pipeline import display
from pipeline.doc import Argument, Document, Entity, Event, Paragraph

NASTY = '<script>alert("x")</script> & \'q\' "dq" </span><b>'
TAGS = {"div", "span", "sub", "table", "tr", "th", "td", "b", "br"}
ATTRS = {"style", "title", "data-pp", "colspan"}


class Reader(HTMLParser):
    """Tags, attributes, the text outside labels and notes, and the marks around it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.text, self.titles = [], [], [], []
        self.skip = 0  # depth inside data-pp="label"/"note"/"legend"
        self.open = []
        self.marked = []  # (text, title of the innermost mark)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [k for k, _ in attrs]
        a = dict(attrs)
        if tag == "br":
            return
        pp = a.get("data-pp") is not None
        self.open.append((pp, a.get("title")))
        self.skip += pp
        if a.get("title") is not None:
            self.titles.append(a["title"])

    def handle_endtag(self, tag):
        if tag == "br":
            return
        pp, _ = self.open.pop()
        self.skip -= pp

    def handle_data(self, data):
        if not self.skip:
            self.text.append(data)
            title = next((t for _, t in reversed(self.open) if t is not None), None)
            self.marked.append((data, title))


def read(markup: str) -> Reader:
    r = Reader()
    r.feed(markup)
    r.close()
    assert set(r.tags) <= TAGS, set(r.tags) - TAGS
    assert set(r.attrs) <= ATTRS, set(r.attrs) - ATTRS
    assert not r.open, "unbalanced tags"
    return r


@pytest.mark.parametrize("marked, expected", [
    # text, and for each character run the type of the innermost mark over it
    ("В [[Ташкенте|CITY]] прошла", [("В ", None), ("Ташкенте", "CITY"), (" прошла", None)]),
    ("[[<script>|PERSON]]", [("<script>", "PERSON")]),
    ('a & b "[[c\'|ORGANIZATION]]"', [('a & b "', None), ("c'", "ORGANIZATION"), ('"', None)]),
    ("[[Москва|CITY]]", [("Москва", "CITY")]),
])
def test_marks_cover_their_text(marked, expected):
    text, spans = unmark(marked)
    r = read(display.highlight(text, [(s, e, t, t) for s, e, t in spans]))
    assert "".join(r.text) == text
    runs = []
    for data, title in r.marked:
        if runs and runs[-1][1] == title:
            runs[-1] = (runs[-1][0] + data, title)
        else:
            runs.append((data, title))
    assert runs == expected


def test_a_country_nests_inside_an_organization():
    text = "Посольство <Франции> & Co"
    org, country = (0, len(text), "ORGANIZATION", "org"), (11, 20, "COUNTRY", "country")
    r = read(display.highlight(text, [country, org]))
    assert "".join(r.text) == text
    assert ("<Франции>", "country") in r.marked
    assert ("Посольство ", "org") in r.marked and (" & Co", "org") in r.marked


def test_crossing_spans_are_split_not_lost():
    text = "abcdefghij"
    r = read(display.highlight(text, [(0, 6, "PERSON", "p"), (4, 10, "DATE", "d")]))
    assert "".join(r.text) == text
    assert [(d, t) for d, t in r.marked] == [("abcd", "p"), ("ef", "d"), ("ghij", "d")]


SPAN_TEXT = st.text(alphabet=st.sampled_from(list("ab <>&\"'/;Щя\n")), max_size=40)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), text=SPAN_TEXT)
def test_any_text_and_any_spans_read_back_exactly(data, text):
    n = len(text)
    spans = data.draw(st.lists(
        st.tuples(st.integers(0, n), st.integers(0, n), st.sampled_from(["CITY", "PERSON", "<x>"]),
                  st.text(alphabet=st.sampled_from(list("<>\"'& a")), max_size=8)),
        max_size=6))
    spans = [(min(a, b), max(a, b), lab, title) for a, b, lab, title in spans if a != b]
    start = data.draw(st.integers(0, n))
    end = data.draw(st.integers(start, n))
    r = read(display.highlight(text, spans, start, end))
    assert "".join(r.text) == text[start:end]
    assert set(r.titles) <= {t for *_, t in spans}


def _nasty_document():
    text, spans = unmark(f"[[{NASTY}|PERSON]]\n\nВ [[Казани|CITY]] & <i>форум</i>\n\n[[{NASTY}|PERSON]]")
    entities = [Entity(t, s, e, text[s:e], value={"name": NASTY, "country": '"><b>'}) for s, e, t in spans]
    paragraphs = [Paragraph(0, len(NASTY)), Paragraph(len(NASTY) + 2, text.index("\n\n", len(NASTY) + 2)),
                  Paragraph(text.rindex("\n\n") + 2, len(text), duplicate_of=0)]
    arg = Argument(spans[0][0], spans[0][1], NASTY, {"name": NASTY, "type": "PERSON"})
    event = Event("x#1", NASTY, NASTY, trigger=arg, kind=NASTY, status=NASTY, start_date=NASTY,
                  places=[Argument(spans[1][0], spans[1][1], "Казани", {"name": NASTY, "country": NASTY,
                                                                        "type": "CITY"})],
                  organisers=[arg], organisations=[Argument(0, 3, NASTY, {"name": NASTY, "role": NASTY})],
                  participants=[arg, Argument(0, 3, NASTY, {"count": 3, "qualifier": NASTY, "noun": NASTY,
                                                            "affiliation": NASTY})],
                  warnings=[NASTY], evidence={"status": [0, 8], "edition": [5, 2000]})
    return Document(text, doc_id=NASTY, paragraphs=paragraphs, entities=entities, events=[event],
                    warnings=[NASTY])


@pytest.mark.parametrize("render", [
    lambda d: d._repr_html_(),
    lambda d: d.events[0]._repr_html_(),
    lambda d: display.render_event(d.events[0].to_dict(), text=d.text),
    lambda d: display.render_events(d.events, text=d.text),
    lambda d: display.render_events([e.to_dict() for e in d.events]),
    lambda d: display.render_text(d),
    lambda d: display.render_text(d, max_chars=20),
    lambda d: display.render_text(Document(d.text, entities=d.entities)),  # not segmented
    lambda d: display.highlight(d.text, display.entity_spans(d.entities)),
    lambda d: display.render_document(Document.failed(NASTY, NASTY, NASTY)),
], ids=["document", "event", "event_dict", "events", "events_dicts", "text", "text_cut", "text_whole",
        "highlight", "failed"])
def test_every_display_path_escapes_everything(render):
    markup = render(_nasty_document())
    r = read(markup)  # only our own tags and attributes: no <script>, <i>, <b>, on*=
    assert "<script>" not in markup and "<i>" not in markup
    assert any(NASTY in t for t in r.text + r.titles)  # the text shows as text


def test_document_shows_paragraphs_and_greys_the_repeat():
    doc = _nasty_document()
    markup = display.render_text(doc)
    r = read(markup)
    shown = "".join(r.text)
    assert shown == "".join(doc.text[p.start:p.end] for p in doc.paragraphs)
    assert "¶2 repeats ¶0" in markup
    assert markup.count("color:#9a9a9a") == 1  # one greyed paragraph


def test_event_evidence_is_quoted_from_the_text():
    doc = _nasty_document()
    markup = display.render_event(doc.events[0], text=doc.text)
    assert display.esc(f"«{doc.text[0:8]}»") in markup        # status evidence quoted
    assert "5–2000" in markup                                  # out-of-range evidence: offsets only


@pytest.mark.parametrize("value, expected", [
    ({"name": "Ташкент", "country": "UZ", "geonameid": 1}, "Ташкент (UZ)"),
    ({"start": "2024-03-11", "end": "2024-03-15"}, "2024-03-11 – 2024-03-15"),
    ({"start": "2024-03", "end": "2024-03"}, "2024-03"),
    ({"count": 40, "qualifier": "more_than", "noun": "специалист"}, "> 40 специалист"),
    ({"count": 3, "qualifier": "exact", "noun": "делегат"}, "3 делегат"),
    ({"count": 40, "qualifier": "range", "min": 30, "max": 40, "noun": "гость"}, "30–40 гость"),
    ({"count": 5, "qualifier": "<b>", "noun": None}, "<b> 5"),
    ({"name": "Иван Петров"}, "Иван Петров"),
    (None, ""),
])
def test_values_read_as_short_text(value, expected):
    assert display.describe_value(value) == expected


def test_a_release_with_script_shows_it_as_text(nlp):
    text = "В Казани 12 апреля 2025 года прошел форум «<script>alert(1)</script>» & «Горизонты»."
    doc = next(nlp.pipe([Document(text, "x")]))
    markup = doc._repr_html_()
    read(markup)
    assert "<script>" not in markup and "&lt;script&gt;" in markup
