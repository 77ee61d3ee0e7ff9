"""The same release across files: duplicate_of_doc, conflicts, and one event record per event."""

import io
import json

import numpy as np
import pytest

from pipeline.cli import main
from pipeline.dedup.corpus import BandIndex, CorpusDeduplicator, EventSources, shingle_hashes

RELEASE = """В Новосибирске с 3 по 7 июня 2025 года пройдет XV фестиваль уличного искусства «Стена», \
организованный мэрией города при поддержке фонда «Городские проекты».

Ожидается, что в фестивале примут участие около 300 художников из 25 регионов России. \
Работы будут представлены на фасадах домов в Центральном и Заельцовском районах. \
Программа включает мастер-классы, лекции и ночные экскурсии.

Куратор фестиваля Мария Лебедева отметила, что в этом году заявок стало вдвое больше. \
Вход на все мероприятия свободный."""

OTHER = """В Казани 12 апреля 2025 года завершился III молодежный форум «Горизонты». \
В нем приняли участие более 1200 человек из 30 регионов. Гостей приветствовал министр \
Андрей Соколов, который отметил значение форума для республики."""


def first_match(*texts, resources):
    with CorpusDeduplicator(resources) as dedup:
        matches = [dedup.add(f"d{i}", t) for i, t in enumerate(texts)]
    return matches


@pytest.mark.parametrize("copy", [
    pytest.param(RELEASE, id="exact"),
    pytest.param("\ufeff" + RELEASE.replace("«", '"').replace("»", '"').upper(), id="normalised"),
    pytest.param(RELEASE.replace("\n\n", "\n").replace(". ", ".\n"), id="another layout"),
    pytest.param(RELEASE.replace("художников", "худоджников").replace("лекции", "лекцыи"), id="typos"),
    pytest.param(RELEASE.replace(",", ""), id="punctuation"),
    pytest.param(RELEASE.replace("свободный.", "свободный. Подробности на сайте фестиваля."),
                 id="sentence added"),
    pytest.param(RELEASE.replace(" Программа включает мастер-классы, лекции и ночные экскурсии.", ""),
                 id="sentence dropped"),
    pytest.param(RELEASE.replace("Ожидается", "Программа включает мастер-классы, лекции и ночные "
                                 "экскурсии. Ожидается").replace(" Программа включает мастер-классы, "
                                                                 "лекции и ночные экскурсии.\n", "\n"),
                 id="sentences reordered"),
])
def test_a_copy_of_a_release_is_a_duplicate(resources, copy):
    base, match = first_match(RELEASE, copy, resources=resources)
    assert base is None
    assert match.duplicate and match.doc_id == "d0"
    assert match.to_dict() == {"duplicate_of_doc": "d0", "similarity": match.similarity}
    assert 0.8 <= match.similarity <= 1.0


@pytest.mark.parametrize("copy, kind", [
    pytest.param(RELEASE.replace("300", "350"), "number", id="number"),
    pytest.param(RELEASE.replace("с 3 по 7 июня", "с 3 по 7 июля"), "date", id="date"),
    pytest.param(RELEASE.replace("Новосибирске", "Томске"), "place", id="city"),
    pytest.param(RELEASE.replace("Лебедева", "Смирнова"), "name", id="name"),
])
def test_a_copy_with_another_fact_is_a_conflict(resources, copy, kind):
    _, match = first_match(RELEASE, copy, resources=resources)
    assert not match.duplicate and match.doc_id == "d0"
    out = match.to_dict()
    assert out["conflict_with_doc"] == "d0" and [c["kind"] for c in out["conflicts"]] == [kind]


def test_copies_point_at_the_first_and_distinct_texts_at_nothing(resources):
    copy = RELEASE.replace("художников", "худоджников")
    matches = first_match(RELEASE, OTHER, copy, RELEASE, "", resources=resources)
    assert [m and (m.doc_id, m.duplicate) for m in matches] == [None, None, ("d0", True), ("d0", True), None]


def test_many_distinct_texts_share_no_duplicate(resources):
    rng = np.random.default_rng(0)
    words = OTHER.split() + RELEASE.split()
    texts = [" ".join(rng.choice(words, 120)) for _ in range(300)]
    matches = first_match(*texts, resources=resources)
    assert not any(m and m.duplicate for m in matches)


