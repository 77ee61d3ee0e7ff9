"""The natasha NER adapter: sentences of words in, typed token spans out.

natasha's ``NewsNERTagger`` (slovnet) tags razdel tokens with PER/LOC/ORG in BIO.
We feed it our own tokens, so its spans line up with the document's tokens, and we
batch sentences across documents, sorted by length so that padding stays small.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from ..cnn import NERModel

TYPES = {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}


@dataclass(frozen=True, slots=True)
class TokenSpan:
    """Tokens ``start``..``end`` (exclusive) of a sentence tagged ``type``."""

    start: int
    end: int
    type: str


class NatashaNER:
    """Loads natasha's news NER model once; tags many sentences per call."""

    def __init__(self, batch_size: int = 16, embedding=None):
        from natasha import NewsEmbedding, NewsNERTagger

        # the word vectors (navec, read-only) may be shared with the syntax parser
        tagger = NewsNERTagger(embedding if embedding is not None else NewsEmbedding())
        self.model = NERModel(tagger.infer)
        self.batch_size = batch_size

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[TokenSpan]]:
        """Entity spans for each sentence (a list of words), in input order."""
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        out: list[list[TokenSpan]] = [[] for _ in sentences]
        todo = [i for i in order if sentences[i]]
        for start in range(0, len(todo), self.batch_size):
            batch = todo[start:start + self.batch_size]
            for i, tags in zip(batch, self.model([sentences[i] for i in batch])):
                out[i] = list(bio_spans(tags))
        return out


def bio_spans(tags: Iterable[str]) -> Iterator[TokenSpan]:
    """Token spans of a BIO tag sequence: ["B-PER", "I-PER", "O"] -> PER 0..2."""
    start = kind = None
    i = -1
    for i, tag in enumerate(tags):
        if tag == "O":  # most tags: a quick way through
            if kind is not None:
                yield TokenSpan(start, i, kind)
                start = kind = None
            continue
        part, _, label = tag.partition("-")
        if part == "I" and kind == label:
            continue
        if kind is not None:
            yield TokenSpan(start, i, kind)
            start = kind = None
        if part in ("B", "I") and label in TYPES:
            start, kind = i, TYPES[label]
    if kind is not None:
        yield TokenSpan(start, i + 1, kind)
