"""Manifest: what OUT_DIR has processed, so that a run picks up where the last stopped.

An SQLite database, ``OUT_DIR/manifest.sqlite``, with one row per file: its path,
doc_id, size, modification time, SHA-256, and the document record written for it.
A file whose row matches (same size and mtime, or, when those changed, the same
content hash) is not processed again; its stored record goes into the outputs. Rows
are committed as documents finish, so a run killed at any moment, SIGKILL included,
loses only the work in flight; the outputs are regenerated from the rows.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import stat
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from .batch import Job
from .write import StoredRecord

MANIFEST_NAME = "manifest.sqlite"
# A killed run's workers may hold the lock a moment after it died.
LOCK_WAIT_SECONDS = 10.0
SCHEMA_VERSION = 1

# Failures that say nothing about a file's content: such files are tried again on
# the next run even when unchanged ("permission" may have been granted meanwhile).
RETRY_KINDS = frozenset({"not_found", "permission", "io", "symlink_loop", "not_a_file",
                         "timeout", "crash", "too_large", "unpacked_too_large"})

SCHEMA = """
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    size INTEGER,
    mtime_ns INTEGER,
    sha256 TEXT,
    status TEXT NOT NULL,
    error_kind TEXT,
    record TEXT NOT NULL
);
"""


class ManifestBusy(Exception):
    """Another run holds OUT_DIR."""


@dataclass(frozen=True)
class FileState:
    """What ``stat`` says about a file before it is processed."""

    size: int
    mtime_ns: int


def file_state(path: str) -> FileState | None:
    """Size and modification time, or None when the file cannot be stat'ed."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return FileState(st.st_size, st.st_mtime_ns)


def file_sha256(path: str, max_bytes: int | None = None) -> str | None:
    """The content hash of a regular file, read in blocks; None when it cannot be read,
    is not a regular file (a pipe would block the run) or is over ``max_bytes``."""
    digest = hashlib.sha256()
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or (max_bytes is not None and st.st_size > max_bytes):
            return None
        for block in iter(lambda: os.read(fd, 1 << 20), b""):
            digest.update(block)
    except OSError:
        return None
    finally:
        os.close(fd)
    return digest.hexdigest()


class Manifest:
    """The processed files of one OUT_DIR; a context manager holding its lock."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self._lock = _lock(self.path)
        try:
            self.db = self._connect()
        except sqlite3.DatabaseError:
            # not a database (a crash cannot do this, a user can): start afresh
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(f"{self.path}{suffix}")
            self.db = self._connect()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")  # with WAL: safe against a killed process
        db.executescript(SCHEMA)
        db.commit()
        return db

    def __enter__(self) -> "Manifest":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Commit, close the database and release the lock."""
        if self.db is not None:
            self.db.commit()
            self.db.close()
            self.db = None
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None

    def settings(self) -> dict[str, Any] | None:
        """The settings the stored records were made with."""
        row = self.db.execute("SELECT value FROM settings WHERE key = 'settings'").fetchone()
        return json.loads(row[0]) if row else None

    def reset(self, settings: dict[str, Any]) -> None:
        """Forget every file: the next records are made with ``settings``."""
        with self.db:
            self.db.execute("DELETE FROM files")
            self.db.execute("INSERT OR REPLACE INTO settings VALUES ('settings', ?)",
                            (json.dumps({**settings, "schema": SCHEMA_VERSION}, sort_keys=True),))

    def matches(self, settings: dict[str, Any]) -> bool:
        """True when the stored records were made with these settings."""
        return self.settings() == {**settings, "schema": SCHEMA_VERSION}

    def check(self, job: Job, max_bytes: int | None = None) -> tuple[bool, FileState | None]:
        """(True if the stored record still holds for ``job``, the file's state now).

        Files over ``max_bytes`` are not hashed: they go to the workers, which refuse them.
        """
        state = file_state(job.path)
        row = self.db.execute("SELECT doc_id, size, mtime_ns, sha256, error_kind FROM files "
                              "WHERE path = ?", (job.path,)).fetchone()
        if row is None or state is None:
            return False, state
        doc_id, size, mtime_ns, sha256, error_kind = row
        if doc_id != job.doc_id or error_kind in RETRY_KINDS:
            return False, state
        if (size, mtime_ns) == (state.size, state.mtime_ns):
            return True, state
        if sha256 is None or sha256 != file_sha256(job.path, max_bytes):
            return False, state
        # touched but not changed: remember the new mtime, keep the record
        self.db.execute("UPDATE files SET size = ?, mtime_ns = ? WHERE path = ?",
                        (state.size, state.mtime_ns, job.path))
        return True, state

    def put(self, job: Job, state: FileState | None, record: dict[str, Any] | StoredRecord) -> None:
        """Store the record made for ``job``, a ``Document.to_dict()`` or that record
        serialised already (``write.stored_record``); committed by the next ``commit``."""
        if not isinstance(record, StoredRecord):
            record = StoredRecord.of(record)
        self.db.execute(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (job.path, job.doc_id, state.size if state else None,
             state.mtime_ns if state else None, record.sha256, record.status,
             record.error_kind, record.json))

    def commit(self) -> None:
        """Make the stored records durable."""
        self.db.commit()

    def keep_only(self, jobs: Iterable[Job]) -> int:
        """Forget files that are no longer among the inputs; returns how many."""
        with self.db:
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS current (path TEXT PRIMARY KEY)")
            self.db.execute("DELETE FROM current")
            self.db.executemany("INSERT OR IGNORE INTO current VALUES (?)", ((j.path,) for j in jobs))
            gone = self.db.execute("DELETE FROM files WHERE path NOT IN (SELECT path FROM current)")
            return gone.rowcount

    def records(self, jobs: Iterable[Job]) -> Iterator[dict[str, Any]]:
        """The stored record of each job, in the order given."""
        for job in jobs:
            row = self.db.execute("SELECT record FROM files WHERE path = ?", (job.path,)).fetchone()
            if row is None:
                raise KeyError(f"the manifest has no record for {job.path}")
            yield json.loads(row[0])


def _lock(path: Path) -> int | None:
    """An exclusive lock on the manifest, so two runs cannot share one OUT_DIR.

    ``flock`` is released by the kernel when the process dies, however it dies; a
    killed run's workers may hold it for a moment longer, hence the short wait.
    """
    try:
        import fcntl
    except ImportError:  # not on POSIX: no lock
        return None
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    give_up = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except OSError as e:
            if time.monotonic() >= give_up:
                os.close(fd)
                raise ManifestBusy(f"another run is writing to {path.parent}") from e
            time.sleep(0.1)
