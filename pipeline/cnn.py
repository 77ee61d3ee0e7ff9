"""Running natasha's CNN models (slovnet NER and syntax) with less overhead.

natasha's ``NewsNERTagger`` and ``NewsSyntaxParser`` are slovnet models: word vectors
and word shapes, three 1-d convolutions, then a CRF (NER) or a biaffine head (syntax).
slovnet's numpy runner spends a good part of its time outside the arithmetic: it
computes every word's shape again for every sentence, copies each layer's input into
convolution windows and transposes between layers. Here the same weights run with
channels last and one matrix product per layer (the word shapes' share of the first
one looked up in a table, batch norm as one scale and shift), and word ids are cached,
so a batch costs little more than its matrix products. The first layer's products of a
word vector depend on the word alone: they are kept for the first ``WORD_PRODUCT_ROWS``
distinct words met (the frequent words come early; on NEREL train more than half of
the tokens are then read back instead of multiplied).

The results are those of slovnet's runner up to float rounding (the sums run in
another order); tests/test_cnn.py checks the tags and trees against slovnet's own.
"""

from __future__ import annotations

from typing import Iterator, Sequence

import numpy as np
from slovnet.shape import word_shape

# words and their (word id, shape id) are cached up to this many, then the cache restarts
WORD_CACHE_SIZE = 50_000


