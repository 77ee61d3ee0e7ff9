"""How long the place gazetteer takes to load and to answer, in a fresh process.

    python benchmarks/gazetteer.py

Prints the load time (morphology loaded first, as in the pipeline), the number of names,
and the time per lookup for phrases seen for the first time and again (cached).
"""

from __future__ import annotations

import time


def main() -> None:
    """Load the gazetteer once and time it."""
    from pipeline import Resources

    resources = Resources()
    morph = resources.morph  # loaded first, as in the pipeline
    assert morph is not None
    t = time.perf_counter()
    geo = resources.geo
    load = time.perf_counter() - t
    print(f"gazetteer loaded in {load:.3f} s: {len(geo.cities):,} city names, "
          f"{len(geo.countries):,} country names, {len(geo.regions):,} region names, "
          f"{len(geo.adjectives):,} place adjectives")
    words = ["Казани", "Нижнем Новгороде", "Великобритании", "Претории", "российской", "Форум",
             "Самару", "Нью-Йорке", "Центральной Азии", "московского"] * 100
    phrases = [f"{w}{i}" if i % 2 else w for i, w in enumerate(words)]
    for label in ("first", "again"):
        t = time.perf_counter()
        for phrase in phrases:
            geo.lookup(phrase.split())
            geo.adjective(phrase)
        per = (time.perf_counter() - t) / len(phrases)
        print(f"lookup + adjective, {label}: {per * 1e6:.1f} µs per phrase")


if __name__ == "__main__":
    main()
