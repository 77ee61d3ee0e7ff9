"""The NER's spans brought to the conventions of careful annotation (NEREL's).

``refine_ner_spans`` runs the fixes in ``SPAN_FIXES``, in that order, over the spans of
one sentence; each fix takes and returns the spans, so a fix can be read, dropped or
tested on its own. People lose titles, organisations gain the heads and complements
they are named with, and lose quotes and descriptors; what the NER takes for an
organisation but is a platform, a work or a cinema is dropped.
"""

from __future__ import annotations

import re
from typing import Sequence

from ..doc import Document, Sentence, Token
from .names import ORG_DESCRIPTORS, not_organisation
from .ner import TokenSpan

# Titles natasha sometimes keeps in a person's span: "господин Петров" -> "Петров",
# "Генерал Орлов" -> "Орлов", "Принцу Уильяму" -> "Уильяму" (matched by lemma).
PERSON_TITLES = set("""
господин госпожа г-н г-жа мистер миссис мисс сэр леди месье мадам фрау герр сеньор сеньора
синьор синьора пан пани император императрица король королева принц принцесса кронпринц
папа патриарх митрополит архиепископ епископ святой шейх султан эмир шах царь царица князь
княгиня граф графиня барон баронесса герцог герцогиня лорд
генерал полковник подполковник майор капитан лейтенант адмирал маршал сержант
президент премьер премьер-министр министр канцлер губернатор мэр сенатор депутат посол
доктор профессор академик судья прокурор генсек
вдова вдовец сын дочь внук внучка жена муж брат сестра мать отец
""".split())


# Words before a name that a person's span never starts with: "45-летний Смирнов".
LEADING_NOT_NAME = re.compile(r"^(?:\d.*|[а-яё].*)$")


# Words between an organisation and the place it belongs to: "Федерация дзюдо города Алматы".
ORG_PLACE_LINKS = {"города", "г.", "области", "края", "республики", "района", "округа", "штата",
                   "провинции"}


def refine_ner_spans(doc: Document, sent, spans: Sequence[TokenSpan], morph) -> list[TokenSpan]:
    """Fix the NER's spans where its conventions differ from careful annotation.

    Each fix in ``SPAN_FIXES`` takes and returns the sentence's spans, in this order: a
    span never crosses a line break (a headline glued to the next line) and a name in
    brackets is a name of its own ("Джон Смит (John Smith)", "... (ООН)"); an
    organisation takes the place it belongs to ("Ассоциация молодежных советов"
    + "Татарстана"); quotes and descriptors stay outside an organisation's name; a
    person's span drops titles ("господин"); what is no organisation ("СМИ", "в
    Twitter", the cinema «Рассвет») is dropped.
    """
    out = list(spans)
    for fix in SPAN_FIXES:
        out = fix(doc, sent, out, morph)
    return out


def _split_spans(doc: Document, sent: Sentence, spans: list[TokenSpan], morph) -> list[TokenSpan]:
    """At line breaks and brackets: "Иван Сидоров\nОткрытие", "Х (Latin X)"."""
    base = sent.first_token
    out: list[TokenSpan] = []
    for span in spans:
        out.extend(_split_span(doc, base, span))
    return out


def _attach_places(doc: Document, sent: Sentence, spans: list[TokenSpan], morph) -> list[TokenSpan]:
    """"Ассоциация молодежных советов" + "Татарстана": one organisation (the place stays too)."""
    return _attach_places_to_orgs(doc, sent.first_token, spans)


def _unquote_orgs(doc: Document, sent: Sentence, spans: list[TokenSpan], morph) -> list[TokenSpan]:
    """"компании «Интелком»" -> "Интелком"."""
    base = sent.first_token
    return [_unquote_org(doc.tokens, base, s) if s.type == "ORG" else s for s in spans]


def _strip_person_titles(doc: Document, sent: Sentence, spans: list[TokenSpan], morph) -> list[TokenSpan]:
    """"господин Петров" -> "Петров"."""
    base = sent.first_token
    toks = doc.tokens
    out = []
    for span in spans:
        if span.type == "PER":
            start = span.start
            while start < span.end - 1 and _title_word(toks[base + start], morph):
                start += 1
            span = TokenSpan(start, span.end, span.type)
        out.append(span)
    return out


