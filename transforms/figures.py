"""SENTENCES → FIGURES: the stated quantities of a report (see FIGURES.md).

One regular expression (Rust regex, so no look-around) finds every candidate "number + unit" in
all sentences at once; the split trick below gives each match its character offset. Everything
the regex cannot say — what comes right before or after a match (第十四届, 一次会议, 四个意识,
一项新职责, quoted names) — is decided afterwards with vectorised string tests on short context
columns. Python only parses the distinct Chinese numerals, which are few.
"""

from __future__ import annotations

import functools
import re

import polars as pl

from transforms.frames import FIGURES
from transforms.measure import with_measure
from transforms.numerals import parse_chinese
from transforms.scope import scope_of_figures

FILL = r"[ \u3000*]*"  # spaces and Markdown emphasis the normaliser may have left inside a figure
ARABIC = r"[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?"
MASKED = r"[xX]+(?:\.[xX]+)?"
CN_CHARS = "零〇一二两三四五六七八九十百千"
CHINESE = rf"[{CN_CHARS}]+(?:[万亿][{CN_CHARS}]+)*"
NUMBER = rf"(?:{ARABIC}|{MASKED}|{CHINESE})"
MULT = "万亿|亿|万"
MULTIPLIERS = {"万": 1e4, "亿": 1e8, "万亿": 1e12}
PRE_QUALIFIERS = ("将近", "接近", "大约", "超过", "不到", "不足", "不少于", "不超过", "近", "约", "超", "逾")
POST_QUALIFIERS = ("以上", "左右", "以内", "以下", "之多")
RANGE_SEP = "至|到|——|—|–|－|-|~|～|〜"

# Numbers that are names, not counts: set phrases of political language and tiers.
SET_PHRASES = (
    r"^(?:四个(?:意识|自信|全面|机关|现代化|服务|必须|坚持|走在前)|两个(?:确立|维护|大局|结合|务必|毫不动摇|一百年|先行|基本点|责任|健康)"
    r"|三个(?:代表|务必|区分开来|有利于|没有变|转变)|五个必由之路|六个必须|[三四五]位一体|八项规定|一个中心"
    r"|一[人件事岗户村企][一双])"
)
# Right before a number: an ordinal (第), a rank (前三名), or a word a numeral belongs to.
ORDINAL_LEFT = r"(?:第|前|之|每)$"
SESSION_LEFT = r"(?:届|人大|大会|全会|党代会|政协)$"
CHINESE_WORD_LEFT = r"[统唯专划逐初周单独合归均纯齐星礼万千百个几数半某任整其同]$"
ARTICLE_LEFT = r"(?:[的是这那另其进新有该此]|成为|形成)$"
# After 一 + unit: an adjective or reduplication makes 一 the article "a" (一项新职责, 一项项).
ARTICLE_RIGHT = (
    r"^(?:新|重要|重大|创新|全新|崭新|有效|良好|具体|专门|综合|完整|系统|独特|特殊|基本|共同|长期|"
    r"高质量|标志性|重点|关键|生动|真正|难得|宝贵|以|大|小|好|强|更|最|整|些|流|样|般|时|直|定|道|起|同)"
)
ARTICLE_UNITS = ("次", "项", "个", "件", "场", "名", "位")


@functools.lru_cache(maxsize=8)
def _pattern(units: tuple[str, ...]) -> str:
    alternation = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    pre = "|".join(PRE_QUALIFIERS)
    post = "|".join(POST_QUALIFIERS)
    return (
        rf"(?P<pre>(?:{pre}){FILL})?"
        rf"(?P<rng>(?P<lo>{NUMBER}){FILL}(?P<lomult>{MULT})?(?P<lopct>%|％)?{FILL}(?:{RANGE_SEP}){FILL})?"
        rf"(?:(?P<num>{NUMBER}){FILL}(?:(?P<q1>多|余){FILL})?(?:(?P<mult>{MULT}){FILL})?(?:(?P<q2>多|余){FILL})?"
        rf"(?P<unit>{alternation})(?:{FILL}(?P<qpost>{post}))?"
        rf"|百分之(?P<pcn>[{CN_CHARS}]+(?:点[零〇一二三四五六七八九]+)?)(?:{FILL}(?P<qpost2>{post}))?)"
    )


