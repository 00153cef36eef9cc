"""Plain text: bytes to text, honouring byte-order marks, detecting other encodings, refusing
mojibake.

The order of evidence: the caller's encoding, else a byte-order mark (UTF-8, UTF-16, UTF-32),
else UTF-8 when the bytes are valid UTF-8, else charset-normalizer's detection (named in the
``Reading``, so a person can see what was assumed). Whatever the codec, a text that decodes
into the typical debris of UTF-8 read as a single-byte code page (``stipulÃ©``, ``â€™``,
``РЎС‚Р°``) is an error, not a text to compare.
"""

from __future__ import annotations

import codecs
import re

from clausediff.errors import DecodeError, InputError, MojibakeError
from clausediff.readers.base import Format, Reading

__all__ = ["decode_bytes", "mojibake_sample", "read_text"]

_BINARY_PROBE = 8192
_SAMPLE = 500_000  # characters of a long text looked at for mojibake, at its start and middle
# Longest first: a UTF-32 LE mark begins with the UTF-16 LE mark.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# What a UTF-8 continuation byte (0x80-0xBF) becomes in cp1252 or latin-1.
_CONTINUATION = "\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160" \
    "\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a" \
    "\u0153\u017e\u0178"  # fmt: skip
_MOJIBAKE = re.compile(
    # one class first, the lead characters of every kind, so that the engine skips through
    # the text looking for one of them (three alternatives first made it try each everywhere)
    r"[\u00c2-\u00efРС](?:"
    # UTF-8 read as cp1252 / latin-1: a lead byte (Â..ß, à..ï) then continuation bytes
    rf"(?<=[\u00c2-\u00df])[{_CONTINUATION}]|(?<=[\u00e0-\u00ef])[{_CONTINUATION}]{{2}}"
    # UTF-8 Cyrillic read as cp1251: Р or С then a cp1251 punctuation or symbol character
    r"|(?<=[РС])[\u201a\u201e\u2026\u2020\u2021\u20ac\u2030\u2039\u203a\u2018\u2019\u201c"
    r"\u201d\u2022\u2013\u2014\u2122\u00b0\u00b1\u00b5\u00b6\u00b7])"
)
_WIDE = ("utf-16", "utf-32", "utf16", "utf32")


def _check_codec(encoding: str, source: str | None) -> str:
    try:
        info = codecs.lookup(encoding)
    except LookupError as e:
        raise InputError(
            f"unknown encoding {encoding!r}", source=source, hint="name a Python codec, as cp1252"
        ) from e
    if not getattr(info, "_is_text_encoding", True):  # rot13, hex, base64, zlib: no charsets
        raise InputError(
            f"{encoding!r} is not a text encoding (it turns text into text or bytes into bytes)",
            source=source,
            hint="name a character encoding, as cp1252",
        )
    return info.name