def _title_word(token: Token, morph) -> bool:
    """"Кронпринц", "Полковник", "34-летний": not a part of a name."""
    w = token.norm
    if LEADING_NOT_NAME.match(w):
        return True
    lemma = token.lemma or w.lower()
    if lemma in PERSON_TITLES or w.lower() in PERSON_TITLES or "-" in w and w.split("-")[-1] in PERSON_TITLES:
        return True
    # "Восьмидесятилетний Орлов", "Молодой Смирнов": an adjective the dictionary knows
    parses = morph.parse(w.lower())
    return (parses[0].tag.POS in ("ADJF", "PRTF") and parses[0].is_known
            and not any({"Name", "Surn", "Patr", "Geox"} & p.tag.grammemes for p in parses))


def _drop_non_organisations(doc: Document, sent: Sentence, spans: list[TokenSpan], morph) -> list[TokenSpan]:
    """"СМИ", "Интернет", "написал в Twitter", "в кинотеатрах «Рассвет», «Октябрь»": the
    NER's organisations that are media at large, platforms, places or works."""
    base = sent.first_token
    return [s for s in spans
            if s.type != "ORG" or not not_organisation(doc.tokens, base + s.start, base + s.end, base)]


def _unquote_org(toks: Sequence[Token], base: int, span: TokenSpan) -> TokenSpan:
    """"компании «Интелком»" -> "Интелком", 'Банк "Северный путь"' -> "Северный путь": the descriptor
    and the quotes stay outside the name (a legal form stays in: 'ООО "Вектор"')."""
    words = [toks[base + i].norm for i in range(span.start, span.end)]
    q = next((k for k, w in enumerate(words) if w in ("«", '"', "„", "“")), None)
    if not q or not all(_descriptor_word(toks[base + span.start + k]) for k in range(q)):
        return span
    close = next((k for k in range(q + 1, len(words)) if words[k] in ("»", '"', "“", "”")), len(words))
    if close == len(words) - 1 or close == len(words):
        if close > q + 1:
            return TokenSpan(span.start + q + 1, span.start + close, span.type)
    return span


def _descriptor_word(token: Token) -> bool:
    """"компания", "Банк": a word that says what kind of organisation follows."""
    w = token.norm
    return w.islower() or (not w.isupper() and (token.lemma or w.lower()) in ORG_DESCRIPTORS)


def _split_span(doc: Document, base: int, span: TokenSpan) -> list[TokenSpan]:
    """One span in pieces at line breaks, and a name apart from the name in brackets."""
    toks = doc.tokens
    pieces: list[TokenSpan] = []
    start = span.start
    k = span.start + 1
    while k < span.end:
        gap = doc.text[toks[base + k - 1].end:toks[base + k].start]
        if "\n" in gap:
            pieces.append(TokenSpan(start, k, span.type))
            start = k
        k += 1
    pieces.append(TokenSpan(start, span.end, span.type))
    out = []
    for p in pieces:
        words = [toks[base + i].norm for i in range(p.start, p.end)]
        if "(" in words[1:] and p.type in ("PER", "ORG", "LOC"):
            i = words.index("(", 1)
            out.append(TokenSpan(p.start, p.start + i, p.type))
            close = words.index(")", i) if ")" in words[i:] else len(words)
            if close > i + 1:
                out.append(TokenSpan(p.start + i + 1, p.start + close, p.type))
        else:
            out.append(p)
    return [p for p in out if p.end > p.start]


def _merge_org_chains(doc: Document, sent: Sentence, spans: list[TokenSpan], morph) -> list[TokenSpan]:
    """An organisation and the one it belongs to are one name: "Главное управление" +
    "МВД России", "Научному совету" при "Президиуме РАН", "Института физики" + "СО РАН".
    The second must stand in the genitive (or not inflect: "МВД")."""
    base = sent.first_token
    toks = doc.tokens
    spans = sorted(spans, key=lambda s: s.start)
    out: list[TokenSpan] = []
    for s in spans:
        prev = out[-1] if out else None
        if prev is not None and prev.type == s.type == "ORG" and s.start >= prev.end:
            gap = [toks[base + k].norm.lower() for k in range(prev.end, s.start)]
            if gap in ([], ["при"]) and _genitive_or_fixed(toks[base + s.start].norm, morph):
                out[-1] = TokenSpan(prev.start, s.end, "ORG")
                continue
        out.append(s)
    return out


def _genitive_or_fixed(word: str, morph) -> bool:
    """"МВД", "Следственного", "РАН": a word that can stand as a genitive owner."""
    if word.isupper() or not re.search("[а-яё]", word, re.I):
        return True
    return any(p.tag.case == "gent" or "Fixd" in p.tag for p in morph.parse(word.lower()))


