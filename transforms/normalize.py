"""Normalise raw report lines and rebuild paragraphs, recording every repair.

Text extracted from web pages and PDFs arrives with spaces inside "2023 年", full-width digits,
Markdown emphasis, page-continuation markers, tables of contents and lines broken mid-sentence.
Each repair is a row of the repairs frame (kind, before, after, file, line) so an analyst can see
what was changed. Paragraphs keep `seg_offsets`/`seg_lines`, mapping every character back to the
raw line it came from.
"""

from __future__ import annotations

from typing import NamedTuple

import polars as pl

from transforms.search import has_any

WS = r"[ \t\u3000\u00a0]"
SP_CHARS = " \u3000\u00a0"
SP = f"[{SP_CHARS}]"  # spaces inside a line of text; a tab separates columns (tables of contents)
_FULLWIDTH = [chr(c) for c in range(0xFF10, 0xFF1A)] + [chr(c) for c in range(0xFF21, 0xFF3B)]
_FULLWIDTH += [chr(c) for c in range(0xFF41, 0xFF5B)] + ["％", "．"]
_HALFWIDTH = [chr(ord(c) - 0xFEE0) for c in _FULLWIDTH]

# A mask is a run of x letters standing alone (ASCII word boundaries: Han characters are not ASCII
# word characters, so "x次" still counts as a lone mask while "xylophone" does not).
_TOKEN = r"(?-u:\b)[0-9x][0-9x.]*(?-u:\b)"  # a number or a mask standing alone: 2023, 2.5, xx, x.x

# (kind, pattern that finds what the rule changes, rewrite of the line)
PAGE_MARKER = r"[（(](?:下转|上接|转|接)第?" + WS + r"*[\d一二三四五六七八九十]+" + WS + r"*版[）)]"
BOILERPLATE = (
    r"^(?:责任编辑|编辑|来源|作者|记者|打印本页|打印|关闭窗口|关闭|分享到|扫一扫|返回顶部|上一篇|下一篇|"
    r"【字体|字号|【字号|浏览次数|点击数|发布时间|发布日期|首页\s*>|当前位置)"
)
# Characters that print as nothing (zero-width spaces and joiners, a byte-order mark inside the
# text, soft hyphens): copied from web pages, they sit inside words and numbers unseen.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# HTML left in text copied from a web page: a line or paragraph break tag starts a new line, other
# tags of text layout go, and the named character references of spaces and punctuation become
# their characters (not &amp;, &lt; or &gt;: what they give could be read as markup again, and
# normalising twice must change nothing).
HTML_BREAK = r"<[ ]*(?:br|p|div|li|tr)\b[^<>]*>"
HTML_TAG = r"<[ ]*/?[ ]*(?:br|p|div|li|tr|td|span|font|strong|b|i|em|u|a|ul|ol|table|tbody|h[1-6])\b[^<>]*>"
HTML_ENTITIES = {
    "&nbsp;": " ",
    "&ensp;": " ",
    "&emsp;": "\u3000",
    "&quot;": '"',
    "&#39;": "'",
    "&ldquo;": "“",
    "&rdquo;": "”",
    "&lsquo;": "‘",
    "&rsquo;": "’",
    "&mdash;": "—",
    "&hellip;": "…",
    "&middot;": "·",
}
HTML = HTML_TAG + "|" + "|".join(HTML_ENTITIES)
# A page's number left on a line of its own by a PDF's extraction (- 3 -, 第4页, 第4页 共12页, 4/12).
PAGE_NUMBER = (
    r"^(?:[-—–－ ]*[0-9]{1,3}[-—–－ ]*|第 ?[0-9]{1,3} ?页(?:[ ,，/]*共 ?[0-9]{1,3} ?页)?|共 ?[0-9]{1,3} ?页"
    r"|[0-9]{1,3} ?/ ?[0-9]{1,3})$"
)
TOC_HEAD = r"^目" + WS + r"*录$"
MD_HEADING = r"^" + WS + r"*#{1,6}" + WS + r"+"
# An entry of a table of contents: its number (often none), its title, a tab, spaces or a leader,
# and its page.
TOC_ENTRY = r"^(?:(\d{1,3})[.、．]?" + WS + r"*)?(.+?)(?:\t+|" + WS + r"{2,}|[.…·]{2,})" + WS + r"*\d{1,4}$"

