"""Batch processing: files and folders in, one Document per file out.

Loading stays here, at the edge: the core pipeline only sees text. A file that
cannot be read becomes a Document with status "error" and the batch goes on. With a
time limit, or more than one worker, files are read and analysed in worker processes
(``pipeline.workers``) that the batch can stop when a file takes too long. With
``executor="dask"`` the same stages run on a Dask cluster (``pipeline.dask_executor``).
"""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Protocol, Sequence

from .doc import Document
from .load import FORMATS, Limits, LoadError, format_of, read_file
from .stages import Pipeline, default_pipeline

# Extensions taken from a folder; a file named on the command line is read whatever it is.
DOCUMENT_EXTENSIONS = frozenset(FORMATS)
TEXT_EXTENSIONS = DOCUMENT_EXTENSIONS  # the old name, kept for callers
EXECUTORS = ("local", "dask")

# Numeric libraries must not start a thread per core in every worker process.
THREAD_ENV = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
              "NUMEXPR_NUM_THREADS", "VECLIB_MAXIMUM_THREADS")


@dataclass(frozen=True)
class Job:
    """One file to process and the id its document gets."""

    path: str
    doc_id: str


def available_cores() -> int:
    """Cores this process may run on (not ``os.cpu_count()``, which counts the host)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Seen(Protocol):
    """What ``find_jobs`` asks of its record of the paths and ids listed: ``in`` and ``add``."""

    def __contains__(self, key: object) -> bool: ...

    def add(self, key: str) -> None: ...


def find_jobs(paths: Iterable[str | os.PathLike], seen_paths: Seen | None = None,
              seen_ids: Seen | None = None) -> Iterator[Job]:
    """Files under ``paths`` (folders recursed, sorted), each with its doc_id.

    The doc_id is the path under the folder given, "/"-separated, extension dropped;
    a file given directly is known by its name without extension. Two files that
    would share an id ("a.txt", "a.md") keep their extensions; a file reached twice
    is listed once.

    The paths and ids listed so far are kept in sets, or in ``seen_paths`` and
    ``seen_ids`` when given: the CLI passes tables on disk (``spool.JobSpool``), so
    that listing a million files takes no memory per file.
    """
    seen_ids = set() if seen_ids is None else seen_ids
    seen_paths = set() if seen_paths is None else seen_paths
    for raw in paths:
        root = Path(raw)
        found = ((f, f.relative_to(root).as_posix()) for f in _walk(root)) if root.is_dir() \
            else [(root, root.name)]
        for file, rel in found:
            key = os.path.abspath(file)
            if key in seen_paths:
                continue
            seen_paths.add(key)
            yield _job(file, rel, seen_ids)


def _job(path: Path, rel: str, seen: Seen) -> Job:
    stem, ext = os.path.splitext(rel)
    doc_id = stem if ext and stem not in seen else rel
    n = 1
    while doc_id in seen:  # "a.txt" in two folders given on the command line
        n += 1
        doc_id = f"{rel}~{n}"
    seen.add(doc_id)
    return Job(str(path), doc_id)


def _walk(root: Path) -> Iterator[Path]:
    """Document files under ``root`` in sorted order; hidden entries skipped, symbolic
    links to folders not followed (so a link loop cannot trap the walk)."""
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            if os.path.splitext(name)[1].lower() in DOCUMENT_EXTENSIONS:
                yield Path(dirpath) / name


def load_document(job: Job, limits: Limits | None = None) -> Document:
    """Read one file into a Document, or an error Document saying why it could not."""
    limits = limits or Limits()
    meta = {"path": job.path, "format": format_of(job.path)}
    try:
        extracted = read_file(job.path, limits=limits)
    except LoadError as e:
        return Document.failed(job.doc_id, e.kind, e.message, {**meta, **e.meta})
    except Exception as e:  # never let one file stop the batch
        return Document.failed(job.doc_id, "io", f"{type(e).__name__}: {e}", meta)
    meta.update(extracted.meta())
    return Document(text=extracted.text, doc_id=job.doc_id, meta=meta,
                    warnings=list(extracted.warnings))


def process_jobs(jobs: Iterable[Job], pipeline: Pipeline | None = None, workers: int = 1,
                 chunk_size: int = 32, limits: Limits | None = None,
                 timeout: float | None = None, ordered: bool = True, executor: str = "local",
                 scheduler: str = "local", convert: Callable[[Document], Any] | None = None) -> Iterator[Any]:
    """Documents for ``jobs`` using ``workers`` processes; in job order unless
    ``ordered`` is False (then as they finish).

    ``convert``, when given, turns each document into what is yielded instead, in the
    process that analysed it: the CLI's serialisation (``write.stored_record``) then
    runs in the workers, and this process neither unpickles nor rebuilds documents.
    It must be picklable (a module-level function, or a ``functools.partial`` of one).

    ``timeout`` (seconds per file) runs the work in worker processes even with one
    worker, so that a file that takes longer becomes an error (kind "timeout") instead
    of stopping the batch. Without it and with one worker, everything runs here.
    ``executor="dask"`` sends the work to the Dask cluster at ``scheduler`` instead
    ("local": a LocalCluster of ``workers`` processes); ``timeout`` does not apply there.
    """
    pipeline = pipeline or default_pipeline()
    limits = limits or Limits()
    if executor not in EXECUTORS:
        raise ValueError(f"executor must be one of {', '.join(EXECUTORS)}, not {executor!r}")
    if executor == "dask":
        from .dask_executor import run_on_dask

        yield from run_on_dask(jobs, pipeline, scheduler, workers, chunk_size, limits, ordered, convert)
        return
    jobs = iter(jobs)
    head = list(itertools.islice(jobs, chunk_size + 1))
    if not head:
        return
    jobs = itertools.chain(head, jobs)
    if timeout is None and (workers <= 1 or len(head) <= chunk_size):
        # one chunk of work: starting a pool (and a model per worker) costs more than it saves
        docs = pipeline.pipe((load_document(j, limits) for j in jobs), batch_size=chunk_size)
        yield from map(convert, docs) if convert else docs
        return
    from .workers import WorkerPool

    if len(head) <= chunk_size:
        workers = 1  # one chunk: a second worker would only load the models for nothing
    with WorkerPool(pipeline, limits, workers=max(1, workers), timeout=timeout, convert=convert) as pool:
        yield from pool.run(jobs, chunk_size, ordered=ordered)


def process_paths(paths: Sequence[str | os.PathLike] | str | os.PathLike,
                  pipeline: Pipeline | None = None, workers: int = 1,
                  chunk_size: int = 32, limits: Limits | None = None,
                  timeout: float | None = None) -> Iterator[Document]:
    """A Document per file under ``paths`` (folders recursed), errors included, in order."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    return process_jobs(find_jobs(paths), pipeline, workers, chunk_size, limits, timeout)
