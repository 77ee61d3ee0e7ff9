"""Events, round 7: who takes part. Texts written for the tests."""

import pytest


def events(nlp, text):
    return [e.to_dict() for e in nlp(text).events]


def participants(nlp, text):
    return {ev["trigger"]["text"]: [p["text"] for p in ev["participants"]] for ev in events(nlp, text)}


@pytest.mark.parametrize("text, expected", [
    # the speaker takes part in the event the verb of saying governs
    ("Премьер-министр Иван Петров заявил о своей отставке.", {"отставке": ["Иван Петров"]}),
    ("Вчера Иван Петров сообщил на пресс-конференции, что покидает пост.",
     {"пресс-конференции": ["Иван Петров"], "покидает пост": ["Иван Петров"]}),  # round 9: he leaves
    # not in what is said
    ("Иван Петров заявил, что форум пройдет в Казани.", {"форум": []}),
])
def test_the_speaker_of_an_event_the_saying_governs(nlp, text, expected):
    assert participants(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # verbs joined by "и" share the subject of the first
    ("Иван Петров признан виновным и приговорен к пяти годам.",
     {"признан": ["Иван Петров"], "приговорен": ["Иван Петров"]}),
    ("Иван Петров был задержан в октябре и позднее экстрадирован в Италию.",
     {"задержан в октябре": ["Иван Петров"], "экстрадирован в Италию": ["Иван Петров"]}),
    # and so does the event noun of the second verb
    ("Иван Петров прибыл в Москву и провел переговоры.",
     {"прибыл в Москву": ["Иван Петров"], "переговоры": ["Иван Петров"]}),
    # a second verb with its own subject keeps it
    ("Иван Петров скончался, и Олег Сидоров назначен министром.",
     {"скончался": ["Иван Петров"], "назначен министром": ["Олег Сидоров"]}),
])
def test_joined_verbs_share_their_subject(nlp, text, expected):
    assert participants(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # whose decree or order an event is takes part in it
    ("Указом президента Олега Сидорова министр Иван Петров отправлен в отставку.",
     {"отправлен в отставку": ["Олега Сидорова", "Иван Петров"]}),
    # a name that only says whose adviser someone is does not
    ("Иван Петров, советник мэра Олега Сидорова, скончался.", {"скончался": ["Иван Петров"]}),
])
def test_whose_act_it_is(nlp, text, expected):
    assert participants(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # an organisation that wins, loses or runs in an event takes part in it
    ("В субботу «Спартак» выиграл чемпионат России.", {"чемпионат России": ["Спартак"]}),
    ("Партия «Рассвет» победила на выборах в сенат.", {"выборах в сенат": ["Рассвет"]}),
    # not in one it only follows
    ("Компания «Вектор» потеряла миллиард после ареста Ивана Петрова.",
     {"ареста Ивана Петрова": ["Ивана Петрова"]}),
])
def test_an_organisation_subject_of_the_verb_of_an_event(nlp, text, expected):
    assert participants(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # the one a funeral buries is no one taking part in it; the mourners are
    ("Иван Петров похоронен на Троекуровском кладбище.", {"похоронен на Троекуровском кладбище": []}),
    ("Похороны Ивана Петрова прошли в Москве, на них присутствовал Олег Сидоров.",
     {"Похороны Ивана Петрова": ["Олег Сидоров"]}),
])
def test_the_dead_is_no_mourner(nlp, text, expected):
    assert participants(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a person no event word governs goes to the nearest event and to the one its verb governs
    ("После операции Иван Петров снова сыграл на чемпионате мира.",
     {"чемпионате мира": ["Иван Петров"], "операции Иван Петров": ["Иван Петров"]}),
])
def test_a_person_and_the_event_its_verb_governs(nlp, text, expected):
    assert participants(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # in news a counted role takes part as a role does
    ("Вчера в Москве погибли двое полицейских.", {"погибли двое полицейских": ["полицейских"]}),
    ("Полиция задержала 11 военнослужащих.", {"задержала 11 военнослужащих": ["Полиция", "военнослужащих"]}),
    # the organisation a counted group comes from still does not
    ("Вчера в Москве погибли трое сотрудников «Вектора».", {"погибли трое сотрудников": ["сотрудников"]}),
])
def test_a_counted_role_takes_part(nlp, text, expected):
    assert participants(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # more people by their role: the news' crimes and trades
    ("В Москве задержан шпион.", {"задержан шпион": ["шпион"]}),
    ("Вчера в центре Казани снайпер застрелил прохожего.", {"застрелил": ["снайпер"]}),
    ("Папа Римский назначил нового кардинала.", {"назначил нового кардинала": ["кардинала"]}),
    # and by their nationality
    ("В Сирии похищены двое россиян.", {"похищены двое россиян": ["россиян"]}),
    ("Вчера в Иерусалиме задержан палестинец.", {"задержан палестинец": ["палестинец"]}),
    # or their party
    ("Вчера в Вашингтоне задержаны двое республиканцев.",
     {"задержаны двое республиканцев": ["республиканцев"]}),
])
def test_more_role_nouns(nlp, text, expected):
    assert participants(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a person no event word governs goes to the nearest event of another clause only nearby
    ("Иван Петров давно живет в Казани, где в прошлом году произошел пожар.", {"пожар": ["Иван Петров"]}),
    ("Иван Петров, известный врач и автор нескольких книг о здоровом питании и спорте, "
     "давно живет в Казани, где в прошлом году произошел пожар.", {"пожар": []}),
])
def test_the_nearest_event_of_another_clause_only_nearby(nlp, text, expected):
    assert participants(nlp, text) == expected


