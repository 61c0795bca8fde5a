"""Paragraphs → documents: split compilations and parse each document's metadata from its text.

A file is usually one report. A compilation (a table of contents, then several reports) becomes one
document per report: each body line equal to a table-of-contents title opens a document, or, with no
contents page to go by, each report's own header (two or more in the file). Metadata
(title, kind, issuing body, level, report date, year covered, speaker) is read from the document's
first lines and stays NULL where the text does not say.
"""

from __future__ import annotations

import re
from datetime import date

import polars as pl

from transforms.numerals import parse_chinese

SPEAKER = re.compile(
    r"^(?P<role>[^，。；]{0,40}?(?:副?委员长|副?主任(?:委员)?|副?书记|党组成员|副?省长|副?市长|副?州长|"
    r"副?区长|副?县长|副?总理|副?部长|副?主席|秘书长|副?厅长|副?局长|副?院长|副?检察长))\s+"
    # A two-character name is often set with spaces between its characters (主任　王　强); an
    # anonymised text masks it with x (市长 张xx, 主任 xxx).
    r"(?P<name>[\u4e00-\u9fff·xX](?:[ \u3000]*[\u4e00-\u9fff·xX]){1,4})$"
)
DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
# 二〇二四年一月二十二日: many provincial reports date their header in Chinese numerals.
CHINESE_DATE = re.compile(
    r"([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日"
)
TITLE_YEAR = re.compile(r"(\d{4})年")
# The courts and procuratorates report to their congress too (某某市中级人民法院工作报告).
JUDICIAL = r"人民法院|人民检察院"
# (Within a clause: a title that is a sentence of the body names no issuer before its comma.)
ISSUER = re.compile(
    r"^(?P<issuer>[^，。；：,;:]*?(?:人民代表大会常务委员会|人大常委会|人民政府|国务院|"
    rf"人大[\u4e00-\u9fff]{{1,8}}?委员会|人大[\u4e00-\u9fff]{{1,8}}?委|"
    # (A congress's committee: 市人民代表大会财政经济委员会, not 人民代表大会关于设立…委员会的决定.)
    r"人民代表大会(?:(?!关于)[\u4e00-\u9fff]){1,8}?委员会|"
    rf"人民代表大会|{JUDICIAL}))"
)
# A speaker's office names the body (某某省财政厅厅长, 某某市发展和改革委员会主任).
ROLE_ISSUER = re.compile(
    rf"^(?P<issuer>.*?(?:人民代表大会常务委员会|人大常委会|人民政府|国务院|人民代表大会|{JUDICIAL}|"
    r"[\u4e00-\u9fff]{2,12}?(?:委员会|厅|局)(?=[副正]?[\u4e00-\u9fff]{0,2}(?:长|主任|书记))))"
)
# The congress a report is delivered to (在湖南省第十四届人民代表大会…, 在第十四届全国人民代表大会…).
SESSION_OF = re.compile(r"在(?P<place>[^，。在]{2,20}?[省市县区州])?第?[^，。在]{0,6}届(?:全国)?人民代表大会")
# A line of its own after the title naming the body that issues it (某某省人大常委会办公厅).
AUTHOR_LINE = re.compile(
    r"^[\u4e00-\u9fff]{2,30}(?:办公厅|办公室|常务委员会|常委会|人民政府|委员会|人民代表大会)$"
)
# A name alone on its line after the date or occasion (讲话 …（2024年1月12日） 王某某): the speaker.
# Common surnames (and 某, for anonymised texts) tell a name from a short heading (前言, 总体要求).
NAME_LINE = re.compile(
    r"^(?:欧阳|司马|诸葛|上官|[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
    r"于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺"
    r"顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左"
    r"柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾"
    r"尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇"
    r"栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝某])[\u4e00-\u9fff]{1,3}$"
)
# A congress's term is no part of its name (某某市第十七届人民代表大会 → 某某市人民代表大会).
TERM = re.compile(r"第?[一二三四五六七八九十]+届")
# 湖南省省长, 某某市副市长: the head of a people's government speaks for it.
GOVERNMENT_HEAD = re.compile(r"^(?P<place>.+?[省市县区州])副?[省市县区州]长$")
KINDS: list[tuple[str, str]] = [
    (r"政府工作报告", "government_work_report"),
    # (五年工作报告: a term's report at its end.)
    (r"(?:常务委员会|常委会)(?:五年)?工作报告", "standing_committee_work_report"),
    (r"摘编|发言|座谈会|交流会", "speech_compilation"),
    (r"讲话", "speech"),
    (r"综述|总结|回顾", "summary"),
    (r"计划|要点|安排", "work_plan"),
    (r"报告", "work_report"),
]
KNOWN_KINDS = [k for _, k in KINDS] + ["other"]
CANONICAL_ISSUER = {"全国人大常委会": "全国人民代表大会常务委员会", "全国人大": "全国人民代表大会"}
PROVINCIAL_CITIES = ("北京市", "天津市", "上海市", "重庆市")
LEVEL_IN_BODY = re.compile(r"(全国|省|自治区|市|州|盟|区|县|旗)\s*(?:x+\s*)?(?:届)?\s*人大")

