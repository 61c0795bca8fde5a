"""The reporting period a figure falls under, where the text makes it explicit (FIGURES.md).

A period marker (过去一年, 五年来, 今年, 2023年 …) applies to its own sentence and, when it opens a
sentence, to the rest of that paragraph. A point-in-time word (目前, 现有, 截至 …) between the marker
and the figure means the figure is a stock at a moment, which gets no period.
"""

from __future__ import annotations

import polars as pl

_SP = r"[ \u3000]*"
_CN_N = "[一二两三四五六七八九十0-9]+"
PERIOD = (
    rf"(?:过去{_CN_N}{_SP}年|近?{_CN_N}{_SP}年{_SP}(?:来|以来)|今年(?:以来|上半年|下半年|前三季度|一季度)?"
    rf"|去年(?:上半年|下半年|全年)?|全年|本届以来|(?:19|20)[0-9x]{{2}}{_SP}年{_SP}"
    rf"(?:度|上半年|下半年|以来|[0-9x]{{1,2}}{_SP}月{_SP}以来|[0-9x]{{1,2}}{_SP}月)?)"
)
POINT = r"(?:目前|现有|实有|截至|截止|现行|至今|当前)"
OPENING = rf"^(?:[“\"]|仅|在){{0,1}}({PERIOD})"


def _clean(marker: pl.Expr) -> pl.Expr:
    return marker.str.replace_all(r"[ \u3000]", "")


def _not_date(markers: pl.Expr) -> pl.Expr:
    """Drop markers that are calendar dates (2023年3月) rather than periods (2023年3月以来)."""
    return markers.list.eval(pl.element().filter(~_clean(pl.element()).str.contains(r"月$")))


def scope_of_figures(figs: pl.DataFrame, sentences: pl.DataFrame) -> pl.Series:
    """One scope per row of `figs` (_sent, position, text) from its sentence and paragraph.

    `sentences` carries _sent (row key, in text order) and _para (paragraph key)."""
    # Only paragraphs holding a figure can carry a period to it.
    wanted = sentences.filter(pl.col("_sent").is_in(figs["_sent"].unique().implode()))["_para"].unique()
    paras = (
        sentences.filter(pl.col("_para").is_in(wanted.implode()))
        .select("_sent", "_para", "text")
        .sort("_sent")
        .with_columns(opening=_clean(pl.col("text").str.extract(OPENING, 1)))
        .with_columns(
            opening=pl.when(pl.col("opening").str.contains(r"月$")).then(None).otherwise(pl.col("opening"))
        )
        .with_columns(carried=pl.col("opening").shift(1).forward_fill().over("_para"))
        .select("_sent", "carried")
    )
    before = pl.col("text").str.slice(0, pl.col("position"))
    last_before = _not_date(before.str.extract_all(f"{PERIOD}|{POINT}")).list.last()
    anywhere = _not_date(pl.col("text").str.extract_all(PERIOD)).list.first()
    scoped = (
        figs.select("_sent", "position", "text")
        .join(paras, on="_sent", how="left", maintain_order="left")
        .select(
            pl.when(last_before.str.contains(f"^{POINT}$"))
            .then(pl.lit(""))
            .otherwise(pl.coalesce(_clean(last_before), _clean(anywhere), "carried", pl.lit("")))
            .alias("scope")
        )
    )
    return scoped["scope"]
