"""Transform outputs → rows of the warehouse tables (pure polars; column names as in schema.sql).

Every column but `run_id`: the load stamps each row with its run as it inserts it (one constant
in SQL, where a column of it would be built, staged and read again for every row).
"""

from __future__ import annotations

import hashlib

import polars as pl

from transforms.tokens import TermCounts


def _issuer_id(name: str, level: str | None) -> str:
    return hashlib.md5(f"{name}|{level or ''}".encode()).hexdigest()


def documents(docs: pl.DataFrame, paras: pl.DataFrame, files: pl.DataFrame) -> pl.DataFrame:
    """dim_document rows. files: file_id, source_file."""
    chars = paras.group_by("doc_id").agg(chars=pl.col("text").str.len_chars().sum().cast(pl.Int64))
    issuers = docs.select("issuer", "level").unique().drop_nulls("issuer")
    ids = {(i, lv): _issuer_id(i, lv) for i, lv in issuers.iter_rows()}
    return (
        docs.join(files, on="file_id")
        .join(chars, on="doc_id", how="left")
        .with_columns(
            source_sha256=pl.col("file_id"),
            part_no=pl.col("doc_no"),
            parts=pl.len().over("file_id"),
            report_date_key=pl.col("report_date").dt.strftime("%Y%m%d").cast(pl.Int64),
            issuer_id=pl.struct("issuer", "level").map_elements(
                lambda s: ids.get((s["issuer"], s["level"])), return_dtype=pl.String
            ),
            chars=pl.col("chars").fill_null(0),
        )
        .drop("file_id", "doc_no", "header_paras")
    )


def issuers(dim_document: pl.DataFrame) -> pl.DataFrame:
    return (
        dim_document.filter(pl.col("issuer_id").is_not_null())
        .select("issuer_id", name=pl.col("issuer"), level=pl.col("level"))
        .unique("issuer_id")
    )


def sections(secs: pl.DataFrame, docs: pl.DataFrame) -> pl.DataFrame:
    return secs.join(docs.select("doc_id", "source_file"), on="doc_id")


def sentences(sents: pl.DataFrame, figs: pl.DataFrame) -> pl.DataFrame:
    """fact_sentence rows, each with its number of fact_figure rows (`figs`: the same batch's)."""
    per_sentence = figs.group_by("doc_id", "sentence_id").agg(figures=pl.len().cast(pl.Int32))
    return sents.join(per_sentence, on=["doc_id", "sentence_id"], how="left", maintain_order="left").select(
        "doc_id",
        sentence_no=pl.col("sentence_id"),
        section_no=pl.col("section_id"),
        paragraph_no=pl.col("paragraph_id"),
        role=pl.col("role"),
        text=pl.col("text"),
        chars=pl.col("text").str.len_chars().cast(pl.Int64),
        figures=pl.col("figures").fill_null(0),
        source_file=pl.col("source_file"),
        source_line=pl.col("source_line"),
    )


def section_starts(paras: pl.DataFrame) -> pl.DataFrame:
    """Where each section begins: (doc_id, section_no) → source_line, its first raw line (its file
    is its document's). A term count is placed there (fact_term and the term checks)."""
    return paras.group_by("doc_id", "section_no").agg(source_line=pl.col("first_line").min())


def terms(counts: TermCounts, batch: int) -> pl.DataFrame:
    """fact_term rows as staged: integers only. `section_key` and `term_key` (the batch number
    and the section's or term's number in the batch) are unique across a run; the load replaces
    them by the section's doc_id, section_no and source_line (term_sections) and the term's
    term_id (term_keys), so no string is built or written for the 7.6 million rows per 100 MB."""
    return counts.counts.select(
        section_key=_in_batch("key", batch),
        term_key=_in_batch("term_no", batch),
        count=pl.col("count").cast(pl.Int32),
    )


def _in_batch(column: str, batch: int) -> pl.Expr:
    return pl.lit(batch, pl.Int64) * (1 << 32) + pl.col(column).cast(pl.Int64)


def term_sections(counts: TermCounts, paras: pl.DataFrame, batch: int) -> pl.DataFrame:
    """The sections of a batch's term counts by section_key, with the first raw line of each (a
    term count is placed there; the file is the document's)."""
    return counts.sections.join(
        section_starts(paras), on=["doc_id", "section_no"], how="left", maintain_order="left"
    ).select(
        section_key=_in_batch("key", batch),
        doc_id="doc_id",
        section_no=pl.col("section_no").cast(pl.Int32),
        source_line=pl.col("source_line").cast(pl.Int32),
    )


def term_keys(counts: TermCounts, batch: int) -> pl.DataFrame:
    """The terms of a batch's term counts by term_key."""
    return counts.terms.select(term_key=_in_batch("term_no", batch), term="term")


def repairs(rep: pl.DataFrame, paras: pl.DataFrame, files: pl.DataFrame) -> pl.DataFrame:
    """normalization_repair rows, each placed in the document whose lines hold it."""
    spans = (
        paras.group_by("file_id", "doc_id")
        .agg(lo=pl.col("first_line").min(), hi=pl.col("last_line").max())
        .sort("lo")
    )
    located = rep.sort("line_no").join_asof(
        spans, left_on="line_no", right_on="lo", by="file_id", check_sortedness=False
    )
    # Lines outside every document (a table of contents, a preamble) keep doc_id NULL.
    return located.join(files, on="file_id").select(
        "source_file",
        source_line=pl.col("line_no"),
        doc_id=pl.when(pl.col("line_no") <= pl.col("hi")).then(pl.col("doc_id")),
        kind=pl.col("kind"),
        before=pl.col("before"),
        after=pl.col("after"),
    )


def figures(figs: pl.DataFrame, dim_document: pl.DataFrame) -> pl.DataFrame:
    """fact_figure rows: FIGURES with metric and category, placed in their file (their document's)."""
    return figs.join(dim_document.select("doc_id", "source_file"), on="doc_id").select(
        "doc_id",
        sentence_no=pl.col("sentence_id"),
        position=pl.col("position"),
        source_file=pl.col("source_file"),
        source_line=pl.col("source_line"),
        raw=pl.col("raw"),
        value=pl.col("value"),
        unit=pl.col("unit"),
        qualifier=pl.col("qualifier"),
        numeral=pl.col("numeral"),
        masked=pl.col("numeral") == "masked",
        masked_digits=pl.col("masked_digits"),
        measure=pl.col("measure"),
        metric=pl.col("metric"),
        scope=pl.col("scope"),
    )


def units(vocabulary: pl.DataFrame) -> pl.DataFrame:
    return vocabulary.select("unit", "kind").unique("unit", keep="first")


def metrics(taxonomy: pl.DataFrame) -> pl.DataFrame:
    return taxonomy.group_by("metric", maintain_order=True).agg(
        category=pl.col("category").first(), patterns=pl.col("pattern").str.join(" | ")
    )
