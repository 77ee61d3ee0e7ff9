"""Unnamed arguments: people named by their role, places named by a common noun.

News often names who took part by a role ("[полицейские] задержали", "погиб
[пожарный]", "[Президент США] встретился") and where by a building or a site ("умер
[в больнице]", "похоронен [на кладбище]", "[в аэропорту Манилы]"). These are no
named entities, so the entity stage leaves them out; the event stage finds them here
as ``ROLE`` and ``SITE`` entities of its own, kept out of the document's entities, and
hands them to the argument walk with the named ones.

A court, an army or the police pinned down by a place ("[суд Москвы] оправдал",
"[миланский суд]") is a body that acts, taken as a role too.
A role noun is an argument only when no name stands with it: in "президент США Барак
Обама" or "Барак Обама, президент США" the person takes part, and the role says who
he is. A site is an argument only after a preposition of place ("в", "на", "у",
"возле"), so "строительство больницы" is no place of anything. The word lists are
written from general knowledge of Russian news.

A part of the world after a contest ("на чемпионате [Европы]", "Лиги [Европы]") is left
out by the entity stage too; it is found here as a ``LOCATION`` of the event stage's own.
"""

from __future__ import annotations

import bisect
import re

from ..doc import COUNT, DATE, PERSON, Document, Entity

ROLE = "ROLE"
LOCATION = "LOCATION"
SITE = "SITE"

# People by what they do or are in the story: "полицейские", "футболист", "президент".
ROLE_NOUNS = set("""
президент вице-президент премьер премьер-министр министр замминистра канцлер губернатор мэр
глава председатель спикер депутат сенатор парламентарий конгрессмен политик чиновник
дипломат посол консул король королева принц принцесса монарх император шах султан эмир
патриарх митрополит епископ священник первосвятитель имам раввин монах
лидер руководитель директор начальник управляющий менеджер сотрудник служащий
представитель член участник делегат кандидат избиратель
полицейский полиция силовик военный военнослужащий солдат офицер генерал командир
боец спецназовец пограничник охранник милиционер следователь прокурор судья адвокат
журналист корреспондент репортер фотограф оператор блогер
врач медик хирург медсестра спасатель пожарный
актер актриса певец певица музыкант исполнитель режиссер продюсер писатель поэт художник
композитор дирижер скульптор архитектор артист танцор балерина модель
спортсмен спортсменка футболист хоккеист теннисист теннисистка баскетболист волейболист
боксер борец гимнаст гимнастка фигурист фигуристка лыжник биатлонист пловец бегун
легкоатлет велосипедист гонщик шахматист игрок вратарь нападающий полузащитник тренер
капитан чемпион чемпионка призер олимпиец
бизнесмен предприниматель миллиардер банкир инвестор ученый исследователь профессор
студент студентка школьник школьница учитель преподаватель
пилот летчик космонавт астронавт моряк водитель машинист пассажир турист
рабочий шахтер горняк фермер рыбак строитель
болельщик фанат активист демонстрант протестующий манифестант оппозиционер правозащитник
заключенный пленный заложник подозреваемый обвиняемый преступник убийца грабитель
террорист боевик смертник экстремист исламист повстанец ополченец сепаратист пират хакер
шпион разведчик снайпер стрелок киллер похититель мошенник бандит вор нападавший
пострадавший раненый беженец мигрант эмигрант иммигрант
программист инженер юрист шофер кардинал священнослужитель коммунист
таксист дизайнер журналистка телеведущий телеведущая голкипер понтифик проповедник живописец
законодатель кинематографист связист сановник
вице-премьер вице-губернатор вице-мэр вице-спикер гендиректор генпрокурор генсек госсекретарь замглавы
экс-президент экс-премьер олигарх миллионер пенсионер пенсионерка
писательница поэтесса художница студентка учительница пианистка лыжница биатлонистка пловчиха
волейболистка баскетболистка футболистка хоккеистка шахматистка легкоатлетка
""".split())
# People by their nationality or party: "похищены двое [россиян]", "задержан [палестинец]",
# "задержаны двое [республиканцев]".
ROLE_NOUNS |= set("""
американец россиянин украинец белорус казах узбек таджик киргиз грузин армянин азербайджанец
немец француз британец англичанин итальянец испанец португалец поляк чех словак венгр румын
болгарин серб хорват грек турок израильтянин палестинец араб иранец иракец сириец афганец
пакистанец индиец китаец японец кореец вьетнамец канадец мексиканец бразилец аргентинец
австралиец швед норвежец финн датчанин голландец бельгиец швейцарец австриец ирландец египтянин
чеченец дагестанец татарин курд афроамериканец
американка россиянка украинка белоруска немка француженка британка англичанка итальянка испанка
полька чешка израильтянка палестинка китаянка японка кореянка канадка австралийка шведка
республиканец демократ социалист либерал консерватор лейборист националист
""".split())
# Role nouns too often a topic, a title or a kind, not a taker-part: "глава" of a book,
# "модель" of a car, "оператор" of a network, "член" of a set; kept only in the plural.
PLURAL_ONLY_ROLES = {"глава", "модель", "оператор", "член", "участник", "представитель",
                     "капитан", "чемпион", "полиция"}

