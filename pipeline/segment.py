"""Segment: paragraphs, sentences (razdel) and tokens (razdel).

Paragraphs are split by blank lines, and by single line breaks too, as in releases
pasted from the web where each paragraph is one line; a block whose lines are all
about one width is hard-wrapped text, and its single line breaks are kept inside
the paragraph.
"""

from __future__ import annotations

import re
from typing import Iterator

from razdel import sentenize, tokenize

from .doc import Document, Paragraph, Sentence, Token
from .normalize import normalize_text

BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")
TERMINAL = tuple(".!?:;»\"')")
WRAP_MAX_WIDTH = 100  # wider lines are paragraphs on one line, not a wrapped column


def split_paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each paragraph of ``text``, surrounding whitespace trimmed."""
    pos = 0
    for m in BLANK_LINES.finditer(text):
        yield from _split_block(text, pos, m.start())
        pos = m.end()
    yield from _split_block(text, pos, len(text))


def _split_block(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Paragraphs of one block without blank lines."""
    lines = []
    pos = start
    while pos <= end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        lines.append((pos, stop))
        if nl < 0:
            break
        pos = nl + 1
    lines = [(s, e) for s, e in (_trim(text, s, e) for s, e in lines) if s < e]
    if not lines:
        return
    wrapped = _is_wrapped(text, lines)
    width = max(e - s for s, e in lines)
    para_start, prev = lines[0][0], lines[0]
    for line in lines[1:]:
        if not wrapped or _ends_paragraph(text, prev, line, width):
            yield para_start, prev[1]
            para_start = line[0]
        prev = line
    yield para_start, prev[1]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """True for a hard-wrapped column: 3+ lines, all but the last near one width."""
    if len(lines) < 3:
        return False
    widths = [e - s for s, e in lines[:-1]]
    width = max(widths)
    if width > WRAP_MAX_WIDTH:
        return False
    return sum(w >= 0.7 * width for w in widths) >= 0.8 * len(widths)


def _ends_paragraph(text: str, prev: tuple[int, int], line: tuple[int, int], width: int) -> bool:
    """Inside wrapped text: a short line closed by punctuation ends its paragraph."""
    short = prev[1] - prev[0] < 0.7 * width
    closed = text[prev[1] - 1] in TERMINAL
    indented = line[0] > 0 and text[line[0] - 1] in " \t"
    return (short and closed) or indented


def segment(doc: Document, resources=None) -> Document:
    """Stage: fill paragraphs, sentences and tokens (offsets into ``doc.text``)."""
    norm = doc.norm if doc.norm is not None else normalize_text(doc.text)
    doc.norm = norm
    text = norm.text
    paragraphs, sentences, tokens = [], [], []
    for p_start, p_end in split_paragraphs(text):
        p_index = len(paragraphs)
        paragraphs.append(Paragraph(*norm.to_original(p_start, p_end)))
        for sent in sentenize(text[p_start:p_end]):
            s_start, s_end = p_start + sent.start, p_start + sent.stop
            s_index = len(sentences)
            first = len(tokens)
            for tok in tokenize(sent.text):
                t_start, t_end = s_start + tok.start, s_start + tok.stop
                o_start, o_end = norm.to_original(t_start, t_end)
                tokens.append(Token(o_start, o_end, tok.text, s_index))
            sentences.append(Sentence(*norm.to_original(s_start, s_end), paragraph=p_index,
                                      first_token=first, last_token=len(tokens)))
    doc.paragraphs, doc.sentences, doc.tokens = paragraphs, sentences, tokens
    return doc
