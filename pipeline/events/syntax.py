"""Dependency trees of the document's sentences, from natasha's news syntax model.

The model (slovnet, shipped inside the natasha wheel) is wrapped here once: it gets
the document's own tokens, sentence by sentence, and what comes back is a plain
``Tree`` of token indices and relation names, so nothing of slovnet leaks out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from ..cnn import SyntaxModel
from ..doc import Document


@dataclass
class Tree:
    """Heads and relations of a document's tokens; ``heads[i]`` is -1 at a root."""

    heads: list[int]
    rels: list[str]

    def __post_init__(self) -> None:
        # most tokens are roots (only sentences with an event are parsed): a dict of the
        # heads that have children, not a list per token
        self._children: dict[int, list[int]] = {}
        for k, h in enumerate(self.heads):
            if h >= 0:
                self._children.setdefault(h, []).append(k)

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

    def children(self, i: int) -> Sequence[int]:
        """Tokens whose head is ``i``."""
        return self._children.get(i, ())

    def span_head(self, first: int, last: int) -> int:
        """The token of ``first..last`` (exclusive) whose head lies outside the span."""
        for k in range(first, last):
            h = self.heads[k]
            if h < first or h >= last:
                return k
        return first


class SyntaxParser:
    """natasha's ``NewsSyntaxParser`` over the document's tokens."""

    def __init__(self, batch_size: int = 16, embedding=None):
        from natasha import NewsEmbedding, NewsSyntaxParser

        # the word vectors (navec, read-only) may be shared with the NER
        parser = NewsSyntaxParser(embedding if embedding is not None else NewsEmbedding())
        self.model = SyntaxModel(parser.infer)
        self.batch_size = batch_size

    def parse(self, doc: Document, sentences: Iterable[int] | None = None) -> Tree:
        """One tree over all tokens of ``doc``; relations never cross sentences.

        Only the ``sentences`` given (indices; default: all) are parsed; the tokens of
        the others stay roots.
        """
        return self.parse_many([(doc, sentences)])[0]

    def parse_many(self, items: Sequence[tuple[Document, Iterable[int] | None]]) -> list[Tree]:
        """``parse`` for many documents at once: their sentences go to the model in one
        stream of batches, shortest first, so that padding stays small."""
        heads = [[-1] * len(doc.tokens) for doc, _ in items]
        rels = [["root"] * len(doc.tokens) for doc, _ in items]
        todo: list[tuple[int, int, list[str]]] = []  # (document, first token, words)
        for d, (doc, wanted) in enumerate(items):
            picked = range(len(doc.sentences)) if wanted is None else sorted(set(wanted))
            for s in picked:
                sent = doc.sentences[s]
                if sent.last_token > sent.first_token:
                    words = [t.norm for t in doc.tokens[sent.first_token:sent.last_token]]
                    todo.append((d, sent.first_token, words))
        todo.sort(key=lambda item: len(item[2]))
        for (d, first, _), (sent_heads, sent_rels) in zip(todo, self._map([words for _, _, words in todo])):
            for k, (head, rel) in enumerate(zip(sent_heads, sent_rels)):
                heads[d][first + k] = first + head - 1 if head > 0 else -1
                rels[d][first + k] = rel or "dep"
        return [Tree(h, r) for h, r in zip(heads, rels)]

    def _map(self, words: Sequence[Sequence[str]]) -> Iterator[tuple[list[int], list[str]]]:
        for start in range(0, len(words), self.batch_size):
            yield from self.model(words[start:start + self.batch_size])