# Buildings and sites: "в больнице", "на кладбище", "в аэропорту", "на площади".
SITE_NOUNS = set("""
больница госпиталь клиника роддом морг хоспис кладбище крематорий мавзолей
аэропорт вокзал станция метро порт пристань причал
стадион арена манеж ипподром каток бассейн спорткомплекс
дворец замок резиденция особняк усадьба кремль
театр кинотеатр музей галерея библиотека филармония консерватория цирк зоопарк
храм собор церковь часовня мечеть синагога монастырь лавра
гостиница отель ресторан кафе бар клуб ночной магазин супермаркет гипермаркет рынок
площадь улица проспект бульвар переулок шоссе трасса мост тоннель набережная перекресток
остановка
парк сквер сад
тюрьма колония изолятор сизо
посольство консульство здание офис квартира особняк
база казарма полигон лагерь
завод фабрика шахта рудник электростанция аэс гэс
зал холл
""".split())
# Bodies that act as one, named by a common noun: "[суд Москвы] оправдал"
BODY_NOUNS = {"суд", "армия", "полиция", "прокуратура", "спецслужба", "милиция"}
# verbs whose instrumental is an office: "назначен министром", "стал президентом"
OFFICE_VERBS = {"назначить", "избрать", "переизбрать", "выбрать", "стать", "быть", "являться",
                "работать", "служить", "утвердить", "остаться", "оставаться", "числиться",
                "назвать", "признать", "объявить", "сделать", "становиться"}
# nouns whose genitive role is the office at stake, not a person: "выборы [президента]",
# "на выборах нового [мэра]", "на пост [губернатора]"
OFFICE_NOUNS = {"выборы", "выбор", "избрание", "переизбрание", "пост", "должность", "праймериз"}
# the verb an instrumental hangs on: "был задержан [полицейскими]" (who acted), "был
# [премьером]" (an office)
VERB_FORMS = {"VERB", "INFN", "PRTS", "PRTF", "GRND"}
# "в [больнице] имени Пирогова", "на [кладбище] Пер-Лашез"
PLACE_PREPOSITIONS = {"в", "во", "на", "у", "возле", "около", "близ", "вблизи", "под"}
# a site is far more often the place after "в"/"на" in the locative ("в больнице", "на
# кладбище") than in the accusative ("в больницу", where someone is taken): both count
NAME_LINKS = {"имени", "им."}


