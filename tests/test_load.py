"""Load: decoding by validity and by how Russian the text reads."""

import codecs
import datetime as dt
import io
import os
import zipfile

import makers
import pytest

from pipeline.load import Limits, LoadError, decode_bytes, extract, read_file, russianness

TEXT = ("В Казани завершился III Всероссийский молодежный форум \"Горизонты\". "
        "Съезд собрал более 1200 участников - ёмко и объёмно.\n")
TYPOGRAPHIC = "Форум «Горизонты» — ёмко, 2025\u00a0года, № 5.\n"
SHORT = "Привет, мир"


@pytest.mark.parametrize("encoding, expected_name", [
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-sig"),
    ("cp1251", "cp1251"),
    ("koi8_r", "koi8_r"),
    ("cp866", "cp866"),
    ("mac_cyrillic", "mac_cyrillic"),
    ("utf-16", "utf-16"),          # with BOM
    ("utf-16-le", "utf-16-le"),    # without BOM
    ("utf-16-be", "utf-16-be"),
    ("utf-32", "utf-32"),
])
@pytest.mark.parametrize("text", [TEXT, SHORT])
def test_decodes_every_cyrillic_encoding(encoding, expected_name, text):
    decoded = decode_bytes(text.encode(encoding))
    assert decoded.text == text
    assert decoded.encoding == expected_name


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "utf-16"])
def test_typographic_characters_survive(encoding):
    assert decode_bytes(TYPOGRAPHIC.encode(encoding)).text == TYPOGRAPHIC


def test_bom_is_dropped_and_line_endings_kept():
    data = codecs.BOM_UTF8 + "Строка\r\nвторая\r\n".encode("utf-8")
    assert decode_bytes(data).text == "Строка\r\nвторая\r\n"


@pytest.mark.parametrize("data, kind", [
    (b"", "empty"),
    (b" \n\t\n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    (bytes(range(0, 32)) * 20, "binary"),
])
def test_bad_bytes_raise_a_clear_error(data, kind):
    with pytest.raises(LoadError) as err:
        decode_bytes(data)
    assert err.value.kind == kind
    assert err.value.message


@pytest.mark.parametrize("text, encoding", [
    ("ПРЕСС-РЕЛИЗ\nВ КАЗАНИ ПРОШЕЛ МОЛОДЕЖНЫЙ ФОРУМ", "cp1251"),  # a headline in capitals
    ("ПРЕСС-РЕЛИЗ\nВ КАЗАНИ ПРОШЕЛ МОЛОДЕЖНЫЙ ФОРУМ", "koi8_r"),
    ("цены", "cp866"),     # four bytes that are also valid UTF-8 ("業")
    ("Спасибо", "cp1251"),  # mac-cyrillic reads "—пасибо"
    ("Эх, Юля!", "cp1251"),  # cp1252 reads "Ýõ, Þëÿ!"
    ("Да.", "cp1251"),
])
def test_hard_cases(text, encoding):
    assert decode_bytes(text.encode(encoding)).text == text


def test_russianness_prefers_the_right_code_page():
    raw = TEXT.encode("koi8_r")
    right, wrong = raw.decode("koi8_r"), raw.decode("cp1251")
    assert russianness(right) > russianness(wrong)


def test_read_file_errors(tmp_path):
    with pytest.raises(LoadError) as err:
        read_file(tmp_path / "missing.txt")
    assert err.value.kind == "not_found"
    big = tmp_path / "big.txt"
    big.write_text("а" * 100, encoding="utf-8")
    with pytest.raises(LoadError) as err:
        read_file(big, max_bytes=50)
    assert err.value.kind == "too_large"
    with pytest.raises(LoadError) as err:
        read_file(tmp_path)
    assert err.value.kind == "not_a_file"


# --- hardening: truncated and damaged encodings, foreign texts --------------------------

@pytest.mark.parametrize("data, text, warning_kind", [
    # cut inside the last "а" (2 bytes in UTF-8): the half character goes, with a warning
    ("Форум прошел в Казани".encode("utf-8")[:-1], "Форум прошел в Казан", "truncated"),
    ("Форум прошел в Казани".encode("utf-16-le")[:-1], "Форум прошел в Казан", "truncated"),
    (codecs.BOM_UTF16_LE + "Форум в Казани".encode("utf-16-le")[:-1], "Форум в Казан", "truncated"),
    # one stray cp1251 byte in a UTF-8 text is replaced, not a reason to read it all as cp1251
    ("Форум «Горизонты» прошел в Казани, его посетили более 1200 участников. ".encode("utf-8")
     + b"\xe0" + " Итоги подвели в пятницу.".encode("utf-8"),
     "Форум «Горизонты» прошел в Казани, его посетили более 1200 участников. \ufffd Итоги подвели в пятницу.",
     "invalid_bytes"),
])
def test_damaged_unicode_is_read_with_a_warning(data, text, warning_kind):
    decoded = decode_bytes(data)
    assert decoded.text == text
    assert [w.split(":")[0] for w in decoded.warnings] == [warning_kind]


@pytest.mark.parametrize("text, encoding", [
    ("Die Größe der Veranstaltung überraschte: für über 300 Gäste war kein Platz mehr.", "cp1252"),
    ("L'été dernier, à Genève, la fête a réuni près de deux cents élèves.", "cp1252"),
])
def test_a_west_european_text_is_not_read_as_cyrillic(text, encoding):
    assert decode_bytes(text.encode(encoding)).text == text


@pytest.mark.parametrize("text, kind", [
    ("В Казани прошел III Всероссийский молодежный форум «Горизонты» для студентов.", None),
    ("The third youth forum Horizons took place in Kazan; more than 1200 people came.", "not_russian"),
    ("У Києві відбувся третій молодіжний форум, його відвідали понад тисячу учасників.", "not_russian"),
    ("Форум Horizons (Kazan Federal University, IT Park, Yandex) собрал 1200 человек в Казани.", None),
    ("Short English text.", None),  # too short to judge
])
def test_language_warning(text, kind):
    data = text.encode("utf-8")
    found = [w.split(":")[0] for w in extract(data, "txt").warnings]
    assert found == ([kind] if kind else [])


# --- formats: each reader on a file the test writes -------------------------------------

RELEASE = ["В Казани 12 апреля 2025 года прошел III Всероссийский молодежный форум «Горизонты».",
           "Его посетили более 1200 участников из 40 регионов."]
WHEN = dt.datetime(2025, 4, 12, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=3)))


