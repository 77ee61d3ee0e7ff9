"""A real folder: one file of each format and each kind of bad input, through the CLI.

The CLI runs as a subprocess; as root it runs without the capabilities that let root
read any file, so that a file with no read permission really cannot be read.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys

import makers
import pytest

from conftest import ROOT

RELEASE = ["В Казани 12 апреля 2025 года прошел III Всероссийский молодежный форум «Горизонты».",
           "Его посетили более 1200 участников из 40 регионов."]
PLAIN = "\n\n".join(RELEASE) + "\n"
WHEN = dt.datetime(2025, 4, 12, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=3)))
MB = 1024 * 1024

# doc_id -> (status, error kind or the warning kinds, expected meta fields)
EXPECTED = {
    # plain text in every encoding
    "text/utf8": ("ok", [], {"format": "txt", "encoding": "utf-8"}),
    "text/bom": ("ok", [], {"format": "txt", "encoding": "utf-8-sig"}),
    "text/utf16": ("ok", [], {"format": "txt", "encoding": "utf-16"}),
    "text/cp1251": ("ok", [], {"format": "txt", "encoding": "cp1251"}),
    "text/koi8": ("ok", [], {"format": "txt", "encoding": "koi8_r"}),
    "text/cp866": ("ok", [], {"format": "txt", "encoding": "cp866"}),
    "text/mac": ("ok", [], {"format": "txt", "encoding": "mac_cyrillic"}),
    "text/notes": ("ok", [], {"format": "md", "encoding": "utf-8", "title": "Форум «Горизонты»"}),
    # documents
    "docs/page": ("ok", [], {"format": "html", "encoding": "cp1251", "title": "Форум «Горизонты» завершился",
                             "date": "2025-04-12", "author": "Иван Петров"}),
    "docs/page2": ("ok", [], {"format": "html", "encoding": "utf-8", "title": "Итоги форума"}),
    "docs/release": ("ok", [], {"format": "docx", "title": "Форум «Горизонты»", "date": "2025-04-14",
                                "author": "Анна Смирнова"}),
    "docs/release-rtf": ("ok", [], {"format": "rtf", "encoding": "cp1251", "title": "Форум",
                                    "date": "2025-04-12", "author": "Иванов"}),
    "docs/release-pdf": ("ok", [], {"format": "pdf", "title": "Форум «Горизонты»", "date": "2025-04-12",
                                    "pages": 2}),
    "docs/restricted": ("ok", [], {"format": "pdf", "pages": 1}),
    "mail/letter": ("ok", [], {"format": "eml", "encoding": "utf-8", "title": "Форум «Горизонты»",
                               "date": "2025-04-12", "author": "Пресс-служба"}),
    "mail/letter-html": ("ok", [], {"format": "eml", "encoding": "utf-8", "title": "Итоги форума",
                                    "date": "2025-04-12", "author": "Пресс-служба"}),
    # readable, with something to say
    "odd/old": ("ok", ["format_mismatch"], {"format": "rtf"}),
    "odd/english": ("ok", ["not_russian"], {"format": "txt", "encoding": "utf-8"}),
    "odd/truncated": ("ok", ["truncated"], {"format": "txt", "encoding": "utf-8"}),
    # bad input, one error each
    "bad/empty": ("error", "empty", {}),
    "bad/blank": ("error", "empty", {}),
    "bad/binary": ("error", "binary", {}),
    "bad/photo": ("error", "wrong_format", {}),
    "bad/fake": ("error", "wrong_format", {}),
    "bad/big": ("error", "too_large", {}),
    "bad/bomb": ("error", "unpacked_too_large", {}),
    "bad/broken": ("error", "corrupt", {}),
    "bad/legacy": ("error", "unsupported", {}),
    "bad/locked": ("error", "encrypted", {}),
    "bad/scan": ("error", "no_text_layer", {}),
    "bad/secret": ("error", "permission", {}),
    "bad/gone": ("error", "not_found", {}),
    "bad/loop": ("error", "symlink_loop", {}),
    "bad/pipe": ("error", "not_a_file", {}),
    "bad/slow": ("error", "timeout", {}),
}


def build_folder(src):
    """Write every file of EXPECTED under ``src``."""
    for sub in ("text", "docs", "mail", "odd", "bad"):
        (src / sub).mkdir(parents=True)
    text = src / "text"
    (text / "utf8.txt").write_bytes(PLAIN.encode("utf-8"))
    (text / "bom.txt").write_bytes(PLAIN.encode("utf-8-sig"))
    (text / "utf16.txt").write_bytes(PLAIN.encode("utf-16"))
    (text / "cp1251.txt").write_bytes(PLAIN.encode("cp1251"))
    koi8 = PLAIN.replace("«", '"').replace("»", '"')  # koi8-r and cp866 have no guillemets
    (text / "koi8.txt").write_bytes(koi8.encode("koi8_r"))
    (text / "cp866.txt").write_bytes(koi8.encode("cp866"))
    (text / "mac.txt").write_bytes(PLAIN.encode("mac_cyrillic"))
    (text / "notes.md").write_text("# Форум «Горизонты»\n\n" + PLAIN, encoding="utf-8")

    docs = src / "docs"
    (docs / "page.html").write_bytes(makers.html_bytes(
        "Форум «Горизонты» завершился", RELEASE, "2025-04-12T10:00:00+03:00",
        charset="windows-1251", author="Иван Петров"))
    (docs / "page2.htm").write_bytes(makers.html_bytes("Итоги форума", RELEASE))
    makers.write_docx(docs / "release.docx", RELEASE, table=[["Дата", "Событие"], ["12 апреля", "Открытие"]],
                      header="Пресс-служба Минмолодежи", title="Форум «Горизонты»", author="Анна Смирнова",
                      modified=dt.datetime(2025, 4, 14, 9, 0))
    (docs / "release-rtf.rtf").write_bytes(makers.rtf_bytes(RELEASE, title="Форум", author="Иванов",
                                                            created=dt.date(2025, 4, 12)))
    (docs / "release-pdf.pdf").write_bytes(makers.pdf_bytes(
        [RELEASE, ["Итоги подведут в пятницу."]], title="Форум «Горизонты»", created="D:20250412100000+03'00'"))
    (docs / "restricted.pdf").write_bytes(makers.encrypt_pdf(makers.pdf_bytes([RELEASE]), user_password=""))

    mail = src / "mail"
    (mail / "letter.eml").write_bytes(makers.eml_bytes("Форум «Горизонты»", PLAIN, WHEN))
    (mail / "letter-html.eml").write_bytes(makers.eml_bytes(
        "Итоги форума", "", WHEN, html="<html><body><p>" + "</p><p>".join(RELEASE) + "</p></body></html>"))

    odd = src / "odd"
    (odd / "old.doc").write_bytes(makers.rtf_bytes(RELEASE))
    (odd / "english.txt").write_text("The third youth forum Horizons took place in Kazan on April 12, "
                                     "2025; more than 1200 people from 40 regions came.\n", encoding="utf-8")
    (odd / "truncated.txt").write_bytes(PLAIN.rstrip(".\n").encode("utf-8")[:-1])  # cut inside "в"

    bad = src / "bad"
    (bad / "empty.txt").write_bytes(b"")
    (bad / "blank.md").write_bytes(b" \r\n\t\r\n")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (bad / "photo.docx").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    (bad / "fake.pdf").write_bytes(PLAIN.encode("utf-8"))
    (bad / "big.txt").write_bytes(PLAIN.encode("utf-8") * (MB // len(PLAIN.encode("utf-8")) + 1))
    bomb = makers.write_docx(bad / "bomb.docx", RELEASE)
    makers.add_to_zip(bomb, "word/media/zeros.bin", bytes(3 * MB))
    docx_bytes = makers.write_docx(bad / "tmp.docx", RELEASE).read_bytes()
    (bad / "tmp.docx").unlink()
    zip_end = docx_bytes.rindex(b"PK\x05\x06")  # the central directory survives, the entries do not
    (bad / "broken.docx").write_bytes(docx_bytes[:200] + bytes(len(docx_bytes) - 200 - 2000)
                                      + docx_bytes[zip_end - 2000:])
    (bad / "legacy.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048))
    (bad / "locked.pdf").write_bytes(makers.encrypt_pdf(makers.pdf_bytes([RELEASE]), user_password="secret"))
    (bad / "scan.pdf").write_bytes(makers.pdf_bytes([[], []]))
    (bad / "secret.txt").write_bytes(PLAIN.encode("utf-8"))
    os.chmod(bad / "secret.txt", 0)
    (bad / "gone.txt").symlink_to(bad / "deleted-long-ago.txt")
    (bad / "loop.txt").symlink_to(bad / "loop.txt")
    os.mkfifo(bad / "pipe.txt")
    # pypdf takes tens of seconds on a page of 100,000 lines: pathological, tiny on disk
    (bad / "slow.pdf").write_bytes(makers.pdf_bytes([["Строка текста."] * 100_000], compress=True))
    # a folder link back up must not send the walk round in circles
    (src / "docs" / "up").symlink_to(src, target_is_directory=True)


def _unprivileged() -> list[str] | None:
    """A command prefix that runs without root's power to read unreadable files."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    return [setpriv, "--bounding-set=-all", "--inh-caps=-all", "--"]


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs a POSIX file system")
def test_a_folder_of_every_format_and_every_bad_file(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    build_folder(src)
    prefix = _unprivileged()
    expected = dict(EXPECTED)
    if prefix is None:  # root without setpriv: root reads anything
        prefix = []
        expected["bad/secret"] = ("ok", [], {"format": "txt"})
    cmd = prefix + [sys.executable, "-m", "pipeline", "run", str(src), "--out", str(out),
                    "--workers", "2", "--batch-size", "4", "--max-size", "1", "--max-unpacked", "2",
                    "--timeout", "5", "--no-progress"]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 1, proc.stderr  # some files failed, the batch finished

    docs = {d["doc_id"]: d for d in read_jsonl(out / "documents.jsonl")}
    assert list(docs) == sorted(docs)  # ordered by doc_id
    assert set(docs) == set(expected)  # each file once; the folder link was not followed
    for doc_id, (status, reason, meta) in expected.items():
        doc = docs[doc_id]
        assert doc["status"] == status, (doc_id, doc.get("error"))
        if status == "error":
            assert doc["error"]["kind"] == reason, (doc_id, doc["error"])
            assert doc["error"]["message"]
            assert doc["entities"] == [] and doc["events"] == []
        else:
            assert [w.split(":")[0] for w in doc["warnings"]] == reason, doc_id
            assert {k: doc["meta"].get(k) for k in meta} == meta, doc_id
            assert doc["meta"]["bytes"] > 0 and len(doc["meta"]["sha256"]) == 64

    # the good releases give the same records as the text itself: Kazan, the date, 1200
    for doc_id, doc in docs.items():
        if doc["status"] != "ok" or doc_id == "odd/english":
            continue
        found = {(e["type"], e["text"]) for e in doc["entities"]}
        assert ("CITY", "Казани") in found, doc_id
        assert ("DATE", "12 апреля 2025 года") in found, doc_id
        (main,) = [e for e in doc["events"] if e["main"]]
        assert main["start_date"] == "2025-04-12", doc_id
        assert [p["count"] for p in main["participants"] if "count" in p][:1] == [1200], doc_id

    # the text offsets refer to is the extracted text: navigation gone, header kept
    report = json.loads((out / "report.json").read_text("utf-8"))
    failures = {f["doc_id"]: f["kind"] for f in report["failures"]}
    assert failures == {k: v[1] for k, v in expected.items() if v[0] == "error"}
    assert report["counts"]["warnings"] == {"format_mismatch": 1, "not_russian": 1, "truncated": 1}
    assert "failed: bad/slow: timeout" in proc.stderr


@pytest.mark.slow
def test_with_text_gives_the_extracted_text_that_offsets_refer_to(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "page.html").write_bytes(makers.html_bytes("Форум «Горизонты» завершился", RELEASE,
                                                      "2025-04-12T10:00:00+03:00"))
    makers.write_docx(src / "release.docx", RELEASE, header="Пресс-служба Минмолодежи")
    from pipeline.cli import main

    assert main(["run", str(src), "--out", str(out), "--with-text", "--workers", "1", "--no-progress"]) == 0
    docs = {d["doc_id"]: d for d in read_jsonl(out / "documents.jsonl")}
    assert docs["page"]["text"] == "Форум «Горизонты» завершился\n\n" + "\n\n".join(RELEASE)
    assert docs["release"]["text"] == "Пресс-служба Минмолодежи\n\n" + "\n\n".join(RELEASE)
    for doc in docs.values():
        for e in doc["entities"]:
            assert doc["text"][e["start"]:e["end"]] == e["text"]
        for event in doc["events"]:
            for role in ("dates", "places", "organisers", "participants"):
                for arg in event[role]:
                    assert doc["text"][arg["start"]:arg["end"]] == arg["text"]


@pytest.mark.parametrize("name, make", [
    ("letter.eml", lambda: makers.eml_bytes("Итоги", "Вчера в Казани прошел форум «Горизонты».", WHEN)),
    ("page.html", lambda: makers.html_bytes("Итоги", ["Вчера в Казани прошел форум «Горизонты»."],
                                            "2025-04-12T10:00:00+03:00")),
    ("release.rtf", lambda: makers.rtf_bytes(["Вчера в Казани прошел форум «Горизонты»."],
                                             created=dt.date(2025, 4, 12))),
])
def test_the_document_date_anchors_relative_dates(tmp_path, nlp, name, make):
    from pipeline.batch import Job, process_jobs

    path = tmp_path / name
    path.write_bytes(make())
    (doc,) = process_jobs([Job(str(path), "x")], nlp)
    assert doc.meta["date"] == "2025-04-12"
    (date,) = [e for e in doc.entities if e.type == "DATE"]
    assert (date.text, date.value["start"]) == ("Вчера", "2025-04-11")
