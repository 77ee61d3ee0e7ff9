"""The same document across a run: exact and near duplicates among many documents.

``CorpusDeduplicator.add`` takes documents one at a time, in run order, and says
which earlier document each one repeats. Exact repeats (after folding) are found by
a hash of the folded text; near repeats by MinHash signatures of word 3-grams in an
LSH index (datasketch), and every candidate the index offers is checked by the same
comparison the paragraph stage uses, so a copy with another number, date or city is
reported as a conflict, never as a duplicate.

Memory stays bounded for hundreds of thousands of documents: in memory are the LSH
buckets, a 512-byte signature and a few integers per document that is not itself a
duplicate; the texts wait in a temporary file on disk and are read back only to
check a candidate.

``EventSources`` writes events.jsonl with one record per distinct event: the events
of a duplicate document are folded into the first document's records as ``sources``.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from array import array
from dataclasses import dataclass
from typing import IO, Any, Iterable

import numpy as np

from ..doc import Document
from ..write import json_line
from .compare import EXACT, WORD, Comparison, Conflict, TextComparer, fold, text_key

SHINGLE_WORDS = 3     # "прошел в казани": a typo changes three shingles, a sentence its own
NUM_PERM = 128        # signature length: Jaccard estimated within about +-0.04
LSH_THRESHOLD = 0.4   # candidate pairs from Jaccard ~0.4 up; the comparison decides
MIN_ESTIMATE = 0.3    # candidates whose estimated Jaccard is lower are not read back
MAX_CHECKS = 8        # candidates compared per document, best estimates first
SEED = 1


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


def shingles(text: str, size: int = SHINGLE_WORDS) -> list[bytes]:
    """Folded word ``size``-grams of a text, as bytes (the whole text when it is shorter)."""
    words = WORD.findall(fold(text))
    if len(words) <= size:
        return [" ".join(words).encode()] if words else []
    return list({" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)})


class MinHasher:
    """The adapter to datasketch: MinHash signatures and an LSH index of integer keys."""

    def __init__(self, num_perm: int = NUM_PERM, threshold: float = LSH_THRESHOLD, seed: int = SEED):
        from datasketch import MinHash, MinHashLSH

        self._minhash = MinHash
        self.num_perm, self.seed = num_perm, seed
        # one permutation set, reused by every signature (building it is the slow part)
        self._template = MinHash(num_perm=num_perm, seed=seed, scheme="affine32")
        self.lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)

    def signature(self, items: list[bytes]) -> Any:
        """The MinHash of a set of byte strings (a datasketch MinHash)."""
        m = self._minhash(num_perm=self.num_perm, seed=self.seed, scheme="affine32",
                          permutations=self._template.permutations)
        m.update_batch(items)
        return m

    def query(self, m: Any) -> list[int]:
        """Keys of indexed signatures that may be near ``m``."""
        return self.lsh.query(m)

    def insert(self, key: int, m: Any) -> None:
        """Index ``m`` under ``key``."""
        self.lsh.insert(key, m, check_duplication=False)

    @staticmethod
    def values(m: Any) -> np.ndarray:
        """The signature as 32-bit integers."""
        return np.asarray(m.hashvalues, dtype=np.uint32)


class CorpusDeduplicator:
    """Finds, for each document added, the earlier document it repeats.

    >>> with CorpusDeduplicator(resources) as dedup:              # doctest: +SKIP
    ...     for doc in docs:
    ...         match = dedup.add(doc.doc_id, doc.text)             # DocumentMatch or None
    """

    def __init__(self, resources=None, comparer: TextComparer | None = None,
                 spool_dir: str | None = None, threshold: float = LSH_THRESHOLD,
                 num_perm: int = NUM_PERM):
        self._resources = resources
        self._comparer = comparer
        self.hasher = MinHasher(num_perm, threshold)
        self._exact: dict[bytes, int] = {}
        self._ids: list[str] = []
        self._offsets = array("q")                        # where each text starts in the spool
        self._signatures = np.zeros((1024, num_perm), dtype=np.uint32)
        self._spool: IO[bytes] = tempfile.TemporaryFile(dir=spool_dir, prefix=".dedup-")
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
        return len(self._ids)

    def add_document(self, doc: Document) -> DocumentMatch | None:
        """``add`` for a processed document; failed documents are not compared."""
        return self.add(doc.doc_id, doc.text) if doc.ok else None

    def add(self, doc_id: str, text: str) -> DocumentMatch | None:
        """The earlier document ``text`` repeats (or repeats with other facts), else None.

        A duplicate is not indexed: later copies are matched to the first document.
        """
        key = text_key(text)
        if not key:
            return None
        digest = hashlib.blake2b(key.encode(), digest_size=16).digest()
        first = self._exact.get(digest)
        if first is not None:
            return DocumentMatch(self._ids[first], EXACT.similarity)
        m = self.hasher.signature(shingles(text))
        values = MinHasher.values(m)
        match = self._near(text, values, self.hasher.query(m))
        if match is not None and match.duplicate:
            return match
        self._index(doc_id, text, digest, m, values)
        return match

    def _near(self, text: str, values: np.ndarray, candidates: Iterable[int]) -> DocumentMatch | None:
        """The best verified match among LSH candidates, duplicates before conflicts."""
        candidates = np.fromiter(candidates, dtype=np.int64)
        if not len(candidates):
            return None
        estimates = (self._signatures[candidates] == values).mean(axis=1)
        order = sorted(zip(-estimates, candidates))
        prepared = None
        conflict: tuple[int, Comparison] | None = None
        for neg, index in order[:MAX_CHECKS]:
            if -neg < MIN_ESTIMATE:
                break
            if prepared is None:
                prepared = self.comparer.prepare(text)
            c = self.comparer.compare(self.comparer.prepare(self._text(int(index))), prepared)
            if c.duplicate:
                return DocumentMatch(self._ids[index], c.similarity)
            if c.conflicting and (conflict is None or c.alike > conflict[1].alike):
                conflict = (int(index), c)
        if conflict is None:
            return None
        return DocumentMatch(self._ids[conflict[0]], conflict[1].similarity, conflict[1].conflicts)

    def _index(self, doc_id: str, text: str, digest: bytes, m: Any, values: np.ndarray) -> None:
        index = len(self._ids)
        self._ids.append(doc_id)
        self._exact[digest] = index
        if index == len(self._signatures):
            self._signatures = np.concatenate([self._signatures, np.zeros_like(self._signatures)])
        self._signatures[index] = values
        data = text.encode("utf-8")
        self._spool.seek(self._end)
        self._spool.write(data)
        self._offsets.append(self._end)
        self._end += len(data)
        self.hasher.insert(index, m)

    def _text(self, index: int) -> str:
        start = self._offsets[index]
        end = self._offsets[index + 1] if index + 1 < len(self._offsets) else self._end
        self._spool.seek(start)
        return self._spool.read(end - start).decode("utf-8")

    def close(self) -> None:
        """Drop the spooled texts."""
        self._spool.close()

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
    spool to events.jsonl, patching only the records that gained sources: memory
    holds a few integers per event of a distinct document, not the records.
    """

    def __init__(self, spool_dir: str | None = None):
        self._spool: IO[str] = tempfile.TemporaryFile("w+", encoding="utf-8", dir=spool_dir,
                                                      prefix=".events-")
        self._lines = 0
        self._events_of: dict[str, tuple[tuple[int, int, int], ...]] = {}  # doc -> (line, keys)
        self._extra: dict[int, list[str]] = {}                              # line -> more sources

    def add(self, record: dict[str, Any], match: DocumentMatch | None = None) -> None:
        """Spool the events of one documents.jsonl record; sets ``sources`` on each."""
        doc_id = record["doc_id"]
        events = record.get("events") or []
        for ev in events:
            ev["sources"] = [doc_id]
        originals = list(self._events_of.get(match.doc_id, ())) if match and match.duplicate else []
        own = []
        for ev in events:
            title, kind_date = _event_keys(ev)
            found = next((o for o in originals if o[1] == title), None) \
                or next((o for o in originals if kind_date and o[2] == kind_date), None)
            if found is not None:
                originals.remove(found)
                self._extra.setdefault(found[0], []).append(doc_id)
                continue
            self._spool.write(json_line(ev))
            own.append((self._lines, title, kind_date))
            self._lines += 1
        if own and not (match and match.duplicate):
            self._events_of[doc_id] = tuple(own)

    def write(self, out: IO[str]) -> int:
        """Copy the records to ``out`` with their merged sources; returns how many."""
        self._spool.seek(0)
        for n, line in enumerate(self._spool):
            extra = self._extra.get(n)
            if extra:
                ev = json.loads(line)
                ev["sources"] += extra
                line = json_line(ev)
            out.write(line)
        return self._lines

    def close(self) -> None:
        """Drop the spool."""
        self._spool.close()

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
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")
