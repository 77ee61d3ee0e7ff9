"""The command line, in-process and as a subprocess."""

import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from conftest import ROOT, SAMPLES
from pipeline.cli import main

GOOD = "В Казани завершился форум «Горизонты». Приняли участие более 40 специалистов."


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


@pytest.fixture()
def folder(tmp_path):
    src = tmp_path / "in"
    (src / "nested").mkdir(parents=True)
    (src / "good.txt").write_text(GOOD, encoding="utf-8")
    (src / "nested" / "old.txt").write_bytes(GOOD.encode("cp1251"))
    return src


def test_run_writes_the_three_outputs(folder, tmp_path):
    out = tmp_path / "out"
    assert main(["run", str(folder), "--out", str(out), "--no-progress", "--workers", "1"]) == 0
    docs = read_jsonl(out / "documents.jsonl")
    assert [d["doc_id"] for d in docs] == ["good", "nested/old"]
    assert all(d["status"] == "ok" for d in docs)
    # the two files hold one release (UTF-8 and cp1251): one event record, both sources
    assert docs[1]["duplicate_of_doc"] == "good" and docs[1]["similarity"] == 1.0
    events = read_jsonl(out / "events.jsonl")
    assert [(e["doc_id"], e["sources"]) for e in events] == [("good", ["good", "nested/old"])]
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["counts"]["documents"] == 2 and report["counts"]["errors"] == 0
    assert report["counts"]["events"] == 2 and report["counts"]["distinct_events"] == 1
    assert report["elapsed_seconds"] >= 0
    # nothing half-written or temporary is left behind
    assert sorted(p.name for p in out.iterdir()) == ["documents.jsonl", "events.jsonl", "manifest.sqlite",
                                                    "report.json"]
    # outputs get the usual permissions, not the 0600 of a temporary file
    mask = os.umask(0)
    os.umask(mask)
    assert (out / "documents.jsonl").stat().st_mode & 0o777 == 0o666 & ~mask


