"""Which entities are arguments of which event mention, and in what role.

An entity belongs to the event whose mention governs it in the dependency tree:
walking up from the entity's head word, the first event word met claims it. A noun
event also claims what its verb of occurrence governs ("В Казани [прошел] форум":
"Казани" hangs on "прошел"), and what the participle after it governs ("форум,
[организованный] Ассоциацией"). A walk that meets another verb first stops there:
"Путин, [заявивший] о санкциях, посетил саммит" keeps the clause apart.

Roles: a DATE is a time; a city, country or region after "в", "на", "под" is a place, and
so is an organisation, a person or a building that names a site ("на Северном кладбище",
"в церкви Михаила Архангела"); a person or an organisation is an organiser after an
organiser cue ("организованный", "организатором выступила"), a partner after a partner
cue ("при поддержке"), and a participant otherwise, unless it is only a source ("по
словам Иванова").
"""

from __future__ import annotations

import bisect
import re
from itertools import takewhile
from dataclasses import dataclass, field

from ..doc import CITY, COUNT, COUNTRY, DATE, FACILITY, ORGANIZATION, PERSON, Document, Entity, Token
from ..entities.geo import DISTRICT, REGION
from .lexicon import GATHERING, GATHERING_NOUNS, PLURAL_NOUNS, QUALIFIED_NOUNS, SUPPORT_VERBS
from .mentions import Mention
from .nominals import OPEN_HOST, ROLE, SITE, SITE_NOUNS
from .syntax import Tree
from .times import TIME

LOCATION = "LOCATION"
# "в штате Колорадо", "в Бруклине": regions and districts are places as cities are
PLACE_TYPES = (CITY, COUNTRY, LOCATION, REGION, DISTRICT)
ACTOR_TYPES = (PERSON, ORGANIZATION)
VERBAL_POS = {"VERB", "INFN", "PRTS", "GRND"}
# verbs of saying: their subject and date belong to the saying, not to what is said
SPEECH_VERBS = {"заявить", "сообщить", "рассказать", "отметить", "подчеркнуть", "сказать",
                "передать", "написать", "пояснить", "объявить", "добавить", "признаться",
                "заметить", "уточнить", "подтвердить", "говорить", "заявлять", "сообщать",
                "считать", "полагать", "опровергнуть", "отрицать", "указать", "напомнить",
                "процитировать", "цитировать", "прокомментировать", "выразить", "призвать",
                "пообещать", "обещать", "предупредить", "предположить", "назвать"}
# nouns for taking part in an event, or for a part of it, whose verb tells of the event
PART_NOUNS = {"участие", "проведение", "открытие", "закрытие", "начало", "окончание",
              "старт", "финал", "церемония"}
# relations of a word that acts or is acted upon
ACTING = {"nsubj"}
# "он уволил", "его арестовали", "её отставка": one person, named before
PERSONAL = {"он", "она", "его", "её", "ее", "него", "нее", "неё", "ему", "ей", "ним", "ней"}
DEMONSTRATIVE = {"тот", "та"}
PRONOUN_RELS = {"nsubj", "nsubj:pass", "obj", "iobj", "nmod", "det", "nmod:poss", "obl"}
# offices whose country is where an election or appointment to them takes place
OFFICES = {"президент", "премьер-министр", "премьер", "мэр", "губернатор", "глава", "канцлер",
           "парламент", "король", "королева", "спикер", "вице-президент"}
# offices whose country, region or city is where the office is taken or left:
# "назначен министром культуры Чехии", "избран мэром Казани"
OFFICE_HOLDERS = OFFICES | {"министр", "вице-премьер", "эмир", "султан", "шах", "монарх", "вице-губернатор",
                            "император", "императрица"}
# "министр финансов Чили": the country follows the minister's field
MINISTERS = {"министр", "замминистра"}
# changes of office whose office's land is their place ("ушел с должности мэра Казани")
OFFICE_TAKINGS = {"назначение", "отставка", "увольнение", "избрание", "отстранение", "отречение", "присяга"}
# how the office noun hangs on the event's verb: the office given or taken ("назначена
# министром", "избрана мэром")
OFFICE_RELS = {"xcomp", "obl"}
# appointments: a place with them is where the office is
APPOINTMENTS = {"назначение"}
# events that fill an office by a vote: the office's country is where they take place
ELECTIONS = {"выборы", "праймериз", "инаугурация"}
# events of going from a place or to one: where they leave from, or the place visited,
# is where they happen ("бежал из России", "вылетела из Лондона", "посетил Польшу")
JOURNEYS = {"побег", "бегство", "отъезд", "исчезновение", "переезд", "эмиграция", "депортация",
            "экстрадиция", "эвакуация", "визит"}
# a comma before these opens a new clause: "задержан Иванов, а в Киеве арестован Петров"
CLAUSE_CONJUNCTIONS = {"а", "но", "однако", "тогда", "после", "причем", "причём"}
PRONOUNS = {"он", "она", "оно", "они"}
# words that open a subordinate clause after a comma: "..., который был убит", "..., когда"
SUBORDINATE = frozenset({"который", "которая", "которое", "которые", "которого", "которой", "которым",
                         "которых", "котором", "которую", "где", "когда", "что", "чтобы", "если",
                         "хотя", "пока", "куда", "откуда", "поскольку", "так", "потому", "как"})
# happenings that break out in a country rather than being done by one: "Боснийской войны"
UPHEAVALS = {"война", "революция", "восстание", "переворот", "кризис", "конфликт", "беспорядки"}
# "сборная России", "сборной команды Японии по футболу", "национальная сборная Бразилии"
TEAM_BEFORE = re.compile(r"(?:^|\s)сборн\w*(?:\s+команд\w*)?(?:\s+по\s+[а-яё\-]+)?\s*$", re.I)
# contests whose sides follow "с", "против", "между": "матч с Сенегалом", "война против Ирака"
CONTESTS = {"матч", "игра", "поединок", "финал", "полуфинал", "четвертьфинал", "турнир", "конфликт",
            "война", "столкновение", "переговоры", "спор", "встреча"}
SIDE_BEFORE = re.compile(r"(?:^|\s)(?:с|со|против|над|между)(?:\s+[А-ЯЁ][а-яё\-]+\s+и)?\s*$")
# changes of office: the body whose office is given or left takes part ("избран спикером
# [Госдумы]", "освобожден от должности советника [Минфина]")
OFFICE_CHANGES = {"назначение", "отставка", "увольнение", "избрание", "отстранение", "отречение"}
# ... and those that leave an office: the title of who leaves names it ("Уволен
# директор [«Уралмаша»] Петров"), where an appointee's title is the office held before
LEAVINGS = {"отставка", "увольнение", "отстранение"}
# how far up the tree an argument may hang from its event word
MAX_DEPTH = 4
# how far (in words) a person no event word governs may be from the nearest event of
# another clause of its sentence, and a place from the nearest event of its clause
NEAR_WORDS = 15

# "Москва, 12 марта 2024 г. —", "12.03.2024" alone on its line: the date of the text

# a place of an event stands after "в", "во", "на", "под", "г.", or in brackets after a
# place already taken: "В Алматы (Казахстан)", "в Республику Беларусь"; "из России" is
# where people came from, "президент России" is no place at all; "городе Казани", "город
# Казань", but not the genitive "полиция города Шарлотт", "к югу от города Жезказган"
LOCATIVE_BEFORE = re.compile(
    r"(?:^|[\s(«])(?:в|во|на|под|около|близ|возле|вблизи|г\.|город[е]?|столиц[еау]|"
    # "в штате Колорадо", "в центре Казани", "в пригороде Парижа"
    r"(?:в|во|на)\s+(?:штате|области|провинции|районе|крае|округе|графстве|деревне|селе|пос[её]лке|"
    r"центре|пригороде|окрестностях|столице))\s*$", re.I)
# "у берегов Норвегии", "недалеко от Самары", "к северу от Казани", "в 15 км от Пскова": near a
# place, which is where the event was when it names no nearer one ("на причале недалеко от Самары")
NEAR_BEFORE = re.compile(
    r"(?:^|[\s(«])(?:у\s+(?:берегов|побережья)|(?:недалеко|неподал[её]ку|к\s+(?:северо-|юго-)?"
    r"(?:северу|югу|западу|востоку)|в\s+\d+(?:[.,]\d+)?\s+(?:км|километрах|милях))\s+от)\s*$", re.I)
# "на территории России", "на севере Москвы", "в столице Перу Лиме", "в столице страны
# Найроби": a part or a kind of place, maybe with the larger place it belongs to
PLACE_PART_BEFORE = re.compile(
    r"(?:^|[\s(«])(?i:(?:в|во|на)\s+(?:штате|области|провинции|"
    r"районе|крае|округе|графстве|деревне|селе|пос[её]лке|центре|пригороде|окрестностях|столице|"
    r"территории|(?:северо-|юго-)?(?:севере|юге|западе|востоке)|границе|окраине|городе|регионе|"
    r"республике|побережье|острове|части))(?:\s+[А-ЯЁ][а-яё\-]+|\s+(?i:страны|государства))?\s*$")
# "на площадке выставочного центра «Казань Экспо»", "в конгресс-центре технопарка
# «Сколково»": an organisation named after a hall or a centre hosts the event
VENUE_BEFORE = re.compile(r"(?:^|[\s(])(?:в|во|на)((?:\s+[а-яё\-]+){1,3})\s*[«\"]?\s*$", re.I)
VENUE_WORDS = re.compile(
    r"(?:^|[\s\-])(?:площадк|центр|зал|двор|здани|офис|павильон|парк|технопарк|музе|галере|"
    r"театр|стадион|арен|комплекс|клуб|библиотек|кампус|резиденци|штаб-квартир|помещени|холл|"
    r"сцен)", re.I)
# "госпитализирована в Боткинскую больницу", "в гипермаркете «Окей»", "на Никольском
# кладбище": buildings and grounds an organisation is, or is named after, after "в"/"на"
BUILDING_WORDS = re.compile(
    r"(?:^|[\s\-])(?:больниц|госпитал|клиник|гипермаркет|супермаркет|магазин|торгов|церк|собор|храм|"
    r"мечет|синагог|монастыр|кладбищ|тюрьм|сизо|изолятор|колони|отел|гостиниц|ресторан|кафе|пиццери|"
    r"аэропорт|вокзал|театр|кинотеатр|стадион|арен|музе|галере|библиотек|парк|школ|университет)", re.I)
# "в", "во", "на" right before a name: with the locative, where ("в Министерстве
# промышленности", not "в НАТО" or "в Верховный суд"); with the accusative, where to ("в Москву")
IN_BEFORE = re.compile(r"(?:^|[\s(])(?:в|во|на)\s*[«\"]?\s*$", re.I)
BRACKETED_AFTER_PLACE = re.compile(r"^\s*\(\s*$")
# "во Франции и Германии", "в Генте и Брюгге": a place joined to a place of the event
JOINED_TO_PLACE = re.compile(r"^\s*(?:и|или)\s*$")
# "в Казани, Самаре и Уфе", "в Казани, Самаре и в Уфе": a list of places goes on to its "и"
LIST_GOES_ON = re.compile(r"(?:\s*,\s*[А-ЯЁ][\w\-]*(?:\s+[А-ЯЁ][\w\-]*)?)*\s*(?:и|или)\s+(?:(?:в|во|на)\s+)?[А-ЯЁ]")
# a place in the genitive of a site or a part of land after "в"/"на": "в одной из клиник
# Германии", "в клинике Святой Анны в Дублине" (the second), "в итальянской провинции
# Пьяченца", "в крупнейшем городе Сибири Новосибирске"
PART_NOUNS_OF_LAND = {"штат", "область", "провинция", "район", "край", "округ", "графство", "деревня",
                      "село", "поселок", "местечко", "городок", "город", "столица", "регион",
                      "республика", "остров", "окрестность", "пригород", "центр", "часть", "окраина",
                      "побережье", "территория", "селение", "станица", "кишлак", "аул"}
