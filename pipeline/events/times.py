"""Times of day: when in the day an event happened ("в 16:24", "около 3 часов ночи",
"утром в понедельник").

News says when to the hour ("Взрыв прогремел [в 3 часа ночи]"); the entity stage emits
dates only, so the event stage finds these here as ``TIME`` entities of its own, kept
out of the document's entities and handed to the argument walk with the dates. A time
that touches a date ("[в пятницу утром]", "[29 марта в 10:00]") is one span with it, and
takes the date's value: one argument says both the day and the hour. The words are
written from general knowledge of Russian news.
"""

from __future__ import annotations

import bisect
import re
from typing import Iterator

from ..doc import DATE, Document, Entity

TIME = "TIME"

_ABOUT = r"(?:(?:около|примерно|приблизительно|ровно|почти|после|до|к|в|во|с|со)\s+)?"
_AT = r"(?:(?:около|примерно|приблизительно|ровно|почти|после|до|к|в|во)\s+)"
_ZONE = r"(?:\s*(?:мск|МСК|UTC|GMT|по\s+(?:местному|московскому|киевскому)\s+времени|по\s+Москве))?"
_PART = r"(?:утра|дня|вечера|ночи)"
_HOURS = (r"(?:\d{1,2}|одного|двух|тр[её]х|четыр[её]х|пяти|шести|семи|восьми|девяти|десяти|"
          r"одиннадцати|двенадцати|два|три|четыре|пять|шесть|семь|восемь|девять|десять|"
          r"одиннадцать|двенадцать)")
# "19.10.16" is a date: seconds only after a colon
_HH_MM = r"(?<![\d.,:])(?:[01]?\d|2[0-3])(?::[0-5]\d(?::[0-5]\d)?|\.[0-5]\d)(?![\d.,:]\d)"
# "с 10:00 до 18:00": one span
CLOCK_RANGE = r"(?:с|со)\s+" + _HH_MM + r"\s*(?:до|по|-|–|—)\s*" + _HH_MM + _ZONE
# "в 16:24", "около 10.25 по местному времени", "в 0:43 мск", "в 06:28:22"
CLOCK = _ABOUT + _HH_MM + r"(?:\s*час(?:а|ов)?)?" + _ZONE
# "в 3 часа ночи", "около 12 часов", "около пяти часов вечера", "около 8 утра"; a bare
# "пять часов" is how long, "два дня" no time at all
HOURS = (_AT + _HOURS + r"\s+час(?:а|ов)?(?:\s+\d{1,2}\s+минут[аы]?)?(?:\s+" + _PART + r")?" + _ZONE
         + r"|" + _AT + r"?" + _HOURS + r"\s+час(?:а|ов)?\s+" + _PART + _ZONE
         + r"|" + _AT + r"?\d{1,2}\s+(?:утра|вечера|ночи)" + _ZONE)
# "в полдень", "около полуночи", "незадолго до полудня"
NOON = r"(?:(?:незадолго\s+)?(?:около|в|до|после|к)\s+)?(?:полдень|полудня|полночь|полуночи)"
# "рано утром", "ночью", "вчера днём" ("днём" alone is too often "днём рождения", "днём ранее");
# "скончался сегодня": the day of the text, which the entity stage leaves untagged
PART_OF_DAY = (r"(?:(?:рано|поздно|сегодня|вчера|накануне)\s+)?(?:утром|вечером|ночью)"
               r"|(?:сегодня|вчера|накануне)\s+(?:днём|днем)|сегодня")
TIMES = re.compile(rf"(?<![\w\-])(?:{CLOCK_RANGE}|{CLOCK}|{HOURS}|{NOON}|{PART_OF_DAY})(?![\w\-])", re.I)
# every time above holds a digit or one of these words, and its first digit starts a run
ANCHOR = re.compile(r"\d+|час|пол[дун]|утр|вечер|ноч|дн[её]м|сегодня", re.I)
# "на сегодняшнем заседании", "декабрьских выборов", "субботней акции", "Октябрьской
# революции": an adjective of a day or a month before the event noun dates it
DAY_ADJECTIVE = re.compile(
    r"(?<![\w\-])(?:сегодняшн|вчерашн|завтрашн|прошлогодн|позавчерашн|"
    r"январск|февральск|мартовск|апрельск|майск|июньск|июльск|августовск|сентябрьск|октябрьск|"
    r"ноябрьск|декабрьск|понедельничн|вторничн|четвергов|пятничн|субботн|воскресн)"
    r"(?:ий|ый|ой|ая|ое|ие|ые|ого|его|ому|ему|ым|им|ом|ем|ую|юю|ей|их|ых|ими|ыми)(?![\w\-])", re.I)
# "в Октябрьском районе", "на Майской улице": a name of a place, not a time
PLACE_AFTER = re.compile(r"^\s+(?:район|округ|проспект|улиц|площад|переул|пос[её]л|шоссе|бульвар|набережн|метро)",
                         re.I)
