"""Names of organisations and people: rules beside natasha's NER, and normal forms.

Rules find what the news model misses in press releases: Latin-script names
("The British Council", "Goethe-Institut"), acronyms ("CIAQ", "РСПП") and quoted
names after a descriptor ("фонд «Молодежные инициативы»").
"""

from __future__ import annotations

import functools
import re
from typing import Iterator, Sequence

from ..doc import CITY, COUNTRY, FACILITY, ORGANIZATION, PERSON, Document, Entity, Token
from ..morphology import copy_case
from .geo import ADJECTIVE_ENDINGS, LOCATION, REGION
from .numbers import ROMAN

CYRILLIC_CAPITAL = re.compile(r"^[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*$")


LATIN_CAPITAL = re.compile(r"^[A-Z][a-z]+(?:-[A-Za-z][a-z]+)*$")
NAME_TYPES = (PERSON, ORGANIZATION, CITY, COUNTRY)
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
# "Bell Labs", "Baikal Group". Without one, or a Russian descriptor before it, a Latin name
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
# "в кинотеатрах «Рассвет», «Октябрь» и «Мир»", "торговой маркой «Чистый дом»".
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
    """Lemma of the word before a list of quoted names: "кинотеатрах «Рассвет», «Октябрь»"."""
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


# Words for buildings and grounds: a quoted name after one is a FACILITY, a place where
# things happen, not an organisation ("в выставочном зале «Манеж на Неве»").
FACILITY_DESCRIPTORS = set("""
зал манеж павильон дворец стадион арена площадка парк сквер сад аэропорт вокзал станция
отель гостиница ресторан кафе кинотеатр концертхолл конгресс-холл холл комплекс
спорткомплекс экспоцентр храм собор монастырь больница тюрьма колония
""".split())


def facility_names(doc: Document, tokens: Sequence[Token], base: int,
                   covered: set[int]) -> Iterator[Entity]:
    """FACILITY entities: the quoted name after a word for a building or grounds,
    without the quotes ("в выставочном зале «Манеж на Неве»" -> "Манеж на Неве")."""
    n = len(tokens)
    for i, t in enumerate(tokens):
        if t.norm not in QUOTE_OPEN or i == 0:
            continue
        lemma = tokens[i - 1].lemma or tokens[i - 1].norm.lower()
        if lemma not in FACILITY_DESCRIPTORS:
            continue
        close = next((k for k in range(i + 1, min(n, i + 10)) if tokens[k].norm in QUOTE_CLOSE), None)
        if close is None or close == i + 1 or covered.intersection(range(base + i + 1, base + close)):
            continue
        start, end = tokens[i + 1].start, tokens[close - 1].end
        covered.update(range(base + i + 1, base + close))
        yield Entity(FACILITY, start, end, doc.text[start:end], {"name": doc.text[start:end]},
                     "rule:facility")


# Names looked up in the nominative: news name the same organisations and people again
# and again, and inflecting them (pymorphy3's lexemes) is the costly part.
NAME_CACHE_SIZE = 20_000


def org_nominative(words: Sequence[str], morph) -> str:
    """An organisation name in the nominative: only the head phrase inflects, and its
    adjectives agree with the head noun.

    "Ассоциации экспортеров Сибири" -> "Ассоциация экспортеров Сибири";
    "Сибирского отделения РАН" -> "Сибирское отделение РАН";
    "фонда «Молодежные инициативы»" -> "фонд «Молодежные инициативы»".
    """
    return _org_nominative(tuple(words), morph)


@functools.lru_cache(maxsize=NAME_CACHE_SIZE)
def _org_nominative(words: tuple[str, ...], morph) -> str:
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
    return _person_nominative(tuple(words), morph)


@functools.lru_cache(maxsize=NAME_CACHE_SIZE)
def _person_nominative(words: tuple[str, ...], morph) -> str:
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


def entity_from_tokens(doc: Document, tokens: Sequence[Token], type_: str, value, source: str) -> Entity:
    """An entity over ``tokens``, its text sliced from the document."""
    start, end = tokens[0].start, tokens[-1].end
    return Entity(type_, start, end, doc.text[start:end], value, source)


