"""Plain text (.txt, .md): the encoding chosen by validity and by how Russian the
decoded text reads.

Encodings: UTF-8 (with or without BOM), UTF-16/32 with BOM, UTF-16 without BOM,
cp1251, koi8-r, cp866 and mac-cyrillic; cp1252 and charset-normalizer's guess compete
too, so a West-European text is not read as Cyrillic mojibake.
"""

from __future__ import annotations

import codecs
import math
import re
from dataclasses import dataclass, field

from .base import (INVALID_BYTES, NOT_RUSSIAN, TRUNCATED, Extracted, LoadError, clean_field,
                   warning)

# Single-byte Cyrillic encodings tried when the bytes are not UTF-8, most common first.
CYRILLIC_ENCODINGS = ("cp1251", "koi8_r", "cp866", "mac_cyrillic")
# A West-European code page competes with them: "für" must not become "fьr".
WESTERN_ENCODINGS = ("cp1252",)

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
RUSSIAN_LETTERS = frozenset(RUSSIAN_LETTER_FREQ)
# Cyrillic letters Russian does not use: "і", "ї", "є" read as Ukrainian, "ў" Belarusian.
OTHER_CYRILLIC = frozenset("іїєґўђјљњћџѓќѕ")

# A Cyrillic letter glued to a Latin one inside a word ("fьr", "Ãîðîä") is mojibake.
MIXED_SCRIPT = re.compile(r"[a-zA-Z][а-яёА-ЯЁ]|[а-яёА-ЯЁ][a-zA-Z]")

# Words of Cyrillic letters, and a dash glued to the start of one.
CYRILLIC_WORD = re.compile(r"[а-яёА-ЯЁ]{2,}")
GLUED_DASH = re.compile(r"[—–][а-яё]")
# Guillemets open after a space and close before one: "ð«ª" is cp866 read as cp1252.
GLUED_QUOTE = re.compile(r"[^\W\d_]«|»[^\W\d_]")
# Fewer non-ASCII characters than this in valid UTF-8 may be a code page by chance.
FEW_NON_ASCII = 4
# Upper-case letters are rarer than lower-case ones: the cost of a capital.
UPPER_CASE_COST = 0.25

# Below this many letters a text is too short to say what language it is in.
MIN_LETTERS_FOR_LANGUAGE = 40
# A Russian release quotes English names, but most of its letters are Russian.
MIN_RUSSIAN_SHARE = 0.25


@dataclass(frozen=True)
class Decoded:
    """Decoded text, how it was decoded, and what had to be forgiven on the way."""

    text: str
    encoding: str
    warnings: tuple[str, ...] = field(default=())


def russianness(text: str) -> float:
    """Mean per-character log-likelihood of ``text`` as Russian prose; higher reads better.

    Cyrillic letters score by the frequency of their lower-case form, upper-case ones a
    little less (a koi8-r text read as cp1251 comes out upper-case); ASCII is neutral,
    Latin letters with diacritics (é, ü) cost a little more, anything else (box
    drawing, control characters, rare symbols a wrong code page produces) a lot. On
    top, what a wrong code page writes and Russian does not: a Cyrillic letter glued
    to a Latin one ("fьr"), a word in mixed case ("пРИВЕТ"), a dash or a guillemet glued
    to a word ("—пасибо": cp1251's "С" read as mac-cyrillic).
    """
    if not text:
        return 0.0
    sample = text[:20000]
    score = 0.0
    for c in sample:
        lp = LETTER_LOGP.get(c)
        if lp is not None:
            score += lp
            continue
        lp = LETTER_LOGP.get(c.lower())
        if lp is not None:
            score += lp - UPPER_CASE_COST
        elif c.isascii() or c in "«»—–…№\u00a0":
            score += -3.0
        elif c.isalpha() and not "\u0400" <= c <= "\u04ff":
            score += -5.0  # a foreign letter: "é" in a name is plausible, "џ" in Russian is not
        else:
            score += -12.0
    score -= 8.0 * len(MIXED_SCRIPT.findall(sample))
    score -= 6.0 * (len(GLUED_DASH.findall(sample)) + len(GLUED_QUOTE.findall(sample)))
    score -= 6.0 * sum(1 for w in CYRILLIC_WORD.findall(sample) if not _plain_case(w))
    return score / len(sample)


