"""Events, round 12: event words that had been missed (detection). Texts written for the tests."""

import pytest


def titles_and_places(nlp, text):
    return [(e.to_dict()["title"], [p["text"] for p in e.to_dict().get("places") or []])
            for e in nlp(text).events]


@pytest.mark.parametrize("text, records", [
    # a concert tour is a gathering; a tour alone may be a trip for sale
    ("Рок-группа начнет концертный тур 5 мая в Казани.", [("концертный тур", ["Казани"])]),
    ("Во втором туре голосования горожане выбирали мэра.", [("втором туре голосования", [])]),
])
def test_a_tour(nlp, text, records):
    assert titles_and_places(nlp, text) == records


@pytest.mark.parametrize("text, records", [
    # "марш" is an interjection to pymorphy3 first
    ("В субботу в Самаре прошел молодежный марш.", [("молодежный марш", ["Самаре"])]),
    ("Сержант скомандовал шагом марш и рота двинулась.", []),
])
def test_a_noun_read_as_an_interjection(nlp, text, records):
    assert titles_and_places(nlp, text) == records


@pytest.mark.parametrize("text, records", [
    # a verb of going or taking somewhere is an event when a place follows it
    ("Задержанного доставили в Новосибирск.", [("доставили", ["Новосибирск"])]),
    ("Летом 2015 года писатель вернулся в Самару.", [("вернулся", ["Самару"])]),
    ("Вечером премьер направился на Кипр.", [("направился", ["Кипр"])]),
    # no place after it, or only planned
    ("Курьер доставил посылку.", []),
    ("Писатель вернется в Самару весной.", []),
    # a gerund is the background of the main event
    ("Вернувшись в Омск, писатель открыл школу.", [("открыл", ["Омск"])]),
    ("Он стал лучше писать, когда вернулся в Самару.", []),
])
def test_a_verb_with_its_destination(nlp, text, records):
    assert titles_and_places(nlp, text) == records


@pytest.mark.parametrize("text, records", [
    # festive meals and fireworks are gatherings
    ("В субботу в Сочи прошел праздничный салют.", [("праздничный салют", ["Сочи"])]),
    ("Для ветеранов в Ярославле устроили пикник.", [("пикник", ["Ярославле"])]),
])
def test_festive_gatherings(nlp, text, records):
    assert titles_and_places(nlp, text) == records


def titles_and_kinds(nlp, text):
    return [(e.to_dict()["title"], e.to_dict()["kind"]) for e in nlp(text).events]


@pytest.mark.parametrize("text, records", [
    # verbs that are events with their object
    ("В мае в Твери учительница сочеталась браком с пожарным.", [("сочеталась", "свадьба")]),
    ("Журналист был выпущен на свободу в Минске.", [("выпущен", "освобождение")]),
    ("Полковник переведен на должность заместителя министра.", [("переведен", "назначение")]),
    ("Новый судья приносит присягу в четверг.", [("приносит", "присяга")]),
    ("Его перевели на другой язык.", []),
])
def test_verbs_of_offices_and_weddings(nlp, text, records):
    assert titles_and_kinds(nlp, text) == records


@pytest.mark.parametrize("text, records", [
    # feats: ascents and crossings
    ("В июле альпинист из Омска поднялся на вершину Эльбруса.", [("поднялся", "восхождение")]),
    ("Школьница переплыла Онежское озеро.", [("переплыла", "заплыв")]),
    ("Лыжник первым пересек финишную черту в Тюмени.", [("пересек", "пересечение")]),
    ("Цены поднялись на десять процентов.", []),
    ("Гости поднялись на пятый этаж.", []),
])
def test_feats(nlp, text, records):
    assert titles_and_kinds(nlp, text) == records


@pytest.mark.parametrize("text, records", [
    # the body found may stand several words before the verb
    ("Тело пропавшего 40-летнего туриста было обнаружено под Томском.", [("обнаружено", ["Томском"])]),
    ("Ошибку в отчете обнаружил аудитор.", []),
])
def test_a_body_found(nlp, text, records):
    assert titles_and_places(nlp, text) == records


