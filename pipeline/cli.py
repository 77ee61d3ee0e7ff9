"""The command line: ``press-pipeline run INPUT... --out OUT_DIR``.

Writes OUT_DIR/documents.jsonl (one line per file, the output contract),
OUT_DIR/events.jsonl (one event record a line) and OUT_DIR/report.json (counts,
failures with reasons, elapsed time). Exit code 0 when every file succeeded, 1 when
some failed, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import datetime as dt
import sys
import time
from pathlib import Path
from typing import Sequence

from . import __version__
from .batch import available_cores, find_jobs, process_jobs
from .dedup.corpus import CorpusDeduplicator, EventSources
from .resources import Resources
from .stages import Pipeline
from .write import atomic_writer, json_line, write_json

EXIT_OK, EXIT_FAILURES, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad arguments: exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (sub-command ``run``)."""
    parser = argparse.ArgumentParser(
        prog="press-pipeline",
        description="Turn Russian press releases and news into structured event records.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    run = sub.add_parser("run", help="process files and folders into OUT_DIR",
                         description="Process files and folders (recursively) into OUT_DIR.")
    run.add_argument("inputs", nargs="+", metavar="INPUT", help="a text file or a folder of them")
    run.add_argument("--out", required=True, metavar="OUT_DIR", help="folder for the outputs")
    run.add_argument("--workers", type=int, default=None,
                     help="worker processes (default: the cores this process may use)")
    run.add_argument("--reference-date", metavar="YYYY-MM-DD", default=None,
                     help="date that relative dates ('вчера') resolve against when a text gives none")
    run.add_argument("--batch-size", type=int, default=32, help="documents per NER batch")
    run.add_argument("--with-text", action="store_true", help="include each document's text")
    run.add_argument("--with-tokens", action="store_true",
                     help="include tokens with lemmas and grammemes")
    progress = run.add_mutually_exclusive_group()
    progress.add_argument("--progress", dest="progress", action="store_true", default=None,
                          help="always show a progress bar")
    progress.add_argument("--no-progress", dest="progress", action="store_false",
                          help="never show a progress bar")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse exits 2 on bad usage, 0 on --help
        return int(e.code or 0)
    if args.command != "run":
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return run(args)
    except UsageError as e:
        print(f"press-pipeline: error: {e}", file=sys.stderr)
        return EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    """The ``run`` command."""
    started = time.perf_counter()
    started_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    missing = [p for p in args.inputs if not Path(p).exists()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    reference = None
    if args.reference_date:
        try:
            reference = dt.date.fromisoformat(args.reference_date)
        except ValueError as e:
            raise UsageError(f"--reference-date must be YYYY-MM-DD, not {args.reference_date!r}") from e
    workers = args.workers if args.workers is not None else available_cores()
    if workers < 1:
        raise UsageError("--workers must be at least 1")
    if args.batch_size < 1:
        raise UsageError("--batch-size must be at least 1")
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)

    show = sys.stderr.isatty() if args.progress is None else args.progress
    total = sum(1 for _ in find_jobs(args.inputs)) if show else None
    pipeline = Pipeline(resources=Resources(reference_date=reference))
    docs = process_jobs(find_jobs(args.inputs), pipeline, workers=workers, chunk_size=args.batch_size)

    counts = collections.Counter()
    entity_counts = collections.Counter()
    failures = []
    with contextlib.ExitStack() as stack:
        documents_file = stack.enter_context(atomic_writer(out / "documents.jsonl"))
        events_file = stack.enter_context(atomic_writer(out / "events.jsonl"))
        bar = stack.enter_context(_progress(total, show))
        # the same release in two files: duplicate_of_doc, one event record with both sources
        corpus = stack.enter_context(CorpusDeduplicator(pipeline.resources, spool_dir=str(out)))
        sources = stack.enter_context(EventSources(spool_dir=str(out)))
        for doc in docs:
            record = doc.to_dict(with_text=args.with_text, with_tokens=args.with_tokens)
            match = corpus.add_document(doc)
            if match is not None:
                record.update(match.to_dict())
                counts["duplicates"] += match.duplicate
            if doc.ok:
                sources.add(record, match)
            documents_file.write(json_line(record))
            counts["documents"] += 1
            if doc.ok:
                counts["ok"] += 1
                counts["events"] += len(doc.events)
                entity_counts.update(e.type for e in doc.entities)
            else:
                counts["errors"] += 1
                failures.append({"doc_id": doc.doc_id, "path": doc.meta.get("path"),
                                 **{k: v for k, v in (doc.error or {}).items() if k != "detail"}})
            bar.update(1)
        counts["distinct_events"] = sources.write(events_file)
    elapsed = time.perf_counter() - started
    report = {
        "version": __version__,
        "started_at": started_at,
        "elapsed_seconds": round(elapsed, 3),
        "inputs": [str(p) for p in args.inputs],
        "workers": workers,
        "reference_date": args.reference_date,
        "counts": {"documents": counts["documents"], "ok": counts["ok"], "errors": counts["errors"],
                   "events": counts["events"], "distinct_events": counts["distinct_events"],
                   "duplicate_documents": counts["duplicates"],
                   "entities": dict(sorted(entity_counts.items()))},
        "documents_per_second": round(counts["documents"] / elapsed, 2) if elapsed > 0 else None,
        "failures": failures,
    }
    write_json(out / "report.json", report)
    summary = (f"{counts['documents']} documents, {counts['ok']} ok, {counts['errors']} failed, "
               f"{counts['events']} events in {elapsed:.1f}s -> {out}")
    print(summary, file=sys.stderr)
    for f in failures[:20]:
        print(f"  failed: {f['doc_id']}: {f.get('kind')}: {f.get('message')}", file=sys.stderr)
    if len(failures) > 20:
        print(f"  ... and {len(failures) - 20} more in report.json", file=sys.stderr)
    return EXIT_FAILURES if counts["errors"] else EXIT_OK


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass

    def __enter__(self) -> "_NoBar":
        return self

    def __exit__(self, *exc) -> None:
        pass


def _progress(total: int | None, show: bool):
    if not show:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit="doc", desc="press-pipeline", file=sys.stderr, dynamic_ncols=True)


if __name__ == "__main__":
    raise SystemExit(main())
