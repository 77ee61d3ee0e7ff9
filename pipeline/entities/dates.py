"""Dates, date ranges, durations and relative dates in Russian text, with values.

One span per date or range, the preposition included, as careful news annotation
has it: "с 11 по 15 марта 2024 года", "в среду, 30 марта", "в 2010—2015 годах",
"в течение 13 лет", "три года назад", "в прошлом году". Ages are not dates ("в
возрасте 73 лет", "ему 61 год"); "сегодня" alone, "сейчас", "ранее" are not tagged.

Values (``DateMatch.value``):

- a point or range: ``{"start": ISO, "end": ISO}`` where ISO is "YYYY-MM-DD",
  "YYYY-MM" or "YYYY"; a stated weekday adds ``"weekday"`` (0 = Monday); a year taken
  from context adds ``"year_inferred": true`` and ``"year_source"`` ("text": a year
  stated nearby; "document": the document date); coordinated dates ("30 июня и 1
  июля") add ``"dates"``, the list of each date's own value;
- a relative date ("вчера", "в прошлом году", "три дня назад", "на следующий день")
  adds ``"relative"`` (the words) and ``"anchor"``: "document" (resolved against the
  document date) or "text" (against the date stated before it); with nothing to anchor
  it the value is ``{"start": null, "end": null, "relative": ..., "resolved": false}``;
  a date with no year and nothing to take one from keeps ``"--MM-DD"``/``"--MM"`` and
  ``"resolved": false``; nothing is guessed silently;
- a duration ("15 лет", "полтора года", "более 20 лет"): ISO 8601
  ``{"duration": "P15Y"}``, "P1Y6M", "P1.5Y", never start/end; a qualifier other than
  exact adds ``"qualifier"`` (more_than, less_than, at_least, at_most, about);
  "от 8 до 20 лет" is ``{"duration": null, "qualifier": "range", "min": "P8Y", "max":
  "P20Y"}``; a vague one ("несколько лет", "в последние годы") is ``{"duration": null,
  "qualifier": "vague", "unit": "P1Y"}``; "за последние 10 лет" adds ``"relative": "past"``;
- a recurrence ("ежегодно", "каждые три года"): ``{"recurrence": "P1Y"}``.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from .numbers import COLLECTIVE_FORMS, NUMBER_FORMS, roman_value, words_value

# --------------------------------------------------------------------------- words

# Month names in every case (instrumental too: "между февралём и октябрём"), then the
# abbreviations, which stand after a day number: "1 авг", "12 апр. 2025 г.".
MONTHS = [
    (r"январ(?:ь|я|ю|е|[её]м)", "янв"),
    (r"феврал(?:ь|я|ю|е|[её]м)", "февр?"),
    (r"март(?:а|е|у|ом)?", "мар"),
    (r"апрел(?:ь|я|ю|е|ем)", "апр"),
    (r"ма(?:й|я|ю|е|ем)", None),
    (r"июн(?:ь|я|ю|е|ем)", "июн"),
    (r"июл(?:ь|я|ю|е|ем)", "июл"),
    (r"август(?:а|е|у|ом)?", "авг"),
    (r"сентябр(?:ь|я|ю|е|[её]м)", "сент?"),
    (r"октябр(?:ь|я|ю|е|[её]м)", "окт"),
    (r"ноябр(?:ь|я|ю|е|[её]м)", "нояб?"),
    (r"декабр(?:ь|я|ю|е|[её]м)", "дек"),
]
_NOT_LETTER = r"(?![а-яёa-z])"
MONTH_FULL = "(?:" + "|".join(full for full, _ in MONTHS) + ")" + _NOT_LETTER
MONTH_ABBR = "(?:" + "|".join(a for _, a in MONTHS if a) + r")(?:\.|" + _NOT_LETTER + ")"
MONTH = f"(?:{MONTH_FULL}|{MONTH_ABBR})"
MONTH_RE = [(re.compile(rf"^(?:{full}{'|' + abbr if abbr else ''})\.?$", re.I), i)
            for i, (full, abbr) in enumerate(MONTHS, 1)]

WEEKDAY_FORMS = [
    r"понедельник(?:а|у|ом|е)?", r"вторник(?:а|у|ом|е)?", r"сред(?:а|у|ы|е|ой)",
    r"четверг(?:а|у|ом|е)?", r"пятниц(?:а|у|ы|е|ей)", r"суббот(?:а|у|ы|е|ой)",
    r"воскресень(?:е|я|ю|ем)",
]
WEEKDAY = "(?:" + "|".join(WEEKDAY_FORMS) + ")" + _NOT_LETTER
WEEKDAY_RE = [re.compile(f"^(?:{w})$", re.I) for w in WEEKDAY_FORMS]

DAY = r"(?:3[01]|[12]\d|0?[1-9])(?!\d)"
YEAR = r"(?:1\d{3}|20\d{2})(?!\d)"
# "года", "г" (the abbreviation's dot stays outside, as in "[[в 2013 г]]."), "гг"
YEAR_WORD = r"(?:\s?(?:году|года|годом|годе|год|годы|годах|годов|годам|гг|г)" + _NOT_LETTER + ")"
YEAR_SUFFIX = r"(?:-?(?:го|м|й|ом)" + _NOT_LETTER + ")"          # "в апреле 1945-го"
# a year named relative to the document: "в феврале этого года", "осенью прошлого года"
WHICH = (r"(?:прошл|прошедш|минувш|текущ|нынешн|следующ|будущ|позапрошл|эт|т|сего)"
         r"(?:ого|его|ом|ем|ий|ый|ей|ую|юю|ая|яя|им|ым|ой|у|от|а|и|ие|ые|их|ых|ее|ое)?(?![а-яё])")
REL_YEAR = rf"(?:(?P<ry>{WHICH})(?:\s+же)?\s+года)"
DAY_NUM = rf"(?P<d>{DAY})(?:-?(?:го|е))?"
YEAR_PART = rf"(?:\s*(?P<y>{YEAR}){YEAR_SUFFIX}?(?P<yw>{YEAR_WORD})?|\s+{REL_YEAR})"

# Prepositions the span takes in ("в 2009 году", "до 31 мая"); "после", "уже" stay out.
PREP = (r"(?:(?:в|во|[сc]|со|на|до|за|к|ко|по|от|около|через|вплоть\s+до|не\s+позднее|"
        r"не\s+ранее|не\s+позже)\s+)")
PART = (r"(?P<part>начал[аеоу]|середин[аеуы]|конц[аеуы]|кон\.|нач\.|(?:перв|втор)(?:ой|ую|ая)\s+"
        r"половин[аеуы]|(?:перв|втор)ых\s+половин|(?:перв|втор|трет|четв[её]рт)(?:ом|ый|ий|ого|ому|ым|ьем|ий|"
        r"ьего|ьему|ьим)\s+(?:квартал[аеу]?|полугоди[иеяю]))")
SEASON = r"(?P<season>весн(?:ой|а|у|ы|е)|лет(?:ом|о|а|е)|осен(?:ью|ь|и)|зим(?:ой|а|у|ы|е))" + _NOT_LETTER
SEASON_INSTR = r"(?:весной|летом|осенью|зимой)" + _NOT_LETTER
DECADE_WORDS = r"(?:двадцат|тридцат|сороков|пятидесят|шестидесят|семидесят|восьмидесят|девяност)"
DECADE_TAIL = (r"(?:\s+(?:годы|годах|годов|годами|годам|гг))?(?:\s+(?:прошлого|позапрошлого|нынешнего|этого|"
               r"[XVIХ]+|\d{2}|двадцатого|девятнадцатого)\s+(?:века|столетия))?")
DECADE = (rf"(?:(?P<dec>(?:1[0-9]|20)?[0-9]0)-?(?:х|е|ых|ые|ми){_NOT_LETTER}|"
          rf"(?P<decw>{DECADE_WORDS})(?:ые|ых|ым|ыми){_NOT_LETTER}(?=\s+(?:год|гг)))" + DECADE_TAIL)
CENTURY_ORDINALS = {
    "перв": 1, "втор": 2, "трет": 3, "четверт": 4, "пят": 5, "шест": 6, "седьм": 7, "восьм": 8,
    "девят": 9, "десят": 10, "одиннадцат": 11, "двенадцат": 12, "тринадцат": 13,
    "четырнадцат": 14, "пятнадцат": 15, "шестнадцат": 16, "семнадцат": 17,
    "восемнадцат": 18, "девятнадцат": 19, "двадцат": 20, "двадцать перв": 21,
}
CENTURY = (r"(?:(?P<cent>[IVXХ]{1,5})(?:-?(?:го|м|й))?|(?P<centd>\d{1,2})(?:-?(?:го|м|й))?|(?P<centw>(?:двадцать\s+)?"
           r"(?:перв|втор|трет|четверт|пят|шест|седьм|восьм|девят|десят|[а-я]+надцат|двадцат)"
           r"(?:ый|ий|ого|ому|ом|ым|ой))" r")\s+(?:век(?:а|е|у|ом|ов)?|столети(?:е|я|и|ю|ем|й))" + _NOT_LETTER)

def _strip_names(pattern: str) -> str:
    """The same pattern without named groups, to embed twice in one regex."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


# The points a range is made of; each is parsed again by ``parse_point``.
POINT_DAY = rf"{DAY_NUM}\s+(?P<m>{MONTH}){YEAR_PART}?"
POINT_MONTH = rf"(?P<m>{MONTH_FULL}){YEAR_PART}?"
POINT_YEAR = rf"(?P<y>{YEAR}){YEAR_SUFFIX}?(?P<yw>{YEAR_WORD})?"
# "в 410 году": a three-digit year needs the word and a preposition
OLD_YEAR = rf"(?:в|с|до|к|от|по)\s+(?P<y>[1-9]\d{{2}})(?P<yw>\s?(?:году|года|г){_NOT_LETTER})"
# "конце мая", "начале 2017 года", "начале 2000-х", "конце прошлой недели", "первом квартале 2014 года"
POINT_PART = (rf"{PART}\s+(?P<of>{MONTH_FULL}(?:\s*{YEAR}{YEAR_WORD}?|\s+{WHICH}\s+года)?|"
              rf"(?:(?:1[0-9]|20)?[0-9]0)-?(?:х|е|ых){_NOT_LETTER}{DECADE_TAIL}|"
              rf"{YEAR}{YEAR_SUFFIX}?{YEAR_WORD}?|{_strip_names(CENTURY)}|"
              rf"(?:{WHICH}\s+)?(?:года|месяца|недели|века|десятилетия)|{WHICH}\s+сезона)")
POINT_SEASON = rf"{SEASON}(?:\s*(?P<y>{YEAR}){YEAR_WORD}?|\s+{REL_YEAR})?"


