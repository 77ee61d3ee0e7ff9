"""Executors: one worker, several workers and a Dask cluster give the same outputs.

The Dask tests start a LocalCluster of two worker processes (processes, as a real
cluster has them: threads would share one GIL and one model and test less).
"""

from __future__ import annotations

import os
import shutil

import pytest

from conftest import SAMPLES
from pipeline import Pipeline, Stage
from pipeline.batch import find_jobs, process_jobs
from pipeline.cli import main
from pipeline.workers import pack_document, unpack_document
from pipeline.write import StoredRecord, stored_record

distributed = pytest.importorskip("distributed")

# Written for these tests: a release with a dateline, a count and a repeated paragraph.
EXTRA = [
    "Москва, 12 марта 2024 года. В Москве открылся форум «Цифровая индустрия».\n\n"
    "Участниками стали более 300 специалистов из 12 стран.\n\n"
    "Участниками стали более 300 специалистов из 12 стран.",
    "В Новосибирске 5–7 июня прошел фестиваль «Сибирский джаз». Его посетили около "
    "двух тысяч зрителей, выступили 40 музыкантов.",
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A folder of several chunks: the sample releases twice and two texts of our own."""
    src = tmp_path_factory.mktemp("corpus")
    for copy in ("a", "b"):
        shutil.copytree(SAMPLES, src / copy, ignore=shutil.ignore_patterns("*.json"))
    for i, text in enumerate(EXTRA):
        (src / f"extra{i}.txt").write_text(text, encoding="utf-8")
    return src


def corpus_size() -> int:
    """Documents in the ``corpus`` folder: the sample releases twice and the extra texts."""
    return 2 * sum(1 for p in SAMPLES.iterdir() if p.suffix != ".json") + len(EXTRA)


RUNS = {
    "one worker, in this process": ["--workers", "1", "--timeout", "0"],
    "one worker process": ["--workers", "1"],
    "two worker processes": ["--workers", "2"],
    "Dask LocalCluster, two processes": ["--executor", "dask", "--scheduler", "local", "--workers", "2"],
}


@pytest.mark.slow
def test_every_executor_writes_the_same_bytes(corpus, tmp_path):
    outputs = {}
    for name, argv in RUNS.items():
        out = tmp_path / name.replace(" ", "_").replace(",", "")
        code = main(["run", str(corpus), "--out", str(out), "--batch-size", "4", "--with-tokens",
                     "--no-progress", *argv])
        assert code == 0, name
        outputs[name] = [(out / f).read_bytes() for f in ("documents.jsonl", "events.jsonl")]
    first = outputs["one worker, in this process"]
    assert first[0].count(b"\n") == corpus_size() and first[1]  # every document, some events
    for name, got in outputs.items():
        assert got == first, name


def thread_ticks() -> tuple[int, int]:
    """CPU time (clock ticks, from /proc) of this process's main thread and of the others."""
    main = side = 0
    for tid in os.listdir("/proc/self/task"):
        with open(f"/proc/self/task/{tid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        ticks = int(fields[11]) + int(fields[12])  # utime, stime
        if int(tid) == os.getpid():
            main += ticks
        else:
            side += ticks
    return main, side


def probe(doc, resources):
    """A stage that records where it ran and how many BLAS threads numpy uses there."""
    from threadpoolctl import threadpool_info

    doc.meta["probe"] = {"pid": os.getpid(), "ner": id(resources.ner),
                         "blas_threads": sorted({i["num_threads"] for i in threadpool_info()}),
                         "ticks": thread_ticks()}
    return doc


@pytest.mark.slow
@pytest.mark.parametrize("executor", ["local", "dask"])
def test_workers_load_models_once_and_use_one_blas_thread(corpus, nlp, executor):
    probed = Pipeline(resources=nlp.resources).with_stage(Stage("probe", probe))
    docs = list(process_jobs(find_jobs([corpus]), probed, workers=2, chunk_size=2,
                             executor=executor, scheduler="local"))
    assert len(docs) == corpus_size() and all(d.ok for d in docs)
    probes = [d.meta["probe"] for d in docs]
    pids = {p["pid"] for p in probes}
    # two workers, unless one took every chunk while the other was starting on a busy machine
    assert 1 <= len(pids) <= 2 and os.getpid() not in pids, probes
    for pid in pids:  # one model per process, however many chunks it analysed
        assert len({p["ner"] for p in probes if p["pid"] == pid}) == 1
    assert {tuple(p["blas_threads"]) for p in probes} == {(1,)}
    if executor == "local":
        # the main thread does the work: a BLAS thread may exist, when numpy loaded with
        # more threads before the fork (here, in pytest), but it stays mostly idle
        # (unpinned, it spins about as long as the main thread works). The run is short
        # (tenths of a second) and the machine shared, so the bound leaves room for noise.
        for pid in pids:
            ticks = [p["ticks"] for p in probes if p["pid"] == pid]
            main, side = (ticks[-1][k] - ticks[0][k] for k in (0, 1))
            assert side <= 0.5 * main + 3, (main, side)


def test_dask_gives_documents_in_job_order_when_asked(corpus, nlp):
    jobs = list(find_jobs([corpus]))
    quick = Pipeline(resources=nlp.resources).without("entities", "events")
    docs = list(process_jobs(jobs, quick, workers=2, chunk_size=3, executor="dask", scheduler="local"))
    assert [d.doc_id for d in docs] == [j.doc_id for j in jobs]


def with_tokens(doc):
    """The CLI's ``convert`` with ``--with-tokens`` (a module-level function: picklable)."""
    return stored_record(doc, with_tokens=True)


CONVERTING = {
    "in this process": {"workers": 1},
    "two worker processes": {"workers": 2},
    "Dask LocalCluster, two processes": {"workers": 2, "executor": "dask", "scheduler": "local"},
}


@pytest.mark.slow
def test_records_made_in_the_workers_equal_records_of_the_documents(corpus, nlp):
    """``convert`` runs where a document is analysed; what comes back is what the parent
    would have made of the document itself."""
    jobs = list(find_jobs([corpus]))
    expected = [StoredRecord.of(d.to_dict(with_text=True, with_tokens=True))
                for d in process_jobs(jobs, nlp, chunk_size=4)]
    assert len(expected) == corpus_size() and all(r.status == "ok" for r in expected)
    for name, kwargs in CONVERTING.items():
        got = list(process_jobs(jobs, nlp, chunk_size=4, convert=with_tokens, **kwargs))
        assert all(type(r) is StoredRecord for r in got), name
        assert got == expected, name


@pytest.mark.slow
def test_a_crashed_file_is_converted_too(tmp_path, nlp):
    fragile = fragile_folder(tmp_path, nlp)
    # more files than a chunk: a pool, not this process (which the marker would kill)
    got = list(process_jobs(find_jobs([tmp_path]), fragile, workers=2, chunk_size=2, convert=stored_record))
    assert [(r.doc_id, r.status, r.error_kind) for r in got] == [
        ("0", "ok", None), ("1", "ok", None), ("2", "error", "crash"), ("3", "ok", None), ("4", "ok", None)]


def test_packed_documents_come_back_equal(nlp):
    doc = nlp(EXTRA[0], "release")
    doc.norm = None  # not sent: rebuilt from the text when needed
    back = unpack_document(pack_document(doc))
    assert back == doc
    assert back.to_dict(with_text=True, with_tokens=True) == doc.to_dict(with_text=True, with_tokens=True)


@pytest.mark.parametrize("argv, message", [
    (["--scheduler", "local"], "--scheduler needs --executor dask"),
    (["--executor", "spark"], "invalid choice"),
])
def test_executor_usage_errors(argv, message, tmp_path, capsys):
    assert main(["run", str(tmp_path), "--out", str(tmp_path / "out"), *argv]) == 2
    assert message in capsys.readouterr().err


def fragile_folder(folder, nlp) -> Pipeline:
    """Five releases in ``folder``, the third marked to crash; the pipeline that crashes on it."""
    texts = [f"В Казани прошел форум. Его посетили {100 + i} участников." for i in range(5)]
    texts[2] += " УПАСТЬ"
    for i, text in enumerate(texts):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    return Pipeline(resources=nlp.resources).without("entities", "events") \
        .with_stage(Stage("crash", crash_on_marker))


def crash_on_marker(doc, resources):
    """A stage that kills its worker process on "УПАСТЬ"."""
    if "УПАСТЬ" in doc.text:
        os.kill(os.getpid(), 9)
    return doc


@pytest.mark.slow
def test_a_file_that_kills_its_dask_worker_fails_alone(tmp_path, nlp):
    import dask

    fragile = fragile_folder(tmp_path, nlp)
    # a killed worker is not retried elsewhere first: the test need not kill four
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        docs = list(process_jobs(find_jobs([tmp_path]), fragile, workers=2, chunk_size=5,
                                 executor="dask", scheduler="local"))
    status = {d.doc_id: (d.status, (d.error or {}).get("kind")) for d in docs}
    assert status == {**{str(i): ("ok", None) for i in range(5)}, "2": ("error", "crash")}
    assert "KilledWorker" in docs[2].error["message"]


@pytest.mark.slow
def test_the_pool_leaves_no_model_of_its_own_in_the_parent(corpus):
    from pipeline import Resources
    from pipeline.workers import PARENT_KEEPS

    fresh = Pipeline(resources=Resources())
    docs = list(process_jobs(find_jobs([corpus]), fresh, workers=2, chunk_size=4))
    assert len(docs) == corpus_size() and all(d.ok and d.entities for d in docs)
    assert fresh.resources.loaded() <= PARENT_KEEPS  # the NER and the parser went with the workers