def find_nominals(doc: Document) -> list[Entity]:
    """``ROLE`` and ``SITE`` entities of the document's non-duplicate sentences."""
    taken = _named_tokens(doc)
    out: list[Entity] = []
    toks = doc.tokens
    for sent in doc.sentences:
        if doc.is_duplicate_offset(sent.start):
            continue
        i = sent.first_token
        while i < sent.last_token:
            tok = toks[i]
            if i in taken or not tok.lemma or tok.pos != "NOUN" and not _substantive(doc, i, sent.last_token):
                i += 1
                continue
            lemma = tok.lemma.replace("ё", "е")
            if lemma in SITE_NOUNS and _after_place_preposition(doc, i, sent.first_token):
                start = _adjectives_before(doc, i, sent.first_token)
                end = _complement_after(doc, i, sent.last_token, taken)
                if _named_site(doc, start, end, i, taken):
                    out.append(_entity(doc, SITE, start, end, None))
                    i = end
                    continue
            if lemma in BODY_NOUNS and "nomn" in (tok.tag or "") and _acting_body(doc, i, sent.first_token):
                # "Суд Москвы приговорил ...", "миланский суд признал": a court pinned down by
                # a place acts as a body; a bare "суд" is as often the trial ("суд над ...")
                end = _complement_after(doc, i, sent.last_token, taken)
                if any(k in taken for k in range(_before_adjectives(doc, i, sent.first_token) + 1, end)):
                    start = i if end > i + 1 else _adjectives_before(doc, i, sent.first_token)
                    out.append(_entity(doc, ROLE, start, end, lemma))
                    i = end
                    continue
            if lemma in ROLE_NOUNS and _bare_role(doc, i, sent, taken, lemma):
                end = _complement_after(doc, i, sent.last_token, taken)
                if not _name_follows(doc, end, sent.last_token, taken):
                    out.append(_entity(doc, ROLE, i, end, lemma))
                    i = end
                    continue
            i += 1
    return out


def _substantive(doc: Document, i: int, last: int) -> bool:
    """An adjective that stands for people: "сбит украинскими [военными]", "[раненые]"
    (but not "военными самолетами", where a noun follows it)."""
    tok = doc.tokens[i]
    if tok.pos != "ADJF" or tok.lemma.replace("ё", "е") not in ROLE_NOUNS:
        return False
    return i + 1 >= last or doc.tokens[i + 1].pos not in ("NOUN", "ADJF")


def _entity(doc: Document, kind: str, start: int, end: int, lemma: str | None) -> Entity:
    """A role is named by its noun ("полицейский"), a site by its words ("аэропорту Шереметьево")."""
    s, e = doc.tokens[start].start, doc.tokens[end - 1].end
    return Entity(kind, s, e, doc.text[s:e], {"name": lemma or doc.text[s:e]}, source="events")


def _named_tokens(doc: Document) -> dict[int, str]:
    """Token index -> type of the named entity it lies in (dates and counts aside)."""
    out: dict[int, str] = {}
    starts = [t.start for t in doc.tokens]
    for e in sorted(doc.entities, key=lambda e: (e.start, -e.end)):
        if e.type in (DATE, COUNT):
            continue
        k = bisect.bisect_left(starts, e.start)
        while k < len(doc.tokens) and doc.tokens[k].end <= e.end:
            out.setdefault(k, e.type)  # the outer name: "посольства Франции", not "Франции"
            k += 1
    return out


def _after_place_preposition(doc: Document, i: int, first: int) -> bool:
    """"в больнице", "на центральной площади", "у здания": a preposition of place before
    the noun and its adjectives."""
    k = i - 1
    while k >= first and doc.tokens[k].pos in ("ADJF", "PRTF") and k > i - 4:
        k -= 1
    return k >= first and doc.tokens[k].norm.lower() in PLACE_PREPOSITIONS


def _adjectives_before(doc: Document, i: int, first: int) -> int:
    k = i
    while k - 1 >= first and doc.tokens[k - 1].pos in ("ADJF", "PRTF") and k > i - 3:
        k -= 1
    return k


def _complement_after(doc: Document, i: int, last: int, taken: dict[int, str]) -> int:
    """The end of the phrase: a name, a genitive noun or "имени X" after the noun:
    "аэропорту [Манилы]", "президент [США]", "больницу [имени Пирогова]"."""
    toks = doc.tokens
    j = i + 1
    if j < last and toks[j].norm.lower() in NAME_LINKS:
        # "больнице имени [Пирогова]": whatever name follows, a person's too
        j += 1
        x = j
        while x < last and (x in taken or toks[x].norm[:1].isupper()) and x < j + 4:
            x += 1
        return x if x > j else i + 1
    if j < last and j in taken and taken[j] != PERSON:
        kind = taken[j]
        while j < last and taken.get(j) == kind:
            j += 1
        return j
    k = j
    while k < last and toks[k].pos in ("ADJF", "NOUN") and "gent" in (toks[k].tag or "") \
            and k not in taken and k < j + 3:
        k += 1
    if k > j and toks[k - 1].pos == "NOUN":
        if k < last and k in taken and taken[k] != PERSON:
            # "министр иностранных дел [Франции]"
            kind = taken[k]
            while k < last and taken.get(k) == kind:
                k += 1
        return k
    return i + 1 if j == i + 1 else j


