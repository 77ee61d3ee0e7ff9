"""Deduplicate: repeated paragraphs inside a document, and the same document across a run.

``mark_duplicate_paragraphs`` is the pipeline stage; ``CorpusDeduplicator`` (in
``corpus``) finds exact and near-duplicate documents in a stream of hundreds of
thousands with MinHash and LSH; ``compare`` holds the text comparison both share.
"""

from .compare import Comparison, Conflict, TextComparer, text_key
from .paragraphs import mark_duplicate_paragraphs, paragraph_key

__all__ = ["Comparison", "Conflict", "TextComparer", "mark_duplicate_paragraphs",
           "paragraph_key", "text_key"]
