"""The command line: ``press-pipeline run INPUT... --out OUT_DIR``.

Writes OUT_DIR/documents.jsonl (one line per file, the output contract, by doc_id),
OUT_DIR/events.jsonl (one event record a line) and OUT_DIR/report.json (counts,
failures with reasons, elapsed time); ``--format csv,parquet`` adds flat tables
(documents, entities, events) as CSV or Parquet files. It keeps OUT_DIR/manifest.sqlite, the record
of every file processed: a second run processes only new or changed files, and a
run that was killed carries on where it stopped. Exit code 0 when every file
succeeded, 1 when some failed, 2 on usage errors.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import datetime as dt
import functools
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

from . import __version__
from .batch import EXECUTORS, available_cores, find_jobs, process_jobs
from .dedup.corpus import CorpusDeduplicator
from .load import DEFAULT_MAX_BYTES, DEFAULT_MAX_UNPACKED, Limits
from .manifest import MANIFEST_NAME, Manifest, ManifestBusy
from .resources import Resources
from .spool import JobSpool
from .stages import Pipeline
from .write import FORMATS, Outputs, StoredRecord, parse_formats, stored_record, write_json

EXIT_OK, EXIT_FAILURES, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
MB = 1024 * 1024
# A press release takes well under a second; two minutes means something is wrong.
DEFAULT_TIMEOUT = 120.0
OUTPUTS = ("report.json", *(name for output in FORMATS.values() for name in output.files))
# Stored records are committed at least this often (seconds), and every batch.
COMMIT_EVERY = 2.0


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
    run.add_argument("inputs", nargs="+", metavar="INPUT", help="a file or a folder of them")
    run.add_argument("--out", required=True, metavar="OUT_DIR", help="folder for the outputs")
    run.add_argument("--workers", type=int, default=None,
                     help="worker processes (default: the cores this process may use)")
    run.add_argument("--executor", choices=EXECUTORS, default="local",
                     help="where the stages run: worker processes here, or a Dask cluster "
                          "(default: %(default)s)")
    run.add_argument("--scheduler", metavar="ADDRESS|local", default=None,
                     help="with --executor dask: the scheduler's address (tcp://host:8786), or "
                          "'local' to start a LocalCluster of --workers processes "
                          "(default: $DASK_SCHEDULER_ADDRESS, else local)")
    run.add_argument("--reference-date", metavar="YYYY-MM-DD", default=None,
                     help="date that relative dates ('вчера') resolve against when a text gives none")
    run.add_argument("--batch-size", type=int, default=32, help="documents per NER batch")
    run.add_argument("--format", default="jsonl", metavar="FORMATS",
                     help=f"comma-separated output formats: {', '.join(FORMATS)} (default: jsonl)")
    run.add_argument("--with-text", action="store_true", help="include each document's text")
    run.add_argument("--with-tokens", action="store_true",
                     help="include tokens with lemmas and grammemes")
    run.add_argument("--force", action="store_true",
                     help="process every file again, even those OUT_DIR already has")
    run.add_argument("--max-size", type=float, default=DEFAULT_MAX_BYTES / MB, metavar="MB",
                     help="refuse files larger than this (default: %(default)g MB)")
    run.add_argument("--max-unpacked", type=float, default=DEFAULT_MAX_UNPACKED / MB, metavar="MB",
                     help="refuse a .docx that would unpack to more than this (default: %(default)g MB)")
    run.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                     help="time limit per file; 0 for none (default: %(default)g)")
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
    except KeyboardInterrupt:
        print("press-pipeline: interrupted; run the same command again to carry on",
              file=sys.stderr)
        return EXIT_INTERRUPTED


@dataclass
class Summary:
    """What the outputs hold, for report.json and the closing line."""

    counts: collections.Counter = field(default_factory=collections.Counter)
    entities: collections.Counter = field(default_factory=collections.Counter)
    warnings: collections.Counter = field(default_factory=collections.Counter)
    failures: list[dict[str, Any]] = field(default_factory=list)


def run(args: argparse.Namespace) -> int:
    """The ``run`` command: process what is new, then write the outputs from the manifest."""
    started = time.perf_counter()
    started_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    reference, workers, limits, timeout, formats = _check_arguments(args)
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} exists and is not a folder")
    out.mkdir(parents=True, exist_ok=True)
    settings = {"version": __version__, "reference_date": args.reference_date,
                "with_tokens": bool(args.with_tokens)}
    try:
        manifest = Manifest(out / MANIFEST_NAME)
    except ManifestBusy as e:
        raise UsageError(str(e)) from e
    # the jobs wait on disk, not in lists: memory stays flat however many files come
    with manifest, JobSpool(str(out)) as spool:
        _remove_temporaries(out)
        spool.extend(find_jobs(args.inputs, seen_paths=spool.paths, seen_ids=spool.ids))
        if args.force or not manifest.matches(settings):
            manifest.reset(settings)
        for job in spool.jobs():
            current, state = manifest.check(job, limits.max_bytes)
            if not current:
                spool.mark_todo(job, state)
        manifest.commit()
        pipeline = Pipeline(resources=Resources(reference_date=reference))
        show = sys.stderr.isatty() if args.progress is None else args.progress
        # the workers serialise the records: this process only stores them
        records = process_jobs(spool.todo(), pipeline, workers=workers, chunk_size=args.batch_size,
                               limits=limits, timeout=timeout, ordered=False, **_executor(args),
                               convert=functools.partial(stored_record, with_tokens=bool(args.with_tokens)))
        _store(manifest, records, spool, args, show)
        manifest.keep_only(spool.jobs())
        manifest.commit()
        summary = write_outputs(out, manifest.records(spool.jobs()), with_text=args.with_text,
                                formats=formats, resources=pipeline.resources)
        elapsed = time.perf_counter() - started
        processed = spool.todo_count
        write_json(out / "report.json", _report(args, summary, workers, started_at, elapsed,
                                                processed=processed, unchanged=spool.count - processed,
                                                formats=formats))
    _print_summary(summary, processed, elapsed, out)
    return EXIT_FAILURES if summary.counts["errors"] else EXIT_OK


def _executor(args: argparse.Namespace) -> dict[str, str]:
    """``process_jobs``' executor arguments, or a UsageError when Dask is missing."""
    if args.executor != "dask":
        return {}
    try:
        from .dask_executor import scheduler_address
    except ImportError as e:
        raise UsageError(str(e)) from e
    return {"executor": "dask", "scheduler": scheduler_address(args.scheduler)}


