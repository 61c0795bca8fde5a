"""SENTENCES → FIGURES: the stated quantities of a report (see FIGURES.md).

One regular expression (Rust regex, so no look-around) finds every candidate "number + unit":
a cheap test keeps the sentences that hold one, then extract_all gives the match texts and a
split by the same regex the text between them, whose lengths give each match its offset. What
depends on a match text alone (groups, value, unit, qualifier) is worked out once per distinct
text, which reports repeat a lot. Everything the regex cannot say — what comes right before or
after a match (第十四届, 一次会议, 四个意识, 一项新职责, quoted names) — is decided afterwards with
vectorised string tests on short context columns. Python only parses the distinct Chinese
numerals, which are few. A large frame is cut at paragraph boundaries and its parts run side by
side, since polars runs each string expression on one core.
"""

from __future__ import annotations

import functools
import itertools
import re

import polars as pl

from transforms.frames import FIGURES
from transforms.lanes import in_lane, submit
from transforms.measure import with_measure
from transforms.numerals import parse_chinese
from transforms.scope import scope_of_figures

FILL = r"[ \u3000*]*"  # spaces and Markdown emphasis the normaliser may have left inside a figure
# Thousands set off by commas (1,238) or, as the national standard for numbers also allows, by a
# (thin) space (1 238).
THOUSANDS_SPACE = r"[ \u00a0\u2009\u202f]"
ARABIC = rf"(?:[0-9]{{1,3}}(?:{THOUSANDS_SPACE}[0-9]{{3}})+|[0-9]+(?:,[0-9]{{3}})*)(?:\.[0-9]+)?"
# x,xxx件 masks a number written with separators; 1x件 and x5次 mask some of its digits.
MASKED = r"[0-9]*[xX][0-9xX]*(?:,[0-9xX]{3})*(?:\.[0-9xX]+)?"
CN_CHARS = "零〇一二两三四五六七八九十百千"
# A bare 万 counts too, like a bare 百 or 千, but only with 余 or 多 after it (万余件; see `drop`).
CHINESE = rf"(?:[{CN_CHARS}]+|万)(?:[万亿][{CN_CHARS}]+)*(?:点[零〇一二三四五六七八九]+)?"  # 零点五: 0.5
NUMBER = rf"(?:{ARABIC}|{MASKED}|{CHINESE})"
# 千 after digits too (3千余件, 5千多人次); after a Chinese numeral it is part of the number (三千).
MULT = "万亿|亿|千万|万|千"
MULTIPLIERS = {"千": 1e3, "万": 1e4, "千万": 1e7, "亿": 1e8, "万亿": 1e12}
VALUE_DECIMALS = 6  # more than any report writes after a multiplier; fewer than a float's error
PRE_QUALIFIERS = (
    "将近", "接近", "大约", "超过", "不到", "不足", "不少于", "不低于", "不高于", "不超过",
    "至少", "近", "约", "超", "逾",
)  # fmt: skip
POST_QUALIFIERS = ("以上", "左右", "以内", "以下", "之多")
RANGE_SEP = "至|到|——|—|–|－|-|~|～|〜"
# Minus signs: ASCII, full-width, U+2212. One after no digit, letter, percent sign or bracket makes
# a negative number, not a dash between two numbers or inside a code.
MINUS = "-－−"
NEGATIVE_WORD = "负"  # 自然增长率为负千分之一点二
NEGATIVE_LEFT = rf"(?:^|[^0-9A-Za-z%％‰.)）\]])[{MINUS}]$"

