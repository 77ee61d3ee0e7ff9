"""Places in text: towns and countries, by name or by adjective, as NEREL reads them.

The gazetteer (``geo``) says what a name is; these rules say where names are: words the
NER missed ("в городе Заозерск", "МИД России"), adjectives ("российская делегация" is the
country, "американский актер" a nationality), the halves of "российско-американский",
and towns named once that recur in another case.
"""

from __future__ import annotations

import re
from typing import Iterator, Sequence

from ..doc import CITY, COUNTRY, Document, Entity, Token
from .geo import LOCATION, REGION, Place
from .names import CYRILLIC_CAPITAL, LATIN_CAPITAL, NAME_TYPES, entity_from_tokens

CITY_MIN_POPULATION_UNTAGGED = 100_000  # a city the NER missed needs this many people


# Words before a name that make it something other than a city: "штат Нью-Йорк",
# "провинция Кандагар", "улица Шевченко", "аэропорт Домодедово", "клуб «Барселона»".
NOT_CITY_BEFORE = set("""
штат провинция префектура графство округ район регион департамент область кантон земля
улица проспект бульвар площадь переулок шоссе набережная мост станция метро аэропорт
вокзал стадион космодром тюрьма сизо клуб команда группа агентство издательство газета
телеканал радиостанция театр кинотеатр гостиница отель собор храм имя им
""".split())


# Of those, the ones whose name is never a town even when the NER says place: "штат
# Вашингтон", "улица Горького" ("в аэропорту Вены" is the town's airport).
NAMED_AFTER_HEADS = set("""
штат провинция префектура графство кантон улица проспект бульвар площадь переулок шоссе
набережная имя им
""".split())


def gazetteer_places(doc: Document, tokens: Sequence[Token], base: int, covered: set[int],
                     resources, orgs: set[tuple[int, int]] = frozenset()) -> Iterator[Entity]:
    """Countries and cities the NER missed: capitalised words in the gazetteer.

    Also finds the places inside organisations ("МИД России"), but not a place that is
    the whole of a name: «Барселона» the club, «Единая Россия» the party.
    """
    geo = resources.geo
    quoted = _quoted(tokens)
    i, n = 0, len(tokens)
    while i < n:
        if base + i in covered:
            i += 1
            continue
        first = tokens[i].norm
        if not (first[:1].isupper() or first.isupper()):
            i += 1  # a place name starts with a capital (most words do not: a quick way out)
            continue
        hit = None
        yearly = YEARLY_EVENT.match(first)
        if yearly:
            # "Сочи-2014", "Лондон-2012": the games are named after the town
            name = yearly.group(1)
            place = geo.lookup([name])
            start = tokens[i].start
            if is_city(place) and doc.text[start:start + len(name)] == name:
                yield Entity(CITY, start, start + len(name), name, place_value(place), "gazetteer")
            i += 1
            continue
        if not (CYRILLIC_CAPITAL.match(first) or LATIN_CAPITAL.match(first) or first.isupper()):
            i += 1
            continue
        for size in (3, 2, 1):
            window = tokens[i:i + size]
            if len(window) < size or any(base + k in covered for k in range(i, i + size)):
                continue
            if (base + i, base + i + size) in orgs or range(i, i + size) in quoted:
                continue
            if not all(_capitalised_or_link(t.norm, k) for k, t in enumerate(window)):
                continue
            place = geo.lookup([t.norm for t in window])
            if place is None or place.type not in (CITY, COUNTRY):
                continue
            if place.type == CITY and not _plausible_city(tokens, i, size, place, resources.morph):
                continue
            hit = (size, place)
            break
        if hit is None:
            i += 1
            continue
        size, place = hit
        yield place_entity(doc, tokens[i:i + size], place)
        covered.update(range(base + i, base + i + size))
        i += size


# Words that introduce the name of a town: "в городе Заозерск", "в селе Каменка", "г. Бийск".
SETTLEMENT_HEADS = {"город", "городок", "село", "деревня", "поселок", "посёлок", "станица", "аул",
                    "кишлак", "хутор", "пгт", "поселение", "местечко"}


