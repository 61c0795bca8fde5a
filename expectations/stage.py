"""Transform outputs → the frames the suites validate (pure polars, no GX).

Every staged frame carries doc_id, source_file and source_line (GX names a failing row by its
position in the frame), plus derived columns that turn checks GX cannot state directly into
plain column expectations: `share_pct` (a share or rate in %), `raw_in_sentence`, and the results
of the cross-row checks (`total_value`, `one_year_value`, `metric_coverage`).
"""

from __future__ import annotations

from collections.abc import Collection

import polars as pl

from expectations.suites import QUALIFIERS, SENTENCE_MAX_CHARS, SENTENCE_WARN_CHARS
from transforms.anomalies import find_anomalies
from transforms.figures import MINUS, MULTIPLIERS, NEGATIVE_WORD
from transforms.tokens import TermCounts
from warehouse.rows import section_starts

# Input contracts: columns run_quality reads from each frame (missing ones are added as nulls).
INPUTS: dict[str, pl.Schema] = {
    "documents": pl.Schema(
        {
            "doc_id": pl.String,
            "source_file": pl.String,
            "title": pl.String,
            "kind": pl.String,
            "year_covered": pl.Int64,
            "first_line": pl.Int64,
        }
    ),
    "sections": pl.Schema({"doc_id": pl.String, "section_no": pl.Int64, "source_line": pl.Int64}),
    "sentences": pl.Schema(
        {
            "doc_id": pl.String(),
            "source_file": pl.String(),
            "section_id": pl.Int64(),
            "paragraph_id": pl.Int64(),
            "sentence_id": pl.Int64(),
            "text": pl.String(),
            "source_line": pl.Int64(),
            "seg_offsets": pl.List(pl.Int64()),
            "seg_lines": pl.List(pl.Int64()),
            "role": pl.String(),
        }
    ),
    "terms": pl.Schema({"doc_id": pl.String, "section_no": pl.Int64, "term": pl.String, "count": pl.Int64}),
    "figures": pl.Schema(
        {
            "doc_id": pl.String,
            "sentence_id": pl.Int64,
            "position": pl.Int64,
            "source_line": pl.Int64,
            "raw": pl.String,
            "value": pl.Float64,
            "unit": pl.String,
            "qualifier": pl.String,
            "numeral": pl.String,
            "masked_digits": pl.Int64,
            "measure": pl.String,
            "scope": pl.String,
            "metric": pl.String,
            "category": pl.String,
            "source_file": pl.String,
        }
    ),
    "paragraphs": pl.Schema(
        {
            "doc_id": pl.String,
            "source_file": pl.String,
            "para_no": pl.Int64,
            "text": pl.String,
            "first_line": pl.Int64,
            "last_line": pl.Int64,
            "terminal": pl.Boolean,
            "heading_like": pl.Boolean,
            "enumerated": pl.Boolean,
            "role": pl.String,
            "section_no": pl.Int64,
        }
    ),
}

# A failing row's issue shows the start of its sentence: only that much text is staged for the
# gate, which reads and holds a group of batches (the whole text is in fact_sentence).
SENTENCE_EXCERPT = 40
FIGURE_EXCERPT = 60

# A percentage that is a share or a rate of satisfaction/coverage cannot exceed 100; one below can.
SHARE_MEASURE = r"满意|覆盖|率|比例|占"
# Not bounded by 100%: a growth, or a rate of fulfilment (计划完成率120%, 资金到位率115%, 完成预算的103%),
# or a ratio of a debt or a supply to a base (债务率控制在120%以内, 宏观杠杆率, 粮食自给率105%), or a
# level against an earlier one (恢复到2019年的108%, 相当于全国平均水平的120%).
UNBOUNDED_MEASURE = (
    r"增|涨|提高|提升|上升|翻|同比|环比|完成|到位|执行|债务率|负债率|杠杆率|自给率|回报率|收益率|恢复|相当"
)
FIVE_YEAR_SCOPE = r"五年"
ONE_YEAR_SCOPE = r"^(?:过去一年|一年来|今年|全年|去年|(?:19|20)[0-9]{2}年度?)$"