# "со счетом 2:1", "в 2.5 раза", "версии 10.25": numbers that are no time
NOT_A_TIME_BEFORE = re.compile(r"(?:сч[её]т\w*|версии|верси[яю]|рейс\w*|№)\s*$", re.I)
NOT_A_TIME_AFTER = re.compile(r"^\s*(?:раз|%|процент|балл|очк|км|метр|м\b|кг|млн|млрд|тыс|руб|доллар|евро)", re.I)
# what may stand between a time and the date it tells the hour of: "в пятницу, утром"
JOINER = re.compile(r"^[ \t,]*$")


def find_times(doc: Document) -> list[Entity]:
    """``TIME`` entities of the document's non-duplicate sentences, each joined with a
    date it touches."""
    text = doc.text
    dates = [e for e in doc.entities if e.type == DATE and not (e.value or {}).get("dateline")
             and "duration" not in (e.value or {})]
    datelines = [e for e in doc.entities if e.type == DATE and (e.value or {}).get("dateline")]
    out: list[Entity] = []
    for sent in doc.sentences:
        if doc.is_duplicate_offset(sent.start):
            continue
        for m in find_in_sentence(text, sent.start, sent.end):
            s, e = m.start(), m.end()
            if NOT_A_TIME_BEFORE.search(text[max(0, s - 12):s]) or NOT_A_TIME_AFTER.match(text[e:e + 12]):
                continue
            if any(d.start < e and s < d.end for d in datelines):
                continue  # "Москва, 12 марта 2024, 10:30 —": the hour of the text
            inside = [d for d in dates if d.start <= s and e <= d.end]
            if inside:
                continue  # the date says it already: "в 17:00 понедельника"
            touching = [d for d in dates if d.start < e and s < d.end
                        or d.end <= s and JOINER.match(text[d.end:s]) and s - d.end <= 3
                        or e <= d.start and JOINER.match(text[e:d.start]) and d.start - e <= 3]
            if m.group(0).lower() == "сегодня":
                if text.count("«", sent.start, s) > text.count("»", sent.start, s):
                    continue  # "«Сегодня мы рады», — сказал он": the speaker's today
                out.append(Entity(TIME, s, e, text[s:e], {"start": None, "end": None, "relative": "сегодня",
                                                          "resolved": False}, source="events"))
                continue
            value: dict = {"time": _clock(m.group(0))}
            for d in touching:
                s, e = min(s, d.start), max(e, d.end)
                value = {**(d.value or {}), **value}
            out.append(Entity(TIME, s, e, text[s:e], value, source="events"))
        for m in DAY_ADJECTIVE.finditer(text, sent.start, sent.end):
            if PLACE_AFTER.match(text[m.end():m.end() + 20]):
                continue
            out.append(Entity(TIME, m.start(), m.end(), m.group(0), {"adjective": m.group(0).lower()},
                              source="events"))
    return out


# A time starts a word, at most two words before the word of its first anchor: "около
# пяти [час]ов", "незадолго до [пол]удня", "с [1]0:00" (the prefixes above have at most
# two words). Scanning TIMES over whole sentences took most of this stage's time; it is
# tried at those word starts alone. ``tests/test_fast_paths.py`` checks it finds what a
# scan of the sentence finds.
WORDS_BEFORE_ANCHOR = 2
_WORD_START = re.compile(r"(?<![\w\-])\w")


def find_in_sentence(text: str, start: int, end: int) -> Iterator[re.Match]:
    """``TIMES.finditer(text, start, end)``, tried only where a time may start."""
    anchors = [m.start() for m in ANCHOR.finditer(text, start, end)]
    if not anchors:
        return
    words = [m.start() for m in _WORD_START.finditer(text, start, anchors[-1] + 1)]
    candidates: set[int] = set()
    for a in anchors:
        k = bisect.bisect_right(words, a)
        candidates.update(words[max(0, k - WORDS_BEFORE_ANCHOR - 1):k])
    pos = start
    for p in sorted(candidates):
        if p >= pos and (m := TIMES.match(text, p, end)) is not None:
            yield m
            pos = m.end()


def joined_dates(doc: Document, times: list[Entity]) -> set[int]:
    """Ids of the dates a time was joined with: the time's span stands for them."""
    return {id(d) for d in doc.entities if d.type == DATE
            and any(t.start <= d.start and d.end <= t.end for t in times)}


def _clock(s: str) -> str:
    """"в 16:24" -> "16:24", "в 3 часа дня" -> "15:00", "утром" -> "утром": the hour when
    it is given, else the words."""
    m = re.search(r"(\d{1,2})[:.](\d\d)", s)
    if m:
        return f"{int(m.group(1)):02d}:{m.group(2)}"
    m = re.search(r"(\d{1,2})(?:\s+час(?:а|ов)?)?(?:\s+(\d{1,2})\s+минут\w*)?(?:\s+(утра|дня|вечера|ночи))?", s)
    if m and (m.group(3) or re.search(r"час", s)):
        h = int(m.group(1))
        if m.group(3) in ("дня", "вечера") and h < 12:
            h += 12  # "в 3 часа дня" is 15:00
        elif m.group(3) == "ночи" and h == 12:
            h = 0
        return f"{h:02d}:{int(m.group(2) or 0):02d}"
    return re.sub(r"^(?:около|примерно|приблизительно|ровно|почти|после|до|к|в|во|с|со)\s+", "",
                  s.strip(), flags=re.I).lower()
