"""Event mentions: noun phrases around event nouns, and verbs that report events.

A noun mention is extended to its phrase: ordinal and agreeing adjectives before,
complements and a name after ("X Международный форум технологического
предпринимательства «ТехноВектор»"). A verb mention is the verb itself ("скончался",
"назначен", "приобрела"), or with the word that makes it an event ("подал в
отставку" is found through "отставку"; "возбуждено уголовное дело" through "дело").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..doc import CITY, COUNTRY, DATE, ORGANIZATION, PERSON, Document, Sentence, Token
from ..entities.numbers import ordinal_value
from .lexicon import (ANAPHORIC_HAPPENINGS, ANAPHORIC_NOUNS, FOLLOWED_NOUNS, GATHERING, GATHERING_NOUNS, HAPPENING, HAPPENING_NOUNS,
                      HAPPENING_VERBS, NAMED_OBJECTS, NEGATION, NOT_EVENT_NEAR, OBJECT_CASE, OBJECT_REACH_BACK, OBJECT_KINDS, PLURAL_NOUNS, QUALIFIED_NOUNS, STATE_OBJECTS, UNREALISED,
                      VERBS_TO_PLACE, VERBS_WITH_OBJECT)

QUOTE_OPEN, QUOTE_CLOSE = {"«", '"'}, {"»", '"'}
DASHES = {"-", "—", "–"}
# past verbs by which an infinitive after them happened: "удалось убить", "начали стрелять"
REALISING = {"удаться", "смочь", "суметь", "успеть", "прийтись", "начать", "помочь"}
LATIN = re.compile(r"^[A-Za-z][A-Za-z0-9&'\-.]*$")
CHAMPIONSHIP = re.compile(r"^(?:ЧМ|ЧЕ|Евро)-?\d{2,4}$")
# "Сочи-2014", "Олимпиаде-2016": a host city or a gathering with its year
NAME_YEAR = re.compile(r"^([А-ЯЁ][а-яё]+(?:-[А-ЯЁ]?[а-яё]+)?)-((?:19|20)\d\d)$")
VERB_POS = {"VERB", "PRTS", "GRND"}
# "убита" is read as an adjective first, "экстрадирован" as a guessed noun
PARTICIPLE_LIKE = {"ADJS", "NOUN", None}
SHORT_PARTICIPLE = re.compile(r"^[а-яё]+[нт][аоы]?$", re.IGNORECASE)
# "Мисс Вселенная": a beauty contest by the title its winner gets
BEAUTY_TITLES = {"Мисс", "Miss"}
# ... but the title itself after these: "завоевала титул «Мисс Россия»", "стала «Мисс Америка»"
TITLE_HOLDING = {"титул", "звание", "корона", "стать", "обладательница", "победительница", "носить"}
# Entities that a noun phrase does not swallow on its right: "смерти [Михаила Горбачева]"
ARGUMENT_TYPES = {PERSON, ORGANIZATION, CITY, COUNTRY, DATE, "LOCATION", "REGION", "DISTRICT"}
# A full participle is an event when its place follows: "[арестованный] в Чили"
PLACE_TYPES = {CITY, COUNTRY, "LOCATION", "REGION", "DISTRICT"}
PLACE_PREPOSITIONS = {"в", "во", "на", "под"}
PARTICIPLE_NOT_PLACED = {"родиться"}
PLACE_KIND_WORDS = {"город", "штат", "район", "область", "провинция", "столица", "село", "деревня",
                    "поселок", "округ", "центр", "пригород", "окрестность", "префектура", "графство"}
# pymorphy3 tags of names: a word with one of them may be a name after all ("Олимпиада" is a
# woman's name too)
NAME_GRAMMEMES = ("Name", "Surn", "Patr", "Orgn", "Geox", "Trad")
# gatherings that are a part of a larger one named after them: "во втором туре губернаторских
# выборов", "командного турнира Универсиады" (but "акция протеста", "церемония вручения" are one)
PART_KINDS = {"тур", "турнир", "соревнование", "этап", "матч", "забег", "гонка", "сессия", "заседание"}
# words before an interjection that make it a command: "шагом марш"
COMMANDS = {"шагом", "бегом"}
# Entities inside which an event noun is part of a name: "Комиссия по выборам"
NAME_TYPES = {PERSON, ORGANIZATION, "LOCATION"}


@dataclass
class Mention:
    """An event mention: tokens ``start``..``end`` (exclusive) around ``head``."""

    start: int
    end: int
    head: int
    kind: str
    cls: str
    sentence: int
    verbal: bool = False
    anaphoric: bool = False
    name: str | None = None
    edition: int | None = None
    edition_span: tuple[int, int] | None = None
    name_span: tuple[int, int] | None = None


def find_mentions(doc: Document, morph) -> list[Mention]:
    """Event mentions of the non-duplicate paragraphs, in text order.

    A word inside quotes or inside a name is not a mention: "Кубок" in "турнир «Кубок
    Алатау»", "выборам" in "Комиссия по выборам". A mention inside another one's
    phrase is not a mention either, except a gathering inside a happening's phrase
    ("олимпиады" in "открытие олимпиады") and a gathering after a part of one
    (``PART_KINDS``: "выборов" in "во втором туре губернаторских выборов").
    """
    out: list[Mention] = []
    named = _name_tokens(doc) - _event_words_taken_for_names(doc, morph)
    for s_index, sent in enumerate(doc.sentences):
        if doc.paragraphs and doc.paragraphs[sent.paragraph].duplicate_of is not None:
            continue
        quoted = _quoted_tokens(doc, sent)
        for i in range(sent.first_token, sent.last_token):
            # "на «Мисс Вселенная»": a beauty contest is named inside its quotes
            if i in named or i in quoted and doc.tokens[i].norm not in BEAUTY_TITLES:
                continue
            inside = out and out[-1].sentence == s_index and out[-1].start <= i < out[-1].end
            if inside and out[-1].cls == GATHERING:
                # "втором туре губернаторских выборов": the whole is an event too
                m = _noun_mention(doc, i, s_index, morph)
                if m is not None and m.cls == GATHERING and not m.anaphoric and m.kind != out[-1].kind \
                        and i > out[-1].head and out[-1].kind in PART_KINDS:
                    out.append(m)
                continue
            m = _noun_mention(doc, i, s_index, morph) or _verb_mention(doc, i, s_index, morph) \
                or _named_contest(doc, i, s_index, morph)
            # "открытие олимпиады": the gathering inside a happening's phrase is named too
            if m is not None and (not inside or m.cls == GATHERING and not m.verbal):
                out.append(m)
    return out


def _noun_mention(doc: Document, i: int, s_index: int, morph) -> Mention | None:
    tok = doc.tokens[i]
    lemma = _lemma(tok, morph)
    if not lemma or tok.pos not in ("NOUN", None) and not _noun_after_all(doc, i, morph):
        return None
    if lemma in GATHERING_NOUNS:
        kind, cls = GATHERING_NOUNS[lemma], GATHERING
    elif "-" in lemma and lemma.rsplit("-", 1)[1] in GATHERING_NOUNS and lemma.rsplit("-", 1)[0].isalpha():
        kind, cls = GATHERING_NOUNS[lemma.rsplit("-", 1)[1]], GATHERING  # "рок-фестиваль", "джаз-концерт"
    elif lemma in HAPPENING_NOUNS:
        kind, cls = HAPPENING_NOUNS[lemma], HAPPENING
    elif lemma in ANAPHORIC_NOUNS and "sing" in (tok.tag or ""):
        # "Мероприятие собрало ...", but not "одно из главных событий"
        kind, cls = lemma, GATHERING
    elif CHAMPIONSHIP.match(tok.norm):
        kind, cls = "чемпионат", GATHERING  # "ЧМ-2018", "Евро-2012"
    elif lemma in ANAPHORIC_HAPPENINGS:
        kind, cls = lemma, HAPPENING
    elif lemma in PLURAL_NOUNS and "plur" in (tok.tag or ""):
        kind, cls = PLURAL_NOUNS[lemma]
    elif lemma in QUALIFIED_NOUNS:
        kind, cls, qualifiers = QUALIFIED_NOUNS[lemma]
        before = doc.tokens[i - 1] if i > doc.sentences[s_index].first_token else None
        # "на открытии Игр": the capital inside a sentence says which games
        games = lemma == "игра" and before is not None and tok.norm[:1].isupper() and "plur" in (tok.tag or "")
        if not games and (before is None or _lemma(before, morph) not in qualifiers):
            return None
    elif lemma in FOLLOWED_NOUNS:
        kind, cls, following = FOLLOWED_NOUNS[lemma]
        after = doc.tokens[i + 1] if i + 1 < doc.sentences[s_index].last_token else None
        if after is None or _lemma(after, morph) not in following:
            return None
    else:
        return None
    if _near_lemma(doc, i, s_index, morph, NOT_EVENT_NEAR.get(lemma), 2, 1):
        return None  # "хакерская атака"
    if cls == HAPPENING and _unrealised(doc, i, s_index, morph):
        return None  # "планировали совершить теракт": no attack happened
    m = _phrase(doc, i, kind, cls, s_index, morph)
    m.anaphoric = lemma in ANAPHORIC_NOUNS or lemma in ANAPHORIC_HAPPENINGS
    return m


def _noun_after_all(doc: Document, i: int, morph) -> bool:
    """A word read first as an interjection that is a noun too: "молодежный [марш] прошел";
    not a command ("шагом марш")."""
    tok = doc.tokens[i]
    if tok.pos != "INTJ" or i > 0 and doc.tokens[i - 1].norm.lower() in COMMANDS:
        return False
    return any(p.tag.POS == "NOUN" for p in morph.parse(tok.norm.lower()))


def _named_contest(doc: Document, i: int, s_index: int, morph) -> Mention | None:
    """Contests named without an event word: "US Open", "Australian Open" (the Latin words
    before "Open"), "Сочи-2014", "Олимпиаде-2016" (a host city or a gathering with its year)."""
    tok = doc.tokens[i]
    sent = doc.sentences[s_index]
    if tok.norm == "Open":
        start = i
        while start > sent.first_token and (LATIN.match(doc.tokens[start - 1].norm)
                                            and doc.tokens[start - 1].norm[:1].isupper()
                                            or _initial_stop(doc, start - 1, sent)):
            start -= 1
        if start == i:
            return None
        name = doc.text[doc.tokens[start].start:tok.end]
        return Mention(start, i + 1, i, "турнир", GATHERING, s_index, name=name,
                       name_span=(doc.tokens[start].start, tok.end))
    if tok.norm in BEAUTY_TITLES:
        return _beauty_contest(doc, i, s_index, morph)
    m = NAME_YEAR.match(tok.norm)
    if m is None:
        return None
    stem = morph.lemma(m.group(1).lower())
    if stem in GATHERING_NOUNS:
        kind = GATHERING_NOUNS[stem]
    elif any(e.type == CITY and e.start == tok.start for e in doc.entities):
        kind = "игры"
    else:
        return None
    return Mention(i, i + 1, i, kind, GATHERING, s_index, name=tok.norm,
                   name_span=(tok.start, tok.end))


def _initial_stop(doc: Document, k: int, sent: Sentence) -> bool:
    """Token ``k`` is the full stop of a Latin initial: "U.S. Open" is tokenised "U . S . Open"."""
    toks = doc.tokens
    return toks[k].norm == "." and k > sent.first_token and len(toks[k - 1].norm) == 1 \
        and toks[k - 1].norm.isascii() and toks[k - 1].norm.isupper()


def _beauty_contest(doc: Document, i: int, s_index: int, morph) -> Mention | None:
    """"Мисс Вселенная", "«Мисс мира»" as a contest; not the title a winner holds ("завоевала
    титул «Мисс Россия»", "стала «Мисс Америка»") nor a winner named by it ("«Мисс Калифорния»
    Анна Петрова")."""
    sent = doc.sentences[s_index]
    toks = doc.tokens
    end = i + 1
    while end < sent.last_token and (toks[end].norm[:1].isupper() or toks[end].norm.lower() == "мира"
                                     or toks[end].norm == "-" or toks[end].norm[:1].isdigit()):
        end += 1
    if end == i + 1:
        return None
    k = i - 1
    if k >= sent.first_token and toks[k].norm in QUOTE_OPEN:
        k -= 1
    if k >= sent.first_token and _lemma(toks[k], morph) in TITLE_HOLDING:
        return None
    after = end + 1 if end < sent.last_token and toks[end].norm in QUOTE_CLOSE else end
    if after < sent.last_token and any(e.type == PERSON and e.start == toks[after].start for e in doc.entities):
        return None
    name_span = (toks[i].start, toks[end - 1].end)
    return Mention(i, end, i, "конкурс", GATHERING, s_index, name=doc.text[name_span[0]:name_span[1]],
                   name_span=name_span)


def _verb_mention(doc: Document, i: int, s_index: int, morph) -> Mention | None:
    """"скончался", "назначен", "приобрела"; "принял закон" only with its object."""
    tok = doc.tokens[i]
    sent = doc.sentences[s_index]
    if tok.pos == "INFN":
        lemma = _realised_infinitive(doc, i, sent, morph)
    elif tok.pos in ("PRTF", "ADJF"):
        lemma = _placed_participle(doc, i, sent, morph)
    else:
        lemma = _verb_lemma(tok, morph)
    if lemma is None:
        return None
    if lemma in HAPPENING_VERBS:
        kind = HAPPENING_VERBS[lemma]
    elif lemma in VERBS_WITH_OBJECT:
        kind, objects = VERBS_WITH_OBJECT[lemma]
        near = range(max(sent.first_token, i - OBJECT_REACH_BACK.get(lemma, 3)), min(sent.last_token, i + 5))
        case = OBJECT_CASE.get(lemma)
        found = next((w for k in near if k != i and (w := _lemma(doc.tokens[k], morph)) in objects
                      and (case is None or case in (doc.tokens[k].tag or "")) and _object_fits(doc, k, w, sent)), None)
        if found is not None:
            kind = OBJECT_KINDS.get((lemma, found), kind)
        elif lemma in VERBS_TO_PLACE and _goes_to_place(doc, i, sent):
            kind = VERBS_TO_PLACE[lemma]  # "доставили в Новосибирск"
        else:
            return None
    elif lemma in VERBS_TO_PLACE and _goes_to_place(doc, i, sent):
        kind = VERBS_TO_PLACE[lemma]  # "вернулся в Самару"
    else:
        return None
    if _negated(doc, i, sent) or _near_lemma(doc, i, s_index, morph, NOT_EVENT_NEAR.get(lemma), 3, 4):
        return None  # "не был арестован", "приобрел известность"
    return Mention(i, i + 1, i, kind, HAPPENING, s_index, verbal=True)


def _goes_to_place(doc: Document, i: int, sent: Sentence) -> bool:
    """A place follows the verb after "в" or "на", within a few words: "доставили в Новосибирск",
    "вернулась в 2010 году в Самару", "доставили пострадавшего в Омск", "перебрался в пригород
    Омска"; not after another preposition ("вернулся к работе в Самаре": the place is the work's)."""
    toks = doc.tokens
    if "futr" in (toks[i].tag or "") or i > sent.first_token and toks[i - 1].norm.lower() in ("будет", "будут"):
        return False  # "вернется в Омск", "будет доставлен в Томск": not yet
    if toks[i].pos == "GRND" or any(toks[k].norm.lower() == "когда" for k in range(max(sent.first_token, i - 3), i)):
        # "Вернувшись в Омск, писатель открыл школу", "когда он вернулся в Самару": the background
        return False
    last = min(sent.last_token, i + 7)
    places = {e.start for e in doc.entities if e.type in PLACE_TYPES and toks[i].end <= e.start < toks[last - 1].end}
    dated = [(e.start, e.end) for e in doc.entities if e.type in (DATE, "TIME")
             and toks[i].end <= e.start < toks[last - 1].end]
    after = None  # words since "в"/"на"
    for k in range(i + 1, last):
        tok = toks[k]
        if not tok.norm[:1].isalnum():
            return False
        if any(a <= tok.start < b for a, b in dated):
            continue  # "в 2010 году"
        if tok.norm.lower() in PLACE_PREPOSITIONS:
            after = 0
        elif after is not None:
            if tok.start in places:
                return True
            after += 1
            if after > 2 or tok.pos not in ("ADJF", "NOUN", "PRTF"):
                return False  # "в пригород Омска", not "в ответ на ..."
        elif tok.pos not in ("ADVB", "NPRO", "NOUN", "ADJF", "PRTF"):
            return False  # "вернулся к работе в Самаре"
    return False


def _object_fits(doc: Document, k: int, lemma: str, sent: Sentence) -> bool:
    """Whether the object word at ``k`` makes the verb an event: a feat's object with its
    place named after it ("на вершину Эльбруса"), a state in the instrumental ("нашли
    мертвым"), "перед" with the people spoken to ("перед студентами", not "перед голосованием")."""
    toks = doc.tokens
    tag = toks[k].tag or ""
    if lemma in NAMED_OBJECTS:
        return any(toks[j].norm[:1].isupper() for j in range(k + 1, min(sent.last_token, k + 3)))
    if lemma in STATE_OBJECTS:
        return "ablt" in tag
    if lemma == "перед":
        for j in range(k + 1, min(sent.last_token, k + 4)):
            jtag = toks[j].tag or ""
            if toks[j].pos == "NOUN":
                return "anim" in jtag
            if toks[j].pos in ("ADJF", "PRTF") and "plur" in jtag and "ablt" in jtag and (
                    j + 1 >= sent.last_token or toks[j + 1].pos not in ("NOUN", "ADJF", "PRTF")):
                return True  # "перед собравшимися"
            if toks[j].pos not in ("ADJF", "PRTF", "NUMR"):
                return False
        return False
    return True


def _unrealised(doc: Document, i: int, s_index: int, morph) -> bool:
    """Whether a happening is only planned, threatened or prevented ("планировал нападение",
    "угрожают взрывами", "помогла предотвратить теракт"); not one planned to be held, which
    is announced as releases announce gatherings ("планирует провести проверку")."""
    if i > doc.sentences[s_index].first_token and _lemma(doc.tokens[i - 1], morph) == "провести":
        return False
    return _near_lemma(doc, i, s_index, morph, UNREALISED, 3, 0)


def _realised_infinitive(doc: Document, i: int, sent: Sentence, morph) -> str | None:
    """The event verb of an infinitive that a past verb says happened: "нападавшему удалось
    [убить] одного и [ранить] четверых", "начали [стрелять]", "пришлось [ампутировать]", "смог
    [бежать]"; not one that is only wanted or planned ("решил баллотироваться", "намерен
    уволить"), nor "не смог бежать"."""
    lemma = _lemma(doc.tokens[i], morph)
    if lemma not in HAPPENING_VERBS and lemma not in VERBS_WITH_OBJECT:
        return None
    for k in range(i - 1, max(sent.first_token, i - 5) - 1, -1):
        tok = doc.tokens[k]
        if not tok.norm[:1].isalpha():
            return None
        if _lemma(tok, morph) in REALISING and "past" in (tok.tag or ""):
            return None if _negated(doc, k, sent) else lemma
    return None


def _placed_participle(doc: Document, i: int, sent: Sentence, morph) -> str | None:
    """The event verb of a full participle that its place follows: "журналист, [задержанный] в
    Минске", "[скончавшийся] в Берлине актер"; alone a participle names a person more often
    ("родные погибших"), and births are biographies ("родившийся в Омске")."""
    tok = doc.tokens[i]
    lemma = _lemma(tok, morph)
    if tok.pos == "ADJF":
        # "убитого", "избранный": read as adjectives first, participles by another reading
        lemma = next((p.normal_form.replace("ё", "е") for p in morph.parse(tok.norm.lower())
                      if p.tag.POS == "PRTF"), "")
    if lemma not in HAPPENING_VERBS or lemma in PARTICIPLE_NOT_PLACED:
        return None
    k = i + 1
    if k + 1 >= sent.last_token or doc.tokens[k].norm.lower() not in PLACE_PREPOSITIONS:
        return None
    # "в штате Айдахо", "в центре Праги": the place may follow a word for its kind
    starts = [doc.tokens[k + 1].start]
    if k + 2 < sent.last_token and _lemma(doc.tokens[k + 1], morph) in PLACE_KIND_WORDS:
        starts.append(doc.tokens[k + 2].start)
    return lemma if any(e.start in starts and e.type in PLACE_TYPES for e in doc.entities) else None


def _near_lemma(doc: Document, i: int, s_index: int, morph, lemmas: set[str] | None,
                before: int, after: int) -> bool:
    """Whether one of ``lemmas`` is within ``before`` tokens before or ``after`` after token ``i``."""
    if not lemmas:
        return False
    sent = doc.sentences[s_index]
    near = range(max(sent.first_token, i - before), min(sent.last_token, i + after + 1))
    return any(_lemma(doc.tokens[k], morph) in lemmas for k in near if k != i)


def _verb_lemma(tok: Token, morph) -> str | None:
    """The verb of a verb form: "скончался" -> "скончаться", "нашли" -> "найти"; "убита", "похоронен",
    "экстрадирован", which pymorphy3 reads first as adjectives or nouns, -> "убить",
    "похоронить", "экстрадировать". Full participles are
    left out: they name people more often than events ("число погибших", "задержанных")."""
    if tok.pos in VERB_POS:
        if "Abbr" in (tok.tag or ""):
            return None  # "Гутерреш (род. 30 апреля 1949)": a biography's aside
        lemma = _lemma(tok, morph)
        if lemma in HAPPENING_VERBS or lemma in VERBS_WITH_OBJECT or lemma in VERBS_TO_PLACE:
            return lemma
        # "нашли" is "наслать" to pymorphy3 first; the event verb is another reading
        known = sorted(w for w in morph.lemmas(tok.norm, VERB_POS)
                       if w in HAPPENING_VERBS or w in VERBS_WITH_OBJECT or w in VERBS_TO_PLACE)
        return known[0] if known else lemma
    if tok.pos not in PARTICIPLE_LIKE or not SHORT_PARTICIPLE.search(tok.norm):
        return None
    for p in morph.parse(tok.norm.lower()):
        if p.tag.POS == "PRTS":
            lemma = p.normal_form.replace("ё", "е")
            if lemma in HAPPENING_VERBS or lemma in VERBS_WITH_OBJECT or lemma in VERBS_TO_PLACE:
                return lemma
    return None


def _negated(doc: Document, i: int, sent: Sentence) -> bool:
    """"не был арестован", "не погиб": the event did not happen."""
    for k in range(i - 1, max(sent.first_token, i - 3) - 1, -1):
        w = doc.tokens[k].norm.lower()
        if w in NEGATION:
            return True
        if w not in ("был", "была", "было", "были", "будет", "будут"):
            return False
    return False


def _name_tokens(doc: Document) -> set[int]:
    """Tokens inside names of people, organisations and regions."""
    out: set[int] = set()
    # "очередного конгресса ФИФА" read as one organisation: a name starts with a capital
    spans = sorted((e.start, e.end) for e in doc.entities if e.type in NAME_TYPES
                   and not (e.type == ORGANIZATION and doc.text[e.start:e.start + 1].islower()))
    if not spans:
        return out
    k = 0
    for i, tok in enumerate(doc.tokens):
        while k < len(spans) and spans[k][1] <= tok.start:
            k += 1
        if k < len(spans) and spans[k][0] <= tok.start and tok.end <= spans[k][1]:
            out.add(i)
    return out


def _event_words_taken_for_names(doc: Document, morph) -> set[int]:
    """Event words the NER took for a one-word person: "[Панихиду] отслужат в соборе",
    "[Демонстрация] прошла мирно"; not a word that is a name too. (A one-word organisation
    stays one: "в Конгрессе" is the legislature.)"""
    starts = {t.start: k for k, t in enumerate(doc.tokens)}
    out: set[int] = set()
    for e in doc.entities:
        k = starts.get(e.start)
        if k is None or e.type != PERSON or doc.tokens[k].end != e.end:
            continue
        lemma = _lemma(doc.tokens[k], morph)
        if (lemma in GATHERING_NOUNS or lemma in HAPPENING_NOUNS) and not any(
                g in p.tag for p in morph.parse(doc.tokens[k].norm.lower()) for g in NAME_GRAMMEMES):
            out.add(k)
    return out


def _quoted_tokens(doc: Document, sent: Sentence) -> set[int]:
    """Token indices inside quotes in a sentence.

    A straight quote after a word closes a quote opened in an earlier sentence ("... это вы
    увидите сами", — заявил Смирнов журналистам): it opens none. The author's words
    in direct speech, from ", —" to the next dash ("По сути, команда стала сборной, -
    сказал на пресс-конференции Белоусов. - Она ..."), are no quote.
    """
    inside, depth, aside = set(), 0, False
    toks = doc.tokens
    for i in range(sent.first_token, sent.last_token):
        w = toks[i].norm
        if w in DASHES and (aside or depth and i > sent.first_token and toks[i - 1].norm == ","):
            aside = not aside
        elif w == "«":
            depth += 1
        elif w == "»":
            depth = max(0, depth - 1)
        elif w == '"':
            depth = 0 if depth or _closing_quote(doc.text, toks[i].start) else 1
        elif depth and not aside:
            inside.add(i)
    # "«тихо скончался»", "«дезертировали»": a verb without a noun in a quote of a few words
    # is a word set off, not speech ("Выборы прошли честно") or a name
    for run in _runs(sorted(inside)):
        if len(run) <= 3 and any(toks[k].pos in ("VERB", "PRTS") for k in run) \
                and not any(toks[k].pos == "NOUN" for k in run):
            inside -= set(run)
    return inside


def _runs(indices: list[int]) -> list[list[int]]:
    """Runs of consecutive indices."""
    out: list[list[int]] = []
    for k in indices:
        if out and out[-1][-1] == k - 1:
            out[-1].append(k)
        else:
            out.append([k])
    return out


def _closing_quote(text: str, at: int) -> bool:
    """A straight quote right after a word or a full stop, before a space or a stop:
    "вы узнаете", — сказал."""
    before = text[at - 1] if at > 0 else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return not before.isspace() and before not in "(«[-—" and (after.isspace() or after in ",.;:!?)—")


def _lemma(token: Token, morph) -> str:
    if token.lemma is not None:
        return token.lemma
    return morph.lemma(token.norm) if any(c.isalpha() for c in token.norm) else token.norm


def _phrase(doc: Document, head: int, kind: str, cls: str, s_index: int, morph) -> Mention:
    """Extend an event noun to its phrase: ordinal and adjectives before, complements
    and a name after ("X Международный форум технологического предпринимательства
    «ТехноВектор»", "официальный визит делегации Новосибирской области в Республику Беларусь")."""
    sent = doc.sentences[s_index]
    toks = doc.tokens
    head_word = toks[head].norm
    start = head
    edition = None
    edition_span = None
    k = head - 1
    while k >= sent.first_token:
        w = toks[k].norm
        value = ordinal_value(w, morph) if w[:1].isalnum() and cls == GATHERING else None
        if value is not None and edition is None and _ordinal_form(w, morph):
            edition, edition_span = value, (toks[k].start, toks[k].end)
            start = k
            k -= 1
            continue
        p = morph.best(w)
        if w[:1].isalpha() and _can_agree(w, head_word, morph) and edition is None:
            start = k
            k -= 1
            continue
        if p.tag.POS == "NOUN" and k == head - 1 and _is_guessed(p) and w.islower():
            start = k  # "нетворкинг встреча": a borrowed noun used as a modifier
            k -= 1
            continue
        break
    end, name_start = _extend_right(doc, head, sent, kind, cls, morph)
    name = name_span = None
    if name_start is not None:
        name_span = (toks[name_start].start, toks[end - 1].end)
        if toks[end - 1].norm in QUOTE_CLOSE:
            name_span = (toks[name_start + 1].start, toks[end - 2].end)
        name = doc.text[name_span[0]:name_span[1]]
    return Mention(start, end, head, kind, cls, s_index, name=name, edition=edition,
                   edition_span=edition_span, name_span=name_span)


def _ordinal_form(word: str, morph) -> bool:
    """"5-я", "XV", "пятый" are ordinals; "пять" or a year is not."""
    if word[:1].isdigit():
        return "-" in word
    if word.isupper():
        return True
    return any("Anum" in p.tag for p in morph.parse(word.lower()))


def _can_agree(word: str, head: str, morph) -> bool:
    """An adjective that can agree with the head noun in case, number and gender."""
    adj = [p for p in morph.parse(word.lower()) if p.tag.POS in ("ADJF", "PRTF") and "Anum" not in p.tag
           and "Apro" not in p.tag]
    if not adj:
        return False
    nouns = [p for p in morph.parse(head.lower()) if p.tag.POS == "NOUN"]
    for a in adj:
        for n in nouns:
            if a.tag.case == n.tag.case and a.tag.number == n.tag.number and \
                    (a.tag.number == "plur" or a.tag.gender == n.tag.gender):
                return True
    return False


def _extend_right(doc: Document, head: int, sent: Sentence, kind: str, cls: str,
                  morph) -> tuple[int, int | None]:
    """The end of the phrase after its head, and the first token of its name if it has one.

    A happening stops before a name of a person, place or date: "смерти" in
    "смерти Михаила Горбачева" is the event, the person is its participant.
    """
    toks = doc.tokens
    end = head + 1
    j = head + 1
    limit = min(sent.last_token, head + 10)
    starts = _argument_starts(doc) if cls == HAPPENING else set()
    while j < limit:
        w = toks[j].norm
        if toks[j].start in starts:
            break
        if w in QUOTE_OPEN:
            close = next((x for x in range(j + 1, min(sent.last_token, j + 14)) if toks[x].norm in QUOTE_CLOSE), None)
            if close is not None and close > j + 1:
                return close + 1, j
            break
        if LATIN.match(w) and w[:1].isupper() and cls == GATHERING:
            x = j
            while x < sent.last_token and (LATIN.match(toks[x].norm) or toks[x].norm == "&"):
                x += 1
            return x, j
        p = morph.best(w)
        if len(w) > 1 and w[:1].isalpha() and p.tag.POS in ("NOUN", "ADJF", "PRTF") and \
                any(x.tag.case == "gent" for x in morph.parse(w.lower()) if x.tag.POS == p.tag.POS):
            j += 1
            end = j  # "форум технологического предпринимательства", "визит делегации"
            continue
        if p.tag.POS == "PREP" and w.lower() in ("по", "среди", "для") and j + 1 < limit:
            j += 1  # "турнир по дзюдо среди юниоров" only counts if a name follows
            continue
        if p.tag.POS in ("NOUN", "ADJF") and w.islower() and toks[j - 1].norm.lower() in ("по", "среди", "для"):
            j += 1
            continue
        if kind == "визит" and w.lower() in ("в", "во") and j + 1 < sent.last_token:
            place_end = _place_after(doc, j + 1)
            if place_end is not None:
                return place_end, None
        break
    # "первенство Европы по легкой [атлетике]": the genitive reading of "легкой" ended the
    # phrase on an adjective; the noun it agrees with belongs to it
    while end < limit and toks[end - 1].norm.islower() and toks[end].norm.islower() \
            and morph.best(toks[end - 1].norm).tag.POS == "ADJF" \
            and morph.best(toks[end].norm).tag.POS == "NOUN" and _can_agree(toks[end - 1].norm, toks[end].norm, morph):
        end += 1
    return end, None


def _argument_starts(doc: Document) -> set[int]:
    return {e.start for e in doc.entities if e.type in ARGUMENT_TYPES}


def _place_after(doc: Document, i: int) -> int | None:
    """Token index after a CITY/COUNTRY entity that starts at token ``i``."""
    tok = doc.tokens[i]
    for e in doc.entities:
        if e.type in (CITY, COUNTRY) and e.start == tok.start:
            k = i
            while k < len(doc.tokens) and doc.tokens[k].end <= e.end:
                k += 1
            return k
    return None


def _is_guessed(p) -> bool:
    return any(type(m[0]).__name__ != "DictionaryAnalyzer" for m in p.methods_stack)


__all__ = ["Mention", "find_mentions", "GATHERING", "HAPPENING"]
