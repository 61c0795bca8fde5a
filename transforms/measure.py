"""The measure of a figure: the short phrase of its sentence naming what is counted.

Reports say a count two ways: verb + object + number (制定法律5件) or verb + number + object
(检查5件法律的实施情况, 听取审议23个监督工作报告). So the measure is the noun phrase right after the
unit, led by the verbs right before the number; or, when the number ends its clause, the clause from
its last verb that takes an object (督促制定机关修改或废止规范性文件 → 修改或废止规范性文件).
Verbs come from jieba's dictionary (words tagged v), matched with one regex: no per-figure Python.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import polars as pl

DELIMS = "，。；：！？,;:!?…"
MIN_VERB_FREQ = 500  # rare "verbs" in jieba's dictionary are mostly noise
# Words that open a clause without naming anything (adverbs, time words, totals).
LEAD_WORDS = (
    r"^(?:其中|此外|另外|同时|并且|并|还|又|共计|共有|共|累计|总计|合计|全年|一年来|今年以来|今年|去年|"
    r"过去一年|五年来|目前|现已|已经|已|先后|分别|仅|另|再|此后|截至目前|均|都|依次|"
    r"(?:19|20)[0-9x]{2}年度?|[上下]半年)+"
)
# Words between a measure and its number (满意度达到98%, 规范性文件共300件).
TRAIL_WORDS = (
    r"(?:其中|共计|共有|共|累计|总计|合计|分别为|分别达到|分别达|分别|达到|达|为|有|计|的占|占|是|约|近)+$"
)
POST_STOP = r"(?:已|均|都|全部|逐一|逐件|进行|得到|交由|分别|予以|被|将|并|占|的占|为|是|达)"
ADVERBS = (
    r"(?:顺利|庄严|积极|充分|认真|全面|深入|共同|先后|相继|主动|集中|广泛|首次|实地|全覆盖|在|赴|向|从|于|获)"
)
NOMINAL_VERBS = (
    r"询问|调研|检查|视察|测评|评议|督查|审查|监督|交流|培训|学习|座谈|论证|评估|考察|督办|质询|宣誓"
)
PIVOT_VERBS = r"(?:邀请|组织|带领|带动|动员|安排|支持|鼓励|引导|吸引)$"
CONJ = r"(?:或|和|及|并|、)?"
SPACES = r"[ \u3000*]"
# A verb followed by one of these is inside a noun (学习班, 座谈会, 调研报告), not a predicate.
NOUN_SUFFIX = (
    "班会组站点室日费制法率度量性者员团队处局所院厅部委办栏网台证书稿单表册号类型式案题项地场馆园区报"
)


@functools.lru_cache(maxsize=1)
def verb_alternation() -> str:
    """Common verbs of two to four characters from jieba's dictionary, longest first, as a regex."""
    import jieba

    path = Path(jieba.__file__).resolve().parent / "dict.txt"
    verbs = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            word, freq, tag = line.split()
            if tag == "v" and 2 <= len(word) <= 4 and int(freq) >= MIN_VERB_FREQ:
                verbs.append(word)
    verbs.sort(key=len, reverse=True)
    return "(?:" + "|".join(re.escape(v) for v in verbs) + ")"


def with_measure(matches: pl.DataFrame) -> pl.DataFrame:
    """Add `measure` to a frame of matches sorted by (_sent, start) with columns text, start, end
    (char offsets of the match in its sentence). Built in stages so no sub-expression runs twice."""
    verb = verb_alternation()
    c = pl.col
    prev_end = c("end").shift(1).over("_sent").fill_null(0)
    df = matches.with_columns(_from=pl.max_horizontal(prev_end, c("start") - 40, pl.lit(0)))
    df = df.with_columns(
        _clause=c("text")
        .str.slice(c("_from"), c("start") - c("_from"))
        .str.extract(rf"([^{DELIMS}]*)$", 1)
        .str.replace_all(SPACES, "")
        .str.strip_chars("、（）()“”")
        .str.replace(LEAD_WORDS, "")
        .str.replace(TRAIL_WORDS, "")
        .fill_null(""),
        _after=c("text")
        .str.slice(c("end"), 24)
        .str.extract(rf"^([^{DELIMS}、0-9xX]*)", 1)
        .str.replace_all(SPACES, "")
        .fill_null(""),
    )
    # The noun phrase after the unit ends where a verb or a predicate word starts ...
    predicate = rf"(?:{verb}[^{NOUN_SUFFIX}]|{verb}$|{POST_STOP}|{ADVERBS})"
    df = df.with_columns(
        _noun=c("_after").str.replace(rf"{predicate}.*$", ""),
        _object=c("_clause").str.extract(rf"^.*({verb}.+)$", 1),
        _verbs=c("_clause").str.extract(rf"((?:{verb}{CONJ})+)$", 1).fill_null(""),
        # 三次召开东北振兴座谈会, 1.78亿人次参加答题: the number is the adverb or subject of a verb.
        _verb_after=c("_after").str.extract(rf"^({verb}.*)$", 1).str.replace(rf"(?:{POST_STOP}|并).*$", ""),
        _acts=c("_after").str.contains(predicate),
    )
    df = df.with_columns(
        # ... unless the verb ending the clause is a nominalised one (专题询问, 代表视察).
        _noun=pl.when(
            c("_after").str.slice(c("_noun").str.len_chars()).str.contains(rf"^(?:{NOMINAL_VERBS})$")
        )
        .then(c("_after"))
        .otherwise(c("_noun"))
        .str.strip_chars("、（）()“”的"),
        _head_verbs=c("_clause")
        .str.head(c("_clause").str.len_chars() - c("_object").str.len_chars().fill_null(0))
        .str.extract(rf"((?:{verb}{CONJ})+)$", 1)
        .fill_null(""),
    )
    # 邀请740多人次代表参加执法检查: after a pivot verb the count's subject acts, and the act is the measure.
    pivot = c("_verbs").str.contains(PIVOT_VERBS) & c("_acts")
    noun = c("_noun")
    measure = (
        pl.when((noun != "") & pivot)
        .then(c("_after").str.replace(rf"(?:{POST_STOP}).*$", ""))
        .when(noun != "")
        .then(pl.when(noun.str.len_chars() <= 2).then(c("_verbs") + noun).otherwise(noun))
        .when(c("_verb_after").str.len_chars() >= 2)
        .then(c("_verb_after"))
        .when(c("_object").is_not_null())
        .then(c("_head_verbs") + c("_object"))
        .otherwise(c("_clause"))
    )
    df = df.with_columns(measure=pl.when(measure == "").then(None).otherwise(measure))
    # A share stated after its count (有14件，占41%) names the same thing as that count.
    df = df.with_columns(measure=c("measure").forward_fill().over("_sent").fill_null(""))
    return df.drop(
        "_from", "_clause", "_after", "_noun", "_object", "_verbs", "_verb_after", "_acts", "_head_verbs"
    )