ANY_POINT = "(?:" + "|".join(_strip_names(p) for p in (
    POINT_DAY, rf"{DAY}\.(?:0?[1-9]|1[0-2])\.(?:{YEAR}|\d\d)", POINT_PART, DECADE, CENTURY,
    POINT_MONTH, POINT_YEAR, POINT_SEASON)) + ")"
# the first half of a range may lack what the second half states: "с 11 по 15 марта"
RANGE_HEAD = f"(?:{ANY_POINT}|{DAY}(?:-?го)?)"

# Durations: a number (digits, words in any case, "несколько", "полтора") and a unit.
NUM_WORD = "(?:" + "|".join(w.replace("е", "[её]") for w in sorted(
    (w for w in {**NUMBER_FORMS, **COLLECTIVE_FORMS} if len(w) > 2), key=len, reverse=True)) + ")" + _NOT_LETTER
VAGUE_NUM = (r"(?:нескольк(?:о|их|им|ими)|много|многих|многие|многими|десятк(?:и|ов|ами)|"
             r"сот(?:ни|ен|нями)|пар[уы])" + _NOT_LETTER)
NUM = rf"(?:\d{{1,3}}(?:[.,]\d+)?(?!\d)|{NUM_WORD}(?:\s+{NUM_WORD}){{0,3}}|{VAGUE_NUM})"
UNITS = {
    "Y": r"лет|год|года|году|годом|годы|годов|годам|годами|годах",
    "M": r"месяц|месяца|месяцу|месяцем|месяце|месяцы|месяцев|месяцам|месяцами|месяцах",
    "W": r"неделя|недели|неделю|неделей|неделе|недель|неделям|неделями|неделях",
    "D": r"день|дня|дню|днем|днём|дни|дней|дням|днями|днях|сутки|суток|суткам|сутками",
    "DEC": r"десятилетие|десятилетия|десятилетий|десятилетию|десятилетиям|десятилетиями|десятилетиях",
    "C": r"век|века|веков|веками|векам|столетие|столетия|столетий|столетиями",
    "HY": r"полгода|полугода|полгоду",
    "HC": r"полвека|полувека",
    "HM": r"полмесяца|полумесяца",
}
UNIT = "(?:" + "|".join(UNITS.values()) + ")" + _NOT_LETTER
UNIT_RE = {k: re.compile(f"^(?:{v})$", re.I) for k, v in UNITS.items()}
DUR_PREP = (r"(?:в\s+течени[еи]|на\s+протяжении|по\s+истечении|за|на|через|спустя|до|с|в)")
DUR_QUAL = (r"(?:не\s+более(?:\s+чем)?|не\s+менее(?:\s+чем)?|не\s+больше|не\s+меньше|более(?:\s+чем)?|"
            r"менее(?:\s+чем)?|больше|меньше|свыше|около|почти|примерно|приблизительно|порядка|"
            r"немногим\s+(?:более|менее|больше|меньше)|чуть\s+(?:более|менее|больше|меньше)|целых|"
            r"последни[ея]|последних|ближайши[ея]|ближайших|первы[ея]|первых|долги[ея]|долгих|"
            r"следующи[ея]|целы[ея])")
QUALIFIER_NAMES = [
    (r"не\s+более|не\s+больше|до", "at_most"),
    (r"не\s+менее|не\s+меньше", "at_least"),
    (r"более|больше|свыше|немногим\s+более|немногим\s+больше|чуть\s+более|чуть\s+больше", "more_than"),
    (r"менее|меньше|немногим\s+менее|чуть\s+менее|чуть\s+меньше", "less_than"),
    (r"около|почти|примерно|приблизительно|порядка", "about"),
]
# plural unit forms (forms that may be a genitive singular, "недели", "века", are not here)
PLURAL_UNITS = set("""лет годы годов годам годами годах месяцы месяцев месяцам месяцами месяцах недель
неделям неделями неделях дни дней дням днями днях десятилетий десятилетиям десятилетиями
десятилетиях веков веками векам столетий столетиями""".split())
POST = r"(?P<post>тому\s+назад|назад|спустя|позже|позднее|ранее|раньше|подряд)" + _NOT_LETTER

# --------------------------------------------------------------------------- rules

WB = r"(?<![\w\d])"   # left word boundary that also refuses a digit
WE = r"(?![\w\d])"

RULES: list[tuple[str, re.Pattern]] = []


def _rule(name: str, pattern: str) -> None:
    RULES.append((name, re.compile(WB + pattern + WE, re.I)))


# "с 11 по 15 марта 2024 года", "с 28 февраля по 2 марта", "с 2013 по 2017 год",
# "в 2010—2015 годах", "август — сентябрь 2014", "в конце октября — начале ноября"
_rule("range", rf"(?:(?P<open>[сc]|со|от|вплоть\s+до|в|во|на|до|к|за)\s+)?"
               rf"(?P<a>{RANGE_HEAD})\s*(?P<sep>[—–-]|по|до)\s*(?P<b>{ANY_POINT})")
# "между 20 июня и 10 августа"
_rule("between", rf"между\s+(?P<a>{RANGE_HEAD})\s+и\s+(?P<b>{ANY_POINT})")
# "30 июня и 1 июля 2019 года", "в июле и августе 2019 года": one span, two dates
_rule("coordinated",
      rf"{PREP}?(?P<a>{DAY}(?:\s+{MONTH})?|{MONTH_FULL})\s+и\s+"
      rf"(?P<b>{_strip_names(POINT_DAY)}|{_strip_names(POINT_MONTH)})")
# "в ночь с 3 на 4 июня 1989 года": the night stays outside, the two days are one span
_rule("night", rf"(?<=ночь\s)(?:с|со)\s+(?P<a>{DAY})(?:-?го)?\s+на\s+(?P<b>{DAY}(?:-?е)?\s+{MONTH}"
               rf"(?:\s*{YEAR}{YEAR_WORD}?)?)")
# "в пятницу, 12 апреля 2025 года", "вчера, 9 мая", "25 июля, в четверг", "12 апреля"
_rule("day",
      rf"{PREP}?(?:(?P<deictic>вчера|сегодня|завтра|накануне|позавчера)\s*[,—]?\s*(?:{PREP})?|"
      rf"(?:(?:в|во|на)\s+)?(?:(?P<which_wd>прошл\w*|минувш\w*|эт\w*|следующ\w*|ближайш\w*)\s+)?"
      rf"(?P<wd>{WEEKDAY})\s*[,—]?\s*(?:{PREP})?)?"
      rf"{POINT_DAY}(?:\s*,\s*(?:в|во)\s+(?P<wd2>{WEEKDAY}))?")
# "12.04.2025", "12.04.25", "05/08/2008", "2025-04-12"
_rule("numeric", rf"{PREP}?(?P<d>{DAY})(?P<sep>[./])(?P<mn>0?[1-9]|1[0-2])(?P=sep)(?P<y>{YEAR}|\d\d)(?!\d|[./]\d)"
                 rf"(?:\s?г{_NOT_LETTER})?")
_rule("iso", r"(?P<y>(?:19|20)\d{2})-(?P<mn>0[1-9]|1[0-2])-(?P<d>[0-2]\d|3[01])")
# "в начале 2017 года", "до конца мая", "в конце прошлой недели", "в начале 2000-х"
_rule("part", rf"{PREP}?{POINT_PART}")
# "весной 2024 года", "летом", "осенью прошлого года"
_rule("season", rf"{PREP}?(?:(?P<which_s>{WHICH})\s+)?{POINT_SEASON}")
# "в марте 2024 года", "в марте", "в апреле 1945-го", "в феврале этого года"
_rule("month", rf"{PREP}?{POINT_MONTH}")
# "в 2024 году", "2024 г", "в 1976", "(1994)", "Евро-2012"
_rule("year", rf"{PREP}?{POINT_YEAR}")
_rule("old_year", OLD_YEAR)
# "2016/17" (a season), "2016/2017"
_rule("year_pair", rf"(?P<y1>{YEAR})/(?P<y2>\d\d|{YEAR})(?![\d/])")
# "в 1990-х годах", "90-х", "в девяностые годы"
_rule("decade", rf"{PREP}?{DECADE}")
# "в XIX веке", "XXI век", "двадцатого века"
_rule("century", rf"{PREP}?{CENTURY}")
# "вчера", "позавчера", "на днях", "с сегодняшнего дня"
_rule("deictic", r"(?P<rel>позавчера|вчера)|(?P<days>на\s+днях)|"
                 r"(?P<today>(?:с|на|до|к|по)\s+сегодняшн(?:ий|его|ему|им)\s+д(?:ень|ня|ню|нем|нём))")
# "в прошлом году", "на следующей неделе", "этого года", "в текущем сезоне", "за этот год"
RELATIVE_UNIT = r"(?:год|году|года|месяц|месяце|месяца|неделе|неделю|недели|сезон|сезоне|сезона|день|дня)"
_rule("relative_unit",
      rf"(?:(?:в|во|на|за|с|до|к|по)\s+)?(?P<which>{WHICH})(?:\s+же)?\s+(?P<unit>{RELATIVE_UNIT})" + _NOT_LETTER)
# "в прошлую пятницу", "в минувший четверг", "во вторник", "понедельника"
_rule("weekday", rf"(?:(?:в|во|на|к|до|с|со|по)\s+)?(?:(?P<which_wd>прошл\w*|минувш\w*|эт\w*|"
                 rf"следующ\w*|ближайш\w*)\s+)?(?P<wd>{WEEKDAY})")
# "на следующий день", "на следующий год"
_rule("next_unit", r"на\s+(?P<next>следующий|другой)\s+(?P<unit>день|год)" + _NOT_LETTER)
# "в последние годы", "в ближайшие дни", "за последние 10 лет": durations up to now or from now
_rule("recent",
      rf"(?:(?:в|за|на)\s+)?(?P<side>последни[ейя]|последн(?:их|юю|ее|его)|ближайши[ейя]|ближайш(?:их|ую|ее|его))\s+"
      rf"(?:(?P<num>{NUM})\s+)?(?P<unit>{UNIT})")
# "ежегодно", "каждый год", "каждые три года"
_rule("recurrence", rf"(?P<yearly>ежегодно){_NOT_LETTER}|кажд(?:ый|ые|ую|ое|ого)\s+(?:(?P<num>{NUM})\s+)?"
                    r"(?P<unit>год|года|лет|месяц|месяца|месяцев|неделю|недели|недель|день|дня|дней)"
                    + _NOT_LETTER)