# Round 9

@pytest.mark.parametrize("text, expected", [
    # a role followed by more titles stands for the name they all describe
    ("Вчера в Самаре скончался известный художник, скульптор, педагог и автор учебников Олег Сидоров.",
     {"скончался известный художник": ["Олег Сидоров"]}),
    ("Вчера в Казани задержан бывший министр транспорта, депутат Рустам Валиев.",
     {"задержан бывший министр транспорта": ["Рустам Валиев"]}),
    ("Вчера в Казани задержан посол Италии в Казахстане Марко Росси.",
     {"задержан посол": ["Марко Росси"]}),
    # a list ending in "и" before the name names several people
    ("Вчера в Казани погибли пожарный, полицейский и Рустам Валиев.",
     {"погибли пожарный": ["пожарный", "Рустам Валиев"]}),
    # a verb between them: the role is somebody else
    ("Вчера в Казани задержан полицейский, допросивший Рустама Валиева.",
     {"задержан полицейский": ["полицейский", "Рустама Валиева"]}),
])
def test_a_role_and_the_name_its_titles_describe(nlp, text, expected):
    assert participants(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # the one who says an event verb with no subject of its own is who acts
    ("Накануне Иван Петров заявил, что покинет пост министра 28 февраля.", {"покинет пост": ["Иван Петров"]}),
    # a name beside the title that is the subject
    ("Накануне министр обороны Иван Петров заявил, что покинет пост 28 февраля.", {"покинет пост": ["Иван Петров"]}),
    ("Иван Петров прибыл в Москву. Он заявил, что покинет пост министра в марте.",
     {"прибыл в Москву": ["Иван Петров"], "покинет пост": ["Иван Петров"]}),
    # a verb with a subject of its own keeps it
    ("Иван Петров заявил, что Олег Сидоров покинет пост министра.", {"покинет пост": ["Олег Сидоров"]}),
    # an event noun of the clause is no act of the speaker
    ("Иван Петров заявил, что форум пройдет в Казани.", {"форум": []}),
])
def test_the_speaker_of_a_verb_with_no_subject(nlp, text, expected):
    assert participants(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # the side beaten, or lost to, takes part in the contest the result is won in
    ("18 июня сборная Бразилии обыграла Францию на чемпионате мира.",
     {"чемпионате мира": ["Бразилии", "Францию"]}),
    ("Аргентина одержала победу над Чили на чемпионате мира в Казани.",
     {"чемпионате мира в Казани": ["Аргентина", "Чили"]}),
    # a country after "в" says where
    ("Вчера Петров победил в Эстонии на чемпионате мира.",
     {"чемпионате мира": ["Петров"]}),
])
def test_the_side_beaten_in_a_contest(nlp, text, expected):
    assert participants(nlp, text) == expected


def organisers(nlp, text):
    return {ev["trigger"]["text"]: [p["text"] for p in ev["organisers"]] for ev in events(nlp, text)}