LOCATIVE_PREPOSITIONS = {"в", "во", "на", "под"}
# "по словам Иванова", "по данным Росстата", "сообщает ТАСС": a source, not a participant
SOURCE_BEFORE = re.compile(
    r"(?:по\s+(?:словам|данным|сообщению|информации|мнению|оценке|версии)|согласно|"
    r"со\s+ссылкой\s+на|сообщил[аио]?|сообщает|сообщают|заявил[аио]?|передает|пишет)"
    r"(?:\s+[а-яё\-]+){0,3}?\s*[«\"]?\s*$", re.I)
# "о", "об": what is spoken about ("рассказал о Путине") is not taking part
TOPIC_BEFORE = re.compile(r"(?:^|\s)(?:о|об|обо|про)\s*[«\"]?\s*$", re.I)

FILLER = r"(?:\s+[а-яё]+){0,2}?"  # "Организатором [форума] выступила"
ORGANISER_BEFORE = re.compile(
    r"(?:организован\w*|организовал\w*|при\s+организации|подготовлен\w*|проводим\w*|"
    r"провод(?:ит|ят|ится|ятся)|проведен[аоы]?|"
    r"(?:организатор|устроител|инициатор|учредител)\w*" + FILLER +
    r"\s*(?:выступил\w*|стал\w*|является|являются|был\w*|—|-|:)?)\s*$", re.I)
PARTNER_BEFORE = re.compile(
    r"(?:при\s+(?:поддержке|содействии|участии|партн[её]рстве)|"
    r"(?:партн[её]р|спонсор)\w*" + FILLER + r"\s*(?:выступил\w*|стал\w*|является|являются|—|-|:)?|"
    r"поддержал\w*)\s*$", re.I)
ORGANISER_AFTER = re.compile(r"\s*(?:—|-|–)?\s*(?:организатор|организовал|выступил\w*\s+организатор)", re.I)


@dataclass
class Claims:
    """Arguments found for one mention, entities in text order."""

    dates: list[Entity] = field(default_factory=list)
    places: list[Entity] = field(default_factory=list)
    actors: list[Entity] = field(default_factory=list)
    counts: list[Entity] = field(default_factory=list)
    owners: list[Entity] = field(default_factory=list)
    regions: list[Entity] = field(default_factory=list)


class EntityIndex:
    """Entities of a document, with the event stage's own role and site nouns
    (``extra``), their tokens and syntactic heads."""

    def __init__(self, doc: Document, tree: Tree, extra: list[Entity] | None = None):
        self.doc = doc
        self.entities = sorted([*doc.entities, *(extra or ())], key=lambda e: e.start)
        starts = [t.start for t in doc.tokens]
        self.tokens: dict[int, tuple[int, int, int]] = {}
        for e in self.entities:
            first = bisect.bisect_right(starts, e.start) - 1
            last = bisect.bisect_left(starts, e.end)
            if first < 0 or first >= last:
                continue
            self.tokens[id(e)] = (first, last, tree.span_head(first, last))

    def head(self, e: Entity) -> int | None:
        """The token the entity hangs from the tree by."""
        span = self.tokens.get(id(e))
        return span[2] if span else None


def anchors(doc: Document, tree: Tree, m: Mention) -> set[int]:
    """Tokens whose dependents are the mention's arguments.

    "В Казани [прошел] форум" -> the noun and its verb of occurrence; "форум,
    [организованный] Ассоциацией" -> the participle after it; "[вынужден был] уйти в
    отставку" -> the word that governs the event verb, whose subject acts.
    """
    out = {m.head}
    toks = doc.tokens
    h = tree.heads[m.head]
    if not m.verbal:
        # "приняли [участие] в форуме", "[открытие] выставки состоится 20 мая": the
        # verb of the noun the event hangs on
        if h >= 0 and toks[h].lemma in PART_NOUNS:
            out.add(h)
            h = tree.heads[h]
        if h >= 0:
            out |= _support(doc, tree, h)
            # "планирует [провести] выборы": the subject of the verb above acts too
            if h in out and tree.rels[h] == "xcomp" and tree.heads[h] >= 0:
                out.add(tree.heads[h])
        for c in tree.children(m.head):
            if tree.rels[c] in ("acl", "acl:relcl", "amod"):
                out |= _support(doc, tree, c)
    elif h >= 0 and tree.rels[m.head] == "xcomp" and toks[h].pos in VERBAL_POS:
        out.add(h)
    return out


def _support(doc: Document, tree: Tree, v: int) -> set[int]:
    """``v`` if it is a verb of occurrence, with a modal above it: "который [должен был]
    [пройти] 7 июня" -> both; else nothing."""
    toks = doc.tokens
    if toks[v].pos not in VERBAL_POS | {"PRTF", "ADJS"}:
        return set()
    if toks[v].lemma in SUPPORT_VERBS:
        return {v}
    inner = [c for c in tree.children(v) if tree.rels[c] == "xcomp" and toks[c].lemma in SUPPORT_VERBS]
    return {v, *inner} if inner else set()


def _pronoun_anchors(doc: Document, tree: Tree, m: Mention, mentions: list[Mention]) -> set[int]:
    """Verbs of occurrence whose subject is a pronoun for the mention: "XI форум пройдет
    за пределами Сибири — он [состоится] в Казани"."""
    if m.verbal:
        return set()
    sent = doc.sentences[m.sentence]
    later = [x.start for x in mentions if x.sentence == m.sentence and x.start > m.start]
    stop = min(later, default=sent.last_token)
    out: set[int] = set()
    for i in range(m.end, stop):
        if doc.tokens[i].norm.lower() in PRONOUNS and tree.rels[i].startswith("nsubj"):
            # the parser may hang the pronoun on the wrong verb: take the next one too
            for v in (*range(i + 1, min(stop, i + 4)), tree.heads[i]):
                if v >= 0 and _support(doc, tree, v):
                    out |= _support(doc, tree, v)
                    break
    return out


