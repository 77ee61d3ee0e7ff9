"""Workers: processes that read and analyse files, watched by a time limit per file.

The parent hands each worker a task (a few jobs) and listens: the worker says which
file it starts reading, then that it analyses the batch, then sends the documents.
When a file takes longer than the limit, or the worker dies, the parent kills the
worker, turns that file into an error (kind "timeout" or "crash") and hands the rest
of the task out again. A batch whose analysis runs past the limit is retried one file
at a time, so only the slow file fails. The pipeline's stages run inside the worker,
as they would in-process; nothing the parent waits on can hang it.

With the "fork" start method the parent loads the models before it starts the
workers, so they share the model memory and a worker that replaces a killed one is
ready at once. Each worker runs numeric libraries on one thread (``pin_threads``):
the workers are the parallelism. Documents travel back packed as plain tuples
(``pack_document``), several times cheaper to pickle than the dataclasses; or, when
the caller gives a ``convert`` function (the CLI: ``write.stored_record``), as what
that function makes of them in the worker, so the parent only reorders and stores.
"""

from __future__ import annotations

import collections
import dataclasses
import itertools
import multiprocessing as mp
import operator
import os
import signal
import sys
import time
import traceback
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from typing import Any, Callable, Generator, Iterable, Iterator

from .batch import THREAD_ENV, Job, load_document
from .doc import Document, Entity, Paragraph, Sentence, Token
from .load import Limits, format_of, preload_readers
from .stages import Pipeline

# A worker that dies this many times in a row before it is ready is a broken set-up.
MAX_START_FAILURES = 3
# What the parent keeps after starting the workers: corpus deduplication compares words.
PARENT_KEEPS = {"morph", "geo"}
# How often an idle worker checks that its parent is still alive (seconds).
PARENT_CHECK_SECONDS = 1.0


@dataclass
class Task:
    """Jobs for one worker, each with its position in the output."""

    jobs: list[tuple[int, Job]]


@dataclass
class _Worker:
    process: mp.process.BaseProcess
    conn: mp.connection.Connection
    ready: bool = False
    task: Task | None = None
    phase: str = "idle"          # "load" (reading file ``current``) or "analyse"
    current: int = 0
    deadline: float | None = None
    messages: list = field(default_factory=list)