# Adjectives from names that name the person: "Нобелевская премия" (Альфред Нобель).
EPONYMS = {"нобелевск": "Нобель", "ленинск": "Ленин", "сталинск": "Сталин", "мариинск": "Мария"}


def rule_organisations(doc: Document, tokens: Sequence[Token], base: int, covered: set[int],
                       places: set[int], resources) -> Iterator[Entity]:
    """Organisations the NER left untagged, rule by rule, in this order."""
    taken = set(covered)
    for rule in ORGANISATION_RULES:
        for ent, idx in rule(doc, tokens, base, taken, places, resources):
            taken.update(idx)
            covered.update(idx)
            yield ent


def _quoted_organisations(doc: Document, tokens: Sequence[Token], base: int, taken: set[int],
                          places: set[int], resources) -> Iterator[tuple[Entity, Sequence[int]]]:
    """"фонд «Молодежные инициативы»" -> "Молодежные инициативы": the quotes hold the name."""
    for _, q, end in quoted_names(tokens):
        idx = range(base + q + 1, base + end - 1)
        if taken.intersection(idx):
            continue
        inner = tokens[q + 1:end - 1]
        start, stop = inner[0].start, inner[-1].end
        yield entity_from_tokens(doc, inner, ORGANIZATION, {"name": doc.text[start:stop]}, "rule:quoted"), idx


def _latin_organisations(doc: Document, tokens: Sequence[Token], base: int, taken: set[int],
                         places: set[int], resources) -> Iterator[tuple[Entity, Sequence[int]]]:
    """Latin-script names that say they are organisations ("The British Council",
    "Goethe-Institut") or follow a word that does ("агентство Reuters")."""
    for s, e in latin_names(tokens):
        idx = range(base + s, base + e)
        if taken.intersection(idx) or not organisation_cue(tokens, s, e) or not_organisation(tokens, s, e):
            continue
        words = [t.norm for t in tokens[s:e]]
        if len(words) == 1 and not is_acronym(words[0]) and len(words[0]) < 3:
            continue
        yield entity_from_tokens(doc, tokens[s:e], ORGANIZATION, {"name": " ".join(words)}, "rule:latin"), idx


def _acronym_organisations(doc: Document, tokens: Sequence[Token], base: int, taken: set[int],
                           places: set[int], resources) -> Iterator[tuple[Entity, Sequence[int]]]:
    """Acronyms after a word that makes them organisations: "председатель РСПП"; not
    places ("СНГ", "США"). Elsewhere an acronym the NER passed over is mostly a law ("УК"),
    an exam ("ЕГЭ") or a thing ("ИВЛ")."""
    for i, t in enumerate(tokens):
        if base + i in taken or not is_acronym(t.norm) or not organisation_cue(tokens, i, i + 1):
            continue
        if resources.geo.lookup([t.norm]) is not None:
            continue
        yield entity_from_tokens(doc, [t], ORGANIZATION, {"name": t.norm}, "rule:acronym"), [base + i]


ORGANISATION_RULES = (_quoted_organisations, _latin_organisations, _acronym_organisations)


# A name in brackets right after a name: its Latin spelling or its acronym, a name of the
# same thing: "Джон Смит (John Smith)", "Бад-Хомбург (Bad Homburg)",
# "Ассоциация инновационных регионов Сибири (АИРС)".
BRACKETED_LATIN = re.compile(r"\(\s*([A-Z][^\W\d_]*(?:[ '’.&-]+[^\W_][\w'’.&-]*){0,6}?)\s*[),;]")


BRACKETED_ACRONYM = re.compile(r"\(\s*([A-ZА-ЯЁ][A-ZА-ЯЁ0-9&-]{1,9})\s*[),;]")


CYRILLIC_LETTER = re.compile("[а-яё]", re.I)


