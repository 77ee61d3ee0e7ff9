"""What every reader shares: the error it raises, the result it returns, the limits."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

# A press release is kilobytes; a file over this many bytes is refused unread.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# A .docx is a ZIP archive; one that would unpack past this is a zip bomb, not a release.
DEFAULT_MAX_UNPACKED = 200 * 1024 * 1024

# Warning kinds a reader may attach to a document that it still reads.
NOT_RUSSIAN = "not_russian"        # the text reads as another language
TRUNCATED = "truncated"            # the file ends inside a multi-byte character
INVALID_BYTES = "invalid_bytes"    # a few bytes were not valid in the encoding
FORMAT_MISMATCH = "format_mismatch"  # "release.doc" holds RTF: read as RTF
PAGES_WITHOUT_TEXT = "pages_without_text"  # a PDF with some scanned pages


class LoadError(Exception):
    """A file that cannot become text; ``kind`` names the reason for reports."""

    def __init__(self, kind: str, message: str, meta: dict[str, Any] | None = None):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.meta = dict(meta or {})


@dataclass(frozen=True)
class Limits:
    """How much a reader may take in: bytes on disk and bytes unpacked from an archive."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_unpacked: int = DEFAULT_MAX_UNPACKED


@dataclass
class Extracted:
    """The plain text of a file (what offsets refer to) and what is known about it."""

    text: str
    format: str
    encoding: str | None = None
    title: str | None = None
    date: str | None = None
    author: str | None = None
    warnings: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def meta(self) -> dict[str, Any]:
        """The known fields, in a fixed order, for ``Document.meta``."""
        out: dict[str, Any] = {"format": self.format}
        for key in ("encoding", "title", "date", "author"):
            value = getattr(self, key)
            if value:
                out[key] = value
        out.update(self.extra)
        return out


def warning(kind: str, message: str) -> str:
    """A document warning as the output carries it: ``"kind: message"``."""
    return f"{kind}: {message}"


def iso_date(value: Any) -> str | None:
    """``"2024-03-11"`` from a datetime, a date or an ISO-like string; None otherwise."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10]).isoformat()
        except ValueError:
            return None
    return None


def clean_field(value: Any, limit: int = 500) -> str | None:
    """A metadata string with its whitespace collapsed, or None when it says nothing."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text[:limit] or None


def join_blocks(blocks: list[str]) -> str:
    """Paragraph texts joined by blank lines, so the segmenter cannot merge them.

    Lines inside a block stay as they are; empty blocks are dropped.
    """
    return "\n\n".join(b.strip() for b in blocks if b and b.strip())
