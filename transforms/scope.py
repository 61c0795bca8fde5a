"""The reporting period a figure falls under, where the text makes it explicit (FIGURES.md).

A period marker (过去一年, 五年来, 今年, 2023年 …) applies to the figures after it in its sentence
(up to the 。, over any ；) and, when it opens a sentence, to the rest of that paragraph. A
point-in-time word (目前, 现有, 截至 …) between the marker and the figure means the figure is a
stock at a moment, which gets no period.
"""

from __future__ import annotations

import polars as pl

_SP = r"[ \u3000]*"
_CN_N = "[一二两三四五六七八九十0-9]+"
# A congress's term: 本届以来, 换届以来, 十三届以来, 十三届人大以来, 本届任期内 (not a deputy's 任期内
# alone).
CONGRESS_TERM = (
    r"(?:本|换|[一二三四五六七八九十]{1,3})届(?:全国|[省市县区])?(?:人大)?(?:常委会)?(?:任期)?(?:以来|内)"
)
# Part of a year: 前三季度, 第一季度, and spans of months (1—10月, 1至11月份).
QUARTER = r"[前第]?[一二三四1-4]季度"
_MONTH = "[0-9x一二三四五六七八九十]{1,3}"
_TO = r"(?:至|到|—|-|－|~)"  # between the ends of a span
MONTH_SPAN = rf"{_MONTH}{_SP}{_TO}{_SP}{_MONTH}{_SP}月份?"
PERIOD = (
    # (过去的一年, 一年多来: the same periods said otherwise.)
    rf"(?:过去的?{_CN_N}{_SP}年|近?{_CN_N}{_SP}年多?{_SP}(?:来|以来)|近{_CN_N}{_SP}年"
    rf"|今年(?:以来|上半年|下半年|{QUARTER}|{MONTH_SPAN})?"
    rf"|去年(?:上半年|下半年|全年)?|全年|本年度|近年来|近几年来"
    rf"|{CONGRESS_TERM}"
    # The period of a five-year plan (“十三五”期间, “十四五”以来); not an era such as 党的十八大以来.
    rf"|[“\"]?十[一二三四五六七八九]五[”\"]?(?:以来|期间|时期)"
    # A span of years (2020年至2024年, 2021—2024年) before a single year: the longer marker wins.
    rf"|(?:19|20)[0-9x]{{2}}{_SP}年?{_SP}{_TO}{_SP}(?:19|20)[0-9x]{{2}}{_SP}年"
    rf"|(?:19|20)[0-9x]{{2}}{_SP}年{_SP}"
    rf"(?:度|上半年|下半年|以来|{QUARTER}|{MONTH_SPAN}|[0-9x]{{1,2}}{_SP}月{_SP}以来|[0-9x]{{1,2}}{_SP}月"
    rf"|[底末初](?:以来)?)?)"
)
# A marker ending so is a moment (2023年3月, 2027年底), not a period: matched whole, then dropped.
# A span of months (2023年1至11月) is a period.
MOMENT_END = r"(?:^[^至到—\-－~]*月|[底末初])$"
# A marker after one of these is what a figure is compared with (比去年增长, 与2020年相比, 是2012年的
# 1.8倍, 由2020年的62.1%提高到63.2%), not its period: matched with it, then dropped.
COMPARED = r"(?:比|较|与|同|是|由)"
# ... and so is a year whose share or multiple a figure is (恢复到2019年的108%, 2012年的1.8倍), not a
# year whose things are counted (2023年的x个立法项目): read with the 的 and what follows, then judged.
OF_BASE = r"(?:的(?:[0-9xX.]+(?:%|％|倍)|$))?"
# ... and so is a year inside the title of a document counted in the same clause (审议关于批准2023年市级
# 决算的决议等5项, 《某某市2023年立法计划》等3件): read with the title's opening, to the count, then
# dropped. (A title in a clause before keeps its period: 听取关于2023年上半年…的报告，生产总值增长5%.)
# The same holds for a title in the clause before when the count's clause is another act of the
# meeting (表决通过了关于2024年市级决算的报告，任免了12名国家机关工作人员): the committee's own.
MEETING_ACTS = "(?:任免|批准|通过|作出|审议|表决|决定|接受)"
TITLED = (
    rf"(?:关于|《)[^，。；》]{{0,12}}?{PERIOD}[^，；。,;]*$"
    rf"|(?:关于|《)[^，。；》]{{0,12}}?{PERIOD}[^；。;]*[，,]{_SP}(?:会议)?(?:还|并|同时)?{MEETING_ACTS}[^，；。,;]*$|"
)
BASE_YEAR = r"^(?:19|20)[0-9x]{2}[ \u3000]*年的"
POINT = r"(?:目前|现有|实有|截至|截止|现行|至今|当前)"
# Part of the year, when it opens a sentence or a clause (上半年，…; 前三季度，…; 1至10月，…; …，下半年召开
# 5次): elsewhere it is often part of a date the text masks (计划xxxx年上半年完工, x至x月完成).
_PART = rf"(?:[上下]半年|{QUARTER}|{MONTH_SPAN})"
PART_OF_YEAR = rf"(?:^|[，；,;])(?:其中)?{_PART}"
OPENING = rf"^(?:[“\"]|仅|在){{0,1}}({PERIOD}|{_PART})"


def _clean(marker: pl.Expr) -> pl.Expr:
    return marker.str.replace_all(r"[ \u3000]", "")


