"""The CLI over NEREL dev (../shared), scored by the shared scorers.

Skipped when ../shared is absent. The floors are the figures docs/accuracy.md
reports, minus a small margin: a change that loses accuracy fails here.
"""

import json
import subprocess
import sys

import pytest

from conftest import SHARED
from pipeline.cli import main

DEV = SHARED / "data" / "nerel" / "dev.jsonl"
EVAL = SHARED / "eval"
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not DEV.is_file(), reason="../shared/data/nerel is not beside the repository")]

# headline figures on dev (exact F1 for names, overlap F1 for DATE and COUNT), minus a margin
FLOORS = {"PERSON": ("exact", 0.92), "ORGANIZATION": ("exact", 0.78), "CITY": ("exact", 0.88),
          "COUNTRY": ("exact", 0.94), "DATE": ("overlap", 0.93), "COUNT": ("overlap", 0.93)}
# DATE spans are also held to their exact boundaries (prepositions, "г" without its dot)
EXACT_FLOORS = {"DATE": 0.90}
# event figures on dev (docs/events.md), minus a margin
EVENT_FLOORS = {("events", "with_args"): 0.60, ("arguments", "time"): 0.52,
                ("arguments", "place"): 0.39, ("arguments", "participant"): 0.41,
                ("document_level", "micro"): 0.57}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    texts = tmp_path_factory.mktemp("nerel_dev")
    subprocess.run([sys.executable, str(EVAL / "to_txt.py"), str(DEV), str(texts)], check=True,
                   capture_output=True)
    out = tmp_path_factory.mktemp("out")
    code = main(["run", str(texts), "--out", str(out), "--no-progress"])
    return code, out


def test_every_document_is_ok(run):
    code, out = run
    assert code == 0
    docs = [json.loads(line) for line in (out / "documents.jsonl").read_text("utf-8").splitlines()]
    assert len(docs) == 94
    assert all(d["status"] == "ok" for d in docs)


def test_entity_scores_hold(run):
    _, out = run
    proc = subprocess.run([sys.executable, str(EVAL / "score.py"), str(DEV), str(out / "documents.jsonl"),
                           "--json"], capture_output=True, text=True, check=True)
    res = json.loads(proc.stdout)
    assert res["docs"].get("bad_offsets", 0) == 0 and res["docs"].get("text_mismatch", 0) == 0
    for type_, (kind, floor) in FLOORS.items():
        assert res["types"][type_][kind]["f1"] >= floor, (type_, res["types"][type_])
    for type_, floor in EXACT_FLOORS.items():
        assert res["types"][type_]["exact"]["f1"] >= floor, (type_, res["types"][type_])
    assert res["count_value"]["accuracy"] >= 0.95


def test_event_scorer_reads_the_output(run):
    _, out = run
    proc = subprocess.run([sys.executable, str(EVAL / "score_events.py"), str(DEV),
                           str(out / "documents.jsonl"), "--json"], capture_output=True, text=True, check=True)
    res = json.loads(proc.stdout)
    assert res["docs"]["bad_offsets"] == 0 and res["docs"]["text_mismatch"] == 0
    for (section, name), floor in EVENT_FLOORS.items():
        assert res[section][name]["f1"] >= floor, (section, name, res[section][name])
    assert res["docs"]["status_error"] == 0
