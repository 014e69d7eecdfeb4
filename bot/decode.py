"""Bytes → text: only charsets on an allow-list, a guess with a confidence floor, no binaries."""

from __future__ import annotations

import codecs
import re
import unicodedata

import ftfy

from bot.errors import UnsupportedContent

_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}charset=["']?([A-Za-z0-9_\-:.]{1,40})""", re.I)
# Encodings web pages use (WHATWG's list, by Python codec name). Everything else is refused:
# `punycode` decodes in quadratic time and `utf-7` smuggles markup past filters.
_ALLOWED = frozenset(
    codecs.lookup(name).name
    for name in (
        "utf-8", "utf-16-le", "utf-16-be", "utf-16", "ascii", "latin-1", "cp437", "cp850",
        "iso8859-2", "iso8859-3", "iso8859-4", "iso8859-5", "iso8859-6", "iso8859-7",
        "iso8859-8", "iso8859-10", "iso8859-13", "iso8859-14", "iso8859-15", "iso8859-16",
        "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257",
        "cp1258", "cp874", "koi8-r", "koi8-u", "mac-roman", "mac-cyrillic", "gb2312", "gbk",
        "gb18030", "big5", "big5hkscs", "euc-jp", "iso2022-jp", "shift-jis", "cp932",
        "euc-kr", "cp949", "tis-620",
    )
)  # fmt: skip
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Magic numbers of formats sometimes served as text/html.
_MAGIC = (
    b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF", b"OggS",
    b"ID3", b"RIFF", b"\x00\x00\x01\x00", b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf", b"MZ",
)  # fmt: skip
SAMPLE_BYTES = 64 * 1024
#: charset-normalizer's "chaos" (0 clean … 1 noise) above which a guess is not trusted.
MAX_CHAOS = 0.2
#: Share of control characters and U+FFFD above which a "page" is binary.
MAX_JUNK = 0.02
NOT_TEXT = "That link is not a text page (it looks like binary data)."
REPAIR_MAX_CHARS = 1_000_000
_C1_CONTROL = re.compile("[\x80-\x9f]")


def allowed_codec(name: str | None) -> str | None:
    """Python's codec name for `name` if it is on the allow-list, else None."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().strip("\"'")).name
    except (LookupError, ValueError):
        return None
    return codec if codec in _ALLOWED else None


def decode(body: bytes, declared: str | None) -> str:
    """Decode with a BOM, the HTTP charset, the page's <meta charset>, else a guess."""
    if body.startswith(_MAGIC):
        raise UnsupportedContent(NOT_TEXT)
    for bom, codec in _BOMS:
        if body.startswith(bom):
            return _checked(body.decode(codec, errors="replace"))
    meta = _META_CHARSET.search(body[:4096])
    candidates = [declared, meta.group(1).decode("ascii") if meta else None]
    for codec in filter(None, map(allowed_codec, candidates)):
        try:
            return _checked(body.decode(codec))
        except UnicodeDecodeError:
            if codec == "utf-8" and _mostly_utf8(body):
                return _checked(body.decode(codec, errors=_STRAY_BYTES))
    guess = _guess(body[:SAMPLE_BYTES]) or next(filter(None, map(allowed_codec, candidates)), None)
    return _checked(body.decode(guess or "utf-8", errors="replace"))


# A character of two, three or four bytes in UTF-8.
_UTF8_CHARACTER = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
# The error handler that reads a byte UTF-8 cannot decode as Windows-1252.
_STRAY_BYTES = "newsbot-stray-cp1252"


def _mostly_utf8(body: bytes) -> bool:
    """Whether a page that declares UTF-8 and does not decode as UTF-8 is UTF-8 with a few
    stray bytes of Windows-1252 pasted in ("Motion\x92s" among “…” written in UTF-8), as older
    pages often are: as many UTF-8 characters as undecodable bytes. A page in another
    encoding altogether (declared UTF-8 wrongly) has next to no UTF-8 characters."""
    stray = body.decode("utf-8", errors="replace").count("\ufffd")
    return len(_UTF8_CHARACTER.findall(body)) >= stray


def _stray_as_cp1252(err: UnicodeError) -> tuple[str, int]:
    """Bytes UTF-8 cannot decode, read as Windows-1252 ("\x92" -> "’")."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    return err.object[err.start : err.end].decode("cp1252", errors="replace"), err.end


codecs.register_error(_STRAY_BYTES, _stray_as_cp1252)


def _guess(sample: bytes) -> str | None:
    try:
        sample.decode("utf-8")
        return "utf-8"  # the common case, and charset-normalizer's slowest
    except UnicodeDecodeError as err:
        if err.start >= len(sample) - 4:  # the sample cut a character in half
            return "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(sample, threshold=MAX_CHAOS).best()
    return allowed_codec(best.encoding) if best is not None else None


def _checked(text: str) -> str:
    """`text` with mojibake repaired, unless it is mostly control characters or undecodable
    bytes."""
    text = _repaired(text)
    sample = text[:SAMPLE_BYTES]
    junk = sum(
        1
        for ch in sample
        if ch == "\ufffd" or (ch not in "\t\n\r\f\v" and unicodedata.category(ch) == "Cc")
    )
    if sample and junk / len(sample) > MAX_JUNK:
        raise UnsupportedContent(NOT_TEXT)
    return text


def _repaired(text: str) -> str:
    """Mojibake repaired by ftfy: UTF-8 that the page's own software read as Latin-1, once or
    twice ("WeÃ¢Â\x80Â\x99re" -> "We’re"). Such text holds C1 control characters, which no
    page text has, so only a page with them is repaired, and only up to `REPAIR_MAX_CHARS`
    (ftfy's cost grows with the text: about 2.5 s of CPU for a megabyte of mojibake)."""
    if len(text) > REPAIR_MAX_CHARS or not _C1_CONTROL.search(text):
        return text
    return ftfy.fix_encoding(text)
