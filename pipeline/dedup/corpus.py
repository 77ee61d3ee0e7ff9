"""The same document across a run: exact and near duplicates among many documents.

``CorpusDeduplicator.add`` takes documents one at a time, in run order, and says
which earlier document each one repeats. Exact repeats (after folding) are found by
a hash of the folded text; near repeats by MinHash signatures (datasketch) of word
3-grams, banded for locality-sensitive hashing (LSH), and every candidate the bands
offer is checked by the same comparison the paragraph stage uses, so a copy with another number, date or city is
reported as a conflict, never as a duplicate.

Memory stays flat however many documents come: nothing is kept in memory per
document. The texts and the 512-byte signatures wait in temporary files on disk; the
band keys, ids, digests and offsets in a temporary SQLite database beside them
(``temporary_database``), indexed by key, with a bounded page cache and the latest
band keys in a small buffer that is written in batches. All of them are unlinked at
once, so nothing is left behind, not even by a killed run.

``EventSources`` writes events.jsonl with one record per distinct event: the events
of a duplicate document are folded into the first document's records as ``sources``.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
import zlib
from dataclasses import dataclass
from typing import IO, Any

import numpy as np

from ..doc import Document
from ..events import fold_repeats
from ..write import json_line
from .compare import EXACT, WORD, Comparison, Conflict, TextComparer, fold, text_key

SHINGLE_WORDS = 3     # "прошел в казани": a typo changes three shingles, a sentence its own
NUM_PERM = 128        # signature length: Jaccard estimated within about +-0.04
BANDS, ROWS = 32, 4   # LSH: pairs with Jaccard 0.5 meet in a band 87% of the time, 0.6: 99%
MIN_ESTIMATE = 0.3    # candidates whose estimated Jaccard is lower are not read back
MAX_CHECKS = 8        # candidates compared per document, best estimates first
SEED = 1
FLUSH_EVERY = 32_768   # band entries buffered before they are written in one batch (~1,000 documents)
CACHE_KB = 16_384      # SQLite's page cache per temporary database: what memory it may take
COMMIT_EVERY = 1_000   # rows written between commits, so SQLite's dirty pages stay few

_MIX_1, _MIX_2 = np.uint64(0x9E3779B97F4A7C15), np.uint64(0xC2B2AE3D27D4EB4F)
_FNV_OFFSET, _FNV_PRIME = np.uint64(0xCBF29CE484222325), np.uint64(0x100000001B3)


@dataclass(frozen=True, slots=True)
class DocumentMatch:
    """An earlier document that this one repeats, or repeats with other facts."""

    doc_id: str
    similarity: float
    conflicts: tuple[Conflict, ...] = ()

    @property
    def duplicate(self) -> bool:
        """True for a duplicate, False for a copy that states other facts."""
        return not self.conflicts

    def to_dict(self) -> dict[str, Any]:
        """Fields for the documents.jsonl line: ``duplicate_of_doc`` or ``conflict_with_doc``."""
        if self.duplicate:
            return {"duplicate_of_doc": self.doc_id, "similarity": self.similarity}
        return {"conflict_with_doc": self.doc_id, "similarity": self.similarity,
                "conflicts": [c.to_dict() for c in self.conflicts]}


def shingle_hashes(words: list[str]) -> np.ndarray:
    """32-bit hashes of the distinct word 3-grams ("прошел в казани"), the whole text when
    shorter; deterministic across runs (CRC-32 of each word, mixed), unlike ``hash``."""
    if len(words) <= SHINGLE_WORDS:
        return np.array([zlib.crc32(" ".join(words).encode())] if words else [], dtype=np.uint32)
    h = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    # gram i mixes words i, i+1, i+2 with distinct odd multipliers, so order matters
    h = h[:-2] * _MIX_1 + h[1:-1] * _MIX_2 + h[2:]
    return np.unique(((h >> np.uint64(32)) ^ h).astype(np.uint32))


class MinHasher:
    """The adapter to datasketch: MinHash signatures of sets of 32-bit hashes."""

    def __init__(self, num_perm: int = NUM_PERM, seed: int = SEED):
        from datasketch import MinHash

        self._minhash = MinHash
        self.num_perm, self.seed = num_perm, seed
        # one permutation set, reused by every signature (building it is the slow part)
        self._permutations = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations

    def signature(self, hashes: np.ndarray) -> np.ndarray:
        """The MinHash signature (``num_perm`` 32-bit values) of a set of hashes."""
        m = self._minhash(num_perm=self.num_perm, seed=self.seed, scheme="affine32",
                          permutations=self._permutations, hashfunc=int)
        m.update_batch(hashes.tolist())
        return np.asarray(m.hashvalues, dtype=np.uint32)


class Commits:
    """Commits a connection once every ``every`` writes, so SQLite's dirty pages stay few."""

    def __init__(self, db: sqlite3.Connection, every: int = COMMIT_EVERY):
        self.db, self.every, self.pending = db, every, 0

    def count(self) -> None:
        """One more write; commit if it makes ``every``."""
        self.pending += 1
        if self.pending >= self.every:
            self.db.commit()
            self.pending = 0


