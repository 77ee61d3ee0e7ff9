"""Files of every format a release folder holds, written by the tests themselves.

.docx with python-docx; .pdf by hand (a few objects, a Type1 font whose /Differences
name Cyrillic glyphs, so the text layer reads back as Russian); .rtf, .html and
.eml as the bytes an editor, a browser and a mail client write.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
import zlib
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path


def write_docx(path: Path, paragraphs: list[str], table: list[list[str]] | None = None,
               header: str | None = None, title: str | None = None, author: str | None = None,
               modified: dt.datetime | None = None) -> Path:
    """A Word document: an optional header, paragraphs, then an optional table."""
    import docx

    document = docx.Document()
    if header:
        document.sections[0].header.paragraphs[0].text = header
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
    props = document.core_properties
    props.title = title or ""
    props.author = author or ""
    if modified:
        props.created = props.modified = modified
    document.save(path)
    return path


def add_to_zip(path: Path, name: str, data: bytes) -> Path:
    """Add one more entry to an archive (a zip bomb is a .docx with a big zero file)."""
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr(name, data)
    return path


def _glyph_names() -> dict[str, str]:
    from pypdf._codecs.adobe_glyphs import adobe_glyphs

    names: dict[str, str] = {}
    for name, char in adobe_glyphs.items():
        if len(char) == 1 and (char not in names or name.startswith("/afii")):
            names[char] = name
    return names


def _pdf_string(data: bytes) -> bytes:
    return b"(" + data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _pdf_text(text: str) -> bytes:
    """A PDF text string: ASCII as is, anything else UTF-16BE with a BOM."""
    if text.isascii():
        return _pdf_string(text.encode("ascii"))
    return b"<" + (b"\xfe\xff" + text.encode("utf-16-be")).hex().encode() + b">"


def pdf_bytes(pages: list[list[str]], title: str | None = None, author: str | None = None,
              created: str | None = None, compress: bool = False) -> bytes:
    """A PDF whose pages show the given lines in Helvetica with Cyrillic glyph names
    (codes as in cp1251); an empty page list item is a page with no text (a scan)."""
    names = _glyph_names()
    differences = b" ".join(
        f"{code} {names[bytes([code]).decode('cp1251')]}".encode()
        for code in range(128, 256)
        if bytes([code]).decode("cp1251", errors="ignore") in names)
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_obj = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
               b"/BaseEncoding /WinAnsiEncoding /Differences [" + differences + b"] >> >>")
    image = add(b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream")
    kids = []
    for lines in pages:
        if lines:
            ops = [b"BT /F1 11 Tf 50 780 Td 14 TL"]
            for line in lines:
                ops.append(_pdf_string(line.encode("cp1251")) + b" Tj T*")
            ops.append(b"ET")
        else:  # a scanned page: an image, no text
            ops = [b"q 500 0 0 700 50 80 cm /Im1 Do Q"]
        stream = b"\n".join(ops)
        if compress:
            stream = zlib.compress(stream)
            head = b"<< /Length %d /Filter /FlateDecode >>" % len(stream)
        else:
            head = b"<< /Length %d >>" % len(stream)
        content = add(head + b"\nstream\n" + stream + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                        b"/Resources << /Font << /F1 %d 0 R >> /XObject << /Im1 %d 0 R >> >> >>"
                        % (pages_obj, content, font, image)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % pages_obj
    objects[pages_obj - 1] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
                              + b"] /Count %d >>" % len(kids))
    info_items = []
    if title:
        info_items.append(b"/Title " + _pdf_text(title))
    if author:
        info_items.append(b"/Author " + _pdf_text(author))
    if created:
        info_items.append(b"/CreationDate " + _pdf_string(created.encode()))
    info = add(b"<< " + b" ".join(info_items) + b" >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, catalog, info, xref))
    return out.getvalue()


def encrypt_pdf(data: bytes, user_password: str, owner_password: str = "owner") -> bytes:
    """The same PDF, encrypted (AES-128); an empty user password only restricts it."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _rtf_escape(text: str) -> str:
    out = []
    for c in text:
        if c in "\\{}":
            out.append("\\" + c)
        elif ord(c) < 128:
            out.append(c)
        else:  # a Cyrillic letter as Word writes it: \'e0 in the declared code page
            out.append("".join(f"\\'{b:02x}" for b in c.encode("cp1251")))
    return "".join(out)


def rtf_bytes(paragraphs: list[str], title: str | None = None, author: str | None = None,
              created: dt.date | None = None) -> bytes:
    """An RTF document in cp1251, with an {\\info} group."""
    info = ""
    if title or author or created:
        info = "{\\info"
        if title:
            info += "{\\title " + _rtf_escape(title) + "}"
        if author:
            info += "{\\author " + _rtf_escape(author) + "}"
        if created:
            info += f"{{\\creatim\\yr{created.year}\\mo{created.month}\\dy{created.day}\\hr10\\min0}}"
        info += "}"
    body = "".join("\\pard " + _rtf_escape(p) + "\\par\n" for p in paragraphs)
    rtf = ("{\\rtf1\\ansi\\ansicpg1251\\deff0{\\fonttbl{\\f0\\fswiss\\fcharset204 Arial;}}\n"
           + info + "\n\\f0\\fs24\n" + body + "}")
    return rtf.encode("ascii")


def html_bytes(title: str, paragraphs: list[str], published: str | None = None,
               charset: str = "utf-8", author: str | None = None) -> bytes:
    """A saved news page: navigation, an article, a footer; encoded in ``charset``."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    if author:
        meta += f'<meta name="author" content="{author}">'
    article = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    page = f"""<!DOCTYPE html>
<html lang="ru"><head><meta charset="{charset}"><title>{title} — Новости региона</title>{meta}</head>
<body>
<nav><ul><li><a href="/">Главная</a></li><li><a href="/news">Новости</a></li>
<li><a href="/contacts">Контакты</a></li><li><a href="/search">Поиск по сайту</a></li></ul></nav>
<main><article><h1>{title}</h1>
{article}</article></main>
<aside><h3>Читайте также</h3><ul><li><a href="/n/1">Погода на выходные</a></li>
<li><a href="/n/2">Курс валют</a></li></ul></aside>
<footer><p>© 2025 Новости региона. Все права защищены.</p>
<p>Политика конфиденциальности | Пользовательское соглашение</p></footer>
</body></html>
"""
    return page.encode(charset)


def eml_bytes(subject: str, body: str, sent: dt.datetime, sender: str = "Пресс-служба <press@example.org>",
              html: str | None = None, charset: str = "utf-8") -> bytes:
    """An e-mail with a text body, or a text and an HTML alternative."""
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = "news@example.org"
    message["Date"] = format_datetime(sent)
    message.set_content(body, charset=charset)
    if html:
        message.add_alternative(html, subtype="html")
    return bytes(message)
