"""Tokens are jieba's tokens: rjieba with the same dictionary and user words must agree."""

from __future__ import annotations

import logging
import re

import jieba
import polars as pl
import pytest

from flows.config import USER_DICT
from transforms import tokens as tok_tf
from transforms.tokens import cut_paragraphs, parse_user_dict, section_terms, segmenter, term_counts

WORDS = parse_user_dict(USER_DICT.read_text(encoding="utf-8"))
# jieba (Python) and jieba-rs differ on masked decimals such as "xx.x%" (rjieba keeps them whole).
MASKED_DECIMAL = re.compile(r"x+\.x+")


@pytest.fixture(scope="module")
def python_jieba() -> jieba.Tokenizer:
    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    for word, freq in WORDS:
        tok.add_word(word, freq)
    return tok


def test_rjieba_gives_jiebas_tokens_on_the_corpus(
    segmented: dict[str, pl.DataFrame], python_jieba: jieba.Tokenizer
) -> None:
    fast = segmenter(WORDS)
    texts = segmented["paragraphs"].get_column("text").to_list()
    compared = [t for t in texts if not MASKED_DECIMAL.search(t)]
    assert len(compared) > 0.97 * len(texts)
    differing = [t for t in compared if fast.cut(t, True) != python_jieba.lcut(t, HMM=True)]
    assert differing == []


def test_user_dictionary_words_stay_whole() -> None:
    tokens = segmenter(WORDS).cut("发展全过程人民民主，建好基层立法联系点，做好备案审查工作。", True)
    assert {"全过程人民民主", "基层立法联系点", "备案审查"} <= set(tokens)


def test_term_counts_keep_chinese_words_of_two_or_more_characters() -> None:
    paras = pl.DataFrame(
        {
            "doc_id": ["d", "d"],
            "section_no": [1, 1],
            "paragraph_id": [0, 1],
            "text": ["备案审查的备案审查。", "审议法律5件。"],
        }
    )
    counts = term_counts(cut_paragraphs(paras, WORDS))
    got = dict(zip(counts.get_column("term"), counts.get_column("count"), strict=True))
    assert got["备案审查"] == 2 and got["法律"] == 1
    assert "的" not in got and "。" not in got and "5" not in got


def test_section_terms_are_the_counts_of_the_cut_tokens(segmented: dict[str, pl.DataFrame]) -> None:
    paras = segmented["paragraphs"].filter(pl.col("role") != "header")
    tokens = cut_paragraphs(paras, WORDS)
    terms, n_tokens = section_terms(paras, WORDS)
    counts = terms.expand()
    assert n_tokens == tokens.height
    key = ["doc_id", "section_no", "term"]
    assert counts.sort(key).equals(term_counts(tokens).sort(key))
    # By hand, for one section: every token of two or more characters with a Chinese character.
    first = tokens.filter(pl.col("doc_id") == pl.col("doc_id").first(), pl.col("section_no") == 1)
    expected = first.filter(tok_tf.IS_TERM).group_by("token").len()
    got = counts.join(first.select("doc_id", "section_no").unique(), on=["doc_id", "section_no"])
    assert dict(zip(got["term"], got["count"], strict=True)) == dict(
        zip(expected["token"], expected["len"], strict=True)
    )