DOCUMENTS_SCHEMA = pl.Schema(
    {
        "file_id": pl.String,
        "doc_no": pl.Int64,
        "doc_id": pl.String,
        "title": pl.String,
        "subtitle": pl.String,
        "kind": pl.String,
        "issuer": pl.String,
        "level": pl.String,
        "report_date": pl.Date,
        "year_covered": pl.Int64,
        "speaker": pl.String,
        "speaker_role": pl.String,
        "collection_title": pl.String,
        "first_line": pl.Int64,
        "last_line": pl.Int64,
        "header_paras": pl.Int64,
    }
)


def _squash(expr: pl.Expr) -> pl.Expr:
    """A title as compared with its table of contents entry: no spaces, and a body's name in its
    short form (a contents page often shortens 人民代表大会常务委员会 to 人大常委会)."""
    return expr.str.replace_all(r"\s+", "").str.replace_all(
        "人民代表大会常务委员会", "人大常委会", literal=True
    )


# A report's own header, which a compilation without a contents page repeats for each report: a
# short title naming a kind of report, then the line of its delivery (——2024年1月10日在…上) or its
# speaker (主任　王强).
HEADER_TITLE = r"报告|讲话|综述|总结|回顾|计划|要点|汇报"
# Or a title naming a body and ending in a kind of report (市人大常委会2023年工作综述), which no heading
# inside a report is.
BODY_TITLE = (
    r"^[^，。；：]{0,20}(?:人大常委会|人民代表大会常务委员会|人民政府|人大[^，。；：]{1,8}?委)"
    r"[^，。；：]{0,24}(?:报告|综述|总结|讲话)$"
)
DELIVERY = (
    rf"^(?:——|--|（|\()[^。；]{{0,60}}?"
    rf"(?:{DATE.pattern}|{CHINESE_DATE.pattern}|在[^。；]{{2,60}}(?:会议|大会)上)"
)


def _header_starts(paras: pl.DataFrame) -> pl.Series:
    """Row numbers of the paragraphs that open a report by its header, in files holding two or more."""
    text = pl.col("text")
    # Only short headings can be titles: the few paragraphs tested, and the line after each.
    titles = paras.with_row_index("_at").filter(
        pl.col("heading_like") & ~pl.col("enumerated") & (text.str.len_chars() <= 60)
    )
    after_at = (titles.get_column("_at") + 1).clip(upper_bound=max(paras.height - 1, 0))
    nxt = paras.select("file_id", "text")[after_at]
    line = nxt.get_column("text")
    delivered = (nxt.get_column("file_id") == titles.get_column("file_id")) & (
        line.str.contains(DELIVERY) | line.str.contains(SPEAKER.pattern)
    )
    return (
        titles.with_columns(_delivered=delivered)
        .filter(
            ~text.str.contains(r"[。！？；：]")
            & (
                (text.str.contains(HEADER_TITLE) & pl.col("_delivered"))
                | text.str.replace_all(r"\s+", "").str.contains(BODY_TITLE)
            )
        )
        # Titles in a row are a list of the reports (a contents page without page numbers): only
        # the last of them opens a report.
        .filter((pl.col("_at") + 1 != pl.col("_at").shift(-1)).fill_null(True))
        .filter(pl.len().over("file_id") >= 2)
        .get_column("_at")
    )


def assign_documents(paras: pl.DataFrame, toc: pl.DataFrame) -> pl.DataFrame:
    """Add `doc_no` (from 1) to each paragraph; a compilation's preamble before its first report gets 0.

    A compilation's reports start at the lines its table of contents names; without a contents page
    that names them, at the headers of two or more reports (title, then date or speaker). A file with
    neither is one document."""
    titles = toc.select("file_id", key=_squash(pl.col("title"))).unique()
    # A report starts at a heading-like paragraph of a file with a table of contents that matches
    # one of its titles: only those few paragraphs are compared.
    found = (
        paras.with_row_index("_at")
        .filter(pl.col("file_id").is_in(titles.get_column("file_id").implode()) & pl.col("heading_like"))
        .select("_at", "file_id", key=_squash(pl.col("text")))
        .join(titles, on=["file_id", "key"], how="semi")
    )
    starts = found.get_column("_at")
    has_toc = pl.col("file_id").is_in(found.get_column("file_id").implode())
    # Computed before the window below, where a row number would count within each file.
    boundary = pl.int_range(pl.len(), dtype=pl.UInt32).is_in(starts.implode()).alias("_start")
    by_header = (
        pl.int_range(pl.len(), dtype=pl.UInt32).is_in(_header_starts(paras).implode()).alias("_header")
    )
    return (
        paras.with_columns(boundary, by_header)
        .with_columns(
            doc_no=pl.when(has_toc)
            .then(pl.col("_start").cast(pl.Int64).cum_sum().over("file_id"))
            .when(pl.col("_header").any().over("file_id"))
            .then(pl.col("_header").cast(pl.Int64).cum_sum().over("file_id"))
            .otherwise(1)
        )
        .drop("_start", "_header")
    )


