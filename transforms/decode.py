"""Bytes → text: detect the encoding of a report file, or say in words why it cannot be read."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

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


def decode(data: bytes) -> Decoded:
    """Decode a report file: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK.

    Raises DecodeError for empty, binary or undecodable input. Line ends CRLF and CR become LF, so
    line numbers count the same way as splitting the raw file on its line breaks.
    """
    if not data.strip():
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
    if not text.strip():
        raise DecodeError("empty file: whitespace only")
    # Judged on the start of the text: enough to tell a report from binary or foreign text.
    head = "".join(text[: 2 * SAMPLE].split())[:SAMPLE]
    controls = _count(text[: 2 * SAMPLE], _CONTROL_BYTES)
    if controls > max(2, len(head) // 100):
        raise DecodeError(f"binary file: {controls} control characters after decoding as {encoding}")
    if _count(head, _HAN_LEADS) < max(1, len(head) // 20):
        raise DecodeError(f"not a Chinese report: under 5% Chinese characters after decoding as {encoding}")
    return Decoded(text=text, encoding=encoding)
