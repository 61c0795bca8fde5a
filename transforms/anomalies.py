"""Text anomalies of the source reports, each placed at its raw file line (pure polars).

The checks look for damage a reviewer should see before trusting a document's figures, and are
tuned to stay short (tens of rows for a corpus, not one row per character):

- latin_word: a lower-case Latin word inside a Chinese sentence ("精神 and 中央"), typically a
  stray conjunction from machine translation or a bad edit. Acronyms (APP, GDP), units after a
  digit (5km) and masks (x, xx) are not words here.
- doubled_word: a 2-4 character word written twice in a row ("疫情疫情"). Reduplication that is
  Chinese grammar (一步一步, 研究研究, 常常, 一个个) and the noun+verb 代表代表 are left alone.
- truncated_paragraph: a paragraph that stops without terminal punctuation although it is prose
  (a body paragraph with clause punctuation), or a "heading" right after a line ending in "："
  (a salutation such as 各位代表： announces text, so a short unpunctuated line there is a sentence
  cut mid-word, e.g. "现在，我受十三届全国人民代表大会常务委").
- masked_numbers: digits replaced by x (x, xx, xx.x%, 20xx) in anonymised texts; one row per
  document with the count and the lines, since such documents hold hundreds of them.
"""

from __future__ import annotations

import string

import numpy as np
import polars as pl

from transforms.figures import MASKED
from transforms.search import has_any

ANOMALIES = pl.Schema(
    {
        "doc_id": pl.String,
        "source_file": pl.String,
        "source_line": pl.Int64,
        "kind": pl.String,
        "severity": pl.String,
        "detail": pl.String,
    }
)
FOUND = pl.Schema({k: v for k, v in ANOMALIES.items() if k != "severity"})  # a check's rows
SEVERITY = {
    "latin_word": "warning",
    "doubled_word": "warning",
    "truncated_paragraph": "warning",
    "masked_numbers": "info",
}

# A Latin run with at least one lower-case letter; all-x runs are masks and handled elsewhere.
LATIN = r"[A-Za-z]{2,}"
NOT_MASK_LETTERS = string.ascii_letters.replace("x", "").replace("X", "")
# A mask: a run of x standing alone or inside a year (20xx); ASCII word boundaries make Han
# characters count as boundaries, so "xx件" and "市x届" are masks but "xylophone" is not.
MASK = rf"(?-u:\b)(?:(?:19|20)[xX]{{2}}|{MASKED})(?-u:\b)%?"
# ABAB reduplication that is grammar, not a typing slip (verbs "try a little", colour intensives).
REDUPLICATED = (
    "研究",
    "讨论",
    "商量",
    "学习",
    "交流",
    "了解",
    "考虑",
    "休息",
    "活动",
    "锻炼",
    "打扫",
    "收拾",
    "整理",
    "介绍",
    "比较",
    "尝试",
    "体验",
    "思考",
    "琢磨",
    "检查",
    "雪白",
    "通红",
    "冰凉",
    "笔直",
    "火红",
    "碧绿",
    "金黄",
    "漆黑",
    "代表",  # 人大代表代表人民 / 代表代表团: noun then verb or word start
)
# What a check keeps of a sentence: its key, its text and what places a hit at its raw line.
SENTENCE = ("doc_id", "sentence_id", "text", "source_file", "seg_offsets", "seg_lines")
CONTEXT = 8  # characters of context shown on each side in `detail`
MAX_LINES_LISTED = 12


def _line_at(hits: pl.DataFrame) -> pl.DataFrame:
    """Add source_line for hits (pos, seg_offsets, seg_lines: their sentence's line map), dropping
    the map. Hits carry their sentence's map from the start: joining the few hits back to every
    sentence cost more than the rest of a check.

    The character at `pos` comes from seg_lines[i] for the last i with seg_offsets[i] <= pos.
    """
    keyed = hits.with_row_index("_hit")
    lines = (
        keyed.select("_hit", "pos", "seg_offsets", "seg_lines")
        .explode("seg_offsets", "seg_lines")
        .filter(pl.col("seg_offsets") <= pl.col("pos"))
        .group_by("_hit")
        .agg(source_line=pl.col("seg_lines").last())
    )
    return keyed.join(lines, on="_hit", how="left").sort("_hit").drop("_hit", "seg_offsets", "seg_lines")


def _excerpt(start: pl.Expr, length: pl.Expr) -> pl.Expr:
    lo = (start - CONTEXT).clip(lower_bound=0)
    return pl.lit("…") + pl.col("text").str.slice(lo, length + (start - lo) + CONTEXT) + pl.lit("…")