def test_a_broken_file_is_reported_and_the_batch_goes_on(folder, tmp_path):
    (folder / "broken.txt").write_bytes(b"\x00\xff\x00binary")
    (folder / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    assert main(["run", str(folder), "--out", str(out), "--no-progress"]) == 1
    docs = {d["doc_id"]: d for d in read_jsonl(out / "documents.jsonl")}
    assert docs["broken"]["status"] == "error" and docs["broken"]["error"]["kind"] == "binary"
    assert docs["empty"]["error"]["kind"] == "empty"
    assert docs["good"]["status"] == "ok"
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert {f["doc_id"]: f["kind"] for f in report["failures"]} == {"broken": "binary", "empty": "empty"}


@pytest.mark.parametrize("argv", [
    [],
    ["run"],
    ["run", "in"],                                  # no --out
    ["run", "/no/such/folder", "--out", "x"],
    ["run", ".", "--out", "x", "--workers", "0"],
    ["run", ".", "--out", "x", "--reference-date", "yesterday"],
    ["frobnicate"],
])
def test_usage_errors_exit_2(argv, tmp_path, capsys):
    os.chdir(tmp_path)
    assert main(argv) == 2


def test_reference_date_resolves_relative_dates(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Вчера в Казани прошел форум «Горизонты».", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(src), "--out", str(out), "--reference-date", "2025-03-02", "--no-progress"]) == 0
    (doc,) = read_jsonl(out / "documents.jsonl")
    (date,) = [e for e in doc["entities"] if e["type"] == "DATE"]
    assert date["value"]["start"] == "2025-03-01"


def test_two_workers_give_the_same_output_as_one(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(40):  # more than one chunk, so a pool really starts
        (src / f"{i:03d}.txt").write_text(GOOD.replace("40", str(40 + i)), encoding="utf-8")
    outs = []
    for workers in ("1", "2"):
        out = tmp_path / f"out{workers}"
        assert main(["run", str(src), "--out", str(out), "--workers", workers, "--batch-size", "8",
                     "--no-progress"]) == 0
        outs.append((out / "documents.jsonl").read_bytes())
    assert outs[0] == outs[1]


@pytest.mark.slow
def test_console_script_as_a_subprocess(tmp_path):
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-m", "pipeline", "run", str(SAMPLES), "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "documents" in proc.stderr and "0 failed" in proc.stderr
    docs = read_jsonl(out / "documents.jsonl")
    assert len(docs) == len(list(SAMPLES.glob("*.txt")))
    assert "\r" not in proc.stderr  # no progress bar when piped


# --- incremental runs -------------------------------------------------------------------

def run_cli(src, out, *extra):
    code = main(["run", str(src), "--out", str(out), "--workers", "1", "--no-progress", *extra])
    report = json.loads((out / "report.json").read_text("utf-8"))
    return code, report


def outputs(out):
    return {name: (out / name).read_bytes() for name in ("documents.jsonl", "events.jsonl")}


def test_a_rerun_processes_only_new_and_changed_files(folder, tmp_path):
    out = tmp_path / "out"
    (folder / "third.txt").write_text(GOOD.replace("Казани", "Самаре"), encoding="utf-8")
    code, report = run_cli(folder, out)
    assert code == 0 and report["run"] == {"processed": 3, "unchanged": 0}
    first = outputs(out)

    code, report = run_cli(folder, out)
    assert report["run"] == {"processed": 0, "unchanged": 3}
    assert outputs(out) == first  # nothing processed, the same outputs

    os.utime(folder / "good.txt", ns=(1, 1))  # touched, not changed: the hash says so
    (folder / "nested" / "old.txt").write_bytes(GOOD.replace("40", "45").encode("cp1251"))
    (folder / "new.txt").write_text(GOOD.replace("Казани", "Уфе"), encoding="utf-8")
    (folder / "third.txt").unlink()
    code, report = run_cli(folder, out)
    assert report["run"] == {"processed": 2, "unchanged": 1}
    docs = read_jsonl(out / "documents.jsonl")
    assert [d["doc_id"] for d in docs] == ["good", "nested/old", "new"]
    counts = {d["doc_id"]: [e["text"] for e in d["entities"] if e["type"] == "COUNT"] for d in docs}
    assert counts["nested/old"] == ["более 45"]
    assert report["counts"]["documents"] == 3  # the removed file is gone from the outputs too

    code, report = run_cli(folder, out, "--force")
    assert report["run"] == {"processed": 3, "unchanged": 0}


def test_each_file_is_listed_once_with_its_own_id_in_id_order(folder, tmp_path):
    (folder / "good.md").write_text(GOOD.replace("Казани", "Самаре"), encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    (other / "good.txt").write_text(GOOD.replace("Казани", "Уфе"), encoding="utf-8")
    out = tmp_path / "out"
    # the folder twice and one of its files again: each file once; "good" three times over
    code = main(["run", str(folder), str(other), str(folder / "good.txt"), str(folder),
                 "--out", str(out), "--workers", "1", "--no-progress"])
    docs = read_jsonl(out / "documents.jsonl")
    assert code == 0 and [(d["doc_id"], d["meta"]["path"]) for d in docs] == [
        ("good", str(folder / "good.md")), ("good.txt", str(folder / "good.txt")),
        ("good.txt~2", str(other / "good.txt")), ("nested/old", str(folder / "nested" / "old.txt"))]


def test_the_outputs_of_an_incremental_run_equal_a_fresh_run(folder, tmp_path):
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    run_cli(folder, out)
    (folder / "nested" / "later.txt").write_text(GOOD.replace("Казани", "Перми"), encoding="utf-8")
    run_cli(folder, out)
    run_cli(folder, fresh)
    assert outputs(out) == outputs(fresh)


def test_changed_settings_process_everything_again(folder, tmp_path):
    out = tmp_path / "out"
    run_cli(folder, out)
    _, report = run_cli(folder, out, "--reference-date", "2025-03-02")
    assert report["run"]["processed"] == 2
    _, report = run_cli(folder, out, "--reference-date", "2025-03-02", "--with-text")
    assert report["run"]["processed"] == 0  # the text is kept anyway: only the output changes
    assert [d["text"] for d in read_jsonl(out / "documents.jsonl")] == [GOOD, GOOD]


def test_files_that_failed_for_outside_reasons_are_tried_again(folder, tmp_path):
    out = tmp_path / "out"
    (folder / "late.txt").symlink_to(folder / "not-yet.txt")
    code, report = run_cli(folder, out)
    assert code == 1 and report["failures"][0]["kind"] == "not_found"
    (folder / "not-yet.txt").write_text(GOOD, encoding="utf-8")  # the link now resolves
    code, report = run_cli(folder, out)
    assert code == 0 and report["run"] == {"processed": 2, "unchanged": 2}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_file_replaced_by_a_pipe_does_not_hang_the_rerun(folder, tmp_path):
    out = tmp_path / "out"
    run_cli(folder, out)
    (folder / "good.txt").unlink()
    os.mkfifo(folder / "good.txt")  # hashing it to see whether it changed would block
    code, report = run_cli(folder, out)
    assert code == 1 and report["failures"][0]["kind"] == "not_a_file"


def test_a_file_that_disappears_mid_run_is_an_error_for_that_file(folder, tmp_path, monkeypatch):
    import pipeline.cli as cli

    listed = cli.find_jobs

    def find_then_delete(paths, **seen):
        jobs = list(listed(paths, **seen))
        (folder / "good.txt").unlink()  # after the folder was listed, before it is read
        return iter(jobs)

    monkeypatch.setattr(cli, "find_jobs", find_then_delete)
    out = tmp_path / "out"
    code, report = run_cli(folder, out)
    assert code == 1
    docs = {d["doc_id"]: d for d in read_jsonl(out / "documents.jsonl")}
    assert docs["good"]["status"] == "error" and docs["good"]["error"]["kind"] == "not_found"
    assert docs["nested/old"]["status"] == "ok"


def test_leftovers_of_a_killed_run_are_cleaned_and_a_broken_manifest_is_rebuilt(folder, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / ".documents.jsonl.k1ll3d.tmp").write_text("{half a line", encoding="utf-8")
    (out / "manifest.sqlite").write_bytes(b"this is not a database" * 100)
    code, report = run_cli(folder, out)
    assert code == 0 and report["run"]["processed"] == 2
    assert sorted(p.name for p in out.iterdir()) == ["documents.jsonl", "events.jsonl", "manifest.sqlite",
                                                    "report.json"]
    # outputs get the usual permissions, not the 0600 of a temporary file
    mask = os.umask(0)
    os.umask(mask)
    assert (out / "documents.jsonl").stat().st_mode & 0o777 == 0o666 & ~mask


def test_two_runs_cannot_share_an_output_folder(folder, tmp_path, monkeypatch, capsys):
    import pipeline.manifest as manifest

    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(manifest, "LOCK_WAIT_SECONDS", 0.2)
    with manifest.Manifest(out / manifest.MANIFEST_NAME):
        assert main(["run", str(folder), "--out", str(out), "--no-progress"]) == 2
    assert "another run" in capsys.readouterr().err


# --- a run killed at any moment ---------------------------------------------------------

def _start(src, out):
    return subprocess.Popen([sys.executable, "-m", "pipeline", "run", str(src), "--out", str(out),
                             "--workers", "1", "--batch-size", "2", "--no-progress"],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)


def _rows(out):
    import sqlite3

    try:
        with contextlib.closing(sqlite3.connect(out / "manifest.sqlite", timeout=0.1)) as db:
            return db.execute("SELECT count(*) FROM files").fetchone()[0]
    except sqlite3.Error:
        return 0


def _kill(proc):
    os.killpg(proc.pid, signal.SIGKILL)  # the run and its workers, no chance to clean up
    proc.wait(timeout=30)
    proc.stderr.close()


@pytest.mark.slow
def test_a_run_killed_with_sigkill_and_restarted_ends_with_the_same_output(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    cities = ["Казани", "Самаре", "Уфе", "Перми", "Омске", "Томске", "Туле", "Твери"]
    for i in range(24):
        (src / f"{i:02d}.txt").write_text(
            f"В {cities[i % len(cities)]} {i + 1} марта 2025 года прошел форум «Горизонты-{i}». "
            f"Его посетили более {100 + i} участников.\n", encoding="utf-8")
    whole = tmp_path / "whole"
    assert main(["run", str(src), "--out", str(whole), "--workers", "1", "--no-progress"]) == 0

    out = tmp_path / "out"
    for at_least in (2, 8, 14):  # killed three times, each time further on, mid-batch
        proc = _start(src, out)
        deadline = time.monotonic() + 120
        while _rows(out) < at_least and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert proc.poll() is None, "the run ended before it could be killed"
        _kill(proc)
        assert not (out / "report.json").exists()  # it never got as far as the outputs
    proc = _start(src, out)  # and once more, at a random moment after start
    time.sleep(random.Random(6).uniform(0.5, 3.0))
    _kill(proc)

    proc = _start(src, out)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    for name in ("documents.jsonl", "events.jsonl"):
        assert (out / name).read_bytes() == (whole / name).read_bytes(), name
    volatile = {"started_at", "elapsed_seconds", "documents_per_second", "run", "inputs"}
    reports = [{k: v for k, v in json.loads((d / "report.json").read_text("utf-8")).items() if k not in volatile}
               for d in (out, whole)]
    assert reports[0] == reports[1]
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in whole.iterdir())


@pytest.mark.parametrize("record", [
    pytest.param({"doc_id": "a", "status": "ok", "meta": {"path": "a.txt", "sha256": "ab12"},
                  "text": "В Казани «форум»\n", "events": []}, id="ok, with a text to escape"),
    pytest.param({"doc_id": "b", "status": "error", "error": {"kind": "crash", "message": "умер"},
                  "meta": {"path": "b.txt"}}, id="error, no hash"),
])
def test_the_manifest_stores_a_serialised_record_as_the_record_itself(tmp_path, record):
    """The workers serialise (``stored_record``); the row must be the one ``put`` made of the dict."""
    from pipeline.batch import Job
    from pipeline.manifest import Manifest
    from pipeline.write import StoredRecord

    job = Job(f"{record['doc_id']}.txt", record["doc_id"])
    rows = []
    for name, given in (("dict", record), ("serialised", StoredRecord.of(record))):
        with Manifest(tmp_path / f"{name}.sqlite") as m:
            m.put(job, None, given)
            m.commit()
            rows.append(m.db.execute("SELECT * FROM files").fetchall())
            assert list(m.records([job])) == [record]
    compact = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    expected = (job.path, job.doc_id, None, None, record["meta"].get("sha256"), record["status"],
                record.get("error", {}).get("kind"), compact)
    assert rows == [[expected], [expected]]