def _deny_pattern(units: pl.DataFrame) -> str:
    """One regex over "unit + what follows" true when the unit is the start of a word (人大, 次要)."""
    rows = units.filter(pl.col("deny_next").is_not_null() & (pl.col("deny_next") != ""))
    alts = [f"{re.escape(u)}(?:{d})" for u, d in rows.select("unit", "deny_next").iter_rows()]
    return "^(?:" + "|".join(alts) + ")" if alts else "^$a"


def _matches(sentences: pl.DataFrame, pattern: str) -> pl.DataFrame:
    """One row per regex match: sentence keys, match offset `start` and the named groups."""
    chunks = (
        # Most sentences state no figure: the cheap test keeps the split for the ones that do.
        sentences.filter(pl.col("text").str.contains(pattern))
        .select(
            "_sent",
            chunk=pl.col("text").str.replace_all(pattern, "\x00${0}").str.split("\x00"),
        )
        .with_columns(
            start=pl.col("chunk").list.eval(
                pl.element().str.len_chars().cum_sum() - pl.element().str.len_chars()
            ),
            k=pl.int_ranges(pl.col("chunk").list.len()),
        )
        .explode("chunk", "start", "k")
        .filter(pl.col("k") > 0)
    )
    # Each chunk starts with its match; the anchored regex reads the same match's groups back.
    groups = pl.col("chunk").str.extract_groups(f"^(?P<all>{pattern})")
    return chunks.select("_sent", pl.col("start").cast(pl.Int64), m=groups).unnest("m")


def _numeral_kind(col: str) -> pl.Expr:
    c = pl.col(col)
    return (
        pl.when(c.str.contains(r"^[0-9]"))
        .then(pl.lit("arabic"))
        .when(c.str.contains(r"^[xX]"))
        .then(pl.lit("masked"))
        .otherwise(pl.lit("chinese"))
    )


def _chinese_values(strings: pl.Series) -> pl.DataFrame:
    distinct = strings.drop_nulls().unique().to_list()
    return pl.DataFrame(
        {"cn": distinct, "cn_value": [parse_chinese(s) for s in distinct]},
        schema={"cn": pl.String, "cn_value": pl.Float64},
    )


def _value(num: str, kind: str, lookup: pl.DataFrame) -> pl.Expr:
    """Value of a numeral column as written (before any multiplier); null when masked."""
    return (
        pl.when(pl.col(kind) == "arabic")
        .then(pl.col(num).str.replace_all(",", "").cast(pl.Float64, strict=False))
        .when(pl.col(kind) == "chinese")
        .then(
            pl.col(num).replace_strict(
                lookup["cn"], lookup["cn_value"], default=None, return_dtype=pl.Float64
            )
        )
        .otherwise(pl.lit(None, dtype=pl.Float64))
    )