def claim_arguments(doc: Document, tree: Tree, index: EntityIndex, mentions: list[Mention],
                    skip: set[int], nearest: bool = True) -> dict[int, Claims]:
    """Arguments of each mention (keyed by its position in ``mentions``).

    ``skip`` holds ids of entities that are no argument of anything (a dateline).
    With ``nearest``, an entity no event word governs goes to the nearest event of its
    sentence (news: a sentence tells one happening); a release mentions its event in
    every sentence ("на сайте фестиваля"), so there nearness says nothing.
    """
    by_anchor: dict[int, list[int]] = {}
    inside: list[tuple[int, int, int]] = []
    for k, m in enumerate(mentions):
        for a in anchors(doc, tree, m) | _pronoun_anchors(doc, tree, m, mentions):
            by_anchor.setdefault(a, []).append(k)
        inside.append((m.start, m.end, k))
    claims = {k: Claims() for k in range(len(mentions))}
    names = [m.name_span for m in mentions if m.name_span]
    for e in index.entities:
        if id(e) in skip or doc.is_duplicate_offset(e.start):
            continue
        if e.type == DATE and "duration" in (e.value or {}):
            continue  # "приговорен к четырем годам", "за пять дней": how long, not when
        edition = _edition_of(doc, e, mentions)
        if edition is not None and e.type == DATE:
            claims[edition].dates.append(e)  # "на Олимпиаде-2016", "чемпионка Сочи-2014"
            continue
        if edition is not None:
            claims[edition].places.append(e)  # "Сочи-2014", "Пекин-2008": the host city
            claims[edition].regions.append(e)  # the event's own city, as "чемпионат России"
            continue
        if e.type == LOCATION and OPEN_HOST.match(doc.text, e.start):
            host = [k for k, m in enumerate(mentions)
                    if doc.tokens[m.start].start <= e.start and e.end <= doc.tokens[m.end - 1].end]
            for k in host[:1]:
                claims[k].places.append(e)  # "US Open": the country it is held in
                claims[k].regions.append(e)
            continue
        if any(s <= e.start and e.end <= end for s, end in names):
            continue  # "XX века" in «Линия и свет: немецкая графика XX века» is part of a name
        t = index.head(e)
        if t is None:
            continue
        if e.type == ROLE and _in_contest_name(doc, tree, t, inside):
            continue  # "Лиги чемпионов", "Кубок чемпионов": the role names the contest
        if e.type == TIME and "adjective" in (e.value or {}):
            # "декабрьских выборов": only the event noun the adjective qualifies
            h = tree.heads[t]
            owners = [k for start, end, k in inside if start <= h < end or start <= t < end][:1]
            if owners:
                claims[owners[0]].dates.append(e)
            continue
        owners = _owners(doc, tree, t, by_anchor, inside)
        if e.type == DATE:
            of_noun = _date_of_noun(doc, index, e, mentions)
            if not of_noun and nearest and _year_of_another_noun(doc, tree, t, e, inside):
                continue  # "лауреат премии 1997 года скончался": the prize's year
            owners = of_noun or owners
        if e.type in (DATE, TIME, PERSON, ORGANIZATION) and nearest and _bracketed_aside(doc, index, e, inside):
            continue  # "Рябов (скончался 9 марта 2011)", "Мирко (настоящее имя Мирослав ...)"
        if owners == [] and (e.type in ACTOR_TYPES or e.type == ROLE):
            # "Монти заявил о своей [отставке]", "Иванов сказал на [брифинге]": the speaker
            # takes part in the event the verb of saying governs, not in what is said
            owners = _events_of_subject(doc, tree, t, mentions, saying=True)
        if owners is None and e.type == ORGANIZATION:
            # "«Сокол» выиграл [первенство области]", "партия победила на [выборах]": the
            # subject of a verb that governs the event takes part in it
            owners = _events_of_subject(doc, tree, t, mentions, saying=False) or None
        if e.type in PLACE_TYPES or e.type in (ORGANIZATION, PERSON, FACILITY, SITE):
            dashed = _noun_before_dash(doc, e, mentions)
            if dashed is not None:
                owners = [dashed]  # "ярмарка — на площади, концерт — в театре": each noun its own
        site = named_site(doc, e)
        if site is not None:
            # "панихида прошла на Северном кладбище", "умер в больнице «Сосновый бор»": a named site
            # is where, not who; no event word governing it, it is the nearest event's of its
            # clause, as a place is -- in a release too, where a site so close to an event
            # word is that event's ("в Тверском драматическом театре прошёл
            # праздничный концерт")
            h = tree.heads[site]
            if h >= 0 and doc.tokens[h].pos in ("PRTF", "GRND") and h not in by_anchor:
                # "солдат, погребённых на Северном кладбище", "склад, расположенный в порту
                # «Северный»": a participle's own site says where its noun is or was
                continue
            if owners is None:
                owners = [k for k in _nearest(doc, t, mentions, True) if abs(mentions[k].head - t) <= NEAR_WORDS]
            if not owners or _place_of_a_state(doc, tree, t) or _place_of_a_state(doc, tree, site) \
                    or h >= 0 and (doc.tokens[h].lemma or "") in LYING_VERBS:
                # "работала в Камерном театре", "в театре имени Гоголя": where she worked;
                # "склад располагается в порту «Северный»": where a thing lies
                continue
            for k in _same_clause(doc, t, owners, mentions):
                if mentions[k].kind not in APPOINTMENTS:
                    claims[k].places.append(e)
            continue
        opponent = False
        if owners is None and (e.type in ACTOR_TYPES or e.type == COUNTRY):
            # "Бразилия обыграла [Францию] на чемпионате", "одержала победу над [Чили] в
            # финале": the side beaten takes part in the contest the verb is won in
            owners = _beaten_in(doc, tree, t, mentions) or None
            opponent = owners is not None
        if owners:
            owners = _same_clause(doc, t, owners, mentions)
        if not owners and e.type in PLACE_TYPES:
            # "операцию на колене, которая была проведена в Германии", "саммита ШОС, который
            # должен пройти в Самаре": the event "который" stands for
            owners = _relative_occurrence(doc, tree, t, mentions) or owners
        if e.type in PLACE_TYPES:
            agreed = _participle_owner(doc, tree, t, mentions)
            if agreed is not None:
                owners = [agreed]
        if e.type in PLACE_TYPES:
            # "накануне сражений в Полоцке", "погиб в аварии в Португалии": a place right after
            # an event noun's phrase is that event's too, whatever the tree says
            after = _noun_before_place(doc, e, mentions)
            if after is not None and after not in (owners or ()):
                # "на Универсиаде в Казани в 2013 году и на чемпионате мира": not the noun
                # after the place the parser hung it on, when one stands right before it
                owners = [k for k in owners or () if mentions[k].verbal or mentions[k].head < t]
                owners = [*owners, after]
        if owners is None and nearest and e.type not in (ROLE, ORGANIZATION):
            # no event word governs it: "В понедельник, по данным полиции, в Москве задержан ..."
            # goes to the event of its sentence nearest to it; not an organisation, which is
            # as often a bystander ("«Вектор» потерял миллиард после ареста Петрова"); a place
            # only within its clause ("скончался Петров, который жил в Казани": not where he died)
            if e.type == DATE and SINCE.match(e.text):
                continue  # "Назарбаев, который у власти с 1989 года, ...": a state, not an event
            owners = _nearest(doc, t, mentions, e.type in PLACE_TYPES)
            if e.type in PLACE_TYPES and _where_event(doc, tree, e, mentions) is not None:
                # "поводом для [забастовки] стала история в посёлке Берёзовка, где
                # [обрушилась] шахта": the clause after the place tells what happened there
                owners = []
            if e.type in PLACE_TYPES and IN_BEFORE.search(doc.text[max(0, e.start - 8):e.start]) \
                    and _accusative(doc, e):
                # "после [матча] команда отправилась в Москву": where someone went, by a
                # verb that is no event, is not where the nearest event was
                owners = []
            if e.type in PLACE_TYPES:
                # "[Скончался] Иван Петров — народный артист, лауреат многих премий, ..., он
                # долгие годы преподавал в Казани": far from the nearest event of its clause, a
                # place is seldom its (on train 2 of 13 right beyond 15 words)
                owners = [k for k in owners if abs(mentions[k].head - t) <= NEAR_WORDS]
            if e.type == PERSON:
                # "Петров, известный врач и автор книг о ..., живет в Казани, где произошел
                # [пожар]": far away in another clause, the nearest event is seldom his (on
                # train 15 of 92 right beyond 15 words, 20 of 51 up to 8)
                owners = [k for k in owners if abs(mentions[k].head - t) <= NEAR_WORDS
                          or clause_of(doc, mentions[k].head, SUBORDINATE) == clause_of(doc, t, SUBORDINATE)]
                # "Тулеев попросил о досрочной [отставке] после [пожара]": and the event
                # the verb governs, when it is not the nearest
                owners = list(dict.fromkeys(owners + _events_of_subject(doc, tree, t, mentions, saying=False)))
        if owners and e.type in PLACE_TYPES and _place_of_a_state(doc, tree, t):
            continue  # "Петров, проживавший в Турции, убит в Стамбуле": where he lived
        if nearest and owners:
            # a caption under the headline ("Иван Петров в Москве в 2015 году") is the photo's
            owners = [k for k in owners if not _across_line(doc, e, mentions[k])]
        for k in owners or ():
            c = claims[k]
            if e.type in (DATE, TIME):
                c.dates.append(e)
            elif e.type == SITE:
                c.places.append(e)  # "умер [в больнице]", "похоронен [на кладбище]"
            elif e.type in PLACE_TYPES:
                if _adjective_before_place(doc, index, e) or nearest and (
                        _direction_of_a_plan(doc, tree, t, e, mentions[k]) or
                        _where_place_lies(doc, index, e) or _where_site_lies(doc, index, e)
                        or _capital_of(doc, index, e) or _adjective_of_a_thing(doc, tree, t, mentions[k])
                        or _seat_of(doc, tree, t, mentions[k]) or _in_topic(doc, tree, t, mentions[k])):
                    continue
                # "назначен послом в России": where the office is, not where it was given
                # (but "назначен министром культуры Чехии" is given in the office's country)
                if mentions[k].kind not in APPOINTMENTS or _genitive_of(doc, tree, t, mentions[k]):
                    c.places.append(e)
                # "чемпионат России", "выборы мэра Москвы": the event's own country or city;
                # "Каннский фестиваль", "бостонского теракта": a place adjective in its phrase;
                # a country's too where the event is held or breaks out in it ("Всероссийский
                # турнир", "кубинской революции"), not where the country does it ("израильская
                # блокада", "американского авиаудара": the doer)
                m = mentions[k]
                if _genitive_of(doc, tree, t, m) or _journey_end(doc, tree, t, m) or _fought_for(doc, tree, t, m) or \
                        _adjective_in(doc, t, m) and \
                        (e.type == CITY or e.type == COUNTRY and (m.cls == GATHERING or m.kind in UPHEAVALS)):
                    c.regions.append(e)
                # "Россия ввела санкции", "визит Китая": a country that acts takes part
                if e.type == COUNTRY and tree.rels[t] in ACTING and \
                        not LOCATIVE_BEFORE.search(doc.text[max(0, e.start - 12):e.start]):
                    c.actors.append(e)
                # "сборная Германии сыграет", "матч с Сенегалом", "конфликт между Эквадором и
                # Перу": a country's team, or a side of a contest, takes part
                elif e.type == COUNTRY and (opponent or TEAM_BEFORE.search(doc.text[max(0, e.start - 40):e.start])
                                            or mentions[k].kind in CONTESTS
                                            and SIDE_BEFORE.search(doc.text[max(0, e.start - 40):e.start])):
                    c.actors.append(e)
            elif e.type in ACTOR_TYPES or e.type == ROLE:
                if _modifier(doc, tree, t, by_anchor, inside) and actor_role(doc, e) != "venue" \
                        and not (e.type == ORGANIZATION and mentions[k].kind in OFFICE_CHANGES
                                 and (_office_at_stake(doc, tree, t) or mentions[k].kind in LEAVINGS)):
                    continue
                if _buried(doc, tree, t, mentions[k]):
                    continue  # "похоронен Иван Петров", "похороны Петрова": the dead, not a mourner
                c.actors.append(e)
                # "заседание Совета Безопасности", "саммит ОПЕК": the gathering is theirs
                m = mentions[k]
                if e.type == ORGANIZATION and m.cls == GATHERING and not m.verbal and \
                        tree.heads[t] == m.head and tree.rels[t] == "nmod" and \
                        not any(tree.rels[x] == "case" for x in tree.children(t)):
                    c.owners.append(e)
                # "праздник дня Пограничных войск", "съезд союза художников России": through
                # the genitives of the gathering's own phrase
                elif e.type == ORGANIZATION and _owner_in_phrase(doc, tree, t, m):
                    c.owners.append(e)
                # "Учителя провели митинг", "Союз художников провел съезд": who holds it organises it
                elif _holder(doc, tree, t, m):
                    c.owners.append(e)
            elif e.type == COUNT:
                c.counts.append(e)
    _where_clause(doc, tree, index, mentions, claims, skip)
    if nearest:
        _one_time_each(doc, index, mentions, claims)
    _share_with_setting(doc, tree, mentions, claims)
    _share_between_verbs(doc, tree, index, mentions, claims)
    heads = {index.head(e): e for e in index.entities if e.type in ACTOR_TYPES or e.type == ROLE}
    for k, m in enumerate(mentions):
        # "Тамерлан, который был убит в перестрелке": who "который" stands for takes part
        e = heads.get(_relative_antecedent(doc, tree, m))
        if e is not None and id(e) not in skip and e not in claims[k].actors and not doc.is_duplicate_offset(e.start):
            claims[k].actors.append(e)
    for k, m in enumerate(mentions):
        # "Петров был задержан в марте и затем [экстрадирован]": the subject of the first verb
        for e in _shared_subjects(doc, tree, m, heads):
            if id(e) not in skip and e not in claims[k].actors and not doc.is_duplicate_offset(e.start):
                claims[k].actors.append(e)
    for k, m in enumerate(mentions):
        # "Петров решил [подать в отставку]", "Сидоров заявил, что [покинет] пост":
        # the one who decides or says is who acts, when the verb has no subject of its own
        for e in _controller_subjects(doc, tree, m, heads):
            if id(e) not in skip and e not in claims[k].actors and not doc.is_duplicate_offset(e.start):
                claims[k].actors.append(e)
    for k, m in enumerate(mentions):
        person = _antecedent(doc, tree, m)
        if person is not None and id(person) not in skip and person not in claims[k].actors:
            claims[k].actors.append(person)
    return claims


# words that open the clause of a place: "в Омске, где прошел матч", "в зале, в котором пел хор"
WHERE_WORDS = {"где", "куда", "котором", "которой", "которых", "которого"}
# ", где проходил матч": the clause after a place tells what happened there
WHERE_AFTER = re.compile(r"\s*,\s*(?:где|куда|(?:в|на)\s+(?:котор(?:ом|ой|ых)|(?:районе|территории)\s+которо(?:го|й)))\s+[^.;!?\n]*")


def _where_clause(doc: Document, tree: Tree, index: EntityIndex, mentions: list[Mention],
                  claims: dict[int, Claims], skip: set[int]) -> None:
    """A place, or a venue, right before ", где" is the place of the first event named in
    that clause: "у стадиона в Казани, где проходил футбольный матч", "в Смольном, где
    состоится концерт"."""
    for e in index.entities:
        if id(e) in skip or e.type not in PLACE_TYPES and e.type != ORGANIZATION:
            continue
        k = _where_event(doc, tree, e, mentions)  # rare, and quicker than actor_role
        if k is None or e.type == ORGANIZATION and actor_role(doc, e) != "venue":
            continue
        c = claims[k]
        if e.type == ORGANIZATION:
            if e not in c.actors:
                c.actors.append(e)
        elif e not in c.places:
            c.places.append(e)
            c.regions.append(e)


def _where_event(doc: Document, tree: Tree, e: Entity, mentions: list[Mention]) -> int | None:
    """The first event the clause of ", где" right after the place tells of, if any: its
    verb, or a noun that verb governs ("где устроили [пикет]"); not one deeper
    ("где потребовали отменить итоги [выборов]") or after a verb of living or working ("где
    его отец работал в годы [войны]")."""
    where = WHERE_AFTER.match(doc.text, e.end)
    if where is None:
        return None
    first = bisect.bisect_left(doc.tokens, where.start(), key=lambda x: x.start)
    last = bisect.bisect_left(doc.tokens, where.end(), key=lambda x: x.start)
    # "где", "куда", "в районе которой": the words above it in the clause are its verb
    word = next((i for i in range(first, last) if doc.tokens[i].norm.lower() in WHERE_WORDS), None)
    verbs = list(takewhile(lambda a: first <= a < last, tree.ancestors(word, 4))) if word is not None else []
    if any((doc.tokens[v].lemma or "") in STATE_VERBS for v in verbs):
        return None
    near = {*verbs, *(c for v in verbs for c in tree.children(v))}
    # a parse that hangs "где" outside its clause says nothing of it: the first event in it
    inside = [k for k, m in enumerate(mentions) if first <= m.head < last and m.kind not in APPOINTMENTS
              and (not verbs or m.head in near or tree.heads[m.head] in near)]
    return min(inside, key=lambda k: mentions[k].head) if inside else None


