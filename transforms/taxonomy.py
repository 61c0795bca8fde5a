"""Measures → canonical metrics: keyword patterns from seeds/taxonomy.csv (pattern, metric, category).

Each pattern is a regex searched in the measure; the longest matched text wins, ties going to the
row listed first (so specific rows such as 代表建议 sit above general ones such as 建议).
"""

from __future__ import annotations

import polars as pl


def map_metrics(figures: pl.DataFrame, taxonomy: pl.DataFrame) -> pl.DataFrame:
    """FIGURES + `metric` and `category` from the measure; null where no pattern matches."""
    if taxonomy.height == 0 or figures.height == 0:
        return figures.with_columns(metric=pl.lit(None, pl.String), category=pl.lit(None, pl.String))
    # Worked out once per distinct measure: reports repeat their measures (件, 代表建议, 项) a lot.
    measures = figures.select(measure=pl.col("measure").fill_null("")).unique()
    # Matched length per taxonomy row; a strictly longer match beats an earlier row. Built in
    # stages: an eager frame shares no sub-expressions, so an inline list of lengths would run all
    # the regexes once per use.
    idx = list(range(taxonomy.height))
    lengths = pl.concat_list(
        [pl.col("measure").str.extract(f"({p})", 1).str.len_chars().fill_null(0) for p in taxonomy["pattern"]]
    )
    pick = pl.col("_pick")
    chosen = (
        measures.with_columns(_len=lengths)
        .with_columns(_pick=pl.when(pl.col("_len").list.max() > 0).then(pl.col("_len").list.arg_max()))
        .select(
            "measure",
            metric=pick.replace_strict(
                idx, taxonomy["metric"].to_list(), default=None, return_dtype=pl.String
            ),
            category=pick.replace_strict(
                idx, taxonomy["category"].to_list(), default=None, return_dtype=pl.String
            ),
        )
    )
    return (
        figures.with_columns(_m=pl.col("measure").fill_null(""))
        .join(chosen, left_on="_m", right_on="measure", how="left", maintain_order="left")
        .drop("_m")
    )
