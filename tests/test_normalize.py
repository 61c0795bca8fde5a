"""Normalisation: each repair, recorded; offsets map back into the source; idempotent."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.normalize import lines_from_texts, normalize_lines, paragraphs


def run(text: str) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    norm = normalize_lines(lines_from_texts(pl.DataFrame({"file_id": ["f"], "text": [text]})))
    paras, joins = paragraphs(norm.lines)
    return paras, pl.concat([norm.repairs, joins]), norm.toc


def kinds(repairs: pl.DataFrame) -> list[str]:
    return repairs.get_column("kind").to_list()


def test_spaces_between_chinese_and_numbers_are_removed_and_recorded() -> None:
    paras, repairs, _ = run("人大常委会 2023 年召开会议 x 次，办理 xx 件，达到 98 %。")
    assert paras.get_column("text").to_list() == ["人大常委会2023年召开会议x次，办理xx件，达到98%。"]
    rows = repairs.filter(pl.col("kind") == "space_in_number")
    assert set(rows.get_column("before")) == {"会 2023 年", "议 x 次", "理 xx 件", "到 98 %"}
    assert ("议 x 次", "议x次") in rows.select("before", "after").rows()
    assert rows.get_column("line_no").unique().to_list() == [1]


def test_latin_words_keep_their_spaces() -> None:
    paras, repairs, _ = run("全面贯彻落实党的二十大精神 and 中央人大工作会议精神")
    assert paras.item(0, "text") == "全面贯彻落实党的二十大精神 and 中央人大工作会议精神"
    assert "space_in_number" not in kinds(repairs)


def test_fullwidth_digits_letters_and_percent_become_ascii_but_chinese_punctuation_stays() -> None:
    paras, repairs, _ = run("满意度达到９８．５％，ＧＤＰ增长５％。")
    assert paras.item(0, "text") == "满意度达到98.5%，GDP增长5%。"
    assert ("９８．５％", "98.5%") in repairs.select("before", "after").rows()


def test_markdown_emphasis_and_page_markers_are_dropped() -> None:
    paras, repairs, _ = run("收到建议 **xxx** 件。\n\n（下转5版）\n")
    assert paras.get_column("text").to_list() == ["收到建议xxx件。"]
    assert kinds(repairs).count("markdown_emphasis") == 2
    assert "page_marker" in kinds(repairs)


def test_markdown_heading_marks_are_dropped_but_a_hash_inside_a_line_stays() -> None:
    paras, repairs, _ = run("# xx区人大常委会2024年工作总结\n\n## 一、监督工作\n\n开展第#3号议案督办。\n")
    assert paras.get_column("text").to_list() == [
        "xx区人大常委会2024年工作总结",
        "一、监督工作",
        "开展第#3号议案督办。",
    ]
    assert kinds(repairs).count("markdown_heading") == 2


def test_a_line_broken_inside_a_number_goes_on() -> None:
    paras, repairs, _ = run(
        "一、代表工作\n全年共办理代表建议93\n49件，满意率达到98.\n5%。\n附件1\n某某市工作要点\n"
    )
    assert paras.get_column("text").to_list() == [
        "一、代表工作",
        "全年共办理代表建议9349件，满意率达到98.5%。",
        "附件1",
        "某某市工作要点",
    ]
    assert kinds(repairs).count("line_join") == 2


def test_page_numbers_are_dropped_and_a_sentence_goes_on_across_them() -> None:
    text = (
        "一、代表工作\n全年共办理代表建议9349件，召开座谈会\n\n- 3 -\n\n12次，听取报告8个。\n"
        "第 4 页 共 12 页\n4/12\n二、立法工作\n制定法规5件。\n"
    )
    paras, repairs, _ = run(text)
    assert paras.get_column("text").to_list() == [
        "一、代表工作",
        "全年共办理代表建议9349件，召开座谈会12次，听取报告8个。",
        "二、立法工作",
        "制定法规5件。",
    ]
    assert repairs.filter(pl.col("kind") == "page_number").get_column("before").to_list() == [
        "- 3 -",
        "第4页 共12页",  # (the spaces inside numbers went first)
        "4/12",
    ]
    # The joined paragraph still maps its second piece to its own raw line.
    assert paras.row(1, named=True)["seg_lines"] == [2, 6]


def test_invisible_characters_and_html_of_web_pages_are_dropped_and_recorded() -> None:
    paras, repairs, _ = run(
        "制定法规\u200b5件，审查规范性文件&nbsp;12件，&ldquo;代表之家&rdquo;30个。<br/>听取报告8个。"
        "\n<p>责任编辑：张三</p>\n"
    )
    assert paras.get_column("text").to_list() == [
        "制定法规5件，审查规范性文件12件，“代表之家”30个。",
        "听取报告8个。",
    ]
    assert ("\u200b", "") in repairs.filter(pl.col("kind") == "invisible_char").select(
        "before", "after"
    ).rows()
    html = repairs.filter(pl.col("kind") == "html_markup").select("before", "after").rows()
    assert {("&nbsp;", " "), ("&ldquo;", "“"), ("<br/>", "⏎"), ("</p>", "")} <= set(html)
    # A page's boilerplate line is one still when it came wrapped in a paragraph tag.
    assert "boilerplate" in kinds(repairs)


def test_lines_broken_mid_sentence_are_joined_also_across_a_blank_line() -> None:
    text = (
        "一、加强立法\n\n常委会全年审议法律案34件，通过其中21件，督促\n\n"
        "修改规范性文件260多件。\n\n二、加强监督\n"
    )
    paras, repairs, _ = run(text)
    assert paras.get_column("text").to_list() == [
        "一、加强立法",
        "常委会全年审议法律案34件，通过其中21件，督促修改规范性文件260多件。",
        "二、加强监督",
    ]
    joined = paras.row(1, named=True)
    assert joined["seg_lines"] == [3, 5]
    assert joined["seg_offsets"] == [0, len("常委会全年审议法律案34件，通过其中21件，督促")]
    join = repairs.filter(pl.col("kind") == "line_join").row(0, named=True)
    assert join["line_no"] == 3 and "督促⏎修改" in join["before"]


NARROW_COLUMN = """全国人民代表大会常务委员会工作报告

