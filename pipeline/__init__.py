"""press-pipeline: Russian press releases and news in, structured event records out.

>>> import pipeline
>>> doc = pipeline.analyze("В Казани 12 апреля 2025 года прошел форум ...")   # doctest: +SKIP
>>> [e.to_dict() for e in doc.events]                                          # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"

from .batch import find_jobs, process_paths
from .doc import Argument, Document, Entity, Event, Paragraph, Sentence, Token
from .frames import to_dataframe
from .resources import Resources
from .stages import DEFAULT_STAGES, Pipeline, Stage, StageError, analyze, default_pipeline

__all__ = [
    "__version__", "analyze", "process_paths", "find_jobs", "Pipeline", "Stage", "StageError",
    "DEFAULT_STAGES", "default_pipeline", "Resources", "Document", "Paragraph", "Sentence",
    "Token", "Entity", "Event", "Argument", "to_dataframe",
]