def temporary_database(spool_dir: str | None = None, prefix: str = ".dedup-") -> sqlite3.Connection:
    """An SQLite database in a temporary file under ``spool_dir``, unlinked at once.

    The open connection keeps the file alive and the kernel frees it when the
    connection closes or the process dies, however it dies. No journal (a temporary
    database has nothing to recover), no syncing, and a bounded page cache: memory
    stays the same however large the tables grow.
    """
    fd, path = tempfile.mkstemp(prefix=prefix, suffix=".sqlite", dir=spool_dir)
    os.close(fd)
    try:
        db = sqlite3.connect(path)
        # without a journal SQLite never needs the name again (a journal would sit beside it)
        db.execute("PRAGMA journal_mode=OFF")
    finally:
        os.unlink(path)
    db.execute("PRAGMA synchronous=OFF")
    db.execute(f"PRAGMA cache_size=-{CACHE_KB}")
    db.execute("PRAGMA temp_store=FILE")
    return db


class BandIndex:
    """LSH banding: documents whose signatures agree on all rows of some band.

    Band keys live in an SQLite table on disk, clustered by key (one B-tree, no
    rowid), so a query is one index lookup per band and memory does not grow with
    the documents; the latest entries wait in a small buffer, written in sorted
    batches of ``FLUSH_EVERY``.
    """

    def __init__(self, bands: int = BANDS, rows: int = ROWS, db: sqlite3.Connection | None = None,
                 spool_dir: str | None = None):
        self.bands, self.rows = bands, rows
        self._own_db = db is None
        self.db = db if db is not None else temporary_database(spool_dir)
        self.db.execute("CREATE TABLE bands (key INTEGER NOT NULL, doc INTEGER NOT NULL, "
                        "PRIMARY KEY (key, doc)) WITHOUT ROWID")
        self._query = f"SELECT doc FROM bands WHERE key IN ({', '.join('?' * bands)})"
        self._recent: dict[int, list[int]] = {}
        self._recent_entries = 0
        self._stored = 0

    def keys(self, signature: np.ndarray) -> np.ndarray:
        """One 64-bit key per band (FNV-1a over its rows, the band number folded in)."""
        rows = signature[:self.bands * self.rows].reshape(self.bands, self.rows).astype(np.uint64)
        h = _FNV_OFFSET ^ np.arange(self.bands, dtype=np.uint64)
        for r in range(self.rows):
            h = (h ^ rows[:, r]) * _FNV_PRIME
        return h

    def query(self, keys: np.ndarray) -> set[int]:
        """Documents sharing at least one band key."""
        # SQLite's integers are signed: the same 64 bits, read as int64
        signed = keys.astype(np.uint64).view(np.int64).tolist()
        out: set[int] = set()
        if self._stored:
            if len(signed) == self.bands:
                rows = self.db.execute(self._query, signed)
            else:
                rows = self.db.execute(f"SELECT doc FROM bands WHERE key IN ({', '.join('?' * len(signed))})",
                                       signed)
            out.update(doc for (doc,) in rows)
        for k in signed:
            out.update(self._recent.get(k, ()))
        return out

    def insert(self, doc: int, keys: np.ndarray) -> None:
        """Index document number ``doc`` under its band keys."""
        for k in keys.astype(np.uint64).view(np.int64).tolist():
            self._recent.setdefault(k, []).append(doc)
        self._recent_entries += len(keys)
        if self._recent_entries >= FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        """Write the buffered entries to the table, in key order (fewer pages touched)."""
        if not self._recent_entries:
            return
        rows = sorted((k, d) for k, docs in self._recent.items() for d in docs)
        # "OR IGNORE": a document whose bands repeat a key adds it once
        self.db.executemany("INSERT OR IGNORE INTO bands VALUES (?, ?)", rows)
        self.db.commit()
        self._stored += len(rows)
        self._recent, self._recent_entries = {}, 0

    def __len__(self) -> int:
        """Entries indexed (a document under each of its distinct band keys)."""
        return self._stored + self._recent_entries

    def close(self) -> None:
        """Close the database if this index opened it (its file goes with it)."""
        self._recent, self._recent_entries = {}, 0
        if self._own_db:
            self.db.close()