def _one_time_each(doc: Document, index: EntityIndex, mentions: list[Mention],
                   claims: dict[int, Claims]) -> None:
    """Each news mention keeps one time (``_one_time``); a date it gives up goes to an
    event of the date's clause that has none: "избран в 2011 году, а в 2018 году ушел в
    отставку" -> 2018 is the resignation's."""
    dropped = []
    for k, m in enumerate(mentions):
        kept = _one_time(doc, m, claims[k].dates)
        dropped += [e for e in claims[k].dates if e not in kept]
        claims[k].dates = kept
    for e in dropped:
        t = index.head(e)
        free = [k for k, m in enumerate(mentions) if not claims[k].dates and t is not None
                and clause_of(doc, m.head, SUBORDINATE) == clause_of(doc, t, SUBORDINATE)]
        if free:
            claims[min(free, key=lambda k: abs(mentions[k].head - t))].dates.append(e)


# "с 1989 года", "с лета 2012 года" but not "с 3 по 12 октября": since when a state holds
SINCE = re.compile(r"(?i)со?\s(?!.*\b(?:по|до|на)\b)")


# what joins the parts of one time: "накануне вечером, в 20:34", "в 2003, 2004 и 2005 годах"
TIME_JOINER = re.compile(r"\s*(?:,|и|—|–)?\s*")


def _one_time(doc: Document, m: Mention, dates: list[Entity]) -> list[Entity]:
    """News tells one happening at one time: of several dates, the one nearest the event
    word, with those joined to it ("родился 7 февраля 1929 года ..., в 1951 году окончил":
    the second is the graduation's, "задержан 7 декабря ... в тот же день" a retelling)."""
    if len(dates) < 2:
        return dates
    start, end = doc.tokens[m.start].start, doc.tokens[m.end - 1].end

    def distance(e: Entity) -> int:
        return max(0, e.start - end, start - e.end)
    ordered = sorted(dates, key=lambda e: (e.start, e.end))
    first = min(range(len(ordered)), key=lambda i: (distance(ordered[i]), i))
    lo = hi = first
    while lo > 0 and TIME_JOINER.fullmatch(doc.text[ordered[lo - 1].end:ordered[lo].start]):
        lo -= 1
    while hi + 1 < len(ordered) and TIME_JOINER.fullmatch(doc.text[ordered[hi].end:ordered[hi + 1].start]):
        hi += 1
    return [e for e in dates if e in ordered[lo:hi + 1]]


# "сражений [в Лексингтоне]", "гонки в непризнанной [Республике]": "в"/"на" and up to two
# lower-case words between an event noun's phrase and the place (dates and commas aside:
# "взрыва в среду, 25 октября, в Киеве")
PLACE_AFTER_NOUN = re.compile(r"^\s+(?:в|во|на)\s+(?:[а-яё\-]+\s+){0,2}$")


def _noun_before_place(doc: Document, e: Entity, mentions: list[Mention]) -> int | None:
    """The noun mention whose phrase the place follows: "после [стрельбы] в Омске", "после
    [взрыва] в пятницу, 3 мая, в Самаре"; not a place inside another
    mention's phrase ("взрыве на [Казанском] марафоне" is the marathon's)."""
    first = bisect.bisect_left(doc.tokens, e.start, key=lambda x: x.start)
    if any(m.start <= first < m.end for m in mentions):
        return None
    dates = [x for x in doc.entities if x.type == DATE and x.end <= e.start]
    for k, m in enumerate(mentions):
        end = doc.tokens[m.end - 1].end
        if m.verbal or not end <= e.start < end + 120:
            continue
        between = doc.text[end:e.start]
        for x in dates:
            if end <= x.start:
                between = between.replace(x.text, " ")
        between = re.sub(r"\s*,\s*", " ", between)
        if "\n" not in between and PLACE_AFTER_NOUN.match(between):
            return k
    # "сражений в Полоцке и [Витебске]": a place joined to one that follows the noun
    joined = [x for x in doc.entities if x.type in PLACE_TYPES and x.end < e.start
              and JOINED_TO_PLACE.match(doc.text[x.end:e.start])]
    return _noun_before_place(doc, joined[0], mentions) if joined else None


# participles of occurring: "прошедшем", "проходивших", "состоявшейся", "произошедшего"
OCCURRING = re.compile(r"^(?:прош[её]дш|проходивш|проходящ|состоявш|произош[её]дш|происходивш|происходящ|"
                       r"прогремевш|случивш)[а-я]+$")
# pymorphy3 cases, for agreement: "на празднике (loct) после турнира, прошедшем (loct) в Костроме"
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "loc2")


def _participle_owner(doc: Document, tree: Tree, t: int, mentions: list[Mention]) -> int | None:
    """The noun event a participle of occurring agrees with, when the place hangs on it:
    "на [празднике] после турнира, прошедшем в Костроме" (the locative is the feast's, not
    the tournament's, whatever noun the parser hung the participle on)."""
    v = tree.heads[t]
    if v < 0 or not OCCURRING.match(doc.tokens[v].norm.lower()):
        return None
    grams = set(re.split(r"[ ,]", doc.tokens[v].tag or ""))
    case = next((c for c in CASES if c in grams), None)
    number = "plur" if "plur" in grams else "sing"
    if case is None:
        return None
    sentence = doc.tokens[v].sentence
    agree = [k for k, m in enumerate(mentions) if not m.verbal and m.head < v
             and doc.tokens[m.head].sentence == sentence
             and {case, number} <= set(re.split(r"[ ,]", doc.tokens[m.head].tag or ""))]
    return max(agree, key=lambda k: mentions[k].head) if agree else None


# "прощание — в театре": an event noun, a dash standing for the verb, and where
PLACE_AFTER_DASH = re.compile(r"^\s*[—–-]\s*(?:в|во|на)\s+(?:[а-яё\-]+\s+){0,2}[«\"]?$")


def _noun_before_dash(doc: Document, e: Entity, mentions: list[Mention]) -> int | None:
    """The noun mention right before a dash and the place: "ярмарка — на Петровской
    площади, концерт — в Камерном театре" -> the theatre is the concert's."""
    for k, m in enumerate(mentions):
        end = doc.tokens[m.end - 1].end
        if not m.verbal and end < e.start < end + 40 and PLACE_AFTER_DASH.match(doc.text[end:e.start]):
            return k
    return None


def _relative_occurrence(doc: Document, tree: Tree, t: int, mentions: list[Mention]) -> list[int]:
    """The noun mention a relative clause of occurrence hangs on, when the place is that
    clause's: "[операцию] на колене, которая была проведена в Германии" (up to six words
    between the noun and the comma before "который"; the parser often hangs the clause on
    the nearer noun)."""
    v = tree.heads[t]
    if v < 0 or doc.tokens[v].lemma not in SUPPORT_VERBS or doc.tokens[v].lemma in ("быть", "стать"):
        return []
    # "который должен [пройти] в Самаре": the subject hangs on the modal
    verbs = [v, tree.heads[v]] if tree.rels[v] == "xcomp" and tree.heads[v] >= 0 else [v]
    for c in (c for x in verbs for c in tree.children(x)):
        if doc.tokens[c].lemma == "который" and tree.rels[c] in ("nsubj", "nsubj:pass") \
                and c > 0 and doc.tokens[c - 1].norm == ",":
            before = [k for k, m in enumerate(mentions) if not m.verbal
                      and m.sentence == doc.tokens[c].sentence and m.head < c and c - m.end <= 6]
            if before:
                return [max(before, key=lambda k: mentions[k].head)]
    return []


# verbs of living, staying or working somewhere: a state, not a happening ("жил в Казани",
# "проживавший в Турции", "работает в Лондоне")
STATE_VERBS = {"жить", "проживать", "пожить", "пребывать", "работать", "трудиться", "учиться", "служить",
               "остаться", "оставаться", "обитать"}


# verbs of where a thing lies: "склад, [расположенный] в порту «Северный»"
LYING_VERBS = {"расположить", "располагаться", "находиться", "размещаться", "разместить", "базироваться"}


def _place_of_a_state(doc: Document, tree: Tree, t: int) -> bool:
    """The place hangs on a verb or participle of living, staying or working: "Смирнов,
    [проживавший] в Канаде, убит", "Петрова родилась в Казани и почти всю жизнь [жила] в
    Москве": it says where someone is, not where the event happened."""
    h = tree.heads[t]
    return h >= 0 and (doc.tokens[h].lemma or "") in STATE_VERBS and doc.tokens[h].pos in VERBAL_POS | {"PRTF"}


# events of going whose word governs where they go: "прибыл в Минск", "визит в Рим"
GOINGS = JOURNEYS | {"поездка", "прибытие", "турне", "гастроли", "возвращение", "перелет", "путешествие"}
TO_BEFORE = re.compile(r"(?:^|[\s(])(?:в|во)\s*[«\"]?\s*$", re.I)
VERB_FORMS = {"VERB", "PRTF", "PRTS", "GRND"}  # not "INFN": a plan


def _direction_of_a_plan(doc: Document, tree: Tree, t: int, e: Entity, m: Mention) -> bool:
    """"в" with the accusative hung on an infinitive or a noun is where someone means to
    go: "после финала решил [перебраться] в Норвегию", "после турнира команда собирается
    [отправиться] в Южную Америку" name no place of the final or the tournament. The event
    word itself may govern it ("прибыл в Минск", "визит в Рим"), and a finite verb of
    going keeps it: that is often an event of its own ("вернулась в Москву"), whose place
    the document still names."""
    if m.kind in GOINGS or not TO_BEFORE.search(doc.text[max(0, e.start - 8):e.start]) \
            or not _accusative(doc, e):
        return False
    toks = doc.tokens
    h = tree.heads[t]
    return h >= 0 and not m.start <= h < m.end and not m.start <= t < m.end and toks[h].pos not in VERB_FORMS


def _accusative(doc: Document, e: Entity) -> bool:
    """The name is in the accusative ("в Южную Африку": its noun's case); not a name that
    never changes ("в Бангладеш"), whose case says nothing."""
    toks = doc.tokens
    first = bisect.bisect_left(toks, e.start, key=lambda x: x.start)
    last = bisect.bisect_left(toks, e.end, key=lambda x: x.start) - 1
    if first >= len(toks):
        return False
    tag = next((x for x in toks[first:last + 1] if x.pos == "NOUN"), toks[first]).tag or ""
    return "accs" in tag and "Fixd" not in tag




# the nouns of "в результате", "в ходе", "во время": the event after them is the setting
SETTING_WORDS = {"результат", "ход", "время"}
# ... and those of an event the verb is part of, there: "погибли [в результате] ДТП", "ранены
# [в ходе] митинга"; "во время" only says when ("скончался в Москве во время переговоров")
PART_OF_WORDS = {"результат", "ход"}


