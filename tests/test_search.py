"""transforms.search: a large character class tested in small ones answers as the class would."""

from __future__ import annotations

import re
import string

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.anomalies import NOT_MASK_LETTERS
from transforms.normalize import _FULLWIDTH, SP_CHARS
from transforms.search import GROUP, has_any

# Report-like text: Han, full-width forms, Latin letters, digits, spaces and punctuation.
ALPHABET = "报告人大代表xX０９Ａｚ％．ab YZ0 9\u3000\u00a0*_版，。"
CHARSETS = [
    NOT_MASK_LETTERS,
    "".join(_FULLWIDTH) + SP_CHARS + "*_版",
    "版",
    "*_",
]


@settings(max_examples=60, deadline=None)
@given(texts=st.lists(st.text(alphabet=ALPHABET, max_size=30), min_size=1, max_size=40))
@pytest.mark.parametrize("chars", CHARSETS)
def test_has_any_answers_as_one_character_class(chars: str, texts: list[str]) -> None:
    frame = pl.DataFrame({"text": texts})
    whole = "[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]"
    got = frame.select(has_any(pl.col("text"), chars)).to_series()
    assert got.to_list() == frame.select(pl.col("text").str.contains(whole)).to_series().to_list()


def test_a_large_class_is_split_into_small_ones() -> None:
    # The point of has_any: no class it runs holds more than GROUP characters.
    expr = has_any(pl.col("text"), string.ascii_letters)
    classes = re.findall(r"\[[^\]]*\]", str(expr))
    assert len(classes) == -(-52 // GROUP)
    with pytest.raises(ValueError):
        has_any(pl.col("text"), "")
