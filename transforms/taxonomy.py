"""Measures → canonical metrics: keyword patterns from seeds/taxonomy.csv (pattern, metric, category).

Each pattern is a regex searched in the measure; the longest matched text wins, ties going to the
row listed first (so specific rows such as 代表建议 sit above general ones such as 建议).

The patterns run in Python's `re`, compiled once per process, on each measure not seen before.
Polars would compile them again for every batch: its regex cache holds 32 patterns a thread, the
taxonomy alone has over 80, and compiling them cost more than matching. Reports repeat their
measures (件, 代表建议, 项) across batches, so most measures are looked up, not matched.
"""

from __future__ import annotations

import re
from functools import lru_cache

import polars as pl

SEEN_LIMIT = 200_000  # measures remembered per process (a few tens of MB at most)
# 提出对策建议的方面: a count of aspects, of whatever they are aspects of, is no count of that.
ASPECTS = "的方面"


class _Matcher:
    """The taxonomy's patterns, compiled, and the row each measure seen so far maps to."""

    def __init__(self, patterns: tuple[str, ...]) -> None:
        self.patterns = [re.compile(p) for p in patterns]
        self.seen: dict[str, int | None] = {}

    def row(self, measure: str) -> int | None:
        """Index of the pattern with the longest match (the first of equals); None if none matches."""
        if measure in self.seen:
            return self.seen[measure]
        best, row = 0, None
        for i, pattern in enumerate([] if measure.endswith(ASPECTS) else self.patterns):
            found = pattern.search(measure)
            if found and len(found.group()) > best:
                best, row = len(found.group()), i
        if len(self.seen) >= SEEN_LIMIT:  # memory follows the batch, not the corpus
            self.seen.clear()
        self.seen[measure] = row
        return row


@lru_cache(maxsize=4)
def _matcher(patterns: tuple[str, ...]) -> _Matcher:
    return _Matcher(patterns)


def check_patterns(taxonomy: pl.DataFrame) -> None:
    """Raise ValueError naming the first pattern Python's `re` cannot compile."""
    for pattern in taxonomy.get_column("pattern"):
        try:
            re.compile(pattern)
        except re.error as err:
            raise ValueError(f"taxonomy pattern {pattern!r} is not a valid regex: {err}") from err


def map_metrics(figures: pl.DataFrame, taxonomy: pl.DataFrame) -> pl.DataFrame:
    """FIGURES + `metric` and `category` from the measure; null where no pattern matches."""
    if taxonomy.height == 0 or figures.height == 0:
        return figures.with_columns(metric=pl.lit(None, pl.String), category=pl.lit(None, pl.String))
    matcher = _matcher(tuple(taxonomy.get_column("pattern").to_list()))
    measures = figures.get_column("measure").fill_null("").unique()
    picked = pl.Series([matcher.row(m) for m in measures.to_list()], dtype=pl.UInt32)
    chosen = pl.DataFrame({"_m": measures}).with_columns(
        taxonomy.select("metric", "category")[picked].get_columns()
    )
    return (
        figures.with_columns(_m=pl.col("measure").fill_null(""))
        .join(chosen, on="_m", how="left", maintain_order="left")
        .drop("_m")
    )
