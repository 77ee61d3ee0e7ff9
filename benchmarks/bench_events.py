"""Time the event stage alone: python benchmarks/bench_events.py FOLDER [--repeat N]

The earlier stages run once; then the event stage (dependency parse included) runs
over every document ``--repeat`` times and the figures are printed. Numeric
libraries are held to one thread, as batch workers hold them.
"""

from __future__ import annotations

import argparse
import os
import time

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import pipeline  # noqa: E402
from pipeline.events import assemble_events  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Print documents, events and seconds for the event stage over a folder."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args(argv)
    nlp = pipeline.Pipeline().without("events")
    docs = [d for d in pipeline.process_paths([a.folder], pipeline=nlp) if d.ok]
    nlp.resources.preload()  # models load outside the timing
    best = float("inf")
    events = 0
    for _ in range(a.repeat):
        start = time.perf_counter()
        events = sum(len(assemble_events(d, nlp.resources).events) for d in docs)
        best = min(best, time.perf_counter() - start)
    print(f"{len(docs)} documents, {events} events, event stage {best:.2f} s "
          f"({1000 * best / max(1, len(docs)):.1f} ms a document, best of {a.repeat})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
