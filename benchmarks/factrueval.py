"""Names on a second corpus: python benchmarks/factrueval.py GOLD.jsonl [DOCUMENTS.jsonl]

A check that the entity rules carry over from NEREL to factRuEval-2016 news, whose
types are coarser (Person, Org, Location, LocOrg). Our PERSON and ORGANIZATION are
scored against Person and Org, our CITY, COUNTRY, REGION and LOCATION together against
Location plus LocOrg, by exact span; natasha's NewsNERTagger on the same texts is
scored the same way beside them.

GOLD is a corpus file in the shared eval format; DOCUMENTS is the documents.jsonl of
``press-pipeline run`` over its texts (``eval/to_txt.py``). Without it the pipeline
runs here, in memory.
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Iterable

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

GOLD_TYPES = {"PER": {"Person"}, "ORG": {"Org"}, "LOC": {"Location", "LocOrg"}}
OUR_TYPES = {"PER": {"PERSON"}, "ORG": {"ORGANIZATION"}, "LOC": {"CITY", "COUNTRY", "REGION", "LOCATION"}}
NATASHA_TYPES = {"PER": {"PER"}, "ORG": {"ORG"}, "LOC": {"LOC"}}

Spans = dict[str, list[tuple[str, int, int]]]  # doc id -> (type, start, end)


def read_jsonl(path: str) -> Iterable[dict]:
    """The JSON objects of a JSON-lines file."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def ours(gold: list[dict], documents: str | None) -> Spans:
    """Our entities per document, from documents.jsonl or by running the pipeline."""
    if documents:
        return {d["doc_id"]: [(e["type"], e["start"], e["end"]) for e in d.get("entities") or []]
                for d in read_jsonl(documents)}
    import pipeline

    return {g["id"]: [(e.type, e.start, e.end) for e in pipeline.analyze(g["text"], doc_id=g["id"]).entities]
            for g in gold}


def natasha(gold: list[dict]) -> Spans:
    """natasha's NER spans per document, as a user would call it."""
    from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

    segmenter, tagger = Segmenter(), NewsNERTagger(NewsEmbedding())
    out: Spans = {}
    for g in gold:
        doc = Doc(g["text"])
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        out[g["id"]] = [(s.type, s.start, s.stop) for s in doc.spans]
    return out


def score(gold: list[dict], pred: Spans, types: dict[str, set[str]]) -> dict[str, tuple[int, int, float, float, float]]:
    """Per class: gold, predicted, exact-span precision, recall and F1."""
    out = {}
    for cls, gold_types in GOLD_TYPES.items():
        tp = n_pred = n_gold = 0
        for g in gold:
            gs = {(e["start"], e["end"]) for e in g["entities"] if e["type"] in gold_types}
            ps = {(s, e) for t, s, e in pred.get(g["id"], []) if t in types[cls]}
            tp, n_pred, n_gold = tp + len(gs & ps), n_pred + len(ps), n_gold + len(gs)
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        out[cls] = (n_gold, n_pred, p, r, 2 * p * r / (p + r) if p + r else 0.0)
    return out


def main(argv: list[str] | None = None) -> int:
    """Print exact-span P/R/F1 per class for press-pipeline and natasha."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold")
    ap.add_argument("documents", nargs="?")
    a = ap.parse_args(argv)
    gold = list(read_jsonl(a.gold))
    rows = [("press-pipeline", score(gold, ours(gold, a.documents), OUR_TYPES)),
            ("natasha 1.6", score(gold, natasha(gold), NATASHA_TYPES))]
    print(f"# {len(gold)} documents from {a.gold}; exact spans")
    print(f"{'system':16} {'class':5} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for name, result in rows:
        for cls, (n_gold, n_pred, p, r, f1) in result.items():
            print(f"{name:16} {cls:5} {n_gold:5d} {n_pred:5d} {p:6.3f} {r:6.3f} {f1:6.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