def _drop_reasons(units: pl.DataFrame) -> pl.Expr:
    """True for a match that is not a figure, from its context columns."""
    left = pl.col("left")
    right = pl.col("right")
    key = pl.col("num").fill_null("") + pl.col("unit_raw").fill_null("") + right
    is_cn = pl.col("kind") == "chinese"
    one = is_cn & (pl.col("num") == "一") & pl.col("lo").is_null()
    quoted = left.str.contains(r"“[^”“，。；！？]{0,12}$") & right.str.contains(r"^[^“”，。；！？]{0,12}”")
    titled = left.str.contains(r"《[^》《]{0,40}$") & right.str.contains(r"^[^《》]{0,40}》")
    return (
        left.str.contains(ORDINAL_LEFT)
        | ((pl.col("unit_raw") == "次") & left.str.contains(SESSION_LEFT))
        | pl.col("left_char").str.contains(r"^[A-Za-z0-9.]$")
        | (is_cn & pl.col("left_char").str.contains(CHINESE_WORD_LEFT))
        | (is_cn & pl.col("num").str.contains(r"^[百千]"))
        | (pl.col("unit_raw").fill_null("") + right).str.contains(_deny_pattern(units))
        | key.str.contains(SET_PHRASES)
        | quoted
        | titled
        # A tier (一类项目, 二类项目) names a group; a counted 类 ends its clause or is masked.
        | (is_cn & (pl.col("unit_raw") == "类") & right.str.contains(r"^\p{Han}"))
        | (
            one
            & (
                ~pl.col("unit_raw").is_in(ARTICLE_UNITS)
                | left.str.contains(ARTICLE_LEFT)
                | right.str.contains(ARTICLE_RIGHT)
                | (right.str.slice(0, 1) == pl.col("unit_raw").str.slice(0, 1))
                | right.str.contains(r"^\p{Han}?一")
            )
        )
    )


def _source_line(figs: pl.DataFrame) -> pl.Series:
    """Raw line of each figure's number: seg_lines[i] for the last seg_offsets[i] <= position."""
    single = figs["seg_lines"].list.len() == 1
    if single.all():
        return figs["seg_lines"].list.first()
    multi = (
        figs.select(pl.int_range(pl.len()).alias("fig"), "position", "seg_offsets", "seg_lines")
        .filter(~single)
        .explode("seg_offsets", "seg_lines")
        .filter(pl.col("seg_offsets") <= pl.col("position"))
        .group_by("fig")
        .agg(pl.col("seg_lines").last())
    )
    return (
        figs.select(pl.int_range(pl.len()).alias("fig"), first=pl.col("seg_lines").list.first())
        .join(multi, on="fig", how="left")
        .sort("fig")
        .select(pl.coalesce("seg_lines", "first"))
        .to_series()
    )