# "в минувшие выходные", "в выходные"
_rule("weekend", r"(?:в|на)\s+(?:(?P<which>эти|прошлые|минувшие|ближайшие|следующие|те|эти\s+же)\s+)?"
                 r"выходные(?:\s+дни)?" + _NOT_LETTER)
# "в следующем мае", "в прошлом октябре"
_rule("relative_month", rf"(?:в|во)\s+(?P<which>{WHICH})\s+(?P<m>{MONTH_FULL})")
# "25-летний срок", "с 23-летним стажем": the adjective is the duration
_rule("duration_adj", r"(?P<num>\d{1,3})-летн(?:ий|его|ему|им|ем|яя|ей|юю|ее)(?=\s+(?:срок\w*|стаж(?:а|у|ем|ом|е)?|опыт\w*|заключени\w*)(?![а-яё]))")
# "15 лет", "в течение 13 лет", "более 20 лет", "полтора года", "1 год 6 месяцев",
# "три года назад", "через неделю", "годом позже"
_rule("duration",
      rf"(?:(?P<qual0>{DUR_QUAL})\s+(?=(?:за|через|на)\s))?(?:(?P<prep>{DUR_PREP})\s+)?(?:(?P<qual>{DUR_QUAL})\s+)?"
      rf"(?:(?P<num>{NUM})\s*)?(?P<unit>{UNIT})"
      rf"(?:\s+(?P<num2>{NUM})\s*(?P<unit2>{UNIT}))?(?:\s+{POST}|\s+(?P<before_that>до\s+(?:этого|того)))?")
# "от 8 до 20 лет", "5—7 лет"
_rule("duration_range",
      rf"(?:(?P<prep>на|в\s+течение|сроком\s+на|за)\s+)?(?:(?:от|с)\s+(?P<n1>{NUM})\s+(?:до|по)\s+|"
      rf"(?P<n1d>\d{{1,3}})\s*[—–-]\s*)(?P<num>{NUM})\s*(?P<unit>{UNIT})")

RULE_ORDER = {name: i for i, (name, _) in enumerate(RULES)}

# --------------------------------------------------------------------------- matching


@dataclass
class DateMatch:
    """A date expression in the text, before and after its value is resolved."""

    start: int
    end: int
    rule: str
    groups: dict[str, str | None]
    value: dict = field(default_factory=dict)


def month_number(word: str) -> int | None:
    """1..12 for a month name in any case or abbreviation ("марта", "апр.")."""
    for rx, i in MONTH_RE:
        if rx.match(word):
            return i
    return None


def _weekday_number(word: str | None) -> int | None:
    if not word:
        return None
    for i, rx in enumerate(WEEKDAY_RE):
        if rx.match(word):
            return i
    return None


def find_date_expressions(text: str) -> list[DateMatch]:
    """All non-overlapping date expressions of ``text``: longest first, then rule order."""
    found: list[DateMatch] = []
    ages: list[tuple[int, int]] = []
    for name, rx in RULES:
        for m in rule_matches(name, rx, text):
            d = _trimmed(text, DateMatch(m.start(), m.end(), name, m.groupdict()))
            refused = "\n" in text[d.start:d.end] or _refused(text, d)
            if refused == "age":
                ages.append((d.start, d.end))
            elif not refused and d.end > d.start:
                found.append(d)
    # nothing inside an age is a date: "в возрасте 73 лет" holds no "73 лет"
    found = [d for d in found if not any(s <= d.start and d.end <= e for s, e in ages)]
    found.sort(key=lambda d: (-(d.end - d.start), RULE_ORDER[d.rule], d.start))
    taken: list[DateMatch] = []
    for d in found:
        if not any(d.start < t.end and t.start < d.end for t in taken):
            taken.append(d)
    taken.sort(key=lambda d: d.start)
    return taken


def rule_matches(name: str, rx: re.Pattern, text: str) -> Iterator[re.Match]:
    """The match of one rule at every position it matches, left to right.

    Overlapping candidates of one rule matter: "с 1 марта 2011 по декабрь 2015". A
    rule with a ``CANDIDATE_STARTS`` finder is tried only where that says a match may
    start (the regex alone would be tried at every word).
    """
    starts = CANDIDATE_STARTS.get(name)
    if starts is not None:
        for start in starts(text):
            m = rx.match(text, start)
            if m is not None:
                yield m
        return
    pos = 0
    while (m := rx.search(text, pos)) is not None:
        yield m
        pos = m.start() + 1


_WORD_START = re.compile(r"(?<!\w)\w")


@functools.lru_cache(maxsize=2)
def _word_starts(text: str) -> list[int]:
    """Where the words of ``text`` start (every rule of one text asks; the last two texts kept)."""
    return [m.start() for m in _WORD_START.finditer(text)]


def _anchor_starts(anchor: re.Pattern, text: str) -> list[int]:
    """Every position where ``anchor`` matches, overlapping ones too."""
    found = []
    pos = 0
    while (m := anchor.search(text, pos)) is not None:
        found.append(m.start())
        pos = m.start() + 1
    return found


def _words_before(text: str, anchors: list[int], words_before: int) -> list[int]:
    """The word starts at most ``words_before`` words before each anchor (the anchor's own
    word included), on the anchor's line: a date across a line break is refused anyway."""
    words = _word_starts(text)
    starts: set[int] = set()
    for anchor in anchors:
        line = text.rfind("\n", 0, anchor) + 1
        k = bisect.bisect_right(words, anchor)
        starts.update(w for w in words[max(0, k - words_before - 1):k] if w >= line)
    return sorted(starts)


# a unit starts a word, or follows the digits it counts: "5 лет", "5лет", "за год"; it is
# looked for by its first three letters ("лет", "мес"), then read whole (the search is
# quicker with 15 prefixes than with 66 words)
_UNIT_PREFIXES = sorted({form[:3] for forms in UNITS.values() for form in forms.split("|")})
_UNIT_AHEAD = re.compile(rf"(?<!\w)\d*(?=(?:{'|'.join(_UNIT_PREFIXES)}))", re.I)
_UNIT_AT = re.compile(UNIT, re.I)
# Words a duration may have before its unit: "не менее чем" "за" "не более чем" and a
# number of up to four words (3 + 1 + 3 + 4); a duration range has the most: "сроком на"
# "от" "двух двухсот пятидесяти трех" "до" "двух двухсот пятидесяти трех" (2 + 1 + 4 + 1 + 4).
WORDS_BEFORE_UNIT = 12


@functools.lru_cache(maxsize=2)
def _duration_starts(text: str) -> list[int]:
    """Where a duration or a duration range may start: at a unit ("лет", "месяцев") or at most
    ``WORDS_BEFORE_UNIT`` words before it on its line (a span with a line break is refused)."""
    units = [m.end() for m in _UNIT_AHEAD.finditer(text) if _UNIT_AT.match(text, m.end())]
    return sorted(set(_words_before(text, units, WORDS_BEFORE_UNIT)) | set(units))


# ``_AT_WORD`` marks an anchor that starts a word wherever its rule has it (after a
# space, or first): the look-behind lets the search skip the middle of words quickly.
_AT_WORD = r"(?<!\w)"


# Rules tried only at the words just before their anchor (a part every match holds), on
# its line: (anchor, the most words a match may have before the anchor's own word), with
# the longest such match. A match starts a word: each rule begins with a letter or digit.
# An anchor without ``_AT_WORD`` may also be found inside a word ("2024" in "12024"):
# that only adds candidates (counted from that word's start), and digits or one plain
# word are found quicker without the look-behind.
_MONTH = _AT_WORD + MONTH
_RANGE_SEP = rf"(?:[—–-]|по|до)(?=\s*{ANY_POINT})"
NEAR_ANCHOR: dict[str, tuple[str, int]] = {
    # "вплоть до в прошлую пятницу, не позднее 12-го марта"
    "day": (_MONTH, 9),
    # "вплоть до марта"
    "month": (_MONTH, 2),
    # "вплоть до 30 и 1-го июля"
    "coordinated": (_MONTH, 6),
    # "ночь с 3-го на 4-е июня"
    "night": (_MONTH, 6),
    # "в следующем мае"
    "relative_month": (_MONTH, 2),
    # "вплоть до первой половины 1990-х годов прошлого века по начало 2000-х": the separator
    "range": (_RANGE_SEP, 9),
    # "не позднее 12.04.2025"
    "numeric": (r"\d\d?[./]\d", 2),
    "iso": (r"(?:19|20)\d\d-", 0),
    # "вплоть до 2024 года"
    "year": (YEAR, 2),
    # "в 410 году"
    "old_year": (r"[1-9]\d\d(?!\d)", 1),
    "year_pair": (YEAR + "/", 0),
    "duration_adj": (r"\d{1,3}-летн", 0),
    # "вплоть до XIX-го века", "в двадцать первом столетии"
    "century": (_AT_WORD + r"(?:век|столети)", 4),
    # "вплоть до 1990-х"
    "decade": (_AT_WORD + DECADE, 2),
    # "вплоть до начала 2017 года"
    "part": (_AT_WORD + PART, 2),
    # "вплоть до прошлой весны"
    "season": (_AT_WORD + SEASON, 3),
    # "в прошлую пятницу"
    "weekday": (_AT_WORD + WEEKDAY, 2),
    # "в том же году": the unit
    "relative_unit": (_AT_WORD + RELATIVE_UNIT + _NOT_LETTER, 3),
    # "за последние двадцать пять лет"
    "recent": (_AT_WORD + r"(?:последн|ближайш)", 1),
    # "позавчера", "на днях", "с сегодняшнего дня"
    "deictic": (_AT_WORD + r"(?:позавчера|вчера|днях|сегодняшн)", 1),
    # "ежегодно", "каждые три года"
    "recurrence": (_AT_WORD + r"(?:ежегодно|кажд)", 0),
    # "в эти же выходные"
    "weekend": (r"выходные", 3),
    # "на следующий день"
    "next_unit": (_AT_WORD + r"(?:следующий|другой)", 1),
    # "между 20 июня и 10 августа"
    "between": (r"между", 0),
}