def unit_vocabulary(units: pl.DataFrame) -> list[str]:
    """The units a figure may have: the vocabulary (unit, kind), plus the multipliers (千, 万, 亿 …)
    on money and measure units (亿元, 万吨), plus %."""
    scaled = units.filter(pl.col("kind").is_in(["money", "measure"])).get_column("unit").to_list()
    out = set(units.get_column("unit").to_list()) | {"%"}
    out |= {m + u for u in scaled for m in MULTIPLIERS}
    return sorted(out)


def figures_that_could_fail(units: Collection[str]) -> pl.Expr:
    """The staged figures that could break a figures check (expectations/suites.py), a superset of
    those that do: one whose check column is false, a share out of 0–100, a unit or qualifier out of
    its vocabulary, a place shared with another row, and every part with its total or five-year
    figure with its one-year one (the only rows the pair checks compare). A null passes GX's column
    checks, so it is no suspect here either."""
    c = pl.col
    return (
        ~c("sign_as_written").fill_null(True)
        | ~c("masked_iff_null").fill_null(True)
        | ~c("raw_in_sentence").fill_null(True)
        | ~c("share_pct").is_between(0, 100).fill_null(True)
        | ~c("unit").is_in(list(units)).fill_null(True)
        | ~c("qualifier").is_in(QUALIFIERS).fill_null(True)
        | pl.struct("source_file", "source_line", "sentence_id", "position").is_duplicated()
        | c("total_value").is_not_null()
        | c("one_year_value").is_not_null()
    )


def part_of_total(figures: pl.DataFrame, sentences: pl.DataFrame) -> pl.DataFrame:
    """The total a figure is a part of: the nearest earlier figure with the same unit in the same
    sentence, before the last 其中 that precedes the figure ("共审议法律案34件，通过其中21件").

    figures (_row, doc_id, sentence_id, position, value, unit, raw) → (_row, total_value, total_raw)."""
    c = pl.col
    f = figures.filter(c("value").is_not_null() & (c("unit") != "%")).select(
        "_row", "doc_id", "sentence_id", "position", "value", "unit", "raw"
    )
    with_mark = sentences.filter(c("text").str.contains("其中", literal=True)).select(
        "doc_id", "sentence_id", "text"
    )
    marked = (
        f.join(with_mark, on=["doc_id", "sentence_id"])
        .with_columns(prefix=c("text").str.slice(0, c("position")))
        .filter(c("prefix").str.contains("其中", literal=True))
        # the offset of the 其 of the last 其中 before the figure's number
        .select(
            "_row",
            "doc_id",
            "sentence_id",
            "unit",
            mark=c("prefix").str.extract("^(.*)其中", 1).str.len_chars(),
        )
    )
    totals = f.select("doc_id", "sentence_id", "unit", t_pos="position", t_value="value", t_raw="raw")
    return (
        marked.join(totals, on=["doc_id", "sentence_id", "unit"])
        .filter(c("t_pos") < c("mark"))
        .group_by("_row")
        .agg(total_value=c("t_value").sort_by("t_pos").last(), total_raw=c("t_raw").sort_by("t_pos").last())
    )


def five_year_against_one_year(figures: pl.DataFrame) -> pl.DataFrame:
    """A five-year figure (scope 五年来, 过去五年) against the same report's one-year figures of the
    same metric and unit: the largest one-year figure it must not fall below.

    figures (_row, doc_id, metric, unit, value, scope, raw) → (_row, one_year_value, one_year_raw)."""
    c = pl.col
    f = figures.filter(
        c("value").is_not_null() & (c("metric").fill_null("") != "") & (c("unit") != "%")
    ).select("_row", "doc_id", "metric", "unit", "value", "scope", "raw")
    five = f.filter(c("scope").str.contains(FIVE_YEAR_SCOPE)).select("_row", "doc_id", "metric", "unit")
    one = f.filter(c("scope").str.contains(ONE_YEAR_SCOPE)).select(
        "doc_id", "metric", "unit", v1="value", r1="raw", _r1="_row"
    )
    return (
        five.join(one, on=["doc_id", "metric", "unit"])
        .group_by("_row")
        .agg(
            one_year_value=c("v1").max(),
            # of equal largest values, the first in the text
            one_year_raw=c("r1").sort_by(["v1", "_r1"], descending=[True, False]).first(),
        )
    )


