"""Dates and date ranges in Russian text, with ISO values.

One span per date or range: "с 11 по 15 марта 2024 года" -> {"start": "2024-03-11",
"end": "2024-03-15"}; "с 28 февраля по 2 марта 2025 года" crosses months; a date with no
year ("20 мая") takes the year of the nearest year stated before it, else the document
date, else the first year stated after it; relative dates ("вчера", "в прошлом году")
resolve against the document date or stay unresolved, flagged, never guessed.

Values: {"start": ISO, "end": ISO} where ISO is "YYYY-MM-DD", "YYYY-MM" or "YYYY";
plus "year_inferred": true when the year came from context, "relative": the
expression and "resolved": false when nothing could anchor it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Iterator

# Full month names in any case, then abbreviations, which need their dot ("апр.").
MONTH_PATTERNS = [
    r"январ[ьяюе]|янв\.",
    r"феврал[ьяюе]|февр?\.",
    r"март[аеу]?|мар\.",
    r"апрел[ьяюе]|апр\.",
    r"ма[йяюе]",
    r"июн[ьяюе]|июн\.",
    r"июл[ьяюе]|июл\.",
    r"август[аеу]?|авг\.",
    r"сентябр[ьяюе]|сент?\.",
    r"октябр[ьяюе]|окт\.",
    r"ноябр[ьяюе]|нояб?\.",
    r"декабр[ьяюе]|дек\.",
]
MONTH = "(?:" + "|".join(f"(?:{p})" for p in MONTH_PATTERNS) + ")"
MONTH_RE = [re.compile(rf"^(?:{p})$", re.I) for p in MONTH_PATTERNS]

WEEKDAYS = {
    "понедельник": 0, "вторник": 1, "сред": 2, "четверг": 3, "пятниц": 4, "суббот": 5,
    "воскресень": 6,
}
WEEKDAY = (r"(?:понедельник[а]?|вторник[а]?|сред[аыу]|четверг[а]?|пятниц[аыу]|"
           r"суббот[аыу]|воскресень[ея])")

DAY = r"(?:[12]\d|3[01]|0?[1-9])"
YEAR = r"(?:1[0-9]{3}|20[0-9]{2})"
YEAR_WORD = r"(?:\s*(?:года|году|год|гг\.|г\.|г(?![а-яё])))"
PREP = r"(?:(?:в|во|на|к|до|после|от|около|с|со|по|за|начиная\s+с)\s+)"
RANGE_SEP = r"\s*(?:—|-|–|по|до)\s*"
PART = r"(?:начал[ео]|середин[еуы]|конц[ею]|кон\.|нач\.|первой\s+половин[еы]|второй\s+половин[еы])"
SEASON = r"(?:весн(?:ой|а|у|ы|е)|лет(?:ом|о|а|е)|осен(?:ью|ь|и)|зим(?:ой|а|у|ы|е))"

WB = r"(?<![\w\d])"  # left word boundary that also refuses a digit
WE = r"(?![\w\d])"

# Each rule: name, compiled pattern (named groups), in priority order. On overlap the
# longest match wins, then the earlier rule.
RULES: list[tuple[str, re.Pattern]] = []


def _rule(name: str, pattern: str) -> None:
    RULES.append((name, re.compile(WB + pattern + WE, re.I)))


# "с 28 февраля по 2 марта 2025 года", "28 февраля — 2 марта 2025 г."
_rule("range_cross_month",
      rf"(?:с\s+|со\s+)?(?P<d1>{DAY})\s+(?P<m1>{MONTH})(?:\s+(?P<y1>{YEAR}){YEAR_WORD}?)?"
      rf"{RANGE_SEP}(?P<d2>{DAY})\s+(?P<m2>{MONTH})(?:\s+(?P<y2>{YEAR}){YEAR_WORD}?)?")
# "с 11 по 15 марта 2024 года", "11–15 марта", "11-15.03.2024" handled below
_rule("range_days",
      rf"(?:с\s+|со\s+)?(?P<d1>{DAY}){RANGE_SEP}(?P<d2>{DAY})\s+(?P<m>{MONTH})"
      rf"(?:\s+(?P<y>{YEAR}){YEAR_WORD}?)?")
# "с 2010 по 2015 год", "в 2010–2015 годах"
_rule("range_years",
      rf"{PREP}?(?P<y1>{YEAR}){RANGE_SEP}(?P<y2>{YEAR})\s*(?:годы|годах|годов|гг\.|год[ау]?|г\.)")
# "с марта по май 2024 года"
_rule("range_months",
      rf"(?:с\s+)(?P<m1>{MONTH})(?:\s+(?P<y1>{YEAR}){YEAR_WORD}?)?\s+(?:по|до)\s+(?P<m2>{MONTH})"
      rf"(?:\s+(?P<y2>{YEAR}){YEAR_WORD}?)?")
# "в пятницу, 12 апреля 2025 года", "12 апреля", "12 апр. 2025 г."
_rule("day_month",
      rf"(?:{PREP}?(?P<wd>{WEEKDAY}),?\s+)?{PREP}?(?P<d>{DAY})(?:-?го)?\s+(?P<m>{MONTH})"
      rf"(?:\s+(?P<y>{YEAR}){YEAR_WORD}?)?")
# "12.04.2025", "12.04.25", "2025-04-12"
_rule("numeric", rf"{PREP}?(?P<d>{DAY})\.(?P<mn>0?[1-9]|1[0-2])\.(?P<y>{YEAR}|\d{{2}})(?:\s*г\.)?")
_rule("iso", r"(?P<y>(?:19|20)\d{2})-(?P<mn>0[1-9]|1[0-2])-(?P<d>[0-2]\d|3[01])")
# "в начале марта 2024 года", "в конце 2017 года", "в середине мая"
_rule("part_of",
      rf"{PREP}?(?P<part>{PART})\s+(?:(?P<m>{MONTH})(?:\s+(?P<y>{YEAR}){YEAR_WORD}?)?"
      rf"|(?P<y_only>{YEAR}){YEAR_WORD})")
# "весной 2024 года", "летом"
_rule("season", rf"{PREP}?(?P<season>{SEASON})(?:\s+(?P<y>{YEAR}){YEAR_WORD})?")
# "в марте 2024 года", "в марте"
_rule("month", rf"{PREP}?(?P<m>{MONTH})(?:\s+(?P<y>{YEAR}){YEAR_WORD}?)?")
# "в 2024 году", "2024 г.", "2024 год"
_rule("year", rf"{PREP}?(?P<y>{YEAR}){YEAR_WORD}")
# "в 1990-х годах", "90-х годов"
_rule("decade", rf"{PREP}?(?P<dec>(?:1[0-9]|20)?[0-9]0)-?(?:х|е|ые|ых)(?:\s+(?:годах|годов|годы|гг\.))?")
# "в XIX веке", "XXI век"
_rule("century", rf"{PREP}?(?P<cent>[IVX]{{1,5}})\s+(?:век[аеу]?|веков|вв?\.)")
# "вчера", "в прошлом году", "на следующей неделе", "в понедельник"
_rule("relative_day", r"(?P<rel>позавчера|вчера|сегодня|завтра|послезавтра)")
_rule("relative_unit",
      r"(?:в|на)\s+(?P<which>прошлом|прошедшем|этом|текущем|нынешнем|следующем|будущем|"
      r"прошлой|этой|текущей|следующей|будущей)\s+(?P<unit>году|месяце|неделе)")
_rule("weekday", rf"(?:в|во)\s+(?P<wd>{WEEKDAY})")

SEASON_MONTHS = {"весн": (3, 5), "лет": (6, 8), "осен": (9, 11), "зим": (12, 2)}
PART_DAYS = {"нач": (1, 10), "сер": (11, 20), "кон": (21, 31), "пер": (1, 15), "вто": (16, 31)}


@dataclass
class DateMatch:
    """A date expression in the cleaned text, before year inference."""

    start: int
    end: int
    rule: str
    groups: dict[str, str | None]
    value: dict = field(default_factory=dict)


def month_number(word: str) -> int | None:
    """1..12 for a month name in any case or abbreviation ("марта", "апр.")."""
    for i, rx in enumerate(MONTH_RE, 1):
        if rx.match(word):
            return i
    return None


def find_date_expressions(text: str) -> list[DateMatch]:
    """All non-overlapping date expressions of ``text``, longest first, in text order."""
    found: list[DateMatch] = []
    for name, rx in RULES:
        for m in rx.finditer(text):
            found.append(DateMatch(m.start(), m.end(), name, m.groupdict()))
    found.sort(key=lambda d: (-(d.end - d.start), _rule_order(d.rule), d.start))
    taken: list[DateMatch] = []
    for d in found:
        if any(d.start < t.end and t.start < d.end for t in taken):
            continue
        if _implausible(text, d):
            continue
        taken.append(d)
    taken.sort(key=lambda d: d.start)
    return taken


def _rule_order(name: str) -> int:
    for i, (n, _) in enumerate(RULES):
        if n == name:
            return i
    return len(RULES)


def _implausible(text: str, d: DateMatch) -> bool:
    """Refuse matches that are numbers, not dates: "ма" must be "мая"/"май"."""
    g = d.groups
    if d.rule in ("month", "part_of") and g.get("m") and len(g["m"].rstrip(".")) < 3:
        return True
    if d.rule == "month" and not g.get("y"):
        # a bare month word must be a month, not "мая" the verb form: require "в"/"с"...
        before = text[max(0, d.start - 3):d.start].lower()
        if not re.search(r"(?:^|\s)(?:в|во|с|до|по|к|на)\s*$", before + " ") and \
                not text[d.start:d.end].lower().startswith(("в ", "во ", "с ", "до ", "по ", "к ", "на ")):
            return True
    if d.rule == "decade":
        dec = g.get("dec") or ""
        if len(dec) < 2:
            return True
        # "90-х" alone is fine; "10-е место" is not a decade
        after = text[d.end:d.end + 8].lower()
        if not re.search(r"год", text[d.start:d.end + 8].lower()) and after.strip()[:5] in ("место", "мест "):
            return True
    return False


def _iso(y: int | None, m: int | None = None, d: int | None = None) -> str | None:
    if y is None:
        return None
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _year(s: str | None) -> int | None:
    if not s:
        return None
    y = int(s)
    if len(s) == 2:
        y += 2000 if y < 50 else 1900
    return y


def _valid_day(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def resolve_dates(text: str, matches: list[DateMatch], reference: dt.date | None) -> Iterator[DateMatch]:
    """Give each expression its ISO value, inferring missing years from context."""
    explicit_years = [(d.start, _explicit_year(d)) for d in matches]
    explicit_years = [(pos, y) for pos, y in explicit_years if y is not None]

    def context_year(pos: int) -> tuple[int | None, bool]:
        before = [y for p, y in explicit_years if p < pos]
        if before:
            return before[-1], True
        if reference is not None:
            return reference.year, True
        after = [y for p, y in explicit_years if p > pos]
        if after:
            return after[0], True
        return None, False

    for d in matches:
        value = _value(d, context_year, reference)
        if value is None:
            continue
        d.value = value
        yield d


def _explicit_year(d: DateMatch) -> int | None:
    g = d.groups
    for k in ("y", "y2", "y1", "y_only"):
        if g.get(k) and len(g[k]) == 4:
            return int(g[k])
    return None


def _value(d: DateMatch, context_year, reference: dt.date | None) -> dict | None:
    g = d.groups
    rule = d.rule
    inferred = False

    def year_or_context(y: str | None) -> int | None:
        nonlocal inferred
        if y:
            return _year(y)
        year, found = context_year(d.start)
        inferred = inferred or found
        return year

    if rule in ("day_month", "numeric", "iso"):
        m = month_number(g["m"]) if g.get("m") else int(g["mn"])
        day = int(g["d"])
        y = year_or_context(g.get("y"))
        if y is None:
            return {"start": f"--{m:02d}-{day:02d}", "end": f"--{m:02d}-{day:02d}", "resolved": False}
        if not _valid_day(y, m, day):
            return None
        iso = _iso(y, m, day)
        value = {"start": iso, "end": iso}
        if g.get("wd"):
            value["weekday"] = _weekday_number(g["wd"])
    elif rule == "range_days":
        m = month_number(g["m"])
        y = year_or_context(g.get("y"))
        d1, d2 = int(g["d1"]), int(g["d2"])
        if y is None or d2 < d1 or not (_valid_day(y, m, d1) and _valid_day(y, m, d2)):
            return None
        value = {"start": _iso(y, m, d1), "end": _iso(y, m, d2)}
    elif rule == "range_cross_month":
        m1, m2 = month_number(g["m1"]), month_number(g["m2"])
        y2 = year_or_context(g.get("y2") or g.get("y1"))
        y1 = _year(g["y1"]) if g.get("y1") else (y2 - 1 if y2 is not None and m1 > m2 else y2)
        d1, d2 = int(g["d1"]), int(g["d2"])
        if y1 is None or y2 is None or not (_valid_day(y1, m1, d1) and _valid_day(y2, m2, d2)):
            return None
        if (y1, m1, d1) > (y2, m2, d2):
            return None
        value = {"start": _iso(y1, m1, d1), "end": _iso(y2, m2, d2)}
    elif rule == "range_months":
        m1, m2 = month_number(g["m1"]), month_number(g["m2"])
        y2 = year_or_context(g.get("y2") or g.get("y1"))
        y1 = _year(g["y1"]) if g.get("y1") else (y2 - 1 if y2 is not None and m1 > m2 else y2)
        if y1 is None or y2 is None:
            return None
        value = {"start": _iso(y1, m1), "end": _iso(y2, m2)}
    elif rule == "range_years":
        y1, y2 = int(g["y1"]), int(g["y2"])
        if y2 < y1:
            return None
        value = {"start": _iso(y1), "end": _iso(y2)}
    elif rule == "month":
        m = month_number(g["m"])
        y = year_or_context(g.get("y"))
        if y is None:
            return {"start": f"--{m:02d}", "end": f"--{m:02d}", "resolved": False}
        value = {"start": _iso(y, m), "end": _iso(y, m)}
    elif rule == "year":
        y = int(g["y"])
        value = {"start": _iso(y), "end": _iso(y)}
    elif rule == "part_of":
        part = _part_key(g["part"])
        if g.get("m"):
            m = month_number(g["m"])
            y = year_or_context(g.get("y"))
            if y is None:
                return {"start": f"--{m:02d}", "end": f"--{m:02d}", "resolved": False}
            lo, hi = PART_DAYS[part]
            hi = min(hi, calendar.monthrange(y, m)[1])
            value = {"start": _iso(y, m, lo), "end": _iso(y, m, hi)}
        else:
            y = int(g["y_only"])
            months = {"нач": (1, 4), "сер": (5, 8), "кон": (9, 12), "пер": (1, 6), "вто": (7, 12)}[part]
            value = {"start": _iso(y, months[0]), "end": _iso(y, months[1])}
    elif rule == "season":
        key = next(k for k in SEASON_MONTHS if g["season"].lower().startswith(k))
        m1, m2 = SEASON_MONTHS[key]
        y = year_or_context(g.get("y"))
        if y is None:
            return {"start": None, "end": None, "season": key, "resolved": False}
        if m1 > m2:  # winter: December of the year before to February
            value = {"start": _iso(y - 1 if g.get("y") else y, m1), "end": _iso(y if g.get("y") else y + 1, m2)}
        else:
            value = {"start": _iso(y, m1), "end": _iso(y, m2)}
    elif rule == "decade":
        dec = g["dec"]
        if len(dec) == 2:
            base = 1900 + int(dec) if int(dec) >= 30 else 2000 + int(dec)
        else:
            base = int(dec) if len(dec) == 4 else int(dec) * 10
        if base % 10:
            return None
        value = {"start": _iso(base), "end": _iso(base + 9)}
    elif rule == "century":
        from .numbers import roman_value

        c = roman_value(g["cent"].upper())
        if not c or c > 21:
            return None
        value = {"start": _iso((c - 1) * 100 + 1), "end": _iso(c * 100)}
    elif rule in ("relative_day", "relative_unit", "weekday"):
        return _relative(d, reference)
    else:
        return None
    if inferred:
        value["year_inferred"] = True
    return value


def _part_key(part: str) -> str:
    p = part.lower()
    if p.startswith("перв"):
        return "пер"
    if p.startswith("втор"):
        return "вто"
    return p[:3]


def _weekday_number(word: str) -> int | None:
    w = word.lower()
    for stem, n in WEEKDAYS.items():
        if w.startswith(stem):
            return n
    return None


def _relative(d: DateMatch, reference: dt.date | None) -> dict:
    """Resolve "вчера", "в прошлом году", "в понедельник" against the document date."""
    g = d.groups
    expr = (g.get("rel") or " ".join(filter(None, (g.get("which"), g.get("unit")))) or g.get("wd") or "").lower()
    if reference is None:
        return {"start": None, "end": None, "relative": expr, "resolved": False}
    if g.get("rel"):
        shift = {"позавчера": -2, "вчера": -1, "сегодня": 0, "завтра": 1, "послезавтра": 2}[expr]
        day = reference + dt.timedelta(days=shift)
        return {"start": day.isoformat(), "end": day.isoformat(), "relative": expr}
    if g.get("unit"):
        which = g["which"].lower()
        shift = -1 if which.startswith("прош") else (1 if which.startswith(("след", "буд")) else 0)
        unit = g["unit"].lower()
        if unit.startswith("год"):
            y = reference.year + shift
            return {"start": _iso(y), "end": _iso(y), "relative": expr}
        if unit.startswith("месяц"):
            y, m = reference.year, reference.month + shift
            if m == 0:
                y, m = y - 1, 12
            elif m == 13:
                y, m = y + 1, 1
            return {"start": _iso(y, m), "end": _iso(y, m), "relative": expr}
        monday = reference - dt.timedelta(days=reference.weekday()) + dt.timedelta(weeks=shift)
        return {"start": monday.isoformat(), "end": (monday + dt.timedelta(days=6)).isoformat(),
                "relative": expr}
    # a bare weekday: the nearest such day on or before the reference date (news tense)
    wd = _weekday_number(g["wd"])
    if wd is None:
        return {"start": None, "end": None, "relative": expr, "resolved": False}
    back = (reference.weekday() - wd) % 7
    day = reference - dt.timedelta(days=back)
    return {"start": day.isoformat(), "end": day.isoformat(), "relative": expr, "approximate": True}


def find_dates(text: str, reference: dt.date | None = None) -> list[DateMatch]:
    """Date expressions of ``text`` with their values (offsets into ``text``)."""
    return list(resolve_dates(text, find_date_expressions(text), reference))


def weekday_mismatch(value: dict) -> str | None:
    """A warning when a stated weekday does not fall on the stated date."""
    wd = value.get("weekday")
    start = value.get("start")
    if wd is None or not start or len(start) != 10:
        return None
    actual = dt.date.fromisoformat(start).weekday()
    if actual != wd:
        names = ["понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"]
        return f"weekday {names[wd]} does not match {start} ({names[actual]})"
    return None