def _periods(markers: pl.Expr) -> pl.Expr:
    """Drop markers that are moments (2023年3月, 2023年底) rather than periods (2023年3月以来), and
    the baselines of comparisons (比去年)."""
    marker = _clean(pl.element())
    return markers.list.eval(
        pl.element().filter(
            ~marker.str.contains(f"{BASE_YEAR}.")
            & ~marker.str.contains(MOMENT_END)
            & ~marker.str.contains(f"^(?:{COMPARED}|关于|《)")
        )
    )


def scope_of_figures(figs: pl.DataFrame, sentences: pl.DataFrame) -> pl.Series:
    """One scope per row of `figs` (_sent, position, unit_kind; sorted by _sent), from its sentence and
    paragraph.

    `sentences` carries _sent (row key = row number, in text order), _para (paragraph key) and text."""
    c = pl.col
    # What an opening marker carries to the later sentences of its paragraph. Rows are in text
    # order, so "the last opening before this row" is a forward fill, kept when it is this paragraph's.
    # (Built in stages: an expression used twice would be evaluated twice.)
    paras = (
        sentences.select("_para", opening=_clean(c("text").str.extract(OPENING, 1)))
        .with_columns(
            opening=pl.when(c("opening").str.contains(MOMENT_END)).then(None).otherwise(c("opening"))
        )
        .with_columns(
            from_para=pl.when(c("opening").is_not_null()).then(c("_para")).forward_fill().shift(1),
            last=c("opening").forward_fill().shift(1),
        )
    )
    carried = (
        paras.select(pl.when(c("from_para") == c("_para")).then(c("last")).alias("carried"))
        .to_series()
        .gather(figs["_sent"])
    )
    runs_on = _runs_on(sentences).gather(figs["_sent"])
    # Most sentences name no period: test each sentence with figures once, and read positions only
    # in the sentences that do.
    per_sentence = (
        figs.select("_sent")
        .filter((c("_sent") != c("_sent").shift(1)).fill_null(True))
        .with_columns(text=sentences["text"].gather(figs["_sent"].unique(maintain_order=True)))
        .filter(c("text").str.contains(f"{PERIOD}|{POINT}|{PART_OF_YEAR}"))
        .select("_sent")
    )
    before = c("text").str.slice(0, c("position"))
    own = (
        figs.select("_sent", "position", "unit_kind")
        .with_row_index("_fig")
        .join(per_sentence, on="_sent", how="inner", maintain_order="left")
    )
    own = own.with_columns(text=sentences["text"].gather(own["_sent"]))
    # A marker applies to the figures after it (制定法规5件……仅去年上半年，投入资金x亿元: the 5件 are
    # not of 去年上半年).
    markers = _periods(before.str.extract_all(f"{TITLED}{COMPARED}?{PERIOD}{OF_BASE}|{POINT}|{PART_OF_YEAR}"))
    own = own.select(
        "_fig",
        last=pl.when(
            (c("unit_kind") == "percent") & _clean(markers.list.last()).str.contains(f"{BASE_YEAR}$")
        )
        .then(markers.list.get(-2, null_on_oob=True))
        .otherwise(markers.list.last())
        .str.replace("的$", ""),
    ).select(
        "_fig",
        own=pl.when(c("last").str.contains(f"^{POINT}$"))
        .then(pl.lit(""))
        .otherwise(_clean(c("last")).str.replace("^[，；,;]?(?:其中)?", "")),
    )
    # A figure's own sentence wins, then the sentences its own runs on from, then the paragraph's.
    full = (
        pl.Series("own", dtype=pl.String).extend_constant(None, figs.height).scatter(own["_fig"], own["own"])
    )
    return pl.DataFrame({"own": full, "runs_on": runs_on, "carried": carried}).select(
        scope=pl.coalesce("own", "runs_on", "carried", pl.lit(""))
    )["scope"]


def _runs_on(sentences: pl.DataFrame) -> pl.Series:
    """Per sentence, the period marker it inherits from the sentences before it that end in ；.

    The segmenter ends a sentence at ；, the report's sentence goes on to the 。 (履职一年来，…开展立法
    调研x项；配合…开展执法检查x次；…): the last marker of such a sentence applies to those after it."""
    c = pl.col
    text = c("text")
    semi = sentences.select("_para", _semi=text.str.ends_with("；") | text.str.ends_with(";"))
    at = semi.get_column("_semi").arg_true()
    # Only the few sentences ending in ； are searched for a marker.
    found = (
        sentences.select("text")[at]
        .select(
            m=_clean(_periods(c("text").str.extract_all(f"{TITLED}{COMPARED}?{PERIOD}{OF_BASE}")).list.last())
        )
        .get_column("m")
    )
    markers = pl.Series("m", dtype=pl.String).extend_constant(None, semi.height).scatter(at, found)
    # A run starts at each sentence whose predecessor ended otherwise, or in another paragraph; its
    # start holds "" so that a forward fill (one pass, no window per run) never crosses into it.
    starts = ~c("_semi").shift(1, fill_value=False) | (c("_para") != c("_para").shift(1)).fill_null(True)
    return (
        semi.with_columns(m=markers)
        .select(m=pl.when(starts).then(pl.lit("")).otherwise(c("m").shift(1)).forward_fill())
        .select(pl.when(c("m") != "").then(c("m")))
        .to_series()
    )