def extract_figures(sentences: pl.DataFrame, units: pl.DataFrame) -> pl.DataFrame:
    """SENTENCES frame + unit vocabulary → FIGURES frame (one row per figure, in text order)."""
    pattern = _pattern(tuple(units["unit"].to_list()))
    # Rows are keyed by position, not (doc_id, sentence_id): callers may stack documents whose ids
    # collide. A paragraph is a run of rows with the same (doc_id, paragraph_id).
    new_para = (pl.col("doc_id") != pl.col("doc_id").shift(1)) | (
        pl.col("paragraph_id") != pl.col("paragraph_id").shift(1)
    )
    sentences = sentences.with_row_index("_sent").with_columns(_para=new_para.fill_null(True).cum_sum())
    m = _matches(sentences, pattern)
    if m.height == 0:
        return pl.DataFrame(schema=FIGURES)
    lookup = _chinese_values(pl.concat([m["num"], m["lo"], m["pcn"]]))
    kinds = units.select(pl.col("unit").alias("unit_raw"), pl.col("kind").alias("unit_kind"))

    fill_strip = " \u3000*"
    m = (
        m.join(sentences.select("_sent", "doc_id", "sentence_id", "text"), on="_sent", how="left")
        .with_columns(
            pre_len=pl.col("pre").fill_null("").str.len_chars().cast(pl.Int64),
            rng_len=pl.col("rng").fill_null("").str.len_chars().cast(pl.Int64),
            end=pl.col("start") + pl.col("all").str.len_chars().cast(pl.Int64),
            unit_raw=pl.when(pl.col("pcn").is_not_null()).then(pl.lit("%")).otherwise(pl.col("unit")),
            num=pl.coalesce("num", "pcn"),
            kind=pl.when(pl.col("pcn").is_not_null()).then(pl.lit("chinese")).otherwise(_numeral_kind("num")),
            lo_kind=_numeral_kind("lo"),
            qualifier=pl.coalesce(
                pl.col("pre").str.strip_chars(fill_strip),
                "q1",
                "q2",
                "qpost",
                "qpost2",
                pl.lit(""),
            ),
        )
        .with_columns(
            left=pl.col("text")
            .str.slice(
                (pl.col("start") - 12).clip(lower_bound=0), pl.min_horizontal(pl.col("start"), pl.lit(12))
            )
            .str.strip_chars_end(fill_strip),
            right=pl.col("text").str.slice(pl.col("end"), 14),
        )
        .with_columns(left_char=pl.col("left").str.slice(-1, 1))
        .join(kinds, on="unit_raw", how="left")
    )
    m = m.filter(~_drop_reasons(units))

    # Money and units of measure keep the multiplier in the unit (亿元, 万吨); counts are multiplied.
    keeps_mult = pl.col("unit_kind").is_in(["money", "measure"])
    unit = (
        pl.when(keeps_mult & pl.col("mult").is_not_null())
        .then(pl.col("mult") + pl.col("unit_raw"))
        .otherwise(pl.col("unit_raw"))
        .replace("％", "%")
    )
    hi_factor = pl.col("mult").replace_strict(MULTIPLIERS, default=1.0, return_dtype=pl.Float64)
    # "3至5万人" means 3万 to 5万: the low end borrows the high end's multiplier when it has none.
    lo_factor = pl.coalesce("lomult", "mult").replace_strict(
        MULTIPLIERS, default=1.0, return_dtype=pl.Float64
    )
    m = m.sort("_sent", "start").with_columns(
        fig_unit=unit,
        hi_scale=pl.when(keeps_mult).then(pl.lit(1.0)).otherwise(hi_factor),
        lo_scale=pl.when(keeps_mult).then(pl.lit(1.0)).otherwise(lo_factor),
    )
    m = with_measure(m)
    common = ["_sent", "doc_id", "sentence_id", "text", "fig_unit", "qualifier", "measure"]
    hi_pos = pl.col("start") + pl.col("pre_len") + pl.col("rng_len")
    hi = m.select(
        *common,
        position=hi_pos,
        # A range's high end keeps only its own text; a single figure keeps its leading qualifier.
        raw_from=pl.when(pl.col("lo").is_null()).then(pl.col("start")).otherwise(hi_pos),
        raw_to=pl.col("end"),
        value=_value("num", "kind", lookup) * pl.col("hi_scale"),
        numeral=pl.col("kind"),
        n=pl.col("num"),
    )
    lo_text = pl.col("rng").str.replace(rf"{FILL}(?:{RANGE_SEP}){FILL}$", "")
    lo = m.filter(pl.col("lo").is_not_null()).select(
        *common,
        position=pl.col("start") + pl.col("pre_len"),
        raw_from=pl.col("start"),
        raw_to=pl.col("start") + pl.col("pre_len") + lo_text.str.len_chars().cast(pl.Int64),
        value=_value("lo", "lo_kind", lookup) * pl.col("lo_scale"),
        numeral=pl.col("lo_kind"),
        n=pl.col("lo"),
    )
    masked_digits = pl.col("n").str.extract(r"^([xX]+)", 1).str.len_chars().cast(pl.Int64)
    figs = (
        pl.concat([lo, hi])
        .with_columns(
            raw=pl.col("text").str.slice(pl.col("raw_from"), pl.col("raw_to") - pl.col("raw_from")),
            unit=pl.col("fig_unit"),
            masked_digits=pl.when(pl.col("numeral") == "masked").then(masked_digits),
        )
        .sort("_sent", "position")
        .join(
            sentences.select("_sent", "seg_offsets", "seg_lines"),
            on="_sent",
            how="left",
            maintain_order="left",
        )
    )
    figs = figs.with_columns(source_line=_source_line(figs))
    figs = figs.with_columns(scope=scope_of_figures(figs, sentences))
    return figs.select(FIGURES.names()).cast(FIGURES)
