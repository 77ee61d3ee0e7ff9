"""Memory as the folder grows: the CLI over 1,000 to 100,000 documents.

    python benchmarks/memory.py                          # 1,000, 10,000 and 100,000 documents
    python benchmarks/memory.py --sizes 1000,20000 --workers 2 --keep /tmp/corpora

Each folder holds short releases built from the paragraphs of data/samples (a
numbered line makes each text unique), 1,000 files per sub-folder. For each size it
runs ``python -m pipeline run`` in a fresh process and samples /proc every half
second: the parent's RSS (it lists the files, keeps the manifest and writes the
outputs) and the largest worker's, with the parent's RSS at each quarter of the run,
so that growth shows, and its peak while it writes the outputs (after the workers
are gone: corpus deduplication and events.jsonl), which the model load before the
fork hides in the quarters. Apart, in this process: the time and the memory
(tracemalloc) of listing the jobs into the CLI's spool and reading them back sorted.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from throughput import THREADS, descendants, proc_status  # noqa: E402


def paragraphs() -> list[str]:
    """Paragraphs of the sample releases."""
    from pipeline.batch import find_jobs, load_document

    out = []
    for job in find_jobs([ROOT / "data" / "samples"]):
        out += [p.strip() for p in load_document(job).text.split("\n") if len(p.strip()) > 40]
    return out


def make_corpus(folder: Path, size: int) -> None:
    """``size`` short releases under ``folder``, 1,000 to a sub-folder."""
    if folder.is_dir() and sum(1 for _ in folder.rglob("*.txt")) == size:
        return
    shutil.rmtree(folder, ignore_errors=True)
    paras = paragraphs()
    rng = random.Random(size)
    for i in range(size):
        sub = folder / f"{i // 1000:04d}"
        if i % 1000 == 0:
            sub.mkdir(parents=True)
        text = "\n\n".join([f"Сообщение № {i}.", *rng.sample(paras, 2)])
        (sub / f"{i:07d}.txt").write_text(text, encoding="utf-8")


def rss_mb(pid: int) -> float:
    status = proc_status(pid)
    return int(status["VmRSS"].split()[0]) / 1024 if "VmRSS" in status else 0.0


def run_cli(folder: Path, out: Path, workers: int) -> dict:
    """The CLI over ``folder``, watched from here."""
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "pipeline", "run", str(folder), "--out", str(out),
           "--workers", str(workers), "--no-progress"]
    env = {**os.environ, **THREADS, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    samples: list[tuple[float, float]] = []  # (seconds, parent RSS)
    worker_peak = writing_peak = 0.0
    workers_seen = False
    while proc.poll() is None:
        rss = rss_mb(proc.pid)
        samples.append((time.perf_counter() - started, rss))
        workers = descendants(proc.pid)
        for pid in workers:
            worker_peak = max(worker_peak, rss_mb(pid))
        workers_seen = workers_seen or bool(workers)
        if workers_seen and not workers:  # the workers are done: the parent writes the outputs
            writing_peak = max(writing_peak, rss)
        time.sleep(0.5)
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(f"the CLI failed:\n{proc.stderr.read()[-3000:]}")
    quarters = [max([r for t, r in samples if t <= seconds * q / 4] or [0.0]) for q in (1, 2, 3, 4)]
    outputs = sum(p.stat().st_size for p in out.iterdir() if p.is_file()) / 2**20
    return {"seconds": seconds, "parent_quarters": quarters, "worker_peak": worker_peak,
            "writing_peak": writing_peak, "outputs_mb": outputs}


def jobs_cost(folder: Path) -> tuple[float, float]:
    """Seconds and MB (tracemalloc peak) to list the jobs and read them back sorted, as
    the CLI does (into its spool on disk, ``pipeline.spool``)."""
    from pipeline.batch import find_jobs
    from pipeline.spool import JobSpool

    tracemalloc.start()
    t = time.perf_counter()
    with tempfile.TemporaryDirectory() as spool_dir, JobSpool(spool_dir) as spool:
        spool.extend(find_jobs([folder], seen_paths=spool.paths, seen_ids=spool.ids))
        for _ in spool.jobs():
            pass
    seconds = time.perf_counter() - t
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000", help="comma-separated document counts")
    ap.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    ap.add_argument("--keep", type=Path, default=None, help="keep the corpora in this folder")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    base = args.keep or Path(tempfile.mkdtemp(prefix="memory-"))
    print(f"# {' '.join([Path(sys.executable).name, *sys.argv])}")
    print(f"# {args.workers} workers; load average {os.getloadavg()[0]:.2f} at the start")
    print(f"{'documents':>10}{'seconds':>9}{'docs/s':>8}{'worker MB':>11}{'parent MB at 1/4, 1/2, 3/4, end':>36}"
          f"{'writing MB':>12}{'jobs: s':>9}{'jobs MB':>9}{'outputs MB':>12}")
    try:
        for size in sizes:
            folder = base / f"corpus{size}"
            make_corpus(folder, size)
            listing, jobs_mb = jobs_cost(folder)
            res = run_cli(folder, base / f"out{size}", args.workers)
            quarters = ", ".join(f"{q:.0f}" for q in res["parent_quarters"])
            print(f"{size:>10}{res['seconds']:>9.1f}{size / res['seconds']:>8.1f}{res['worker_peak']:>11.0f}"
                  f"{quarters:>36}{res['writing_peak']:>12.0f}{listing:>9.2f}{jobs_mb:>9.1f}"
                  f"{res['outputs_mb']:>12.1f}", flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(base, ignore_errors=True)
    print(f"# load average {os.getloadavg()[0]:.2f} at the end")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
