"""Load: decoding by validity and by how Russian the text reads."""

import codecs

import pytest

from pipeline.load import LoadError, decode_bytes, read_file, russianness

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