def _offsets(frame: pl.DataFrame, pattern: str) -> pl.DataFrame:
    """One row per match of `pattern` in frame.text: the frame's columns plus `match` and `pos`.

    Polars has no match offsets, so the text is cut before every match and the lengths of the
    pieces before each one give its character offset: a running sum over all pieces, less its value
    at the first piece of the piece's text (a running sum per text, in list.eval, costs twice that).
    """
    length = pl.col("piece").str.len_chars().cast(pl.Int64)  # a running sum over a whole frame
    before = length.cum_sum() - length
    return (
        frame.with_columns(piece=pl.col("text").str.replace_all(pattern, "\x00${0}").str.split("\x00"))
        .filter(pl.col("piece").list.len() > 1)
        .with_columns(k=pl.int_ranges(pl.col("piece").list.len()))
        .explode("piece", "k")
        .with_columns(pos=before - pl.when(pl.col("k") == 0).then(before).forward_fill())
        .filter(pl.col("k") > 0)
        .with_columns(match=pl.col("piece").str.extract(f"^({pattern})", 1))
        .drop("piece", "k")
    )


def latin_words(sentences: pl.DataFrame) -> pl.DataFrame:
    """Lower-case Latin words inside sentences that contain Chinese."""
    # A word has a letter other than x (runs of x alone are masks, which fill anonymised reports):
    # that one-character test leaves few sentences for the run and Han tests.
    han = (
        sentences.filter(has_any(pl.col("text"), NOT_MASK_LETTERS))
        .filter(pl.col("text").str.contains(LATIN))
        .filter(pl.col("text").str.contains(r"\p{Han}"))
    )
    if han.height == 0:  # the usual case
        return pl.DataFrame(schema=FOUND)
    hits = (
        _offsets(han.select(SENTENCE), LATIN)
        .with_columns(before=pl.col("text").str.slice((pl.col("pos") - 1).clip(lower_bound=0), 1))
        .filter(
            pl.col("match").str.contains(r"[a-z]")  # APP, GDP, CPI are acronyms
            & ~pl.col("match").str.contains(r"^[xX]+$")
            & ~((pl.col("pos") > 0) & pl.col("before").str.contains(r"^[0-9.]$"))  # 5km, 3.5kg
        )
    )
    if hits.height == 0:
        return pl.DataFrame(schema=FOUND)
    return _line_at(hits).select(
        "doc_id",
        "source_file",
        "source_line",
        kind=pl.lit("latin_word"),
        detail=pl.format(
            'Latin word "{}" in a Chinese sentence: {}',
            "match",
            _excerpt(pl.col("pos"), pl.col("match").str.len_chars()),
        ),
    )


def doubled_words(sentences: pl.DataFrame) -> pl.DataFrame:
    """A 2-4 character Han word immediately followed by itself (one row per sentence and word).

    Rust regex has no backreferences, so the sentences are laid out as one array of code points
    (NUL between sentences): position p starts a doubled k-gram when ch[p+i] == ch[p+k+i] for
    i < k. Sentences are kept only with four characters or more (a doubled word has four at
    least), so two NULs are always more than k apart and no match spans two sentences; a length
    test costs a fraction of a Han pattern's read of every sentence.
    """
    keyed = sentences.select(*SENTENCE, length=pl.col("text").str.len_chars().cast(pl.Int64)).filter(
        pl.col("length") >= 4
    )
    texts = keyed.get_column("text")
    lengths = keyed.get_column("length").to_numpy()
    starts = np.concatenate(([0], np.cumsum(lengths + 1)[:-1]))  # each sentence's first code point
    # Joined by polars: one Python string, not one per sentence.
    chars = np.frombuffer(texts.str.join("\x00").item().encode("utf-32-le"), dtype=np.uint32)
    found = [pl.DataFrame(schema={"_s": pl.Int64, "pos": pl.Int64, "k": pl.Int64})]
    for k in (2, 3, 4):
        starts_k = chars.size - 2 * k + 1  # positions with room for the word and its copy
        if starts_k <= 0:
            continue
        same = chars[k:] == chars[:-k]  # same[p]: ch[p] == ch[p+k]
        run = same[:starts_k].copy()
        for i in range(1, k):
            run &= same[i : starts_k + i]
        at = np.flatnonzero(run)
        s = np.searchsorted(starts, at, side="right") - 1
        found.append(pl.DataFrame({"_s": s, "pos": at - starts[s], "k": np.full(at.size, k)}))
    hits = (
        pl.concat(found, how="vertical")
        .join(keyed.with_row_index("_s").with_columns(pl.col("_s").cast(pl.Int64)), on="_s")
        .with_columns(word=pl.col("text").str.slice(pl.col("pos"), pl.col("k")))
        .filter(
            pl.col("word").str.contains(r"^\p{Han}+$")
            & ~pl.col("word").is_in(list(REDUPLICATED))
            & ~pl.col("word").str.contains(r"^一")  # 一步一步, 一件一件
            & (pl.col("word").str.slice(0, 1) != pl.col("word").str.slice(1, 1))  # 常常常常, 人人人人
        )
        # 研究研究研究 or overlapping k: keep the first, shortest report per sentence and word.
        .sort("doc_id", "sentence_id", "pos", "k")
        .unique(["doc_id", "sentence_id", "word"], keep="first", maintain_order=True)
        .select(*SENTENCE, "pos", "word")
    )
    return _line_at(hits).select(
        "doc_id",
        "source_file",
        "source_line",
        kind=pl.lit("doubled_word"),
        detail=pl.format(
            '"{}" written twice: {}', "word", _excerpt(pl.col("pos"), pl.col("word").str.len_chars() * 2)
        ),
    )