def settlement_names(doc: Document, tokens: Sequence[Token], base: int, blocked: set[int],
                     resources) -> Iterator[Entity]:
    """"в городе Заозерск" -> CITY "Заозерск": a capitalised name after a word for a town is a
    town, whether the gazetteer knows it or not."""
    n = len(tokens)
    morph = resources.morph
    for i, t in enumerate(tokens[:-1]):
        j = i + 1
        if t.norm.lower() == "г":
            # "г. Бийск" is a town; "г" alone is a gram, and "в 2013 г." a year
            if tokens[j].norm != "." or j + 1 == n or (i and tokens[i - 1].norm[:1].isdigit()):
                continue
            j += 1
            word = tokens[j].norm
            if any(p.is_known and "Geox" not in p.tag for p in morph.parse(word.lower())) \
                    and not morph.has_tag(word, "Geox"):
                continue  # "г. Этот" ends a sentence
        elif (t.lemma or t.norm.lower()) not in SETTLEMENT_HEADS:
            continue
        k = j
        while k < n and k - j < 3 and base + k not in blocked and CYRILLIC_CAPITAL.match(tokens[k].norm):
            k += 1
        if k == j:
            continue
        # the longest name the gazetteer knows, else an adjective and its noun ("в селе
        # Верхние Ключи") or one word ("в селе Каменка [Тихоновского района]")
        longest = k
        while k > j + 1 and not is_city(resources.geo.lookup([tok.norm for tok in tokens[j:k]])):
            k -= 1
        if k == j + 1 and longest > j + 1 and morph.best(tokens[j].norm).tag.POS == "ADJF" \
                and morph.best(tokens[j + 1].norm).tag.POS == "NOUN":
            k = j + 2
        words = [tok.norm for tok in tokens[j:k]]
        place = resources.geo.lookup(words)
        if not is_city(place):
            place = Place(CITY, resources.geo.nominative(words))
        blocked.update(range(base + j, base + k))
        yield place_entity(doc, tokens[j:k], place)


def is_city(place: Place | None) -> bool:
    """True for a place the gazetteer calls a city."""
    return place is not None and place.type == CITY


YEARLY_EVENT = re.compile(r"^([А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)*)-(?:19|20)\d\d$")


def _plausible_city(tokens: Sequence[Token], i: int, size: int, place, morph) -> bool:
    """A city the NER did not tag: not an ordinary word ("Но", "Думе", "Герой"), not a
    surname ("Горького"), not a street or a state ("улица Шевченко", "штат Вашингтон")."""
    if i and (tokens[i - 1].lemma or tokens[i - 1].norm.lower()) in NOT_CITY_BEFORE:
        return False
    if size > 1:
        return True
    word = tokens[i].norm
    if morph.best(word).tag.POS in ("ADJF", "ADJS"):
        return False  # "Волжская книжная ярмарка" is not the town Volzhsky
    parses = morph.parse(word.lower())
    geox = sum(p.score for p in parses if "Geox" in p.tag)
    if geox and geox >= sum(p.score for p in parses if {"Name", "Surn", "Patr"} & p.tag.grammemes):
        return True  # but "премия Пушкина" is the poet's
    if i == 0 or place.population < CITY_MIN_POPULATION_UNTAGGED:
        return False
    # a word the dictionary knows as something else is that something else
    return not any(p.is_known for p in morph.parse(word.lower()))


def _quoted(tokens: Sequence[Token]) -> set[range]:
    """Token ranges inside short quotes: «Единая Россия», «Эхо Москвы»."""
    inside: set[range] = set()
    n = len(tokens)
    for i, t in enumerate(tokens):
        if t.norm not in ("«", '"', "„", "“"):
            continue
        for k in range(i + 1, min(n, i + 10)):
            if tokens[k].norm in ("»", '"', "“", "”"):
                inside.add(range(i + 1, k))
                break
    return inside


