"""E-mail (.eml): the text part, or the HTML part's main text; the subject as title,
the Date header as date, the sender as author."""

from __future__ import annotations

import email
import email.policy
import email.utils

from .base import FORMAT_MISMATCH, Extracted, LoadError, clean_field, iso_date, warning
from .text import decode_bytes, decode_declared


def read_eml(data: bytes) -> Extracted:
    """The body a reader sees: text/plain if there is one, else text/html."""
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
    except Exception as e:  # the parser is lenient; this is a last resort
        raise LoadError("corrupt", f"the e-mail cannot be parsed: {type(e).__name__}: {e}") from e
    if not message.keys():  # no headers: a text saved as .eml
        decoded = decode_bytes(data)
        return Extracted(decoded.text, "txt", encoding=decoded.encoding, warnings=[
            *decoded.warnings,
            warning(FORMAT_MISMATCH, "the .eml file has no mail headers: read as plain text")])
    extracted = None
    for kind in ("plain", "html"):
        part = message.get_body(preferencelist=(kind,))
        if part is None:
            continue
        payload = part.get_payload(decode=True) or b""
        if not payload.strip():
            continue
        if kind == "html":
            from .html import read_html

            extracted = read_html(payload)
        else:
            decoded = decode_declared(payload, part.get_content_charset())
            extracted = Extracted(decoded.text, "eml", encoding=decoded.encoding,
                                  warnings=list(decoded.warnings))
        break
    if extracted is None:
        raise LoadError("empty", "the e-mail has no text or HTML body")
    attachments = [clean_field(p.get_filename()) or "unnamed" for p in message.iter_attachments()]
    return Extracted(
        extracted.text, "eml", encoding=extracted.encoding,
        title=_header(message, "subject") or extracted.title,
        date=_date(message) or extracted.date,
        author=_sender(message) or extracted.author,
        warnings=extracted.warnings,
        extra={"attachments": attachments} if attachments else {})


def _header(message, name: str) -> str | None:
    try:
        return clean_field(message[name])
    except Exception:  # a header the policy cannot parse
        return None


def _date(message) -> str | None:
    raw = _header(message, "date")
    if not raw:
        return None
    try:
        return iso_date(email.utils.parsedate_to_datetime(raw))
    except (TypeError, ValueError, IndexError):
        return None


def _sender(message) -> str | None:
    raw = _header(message, "from")
    if not raw:
        return None
    name, address = email.utils.parseaddr(raw)
    return clean_field(name or address)
