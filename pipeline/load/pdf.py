"""PDF (.pdf): the text layer of every page, by pypdf; title, author and creation date
from the document information. A scan without a text layer and a PDF locked with a
password are clear errors."""

from __future__ import annotations

import io
import logging

from .base import PAGES_WITHOUT_TEXT, Extracted, LoadError, clean_field, iso_date, warning


def read_pdf(data: bytes) -> Extracted:
    """Text of a PDF, pages joined by a line break (a sentence may run on)."""
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            # "" opens files that only restrict printing or copying; others need a password
            raise LoadError("encrypted", "the PDF is protected by a password")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except LoadError:
        raise
    except (FileNotDecryptedError, DependencyError) as e:
        raise LoadError("encrypted", f"the PDF is encrypted and cannot be opened: {e}") from e
    except Exception as e:  # pypdf fails anywhere on a damaged file, with any exception
        raise LoadError("corrupt", f"the PDF is damaged: {type(e).__name__}: {e}") from e
    text = "\n".join(p.strip("\n") for p in pages if p.strip())
    if not text.strip():
        raise LoadError("no_text_layer", f"the PDF has no text layer ({len(pages)} page(s) "
                                         f"without text, a scan?): it needs OCR first")
    blank = sum(1 for p in pages if not p.strip())
    warnings = [warning(PAGES_WITHOUT_TEXT, f"{blank} of {len(pages)} pages have no text layer "
                                            f"(scanned?): their text is missing")] if blank else []
    return Extracted(text, "pdf", title=_info(info, "title"), date=_date(info),
                     author=_info(info, "author"), warnings=warnings, extra={"pages": len(pages)})


def _info(info, name: str) -> str | None:
    try:
        return clean_field(getattr(info, name)) if info is not None else None
    except Exception:  # a malformed info dictionary is no reason to lose the text
        return None


def _date(info) -> str | None:
    if info is None:
        return None
    for name in ("creation_date", "modification_date"):
        try:
            value = iso_date(getattr(info, name))
        except Exception:  # "D:2024-13-45": pypdf raises on a malformed date
            value = None
        if value:
            return value
    return None