def bracketed_names(doc: Document, entities: list[Entity]) -> list[Entity]:
    """The bracketed Latin name or acronym after a name gets that name's type; another
    type proposed for the same words gives way."""
    added: list[Entity] = []
    longest: dict[int, Entity] = {}
    for e in entities:
        if e.type in NAME_TYPES and (e.end not in longest or e.start < longest[e.end].start):
            longest[e.end] = e
    # "Лондонской школы экономики (London School of Economics)": the whole name, not the city
    for e in longest.values():
        after = doc.text[e.end:e.end + 80]
        m = BRACKETED_LATIN.match(after.lstrip(" ")) if after[:2].strip() in ("(", "") else None
        if m is None or CYRILLIC_LETTER.search(m.group(1)):
            m = BRACKETED_ACRONYM.match(after.lstrip(" ")) if e.type == ORGANIZATION else None
        if m is None:
            continue
        start = e.end + (len(after) - len(after.lstrip(" "))) + m.start(1)
        end = start + len(m.group(1))
        text = doc.text[start:end]
        if e.type in (CITY, COUNTRY):
            value = dict(e.value or {}, name=(e.value or {}).get("name", e.text))
        else:
            value = {"name": text}
        added.append(Entity(e.type, start, end, text, value, "rule:bracketed"))
    if not added:
        return entities
    spans = {(a.start, a.end): a.type for a in added}
    kept = [e for e in entities if not (e.type in NAME_TYPES and spans.get((e.start, e.end), e.type) != e.type)]
    return kept + added


# Words an acronym skips: "Комитет по делам молодежи" -> КДМ.
OPENING_BRACKET = re.compile(r"[ \t]*\([ \t]*")


ACRONYM_SKIPS = {"и", "по", "в", "во", "на", "за", "при", "для", "с", "со", "of", "the", "and", "for",
                 "de", "du", "des", "la", "le", "in", "on", "at", "für", "und"}


def link_aliases(doc: Document, entities: list[Entity]) -> None:
    """Give an organisation's (or person's) names in one text a shared ``canonical`` value.

    Linked are a name and what stands in brackets after it ("Британский совет (British
    Council)", "Ассоциация инновационных регионов Сибири (АИРС)") and an acronym and the
    name whose initials it spells, wherever they stand ("ООН" ... "Организация
    Объединённых Наций"). Every mention of a linked name gets the same canonical: the
    full name in the nominative, the first one given where two full names are linked.
    """
    names = [e for e in entities if e.type in (ORGANIZATION, PERSON)]
    parent: dict[int, int] = {}

    def root(i: int) -> int:
        while parent.get(i, i) != i:
            i = parent[i]
        return i

    def join(a: int, b: int) -> None:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    by_start = {e.start: i for i, e in enumerate(names)}
    for i, e in enumerate(names):
        m = OPENING_BRACKET.match(doc.text, e.end)
        j = by_start.get(m.end()) if m else None
        if j is not None and names[j].type == e.type:
            join(i, j)
    acronyms = {}
    for i, e in enumerate(names):
        if e.type == ORGANIZATION and is_acronym_text(e.text):
            acronyms.setdefault(e.text.upper(), []).append(i)
    for i, e in enumerate(names):
        if e.type == ORGANIZATION and not is_acronym_text(e.text):
            for k in acronyms.get(initials((e.value or {}).get("name", e.text)), ()):
                join(i, k)
    same_text: dict[tuple[str, str], int] = {}
    for i, e in enumerate(names):
        key = (e.type, e.text)
        if key in same_text:
            join(same_text[key], i)
        else:
            same_text[key] = i
    groups: dict[int, list[int]] = {}
    for i in range(len(names)):
        groups.setdefault(root(i), []).append(i)
    for members in groups.values():
        texts = {names[i].text for i in members}
        if len(texts) < 2:
            continue
        full = [i for i in members if not is_acronym_text(names[i].text)] or members
        first = min(full, key=lambda i: names[i].start)
        canonical = (names[first].value or {}).get("name", names[first].text)
        for i in members:
            names[i].value = dict(names[i].value or {}, canonical=canonical)