def _plain_case(word: str) -> bool:
    """"форум", "Форум", "ФОРУМ" and "ВКонтакте"-like brand names are fine; "фОРУМ" is not."""
    return word.islower() or word.isupper() or word[1:].islower() or word[:1].isupper()


def decode_bytes(data: bytes) -> Decoded:
    """Decode a text file's bytes; raises LoadError when they are not text."""
    if not data.strip():
        raise LoadError("empty", "the file is empty" if not data else "the file holds only whitespace")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _decode_unicode(data, encoding, after_bom=True)
    utf16 = _sniff_utf16(data)
    if utf16:
        try:
            return _decode_unicode(data, utf16)
        except LoadError:
            pass
    if b"\x00" in data:
        raise LoadError("binary", "the file holds binary data (NUL bytes), not text")
    utf8 = _decode_utf8(data)
    if utf8 is None:
        return _decode_single_byte(data)
    if sum(1 for c in utf8.text if ord(c) > 0x7F) >= FEW_NON_ASCII:
        return utf8
    # a few high bytes can be valid UTF-8 by chance: cp866 "цены" reads as "業"
    try:
        single = _decode_single_byte(data)
    except LoadError:
        return utf8
    return single if russianness(single.text) > russianness(utf8.text) else utf8


def _decode_unicode(data: bytes, encoding: str, after_bom: bool = False) -> Decoded:
    """UTF-8/16/32; a sequence cut off at the end of the file is dropped with a warning."""
    try:
        return Decoded(_check_text(data.decode(encoding)), encoding)
    except UnicodeDecodeError as e:
        cut = _truncated_at(data, e)
        if cut is None:
            where = " after its byte order mark" if after_bom else ""
            raise LoadError("decode", f"invalid {encoding}{where}: {e.reason} at byte {e.start}") from e
        return Decoded(_check_text(data[:cut].decode(encoding)), encoding,
                       (_truncation_warning(encoding, len(data) - cut),))


