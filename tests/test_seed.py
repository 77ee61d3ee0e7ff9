"""The reference release (../shared/data/seed) gives exactly the record the issue asks for."""

import json

import pytest

from conftest import SHARED
from pipeline.cli import main

SEED = SHARED / "data" / "seed"
pytestmark = pytest.mark.skipif(not SEED.is_dir(), reason="../shared/data/seed is not beside the repository")


@pytest.fixture(scope="module")
def output(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed")
    assert main(["run", str(SEED), "--out", str(out), "--no-progress"]) == 0
    docs = [json.loads(line) for line in (out / "documents.jsonl").read_text("utf-8").splitlines()]
    events = [json.loads(line) for line in (out / "events.jsonl").read_text("utf-8").splitlines()]
    return docs, events


def test_exactly_one_event_record(output):
    docs, events = output
    assert len(docs) == 1 and docs[0]["status"] == "ok"
    assert len(events) == 1
    assert docs[0]["events"] == events


def test_the_record(output):
    (ev,) = output[1]
    assert (ev["start_date"], ev["end_date"]) == ("2024-03-11", "2024-03-15")
    assert [(p["name"], p["type"], p["country"]) for p in ev["places"]] == [("Ташкент", "CITY", "UZ")]
    assert [o["name"] for o in ev["organisers"]] == ["The British Council"]
    names = {o["name"] for o in ev["organisations"]}
    assert {"CIAQ", "Creative Central Asia"} <= names
    assert [{k: p[k] for k in ("count", "qualifier", "noun", "affiliation")} for p in ev["participants"]] == [
        {"count": 40, "qualifier": "more_than", "noun": "специалист", "affiliation": None},
        {"count": 3, "qualifier": "exact", "noun": "делегат", "affiliation": "CIAQ"},
    ]
    assert ev["edition"] == 5
    assert ev["status"] == "completed"
    assert ev["title"] == "5-я нетворкинг встреча Creative Central Asia"
    assert ev["warnings"] == ["stated duration 3 days disagrees with the date range (5 days)"]


def test_repeated_paragraphs(output):
    (doc,) = output[0]
    dups = {i: p["duplicate_of"] for i, p in enumerate(doc["paragraphs"]) if p["duplicate_of"] is not None}
    assert dups == {4: 1, 5: 2, 6: 3}   # paragraphs 5, 6, 7 repeat 2, 3, 4 (1-based)


def test_entities_slice_the_file(output):
    (doc,) = output[0]
    text = (SEED / "tashkent_creative_central_asia.txt").read_text("utf-8")
    for e in doc["entities"]:
        assert text[e["start"]:e["end"]] == e["text"]
    assert {"type": "DATE", "start": 112, "end": 138, "text": "с 11 по 15 марта 2024 года",
            "value": {"start": "2024-03-11", "end": "2024-03-15"}} in doc["entities"]