def test_shingles_are_deterministic_and_order_aware():
    a = shingle_hashes("форум прошел в казани".split())
    assert list(a) == list(shingle_hashes("форум прошел в казани".split()))
    assert set(a) != set(shingle_hashes("в казани форум прошел".split()))


@pytest.mark.parametrize("flush_every", [
    pytest.param(10**9, id="all in the buffer"),
    pytest.param(64, id="flushed to the table in batches"),
    pytest.param(1, id="flushed at every insert"),
])
def test_band_index_finds_what_it_holds(monkeypatch, flush_every):
    import pipeline.dedup.corpus as corpus

    monkeypatch.setattr(corpus, "FLUSH_EVERY", flush_every)
    index = BandIndex(bands=4, rows=2)
    sigs = np.arange(100 * 8, dtype=np.uint32).reshape(100, 8)
    assert index.query(index.keys(sigs[0])) == set()  # empty: nothing found
    for i, s in enumerate(sigs):
        index.insert(i, index.keys(s))
    assert len(index) == 400
    for i in (0, 17, 99):
        assert index.query(index.keys(sigs[i])) == {i}
    half = sigs[5].copy()
    half[4:] = 0  # two bands of four agree
    assert index.query(index.keys(half)) == {5}
    assert index.query(index.keys(np.full(8, 1000, dtype=np.uint32))) == set()
    index.close()


def test_band_index_keys_above_int64_round_trip():
    # FNV keys use all 64 bits; SQLite's integers are signed: the top bit must survive
    index = BandIndex(bands=2, rows=1)
    keys = np.array([2**64 - 1, 2**63], dtype=np.uint64)
    index.insert(3, keys)
    index.insert(4, keys[:1])
    index.flush()
    assert index.query(keys) == {3, 4}
    assert index.query(keys[1:]) == {3}
    index.close()


def test_band_index_answers_like_a_dict_of_sets(monkeypatch):
    import pipeline.dedup.corpus as corpus

    monkeypatch.setattr(corpus, "FLUSH_EVERY", 50)
    rng = np.random.default_rng(1)
    index, plain = BandIndex(bands=8, rows=2), {}
    # few distinct row values, so that bands collide often
    sigs = rng.integers(0, 3, size=(300, 16), dtype=np.uint32)
    for i, s in enumerate(sigs):
        keys = index.keys(s)
        expected = set().union(*(plain.get(k, set()) for k in keys.tolist()))
        assert index.query(keys) == expected
        index.insert(i, keys)
        for k in keys.tolist():
            plain.setdefault(k, set()).add(i)
    index.close()


def test_the_indexes_leave_no_file_behind(tmp_path, resources):
    spool = tmp_path / "spool"
    spool.mkdir()
    with CorpusDeduplicator(resources, spool_dir=str(spool)) as dedup, \
            EventSources(spool_dir=str(spool)) as sources:
        assert dedup.add("d0", RELEASE) is None
        assert dedup.add("d1", RELEASE).doc_id == "d0"
        sources.add(record("d0", ("форум", "форум", "2025-04-12")))
        # the files are unlinked as soon as they are open: a killed run leaves nothing
        assert list(spool.iterdir()) == []
    assert list(spool.iterdir()) == []
    with pytest.raises(Exception, match="closed"):
        dedup.db.execute("SELECT 1")


def test_the_deduplicator_holds_no_list_per_document(resources):
    """Ids, digests and offsets are in the database: the object's own state stays the same size."""
    rng = np.random.default_rng(2)
    words = OTHER.split() + RELEASE.split()
    with CorpusDeduplicator(resources) as dedup:
        for i in range(40):
            dedup.add(f"d{i}", " ".join(rng.choice(words, 80)))
        sizes = {k: _size(v) for k, v in vars(dedup).items()}
        for i in range(40, 400):
            dedup.add(f"d{i}", " ".join(rng.choice(words, 80)))
        assert len(dedup) == 400
        assert {k: _size(v) for k, v in vars(dedup).items()} == sizes
        assert dedup.db.execute("SELECT COUNT(*) FROM documents").fetchone() == (400,)


def _size(value):
    return len(value) if isinstance(value, (list, dict, set, tuple, bytes, str)) else None


# -- events.jsonl: one record per event, every source listed -----------------------------------

def record(doc_id, *events):
    return {"doc_id": doc_id, "events": [
        {"event_id": f"{doc_id}#{n}", "doc_id": doc_id, "title": t, "kind": k, "start_date": d}
        for n, (t, k, d) in enumerate(events, 1)]}