# Heads of organisations named by what they do: "комитет по обороне", "Европейский суд по
# правам человека", "агентство по делам беженцев".
COMPLEMENT_HEADS = set("""
комитет комиссия управление главк служба агентство бюро департамент центр суд совет сборная
отдел отделение министерство федерация ассоциация союз фонд администрация институт трибунал
организация инспекция палата штаб команда группа представительство уполномоченный
""".split())


# First nouns of a "по" phrase that say why or how, not what for: "по делу", "по данным".
NOT_COMPLEMENTS = set("""
дело повод результат итог случай причина данные слово мнение сообщение информация оценка
подозрение обвинение просьба запрос приглашение инициатива требование решение приказ указ
время телефон телевидение радио сравнение отношение ошибка вопрос линия словам факт статья
закон итогам поручение счет этот тот
""".split())


def _extend_org_complements(doc: Document, sent: Sentence, spans: list[TokenSpan], morph) -> list[TokenSpan]:
    """"Европейский суд" + "по правам человека", "ГУ МВД" + "по Москве": the "по" phrase
    that says what an organisation is for, or where an agency works, is in its name."""
    base = sent.first_token
    toks = doc.tokens
    n = sent.last_token - base
    people = {k for s in spans if s.type == "PER" for k in range(s.start, s.end)}
    out = []
    for s in spans:
        if s.type == "ORG" and s.end + 1 < n and toks[base + s.end].norm.lower() == "по":
            words = [toks[base + k] for k in range(s.start, s.end)]
            acronym = any(t.norm.isupper() and len(t.norm) > 1 for t in words)
            head = next((t.lemma for t in words if t.pos == "NOUN"), None)
            headed = head in COMPLEMENT_HEADS
            if headed or acronym:
                end = _complement_end(toks, base, s.end + 1, n, morph, people, places_only=not headed)
                if end > s.end + 1:
                    s = TokenSpan(s.start, end, s.type)
        out.append(s)
    return out


def _complement_end(toks: Sequence[Token], base: int, k: int, n: int, morph, people: set[int],
                    places_only: bool) -> int:
    """End of the noun phrase after "по": a dative first, then oblique nouns and adjectives
    joined by "и", "за" or commas ("по культуре, спорту и туризму"); only a place after an acronym ("МВД по Татарстану")."""
    start, end = k, k
    after_comma = False
    while k < n and k < start + 12:
        w = toks[base + k].norm
        if w.lower() in ("и", "за", ",") and end > start:
            after_comma = w == ","
            k += 1
            continue
        if not w[:1].isalpha() or k in people or k > end + 1:
            break
        parses = morph.parse(w.lower())
        if parses[0].tag.POS not in ("NOUN", "ADJF", "PRTF"):
            break
        cases = {p.tag.case for p in parses if p.tag.POS in ("NOUN", "ADJF", "PRTF")}
        if end == start or after_comma:
            # "по правам человека", but not "по делу", "по данным"; after a comma only
            # another dative of the list ("по ресурсам, собственности")
            best = parses[0]
            if not cases & {"datv", "loct"}:
                break
            if best.tag.number == "sing" and best.normal_form.replace("ё", "е") in NOT_COMPLEMENTS:
                break
            if places_only and not w[:1].isupper():
                break
        after_comma = False
        k += 1
        end = k
    return end


# Common nouns that name one organisation in context: "правительство Новосибирской
# области", "полиция", "мэрия Казани". Alone they are organisations too (as news
# annotate them), except those in GENERIC_NEEDS_OWNER: "министерство" alone names none.
GENERIC_ORG_HEADS = set("""
правительство администрация мэрия полиция парламент сенат кабмин госдума прокуратура
министерство минобороны минздрав минфин минюст минэкономразвития мид мвд фсб следком
генпрокуратура госдеп пентагон конгресс бундестаг кнессет рада меджлис сейм дума
посольство консульство генконсульство власть
""".split())


# "власти" alone are mostly nobody in particular; "власти Омска", "Британские власти" are.
GENERIC_NEEDS_OWNER = {"министерство", "посольство", "консульство", "генконсульство", "администрация",
                       "дума", "рада", "конгресс", "сенат", "парламент", "власть"}


# Heads named by what they are for: "министерство обороны", "министерство здравоохранения".
OF_WHAT_HEADS = {"министерство", "департамент", "комитет", "комиссия"}


OWNER_LINKS = {"области", "края", "района", "округа", "республики", "города", "федерации", "штата"}


def _owner_word(token: Token, morph, first: bool) -> bool:
    w = token.norm
    if w.lower() in OWNER_LINKS and not first:
        return True
    if not (w[:1].isupper() and w[:1].isalpha()):
        return False
    return any(p.tag.case == "gent" for p in morph.parse(w.lower()))


