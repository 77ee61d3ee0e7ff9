"""Flat tables: rows of records, to_dataframe, and the CLI's CSV and Parquet outputs."""

import json
import sys

import pandas as pd
import pytest

import pipeline
from conftest import SAMPLES
from pipeline import frames
from pipeline.cli import main
from pipeline.write import CsvOutput, parse_formats


def arg(text, start=0, **attrs):
    return {"start": start, "end": start + len(text), "text": text, **attrs}


TASHKENT = {
    "event_id": "t#1", "doc_id": "t", "title": "5-я нетворкинг встреча", "kind": "встреча", "main": True,
    "trigger": arg("5-я нетворкинг встреча", 31), "edition": 5, "status": "completed",
    "start_date": "2024-03-11", "end_date": "2024-03-15",
    "dates": [arg("с 11 по 15 марта 2024 года", 120, value={"start": "2024-03-11", "end": "2024-03-15"})],
    "places": [arg("Узбекистане", 0, type="COUNTRY", name="Узбекистан", country="UZ"),
               arg("Ташкенте", 2, type="CITY", name="Ташкент", country="UZ", geonameid=1512569)],
    "organisers": [arg("The British Council", 89, name="The British Council")],
    "organisations": [arg("фонда «Север»", 200, name="Север", role="partner"), arg("CIAQ", 380, name="CIAQ")],
    "participants": [arg("более 40 специалистов", 343, count=40, qualifier="more_than", noun="специалист",
                         affiliation=None),
                     arg("трех делегатов от CIAQ", 374, count=3, qualifier="exact", noun="делегат",
                         affiliation="CIAQ"),
                     arg("Министерства культуры", 400, name="Министерство культуры", type="ORGANIZATION")],
    "warnings": ["stated duration 3 days disagrees with the date range (5 days)"],
    "evidence": {"title": [31, 53]},
}
BARE = {"event_id": "b#2", "doc_id": "b", "title": "форум", "trigger": arg("форум", 7), "main": False,
        "start_date": "2026", "end_date": "2026", "places": [], "participants": []}


@pytest.mark.parametrize("record, expected", [
    (TASHKENT, {
        "event_id": "t#1", "doc_id": "t", "title": "5-я нетворкинг встреча", "kind": "встреча", "main": True,
        "edition": 5, "status": "completed", "start_date": "2024-03-11", "end_date": "2024-03-15",
        "month": "2024-03", "year": 2024, "city": "Ташкент", "country": "UZ",
        "places": "Узбекистан (UZ); Ташкент (UZ)", "organisers": "The British Council", "partners": "Север",
        "participant_count": 40, "participant_groups": 2,
        "participants": "более 40 специалистов; трех делегатов от CIAQ",
        "named_participants": "Министерство культуры",
        "warnings": "stated duration 3 days disagrees with the date range (5 days)", "warning_count": 1,
        "trigger_start": 31, "trigger_end": 53}),
    (BARE, {
        "event_id": "b#2", "doc_id": "b", "title": "форум", "kind": None, "main": False, "edition": None,
        "status": None, "start_date": "2026", "end_date": "2026", "month": None, "year": 2026, "city": None,
        "country": None, "places": None, "organisers": None, "partners": None, "participant_count": None,
        "participant_groups": 0, "participants": None, "named_participants": None, "warnings": None,
        "warning_count": 0, "trigger_start": 7, "trigger_end": 12}),
])
def test_event_rows_are_flat(record, expected):
    row = frames.event_row(record)
    assert row == expected
    assert list(row) == [c.name for c in frames.EVENT_COLUMNS]


