"""Decoding: every encoding the inbox may hold, and a clear reason for what cannot be read."""

from __future__ import annotations

import codecs

import pytest

from transforms.decode import DecodeError, decode

TEXT = "全国人民代表大会常务委员会工作报告\n制定法律5件，满意度达到98%。\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
    ],
)
def test_encodings_give_the_same_text(data: bytes, encoding: str) -> None:
    decoded = decode(data)
    assert decoded.text == TEXT
    assert decoded.encoding == encoding


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_line_ends_become_lf_and_keep_line_numbers(newline: str) -> None:
    data = TEXT.replace("\n", newline).encode("utf-8")
    decoded = decode(data)
    assert decoded.text == TEXT
    assert decoded.text.split("\n")[1] == "制定法律5件，满意度达到98%。"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\n\t ", "empty file"),
        ("\n　\n".encode(), "empty file: whitespace only"),
        (bytes(range(256)) * 4, "binary file"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "binary file"),
        (b"\xff\xfe\x00\xd8" + b"\x00\xdc" * 3, "undecodable"),
        (b"just an English note, no report here\n" * 5, "not a Chinese report"),
    ],
)
def test_bad_files_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(DecodeError) as err:
        decode(data)
    assert str(err.value).startswith(reason)
