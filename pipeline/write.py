"""Write: batch outputs that are complete or absent, never half-written.

Each output file is written under a temporary name in the output folder and moved
into place (an atomic rename) only when it is complete. ``FORMATS`` maps each
``--format`` name to the class that writes its files. ``stored_record`` serialises a
document's record where the document was analysed (in a worker process), so that the
batch's parent only stores it.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import tempfile
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Iterator, Mapping, NamedTuple, Sequence

from .frames import COLUMNS, KINDS, Column, rows

if TYPE_CHECKING:
    from .doc import Document


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike, mode: str = "w") -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; it replaces ``path`` only on success."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual permissions
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else "utf-8", newline=None if "b" in mode else "\n") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def json_text(obj: Any) -> str:
    """Compact JSON: UTF-8 as is, no spaces wasted."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def json_line(obj: Any) -> str:
    """One JSON line: ``json_text`` with a newline at the end."""
    return json_text(obj) + "\n"


class StoredRecord(NamedTuple):
    """A document's record as the manifest stores it: the JSON text of
    ``Document.to_dict()`` and the fields the manifest looks rows up by."""

    doc_id: str
    status: str
    error_kind: str | None
    sha256: str | None
    json: str

    @classmethod
    def of(cls, record: Mapping[str, Any]) -> "StoredRecord":
        """The stored form of a record (a ``Document.to_dict()``)."""
        meta = record.get("meta") or {}
        error = record.get("error") or {}
        return cls(record["doc_id"], record["status"], error.get("kind"), meta.get("sha256"),
                   json_text(record))


def stored_record(doc: "Document", with_tokens: bool = False) -> StoredRecord:
    """``doc``'s record with its text, serialised (the CLI keeps the text in the manifest;
    ``--with-text`` decides whether it is written). Picklable, so a worker process can
    run it: the parent then neither rebuilds the document nor serialises it."""
    return StoredRecord.of(doc.to_dict(with_text=True, with_tokens=with_tokens))


def write_json(path: str | os.PathLike, obj: Any) -> None:
    """Write a pretty JSON file atomically."""
    with atomic_writer(path) as f:
        json.dump(obj, f, ensure_ascii=False, indent=2)
        f.write("\n")


# --- output formats: the CLI writes each document record through every chosen format ---

class JsonlOutput:
    """documents.jsonl (the output contract) and events.jsonl, one record a line.

    Events go through ``EventSources``: one record per distinct event, with the
    documents that report it, written out by ``finish``.
    """

    files = ("documents.jsonl", "events.jsonl")

    def __init__(self, out: Path, stack: contextlib.ExitStack):
        from .dedup.corpus import EventSources

        self.documents = stack.enter_context(atomic_writer(out / "documents.jsonl"))
        self.events = stack.enter_context(atomic_writer(out / "events.jsonl"))
        self.sources = stack.enter_context(EventSources(spool_dir=str(out)))

    def write(self, record: Mapping[str, Any], chars: int | None = None, match: Any = None) -> None:
        """Add one document record (``Document.to_dict()``)."""
        if record.get("status", "ok") == "ok":
            self.sources.add(record, match)   # sets "sources" on each event
        self.documents.write(json_line(record))

    def finish(self) -> int:
        """Write events.jsonl; returns how many distinct events it holds."""
        return self.sources.write(self.events)


class CsvOutput:
    """documents.csv, entities.csv, events.csv: the flat rows of ``pipeline.frames``.

    UTF-8, comma-separated, a header line; missing values are empty, booleans
    ``True``/``False``, so ``pandas.read_csv`` reads the types back.
    """

    files = tuple(f"{kind}.csv" for kind in KINDS)

    def __init__(self, out: Path, stack: contextlib.ExitStack):
        self.writers = {}
        for kind in KINDS:
            f = stack.enter_context(atomic_writer(out / f"{kind}.csv"))
            writer = csv.DictWriter(f, fieldnames=[c.name for c in COLUMNS[kind]], lineterminator="\n")
            writer.writeheader()
            self.writers[kind] = writer

    def write(self, record: Mapping[str, Any], chars: int | None = None) -> None:
        """Add one document's rows to each table."""
        for kind, writer in self.writers.items():
            writer.writerows(rows(kind, record, chars))