def metric_counts(figures: pl.DataFrame) -> pl.DataFrame:
    """Each document's figures and how many of them carry a metric."""
    return figures.group_by("doc_id").agg(
        figures=pl.len().cast(pl.Int64),
        figures_with_metric=(pl.col("metric").fill_null("") != "").sum().cast(pl.Int64),
    )


def conform(frames: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """The input frames with every contract column present (nulls where absent), extra columns dropped.

    Missing frames become empty ones, so a run with nothing new validates empty tables.
    """
    out = {}
    for name, schema in INPUTS.items():
        frame = frames.get(name, pl.DataFrame(schema=schema))
        missing = {
            col: pl.lit(None, dtype=dtype) for col, dtype in schema.items() if col not in frame.columns
        }
        out[name] = frame.with_columns(**missing).select(
            pl.col(col).cast(dtype) for col, dtype in schema.items()
        )
    return out


def _least_per_term(rows: pl.DataFrame, term: str) -> pl.Series:
    """For each distinct `term`, the index of its row with the smallest count (a missing count is
    the smallest: the check must see it), in the order of the rows."""
    return (
        rows.with_row_index("_at")
        .group_by(term)
        .agg(pl.col("_at").get(pl.col("count").fill_null(-1).arg_min()))
        .get_column("_at")
        .sort()
    )


def term_rows(terms: TermCounts) -> pl.DataFrame:
    """The term counts the checks look at (see `stage`), taken while the counts are integers: only
    these few thousand rows are widened to (doc_id, section_no, term, count)."""
    return terms.expand(terms.counts[_least_per_term(terms.counts, "term_no")])


def stage(inputs: dict[str, pl.DataFrame], units: Collection[str] | None = None) -> dict[str, pl.DataFrame]:
    """Conformed input frames → {documents, sentences, figures, terms} ready for the suites.

    Given the unit vocabulary (`units`), only the figures that could break a check are staged
    (`figures_that_could_fail`): the checks fail on them exactly as on all, on a few hundredths of
    the rows. Without it every figure is staged, with its derived columns.
    """
    docs, secs, sents, terms, figs, paras = (
        inputs[k] for k in ("documents", "sections", "sentences", "terms", "figures", "paragraphs")
    )
    has_metric = figs.get_column("metric").is_not_null().any()

    sent_file = sents.select("doc_id", "sentence_id", "text", sentence_file="source_file")
    # `_row`, a row number, is the key the cross-row checks' results join back on.
    figures = (
        figs.with_row_index("_row")
        .join(sent_file, on=["doc_id", "sentence_id"], how="left", maintain_order="left")
        .with_columns(source_file=pl.coalesce("source_file", "sentence_file"))
        .with_columns(
            value_is_null=pl.col("value").is_null(),
            # Computed here, vectorised: GX's column-pair check walks the rows in Python.
            masked_iff_null=pl.col("numeral").is_in(["arabic", "chinese", "masked"]).fill_null(False)
            & ((pl.col("numeral") == "masked") == pl.col("value").is_null()).fill_null(False),
            # A value below zero only where the text writes a minus sign or 负 (-1.1‰, 负千分之一点二),
            # and no other.
            sign_as_written=pl.col("value").is_null()
            | (
                (pl.col("value") < 0) == pl.col("raw").str.contains(f"^(?:[{MINUS}]|{NEGATIVE_WORD})")
            ).fill_null(False),
            share_pct=pl.when(
                (pl.col("unit") == "%")
                & pl.col("measure").str.contains(SHARE_MEASURE)
                & ~pl.col("measure").str.contains(UNBOUNDED_MEASURE)
            ).then(pl.col("value")),
            raw_in_sentence=pl.col("text").str.contains(pl.col("raw"), literal=True).fill_null(False),
        )
    )

    totals = part_of_total(figures, sents)
    five = five_year_against_one_year(figures)
    coverage = metric_counts(figures)

    figures = (
        figures.join(totals, on="_row", how="left")
        .join(five, on="_row", how="left")
        .sort("_row")
        .select(
            "doc_id",
            "source_file",
            "source_line",
            "sentence_id",
            "position",
            "raw",
            "value",
            "unit",
            "qualifier",
            "numeral",
            "measure",
            "scope",
            "metric",
            "value_is_null",
            "masked_iff_null",
            "sign_as_written",
            "share_pct",
            "raw_in_sentence",
            "total_value",
            "total_raw",
            "one_year_value",
            "one_year_raw",
            excerpt=pl.col("text").str.slice(0, FIGURE_EXCERPT),
        )
    )
    if units is not None:
        figures = figures.filter(figures_that_could_fail(units))

    counts = [
        secs.group_by("doc_id").agg(sections=pl.len().cast(pl.Int64)),
        sents.group_by("doc_id").agg(sentences=pl.len().cast(pl.Int64)),
    ]
    documents = docs.select(
        "doc_id",
        "source_file",
        source_line=pl.col("first_line"),
        title="title",
        kind="kind",
        year_covered="year_covered",
    )
    for frame in [*counts, coverage]:
        documents = documents.join(frame, on="doc_id", how="left")
    documents = documents.with_columns(
        pl.col("sections", "sentences", "figures").fill_null(0),
        # Not measured (NULL) when the extractor gives no metrics at all or the document has no figures.
        metric_coverage=(pl.col("figures_with_metric") / pl.col("figures"))
        if has_metric
        else pl.lit(None, pl.Float64),
    ).drop("figures_with_metric")

    # The sentence checks (a length within bounds, a key of its own) hold for every row exactly when
    # they hold for the rows that could break them: any row out of bounds, any row whose key repeats,
    # and each document's longest sentence. GX sees those (every failing row among them, at its
    # place) instead of all of them: a hundred times fewer rows on a large batch.
    chars = pl.col("chars")
    suspect = (
        chars.is_null()
        | (chars < 1)
        | (chars > min(SENTENCE_MAX_CHARS, SENTENCE_WARN_CHARS))
        | pl.struct("doc_id", "sentence_id").is_duplicated()
        | (pl.int_range(pl.len()) == chars.fill_null(-1).arg_max()).over("doc_id")
    )
    sentences = (
        sents.with_columns(chars=pl.col("text").str.len_chars())
        .filter(suspect)
        .select(
            "doc_id",
            "source_file",
            "source_line",
            "sentence_id",
            "chars",
            excerpt=pl.col("text").str.slice(0, SENTENCE_EXCERPT),
        )
    )

    # A term row is placed where fact_term places it: the first raw line of its section.
    starts = section_starts(paras)
    doc_files = docs.select("doc_id", doc_file="source_file", doc_line="first_line")
    # The term checks hold for every row exactly when they hold for each distinct term's smallest
    # count, so GX sees one row per term (at its first place) instead of one per section and term:
    # a hundred times fewer rows on a large batch. Their places are looked up after the reduction.
    # The workers hand over rows already reduced so (term_rows); other callers may not.
    term_counts = inputs["terms"]
    terms = (
        term_counts[_least_per_term(term_counts, "term")]
        .join(starts, on=["doc_id", "section_no"], how="left", maintain_order="left")
        .join(doc_files, on="doc_id", how="left", maintain_order="left")
        .select(
            "doc_id",
            source_file="doc_file",
            source_line=pl.coalesce("source_line", "doc_line"),
            section_no="section_no",
            term="term",
            count="count",
        )
    )
    return {"documents": documents, "sentences": sentences, "figures": figures, "terms": terms}


def prepare(frames: dict[str, pl.DataFrame], units: Collection[str] | None = None) -> dict[str, pl.DataFrame]:
    """Transform outputs → what the gate validates: the four staged frames and `anomalies`
    (`units` as in `stage`).

    Pure and GX-free, so it runs on the worker that transformed the batch; the flow's process
    then only runs the suites on these (much smaller) frames.
    """
    inputs = conform(frames)
    return stage(inputs, units) | {"anomalies": find_anomalies(inputs["sentences"], inputs["paragraphs"])}


def combine(parts: list[dict[str, pl.DataFrame]]) -> dict[str, pl.DataFrame]:
    """Prepared frames of several batches as one.

    The suites cost mostly a fixed time per run of a checkpoint, so the flow checks a few batches
    at once.
    """
    if len(parts) == 1:
        return parts[0]
    out = {name: pl.concat([p[name] for p in parts], how="vertical_relaxed") for name in parts[0]}
    # Each batch's smallest count per term: the smallest of those is the term's smallest in all.
    out["terms"] = out["terms"][_least_per_term(out["terms"], "term")]
    return out
