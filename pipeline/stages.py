"""The pipeline: an ordered, named list of stages that a user can read, drop or extend.

A stage is a function ``stage(doc, resources) -> doc``, optionally with a batch form
``batch(docs, resources) -> iterator of docs`` that ``Pipeline.pipe`` uses on chunks
of documents (natasha's NER is much faster on batches). A stage that fails on a
document turns that document into an error naming the stage; the others go on.
"""

from __future__ import annotations

import itertools
import traceback
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Sequence

from .dedup import mark_duplicate_paragraphs
from .doc import Document
from .entities import tag_entities, tag_entities_batch
from .events import assemble_events, assemble_events_batch
from .morphology import tag_morphology
from .normalize import normalize
from .resources import Resources
from .segment import segment

StageFunc = Callable[[Document, Resources], Document]
BatchFunc = Callable[[Sequence[Document], Resources], Iterable[Document]]


@dataclass(frozen=True)
class Stage:
    """A named step: what it needs from earlier stages and what it sets."""

    name: str
    func: StageFunc
    batch: BatchFunc | None = None
    needs: tuple[str, ...] = ()
    sets: tuple[str, ...] = ()

    def __call__(self, doc: Document, resources: Resources) -> Document:
        return self.func(doc, resources)


class StageError(Exception):
    """A stage failed on a document."""

    def __init__(self, stage: str, error: BaseException):
        super().__init__(f"stage {stage!r} failed: {type(error).__name__}: {error}")
        self.stage = stage
        self.error = error


DEFAULT_STAGES: tuple[Stage, ...] = (
    Stage("normalize", normalize, sets=("norm",)),
    Stage("segment", segment, needs=("norm",), sets=("paragraphs", "sentences", "tokens")),
    Stage("morphology", tag_morphology, needs=("tokens",), sets=("tokens.lemma",)),
    Stage("entities", tag_entities, batch=tag_entities_batch, needs=("tokens",), sets=("entities",)),
    Stage("deduplicate", mark_duplicate_paragraphs, needs=("paragraphs",),
          sets=("paragraphs.duplicate_of",)),
    Stage("events", assemble_events, batch=assemble_events_batch, needs=("entities", "paragraphs.duplicate_of"), sets=("events",)),
)


@dataclass
class Pipeline:
    """Stages run in order over documents; ``Pipeline()`` is the full default pipeline.

    >>> nlp = Pipeline().without("events")             # doctest: +SKIP
    >>> nlp = Pipeline().with_stage(Stage("mine", f), after="entities")  # doctest: +SKIP
    """

    stages: list[Stage] = field(default_factory=lambda: list(DEFAULT_STAGES))
    resources: Resources = field(default_factory=Resources.shared)
    batch_size: int = 32

    @property
    def names(self) -> list[str]:
        """Stage names in order."""
        return [s.name for s in self.stages]

    def without(self, *names: str) -> "Pipeline":
        """A copy without the named stages."""
        unknown = set(names) - set(self.names)
        if unknown:
            raise KeyError(f"no such stage: {', '.join(sorted(unknown))}; stages are {self.names}")
        return Pipeline([s for s in self.stages if s.name not in names], self.resources, self.batch_size)

    def with_stage(self, stage: Stage, after: str | None = None, before: str | None = None) -> "Pipeline":
        """A copy with ``stage`` added after/before a named stage (default: at the end)."""
        stages = list(self.stages)
        if after is not None:
            stages.insert(self.names.index(after) + 1, stage)
        elif before is not None:
            stages.insert(self.names.index(before), stage)
        else:
            stages.append(stage)
        return Pipeline(stages, self.resources, self.batch_size)

    def __call__(self, text: str | Document, doc_id: str | None = None) -> Document:
        """Analyse one text (or document); raises StageError if a stage fails."""
        doc = text if isinstance(text, Document) else Document(text=text, doc_id=doc_id or "document")
        for stage in self.stages:
            try:
                doc = stage(doc, self.resources)
            except Exception as e:
                raise StageError(stage.name, e) from e
        return doc

    def pipe(self, docs: Iterable[Document], batch_size: int | None = None) -> Iterator[Document]:
        """Analyse a stream of documents in batches; failures become error documents."""
        size = batch_size or self.batch_size
        it = iter(docs)
        while True:
            chunk = list(itertools.islice(it, size))
            if not chunk:
                return
            yield from self._run_chunk(chunk)

    def _run_chunk(self, chunk: list[Document]) -> list[Document]:
        docs = list(chunk)
        for stage in self.stages:
            live = [i for i, d in enumerate(docs) if d.ok]
            if not live:
                break
            if stage.batch is not None and len(live) > 1:
                try:
                    results = list(stage.batch([docs[i] for i in live], self.resources))
                    for i, d in zip(live, results):
                        docs[i] = d
                    continue
                except Exception:
                    pass  # find the document that broke the batch, one by one
            for i in live:
                docs[i] = self._run_one(stage, docs[i])
        return docs

    def _run_one(self, stage: Stage, doc: Document) -> Document:
        try:
            return stage(doc, self.resources)
        except Exception as e:
            return fail(doc, f"stage:{stage.name}", f"{type(e).__name__}: {e}",
                        traceback.format_exc(limit=3))


def fail(doc: Document, kind: str, message: str, detail: str | None = None) -> Document:
    """Turn ``doc`` into an error document, keeping its id and metadata."""
    out = Document.failed(doc.doc_id, kind, message, doc.meta)
    if detail:
        out.error["detail"] = detail
    return out


_default: Pipeline | None = None


def default_pipeline() -> Pipeline:
    """The process-wide default pipeline (shared resources)."""
    global _default
    if _default is None:
        _default = Pipeline()
    return _default


def analyze(text: str, doc_id: str | None = None, pipeline: Pipeline | None = None) -> Document:
    """Run the full pipeline on one text: ``pipeline.analyze("В Казани прошел форум...")``."""
    return (pipeline or default_pipeline())(text, doc_id)