def _share_with_setting(doc: Document, tree: Tree, mentions: list[Mention],
                        claims: dict[int, Claims]) -> None:
    """The date of an event verb is the date of the event it happened in, when that one
    has none of its own: "Петров [погиб] в [автокатастрофе] в понедельник" -> the crash
    was on Monday too; so is the place, after "в результате", "в ходе": "в Перми в
    ходе [митинга] [задержаны] 20 человек". Not the place otherwise: "погиб в бою в
    Сирии" (the battle may be larger); not after "после", "в связи с": those are other times."""
    verbs = {m.head: k for k, m in enumerate(mentions) if m.verbal}
    for k, m in enumerate(mentions):
        n, v = m.head, tree.heads[m.head]
        part_of = False
        # "погиб [в результате] взрыва", "[в ходе] штурма", "[во время] концерта"
        if v >= 0 and doc.tokens[v].lemma in SETTING_WORDS and tree.rels[n] == "nmod":
            part_of = doc.tokens[v].lemma in PART_OF_WORDS
            n, v = v, tree.heads[v]
        if m.verbal or v not in verbs or tree.rels[n] != "obl":
            continue
        cases = [doc.tokens[x].norm.lower() for x in tree.children(n) if tree.rels[x] == "case"]
        if cases not in (["в"], ["во"], ["при"], ["на"]):
            continue
        # the parser often reads "в ходе", "в результате" as one preposition
        part_of = part_of or any(doc.tokens[y].lemma in PART_OF_WORDS and tree.rels[y] == "fixed"
                                 for x in tree.children(n) if tree.rels[x] == "case" for y in tree.children(x))
        if not claims[k].dates:
            claims[k].dates.extend(claims[verbs[v]].dates)
        # not where someone went: "бежал в Турцию в ходе войны"
        if part_of and not claims[k].places and mentions[verbs[v]].kind not in GOINGS:
            claims[k].places.extend(claims[verbs[v]].places)


def _share_between_verbs(doc: Document, tree: Tree, index: EntityIndex, mentions: list[Mention],
                         claims: dict[int, Claims]) -> None:
    """Event verbs joined by "и", "или" share a place outside the pair, when the other has
    none: "трое [пропали] или [погибли] в Каспийском море", "В Омске [задержан] и
    [арестован] Петров"; not one between them, which is the first's alone ("задержан в
    Омске и [этапирован] в Москву")."""
    verbs = {m.head: k for k, m in enumerate(mentions) if m.verbal}
    for j, m in enumerate(mentions):
        h = tree.heads[m.head]
        if not m.verbal or tree.rels[m.head] != "conj" or h not in verbs or h > m.head:
            continue
        k = verbs[h]
        first, second = claims[k], claims[j]
        if not first.places:
            # not a direction: "покинул Омск и переехал в Казань"
            add = [e for e in second.places if index.head(e) is not None and index.head(e) > m.head
                   and "accs" not in (doc.tokens[index.head(e)].tag or "")]
            first.places.extend(add)
            first.regions.extend(e for e in add if e in second.regions)
        if not second.places:
            add = [e for e in first.places if index.head(e) is not None and index.head(e) < mentions[k].head]
            second.places.extend(add)
            second.regions.extend(e for e in add if e in first.regions)


# "в польском городе [Гданьск]", "в чилийском [Сантьяго]": up to two lower-case words
# between a place adjective and the named place it qualifies
WORDS_TO_PLACE = re.compile(r"^\s+(?:[а-яё\-]+\s+){0,2}$")


def _adjective_before_place(doc: Document, index: EntityIndex, e: Entity) -> bool:
    """A place adjective that only says where a named place lies: "в бельгийском городе
    Льеж", "в аргентинском Буэнос-Айресе" (the city is the place, not the country)."""
    span = index.tokens.get(id(e))
    if span is None or doc.tokens[span[2]].pos != "ADJF":
        return False
    return any(o.type in PLACE_TYPES and o is not e and e.end < o.start <= e.end + 40
               and WORDS_TO_PLACE.match(doc.text[e.end:o.start]) for o in index.entities)


TOPIC_CASES = {"о", "об", "обо", "про"}


def _in_topic(doc: Document, tree: Tree, t: int, m: Mention) -> bool:
    """A place inside what the event is about says where that is: "подписал закон [о
    расселении ветхого жилья в Омске]", "рассказал о ситуации в регионе Самары"."""
    h = tree.heads[t]
    for _ in range(3):
        if h < 0 or m.start <= h < m.end:
            return False
        if doc.tokens[h].pos == "NOUN" and any(
                tree.rels[x] == "case" and doc.tokens[x].norm.lower() in TOPIC_CASES for x in tree.children(h)):
            return True
        h = tree.heads[h]
    return False


# bodies with a seat: "посольства Польши в Минске", "представительства компании в Киеве"
SEATED = {"посольство", "консульство", "представительство", "генконсульство", "офис", "филиал",
          "отделение", "штаб-квартира", "диаспора", "община"}


def _seat_of(doc: Document, tree: Tree, t: int, m: Mention) -> bool:
    """A place that hangs on a body with a seat says where the body is: "выслали
    дипломата посольства Польши [в Минске]", "сотрудника посольства Белоруссии [в
    Вильнюсе]"; not when the event is done to the body ("поджог офиса партии в Казани")."""
    h = tree.heads[t]
    for _ in range(2):  # "посольства [Польши] в Минске": the parser may hang it on the country
        if h < 0 or m.start <= h < m.end:
            return False
        if (doc.tokens[h].lemma or "").replace("ё", "е") in SEATED:
            return tree.heads[h] != m.head
        h = tree.heads[h]
    return False


CAPITAL_BEFORE = re.compile(r"(?i)столиц[аеуыи]\s+$")


def _capital_of(doc: Document, index: EntityIndex, e: Entity) -> bool:
    """A country between "столице" and its capital says whose capital it is: "в столице
    Кении Найроби", "в столице Перу Лиме" (the city is the place)."""
    if e.type not in (COUNTRY, REGION) or not CAPITAL_BEFORE.search(doc.text[max(0, e.start - 12):e.start]):
        return False
    return any(o.type == CITY and e.end < o.start <= e.end + 2 and not doc.text[e.end:o.start].strip()
               for o in index.entities)


def _adjective_of_a_thing(doc: Document, tree: Tree, t: int, m: Mention) -> bool:
    """A place adjective outside the event's phrase that qualifies no place: "в делийском
    автобусе", "в норвежских СМИ", "на украинской Конституции" say whose the thing is, not
    where the event was; "в индийском штате", "в египетских провинциях" still are places."""
    tok = doc.tokens[t]
    # a capitalised one may be a name the parser reads as an adjective ("в Октябрьском")
    if tok.pos != "ADJF" or m.start <= t < m.end or not doc.text[tok.start].islower():
        return False
    h = tree.heads[t]
    if h < 0 or doc.tokens[h].pos != "NOUN":
        return False
    lemma = (doc.tokens[h].lemma or "").replace("ё", "е")
    return lemma not in PART_NOUNS_OF_LAND | SITE_NOUNS | LAND_OR_STAGE


# "в казахстанских степях", "на казанском этапе Кубка мира": land, or the part of a
# contest held in one place
LAND_OR_STAGE = {"степь", "пустыня", "лес", "горы", "этап", "тур"}


def _where_place_lies(doc: Document, index: EntityIndex, e: Entity) -> bool:
    """A region or country right after a smaller place says where that one lies: "в селе
    Ивановка Тамбовской области", "в Рино, Невада", "в Жироне, Каталония" (news names
    the narrower place)."""
    if e.type not in (REGION, COUNTRY):
        return False
    return any(o.type in (CITY, DISTRICT, LOCATION, SITE) and o.end <= e.start
               and (re.fullmatch(r"\s*,?\s*", doc.text[o.end:e.start])
                    # "в Тусоне в Аризоне", "в поселке Кедровый в Томской области": "в" twice, the
                    # second names the land the first place lies in (not "из Омска в Германию")
                    or o.type in (CITY, DISTRICT) and re.fullmatch(r"\s*,?\s*(?:в|во)\s+", doc.text[o.end:e.start])
                    and re.search(r"(?:^|\s)(?:в|во)\s+(?:\w+\s+)?$", doc.text[max(0, o.start - 24):o.start]))
               for o in index.entities)


SUBJECTS = ("nsubj", "nsubj:pass")


def _shared_subjects(doc: Document, tree: Tree, m: Mention, heads: dict) -> list[Entity]:
    """The subject of a verb joined by "и" to the mention's verb that has none of its own:
    "Петров признан виновным и [приговорен]", "Иванов прибыл в Москву и [провел] переговоры"."""
    out = []
    for a in sorted(anchors(doc, tree, m)):
        h = tree.heads[a]
        # "экстрадирован" is a noun to pymorphy3, a verb as a mention
        if h < 0 or tree.rels[a] != "conj" or doc.tokens[h].pos not in VERBAL_POS \
                or doc.tokens[a].pos not in VERBAL_POS and not (m.verbal and a == m.head):
            continue
        if any(tree.rels[c] in SUBJECTS for c in tree.children(a)):
            continue
        out += [heads[c] for c in tree.children(h) if tree.rels[c] in SUBJECTS and c in heads]
    return out


def _controller_subjects(doc: Document, tree: Tree, m: Mention, heads: dict) -> list[Entity]:
    """The subject of the verb that governs the mention's verb when that one has none:
    an infinitive ("Петров решил [уйти] в отставку") or a clause after a verb of saying
    ("Петров заявил, что [покинет] пост": the one who says it is who leaves)."""
    out = []
    for a in sorted(anchors(doc, tree, m)):
        h = tree.heads[a]
        if h < 0 or doc.tokens[a].pos not in VERBAL_POS and not (m.verbal and a == m.head):
            continue
        if any(tree.rels[c] in SUBJECTS for c in tree.children(a)):
            continue
        infinitive = tree.rels[a] == "xcomp" and doc.tokens[a].pos == "INFN"
        said = tree.rels[a] == "ccomp" and doc.tokens[h].lemma in SPEECH_VERBS and doc.tokens[a].pos == "VERB" \
            and any(doc.tokens[c].norm.lower() == "что" for c in tree.children(a))
        if not (infinitive or said):
            continue
        for c in tree.children(h):
            if tree.rels[c] in SUBJECTS and c in heads:
                out.append(heads[c])
            elif tree.rels[c] in SUBJECTS and any(x in heads for x in tree.children(c)
                                                 if tree.rels[x] in ("appos", "flat:name")):
                # "Министр Иван Петров заявил, что [покинет] пост": the name beside the title
                out += [heads[x] for x in tree.children(c) if tree.rels[x] in ("appos", "flat:name") and x in heads]
            elif tree.rels[c] in SUBJECTS and _is_personal(doc, tree, c):
                # "Он заявил, что [покинет] пост": the last person named before the pronoun
                pos = doc.tokens[c].start
                first = doc.sentences[max(0, m.sentence - 2)].start
                people = [e for e in doc.entities if e.type == PERSON and first <= e.start and e.end <= pos
                          and not doc.is_duplicate_offset(e.start)]
                out += people[-1:]
    return out


# "на Ваганьковском кладбище в Москве", "в клубе «Ритм», в Самаре", "в Центральном парке в Омске"
SITE_THEN_PLACE = re.compile(r"^[»\"]?(?:\s*\([^()\n]{1,60}\))?\s*,?\s*(?:в|во|на|под)\s+(?:[а-яё\-]+\s+)?$")
# what a city or a country after it may locate: a site, a street or square, a building
SMALLER_THAN_CITY = (SITE, LOCATION, ORGANIZATION, "FACILITY")


# a district or region by its unit: "в Заречном районе", "в Приозёрном крае"
UNIT = re.compile(r"(?i)(?:район|округ|кра[йяею]|област)\w*$")


def _where_site_lies(doc: Document, index: EntityIndex, e: Entity) -> bool:
    """A city or country after "в" right after a named site, street or building says where
    that one lies: "похоронен на Ваганьковском кладбище в Москве", "умер в больнице имени
    Пирогова в Москве" (news names the site as the place)."""
    # and a district after a street: "на улице Садовой в Заречном районе"
    if e.type not in (CITY, COUNTRY, REGION, DISTRICT) and not (e.type == LOCATION and UNIT.search(e.text)):
        return False
    return any(o.type in SMALLER_THAN_CITY and o.end <= e.start < o.end + 90
               and SITE_THEN_PLACE.match(doc.text[o.end:e.start])
               # an organisation only as a venue ("в клубе «Ритм»"), not "саммит ОПЕК в Вене"
               and (o.type != ORGANIZATION or actor_role(doc, o) == "venue") for o in index.entities)