TERMINAL = r"(?:[。！？；：!?;:…]|\.{3,})[”’」』）)】\]]*$"
# Enumerators of headings and list items: 第一部分 (or 章, 篇), 一、, （一）, 1. — the last followed by
# no digit (1.5 is a number).
ENUM_PART = r"^第[一二三四五六七八九十]+(?:部分|章|篇)"
ENUM_1 = r"^[一二三四五六七八九十]+、"
ENUM_2 = r"^[（(][一二三四五六七八九十]+[）)]"
ENUM_3_MARK = r"^\d{1,2}[.、]"
ENUM_3 = ENUM_3_MARK + r"[^\d]"
ENUMERATED = f"(?:{ENUM_PART}|{ENUM_1}|{ENUM_2}|{ENUM_3})"


class Normalized(NamedTuple):
    lines: pl.DataFrame  # file_id, line_no, sub, text, pages (kept lines only, blank lines included)
    repairs: pl.DataFrame  # file_id, line_no, kind, before, after
    toc: pl.DataFrame  # file_id, entry_no, title (tables of contents, for compilations)


REPAIRS_SCHEMA = pl.Schema(
    {"file_id": pl.String, "line_no": pl.Int64, "kind": pl.String, "before": pl.String, "after": pl.String}
)


def lines_from_texts(texts: pl.DataFrame) -> pl.DataFrame:
    """texts (file_id, text) → one row per raw line (file_id, line_no from 1, text)."""
    return (
        texts.select("file_id", pl.col("text").str.split("\n"))
        .with_columns(line_no=pl.int_ranges(1, pl.col("text").list.len() + 1))
        .explode("text", "line_no")
        .select("file_id", pl.col("line_no").cast(pl.Int64), "text")
    )