# Numbers that are names, not counts: set phrases of political language and tiers.
SET_PHRASES = (
    r"^(?:四个(?:意识|自信|全面|机关|现代化|服务|必须|坚持|走在前)|两个(?:确立|维护|大局|结合|务必|毫不动摇|一百年|先行|基本点|责任|健康)"
    r"|三个(?:代表|务必|区分开来|有利于|没有变|转变)|五个必由之路|六个必须|[三四五]位一体|八项规定|一个中心"
    r"|一[人件事岗户村企][一双]|[两三四五六七八九十]个一批|两个市场|两种资源"
    # Numbered watchwords (十个明确, 十四个坚持, 五个振兴): what follows 个 is a verb or a summary, no
    # thing counted.
    r"|[两三四五六七八九十]+个(?:明确|坚持|必须|振兴|方面成就|务必|确立|维护|毫不动摇|区分开来|必由之路)"
    r"(?:$|[”，。；、\s]))"
)
# Right before a number: an ordinal (第), a rank (前三名), or a word a numeral belongs to.
ORDINAL_LEFT = r"(?:第|前|之|每)$"
SESSION_LEFT = r"(?:届|人大|大会|全会|党代会|政协)$"
CHINESE_WORD_LEFT = r"[统唯专划逐初周单独合归均纯齐星礼万千百个几数半某任整其同]$"
ARTICLE_LEFT = r"(?:[的是这那另其进新有该此上下]|成为|形成)$"  # 上一次: the last time
# After 一 + unit: an adjective or reduplication makes 一 the article "a" (一项新职责, 一项项).
ARTICLE_RIGHT = (
    r"^(?:新|重要|重大|创新|全新|崭新|有效|良好|具体|专门|综合|完整|系统|独特|特殊|基本|共同|长期|"
    r"高质量|标志性|重点|关键|生动|真正|难得|宝贵|以|大|小|好|强|更|最|整|些|流|样|般|时|直|定|道|起|同)"
)
ARTICLE_UNITS = ("次", "项", "个", "件", "场", "名", "位", "倍", "成")  # 增长一倍: once more, a count
# A bound on an amount that names a class of things (10亿元以上的重大项目35个, 超100亿元企业5家,
# 5亩以上种粮大户): a tier, like 一类项目, not an amount. A share (90%以上的企业) and a count (3个以上
# 示范村) stay figures.
THRESHOLD_BOUND = r"^(?:超过|超)|(?:以上|以下)$"
THRESHOLD_NOUNS = "项目|企业|工程|公司|集团|大户|农户|园区|商户|主体|单位|综合体|场馆|线路|城市|乡镇|村"
THRESHOLD_HEAD = rf"^的?\p{{Han}}{{0,6}}?(?:{THRESHOLD_NOUNS})"
# A voltage before a noun is the grade of a line or a substation (110千伏变电站3座), no amount.
GRADE_UNITS = ("千伏", "kV")


def _figure_regex(units: tuple[str, ...], *, parse: bool) -> str:
    """The figure regex over a unit vocabulary (longest unit first).

    To search (parse=False) it has no groups. To parse (parse=True) it names its parts and is
    anchored at both ends: run on one match text it takes the same greedy path as the search did."""

    def g(name: str, body: str) -> str:
        return f"(?P<{name}>{body})" if parse else f"(?:{body})"

    unit = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True))
    pre = "|".join(PRE_QUALIFIERS)
    post = "|".join(POST_QUALIFIERS)
    rng = g("rng", rf"{g('lo', NUMBER)}{FILL}{g('lomult', MULT)}?(?:%|％)?{FILL}(?:{RANGE_SEP}){FILL}")
    counted = (
        rf"{g('num', NUMBER)}{FILL}(?:{g('q1', '多|余')}{FILL})?(?:{g('mult', MULT)}{FILL})?"
        rf"(?:{g('q2', '多|余')}{FILL})?{g('unit', unit)}(?:{FILL}{g('qpost', post)})?"
    )
    percent = (
        # 百分之九十八 is 98%, 千分之四点五 4.5‰, 百分之xx a masked share.
        rf"{g('per', '[百千]分之')}{FILL}"
        rf"{g('pcn', f'[{CN_CHARS}]+(?:点[零〇一二三四五六七八九]+)?|{MASKED}')}"
        rf"(?:{FILL}{g('qpost2', post)})?"
    )
    body = g("pre", f"(?:{pre}){FILL}") + f"?{rng}?(?:{counted}|{percent})"
    return f"^{body}$" if parse else body