def _add_generic_heads(doc: Document, sent: Sentence, spans: list[TokenSpan], morph) -> list[TokenSpan]:
    """"правительство Новосибирской области", "полиция", "министерство обороны Мали": a
    common noun that names one organisation, with what it is of and whom it belongs to."""
    base, n = sent.first_token, sent.last_token - sent.first_token
    toks = doc.tokens
    inside = {k for s in spans for k in range(s.start, s.end)}
    starts = {s.start: s.type for s in spans}
    out = list(spans)
    i = 0
    while i < n:
        lemma = toks[base + i].lemma or toks[base + i].norm.lower()
        if i in inside or lemma not in GENERIC_ORG_HEADS:
            i += 1
            continue
        j = i + 1
        if lemma in OF_WHAT_HEADS:
            # "министерство обороны", "министерства культуры и спорта"
            while j < n and j not in inside and j < i + 5 and _of_what_word(toks[base + j], morph):
                j += 1
        while j < n and j not in inside and _owner_word(toks[base + j], morph, j == i + 1):
            j += 1
        first = _adjectives_before(toks, base, i, inside)
        owned = j > i + 1 or starts.get(j) in ("LOC", "ORG") or (first < i and lemma in OWNED_BY_ADJECTIVE)
        if lemma in GENERIC_NEEDS_OWNER and not owned:
            i += 1
            continue
        out.append(TokenSpan(first, j, "ORG"))
        i = j
    return sorted(out, key=lambda s: s.start)


# Heads whose owner may be an adjective: "Британские власти", "японский парламент".
OWNED_BY_ADJECTIVE = {"власть", "парламент", "администрация", "министерство"}


def _adjectives_before(toks: Sequence[Token], base: int, i: int, inside: set[int]) -> int:
    """Start of the adjectives before a head: "столичной мэрии", "Итальянская прокуратура"."""
    while i > 0 and i - 1 not in inside:
        t = toks[base + i - 1]
        if t.pos != "ADJF" or t.lemma in NOT_NAME_ADJECTIVES:
            break
        i -= 1
    return i


def _of_what_word(token: Token, morph) -> bool:
    """A lowercase noun (or its adjective) in the genitive: "обороны", "иностранных дел"."""
    w = token.norm
    if not w[:1].islower() or not w[:1].isalpha():
        return False
    return any(p.tag.case == "gent" and p.tag.POS in ("NOUN", "ADJF") for p in morph.parse(w))


# Nouns for a part of an organisation, which the part's name begins with: "пресс-служба
# МВД", "комитета Совета Федерации", "совет директоров банка «Восток»", "исторический
# факультет СПбГУ", "Верхняя палата парламента Чехии".
ORG_PART_HEADS = set("""
пресс-служба пресс-центр пресс-бюро комитет комиссия секретариат совет департамент управление
главк отдел отделение филиал факультет кафедра штаб аппарат президиум правление фракция
представительство канцелярия дирекция лаборатория служба подразделение бюро коллегия палата
сборная команда институт центр академия администрация посольство консульство
""".split())


# Adjectives that do not start a name: "нынешнее правительство", "этот комитет".
NOT_NAME_ADJECTIVES = set("""
этот тот весь свой наш ваш его ее их который такой данный один каждый другой сам многий
бывший нынешний новый прежний будущий последний очередной целый некоторый любой какой
""".split())


def _extend_org_heads(doc: Document, sent: Sentence, spans: list[TokenSpan], morph) -> list[TokenSpan]:
    """An organisation takes in the part it is named with: "пресс-служба" + "МВД России"."""
    base = sent.first_token
    toks = doc.tokens
    inside = {k for s in spans for k in range(s.start, s.end)}
    out = []
    for s in spans:
        if s.type == "ORG":
            s = TokenSpan(_head_start(toks, base, s.start, inside, morph), s.end, s.type)
        out.append(s)
    return out


def _head_start(toks: Sequence[Token], base: int, start: int, inside: set[int], morph) -> int:
    """Where a name begins once its part-of head is in: the farthest head noun among
    the nouns and adjectives right before it, with the adjectives before that head."""
    k, best = start - 1, start
    while k >= 0 and start - k <= 5 and k not in inside:
        t = toks[base + k]
        if t.pos not in ("NOUN", "ADJF", "PRTF") or not t.norm[:1].isalpha():
            break
        if t.pos == "NOUN" and t.lemma in ORG_PART_HEADS:
            best = k
        k -= 1
    if best == start:
        return start
    return _adjectives_before(toks, base, best, inside)