def truncated_paragraphs(paragraphs: pl.DataFrame) -> pl.DataFrame:
    """Prose paragraphs that stop without terminal punctuation (see the module docstring)."""
    ends_colon = pl.col("text").str.ends_with("：") | pl.col("text").str.ends_with(":")
    prev_colon = ends_colon.shift(1).over("doc_id", order_by="para_no").fill_null(False)
    # The flags leave a tenth of the paragraphs: only those are searched for clause punctuation.
    paras = paragraphs.select(
        "doc_id", "source_file", "last_line", "text", "terminal", "enumerated", "role", prev_colon=prev_colon
    ).filter(
        pl.col("doc_id").is_not_null()
        & ~pl.col("terminal")
        & ~pl.col("enumerated")
        & pl.col("role").is_in(["heading", "body"])
    )
    cut = ((pl.col("role") == "body") & pl.col("text").str.contains(r"[，。；、：,;]")) | pl.col("prev_colon")
    return paras.filter(cut).select(
        "doc_id",
        "source_file",
        source_line=pl.col("last_line"),
        kind=pl.lit("truncated_paragraph"),
        detail=pl.format(
            "paragraph ends without terminal punctuation: …{}", pl.col("text").str.slice(-2 * CONTEXT)
        ),
    )


def masked_numbers(sentences: pl.DataFrame) -> pl.DataFrame:
    """Masked digits, aggregated to one row per document (first line, count, lines)."""
    # Every mask has an x: that test leaves few sentences for the mask pattern in most reports.
    masked = (
        sentences.filter(has_any(pl.col("text"), "xX"))
        .filter(pl.col("text").str.contains(MASK))
        .select(SENTENCE)
        .with_row_index("_s")
    )
    if masked.height == 0:
        return pl.DataFrame(schema=FOUND)
    # A sentence on one raw line (its line map has offset 0 only) places all its masks on it: their
    # offsets, which cost several passes over the pieces of its text, are needed for the others only.
    one_line = (pl.col("seg_offsets").list.max() == 0).fill_null(False)
    hits = pl.concat(
        [
            masked.filter(one_line)
            .select(
                "_s",
                "doc_id",
                "source_file",
                source_line=pl.col("seg_lines").list.last(),
                match=pl.col("text").str.extract_all(MASK),
            )
            .explode("match"),
            _line_at(_offsets(masked.filter(~one_line), MASK)).select(
                "_s", "doc_id", "source_file", "source_line", "match"
            ),
        ]
    ).sort("_s", maintain_order=True)  # the text's order: the examples are the first masks
    per_doc = (
        hits.group_by("doc_id", "source_file")
        .agg(
            n=pl.len(),
            lines=pl.col("source_line").unique().sort(),
            examples=pl.col("match").unique(maintain_order=True).head(5),
        )
        .sort("source_file", pl.col("lines").list.first())
    )
    listed = pl.col("lines").list.head(MAX_LINES_LISTED).cast(pl.List(pl.String)).list.join(", ")
    more = pl.when(pl.col("lines").list.len() > MAX_LINES_LISTED).then(pl.lit(" …")).otherwise(pl.lit(""))
    return per_doc.select(
        "doc_id",
        "source_file",
        source_line=pl.col("lines").list.first(),
        kind=pl.lit("masked_numbers"),
        detail=pl.format(
            "{} masked values ({}) on {} line{}: {}{}",
            "n",
            pl.col("examples").list.join(" "),
            pl.col("lines").list.len(),
            pl.when(pl.col("lines").list.len() == 1).then(pl.lit("")).otherwise(pl.lit("s")),
            listed,
            more,
        ),
    )


def find_anomalies(sentences: pl.DataFrame, paragraphs: pl.DataFrame) -> pl.DataFrame:
    """SENTENCES (+ paragraphs with terminal/heading_like/enumerated/role flags) → ANOMALIES rows,
    ordered by file and line."""
    parts = [latin_words(sentences), doubled_words(sentences), masked_numbers(sentences)]
    if paragraphs.height:
        parts.append(truncated_paragraphs(paragraphs))
    found = [p.select("doc_id", "source_file", "source_line", "kind", "detail") for p in parts if p.height]
    if not found:
        return pl.DataFrame(schema=ANOMALIES)
    rows = pl.concat(found)
    return (
        rows.with_columns(severity=pl.col("kind").replace_strict(SEVERITY, return_dtype=pl.String))
        .select(ANOMALIES.names())
        .cast(ANOMALIES)
        .sort("source_file", "source_line", "kind")
    )
