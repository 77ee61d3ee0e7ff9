"""Load: read a file and decode it, choosing the encoding by validity and by how
Russian the decoded text reads.

Supported now: plain text (.txt, .md and files without a known extension) in UTF-8,
UTF-8 with BOM, UTF-16/32 with BOM, UTF-16 without BOM, cp1251, koi8-r, cp866 and
mac-cyrillic.
"""

from __future__ import annotations

import codecs
import math
import os
from dataclasses import dataclass
from pathlib import Path

# Files larger than this are refused: a press release is kilobytes, not megabytes.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# Single-byte Cyrillic encodings tried when the bytes are not UTF-8, most common first.
CYRILLIC_ENCODINGS = ("cp1251", "koi8_r", "cp866", "mac_cyrillic")

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Relative frequency (per mille) of Russian letters in running text; a decoding whose
# letters follow this profile reads as Russian. Lower case only: case is scored apart.
RUSSIAN_LETTER_FREQ = {
    "о": 110, "е": 85, "а": 80, "и": 74, "н": 67, "т": 63, "с": 55, "р": 47, "в": 45,
    "л": 44, "к": 35, "м": 32, "д": 30, "п": 28, "у": 26, "я": 20, "ы": 19, "ь": 17,
    "г": 17, "з": 16, "б": 16, "ч": 14, "й": 12, "х": 10, "ж": 9, "ш": 7, "ю": 6,
    "ц": 5, "щ": 4, "э": 3, "ф": 3, "ъ": 0.4, "ё": 0.4,
}
LETTER_LOGP = {c: math.log(f / 1000) for c, f in RUSSIAN_LETTER_FREQ.items()}


class LoadError(Exception):
    """A file that cannot become text; ``kind`` names the reason for reports."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass(frozen=True)
class Decoded:
    """Decoded text and how it was decoded."""

    text: str
    encoding: str


def russianness(text: str) -> float:
    """Mean per-character log-likelihood of ``text`` as Russian prose; higher reads better.

    Lower-case Cyrillic letters score by their frequency, upper-case ones a little less
    (a koi8-r text read as cp1251 comes out mostly upper-case), Latin letters, digits,
    spaces and punctuation are neutral, and anything else (box drawing, control
    characters, rare symbols a wrong code page produces) is penalised.
    """
    if not text:
        return 0.0
    score = 0.0
    n = 0
    for c in text[:20000]:
        n += 1
        lp = LETTER_LOGP.get(c)
        if lp is not None:
            score += lp
            continue
        low = c.lower()
        lp = LETTER_LOGP.get(low)
        if lp is not None:
            score += lp - 1.5
        elif c.isascii() or c in "«»—–…№\u00a0":
            score += -3.0
        else:
            score += -12.0
    return score / n


def decode_bytes(data: bytes) -> Decoded:
    """Decode a text file's bytes; raises LoadError when they are not text."""
    if not data.strip():
        raise LoadError("empty", "the file is empty" if not data else "the file holds only whitespace")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as e:
                raise LoadError("decode", f"invalid {encoding} after its byte order mark: {e.reason}") from e
            return Decoded(_check_text(text), encoding)
    utf16 = _sniff_utf16(data)
    if utf16:
        try:
            return Decoded(_check_text(data.decode(utf16)), utf16)
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise LoadError("binary", "the file holds binary data (NUL bytes), not text")
    try:
        return Decoded(_check_text(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass
    candidates = []
    for encoding in CYRILLIC_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((russianness(text), encoding, text))
    if not candidates:
        raise LoadError("decode", "the bytes are neither UTF-8 nor a Cyrillic code page")
    _, encoding, text = max(candidates, key=lambda c: c[0])
    return Decoded(_check_text(text), encoding)


def _sniff_utf16(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' for BOM-less UTF-16: one byte of each pair is nearly
    always 0x00 (ASCII) or 0x04 (Cyrillic), and NULs occur."""
    sample = data[:4096]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]

    def high_bytes(part: bytes) -> float:
        return sum(part.count(b) for b in (0, 4)) / len(part)

    if high_bytes(odd) > 0.95 and high_bytes(even) < 0.5:
        return "utf-16-le"
    if high_bytes(even) > 0.95 and high_bytes(odd) < 0.5:
        return "utf-16-be"
    return None


def _check_text(text: str) -> str:
    """Refuse decoded text that is mostly control characters (a binary file)."""
    sample = text[:4096]
    bad = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f\v")
    if sample and bad / len(sample) > 0.05:
        raise LoadError("binary", "the file holds binary data, not text")
    return text


def read_file(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> Decoded:
    """Read and decode one text file; raises LoadError with a clear reason."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise LoadError("not_a_file", f"{p} is a directory")
        if size > max_bytes:
            raise LoadError("too_large", f"the file is {size} bytes, over the limit of {max_bytes}")
        data = p.read_bytes()
    except LoadError:
        raise
    except FileNotFoundError as e:
        raise LoadError("not_found", f"no such file: {p}") from e
    except PermissionError as e:
        raise LoadError("permission", f"permission denied: {p}") from e
    except OSError as e:
        raise LoadError("io", f"cannot read {p}: {e.strerror or e}") from e
    return decode_bytes(data)
