"""Write: batch outputs that are complete or absent, never half-written.

Each output file is written under a temporary name in the output folder and moved
into place (an atomic rename) only when it is complete.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import IO, Any, Iterator


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike, mode: str = "w") -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; it replaces ``path`` only on success."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
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


def json_line(obj: Any) -> str:
    """One JSON line: UTF-8 as is, no spaces wasted, newline at the end."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n"


def write_json(path: str | os.PathLike, obj: Any) -> None:
    """Write a pretty JSON file atomically."""
    with atomic_writer(path) as f:
        json.dump(obj, f, ensure_ascii=False, indent=2)
        f.write("\n")