class WorkerPool:
    """Worker processes with a per-file time limit; use as a context manager."""

    def __init__(self, pipeline: Pipeline, limits: Limits, workers: int = 1,
                 timeout: float | None = None, convert: Callable[[Document], Any] | None = None):
        self.pipeline = pipeline
        self.limits = limits
        self.convert = convert
        self.size = max(1, workers)
        self.timeout = timeout
        for name in THREAD_ENV:
            os.environ.setdefault(name, "1")
        self.ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
        self.workers: list[_Worker] = []
        self.start_failures = 0

    def __enter__(self) -> "WorkerPool":
        resources = self.pipeline.resources
        before = resources.loaded()
        if self.ctx.get_start_method() == "fork":
            # once here, shared by every worker forked from now on
            preload_readers()
            resources.preload()
        self.workers = [self._start() for _ in range(self.size)]
        # the workers have their copy: the models this pool loaded leave the parent
        # (~140 MB), which only lists, stores and writes; a replacement worker loads its own
        resources.unload(resources.loaded() - before - PARENT_KEEPS)
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Stop every worker: politely if idle, by force otherwise."""
        for w in self.workers:
            if w.task is None and w.process.is_alive():
                try:
                    w.conn.send(None)
                except OSError:
                    pass
        deadline = time.monotonic() + 2.0
        for w in self.workers:
            w.process.join(max(0.0, deadline - time.monotonic()))
            if w.process.is_alive():
                w.process.kill()
                w.process.join()
            w.conn.close()
        self.workers = []

    def _start(self) -> _Worker:
        parent_conn, child_conn = self.ctx.Pipe()
        process = self.ctx.Process(target=_worker_main, daemon=True, name="press-pipeline-worker",
                                   args=(child_conn, self.pipeline, self.limits, os.getpid(),
                                         self.convert))
        process.start()
        child_conn.close()
        return _Worker(process, parent_conn)

    def _replace(self, w: _Worker) -> None:
        if w.process.is_alive():
            w.process.kill()
        w.process.join()
        w.conn.close()
        self.workers[self.workers.index(w)] = self._start()

    def run(self, jobs: Iterable[Job], chunk_size: int = 32, ordered: bool = True) -> Iterator[Any]:
        """Documents for ``jobs`` (or what ``convert`` made of them): in job order, or as
        they finish when not ``ordered``."""
        numbered = enumerate(jobs)
        pending: collections.deque[Task] = collections.deque()
        finished: dict[int, Any] = {}
        next_out = 0
        exhausted = False
        # an early slow task must not make the reorder buffer grow without bound
        buffer_limit = self.size * chunk_size * 4

        def next_task() -> Task | None:
            nonlocal exhausted
            if pending:
                return pending.popleft()
            if exhausted or (ordered and len(finished) > buffer_limit):
                return None
            chunk = list(itertools.islice(numbered, chunk_size))
            if not chunk:
                exhausted = True
                return None
            return Task(chunk)

        while True:
            for w in self.workers:
                if w.ready and w.task is None:
                    task = next_task()
                    if task is None:
                        break
                    self._send(w, task)
            busy = [w for w in self.workers if w.task is not None]
            if not busy and exhausted and not pending:
                break
            self._wait()
            for w in list(self.workers):
                for doc_seq, doc in self._collect(w, pending):
                    finished[doc_seq] = doc
            next_out = yield from release(finished, next_out, ordered)
        yield from release(finished, next_out, ordered=False)  # nothing should be left; never lose one

    def _send(self, w: _Worker, task: Task) -> None:
        w.task, w.phase, w.current = task, "load", 0
        w.deadline = self._deadline()
        w.conn.send([job for _, job in task.jobs])

    def _deadline(self) -> float | None:
        return None if self.timeout is None else time.monotonic() + self.timeout

    def _wait(self) -> None:
        deadlines = [w.deadline for w in self.workers if w.task is not None and w.deadline]
        timeout = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        handles = [w.conn for w in self.workers] + [w.process.sentinel for w in self.workers]
        wait(handles, timeout)

    def _collect(self, w: _Worker, pending: collections.deque[Task]) -> list[tuple[int, Any]]:
        """Read what worker ``w`` said; deal with its death or its lateness."""
        out: list[tuple[int, Any]] = []
        try:
            while w.conn.poll():
                message = w.conn.recv()
                kind = message[0]
                if kind == "ready":
                    w.ready = True
                    self.start_failures = 0
                elif kind == "load":
                    w.phase, w.current, w.deadline = "load", message[1], self._deadline()
                elif kind == "analyse":
                    w.phase, w.deadline = "analyse", self._deadline()
                elif kind == "done":
                    assert w.task is not None
                    # converted in the worker: nothing to rebuild here
                    results = message[1] if self.convert else map(unpack_document, message[1])
                    out.extend((seq, result) for (seq, _), result in zip(w.task.jobs, results))
                    w.task, w.phase, w.deadline = None, "idle", None
                elif kind == "error":  # an exception outside the stages: the last line says it
                    last = message[1].strip().splitlines()[-1]
                    out.extend(self._give_up(w, pending, "crash", last))
                    return out
        except (EOFError, OSError):
            pass
        if not w.process.is_alive() or w.conn.closed:
            if not w.ready:
                self.start_failures += 1
                if self.start_failures >= MAX_START_FAILURES:
                    raise RuntimeError(f"worker processes die on start-up (exit code {w.process.exitcode})")
            how = _death(w.process.exitcode)
            out.extend(self._give_up(w, pending, "crash", how))
        elif w.deadline is not None and time.monotonic() >= w.deadline:
            out.extend(self._give_up(w, pending, "timeout", f"took longer than {self.timeout:g} s"))
        return out

    def _give_up(self, w: _Worker, pending: collections.deque[Task], kind: str,
                 why: str) -> list[tuple[int, Any]]:
        """Replace worker ``w``; fail the file it was stuck on, requeue the others."""
        task, phase, current = w.task, w.phase, w.current
        self._replace(w)
        if task is None:
            return []
        if phase == "analyse" and len(task.jobs) > 1:
            # which document of the batch is to blame? retry them one by one
            for item in reversed(task.jobs):
                pending.appendleft(Task([item]))
            return []
        index = current if phase == "load" else 0
        seq, job = task.jobs[index]
        rest = task.jobs[:index] + task.jobs[index + 1:]
        if rest:
            pending.appendleft(Task(rest))
        doing = "reading the file" if phase == "load" else "analysing the text"
        message = f"{doing} {why}" if kind == "timeout" else f"the worker died while {doing}: {why}"
        doc = Document.failed(job.doc_id, kind, message, {"path": job.path, "format": format_of(job.path)})
        return [(seq, self.convert(doc) if self.convert else doc)]


def release(finished: dict[int, Any], next_out: int, ordered: bool) -> Generator[Any, None, int]:
    """Yield the finished documents that may go out now; returns the next number awaited.

    In order, only the run from ``next_out`` on (a later document waits for an earlier
    one); otherwise everything finished, lowest number first.
    """
    if ordered:
        while next_out in finished:
            yield finished.pop(next_out)
            next_out += 1
    else:
        for key in sorted(finished):
            yield finished.pop(key)
    return next_out


def _death(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        try:
            return f"killed by {signal.Signals(-exitcode).name}"
        except ValueError:
            return f"killed by signal {-exitcode}"
    return f"exit code {exitcode}"


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the parent dies (SIGKILL included), so no
    orphan keeps working on a hung file or holding OUT_DIR's lock."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # not Linux: the idle check below still applies
        pass


def _worker_main(conn, pipeline: Pipeline, limits: Limits, parent: int,
                 convert: Callable[[Document], Any] | None = None) -> None:
    """A worker's life: load the models once, then read and analyse tasks until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _die_with_parent()
    if os.getppid() != parent:  # it died before we could ask
        os._exit(0)
    os.environ.update({name: "1" for name in THREAD_ENV})  # before numpy loads, if it has not
    pipeline.resources.preload()
    preload_readers()
    pin_threads()
    finish = convert or pack_document
    conn.send(("ready",))
    while True:
        while not conn.poll(PARENT_CHECK_SECONDS):
            if os.getppid() != parent:  # the parent was killed: do not linger
                os._exit(0)
        jobs = conn.recv()
        if jobs is None:
            return
        try:
            docs = []
            for i, job in enumerate(jobs):
                conn.send(("load", i))
                docs.append(load_document(job, limits))
            conn.send(("analyse",))
            out = pipeline.pipe(docs, batch_size=len(docs))
            conn.send(("done", [finish(d) for d in out]))
        except Exception:
            conn.send(("error", traceback.format_exc(limit=5)))