def _report(args: argparse.Namespace, summary: Summary, workers: int, started_at: str,
            elapsed: float, processed: int, unchanged: int, formats: Sequence[str]) -> dict[str, Any]:
    """report.json: what the outputs hold, then what this run did (``run``, timings)."""
    counts = summary.counts
    return {
        "version": __version__,
        "started_at": started_at,
        "elapsed_seconds": round(elapsed, 3),
        "inputs": [str(p) for p in args.inputs],
        "workers": workers,
        "reference_date": args.reference_date,
        "formats": list(formats),
        "counts": {"documents": counts["documents"], "ok": counts["ok"], "errors": counts["errors"],
                   "events": counts["events"], "distinct_events": counts["distinct_events"],
                   "duplicate_documents": counts["duplicate_documents"],
                   "entities": dict(sorted(summary.entities.items())),
                   "warnings": dict(sorted(summary.warnings.items()))},
        "run": {"processed": processed, "unchanged": unchanged},
        "documents_per_second": round(processed / elapsed, 2) if elapsed > 0 else None,
        "failures": summary.failures,
    }


def _check_arguments(args: argparse.Namespace) -> tuple[dt.date | None, int, Limits, float | None, list[str]]:
    """The reference date, worker count, limits, time limit and output formats, or a UsageError."""
    missing = [p for p in args.inputs if not os.path.lexists(p)]
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
    if args.scheduler is not None and args.executor != "dask":
        raise UsageError("--scheduler needs --executor dask")
    if args.batch_size < 1:
        raise UsageError("--batch-size must be at least 1")
    if args.max_size <= 0 or args.max_unpacked <= 0:
        raise UsageError("--max-size and --max-unpacked must be positive")
    if args.timeout < 0:
        raise UsageError("--timeout must be 0 (no limit) or positive")
    limits = Limits(max_bytes=int(args.max_size * MB), max_unpacked=int(args.max_unpacked * MB))
    try:
        formats = parse_formats(args.format)
    except (ValueError, ImportError) as e:
        raise UsageError(f"--format: {e}") from e
    return reference, workers, limits, (args.timeout or None), formats