# Nouns after which a place adjective is part of a region's name, not a city or a
# country: "Московская область", "Краснодарский край", "Нижегородского района".
REGION_HEADS = {"область", "край", "район", "округ", "губерния", "уезд", "волость", "автономия",
                "епархия", "время"}  # "по московскому времени" is a time, not a city


# Nouns after which a country adjective names a language or a people, as NEREL reads it:
# "английский язык", "на французском".
LANGUAGE_HEADS = {"язык", "речь", "слово", "перевод", "алфавит", "диалект", "литература", "акцент"}


# People (and their origins) a country adjective describes by nationality rather than by
# state: "американский актер", "венгерского происхождения" are NATIONALITY; "американский
# президент", "российские военные" are the country (COUNTRY).
PRIVATE_PERSONS = set("""
актер актриса писатель писательница поэт поэтесса режиссер певец певица музыкант композитор
художник художница скульптор архитектор фотограф дизайнер модельер модель блогер видеоблогер
артист артистка танцор балерина пианист скрипач дирижер драматург прозаик классик критик
мультипликатор шоумен телеведущий ведущий комик юморист рэпер исполнитель исполнительница
продюсер сценарист журналист журналистка мыслитель философ спортсмен спортсменка атлет
боксер футболист хоккеист теннисист теннисистка гимнаст гимнастка легкоатлет шахматист пловец
пловчиха бегун лыжник биатлонист фигурист фигуристка борец велосипедист гонщик фехтовальщик
голкипер вратарь защитник нападающий полузащитник форвард дуэт тренер бизнесмен
предприниматель магнат миллиардер миллионер мультимиллионер коммерсант ученый физик химик
биолог физиолог историк математик изобретатель профессор инженер программист хакер врач
хирург натуралист студент студентка школьник школьница турист туристка путешественник
мужчина женщина парень девушка мальчик девочка ребенок подросток житель жительница пенсионер
пенсионерка эмигрант фанат болельщик монахиня миссионер священник активист правозащитник
доброволец заложник заложница шофер родитель семья община происхождение корень гражданство
""".split())


def adjective_places(doc: Document, tokens: Sequence[Token], base: int, blocked: set[int],
                     resources) -> Iterator[Entity]:
    """Adjectives that name a country or a city, as NEREL annotates them: "российская
    делегация" -> COUNTRY (Россия), "в московском театре" -> CITY (Москва); each half of
    "российско-американский" on its own."""
    geo = resources.geo
    for i, t in enumerate(tokens):
        if base + i in blocked or not t.norm[:1].isalpha():
            continue
        if "-" in t.norm:
            yield from _compound_adjective(doc, t, geo)
        place = geo.adjective(t.norm)
        if place is None or place.type not in (CITY, COUNTRY):
            continue
        if not _adjective_of_place(tokens, i, place, resources.morph):
            continue
        blocked.add(base + i)
        yield place_entity(doc, [t], place, adjective=True)
        # "в британской столице": the capital is a city, the adjective its country
        if place.type == COUNTRY and i + 1 < len(tokens) and tokens[i + 1].lemma == "столица":
            capital = geo.capital(place.country)
            if capital is not None:
                yield place_entity(doc, tokens[i:i + 2], capital)


def _adjective_of_place(tokens: Sequence[Token], i: int, place, morph) -> bool:
    """False where the adjective belongs to a region's name, a language or a nationality."""
    head = _head_noun(tokens, i, morph)
    if head is None:
        # "владеет английским", "на французском": a language standing alone
        return place.type == CITY
    if head in REGION_HEADS or head in LANGUAGE_HEADS:
        return False
    return not (place.type == COUNTRY and _private_person(head))


def _private_person(lemma: str) -> bool:
    """"кинорежиссер", "боксер-профессионал", "поп-певица": a person by trade."""
    if lemma in PRIVATE_PERSONS or any(part in PRIVATE_PERSONS for part in lemma.split("-")):
        return True
    return any(lemma.endswith(p) for p in PRIVATE_PERSONS if len(p) > 4)


