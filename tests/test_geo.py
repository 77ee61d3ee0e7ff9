"""The gazetteer: cities apart from countries, any case, Russian nominative names."""

import pytest


@pytest.mark.parametrize("phrase, type_, name, country", [
    ("Ташкенте", "CITY", "Ташкент", "UZ"),
    ("Казани", "CITY", "Казань", "RU"),
    ("Нижнем Новгороде", "CITY", "Нижний Новгород", "RU"),
    ("Екатеринбурге", "CITY", "Екатеринбург", "RU"),
    ("Алматы", "CITY", "Алматы", "KZ"),
    ("Самаре", "CITY", "Самара", "RU"),
    ("Нью-Йорке", "CITY", "Нью-Йорк", "US"),
    ("Великобритании", "COUNTRY", "Великобритания", "GB"),
    ("США", "COUNTRY", "США", "US"),
    ("России", "COUNTRY", "Россия", "RU"),
    ("Республику Беларусь", "COUNTRY", "Беларусь", "BY"),
    ("Германии", "COUNTRY", "Германия", "DE"),
    ("Узбекистана", "COUNTRY", "Узбекистан", "UZ"),
    ("Армения", "COUNTRY", "Армения", "AM"),  # a country before a town of Colombia
])
def test_places(resources, phrase, type_, name, country):
    place = resources.geo.lookup(phrase.split())
    assert (place.type, place.name, place.country) == (type_, name, country)


@pytest.mark.parametrize("phrase", ["Центральной Азии", "СНГ", "Европы", "Ближнем Востоке"])
def test_regions_are_neither_city_nor_country(resources, phrase):
    place = resources.geo.lookup(phrase.split())
    assert place is not None and place.type == "LOCATION"


@pytest.mark.parametrize("phrase", ["Форум", "Министерство", "Горизонты"])
def test_not_places(resources, phrase):
    assert resources.geo.lookup(phrase.split()) is None


def test_cities_carry_geonames_ids(resources):
    place = resources.geo.lookup(["Ташкенте"])
    assert place.geonameid == 1512569