def _store(manifest: Manifest, records: Iterable[StoredRecord], spool: JobSpool,
           args: argparse.Namespace, show: bool) -> None:
    """Put each finished document's record in the manifest, committing as it goes."""
    last_commit, uncommitted = time.monotonic(), 0
    with _progress(spool.todo_count, show) as bar:
        for record in records:
            manifest.put(*spool.pending(record.doc_id), record)
            uncommitted += 1
            if uncommitted >= args.batch_size or time.monotonic() - last_commit > COMMIT_EVERY:
                manifest.commit()
                last_commit, uncommitted = time.monotonic(), 0
            bar.update(1)
    manifest.commit()


def write_outputs(out: Path, records: Iterable[dict[str, Any]], with_text: bool = False,
                  formats: Sequence[str] = ("jsonl",), resources: Resources | None = None) -> Summary:
    """Write documents.jsonl and events.jsonl (and the chosen flat tables) from
    ``records`` (in output order), each file complete or not at all; returns what they hold.

    Documents that repeat an earlier one of the run get ``duplicate_of_doc`` (or
    ``conflict_with_doc``), and events.jsonl keeps one record per distinct event with the
    ``sources`` that report it. The outputs are rebuilt from every record each run, so
    files kept from an earlier run are compared too.
    """
    summary = Summary()
    with contextlib.ExitStack() as stack:
        outputs = Outputs(out, formats, stack)
        corpus = stack.enter_context(CorpusDeduplicator(resources, spool_dir=str(out)))
        for record in records:
            text = record.get("text") or ""
            match = corpus.add(record["doc_id"], text) if record["status"] == "ok" else None
            if match is not None:
                record.update(match.to_dict())
                summary.counts["duplicate_documents"] += match.duplicate
            if not with_text:
                record.pop("text", None)
            outputs.write(record, chars=len(text), match=match)
            summary.counts["documents"] += 1
            summary.warnings.update(_warning_kind(w) for w in record.get("warnings", []))
            if record["status"] == "ok":
                summary.counts["ok"] += 1
                summary.counts["events"] += len(record["events"])
                summary.entities.update(e["type"] for e in record["entities"])
            else:
                summary.counts["errors"] += 1
                error = record.get("error") or {}
                summary.failures.append({"doc_id": record["doc_id"],
                                         "path": (record.get("meta") or {}).get("path"),
                                         **{k: v for k, v in error.items() if k != "detail"}})
        distinct = outputs.finish()
        summary.counts["distinct_events"] = summary.counts["events"] if distinct is None else distinct
    return summary


def _warning_kind(text: str) -> str:
    """'not_russian' from 'not_russian: the text ...'; other warnings count as 'other'."""
    kind, sep, _ = text.partition(": ")
    return kind if sep and kind.isidentifier() and kind.islower() else "other"


def _remove_temporaries(out: Path) -> None:
    """Temporary outputs a killed run left behind (``.documents.jsonl.x1y2.tmp``)."""
    for name in OUTPUTS:
        for tmp in out.glob(f".{name}.*.tmp"):
            with contextlib.suppress(OSError):
                tmp.unlink()


def _print_summary(summary: Summary, processed: int, elapsed: float, out: Path) -> None:
    counts, failures = summary.counts, summary.failures
    print(f"{counts['documents']} documents ({processed} processed, "
          f"{counts['documents'] - processed} unchanged), {counts['ok']} ok, "
          f"{counts['errors']} failed, {counts['events']} events in {elapsed:.1f}s -> {out}",
          file=sys.stderr)
    for f in failures[:20]:
        print(f"  failed: {f['doc_id']}: {f.get('kind')}: {f.get('message')}", file=sys.stderr)
    if len(failures) > 20:
        print(f"  ... and {len(failures) - 20} more in report.json", file=sys.stderr)


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
