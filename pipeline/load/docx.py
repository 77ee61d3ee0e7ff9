"""Word (.docx): paragraphs and tables in reading order, headers before them and
footers after; title, author and date from the core properties."""

from __future__ import annotations

import io
import zipfile
from typing import Iterator

from .base import Extracted, Limits, LoadError, clean_field, iso_date, join_blocks

# More entries than any real document has: a crafted archive, refused like a zip bomb.
MAX_ENTRIES = 10_000


def check_archive(data: bytes, limits: Limits) -> None:
    """Refuse a ZIP that would unpack past the limit, before anything is unpacked.

    zipfile never yields more bytes than an entry declares (a lying entry fails its
    CRC check), so the declared sizes bound what reading can take.
    """
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise LoadError("corrupt", f"the .docx archive is damaged: {e}") from e
    if len(infos) > MAX_ENTRIES:
        raise LoadError("unpacked_too_large", f"the archive holds {len(infos)} entries, "
                                              f"over the limit of {MAX_ENTRIES}")
    total = sum(i.file_size for i in infos)
    if total > limits.max_unpacked:
        raise LoadError("unpacked_too_large", f"the archive would unpack to {total} bytes, "
                                              f"over the limit of {limits.max_unpacked}")


def read_docx(data: bytes, limits: Limits) -> Extracted:
    """Text of a Word document; the core properties' modified (else created) date."""
    check_archive(data, limits)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(_blocks(document))
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError, OSError) as e:
        raise LoadError("corrupt", f"the Word document is damaged: {type(e).__name__}: {e}") from e
    except Exception as e:  # lxml's XMLSyntaxError and friends: a broken part
        raise LoadError("corrupt", f"the Word document is damaged: {type(e).__name__}: {e}") from e
    text = join_blocks(blocks)
    if not text:
        raise LoadError("empty", "the Word document holds no text")
    props = document.core_properties
    # a release is often last week's file edited: its modified date is the release's
    date = iso_date(props.modified) or iso_date(props.created)
    return Extracted(text, "docx", title=clean_field(props.title), date=date,
                     author=clean_field(props.author))


def _blocks(document) -> Iterator[str]:
    """Header texts (each once), the body in order, then footer texts (each once)."""
    headers, footers = _parts(document, "header"), _parts(document, "footer")
    yield from headers
    yield from _content(document)
    yield from (f for f in footers if f not in headers)


def _parts(document, kind: str) -> list[str]:
    seen: list[str] = []
    for section in document.sections:
        for attr in (f"first_page_{kind}", kind, f"even_page_{kind}"):
            part = getattr(section, attr)
            if part.is_linked_to_previous:
                continue
            for block in _content(part):
                if block not in seen:
                    seen.append(block)
    return seen


def _content(container) -> Iterator[str]:
    """Paragraph texts and table rows of a body, header, footer or cell, in order."""
    from docx.table import Table

    for item in container.iter_inner_content():
        if isinstance(item, Table):
            yield from _table_rows(item)
        else:
            yield item.text


def _table_rows(table) -> Iterator[str]:
    """One line per row, cells separated by tabs; a merged cell counted once; nested
    tables follow their row."""
    from docx.table import Table

    for row in table.rows:
        cells, nested, seen = [], [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell repeats in every column it spans
                continue
            seen.add(id(cell._tc))
            words = []
            for item in cell.iter_inner_content():
                if isinstance(item, Table):
                    nested.extend(_table_rows(item))
                elif item.text.strip():
                    words.append(" ".join(item.text.split()))
            cells.append(" ".join(words))
        line = "\t".join(cells).strip()
        if line:
            yield line
        yield from nested