def _head_noun(tokens: Sequence[Token], i: int, morph) -> str | None:
    """Lemma of the noun an adjective goes with: "российские [военные] летчики" -> летчик;
    "советский и российский актер" -> актер."""
    for j in range(i + 1, min(len(tokens), i + 8)):
        w = tokens[j].norm
        if w in (",", "и", "или"):
            continue
        if not w[:1].isalpha():
            return None
        p = morph.best(w)
        if p.tag.POS == "NOUN":
            return p.normal_form.replace("ё", "е")
        if p.tag.POS not in ("ADJF", "PRTF", "NUMR") and "-" not in w:
            return None
    return None


def _compound_adjective(doc: Document, t: Token, geo) -> Iterator[Entity]:
    """"российско-американских": COUNTRY "российско" and COUNTRY "американских"."""
    parts = t.norm.split("-")
    if len(parts) < 2 or geo.adjective(parts[-1]) is None:
        return
    pos = t.start
    text = doc.text[t.start:t.end]
    for k, part in enumerate(parts):
        at = text.find(part, pos - t.start)
        if at < 0:
            return
        place = geo.compound_part(part) if k < len(parts) - 1 else geo.adjective(part)
        start = t.start + at
        if place is not None and place.type in (CITY, COUNTRY):
            value = place_value(place, adjective=True)
            yield Entity(place.type, start, start + len(part), part, value, "gazetteer:adjective")
        pos = start + len(part)


def _capitalised_or_link(word: str, position: int) -> bool:
    """Capitalised, or a word inside a name: "Ростов-на-Дону", "Тринидад и Тобаго"."""
    if word[:1].isupper():
        return True
    return position > 0 and word in ("-", "на", "де", "и")


def place_entity(doc: Document, tokens: Sequence[Token], place, adjective: bool = False) -> Entity:
    """A CITY, COUNTRY or other place entity over ``tokens``, its value from the gazetteer."""
    source = "gazetteer:adjective" if adjective else "gazetteer"
    return entity_from_tokens(doc, tokens, place.type, place_value(place, adjective), source)


def place_value(place, adjective: bool = False) -> dict:
    """{"name", "country", "geonameid"}; "adjective": true when an adjective names the place."""
    value: dict = {"name": place.name}
    if place.country:
        value["country"] = place.country
    if place.geonameid:
        value["geonameid"] = place.geonameid
    if adjective:
        value["adjective"] = True
    return value


def repeated_towns(doc: Document, entities: list[Entity], geo) -> list[Entity]:
    """A town named once ("в деревне Кривоозерье") is that town where it recurs in another
    case ("в Кривоозерье"), though no gazetteer knows it."""
    towns: dict[str, Entity] = {}
    for e in entities:
        if e.type == CITY and " " not in e.text and not (e.value or {}).get("adjective"):
            towns.setdefault(_key(geo.nominative([e.text])), e)
    if not towns:
        return []
    busy = [(e.start, e.end) for e in entities if e.type in NAME_TYPES]
    out = []
    for t in doc.tokens:
        if not CYRILLIC_CAPITAL.match(t.norm):
            continue
        src = towns.get(_key(geo.nominative([t.norm])))
        if src is None or any(a < t.end and t.start < b for a, b in busy):
            continue
        out.append(Entity(CITY, t.start, t.end, doc.text[t.start:t.end], dict(src.value or {}), "rule:repeated"))
    return out


def _key(name: str) -> str:
    return name.lower().replace("ё", "е")


def drop_retyped_places(entities: list[Entity]) -> list[Entity]:
    """A LOCATION the NER proposed and a rule made a CITY stays a CITY only."""
    cities = {(e.start, e.end) for e in entities if e.type == CITY}
    return [e for e in entities if not (e.type in (LOCATION, REGION) and (e.start, e.end) in cities)]