DOC = {
    "doc_id": "d", "status": "ok", "meta": {"path": "in/d.txt", "format": "txt", "encoding": "cp1251"},
    "paragraphs": [{"start": 0, "end": 30, "duplicate_of": None}, {"start": 32, "end": 62, "duplicate_of": 0}],
    "sentences": [{"start": 0, "end": 30}, {"start": 32, "end": 62}],
    "entities": [
        {"type": "CITY", "start": 2, "end": 10, "text": "Ташкенте",
         "value": {"name": "Ташкент", "country": "UZ", "geonameid": 1512569}},
        {"type": "DATE", "start": 11, "end": 19, "text": "в 2024 г", "value": {"start": "2024", "end": "2024"}},
        {"type": "COUNT", "start": 34, "end": 42, "text": "более 40",
         "value": {"count": 40, "qualifier": "more_than", "noun": "специалист"}},
        {"type": "PERSON", "start": 44, "end": 50, "text": "Иванов"},
    ],
    "events": [TASHKENT], "warnings": ["a", "b"],
}


def test_entity_rows_flatten_each_value():
    got = list(frames.entity_rows(DOC))
    blank = dict.fromkeys(c.name for c in frames.ENTITY_COLUMNS)
    assert got == [
        {**blank, "doc_id": "d", "type": "CITY", "start": 2, "end": 10, "text": "Ташкенте", "name": "Ташкент",
         "country": "UZ", "paragraph": 0, "duplicate": False,
         "value": '{"country": "UZ", "geonameid": 1512569, "name": "Ташкент"}'},
        {**blank, "doc_id": "d", "type": "DATE", "start": 11, "end": 19, "text": "в 2024 г",
         "date_start": "2024", "date_end": "2024", "paragraph": 0, "duplicate": False,
         "value": '{"end": "2024", "start": "2024"}'},
        {**blank, "doc_id": "d", "type": "COUNT", "start": 34, "end": 42, "text": "более 40", "count": 40,
         "qualifier": "more_than", "noun": "специалист", "paragraph": 1, "duplicate": True,
         "value": '{"count": 40, "noun": "специалист", "qualifier": "more_than"}'},
        {**blank, "doc_id": "d", "type": "PERSON", "start": 44, "end": 50, "text": "Иванов", "paragraph": 1,
         "duplicate": True},
    ]


@pytest.mark.parametrize("doc, chars, expected", [
    (DOC, 62, {"doc_id": "d", "status": "ok", "error_kind": None, "error_message": None, "path": "in/d.txt",
               "encoding": "cp1251", "chars": 62, "paragraphs": 2, "duplicate_paragraphs": 1, "sentences": 2,
               "entities": 4, "persons": 1, "organizations": 0, "cities": 1, "countries": 0, "dates": 1,
               "counts": 1, "events": 1, "main_event": "5-я нетворкинг встреча", "warnings": "a; b"}),
    (pipeline.Document.failed("x", "binary", "not text", {"path": "x.txt"}).to_dict(), 0,
     {"doc_id": "x", "status": "error", "error_kind": "binary", "error_message": "not text", "path": "x.txt",
      "encoding": None, "chars": 0, "paragraphs": 0, "duplicate_paragraphs": 0, "sentences": 0, "entities": 0,
      "persons": 0, "organizations": 0, "cities": 0, "countries": 0, "dates": 0, "counts": 0, "events": 0,
      "main_event": None, "warnings": None}),
])
def test_document_rows_count_what_each_document_holds(doc, chars, expected):
    assert frames.document_row(doc, chars) == expected


@pytest.fixture(scope="module")
def sample_docs(nlp):
    return list(pipeline.process_paths(SAMPLES, pipeline=nlp))


@pytest.mark.parametrize("kind", frames.KINDS)
def test_to_dataframe_has_the_documented_columns_and_types(sample_docs, kind):
    frame = pipeline.to_dataframe(sample_docs, kind=kind)
    columns = frames.COLUMNS[kind]
    assert list(frame.columns) == [c.name for c in columns]
    expected_rows = {"documents": len(sample_docs), "entities": sum(len(d.entities) for d in sample_docs),
                     "events": sum(len(d.events) for d in sample_docs)}[kind]
    assert len(frame) == expected_rows
    for c in columns:
        assert str(frame[c.name].dtype) == {"str": "string", "int": "Int64", "float": "Float64",
                                            "bool": "boolean"}[c.type], c.name


