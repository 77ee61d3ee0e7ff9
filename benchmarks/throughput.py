"""Throughput benchmark: the full pipeline against natasha's NER alone, in one run.

    python benchmarks/throughput.py                      # data/samples repeated to 2,000 docs
    python benchmarks/throughput.py --folder DIR --docs 5000 --workers 1,2 --dask --repeat 3

The texts are written once to a temporary folder, and every configuration reads the
same ones in a fresh subprocess (memory and caches do not leak between them):

- the yardstick: natasha's own Segmenter plus NewsNERTagger, called once per document
  on texts in memory;
- the full pipeline (every stage) on one core, in-process on the same texts in memory,
  with the time per stage and, within "entities", natasha's model apart from our rules;
- the batch runner (``process_paths``, as the CLI uses it: files read and decoded
  too) with each worker count, and with ``--dask`` a Dask LocalCluster as well;
- with ``--records``, the batch runner as the CLI's first phase runs it: each document's
  record serialised (by the workers, ``write.stored_record``) and stored in a manifest
  by the parent. Its "CPU per document here" is the parent's whole share.

It prints documents and characters per second, the ratios to the yardstick and to one
worker, start-up time (import and models, in a fresh interpreter), peak memory per
process (max RSS; for the batch runner the largest worker and the parent apart) and
the threads each worker ran (/proc), and the load average before and after, since a
shared machine skews every figure: compare ratios measured in one run. Before each batch
run it times a pure-Python loop in one and in two processes: what two workers can gain
at that moment (2.0x on two free cores, less when other jobs hold them).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
THREADS = {k: "1" for k in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
                             "NUMEXPR_NUM_THREADS", "VECLIB_MAXIMUM_THREADS")}


def write_corpus(source: Path | None, docs: int, folder: Path) -> None:
    """Texts of ``source`` (default data/samples), repeated to ``docs`` files in ``folder``."""
    sys.path.insert(0, str(ROOT))
    from pipeline.batch import find_jobs, load_document

    src = source or ROOT / "data" / "samples"
    texts = [d.text for d in (load_document(j) for j in find_jobs([src])) if d.ok]
    if not texts:
        raise SystemExit(f"no readable texts in {src}")
    for i in range(docs):
        Path(folder, f"{i:07d}.txt").write_text(texts[i % len(texts)], encoding="utf-8")


def read_corpus(folder: Path) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


# --- measurements, each run in a child process (python throughput.py --child KIND) ---

def child_startup(folder: Path, args: argparse.Namespace) -> dict:
    t0 = time.perf_counter()
    import pipeline

    t1 = time.perf_counter()
    nlp = pipeline.Pipeline()
    nlp.resources.preload()
    t2 = time.perf_counter()
    nlp("В Казани 12 апреля 2025 года прошел форум «Горизонты».")
    t3 = time.perf_counter()
    return {"import_s": t1 - t0, "models_s": t2 - t1, "first_doc_s": t3 - t2, "total_s": t3 - t0}


def child_yardstick(folder: Path, args: argparse.Namespace) -> dict:
    from natasha import Doc, NewsEmbedding, NewsNERTagger, Segmenter

    texts = read_corpus(folder)
    segmenter, tagger = Segmenter(), NewsNERTagger(NewsEmbedding())
    tagger(texts[0])  # warm up
    t0, c0 = time.perf_counter(), time.process_time()
    for text in texts:
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
    return {"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0, "docs": len(texts)}


def child_stages(folder: Path, args: argparse.Namespace) -> dict:
    """One core, in-process, texts in memory: the time of each stage."""
    import pipeline
    from pipeline.stages import DEFAULT_STAGES, Pipeline, Stage

    texts = read_corpus(folder)
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

    nlp = Pipeline(stages=[timed(s) for s in DEFAULT_STAGES])
    nlp.resources.preload()
    ner = nlp.resources.ner
    model = {"seconds": 0.0}

    def tag_sentences(sentences, _f=ner.tag_sentences):  # natasha's model inside "entities"
        t = time.perf_counter()
        out = _f(sentences)
        model["seconds"] += time.perf_counter() - t
        return out

    ner.tag_sentences = tag_sentences
    rules = time_entity_rules()
    list(nlp.pipe([pipeline.Document(t, str(i)) for i, t in enumerate(texts[:args.batch_size])]))
    timings.update({k: 0.0 for k in timings})
    model["seconds"] = 0.0
    rules.update({k: 0.0 for k in rules})
    t0, c0 = time.perf_counter(), time.process_time()
    n = sum(1 for _ in nlp.pipe((pipeline.Document(t, str(i)) for i, t in enumerate(texts)),
                                batch_size=args.batch_size))
    return {"seconds": time.perf_counter() - t0, "cpu": time.process_time() - c0, "docs": n,
            "stages": timings, "ner_model": model["seconds"], "rules": rules}


# The parts of the entities stage timed apart (those that exist in this version).
ENTITY_RULES = ("tag_counts", "_dates", "_gazetteer_places", "_from_ner", "_rule_organisations",
                "refine_ner_spans")


def time_entity_rules() -> dict[str, float]:
    """Wrap the rule functions of ``pipeline.entities`` with timers (benchmark only)."""
    import pipeline.entities as entities

    spent: dict[str, float] = {}
    for name in ENTITY_RULES:
        func = getattr(entities, name, None)
        if func is None:
            continue
        spent[name] = 0.0

        def timed(*a, _f=func, _n=name, **k):
            t = time.perf_counter()
            out = _f(*a, **k)
            if hasattr(out, "__next__"):  # a generator: time it to the end
                out = list(out)
            spent[_n] += time.perf_counter() - t
            return out

        setattr(entities, name, timed)
    return spent


def child_batch(folder: Path, args: argparse.Namespace) -> dict:
    """The batch runner over the files, as the CLI runs it (without the manifest, or
    with it and the records serialised as the CLI does when ``--records``)."""
    import pipeline

    import resource

    watch = Watcher(os.getpid())
    watch.start()
    t0, c0 = time.perf_counter(), time.process_time()
    kwargs = {"executor": "dask", "scheduler": "local"} if args.dask_child else {}
    jobs = pipeline.find_jobs([folder])
    first: list[float] = []  # this process's CPU time when the first document arrives
    if args.records:
        with tempfile.TemporaryDirectory(prefix="throughput-manifest-") as tmp:
            n = store_records(jobs, args, Path(tmp), kwargs, first)
    else:
        n = sum(1 for _ in noting_first(pipeline.batch.process_jobs(jobs, workers=args.n_workers,
                                                                    chunk_size=args.batch_size, **kwargs), first))
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    watch.stop()
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers, joined by now
    # after the first document: the parent's share per document, without the start-up
    # (with workers, the models it loads before the fork)
    steady = (c0 + cpu - first[0]) / max(1, n - 1) if first else None
    return {"seconds": seconds, "docs": n, "cpu": cpu, "cpu_per_doc_after_first": steady,
            "workers_cpu": kids.ru_utime + kids.ru_stime,
            "worker_rss_mb": watch.peak_rss_mb,
            "worker_threads": watch.max_threads, "workers_seen": len(watch.seen)}


def noting_first(items, first: list[float]):
    """``items``, noting this process's CPU time when the first one arrives."""
    for item in items:
        if not first:
            first.append(time.process_time())
        yield item