def _named_site(doc: Document, start: int, end: int, head: int, taken: dict[int, str]) -> bool:
    """A site pinned down by a name: "на [Вокзальной] площади", "в аэропорту [Мадрида]", "в
    больнице [имени Пирогова]", "в [московском] ресторане"; a bare "в больнице" or "в
    квартире" says too little to be a place of its own."""
    for k in range(start, end):
        if k == head:
            continue
        tok = doc.tokens[k]
        if k in taken or tok.norm[:1].isupper() or tok.norm.lower() in NAME_LINKS:
            return True
        if "Geox" in (tok.tag or ""):
            return True
    return False


def _bare_role(doc: Document, i: int, sent, taken: dict[int, str], lemma: str) -> bool:
    """A role noun with no person beside it: not "Барак Обама, президент США", not
    "главы государства"."""
    tag = doc.tokens[i].tag or ""
    if lemma in PLURAL_ONLY_ROLES and "plur" not in tag and not _head_of_body(doc, i, sent, taken, lemma):
        return False
    # "назначен [министром]", "был [премьером]", "в качестве [лидера]": the office, not a
    # person; "задержан [полицейскими]" is who acted
    if doc.tokens[i - 1].norm.lower() == "качестве":
        return False
    if "ablt" in tag:
        verb = next((k for k in range(i - 1, max(sent.first_token, i - 5) - 1, -1)
                     if doc.tokens[k].pos in VERB_FORMS), None)
        if verb is not None and doc.tokens[verb].lemma in OFFICE_VERBS:
            return False
    k = _before_adjectives(doc, i, sent.first_token)
    # "выборы [президента]", "на выборах нового [мэра]": the office at stake
    if "gent" in tag and k >= sent.first_token and (doc.tokens[k].lemma or "").replace("ё", "е") in OFFICE_NOUNS:
        return False
    # "Барак Обама, президент США", "Михаил Иванов, бывший министр": the role stands for
    # the person before it
    if k >= sent.first_token and doc.tokens[k].norm in (",", "—", "-", "("):
        k -= 1
    return not (k >= sent.first_token and taken.get(k) == PERSON)


# what a "глава" is the head of, when it is a person and not a chapter: "глава [государства]"
HEADED = {"государство", "правительство", "ведомство", "министерство", "регион", "область", "город",
          "республика", "администрация", "компания", "корпорация", "банк", "делегация", "департамент",
          "управление", "комитет", "совет", "партия", "фракция", "кабинет", "район", "муниципалитет",
          "дипломатия", "МИД", "МВД", "мид", "мвд"}


def _head_of_body(doc: Document, i: int, sent, taken: dict[int, str], lemma: str) -> bool:
    """"глава государства", "глава «Газпрома»", "член городского совета": the head or a member
    of a body is a person, where "глава книги" is a chapter."""
    j = i + 1
    while j < min(sent.last_token, i + 4) and j not in taken and doc.tokens[j].pos == "ADJF":
        j += 1  # "член [городского] совета"
    if lemma not in ("глава", "член", "представитель") or j >= sent.last_token:
        return False
    if taken.get(j) not in (None, PERSON):
        return True
    return (doc.tokens[j].lemma or "") in HEADED and "gent" in (doc.tokens[j].tag or "")


def _before_adjectives(doc: Document, i: int, first: int) -> int:
    """The token before the adjectives in front of token ``i``: "на выборах [нового] мэра"."""
    k = i - 1
    while k >= first and doc.tokens[k].pos == "ADJF" and k > i - 4:
        k -= 1
    return k