def _expected_event_rows(expected_samples):
    for stem, exp in sorted(expected_samples.items()):
        for e in exp["events"]:
            counts = [p["count"] for p in e["participants"]]
            yield stem, e["title"], {
                "doc_id": stem, "main": e["main"], "edition": e["edition"], "status": e["status"],
                "start_date": e["start_date"], "end_date": e["end_date"],
                "city": next((p["name"] for p in e["places"] if p["type"] == "CITY"), None),
                "country": next((p["country"] for p in e["places"]), None),
                "organisers": "; ".join(e["organisers"]) or None,
                "participant_count": max(counts, default=None), "participant_groups": len(counts)}


def test_event_frame_matches_the_expected_sample_records(sample_docs, expected_samples):
    frame = pipeline.to_dataframe(sample_docs, kind="events").set_index("title")
    for stem, title, expected in _expected_event_rows(expected_samples):
        row = frame.loc[title]
        got = {k: (None if pd.isna(row[k]) else row[k]) for k in expected}
        assert got == expected, stem


def test_dicts_from_jsonl_give_the_same_frames_as_documents(sample_docs):
    lines = [json.loads(json.dumps(d.to_dict(with_text=True), ensure_ascii=False)) for d in sample_docs]
    for kind in frames.KINDS:
        pd.testing.assert_frame_equal(pipeline.to_dataframe(lines, kind=kind),
                                      pipeline.to_dataframe(sample_docs, kind=kind))
    records = [e for line in lines for e in line["events"]]
    pd.testing.assert_frame_equal(pipeline.to_dataframe(records),
                                  pipeline.to_dataframe([e for d in sample_docs for e in d.events]))
    one = pipeline.to_dataframe(sample_docs[0], kind="documents")
    assert one["doc_id"].tolist() == [sample_docs[0].doc_id]


@pytest.mark.parametrize("items, kind, error", [
    ([DOC], "tokens", ValueError),
    ([TASHKENT], "entities", ValueError),
    (["some text"], "events", TypeError),
])
def test_to_dataframe_says_what_is_wrong(items, kind, error):
    with pytest.raises(error):
        pipeline.to_dataframe(items, kind=kind)


def test_an_empty_batch_gives_empty_typed_frames():
    frame = pipeline.to_dataframe([], kind="events")
    assert len(frame) == 0 and list(frame.columns) == [c.name for c in frames.EVENT_COLUMNS]
    assert str(frame["participant_count"].dtype) == "Int64"


# --- the CLI's CSV and Parquet outputs ---

def read_csv(path):
    # only an empty cell is missing: a name like "NA" stays text
    return pd.read_csv(path, keep_default_na=False, na_values=[""], dtype_backend="numpy_nullable")


@pytest.fixture(scope="module")
def samples_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    assert main(["run", str(SAMPLES), "--out", str(out), "--format", "jsonl,csv,parquet",
                 "--no-progress", "--workers", "1"]) == 0
    return out


def test_csv_and_parquet_files_are_written_beside_the_jsonl(samples_out):
    assert sorted(p.name for p in samples_out.iterdir()) == sorted(
        ["documents.jsonl", "events.jsonl", "report.json", "manifest.sqlite"]
        + [f"{k}.{ext}" for k in frames.KINDS for ext in ("csv", "parquet")])
    assert json.loads((samples_out / "report.json").read_text("utf-8"))["formats"] == ["jsonl", "csv", "parquet"]