def store_records(jobs, args: argparse.Namespace, out: Path, kwargs: dict, first: list[float]) -> int:
    """The CLI's first phase: every document's record (with its text) into a manifest.

    A version of the package without ``write.stored_record`` serialises the records
    here, in the parent, as its CLI did: the same script measures before and after.
    """
    import functools

    from pipeline import write
    from pipeline.batch import process_jobs
    from pipeline.manifest import Manifest

    jobs = {j.doc_id: j for j in jobs}
    stored_record = getattr(write, "stored_record", None)
    if stored_record is not None:
        kwargs = {**kwargs, "convert": functools.partial(stored_record, with_tokens=False)}
    n = 0
    with Manifest(out / "manifest.sqlite") as manifest:
        for item in noting_first(process_jobs(list(jobs.values()), workers=args.n_workers,
                                              chunk_size=args.batch_size, ordered=False, **kwargs), first):
            record = item if stored_record is not None else item.to_dict(with_text=True)
            job = jobs[record.doc_id if stored_record is not None else record["doc_id"]]
            manifest.put(job, None, record)
            n += 1
            if n % args.batch_size == 0:
                manifest.commit()
    return n


class Watcher(threading.Thread):
    """Samples the descendants of ``pid`` in /proc: peak RSS and most threads of any."""

    def __init__(self, pid: int, every: float = 1.0):
        super().__init__(daemon=True)
        self.pid, self.every = pid, every
        self.peak_rss_mb, self.max_threads, self.seen = 0.0, 0, set()
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.wait(self.every):
            for pid in descendants(self.pid):
                status = proc_status(pid)
                if "VmRSS" in status:
                    self.seen.add(pid)
                    self.peak_rss_mb = max(self.peak_rss_mb, int(status["VmRSS"].split()[0]) / 1024)
                    self.max_threads = max(self.max_threads, int(status["Threads"]))

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def descendants(root: int) -> list[int]:
    """Process ids below ``root``, from the parent ids in /proc."""
    parent = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parent[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    out, frontier = [], [root]
    while frontier:
        kids = [p for p, pp in parent.items() if pp in frontier]
        out += kids
        frontier = kids
    return out


def proc_status(pid: int) -> dict[str, str]:
    try:
        with open(f"/proc/{pid}/status") as f:
            return dict(line.rstrip("\n").split(":\t", 1) for line in f if ":\t" in line)
    except OSError:
        return {}


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


CHILDREN = {"startup": child_startup, "yardstick": child_yardstick, "stages": child_stages,
            "batch": child_batch}


def measure_all(args: argparse.Namespace, folder: Path, configs: dict[str, tuple]) -> dict[str, dict]:
    """Each configuration ``--repeat`` times, in rounds (so that a busy minute on a shared
    machine hits every configuration alike), each run in a fresh process; the fastest run
    of each is kept."""
    best: dict[str, dict] = {}
    for _ in range(args.repeat):
        for name, (kind, extra) in configs.items():
            capacity = two_process_capacity() if kind == "batch" else None
            res = run_child(kind, args, folder, **extra)
            res["load"] = os.getloadavg()[0]
            res["capacity"] = capacity
            key = "total_s" if kind == "startup" else "seconds"
            if name not in best or res[key] < best[name][key]:
                best[name] = res
    return best


def _spin(n: int) -> float:
    t = time.perf_counter()
    x = 0
    for i in range(n):
        x += i
    return time.perf_counter() - t


def two_process_capacity(n: int = 10_000_000) -> float:
    """How much faster two processes get a pure-Python loop done than one, right now:
    2.0 on two free cores, less when other jobs hold them."""
    import multiprocessing

    one = _spin(n)
    with multiprocessing.get_context("fork").Pool(2) as pool:
        t = time.perf_counter()
        pool.map(_spin, [n, n])
        two = time.perf_counter() - t
    return 2 * one / two


def run_child(kind: str, args: argparse.Namespace, folder: Path, **extra) -> dict:
    cmd = [sys.executable, __file__, "--child", kind, "--corpus", str(folder),
           "--batch-size", str(args.batch_size)]
    for k, v in extra.items():
        cmd += [f"--{k.replace('_', '-')}"] + ([] if v is True else [str(v)])
    # BLAS on one thread for the yardstick and the one-core runs alike
    env = {**os.environ, **THREADS, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if out.returncode:
        raise SystemExit(f"{kind} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folder", type=Path, default=None, help="texts to use (default data/samples)")
    ap.add_argument("--docs", type=int, default=2000, help="documents per measurement")
    ap.add_argument("--workers", default=None, help="comma-separated worker counts (default 1,cores)")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--dask", action="store_true", help="also run on a Dask LocalCluster")
    ap.add_argument("--records", action="store_true",
                    help="batch runs serialise and store each record, as the CLI's first phase does")
    ap.add_argument("--repeat", type=int, default=1,
                    help="rounds of measurements; each configuration keeps its fastest run (a "
                         "shared machine only ever slows a run down)")
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--corpus", type=Path, default=None, help=argparse.SUPPRESS)
    ap.add_argument("--n-workers", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--dask-child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child:
        res = CHILDREN[args.child](args.corpus, args)
        res["peak_rss_mb"] = peak_rss_mb()
        print(json.dumps(res))
        return 0

    cores = len(os.sched_getaffinity(0))
    workers = [int(w) for w in args.workers.split(",")] if args.workers else sorted({1, cores})
    with tempfile.TemporaryDirectory(prefix="throughput-") as tmp:
        folder = Path(tmp)
        write_corpus(args.folder, args.docs, folder)
        chars = sum(len(t) for t in read_corpus(folder))
        print(f"# {args.docs} documents, {chars} characters, from {args.folder or 'data/samples'}; "
              f"{cores} cores available; load average {os.getloadavg()[0]:.2f} at the start")
        print(f"# {' '.join([Path(sys.executable).name, *sys.argv])}")
        report(args, folder, chars, workers)
    print(f"# load average {os.getloadavg()[0]:.2f} at the end")
    return 0


def report(args: argparse.Namespace, folder: Path, chars: int, workers: list[int]) -> None:
    runs = [(w, False) for w in workers] + ([(max(workers), True)] if args.dask else [])
    configs = {"startup": ("startup", {}), "yardstick": ("yardstick", {}), "stages": ("stages", {})}
    for w, dask in runs:
        configs[f"batch{w}{'dask' if dask else ''}"] = ("batch", {"n_workers": w, **({"dask_child": True} if dask else {}),
                                                              **({"records": True} if args.records else {})})
    res = measure_all(args, folder, configs)
    startup = res["startup"]
    print(f"start-up: import {startup['import_s']:.2f}s, models {startup['models_s']:.2f}s, "
          f"first document {startup['first_doc_s']:.2f}s, total {startup['total_s']:.2f}s, "
          f"peak RSS {startup['peak_rss_mb']:.0f} MB")
    yard = res["yardstick"]
    y_dps = yard["docs"] / yard["seconds"]
    print(f"\n{'configuration':<40}{'docs/s':>8}{'chars/s':>10}{'peak MB':>9}{'vs natasha':>12}"
          f"{'vs 1 worker':>13}{'load':>6}")

    def line(label: str, res: dict, rss: float, one: float | None = None) -> float:
        dps = res["docs"] / res["seconds"]
        rel = f"{dps / one:>12.2f}x" if one else f"{'':>13}"
        print(f"{label:<40}{dps:>8.1f}{chars / res['seconds']:>10.0f}{rss:>9.0f}{dps / y_dps:>11.2f}x"
              f"{rel}{res['load']:>6.2f}")
        return dps

    line("natasha Segmenter+NER, per document", yard, yard["peak_rss_mb"])
    stages = res["stages"]
    line("press-pipeline, one core, in memory", stages, stages["peak_rss_mb"])
    cpu_ratio = (yard["cpu"] / yard["docs"]) / (stages["cpu"] / stages["docs"])
    print(f"    by CPU time (less skewed by load): {cpu_ratio:.2f}x natasha")
    total = sum(stages["stages"].values())
    per_doc = {k: v / stages["docs"] * 1000 for k, v in stages["stages"].items()}
    print("    per document: " + ", ".join(f"{k} {v:.2f}ms ({v * stages['docs'] / 1000 / total:.0%})"
                                            for k, v in per_doc.items()))
    model = stages["ner_model"] / stages["docs"] * 1000
    print(f"    within entities: natasha's model {model:.2f}ms, our rules {per_doc['entities'] - model:.2f}ms;"
          f" natasha per document {1000 / y_dps:.2f}ms")
    print("    rules: " + ", ".join(f"{k} {v / stages['docs'] * 1000:.2f}ms"
                                    for k, v in sorted(stages["rules"].items(), key=lambda kv: -kv[1])))
    one = None
    for w, dask in runs:
        got = res[f"batch{w}{'dask' if dask else ''}"]
        label = f"{'CLI records' if args.records else 'batch runner'}, {w} worker{'s' if w > 1 else ''}" \
            + (", Dask LocalCluster" if dask else "")
        if w == 1 and not dask:
            label += " (in-process)"
        rss = max(got["worker_rss_mb"], got["peak_rss_mb"])
        dps = line(label, got, rss, one)
        one = dps if w == 1 and not dask else one
        print(f"    CPU per document: {got['cpu'] / got['docs'] * 1000:.2f}ms here "
              f"({got['cpu_per_doc_after_first'] * 1000:.2f}ms after the first document), "
              f"{got['workers_cpu'] / got['docs'] * 1000:.2f}ms in worker processes; just before, "
              f"two processes of a pure-Python loop ran {got['capacity']:.2f}x one")
        if got["workers_seen"] and not dask:
            print(f"    {got['workers_seen']} worker processes: peak RSS {got['worker_rss_mb']:.0f} MB each"
                  f" at most, parent {got['peak_rss_mb']:.0f} MB; at most {got['worker_threads']} "
                  f"thread{'s' if got['worker_threads'] > 1 else ''} in a worker")


if __name__ == "__main__":
    raise SystemExit(main())
