"""Dependency trees of the document's sentences, from natasha's news syntax model.

The model (slovnet, shipped inside the natasha wheel) is wrapped here once: it gets
the document's own tokens, sentence by sentence, and what comes back is a plain
``Tree`` of token indices and relation names, so nothing of slovnet leaks out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Sequence

from ..doc import Document


@dataclass
class Tree:
    """Heads and relations of a document's tokens; ``heads[i]`` is -1 at a root."""

    heads: list[int]
    rels: list[str]

    def __post_init__(self) -> None:
        self._children: list[list[int]] = [[] for _ in self.heads]
        for k, h in enumerate(self.heads):
            if h >= 0:
                self._children[h].append(k)

    def ancestors(self, i: int, limit: int = 12) -> Iterator[int]:
        """Heads of token ``i``, nearest first."""
        seen = {i}
        while limit > 0:
            i = self.heads[i]
            if i < 0 or i in seen:
                return
            seen.add(i)
            yield i
            limit -= 1

    def children(self, i: int) -> list[int]:
        """Tokens whose head is ``i``."""
        return self._children[i]

    def span_head(self, first: int, last: int) -> int:
        """The token of ``first..last`` (exclusive) whose head lies outside the span."""
        for k in range(first, last):
            h = self.heads[k]
            if h < first or h >= last:
                return k
        return first


class SyntaxParser:
    """natasha's ``NewsSyntaxParser`` over the document's tokens."""

    def __init__(self, batch_size: int = 16):
        from natasha import NewsEmbedding, NewsSyntaxParser

        self.parser = NewsSyntaxParser(NewsEmbedding())
        self.parser.infer.encoder.batch_size = batch_size

    def parse(self, doc: Document) -> Tree:
        """One tree over all tokens of ``doc``; relations never cross sentences."""
        heads = [-1] * len(doc.tokens)
        rels = ["root"] * len(doc.tokens)
        sentences = [s for s in doc.sentences if s.last_token > s.first_token]
        words = [[doc.tokens[i].norm for i in range(s.first_token, s.last_token)] for s in sentences]
        for sent, markup in zip(sentences, self._map(words)):
            for k, tok in enumerate(markup.tokens):
                i = sent.first_token + k
                head = int(tok.head_id) if tok.head_id.isdigit() else 0
                heads[i] = sent.first_token + head - 1 if head > 0 else -1
                rels[i] = tok.rel or "dep"
        return Tree(heads, rels)

    def _map(self, words: Sequence[Sequence[str]]):
        if not words:
            return iter(())
        return self.parser.map([list(w) for w in words])
