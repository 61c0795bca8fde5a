"""Documents, metadata, sections and sentences of the seed corpus."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.segment import CUT, SENTENCE, sentence_pieces, sentences_from_text


def doc(segmented: dict[str, pl.DataFrame], file_prefix: str, part: int = 1) -> dict[str, object]:
    docs = segmented["documents"].filter(
        pl.col("doc_id").str.starts_with(file_prefix) | pl.col("file_id").str.starts_with(file_prefix)
    )
    return docs.filter(pl.col("doc_no") == part).row(0, named=True)


def by_source(segmented: dict[str, pl.DataFrame], name: str) -> pl.DataFrame:
    sources = segmented["paragraphs"].filter(pl.col("source_file") == name).get_column("doc_id").unique()
    return segmented["documents"].filter(pl.col("doc_id").is_in(sources.implode())).sort("doc_no")


def test_the_compilation_is_split_into_its_twelve_reports(segmented: dict[str, pl.DataFrame]) -> None:
    docs = by_source(segmented, "003_13f37229a3bbad8b.txt")
    assert docs.height == 12
    assert docs.get_column("title").to_list()[10:] == [
        "人大教科文卫委2023年工作综述",
        "市人大常委会2023年立法工作综述",
    ]
    assert docs.get_column("first_line").to_list()[:3] == [20, 88, 166]
    assert set(docs.get_column("collection_title")) == {"人大常委会2023年工作综述汇编（12篇）"}
    assert segmented["documents"].height == 16
    assert segmented["documents"].get_column("title").null_count() == 0


COMPILATION = """2023年各区人大常委会工作报告汇编
目  录
甲区人大常委会工作报告……………………1
乙区人大常委会工作报告……………………5
甲区人民代表大会常务委员会工作报告
——2024年1月10日在甲区第十八届人民代表大会第四次会议上
各位代表：
一、主要工作
全年召开常委会会议8次，审议议题36项。
乙区人民代表大会常务委员会工作报告
——2024年1月12日在乙区第十八届人民代表大会第四次会议上
各位代表：
一、主要工作
全年召开常委会会议9次，作出决议决定5项。
"""


def test_a_contents_page_without_numbers_and_with_short_names_splits_its_compilation() -> None:
    docs = _segmented(COMPILATION)["documents"]
    assert docs.select("title", "first_line", "report_date").rows() == [
        ("甲区人民代表大会常务委员会工作报告", 5, date(2024, 1, 10)),
        ("乙区人民代表大会常务委员会工作报告", 10, date(2024, 1, 12)),
    ]


def test_a_compilation_without_a_contents_page_is_split_at_its_reports_headers() -> None:
    # No contents page at all, or one that names none of the reports: each report's own header
    # (title, then the line of its delivery or its speaker) opens a document.
    contents = "目  录\n甲区人大常委会工作报告……………………1\n乙区人大常委会工作报告……………………5\n"
    no_toc = COMPILATION.replace(contents, "")
    other_toc = COMPILATION.replace("甲区人大常委会工作报告…", "丙区工作情况…").replace(
        "乙区人大常委会工作报告…", "丁区工作情况…"
    )
    by_speaker = no_toc.replace(
        "——2024年1月12日在乙区第十八届人民代表大会第四次会议上", "乙区人大常委会主任　王　强"
    )
    for text, second_line in ((no_toc, 7), (other_toc, 10), (by_speaker, 7)):
        seg = _segmented(text)
        docs = seg["documents"]
        assert docs.get_column("title").to_list() == [
            "甲区人民代表大会常务委员会工作报告",
            "乙区人民代表大会常务委员会工作报告",
        ]
        assert docs.get_column("first_line").to_list()[1] == second_line
        assert set(docs.get_column("collection_title")) == {"2023年各区人大常委会工作报告汇编"}
        assert seg["sentences"].filter(pl.col("text").str.contains("常委会会议")).height == 2


def test_the_sample_compilation_without_its_contents_page_splits_the_same(
    segmented: dict[str, pl.DataFrame],
) -> None:
    from conftest import SEEDS

    text = (SEEDS / "003_13f37229a3bbad8b.txt").read_text(encoding="utf-8")
    contents = text[text.index("目录") : text.index("市人大常委会 2023 年工作综述\n\n葳")]
    docs = _segmented(text.replace(contents, ""))["documents"]
    with_contents = by_source(segmented, "003_13f37229a3bbad8b.txt")
    assert docs.get_column("title").to_list() == with_contents.get_column("title").to_list()
    shift = contents.count("\n")
    assert docs.get_column("first_line").to_list() == [n - shift for n in with_contents["first_line"]]


def test_a_list_of_report_titles_without_page_numbers_opens_no_report() -> None:
    text = (
        "人大常委会2023年工作综述汇编\n市人大常委会2023年工作综述\n州人大常委会2023年工作综述\n"
        "市人大常委会2023年工作综述\n2023年，市人大常委会召开会议8次。\n"
        "州人大常委会2023年工作综述\n2023年，州人大常委会召开会议6次。\n"
    )
    docs = _segmented(text)["documents"]
    assert docs.select("title", "first_line").rows() == [
        ("市人大常委会2023年工作综述", 4),
        ("州人大常委会2023年工作综述", 6),
    ]


def test_one_report_whose_headings_name_reports_stays_one_document() -> None:
    text = (
        "甲区人民代表大会常务委员会工作报告\n"
        "——2024年1月10日在甲区第十八届人民代表大会第四次会议上\n"
        "各位代表：\n"
        "一、听取审议专项工作报告\n"
        "全年听取审议专项工作报告12个。\n"
        "二、开展执法检查\n"
        "开展执法检查5次。\n"
    )
    docs = _segmented(text)["documents"]
    assert docs.select("title", "report_date").rows() == [
        ("甲区人民代表大会常务委员会工作报告", date(2024, 1, 10))
    ]


def test_work_report_metadata_is_read_from_its_header(segmented: dict[str, pl.DataFrame]) -> None:
    d = by_source(segmented, "000_c89e96fa5c36500f.txt").row(0, named=True)
    assert d["title"] == "全国人民代表大会常务委员会工作报告"
    assert d["kind"] == "standing_committee_work_report"
    assert d["issuer"] == "全国人民代表大会常务委员会"
    assert d["level"] == "national"
    assert d["report_date"] == date(2024, 3, 8)
    assert d["year_covered"] == 2023
    assert d["speaker"] == "赵乐际"
    assert d["speaker_role"] == "全国人民代表大会常务委员会委员长"


def _segmented(text: str) -> dict[str, pl.DataFrame]:
    from transforms.segment import segment_texts

    return segment_texts(pl.DataFrame({"file_id": ["f"], "source_file": ["f.txt"], "text": [text]}))


def _metadata(text: str) -> dict[str, object]:
    return _segmented(text)["documents"].row(0, named=True)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        # Titled with the year of its session: it reviews the year before, and the year is no
        # part of its issuer's name.
        (
            "2024年浙江省人民政府工作报告\n"
            "——2024年1月23日在浙江省第十四届人民代表大会第二次会议上\n浙江省省长　王浩",
            ("浙江省人民政府", "provincial", date(2024, 1, 23), 2023),
        ),
        # Dated in Chinese numerals; the governor speaks for the provincial government.
        (
            "政府工作报告\n"
            "——二〇二四年一月二十二日在湖南省第十四届人民代表大会第二次会议上\n湖南省省长　毛伟明",
            ("湖南省人民政府", "provincial", date(2024, 1, 22), 2023),
        ),
        # No body in the title or the speaker's role: the congress it is delivered to says whose.
        (
            "政府工作报告\n——2024年1月15日在某某市第十六届人民代表大会第四次会议上\n市长　张三",
            ("某某市人民政府", "municipal", date(2024, 1, 15), 2023),
        ),
        (
            "政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上",
            ("国务院", "national", date(2024, 3, 5), 2023),
        ),
        (
            "常务委员会工作报告\n——2024年1月20日在某某县第十八届人民代表大会第三次会议上",
            ("某某县人民代表大会常务委员会", "county", date(2024, 1, 20), 2023),
        ),
        # A speech "at" a body's meeting: the body, without the 在.
        (
            "在市人大常委会2024年工作会议上的讲话\n市人大常委会主任　李四\n（2024年2月20日）",
            ("市人大常委会", "municipal", date(2024, 2, 20), 2024),
        ),
        # Delivered after the sessions of the spring: a report of its own year's work.
        (
            "全国人民代表大会常务委员会执法检查组关于检查《中华人民共和国老年人权益保障法》实施情况的报告\n"
            "——2024年6月25日在第十四届全国人民代表大会常务委员会第十次会议上",
            ("全国人民代表大会常务委员会", "national", date(2024, 6, 25), 2024),
        ),
        # 关于 opens the title, not the body's name.
        (
            "关于某某省人大常委会2023年工作情况的报告\n某某省人大常委会办公厅\n（2024年2月20日）",
            ("某某省人大常委会", "provincial", date(2024, 2, 20), 2023),
        ),
        # A congress's term is no part of its name.
        (
            "在某某市第十七届人民代表大会第四次会议闭幕会上的讲话\n（2024年1月12日）\n王某某",
            ("某某市人民代表大会", "municipal", date(2024, 1, 12), None),
        ),
    ],
)
def test_report_headers_of_the_family(header: str, expected: tuple[object, ...]) -> None:
    d = _metadata(
        header
        + "\n\n各位代表：\n现在，我代表省人民政府向大会报告工作。\n一、工作回顾\n全省地区生产总值增长6%。\n"
    )
    assert (d["issuer"], d["level"], d["report_date"], d["year_covered"]) == expected


def test_a_cover_title_set_with_spaces_and_a_speaker_named_by_office_alone() -> None:
    d = _metadata(
        "政  府  工  作  报  告\n——2024 年 1 月 15 日在某某县第十八届人民代表大会第三次会议上\n县长  李明\n\n"
        "各位代表：\n一、2023 年工作回顾\n全县地区生产总值增长6.8%。\n"
    )
    assert (d["title"], d["kind"], d["issuer"], d["level"], d["speaker"], d["speaker_role"]) == (
        "政府工作报告",
        "government_work_report",
        "某某县人民政府",
        "county",
        "李明",
        "县长",
    )
    assert (d["report_date"], d["year_covered"]) == (date(2024, 1, 15), 2023)


def test_a_standing_committees_five_year_report_is_its_work_report() -> None:
    d = _metadata("某某市人大常委会五年工作报告（摘要）\n\n五年来，市人大常委会共召开常委会会议46次。\n")
    assert (d["kind"], d["issuer"], d["level"]) == (
        "standing_committee_work_report",
        "某某市人大常委会",
        "municipal",
    )


def test_a_congress_committee_is_the_issuer_of_its_report() -> None:
    d = _metadata(
        "市人民代表大会财政经济委员会关于代表议案审议结果的报告\n\n各位委员：\n交付审议的代表议案共5件。\n"
    )
    assert d["issuer"] == "市人民代表大会财政经济委员会"


def test_a_township_congress_is_of_the_township_level() -> None:
    d = _metadata("xx镇人民代表大会主席团工作报告\n\n各位代表：\n组织代表参加县人大常委会执法检查十余次。\n")
    assert (d["issuer"], d["level"]) == ("xx镇人民代表大会", "township")


def test_a_speaker_masked_in_an_anonymised_text_is_still_the_speaker() -> None:
    d = _metadata(
        "政府工作报告\n——2024年1月15日在xx市第十六届人民代表大会第四次会议上\n市长 张xx\n\n各位代表：\n"
    )
    assert (d["speaker"], d["speaker_role"], d["issuer"]) == ("张xx", "市长", "xx市人民政府")


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        # The courts and procuratorates report to their congress: the title names the body.
        (
            "某某市中级人民法院工作报告\n——2024年1月17日在某某市第十六届人民代表大会第四次会议上\n"
            "某某市中级人民法院院长　赵六",
            ("work_report", "某某市中级人民法院", "municipal", "赵六"),
        ),
        (
            "某某县人民检察院工作报告\n——2024年1月10日在某某县第十八届人民代表大会第三次会议上\n检察长　钱七",
            ("work_report", "某某县人民检察院", "county", "钱七"),
        ),
        # A report on a plan or a budget is a report; the office of its speaker names the body.
        (
            "关于某某市2023年国民经济和社会发展计划执行情况与2024年计划草案的报告\n"
            "——2024年1月16日在某某市第十六届人民代表大会第四次会议上\n某某市发展和改革委员会主任　李四",
            ("work_report", "某某市发展和改革委员会", "municipal", "李四"),
        ),
        (
            "关于某某省2023年预算执行情况和2024年预算草案的报告\n"
            "——2024年1月23日在某某省第十四届人民代表大会第二次会议上\n某某省财政厅厅长　王五",
            ("work_report", "某某省财政厅", "provincial", "王五"),
        ),
    ],
)
def test_reports_of_courts_and_departments_to_their_congress(
    header: str, expected: tuple[object, ...]
) -> None:
    d = _metadata(header + "\n\n各位代表：\n一、工作回顾\n全年审结案件1.2万件。\n")
    assert (d["kind"], d["issuer"], d["level"], d["speaker"]) == expected
    assert d["year_covered"] == 2023


def test_an_author_line_and_a_bare_name_belong_to_the_header() -> None:
    body = "\n\n各位代表：\n一、工作回顾\n召开会议6次。\n"
    report = _metadata(
        "关于某某省人大常委会2023年工作情况的报告\n某某省人大常委会办公厅\n（2024年2月20日）" + body
    )
    assert (report["title"], report["issuer"]) == (
        "关于某某省人大常委会2023年工作情况的报告",
        "某某省人大常委会",
    )
    # Without a body in the title, the author line names it.
    plan = _metadata("2024年工作要点\n某某县人大常委会办公室\n（2024年1月5日）" + body)
    assert (plan["title"], plan["issuer"], plan["level"]) == (
        "2024年工作要点",
        "某某县人大常委会办公室",
        "county",
    )
    speech = _metadata("在全市人大工作会议上的讲话\n（2024年1月12日）\n王 某 某" + body)
    assert (speech["title"], speech["speaker"]) == ("在全市人大工作会议上的讲话", "王某某")
    # A role, then a name set with spaces between its characters.
    county = _metadata(
        "常务委员会工作报告\n——2025年1月8日在某某县第十八届人民代表大会第五次会议上\n县人大常委会主任　王　强"
        + body
    )
    assert (county["speaker"], county["speaker_role"]) == ("王强", "县人大常委会主任")
    # Right after the title, a short line is the first heading, not a name.
    titled = _metadata("工作总结\n王某某\n各位代表：\n一、工作回顾\n召开会议6次。\n")
    assert titled["speaker"] is None


def test_plan_summary_and_compilation_metadata(segmented: dict[str, pl.DataFrame]) -> None:
    plan = by_source(segmented, "004_ff8908984ef88d6e.txt").row(0, named=True)
    assert (plan["kind"], plan["year_covered"], plan["report_date"]) == (
        "work_plan",
        2024,
        date(2023, 12, 18),
    )
    speeches = by_source(segmented, "002_e966b2786ad61c87.txt").row(0, named=True)
    assert (
        speeches["kind"] == "speech_compilation"
        and speeches["issuer"] is None
        and speeches["speaker"] is None
    )
    summaries = by_source(segmented, "003_13f37229a3bbad8b.txt")
    levels = dict(zip(summaries.get_column("doc_no"), summaries.get_column("level"), strict=True))
    assert (
        levels[1] == "municipal"
        and levels[8] == "municipal"
        and levels[10] == "county"
        and levels[11] == "provincial"
    )
    assert set(summaries.get_column("kind")) == {"summary"}


def test_parts_and_list_items_with_no_space_after_their_number_are_sections() -> None:
    text = (
        "某某市人民政府工作报告\n——2024年1月10日在某某市第十七届人民代表大会第三次会议上\n\n"
        "第一部分  2023年工作回顾\n过去一年，全市地区生产总值增长5.8%。\n"
        "第二部分  2024年主要任务\n1、扩大有效需求。实施重点项目200个。\n2、推进改革开放。\n"
    )
    secs = _segmented(text)["sections"]
    assert secs.select("level", "enumerator", "heading").rows() == [
        (1, "第一部分", "2023年工作回顾"),
        (1, "第二部分", "2024年主要任务"),
        (4, "1、", "扩大有效需求"),
        (4, "2、", "推进改革开放"),
    ]
    assert secs.get_column("parent_section_no").to_list()[2:] == [2, 2]


def test_sections_nest_by_their_numbering(segmented: dict[str, pl.DataFrame]) -> None:
    plan_id = by_source(segmented, "004_ff8908984ef88d6e.txt").item(0, "doc_id")
    secs = segmented["sections"].filter(pl.col("doc_id") == plan_id)
    by_heading = {r["heading"]: r for r in secs.iter_rows(named=True)}
    top = by_heading["持续推动党的二十大和二十届二中全会精神贯彻落实"]
    item = by_heading["修改代表法"]  # a run-in heading: its first sentence
    assert (top["level"], top["parent_section_no"], top["enumerator"]) == (2, None, "一、")
    assert (item["level"], item["parent_section_no"]) == (4, top["section_no"])
    assert item["source_line"] == 11


def test_speech_compilation_sections_carry_their_speakers(segmented: dict[str, pl.DataFrame]) -> None:
    doc_id = by_source(segmented, "002_e966b2786ad61c87.txt").item(0, "doc_id")
    secs = segmented["sections"].filter(pl.col("doc_id") == doc_id, pl.col("speaker").is_not_null())
    assert secs.height == 8
    assert secs.row(0, named=True)["speaker"] == "信春鹰"


def test_sentences_split_with_closing_quotes_kept_and_lose_nothing() -> None:
    text = "他说：“我十分满意！”常委会审议法律案34件；通过21件。还有一句没有句号"
    sents = sentences_from_text(text, "t.txt")
    assert sents.get_column("text").to_list() == [
        "他说：“我十分满意！”",
        "常委会审议法律案34件；",
        "通过21件。",
        "还有一句没有句号",
    ]
    assert pl.Series(["a。b"]).str.extract_all(SENTENCE).to_list() == [["a。", "b"]]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="。！？；!?;”’」』）)“a件 \n", max_size=30), max_size=8), st.booleans())
def test_sentence_pieces_are_the_matches_of_the_sentence_pattern(texts: list[str], marked: bool) -> None:
    if marked:  # a text holding the split mark itself
        texts = [*texts, f"a{CUT}b。"]
    series = pl.Series(texts, dtype=pl.String)
    pieces = [[p for p in ps if p] for ps in sentence_pieces(series).to_list()]
    assert pieces == series.str.extract_all(SENTENCE).to_list()


def test_sentences_of_the_corpus_concatenate_back_to_their_paragraphs(
    segmented: dict[str, pl.DataFrame],
) -> None:
    sents = segmented["sentences"]
    rebuilt = sents.group_by("doc_id", "paragraph_id").agg(pl.col("text").str.join(""))
    paras = segmented["paragraphs"].select("doc_id", "paragraph_id", original=pl.col("text"))
    joined = paras.join(rebuilt, on=["doc_id", "paragraph_id"], how="left")
    assert joined.filter(pl.col("text") != pl.col("original")).height == 0
    assert joined.get_column("text").null_count() == 0
    assert sents.select(pl.col("text").str.len_chars().max()).item() < 1000  # no failed split


def test_a_sentence_spanning_a_broken_line_maps_to_both_lines(segmented: dict[str, pl.DataFrame]) -> None:
    sents = segmented["sentences"].filter(pl.col("source_file") == "000_c89e96fa5c36500f.txt")
    spanning = sents.filter(pl.col("text").str.contains("努力让每一部法律都满载民意")).row(0, named=True)
    assert spanning["seg_lines"] == [57, 59]
    offset = spanning["text"].index("力让每一部法律")
    assert spanning["seg_offsets"][1] == offset


def test_a_text_opening_with_a_sentence_of_its_body_names_no_issuer_before_a_comma() -> None:
    meta = _metadata("一年来，省人大常委会共举行会议7次，听取审议工作报告18项。\n\n二、立法工作\n")
    assert meta["issuer"] is None