class _ParquetTable:
    """One Parquet file written in row groups, so a large batch never sits in memory."""

    def __init__(self, file: IO[bytes], columns: Sequence[Column], row_group: int):
        pa, pq = require_pyarrow()
        types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
        self.schema = pa.schema([(c.name, types[c.type]) for c in columns])
        self.writer = pq.ParquetWriter(file, self.schema)
        self.row_group = row_group
        self.buffer: list[dict[str, Any]] = []

    def add(self, new_rows: Iterator[dict[str, Any]]) -> None:
        self.buffer.extend(new_rows)
        if len(self.buffer) >= self.row_group:
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            import pyarrow as pa

            self.writer.write_table(pa.Table.from_pylist(self.buffer, schema=self.schema))
            self.buffer = []

    def __enter__(self) -> "_ParquetTable":
        return self

    def __exit__(self, exc_type: Any, *exc: Any) -> None:
        if exc_type is None:
            self.flush()
        self.writer.close()


class ParquetOutput:
    """documents.parquet, entities.parquet, events.parquet: the same rows as the CSV
    files, with their types (needs pyarrow: ``pip install 'press-pipeline[dataframe]'``)."""

    files = tuple(f"{kind}.parquet" for kind in KINDS)

    def __init__(self, out: Path, stack: contextlib.ExitStack, row_group: int = 10_000):
        self.tables = {}
        for kind in KINDS:
            f = stack.enter_context(atomic_writer(out / f"{kind}.parquet", "wb"))
            self.tables[kind] = stack.enter_context(_ParquetTable(f, COLUMNS[kind], row_group))

    def write(self, record: Mapping[str, Any], chars: int | None = None) -> None:
        """Add one document's rows to each table."""
        for kind, table in self.tables.items():
            table.add(rows(kind, record, chars))


FORMATS = {"jsonl": JsonlOutput, "csv": CsvOutput, "parquet": ParquetOutput}


def require_pyarrow() -> tuple[Any, Any]:
    """pyarrow and pyarrow.parquet, or an ImportError saying how to install them."""
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as e:
        raise ImportError("Parquet output needs pyarrow: pip install 'press-pipeline[dataframe]'") from e
    return pyarrow, pyarrow.parquet


def parse_formats(value: str) -> list[str]:
    """'jsonl,csv' -> ['jsonl', 'csv']; ValueError naming an unknown format."""
    names = list(dict.fromkeys(v.strip().lower() for v in value.split(",") if v.strip()))
    unknown = [n for n in names if n not in FORMATS]
    if unknown or not names:
        raise ValueError(f"unknown output format {', '.join(unknown) or repr(value)}; "
                         f"choose from {', '.join(FORMATS)}")
    if "parquet" in names:
        require_pyarrow()
    return names


class Outputs:
    """Every chosen format's files, open for one batch; ``write`` adds one document,
    ``finish`` completes what is written at the end (events.jsonl)."""

    def __init__(self, out: Path, formats: Sequence[str], stack: contextlib.ExitStack):
        self.formats = [FORMATS[name](out, stack) for name in formats]

    def write(self, record: Mapping[str, Any], chars: int | None = None, match: Any = None) -> None:
        """Add one document record (``Document.to_dict()``) to every output; ``match`` is
        the earlier document it repeats, if any (``pipeline.dedup.corpus.DocumentMatch``)."""
        for output in self.formats:
            if isinstance(output, JsonlOutput):
                output.write(record, chars, match)
            else:
                output.write(record, chars)

    def finish(self) -> int | None:
        """Finish every output; the number of distinct events in events.jsonl, if written."""
        distinct = None
        for output in self.formats:
            if isinstance(output, JsonlOutput):
                distinct = output.finish()
        return distinct
