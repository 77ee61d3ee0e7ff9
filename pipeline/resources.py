"""Resources: the one place where models, morphology and gazetteers load.

Everything loads lazily, on first use, and once per process; pipeline stages, batch
workers and notebooks share one ``Resources`` (``Resources.shared()``).
"""

from __future__ import annotations

import datetime as dt
import gc
import threading
from dataclasses import dataclass, field
from typing import Any, ClassVar


@dataclass
class Resources:
    """Lazily loaded models and settings shared by the stages.

    ``reference_date`` resolves relative dates ("вчера") when a document states no
    date of its own; None leaves such dates unresolved.
    """

    reference_date: dt.date | None = None
    ner_batch_size: int = 16
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    _shared: ClassVar["Resources | None"] = None

    @classmethod
    def shared(cls) -> "Resources":
        """The process-wide default instance."""
        if cls._shared is None:
            cls._shared = cls()
        return cls._shared

    def _get(self, name: str, build):
        value = self._cache.get(name)
        if value is None:
            with self._lock:
                value = self._cache.get(name)
                if value is None:
                    value = build()
                    self._cache[name] = value
                    # a model lives as long as the process: its objects are put out of
                    # the cycle collector's sight, or every full collection walks its
                    # dictionaries and word lists again (about a tenth of a batch run)
                    gc.freeze()
        return value

    @property
    def morph(self):
        """The morphology adapter (pymorphy3 with a parse cache)."""
        from .morphology import Morphology

        return self._get("morph", Morphology)

    @property
    def embedding(self):
        """natasha's news word vectors, one copy for the NER and the syntax parser (~50 MB)."""
        from natasha import NewsEmbedding

        return self._get("embedding", NewsEmbedding)

    @property
    def ner(self):
        """The natasha NER adapter."""
        from .entities.ner import NatashaNER

        return self._get("ner", lambda: NatashaNER(self.ner_batch_size, self.embedding))

    @property
    def syntax(self):
        """The dependency parser the event stage reads arguments from."""
        from .events.syntax import SyntaxParser

        return self._get("syntax", lambda: SyntaxParser(embedding=self.embedding))

    @property
    def geo(self):
        """The place-name gazetteer (countries, cities, regions)."""
        from .entities.geo import Gazetteer

        return self._get("geo", lambda: Gazetteer(self.morph))

    def __getstate__(self) -> dict:
        # models are not sent to worker processes: each loads its own, once
        return {"reference_date": self.reference_date, "ner_batch_size": self.ner_batch_size}

    def __setstate__(self, state: dict) -> None:
        self.__init__(**state)

    def loaded(self) -> set[str]:
        """Names of what has loaded so far ("morph", "ner", ...)."""
        return set(self._cache)

    def unload(self, names) -> None:
        """Forget the named models; they load again on next use (workers that were
        forked with them keep their copy)."""
        with self._lock:
            for name in names:
                self._cache.pop(name, None)

    def preload(self) -> "Resources":
        """Load everything now (batch workers call this once at start-up)."""
        for name in ("morph", "ner", "geo", "syntax"):
            getattr(self, name)
        return self
