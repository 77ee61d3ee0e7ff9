"""Dask: the same stages on a Dask distributed cluster, for folders one machine is too slow for.

    press-pipeline run DIR --out OUT --executor dask --scheduler tcp://host:8786
    press-pipeline run DIR --out OUT --executor dask --scheduler local   # a LocalCluster here

The client (this process) lists the files and cuts them into chunks of ``chunk_size``;
each chunk is one task that a Dask worker reads and analyses, as a local worker would.
Every worker process loads the models once: a worker plugin loads them when the
worker starts, and a per-process cache keeps them for every later task. The files
must be readable at the same paths on the workers (a shared or copied folder), and
the package must be installed there. Documents come back packed as plain rows, or
as what the caller's ``convert`` made of them on the worker (the CLI: serialised records).

A task that raises, or whose worker dies (Dask retries it elsewhere first), is tried
again one file at a time, so only the file to blame becomes an error (kind "crash").
A running Dask task cannot be stopped, so ``--timeout`` is not enforced here: run
untrusted, possibly hanging files with the local executor.
"""

from __future__ import annotations

import collections
import contextlib
import itertools
import os
import uuid
from typing import Any, Callable, Iterable, Iterator

try:
    import dask
    from distributed import Client, LocalCluster, WorkerPlugin, as_completed
except ImportError as e:  # an optional extra
    raise ImportError("the Dask executor needs Dask: pip install 'press-pipeline[cluster]'") from e

from .batch import Job, available_cores, load_document
from .doc import Document
from .load import Limits, format_of
from .stages import Pipeline
from .workers import pack_document, pin_threads, release, unpack_document

# Tasks queued per worker thread: enough to keep each busy, few enough to stream.
TASKS_PER_THREAD = 2

# Pipelines with loaded models, per worker process, by run token.
_PIPELINES: dict[str, Pipeline] = {}


def worker_pipeline(token: str, pipeline: Pipeline) -> Pipeline:
    """The pipeline of run ``token`` in this process, its models loaded once."""
    loaded = _PIPELINES.get(token)
    if loaded is None:
        pin_threads()
        pipeline.resources.preload()
        loaded = _PIPELINES[token] = pipeline
    return loaded


class LoadModels(WorkerPlugin):
    """A Dask worker plugin: load the run's models when a worker starts, not on its first task."""

    def __init__(self, token: str, pipeline: Pipeline):
        self.token = token
        self.pipeline = pipeline
        self.name = f"press-pipeline-{token}"  # one registration per run

    def setup(self, worker: Any) -> None:
        """Called by Dask on each worker, present and future."""
        worker_pipeline(self.token, self.pipeline)

    def teardown(self, worker: Any) -> None:
        """Forget the run's models when the plugin is removed or the worker stops."""
        _PIPELINES.pop(self.token, None)


def analyse_chunk(token: str, pipeline: Pipeline, jobs: list[Job], limits: Limits,
                  convert: Callable[[Document], Any] | None = None) -> list[Any]:
    """A task: read and analyse ``jobs`` on a Dask worker; packed documents (or what
    ``convert`` makes of them), in job order."""
    nlp = worker_pipeline(token, pipeline)
    docs = [load_document(job, limits) for job in jobs]
    finish = convert or pack_document
    return [finish(d) for d in nlp.pipe(docs, batch_size=max(1, len(docs)))]


@contextlib.contextmanager
def connect(scheduler: str, workers: int | None = None) -> Iterator[Any]:
    """A Dask client for ``scheduler`` (an address, or "local" for a LocalCluster of
    ``workers`` single-threaded processes, default one per core)."""
    if scheduler != "local":
        with Client(scheduler) as client:
            yield client
        return
    # processes, not threads: the stages are Python and hold the GIL; one task at a time
    # per worker, so a file that kills its worker takes no queued task down with it
    with dask.config.set({"distributed.scheduler.worker-saturation": 1.0}), \
            LocalCluster(n_workers=workers or available_cores(), threads_per_worker=1,
                         processes=True, dashboard_address=None) as cluster, Client(cluster) as client:
        yield client


def run_on_dask(jobs: Iterable[Job], pipeline: Pipeline, scheduler: str = "local",
                workers: int | None = None, chunk_size: int = 32, limits: Limits | None = None,
                ordered: bool = True, convert: Callable[[Document], Any] | None = None) -> Iterator[Any]:
    """Documents for ``jobs`` (or what ``convert`` made of them on the workers), analysed
    on the Dask cluster at ``scheduler``; in job order unless ``ordered`` is False (then
    as they finish)."""
    limits = limits or Limits()
    with connect(scheduler, workers) as client:
        yield from _run(client, jobs, pipeline, chunk_size, limits, ordered, convert)


def _run(client: Any, jobs: Iterable[Job], pipeline: Pipeline, chunk_size: int,
         limits: Limits, ordered: bool, convert: Callable[[Document], Any] | None = None) -> Iterator[Any]:
    token = uuid.uuid4().hex
    plugin = LoadModels(token, pipeline)
    client.register_plugin(plugin)
    threads = max(1, sum(client.nthreads().values()))
    in_flight = threads * TASKS_PER_THREAD
    # an early slow chunk must not make the reorder buffer grow without bound
    buffer_limit = in_flight * chunk_size * 4
    numbered = enumerate(jobs)
    chunks = iter(lambda: list(itertools.islice(numbered, chunk_size)), [])
    retries: collections.deque[list[tuple[int, Job]]] = collections.deque()
    running: dict[Any, list[tuple[int, Job]]] = {}
    finished: dict[int, Any] = {}
    next_out = 0
    pending = as_completed()

    def top_up() -> None:
        # retries always go (the document the output waits for may be among them);
        # new chunks only while the queue is short and the reorder buffer has room
        while retries:
            submit(retries.popleft())
        while len(running) < in_flight and not (ordered and len(finished) > buffer_limit):
            chunk = next(chunks, None)
            if chunk is None:
                return
            submit(chunk)

    def submit(chunk: list[tuple[int, Job]]) -> None:
        future = client.submit(analyse_chunk, token, pipeline, [job for _, job in chunk], limits,
                               convert, pure=False, key=f"press-pipeline-{token}-{chunk[0][0]}-{len(chunk)}")
        running[future] = chunk
        pending.add(future)

    try:
        top_up()
        for future in pending:
            chunk = running.pop(future)
            if future.status == "finished":
                for (seq, _), state in zip(chunk, future.result()):
                    finished[seq] = state if convert else unpack_document(state)
            elif len(chunk) > 1:
                # which file is to blame? try them one by one
                retries.extend([item] for item in chunk)
            else:
                seq, job = chunk[0]
                crashed = _crashed(job, future.exception())
                finished[seq] = convert(crashed) if convert else crashed
            future.release()
            next_out = yield from release(finished, next_out, ordered)
            top_up()
        yield from release(finished, next_out, ordered=False)  # nothing should be left; never lose one
    finally:
        client.cancel(list(running))
        with contextlib.suppress(Exception):
            client.unregister_worker_plugin(plugin.name)


def _crashed(job: Job, error: BaseException | None) -> Document:
    """The error document of a file whose task failed on its own."""
    why = f"{type(error).__name__}: {error}" if error is not None else "the task was lost"
    return Document.failed(job.doc_id, "crash", f"the Dask task failed: {why}",
                           {"path": job.path, "format": format_of(job.path)})


def scheduler_address(value: str | None) -> str:
    """``--scheduler``'s value, else $DASK_SCHEDULER_ADDRESS, else "local"."""
    return value or os.environ.get("DASK_SCHEDULER_ADDRESS") or "local"
