"""Shared fixtures: one Resources (models load once per session) and helpers."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipeline import Pipeline, Resources

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
SHARED = ROOT.parent / "shared"

MARK = re.compile(r"\[\[(.+?)(?:\|([A-Z_]+))?\]\]")


def unmark(marked: str) -> tuple[str, list[tuple[int, int, str | None]]]:
    """'В [[Ташкенте|CITY]] прошел' -> ('В Ташкенте прошел', [(2, 10, 'CITY')])."""
    out, spans, pos = [], [], 0
    for m in MARK.finditer(marked):
        out.append(marked[pos:m.start()])
        start = sum(len(x) for x in out)
        out.append(m.group(1))
        spans.append((start, start + len(m.group(1)), m.group(2)))
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans


@pytest.fixture(scope="session")
def resources() -> Resources:
    """Models and gazetteers, loaded once for the whole test session."""
    return Resources()


@pytest.fixture(scope="session")
def nlp(resources) -> Pipeline:
    """The default pipeline over the session's resources."""
    return Pipeline(resources=resources)


@pytest.fixture(scope="session")
def expected_samples() -> dict:
    """What a careful reader records for each release in data/samples."""
    return json.loads((SAMPLES / "expected.json").read_text("utf-8"))
