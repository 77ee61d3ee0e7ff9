"""Names of organisations and people: rules beside natasha's NER, and normal forms.

Rules find what the news model misses in press releases: Latin-script names
("The British Council", "Goethe-Institut"), acronyms ("CIAQ", "РСПП") and quoted
names after a descriptor ("фонд «Молодежные инициативы»").
"""

from __future__ import annotations

import re
from typing import Iterator, Sequence

from ..doc import Token
from ..morphology import copy_case
from .numbers import ROMAN

LATIN_WORD = re.compile(r"^[A-Z][A-Za-z0-9&'.\-]*$")
LATIN_LINK = {"of", "the", "and", "for", "&", "de", "du", "des", "la", "le", "von", "van", "der",
              "für", "und", "in", "on", "at"}
ACRONYM = re.compile(r"^(?=.*[A-ZА-ЯЁ].*[A-ZА-ЯЁ])[A-ZА-ЯЁ][A-ZА-ЯЁ0-9\-&]{1,9}$")

# Upper-case words that are not organisations: units, terms, places, numerals.
NOT_ORG_ACRONYMS = set("""
США РФ СССР СНГ ЕС ОАЭ КНР КНДР ЮАР ФРГ ГДР ДРК ЦАР США UK USA EU UAE
ДНК РНК ВВП ВИЧ СПИД ОРВИ ОРЗ НДС НДФЛ ИТ IT ИИ AI ОК OK ТВ TV PR ПК ЧП ЖКХ ЖКУ ДТП ВУЗ ВУЗы СМИ
COVID SARS MERS HIV CEO CFO CTO VIP PhD MBA GPS SMS USB PDF HTML WWW КПД ЛЭП АЭС ГЭС ТЭС ТЭЦ
XX XXI XIX IX XI XII XIV XV XVI XVII XVIII XIII
""".split())

# A descriptor before a quoted name: "компания «Интелком»", "АНО «Волга-Джаз»".
ORG_DESCRIPTORS = set("""
компания фирма корпорация концерн холдинг группа банк фонд ассоциация союз общество
объединение организация агентство центр институт университет академия училище
колледж школа лицей гимназия музей театр библиотека галерея студия издательство
клуб команда федерация партия движение газета журнал телеканал радиостанция
завод фабрика комбинат предприятие кооператив артель товарищество сообщество
министерство ведомство служба управление комитет совет палата суд прокуратура
оао зао ооо пао ао ано нко гуп муп фгуп оо ип нп
""".split())

# English words that make a Latin-script name an organisation's: "The British Council",
# "Bell Labs", "Volga Group". Without one, or a Russian descriptor before it, a Latin name
# in Russian news is as often a song, a product or a disease ("COVID-19").
LATIN_ORG_WORDS = set("""
council institute institut university college school academy foundation fund association
society agency bank group company corporation corp inc ltd llc gmbh ag plc club museum gallery
centre center hub lab labs union federation committee organization organisation network
partners capital ventures media news press times post records studios studio pictures
entertainment airlines airways motors systems technologies holdings international services
trust party league church ministry department office bureau authority commission board
court parliament chronicle herald tribune journal magazine industries brothers associates
consulting solutions software electronics energy telecom broadcasting
""".split())
# Russian words before a name that say what kind of organisation it is: "газета «Ведомости»",
# "компания Google", "агентство Reuters"; and roles or origins: "председатель РСПП",
# "делегаты от CIAQ".
ORG_CUES_BEFORE = set("""
издание портал сервис магазин лейбл бренд производитель газета журнал телеканал агентство
председатель глава директор руководитель президент сотрудник представитель член эксперт
специалист делегат основатель учредитель
""".split())

QUOTE_OPEN = {"«", '"', "'"}
QUOTE_CLOSE = {"»", '"', "'"}