一、过去一年的主要工作

过去一年，全国人大常委会
共审议法律案34件，通过其
中21件，包括制定法律6件、
修改法律8件。听取审议“一
府两院”报告22个，检查5
件法律实施情况，进行2次专
题询问，开展7项专题调研。
全年办理代表建议8314件，
代表满意度达到98%以上。

二、今年的主要任务
"""


def test_a_text_set_in_a_narrow_column_is_joined_into_its_sentences() -> None:
    paras, _, _ = run(NARROW_COLUMN)
    assert paras.get_column("text").to_list() == [
        "全国人民代表大会常务委员会工作报告",
        "一、过去一年的主要工作",
        "过去一年，全国人大常委会共审议法律案34件，通过其中21件，包括制定法律6件、修改法律8件。"
        "听取审议“一府两院”报告22个，检查5件法律实施情况，进行2次专题询问，开展7项专题调研。",
        # (A line that ends a sentence may end its paragraph too: the column cannot tell.)
        "全年办理代表建议8314件，代表满意度达到98%以上。",
        "二、今年的主要任务",
    ]
    # ... where a few short lines of one length are no column.
    paras, _, _ = run("一、代表工作\n全年办理建议\n二、立法工作\n制定法规5件。\n")
    assert paras.height == 4


def test_a_heading_is_never_joined_to_the_next_line() -> None:
    paras, _, _ = run("过去一年的工作\n\n2023年是开局之年。\n")
    assert paras.height == 2
    paras, _, _ = run("——聚焦高品质生活\n\n围绕民生实事开展监督。\n")
    assert paras.height == 2


def test_a_short_line_of_clauses_with_a_count_goes_on_but_a_two_clause_heading_does_not() -> None:
    text = (
        "五年来，市人大常委会共召开常委会会议 46 次，制定地方性\n"
        "法规 21 件、修改 15 件、废止 4 件，听取审议专项工作报告 126 个，开展执法检查 32 次。\n"
    )
    paras, _, _ = run(text)
    assert paras.get_column("text").to_list() == [
        "五年来，市人大常委会共召开常委会会议46次，制定地方性法规21件、修改15件、废止4件，"
        "听取审议专项工作报告126个，开展执法检查32次。"
    ]
    paras, _, _ = run(
        "坚持人民至上，做好代表工作\n常委会全年联系代表418名，走访群众2000余人次，收集意见建议320条，推动解决了一批实际问题。\n"
    )
    assert paras.height == 2


def test_a_paragraph_led_in_by_a_dash_goes_on_on_the_next_line() -> None:
    text = "——聚焦高品质生活担当作为。对市政府xx件民\n\n生实事进行全程督办。\n——聚焦高质量发展。\n"
    paras, _, _ = run(text)
    assert paras.get_column("text").to_list() == [
        "——聚焦高品质生活担当作为。对市政府xx件民生实事进行全程督办。",
        "——聚焦高质量发展。",
    ]


def test_table_of_contents_is_taken_aside() -> None:
    text = (
        "汇编\n\n目录\n\n1.市人大常委会 2023 年工作综述\t2\n"
        "2.州人大常委会 2023 年工作综述\t9\n\n正文第一句。\n"
    )
    paras, repairs, toc = run(text)
    assert toc.get_column("title").to_list() == ["市人大常委会2023年工作综述", "州人大常委会2023年工作综述"]
    assert paras.get_column("text").to_list() == ["汇编", "正文第一句。"]
    assert kinds(repairs).count("toc") == 3


def test_boilerplate_lines_of_web_pages_are_dropped() -> None:
    paras, repairs, _ = run("报告正文第一句。\n责任编辑：张三\n来源：中国人大网\n")
    assert paras.get_column("text").to_list() == ["报告正文第一句。"]
    assert kinds(repairs).count("boilerplate") == 2


def test_one_line_text_with_ideographic_spaces_becomes_paragraphs() -> None:
    paras, repairs, _ = run("　　第一段话。　　第二段话。　　第三段话。")
    assert paras.get_column("text").to_list() == ["第一段话。", "第二段话。", "第三段话。"]
    assert paras.get_column("seg_lines").to_list() == [[1], [1], [1]]
    assert "ideographic_paragraphs" in kinds(repairs)


# Text made of Chinese characters, digits, punctuation and breaks: what reports are made of.
chunks = st.lists(
    st.sampled_from(
        [
            "人大",
            "常委会",
            "审议",
            "法律",
            "2023",
            " ",
            "年",
            "x",
            "，",
            "。",
            "\n",
            "\n\n",
            "件",
            "一、",
            "　",
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(chunks)
def test_every_paragraph_character_maps_back_into_its_source_line(text: str) -> None:
    paras, _, _ = run(text)
    raw = text.split("\n")
    for row in paras.iter_rows(named=True):
        bounds = [*row["seg_offsets"], len(row["text"])]
        for i, line_no in enumerate(row["seg_lines"]):
            piece = row["text"][bounds[i] : bounds[i + 1]]
            assert 1 <= line_no <= len(raw)
            # Repairs only delete characters, so the piece is a subsequence of its raw line.
            source = iter(raw[line_no - 1].replace("\u3000", " "))
            assert all(ch in source for ch in piece.replace("\u3000", " ")), (piece, raw[line_no - 1])


@settings(max_examples=150, deadline=None)
@given(chunks)
def test_normalising_twice_changes_nothing(text: str) -> None:
    once, _, _ = run(text)
    # Paragraphs written back with three blank lines between them (beyond the join window).
    again, repairs, _ = run("\n\n\n\n".join(once.get_column("text")))
    assert again.get_column("text").to_list() == once.get_column("text").to_list()
    assert repairs.filter(pl.col("kind") != "line_join").height == 0
