"""The lean runner of natasha's CNN models gives what slovnet's own runner gives."""

import numpy as np
import pytest
from razdel import tokenize

from pipeline import cnn

SENTENCES = [
    "В Ташкенте с 11 по 15 марта прошла пятая встреча Creative Central Asia.",
    "Организатором выступил Британский совет при поддержке Министерства культуры.",
    "Более 40 специалистов из Казахстана и Узбекистана приняли участие.",
    "Пресс-секретарь Иван Петров заявил, что следующая встреча пройдет в Алматы.",
    "Да.",
    "«Армия-2024» — XV Международный форум, открывшийся в понедельник в подмосковной Кубинке.",
]
WORDS = [[t.text for t in tokenize(s)] for s in SENTENCES]


@pytest.fixture(scope="module")
def natasha_models(resources):
    from natasha import NewsNERTagger, NewsSyntaxParser

    emb = resources.embedding
    return NewsNERTagger(emb), NewsSyntaxParser(emb)


def test_ner_tags_match_slovnet(natasha_models):
    tagger, _ = natasha_models
    infer = tagger.infer
    ours = cnn.NERModel(infer)(WORDS)
    theirs = list(infer.decoder(infer.process(infer.encoder(WORDS))))
    assert ours == theirs
    assert any(tag != "O" for tags in ours for tag in tags)  # the texts do have entities


def test_syntax_trees_match_slovnet(natasha_models):
    _, parser = natasha_models
    ours = list(cnn.SyntaxModel(parser.infer)(WORDS))
    theirs = list(parser.map(WORDS))
    assert len(ours) == len(theirs) == len(WORDS)
    for (heads, rels), markup in zip(ours, theirs):
        assert heads == [int(t.head_id) for t in markup.tokens]
        assert rels == [t.rel for t in markup.tokens]
        assert heads.count(0) >= 1  # every sentence has a root


@pytest.mark.parametrize("batch", [WORDS, WORDS[4:5], sorted(WORDS, key=len)])
def test_conv_stack_matches_slovnet_encoder(natasha_models, batch):
    model = natasha_models[0].infer.model
    ours = cnn.NERModel(natasha_models[0].infer)
    word_ids, shape_ids, mask = ours.encoder.batch(batch)
    x = model.emb(word_ids, shape_ids)
    np.testing.assert_allclose(ours.convs(x, mask), model.encoder(x, ~mask), rtol=1e-4, atol=1e-4)


def test_word_vectors_are_navecs_exactly(natasha_models):
    model = natasha_models[1].infer.model
    ids = np.array([[0, 1, 17, 250000], [5, 250001, 3, 3]])
    assert np.array_equal(cnn.WordVectors(model.emb.word)(ids), model.emb.word(ids))


def test_encoder_matches_slovnet_and_cache_stays_bounded(natasha_models, monkeypatch):
    infer = natasha_models[0].infer
    ours = cnn.Encoder(infer.encoder.words_vocab, infer.encoder.shapes_vocab)
    word_ids, shape_ids, mask = ours.batch(WORDS)
    theirs = next(iter(infer.encoder(WORDS)))  # one slovnet batch holds them all
    assert np.array_equal(word_ids, theirs.word_id)
    assert np.array_equal(shape_ids, theirs.shape_id)
    assert np.array_equal(mask, ~theirs.pad_mask)

    monkeypatch.setattr(cnn, "WORD_CACHE_SIZE", 5)
    small = cnn.Encoder(infer.encoder.words_vocab, infer.encoder.shapes_vocab)
    again, _, _ = small.batch(WORDS)
    assert np.array_equal(again, word_ids)  # a restarted cache gives the same ids
    assert 0 < len(small._ids) <= 5


@pytest.mark.parametrize("which", [0, 1])
def test_encode_with_the_shape_table_matches_slovnet(natasha_models, which):
    infer = natasha_models[which].infer
    ours = (cnn.NERModel if which == 0 else cnn.SyntaxModel)(infer)
    got, mask = ours.encode(WORDS)
    word_ids, shape_ids, _ = ours.encoder.batch(WORDS)
    want = infer.model.encoder(infer.model.emb(word_ids, shape_ids), ~mask)
    np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("size", [0, 3, 10_000])
def test_kept_word_products_are_the_products_and_stay_bounded(natasha_models, size):
    """Kept or not (a full table, a table of three, none), a word's first-layer products are
    its vector times the layer's word kernels; a kept word gets the same row each time."""
    model = cnn.NERModel(natasha_models[0].infer)
    weight = model.word_products.weight
    products = cnn.WordProducts(model.words, weight, size)
    word_ids, _, _ = model.encoder.batch(WORDS)
    want = model.words(word_ids).reshape(-1, weight.shape[0]) @ weight
    for _ in range(2):  # the second time, the kept words come from the table
        got = products(word_ids)
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)
    assert len(products.slots) == min(size, len(np.unique(word_ids)))
    kept = products.slots
    assert all(np.array_equal(products.table[row], products(np.array([[i]]))[0]) for i, row in kept.items())


def test_ner_with_kept_word_products_tags_as_slovnet(natasha_models):
    """Tags after the table filled (the words met before are read back) are slovnet's."""
    infer = natasha_models[0].infer
    ours = cnn.NERModel(infer)
    ours(WORDS)
    theirs = list(infer.decoder(infer.process(infer.encoder(WORDS))))
    assert ours.word_products.slots and ours(WORDS) == theirs