# Buildings that stand for the institution in them: "Кремль объявил", "советник Белого
# дома". As news annotate them they are organisations more often than places.
SEATS_OF_POWER = {("кремль",), ("белый", "дом")}
_SEATS_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}  # each token is compared with its word's seats only
for _seat in SEATS_OF_POWER:
    _SEATS_BY_FIRST.setdefault(_seat[0], []).append(_seat)


def _retype_seats_of_power(doc: Document, sent: Sentence, spans: list[TokenSpan], morph) -> list[TokenSpan]:
    """"Кремль", "Белый дом": an organisation, whether the NER said place or nothing."""
    base, n = sent.first_token, sent.last_token - sent.first_token
    toks = doc.tokens
    lemmas = [toks[base + k].lemma or toks[base + k].norm.lower() for k in range(n)]
    found = []
    for k in range(n):
        for seat in _SEATS_BY_FIRST.get(lemmas[k], ()):
            if tuple(lemmas[k:k + len(seat)]) == seat and toks[base + k].norm[:1].isupper():
                found.append(TokenSpan(k, k + len(seat), "ORG"))
    if not found:
        return spans
    hit = {(f.start, f.end) for f in found}
    covered = {k for s in spans if (s.start, s.end) not in hit for k in range(s.start, s.end)}
    kept = [s for s in spans if (s.start, s.end) not in hit]
    return sorted(kept + [f for f in found if not covered.intersection(range(f.start, f.end))],
                  key=lambda s: s.start)


INITIAL = re.compile(r"^(?:[А-ЯЁA-Z]|Дж|Ал|Вл|Вс|Св|Ст|Мих|Ник)$")


NAME_WORD = re.compile(r"^[А-ЯЁA-Z][а-яёa-z]+(?:-[А-ЯЁA-Zа-яёa-z][а-яёa-z]+)*$")


NAME_PARTICLES = {"ван", "фон", "де", "ди", "да", "дель", "ле", "ля", "бин", "ибн", "аль"}


def _add_named_after(doc: Document, sent: Sentence, spans: list[TokenSpan], morph) -> list[TokenSpan]:
    """"библиотека имени И. С. Тургенева", "им. М. В. Ломоносова": the name after "имени" is a
    person's, inside whatever the whole is called."""
    base, n = sent.first_token, sent.last_token - sent.first_token
    toks = doc.tokens
    people = {k for s in spans if s.type == "PER" for k in range(s.start, s.end)}
    out = list(spans)
    for i in range(n - 1):
        w = toks[base + i].norm.lower()
        j = i + 1
        if w == "им" and toks[base + j].norm == ".":
            j += 1
        elif w != "имени":
            continue
        k = j
        while k < n and k - j < 8:
            t = toks[base + k].norm
            if INITIAL.match(t) and k + 1 < n and toks[base + k + 1].norm == ".":
                k += 2
            elif NAME_WORD.match(t) or (t in NAME_PARTICLES and k > j):
                k += 1
            else:
                break
        while k > j and toks[base + k - 1].norm in NAME_PARTICLES | {"."}:
            k -= 1
        if k > j and not people.intersection(range(j, k)) and NAME_WORD.match(toks[base + k - 1].norm):
            out.append(TokenSpan(j, k, "PER"))
    return out


def _attach_places_to_orgs(doc: Document, base: int, spans: list[TokenSpan]) -> list[TokenSpan]:
    """ORG directly followed by a LOC (or "города"/"области" + LOC): the ORG takes it in;
    the LOC stays too, as the place nested in the name."""
    toks = doc.tokens
    spans = sorted(spans, key=lambda s: s.start)
    out = []
    for i, s in enumerate(spans):
        if s.type == "ORG" and i + 1 < len(spans):
            nxt = spans[i + 1]
            gap = range(s.end, nxt.start)
            words = [toks[base + k].norm.lower() for k in gap]
            if nxt.type == "LOC" and (not words or (len(words) == 1 and words[0] in ORG_PLACE_LINKS)):
                out.append(TokenSpan(s.start, nxt.end, "ORG"))
                out.append(nxt)
                spans[i + 1] = TokenSpan(nxt.start, nxt.start, "SKIP")
                continue
        if s.type != "SKIP":
            out.append(s)
    return out


SPAN_FIXES = (_split_spans, _retype_seats_of_power, _add_generic_heads, _extend_org_heads,
              _attach_places, _merge_org_chains, _extend_org_complements, _unquote_orgs,
              _strip_person_titles, _drop_non_organisations, _add_named_after)
