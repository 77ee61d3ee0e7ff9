"""Normalise: clean the decoded text for the stages without losing offsets into it.

The cleaned text differs from the original in a few ways that every stage wants
(non-breaking spaces, soft hyphens, quote and dash variants, decomposed letters),
and keeps a map so that any span of the cleaned text converts back to the original.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from array import array
from dataclasses import dataclass

# One character for another, same length: the common case, and cheap.
SPACES = "\u00a0\u2007\u202f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000\t\v\f"
HYPHENS = "\u2010\u2011"          # "Нью\u2011Йорк" -> "Нью-Йорк"
DASHES = "\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"  # "30–40", "— сказал" -> "—"
DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u301d\u301e\uff02"  # „Заря“ -> "Заря"
SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u02bc"  # O’Brien -> O'Brien
ELLIPSIS = "\u2026"

TRANSLATE = {
    # a lone surrogate (no decoded file holds one, a Python string may) cannot be encoded
    # for the models: the replacement character stands in for it, one for one
    **{cp: "\ufffd" for cp in range(0xD800, 0xE000)},
    **{ord(c): " " for c in SPACES},
    **{ord(c): "-" for c in HYPHENS},
    **{ord(c): "\u2014" for c in DASHES},
    **{ord(c): '"' for c in DOUBLE_QUOTES},
    **{ord(c): "'" for c in SINGLE_QUOTES},
}

# Characters dropped: soft hyphen ("ав\u00adгуста"), zero-width marks, stray BOMs.
DROP = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


@dataclass(frozen=True)
class NormalizedText:
    """Cleaned text plus, for each of its characters, the original span it came from.

    ``starts[i]``/``ends[i]`` bound the original characters behind cleaned character
    ``i``; both are None when the cleaning kept the length (the map is the identity).
    """

    text: str
    original_length: int
    starts: array | None = None
    ends: array | None = None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the cleaned text to a span of the original text."""
        if self.starts is None or self.ends is None:
            return start, end
        if start >= end:
            pos = self.starts[start] if start < len(self.starts) else self.original_length
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def from_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the original text to the smallest covering span of the cleaned text."""
        if self.starts is None or self.ends is None:
            return start, end
        s = bisect.bisect_right(self.ends, start)
        e = bisect.bisect_left(self.starts, end)
        return s, max(s, e)


def normalize_text(text: str) -> NormalizedText:
    """Clean ``text``; the result maps back to it character by character."""
    cleaned = text.translate(TRANSLATE)
    if not _needs_reshaping(cleaned):
        return NormalizedText(cleaned, len(text))
    out: list[str] = []
    starts = array("l")
    ends = array("l")
    i, n = 0, len(cleaned)
    while i < n:
        c = cleaned[i]
        if c in DROP:
            i += 1
            continue
        if c == "\r":
            # "\r\n" -> "\n"; a lone "\r" (old Mac files) is a line break too
            j = i + 2 if i + 1 < n and cleaned[i + 1] == "\n" else i + 1
            out.append("\n")
            starts.append(i)
            ends.append(j)
            i = j
            continue
        if c == ELLIPSIS:
            # "..." keeps sentence splitting and regexes simple; three characters for one
            for _ in range(3):
                out.append(".")
                starts.append(i)
                ends.append(i + 1)
            i += 1
            continue
        j = i + 1
        while j < n and unicodedata.combining(cleaned[j]):
            j += 1
        if j > i + 1:
            # "и" + combining breve -> "й": one cleaned character for the cluster
            composed = unicodedata.normalize("NFC", cleaned[i:j])
            if len(composed) == j - i:
                composed_map = [(k, k + 1) for k in range(i, j)]   # "0\u0300": nothing composes
            else:
                composed_map = [(i, j)] * len(composed)            # each stands for the cluster
            for ch, (a, b) in zip(composed, composed_map):
                out.append(ch)
                starts.append(a)
                ends.append(b)
            i = j
            continue
        out.append(c)
        starts.append(i)
        ends.append(i + 1)
        i += 1
    return NormalizedText("".join(out), len(text), starts, ends)


RESHAPING = re.compile("[\r\u2026\u00ad\u200b-\u200d\u2060\ufeff\u0300-\u036f\u0483-\u0489]")


def _needs_reshaping(text: str) -> bool:
    """True when cleaning must change the length (drops, CR, ellipsis, combining marks)."""
    return RESHAPING.search(text) is not None


def normalize(doc, resources=None):
    """Stage: attach the cleaned text to the document."""
    doc.norm = normalize_text(doc.text)
    return doc
