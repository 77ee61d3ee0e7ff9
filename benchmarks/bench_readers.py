"""Time to extract text from one press release in each format (no NLP).

The release is data/samples/kazan_youth_forum.txt, written out as each format the
way tests/makers.py writes them.

    .venv/bin/python benchmarks/bench_readers.py
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import makers  # noqa: E402

from pipeline.load import extract, preload_readers  # noqa: E402

REPEAT = 50


def main() -> None:
    """Print bytes and milliseconds per file for each format."""
    preload_readers()
    text = (ROOT / "data" / "samples" / "kazan_youth_forum.txt").read_text("utf-8")
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        docx = makers.write_docx(Path(tmp) / "a.docx", paragraphs).read_bytes()
    files = {
        "txt (utf-8)": (text.encode("utf-8"), "txt"),
        "txt (cp1251)": (text.encode("cp1251"), "txt"),
        "html": (makers.html_bytes("Форум", paragraphs, "2025-04-12"), "html"),
        "docx": (docx, "docx"),
        "rtf": (makers.rtf_bytes(paragraphs), "rtf"),
        "pdf": (makers.pdf_bytes([paragraphs[:3], paragraphs[3:]]), "pdf"),
        "eml": (makers.eml_bytes("Форум", text, dt.datetime(2025, 4, 12, tzinfo=dt.timezone.utc)), "eml"),
    }
    print(f"{'format':14s} {'bytes':>7s} {'ms/file':>8s}")
    for name, (data, fmt) in files.items():
        started = time.perf_counter()
        for _ in range(REPEAT):
            extract(data, fmt)
        print(f"{name:14s} {len(data):7d} {1000 * (time.perf_counter() - started) / REPEAT:8.2f}")


if __name__ == "__main__":
    main()
