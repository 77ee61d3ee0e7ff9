"""Sniff: what a file really is, from its first bytes, whatever its extension says."""

from __future__ import annotations

import io
import zipfile

# Formats with a reader; a sniffed name outside this set describes a file we cannot read.
PDF, DOCX, RTF, HTML, OLE = "pdf", "docx", "rtf", "html", "ole"

# Signatures of files that are not documents at all: (leading bytes, what it is).
FOREIGN_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable program"),
    (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg media file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

# What a ZIP archive holds when it is an office file other than a Word document.
ZIP_KINDS = (
    ("xl/workbook.xml", "an Excel workbook (.xlsx)"),
    ("ppt/presentation.xml", "a PowerPoint presentation (.pptx)"),
    ("content.xml", "an OpenDocument file (.odt/.ods)"),
)

HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<meta ", b"<?xml version")


def sniff(data: bytes) -> str | None:
    """The real format of ``data``: 'pdf', 'docx', 'rtf', 'html', 'ole' (a legacy
    Office file), a description such as 'a PNG image' for files that are not documents,
    or None for bytes with no signature (plain text, an e-mail, or garbage)."""
    head = data[:1024]
    if b"%PDF-" in head:  # the header may follow a little junk
        return PDF
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return OLE
    for magic, what in FOREIGN_MAGIC:
        if head.startswith(magic):
            return what
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{\\rtf"):
        return RTF
    lowered = stripped[:200].lower()
    if lowered.startswith(HTML_STARTS) and (not lowered.startswith(b"<?xml") or b"<html" in head.lower()):
        return HTML
    return None


def _zip_kind(data: bytes) -> str:
    """'docx' for a Word document; otherwise what kind of archive it is."""
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return "a damaged ZIP archive"
    if "word/document.xml" in names:
        return DOCX
    for name, what in ZIP_KINDS:
        if name in names:
            return what
    return "a ZIP archive"


def is_encrypted_office(data: bytes) -> bool:
    """True for a password-protected .docx: an OLE container with an EncryptedPackage."""
    return data.startswith(b"\xd0\xcf\x11\xe0") and "EncryptedPackage".encode("utf-16-le") in data
