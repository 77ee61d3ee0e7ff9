"""The CLI's jobs on disk: a folder of a million files listed, sorted and checked in flat memory.

``JobSpool`` keeps what the CLI knows per file in an unlinked temporary SQLite database
in the output folder (``dedup.corpus.temporary_database``): the paths and doc_ids
``find_jobs`` has listed (for its duplicate and collision rules), every job, and the
jobs to process with the file's state when it was checked. Jobs come back
``ORDER BY doc_id``, the order of the outputs, a page at a time; a finished document's
job by its doc_id. Nothing is kept in memory per file, and a killed run leaves nothing
behind.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from .batch import Job
from .dedup.corpus import Commits, temporary_database
from .manifest import FileState

# SQLite's page cache for the spool (KB): the reads are in key order, the lookups by key.
CACHE_KB = 2048
PAGE = 1000          # jobs read back per query
COMMIT_EVERY = 1000  # jobs written between commits, so SQLite's dirty pages stay few

SCHEMA = """
CREATE TABLE paths (key TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE ids (key TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE jobs (doc_id TEXT PRIMARY KEY, path TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE todo (doc_id TEXT PRIMARY KEY, path TEXT NOT NULL, size INTEGER, mtime_ns INTEGER)
    WITHOUT ROWID;
"""


class DiskSet:
    """A set of strings in one table of the spool: ``in`` and ``add``, what ``find_jobs`` needs."""

    def __init__(self, spool: JobSpool, table: str):
        self._spool = spool
        self._contains = f"SELECT 1 FROM {table} WHERE key = ?"
        self._add = f"INSERT OR IGNORE INTO {table} VALUES (?)"

    def __contains__(self, key: object) -> bool:
        return self._spool.db.execute(self._contains, (key,)).fetchone() is not None

    def add(self, key: str) -> None:
        """Put ``key`` in the set (committed with the spool's next batch)."""
        self._spool.write(self._add, (key,))


class JobSpool:
    """The jobs of one run, on disk: ``paths`` and ``ids`` for ``find_jobs``, then
    ``add`` each job it yields; ``jobs``, ``mark_todo``, ``todo`` and ``pending`` after."""

    def __init__(self, spool_dir: str | None = None):
        self.db = temporary_database(spool_dir, prefix=".jobs-")
        self.db.execute(f"PRAGMA cache_size=-{CACHE_KB}")
        self.db.executescript(SCHEMA)
        self.paths = DiskSet(self, "paths")
        self.ids = DiskSet(self, "ids")
        self.count = self.todo_count = 0
        self._commits = Commits(self.db, COMMIT_EVERY)

    def __enter__(self) -> JobSpool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Close the database; the kernel frees its unlinked file."""
        self.db.close()

    def write(self, sql: str, row: tuple) -> None:
        """Run one write, committing every ``COMMIT_EVERY``."""
        self.db.execute(sql, row)
        self._commits.count()

    def add(self, job: Job) -> None:
        """Spool one job; its doc_id must be new (``find_jobs`` makes it so)."""
        self.write("INSERT INTO jobs VALUES (?, ?)", (job.doc_id, job.path))
        self.count += 1

    def extend(self, jobs: Iterable[Job]) -> None:
        """Spool every job of ``jobs``, as they come."""
        for job in jobs:
            self.add(job)
        self.db.commit()

    def jobs(self) -> Iterator[Job]:
        """Every job, by doc_id."""
        for doc_id, path in self._by_doc_id("SELECT doc_id, path FROM jobs"):
            yield Job(path, doc_id)

    def mark_todo(self, job: Job, state: FileState | None) -> None:
        """``job`` is to be processed; ``state`` is its file's size and time when checked."""
        self.write("INSERT INTO todo VALUES (?, ?, ?, ?)",
                   (job.doc_id, job.path, *((state.size, state.mtime_ns) if state else (None, None))))
        self.todo_count += 1

    def todo(self) -> Iterator[Job]:
        """The jobs to process, by doc_id."""
        self.db.commit()
        for doc_id, path in self._by_doc_id("SELECT doc_id, path FROM todo"):
            yield Job(path, doc_id)

    def pending(self, doc_id: str) -> tuple[Job, FileState | None]:
        """The job to process with this doc_id and its file's state when it was checked."""
        row = self.db.execute("SELECT path, size, mtime_ns FROM todo WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            raise KeyError(f"no job to process has the doc_id {doc_id!r}")
        path, size, mtime_ns = row
        return Job(path, doc_id), (None if size is None else FileState(size, mtime_ns))

    def _by_doc_id(self, select: str) -> Iterator[tuple]:
        """Rows of ``select`` (doc_id first) by doc_id, ``PAGE`` at a time: no query stays
        open between pages, so the caller may write to the spool meanwhile."""
        rows = self.db.execute(f"{select} ORDER BY doc_id LIMIT ?", (PAGE,)).fetchall()
        while rows:
            yield from rows
            if len(rows) < PAGE:
                return
            rows = self.db.execute(f"{select} WHERE doc_id > ? ORDER BY doc_id LIMIT ?",
                                   (rows[-1][0], PAGE)).fetchall()
