"""The releases in data/samples give the records a careful reader writes, field by field."""

import pytest

import pipeline
from conftest import SAMPLES

STEMS = sorted(p.stem for p in SAMPLES.glob("*.txt"))


@pytest.fixture(scope="module")
def documents(nlp):
    return {d.doc_id: d for d in pipeline.process_paths(SAMPLES, pipeline=nlp)}


def test_every_sample_is_expected(expected_samples):
    assert sorted(expected_samples) == STEMS
    assert len(STEMS) >= 6


@pytest.mark.parametrize("stem", STEMS)
def test_decoding_and_paragraphs(documents, expected_samples, stem):
    doc, exp = documents[stem], expected_samples[stem]
    assert doc.status == "ok"
    assert doc.meta["encoding"] == exp["encoding"]
    assert len(doc.paragraphs) == exp["paragraph_count"]
    dups = [[i, p.duplicate_of] for i, p in enumerate(doc.paragraphs) if p.duplicate_of is not None]
    assert dups == exp["duplicate_paragraphs"]


def _places(ev):
    return [{"name": p["name"], "type": p["type"], "country": p["country"]} for p in ev["places"]]


def _participants(ev):
    """Counted groups by count, qualifier, noun and affiliation; named ones by name and type."""
    keys = ("count", "qualifier", "noun", "affiliation")
    return [{k: p[k] for k in keys} if "count" in p else {"name": p["name"], "type": p["type"]}
            for p in ev["participants"]]


@pytest.mark.parametrize("stem", STEMS)
def test_event_records(documents, expected_samples, stem):
    got = [e.to_dict() for e in documents[stem].events]
    exp = expected_samples[stem]["events"]
    assert len(got) == len(exp), [g["title"] for g in got]
    for g, e in zip(got, exp):
        for field in ("title", "main", "edition", "status", "start_date", "end_date"):
            assert g[field] == e[field], (field, g[field], e[field])
        assert _places(g) == e["places"]
        assert [o["name"] for o in g["organisers"]] == e["organisers"]
        assert _participants(g) == e["participants"]
        assert len(g["warnings"]) == len(e["warnings"]), g["warnings"]


def test_contradiction_warnings_name_what_disagrees(documents):
    (ev,) = documents["almaty_judo_tournament"].events
    (warning,) = ev.warnings
    assert "более 300 спортсменов" in warning and "260 спортсменов" in warning
    main = documents["novosibirsk_technovector_forum"].events[0]
    assert main.warnings == ["stated duration 4 days disagrees with the date range (5 days)"]


def test_dateline_is_not_an_event_date(documents):
    (ev,) = documents["moscow_robotics_olympiad"].events
    assert "3 марта 2025" not in " ".join(d.text for d in ev.dates)
    assert [d.text for d in ev.dates] == ["С 14 по 16 марта 2025 года", "в пятницу, 15 марта 2025 года"]


@pytest.mark.parametrize("stem", STEMS)
def test_every_field_slices_the_text(documents, stem):
    doc = documents[stem]
    for ev in doc.events:
        d = ev.to_dict()
        assert doc.text[d["trigger"]["start"]:d["trigger"]["end"]] == d["trigger"]["text"]
        for field in ("dates", "places", "organisers", "organisations", "participants", "mentions"):
            for arg in d[field]:
                assert doc.text[arg["start"]:arg["end"]] == arg["text"], (field, arg)
        s, e = d["evidence"]["title"]
        assert doc.text[s:e] == d["title"]
        for name, (s, e) in d["evidence"].items():
            assert 0 <= s < e <= len(doc.text), name