def test_event_sources_merge_the_events_of_duplicates():
    from pipeline.dedup.corpus import DocumentMatch

    out = io.StringIO()
    with EventSources() as sources:
        sources.add(record("a", ("XV фестиваль «Стена»", "фестиваль", "2025-06-03"),
                           ("лекция", "лекция", None)))
        sources.add(record("b", ("форум «Горизонты»", "форум", "2025-04-12")))
        # a duplicate: the same festival (a typo in the title, same kind and date), the same
        # lecture, and an excursion the first does not report
        dup = record("a2", ("XV фестивал «Стена»", "фестиваль", "2025-06-03"), ("лекция", "лекция", None),
                     ("экскурсия", "экскурсия", None))
        sources.add(dup, DocumentMatch("a", 0.97))
        assert [e["sources"] for e in dup["events"]] == [["a2"], ["a2"], ["a2"]]
        assert sources.write(out) == 4
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    assert [(e["event_id"], e["sources"]) for e in lines] == [
        ("a#1", ["a", "a2"]), ("a#2", ["a", "a2"]), ("b#1", ["b"]), ("a2#3", ["a2"])]


def test_a_conflicting_copy_keeps_its_own_events():
    from pipeline.dedup.compare import Conflict
    from pipeline.dedup.corpus import DocumentMatch

    out = io.StringIO()
    with EventSources() as sources:
        sources.add(record("a", ("форум", "форум", "2025-04-12")))
        sources.add(record("b", ("форум", "форум", "2025-04-15")),
                    DocumentMatch("a", 0.98, (Conflict("date", ("12", "15"), (None, None)),)))
        sources.write(out)
    assert [json.loads(x)["sources"] for x in out.getvalue().splitlines()] == [["a"], ["b"]]


# -- the command line ----------------------------------------------------------------------------

def test_a_run_gives_one_record_per_release_with_every_source(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "festival.txt").write_text(RELEASE, encoding="utf-8")
    edited = RELEASE.replace("художников", "худоджников").replace("свободный.", "свободный. "
                                                                      "Подробности на сайте.")
    (src / "festival_v2.txt").write_text(edited, encoding="cp1251")
    (src / "forum.txt").write_text(OTHER, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(src), "--out", str(out), "--no-progress", "--workers", "1"]) == 0
    docs = {d["doc_id"]: d for d in map(json.loads, (out / "documents.jsonl").read_text("utf-8").splitlines())}
    assert docs["festival_v2"]["duplicate_of_doc"] == "festival"
    assert 0.8 < docs["festival_v2"]["similarity"] < 1
    assert "duplicate_of_doc" not in docs["festival"] and "duplicate_of_doc" not in docs["forum"]
    events = [json.loads(x) for x in (out / "events.jsonl").read_text("utf-8").splitlines()]
    assert [(e["doc_id"], e["sources"]) for e in events] == [
        ("festival", ["festival", "festival_v2"]), ("forum", ["forum"])]
    assert docs["festival_v2"]["events"]  # its own line still carries what it says
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["counts"]["duplicate_documents"] == 1 and report["counts"]["distinct_events"] == 2
    assert sorted(p.name for p in out.iterdir()) == ["documents.jsonl", "events.jsonl", "manifest.sqlite",
                                                    "report.json"]


def test_an_incremental_run_still_finds_repeats_of_kept_files(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "festival.txt").write_text(RELEASE, encoding="utf-8")
    (src / "forum.txt").write_text(OTHER, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(src), "--out", str(out), "--no-progress", "--workers", "1"]) == 0
    # a repeat arrives later: only it is processed, yet it is compared with the kept files
    (src / "later_copy.txt").write_text(RELEASE.replace("художников", "худоджников"), encoding="utf-8")
    assert main(["run", str(src), "--out", str(out), "--no-progress", "--workers", "1"]) == 0
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["run"] == {"processed": 1, "unchanged": 2}
    docs = {d["doc_id"]: d for d in map(json.loads, (out / "documents.jsonl").read_text("utf-8").splitlines())}
    assert docs["later_copy"]["duplicate_of_doc"] == "festival"
    events = [json.loads(x) for x in (out / "events.jsonl").read_text("utf-8").splitlines()]
    assert [(e["doc_id"], e["sources"]) for e in events] == [
        ("festival", ["festival", "later_copy"]), ("forum", ["forum"])]