def is_acronym_text(text: str) -> bool:
    """"АИРС", "BBC": one word of capitals (one small letter allowed: "МосГУ")."""
    letters = [c for c in text if c.isalpha()]
    return 1 < len(letters) <= 10 and " " not in text and sum(c.isupper() for c in letters) >= 2 \
        and sum(c.isupper() for c in letters) >= len(letters) - 1


def initials(name: str) -> str:
    """"Ассоциация инновационных регионов Сибири" -> "АИРС"."""
    words = [w for w in re.split(r"[\s\-]+", name.replace("«", " ").replace("»", " "))
             if w and w.lower() not in ACRONYM_SKIPS and w[:1].isalpha()]
    return "".join(w[0] for w in words).upper()


def repeated_surnames(doc: Document, entities: list[Entity], morph) -> list[Entity]:
    """A surname named once is that person wherever it recurs in another case:
    "Иржи Новак" ... "правительство Новака"; inside an organisation's name too."""
    surnames: dict[str, str] = {}
    for e in entities:
        words = e.text.split()
        # a full name ("Иржи Новак") vouches for its surname
        if e.type == PERSON and len(words) > 1 and all(CYRILLIC_CAPITAL.match(w) for w in words):
            if len(words[-1]) > 3:
                surnames[_surname_key(words[-1], morph)] = (e.value or {}).get("name", e.text)
    if not surnames:
        return []
    busy = [(e.start, e.end) for e in entities if e.type in (PERSON, CITY, COUNTRY, LOCATION, REGION)]
    out = []
    toks = doc.tokens
    for i, t in enumerate(toks):
        if not CYRILLIC_CAPITAL.match(t.norm) or len(t.norm) <= 3:
            continue
        # not a part of another name ("Анны Франк") or of a title in quotes
        neighbours = [toks[k] for k in (i - 1, i + 1) if 0 <= k < len(toks) and toks[k].sentence == t.sentence]
        if any(x.norm[:1].isupper() or x.norm in ("«", "»", '"') for x in neighbours):
            continue
        key = _surname_key(t.norm, morph)
        if key not in surnames or any(a < t.end and t.start < b for a, b in busy):
            continue
        out.append(Entity(PERSON, t.start, t.end, doc.text[t.start:t.end], {"name": surnames[key]},
                          "rule:repeated"))
    return out


def _surname_key(word: str, morph) -> str:
    """"Новака" -> "новак": the surname's nominative, or the word itself."""
    w = word.lower()
    for p in morph.parse(w):
        if "Surn" in p.tag or "Name" in p.tag:
            return p.normal_form.replace("ё", "е")
    return w.replace("ё", "е")


def eponym_adjectives(doc: Document, entities: list[Entity], morph) -> list[Entity]:
    """"Нобелевской премии", "Чеховские чтения" (after Чехов, named in the text): an
    adjective made from a person's name names that person, as NEREL annotates it."""
    stems = dict(EPONYMS)
    for e in entities:
        if e.type == PERSON:
            last = e.text.split()[-1].lower()
            surname = next((p.normal_form for p in morph.parse(last) if "Surn" in p.tag), None)
            if surname and len(surname) > 3:
                stems.setdefault(surname.replace("ё", "е") + "ск", (e.value or {}).get("name", e.text))
    busy = [(e.start, e.end) for e in entities if e.type in (PERSON, CITY, COUNTRY)]
    out = []
    for t in doc.tokens:
        if t.pos != "ADJF":
            continue
        w = t.norm.lower().replace("ё", "е")
        if len(w) < 6:
            continue
        name = next((stems[w[:-len(e)]] for e in ADJECTIVE_ENDINGS if w.endswith(e) and w[:-len(e)] in stems),
                    None)
        if name is None or any(a < t.end and t.start < b for a, b in busy):
            continue
        out.append(Entity(PERSON, t.start, t.end, doc.text[t.start:t.end], {"name": name, "adjective": True},
                          "rule:eponym"))
    return out
