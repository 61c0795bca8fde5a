"""Documents → sections (with nesting), paragraphs and sentences, all as polars frames."""

from __future__ import annotations

import polars as pl

from transforms.documents import SPEAKER, assign_documents, documents
from transforms.frames import SENTENCES
from transforms.normalize import (
    ENUM_1,
    ENUM_2,
    ENUM_3_MARK,
    ENUM_PART,
    lines_from_texts,
    normalize_lines,
    paragraphs,
)

# A sentence ends at 。！？；(or ASCII !?;), closing quotes and brackets staying with it.
SENTENCE_END = r"[。！？；!?;]+[”’」』）)]*"
SENTENCE = rf"[^。！？；!?;]*{SENTENCE_END}|[^。！？；!?;]+$"
CUT = "\x1f"  # marks sentence ends for a literal split (reports have no control characters)
LEVELS = 4  # unnumbered heading or 第一部分, 一、, （一）, 1.

SECTIONS_SCHEMA = pl.Schema(
    {
        "doc_id": pl.String,
        "section_no": pl.Int64,
        "parent_section_no": pl.Int64,
        "level": pl.Int64,
        "heading": pl.String,
        "enumerator": pl.String,
        "speaker": pl.String,
        "source_line": pl.Int64,
    }
)


def attach_documents(paras: pl.DataFrame, docs: pl.DataFrame) -> pl.DataFrame:
    """Keep the paragraphs of documents (not a compilation's preamble), with doc_id and role.

    role: header (title lines), speaker (a "职务 姓名" line), heading, or body.
    """
    # Only an enumerated paragraph can have an enumerator or be a run-in heading: the others are
    # not searched.
    enumerated = pl.when(pl.col("enumerated")).then(pl.col("text"))
    # (An enumerated paragraph's "1." is followed by no digit: the enumerator ends at the spaces
    # after its mark.)
    enum = enumerated.str.extract(f"({ENUM_PART}|{ENUM_1}|{ENUM_2}|{ENUM_3_MARK}[ \u3000]*)", 1)
    with_doc = (
        paras.join(docs.select("file_id", "doc_no", "doc_id", "header_paras"), on=["file_id", "doc_no"])
        .sort("file_id", "para_no")
        .with_columns(paragraph_id=pl.int_range(pl.len()).over("doc_id").cast(pl.Int64))
    )
    # The speaker tests run on heading-like paragraphs only: a search for a space scans every
    # other paragraph to its end (a polars expression would test the masked rows too).
    heads = with_doc.get_column("heading_like").arg_true()
    head_text = with_doc.get_column("text").gather(heads)
    speaker = pl.repeat(False, with_doc.height, eager=True).scatter(
        heads,
        head_text.str.contains(r"\s") & head_text.str.contains(SPEAKER.pattern),  # a full match
    )
    run_in = enumerated.str.contains("。", literal=True).fill_null(False)
    return with_doc.with_columns(
        enumerator=enum,
        role=pl.when(pl.col("paragraph_id") < pl.col("header_paras"))
        .then(pl.lit("header"))
        .when(speaker)
        .then(pl.lit("speaker"))
        .when(pl.col("heading_like") & ~pl.col("terminal") & ~pl.col("text").str.starts_with("——") | run_in)
        .then(pl.lit("heading"))
        .otherwise(pl.lit("body")),
    ).drop("header_paras")