# Not organisations, whatever the NER says: the media at large, the internet, platforms
# people post on, encyclopedias, diseases. "как пишут СМИ", "в Интернете", "COVID-19".
NOT_ORGANISATIONS = set("""
сми интернет википедия wikipedia викиновости twitter твиттер instagram инстаграм youtube ютуб
telegram телеграм вконтакте weibo wechat tiktok тикток whatsapp
""".split())
# Platforms that are companies too: an organisation unless something is posted "в Facebook".
PLATFORMS = {"facebook", "фейсбук"}
NOT_ORGANISATION_PREFIX = re.compile(r"^(?:COVID|Covid|SARS|MERS|ВИЧ|H\dN\d)")
# What a quoted name after these words is: a cinema, a song, a brand, not an organisation.
# "в кинотеатрах «Звезда», «Космос» и «Юность»", "торговыми марками «Раундап»".
NOT_ORG_DESCRIPTORS = set("""
кинотеатр стадион аэропорт станция отель гостиница ресторан кафе парк сквер хранилище сизо
тюрьма колония телецентр пост арена площадка зал дворец храм собор монастырь больница
песня альбом сингл трек клип фильм кинофильм спектакль мюзикл картина книга роман повесть
рассказ сборник стихотворение поэма программа передача шоу сериал мультфильм опера балет
симфония сочинение произведение марка препарат лекарство самолет истребитель вертолет корабль
судно поезд автомобиль ракета спутник проект акция конкурс фестиваль премия турнир выставка
""".split())


def latin_names(tokens: Sequence[Token]) -> Iterator[tuple[int, int]]:
    """Token ranges of Latin-script capitalised names: "The British Council"."""
    i, n = 0, len(tokens)
    while i < n:
        if LATIN_WORD.match(tokens[i].norm) and not ROMAN.match(tokens[i].norm):
            j = i + 1
            while j < n:
                w = tokens[j].norm
                if LATIN_WORD.match(w) or (w.lower() in LATIN_LINK and j + 1 < n
                                           and LATIN_WORD.match(tokens[j + 1].norm)):
                    if tokens[j].start - tokens[j - 1].end > 1:
                        break
                    j += 1
                else:
                    break
            yield i, j
            i = j
        else:
            i += 1


def organisation_cue(tokens: Sequence[Token], start: int, end: int) -> bool:
    """True when the words around a Latin name or acronym say it is an organisation's."""
    if any(t.norm.lower() in LATIN_ORG_WORDS for t in tokens[start:end]):
        return True
    k = start - 1
    while k >= 0 and tokens[k].norm in QUOTE_OPEN | {"''", "“", "„"}:
        k -= 1  # газеты ''The Washington Post''
    if k < 0:
        return False
    before = tokens[k].lemma or tokens[k].norm.lower()
    if before == "от":
        # "делегаты от CIAQ", but not "умер от COVID-19"
        return k > 0 and tokens[k - 1].pos == "NOUN" and _animate(tokens[k - 1])
    return before in ORG_CUES_BEFORE or before in ORG_DESCRIPTORS


def _animate(token: Token) -> bool:
    return "anim" in (token.tag or "").replace("inan", "")


def not_organisation(tokens: Sequence[Token], start: int, end: int, floor: int = 0) -> bool:
    """True when ``tokens[start:end]``, an organisation by the NER, is something else."""
    words = [t.norm for t in tokens[start:end]]
    if NOT_ORGANISATION_PREFIX.match(words[0]):
        return True
    if len(words) == 1:
        lemma = tokens[start].lemma or words[0].lower()
        if lemma in NOT_ORGANISATIONS or words[0].lower() in NOT_ORGANISATIONS:
            return True
        if lemma in PLATFORMS or words[0].lower() in PLATFORMS:
            before = tokens[start - 1].norm.lower() if start > floor else ""
            if before in ("в", "во", "на", "через"):
                return True
    return _descriptor_before_quotes(tokens, start, floor) in NOT_ORG_DESCRIPTORS