@pytest.mark.parametrize("text, expected", [
    # who holds a gathering organises it
    ("В понедельник учителя в Омске провели митинг против реформы.", {"митинг против реформы": ["учителя"]}),
    ("Министр обороны Иван Петров провел совещание с командирами округов.",
     {"совещание с командирами округов": ["Иван Петров"]}),
    # a side of a meeting, or who officiates a rite, takes part
    ("Иван Петров провел встречу с Олегом Сидоровым в Москве.",
     {"встречу с Олегом Сидоровым в Москве": []}),
    ("В пятницу патриарх провел церемонию освящения храма.", {"церемонию освящения храма": []}),
])
def test_who_holds_a_gathering_organises_it(nlp, text, expected):
    assert organisers(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # an organisation named by the genitives of the gathering's phrase is whose it is
    ("Губернатор Иван Петров побывал на праздновании дня Пограничных войск.",
     {"праздновании дня Пограничных войск": ["Пограничных войск"]}),
    # not the body whose office an election fills
    ("В пятницу прошли выборы главы Союза кинематографистов.", {"выборы главы Союза кинематографистов": []}),
])
def test_the_body_a_gathering_belongs_to(nlp, text, expected):
    assert organisers(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # the title of who leaves an office names the body left
    ("В понедельник уволен глава «Газпрома» Иван Петров.", {"уволен глава": ["Газпрома", "Иван Петров"]}),
    ("Глава компании Google Иван Петров ушел в отставку.", {"ушел в отставку": ["Google", "Иван Петров"]}),
    # an appointee's title is the office held before
    ("Бывший глава «Газпрома» Иван Петров назначен министром.", {"назначен министром": ["Иван Петров"]}),
])
def test_the_body_of_an_office_left(nlp, text, expected):
    assert participants(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a court, an army or the police pinned down by a place acts as a body
    ("В пятницу суд Москвы приговорил Ивана Петрова к пяти годам.",
     {"приговорил Ивана Петрова": ["суд Москвы", "Ивана Петрова"]}),
    ("В понедельник миланский суд оправдал Ивана Петрова.",
     {"оправдал Ивана Петрова": ["миланский суд", "Ивана Петрова"]}),
    # a bare one is as often the trial itself
    ("В понедельник суд оправдал Ивана Петрова.", {"оправдал Ивана Петрова": ["Ивана Петрова"]}),
    # and one after a preposition is no agent
    ("Вчера Петров обратился в суд Москвы с иском.", {}),
])
def test_a_body_named_by_a_common_noun(nlp, text, expected):
    assert participants(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # more role nouns of the news
    ("Вчера в Омске задержан таксист.", {"задержан таксист": ["таксист"]}),
    ("В пятницу в Москве скончался известный живописец.", {"скончался известный живописец": ["живописец"]}),
    ("В среду законодатели одобрили поправки к закону.", {"одобрили поправки": ["законодатели"]}),
    # women by their nationality
    ("В пятницу в Риме задержана молодая итальянка.", {"задержана молодая итальянка": ["итальянка"]}),
    ("Вчера в Пекине погибла японка.", {"погибла японка": ["японка"]}),
    # offices with a prefix, and women by their trade
    ("В пятницу уволен вице-губернатор области.", {"уволен вице-губернатор": ["вице-губернатор"]}),
    ("Вчера в Омске скончался экс-президент футбольного клуба.",
     {"скончался экс-президент футбольного клуба": ["экс-президент футбольного клуба"]}),
    ("В Москве задержана известная писательница.", {"задержана известная писательница": ["писательница"]}),
])
def test_more_role_nouns_round_9(nlp, text, expected):
    assert participants(nlp, text) == expected


@pytest.mark.parametrize("text, expected", [
    # "глава" of a body is a person
    ("В понедельник глава государства подписал указ об отставке министра.",
     {"отставке министра": ["министра"], "подписал указ": ["глава государства"]}),
    # and so is a member or a representative of one
    ("Вчера в Омске задержан член городского совета.",
     {"задержан член городского совета": ["член городского совета"]}),
    # "глава" of a book is a chapter
    ("Во второй главе книги рассказано о выборах.", {"выборах": []}),
    ("Во второй главе новой книги рассказано о выборах.", {"выборах": []}),
])
def test_the_head_of_a_body(nlp, text, expected):
    assert participants(nlp, text) == expected
