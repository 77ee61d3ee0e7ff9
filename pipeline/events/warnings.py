"""Contradictions inside a text, as warnings on the event they concern: a stated
duration against the date range, two different counts of one group, a weekday that
does not fall on the date."""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterable

from ..doc import Argument, Document, Event
from ..entities.dates import weekday_mismatch
from ..entities.numbers import read_number

# "за три дня", "в течение пяти дней", "трехдневный"
DURATION = re.compile(
    r"(?:за|в\s+течение|на\s+протяжении|все)\s+(?P<n>\S+)\s+(?:дн(?:я|ей|ень)|сут(?:ок|ки))|"
    r"(?P<adj>(?:дву|двух|трех|трёх|четырех|четырёх|пяти|шести|семи|восьми|девяти|десяти)дневн\w+)",
    re.I)
ADJ_DAYS = {"дву": 2, "двух": 2, "трех": 3, "трёх": 3, "четырех": 4, "четырёх": 4, "пяти": 5,
            "шести": 6, "семи": 7, "восьми": 8, "девяти": 9, "десяти": 10}
# a much smaller count is a part of the group ("пятерых спортсменов" of 300), not a rival
PART_OF_GROUP = 0.5


def contradictions(doc: Document, ev: Event, sentences: Iterable[int], morph) -> list[str]:
    """Warnings for event ``ev`` whose text is in ``sentences``."""
    out: list[str] = []
    # a stated duration against the date range: "за три дня" vs "с 11 по 15 марта"
    days = _range_days(ev.start_date, ev.end_date)
    if days is not None and days > 1:
        for s in sorted(sentences):
            sent = doc.sentences[s]
            said = doc.text[sent.start:sent.end]
            low = said.lower()
            if "дн" not in low and "сут" not in low:  # in every duration: a quick skip
                continue
            for m in DURATION.finditer(said):
                stated = _duration_value(m, morph)
                if stated is not None and stated != days:
                    out.append(f"stated duration {stated} days disagrees with the date range ({days} days)")
    # two different counts for the same group: "более 300 спортсменов" and "260 спортсменов"
    by_noun: dict[str, list[Argument]] = {}
    for p in ev.participants:
        if p.attrs.get("count") is not None and p.attrs.get("affiliation") is None and p.attrs.get("noun"):
            by_noun.setdefault(p.attrs["noun"], []).append(p)
    for noun, group in by_noun.items():
        top = max(p.attrs["count"] for p in group)
        totals = [p for p in group if p.attrs["count"] >= PART_OF_GROUP * top]
        for a, b in zip(totals, totals[1:]):
            if _counts_conflict(a.attrs, b.attrs):
                out.append(f"two different counts for {noun}: \"{a.text}\" and \"{b.text}\"")
    for d in ev.dates:
        w = weekday_mismatch(d.attrs.get("value") or {})
        if w:
            out.append(w)
    return list(dict.fromkeys(out))


def _range_days(start: str | None, end: str | None) -> int | None:
    if not start or not end or len(start) != 10 or len(end) != 10:
        return None
    return (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days + 1


def _duration_value(m: re.Match, morph) -> int | None:
    if m.group("adj"):
        w = m.group("adj").lower()
        for prefix, n in sorted(ADJ_DAYS.items(), key=lambda kv: -len(kv[0])):
            if w.startswith(prefix):
                return n
        return None
    word = m.group("n")
    if word.isdigit():
        return int(word)
    r = read_number([word], 0, morph)
    return int(r[0]) if r else None


def _counts_conflict(a: dict, b: dict) -> bool:
    """True when two counts of one group cannot both hold: "более 300" and "260"."""
    def bounds(x: dict) -> tuple[float, float]:
        n, q = x["count"], x.get("qualifier")
        if "min" in x and "max" in x:
            return x["min"], x["max"]
        return {"more_than": (n + 1e-9, float("inf")), "at_least": (n, float("inf")),
                "less_than": (0, n - 1e-9), "at_most": (0, n),
                "about": (n * 0.85, n * 1.15)}.get(q, (n, n))
    lo_a, hi_a = bounds(a)
    lo_b, hi_b = bounds(b)
    return hi_a < lo_b or hi_b < lo_a
