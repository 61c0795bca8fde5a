"""Decoding: every encoding the inbox may hold, and a clear reason for what cannot be read."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transforms.decode import DecodeError, decode, decode_all

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


LONG = "\n" * 40_000 + TEXT * 2_000  # pages of blank lines before the report: over 8 * SAMPLE bytes


# Every kind of file decode() takes or refuses, side by side in one batch.
MIXED = [
    TEXT.encode("utf-8"),
    TEXT.replace("\n", "\r\n").encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    TEXT.encode("gb18030"),
    codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    b"",
    "\n　\n".encode(),
    bytes(range(256)) * 4,
    b"just an English note, no report here\n" * 5,
    LONG.encode("utf-8"),
    ("\u3000" * 20_000).encode("utf-8"),
    "\u3000".encode() * 20_000 + b"x" * 10,
    ("ab" + "人大" * 100).encode("utf-8"),  # a character across byte 256, where the first look stops
    ("x" * 300 + TEXT).encode("gb18030"),  # GB18030 that looks like UTF-8 for its first 256 bytes
]


def assert_decoded_as_one_by_one(batch: list[bytes]) -> None:
    """decode_all gives each file the text, encoding or reason decode() gives it alone."""
    texts, outcomes = decode_all(batch)
    assert len(texts) == len(outcomes) == len(batch)
    for data, text, outcome in zip(batch, texts.to_list(), outcomes, strict=True):
        try:
            one = decode(data)
        except DecodeError as err:
            assert isinstance(outcome, DecodeError) and str(outcome) == str(err)
            assert text is None
        else:
            assert (text, outcome) == (one.text, one.encoding)


def test_decoding_a_batch_gives_what_decoding_each_file_gives() -> None:
    assert_decoded_as_one_by_one(MIXED)


# Chinese text, line ends of every kind, white space that strip() knows and a control character.
_PIECES = st.sampled_from(
    ["人大", "制定法律5件", "，", "。", " ", "\u3000", "\n", "\r\n", "\r", "x", "\t", "\x07", "𠀀"]
)
_FILES = st.builds(
    lambda pieces, encoding, junk: "".join(pieces).encode(encoding) + junk,
    st.lists(_PIECES, max_size=60),
    st.sampled_from(["utf-8", "gb18030", "utf-8-sig", "utf-16"]),
    st.binary(max_size=3),
)


@given(st.lists(_FILES, min_size=1, max_size=5))
def test_any_mix_of_files_decodes_alike_in_a_batch(batch: list[bytes]) -> None:
    assert_decoded_as_one_by_one(batch)