def _utf16_without_mark(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when the file's NUL bytes all sit on one side of its byte
    pairs, and on that side often: UTF-16 text with no byte-order mark, not a binary file."""
    probe = data[:_BINARY_PROBE]
    if len(data) % 2 or len(probe) < 32:  # a few bytes say nothing of how they pair
        return None
    even, odd = probe[0::2].count(0), probe[1::2].count(0)
    if odd >= len(probe) // 8 and even == 0:
        return "utf-16-le"
    if even >= len(probe) // 8 and odd == 0:
        return "utf-16-be"
    return None


_PERVASIVE = 0.01  # mojibake sequences per character, at the least, for a text to be refused


def mojibake_sample(text: str) -> str | None:
    """A few characters around the first sign of mojibake in *text*, or ``None`` when the
    text does not look like one encoding read as another."""
    if len(text) > 2 * _SAMPLE:  # mojibake is a whole file's condition: two samples tell
        middle = len(text) // 2
        text = text[:_SAMPLE] + "\n" + text[middle : middle + _SAMPLE]
    found = list(_MOJIBAKE.finditer(text))
    if not found:
        return None
    foreign = len(text) - len(text.encode("ascii", "ignore"))
    share = len(found) / max(foreign, 1)
    # a few mojibake words in an otherwise readable text (a title field converted twice, in an
    # English agreement) spoil nothing else: the text is read as it is; mojibake that runs
    # through the text (every letter of a Russian text read as cp1252) is refused
    pervasive = len(found) >= _PERVASIVE * len(text)
    if pervasive and ((len(found) >= 3 and share >= 0.1) or share >= 0.25):
        at = found[0].start()
        start = max(0, at - 12)
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        return " ".join(text[start : found[0].end() + 12].split())
    return None


def _strict(data: bytes, codec: str, source: str | None) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as e:
        raise DecodeError(
            f"not valid {codec}: byte 0x{data[e.start]:02x} at byte offset {e.start} ({e.reason})",
            offset=e.start,
            source=source,
            hint="if the file uses another encoding, name it (for example cp1252 or latin-1)",
        ) from e


def _western(data: bytes) -> str | None:
    """The text in cp1252 when it reads as a Western European text there: accented letters
    a minority of the letters (a Cyrillic or Greek code page read as cp1252 is all accents)."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [c for c in text if c.isalpha()]
    foreign = [c for c in letters if ord(c) > 0x7F]
    if not letters or len(foreign) > 0.3 * len(letters):
        return None
    if any(not ("\u00c0" <= c <= "\u024f") for c in foreign):
        return None
    return text


def _detect(data: bytes, error: DecodeError, source: str | None) -> tuple[str, str]:
    """Decode bytes that are not UTF-8: as cp1252 when they read as a Western European text
    there (the commonest legacy encoding of treaty texts, which short samples leave
    ambiguous), else with charset-normalizer's best guess."""
    from charset_normalizer import from_bytes

    western = _western(data)
    if western is not None:
        return western, "cp1252"
    best = from_bytes(data).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        raise error
    codec = codecs.lookup(best.encoding).name
    return _strict(data, codec, source), codec


_SURROGATE = re.compile("[\ud800-\udfff]")
_STRICT_UNICODE = ("utf-8", "utf-16", "utf-32")


def _refuse_surrogates(text: str, codec: str, source: str | None) -> None:
    """A codec that escapes (``unicode_escape``, ``utf-7``) can decode to a lone surrogate:
    half a character, which no file can store and no terminal can show."""
    if codec.startswith(_STRICT_UNICODE):
        return  # these decoders refuse lone surrogates themselves: no need to scan the text
    found = _SURROGATE.search(text)
    if found is not None:
        raise DecodeError(
            f"decoded with {codec}, the text holds half a character (a lone surrogate, "
            f"U+{ord(found.group()):04X}) at character {found.start()}: not valid Unicode",
            offset=found.start(),
            source=source,
            hint="the file is not in this encoding; name another",
        )


def decode_bytes(
    data: bytes, *, encoding: str | None = None, source: str | None = None
) -> tuple[str, str, bool]:
    """Decode a text file's bytes: ``(text, codec, detected)``. A byte-order mark is honoured
    and dropped; no newline is translated.

    *encoding* is the caller's codec; without it, a byte-order mark, then UTF-8, then
    detection decide (``detected`` is then true).

    Raises:
        InputError: the data is empty, looks binary (NUL bytes), or *encoding* is unknown.
        DecodeError: the data is not valid in the codec (the first bad byte is named).
        MojibakeError: the text decodes, but into one encoding read as another.
    """
    if encoding is not None:
        codec = _check_codec(encoding, source)
    if not data:
        raise InputError("the file is empty", source=source)
    bom = next(((mark, name) for mark, name in _BOMS if data.startswith(mark)), None)
    detected = False
    if encoding is not None:
        if codec == "utf-8" and bom is not None and bom[1] == "utf-8-sig":
            codec = "utf-8-sig"
    elif bom is not None:
        codec = bom[1]
    else:
        codec = "utf-8"
    wide = codec.startswith(_WIDE)
    if not wide and b"\x00" in data[:_BINARY_PROBE]:
        utf16 = _utf16_without_mark(data) if bom is None else "utf-16"
        if utf16 is None:
            raise InputError(
                "this looks like a binary file (it holds NUL bytes), not a treaty text",
                source=source,
            )
        if encoding is not None:
            raise InputError(
                f"this file is UTF-16 (every other byte is NUL), not {encoding}",
                source=source,
                hint=f"read it as {utf16}",
            )
        codec, detected = utf16, True
    try:
        text = _strict(data, codec, source)
    except DecodeError as e:
        if encoding is not None or bom is not None:
            raise
        text, codec = _detect(data, e, source)
        detected = True
    _refuse_mojibake(text, data, codec, source)
    _refuse_surrogates(text, codec, source)
    nul = text.find("\x00")
    if nul != -1:  # past the first 8 KB, or in a wide encoding: no text holds one
        raise InputError(
            f"the text holds a NUL character at character {nul}: a binary file, or a text "
            "damaged in transfer, not a treaty text",
            source=source,
        )
    return text, codec, detected


def _refuse_mojibake(text: str, data: bytes, codec: str, source: str | None) -> None:
    sample = mojibake_sample(text)
    if sample is None:
        return
    if codec not in ("utf-8", "utf-8-sig"):
        try:
            data.decode("utf-8")
            hint = "the file is valid UTF-8: read it as UTF-8 (leave the encoding out)"
        except UnicodeDecodeError:
            hint = "name the file's real encoding"
    else:
        hint = (
            "the file itself holds mojibake (text converted twice); convert it back "
            "(for example with ftfy) and read it again"
        )
    raise MojibakeError(
        f"decoded as {codec}, the text is mojibake ({sample!r}): one encoding read as another",
        offset=0,
        source=source,
        hint=hint,
    )


def read_text(data: bytes, *, encoding: str | None = None, source: str | None = None) -> Reading:
    """Read a plain-text file: the decoded text, exactly (see ``decode_bytes``)."""
    text, codec, detected = decode_bytes(data, encoding=encoding, source=source)
    return Reading(text, Format.TEXT, encoding=codec, detected=detected)