def pin_threads() -> None:
    """One thread for numpy's BLAS and OpenMP in this process.

    The environment variables only count if set before numpy loads; a worker forked
    from a parent that already loaded it is pinned through threadpoolctl instead.
    """
    os.environ.update({name: "1" for name in THREAD_ENV})
    if "numpy" not in sys.modules:
        return
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # a trimmed install: the environment still pins a spawned worker
        return
    threadpool_limits(limits=1)


# Annotations travel as rows: a tuple per token pickles several times faster than a
# slotted dataclass, whose state is built field by field in Python.
_ROWS = {"paragraphs": Paragraph, "sentences": Sentence, "tokens": Token, "entities": Entity}
_FIELDS = {cls: tuple(f.name for f in dataclasses.fields(cls)) for cls in _ROWS.values()}
_GETTERS = {cls: operator.attrgetter(*names) for cls, names in _FIELDS.items()}


def pack_document(doc: Document) -> dict[str, Any]:
    """``doc`` as plain data for another process (the cleaned text, cheap to rebuild, dropped)."""
    state = {f.name: getattr(doc, f.name) for f in dataclasses.fields(Document) if f.name != "norm"}
    for name, cls in _ROWS.items():
        get = _GETTERS[cls]
        state[name] = [get(item) for item in state[name]]
    return state


def unpack_document(state: dict[str, Any]) -> Document:
    """The Document that ``pack_document`` packed."""
    state = dict(state)
    for name, cls in _ROWS.items():
        state[name] = [cls(*row) for row in state[name]]
    return Document(**state)
