"""Batch processing: files and folders in, one Document per file out, in order.

Loading stays here, at the edge: the core pipeline only sees text. A file that
cannot be read becomes a Document with status "error" and the batch goes on.
"""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from .doc import Document
from .load import DEFAULT_MAX_BYTES, LoadError, read_file
from .stages import Pipeline, default_pipeline

# Extensions taken from a folder; a file named on the command line is read whatever it is.
TEXT_EXTENSIONS = {".txt", ".text", ".md"}

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


def find_jobs(paths: Iterable[str | os.PathLike]) -> Iterator[Job]:
    """Files under ``paths`` (folders recursed, sorted), each with its doc_id.

    The doc_id is the path under the folder given, "/"-separated, extension dropped;
    a file given directly is known by its name without extension. Two files that
    would share an id ("a.txt", "a.md") keep their extensions.
    """
    seen: set[str] = set()
    for raw in paths:
        root = Path(raw)
        if root.is_dir():
            for file in _walk(root):
                rel = file.relative_to(root).as_posix()
                yield _job(file, rel, seen)
        else:
            yield _job(root, root.name, seen)


def _job(path: Path, rel: str, seen: set[str]) -> Job:
    stem, ext = os.path.splitext(rel)
    doc_id = stem if ext and stem not in seen else rel
    seen.add(doc_id)
    return Job(str(path), doc_id)


def _walk(root: Path) -> Iterator[Path]:
    """Text files under ``root`` in sorted order; hidden entries and symlink loops skipped."""
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            if os.path.splitext(name)[1].lower() in TEXT_EXTENSIONS:
                yield Path(dirpath) / name


def load_document(job: Job, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one file into a Document, or an error Document saying why it could not."""
    meta = {"path": job.path, "format": "txt"}
    try:
        decoded = read_file(job.path, max_bytes=max_bytes)
    except LoadError as e:
        return Document.failed(job.doc_id, e.kind, e.message, meta)
    except Exception as e:  # never let one file stop the batch
        return Document.failed(job.doc_id, "io", f"{type(e).__name__}: {e}", meta)
    meta["encoding"] = decoded.encoding
    return Document(text=decoded.text, doc_id=job.doc_id, meta=meta)


def process_jobs(jobs: Iterable[Job], pipeline: Pipeline | None = None, workers: int = 1,
                 chunk_size: int = 32, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document]:
    """Documents for ``jobs``, in job order, using ``workers`` processes."""
    pipeline = pipeline or default_pipeline()
    jobs = iter(jobs)
    head = list(itertools.islice(jobs, chunk_size + 1))
    jobs = itertools.chain(head, jobs)
    if workers <= 1 or len(head) <= chunk_size:
        # one chunk of work: starting a pool (and a model per worker) costs more than it saves
        docs = (load_document(j, max_bytes) for j in jobs)
        yield from pipeline.pipe(docs, batch_size=chunk_size)
        return
    yield from _process_parallel(jobs, pipeline, workers, chunk_size, max_bytes)


def _chunks(items: Iterable[Job], size: int) -> Iterator[list[Job]]:
    chunk: list[Job] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


_worker_pipeline: Pipeline | None = None
_worker_max_bytes = DEFAULT_MAX_BYTES


def _init_worker(pipeline: Pipeline, max_bytes: int) -> None:
    global _worker_pipeline, _worker_max_bytes
    for name in THREAD_ENV:
        os.environ[name] = "1"
    _worker_pipeline = pipeline
    _worker_max_bytes = max_bytes
    pipeline.resources.preload()


def _work(jobs: list[Job]) -> list[Document]:
    assert _worker_pipeline is not None
    docs = [load_document(j, _worker_max_bytes) for j in jobs]
    out = list(_worker_pipeline.pipe(docs, batch_size=len(docs)))
    for d in out:
        d.norm = None  # cheap to rebuild; not worth pickling
    return out


def _process_parallel(jobs: Iterable[Job], pipeline: Pipeline, workers: int, chunk_size: int,
                      max_bytes: int) -> Iterator[Document]:
    import multiprocessing as mp

    for name in THREAD_ENV:
        os.environ.setdefault(name, "1")
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(pipeline, max_bytes)) as pool:
        for docs in pool.imap(_work, _chunks(jobs, chunk_size)):
            yield from docs


def process_paths(paths: Sequence[str | os.PathLike] | str | os.PathLike,
                  pipeline: Pipeline | None = None, workers: int = 1,
                  chunk_size: int = 32) -> Iterator[Document]:
    """A Document per file under ``paths`` (folders recursed), errors included, in order."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    return process_jobs(find_jobs(paths), pipeline, workers, chunk_size)