@functools.lru_cache(maxsize=8)
def _pattern(units: tuple[str, ...]) -> str:
    """The search regex."""
    return _figure_regex(units, parse=False)


@functools.lru_cache(maxsize=8)
def _parse_pattern(units: tuple[str, ...]) -> str:
    """The parse regex, for the groups of one match text."""
    return _figure_regex(units, parse=True)


def _deny_pattern(units: pl.DataFrame) -> str:
    """One regex over "unit + what follows" true when the unit is the start of a word (人大, 次要)."""
    rows = units.filter(pl.col("deny_next").is_not_null() & (pl.col("deny_next") != ""))
    alts = [f"{re.escape(u)}(?:{d})" for u, d in rows.select("unit", "deny_next").iter_rows()]
    return "^(?:" + "|".join(alts) + ")" if alts else "^$a"


def _matches(sentences: pl.DataFrame, pattern: str) -> pl.DataFrame:
    """One row per regex match, in text order: _sent, text, match offset `start` and match text `all`.

    One pass cuts each sentence into pieces "text before the match + the match" (a lazy prefix in
    front of the regex); the match is then the end of its piece, which an end-anchored search reads
    backwards from the end, and match k starts where pieces 0..k end minus its own length."""
    c = pl.col
    found = (
        # Most sentences state no figure: one cheap test keeps the other passes off them.
        sentences.filter(c("text").str.contains(pattern))
        .select("_sent", "text", piece=c("text").str.extract_all(rf"(?s:.)*?(?:{pattern})"))
        .explode("piece")
        .with_columns(
            all=c("piece").str.extract(f"(?:{pattern})$", 0),
            upto=c("piece").str.len_chars().cast(pl.Int64).cum_sum(),
        )
    )
    # upto counts from the first sentence; the previous sentence's last upto rebases it.
    first = c("_sent") != c("_sent").shift(1).fill_null(-1)
    base = pl.when(first).then(c("upto").shift(1).fill_null(0)).forward_fill()
    found = found.select(
        "_sent", "text", start=c("upto") - base - c("all").str.len_chars().cast(pl.Int64), all="all"
    )
    return found.with_columns(_para=sentences["_para"].gather(found["_sent"]))


def _numeral_kind(col: str) -> pl.Expr:
    c = pl.col(col)
    return (
        pl.when(c.str.contains(r"^[0-9]*[xX]"))
        .then(pl.lit("masked"))
        .when(c.str.contains(r"^[0-9]"))
        .then(pl.lit("arabic"))
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
        .then(pl.col(num).str.replace_all(f",|{THOUSANDS_SPACE}", "").cast(pl.Float64, strict=False))
        .when(pl.col(kind) == "chinese")
        .then(
            pl.col(num).replace_strict(
                lookup["cn"], lookup["cn_value"], default=None, return_dtype=pl.Float64
            )
        )
        .otherwise(pl.lit(None, dtype=pl.Float64))
    )


def _scaled(value: pl.Expr, factor: pl.Expr) -> pl.Expr:
    """value × factor, rounded: 10.7 × 1e8 in binary floating point is 1069999999.9999999."""
    return (value * factor).round(VALUE_DECIMALS)


def _context_key() -> pl.Expr:
    """left + NUL + unit + SOH + right: one string that one regex can test on all three sides."""
    return pl.concat_str(pl.col("left"), pl.lit("\x00"), pl.col("unit_raw"), pl.lit("\x01"), pl.col("right"))


# Tests of the context key (left NUL unit SOH right) that drop any match, as one regex pass.
DROP_ANY = "|".join(
    (
        rf"{ORDINAL_LEFT.removesuffix('$')}\x00",
        rf"{SESSION_LEFT.removesuffix('$')}\x00次\x01",
        r"[A-Za-z0-9.]\x00",  # inside a code, a version or a longer number
        r"“[^”“，。；！？\x00]{0,12}\x00[^\x01]*\x01[^“”，。；！？]{0,12}”",  # inside quotes: a name
        r"《[^》《\x00]{0,40}\x00[^\x01]*\x01[^《》]{0,40}》",  # inside a title
    )
)