class Encoder:
    """Word ids and shape ids of sentences, with padding (slovnet's encoding)."""

    def __init__(self, words_vocab, shapes_vocab):
        self.words = words_vocab
        self.shapes = shapes_vocab
        self._ids: dict[str, tuple[int, int]] = {}

    def ids(self, word: str) -> tuple[int, int]:
        """(word id, shape id) of one word; unknown words get the vocabularies' UNK."""
        found = self._ids.get(word)
        if found is None:
            if len(self._ids) >= WORD_CACHE_SIZE:
                self._ids.clear()
            found = (self.words.encode(word.lower()), self.shapes.encode(word_shape(word)))
            self._ids[word] = found
        return found

    def batch(self, sentences: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """word ids, shape ids (batch x longest, padded) and the mask of real tokens."""
        longest = max(len(s) for s in sentences)
        word_ids = np.full((len(sentences), longest), self.words.pad_id, dtype=np.int64)
        shape_ids = np.full((len(sentences), longest), self.shapes.pad_id, dtype=np.int64)
        ids = self.ids
        for row, sentence in enumerate(sentences):
            if sentence:
                pairs = [ids(w) for w in sentence]
                word_ids[row, :len(pairs)] = [p[0] for p in pairs]
                shape_ids[row, :len(pairs)] = [p[1] for p in pairs]
        return word_ids, shape_ids, word_ids != self.words.pad_id


class ConvStack:
    """The CNN encoder, channels last: each layer is one product with its kernels side
    by side, the shifted slices summed, then ReLU, batch norm and the padding zeroed."""

    def __init__(self, layers):
        self.layers = []
        for layer in layers:
            weight = layer.conv.weight.array  # filters x in x kernel
            filters, dim, kernel = weight.shape
            # dim x (kernel * filters): column block k holds kernel position k
            stacked = np.ascontiguousarray(weight.transpose(1, 2, 0).reshape(dim, kernel * filters))
            norm = layer.norm
            # batch norm, (x - mean) / std * weight + bias, as one scale and one shift
            scale = (norm.weight.array / norm.std.array).astype(weight.dtype)
            shift = (norm.bias.array - norm.mean.array * scale).astype(weight.dtype)
            self.layers.append((stacked, layer.conv.bias.array, layer.conv.padding, kernel, filters,
                                scale, shift))

    def __call__(self, x: np.ndarray, mask: np.ndarray, extra: np.ndarray | None = None) -> np.ndarray:
        """batch x length x dim in, batch x length x filters of the last layer out.

        ``extra`` (batch * length x kernel * filters) is added to the first layer's
        products: the part of the input the caller multiplied out itself (see
        ``_Model.encode``), whose rows of the first kernels ``x`` then leaves out.
        """
        dim = x.shape[2]
        products = x.reshape(-1, dim) @ self.layers[0][0][:dim]
        if extra is not None:
            products += extra
        return self.from_products(products, mask)

    def from_products(self, products: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """The stack from the first layer's products (batch * length x kernel * filters) on."""
        batch, length = mask.shape
        keep = mask[:, :, None]
        x = None
        for stacked, bias, padding, kernel, filters, scale, shift in self.layers:
            if x is not None:
                dim = x.shape[2]
                products = x.reshape(-1, dim) @ stacked[:dim]
            products = products.reshape(batch, length, kernel, filters)
            # out[t] = bias + sum over k of products[t + k - padding, k]; outside the
            # sentence the input is zero, so those terms are left out
            out = np.zeros((batch, length, filters), dtype=products.dtype)
            out[:, padding:] = products[:, :length - padding, 0]
            out += bias
            for k in range(1, kernel):
                shift_by = k - padding
                if shift_by >= 0:
                    out[:, :length - shift_by] += products[:, shift_by:, k]
                else:
                    out[:, -shift_by:] += products[:, :length + shift_by, k]
            np.maximum(out, 0, out=out)
            out *= scale
            out += shift
            out *= keep
            x = out
        return x


class WordVectors:
    """navec's product-quantised vectors: one ``take`` over the flattened code books
    instead of slovnet's two-axis fancy indexing (same numbers, a few times faster)."""

    def __init__(self, navec):
        codes = navec.codes.array  # subspaces x centroids x chunk
        subspaces, centroids, chunk = codes.shape
        self.indexes = navec.indexes.array
        self.codes = np.ascontiguousarray(codes.reshape(subspaces * centroids, chunk))
        self.offsets = np.arange(subspaces, dtype=np.intp) * centroids
        self.dim = subspaces * chunk

    def __call__(self, word_ids: np.ndarray) -> np.ndarray:
        """batch x length ids in, batch x length x dim vectors out."""
        rows = self.indexes[word_ids.ravel()].astype(np.intp) + self.offsets
        return np.take(self.codes, rows, axis=0).reshape(*word_ids.shape, self.dim)


class WordProducts:
    """The first layer's products of word vectors, kept by word id for the first
    ``size`` distinct words met (the frequent ones come early): a kept word costs a copy
    of its row instead of its share of the layer's largest matrix product."""

    def __init__(self, words: WordVectors, weight: np.ndarray, size: int):
        self.words = words
        self.weight = weight  # dim x (kernel * filters)
        self.table = np.empty((size, weight.shape[1]), dtype=weight.dtype)
        self.slots: dict[int, int] = {}

    def __call__(self, word_ids: np.ndarray) -> np.ndarray:
        """batch x length ids in, (batch * length) x (kernel * filters) products out."""
        flat = word_ids.ravel()
        ids = flat.tolist()
        slots = self.slots
        rows = [slots.get(i, -1) for i in ids]
        out = np.empty((len(ids), self.weight.shape[1]), dtype=self.weight.dtype)
        missing = [k for k, r in enumerate(rows) if r < 0]
        if missing:
            made = self.words(flat[missing][None, :])[0] @ self.weight
            out[missing] = made
            room = len(self.table) - len(slots)
            for n, k in enumerate(missing):
                if room <= 0:
                    break
                if ids[k] not in slots:
                    slots[ids[k]] = len(slots)
                    self.table[slots[ids[k]]] = made[n]
                    room -= 1
        if len(missing) < len(ids):
            hit = [k for k, r in enumerate(rows) if r >= 0]
            out[hit] = self.table[[rows[k] for k in hit]]
        return out


# words whose first products are kept, per model (3 KB each)
WORD_PRODUCT_ROWS = 1024


class _Model:
    def __init__(self, infer):
        self.model = infer.model
        self.encoder = Encoder(infer.encoder.words_vocab, infer.encoder.shapes_vocab)
        self.convs = ConvStack(self.model.encoder.layers)
        self.words = WordVectors(self.model.emb.word)
        # The first layer's input is a word's vector and its shape's vector side by side.
        # There are a few dozen shapes, so their share of the first products is a table
        # made once, looked up instead of multiplied for every token.
        first = self.convs.layers[0][0]
        self.shape_products = np.ascontiguousarray(self.model.emb.shape.weight.array @ first[self.words.dim:])
        self.word_products = WordProducts(self.words, np.ascontiguousarray(first[:self.words.dim]),
                                          WORD_PRODUCT_ROWS)

    def encode(self, sentences: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        word_ids, shape_ids, mask = self.encoder.batch(sentences)
        products = self.word_products(word_ids)  # a fresh array: the kept rows stay as they are
        products += np.take(self.shape_products, shape_ids.ravel(), axis=0)
        return self.convs.from_products(products, mask), mask


class NERModel(_Model):
    """natasha's NER: BIO tags for a batch of sentences."""

    def __init__(self, infer):
        super().__init__(infer)
        self.tags = infer.decoder.tags_vocab.items

    def __call__(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """The BIO tag of every word of every (non-empty) sentence."""
        x, mask = self.encode(sentences)
        emissions = self.model.head(x)
        tags = self.tags
        return [[tags[i] for i in best] for best in self.model.head.crf.decode(emissions, mask)]


class SyntaxModel(_Model):
    """natasha's dependency parser: heads (1-based, 0 the root) and relations."""

    def __init__(self, infer):
        super().__init__(infer)
        self.rels = infer.decoder.rels_vocab.items

    def __call__(self, sentences: Sequence[Sequence[str]]) -> Iterator[tuple[list[int], list[str]]]:
        """(heads, relations) of every (non-empty) sentence."""
        x, mask = self.encode(sentences)
        head_scores = self.model.head(x)
        heads = self.model.head.decode(head_scores, mask)
        rel_ids = self.model.rel.decode(self.model.rel(x, heads), mask)
        rels = self.rels
        for row, sentence in enumerate(sentences):
            n = len(sentence)
            yield heads[row, :n].tolist(), [rels[i] for i in rel_ids[row, :n].tolist()]
