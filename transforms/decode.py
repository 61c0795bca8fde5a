"""Bytes → text: detect the encoding of a report file, or say in words why it cannot be read."""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

# Counted on UTF-8 bytes with bytes.translate (C speed): control characters are single bytes, and
# a Chinese character (U+4000–U+9FFF) starts with a lead byte E4–E9.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])
_HAN_LEADS = bytes(range(0xE4, 0xEA))
# Characters looked at to tell a report from binary or foreign text: a page or two is enough, and
# looking at the whole of a typical 50 KB report cost a fifth of reading the inbox.
SAMPLE = 4_000


class DecodeError(ValueError):
    """The file is not a readable text; `str(err)` is the reason shown to the user."""


@dataclass(frozen=True)
class Decoded:
    text: str  # line ends normalised to "\n"
    encoding: str  # utf-8, utf-8-sig, utf-16, gb18030


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _count(text: str, single_bytes: bytes) -> int:
    """How many bytes of `text` in UTF-8 are among `single_bytes`."""
    raw = text.encode("utf-8", "surrogatepass")
    return len(raw) - len(raw.translate(None, single_bytes))


def _blank(data: bytes) -> bool:
    """Empty or ASCII white space only (as `not data.strip()`, without copying the file)."""
    return not data or data.isspace()


def _plain_utf8(data: bytes) -> bytes | None:
    """`data` with LF line ends if it may be UTF-8 without a BOM (no BOM, no NUL, and its first
    bytes decode as UTF-8), else None.

    A GB18030 report fails on its first Chinese character, in its title: it goes straight to
    decode() instead of making the batch's UTF-8 check fail. CR is one byte in UTF-8 (and GB18030),
    never part of another character: line ends can be normalised on the bytes."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF8)) or b"\x00" in data:
        return None
    try:
        data[:256].decode("utf-8")
    except UnicodeDecodeError as err:
        if err.reason != "unexpected end of data":  # not a character cut at byte 256
            return None
    return data.replace(b"\r\n", b"\n").replace(b"\r", b"\n") if b"\r" in data else data


def decode_all(datas: Sequence[bytes]) -> tuple[pl.Series, list[str | DecodeError]]:
    """decode() of every file at once: their texts as one String column (null where a file cannot
    be read), and for each file its encoding or the DecodeError that says why.

    A report is nearly always UTF-8 without a BOM: polars checks those bytes at once and takes them
    as they are, and Python decodes only their first pages, for the checks (0.21 CPU-s per 100 MB;
    decoding each file whole into a Python string and building the column from those took
    0.35–0.40). Any other file, or one that is not valid UTF-8 after all, goes through decode().
    """
    plain = [_plain_utf8(data) for data in datas]
    texts = _utf8(pl.Series("text", plain, dtype=pl.Binary))
    valid = texts.is_not_null().to_list()
    outcomes: list[str | DecodeError] = []
    kept: list[bool] = []  # the text polars took stands
    others: list[str | None] = []  # where it does not: the text decode() gives, or None
    for data, utf8, ok in zip(datas, plain, valid, strict=True):
        outcome: str | DecodeError
        try:
            if utf8 is not None and ok:
                _check_head(utf8)
                outcome, keep, text = "utf-8", True, None
            else:
                decoded = decode(data)
                outcome, keep, text = decoded.encoding, False, decoded.text
        except DecodeError as err:
            outcome, keep, text = err, False, None
        outcomes.append(outcome)
        kept.append(keep)
        others.append(text)
    if not all(kept):
        texts = texts.zip_with(pl.Series(kept, dtype=pl.Boolean), pl.Series(others, dtype=pl.String))
    return texts, outcomes


def _utf8(data: pl.Series) -> pl.Series:
    """Binary → String, null where a value is not valid UTF-8.

    Polars refuses a whole column for one invalid value: the column is halved until each part
    converts or is one value (each invalid value costs a few conversions, which stop at its first
    invalid byte)."""
    try:
        return data.cast(pl.String)
    except pl.exceptions.ComputeError:
        if len(data) == 1:
            return pl.Series(data.name, [None], dtype=pl.String)
        half = len(data) // 2
        return pl.concat([_utf8(data[:half]), _utf8(data[half:])])


def _check_head(utf8: bytes) -> None:
    """decode()'s checks on valid UTF-8 with LF line ends, decoding no more of it than they read."""
    if _blank(utf8):
        raise DecodeError("empty file")
    # 2 * SAMPLE characters fit in 8 * SAMPLE bytes (a character cut at the end is dropped); a
    # shorter file is decoded whole.
    head = utf8[: 8 * SAMPLE].decode("utf-8", "ignore")
    if len(utf8) > 8 * SAMPLE and not head.strip():
        head = utf8.decode("utf-8")  # pages of white space first: the rest decides
    _check(head, "utf-8")


def _check(text: str, encoding: str) -> None:
    """Refuse empty, binary and foreign text (judged on the first 2 * SAMPLE characters)."""
    if not text.strip():
        raise DecodeError("empty file: whitespace only")
    # Judged on the start of the text: enough to tell a report from binary or foreign text.
    head = "".join(text[: 2 * SAMPLE].split())[:SAMPLE]
    controls = _count(text[: 2 * SAMPLE], _CONTROL_BYTES)
    if controls > max(2, len(head) // 100):
        raise DecodeError(f"binary file: {controls} control characters after decoding as {encoding}")
    if _count(head, _HAN_LEADS) < max(1, len(head) // 20):
        raise DecodeError(f"not a Chinese report: under 5% Chinese characters after decoding as {encoding}")


def decode(data: bytes) -> Decoded:
    """Decode a report file: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK.

    Raises DecodeError for empty, binary or undecodable input. Line ends CRLF and CR become LF, so
    line numbers count the same way as splitting the raw file on its line breaks.
    """
    if _blank(data):
        raise DecodeError("empty file")
    text: str | None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, text = "utf-16", _try(data, "utf-16")
    elif data.startswith(codecs.BOM_UTF8):
        encoding, text = "utf-8-sig", _try(data, "utf-8-sig")
    elif b"\x00" in data:
        raise DecodeError("binary file: contains NUL bytes and no UTF-16 byte-order mark")
    else:
        encoding, text = "utf-8", _try(data, "utf-8")
        if text is None:
            # GB18030 is a superset of GBK and GB2312; it accepts most byte strings, so the
            # result is checked for control characters and Chinese text below.
            encoding, text = "gb18030", _try(data, "gb18030")
    if text is None:
        raise DecodeError(f"undecodable: not valid {encoding} (tried UTF-8, UTF-16 with BOM, GB18030)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _check(text, encoding)
    return Decoded(text=text, encoding=encoding)