@pytest.mark.parametrize("kind", frames.KINDS)
@pytest.mark.parametrize("ext", ["csv", "parquet"])
def test_tables_read_back_as_the_dataframes_of_the_jsonl(samples_out, kind, ext):
    lines = [json.loads(x) for x in (samples_out / "documents.jsonl").read_text("utf-8").splitlines()]
    expected = pipeline.to_dataframe(lines, kind=kind)
    path = samples_out / f"{kind}.{ext}"
    got = read_csv(path) if ext == "csv" else pd.read_parquet(path, dtype_backend="numpy_nullable")
    assert list(got.columns) == [c.name for c in frames.COLUMNS[kind]]
    if kind == "documents":  # chars comes from the text, which documents.jsonl leaves out
        expected["chars"] = got["chars"]
        assert (got["chars"] > 0).all()
    # every column whole, as its documented type; all-empty columns come back untyped from CSV
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_event_table_holds_the_expected_sample_values(samples_out, expected_samples):
    frame = read_csv(samples_out / "events.csv").set_index("title")
    for stem, title, expected in _expected_event_rows(expected_samples):
        row = frame.loc[title]
        assert {k: (None if pd.isna(row[k]) else row[k]) for k in expected} == expected, stem


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_only_the_formats_asked_for_are_written(tmp_path, fmt):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Просто текст, в котором ничего не происходит.", encoding="utf-8")
    (src / "b.txt").write_bytes(b"\x00\xff\x00binary")
    out = tmp_path / "out"
    assert main(["run", str(src), "--out", str(out), "--format", fmt, "--no-progress"]) == 1
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{k}.{fmt}" for k in frames.KINDS] + ["report.json", "manifest.sqlite"])
    read = read_csv if fmt == "csv" else pd.read_parquet
    events = read(out / f"events.{fmt}")
    assert len(events) == 0 and list(events.columns) == [c.name for c in frames.EVENT_COLUMNS]
    documents = read(out / f"documents.{fmt}")
    assert documents[["doc_id", "status", "error_kind"]].fillna("").values.tolist() == [
        ["a", "ok", ""], ["b", "error", "binary"]]


def test_a_failing_batch_leaves_no_table_half_written(tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        (src / f"{i}.txt").write_text("В Казани завершился форум «Горизонты».", encoding="utf-8")
    calls = []

    def fail_on_second(self, record, chars=None):
        calls.append(record["doc_id"])
        if len(calls) == 2:
            raise OSError("disk full")
        return original(self, record, chars)

    original = CsvOutput.write
    monkeypatch.setattr(CsvOutput, "write", fail_on_second)
    out = tmp_path / "out"
    with pytest.raises(OSError, match="disk full"):
        main(["run", str(src), "--out", str(out), "--format", "jsonl,csv,parquet", "--no-progress"])
    # no output complete, nothing half-written; the manifest keeps the analyses for a rerun
    assert [p.name for p in out.iterdir()] == ["manifest.sqlite"]


@pytest.mark.parametrize("value, expected", [
    ("jsonl", ["jsonl"]),
    ("csv,parquet", ["csv", "parquet"]),
    (" JSONL , csv,csv", ["jsonl", "csv"]),
])
def test_formats_parse(value, expected):
    assert parse_formats(value) == expected


@pytest.mark.parametrize("value", ["xlsx", "", ",", "jsonl,xml"])
def test_unknown_formats_are_usage_errors(value, tmp_path):
    assert main(["run", str(SAMPLES), "--out", str(tmp_path / "out"), "--format", value]) == 2
    assert not (tmp_path / "out").exists()


def test_without_pandas_the_error_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # what "not installed" looks like to import
    with pytest.raises(ImportError, match=r"press-pipeline\[dataframe\]"):
        pipeline.to_dataframe([DOC])


def test_without_pyarrow_parquet_is_a_usage_error(monkeypatch, tmp_path, capsys):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    assert main(["run", str(SAMPLES), "--out", str(tmp_path / "out"), "--format", "jsonl,parquet"]) == 2
    assert "press-pipeline[dataframe]" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