def _relative_antecedent(doc: Document, tree: Tree, m: Mention) -> int | None:
    """The noun a relative clause of an event verb hangs on, when "который" is the verb's
    subject or object: "Иванова, [который] был убит" -> "Иванова"."""
    if not m.verbal or not tree.rels[m.head].startswith("acl") or tree.heads[m.head] < 0:
        return None
    if any(doc.tokens[c].lemma == "который" and tree.rels[c] in ("nsubj", "nsubj:pass", "obj")
           for c in tree.children(m.head)):
        return tree.heads[m.head]
    return None


def _antecedent(doc: Document, tree: Tree, m: Mention) -> Entity | None:
    """The person a pronoun around an event word stands for: "Вчера он уволил ...", "его
    арестовали", "её отставка", "он подал в отставку", "тот скончался" -> the last person
    named before it, in its sentence or the two before."""
    subject = None
    for a in sorted(anchors(doc, tree, m)):
        for c in tree.children(a):
            if tree.rels[c] not in PRONOUN_RELS:
                continue
            if _is_personal(doc, tree, c):
                subject = c
                break
        if subject is not None:
            break
    if subject is None:
        return None
    pos = doc.tokens[subject].start
    first = doc.sentences[max(0, m.sentence - 2)].start
    people = [e for e in doc.entities if e.type == PERSON and first <= e.start and e.end <= pos
              and not doc.is_duplicate_offset(e.start)]
    return people[-1] if people else None


def _is_personal(doc: Document, tree: Tree, i: int) -> bool:
    """"он", "его", "ей"; "тот" only as a subject ("однако тот скончался")."""
    w = doc.tokens[i].norm.lower()
    return w in PERSONAL or w in DEMONSTRATIVE and tree.rels[i].startswith("nsubj")


def _genitive_of(doc: Document, tree: Tree, t: int, m: Mention) -> bool:
    """The place is a bare genitive of the event noun, or of the office it is about:
    "чемпионат Испании", "выборах президента США".

    For a change of office, also the office's own genitive: "назначен министром культуры Чехии"."""
    if tree.rels[t] != "nmod" or any(tree.rels[x] == "case" for x in tree.children(t)):
        return False
    h = tree.heads[t]
    if m.kind in OFFICE_TAKINGS and _office_of(doc, tree, h, m):
        return True
    if m.verbal:
        return False
    if h == m.head:
        return True
    # "выборы президента США", "инаугурация президента Зимбабве": the country of an office
    # filled by a vote; not "отставка губернатора Приморского края", "встреча с президентом
    # России", "пресс-конференция президента Сербии" (the holder's title)
    return m.kind in ELECTIONS and doc.tokens[h].lemma in OFFICES and tree.heads[h] == m.head and \
        not any(tree.rels[x] == "case" for x in tree.children(h))


def _office_of(doc: Document, tree: Tree, h: int, m: Mention) -> bool:
    """The noun ``h`` is the office the event gives, takes or leaves: "назначен
    [министром] культуры Чехии", "заявил о скором уходе с поста [мэра] Перми", "вчера
    Анна Петрова избрана [мэром] Тулы"; not the title of who acts ("Премьер-министр
    Словакии Петров подал в отставку", "Президент Чехии назначил Петрова", "отставка мэра
    Казани": NEREL marks these unevenly, on train right one time in three) and not the
    chair of a body ("избран председателем Верховного совета Чили")."""
    if tree.rels[h] == "nmod" and tree.heads[h] >= 0 and doc.tokens[h].pos == "NOUN" and \
            doc.tokens[tree.heads[h]].lemma in MINISTERS:
        h = tree.heads[h]  # "министра финансов [Чили]": the minister's field, then the country
    if doc.tokens[h].lemma not in OFFICE_HOLDERS:
        return False
    g = tree.heads[h]
    if g >= 0 and doc.tokens[g].lemma in POST_NOUNS and tree.rels[h] == "nmod":
        # "с поста [мэра] Перми": the post is in the event's phrase or hangs on its word
        p = tree.heads[g]
        return m.start <= g < m.end or p >= 0 and m.start <= p < m.end and tree.rels[g] in OFFICE_RELS | {"nmod"}
    # "отставка мэра Казани" inside the event's phrase is the holder's title
    return g >= 0 and m.start <= g < m.end and not m.start <= h < m.end and tree.rels[h] in OFFICE_RELS


def _bracketed_aside(doc: Document, index: EntityIndex, e: Entity,
                     inside: list[tuple[int, int, int]]) -> bool:
    """News puts in brackets what a name or a title is ("Синев (скончался 3 февраля
    2016)", "«Всё о моей матери» (1999)", "около 11:25 (12:25 мск)", "Пеле (настоящее имя
    Эдсон ...)"): a date or a name there is an argument only when the bracket opens right
    after the event ("Олимпийских игр (1984, 1988)")."""
    span = index.tokens.get(id(e))
    if span is None:
        return False
    sent = doc.sentences[doc.tokens[span[0]].sentence]
    k = span[0] - 1
    while k >= sent.first_token and doc.tokens[k].norm not in ("(", ")"):
        k -= 1
    if k < sent.first_token or doc.tokens[k].norm != "(":
        return False
    return not any(start <= k - 1 < end for start, end, _ in inside)


def _across_line(doc: Document, e: Entity, m: Mention) -> bool:
    """A line break lies between the entity and the mention: a headline, a photo caption
    ("Дарио Фо в Милане в 1985 году") and the text under them are apart, whatever the
    sentence splitter joined."""
    start, end = doc.tokens[m.start].start, doc.tokens[m.end - 1].end
    return "\n" in doc.text[min(e.end, end):max(e.start, start)] or \
        "\n" in doc.text[e.start:e.end] or "\n" in doc.text[start:end]


# "1997 года", "2013", "2004 г.": a year alone, which may qualify a noun
YEAR_ALONE = re.compile(r"\d{4}(?:\s*(?:года|год|г\.?))?")


def _in_contest_name(doc: Document, tree: Tree, t: int, inside: list[tuple[int, int, int]]) -> bool:
    """A role noun inside an event's name, hung on a capitalised word of it: "Лиги
    [чемпионов]", "Кубок [чемпионов]" (not "убийство полицейского")."""
    h = tree.heads[t]
    return h >= 0 and h != doc.sentences[doc.tokens[h].sentence].first_token \
        and doc.text[doc.tokens[h].start].isupper() \
        and any(start <= t < end and start <= h < end for start, end, _ in inside)


def _edition_of(doc: Document, e: Entity, mentions: list[Mention]) -> int | None:
    """The mention whose word the year is joined to by a hyphen: "Олимпиаде-2016",
    "ЧМ-2018", "Сочи-2014" (the edition's year is when it took place), or the city
    joined to the year ("Сочи" of "Сочи-2014": where it took place)."""
    if e.type == CITY:
        # "Сочи-2014": a city joined to a year names the games it hosts; not "Играх-2012",
        # a form of an event noun the entity stage took for a village
        word = e.text.lower()
        if not re.match(r"-\d{4}\b", doc.text[e.end:e.end + 6]) or any(
                len(n) > 3 and word.startswith(n[:-1]) and len(word) <= len(n) + 2
                for n in (*GATHERING_NOUNS, *QUALIFIED_NOUNS, *PLURAL_NOUNS)):
            return None
    elif e.type != DATE or doc.text[e.start - 1:e.start] != "-" or not re.fullmatch(r"\d{4}", e.text):
        return None
    for k, m in enumerate(mentions):
        if doc.tokens[m.start].start <= e.start and e.end <= doc.tokens[m.end - 1].end:
            return k
    return None


def _year_of_another_noun(doc: Document, tree: Tree, t: int, e: Entity,
                          inside: list[tuple[int, int, int]]) -> bool:
    """A year with no preposition that hangs on a noun no event word is, nor governs by
    genitives: "лауреат премии 1997 года", "девочка 2008 года рождения", "конституции
    2004 года" tell which prize, girl or constitution, not when anything happened; but
    "выборах 2008 года", "чемпионате мира 2003" are the event's own."""
    if not YEAR_ALONE.fullmatch(e.text) or not doc.text[e.start - 1:e.start].isspace():
        return False  # "ЧМ-2014", "Трезубец-2017": the year is part of the name
    h = tree.heads[t]
    for _ in range(4):  # bounded: a parse may loop
        if h < 0 or doc.tokens[h].pos != "NOUN":
            return False
        if any(start <= h < end for start, end, _ in inside):
            return False
        if tree.rels[h] != "nmod":
            return True
        h = tree.heads[h]
    return True


def _date_of_noun(doc: Document, index: EntityIndex, e: Entity, mentions: list[Mention]) -> list[int]:
    """A date without a preposition right after an event noun's phrase is its date,
    whatever the tree says: "погиб в ходе мятежа [3 мая 1921 года]" (not the
    death's), "на кинофестивале «Окно в Европу» [2005 года]"; not across a line break (a
    headline, then the date that opens the text)."""
    span = index.tokens.get(id(e))
    if span is None or not doc.tokens[span[0]].norm[:1].isdigit():
        return []
    return [k for k, m in enumerate(mentions) if not m.verbal and m.end == span[0]
            and "\n" not in doc.text[doc.tokens[m.end - 1].end:e.start]][:1]


def _journey_end(doc: Document, tree: Tree, t: int, m: Mention) -> bool:
    """The place a journey leaves or visits, hung on its verb: "бежал [из России]",
    "сбежала [из страны]", "посетил [Польшу]" (not "прибыл в Казань из Москвы" for a visit:
    there the place is Kazan)."""
    if m.kind not in JOURNEYS or tree.heads[t] != m.head:
        return False
    cases = {doc.tokens[x].norm.lower() for x in tree.children(t) if tree.rels[x] == "case"}
    if m.kind == "визит":
        return tree.rels[t] == "obj" and not cases
    return bool(cases & {"из", "изо"})


# fights for a place, which is where they are fought: "в боях за Донецк"
FIGHTS = {"бой", "битва", "сражение"}


def _fought_for(doc: Document, tree: Tree, t: int, m: Mention) -> bool:
    """The place a fight is for: "в [сражении] за Измаил", "[битва] за Москву"."""
    return m.kind in FIGHTS and tree.heads[t] == m.head and _cases(doc, tree, t) == {"за"}


def _adjective_in(doc: Document, t: int, m: Mention) -> bool:
    """A place adjective before the event noun, inside its phrase: "[Каннский] фестиваль",
    "[бостонского] теракта", "[Московский] марафон"."""
    return not m.verbal and m.start <= t < m.head and doc.tokens[t].pos == "ADJF"


# verbs whose subject holds a gathering; gatherings whose holder is one side of two, and
# rites, whose holder officiates ("патриарх провел церемонию освящения": he takes part)
HOLDING_VERBS = {"провести", "проводить", "организовать", "организовывать", "устроить", "устраивать"}
TWO_SIDED = CONTESTS | {"визит", "саммит", "дебаты", "церемония", "вручение", "награждение", "инаугурация",
                        "коронация"}