@pytest.mark.parametrize("text, records", [
    # how a person was found
    ("Рыбака нашли без сознания на берегу озера.", [("нашли", "потеря сознания")]),
    ("Охотника нашли застреленным в лесу.", [("нашли", "гибель")]),
    ("Детектив нашел улики.", []),
])
def test_how_a_person_was_found(nlp, text, records):
    assert titles_and_kinds(nlp, text) == records


@pytest.mark.parametrize("text, records", [
    # a speech before an audience
    ("Выступая перед студентами в Томске, министр пообещал новые гранты.", [("Выступая", ["Томске"])]),
    ("Футболист выступает за клуб из Самары.", []),
])
def test_a_speech_before_an_audience(nlp, text, records):
    assert titles_and_places(nlp, text) == records


@pytest.mark.parametrize("text, records", [
    # partners of a verb already known: "похоронить"
    ("Останки летчика перезахоронили в Ярославле.", [("перезахоронили", ["Ярославле"])]),
    ("Героя торжественно захоронили в Туле.", [("захоронили", ["Туле"])]),
])
def test_burials(nlp, text, records):
    assert titles_and_places(nlp, text) == records


@pytest.mark.parametrize("text, records", [
    # an organisation read from a lower-case word is no name that hides the event noun
    ("Делегаты очередного конгресса ФИФА соберутся в Дохе.", [("очередного конгресса", ["Дохе"])]),
    # a congress that is a legislature is no gathering
    ("Поправку поддержала палата конгресса.", []),
])
def test_a_congress(nlp, text, records):
    assert titles_and_places(nlp, text) == records


@pytest.mark.parametrize("text, records", [
    # the NER takes the event word for a person
    ("Панихиду по поэту провели в Твери.", [("Панихиду", ["Твери"])]),
])
def test_an_event_word_taken_for_a_person(nlp, text, records):
    assert titles_and_places(nlp, text) == records


@pytest.mark.parametrize("text, records", [
    # a part of a gathering and the gathering it is part of are two events
    ("Во втором туре губернаторских выборов в Омской области победил мэр.",
     [("втором туре губернаторских выборов", ["Омской области"]), ("губернаторских выборов", ["Омской области"])]),
    ("В Омске прошла акция протеста.", [("акция протеста", ["Омске"])]),
])
def test_a_part_of_a_gathering(nlp, text, records):
    assert titles_and_places(nlp, text) == records


@pytest.mark.parametrize("text", [
    # a catch of a fish or a taxi is no arrest
    "Рыбак поймал крупную щуку.",
    # a tour bought is a trip for sale, no gathering
    "Туристы заранее оплатили тур в Грецию.",
    # a feat needs the name of its place: a chart's top and a rate's border are none
    "Песня поднялась на вершину чарта.",
    "Курс доллара пересек границу в 100 рублей.",
    # "перед" as "before" in time is no audience
    "Депутат выступил против реформы перед голосованием.",
    # the place after another preposition is not where one went
    "Вчера он вернулся к работе в Самаре.",
    # a participle before "нашли" that is not in the instrumental tells of no death
    "Угонщика, застрелившего охранника, нашли в Омске.",
])
def test_no_event_in_everyday_uses(nlp, text):
    assert [e.to_dict()["title"] for e in nlp(text).events] == []


@pytest.mark.parametrize("text, records", [
    ("Альпинист поднялся на вершину Эльбруса.", [("поднялся", [])]),
    ("Туриста нашли мертвым в лесу под Омском.", [("нашли", ["Омском"])]),
    ("Группа начала гастрольный тур в Казани.", [("гастрольный тур", ["Казани"])]),
])
def test_the_same_words_as_events(nlp, text, records):
    assert titles_and_places(nlp, text) == records
