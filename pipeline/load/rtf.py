"""RTF (.rtf): the text by striprtf, with the code page the file declares
(``\\ansicpg1251``, or a Cyrillic font, ``\\fcharset204``); title, author and creation
date from its ``{\\info}`` group."""

from __future__ import annotations

import codecs
import datetime as dt
import re

from .base import Extracted, LoadError, clean_field, join_blocks

ANSICPG = re.compile(rb"\\ansicpg(\d+)")
CYRILLIC_FONT = re.compile(rb"\\fcharset204\b")
INFO_FIELD = r"\{\\%s\s+((?:[^{}\\]|\\.)*)\}"
CREATED = re.compile(rb"\\creatim\\yr(\d{4})\\mo(\d{1,2})\\dy(\d{1,2})")
HEX_ESCAPE = re.compile(r"\\'([0-9a-fA-F]{2})")
UNICODE_ESCAPE = re.compile(r"\\u(-?\d+)\??")


def read_rtf(data: bytes) -> Extracted:
    """Plain text of an RTF file, one paragraph per ``\\par``."""
    from striprtf.striprtf import rtf_to_text

    codepage = _codepage(data)
    source = data.decode("latin-1")  # RTF is 7-bit; latin-1 keeps any stray byte as is
    try:
        text = rtf_to_text(source, encoding=codepage, errors="replace")
    except Exception as e:  # striprtf is a tokenizer: a broken file fails anywhere
        raise LoadError("corrupt", f"the RTF file is damaged: {type(e).__name__}: {e}") from e
    text = join_blocks(text.splitlines())
    if not text:
        raise LoadError("empty", "the RTF document holds no text")
    return Extracted(text, "rtf", encoding=codepage, title=_info(source, "title", codepage),
                     date=_created(data), author=_info(source, "author", codepage))


def _codepage(data: bytes) -> str:
    m = ANSICPG.search(data[:4096])
    if m and m.group(1) != b"1252" and _known(f"cp{int(m.group(1))}"):
        return f"cp{int(m.group(1))}"
    # "\ansicpg1252" with Cyrillic fonts is what many Russian editors write
    return "cp1251" if CYRILLIC_FONT.search(data[:20000]) else "cp1252"


def _known(encoding: str) -> bool:
    try:
        codecs.lookup(encoding)
    except LookupError:  # "\\ansicpg125" in a damaged file
        return False
    return True


def _info(source: str, name: str, codepage: str) -> str | None:
    """A field of the {\\info} group, its \\'xx and \\uN escapes decoded."""
    m = re.search(INFO_FIELD % name, source[:50_000])
    if not m:
        return None
    raw = UNICODE_ESCAPE.sub(lambda u: chr(int(u.group(1)) % 65536), m.group(1))
    raw = HEX_ESCAPE.sub(lambda h: bytes([int(h.group(1), 16)]).decode(codepage, "replace"), raw)
    return clean_field(raw)


def _created(data: bytes) -> str | None:
    m = CREATED.search(data[:50_000])
    if not m:
        return None
    try:
        return dt.date(*(int(x) for x in m.groups())).isoformat()
    except ValueError:  # "\\mo13": no such date
        return None