def sections(paras: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Number the sections of each document and nest them by their enumerators.

    Returns (paragraphs with section_no, sections). Section 0 is the text before the first heading.
    """
    heading = pl.col("role") == "heading"
    paras = paras.with_columns(section_no=heading.cast(pl.Int64).cum_sum().over("doc_id"))
    level = (
        pl.when(pl.col("enumerator").str.contains(ENUM_1))
        .then(2)
        .when(pl.col("enumerator").str.contains(ENUM_2))
        .then(3)
        .when(pl.col("enumerator").str.contains(ENUM_3_MARK))
        .then(4)
        .otherwise(1)
    )
    speakers = (
        paras.filter(pl.col("role") == "speaker")
        .group_by("doc_id", "section_no")
        .agg(speaker=pl.col("text").str.extract(r"\s([^\s]+)$", 1).first())
    )
    secs = (
        paras.filter(heading)
        .select(
            "doc_id",
            "section_no",
            level=level.cast(pl.Int64),
            # A run-in heading ("（一）完善宪法及宪法相关法。正文…") is its first sentence.
            heading=pl.col("text")
            .str.slice(pl.col("enumerator").str.len_chars().fill_null(0))
            .str.extract(r"^([^。]*)", 1)
            .str.strip_chars(),
            enumerator=pl.col("enumerator"),
            source_line=pl.col("first_line"),
        )
        .join(speakers, on=["doc_id", "section_no"], how="left")
    )
    # Parent: the latest earlier section of a lower level (a smaller level number).
    last_at = {
        k: pl.when(pl.col("level") == k).then(pl.col("section_no")).forward_fill().shift(1).over("doc_id")
        for k in range(1, LEVELS + 1)
    }
    parent = pl.lit(None, dtype=pl.Int64)
    for lvl in range(2, LEVELS + 1):
        parent = (
            pl.when(pl.col("level") == lvl)
            .then(pl.max_horizontal(*(last_at[k] for k in range(1, lvl))))
            .otherwise(parent)
        )
    secs = secs.with_columns(parent_section_no=parent).select(SECTIONS_SCHEMA.names())
    return paras, secs.cast(dict(SECTIONS_SCHEMA))  # type: ignore[arg-type]


def sentence_pieces(texts: pl.Series) -> pl.Series:
    """Each text → its sentences in order (the matches of SENTENCE), and an empty piece after a
    final sentence end.

    Marking each end and splitting on the mark finds the same pieces as extract_all(SENTENCE) in a
    third of the time; a text that holds the mark itself takes the regex path.
    """
    if texts.str.contains(CUT, literal=True).any():
        return texts.str.extract_all(SENTENCE)
    return texts.str.replace_all(SENTENCE_END, "${0}" + CUT).str.split(CUT)


def sentences(paras: pl.DataFrame) -> pl.DataFrame:
    """Paragraphs → SENTENCES, each mapped back to the raw lines it came from."""
    # Paragraphs (_p), documents (_d, contiguous) and sentences (_s) keyed by integers: windows and
    # joins on them cost a fraction of those on doc_id strings.
    keyed = paras.with_columns(_p=pl.int_range(pl.len(), dtype=pl.UInt32))
    sents = (
        keyed.select(
            "doc_id", "source_file", "section_no", "paragraph_id", "role", "_p", _d=pl.col("doc_id").rle_id()
        )
        .with_columns(text=sentence_pieces(paras.get_column("text")))
        .explode("text")
        .filter(pl.col("text") != "")
        .with_columns(
            length=pl.col("text").str.len_chars().cast(pl.Int64), _row=pl.int_range(pl.len(), dtype=pl.Int64)
        )
        .with_columns(_before=pl.col("length").cum_sum() - pl.col("length"))
    )
    # Paragraphs and documents are runs of rows: a row's place in its run is its distance from the
    # run's first row, a forward fill rather than a window over a key.
    first_of = {key: (pl.col(key) != pl.col(key).shift(1)).fill_null(True) for key in ("_p", "_d")}
    sents = sents.with_columns(
        start=pl.col("_before") - pl.when(first_of["_p"]).then(pl.col("_before")).forward_fill(),
        sentence_id=pl.col("_row") - pl.when(first_of["_d"]).then(pl.col("_row")).forward_fill(),
        _s=pl.col("_row").cast(pl.UInt32),
    ).drop("_row", "_before")
    # A paragraph of one raw line maps each of its sentences to that line; only the sentences of
    # joined paragraphs (a few percent) are mapped piece by piece.
    joined = keyed.filter(pl.col("seg_lines").list.len() > 1)
    segs = joined.select(
        "_p",
        "seg_offsets",
        "seg_lines",
        seg_ends=pl.concat_list(
            pl.col("seg_offsets").list.slice(1), pl.col("text").str.len_chars().cast(pl.Int64)
        ),
    ).explode("seg_offsets", "seg_lines", "seg_ends")
    # Each sentence keeps the pieces of raw lines it overlaps, re-based on its own start.
    mapped = (
        sents.select("_s", "_p", "start", "length")
        .filter(pl.col("_p").is_in(joined.get_column("_p").implode()))
        .join(segs, on="_p", maintain_order="left")
        .filter(
            (pl.col("seg_offsets") < pl.col("start") + pl.col("length"))
            & (pl.col("seg_ends") > pl.col("start"))
        )
        .group_by("_s", maintain_order=True)
        .agg(
            seg_offsets=(pl.col("seg_offsets") - pl.col("start")).clip(lower_bound=0),
            seg_lines=pl.col("seg_lines"),
        )
    )
    one_line = keyed.get_column("seg_lines").list.first().gather(sents.get_column("_p"))
    out = (
        sents.with_columns(_line=one_line)
        .join(mapped, on="_s", how="left", maintain_order="left")
        .with_columns(
            seg_offsets=pl.coalesce("seg_offsets", pl.concat_list(pl.lit(0, pl.Int64))),
            seg_lines=pl.coalesce("seg_lines", pl.concat_list("_line")),
        )
        .with_columns(section_id=pl.col("section_no"), source_line=pl.col("seg_lines").list.first())
    )
    return out.select(*SENTENCES.names(), "role").sort("doc_id", "sentence_id")


def sentences_from_text(text: str, source_file: str, file_id: str = "0" * 64) -> pl.DataFrame:
    """The whole text path for one decoded file: normalise, split documents, segment into sentences."""
    texts = pl.DataFrame({"file_id": [file_id], "source_file": [source_file], "text": [text]})
    result = segment_texts(texts)
    return result["sentences"]


def segment_texts(texts: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """texts (file_id, source_file, text) → documents, sections, paragraphs, sentences, repairs, toc."""
    norm = normalize_lines(lines_from_texts(texts.select("file_id", "text")))
    paras, join_repairs = paragraphs(norm.lines)
    paras = assign_documents(paras, norm.toc)
    docs = documents(paras)
    paras = attach_documents(paras, docs).join(texts.select("file_id", "source_file"), on="file_id")
    paras, secs = sections(paras)
    return {
        "documents": docs,
        "sections": secs,
        "paragraphs": paras,
        "sentences": sentences(paras),
        "repairs": pl.concat([norm.repairs, join_repairs]),
        "toc": norm.toc,
    }