def _owner_in_phrase(doc: Document, tree: Tree, t: int, m: Mention) -> bool:
    """An organisation whose gathering it is, named by genitives and appositions inside
    the gathering's phrase: "праздник дня [Пограничных войск]", "съезд союза [«Доверие»]";
    not a side of a two-sided one ("матч сборных [России] и ..."), nor the body whose
    office an election fills ("выборы главы [Союза кинематографистов]")."""
    if m.verbal or m.cls != GATHERING or m.kind in TWO_SIDED or m.kind in ELECTIONS:
        return False
    steps = 0
    for _ in range(4):  # bounded: a parse may loop
        h = tree.heads[t]
        if h < 0:
            return False
        if tree.rels[t] in ("appos", "flat", "flat:name", "flat:foreign"):
            t = h
            continue
        if tree.rels[t] != "nmod" or any(tree.rels[x] == "case" for x in tree.children(t)):
            return False
        steps += 1
        if h == m.head:
            return steps > 1 or t != m.head
        if not m.start <= h < m.end:
            return False
        t = h
    return False


def _holder(doc: Document, tree: Tree, t: int, m: Mention) -> bool:
    """The subject of "провести", "организовать", "устроить" whose object is the
    gathering: "[Учителя] провели митинг", "[Союз художников] провел съезд"; not a side of
    a two-sided one or of a rite ("Петров провел встречу", "«Торпедо» провело матч": they
    take part)."""
    v = tree.heads[m.head]
    if m.verbal or m.cls != GATHERING or m.kind in TWO_SIDED or v < 0 or tree.rels[m.head] != "obj":
        return False
    # "[Министр] провела заседание", through a title to the name beside it
    for _ in range(4):  # bounded: a parse may loop
        if tree.rels[t] not in ("appos", "flat:name") or tree.heads[t] < 0 or tree.heads[t] == v:
            break
        t = tree.heads[t]
    return tree.heads[t] == v and tree.rels[t] == "nsubj" and doc.tokens[v].lemma in HOLDING_VERBS


def _modifier(doc: Document, tree: Tree, t: int, by_anchor: dict[int, list[int]],
              inside: list[tuple[int, int, int]]) -> bool:
    """A name that only qualifies another noun: "лидер группы «Алиса»", "начальник УВД":
    the organisation is where someone works, not who took part."""
    # "группы «Кино»": a name in apposition stands where its noun stands
    for _ in range(4):  # bounded: a parse may loop
        if tree.rels[t] not in ("appos", "flat", "flat:name") or tree.heads[t] < 0 \
                or tree.heads[t] in by_anchor:
            break
        t = tree.heads[t]
    h = tree.heads[t]
    if h < 0 or tree.rels[t] not in ("nmod", "amod") or h in by_anchor:
        return False
    if any(start <= h < end for start, end, _ in inside):
        return False
    # "[решением] мэра Москвы отправлен в отставку", "по [приказу] министра": whose act it is
    if doc.tokens[h].lemma in ACT_NOUNS and (tree.heads[h] in by_anchor or any(
            start <= tree.heads[h] < end for start, end, _ in inside)):
        return False
    return doc.tokens[h].pos == "NOUN"


# nouns of an act whose genitive is who did it: "указом президента", "по решению суда"
ACT_NOUNS = {"решение", "указ", "приказ", "распоряжение", "постановление", "требование", "инициатива",
             "просьба", "поручение", "заказ", "руководство", "команда"}


# "на пост главы МЧС", "с должности начальника штаба": the office a change is about
POST_NOUNS = {"пост", "должность"}


def _office_at_stake(doc: Document, tree: Tree, t: int) -> bool:
    """The organisation names the body of the office given or left, not of someone's
    title: "назначен [главой] ЦРУ", "ушел с [поста] гендиректора Google", but not "старший
    советник Белого дома" or "Представитель «Единой России» избран"."""
    for _ in range(3):  # "с поста председателя совета директоров банка"
        h = tree.heads[t]
        if h < 0 or doc.tokens[h].pos != "NOUN" or tree.rels[t] not in ("nmod", "appos", "flat", "flat:name"):
            return False
        tok = doc.tokens[h]
        if tok.lemma in POST_NOUNS or "ablt" in (tok.tag or ""):
            return True
        t = h
    return False


def _same_clause(doc: Document, t: int, owners: list[int], mentions: list[Mention]) -> list[int]:
    """Owners the parser found across a clause boundary give way to the one event of the
    entity's own clause: "12 марта в Москве задержан Иванов, а 15 марта в Киеве арестован
    Петров" -> "в Москве" is where Иванов was detained, whatever the tree says."""
    clause = clause_of(doc, t)
    if any(clause_of(doc, mentions[k].head) == clause for k in owners):
        return owners
    local = [k for k, m in enumerate(mentions) if clause_of(doc, m.head) == clause]
    return local if len(local) == 1 else owners


def clause_of(doc: Document, i: int, opening: frozenset[str] = frozenset()) -> tuple[int, int]:
    """(sentence, number of clause breaks before token ``i``): ", а", ", но", ";", and a
    comma before a word of ``opening``; tokens with the same pair share a clause."""
    return doc.tokens[i].sentence, _clause_breaks(doc, opening)[i]


# What the events stage works out about the document it is on, asked many times a
# document (clause breaks, roles of entities): (document, its token count) -> kind -> value.
_CACHES: dict[int, tuple[Document, int, dict[str, dict]]] = {}


def _document_cache(doc: Document, kind: str) -> dict:
    """The cache of ``kind`` for ``doc`` (kept for the last few documents only)."""
    hit = _CACHES.get(id(doc))
    if hit is None or hit[0] is not doc or hit[1] != len(doc.tokens):
        if len(_CACHES) >= 4:
            _CACHES.clear()
        hit = _CACHES[id(doc)] = (doc, len(doc.tokens), {})
    return hit[2].setdefault(kind, {})


def _clause_breaks(doc: Document, opening: frozenset[str]) -> list[int]:
    """For each token of ``doc``, the clause breaks before it in its sentence."""
    known = _document_cache(doc, "breaks")
    if opening in known:  # asked a hundred times a document
        return known[opening]
    words = CLAUSE_CONJUNCTIONS | opening
    toks = doc.tokens
    breaks = [0] * len(toks)
    for sent in doc.sentences:
        n = 0
        for k in range(sent.first_token, sent.last_token):
            breaks[k] = n
            w = toks[k].norm
            if w == ";" or w == "," and k + 1 < sent.last_token and toks[k + 1].norm.lower() in words:
                n += 1
    known[opening] = breaks
    return breaks


def _nearest(doc: Document, t: int, mentions: list[Mention], by_clause: bool) -> list[int]:
    """The mention of the sentence nearest to token ``t``, if any; ``by_clause``: of its
    clause, a comma before "который", "где", "когда" opening one."""
    def part(i: int) -> tuple[int, int]:
        return clause_of(doc, i, SUBORDINATE) if by_clause else (doc.tokens[i].sentence, 0)
    s = part(t)
    same = [(abs(m.head - t), k) for k, m in enumerate(mentions) if part(m.head) == s]
    return [min(same)[1]] if same else []


def _owners(doc: Document, tree: Tree, t: int, by_anchor: dict[int, list[int]],
            inside: list[tuple[int, int, int]]) -> list[int] | None:
    """Mentions claiming the entity whose head token is ``t``; [] when a verb of saying
    governs it, None when no event word does."""
    for start, end, k in inside:
        if start <= t < end:
            return [k]
    if t in by_anchor:
        return by_anchor[t]
    for depth, a in enumerate(tree.ancestors(t), 1):
        if a in by_anchor:
            return by_anchor[a]
        if _clause_boundary(doc, tree, a):
            # "В понедельник Путин [заявил] о ...": the speaker and the day belong to the saying
            return [] if doc.tokens[a].lemma in SPEECH_VERBS else None
        if depth >= MAX_DEPTH:
            return None
    return None


def _events_of_subject(doc: Document, tree: Tree, t: int, mentions: list[Mention], saying: bool) -> list[int]:
    """The noun events the verb the entity is the subject of governs: "Монти [заявил] о
    своей отставке" -> the resignation, "сказал на пресс-конференции" -> the press
    conference (``saying``: a verb of saying, not the events of a clause it governs,
    "заявил, что ..."); "«Локомотив» [выиграл] чемпионат", "победила на выборах" -> the
    championship, the election (any other verb that is no event word; not "потеряла
    миллиард после ареста": another time)."""
    below = t
    for a in tree.ancestors(t):
        if _clause_boundary(doc, tree, a):
            break
        below = a
    else:
        return []
    if (doc.tokens[a].lemma in SPEECH_VERBS) != saying or tree.rels[below] != "nsubj":
        return []
    heads = {m.head: k for k, m in enumerate(mentions) if not m.verbal}
    return [heads[c] for c in tree.children(a) if c in heads and tree.rels[c] in ("obl", "obj")
            and (saying or _cases(doc, tree, c) <= LOCATIVE_PREPOSITIONS)]


# verbs of a contest's result, and the nouns of it after "одержать", "потерпеть"
BEATING_VERBS = {"обыграть", "победить", "выиграть", "проиграть", "уступить", "одолеть", "разгромить",
                 "обогнать", "переиграть"}
RESULT_NOUNS = {"победа", "поражение"}


def _beaten_in(doc: Document, tree: Tree, t: int, mentions: list[Mention]) -> list[int]:
    """The noun events the verb of a contest's result is won in, for the side it beats or
    loses to: "обыграла [Францию] на чемпионате", "в финале проиграл [«Торпедо»]", "победу
    над [Чили] в четвертьфинале"."""
    h = tree.heads[t]
    if h < 0:
        return []
    if doc.tokens[h].lemma in RESULT_NOUNS and tree.rels[t] == "nmod" and _cases(doc, tree, t) & {"над", "от"}:
        h = tree.heads[h]
    elif not (doc.tokens[h].lemma in BEATING_VERBS and tree.rels[t] in ("obj", "iobj", "obl")) \
            or _cases(doc, tree, t) & LOCATIVE_PREPOSITIONS:
        return []  # "победил в Эстонии": where, not whom
    if h < 0 or doc.tokens[h].pos not in VERBAL_POS:
        return []
    heads = {m.head: k for k, m in enumerate(mentions) if not m.verbal}
    return [heads[c] for c in tree.children(h) if c in heads and tree.rels[c] == "obl"
            and _cases(doc, tree, c) <= LOCATIVE_PREPOSITIONS]


def _cases(doc: Document, tree: Tree, i: int) -> set[str]:
    """The prepositions of token ``i``: "после ареста" -> {"после"}."""
    return {doc.tokens[c].norm.lower() for c in tree.children(i) if tree.rels[c] == "case"}


# events whose object is the dead: the one buried is no one taking part
FUNERALS = {"похороны"}


def _buried(doc: Document, tree: Tree, t: int, m: Mention) -> bool:
    """The one a funeral buries: "[Петров] похоронен на кладбище", "похороны [Петрова]",
    "похоронят [Петрова]" (NEREL counts the mourners, not the dead)."""
    if m.kind not in FUNERALS or tree.heads[t] != m.head:
        return False
    return tree.rels[t] in ("nsubj:pass", "obj") or tree.rels[t] == "nmod" and not _cases(doc, tree, t)


def _clause_boundary(doc: Document, tree: Tree, i: int) -> bool:
    """A verb that is no event word: the walk up stops at it."""
    tok = doc.tokens[i]
    return tok.pos in VERBAL_POS and tok.lemma != "быть"


def dateline_ids(doc: Document) -> set[int]:
    """Ids of DATE entities that date the text itself ("Москва, 12 марта 2024 г. — ...",
    or a date alone on its line): the entities stage marks them ``value["dateline"]``."""
    return {id(e) for e in doc.entities if e.type == DATE and (e.value or {}).get("dateline")}


