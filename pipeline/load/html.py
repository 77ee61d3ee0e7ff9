"""HTML (.html, .htm): the main text without navigation and boilerplate, by trafilatura;
the title, the author and the publication date from the page's metadata."""

from __future__ import annotations

import logging
import re

from .base import Extracted, LoadError, clean_field, iso_date, join_blocks
from .text import Decoded, decode_declared

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)

# Dates from the page's metadata only: a date mentioned in the text is the event's,
# not the page's. A fixed upper bound keeps the output the same whatever day it runs.
DATE_PARAMS = {"original_date": True, "extensive_search": False, "max_date": "2099-12-31"}


def decode_html(data: bytes) -> Decoded:
    """The page as text: its BOM, valid UTF-8, its <meta charset>, or detection."""
    m = META_CHARSET.search(data[:4096])
    return decode_declared(data, m.group(1).decode("ascii", "replace") if m else None)


def read_html(data: bytes) -> Extracted:
    """Main text, one paragraph per block, blocks separated by blank lines."""
    decoded = decode_html(data)
    html = decoded.text
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    from trafilatura import bare_extraction, html2txt

    try:
        result = bare_extraction(html, with_metadata=True, include_comments=False,
                                 include_tables=True, deduplicate=False,
                                 date_extraction_params=dict(DATE_PARAMS))
    except Exception as e:  # a parser error on a broken page: fall back to all its text
        result = None
        fallback_reason = f"{type(e).__name__}: {e}"
    else:
        fallback_reason = None
    text = getattr(result, "text", None) or ""
    if not text.strip():
        # too little for trafilatura to call it an article: keep whatever text there is
        text = html2txt(html) or ""
    text = join_blocks(text.splitlines())
    if not text:
        why = f" ({fallback_reason})" if fallback_reason else ""
        raise LoadError("empty", f"the page holds no text{why}")
    title = clean_field(getattr(result, "title", None)) or _title_tag(html)
    return Extracted(text, "html", encoding=decoded.encoding, title=title,
                     date=iso_date(getattr(result, "date", None)),
                     author=clean_field(getattr(result, "author", None)),
                     warnings=list(decoded.warnings))


def _title_tag(html: str) -> str | None:
    import html as html_module

    m = TITLE.search(html[:100_000])
    return clean_field(html_module.unescape(m.group(1))) if m else None