def _drop_by_context(m: pl.DataFrame, units: pl.DataFrame) -> pl.DataFrame:
    """The matches that are figures, judged by the text around them (left, right).

    Tests that only a Chinese numeral can fail (set phrases, tiers, the article 一) run on the
    Chinese-numeral rows alone; the rest share one regex over a context key."""
    c = pl.col
    right = c("right")
    # A tier named by an amount: a bound on it before a class of things, or a voltage grade.
    tier = (
        (c("unit_kind").is_in(["money", "measure"]) | (c("unit_raw") == "人"))
        & c("all").str.contains(THRESHOLD_BOUND)
        & right.str.contains(THRESHOLD_HEAD)
    ) | (c("unit_raw").is_in(GRADE_UNITS) & right.str.contains(r"^(?:及以上|以上)?\p{Han}"))
    m = m.with_columns(_key=_context_key()).filter(
        ~c("_key").str.contains(DROP_ANY)
        & ~(c("unit_raw").fill_null("") + right).str.contains(_deny_pattern(units))
        & ~tier
    )
    key = c("num").fill_null("") + c("unit_raw").fill_null("") + right
    left = c("left")
    cn_drop = (
        left.str.contains(CHINESE_WORD_LEFT)
        | key.str.contains(SET_PHRASES)
        # A tier (一类项目, 二类项目) names a group; a counted 类 ends its clause or is masked.
        | ((c("unit_raw") == "类") & right.str.contains(r"^\p{Han}"))
        # “人民”二字, 十六字方针: a few characters quoted or a watchword; 两万余字 of text is a count.
        | ((c("unit_raw") == "字") & (c("length") == c("num").str.len_chars() + 1))
        | (
            c("one")
            & (
                left.str.contains(ARTICLE_LEFT)
                | right.str.contains(ARTICLE_RIGHT)
                | (right.str.slice(0, 1) == c("unit_raw").str.slice(0, 1))
                | right.str.contains(r"^\p{Han}?一")
            )
        )
    )
    m = m.with_row_index("_i")
    dropped = m.filter(c("kind") == "chinese").filter(cn_drop)["_i"]
    return m.filter(~c("_i").is_in(dropped.implode())).drop("_i", "_key")