def _descriptor_before_quotes(tokens: Sequence[Token], start: int, floor: int) -> str | None:
    """Lemma of the word before a list of quoted names: "кинотеатрах «Звезда», «Космос»"."""
    k = start - 1
    while k >= floor:
        w = tokens[k].norm
        if w in QUOTE_OPEN or w in QUOTE_CLOSE or w in (",", "и", "или"):
            k -= 1
            continue
        if k + 1 < len(tokens) and tokens[k + 1].norm in QUOTE_CLOSE:
            # the end of an earlier quoted name in the list: skip back to its opening
            while k >= floor and tokens[k].norm not in QUOTE_OPEN:
                k -= 1
            k -= 1
            continue
        break
    if k < floor or k == start - 1:
        return None
    return tokens[k].lemma or tokens[k].norm.lower()


def is_acronym(word: str) -> bool:
    """True for an organisation-like acronym: "CIAQ", "РСПП"; not "США", "XV", "ДНК"."""
    if not ACRONYM.match(word) or word in NOT_ORG_ACRONYMS or ROMAN.match(word):
        return False
    return not word.isdigit()


def quoted_names(tokens: Sequence[Token]) -> Iterator[tuple[int, int, int]]:
    """(descriptor index, first token, end) for "фонд «Молодежные инициативы»".

    The span runs from the descriptor (and the adjectives before the quote) to the
    closing quote; only short quoted names (up to 8 tokens) count.
    """
    n = len(tokens)
    for i, t in enumerate(tokens):
        if t.norm not in QUOTE_OPEN or i == 0:
            continue
        close = next((k for k in range(i + 1, min(n, i + 10)) if tokens[k].norm in QUOTE_CLOSE), None)
        if close is None or close == i + 1:
            continue
        d = i - 1
        lemma = (tokens[d].lemma or tokens[d].norm.lower())
        if lemma in ORG_DESCRIPTORS or tokens[d].norm.lower() in ORG_DESCRIPTORS:
            yield d, i, close + 1


def org_nominative(words: Sequence[str], morph) -> str:
    """An organisation name in the nominative: only the head phrase inflects, and its
    adjectives agree with the head noun.

    "Ассоциации экспортеров Сибири" -> "Ассоциация экспортеров Сибири";
    "Сибирского отделения РАН" -> "Сибирское отделение РАН";
    "фонда «Молодежные инициативы»" -> "фонд «Молодежные инициативы»".
    """
    out = list(words)
    start = 1 if words and words[0] in QUOTE_OPEN else 0  # «Единой России»
    phrase = []
    for w in words[start:]:
        if not re.search("[а-яё]", w, re.I) or (w.isupper() and len(w) > 1) or w in QUOTE_OPEN:
            break
        parses = _dictionary_parses(w, morph)
        if not parses:
            break
        phrase.append(parses)
        if not any(p.tag.POS in ("ADJF", "PRTF") for p in parses):
            break  # the head noun; adjectives ("Главного" may be a noun too) come before it
    reading = _agreeing_reading(phrase)
    if reading is None:
        return _join(out)
    head = reading[-1]
    number = "plur" if head.tag.number == "plur" else "sing"
    for k, p in enumerate(reading):
        want = {"nomn", number}
        if p is not head and number == "sing" and head.tag.gender:
            want.add(head.tag.gender)
        form = _inflect_like(p, want, words[start + k].lower())
        if form is not None and form.replace("ё", "е") != words[start + k].lower().replace("ё", "е"):
            out[start + k] = copy_case(form, words[start + k])
    return _join(out)


def _dictionary_parses(word: str, morph) -> list:
    """Dictionary readings of a word with a case; unknown words ("Интелком") never inflect."""
    out = []
    for p in morph.parse(word.lower()):
        if p.tag.POS in ("NOUN", "ADJF", "PRTF") and p.tag.case:
            if all(type(m[0]).__name__ == "DictionaryAnalyzer" for m in p.methods_stack):
                out.append(p)
    return out