class CorpusDeduplicator:
    """Finds, for each document added, the earlier document it repeats.

    >>> with CorpusDeduplicator(resources) as dedup:              # doctest: +SKIP
    ...     for doc in docs:
    ...         match = dedup.add(doc.doc_id, doc.text)             # DocumentMatch or None
    """

    def __init__(self, resources=None, comparer: TextComparer | None = None,
                 spool_dir: str | None = None, num_perm: int = NUM_PERM):
        self._resources = resources
        self._comparer = comparer
        self.hasher = MinHasher(num_perm)
        # ids, digests and where each text lies in the spool: on disk, not in memory
        self.db = temporary_database(spool_dir)
        self.db.execute("CREATE TABLE documents (doc INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, "
                        "start INTEGER NOT NULL, stop INTEGER NOT NULL)")
        self.db.execute("CREATE TABLE digests (digest BLOB PRIMARY KEY, doc INTEGER NOT NULL) WITHOUT ROWID")
        self.bands = BandIndex(db=self.db)
        self._count = 0
        self._commits = Commits(self.db)
        self._spool: IO[bytes] = tempfile.TemporaryFile(dir=spool_dir, prefix=".dedup-")
        # signatures wait on disk too, a fixed-size row each: only candidates are read back
        self._signatures: IO[bytes] = tempfile.TemporaryFile(dir=spool_dir, prefix=".dedup-sig-")
        self._row = num_perm * np.dtype(np.uint32).itemsize
        self._end = 0

    @property
    def comparer(self) -> TextComparer:
        """The text comparison (morphology loads on the first near candidate)."""
        if self._comparer is None:
            if self._resources is None:
                from ..resources import Resources

                self._resources = Resources.shared()
            self._comparer = TextComparer(self._resources.morph)
        return self._comparer

    def __len__(self) -> int:
        """Number of distinct documents indexed so far."""
        return self._count

    def add_document(self, doc: Document) -> DocumentMatch | None:
        """``add`` for a processed document; failed documents are not compared."""
        return self.add(doc.doc_id, doc.text) if doc.ok else None

    def add(self, doc_id: str, text: str) -> DocumentMatch | None:
        """The earlier document ``text`` repeats (or repeats with other facts), else None.

        A duplicate is not indexed: later copies are matched to the first document.
        """
        words = WORD.findall(fold(text))
        if not words:
            return None
        digest = hashlib.blake2b(" ".join(words).encode(), digest_size=16).digest()
        first = self.db.execute("SELECT doc FROM digests WHERE digest = ?", (digest,)).fetchone()
        if first is not None:
            return DocumentMatch(self._doc_id(first[0]), EXACT.similarity)
        signature = self.hasher.signature(shingle_hashes(words))
        keys = self.bands.keys(signature)
        match = self._near(text, signature, self.bands.query(keys))
        if match is not None and match.duplicate:
            return match
        self._index(doc_id, text, digest, signature, keys)
        return match

    def _near(self, text: str, signature: np.ndarray, candidates: set[int]) -> DocumentMatch | None:
        """The best verified match among LSH candidates, duplicates before conflicts."""
        if not candidates:
            return None
        candidates_array = np.fromiter(candidates, dtype=np.int64, count=len(candidates))
        estimates = (self._signature_rows(candidates_array) == signature).mean(axis=1)
        order = sorted(zip((-estimates).tolist(), candidates_array.tolist()))
        prepared = None
        conflict: tuple[int, Comparison] | None = None
        for neg, index in order[:MAX_CHECKS]:
            if -neg < MIN_ESTIMATE:
                break
            if prepared is None:
                prepared = self.comparer.prepare(text)
            c = self.comparer.compare(self.comparer.prepare(self._text(int(index))), prepared)
            if c.duplicate:
                return DocumentMatch(self._doc_id(index), c.similarity)
            if c.conflicting and (conflict is None or c.alike > conflict[1].alike):
                conflict = (int(index), c)
        if conflict is None:
            return None
        return DocumentMatch(self._doc_id(conflict[0]), conflict[1].similarity, conflict[1].conflicts)

    def _index(self, doc_id: str, text: str, digest: bytes, signature: np.ndarray, keys: np.ndarray) -> None:
        index = self._count
        self._count += 1
        self._signatures.seek(index * self._row)
        self._signatures.write(signature.astype(np.uint32).tobytes())
        data = text.encode("utf-8")
        self._spool.seek(self._end)
        self._spool.write(data)
        self.db.execute("INSERT INTO documents VALUES (?, ?, ?, ?)",
                        (index, doc_id, self._end, self._end + len(data)))
        self.db.execute("INSERT INTO digests VALUES (?, ?)", (digest, index))
        self._end += len(data)
        self.bands.insert(index, keys)
        self._commits.count()

    def _doc_id(self, index: int) -> str:
        return self.db.execute("SELECT doc_id FROM documents WHERE doc = ?", (int(index),)).fetchone()[0]

    def _signature_rows(self, indices: np.ndarray) -> np.ndarray:
        """The stored signatures of documents ``indices``, one row each."""
        rows = np.empty((len(indices), self._row // 4), dtype=np.uint32)
        for i, index in enumerate(indices.tolist()):
            self._signatures.seek(index * self._row)
            rows[i] = np.frombuffer(self._signatures.read(self._row), dtype=np.uint32)
        return rows

    def _text(self, index: int) -> str:
        start, stop = self.db.execute("SELECT start, stop FROM documents WHERE doc = ?", (index,)).fetchone()
        self._spool.seek(start)
        return self._spool.read(stop - start).decode("utf-8")

    def close(self) -> None:
        """Drop the spooled texts, the signatures and the index."""
        self._spool.close()
        self._signatures.close()
        self.bands.close()
        self.db.close()

    def __enter__(self) -> "CorpusDeduplicator":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class EventSources:
    """events.jsonl with one record per distinct event and the documents that report it.

    Records are spooled to a temporary file as documents stream in, each with
    ``sources: [its doc_id]``; an event of a duplicate document that the first
    document also reports (same title, or same kind and start date) adds the duplicate
    to that record's sources instead of a record of its own. ``write`` copies the
    spool to events.jsonl, patching only the records that gained sources. What it
    must remember (each distinct document's events: line and keys; the sources that
    duplicates added) is in a temporary SQLite database, so memory stays flat.
    """

    def __init__(self, spool_dir: str | None = None):
        self._spool: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8", dir=spool_dir,
                                                      prefix=".events-")
        self._lines = 0
        self.db = temporary_database(spool_dir, prefix=".events-")
        # a distinct document's events: line in the spool, hashes of title and of kind|date
        self.db.execute("CREATE TABLE events (doc_id TEXT NOT NULL, line INTEGER NOT NULL, "
                        "title INTEGER NOT NULL, kind_date INTEGER NOT NULL, PRIMARY KEY (doc_id, line)) "
                        "WITHOUT ROWID")
        # a duplicate that reports the event of line ``line`` (in the order they came)
        self.db.execute("CREATE TABLE extra (line INTEGER NOT NULL, doc_id TEXT NOT NULL)")
        self._commits = Commits(self.db)

    def add(self, record: dict[str, Any], match: DocumentMatch | None = None) -> None:
        """Spool the events of one documents.jsonl record; sets ``sources`` on each."""
        doc_id = record["doc_id"]
        for ev in record.get("events") or []:
            ev["sources"] = [doc_id]
        # "выборы ... На выборах": one line per event, its repeats folded in
        events = fold_repeats(record.get("events") or [])
        duplicate = match is not None and match.duplicate
        originals = self._events_of(match.doc_id) if duplicate and events else []
        own = []
        for ev in events:
            title, kind_date = _event_keys(ev)
            found = next((o for o in originals if o[1] == title), None) \
                or next((o for o in originals if kind_date and o[2] == kind_date), None)
            if found is not None:
                originals.remove(found)
                self.db.execute("INSERT INTO extra VALUES (?, ?)", (found[0], doc_id))
                continue
            self._spool.write(json_line(ev))
            own.append((doc_id, self._lines, title, kind_date))
            self._lines += 1
        if own and not duplicate:
            self.db.executemany("INSERT INTO events VALUES (?, ?, ?, ?)", own)
        self._commits.count()

    def _events_of(self, doc_id: str) -> list[tuple[int, int, int]]:
        """(line, title hash, kind|date hash) of each event of distinct document ``doc_id``."""
        return self.db.execute("SELECT line, title, kind_date FROM events WHERE doc_id = ? ORDER BY line",
                               (doc_id,)).fetchall()

    def write(self, out: IO[str]) -> int:
        """Copy the records to ``out`` with their merged sources; returns how many."""
        self._spool.seek(0)
        self.db.commit()
        # the added sources in line order, read alongside the spool
        extras = self.db.execute("SELECT line, doc_id FROM extra ORDER BY line, rowid")
        pending = next(extras, None)
        for n, line in enumerate(self._spool):
            extra = []
            while pending is not None and pending[0] == n:
                extra.append(pending[1])
                pending = next(extras, None)
            if extra:
                ev = json.loads(line)
                ev["sources"] += extra
                line = json_line(ev)
            out.write(line)
        return self._lines

    def close(self) -> None:
        """Drop the spool and the database."""
        self._spool.close()
        self.db.close()

    def __enter__(self) -> "EventSources":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _event_keys(ev: dict[str, Any]) -> tuple[int, int]:
    """Small hashes of an event's folded title and of its kind with its start date (0: none)."""
    title = text_key(ev.get("title") or "")
    kind_date = f"{ev.get('kind') or ''}|{ev.get('start_date') or ''}"
    return _hash(title) if title else 0, _hash(kind_date) if ev.get("kind") and ev.get("start_date") else 0


def _hash(text: str) -> int:
    # signed: SQLite stores 64-bit signed integers
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little", signed=True)