def _texts(found: pl.DataFrame, units: pl.DataFrame) -> pl.DataFrame:
    """One row per distinct match text, with all that depends on the text alone: its groups, the
    value, unit, qualifier and raw text of its high end (and low end, for a range), and whether it
    can be a figure at all. Reports repeat the same few figure texts (5件, xx项, 10%), so this is
    a small frame; the caller joins it back to the matches."""
    c = pl.col
    parse = _parse_pattern(tuple(units["unit"].to_list()))
    parsed = (
        found.select(c("all").unique())
        .select("all", m=c("all").str.extract_groups(parse))
        .unnest("m")
        # 百分之百 is 100%, 百余次 a hundred-odd times, 近千名 nearly a thousand: with a qualifier, a
        # bare 百 or 千 is one of them, and a bare 万 one 万 (万余件 is 10000 件, 万余元 1 万元, as
        # 1万余元 would be; 逾万亿元 1 万亿元).
        .with_columns(_bare=c("q1").is_not_null() | c("pre").is_not_null())
        .with_columns(
            c("pcn").str.replace(r"^([百千])", "一${1}"),
            num=pl.when(c("_bare"))
            .then(c("num").str.replace(r"^([百千])$", "一${1}").str.replace(r"^万$", "一"))
            .otherwise("num"),
            mult=pl.when(c("_bare") & (c("num") == "万"))
            .then(pl.lit("万") + c("mult").fill_null(""))
            .otherwise("mult"),
        )
        .drop("_bare")
    )
    lookup = _chinese_values(pl.concat([parsed["num"], parsed["lo"], parsed["pcn"]]))
    kinds = units.select(unit_raw="unit", unit_kind="kind")
    fill_strip = " \u3000*"
    t = (
        parsed.with_columns(
            pre_len=c("pre").fill_null("").str.len_chars().cast(pl.Int64),
            rng_len=c("rng").fill_null("").str.len_chars().cast(pl.Int64),
            length=c("all").str.len_chars().cast(pl.Int64),
            unit_raw=pl.when(c("pcn").is_null())
            .then(c("unit"))
            .when(c("per") == "千分之")
            .then(pl.lit("‰"))
            .otherwise(pl.lit("%")),
            num=pl.coalesce("num", "pcn"),
            kind=pl.when(c("pcn").is_not_null()).then(_numeral_kind("pcn")).otherwise(_numeral_kind("num")),
            lo_kind=_numeral_kind("lo"),
            qualifier=pl.coalesce(
                c("pre").str.strip_chars(fill_strip), "q1", "q2", "qpost", "qpost2", pl.lit("")
            ),
        )
        .join(kinds, on="unit_raw", how="left")
        # A lone 一 may be the article "a" (一批); 一万人 and 一亿元 are counts.
        .with_columns(
            one=(c("kind") == "chinese") & (c("num") == "一") & c("lo").is_null() & c("mult").is_null()
        )
    )
    # Money and units of measure keep the multiplier in the unit (亿元, 万吨); counts are multiplied.
    keeps_mult = c("unit_kind").is_in(["money", "measure"])
    unit = (
        pl.when(keeps_mult & c("mult").is_not_null())
        .then(c("mult") + c("unit_raw"))
        .otherwise(c("unit_raw"))
        .replace("％", "%")
    )
    hi_factor = c("mult").replace_strict(MULTIPLIERS, default=1.0, return_dtype=pl.Float64)
    # "3至5万人" means 3万 to 5万: the low end borrows the high end's multiplier when it has none.
    lo_factor = pl.coalesce("lomult", "mult").replace_strict(
        MULTIPLIERS, default=1.0, return_dtype=pl.Float64
    )
    lo_text = c("rng").str.replace(rf"{FILL}(?:{RANGE_SEP}){FILL}$", "")
    hi_off = c("pre_len") + c("rng_len")
    # The values as written, once: the drop test below reads them too.
    t = t.with_columns(_hi=_value("num", "kind", lookup), _lo=_value("lo", "lo_kind", lookup))
    return t.with_row_index("_t").select(
        "_t",
        "all",
        "length",
        "pre_len",
        "num",
        "kind",
        "unit_raw",
        "unit_kind",
        "qualifier",
        "one",
        has_lo=c("lo").is_not_null(),
        # Not figures whatever their context: 百/千/万 lead no count (百分之 is parsed apart, and
        # 百余次 became 一百余次 above); a lone 一 with a unit other than a counted event or item is
        # the article "a" (一批, 一套); 一两次, 三四个 ("once or twice", "three or four") name no
        # number, and a null value is kept for masked figures alone.
        drop=((c("kind") == "chinese") & c("num").str.contains(r"^[百千万]"))
        | (c("one") & ~c("unit_raw").is_in(ARTICLE_UNITS))
        | ((c("kind") == "chinese") & c("_hi").is_null())
        | (c("lo").is_not_null() & (c("lo_kind") == "chinese") & c("_lo").is_null()),
        unit=unit,
        hi_off=hi_off,
        # A range's high end keeps only its own text; a single figure keeps its leading qualifier.
        hi_raw=pl.when(c("lo").is_null()).then(c("all")).otherwise(c("all").str.slice(hi_off)),
        hi_value=_scaled(c("_hi"), pl.when(keeps_mult).then(pl.lit(1.0)).otherwise(hi_factor)),
        hi_masked=_masked_digits("num", "kind"),
        lo_raw=c("all").str.slice(0, c("pre_len") + lo_text.str.len_chars().cast(pl.Int64)),
        lo_value=_scaled(c("_lo"), pl.when(keeps_mult).then(pl.lit(1.0)).otherwise(lo_factor)),
        lo_kind="lo_kind",
        lo_masked=_masked_digits("lo", "lo_kind"),
    )