def _unnamed(pattern: str) -> str:
    """``pattern`` with its named groups plain (one alternation holds several rules')."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


class _AnchorScan:
    """Where every anchor of ``NEAR_ANCHOR`` matches in a text.

    A pass per anchor (twenty over each text) took a tenth of the dates' time. The eleven
    anchors that start a word are found in one pass of their alternation, then each is
    tried at the positions it found alone: those positions are the union of theirs, so
    each anchor gets exactly the starts its own search would (``tests/test_fast_paths.py``
    checks it). The others keep a pass each: a literal ("между") or a digit is found
    quicker alone than in an alternation.
    """

    def __init__(self, patterns: Iterable[str]):
        self.anchors = {p: re.compile(p, re.I) for p in dict.fromkeys(patterns)}
        self.at_word = [p for p in self.anchors if p.startswith(_AT_WORD)]
        self.alternation = re.compile(
            _AT_WORD + "(?:" + "|".join(_unnamed(p[len(_AT_WORD):]) for p in self.at_word) + ")", re.I)

    @functools.lru_cache(maxsize=2)  # noqa: B019 (one instance, for the module's life)
    def starts(self, text: str) -> dict[str, list[int]]:
        """Anchor pattern -> the positions where it matches, overlapping ones too."""
        found = {p: _anchor_starts(rx, text) for p, rx in self.anchors.items() if p not in self.at_word}
        found.update({p: [] for p in self.at_word})
        for pos in _anchor_starts(self.alternation, text):
            for pattern in self.at_word:
                if self.anchors[pattern].match(text, pos) is not None:
                    found[pattern].append(pos)
        return found


_ANCHORS = _AnchorScan(pattern for pattern, _ in NEAR_ANCHOR.values())


def _near_anchor(anchor: str, words_before: int) -> Callable[[str], list[int]]:
    """The candidate starts of a rule tried only near its anchor."""
    return lambda text: _words_before(text, _ANCHORS.starts(text)[anchor], words_before)


CANDIDATE_STARTS: dict[str, Callable[[str], list[int]]] = {
    name: _near_anchor(pattern, words) for name, (pattern, words) in NEAR_ANCHOR.items()}
# "15 лет", "от 8 до 20 лет": the costliest rules, tried only around the units
CANDIDATE_STARTS.update(duration=_duration_starts, duration_range=_duration_starts)


def _trimmed(text: str, d: DateMatch) -> DateMatch:
    """Drop trailing whitespace a pattern may have taken."""
    end = d.end
    while end > d.start and text[end - 1].isspace():
        end -= 1
    d.end = end
    return d


# words before "до N лет" that make it an age: "лицам до 18 лет", "сборная до 20 лет"
AGE_GROUPS = re.compile(
    r"(?:лиц|лицам|детей|детям|дети|девушек|юношей|юниоров|игроков|сборн\w+|молод[её]ж\w*|подростк\w*|"
    r"граждан\w*|мальчик\w*|девоч\w*|школьник\w*|возраст\w*|пациент\w*|людей|женщин|мужчин)\s*$", re.I)
AGE_BEFORE = re.compile(
    r"(?:(?:в\s+возрасте|возрастом)(?:\s+(?:от|до|более|менее|около|старше|младше|свыше|после|"
    r"примерно|почти|не\s+менее|не\s+более))?|(?:^|[\s(])(?:ему|ей|им|мне|тебе|нам|вам|которому|которой|"
    r"которым|кому|каждому)(?:\s+(?:было|будет|был|была|уже|сейчас|тогда|теперь|исполнилось|исполнится|"
    r"исполняется|исполнился|исполнилось\s+бы|почти|примерно|всего|только|около|более|менее|лишь|по|"
    r"соответственно|по\s+крайней\s+мере|,))*|"
    r"исполнилось|исполнится|исполняется|исполнился|исполниться|исполнилось\s+бы|исполнялось|стукнуло|"
    r"старше|младше|моложе|было|будет|был|была|в\s+сво(?:и|их)|лет\s+от\s+роду|дожи\w+\s+до|(?:старше|младше|моложе)\s+\w+\s+на)\s*$",
    re.I)
AGE_AFTER = re.compile(r"^\s*(?:от\s+роду|и\s+\d+\s+(?:дн|месяц)|моложе|старше|младше|жизни)", re.I)
# a term of punishment or law before "от 8 до 20 лет" makes it a duration, not an age group
TERM_BEFORE = re.compile(r"(?:срок|свобод|заключени|тюрьм|колони|наказ|закон|грозит|грозил|лишени|арест)"
                         r"[^.;]{0,30}$", re.I)
# retirement ages: "выходят на пенсию в 55 лет", "повысится до 60 лет"
RETIREMENT = re.compile(r"пенси\w*[^.;]{0,40}$", re.I)
PRONOUNS = {"он", "она", "они", "оно", "мы", "я", "вы", "ты", "это", "все", "всего", "уже", "еще", "ещё",
            "там", "тут", "здесь", "но", "и", "а", "за", "на", "в", "во", "до", "с", "по", "около",
            "почти", "более", "менее", "через", "спустя", "лишь", "только"}
# a number followed by these is a quantity, not a year: "2000 человек", "1500 рублей"
NOT_A_YEAR_AFTER = re.compile(
    r"^\s*(?:человек|чел\.|тыс|млн|млрд|руб|долл|евро|доллар|фунт|юан|иен|тенге|гривен|рубл|тонн|т\.|км|м\b|"
    r"м\.|кг|г\.|метр|штук|шт|%|процент|голос|мест|единиц|экземпляр|страниц|участник|раз|жител|"
    r"сотрудник|пассажир|случа|автомобил|машин|дом|квартир|километр|литр|кубометр|гектар|га\b|"
    r"баррел|сторонник|солдат|военн|погибш|студент|доз|ватт|вт\b|квт|мвт|пункт|очк|балл|"
    r"[a-zа-яё]+ов\b|[a-zа-яё]+ей\b)", re.I)


def _refused(text: str, d: DateMatch) -> bool | str:
    """Matches that look like dates but are not: ages, amounts, identifiers, verbs."""
    g = d.groups
    span = text[d.start:d.end]
    before = text[max(0, d.start - 60):d.start]
    after = text[d.end:d.end + 40]
    # inside an identifier or a URL: "2-6-27/2016-04-06-25-АИ", ".../2016-06-30/..."
    if re.search(r"(?:[/\\=_#№]|\d[.,]|\d-)\Z", before) or \
            re.match(r"^(?:[/\\=_]|-\d|[.,][\da-zа-яё]|\d|-?летн|-?лети)", after, re.I):
        return True  # "2-6-27/2016-04-06", "19.10.16.webm", "к 1150-летию"
    if d.rule == "year":
        y = int(g["y"])
        bare = not g.get("yw") and not re.match(PREP, span, re.I)
        if bare and (y < 1700 or re.search(r"[$€£№]\s*$", before) or re.search(r"\d[ \u00a0]\Z", before)):
            return True
        if not g.get("yw") and re.match(r"(?:около|до|от)\s", span, re.I):
            return True  # "около 1700 счетов": a number
        if not g.get("yw") and NOT_A_YEAR_AFTER.match(after):
            return True  # "в 2000 человек"
        if not g.get("yw") and not before.endswith("-") and re.match(
                r"^\s+[а-яё]+(?:ах|ях|ами|ями|ов|ей|ых|их|ый|ий|ой|ая|ые|ие|ии)(?![а-яё])", after):
            return True  # "1883 организации", "в 1200 матчах"; but "ЧМ-2018 сборная"
        if not g.get("yw") and re.match(r"^-\d{1,2}-", after):
            return True  # "2016-04-" of a code
    if d.rule in ("month", "coordinated") and not g.get("y") and not g.get("ry"):
        # a bare month must follow a preposition: "в мае", not "мая" the verb form
        if not re.match(PREP, span, re.I) and d.rule == "month":
            return True
    if d.rule == "season" and not g.get("y") and not g.get("ry") and not g.get("which_s"):
        words = span.split()
        if not re.fullmatch(SEASON_INSTR, words[-1], re.I) or span[:1].isupper() and len(words) == 1 \
                and text[max(0, d.start - 2):d.start].strip() not in ("", ".", "\n"):
            return True  # "на зиму", "Весна" in a name
    if d.rule == "weekday":
        wd = g["wd"]
        if wd[:1].isupper() and not re.match(r"(?:в|во|на|к|до|с|со|по)\s", span, re.I):
            return True  # "Пятница" the channel, "Страстная пятница"
        if re.search(r"(?:страстн|чистый|великий|вербн|черн)\w*\s+$", before, re.I):
            return True
        if not re.match(r"(?:в|во|на|к|до|с|со|по)\s", span, re.I) and not g.get("which_wd") and \
                not re.search(r"(?:\d[:.]\d\d|утр[оа]|утром|вечер[ауом]?|ночь|ночи|ночью|днем|днём|дн[яю])\s*$",
                              before, re.I) and \
                not re.search(rf"(?:в|во)\s+{WEEKDAY}\s+и\s*$", before, re.I):
            return True  # "окружающей среды", "Огней ночной пятницы"; but "в 17:00 понедельника"
    if d.rule == "decade":
        if not g.get("dec") and not g.get("decw"):
            return True
        if g.get("dec") and len(g["dec"]) < 2:
            return True
        if re.match(r"^\s*(?:мест|лет|раз|номер)", after, re.I):
            return True  # "10-е место"
    if d.rule == "relative_unit":
        unit = g["unit"].lower()
        has_prep = re.match(r"(?:в|во|на|за|с|до|к|по)\s", span, re.I)
        if unit.startswith(("д", "сезон")) and not has_prep:
            return True  # "этот день настал", "прошлый сезон команда завершила"
        if unit.startswith("д") and not re.match(r"(?:в|во|[сc])\s", span, re.I):
            return True  # "дожили до того дня"
    if d.rule == "range":
        return _refused_range(text, d)
    if d.rule in ("duration", "duration_range"):
        return _refused_duration(text, d, before, after)
    return False


def _refused_range(text: str, d: DateMatch) -> bool:
    g = d.groups
    if re.search(r"\(\s*\Z", text[:d.start]) and re.match(r"\s*\)", text[d.end:]) and \
            re.fullmatch(rf"{YEAR}\s*[—–-]\s*{YEAR}", text[d.start:d.end]):
        return True  # "министр (2001—2003)": two years of a career, annotated apart
    a, b = parse_point(g["a"]), parse_point(g["b"])
    if a is None or b is None:
        return True
    sep = g["sep"].lower()
    opener = (g.get("open") or "").lower()
    if sep in ("по", "до") and opener not in ("с", "c", "со", "от"):
        return True  # "до 15 марта": an end, not a range
    if a.kind == "daynum" and b.kind != "day":
        return True
    if a.kind == "year" and b.kind == "year" and sep in ("-", "—") and not (a.yw or b.yw or opener) \
            and not (1700 <= (a.y or 0) <= 2099):
        return True
    if sep in ("-", "—") and a.kind in ("day", "month", "year") and b.kind in ("day", "month", "year"):
        # a dash joins like with like: "11–15 марта", "2010—2015"; not "2015 — 5 марта"
        order = {"daynum": 0, "day": 0, "month": 1, "year": 2}
        if order[a.kind] < order[b.kind] and a.kind != "day":
            return True
    a = _complete(a, b)
    start, end = a.sort_key(None), b.sort_key(None)
    return start is not None and end is not None and start > end


def _refused_duration(text: str, d: DateMatch, before: str, after: str) -> bool | str:
    """True for a duration that is not one; "age" for an age ("в возрасте 73 лет")."""
    g = d.groups
    unit = g["unit"]
    kind = _unit_kind(unit)
    num, prep, post = g.get("num"), re.sub(r"\s+", " ", (g.get("prep") or "").lower()), g.get("post")
    qual = g.get("qual") or g.get("qual0")
    if d.rule == "duration_range":
        num = num or g.get("n1")
    if num is None and kind not in ("HY", "HC", "HM"):
        # a bare unit needs a cue: "через год", "год назад", "более года", "в течение недели"
        if not (post or qual or prep in ("через", "спустя", "за", "на", "в течение", "в течении",
                                          "на протяжении", "до")):
            return True
        if prep == "в" and not (qual or post):
            return True
        if kind == "D" and not (post or prep in ("через", "спустя", "за")):
            return True  # "в день", "на день рождения"
        if kind in ("Y", "C", "DEC") and unit.lower() in ("годы", "годов", "годам", "годами", "годах", "лет",
                                                           "века", "век") and not qual:
            return True  # "в годы войны", "тех лет", "свадьба века"
    if num is not None and re.fullmatch(r"\d+", num) and kind == "Y" and \
            (int(num) >= 1000 or len(num) >= 3 and unit.lower() in ("году", "годе", "года")):
        return True  # "в 410 году" is a year
    if num is not None and kind == "D" and unit.lower() in ("дня", "дни") and \
            re.match(r"^\s*(?:рождения|победы|города|памяти|знаний|защиты|независимости)", after, re.I):
        return True
    if unit[:1].isupper() and d.start != text.find(unit, d.start):
        return True  # "Дня Победы", "на Неделе моды"
    if re.search(r"[«\"]\s*$", before):
        return True  # a title: «Один день Ивана Денисовича»
    if post and post.lower().startswith(("назад", "тому")):
        return False  # "три года назад" is never an age
    if kind in ("Y", "M", "D") and not post and prep not in ("через", "спустя", "в течение", "в течении",
                                                            "на протяжении", "за"):
        # a list of ages: "Им было 30, 20 и 19 лет", "в 70 и 75 лет", "(10, 9 и 8 лет)"
        listed = re.sub(r"(?:\d{1,3}\s*(?:,|и)\s*)+$", "", before)
        if listed != before and (re.search(r"(?:^|\s)(?:в|с)\s*$", listed, re.I) or
                                 re.search(r"\(\s*$", listed) and re.match(r"^\s*\)", after)):
            return "age"
        if AGE_BEFORE.search(before) or AGE_BEFORE.search(listed) or AGE_AFTER.match(after):
            return "age"
        if re.search(r",\s*$", before) and re.match(r"^\s*,", after) and not prep and not qual:
            return "age"  # "Олег Пахомов, 45 лет, был задержан"
        if prep == "на" and re.search(r"(?:старше|младше|моложе)(?:\s+\w+)?\s*$", before, re.I):
            return "age"  # "младше него на 50 лет"
        if d.rule == "duration_range" and kind == "Y" and not TERM_BEFORE.search(before):
            return "age"  # "детей от 13 до 18 лет"; but "лишение свободы на срок от 8 до 20 лет"
        if prep in ("в", "с") and not qual and not re.search(r"раз\s+$", before, re.I):
            return "age"  # "в 24 года", "в 20 лет", "работал с 14 лет": an age
        if kind == "Y" and RETIREMENT.search(before):
            return "age"
        if prep == "до" and re.search(r"дожи\w+\s*$", before, re.I):
            return "age"  # "дожил до 90 лет"; but "не дожив двух дней до юбилея" is a duration
        if prep in ("до", "") and AGE_GROUPS.search(before) or d.rule == "duration_range" \
                and AGE_GROUPS.search(re.sub(r"\s*(?:от|с)\s*$", "", before)):
            return "age"  # "юношескую сборную до 18 лет"
        if re.search(r"\(\s*$", before) and re.match(r"^\s*\)", after):
            return "age"  # "Вера Щесных (26 лет)"
        if not prep and not qual:
            # a name just before: "Поленти 50 лет", "Клэренс Картер, 49 лет,"
            m = re.search(r"([А-ЯЁA-Z][\w-]+)\)?(?:,|\s+—|\s+(?:сейчас|уже|тогда|теперь|исполнилось))?\s*$",
                          before)
            if m and m.group(1).lower() not in PRONOUNS and not month_number(m.group(1)):
                return "age"
    return False


def _unit_kind(unit: str) -> str:
    for k, rx in UNIT_RE.items():
        if rx.match(unit):
            return k
    return "Y"


# --------------------------------------------------------------------------- points


@dataclass
class Point:
    """One calendar point or period as stated: a day, month, year, decade, ..."""

    kind: str                  # day daynum month year decade century season part
    y: int | None = None
    m: int | None = None
    d: int | None = None
    ry: int | None = None      # a year relative to the document: -1 "прошлого года"
    yw: bool = False           # "года"/"г" stated after the year
    wd: int | None = None
    extra: tuple = ()

    def needs_year(self) -> bool:
        """True when the point names no year of its own ("20 мая", "в марте")."""
        if self.kind in ("day", "daynum", "month", "season"):
            return self.y is None
        if self.kind == "part":
            inner: Point = self.extra[1]
            return inner.needs_year() if inner is not None else self.y is None
        return False

    def sort_key(self, later: "Point | None") -> tuple | None:
        """A comparable (y, m, d) once the year is known, else None."""
        y = self.y if self.y is not None else (later.y if later is not None else None)
        if y is None:
            return None
        return (y, self.m or 0, self.d or 0)

    def bounds(self, year: int | None) -> tuple[str, str] | None:
        """ISO (start, end) of the point in ``year`` (its own year if it states one)."""
        y = self.y if self.y is not None else year
        k = self.kind
        if k in ("day", "daynum"):
            if y is None or self.m is None or not _valid_day(y, self.m, self.d):
                return None
            iso = _iso(y, self.m, self.d)
            return iso, iso
        if k == "month":
            return (_iso(y, self.m), _iso(y, self.m)) if y is not None else None
        if k == "year":
            return _iso(y), _iso(y)
        if k == "decade":
            base = self.extra[0]
            return _iso(base), _iso(base + 9)
        if k == "century":
            c = self.extra[0]
            return _iso((c - 1) * 100 + 1), _iso(c * 100)
        if k == "season":
            if y is None:
                return None
            m1, m2 = SEASON_MONTHS[self.extra[0]]
            if m1 > m2:  # winter: December to February, of the season's year
                return _iso(y, m1), _iso(y + 1, m2)
            return _iso(y, m1), _iso(y, m2)
        if k == "part":
            part, inner = self.extra
            if inner is None:
                return None
            span = inner.bounds(year)
            if span is None:
                return None
            return _part_of(part, inner, span)
        return None


SEASON_MONTHS = {"весн": (3, 5), "лет": (6, 8), "осен": (9, 11), "зим": (12, 2)}
RELATIVE_WHICH = [("позапрошл", -2), ("прошл", -1), ("прошедш", -1), ("минувш", -1), ("следующ", 1),
                  ("будущ", 1), ("эт", 0), ("текущ", 0), ("нынешн", 0), ("сего", 0), ("т", None)]

_POINT_PARSERS = [
    ("day", re.compile(rf"^(?:(?P<wd>{WEEKDAY})\s*[,—]?\s*)?{POINT_DAY}$", re.I)),
    ("numeric", re.compile(rf"^(?P<d>{DAY})\.(?P<mn>0?[1-9]|1[0-2])\.(?P<y>{YEAR}|\d\d)$", re.I)),
    ("part", re.compile(rf"^{POINT_PART}$", re.I)),
    ("decade", re.compile(rf"^{DECADE}$", re.I)),
    ("century", re.compile(rf"^{CENTURY}$", re.I)),
    ("month", re.compile(rf"^{POINT_MONTH}$", re.I)),
    ("year", re.compile(rf"^{POINT_YEAR}$", re.I)),
    ("season", re.compile(rf"^{POINT_SEASON}$", re.I)),
    ("daynum", re.compile(rf"^(?P<d>{DAY})(?:-?го)?$", re.I)),
]


def parse_point(s: str) -> Point | None:
    """The point a date phrase names: "15 марта 2024 года", "в конце мая", "1990-х"."""
    s = re.sub(r"\s+", " ", s.strip())
    s = re.sub(rf"^{PREP}", "", s, flags=re.I)
    for kind, rx in _POINT_PARSERS:
        m = rx.match(s)
        if m:
            return _point_from(kind, m.groupdict())
    return None


def _point_from(kind: str, g: dict) -> Point | None:
    ry = _which_shift(g["ry"]) if g.get("ry") else None
    if g.get("ry") and ry is None:
        ry = 0  # "того же года": the year in context; resolved like this year's context
    y = _year(g.get("y")) if g.get("y") else None
    if kind == "day":
        m = month_number(g["m"])
        return Point("day", y, m, int(g["d"]), ry, bool(g.get("yw")), _weekday_number(g.get("wd")))
    if kind == "numeric":
        return Point("day", y, int(g["mn"]), int(g["d"]))
    if kind == "month":
        return Point("month", y, month_number(g["m"]), ry=ry, yw=bool(g.get("yw")))
    if kind == "year":
        return Point("year", y, yw=bool(g.get("yw")))
    if kind == "daynum":
        return Point("daynum", d=int(g["d"]))
    if kind == "decade":
        base = _decade_base(g)
        return Point("decade", base, extra=(base,)) if base is not None else None
    if kind == "century":
        c = _century(g)
        return Point("century", extra=(c,)) if c else None
    if kind == "season":
        key = next(k for k in SEASON_MONTHS if g["season"].lower().startswith(k))
        return Point("season", y, ry=ry, extra=(key,))
    if kind == "part":
        inner_text = g["of"]
        inner = parse_point(inner_text)
        if inner is None:
            words = inner_text.lower().split()
            unit = words[-1]
            shift = _which_shift(" ".join(words[:-1])) if len(words) > 1 else None
            inner = Point("unit", ry=shift, extra=(unit,))
        return Point("part", inner.y, extra=(_part_key(g["part"]), inner))
    return None


def _which_shift(word: str | None) -> int | None:
    if not word:
        return None
    w = word.lower().replace("ё", "е").split()[0]
    for stem, shift in RELATIVE_WHICH:
        if w.startswith(stem):
            return shift
    return None


def _decade_base(g: dict) -> int | None:
    if g.get("decw"):
        stems = ["двадцат", "тридцат", "сороков", "пятидесят", "шестидесят", "семидесят", "восьмидесят",
                 "девяност"]
        n = (stems.index(g["decw"].lower()) + 2) * 10
        return 1900 + n
    dec = g.get("dec")
    if not dec:
        return None
    if len(dec) == 2:
        return 1900 + int(dec) if int(dec) >= 20 else 2000 + int(dec)
    base = int(dec) if len(dec) == 4 else int(dec) * 10
    return base if base % 10 == 0 and 1000 <= base <= 2090 else None


def _century(g: dict) -> int | None:
    if g.get("cent"):
        c = roman_value(g["cent"].upper().replace("Х", "X"))
    elif g.get("centd"):
        c = int(g["centd"])
    else:
        w = re.sub(r"(?:ый|ий|ого|ому|ом|ым|ой)$", "", re.sub(r"\s+", " ", g["centw"].lower()))
        c = CENTURY_ORDINALS.get(w)
    return c if c and 1 <= c <= 21 else None


def _part_key(part: str) -> str:
    p = part.lower().replace("ё", "е")
    if "квартал" in p:
        return "q" + str(["перв", "втор", "трет", "четв"].index(p[:4]) + 1)
    if "полугоди" in p:
        return "пер" if p.startswith("перв") else "вто"
    if p.startswith("перв"):
        return "пер"
    if p.startswith("втор"):
        return "вто"
    return p[:3]


PART_DAYS = {"нач": (1, 10), "сер": (11, 20), "кон": (21, 31), "пер": (1, 15), "вто": (16, 31)}
PART_MONTHS = {"нач": (1, 4), "сер": (5, 8), "кон": (9, 12), "пер": (1, 6), "вто": (7, 12),
               "q1": (1, 3), "q2": (4, 6), "q3": (7, 9), "q4": (10, 12)}
PART_YEARS = {"нач": (0, 3), "сер": (4, 6), "кон": (7, 9), "пер": (0, 4), "вто": (5, 9)}


def _part_of(part: str, inner: Point, span: tuple[str, str]) -> tuple[str, str]:
    start, end = span
    if part.startswith("q") and not (start == end and len(start) == 4):
        return span
    if len(start) == 7:  # a month: "в конце мая" -> 21..31
        y, m = int(start[:4]), int(start[5:7])
        lo, hi = PART_DAYS[part]
        return _iso(y, m, lo), _iso(y, m, min(hi, calendar.monthrange(y, m)[1]))
    if start == end and len(start) == 4:  # a year: "в начале 2017 года" -> January..April
        y = int(start)
        lo, hi = PART_MONTHS[part]
        return _iso(y, lo), _iso(y, hi)
    if len(start) == 4 and len(end) == 4:  # a decade or a century
        y1, y2 = int(start), int(end)
        width = (y2 - y1 + 1) // 10
        lo, hi = PART_YEARS[part]
        if part not in PART_YEARS:
            return span
        return _iso(y1 + lo * width), _iso(y1 + (hi + 1) * width - 1)
    return span


# --------------------------------------------------------------------------- values


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


def _valid_day(y: int, m: int, d: int | None) -> bool:
    return d is not None and 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


@dataclass
class Context:
    """What a value may be resolved against: the document date and the years stated."""

    text: str
    reference: dt.date | None
    years: list[tuple[int, int]]              # (offset, year) of every explicit year
    last_point: tuple[int, str] | None = None  # (offset, ISO start) of the latest resolved date

    def year_for(self, pos: int, point: Point) -> tuple[int | None, str | None]:
        """The year a yearless point takes, and where it came from ("text"/"document")."""
        if point.ry is not None:  # "в феврале этого года": only the document date can say
            return (self.reference.year + point.ry, "document") if self.reference else (None, None)
        line_start = self.text.rfind("\n", 0, pos) + 1
        in_line = [y for p, y in self.years if line_start <= p < pos]
        candidates: list[tuple[int, str]] = []
        if in_line:
            candidates.append((in_line[-1], "text"))
        if self.reference is not None:
            candidates.append((self._nearest_year(point), "document"))
        before = [y for p, y in self.years if p < pos]
        after = [y for p, y in self.years if p > pos]
        if before:
            candidates.append((before[-1], "text"))
        if after:
            candidates.append((after[0], "text"))
        if not candidates:
            return None, None
        if point.wd is not None and point.kind == "day" and point.m:
            # a stated weekday picks the year: "25 июля, в четверг" is 2019, not 1909
            years = [c for c in candidates] + [(y, "text") for _, y in self.years]
            if self.reference is not None:
                years += [(self.reference.year + k, "document") for k in (-1, 1)]
            for y, source in years:
                if _valid_day(y, point.m, point.d) and dt.date(y, point.m, point.d).weekday() == point.wd:
                    return y, source
        return candidates[0]

    def _nearest_year(self, point: Point) -> int:
        """The document's year, or the one before or after when that is closer:
        "15 декабря" in a text of 10 January is last December."""
        ref = self.reference
        assert ref is not None
        if point.m is None:
            return ref.year
        best = ref.year
        for y in (ref.year - 1, ref.year, ref.year + 1):
            day = min(point.d or 15, calendar.monthrange(y, point.m)[1])
            if abs((dt.date(y, point.m, day) - ref).days) < \
                    abs((dt.date(best, point.m, min(point.d or 15, calendar.monthrange(best, point.m)[1])) - ref).days):
                best = y
        return best


def resolve_dates(text: str, matches: list[DateMatch], reference: dt.date | None) -> Iterator[DateMatch]:
    """Give each expression its value, inferring years and anchors from context."""
    years = []
    for d in matches:
        y = _explicit_year(d)
        if y is not None:
            years.append((d.start, y))
    ctx = Context(text, reference, years)
    for d in matches:
        value = _value(d, ctx)
        if value is None:
            continue
        d.value = value
        start = value.get("start")
        if start and not start.startswith("-") and value.get("resolved", True) and not value.get("relative"):
            ctx.last_point = (d.start, value.get("end") or start)
        yield d


def _explicit_year(d: DateMatch) -> int | None:
    g = d.groups
    if d.rule in ("duration", "duration_range", "recent", "recurrence", "deictic", "relative_unit",
                  "weekday", "next_unit", "decade", "century"):
        return None
    for key in ("b", "a"):
        if g.get(key):
            p = parse_point(g[key])
            if p is not None and p.y is not None and p.kind not in ("decade",):
                return p.y
    for key in ("y", "y2", "y1"):
        if g.get(key) and len(g[key]) == 4:
            return int(g[key])
    return None


def _value(d: DateMatch, ctx: Context) -> dict | None:
    handler = VALUES.get(d.rule)
    return handler(d, ctx) if handler else None


def _point_value(point: Point, pos: int, ctx: Context) -> dict | None:
    """{"start", "end"} of one point, with the year from context when it states none."""
    year, source = (point.y, None)
    if point.needs_year() or (point.kind == "part" and point.extra[1] is not None
                              and point.extra[1].kind == "unit"):
        if point.kind == "part" and point.extra[1].kind == "unit":
            return _part_of_unit(point, ctx)
        year, source = ctx.year_for(pos, point)
    span = point.bounds(year)
    if span is None:
        if point.needs_year() and year is None:
            return _unresolved_point(point)
        return None
    value: dict = {"start": span[0], "end": span[1]}
    if source:
        value["year_inferred"] = True
        value["year_source"] = source
    if point.ry is not None and source == "document":
        value["anchor"] = "document"
    return value


def _unresolved_point(point: Point) -> dict:
    """"20 мая" with no year anywhere: "--05-20", flagged unresolved."""
    if point.kind in ("day", "daynum") and point.m:
        iso = f"--{point.m:02d}-{point.d:02d}"
    elif point.kind == "month" and point.m:
        iso = f"--{point.m:02d}"
    else:
        iso = None
    value = {"start": iso, "end": iso, "resolved": False}
    if point.ry is not None:
        value["relative"] = "year"  # "этого года" with no document date
    return value


def _part_of_unit(point: Point, ctx: Context) -> dict | None:
    """"в конце прошлой недели", "в начале этого года", "до конца года": against the document."""
    part, inner = point.extra
    unit = inner.extra[0]
    shift = inner.ry if inner.ry is not None else 0
    ref = ctx.reference
    if ref is None:
        return {"start": None, "end": None, "relative": unit, "resolved": False}
    if unit.startswith("год"):
        y = ref.year + shift
        lo, hi = PART_MONTHS[part]
        return {"start": _iso(y, lo), "end": _iso(y, hi), "anchor": "document"}
    if unit.startswith("месяц"):
        y, m = _add_months(ref.year, ref.month, shift)
        lo, hi = PART_DAYS.get(part, (1, 31))
        return {"start": _iso(y, m, lo), "end": _iso(y, m, min(hi, calendar.monthrange(y, m)[1])),
                "anchor": "document"}
    if unit.startswith("недел"):
        monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=shift)
        lo, hi = {"нач": (0, 2), "сер": (2, 4), "кон": (4, 6), "пер": (0, 3), "вто": (3, 6)}.get(part, (0, 6))
        return {"start": (monday + dt.timedelta(days=lo)).isoformat(),
                "end": (monday + dt.timedelta(days=hi)).isoformat(), "anchor": "document"}
    return {"start": None, "end": None, "relative": unit, "resolved": False}


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _single(d: DateMatch, ctx: Context) -> dict | None:
    """A day, month, year, part, season, decade or century."""
    g = d.groups
    span_text = ctx.text[d.start:d.end]
    if d.rule == "day":
        point = Point("day", _year(g.get("y")), month_number(g["m"]), int(g["d"]),
                      ry=_relative_year(g), yw=bool(g.get("yw")),
                      wd=_weekday_number(g.get("wd") or g.get("wd2")))
        if point.m is None:
            return None
    elif d.rule in ("numeric", "iso"):
        point = Point("day", _year(g["y"]), int(g["mn"]), int(g["d"]))
    elif d.rule in ("year", "old_year"):
        point = Point("year", int(g["y"]), yw=bool(g.get("yw")))
    elif d.rule == "season" and g.get("which_s"):
        # "этим летом", "прошлой зимой": the season of the document's year
        key = next(k for k in SEASON_MONTHS if g["season"].lower().startswith(k))
        point = Point("season", ry=_which_shift(g["which_s"]) or 0, extra=(key,))
    else:
        point = parse_point(span_text)
        if point is None:
            return None
    value = _point_value(point, d.start, ctx)
    if value is None:
        return None
    if point.wd is not None:
        value["weekday"] = point.wd
    deictic = (g.get("deictic") or "").lower()
    if deictic in ("вчера", "сегодня", "завтра", "позавчера") and ctx.reference is not None \
            and value.get("start") and len(value["start"]) == 10:
        stated = dt.date.fromisoformat(value["start"])
        shift = {"позавчера": -2, "вчера": -1, "сегодня": 0, "завтра": 1}[deictic]
        if stated - dt.timedelta(days=shift) != ctx.reference:
            value["warning"] = f"«{deictic}» does not fit the document date {ctx.reference.isoformat()}"
    return value


def _relative_year(g: dict) -> int | None:
    if not g.get("ry"):
        return None
    shift = _which_shift(g["ry"])
    return 0 if shift is None else shift


def _range(d: DateMatch, ctx: Context) -> dict | None:
    """"с 11 по 15 марта 2024 года": the first half takes what the second states."""
    g = d.groups
    a, b = parse_point(g["a"]), parse_point(g["b"])
    if a is None or b is None:
        return None
    a = _complete(a, b)
    if a.kind == "year" and b.kind == "year" and b.y is not None and a.y is not None and b.y < a.y:
        return None
    va = _point_value(a, d.start, ctx)
    vb = _point_value(b, d.start + (d.end - d.start) // 2, ctx)
    if va is None or vb is None:
        return None
    value: dict = {"start": va.get("start"), "end": vb.get("end")}
    if va.get("resolved") is False or vb.get("resolved") is False:
        value["resolved"] = False
    for k in ("year_inferred", "year_source"):
        if k in vb or k in va:
            value[k] = vb.get(k, va.get(k))
    if value["start"] and value["end"] and not value["start"].startswith("-") \
            and value["start"][:len(value["end"])] > value["end"][:len(value["start"])]:
        return None
    return value


def _complete(a: Point, b: Point) -> Point:
    """The first half of a range takes the month and year the second states:
    "с 11 по 15 марта" -> 11 марта; "с 29 декабря по 3 января 2025" -> 29 декабря 2024."""
    if a.kind == "daynum":
        return Point("day", b.y, b.m, a.d, ry=b.ry)
    later = b.m if b.m is not None else 13
    if b.kind == "part" and b.extra[1] is not None:
        later = b.extra[1].m if b.extra[1].m is not None else 13
    if b.y is None:
        if a.kind in ("day", "month") and a.y is None and b.ry is not None:
            return Point(a.kind, None, a.m, a.d, ry=b.ry - (1 if (a.m or 0) > later else 0), wd=a.wd)
        return a
    if a.kind in ("day", "month") and a.y is None:
        return Point(a.kind, b.y - (1 if (a.m or 0) > later else 0), a.m, a.d, wd=a.wd)
    if a.kind == "season" and a.y is None:
        return Point("season", b.y, extra=a.extra)
    if a.kind == "part" and a.extra[1] is not None and a.extra[1].needs_year():
        inner = a.extra[1]
        inner = Point(inner.kind, b.y - (1 if (inner.m or 0) > later else 0), inner.m, inner.d)
        return Point("part", inner.y, extra=(a.extra[0], inner))
    return a


def _coordinated(d: DateMatch, ctx: Context) -> dict | None:
    """"30 июня и 1 июля 2019 года": one span, a value for each date and their hull."""
    g = d.groups
    a, b = parse_point(g["a"]), parse_point(g["b"])
    if a is None or b is None:
        return None
    va = _point_value(_complete(a, b), d.start, ctx)
    vb = _point_value(b, d.start, ctx)
    if va is None or vb is None or va.get("resolved") is False or vb.get("resolved") is False:
        return _range(d, ctx)
    value = {"start": va["start"], "end": vb["end"],
             "dates": [{"start": va["start"], "end": va["end"]}, {"start": vb["start"], "end": vb["end"]}]}
    for k in ("year_inferred", "year_source"):
        if k in vb:
            value[k] = vb[k]
    return value


def _year_pair(d: DateMatch, ctx: Context) -> dict | None:
    """"2016/17": a season over two years."""
    y1 = int(d.groups["y1"])
    y2s = d.groups["y2"]
    y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
    if y2 != y1 + 1:
        return None
    return {"start": _iso(y1), "end": _iso(y2)}


def _deictic(d: DateMatch, ctx: Context) -> dict:
    """"вчера", "на днях", "с сегодняшнего дня" against the document date."""
    g = d.groups
    expr = re.sub(r"\s+", " ", ctx.text[d.start:d.end].lower())
    ref = ctx.reference
    if ref is None:
        return {"start": None, "end": None, "relative": expr, "resolved": False}
    if g.get("rel"):
        day = ref + dt.timedelta(days={"позавчера": -2, "вчера": -1}[g["rel"].lower()])
        return {"start": day.isoformat(), "end": day.isoformat(), "relative": expr, "anchor": "document"}
    if g.get("days"):  # "на днях": the last few days, or the next few in the future tense
        return {"start": (ref - dt.timedelta(days=7)).isoformat(), "end": (ref + dt.timedelta(days=7)).isoformat(),
                "relative": expr, "anchor": "document", "approximate": True}
    return {"start": ref.isoformat(), "end": ref.isoformat(), "relative": expr, "anchor": "document"}


def _relative_unit(d: DateMatch, ctx: Context) -> dict:
    """"в прошлом году", "на следующей неделе", "в том же году", "в этот день"."""
    g = d.groups
    expr = re.sub(r"\s+", " ", ctx.text[d.start:d.end].lower())
    unit = g["unit"].lower()
    shift = _which_shift(g["which"])
    if shift is None or unit.startswith(("день", "дня")):
        # "в том же году", "в тот же день", "в этот день": the date stated before it
        return _anaphoric(expr, unit, 0, ctx, d.start)
    ref = ctx.reference
    if ref is None:
        return {"start": None, "end": None, "relative": expr, "resolved": False}
    return _shifted(ref, unit, shift, expr, "document")


def _shifted(ref: dt.date, unit: str, shift: int, expr: str, anchor: str) -> dict:
    if unit.startswith(("год", "сезон")):
        y = ref.year + shift
        return {"start": _iso(y), "end": _iso(y), "relative": expr, "anchor": anchor}
    if unit.startswith("месяц"):
        y, m = _add_months(ref.year, ref.month, shift)
        return {"start": _iso(y, m), "end": _iso(y, m), "relative": expr, "anchor": anchor}
    if unit.startswith("недел"):
        monday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(weeks=shift)
        return {"start": monday.isoformat(), "end": (monday + dt.timedelta(days=6)).isoformat(),
                "relative": expr, "anchor": anchor}
    day = ref + dt.timedelta(days=shift)
    return {"start": day.isoformat(), "end": day.isoformat(), "relative": expr, "anchor": anchor}


def _anaphoric(expr: str, unit: str, shift: int, ctx: Context, pos: int) -> dict:
    """Relative to the date stated before: "в том же году", "на следующий день"."""
    last = ctx.last_point
    if last is None:
        return {"start": None, "end": None, "relative": expr, "resolved": False}
    iso = last[1]
    if unit.startswith(("год", "лет")):
        y = int(iso[:4]) + shift
        return {"start": _iso(y), "end": _iso(y), "relative": expr, "anchor": "text"}
    if len(iso) < 10:
        return {"start": None, "end": None, "relative": expr, "resolved": False}
    base = dt.date.fromisoformat(iso)
    return _shifted(base, unit, shift, expr, "text")


def _next_unit(d: DateMatch, ctx: Context) -> dict:
    """"на следующий день": the day after the date stated before."""
    expr = re.sub(r"\s+", " ", ctx.text[d.start:d.end].lower())
    return _anaphoric(expr, d.groups["unit"].lower(), 1, ctx, d.start)


def _weekday(d: DateMatch, ctx: Context) -> dict:
    """"в понедельник", "в прошлую пятницу": the nearest such day before the document date."""
    g = d.groups
    expr = re.sub(r"\s+", " ", ctx.text[d.start:d.end].lower())
    wd = _weekday_number(g["wd"])
    ref = ctx.reference
    if ref is None or wd is None:
        return {"start": None, "end": None, "relative": expr, "weekday": wd, "resolved": False}
    which = _which_shift(g.get("which_wd"))
    if which == 1:  # "в следующий вторник"
        ahead = (wd - ref.weekday()) % 7 or 7
        day = ref + dt.timedelta(days=ahead)
        return {"start": day.isoformat(), "end": day.isoformat(), "relative": expr, "anchor": "document"}
    back = (ref.weekday() - wd) % 7
    if which == -1 and back == 0:
        back = 7
    day = ref - dt.timedelta(days=back)
    value = {"start": day.isoformat(), "end": day.isoformat(), "relative": expr, "anchor": "document"}
    if which is None:
        value["approximate"] = True  # news tense: usually the last such day, sometimes the next
    return value


def number_value(s: str | None) -> float | None:
    """The value of a number in digits or words ("13", "1,5", "двадцати пяти"), else None."""
    if not s:
        return None
    s = s.strip().lower().replace("ё", "е")
    if re.fullmatch(r"\d+(?:[.,]\d+)?", s):
        return float(s.replace(",", "."))
    words = s.split()
    got = words_value(words)
    if got is None or got[1] != len(words):
        return None
    return got[0]


def _iso_duration(n: float, kind: str) -> str | None:
    """ISO 8601 duration: (2, "Y") -> "P2Y", (1.5, "Y") -> "P1Y6M", (10, "DEC") -> "P10Y"."""
    factor = {"DEC": ("Y", 10), "C": ("Y", 100), "HY": ("M", 6), "HC": ("Y", 50), "HM": ("D", 15)}
    if kind in factor:
        kind, k = factor[kind]
        n *= k
    if n != int(n):
        if kind == "Y" and (n * 12) == int(n * 12):
            years, months = divmod(int(n * 12), 12)
            return f"P{years}Y{months}M" if years else f"P{months}M"
        if kind == "M" and n * 2 == int(n * 2):
            return f"P{int(n)}M15D" if int(n) else "P15D"
        return f"P{n:g}{'W' if kind == 'W' else kind}"
    return f"P{int(n)}{kind}"


def _duration(d: DateMatch, ctx: Context) -> dict | None:
    """"15 лет", "более 20 лет", "1 год 6 месяцев", "три года назад", "через неделю"."""
    g = d.groups
    kind = _unit_kind(g["unit"])
    raw = g.get("num")
    vague = bool(raw) and re.fullmatch(VAGUE_NUM, raw.strip(), re.I) is not None
    if raw and not vague:
        n = number_value(raw)
        if n is None:
            return None
    elif kind in ("HY", "HC", "HM"):
        n = 1
    else:
        # a unit without a number: "через год" is one, "в течение десятилетий" is vague
        n = None if vague or g["unit"].lower() in PLURAL_UNITS else 1.0
    post = (g.get("post") or "").lower()
    prep = re.sub(r"\s+", " ", (g.get("prep") or "").lower())
    expr = re.sub(r"\s+", " ", ctx.text[d.start:d.end].lower())
    iso = _iso_duration(n, kind) if n is not None else None
    if iso and g.get("unit2"):
        n2 = number_value(g.get("num2"))
        k2 = _unit_kind(g["unit2"])
        if n2 is None:
            return None
        iso = iso + _iso_duration(n2, k2)[1:]
    # a duration that points at a date: "три года назад", "через неделю", "спустя два дня"
    if post.startswith(("назад", "тому")):
        return _offset(expr, n, kind, -1, ctx, "document", d.start)
    if g.get("before_that"):  # "за день до этого"
        return _offset(expr, n, kind, -1, ctx, "text", d.start)
    if prep in ("через", "спустя") or post in ("спустя", "позже", "позднее"):
        anchor = "text" if (prep == "спустя" or post) else ("text" if ctx.last_point else "document")
        return _offset(expr, n, kind, 1, ctx, anchor, d.start)
    if post in ("ранее", "раньше"):
        return _offset(expr, n, kind, -1, ctx, "text", d.start)
    qual = (g.get("qual") or g.get("qual0") or "").lower()
    value: dict = {"duration": iso}
    if n is None:
        value["qualifier"] = "vague"
        value["unit"] = _iso_duration(1, kind)
    q = _qualifier(qual) or (_qualifier(prep) if prep == "до" else None)
    if q and n is not None:
        value["qualifier"] = q
    if qual.startswith(("последн",)):
        value["relative"] = "past"
    elif qual.startswith(("ближайш", "следующ")):
        value["relative"] = "next"
    return value


def _qualifier(words: str) -> str | None:
    w = re.sub(r"\s+", " ", words.strip().lower())
    w = re.sub(r"\s+чем$", "", w)
    for pattern, name in QUALIFIER_NAMES:
        if re.fullmatch(pattern, w):
            return name
    return None


def _offset(expr: str, n: float | None, kind: str, sign: int, ctx: Context, anchor: str, pos: int) -> dict:
    """A date a duration away from the document date or from the date stated before."""
    if n is None or n != int(n) and kind not in ("Y",):
        return {"start": None, "end": None, "relative": expr, "resolved": False}
    if anchor == "text":
        base_iso = ctx.last_point[1] if ctx.last_point else None
        if base_iso is None or len(base_iso) < 4:
            return {"start": None, "end": None, "relative": expr, "resolved": False}
        precision = len(base_iso)
        base = dt.date(int(base_iso[:4]), int(base_iso[5:7]) if precision >= 7 else 1,
                       int(base_iso[8:10]) if precision >= 10 else 1)
    else:
        if ctx.reference is None:
            return {"start": None, "end": None, "relative": expr, "resolved": False}
        base, precision = ctx.reference, 10
    factor = {"DEC": ("Y", 10), "C": ("Y", 100), "HY": ("M", 6), "HC": ("Y", 50), "HM": ("D", 15)}
    if kind in factor:
        kind, k = factor[kind]
        n *= k
    if kind == "Y" and n != int(n):
        kind, n = "M", n * 12
    n = int(n) * sign
    if kind == "Y":
        y = base.year + n
        return {"start": _iso(y), "end": _iso(y), "relative": expr, "anchor": anchor}
    if kind == "M":
        y, m = _add_months(base.year, base.month, n)
        if precision < 7:
            return {"start": _iso(y), "end": _iso(y), "relative": expr, "anchor": anchor}
        return {"start": _iso(y, m), "end": _iso(y, m), "relative": expr, "anchor": anchor}
    if precision < 10:
        return {"start": None, "end": None, "relative": expr, "resolved": False}
    day = base + dt.timedelta(days=n * (7 if kind == "W" else 1))
    return {"start": day.isoformat(), "end": day.isoformat(), "relative": expr, "anchor": anchor}


def _duration_adj(d: DateMatch, ctx: Context) -> dict:
    """"25-летний срок": the adjective names the duration."""
    return {"duration": f"P{int(d.groups['num'])}Y"}


def _duration_range(d: DateMatch, ctx: Context) -> dict | None:
    """"от 8 до 20 лет": min and max."""
    g = d.groups
    kind = _unit_kind(g["unit"])
    lo = number_value(g.get("n1") or g.get("n1d"))
    hi = number_value(g["num"])
    if lo is None or hi is None or lo >= hi:
        return None
    return {"duration": None, "qualifier": "range", "min": _iso_duration(lo, kind),
            "max": _iso_duration(hi, kind)}


def _recent(d: DateMatch, ctx: Context) -> dict | None:
    """"в последние годы", "за последние 10 лет", "в ближайшие дни"."""
    g = d.groups
    kind = _unit_kind(g["unit"])
    n = number_value(g.get("num")) if g.get("num") else None
    side = "past" if g["side"].lower().startswith("последн") else "next"
    if n is None:
        return {"duration": None, "qualifier": "vague", "unit": _iso_duration(1, kind), "relative": side}
    return {"duration": _iso_duration(n, kind), "relative": side}


def _recurrence(d: DateMatch, ctx: Context) -> dict | None:
    """"ежегодно", "каждые три года"."""
    g = d.groups
    if g.get("yearly"):
        return {"recurrence": "P1Y"}
    n = number_value(g.get("num")) if g.get("num") else 1
    if n is None:
        return None
    return {"recurrence": _iso_duration(n, _unit_kind(g["unit"]))}


def _weekend(d: DateMatch, ctx: Context) -> dict:
    """"в минувшие выходные": the Saturday and Sunday before the document date (or after it)."""
    expr = re.sub(r"\s+", " ", ctx.text[d.start:d.end].lower())
    ref = ctx.reference
    if ref is None:
        return {"start": None, "end": None, "relative": expr, "resolved": False}
    which = _which_shift(d.groups.get("which"))
    if which is not None and which > 0 or (d.groups.get("which") or "").lower().startswith("ближайш"):
        saturday = ref + dt.timedelta(days=(5 - ref.weekday()) % 7 or 7)
    else:
        saturday = ref - dt.timedelta(days=(ref.weekday() - 5) % 7 or 7)
    value = {"start": saturday.isoformat(), "end": (saturday + dt.timedelta(days=1)).isoformat(),
             "relative": expr, "anchor": "document"}
    if which is None:
        value["approximate"] = True
    return value


def _relative_month(d: DateMatch, ctx: Context) -> dict:
    """"в следующем мае": the next May after the document date; "в прошлом октябре": the last."""
    expr = re.sub(r"\s+", " ", ctx.text[d.start:d.end].lower())
    m = month_number(d.groups["m"])
    which = _which_shift(d.groups["which"])
    ref = ctx.reference
    if ref is None or m is None or which is None:
        return {"start": None, "end": None, "relative": expr, "resolved": False}
    y = ref.year
    if which > 0:
        y += 1 if m <= ref.month else 0
    elif which < 0:
        y -= 1 if m >= ref.month else 0
    return {"start": _iso(y, m), "end": _iso(y, m), "relative": expr, "anchor": "document"}


VALUES: dict[str, Callable[[DateMatch, Context], dict | None]] = {
    "range": _range, "between": _range, "coordinated": _coordinated, "night": _range,
    "old_year": _single,
    "day": _single, "numeric": _single, "iso": _single, "part": _single, "season": _single,
    "month": _single, "year": _single, "decade": _single, "century": _single,
    "year_pair": _year_pair, "deictic": _deictic, "relative_unit": _relative_unit,
    "weekday": _weekday, "next_unit": _next_unit, "recent": _recent, "recurrence": _recurrence,
    "duration": _duration, "duration_range": _duration_range, "weekend": _weekend,
    "relative_month": _relative_month, "duration_adj": _duration_adj,
}


def find_dates(text: str, reference: dt.date | None = None) -> list[DateMatch]:
    """Date expressions of ``text`` with their values (offsets into ``text``)."""
    return list(resolve_dates(text, find_date_expressions(text), reference))


def weekday_mismatch(value: dict) -> str | None:
    """A warning when a stated weekday does not fall on the stated date."""
    wd = value.get("weekday")
    start = value.get("start")
    if wd is None or not start or len(start) != 10 or value.get("relative"):
        return None
    actual = dt.date.fromisoformat(start).weekday()
    if actual != wd:
        names = ["понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"]
        return f"weekday {names[wd]} does not match {start} ({names[actual]})"
    return None


# --------------------------------------------------------------------------- document date

_DATELINE_DATE = (rf"(?:(?:{WEEKDAY})\s*,?\s*)?(?P<d>{DAY})\s+(?P<m>{MONTH})\s+(?P<y>{YEAR})"
                  rf"(?:\s*(?:года|г\.?))?|(?P<nd>{DAY})\.(?P<nm>0?[1-9]|1[0-2])\.(?P<ny>{YEAR})")
_TIME = r"(?:\s*,?\s*(?:в\s+)?\d{1,2}[:.]\d{2}(?:\s*(?:МСК|мск|UTC|GMT)[+\d]*)?)?"
# a line that is only a date: "12 марта 2024 г.", "12.03.2024 14:30", "Среда, 12 марта 2024"
DATE_LINE = re.compile(rf"^\s*(?:{_DATELINE_DATE}){_TIME}\s*$", re.I)
# a dateline opening the text: "Москва, 12 марта 2024 года —", "12 марта 2024 г. —"
DATELINE_START = re.compile(
    rf"^\s*(?:[А-ЯЁA-Z][А-ЯЁа-яёA-Za-z.\- ]{{1,40}},\s*)?(?:{_DATELINE_DATE}){_TIME}\s*(?:—|-|\|)\s", re.I)


def find_dateline(text: str) -> tuple[dt.date, int, int] | None:
    """The document's own date: a line holding only a date near the top or at the end,
    or a dateline opening a line near the top ("Москва, 12 марта 2024 года — ...")."""
    lines = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((pos, line))
        pos += len(line) + 1
    for k, (offset, line) in enumerate(lines):
        if k >= 5 and k < len(lines) - 2:
            continue
        m = DATE_LINE.match(line) or (DATELINE_START.match(line) if k < 5 else None)
        if m is None:
            continue
        g = m.groupdict()
        try:
            if g.get("d"):
                day = dt.date(int(g["y"]), month_number(g["m"]) or 0, int(g["d"]))
            else:
                day = dt.date(int(g["ny"]), int(g["nm"]), int(g["nd"]))
        except ValueError:
            continue
        return day, offset + m.start(), offset + m.end()
    return None