def _docx(tmp_path):
    return makers.write_docx(tmp_path / "a.docx", RELEASE, table=[["Дата", "Событие"], ["12 апреля", "Открытие"]],
                             header="Пресс-служба Минмолодежи", title="Форум «Горизонты»",
                             author="Анна Смирнова", modified=dt.datetime(2025, 4, 14, 9, 0)).read_bytes()


@pytest.mark.parametrize("declared, make, expected_text, meta", [
    ("docx", _docx,
     "Пресс-служба Минмолодежи\n\n" + "\n\n".join(RELEASE) + "\n\nДата\tСобытие\n\n12 апреля\tОткрытие",
     {"format": "docx", "title": "Форум «Горизонты»", "date": "2025-04-14", "author": "Анна Смирнова"}),
    ("pdf", lambda _: makers.pdf_bytes([RELEASE, ["Итоги — в пятницу."]], title="Форум «Горизонты»",
                                       author="Пресс-служба", created="D:20250412100000+03'00'"),
     "\n".join(RELEASE) + "\nИтоги — в пятницу.",
     {"format": "pdf", "title": "Форум «Горизонты»", "date": "2025-04-12", "author": "Пресс-служба",
      "pages": 2}),
    ("pdf", lambda _: makers.encrypt_pdf(makers.pdf_bytes([RELEASE]), user_password=""),
     "\n".join(RELEASE), {"format": "pdf", "pages": 1}),  # restricted, not locked
    ("rtf", lambda _: makers.rtf_bytes(RELEASE, title="Форум", author="Иванов", created=dt.date(2025, 4, 12)),
     "\n\n".join(RELEASE),
     {"format": "rtf", "encoding": "cp1251", "title": "Форум", "date": "2025-04-12", "author": "Иванов"}),
    ("html", lambda _: makers.html_bytes("Форум «Горизонты» завершился", RELEASE, "2025-04-12T10:00:00+03:00",
                                         charset="windows-1251", author="Иван Петров"),
     "Форум «Горизонты» завершился\n\n" + "\n\n".join(RELEASE),
     {"format": "html", "encoding": "cp1251", "title": "Форум «Горизонты» завершился",
      "date": "2025-04-12", "author": "Иван Петров"}),
    ("html", lambda _: makers.html_bytes("Форум завершился", RELEASE),  # no date in the page
     "Форум завершился\n\n" + "\n\n".join(RELEASE),
     {"format": "html", "encoding": "utf-8", "title": "Форум завершился"}),
    ("eml", lambda _: makers.eml_bytes("Форум «Горизонты»", "\n\n".join(RELEASE), WHEN),
     "\n\n".join(RELEASE) + "\n",
     {"format": "eml", "encoding": "utf-8", "title": "Форум «Горизонты»", "date": "2025-04-12",
      "author": "Пресс-служба"}),
    ("eml", lambda _: makers.eml_bytes("Форум", "\n\n".join(RELEASE), WHEN, charset="windows-1251"),
     "\n\n".join(RELEASE) + "\n",
     {"format": "eml", "encoding": "cp1251", "title": "Форум", "date": "2025-04-12", "author": "Пресс-служба"}),
    ("eml", lambda _: makers.eml_bytes("Форум", "", WHEN, html="<html><body><p>" + "</p><p>".join(RELEASE)
                                       + "</p></body></html>"),
     "\n\n".join(RELEASE),
     {"format": "eml", "encoding": "utf-8", "title": "Форум", "date": "2025-04-12", "author": "Пресс-служба"}),
    ("md", lambda _: ("# Форум «Горизонты»\n\n" + "\n\n".join(RELEASE) + "\n").encode("utf-8"),
     "# Форум «Горизонты»\n\n" + "\n\n".join(RELEASE) + "\n",
     {"format": "md", "encoding": "utf-8", "title": "Форум «Горизонты»"}),
])
def test_each_format_gives_its_text_and_metadata(tmp_path, declared, make, expected_text, meta):
    result = extract(make(tmp_path), declared)
    assert result.text == expected_text
    assert result.meta() == meta
    assert result.warnings == []