def _masked_digits(num: str, kind: str) -> pl.Expr:
    """How many x letters before any decimal point, for a masked numeral (x,xxx: four; 1x: one)."""
    whole = pl.col(num).str.extract(r"^[0-9xX,]+", 0)
    digits = whole.str.count_matches("[xX]").cast(pl.Int64)
    return pl.when(pl.col(kind) == "masked").then(digits)


def _source_line(figs: pl.DataFrame, sentences: pl.DataFrame) -> pl.Series:
    """Raw line of each figure's number: seg_lines[i] for the last seg_offsets[i] <= position.

    Most sentences sit on one raw line: their first line is the answer, and only figures of
    sentences spanning several lines look at the offsets."""
    c = pl.col
    lines = sentences.select(first=c("seg_lines").list.first(), n=c("seg_lines").list.len())
    first = lines["first"].gather(figs["_sent"])
    multi_sent = lines["n"] > 1
    if not multi_sent.any():
        return first
    multi = figs.select("_sent", "position").with_row_index("fig").filter(multi_sent.gather(figs["_sent"]))
    segs = sentences.select("seg_offsets", "seg_lines")[multi["_sent"]]
    last = (
        pl.concat([multi, segs], how="horizontal")
        .explode("seg_offsets", "seg_lines")
        .filter(c("seg_offsets") <= c("position"))
        .group_by("fig", maintain_order=True)
        .agg(c("seg_lines").last())
    )
    return first.scatter(last["fig"], last["seg_lines"])


PART_MIN_ROWS = 10_000  # below this, a part's fixed cost (a hundred polars calls) outweighs its gain


