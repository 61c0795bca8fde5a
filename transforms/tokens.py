"""Word segmentation with jieba's dictionary and a domain user dictionary, and term counts.

rjieba (the jieba-rs binding) gives jieba's own tokens about 20× faster; tests check the two agree.
Whole paragraphs go to the segmenter in one call each: per-sentence calls cost more in call
overhead than in cutting.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import polars as pl
import rjieba

UserWords = tuple[tuple[str, int], ...]
SEP = "\x1f"  # ASCII unit separator: never in a report, never a token
PARAGRAPH_BREAK = "\n"  # jieba cuts at every whitespace character and gives it as a token of its own


def parse_user_dict(text: str) -> UserWords:
    """jieba's user dictionary format: `word [freq [tag]]` a line."""
    words = []
    for line in text.splitlines():
        parts = line.split()
        if parts:
            words.append((parts[0], int(parts[1]) if len(parts) > 1 else 1000))
    return tuple(words)


@lru_cache(maxsize=4)
def segmenter(words: UserWords) -> rjieba.Jieba:
    jieba = rjieba.Jieba()
    for word, freq in words:
        jieba.add_word(word, freq, None)
    return jieba


# A term is a token of two or more characters with at least one Chinese character (single
# characters are mostly function words).
IS_TERM = (pl.col("token").str.len_chars() >= 2) & pl.col("token").str.contains(r"\p{Han}")


SHIFT = 1 << 32  # a section key and a term number packed in one UInt64


def _cut(texts: pl.Series, words: UserWords) -> pl.Series:
    """Each text → its list of tokens, in order."""
    cut = segmenter(words).cut
    # Joined with a separator no report contains and split again by polars: building a list
    # column from millions of small Python strings costs more than the cutting itself.
    joined = [SEP.join(cut(text, True)) for text in texts.to_list()]
    return pl.Series(joined, dtype=pl.String).str.split(SEP)


def cut_paragraphs(paras: pl.DataFrame, words: UserWords) -> pl.DataFrame:
    """paragraphs (doc_id, section_no, paragraph_id, text) → one row per token, in order."""
    return (
        paras.select("doc_id", "section_no", "paragraph_id")
        .with_columns(token=_cut(paras.get_column("text"), words))
        .explode("token")
        .filter(pl.col("token") != "")
    )


def _section_key() -> pl.Expr:
    """A small integer per (doc_id, section_no), in their order: cheaper to group by than strings."""
    return pl.struct("doc_id", "section_no").rank("dense").cast(pl.UInt32).alias("key")


class TermCounts(NamedTuple):
    """Term counts per section, in integers: each (section, term) pair once, with its count.

    Kept apart from the strings they stand for, so that the 7.6 million rows per 100 MB of text
    are never widened to strings unless something needs them (`expand`).
    """

    counts: pl.DataFrame  # key, term_no (UInt32), count (Int64): by key, then term_no
    sections: pl.DataFrame  # key, doc_id, section_no: key = 1..K, in order
    terms: pl.DataFrame  # term_no, term: term_no = 0..V-1, in term order

    def expand(self, rows: pl.DataFrame | None = None) -> pl.DataFrame:
        """`rows` of counts (all by default) as (doc_id, section_no, term, count)."""
        rows = self.counts if rows is None else rows
        at = rows.get_column("key") - 1  # keys are dense ranks 1..K
        return rows.select(
            doc_id=self.sections.get_column("doc_id").gather(at),
            section_no=self.sections.get_column("section_no").gather(at),
            term=self.terms.get_column("term").gather(rows.get_column("term_no")),
            count="count",
        )


def _count(tokens: pl.DataFrame, keys: pl.DataFrame) -> TermCounts:
    """tokens (key, token) → counts per section and term, keys giving each key's section."""
    # One pass over the tokens gathers each distinct token's sections; whether a token is a term is
    # then decided once per distinct token, which also numbers the terms.
    # A term has a Chinese character (3 or 4 bytes in UTF-8) and another character: 4 bytes or
    # more. The byte test drops a third of the tokens (single characters, punctuation) unhashed.
    terms = (
        tokens.filter(pl.col("token").str.len_bytes() >= 4)
        .group_by("token")
        .agg(pl.col("key"))
        .filter(IS_TERM)
        .sort("token")
        .with_row_index("tid")
    )
    # (section, term) as one integer: sorting and run-length encoding it counts the pairs several
    # times faster than grouping by a string column.
    pairs = (
        terms.select("tid", "key")
        .explode("key")
        .select(pair=pl.col("key").cast(pl.UInt64) * SHIFT + pl.col("tid").cast(pl.UInt64))
        .select(pl.col("pair").sort().rle())
        .unnest("pair")
    )
    counts = pairs.select(
        key=(pl.col("value") // SHIFT).cast(pl.UInt32),
        term_no=(pl.col("value") % SHIFT).cast(pl.UInt32),
        count=pl.col("len").cast(pl.Int64),
    )
    sections = keys.select("key", "doc_id", "section_no").unique("key").sort("key")
    return TermCounts(counts, sections, terms.select(term_no="tid", term="token"))


def term_counts(tokens: pl.DataFrame) -> pl.DataFrame:
    """Tokens (doc_id, section_no, token) → counts per (doc_id, section_no, term)."""
    keyed = tokens.with_columns(_section_key())
    return _count(keyed.select("key", "token"), keyed.select("key", "doc_id", "section_no")).expand()


def section_terms(paras: pl.DataFrame, words: UserWords) -> tuple[TermCounts, int]:
    """paragraphs (doc_id, section_no, text) → (term counts per section, number of tokens).

    The same counts as term_counts(cut_paragraphs(...)) without a frame of every token's section.
    """
    keys = paras.select("doc_id", "section_no", _section_key())
    # One call per section, its paragraphs joined by a line break: a call per paragraph costs a
    # quarter more than the cutting itself. No token spans a line break, so the tokens are the
    # paragraphs' own plus one line break token per join, which the count leaves out.
    sections = (
        keys.select("key", text=paras.get_column("text"))
        .group_by("key", maintain_order=True)
        .agg(pl.col("text").str.join(PARAGRAPH_BREAK))
    )
    tokens = sections.select("key", token=_cut(sections.get_column("text"), words)).explode("token")
    joins = paras.height - sections.height
    n_tokens = int(tokens.select((pl.col("token") != "").sum()).item()) - joins
    return _count(tokens, keys), n_tokens