def _fix(
    lines: pl.DataFrame, kind: str, find: str, after: pl.Expr, rewrite: pl.Expr, where: pl.Expr | None = None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Record what `find` matches in each line (a repair row with the fragment before and `after`)
    and apply `rewrite` to the lines it matches.

    `find` matches a line exactly when `rewrite` changes it, so the one regex pass that records
    also picks the few lines to rewrite: the others are left as they are, not scanned again.
    `where` (if given) picks the only lines `find` can match: the others are not searched.
    """
    text = pl.col("text") if where is None else pl.when(where).then(pl.col("text"))
    found = lines.select(text.str.extract_all(find)).to_series()
    hit = (found.list.len() > 0).arg_true()
    if hit.len() == 0:
        return lines, pl.DataFrame(schema=REPAIRS_SCHEMA)
    rows = lines[hit]
    record = (
        rows.select("file_id", "line_no", before=found.gather(hit))
        .explode("before")
        .with_columns(kind=pl.lit(kind), after=after)
        .select(REPAIRS_SCHEMA.names())
    )
    fixed = rows.select(rewrite).to_series()
    return lines.with_columns(lines.get_column("text").scatter(hit, fixed)), record


def _rewrite_inline(lines: pl.DataFrame) -> tuple[pl.DataFrame, list[pl.DataFrame]]:
    text = pl.col("text")
    frag = pl.col("before")
    fullwidth = "".join(_FULLWIDTH)
    # (kind, characters a line needs for the rule to match it, find, after, rewrite)
    rules = [
        (
            "invisible_char",
            INVISIBLE,
            f"[{INVISIBLE}]+",
            pl.lit(""),
            text.str.replace_all(f"[{INVISIBLE}]+", ""),
        ),
        (
            "html_markup",
            "<&",
            HTML,
            frag.str.replace_all(HTML_BREAK, "⏎")
            .str.replace_all(HTML_TAG, "")
            .str.replace_many(HTML_ENTITIES),
            text.str.replace_all(HTML_BREAK, "\n")
            .str.replace_all(HTML_TAG, "")
            .str.replace_many(HTML_ENTITIES),
        ),
        (
            "fullwidth",
            fullwidth,
            f"[{fullwidth}]+",
            frag.str.replace_many(_FULLWIDTH, _HALFWIDTH),
            text.str.replace_many(_FULLWIDTH, _HALFWIDTH),
        ),
        ("markdown_emphasis", "*_", r"\*{2,}|_{2,}", pl.lit(""), text.str.replace_all(r"\*{2,}|_{2,}", "")),
        # A Markdown heading's marks (# 一、…, ## 工作回顾): the heading is its text.
        ("markdown_heading", "#", MD_HEADING, pl.lit(""), text.str.replace(MD_HEADING, "")),
        ("page_marker", "版", PAGE_MARKER, pl.lit(""), text.str.replace_all(PAGE_MARKER, "")),
        # Recorded as whole "字 12 字" groups so that overlapping spaces show as one repair; the
        # record finds something exactly when one of the two rewrites changes the line.
        (
            "space_in_number",
            SP_CHARS + "&",  # &nbsp; becomes a space (html_markup, above)
            rf"\p{{Han}}{SP}+{_TOKEN}(?:{SP}*[\p{{Han}}%])?|{_TOKEN}%?{SP}+[\p{{Han}}%]",
            frag.str.replace_many({c: "" for c in SP_CHARS}),
            text.str.replace_all(rf"(\p{{Han}}){SP}+({_TOKEN})", "${1}${2}").str.replace_all(
                rf"({_TOKEN}%?){SP}+([\p{{Han}}%])", "${1}${2}"
            ),
        ),
    ]
    # A cheap test picks the few lines a rule may touch, and each rule runs on those alone: a line
    # with none of the characters a rule needs is not matched by it (nor, then, rewritten), and no
    # rule adds a character a later rule needs (they delete, or turn full-width into ASCII), so the
    # test can run on the lines as they were (the spaces html_markup writes are looked for where
    # a "&" is). The tests are small character classes
    # (transforms.search): one regex of all the rules read every byte through its automaton, three
    # times slower.
    needs = lines.select(**{kind: has_any(text, chars) for kind, chars, *_ in rules})
    touched = needs.select(pl.any_horizontal(pl.all())).to_series().arg_true()
    some = pl.concat([lines[touched], needs[touched]], how="horizontal")
    repairs = []
    for kind, _, find, after, rewrite in rules:
        some, record = _fix(some, kind, find, after, rewrite, where=pl.col(kind))
        repairs.append(record)
    return lines.with_columns(lines.get_column("text").scatter(touched, some.get_column("text"))), repairs


def normalize_lines(raw: pl.DataFrame) -> Normalized:
    """Raw lines → kept, normalised lines plus the repairs made and any table of contents."""
    lines = raw.with_columns(pl.col("text").str.strip_chars_end())
    lines, repairs = _rewrite_inline(lines)

    # Whole lines that are not report text: boilerplate of the web page, page-continuation markers
    # left empty by the inline rule, page numbers, and a table of contents (kept aside for splitting
    # compilations).
    stripped = pl.col("text").str.strip_chars(" \t\u3000\u00a0\n")  # (\n: a line's html_markup break)
    lines = lines.with_columns(_s=stripped)
    s = pl.col("_s")
    lines = lines.with_columns(
        role=pl.when(_toc_mask(lines))
        .then(pl.lit("toc"))
        .when(s.str.contains(BOILERPLATE) & (s.str.len_chars() < 60))
        .then(pl.lit("boilerplate"))
        .when((s.str.len_chars() < 20) & s.str.contains(PAGE_NUMBER))
        .then(pl.lit("page_number"))
        .otherwise(pl.lit("text"))
    ).drop("_s")
    dropped = lines.filter(pl.col("role") != "text")
    repairs.append(
        dropped.select(
            "file_id", "line_no", kind=pl.col("role"), before=pl.col("text"), after=pl.lit("")
        ).filter(pl.col("before").str.strip_chars() != "")
    )
    toc = (
        dropped.filter(pl.col("role") == "toc")
        .with_columns(m=stripped.str.extract_groups(TOC_ENTRY))
        .filter(pl.col("m").struct.field("2").is_not_null())
        .select(
            "file_id",
            entry_no=pl.col("m").struct.field("1").cast(pl.Int64),
            title=pl.col("m").struct.field("2").str.strip_chars(),
        )
    )
    # Page numbers dropped so far in the file: the lines they stood on are no gap in the text.
    lines = lines.with_columns(
        pages=(pl.col("role") == "page_number").cum_sum().over("file_id").cast(pl.Int64)
    )
    kept = lines.filter(pl.col("role") == "text").drop("role")

    # One-line texts put paragraphs side by side, separated by ideographic spaces: split them.
    para_break = r"([^\s\u3000])\u3000{2,}"
    kept, split = _fix(
        kept,
        "ideographic_paragraphs",
        para_break,
        pl.col("before").str.slice(0, 1) + pl.lit("⏎"),
        pl.col("text").str.replace_all(para_break, "${1}\n"),
    )
    repairs.append(split)
    kept = (
        kept.with_columns(pl.col("text").str.split("\n"))
        .with_columns(sub=pl.int_ranges(0, pl.col("text").list.len()))
        .explode("text", "sub")
        .with_columns(stripped, pl.col("sub").cast(pl.Int64))
        .select("file_id", "line_no", "sub", "text", "pages")
    )
    return Normalized(kept, pl.concat(repairs, how="vertical"), toc)


def _toc_mask(lines: pl.DataFrame) -> pl.Series:
    """True for a "目录" line and the run of entry lines ("3.标题\t19") after it, blank lines included.

    lines: file_id and `_s`, the stripped text, in file and line order. Only the files with a "目录"
    line are looked at (a compilation's, now and then): the window passes cost more than the head test.
    """
    s = pl.col("_s")
    head = lines.get_column("_s").str.contains(TOC_HEAD)
    mask = pl.repeat(False, lines.height, dtype=pl.Boolean, eager=True)
    if not head.any():
        return mask
    files = lines.get_column("file_id").filter(head).unique().implode()
    flags = (
        lines.with_columns(head=head)
        .with_row_index("_i")
        .filter(pl.col("file_id").is_in(files))
        # A file's lines are one run: windows over its number cost a third of those over file_id.
        .select("_i", "head", _f=pl.col("file_id").rle_id(), entry=s.str.contains(TOC_ENTRY), blank=s == "")
    )
    h, e = pl.col("head"), pl.col("entry")
    # A TOC block: starts at a head, continues while lines are entries or blanks.
    block_start = h.cast(pl.Int32).cum_sum().over("_f")
    breaks = (~(h | e | pl.col("blank"))).cast(pl.Int32).cum_sum().over("_f")
    # Within one file, a line is in the TOC when no non-entry line stands between it and the head.
    in_toc = flags.with_columns(_b=breaks).select(
        "_i",
        toc=(block_start > 0)
        & (pl.col("_b") == pl.when(h).then(pl.col("_b")).forward_fill().over("_f"))
        & (h | e),
    )
    return mask.scatter(in_toc.get_column("_i"), in_toc.get_column("toc"))


CUT_NUMBER_MIN = 8  # characters of a line that may stop inside a number
LINE_FLAGS = ("enumerated", "terminal", "heading_like", "comma_title")  # what _with_line_flags adds


def _with_line_flags(frame: pl.DataFrame) -> pl.DataFrame:
    """`frame` (with `text`) + terminal, heading_like, comma_title, enumerated.

    Built in stages: a sub-expression used twice in one eager expression is evaluated twice."""
    text = pl.col("text")
    n = text.str.len_chars()
    titled = n <= 40  # only a line this short can be a title
    # An opening quote or bracket left open means the sentence goes on on the next line. Longer
    # lines are null here, and their text is never searched.
    short = pl.when(titled).then(text)
    unbalanced = (short.str.count_matches("“") > short.str.count_matches("”")) | (
        short.str.count_matches("《") > short.str.count_matches("》")
    )
    # A line of text that stops inside a number (办理代表建议93 / 49件) goes on: no heading ends so.
    # (A label such as 附件1, or a page number, is shorter.)
    cut_number = (n >= CUT_NUMBER_MIN) & short.str.contains(r"\p{Han}.*[0-9]\.?$").fill_null(False)
    # Clauses with a count (五年来，…召开常委会会议46次，制定地方性 / 法规21件…) are a sentence
    # broken early, not a two-clause heading.
    counted_clauses = (
        short.str.contains("，") & short.str.contains("[0-9] *(?:次|件|项|个|名|人|%|亿|万)")
    ).fill_null(False)
    staged = frame.with_columns(
        enumerated=text.str.contains(ENUMERATED),
        _stop=text.str.contains(r"[。！？；!?;]"),
        _title=titled
        & ~text.str.contains(r"[，、“‘《（(—：:,]$")
        & ~unbalanced
        & ~cut_number
        & ~counted_clauses,
        # ^[（(].*[）)]$ without the regex, which read the whole of every line
        _paren=(text.str.starts_with("（") | text.str.starts_with("("))
        & (text.str.ends_with("）") | text.str.ends_with(")"))
        & ~text.str.contains("\n", literal=True)
        & (n < 200),
        _dash=text.str.starts_with("——") | text.str.starts_with("--"),
    )
    enumerated, stop = pl.col("enumerated"), pl.col("_stop")
    short_title = pl.col("_title") & ~stop
    return staged.with_columns(
        terminal=text.str.contains(TERMINAL),
        # (A dash opens a heading, or the lead-in of a paragraph that goes on: ——聚焦…担当作为。围绕…xx件民
        # / 生实事….)
        heading_like=short_title
        | (enumerated & ~stop)
        | pl.col("_paren")
        | (pl.col("_dash") & (~stop | (titled & text.str.contains(TERMINAL)))),
        # Short and with a comma: a two-clause heading, or a sentence broken early; the next
        # line decides (see `paragraphs`).
        comma_title=short_title & text.str.contains("，") & ~enumerated,
    ).drop("_stop", "_title", "_paren", "_dash")


# A text set in a narrow column (a newspaper's, 12–40 characters a line) has most of its lines filled
# to the column's width: such a line is no title, however short, and goes on on the next line
# unless it ends a sentence. Widths are in half-width cells (a Chinese character two, a digit one),
# as the column sets them, with a cell of slack for a digit or a quote mark more or less.
# (A few headings or titles of one length are no column: it takes lines enough, and wide enough.)
COLUMN_MIN, COLUMN_MAX = 24, 80
COLUMN_SHARE = 0.3  # of a file's lines at the width, for a column
COLUMN_LINES = 8


def _with_full_column_lines(lines: pl.DataFrame) -> pl.DataFrame:
    """`lines` (with text, enumerated) + _full: whether each is a line filled to its file's column."""
    chars = pl.col("text").str.len_chars()
    cells = chars + (pl.col("text").str.len_bytes() - chars) // 2  # 3 bytes a CJK character
    # Only lines as short as a column's can fill one: most files have few, and are read no further.
    short = lines.filter(chars <= COLUMN_MAX // 2).select("file_id", cells=cells)
    width = pl.col("cells").mode().max()
    columns = (
        short.group_by("file_id")
        .agg(width=width, at_width=pl.col("cells").is_between(width - 2, width).sum())
        .join(lines.group_by("file_id").len(), on="file_id")
        .filter(
            pl.col("width").is_between(COLUMN_MIN, COLUMN_MAX)
            & (pl.col("at_width") >= COLUMN_LINES)
            & (pl.col("at_width") >= COLUMN_SHARE * pl.col("len"))
        )
        .select("file_id", "width")
    )
    if columns.height == 0:
        return lines.with_columns(_full=pl.lit(False))
    return (
        lines.join(columns, on="file_id", how="left", maintain_order="left")
        .with_columns(_full=cells.is_between(pl.col("width") - 2, pl.col("width")) & ~pl.col("enumerated"))
        .with_columns(pl.col("_full").fill_null(False))
        .drop("width")
    )


def paragraphs(lines: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Kept lines → paragraphs, joining lines broken mid-sentence (also across one blank line).

    A line continues on the next non-blank line when it does not end a sentence, is not a heading,
    and the next line is not a heading either; a line filled to a narrow column's width is never a
    heading. Returns (paragraphs, join repairs).
    """
    nonblank = lines.filter(pl.col("text") != "").sort("file_id", "line_no", "sub")
    nonblank = _with_full_column_lines(_with_line_flags(nonblank))
    nonblank = nonblank.with_columns(
        gap=(pl.col("line_no") - pl.col("pages") - (pl.col("line_no") - pl.col("pages")).shift(1)).over(
            "file_id"
        ),
        prev_open=(~pl.col("terminal") & (~pl.col("heading_like") | pl.col("_full")))
        .shift(1)
        .over("file_id"),
        prev_comma_title=pl.col("comma_title").shift(1).over("file_id"),
    )
    # After a short line with a comma, a short line that ends the sentence is its continuation.
    short_end = pl.col("terminal") & (pl.col("text").str.len_chars() < 40)
    joins = (
        (pl.col("prev_open").fill_null(False) | (pl.col("prev_comma_title").fill_null(False) & short_end))
        & (~pl.col("heading_like") | pl.col("_full"))
        & (pl.col("gap") > 0)  # pieces of one split line are separate paragraphs
        & (pl.col("gap") <= 3)  # at most two blank lines between the pieces
    )
    nonblank = nonblank.with_columns(joined=joins).with_columns(
        para_no=(~pl.col("joined")).cast(pl.Int64).cum_sum().over("file_id") - 1,
    )
    join_repairs = (
        nonblank.with_columns(
            prev_text=pl.col("text").shift(1).over("file_id"),
            prev_line=pl.col("line_no").shift(1).over("file_id"),
        )
        .filter(pl.col("joined"))
        .select(
            "file_id",
            line_no=pl.col("prev_line"),
            kind=pl.lit("line_join"),
            before=pl.col("prev_text").str.slice(-12) + pl.lit("⏎") + pl.col("text").str.slice(0, 12),
            after=pl.col("prev_text").str.slice(-12) + pl.col("text").str.slice(0, 12),
        )
    )
    # A paragraph is a run of rows: numbered across files (a file's first line never joins the line
    # before it), grouping on one integer instead of (file_id, para_no). Most paragraphs are one
    # line, which needs no grouping: only the rows of joined paragraphs are grouped.
    nonblank = nonblank.with_columns(
        _g=(~pl.col("joined")).cum_sum(),
        _alone=~pl.col("joined") & ~pl.col("joined").shift(-1).fill_null(False),
    )
    alone = nonblank.filter(pl.col("_alone")).select(
        "_g",
        "file_id",
        "para_no",
        "text",
        # A paragraph of one line has that line's flags; only joined ones are looked at again.
        *LINE_FLAGS,
        seg_offsets=pl.concat_list(pl.lit(0, pl.Int64)),
        seg_lines=pl.concat_list("line_no"),
        first_line="line_no",
        last_line="line_no",
        pieces=pl.lit(1, pl.UInt32),
    )
    grouped = (
        nonblank.filter(~pl.col("_alone"))
        .with_columns(length=pl.col("text").str.len_chars().cast(pl.Int64))
        .group_by("_g", maintain_order=True)
        .agg(
            pl.col("file_id", "para_no").first(),
            text=pl.col("text").str.join(""),
            seg_offsets=pl.col("length").cum_sum() - pl.col("length"),
            seg_lines=pl.col("line_no"),
            first_line=pl.col("line_no").first(),
            last_line=pl.col("line_no").last(),
            pieces=pl.len(),
            **{flag: pl.col(flag).first() for flag in LINE_FLAGS},
        )
    )
    paras = alone.select(grouped.columns).merge_sorted(grouped, key="_g").drop("_g")
    joined = (paras.get_column("pieces") > 1).arg_true()
    if joined.len():
        again = _with_line_flags(paras[joined].select("text"))
        paras = paras.with_columns(
            paras.get_column(f).scatter(joined, again.get_column(f)) for f in LINE_FLAGS
        )
    return paras, join_repairs
