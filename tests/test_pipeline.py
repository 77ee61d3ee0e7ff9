"""The library: analyze, process_paths, composable stages, errors per document."""

import pytest

import pipeline
from pipeline import Document, Stage, StageError

TEXT = "В Казани завершился форум «Горизонты», в нем приняли участие более 40 специалистов."


def test_analyze_returns_a_document(nlp):
    doc = pipeline.analyze(TEXT, doc_id="kazan", pipeline=nlp)
    assert isinstance(doc, Document) and doc.doc_id == "kazan" and doc.ok
    d = doc.to_dict()
    assert set(d) >= {"doc_id", "status", "paragraphs", "entities", "events"}
    assert d["events"][0]["title"] == "форум «Горизонты»"


def test_default_stage_order(nlp):
    assert nlp.names == ["normalize", "segment", "morphology", "entities", "deduplicate", "events"]


def test_without_a_stage(nlp):
    doc = nlp.without("events")(TEXT)
    assert doc.events == [] and doc.entities
    with pytest.raises(KeyError):
        nlp.without("no-such-stage")


def test_add_a_stage_of_your_own(nlp):
    def shout(doc, resources):
        doc.meta["loud_entities"] = [e.text.upper() for e in doc.entities if e.type == "CITY"]
        return doc

    custom = nlp.with_stage(Stage("shout", shout), after="entities")
    assert custom.names.index("shout") == custom.names.index("entities") + 1
    assert custom(TEXT).meta["loud_entities"] == ["КАЗАНИ"]


def test_a_failing_stage_names_itself(nlp):
    def broken(doc, resources):
        raise ValueError("boom")

    bad = nlp.with_stage(Stage("broken", broken), after="segment")
    with pytest.raises(StageError, match="broken"):
        bad(TEXT)
    docs = list(bad.pipe([Document(TEXT, "a"), Document(TEXT, "b")]))
    assert [d.status for d in docs] == ["error", "error"]
    assert docs[0].error["kind"] == "stage:broken" and "boom" in docs[0].error["message"]


def test_one_bad_document_does_not_stop_the_batch(nlp):
    def picky(doc, resources):
        if doc.doc_id == "bad":
            raise RuntimeError("no")
        return doc

    p = nlp.with_stage(Stage("picky", picky))
    docs = list(p.pipe([Document(TEXT, "good"), Document(TEXT, "bad"), Document(TEXT, "fine")]))
    assert [d.status for d in docs] == ["ok", "error", "ok"]
    assert docs[2].events


def test_batch_and_single_give_the_same_result(nlp):
    texts = [TEXT, "Выставка «Линия» откроется в Самаре 20 мая 2025 года.", "Просто текст."]
    single = [nlp(t, doc_id=str(i)).to_dict() for i, t in enumerate(texts)]
    batched = [d.to_dict() for d in nlp.pipe(Document(t, str(i)) for i, t in enumerate(texts))]
    assert single == batched


def test_process_paths(tmp_path, nlp):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_bytes(TEXT.encode("cp1251"))
    (tmp_path / "sub" / "empty.txt").write_bytes(b"")
    (tmp_path / "ignored.bin").write_bytes(b"\x00\x01")
    docs = list(pipeline.process_paths([tmp_path], pipeline=nlp))
    assert [(d.doc_id, d.status) for d in docs] == [
        ("a", "ok"), ("sub/b", "ok"), ("sub/empty", "error")]
    assert docs[1].meta["encoding"] == "cp1251"
    assert docs[2].error["kind"] == "empty"
    assert [e.title for e in docs[0].events] == [e.title for e in docs[1].events] == ["форум «Горизонты»"]


def test_empty_and_odd_texts(nlp):
    for text in ["", " ", "\n\n", "…", "12345", "«»", "A"]:
        doc = nlp(text)
        assert doc.ok
        for e in doc.entities:
            assert text[e.start:e.end] == e.text


def test_loaded_models_are_out_of_the_collectors_sight():
    import gc

    from pipeline import Resources

    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    assert Resources().morph is not None
    assert gc.get_freeze_count() > 0  # the model's objects are no longer walked by gc
