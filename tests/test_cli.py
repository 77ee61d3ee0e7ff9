"""The command line, in-process and as a subprocess."""

import json
import os
import subprocess
import sys

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
    assert sorted(p.name for p in out.iterdir()) == ["documents.jsonl", "events.jsonl", "report.json"]


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