def _kind(text: str) -> str:
    kind = next((kind for pattern, kind in KINDS if re.search(pattern, text)), "other")
    # 关于…计划执行情况与…计划草案的报告: a title ending in 报告 is a report whatever it reports on.
    if kind in {"work_plan", "summary"} and re.search(r"报告$", text.split(" ")[0]):
        return "work_report"
    return kind


HEADER_SCAN = 6  # paragraphs that can hold the title block
SESSION_MONTHS = 4  # congresses meet in their annual sessions from January to April
BODY_SCAN = 1500  # characters of body text searched for the level of the issuer


def _date(text: str) -> date | None:
    """The first date written in `text`, in Arabic or Chinese numerals."""
    if (m := DATE.search(text)) is not None:
        parts = [int(m.group(i)) for i in (1, 2, 3)]
    elif (m := CHINESE_DATE.search(text)) is not None:
        values = [parse_chinese(m.group(i)) for i in (1, 2, 3)]
        if any(v is None for v in values):
            return None
        parts = [int(v) for v in values if v is not None]
    else:
        return None
    try:
        return date(*parts)
    except ValueError:
        return None


def _level(issuer: str | None, header: str, body: str) -> str | None:
    for text in (issuer or "", header):
        if text.startswith(("全国", "国务院")) or "全国人民代表大会" in text:
            return "national"
        # A township's congress and its presidium (某某镇人民代表大会主席团), named after its county.
        if re.match(r"^[^，。]{0,12}(?:镇|乡|街道)(?:人民代表大会|人大|人民政府)", text):
            return "township"
        if text.startswith(PROVINCIAL_CITIES) or re.match(r"^[^，。]{0,8}(省|自治区)", text):
            return "provincial"
        if re.match(r"^[^，。]{0,8}(市|州|盟)", text):
            return "municipal"
        if re.match(r"^[^，。]{0,8}(区|县|旗)", text):
            return "county"
    found = LEVEL_IN_BODY.search(body[:BODY_SCAN])
    if not found:
        return None
    return {
        "全国": "national",
        "省": "provincial",
        "自治区": "provincial",
        "市": "municipal",
        "州": "municipal",
        "盟": "municipal",
    }.get(found.group(1), "county")


def _header(texts: list[str]) -> list[str]:
    """The title block: one or two title lines, then any subtitle ("——…", "(…)") and speaker lines."""

    def is_title(text: str) -> bool:
        return len(text) <= 60 and not re.search(r"[。！？；：]", text)

    def is_sub(text: str) -> bool:
        return (
            text.startswith(("——", "(", "（"))
            or SPEAKER.match(text) is not None
            or AUTHOR_LINE.match(text) is not None
        )

    header = texts[:1]
    rest = texts[1:HEADER_SCAN]
    # A second title line counts only when a subtitle follows it (else it is the first heading).
    if len(rest) >= 2 and is_title(rest[0]) and not is_sub(rest[0]) and is_sub(rest[1]):
        header, rest = [*header, rest[0]], rest[1:]
    for text in rest:
        # A name alone counts after a subtitle line only (after the title it may be a heading).
        named = _bare_name(text) is not None and len(header) > 1
        if not (is_sub(text) or named):
            break
        header.append(text)
    return header


# A title set with a space between each character (政  府  工  作  报  告), as a cover page prints it.
SPACED_TITLE = re.compile(r"(?:[\u4e00-\u9fff][ \u3000]+)+[\u4e00-\u9fff]")


def _unspaced(text: str) -> str:
    return re.sub(r"[ \u3000]+", "", text) if SPACED_TITLE.fullmatch(text) else text


def _bare_name(text: str) -> str | None:
    squeezed = re.sub(r"[ \u3000]+", "", text)
    return squeezed if NAME_LINE.match(squeezed) else None