def _agreeing_reading(phrase: list[list]) -> list | None:
    """Readings of adjectives + head noun in one case, gender and number: "Сибирского
    отделения" is neuter genitive, so the adjective is "Сибирское", not "Сибирский"."""
    if not phrase:
        return None
    heads = [p for p in phrase[-1] if p.tag.POS == "NOUN"] or phrase[-1]
    for head in heads:  # most likely reading first
        reading = []
        for parses in phrase[:-1]:
            match = next((p for p in parses if p.tag.POS in ("ADJF", "PRTF") and p.tag.case == head.tag.case
                          and p.tag.number == head.tag.number
                          and (head.tag.number == "plur" or p.tag.gender in (head.tag.gender, None)
                               or head.tag.gender is None)), None)
            if match is None:
                break
            reading.append(match)
        else:
            return reading + [head]
    # no agreeing reading: only the first word, as the dictionary reads it
    return [phrase[0][0]] if len(phrase) == 1 else None


def _inflect_like(parse, grammemes: set[str], word: str) -> str | None:
    """The form of ``parse``'s word with ``grammemes`` that keeps most of the word:
    "Высшей" -> "Высшая", not the other superlative "Высочайшая"."""
    if "Supr" in parse.tag:
        forms = [f.word for f in parse.lexeme if grammemes <= f.tag.grammemes
                 and ("Supr" in f.tag) == ("Supr" in parse.tag)]
        if not forms:
            return None
        return max(forms, key=lambda f: (_common_prefix(f, word), -len(f)))
    form = parse.inflect(grammemes)
    return form.word if form is not None else None


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def person_nominative(words: Sequence[str], morph) -> str:
    """A person's name in the nominative: "Барака Обамы" -> "Барак Обама", "Анне
    Ахматовой" -> "Анна Ахматова" (the case the name's words share decides)."""
    readings = []
    for w in words:
        if not re.search("[а-яё]", w, re.I) or len(w) < 2 or w.endswith("."):
            readings.append(None)
            continue
        readings.append([p for p in morph.parse(w.lower()) if {"Name", "Surn", "Patr"} & p.tag.grammemes])
    case = _shared_case([r for r in readings if r])
    out = []
    for w, parses in zip(words, readings):
        if not parses:
            out.append(w)
            continue
        # an inflecting reading in the shared case first: "Анне" is Анна's dative, not the
        # indeclinable Анне, when "Ахматовой" beside it is oblique
        ranked = sorted(parses, key=lambda p: (p.tag.case != case, "Fixd" in p.tag, -p.score))
        form = ranked[0].inflect({"nomn", "sing"})
        out.append(copy_case(form.word, w) if form else w)
    return _join(out)


def _shared_case(readings: list[list]) -> str | None:
    """The case most likely shared by all the words of a name."""
    # an indeclinable reading fits any case: judge a word by its inflecting readings
    readings = [[p for p in parses if "Fixd" not in p.tag] or parses for parses in readings]
    scores: dict[str, float] = {}
    for parses in readings:
        for p in parses:
            if p.tag.case and "Fixd" not in p.tag:
                scores[p.tag.case] = scores.get(p.tag.case, 0.0) + p.score
    shared = [c for c in scores
              if all(any(p.tag.case == c or "Fixd" in p.tag for p in parses) for parses in readings)]
    return max(shared, key=lambda c: scores[c]) if shared else None


def _join(words: Sequence[str]) -> str:
    """Join words, without spaces inside quotes or before punctuation."""
    out = ""
    for w in words:
        if not out:
            out = w
        elif w in ("»", ",", ".", ")", '"') and (w != '"' or out.count('"') % 2 == 1):
            out += w
        elif out[-1] in ("«", "(") or (out[-1] == '"' and out.count('"') % 2 == 1):
            out += w
        else:
            out += " " + w
    return out