def _name_follows(doc: Document, end: int, last: int, taken: dict[int, str]) -> bool:
    """"президент США [Барак Обама]", "лидер группы «Кино» [Виктор Цой]": a person right
    after the role phrase and the names that complete it."""
    x = end
    while x < last and x < end + 6 and (taken.get(x) not in (None, PERSON) or doc.tokens[x].norm in "«»\""):
        x += 1
    if x < last and taken.get(x) == PERSON:
        return True
    # "актёр театра и кино [Иван Петров]", "депутат от фракции «Зелёных» [Анна Петрова]": a
    # role continued by "и" or "от" and a few words, then the name
    toks = doc.tokens
    if x < last and _name_after_titles(doc, end, last, taken):
        return True
    if x >= last or toks[x].norm.lower() not in ("и", "от"):
        return False
    quoted = False
    for y in range(x + 1, min(last, x + 8)):
        if taken.get(y) == PERSON and not quoted:
            return True
        if toks[y].norm in ("«", "»", '"'):
            quoted = toks[y].norm == "«" or toks[y].norm == '"' and not quoted
            continue
        if not quoted and y not in taken and (toks[y].pos not in ("NOUN", "ADJF") or toks[y].norm[:1].isupper()):
            return False
    return False


# parts of the world a contest is held in: "чемпионат [Европы]", "Лига [Европы]", "кубок [Азии]"
WORLD_PARTS = {"европа": "Европа", "азия": "Азия", "африка": "Африка", "америка": "Америка",
               "океания": "Океания", "евразия": "Евразия"}


OPEN_HOSTS = {"US": "США", "USA": "США", "Australian": "Австралия", "French": "Франция"}
OPEN_HOST = re.compile(r"(U\.\s?S\.|USA?|Australian|French)\s+Open\b")


def find_world_parts(doc: Document, phrases: list[tuple[int, int]]) -> list[Entity]:
    """``LOCATION`` entities for a part of the world in the genitive right after the head of
    a gathering's phrase (token ranges ``phrases``): "на чемпионате [Европы]", "Лиги
    [Европы]"; the entity stage leaves them out there."""
    taken = _named_tokens(doc)
    out = []
    for start, end in phrases:
        # "US Open", "Australian Open": the Latin name of an open championship opens with
        # the country it is held in
        host = OPEN_HOST.match(doc.text, doc.tokens[start].start, doc.tokens[end - 1].end)
        if host:
            out.append(Entity(LOCATION, host.start(1), host.end(1), host.group(1),
                              {"name": OPEN_HOSTS[host.group(1).replace(".", "").replace(" ", "")]}, source="events"))
        for i in range(start + 1, end):
            tok = doc.tokens[i]
            name = WORLD_PARTS.get((tok.lemma or "").replace("ё", "е"))
            if name and i not in taken and doc.text[tok.start].isupper() and "gent" in (tok.tag or ""):
                out.append(Entity(LOCATION, tok.start, tok.end, doc.text[tok.start:tok.end], {"name": name}, source="events"))
    return out


# what may stand between a role and the name it describes: "председатель Союза
# журналистов (СЖ) республики Олег Сидоров", "посол Италии в Казахстане Марко Росси"
TITLE_PUNCTUATION = {",", "(", ")", "—", "–", "-", "«", "»", '"'}
TITLE_PREPOSITIONS = {"в", "во", "по", "при", "из"}
TITLE_WORDS = 12


def _name_after_titles(doc: Document, end: int, last: int, taken: dict[int, str]) -> bool:
    """"известный художник, скульптор, педагог и автор учебников [Олег Сидоров]", "актриса,
    режиссёр, посол доброй воли — [Анна Петрова]": a role followed by more titles
    and the name they all describe. Not a list ending in "и" or "," before a name
    ("погибли пожарный, полицейский и [Иван Петров]": three people), nor the person
    a name is given after ("начальник академии имени Г. Жукова [генерал Петров]")."""
    toks = doc.tokens
    for x in range(end, min(last, end + TITLE_WORDS)):
        kind = taken.get(x)
        prev = toks[x - 1].norm.lower()
        if kind == PERSON and prev not in NAME_LINKS:
            return prev not in ("и", ",")
        if kind is not None:
            continue
        tok = toks[x]
        word = tok.norm.lower()
        if word in TITLE_PUNCTUATION or word == "и" or word in TITLE_PREPOSITIONS:
            continue
        if tok.pos in ("NOUN", "ADJF") and not tok.norm[:1].isupper():
            continue
        return False
    return False


def _acting_body(doc: Document, i: int, first: int) -> bool:
    """A body noun in the nominative with no preposition before it and its adjectives:
    "[суд] приговорил", "миланский [суд]", not "обратился в [суд]"."""
    k = _before_adjectives(doc, i, first)
    return not (k >= first and doc.tokens[k].pos == "PREP")