def _document_meta(texts: list[str], collection_title: str | None) -> dict[str, object]:
    """Metadata of one document from its paragraphs (the first few are its header)."""
    header = _header(texts)
    dash_or_paren = [t for t in header if t.startswith(("——", "(", "（"))]
    speaker_match = next((m for t in header if (m := SPEAKER.match(t))), None)
    authors = [t for t in header[1:] if AUTHOR_LINE.match(t)]
    name_lines = [t for t in header[1:] if _bare_name(t) and t not in authors]
    plain = [
        _unspaced(t)
        for t in header
        if t not in dash_or_paren and not SPEAKER.match(t) and t not in authors + name_lines
    ]
    title = " ".join(plain) if plain else None
    subtitle = dash_or_paren[0].lstrip("—-").strip() if dash_or_paren else None
    header_text = " ".join(header)

    report_date = _date(subtitle or "")
    kind = _kind(f"{title or ''} {subtitle or ''}")
    year_covered = None
    title_year = int(m.group(1)) if title and (m := TITLE_YEAR.search(title)) else None
    if report_date and kind.endswith("work_report") and title_year in (None, report_date.year):
        # A work report delivered to a congress's session early in the year reviews the year before;
        # "2024年…政府工作报告" names the year of that session, not the year it reviews. A report
        # delivered later (an inspection in June, a session in December) is of its own year's work.
        year_covered = report_date.year - 1 if report_date.month <= SESSION_MONTHS else report_date.year
    else:
        year_covered = title_year

    issuer = None
    # "2024年浙江省人民政府工作报告", "在市人大常委会…上的讲话": the year before the body, or the
    # 在 of a speech, is no part of its name.
    by_title = (
        ISSUER.match(re.sub(r"^(?:(?:19|20)\d{2}年度?|在|关于)", "", re.sub(r"\s+", "", title)))
        if title
        else None
    )
    role = speaker_match.group("role") if speaker_match else ""
    by_role = ROLE_ISSUER.match(role)
    if by_title or by_role:
        issuer = (by_title or by_role).group("issuer")  # type: ignore[union-attr]
    elif authors:
        issuer = authors[0]
    elif head := GOVERNMENT_HEAD.match(role):
        issuer = head.group("place") + "人民政府"
    elif kind.endswith("work_report") and (session := SESSION_OF.search(subtitle or "")):
        # 政府工作报告 ——在某某市第十六届人民代表大会…上 (市长 张三): the report is the body's
        # whose congress it is delivered to.
        place = session.group("place")
        if kind == "government_work_report":
            issuer = place + "人民政府" if place else "国务院"
        else:
            issuer = (place or "全国") + "人民代表大会常务委员会"
    if kind == "speech_compilation":
        issuer = None  # many speakers, many bodies
    issuer = TERM.sub("", issuer) if issuer else None
    issuer = CANONICAL_ISSUER.get(issuer or "", issuer)
    speaker = _bare_name(name_lines[0]) if name_lines else None
    body = "".join(texts[len(header) :])
    return {
        "title": title,
        "subtitle": subtitle,
        "kind": kind,
        "issuer": issuer,
        "level": _level(issuer, header_text, body) if kind != "speech_compilation" else None,
        "report_date": report_date,
        "year_covered": year_covered,
        "speaker": re.sub(r"[ \u3000]+", "", speaker_match.group("name")) if speaker_match else speaker,
        "speaker_role": speaker_match.group("role") if speaker_match else None,
        "collection_title": collection_title,
        "header_paras": len(header),
    }


def documents(paras: pl.DataFrame) -> pl.DataFrame:
    """Paragraphs with `doc_no` → one row per document (DOCUMENTS_SCHEMA)."""
    # The metadata reads the header (within the first HEADER_SCAN paragraphs) and the first
    # BODY_SCAN characters after it: only those paragraphs go to Python, not the whole text.
    n = pl.col("_chars")
    read = (pl.int_range(pl.len()) < HEADER_SCAN) | (n.cum_sum() - n < n.head(HEADER_SCAN).sum() + BODY_SCAN)
    grouped = (
        paras.sort("file_id", "para_no")
        .with_columns(_chars=pl.col("text").str.len_chars())
        .group_by("file_id", "doc_no", maintain_order=True)
        .agg(
            texts=pl.col("text").filter(read),
            first_line=pl.col("first_line").min(),
            last_line=pl.col("last_line").max(),
        )
    )
    preambles = {
        row["file_id"]: row["texts"][0]
        for row in grouped.filter(pl.col("doc_no") == 0).iter_rows(named=True)
        if row["texts"]
    }
    rows = []
    # One iteration per document (a few per file): header parsing is regex work on a handful of lines.
    for row in grouped.filter(pl.col("doc_no") > 0).iter_rows(named=True):
        meta = _document_meta(row["texts"], preambles.get(row["file_id"]))
        rows.append(
            {
                "file_id": row["file_id"],
                "doc_no": row["doc_no"],
                "doc_id": f"{row['file_id'][:16]}-{row['doc_no']:02d}",
                "first_line": row["first_line"],
                "last_line": row["last_line"],
                **meta,
            }
        )
    return pl.DataFrame(rows, schema=DOCUMENTS_SCHEMA)
