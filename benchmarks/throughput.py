"""Throughput benchmark: the full pipeline against natasha's NER alone, in one run.

    python benchmarks/throughput.py                      # data/samples repeated to 2,000 docs
    python benchmarks/throughput.py --folder DIR --docs 5000 --workers 1,2

Prints, for each configuration: documents per second, characters per second, peak
memory (max RSS of the measuring process), time per stage, start-up time (import and
model loading, in a fresh interpreter), and the ratios to the yardstick: natasha's own
Segmenter plus NewsNERTagger, called once per document, on the same texts. Every
configuration runs in a fresh subprocess, so memory and caches do not leak between them.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
THREADS = {k: "1" for k in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
                             "NUMEXPR_NUM_THREADS", "VECLIB_MAXIMUM_THREADS")}


def load_texts(folder: Path | None, docs: int) -> list[str]:
    """Texts of ``folder`` (default data/samples), repeated to ``docs`` documents."""
    sys.path.insert(0, str(ROOT))
    from pipeline.batch import find_jobs, load_document

    src = folder or ROOT / "data" / "samples"
    texts = [d.text for d in (load_document(j) for j in find_jobs([src])) if d.ok]
    if not texts:
        raise SystemExit(f"no readable texts in {src}")
    out = []
    while len(out) < docs:
        out.extend(texts)
    return out[:docs]


# --- measurements, each run in a child process (python throughput.py --child KIND) ---

def child_startup() -> dict:
    t0 = time.perf_counter()
    import pipeline

    t1 = time.perf_counter()
    pipeline.Resources.shared().preload()
    t2 = time.perf_counter()
    pipeline.analyze("В Казани 12 апреля 2025 года прошел форум «Горизонты».")
    t3 = time.perf_counter()
    return {"import_s": t1 - t0, "models_s": t2 - t1, "first_doc_s": t3 - t2, "total_s": t3 - t0}


def child_yardstick(texts: list[str]) -> dict:
    from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

    segmenter, tagger = Segmenter(), NewsNERTagger(NewsEmbedding())
    tagger(texts[0])  # warm up
    t0 = time.perf_counter()
    for text in texts:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
    return {"seconds": time.perf_counter() - t0}


def child_pipeline(texts: list[str], workers: int, batch_size: int) -> dict:
    import pipeline
    from pipeline.stages import DEFAULT_STAGES, Pipeline, Stage

    timings: dict[str, float] = {s.name: 0.0 for s in DEFAULT_STAGES}

    def timed(stage: Stage) -> Stage:
        def func(doc, resources, _f=stage.func, _n=stage.name):
            t = time.perf_counter()
            out = _f(doc, resources)
            timings[_n] += time.perf_counter() - t
            return out

        def batch(docs, resources, _b=stage.batch, _n=stage.name):
            t = time.perf_counter()
            out = list(_b(docs, resources))
            timings[_n] += time.perf_counter() - t
            return out

        return Stage(stage.name, func, batch if stage.batch else None, stage.needs, stage.sets)

    if workers == 1:
        nlp = Pipeline(stages=[timed(s) for s in DEFAULT_STAGES])
        nlp.resources.preload()
        nlp("Разогрев: форум в Казани.")
        for k in timings:
            timings[k] = 0.0
        t0 = time.perf_counter()
        n = sum(1 for _ in nlp.pipe((pipeline.Document(t, str(i)) for i, t in enumerate(texts)),
                                    batch_size=batch_size))
        seconds = time.perf_counter() - t0
        return {"seconds": seconds, "docs": n, "stages": timings}
    # several workers: through the batch runner, from files, as the CLI does
    with tempfile.TemporaryDirectory() as tmp:
        for i, t in enumerate(texts):
            Path(tmp, f"{i:07d}.txt").write_text(t, encoding="utf-8")
        t0 = time.perf_counter()
        n = sum(1 for _ in pipeline.process_paths([tmp], workers=workers, chunk_size=batch_size))
        seconds = time.perf_counter() - t0
    return {"seconds": seconds, "docs": n}


def peak_rss_mb() -> float:
    import resource

    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(kb, kids) / 1024


def run_child(kind: str, args: argparse.Namespace, **extra) -> dict:
    cmd = [sys.executable, __file__, "--child", kind, "--docs", str(args.docs),
           "--batch-size", str(args.batch_size)]
    if args.folder:
        cmd += ["--folder", str(args.folder)]
    for k, v in extra.items():
        cmd += [f"--{k.replace('_', '-')}", str(v)]
    env = {**os.environ, **THREADS, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folder", type=Path, default=None, help="texts to use (default data/samples)")
    ap.add_argument("--docs", type=int, default=2000, help="documents per measurement")
    ap.add_argument("--workers", default=None, help="comma-separated worker counts (default 1,cores)")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--n-workers", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child:
        texts = load_texts(args.folder, args.docs) if args.child != "startup" else []
        if args.child == "startup":
            res = child_startup()
        elif args.child == "yardstick":
            res = child_yardstick(texts)
        else:
            res = child_pipeline(texts, args.n_workers, args.batch_size)
        res["peak_rss_mb"] = peak_rss_mb()
        res["chars"] = sum(len(t) for t in texts)
        print(json.dumps(res))
        return 0

    cores = len(os.sched_getaffinity(0))
    workers = [int(w) for w in args.workers.split(",")] if args.workers else sorted({1, cores})
    print(f"# {args.docs} documents from {args.folder or 'data/samples'}; {cores} cores available;"
          f" load average {os.getloadavg()[0]:.2f}")
    startup = run_child("startup", args)
    print(f"start-up: import {startup['import_s']:.2f}s, models {startup['models_s']:.2f}s, "
          f"first document {startup['first_doc_s']:.2f}s, total {startup['total_s']:.2f}s, "
          f"peak RSS {startup['peak_rss_mb']:.0f} MB")
    yard = run_child("yardstick", args)
    chars = yard["chars"]
    y_dps = args.docs / yard["seconds"]
    print(f"\n{'configuration':<34}{'docs/s':>9}{'chars/s':>11}{'peak MB':>9}{'vs natasha':>12}")
    print(f"{'natasha Segmenter+NER, per doc':<34}{y_dps:>9.1f}{chars / yard['seconds']:>11.0f}"
          f"{yard['peak_rss_mb']:>9.0f}{1.0:>11.2f}x")
    one = None
    for w in workers:
        res = run_child("pipeline", args, n_workers=w)
        dps = res["docs"] / res["seconds"]
        one = dps if w == 1 else one
        label = f"press-pipeline, {w} worker{'s' if w > 1 else ''}"
        extra = f"  ({dps / one:.2f}x one worker)" if one and w > 1 else ""
        print(f"{label:<34}{dps:>9.1f}{chars / res['seconds']:>11.0f}{res['peak_rss_mb']:>9.0f}"
              f"{dps / y_dps:>11.2f}x{extra}")
        if "stages" in res:
            total = sum(res["stages"].values())
            parts = ", ".join(f"{k} {v / res['docs'] * 1000:.2f}ms ({v / total:.0%})"
                              for k, v in res["stages"].items())
            print(f"    per document: {parts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
