"""How often text decoding picks the right encoding, by text length.

Windows of the sample releases (data/samples, and three of them in capitals) are
encoded in six encodings and decoded back; prints the share read exactly right.

    .venv/bin/python benchmarks/bench_decoding.py
"""

from __future__ import annotations

import collections
import json
from pathlib import Path

from pipeline.load import decode_bytes

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
ENCODINGS = ("utf-8", "cp1251", "koi8_r", "cp866", "mac_cyrillic", "utf-16-le")
LENGTHS = (8, 16, 32, 64, 128, 1000)
# characters some code pages lack, replaced as an editor would
PLAIN = str.maketrans({"«": '"', "»": '"', "—": "-", "–": "-", "№": "N", "\u00a0": " "})


def main() -> None:
    """Print accuracy per window length."""
    expected = json.loads((SAMPLES / "expected.json").read_text("utf-8"))
    texts = [p.read_bytes().decode(expected[p.stem]["encoding"]) for p in sorted(SAMPLES.glob("*.txt"))]
    texts += [t.upper() for t in texts[:3]]  # headlines and whole releases in capitals happen
    right: dict[int, list[int]] = collections.defaultdict(lambda: [0, 0])
    for n in LENGTHS:
        for text in texts:
            for start in range(0, max(1, len(text) - n), max(1, len(text) // 12)):
                for encoding in ENCODINGS:
                    window = text[start:start + n]
                    try:
                        data = window.encode(encoding)
                    except UnicodeEncodeError:
                        window = window.translate(PLAIN)
                        try:
                            data = window.encode(encoding)
                        except UnicodeEncodeError:
                            continue
                    if not window.strip():
                        continue
                    try:
                        ok = decode_bytes(data).text == window
                    except Exception:
                        ok = False
                    right[n][0] += ok
                    right[n][1] += 1
    print(f"{'length':>7s} {'right':>12s}")
    for n, (ok, total) in sorted(right.items()):
        print(f"{n:7d} {ok:5d}/{total:<5d} {ok / total:6.1%}")


if __name__ == "__main__":
    main()