def _decode_utf8(data: bytes) -> Decoded | None:
    """UTF-8 if the bytes are UTF-8: valid, cut off at the end, or valid but for a few
    stray bytes (replaced by U+FFFD, with a warning); None if they are something else."""
    try:
        return Decoded(_check_text(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError as e:
        cut = _truncated_at(data, e)
        # only a text with UTF-8 letters before the cut is UTF-8 cut short: b"\xdf" alone is "Я"
        if cut is not None and any(b >= 0x80 for b in data[:cut]):
            return Decoded(_check_text(data[:cut].decode("utf-8")), "utf-8",
                           (_truncation_warning("utf-8", len(data) - cut),))
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for c in text if ord(c) > 0x7F) - bad
    # cp1251 read as UTF-8 is nearly all invalid; accidental valid pairs are rare ("Р»")
    if good >= 20 and good >= 20 * bad:
        return Decoded(_check_text(text), "utf-8", (warning(
            INVALID_BYTES, f"{bad} byte sequence(s) that are not UTF-8 were replaced with U+FFFD"),))
    return None


def _decode_single_byte(data: bytes) -> Decoded:
    """The single-byte code page whose reading is most Russian (or most plausible)."""
    candidates = [(data.decode(enc), enc) for enc in CYRILLIC_ENCODINGS + WESTERN_ENCODINGS
                  if _decodes(data, enc)]
    # b"\xa0" is "а" in cp866 and a no-break space in cp1251: a reading that is all space loses
    candidates = [c for c in candidates if c[0].strip()] or candidates
    best = max(candidates, key=lambda c: russianness(c[0]), default=None)
    if best is None or MIXED_SCRIPT.search(best[0][:20000]):
        guess = _charset_normalizer_guess(data)
        if guess and all(guess != enc for _, enc in candidates):
            candidates.append((data.decode(guess), guess))
            best = max(candidates, key=lambda c: russianness(c[0]))
    if best is None:
        raise LoadError("decode", "the bytes are neither UTF-8 nor a Cyrillic code page")
    text, encoding = best
    return Decoded(_check_text(text), encoding)


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _charset_normalizer_guess(data: bytes) -> str | None:
    """charset-normalizer's best encoding, a second opinion for non-Cyrillic texts."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a dependency, but not one to die for
        return None
    best = from_bytes(data[:200_000]).best()
    if best is None:
        return None
    try:
        name = codecs.lookup(best.encoding).name
        data.decode(name)
    except (LookupError, UnicodeDecodeError):
        return None
    return name


def _truncated_at(data: bytes, error: UnicodeDecodeError) -> int | None:
    """Where to cut when the only fault is an incomplete character at the very end."""
    if error.end < len(data) or error.start < len(data) - 3:
        return None
    try:
        data[:error.start].decode(error.encoding)
    except UnicodeDecodeError:
        return None
    return error.start


def _truncation_warning(encoding: str, dropped: int) -> str:
    return warning(TRUNCATED, f"the file ends inside a {encoding} character; "
                              f"the last {dropped} byte(s) were dropped")


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
    """Refuse decoded text that is blank or mostly control characters (a binary file)."""
    if not text.strip():
        raise LoadError("empty", "the file holds only whitespace")
    sample = text[:4096]
    bad = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f\v")
    if bad / len(sample) > 0.05:
        raise LoadError("binary", "the file holds binary data, not text")
    return text


def decode_declared(data: bytes, charset: str | None) -> Decoded:
    """Bytes whose charset a container declares (an HTML meta tag, a MIME header).

    Valid UTF-8 wins over the declaration (a page saved as UTF-8 that still says
    windows-1251 is common); then the declared charset if it decodes; then detection.
    """
    if not data.strip():
        raise LoadError("empty", "the file is empty")
    if any(data.startswith(bom) for bom, _ in BOMS):
        return decode_bytes(data)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if charset:
        try:
            name = codecs.lookup(charset.strip().strip("\"'")).name
            return Decoded(data.decode(name), name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data)


def language_warning(text: str) -> str | None:
    """A ``not_russian`` warning when the text reads as another language, else None."""
    letters = [c.lower() for c in text[:50_000] if c.isalpha()]
    if len(letters) < MIN_LETTERS_FOR_LANGUAGE:
        return None
    russian = sum(1 for c in letters if c in RUSSIAN_LETTERS)
    share = russian / len(letters)
    if share < MIN_RUSSIAN_SHARE:
        return warning(NOT_RUSSIAN, f"the text does not read as Russian: "
                                    f"{share:.0%} of its letters are Russian")
    other = sum(1 for c in letters if c in OTHER_CYRILLIC)
    if other > 0.01 * len(letters):
        return warning(NOT_RUSSIAN, "the text reads as Ukrainian or Belarusian "
                                    "(letters і, ї, є, ў that Russian does not use)")
    return None


def read_text(data: bytes, fmt: str = "txt") -> Extracted:
    """A .txt or .md file: the decoded text as it is; a Markdown title from its first heading."""
    decoded = decode_bytes(data)
    title = markdown_title(decoded.text) if fmt == "md" else None
    return Extracted(decoded.text, fmt, encoding=decoded.encoding, title=title,
                     warnings=list(decoded.warnings))


MD_HEADING = re.compile(r"^\s{0,3}#{1,2}\s+(.+?)\s*#*\s*$", re.MULTILINE)


def markdown_title(text: str) -> str | None:
    """The first '# Heading' of a Markdown text."""
    m = MD_HEADING.search(text[:5000])
    return clean_field(m.group(1)) if m else None
