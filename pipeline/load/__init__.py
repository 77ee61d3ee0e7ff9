"""Load: read a file and turn it into plain text, the text every offset refers to.

One module per format; ``read_file`` picks the reader by what the file really is
(its first bytes), not only by its extension:

| extension | reader |
| --- | --- |
| .txt, .text, .md | ``text``: encoding by validity and by how Russian the text reads |
| .html, .htm | ``html``: the main text without navigation (trafilatura) |
| .docx | ``docx``: paragraphs, tables, headers and footers |
| .rtf | ``rtf``: striprtf with the declared code page |
| .pdf | ``pdf``: the text layer (pypdf) |
| .eml | ``eml``: the text or HTML body |

A file that cannot become text raises LoadError with a ``kind`` for reports; one that
can, but with something to say (not Russian, truncated), carries warnings.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from typing import Callable

from .base import (DEFAULT_MAX_BYTES, DEFAULT_MAX_UNPACKED, FORMAT_MISMATCH, Extracted, Limits,
                   LoadError, warning)
from .sniff import OLE, is_encrypted_office, sniff
from .text import Decoded, decode_bytes, language_warning, read_text, russianness

__all__ = [
    "LoadError", "Decoded", "Extracted", "Limits", "DEFAULT_MAX_BYTES", "DEFAULT_MAX_UNPACKED",
    "FORMATS", "decode_bytes", "read_file", "read_bytes", "extract", "format_of", "russianness",
    "preload_readers",
]

# Extensions a folder is searched for, and the format each declares.
FORMATS = {
    ".txt": "txt", ".text": "txt", ".md": "md",
    ".html": "html", ".htm": "html",
    ".docx": "docx", ".doc": "doc", ".rtf": "rtf", ".pdf": "pdf", ".eml": "eml",
}
# Formats that have a signature: a .pdf without "%PDF-" is not a PDF.
SIGNED = {"docx", "pdf"}


def _read_docx(data: bytes, limits: Limits) -> Extracted:
    from .docx import read_docx

    return read_docx(data, limits)


def _read_pdf(data: bytes, limits: Limits) -> Extracted:
    from .pdf import read_pdf

    return read_pdf(data)


def _read_rtf(data: bytes, limits: Limits) -> Extracted:
    from .rtf import read_rtf

    return read_rtf(data)


def _read_html(data: bytes, limits: Limits) -> Extracted:
    from .html import read_html

    return read_html(data)


def _read_eml(data: bytes, limits: Limits) -> Extracted:
    from .eml import read_eml

    return read_eml(data)


# The readers, by format; each takes the file's bytes. Imports are lazy: a folder of
# .txt files never loads lxml or pypdf.
READERS: dict[str, Callable[[bytes, Limits], Extracted]] = {
    "txt": lambda data, limits: read_text(data, "txt"),
    "md": lambda data, limits: read_text(data, "md"),
    "html": _read_html,
    "docx": _read_docx,
    "rtf": _read_rtf,
    "pdf": _read_pdf,
    "eml": _read_eml,
}


def preload_readers() -> None:
    """Import every reader's library now (a worker does this at start-up, so the
    import is not charged to the first file's time limit)."""
    import charset_normalizer  # noqa: F401
    import docx  # noqa: F401
    import pypdf  # noqa: F401
    import striprtf.striprtf  # noqa: F401
    import trafilatura  # noqa: F401


def format_of(path: str | os.PathLike) -> str:
    """The format a file's extension declares ('txt' for an unknown one)."""
    return FORMATS.get(os.path.splitext(os.fspath(path))[1].lower(), "txt")


def read_bytes(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a regular file no larger than ``max_bytes``; LoadError otherwise.

    Opened without blocking, so a named pipe in the folder cannot hang the batch.
    """
    p = os.fspath(path)
    try:
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        raise _os_error(p, e) from e
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise LoadError("not_a_file", f"{p} is a folder")
        if not stat.S_ISREG(st.st_mode):
            raise LoadError("not_a_file", f"{p} is not a regular file (a pipe, socket or device)")
        if st.st_size > max_bytes:
            raise LoadError("too_large", f"the file is {st.st_size} bytes, over the limit of {max_bytes}",
                            {"bytes": st.st_size})
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > max_bytes:  # it grew while we read
                raise LoadError("too_large", f"the file grew past the limit of {max_bytes} bytes")
        return b"".join(chunks)
    except OSError as e:
        raise _os_error(p, e) from e
    finally:
        os.close(fd)


def _os_error(path: str, e: OSError) -> LoadError:
    """The report kind for an operating-system error."""
    if e.errno == errno.ENOENT:
        if os.path.islink(path):
            return LoadError("not_found", f"{path} is a symbolic link to a missing file")
        return LoadError("not_found", f"no such file: {path} (removed before it was read?)")
    if e.errno in (errno.EACCES, errno.EPERM):
        return LoadError("permission", f"permission denied: {path}")
    if e.errno == errno.ELOOP:
        return LoadError("symlink_loop", f"{path} is a symbolic link that loops back on itself")
    if e.errno == errno.EISDIR:
        return LoadError("not_a_file", f"{path} is a folder")
    return LoadError("io", f"cannot read {path}: {e.strerror or e}")


def extract(data: bytes, declared: str = "txt", limits: Limits | None = None) -> Extracted:
    """Plain text from a file's bytes; ``declared`` is the format its extension names.

    The bytes decide: a .doc that holds RTF is read as RTF, with a warning; a .pdf
    that holds a PNG is an error.
    """
    limits = limits or Limits()
    if not data.strip():
        raise LoadError("empty", "the file is empty" if not data else "the file holds only whitespace")
    actual = sniff(data)
    if actual == OLE:
        if is_encrypted_office(data):
            raise LoadError("encrypted", "the Office document is protected by a password")
        raise LoadError("unsupported", "a legacy binary Word/Office file (97-2003 .doc): "
                                       "save it as .docx")
    if actual is not None and actual not in READERS:
        raise LoadError("wrong_format", f"the file is {actual}, not a .{declared} document")
    if actual is None:
        if declared in SIGNED:
            raise LoadError("wrong_format", f"not a .{declared} document: the file has no "
                                            f"{declared.upper()} signature")
        fmt = "txt" if declared in ("rtf", "doc") else declared
    else:
        fmt = actual
    result = READERS[fmt](data, limits)
    if _family(result.format) != _family(declared) \
            and not any(w.startswith(FORMAT_MISMATCH) for w in result.warnings):
        result.warnings.insert(0, warning(
            FORMAT_MISMATCH, f"the .{declared} file holds {_name(result.format)}: read as such"))
    lang = language_warning(result.text)
    if lang:
        result.warnings.append(lang)
    return result


def _family(fmt: str) -> str:
    return "txt" if fmt == "md" else fmt


def _name(fmt: str) -> str:
    return {"txt": "plain text", "md": "Markdown", "html": "an HTML page", "docx": "a Word document",
            "rtf": "an RTF document", "pdf": "a PDF document", "eml": "an e-mail"}.get(fmt, fmt)


def read_file(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES,
              limits: Limits | None = None) -> Extracted:
    """Read one file and extract its text; raises LoadError with a clear reason.

    The result's ``extra`` carries the file's size and SHA-256, for the manifest.
    """
    limits = limits or Limits(max_bytes=max_bytes)
    data = read_bytes(path, limits.max_bytes)
    meta = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    try:
        result = extract(data, format_of(path), limits)
    except LoadError as e:
        e.meta.update(meta)
        raise
    result.extra.update(meta)
    return result