def _n_parts(rows: int) -> int:
    """How many parts to run side by side: one per core polars uses, none smaller than PART_MIN_ROWS."""
    return max(1, min(pl.thread_pool_size(), rows // PART_MIN_ROWS))


def _parts(sentences: pl.DataFrame, n: int) -> list[pl.DataFrame]:
    """`sentences` cut into about n runs of whole paragraphs (a period marker carries across a
    paragraph, never beyond), each numbered from 0 (_sent) with its paragraph key (_para)."""
    c = pl.col
    # A paragraph is a run of rows with the same (doc_id, paragraph_id): rows are keyed by position,
    # not by ids, because callers may stack documents whose ids collide.
    new_para = (
        (c("doc_id") != c("doc_id").shift(1)) | (c("paragraph_id") != c("paragraph_id").shift(1))
    ).fill_null(True)
    paras = sentences.select(_para=new_para.cum_sum())["_para"]
    cuts = [0]
    for k in range(1, n):
        # The first paragraph start at or after the k-th n-th of the rows.
        cut = int(paras.search_sorted(paras[k * sentences.height // n], side="left"))
        if cut > cuts[-1]:
            cuts.append(cut)
    cuts.append(sentences.height)
    return [
        sentences.slice(lo, hi - lo).with_row_index("_sent").with_columns(_para=paras.slice(lo, hi - lo))
        for lo, hi in itertools.pairwise(cuts)
    ]


def extract_figures(sentences: pl.DataFrame, units: pl.DataFrame) -> pl.DataFrame:
    """SENTENCES frame + unit vocabulary → FIGURES frame (one row per figure, in text order).

    Most of the work is regex passes that polars runs on one core per expression, so a large frame
    is cut at paragraph boundaries and the parts run side by side, one thread per core."""
    parts = _parts(sentences, _n_parts(sentences.height))
    if len(parts) == 1:
        return _extract(parts[0], units)
    # (Each part on a lane of its own, whose own lanes keep the rules' regexes compiled.)
    running = [submit(f"figures:part-{i}", _extract, part, units) for i, part in enumerate(parts)]
    return pl.concat([run.result() for run in running])


# What of `texts` rides along with each match: what the context tests, the sign and the measure
# read.
ALONG = ("all", "_t", "drop", "length", "pre_len", "num", "kind", "unit_raw", "unit_kind", "one", "has_lo")


def _extract(sentences: pl.DataFrame, units: pl.DataFrame) -> pl.DataFrame:
    """extract_figures on sentences numbered by _sent (row number) with paragraph keys _para."""
    c = pl.col
    pattern = _pattern(tuple(units["unit"].to_list()))
    found = _matches(sentences, pattern)
    if found.height == 0:
        return pl.DataFrame(schema=FIGURES)
    texts = _texts(found, units)
    fill_strip = " \u3000*"
    # Matches stay in text order (_sent, start) from here on: joins keep the left order. Only what
    # the context tests need rides along; the rest of `texts` is gathered by _t at the end.
    m = (
        found.join(
            texts.select(ALONG),
            on="all",
            how="left",
            maintain_order="left",
        )
        .filter(~c("drop"))
        .with_columns(end=c("start") + c("length"), _num=c("start") + c("pre_len"))
        .with_columns(
            # What stands right before the number, after any qualifier (人均GDP超过1.2万美元: 超过,
            # not the P of GDP).
            left=c("text")
            .str.slice((c("_num") - 12).clip(lower_bound=0), pl.min_horizontal(c("_num"), pl.lit(12)))
            .str.strip_chars_end(fill_strip),
            right=c("text").str.slice(c("end"), 14),
            # 自然增长率为-1.1‰, 增长-2.3%: a minus sign right before a lone number with no qualifier
            # (not a range's dash, not inside a code) makes it negative.
            _sign=pl.when(
                ~c("has_lo")
                & (c("pre_len") == 0)
                & c("text")
                .str.slice((c("start") - 2).clip(lower_bound=0), pl.min_horizontal(c("start"), pl.lit(2)))
                .str.contains(NEGATIVE_LEFT)
            )
            .then(c("text").str.slice(c("start") - 1, 1))
            # 自然增长率为负千分之一点二: 负 before a lone number is its sign too.
            .when(
                ~c("has_lo")
                & (c("pre_len") == 0)
                & (c("start") > 0)
                & (c("text").str.slice((c("start") - 1).clip(lower_bound=0), 1) == NEGATIVE_WORD)
            )
            .then(pl.lit(NEGATIVE_WORD))
            .otherwise(pl.lit("")),
        )
        .drop("_num", "pre_len")
        # The figure starts at its sign: the measure reads the text before it.
        .with_columns(start=c("start") - c("_sign").str.len_chars().cast(pl.Int64))
    )
    m = with_measure(_drop_by_context(m, units)).select("_sent", "start", "measure", "_t", "_sign")
    m = pl.concat([m, texts.drop("_t", "all", "length", "drop")[m["_t"]]], how="horizontal")
    common = ["_sent", "unit", "unit_kind", "qualifier", "measure"]
    negative = c("_sign") != ""
    hi = m.select(
        *common,
        position=c("start") + c("hi_off"),
        raw=c("_sign") + c("hi_raw"),
        value=pl.when(negative).then(-c("hi_value")).otherwise(c("hi_value")),
        numeral=c("kind"),
        masked_digits=c("hi_masked"),
    )
    lo = m.filter(c("has_lo")).select(
        *common,
        position=c("start") + c("pre_len"),
        raw=c("lo_raw"),
        value=c("lo_value"),
        numeral=c("lo_kind"),
        masked_digits=c("lo_masked"),
    )
    figs = pl.concat([lo, hi]).sort("_sent", "position") if lo.height else hi
    # _sent is the row number of `sentences`: a gather, not a join, brings the sentence columns.
    figs = figs.with_columns(
        sentences.select("doc_id", "sentence_id")[figs["_sent"]].get_columns(),
        source_line=_source_line(figs, sentences),
        scope=in_lane("figures:scope", scope_of_figures, figs, sentences),
    )
    return figs.select(FIGURES.names()).cast(FIGURES)