def is_venue(doc: Document, e: Entity) -> bool:
    """A building or hall that hosts the event: "в выставочном зале «Манеж на Неве»"."""
    before = doc.text[max(0, e.start - 40):e.start]
    venue = VENUE_BEFORE.search(before)
    return bool(venue and VENUE_WORDS.search(venue.group(1)))


# words between a site noun and the name it bears: "в больнице [«]Сосновый бор", "в театре [им.] Пушкина"
SITE_NAME_LINKS = {"«", '"', "„", "имени", "им", "им."}
SITE_PREPOSITIONS = {"в", "во", "на", "у", "возле", "около", "близ", "вблизи"}
# sites after the name they bear: "на Ивановой горе", "на Гарден авеню"
SITE_AFTER_NAME = {"гора", "улица", "проспект", "площадь", "бульвар", "переулок", "авеню", "набережная", "шоссе"}
# ... and sites named by whose they are, before the name only: "в доме Ивана Петрова", "в
# телестудии «Восток»" (but "в Доме культуры" is as often a body)
NAMED_SITE_NOUNS = SITE_NOUNS | {"дом", "телестудия", "студия", "киностудия", "киноцентр", "телецентр"}


def named_site(doc: Document, e: Entity) -> int | None:
    """The token of the site noun, when an organisation, a person or a building names a
    site after a preposition of place: "на Северном [кладбище]", "в [больнице] «Сосновый бор»",
    "в [церкви] Михаила Архангела", "в [театре] имени Пушкина" -- where something happens,
    not who takes part."""
    if e.type not in (ORGANIZATION, PERSON, FACILITY):
        return None
    toks = doc.tokens
    first = bisect.bisect_left(toks, e.start, key=lambda x: x.start)
    last = bisect.bisect_left(toks, e.end, key=lambda x: x.start)
    if first >= len(toks):
        return None
    k = first - 1
    while k >= 0 and k > first - 4 and (toks[k].norm.lower() in SITE_NAME_LINKS
                                        or toks[k].norm == "." and k > 0 and toks[k - 1].norm.lower() == "им"):
        k -= 1
    if k >= 0 and _site_noun(toks[k], True) and toks[k].sentence == toks[first].sentence:
        # "в церкви Михаила Архангела", not "в Таврическом дворце Ивана Петрова": a site
        # named by its own adjective is followed by someone else's name (but "на Уральском
        # заводе имени Калинина" bears it)
        named = k == first - 1 and k > 0 and toks[k - 1].pos == "ADJF" and doc.text[toks[k - 1].start].isupper()
        return k if not named and _after_site_preposition(doc, k) else None
    if last < len(toks) and (toks[last].lemma or "") in SITE_AFTER_NAME and toks[last].sentence == toks[first].sentence \
            and _after_site_preposition(doc, first, last):
        return last  # "похоронен на Ивановой горе", "на Гарден авеню": the name, then the site
    if e.type != PERSON and first > 0 and toks[first - 1].norm in ("«", '"') and _quoted_site(toks[last - 1]) \
            and _after_site_preposition(doc, first - 1, last - 1):
        return last - 1  # "в новгородском «Сирень-холле»", "на «Лотос Арене»": a quoted site's name
    if e.type == PERSON or last - first < 2:
        return None  # "в Кремле": the single word is the body that sits there as often
    # the name's own noun is the site: "на Северном кладбище"; not "в Армянской Церкви", a
    # capitalised noun after the name's first word is a body
    site = next((i for i in range(first, last) if toks[i].pos == "NOUN"), None)
    if site is None or not _site_noun(toks[site], False) or site > first and doc.text[toks[site].start].isupper():
        return None
    return site if _after_site_preposition(doc, first, site) else None


def _quoted_site(tok: Token) -> bool:
    """The last word of a quoted name is a site, or ends in one: "Арена", "Сирень-холл"."""
    lemma = (tok.lemma or tok.norm).lower().replace("ё", "е")
    return lemma in SITE_NOUNS or lemma.rsplit("-", 1)[-1] in ("центр", "холл", "арена", "парк") and "-" in lemma


def _site_noun(tok: Token, before_name: bool) -> bool:
    """A word for a building or a site; before a name, a house or a studio too."""
    return (tok.lemma or "").replace("ё", "е") in (NAMED_SITE_NOUNS if before_name else SITE_NOUNS)


def _after_site_preposition(doc: Document, k: int, noun: int | None = None) -> bool:
    """A preposition of place before token ``k``, up to three adjectives between; not
    "в" with the accusative of the site's ``noun`` ("доставлен в Первую городскую
    больницу", "заселился в отель": where someone goes)."""
    toks = doc.tokens
    noun = k if noun is None else noun
    j = k - 1
    while j >= 0 and j > k - 4 and toks[j].pos in ("ADJF", "PRTF"):
        j -= 1
    if j < 0 or toks[j].norm.lower() not in SITE_PREPOSITIONS or toks[j].sentence != toks[k].sentence:
        return False
    tag = toks[noun].tag or ""
    return toks[j].norm.lower() not in ("в", "во") or not any(c in tag for c in ("accs", "nomn")) or "Fixd" in tag


def is_place(doc: Document, e: Entity, taken: list[Entity], release: bool = True) -> bool:
    """A place of the event: "в Ташкенте", "на Украине", "во Франции и Германии". A release lists "Алматы (Казахстан)" both; news names the city alone (the
    country in brackets only says where the city is, and the city's record holds it), and
    reads the place a site belongs to ("в одной из клиник Германии"), as it reads sites."""
    if e.type not in PLACE_TYPES:
        return False
    before = doc.text[max(0, e.start - 48):e.start]
    if LOCATIVE_BEFORE.search(before):
        return True
    part = PLACE_PART_BEFORE.search(before)
    if part and not _place_ends_at(doc, e.start - len(before) + part.start()):
        return True
    if _after_locative_phrase(doc, e, sites=not release):
        return True
    near = NEAR_BEFORE.search(before)
    if near:
        # "на острове Светлом у берегов Норвегии", "в посёлке Ивановка к северу от Самары":
        # a place just named is nearer, and this one only says where that one lies
        start = e.start - len(before) + near.start()
        return not any(x.type in PLACE_TYPES and start - 60 <= x.end <= start and "." not in doc.text[x.end:start]
                       for x in doc.entities)
    if not taken:
        return False
    between = doc.text[taken[-1].end:e.start]
    if JOINED_TO_PLACE.match(between) or between.strip() == "," and e.type == taken[-1].type \
            and LIST_GOES_ON.match(doc.text, e.end):
        # "во Франции и Германии", not "конфликт Перу и Эквадора": the first of the list is
        # a place by its own words
        k = len(taken) - 1
        while k > 0 and ((gap := doc.text[taken[k - 1].end:taken[k].start]).strip() == ","
                         or JOINED_TO_PLACE.match(gap)):
            k -= 1
        return is_place(doc, taken[k], [], release)
    return bool(release and BRACKETED_AFTER_PLACE.match(between))


def _after_locative_phrase(doc: Document, e: Entity, sites: bool) -> bool:
    """"в корейском Пхёнчхане", "в бельгийской деревне Дамме", "в одной из клиник Германии",
    "в крупнейшем городе Сибири Новосибирске": adjectives, a site or a part of land (and the
    larger place it belongs to) between "в"/"на" and the place."""
    toks = doc.tokens
    first = bisect.bisect_left(toks, e.start, key=lambda t: t.start)
    tag = (toks[first].tag or "") if first < len(toks) else ""
    genitive = "gent" in tag
    last = bisect.bisect_left(toks, e.end, key=lambda t: t.start) - 1
    if first < last < len(toks) and toks[first].pos == "ADJF" and toks[last].pos == "NOUN":
        # "в непризнанной Нагорно-Карабахской [Республике]": the case of a name that
        # opens with an adjective is its noun's (the adjective's own reading may be genitive)
        tag = toks[last].tag or ""
    k = first - 1
    seen_noun = one_of = False
    for _ in range(5):
        if k < 0:
            return False
        tok = toks[k]
        word = tok.norm.lower()
        lemma = (tok.lemma or "").replace("ё", "е")
        if word in LOCATIVE_PREPOSITIONS:
            # "в корейском Пхёнчхане", not "в захваченном [повстанцами] Алеппо"
            return seen_noun or one_of or k + 1 < first and toks[k + 1].pos in ("ADJF", "PRTF") and not any(
                c in tag for c in ("gent", "datv", "ablt"))
        if tok.pos in ("ADJF", "PRTF"):
            k -= 1
        elif tok.pos == "NOUN" and (lemma in PART_NOUNS_OF_LAND or sites and lemma in SITE_NOUNS):
            if lemma in SITE_NOUNS and k + 1 == first and not genitive:
                return False  # "в аэропорту Шереметьево": the site's own name
            if genitive and k >= 1 and toks[k - 1].pos == "ADJF" and doc.text[toks[k - 1].start].isupper():
                # "в Кировском районе [Казани]", "на Садовой улице [Самары]": a named
                # district or street; the city in the genitive is the larger place around it
                return False
            seen_noun = True
            k -= 1
        elif word == "из" and k >= 1 and toks[k - 1].norm.lower().startswith("одн"):
            # "в одной из клиник", "в одну из [московских] клиник": the genitive is the set's
            one_of = k + 1 == first
            k -= 2  # "в одной из клиник"
        elif any(x.type in PLACE_TYPES and x.start <= tok.start < x.end for x in doc.entities):
            k -= 1  # "в городе Аляски Анкоридже": the larger place
        else:
            return False
    return False


def _place_ends_at(doc: Document, offset: int) -> bool:
    """A smaller place stands right before: "в Брайтоне на юге Англии" is in England, but
    where it happened is Brighton."""
    return any(x.type in PLACE_TYPES and 0 <= offset - x.end <= 2 for x in doc.entities
               if offset - 60 < x.end <= offset)


def _locative(doc: Document, e: Entity) -> bool:
    """The name begins with a word in the locative case that is not indeclinable."""
    k = bisect.bisect_left(doc.tokens, e.start, key=lambda t: t.start)
    tok = doc.tokens[k] if k < len(doc.tokens) else None
    tag = (tok.tag or "") if tok is not None and tok.start < e.end else ""
    return ("loct" in tag or "loc2" in tag) and "Fixd" not in tag


def actor_role(doc: Document, e: Entity) -> str | None:
    """"organiser", "partner", "venue", "source" or None (a participant), from the words
    around: "во Дворце спорта" is where it took place, not who took part."""
    known = _document_cache(doc, "roles")
    key = (e.start, e.end, e.type)
    if key not in known:  # asked for the same entity by several steps
        known[key] = _actor_role(doc, e)
    return known[key]


def _actor_role(doc: Document, e: Entity) -> str | None:
    s = doc.sentence_of(e.start)
    sent_start = doc.sentences[s].start if s is not None else 0
    before = doc.text[max(sent_start, e.start - 80):e.start]
    before = re.sub(r"[«\"]\s*$", "", before)
    # a descriptor may stand between the cue and the name: "при поддержке фонда «...»"
    for text in (before, re.sub(r"[а-яё]+\s*$", "", before, flags=re.I)):
        if ORGANISER_BEFORE.search(text):
            return "organiser"
        if PARTNER_BEFORE.search(text):
            return "partner"
    if ORGANISER_AFTER.match(doc.text[e.end:e.end + 40]):
        return "organiser"
    if SOURCE_BEFORE.search(before) or TOPIC_BEFORE.search(before):
        return "source"
    venue = VENUE_BEFORE.search(before)
    if e.type == ORGANIZATION and (venue and (VENUE_WORDS.search(venue.group(1))
                                              or BUILDING_WORDS.search(venue.group(1)))
                                   or IN_BEFORE.search(before) and (_locative(doc, e)
                                                                    or BUILDING_WORDS.search(e.text))):
        return "venue"
    return None
