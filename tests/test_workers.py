"""Worker processes: a file that hangs or kills its worker fails alone, in its place."""

from __future__ import annotations

import os
import signal
import time

import pytest

from pipeline import Pipeline, Stage
from pipeline.batch import Job, process_jobs

GOOD = "В Казани прошел форум «Горизонты». Его посетили более {} участников."


def misbehave(doc, resources):
    """A stage that hangs on "ЗАВИСНУТЬ" and kills its process on "УПАСТЬ"."""
    if "ЗАВИСНУТЬ" in doc.text:
        time.sleep(3600)
    if "УПАСТЬ" in doc.text:
        os.kill(os.getpid(), signal.SIGKILL)
    return doc


@pytest.fixture()
def files(tmp_path):
    texts = [GOOD.format(100 + i) for i in range(9)]
    texts[3] += " ЗАВИСНУТЬ"
    texts[6] += " УПАСТЬ"
    jobs = []
    for i, text in enumerate(texts):
        path = tmp_path / f"{i}.txt"
        path.write_text(text, encoding="utf-8")
        jobs.append(Job(str(path), str(i)))
    return jobs


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_a_hung_or_crashing_file_fails_alone(files, nlp, workers):
    slow = Pipeline(resources=nlp.resources).with_stage(Stage("misbehave", misbehave), after="normalize")
    started = time.monotonic()
    docs = list(process_jobs(files, slow, workers=workers, chunk_size=4, timeout=3.0))
    assert time.monotonic() - started < 60
    assert [d.doc_id for d in docs] == [str(i) for i in range(9)]  # job order kept
    status = {d.doc_id: (d.status, (d.error or {}).get("kind")) for d in docs}
    assert status == {**{str(i): ("ok", None) for i in range(9)},
                      "3": ("error", "timeout"), "6": ("error", "crash")}
    assert "analysing the text took longer than 3 s" in docs[3].error["message"]
    assert "SIGKILL" in docs[6].error["message"]
    ok = [d for d in docs if d.ok]
    assert all(any(e.type == "COUNT" for e in d.entities) for d in ok)


def test_unordered_results_are_all_there(files, nlp):
    plain = [j for j in files if j.doc_id not in ("3", "6")]
    docs = list(process_jobs(plain, nlp, workers=2, chunk_size=2, timeout=60, ordered=False))
    assert sorted(d.doc_id for d in docs) == sorted(j.doc_id for j in plain)
    assert all(d.ok for d in docs)