def test_html_drops_navigation_and_footer():
    page = makers.html_bytes("Форум завершился", RELEASE)
    text = extract(page, "html").text
    for boilerplate in ("Главная", "Поиск по сайту", "Курс валют", "Все права защищены", "Политика"):
        assert boilerplate not in text


def test_a_pdf_with_some_scanned_pages_warns():
    result = extract(makers.pdf_bytes([RELEASE, [], ["Итоги."]]), "pdf")
    assert result.text == "\n".join(RELEASE) + "\nИтоги."
    assert result.warnings == ["pages_without_text: 1 of 3 pages have no text layer (scanned?): "
                               "their text is missing"]


@pytest.mark.parametrize("declared, make, fmt, warning_kind", [
    # a .doc that is really RTF (Word's "save as" with the old extension)
    ("doc", lambda: makers.rtf_bytes(RELEASE), "rtf", "format_mismatch"),
    ("txt", lambda: makers.pdf_bytes([RELEASE]), "pdf", "format_mismatch"),
    ("rtf", lambda: "\n".join(RELEASE).encode("cp1251"), "txt", "format_mismatch"),
    ("eml", lambda: "\n".join(RELEASE).encode("utf-8"), "txt", "format_mismatch"),
])
def test_a_file_that_is_not_what_its_extension_says_is_read_as_what_it_is(declared, make, fmt, warning_kind):
    result = extract(make(), declared)
    assert result.format == fmt
    assert "Казани" in result.text
    assert [w.split(":")[0] for w in result.warnings] == [warning_kind]


PNG = b"\x89PNG\r\n\x1a\n" + bytes(200)


@pytest.mark.parametrize("declared, make, kind", [
    ("docx", lambda: PNG, "wrong_format"),
    ("txt", lambda: PNG, "wrong_format"),
    ("pdf", lambda: "\n".join(RELEASE).encode("utf-8"), "wrong_format"),
    ("docx", lambda: "\n".join(RELEASE).encode("utf-8"), "wrong_format"),
    ("docx", lambda: _zip({"xl/workbook.xml": b"<workbook/>"}), "wrong_format"),
    ("docx", lambda: makers.pdf_bytes([[]]), "no_text_layer"),  # a scan saved as .docx
    ("doc", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "unsupported"),
    ("docx", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"), "encrypted"),
    ("pdf", lambda: makers.pdf_bytes([[], []]), "no_text_layer"),
    ("pdf", lambda: makers.encrypt_pdf(makers.pdf_bytes([RELEASE]), user_password="secret"), "encrypted"),
    ("pdf", lambda: makers.pdf_bytes([RELEASE])[:300], "corrupt"),  # cut short: no page survives
    ("html", lambda: b"<html><head><title>T</title></head><body><script>var a = 1;</script></body></html>",
     "empty"),
    ("eml", lambda: b"Subject: pusto\nFrom: a@b.c\n\n\n", "empty"),
    ("txt", lambda: b"", "empty"),
    ("txt", lambda: "  \n\t ".encode("utf-16"), "empty"),
    ("txt", lambda: bytes(range(256)) * 4, "binary"),
])
def test_bad_files_raise_a_clear_error(declared, make, kind):
    with pytest.raises(LoadError) as err:
        extract(make(), declared)
    assert err.value.kind == kind
    assert err.value.message


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_a_docx_that_unpacks_past_the_limit_is_refused_unread(tmp_path):
    path = makers.write_docx(tmp_path / "bomb.docx", RELEASE)
    makers.add_to_zip(path, "word/media/zeros.bin", bytes(3 * 1024 * 1024))
    assert len(path.read_bytes()) < 100_000  # small on disk, three megabytes unpacked
    with pytest.raises(LoadError) as err:
        extract(path.read_bytes(), "docx", Limits(max_unpacked=2 * 1024 * 1024))
    assert err.value.kind == "unpacked_too_large"
    assert extract(path.read_bytes(), "docx").text == "\n\n".join(RELEASE)  # the default allows it


def test_a_damaged_docx_is_corrupt(tmp_path):
    data = makers.write_docx(tmp_path / "a.docx", RELEASE).read_bytes()
    with pytest.raises(LoadError) as err:
        extract(data[: len(data) // 2], "docx")
    assert err.value.kind in ("corrupt", "wrong_format")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_file_system_oddities(tmp_path):
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "pipe.txt")  # reading a pipe would block: it must be refused, not opened
    for name, kind in [("loop.txt", "symlink_loop"), ("gone.txt", "not_found"), ("pipe.txt", "not_a_file")]:
        with pytest.raises(LoadError) as err:
            read_file(tmp_path / name)
        assert err.value.kind == kind, name
