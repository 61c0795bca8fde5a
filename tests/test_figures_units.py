"""Unit tests of the figure extractor: number forms, qualifiers, ranges, exclusions, masks."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import transforms.figures as figures_module
from flows.config import load_taxonomy, load_units
from transforms.figures import extract_figures
from transforms.frames import FIGURES, SENTENCES
from transforms.numerals import parse_chinese, to_chinese
from transforms.taxonomy import check_patterns, map_metrics

UNITS = load_units()


def sentences(*texts: str, paragraph: list[int] | None = None) -> pl.DataFrame:
    n = len(texts)
    return pl.DataFrame(
        {
            "doc_id": ["d"] * n,
            "source_file": ["f.txt"] * n,
            "section_id": [0] * n,
            "paragraph_id": paragraph or list(range(n)),
            "sentence_id": list(range(n)),
            "text": list(texts),
            "source_line": [i + 1 for i in range(n)],
            "seg_offsets": [[0]] * n,
            "seg_lines": [[i + 1] for i in range(n)],
        },
        schema=SENTENCES,
    )


def figs(*texts: str) -> pl.DataFrame:
    return extract_figures(sentences(*texts), UNITS)


def vu(text: str) -> list[tuple[float | None, str]]:
    """(value, unit) of each figure of one sentence, in order."""
    return [(r["value"], r["unit"]) for r in figs(text).iter_rows(named=True)]


def test_schema_is_figures() -> None:
    out = figs("制定法律5件。")
    assert out.schema == FIGURES
    assert extract_figures(sentences("没有数字。"), UNITS).schema == FIGURES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("制定法律5件，修改法律9件。", [(5.0, "件"), (9.0, "件")]),
        ("国内生产总值增长5.2%。", [(5.2, "%")]),
        ("城镇调查失业率平均5.2%，比上年下降0.4个百分点。", [(5.2, "%"), (0.4, "个百分点")]),
        ("城镇新增就业1244万人。", [(12_440_000.0, "人")]),
        ("参加答题1.78亿人次。", [(178_000_000.0, "人次")]),
        ("收集处理意见建议2.62万余条。", [(26_200.0, "条")]),
        ("国内生产总值超过126万亿元。", [(126.0, "万亿元")]),
        ("赤字规模7000亿元。", [(7000.0, "亿元")]),
        ("粮食产量1.39万亿斤。", [(1.39, "万亿斤")]),
        ("新增装机2.9万千瓦，完成造林1.2万亩。", [(2.9, "万千瓦"), (1.2, "万亩")]),
        ("进出口总额41.8万亿元，实际使用外资1.1万亿元。", [(41.8, "万亿元"), (1.1, "万亿元")]),
        ("港口集装箱吞吐量3.1亿标箱。", [(3.1, "亿标箱")]),
        ("居民消费价格上涨0.2%。", [(0.2, "%")]),
        ("满意度达到百分之九十八。", [(98.0, "%")]),
        ("婴儿死亡率下降到千分之四点五。", [(4.5, "‰")]),
        # 千 after digits multiplies a count, and stays in the unit of money or a measure.
        ("共收集群众意见3千余件。", [(3000.0, "件")]),
        ("进出口总额增长一倍。", [(1.0, "倍")]),
        ("修建步道5千米，投入资金1千万元。", [(5.0, "千米"), (1.0, "千万元")]),
        ("两次作出决定。", [(2.0, "次")]),
        ("确定十二个重点课题。", [(12.0, "个")]),
        ("推动二十多个领域改革。", [(20.0, "个")]),
        ("共收到意见建议20多万条。", [(200_000.0, "条")]),
        ("在两所高校设立基地。", [(2.0, "所")]),
        ("群众来信来访1,234件次。", [(1234.0, "件次")]),
        # Characters of text written, and person-days.
        ("形成调研成果3万余字，起草文稿两万多字。", [(30_000.0, "字"), (20_000.0, "字")]),
        ("代表参加活动2.3万人天。", [(23_000.0, "人天")]),
    ],
)
def test_number_forms(text: str, expected: list[tuple[float, str]]) -> None:
    assert vu(text) == expected


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("外交信函往来近600件。", "近"),
        ("举行活动400余场。", "余"),
        ("增长5%左右。", "左右"),
        ("覆盖超过1亿人。", "超过"),
        ("惠及逾10万户。", "逾"),
        ("约3个试点。", "约"),
        ("代表100多人次参加。", "多"),
        ("满意率达95%以上。", "以上"),
        ("误差控制在1%以内。", "以内"),
        ("占比不到10%。", "不到"),
        ("满意率不低于95%。", "不低于"),
        ("赤字率不高于3%。", "不高于"),
        ("制定法律5件。", ""),
    ],
)
def test_qualifiers(text: str, qualifier: str) -> None:
    out = figs(text)
    assert out.height == 1
    assert out["qualifier"][0] == qualifier


def test_raw_and_position() -> None:
    text = "一年来，外交信函往来近600件。"
    out = figs(text)
    assert out["raw"].to_list() == ["近600件"]
    assert text[out["position"][0] :].startswith("600")
    assert out["numeral"].to_list() == ["arabic"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("每年开展3至5个专题调研。", [(3.0, "个"), (5.0, "个")]),
        ("每年开展3—5个专题调研。", [(3.0, "个"), (5.0, "个")]),
        ("增幅保持在10%-20%。", [(10.0, "%"), (20.0, "%")]),
        ("吸引3至5万人参加。", [(30_000.0, "人"), (50_000.0, "人")]),
    ],
)
def test_ranges(text: str, expected: list[tuple[float, str]]) -> None:
    assert vu(text) == expected


@pytest.mark.parametrize(
    ("text", "unit", "digits"),
    [
        ("召开市人大常委会会议 x 次。", "次", 1),
        ("任免国家机关工作人员 xxx 人次。", "人次", 3),
        ("新增学位xxxx个。", "个", 4),
        ("办成率 xx.x%。", "%", 2),
        ("配备垃圾分类桶 xxxxx 余组。", "组", 5),
        ("交办建议 **xxx** 件。", "件", 3),
        ("召开x次会议讨论审议条例草案。", "次", 1),
        # A thousands separator inside the mask is part of the number.
        ("受理群众来信x,xxx件。", "件", 4),
        ("共收集群众意见 x 千余件。", "件", 1),
        ("财政收入增长百分之xx。", "%", 2),
        ("培训基层干部xx,xxx.x人次。", "人次", 5),
    ],
)
def test_masked(text: str, unit: str, digits: int) -> None:
    out = figs(text)
    assert out.height == 1
    row = out.row(0, named=True)
    assert row["value"] is None
    assert (row["unit"], row["numeral"], row["masked_digits"]) == (unit, "masked", digits)


@pytest.mark.parametrize(
    "text",
    [
        "2023年是全面贯彻党的二十大精神开局之年。",
        "——2024年3月8日在第十四届全国人民代表大会第二次会议上",
        "贯彻落实十四届全国人大二次会议精神。",
        "十三届全国人大五次会议圆满完成。",
        "第16次委员长会议原则通过。",
        "一是坚持党的领导；二是坚持人民至上。",
        "（一）完善宪法相关法。",
        "增强“四个意识”、坚定“四个自信”、做到“两个维护”，深刻领悟“两个确立”的决定性意义。",
        "增强四个意识，做到两个维护。",
        "深刻领会十个明确、十四个坚持、十三个方面成就，推进五个振兴，用好两个市场两种资源。",
        "监督一府两院工作，实现十四五规划目标。",
        "发挥代表三重角色作用，五级代表联动，四级人大协同。",
        "五年来，连续2年开展三年行动，迎来40周年、75周年。",
        "推动解决了一批实际问题，形成一套制度，推动新一轮高水平开放。",
        "每一个立法环节，这是一项新职责，也是一项重要工作。",
        "20xx年xx月xx日，市 x 届人大 x 次会议召开，xx市xxx 介绍。",
        "审议周期一周左右。",
        "严格执行中央八项规定精神，推动三次产业协调发展。",
        "办理时限压缩至5个工作日，用时3个月。",
        "开展“千名代表联系千家企业”活动，走进千家万户。",
        "《中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要》",
        "xx段建成通车。",
        "完成五个一批重点项目，开展调研千方百计，深入开展“两学一做”和“三严三实”教育。",
        # "Once or twice", "three or four": no number (a null value would fail the quality gate).
        "每季度开展一两次专题调研，每组三四个人。",
        # The last or the next one (上一次, 下一届): no count.
        "上一次会议以来，下一个阶段。",
        # A few characters quoted, a watchword of so many characters: no count of text.
        "“人民”二字贯穿始终，落实十六字方针，践行“五字诀”。",
    ],
)
def test_not_figures(text: str) -> None:
    assert figs(text).height == 0, figs(text)["raw"].to_list()


def test_one_against_another_count() -> None:
    assert vu("两次参加代表团审议、一次亲临江苏考察。") == [(2.0, "次"), (1.0, "次")]
    assert vu("至少认领一项议题。") == [(1.0, "项")]


def test_tiers_are_not_counts() -> None:
    assert vu("其中一类项目79件、二类项目51件。") == [(79.0, "件"), (51.0, "件")]


def test_unit_must_be_a_classifier() -> None:
    # 人 of 人大, 次 of 一次性: the number is followed by a word, not a unit.
    assert vu("xx人大代表一次性补贴。") == []


def test_source_line_follows_seg_offsets() -> None:
    text = "组织代表专业小组开展专题调研 xx次，形成报告x份。"
    sents = sentences(text).with_columns(
        seg_offsets=pl.lit([0, text.index("形成")], dtype=pl.List(pl.Int64)),
        seg_lines=pl.lit([501, 503], dtype=pl.List(pl.Int64)),
    )
    out = extract_figures(sents, UNITS)
    assert out["source_line"].to_list() == [501, 503]


def test_scope_opening_marker_and_point_in_time() -> None:
    sents = sentences(
        "过去一年，制定法律6件。",
        "修改法律8件。",
        "目前，现行有效的法律共300件。",
        "召开座谈会8场。",
        paragraph=[0, 0, 0, 1],
    )
    out = extract_figures(sents, UNITS)
    assert out["scope"].to_list() == ["过去一年", "过去一年", "", ""]


def test_a_marker_applies_to_the_figures_after_it() -> None:
    out = figs("新增学位4800个……仅去年上半年，投入资金3亿元。", "提出意见建议12条，审查2023年政府债务限额。")
    assert out["scope"].to_list() == ["", "去年上半年", ""]


def test_a_marker_carries_over_the_semicolons_of_its_sentence() -> None:
    # The segmenter ends a sentence at ；, the report's sentence ends at 。: 一年来 in the first part
    # applies to the parts after it, up to the 。, and not to the next sentence.
    sents = sentences(
        "委员会履职一年来，协助制定法规草案3部，开展立法调研2项；",
        "配合开展执法检查4次；",
        "另外开展专题调研5项。",
        "召开座谈会8场。",
        paragraph=[0, 0, 0, 0],
    )
    out = extract_figures(sents, UNITS)
    assert out["scope"].to_list() == ["一年来", "一年来", "一年来", "一年来", ""]


def test_measure_is_the_counted_phrase() -> None:
    out = figs("制定法律5件，检查5件法律的实施情况，听取审议23个监督工作报告，国内生产总值增长5.2%。")
    measures = out["measure"].to_list()
    assert measures[0] == "制定法律"
    assert "法律" in measures[1]
    assert "监督工作报告" in measures[2]
    assert "国内生产总值" in measures[3]


def test_a_minus_sign_before_a_lone_number_makes_it_negative() -> None:
    out = figs("人口自然增长率为-1.1‰，增长－2.3%，增速6%-7%，型号G-5个。")
    assert out.select("raw", "value").rows() == [
        ("-1.1‰", -1.1),
        ("－2.3%", -2.3),
        ("6%", 6.0),
        ("7%", 7.0),
        ("5个", 5.0),  # after a letter the dash is part of a code, no sign
    ]
    # The measure is read before the sign.
    assert out["measure"].to_list()[0] == "人口自然增长率"


def test_taxonomy_maps_measures() -> None:
    out = map_metrics(
        figs("制定法律5件，办理代表建议9349件，国内生产总值增长5.2%，看到彩虹3次。"), load_taxonomy()
    )
    assert out["metric"].to_list() == ["laws_enacted", "deputy_suggestions", "gdp_growth", None]
    assert out["category"].to_list() == ["legislation", "deputies", "economy", None]


def test_state_organs_are_not_countries() -> None:
    # 国家 names countries in 接待30个国家, not in 国家机关工作人员 (staff of state organs).
    measures = pl.DataFrame({"measure": ["接待国家", "国家机关工作人员"]})
    assert map_metrics(measures, load_taxonomy())["metric"].to_list() == ["countries", None]


# --- the Chinese numeral parser ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("两", 2),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("一百零五", 105),
        ("三千五百", 3500),
        ("一万二千", 12000),
        ("十四万", 140000),
        ("二〇二三", 2023),
        ("九十八点五", 98.5),
    ],
)
def test_parse_chinese(numeral: str, value: float) -> None:
    assert parse_chinese(numeral) == value


@pytest.mark.parametrize("bad", ["", "点", "三五", "百十", "一百十", "万", "十十"])
def test_parse_chinese_rejects(bad: str) -> None:
    assert parse_chinese(bad) is None


@given(st.integers(min_value=0, max_value=10**12))
@settings(max_examples=300)
def test_chinese_round_trip(n: int) -> None:
    assert parse_chinese(to_chinese(n)) == n


@given(st.integers(min_value=1, max_value=99_999))
@settings(max_examples=50, deadline=None)
def test_chinese_numeral_in_a_sentence(n: int) -> None:
    assert vu(f"召开座谈会{to_chinese(n)}场。") == [(float(n), "场")]


def test_a_chinese_numeral_with_a_decimal_point() -> None:
    assert vu("比上年下降零点五个百分点，投资三点五亿元，一点一滴做起。") == [
        (0.5, "个百分点"),
        (3.5, "亿元"),
    ]


@given(st.integers(min_value=0, max_value=10**9), st.sampled_from(["件", "项", "人次", "个"]))
@settings(max_examples=50, deadline=None)
def test_arabic_in_a_sentence(n: int, unit: str) -> None:
    assert vu(f"累计办理建议{n}{unit}，") == [(float(n), unit)]


@given(st.integers(min_value=1, max_value=8), st.integers(min_value=0, max_value=2))
@settings(max_examples=30, deadline=None)
def test_masked_digits_count(whole: int, frac: int) -> None:
    mask = "x" * whole + ("." + "x" * frac if frac else "")
    out = figs(f"开展专题调研{mask}项。")
    assert out["masked_digits"].to_list() == [whole]


# --- government work reports (政府工作报告) ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "国内生产总值超过126万亿元，增长5.2%。",
            [(126.0, "万亿元", "超过", "gdp"), (5.2, "%", "", "gdp_growth")],
        ),
        ("城镇新增就业1244万人。", [(12_440_000.0, "人", "", "jobs_created")]),
        ("粮食产量1.39万亿斤。", [(1.39, "万亿斤", "", "grain_output")]),
        ("居民消费价格上涨0.2%。", [(0.2, "%", "", "cpi")]),
        ("研发经费投入增长8.1%。", [(8.1, "%", "", "rd_spending")]),
        ("单位国内生产总值能耗下降0.1%。", [(0.1, "%", "", "energy_intensity")]),
        ("进出口总额增长0.2%。", [(0.2, "%", "", "foreign_trade")]),
        ("赤字率拟按3%安排。", [(3.0, "%", "", "fiscal_deficit")]),
        ("超长期特别国债1万亿元。", [(1.0, "万亿元", "", "treasury_bonds")]),
        ("新增地方政府专项债券3.9万亿元。", [(3.9, "万亿元", "", "special_bonds")]),
        (
            "拟安排地方政府专项债券3.9万亿元，比上年增加1000亿元。",
            [(3.9, "万亿元", "", "special_bonds"), (1000.0, "亿元", "", "special_bonds")],
        ),
        (
            "城镇调查失业率平均5.2%，比上年下降0.4个百分点。",
            [(5.2, "%", "", "unemployment_rate"), (0.4, "个百分点", "", "unemployment_rate")],
        ),
        (
            "全国一般公共预算收入21.7万亿元，增长6.4%。",
            [(21.7, "万亿元", "", "fiscal_revenue"), (6.4, "%", "", "fiscal_revenue")],
        ),
        (
            "港口集装箱吞吐量3.1亿标箱，增长6.6%。",
            [(3.1, "亿标箱", "", "port_throughput"), (6.6, "%", "", "port_throughput")],
        ),
        ("新增发电装机容量3.7亿千瓦。", [(3.7, "亿千瓦", "", "power_capacity")]),
        ("万元国内生产总值二氧化碳排放下降5%左右。", [(5.0, "%", "左右", "energy_intensity")]),
        ("规模以上工业增加值增长4.6%。", [(4.6, "%", "", "industrial_value_added")]),
        ("城乡居民人均可支配收入实际增长6.1%。", [(6.1, "%", "", "disposable_income")]),
        ("新建改建高标准农田8000万亩以上。", [(8000.0, "万亩", "以上", "high_standard_farmland")]),
        ("外汇储备稳定在3万亿美元以上。", [(3.0, "万亿美元", "以上", "fx_reserves")]),
        # Provincial reports: environment, enterprises, projects, tourism, networks, childcare.
        (
            "PM2.5平均浓度下降到32微克/立方米，森林覆盖率达到36.8%。",
            [(32.0, "微克/立方米", "", "air_quality"), (36.8, "%", "", "forest_coverage")],
        ),
        (
            "新增高新技术企业1500家，实施省市重点项目1200个。",
            [(1500.0, "家", "", "tech_enterprises"), (1200.0, "个", "", "key_projects")],
        ),
        (
            "接待游客5.6亿人次，建成5G基站3.2万个，新增普惠托位2万个。",
            [
                (560_000_000.0, "人次", "", "tourism"),
                (32_000.0, "个", "", "digital_infrastructure"),
                (20_000.0, "个", "", "elderly_and_child_care"),
            ],
        ),
        # A province's or city's report: its regional product (地区生产总值).
        (
            "全省地区生产总值增长6.5%，单位地区生产总值能耗下降3%。",
            [(6.5, "%", "", "gdp_growth"), (3.0, "%", "", "energy_intensity")],
        ),
        ("全年办理群众来信2600余件。", [(2600.0, "件", "余", "petitions")]),
        (
            "民生支出32.6亿元，新增规上工业企业32家，发放创业担保贷款2.3亿元，新改扩建中小学、幼儿园12所。",
            [
                (32.6, "亿元", "", "fiscal_expenditure"),
                (32.0, "家", "", "business_entities"),
                (2.3, "亿元", "", "credit"),
                (12.0, "所", "", "education"),
            ],
        ),
        # Deputies attending the standing committee's sessions are no count of sessions.
        (
            "邀请基层人大代表列席常委会会议120人次，召开常委会会议8次。",
            [(120.0, "人次", "", "deputies_attending"), (8.0, "次", "", "sessions")],
        ),
        ("纠正与法律法规相抵触的文件4件。", [(4.0, "件", "", "normative_documents_reviewed")]),
        ("常委会会议审议议题68项。", [(68.0, "项", "", "agenda_items")]),
        (
            "高技术制造业增加值增长12.5%，网上零售额增长15.3%，治理水土流失面积1850平方公里。",
            [
                (12.5, "%", "", "high_tech_industry"),
                (15.3, "%", "", "consumption"),
                (1850.0, "平方公里", "", "soil_and_water_conservation"),
            ],
        ),
        # The reports of courts and procuratorates.
        (
            "全年受理各类案件12.6万件，审结11.8万件，结案率93.7%，判处罪犯4263人，提起公诉2947人。",
            [
                (126_000.0, "件", "", "cases_accepted"),
                (118_000.0, "件", "", "cases_concluded"),
                (93.7, "%", "", "case_closure_rate"),
                (4263.0, "人", "", "offenders_sentenced"),
                (2947.0, "人", "", "prosecutions"),
            ],
        ),
        # Judicial recommendations are no deputies' suggestions; mediation has a metric of its own.
        (
            "诉前调解成功案件27.8万件，发出司法建议312份，协调解决问题30个，推动代表建议与检察建议双向转化5件。",
            [
                (278_000.0, "件", "", "mediations"),
                (312.0, "份", "", "judicial_recommendations"),
                (30.0, "个", "", None),
                (5.0, "件", "", "deputy_suggestions"),
            ],
        ),
        # Letters of the public are petitions; deputies visiting the public contact them; the state's
        # assets have a metric, its capital budget's revenue is revenue.
        (
            "接待来访群众4.2万人次，处理来信5800余件，代表走访群众12.5万人次，国有企业资产总额12.6万亿元，"
            "国有资本经营预算收入8.7亿元，采纳意见820余条。",
            [
                (42_000.0, "人次", "", "petitions"),
                (5800.0, "件", "余", "petitions"),
                (125_000.0, "人次", "", "deputies_contacted"),
                (12.6, "万亿元", "", "state_assets"),
                (8.7, "亿元", "", "fiscal_revenue"),
                (820.0, "条", "余", "public_comments"),
            ],
        ),
        # Births and natural growth are population; doctors and hospital stays health; parking transport.
        (
            "出生率6.39‰，每万人口拥有执业医师3.2人，住院费用报销比例70%以上，新增城市停车泊位2.3万个，"
            "新改建农村公路1250公里。",
            [
                (6.39, "‰", "", "population"),
                (3.2, "人", "", "healthcare"),
                (70.0, "%", "以上", "healthcare"),
                (23_000.0, "个", "", "transport"),
                (1250.0, "公里", "", "transport"),
            ],
        ),
        # A rate of the deputies' suggestions (办复率, 办结率) is a rate, not a count of suggestions.
        (
            "代表建议按时办复率达到100%，代表建议办结率98%，办理代表建议312件。",
            [
                (100.0, "%", "", "satisfaction_rates"),
                (98.0, "%", "", "satisfaction_rates"),
                (312.0, "件", "", "deputy_suggestions"),
            ],
        ),
        # Deposits, firms' revenue and profit, and the value added of the three sectors.
        (
            "存款余额1.2万亿元，规模以上工业企业实现营业收入5600亿元、利润总额380亿元，"
            "第一、二、三产业增加值分别为320亿元、1450亿元和2130亿元。",
            [
                (1.2, "万亿元", "", "deposits"),
                (5600.0, "亿元", "", "business_performance"),
                (380.0, "亿元", "", "business_performance"),
                (320.0, "亿元", "", "sector_value_added"),
                (1450.0, "亿元", "", "sector_value_added"),
                (2130.0, "亿元", "", "sector_value_added"),
            ],
        ),
        # Livestock, and the supply of water and gas.
        (
            "生猪出栏520万头，新增供水能力12万立方米，新增城镇燃气用户8.6万户。",
            [
                (5_200_000.0, "头", "", "livestock"),
                (12.0, "万立方米", "", "utilities"),
                (86_000.0, "户", "", "utilities"),
            ],
        ),
        # Population, social insurance, talent, patents, debt, budgets and relief of burdens.
        (
            "常住人口612.5万人，常住人口城镇化率68.2%，城乡居民基本养老保险参保人数5.4亿人。",
            [
                (6_125_000.0, "人", "", "population"),
                (68.2, "%", "", "urbanization"),
                (540_000_000.0, "人", "", "social_insurance"),
            ],
        ),
        (
            "引进高层次人才1500余名，每万人口发明专利拥有量达到12.5件。",
            [(1500.0, "名", "余", "talent"), (12.5, "件", "", "patents")],
        ),
        (
            "审查批准政府债务限额326.5亿元，批准预算调整方案1个，为市场主体减负超过60亿元。",
            [
                (326.5, "亿元", "", "government_debt"),
                (1.0, "个", "", "budget_oversight"),
                (60.0, "亿元", "超过", "tax_relief"),
            ],
        ),
        # A qualifier stands between GDP and the number: no code like G20 or PM2.5.
        (
            "人均GDP超过1.2万美元，恩格尔系数降至28.5%。",
            [(1.2, "万美元", "超过", "gdp_per_capita"), (28.5, "%", "", None)],
        ),
        ("建设3个国家级新区。", [(3.0, "个", "", None)]),
        (
            "全年发电量9.4万亿千瓦时，粮食产量6.95亿吨。",
            [(9.4, "万亿千瓦时", "", "electricity"), (6.95, "亿吨", "", "grain_output")],
        ),
    ],
)
def test_government_work_report(text: str, expected: list[tuple[float, str, str, str | None]]) -> None:
    out = map_metrics(figs(text), load_taxonomy())
    got = [(r["value"], r["unit"], r["qualifier"], r["metric"]) for r in out.iter_rows(named=True)]
    assert got == expected


def test_government_work_report_measures() -> None:
    out = figs(
        "国内生产总值超过126万亿元，增长5.2%。",
        "研发经费投入增长8.1%。",
        "赤字率拟按3%安排。",
        "城镇新增就业1244万人。",
        "高校毕业生预计达到1179万人。",
        "粮食产量力争达到1.3万亿斤。",
        # Overlapping verbs read left to right: 新增|高标准, not 新|增高; 修改|建议, not 修|改建.
        "新增高标准农田8000多万亩。",
        "提出修改建议300余条。",
        "全年共完成立法项目5件。",
    )
    assert out["measure"].to_list() == [
        "国内生产总值",
        "国内生产总值增长",
        "研发经费投入增长",
        "赤字率",
        "城镇新增就业",
        "高校毕业生",
        "粮食产量",
        "新增高标准农田",
        "提出修改建议",
        "完成立法项目",
    ]


def test_all_before_a_number_is_not_part_of_the_measure() -> None:
    # 均 ("all") goes; 人均, 亩均 ("per person", "per mu") are averages and stay.
    out = figs("代表建议办结率、满意率均为100%。", "城乡居民人均3000元。", "全市粮食亩均550公斤。")
    assert out["measure"].to_list() == ["代表建议办结率、满意率", "城乡居民人均", "全市粮食亩均"]


def test_a_measure_does_not_end_with_the_conjunction_before_the_next_count() -> None:
    out = figs("接待30个国家和3个多边会议组织的议会代表团。", "审议通过30件法律和12件决定。")
    assert dict(zip(out["raw"], out["measure"], strict=True)) == {
        "30个": "接待国家",
        "3个": "多边会议",
        "30件": "审议通过法律",
        "12件": "决定",
    }


def test_the_counted_noun_is_the_one_before_de() -> None:
    # A count + classifier + A的B counts A: 名 counts deputies, not their wisdom.
    out = figs("凝结着2000多名人大代表的智慧和汗水。", "涉及20多个领域的规范性文件。")
    assert out["measure"].to_list() == ["人大代表", "涉及领域"]


def test_an_average_or_a_change_on_an_earlier_figure_keeps_its_subject() -> None:
    out = figs("城镇调查失业率平均为5.2%。", "赤字规模4.06万亿元，比年初预算增加1800亿元。")
    assert out["measure"].to_list() == ["城镇调查失业率", "赤字规模", "赤字规模比年初预算增加"]


def test_changes_in_a_row_share_the_subject_before_them() -> None:
    out = figs("赤字规模4.06万亿元，比上年年初预算增加1800亿元，比2020年末下降5%。")
    assert out["measure"].to_list() == ["赤字规模", "赤字规模比上年年初预算增加", "赤字规模比2020年末下降"]


def test_a_share_of_the_plan_and_a_change_of_both_counts_take_the_subject_before_them() -> None:
    out = figs(
        "一般公共预算收入完成3052.6亿元，为预算的102.3%，增长7.2%。",
        "受理案件186.5万件，审结179.2万件，同比分别上升5.3%和6.1%。",
    )
    assert out["measure"].to_list() == [
        "一般公共预算收入",
        "一般公共预算收入为预算的",
        "一般公共预算收入增长",
        "受理案件",
        "审结案件",
        # 分别: one change to each count, in order.
        "受理案件同比上升",
        "审结案件同比上升",
    ]


def test_changes_after_respectively_go_one_to_each_figure_before_them() -> None:
    out = figs(
        "城镇居民人均可支配收入4.52万元，农村居民人均可支配收入2.16万元，分别增长5.1%和7.3%。",
        "进出口总额3000亿元，其中出口2000亿元、进口1000亿元，分别增长5%、3%。",
        # Two amounts of one subject (the second after a conjunction), a change on the same basis
        # (同口径) before them.
        "一般公共预算收入218.7亿元、同口径增长6.5%，居民人均可支配收入分别为52368元和28641元，分别增长5.0%和6.9%。",
        # Fewer figures before them than changes: both stay with the one subject there is.
        "办理建议500件，分别增长5%和3%。",
    )
    assert out["measure"].to_list() == [
        "城镇居民人均可支配收入",
        "农村居民人均可支配收入",
        "城镇居民人均可支配收入增长",
        "农村居民人均可支配收入增长",
        "进出口总额",
        "出口",
        "进口",
        "出口增长",
        "进口增长",
        "一般公共预算收入",
        "一般公共预算收入同口径增长",
        "居民人均可支配收入",
        "居民人均可支配收入",
        "居民人均可支配收入增长",
        "居民人均可支配收入增长",
        "办理建议",
        "办理建议增长",
        "办理建议增长",
    ]


def test_a_quantity_with_verbs_inside_its_subject_is_one_noun_phrase() -> None:
    assert figs("民生支出占一般公共预算支出的比重保持在75%以上。")["measure"].to_list() == [
        "民生支出占一般公共预算支出的比重"
    ]
    # ... but not after an adverb: the verb then acts.
    assert figs("全面提高森林覆盖率到25%。")["measure"].to_list() == ["提高森林覆盖率"]


def test_a_count_of_aspects_names_what_they_are_aspects_of_and_maps_to_no_metric() -> None:
    out = map_metrics(figs("提出3个方面的对策建议，助力发展。", "提出3个方面12条意见。"), load_taxonomy())
    assert out["measure"].to_list() == ["提出对策建议的方面", "提出方面", "意见"]
    assert out["metric"].to_list()[0] is None


def test_where_among_the_counted_is_no_part_of_them() -> None:
    out = figs("现行18个税种中，试点在3个区县内，新建5所高中。")
    assert out["measure"].to_list() == ["税种", "区县", "新建高中"]


def test_a_parenthesis_after_the_unit_is_read_whole() -> None:
    out = figs(
        "检查组赴8个省（区、市）开展检查，深入23个市（州），委托其他23个省（区、市）人大常委会对法律实施情况进行检查。"
    )
    assert out["measure"].to_list() == ["省（区、市）", "市（州）", "省（区、市）人大常委会"]
    # ... and one about the unit goes.
    assert figs("收到建议12件（次）。")["measure"].to_list() == ["收到建议"]


def test_a_share_of_a_whole_takes_the_subject_before_it() -> None:
    out = figs("全国老年人口2.97亿人，占总人口的21.1%。", "A类建议xx件，占比xx.x%。")
    assert out["measure"].to_list() == ["全国老年人口", "全国老年人口占总人口的", "A类建议", "A类建议占比"]


def test_a_count_after_a_preposition_is_of_what_the_act_is_done_to() -> None:
    out = figs("对12部法律开展执法检查，围绕8个方面提出意见，针对3个问题进行整改。")
    assert out["measure"].to_list() == ["开展执法检查的法律", "提出意见的方面", "整改的问题"]
    # How the counted fare (实施情况) is no part of the act done to them.
    assert figs("对6部法律法规实施情况开展执法检查。")["measure"].to_list() == ["开展执法检查的法律法规"]
    # ... unless the act's object is the next count.
    assert figs("针对5类问题制定12项处理措施。")["measure"].to_list() == ["问题", "处理措施"]


def test_an_act_cut_by_the_next_count_ends_before_its_conjunction() -> None:
    assert figs("作出3项决定和2项决议。")["measure"].to_list()[0] == "决定"


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        # Part of a year is the period: quarters and spans of months, of this year or a named one.
        ("2024年前三季度，地区生产总值增长5.1%。", "2024年前三季度"),
        ("2023年1至11月，全省进出口总额增长3.2%。", "2023年1至11月"),
        ("今年1—10月，规上工业增加值增长6.5%。", "今年1—10月"),
        ("1至10月，全市实现地区生产总值2563亿元。", "1至10月"),
        ("计划于3至5月开展集中检查，共检查企业120家。", ""),
        ("本年度共审查规范性文件56件。", "本年度"),
        # A span of years, the last few years, and a congress's term named with its congress.
        ("2020年至2024年，全市累计新增城镇就业30万人。", "2020年至2024年"),
        ("2021—2024年，累计制定法规15件。", "2021—2024年"),
        ("近三年，累计制定法规15件。", "近三年"),
        ("十三届人大以来，共制定地方性法规36件。", "十三届人大以来"),
        # One month of a year is a moment, not a period.
        ("2023年3月，召开座谈会5场。", ""),
        ("人均收入是2012年的1.8倍。", ""),
    ],
)
def test_parts_of_a_year_are_periods(text: str, scope: str) -> None:
    assert figs(text)["scope"].to_list() == [scope]


def test_a_year_compared_with_is_no_scope() -> None:
    out = figs("收入100亿元，比去年增长5%。", "2023年，地区生产总值增长5%，比去年提高2个百分点。")
    assert out["scope"].to_list() == ["", "", "2023年", "2023年"]
    assert figs("与2020年相比，收入增长5%。")["scope"].to_list() == [""]


def test_a_year_in_the_title_of_what_is_counted_is_no_scope_a_title_before_still_is() -> None:
    out = figs(
        "审议通过了关于批准2023年市级决算的决议等12项决议决定。",
        "制定《某某市2024年立法计划》等3件。",
        "听取关于2023年上半年计划执行情况的报告，全县地区生产总值增长5%。",
    )
    assert out["scope"].to_list() == ["", "", "2023年上半年"]


def test_a_year_in_a_title_before_is_no_scope_of_the_meetings_next_act() -> None:
    # The appointments and the resolutions are the committee's own acts at the meeting, not the
    # budget year's or the half year's; the aspect particle is no part of what was approved.
    out = figs(
        "会议表决通过了关于2024年市级决算的报告，任免了12名国家机关工作人员。",
        "会议听取了市政府关于2023年上半年计划执行情况的报告，批准了决议12项。",
    )
    assert out["scope"].to_list() == ["", ""]
    assert out["measure"].to_list()[1] == "批准决议"


@pytest.mark.parametrize(
    ("text", "measures"),
    [
        # A level reached or held (提高到, 降至, 控制在, 稳定在) is measured by what reaches it.
        ("常住人口城镇化率提高到66.16%。", ["常住人口城镇化率"]),
        ("居民消费价格涨幅控制在3%左右。", ["居民消费价格涨幅"]),
        ("外汇储备稳定在3万亿美元以上。", ["外汇储备"]),
        ("增速预计在10%-20%之间。", ["增速", "增速"]),
        ("失业率降低至5%。", ["失业率"]),
        ("恩格尔系数降至28.5%。", ["恩格尔系数"]),
        # ... but 到 after another verb is part of it.
        ("收到3件。", ["收到"]),
        # A verb inside a noun (覆盖率, 增加值) starts no object.
        ("森林覆盖率达到24.02%。", ["森林覆盖率"]),
        ("提高森林覆盖率到25%。", ["提高森林覆盖率"]),
        ("工业增加值1.2万亿元。", ["工业增加值"]),
        # A rate reached is measured by the rate (实现 goes).
        ("代表建议实现交办率、承办单位同代表沟通率、答复率100%。", ["交办率、承办单位同代表沟通率、答复率"]),
        # A month, a span of months or a quarter opening the clause says when, not what.
        (
            "前三季度全省经济增长5.1%，1至11月规模以上工业增加值增长4.8%。",
            ["全省经济增长", "规模以上工业增加值增长"],
        ),
        ("5月份消费增长3.7%。", ["消费增长"]),
        ("第一季度消费增长6%。", ["消费增长"]),
        # No lone quote mark; a quoted name stays whole.
        ("建成“家站点”1200余个。", ["建成家站点"]),
        ("开展“代表活动月”活动3次。", ["开展“代表活动月”活动"]),
        # A second figure after a conjunction shares the first one's measure.
        (
            "城乡居民人均可支配收入分别增长4.8%和7.1%。",
            ["城镇居民人均可支配收入增长", "农村居民人均可支配收入增长"],
        ),
        # A list before 分别 goes one item to each figure, sharing the last item's noun, a change after
        # it, an ordinal's 第 or a pair's head; items that end alike are whole.
        ("全年受理、审结各类案件分别为1200件、1150件。", ["受理各类案件", "审结各类案件"]),
        ("受理、审结和执结案件分别为1200件、1150件和900件。", ["受理案件", "审结案件", "执结案件"]),
        (
            "受理、审结案件分别为1200件和1150件，同比分别增长5%和6%。",
            ["受理案件", "审结案件", "受理案件同比增长", "审结案件同比增长"],
        ),
        (
            "城镇、农村居民人均可支配收入分别增长5%和7%。",
            ["城镇居民人均可支配收入增长", "农村居民人均可支配收入增长"],
        ),
        ("新建、改扩建学校分别为12所和30所。", ["新建学校", "改扩建学校"]),
        (
            "第一、二、三产业增加值分别为320亿元、1450亿元和2130亿元。",
            ["第一产业增加值", "第二产业增加值", "第三产业增加值"],
        ),
        ("一般公共预算收入、支出分别完成560亿元和980亿元。", ["一般公共预算收入", "一般公共预算支出"]),
        ("新增城镇就业、农村劳动力转移就业分别达到12万人、25万人。", ["新增城镇就业", "农村劳动力转移就业"]),
        ("税收、非税收入分别为300亿元和120亿元。", ["税收收入", "非税收入"]),
        ("办理民事、行政检察案件分别为168件和56件。", ["办理民事案件", "办理行政检察案件"]),
        (
            "城乡居民人均可支配收入分别达到41256元和22368元，分别增长5.1%和7.2%。",
            [
                "城镇居民人均可支配收入",
                "农村居民人均可支配收入",
                "城镇居民人均可支配收入增长",
                "农村居民人均可支配收入增长",
            ],
        ),
        ("全县地区生产总值预计完成286.3亿元，增长6.2%。", ["全县地区生产总值", "全县地区生产总值增长"]),
        ("城镇新增就业6820人，农村劳动力转移就业1.2万人。", ["城镇新增就业", "农村劳动力转移就业"]),
        (
            "教育、社会保障和就业、卫生健康支出分别为112.4亿元、98.6亿元和56.3亿元。",
            ["教育支出", "社会保障和就业支出", "卫生健康支出"],
        ),
        # 收入 and 支出 are nouns here (jieba tags them verbs): 收入总计 is no act on what came before.
        (
            "加上上级补助收入152.6亿元、调入资金38.2亿元等，收入总计622.3亿元。",
            ["上级补助收入", "调入资金", "收入"],
        ),
        # A clause ending in 的 names which of the things counted before in the paragraph, in the same
        # unit, were counted, without who did it.
        (
            "代表共提出建议xxx件，全部交由xx个承办单位办理，其中已经解决或基本解决的xx件；列入计划逐步解决的xx件。",
            ["提出建议", "承办单位", "解决或基本解决的建议", "列入计划逐步解决的建议"],
        ),
        (
            "审议法律案34件，其中由专门委员会、常委会工作委员会牵头起草的14件。",
            ["审议法律案", "牵头起草的法律案"],
        ),
        # Who acted, after 由, is no part of what is counted; of the things in the same unit before it.
        (
            "建立基层立法联系点28个，收集意见建议6300余条，其中412条被采纳。",
            ["建立基层立法联系点", "收集意见建议", "被采纳的意见建议"],
        ),
        (
            "审议法规案47件，其中由市人大专门委员会和常委会工作机构牵头起草的19件。",
            ["审议法规案", "牵头起草的法规案"],
        ),
        # A clause ending in 的 is no thing a later one is of.
        ("涉及经济发展方面的86件；城乡建设方面的112件。", ["涉及经济发展方面的", "城乡建设方面的"]),
        # Concluding, done on the things counted before; what befell them, said before or after the count.
        ("收集意见建议47条，办结43条。", ["收集意见建议", "办结意见建议"]),
        ("全部建议办结时效提速12.5%。", ["全部建议办结时效提速"]),
        ("全年征集意见建议2100余条，被采纳136条。", ["征集意见建议", "被采纳的意见建议"]),
        # ... or what was done with them, said after the count.
        ("收集意见建议300条，其中280条已全部办结。", ["收集意见建议", "办结的意见建议"]),
        # 审（执）结 concludes, as 审结 does; a person named by 执行人 is one noun.
        (
            "全市法院共受理各类案件156832件，审（执）结148265件。",
            ["受理各类案件", "审（执）结各类案件"],
        ),
        ("将2.3万名失信被执行人纳入失信名单。", ["失信被执行人"]),
        ("完成了工作要点确定的42项任务中的40项。", ["任务", "任务"]),
        # 驾驶 is in a crime's name, 被 in a victim's: neither ends the noun.
        ("起诉危险驾驶犯罪218人。", ["起诉危险驾驶犯罪"]),
        ("为126名困难被害人发放司法救助金186万元。", ["困难被害人", "发放司法救助金"]),
        ("立案、结案分别为320件和315件。", ["立案", "结案"]),
        # A title is read whole: no verb inside it (修订) starts the object, and a long one is not cut.
        (
            "审议《某某市停车管理办法（修订草案）》等法规案8件。",
            ["审议《某某市停车管理办法（修订草案）》等法规案"],
        ),
        (
            "审议《某某省实施〈中华人民共和国全民所有制工业企业法〉和〈中华人民共和国农民专业合作社法〉办法"
            "（修订草案）》等法规案8件。",
            [
                "审议《某某省实施〈中华人民共和国全民所有制工业企业法〉和〈中华人民共和国农民专业合作社法〉办法"
                "（修订草案）》等法规案"
            ],
        ),
        # A share right before 的 is of what follows it, not of the figure before it.
        ("办复率100%，百分之九十五以上的建议得到解决。", ["办复率", "建议"]),
        # A verb inside a noun (自治州, 开发区, 自治条例) does not start the object.
        ("批准设区的市、自治州法规和单行条例214件。", ["批准设区的市、自治州法规和单行条例"]),
        ("新设立开发区3个。", ["设立开发区"]),
        # Verbs of building that jieba tags as something else (新建: a place name) are verbs.
        ("新建改扩建中小学和幼儿园27所。", ["新建改扩建中小学和幼儿园"]),
        ("新建、改建城市道路38公里。", ["新建、改建城市道路"]),
        ("新改建农村公路1250公里。", ["新改建农村公路"]),
        # A subject, then the verb stating its amount: the subject is what is counted ...
        ("一般公共预算收入完成1040亿元。", ["一般公共预算收入"]),
        ("社会消费品零售总额突破5600亿元。", ["社会消费品零售总额"]),
        # ... but what was done, after 已, is the count.
        ("建设任务已完成12个。", ["建设任务已完成"]),
        # A clause ending in a quantity is one noun phrase, verbs inside it (投入) included.
        ("研发经费投入强度达到2.4%。", ["研发经费投入强度"]),
        ("其中税收收入占比提高到72.3%。", ["税收收入占比"]),
        ("市、区两级政府投入学位建设资金近5亿元。", ["市、区两级政府投入学位建设资金"]),
        # 制度 is no quantity: the verbs before it take it as their object.
        ("健全完善制度12项。", ["完善制度"]),
        # How long a level has held is not what is counted.
        ("粮食产量1392亿斤，连续9年稳定在1300亿斤以上。", ["粮食产量"] * 2),
        ("城镇新增就业人数连续三年保持在80万人以上。", ["城镇新增就业人数"]),
        ("五年来城镇就业人数年均增加1270万人以上。", ["城镇就业人数年均增加"]),
        ("城镇就业人数年均1270万人以上。", ["城镇就业人数"]),
        # 通过 after 审议 or 表决 is the verb of passing (jieba's dictionary has it a preposition).
        ("审议通过12项议题。", ["审议通过议题"]),
        # An aspect particle (了) is no part of the measure; 决定 ending the phrase is a noun.
        ("常委会审议了两件法规。", ["审议法规"]),
        ("作出了九项决议决定。", ["决议决定"]),
        ("作出9项决定。", ["作出决定"]),
        # The next count cuts an act at its conjunction.
        ("共有154件次法律草案向社会公布征求意见，109万多人次参与。", ["法律草案", "参与"]),
        # A gap to a reference is of the subject before it.
        (
            "城镇调查失业率平均为5.1%，低于预期目标0.4个百分点。",
            ["城镇调查失业率", "城镇调查失业率低于预期目标"],
        ),
        (
            "高技术制造业投资增长9.9%，快于全部投资6.9个百分点。",
            ["高技术制造业投资增长", "高技术制造业投资快于全部投资"],
        ),
        # 面积 after a verb is the area of what the verb names (水土流失面积).
        ("治理水土流失面积1850平方公里。", ["治理水土流失面积"]),
        # A verb before 性 is inside a noun (保障性住房, 指导性意见).
        ("开工建设保障性住房2300套。", ["开工建设保障性住房"]),
        # A verb between 相 and 的 is inside what the main verb acts on.
        ("纠正与法律法规相抵触的文件4件。", ["纠正与法律法规相抵触的文件"]),
        # People who act are counted as the people, named by the act; person-times stay the act.
        ("2539名全国人大代表参加网络学习。", ["参加网络学习的全国人大代表"]),
        ("邀请30名人大代表列席常委会会议。", ["列席常委会会议的人大代表"]),
        ("邀请740多人次代表参加执法检查。", ["代表参加执法检查"]),
        # What a figure is a multiple of is no part of its measure, nor its period.
        ("人均收入是2012年的1.8倍。", ["人均收入"]),
        ("PM2.5平均浓度下降到32微克/立方米。", ["PM2.5平均浓度"]),
        # 进行了: neither the light verb nor its particle is part of the act done to the counted.
        ("对x件法规草案进行了立法后评估。", ["立法后评估的法规草案"]),
        # Spending, like revenue, is a quantity: 预算 inside it is no verb.
        ("全市一般公共预算支出完成958.1亿元。", ["全市一般公共预算支出"]),
        # 人员 after a verb ends a noun (组成人员), before the count and after it; 现场 is how they act.
        ("增补常委会组成人员3名。", ["增补常委会组成人员"]),
        ("xx 名常委会组成人员和人大代表现场提问。", ["常委会组成人员和人大代表"]),
        # Who acted, before a total, is no part of what is counted.
        ("常委会共办理代表建议93件。", ["办理代表建议"]),
        ("全市共有各级人大代表1.2万名。", ["各级人大代表"]),
        # 预算 is a noun (jieba's dictionary has it a verb); what a plan allots (拟安排) is the thing.
        ("中央预算内投资拟安排7000亿元。", ["中央预算内投资"]),
        # A verb inside a quoted name (接待) does not start the object: the name does.
        ("组织代表开展“代表接待日”活动2.6万场次。", ["开展“代表接待日”活动"]),
        # A clause ending in 的 says which of something were counted: of the "…中" before it, or of
        # what the count before it counted.
        ("一年来审议的法律案中，由专门委员会牵头起草的有14件，占41%。", ["牵头起草的法律案"] * 2),
        ("代表提出建议xxx件，其中已经解决或基本解决的xx件。", ["提出建议", "解决或基本解决的建议"]),
        # A count that names nothing takes the measure of the count before it, not of a rate.
        (
            "交办代表建议3900余件，代表满意率97.6%以上，其中x件被列为重点督办建议。",
            ["交办代表建议", "代表满意率", "交办代表建议"],
        ),
        # 加上 opens a sum, 等 closes a list: neither is part of what is counted.
        (
            "加上上级补助收入312.5亿元、债务转贷收入96.4亿元等，收入总量为1023.7亿元。",
            ["上级补助收入", "债务转贷收入", "收入总量"],
        ),
    ],
)
def test_measures_of_government_and_congress_reports(text: str, measures: list[str]) -> None:
    assert figs(text)["measure"].to_list() == measures


def test_suggestions_criticisms_and_opinions_are_one_noun() -> None:
    # 批评 is a verb, but not in 建议、批评和意见, the deputies' suggestions.
    out = map_metrics(
        figs("共收到代表议案12件、建议批评和意见436件。", "代表提出建议、批评和意见8000多件。"),
        load_taxonomy(),
    )
    # (The second item of the list takes the first one's verb and deputies: 收到代表.)
    assert out["measure"].to_list()[1:] == ["收到代表建议批评和意见", "提出建议、批评和意见"]
    assert out["metric"].to_list() == ["deputy_bills", "deputy_suggestions", "deputy_suggestions"]


def test_deputies_training_and_voted_projects_are_not_deputies() -> None:
    out = map_metrics(
        figs(
            "举办人大代表学习班3期。",
            "人大代表票决民生实事项目120个。",
            "建成家站点1200余个。",
            "建成省级人大代表联络示范站12个。",
            "代表议案建议办理满意率达98.6%。",
            "各级人大代表联系群众15.6万人次。",
        ),
        load_taxonomy(),
    )
    assert out["metric"].to_list() == [
        "training_sessions",
        "practical_deeds",
        "deputy_liaison_stations",
        "deputy_liaison_stations",
        "satisfaction_rates",
        "deputies_contacted",
    ]


def test_a_bare_hundred_thousand_or_ten_thousand_counts_with_an_approximation() -> None:
    # 百余次 is a hundred-odd times; 千家万户 and 百姓 count nothing.
    out = figs(
        "开展调研百余次，培训代表千余人次，收到群众意见万余件。", "千家万户，千方百计，百姓安居，万人空巷。"
    )
    assert vu("开展调研百余次，培训代表千余人次，收到群众意见万余件。") == [
        (100.0, "次"),
        (1000.0, "人次"),
        (10000.0, "件"),
    ]
    assert out["raw"].to_list() == ["百余次", "千余人次", "万余件"]
    assert out["qualifier"].to_list() == ["余", "余", "余"]
    # A bare 万 is one 万: money keeps it in its unit, as 1万余元 would.
    assert vu("捐款万余元，万多人参加。") == [(1.0, "万元"), (10000.0, "人")]


def test_a_bare_hundred_thousand_or_ten_thousand_counts_after_a_qualifier() -> None:
    out = figs("组织近百家单位参加，培训代表近千名，投入逾万亿元，总投资超百亿元，惠及近万人。")
    assert vu("组织近百家单位参加，培训代表近千名，投入逾万亿元，总投资超百亿元，惠及近万人。") == [
        (100.0, "家"),
        (1000.0, "名"),
        (1.0, "万亿元"),
        (100.0, "亿元"),
        (10000.0, "人"),
    ]
    assert out["qualifier"].to_list() == ["近", "近", "逾", "超", "近"]
    # With no qualifier and no unit, nothing: 近百年来 is a span, 上千 and 数百 no number.
    assert figs("近百年来，上千家企业，数百个项目。").height == 0


def test_one_with_a_multiplier_is_a_count_not_the_article() -> None:
    assert vu("培训代表一万人，投入资金一亿元，新增就业一万余人。") == [
        (10000.0, "人"),
        (1.0, "亿元"),
        (10000.0, "人"),
    ]


def test_hundred_percent_and_multiplied_values_are_exact() -> None:
    out = figs("办结率百分之百。", "参保人数10.7亿人。", "新增2.62万余条。")
    assert out["value"].to_list() == [100.0, 1_070_000_000.0, 26_200.0]
    assert out["unit"].to_list() == ["%", "人", "条"]


def test_a_share_of_the_regional_product_is_no_product() -> None:
    out = map_metrics(figs("工业增加值占地区生产总值比重达到33%。"), load_taxonomy())
    assert out["metric"].to_list() == ["share_of_gdp"]


def test_the_end_or_start_of_a_year_is_a_moment_not_a_period() -> None:
    out = figs(
        "有效期延长至2027年底，涉及资金50亿元。",
        "2023年底，全市共有代表联络站300个。",
        "2023年初以来，共审议法规12件。",
    )
    assert out["scope"].to_list() == ["", "", "2023年初以来"]


def test_a_congress_term_and_recent_years_are_periods_a_deputy_term_is_not() -> None:
    out = figs(
        "本届以来共制定法规36件。",
        "换届以来，开展执法检查12次。",
        "十三届以来，听取报告30个。",
        "本届任期内，审议议案45件。",
        "近年来累计投入资金5亿元。",
        "共邀请代表1026人次，基本实现代表在任期内列席常委会会议。",
    )
    assert out["scope"].to_list() == ["本届以来", "换届以来", "十三届以来", "本届任期内", "近年来", ""]
    # The marker opens the clause: it is no part of what is counted.
    assert out["measure"].to_list()[:5] == ["制定法规", "开展执法检查", "听取报告", "审议议案", "投入资金"]


def test_government_work_report_scope_and_non_figures() -> None:
    sents = sentences(
        "过去一年，国内生产总值增长5.2%。",
        "今年发展主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上。",
        "实现“十四五”规划目标，锚定2035年远景目标，打好三大攻坚战，推进“一带一路”建设。",
    )
    out = extract_figures(sents, UNITS)
    assert [(r["raw"], r["scope"]) for r in out.iter_rows(named=True)] == [
        ("5.2%", "过去一年"),
        ("5%左右", "今年"),
        ("1200万人以上", "今年"),
    ]


def test_parallel_parts_give_the_serial_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    # Paragraphs of three sentences; an opening period marker must reach the rest of its paragraph.
    texts = ["过去一年，制定法律6件。", "修改法律8件，增长5%。", "两次作出决定，召开座谈会8场。"] * 40
    sents = sentences(*texts, paragraph=[i // 3 for i in range(len(texts))])
    serial = extract_figures(sents, UNITS)
    monkeypatch.setattr(figures_module, "_n_parts", lambda rows: 3)
    assert len(figures_module._parts(sents, 3)) == 3
    assert extract_figures(sents, UNITS).equals(serial)
    assert serial["scope"].to_list()[:5] == ["过去一年"] * 5


def test_taxonomy_longest_match_wins_and_ties_go_to_the_first_row() -> None:
    taxonomy = pl.DataFrame(
        {
            "pattern": ["建议", "代表建议", "代表(?:建议)?", "议案"],
            "metric": ["suggestions", "deputy_suggestions", "deputies", "bills"],
            "category": ["a", "b", "c", "d"],
        }
    )
    frame = pl.DataFrame({"measure": ["办理代表建议", "建议", "代表议案", None, "看到彩虹"]})
    out = map_metrics(frame, taxonomy)
    # 代表建议 (4 chars) beats 建议; rows 2 and 3 both match 代表建议 in full, the first listed wins;
    # 代表议案: 代表 and 议案 both match two characters, the earlier row (代表) wins.
    assert out["metric"].to_list() == ["deputy_suggestions", "suggestions", "deputies", None, None]


def test_a_taxonomy_pattern_that_does_not_compile_is_named() -> None:
    bad = pl.DataFrame({"pattern": ["制定法律", "代表(建议"], "metric": ["x", "y"], "category": ["c", "c"]})
    with pytest.raises(ValueError, match=r"代表\(建议"):
        check_patterns(bad)


def test_the_taxonomy_remembers_a_bounded_number_of_measures(monkeypatch: pytest.MonkeyPatch) -> None:
    import transforms.taxonomy as taxonomy_module

    monkeypatch.setattr(taxonomy_module, "SEEN_LIMIT", 5)
    taxonomy = pl.DataFrame({"pattern": ["建议"], "metric": ["suggestions"], "category": ["c"]})
    measures = [f"建议{i}" for i in range(12)] + [f"彩虹{i}" for i in range(12)]
    out = map_metrics(pl.DataFrame({"measure": measures}), taxonomy)
    assert out["metric"].to_list() == ["suggestions"] * 12 + [None] * 12
    assert len(taxonomy_module._matcher(("建议",)).seen) <= 5


def test_classifiers_of_letters_lessons_and_medals() -> None:
    text = "送锦旗5面，收到感谢信12封，举办党课xx堂，培训40学时，获得金牌3枚，讲授课程12节。"
    assert figs(text)["unit"].to_list() == ["面", "封", "堂", "学时", "枚", "节"]
    # ... and the words they begin are no units.
    assert figs("四面八方，两面人，节约用水12节约束。").height == 0


def test_verbal_nouns_that_act_as_predicates_lead_the_measure() -> None:
    # 检查, 监督, 审查 and 调研 are verbal nouns in jieba's dictionary, verbs in these reports.
    out = figs("组成人员调研和执法检查120多次，共监督检查执法司法活动450余次，现场检查重大项目120个。")
    assert out["measure"].to_list() == ["调研和执法检查", "监督检查执法司法活动", "现场检查重大项目"]
    # ... and nouns before 报告, 项目 and 成果: the act is the verb before them.
    out = figs("形成专题调研报告5份，细化联动监督项目233个，转化运用调研成果12项。")
    assert out["measure"].to_list() == ["形成专题调研报告", "细化联动监督项目", "转化运用调研成果"]


def test_a_verb_in_a_list_or_a_draft_is_part_of_a_noun() -> None:
    out = figs(
        "审议法规草案和法规性决定草案25件。",
        "听取和审议计划、预算、审计等报告7项。",
        "推动解决食品安全、红色遗迹保护、未成年人保护等方面问题12个。",
        "议案涉及步道建设和改造任务12公里。",
    )
    assert out["measure"].to_list() == [
        "审议法规草案和法规性决定草案",
        "听取和审议计划、预算、审计等报告",
        "推动解决食品安全、红色遗迹保护、未成年人保护等方面问题",
        "涉及步道建设和改造任务",
    ]
    # ... but a verb joined to a verb is a verb (制定和修改, 审议、通过).
    assert figs("制定和修改法规12件。")["measure"].to_list() == ["制定和修改法规"]


def test_a_count_of_acts_alone_is_of_what_the_count_before_it_counted() -> None:
    out = figs(
        "共审议法律案34件，通过其中21件。",
        "五年来，共制定、修改、废止地方性法规86件，其中制定52件、修改29件、废止5件。",
        "对15件规范性文件进行审查，纠正2件。",
    )
    assert out["measure"].to_list() == [
        "审议法律案",
        "通过法律案",
        "制定、修改、废止地方性法规",
        "制定地方性法规",
        "修改地方性法规",
        "废止地方性法规",
        "审查的规范性文件",
        "纠正规范性文件",
    ]
    # ... not in another unit, nor when the act is what is counted.
    out = figs("涉及改造任务12公里，完成8处。", "听取审议专项工作报告12项，开展执法检查3项。")
    assert out["measure"].to_list() == ["涉及改造任务", "完成", "听取审议专项工作报告", "开展执法检查"]


def test_plans_comparisons_with_jiao_and_closed_parentheses() -> None:
    out = map_metrics(
        figs(
            "常委会拟安排审议地方性法规草案12件。",
            "全县完成固定资产投资128.6亿元，较上年增长9.3%。",
            "累计建成各级人大代表联络站（点）326个。",
            "扶持创业1200人，带动就业4500人。",
        ),
        load_taxonomy(),
    )
    assert out["measure"].to_list() == [
        "审议地方性法规草案",
        "完成固定资产投资",
        "完成固定资产投资较上年增长",
        "建成各级人大代表联络站（点）",
        "扶持创业",
        "带动就业",
    ]
    assert out["metric"].to_list()[3] == "deputy_liaison_stations"


def test_list_items_suggestions_after_a_verb_and_changes_of_an_amount() -> None:
    out = map_metrics(
        figs(
            "一是制定出台政策文件8个；二是培育龙头企业15家。",
            "提出51条具体整改建议。",
            "全镇实现农业总产值5.6亿元；农民人均纯收入达到18650元，增加1320元。",
        ),
        load_taxonomy(),
    )
    assert out["measure"].to_list() == [
        "制定出台政策文件",
        "培育龙头企业",
        "具体整改建议",
        "实现农业总产值",
        "农民人均纯收入",
        "农民人均纯收入增加",
    ]
    assert out["metric"].to_list()[3:] == ["agricultural_output", "disposable_income", "disposable_income"]


def test_shares_of_a_target_totals_and_the_metrics_of_a_government_report() -> None:
    out = map_metrics(
        figs(
            "发行新增债券85亿元、再融资债券42亿元。",
            "城镇新增就业4.2万人，完成年度目标的116%。",
            "新增高新技术企业186家，总数达到1024家。",
            "其中对“一带一路”沿线国家出口增长18.4%。",
            "办理行政复议案件1236件。",
        ),
        load_taxonomy(),
    )
    assert out["measure"].to_list() == [
        "发行新增债券",
        "再融资债券",
        "城镇新增就业",
        "城镇新增就业完成年度目标的",
        "新增高新技术企业",
        "高新技术企业总数",
        "对“一带一路”沿线国家出口增长",
        "办理行政复议案件",
    ]
    assert out["metric"].to_list() == [
        "government_bonds",
        "government_bonds",
        "jobs_created",
        "jobs_created",
        "tech_enterprises",
        "tech_enterprises",
        "foreign_trade",
        "administrative_review",
    ]


def test_a_level_from_a_baseline_to_the_next_and_net_changes() -> None:
    out = map_metrics(
        figs(
            "2021年至2023年，全省累计完成造林面积386万亩，森林覆盖率由2020年的62.1%提高到63.2%。",
            "上半年，全市规上工业企业达到2186户，比年初净增135户。",
            "截至目前，已有542件建议办理完毕并答复代表。",
            "累计改造农村危房12.6万户。",
        ),
        load_taxonomy(),
    )
    assert out["measure"].to_list() == [
        "完成造林面积",
        "森林覆盖率",
        "森林覆盖率",
        "全市规上工业企业",
        "全市规上工业企业比年初净增",
        "建议",
        "改造农村危房",
    ]
    # 由2020年的 is the baseline compared with, not the period: the sentence's span is.
    assert out["scope"].to_list()[:3] == ["2021年至2023年"] * 3
    assert out["metric"].to_list()[-1] == "housing"


def test_a_figure_whose_clause_names_nothing_takes_the_subject_of_the_clause_before() -> None:
    out = figs("经济总量翻一番，达到2.4万亿元。", "今年以来，全市常住人口持续增长，达到356万人。")
    assert out["measure"].to_list() == ["经济总量", "全市常住人口"]


@pytest.mark.parametrize(
    ("measure", "metric"),
    [
        ("批准和决定逮捕各类犯罪嫌疑人", "prosecutions"),
        ("提出抗诉", "prosecutorial_protests"),
        ("办理行政复议案件", "administrative_review"),
        ("发生生产安全事故", "work_safety"),
        ("技术合同成交额", "technology_contracts"),
        ("再融资债券", "government_bonds"),
        ("实现农业总产值", "agricultural_output"),
        ("农民人均纯收入", "disposable_income"),
        ("改造农村危房", "housing"),
        ("建成区绿化覆盖率", "parks"),
        ("建成各级人大代表联络站（点）", "deputy_liaison_stations"),
    ],
)
def test_metrics_of_government_court_and_procuratorate_reports(measure: str, metric: str) -> None:
    out = map_metrics(pl.DataFrame({"measure": [measure]}), load_taxonomy())
    assert out["metric"].to_list() == [metric]


def test_funds_from_outside_the_city_are_no_foreign_investment() -> None:
    out = map_metrics(
        pl.DataFrame({"measure": ["引进市外资金", "实际利用外资", "引进省外资金"]}), load_taxonomy()
    )
    assert out["metric"].to_list()[1] == "foreign_investment"
    assert "foreign_investment" not in {out["metric"][0], out["metric"][2]}


def test_an_inspection_of_how_laws_fare_is_measured_with_it() -> None:
    out = map_metrics(
        figs("检查6部法律实施情况，检查5件法律的实施情况。", "通过其中21件，包括制定法律10件。"),
        load_taxonomy(),
    )
    assert out["measure"].to_list() == ["检查法律实施情况", "检查法律的实施情况", "通过", "制定法律"]
    assert out["metric"].to_list()[:2] == ["law_enforcement_inspections"] * 2


def test_votes_are_counted_by_how_they_were_cast() -> None:
    out = map_metrics(figs("大会以462票赞成、3票反对、7票弃权，表决通过了决议。"), load_taxonomy())
    assert out.select("value", "unit", "measure", "metric").rows() == [
        (462.0, "票", "赞成", "votes"),
        (3.0, "票", "反对", "votes"),
        (7.0, "票", "弃权", "votes"),
    ]
    # ... and 票 begins words that are no votes.
    assert figs("实行安全生产一票否决，清理票据12万张。")["unit"].to_list() == ["张"]
    out = map_metrics(figs("全市共划分选区2365个，登记选民386.5万人，参选率达到95.8%。"), load_taxonomy())
    assert out["metric"].to_list() == ["elections"] * 3


def test_court_reports_count_cases_concluded_and_interpretations_made() -> None:
    out = map_metrics(
        figs(
            "最高人民法院受理案件21081件，审结17855件，制定司法解释31件，发布指导性案例33件。",
            "审结危害国家安全、暴力恐怖犯罪案件1000余件。",
            "审结贪污贿赂等职务犯罪案件2.3万件3.2万人。",
        ),
        load_taxonomy(),
    )
    assert out.select("measure", "metric").rows() == [
        ("受理案件", "cases_accepted"),
        ("审结案件", "cases_concluded"),
        ("制定司法解释", "judicial_interpretations"),
        ("发布指导性案例", "guiding_cases"),
        ("审结危害国家安全、暴力恐怖犯罪案件", "cases_concluded"),
        ("审结贪污贿赂等职务犯罪案件", "cases_concluded"),
        ("审结贪污贿赂等职务犯罪案件", "cases_concluded"),
    ]


def test_plan_periods_and_parts_of_the_year_opening_a_sentence_are_scopes() -> None:
    out = figs(
        "“十三五”期间，全市新增城镇就业45万人。",
        "前三季度，地区生产总值同比增长5.6%。",
        "上半年，城镇居民人均可支配收入增长5.1%。",
        # An era is no reporting period, nor a part of a (masked) year's date.
        "党的十八大以来，全省累计减少贫困人口356万人。",
        "计划xxxx年上半年完工；已完成xx个。",
    )
    assert out["scope"].to_list() == ["“十三五”期间", "前三季度", "上半年", "", ""]


def test_new_acts_counted_in_items_are_acts_on_what_was_counted_in_item_times() -> None:
    out = figs("全年共审议法规草案34件次，其中新制定12件、修改13件、废止3件。", "实地察看120个点位。")
    assert out["measure"].to_list() == [
        "审议法规草案",
        "新制定法规草案",
        "修改法规草案",
        "废止法规草案",
        "实地察看点位",
    ]


def test_counts_per_head_keep_the_head_and_rates_per_head_do_not_measure_it() -> None:
    out = figs(
        "每千人口拥有执业（助理）医师3.2人，每千名老年人拥有养老床位35张。",
        "城乡居民医保人均财政补助标准提高到每人每年640元。",
    )
    assert out["measure"].to_list() == [
        "每千人口拥有执业（助理）医师",
        "每千名老年人拥有养老床位",
        "城乡居民医保人均财政补助标准",
    ]


def test_spending_by_function_is_spending() -> None:
    frame = pl.DataFrame({"measure": ["教育支出", "社会保障和就业支出增长", "卫生健康支出", "新增学位"]})
    out = map_metrics(frame, load_taxonomy())
    assert out["metric"].to_list() == ["fiscal_expenditure"] * 3 + ["education"]


def test_a_long_parenthesis_explains_and_names_nothing() -> None:
    out = figs(
        "其中A类（所提问题已经解决或基本解决）412件，占49.9%；B类（正在解决或列入计划逐步解决）356件。"
    )
    assert out["measure"].to_list() == ["A类", "A类", "B类"]
    out = map_metrics(figs("2022年全省共抽检食品样品18.6万批次。"), load_taxonomy())
    assert out["metric"].to_list() == ["food_safety"]


def test_a_total_of_bills_and_suggestions_is_of_suggestions() -> None:
    frame = pl.DataFrame({"measure": ["提出议案、建议、批评和意见", "提出议案"]})
    out = map_metrics(frame, load_taxonomy())
    assert out["metric"].to_list() == ["deputy_suggestions", "deputy_bills"]


def test_a_verb_before_facilities_or_a_centre_is_inside_a_noun() -> None:
    out = figs(
        "排查整改污水处理设施故障12个，建成培训中心3个，其中生态环境和资源保护领域2个。",
        "举办代表履职能力提升培训班4期。",
    )
    assert out["measure"].to_list() == [
        "排查整改污水处理设施故障",
        "建成培训中心",
        "生态环境和资源保护领域",
        "举办代表履职能力提升培训班",
    ]


def test_latin_units_of_power_energy_and_length() -> None:
    text = "新增光伏装机1.5GW，装机容量120MW，年发电量3.2亿kWh，线路长度35km，建成5G基站1.2万个。"
    assert vu(text) == [(1.5, "GW"), (120.0, "MW"), (3.2, "亿kWh"), (35.0, "km"), (12_000.0, "个")]


def test_a_carried_noun_loses_a_quote_mark_whose_other_half_is_cut_off() -> None:
    out = figs("每季度听取一次“一府一委两院”工作情况汇报，全年共听取4次。")
    assert out["measure"].to_list() == ["一府一委两院工作情况汇报", "听取一府一委两院工作情况汇报"]


def test_a_bound_on_an_amount_that_names_a_class_of_things_is_a_tier() -> None:
    text = "新开工总投资10亿元以上的重大项目35个，5000万元以上产业项目120个，培育营业收入超100亿元企业5家。"
    assert vu(text) == [(35.0, "个"), (120.0, "个"), (5.0, "家")]
    assert figs("其中10亿元以上项目47个。")["measure"].to_list() == ["10亿元以上项目"]
    # A share of a class, a count of at least so many, and a bound that ends its clause stay figures.
    assert vu("全市超过90%的村实现集体经济收入10万元以上。") == [(90.0, "%"), (10.0, "万元")]
    assert vu("每个县建成3个以上示范村，完成投资超过500亿元。") == [(3.0, "个"), (500.0, "亿元")]


def test_tenths_are_shares() -> None:
    assert vu("八成以上的群众表示满意，满意度达到九成，超过七成的建议已经解决，收入增长一成。") == [
        (8.0, "成"),
        (9.0, "成"),
        (7.0, "成"),
        (1.0, "成"),
    ]
    # 成 after a number as a verb or inside a word is no share.
    assert vu("工作一成不变，全市已有2成为示范村，3成立专班。") == []


def test_a_share_of_the_year_s_task_is_of_the_task_done_named_once() -> None:
    out = figs(
        "完成造林面积1.5万亩，完成年度任务的125%。",
        "全年完成新增造林面积1.5万亩、森林抚育3万亩，分别完成年度任务的125%和108%。",
    )
    assert out["measure"].to_list() == [
        "完成造林面积",
        "造林面积完成年度任务的",
        "完成新增造林面积",
        "森林抚育",
        "新增造林面积完成年度任务的",
        "森林抚育完成年度任务的",
    ]


def test_a_first_reading_is_an_act_on_the_drafts_counted_before() -> None:
    out = figs("全年审议法规草案5件，其中通过3件，初审2件。")
    assert out["measure"].to_list() == ["审议法规草案", "通过法规草案", "初审法规草案"]


def test_drafts_of_laws_decisions_and_interpretations_are_bills() -> None:
    frame = pl.DataFrame({"measure": ["审议法律、决定草案和法律解释草案", "作出法律解释", "审议法规草案"]})
    out = map_metrics(frame, load_taxonomy())
    assert out["metric"].to_list() == ["bills", "legal_interpretations", "local_regulations"]


def test_a_year_whose_share_a_figure_is_is_no_scope_a_year_whose_things_are_counted_is() -> None:
    out = figs(
        "全市接待国内外游客4562万人次，恢复到2019年的108%。",
        "2023年，全市GDP增长5.1%，相当于2019年的1.2倍，制定法规5件。",
        "2023 年的 x 个立法项目，共计征求意见建议 xxxx 余条。",
    )
    assert out["scope"].to_list() == ["", "", "2023年", "2023年", "2023年", "2023年", "2023年"]


def test_a_voltage_before_a_noun_is_a_grade() -> None:
    text = "建成110千伏变电站3座、220千伏线路45公里，35kV及以上线路120公里，线路电压保持在10千伏。"
    assert vu(text) == [(3.0, "座"), (45.0, "公里"), (120.0, "公里"), (10.0, "千伏")]


def test_a_part_of_the_year_opening_a_clause_is_its_period() -> None:
    out = figs("上半年召开主任会议6次，下半年召开5次。", "全年增长5%，其中一季度增长4.5%。")
    assert out["scope"].to_list() == ["上半年", "下半年", "全年", "一季度"]
    assert figs("制定法规5件，计划xxxx年上半年完工的项目3个。")["scope"].to_list() == ["", ""]


def test_the_denominator_of_a_rate_is_no_part_of_what_is_counted() -> None:
    out = figs("职工月平均工资为4500元/月，补贴标准为每人200元/人·月。")
    assert out["measure"].to_list() == ["职工月平均工资", "补贴标准"]


def test_a_change_on_the_last_congress_takes_its_subject() -> None:
    out = figs("代表们共提出建议126件，比上届同期增加18件。", "本次会议收到议案8件，较上一届减少3件。")
    assert out["measure"].to_list() == [
        "提出建议",
        "提出建议比上届同期增加",
        "收到议案",
        "收到议案较上一届减少",
    ]


def test_a_milestone_an_amount_passes_names_nothing() -> None:
    out = figs("全省生产总值迈上6万亿元台阶，达到6.07万亿元。", "全市地区生产总值突破1000亿元大关。")
    assert out["measure"].to_list() == ["全省生产总值", "全省生产总值", "全市地区生产总值"]


def test_a_negated_act_keeps_its_negation_and_is_no_count_of_the_act() -> None:
    out = map_metrics(figs("批准逮捕1523人，不批准逮捕597人，不起诉215人。"), load_taxonomy())
    assert out["measure"].to_list() == ["批准逮捕", "不批准逮捕", "不起诉"]
    assert out["metric"].to_list() == ["prosecutions", "non_prosecutions", "non_prosecutions"]


def test_funds_recovered_or_involved_in_a_crime_are_no_investment() -> None:
    frame = pl.DataFrame({"measure": ["追回被骗资金", "涉案资金", "投入资金", "固定资产投资", "违法资金"]})
    out = map_metrics(frame, load_taxonomy())
    assert out["metric"].to_list() == ["funds_recovered", None, "investment", "fixed_asset_investment", None]


def test_a_capacity_and_an_amount_in_a_currency_name_their_subject() -> None:
    out = figs("污水处理能力20万吨/日，年产值达到1.2万亿元人民币。")
    assert out["measure"].to_list() == ["污水处理能力", "年产值"]


def test_a_class_for_deputies_is_training_whatever_else_its_name_says() -> None:
    frame = pl.DataFrame({"measure": ["举办州人大代表和人大干部履职能力提升培训班", "人大代表"]})
    out = map_metrics(frame, load_taxonomy())
    assert out["metric"].to_list() == ["training_sessions", "deputies"]


def test_fu_before_a_lone_number_makes_it_negative() -> None:
    out = figs("自然增长率为负千分之一点二，增速为负0.5%，负责办理建议12件。")
    assert vu("自然增长率为负千分之一点二，增速为负0.5%，负责办理建议12件。") == [
        (-1.2, "‰"),
        (-0.5, "%"),
        (12.0, "件"),
    ]
    assert out["raw"].to_list() == ["负千分之一点二", "负0.5%", "12件"]
    assert out["measure"].to_list()[:2] == ["自然增长率", "增速"]


def test_a_verb_before_lei_is_inside_the_name_of_a_kind() -> None:
    out = figs("劳动和社会保障类153件，占12.2%；其中建设类项目12个，国家级示范社256家。")
    assert out["measure"].to_list() == ["劳动和社会保障类", "劳动和社会保障类", "建设类项目", "国家级示范社"]


def test_a_change_opening_its_sentence_is_about_the_sentence_before_in_its_paragraph() -> None:
    text = ("受理案件186.5万件。", "同比上升5.3%。", "审结案件100件。", "同比增长3%，结案率95%。")
    out = extract_figures(sentences(*text, paragraph=[0, 0, 1, 2]), UNITS)
    assert out["measure"].to_list() == ["受理案件", "受理案件同比上升", "审结案件", "同比增长", "结案率"]


def test_a_count_of_what_is_still_under_way_names_no_adverb() -> None:
    assert figs("另有50件正在审理中。")["measure"].to_list() == [""]


def test_inspections_checks_and_cases_opened_are_acts_and_the_actor_is_no_part_of_the_count() -> None:
    out = figs(
        "检查组共抽查企业86家，核查问题线索86条。",
        "全市纪检监察机关共立案1256件，全市公共文化服务点300处，两地共建园区3个。",
    )
    assert out["measure"].to_list() == [
        "抽查企业",
        "核查问题线索",
        "立案",
        "全市公共文化服务点",
        "两地共建园区",
    ]
    assert figs("中国共产党党员56人。")["measure"].to_list() == ["中国共产党党员"]


def test_a_count_of_what_an_act_after_it_is_done_to_names_its_thing() -> None:
    out = figs("批准法规112件，对报送备案的规范性文件856件逐件审查，纠正14件。")
    assert out["measure"].to_list() == ["批准法规", "报送备案的规范性文件", "纠正报送备案的规范性文件"]


def test_students_teachers_farms_and_cooperatives_have_metrics() -> None:
    frame = pl.DataFrame(
        {"measure": ["在校生", "专任教师", "小学", "认定家庭农场", "农民合作社", "国家级示范社", "税收收入"]}
    )
    out = map_metrics(frame, load_taxonomy())
    assert out["metric"].to_list() == [*["education"] * 3, *["farm_cooperatives"] * 3, "fiscal_revenue"]


def test_a_parenthesis_that_breaks_a_count_down_is_no_part_of_what_is_counted() -> None:
    out = figs("收到建议320件（含闭会期间建议20件），制定法规5件（其中新制定3件、修订2件）。")
    assert out["measure"].to_list() == ["收到建议", "闭会期间建议", "制定法规", "新制定法规", "修订法规"]


def test_candidates_seats_and_voters_are_elections() -> None:
    frame = pl.DataFrame({"measure": ["选举应选常委会委员", "提名候选人", "参加投票选民", "收支差额"]})
    out = map_metrics(frame, load_taxonomy())
    assert out["metric"].to_list() == ["elections", "elections", "elections", None]


def test_wells_and_ponds_are_counted_in_their_classifiers() -> None:
    assert vu("新打机井35眼，新建水窖200口，打井3口。") == [(35.0, "眼"), (200.0, "口"), (3.0, "口")]
    # 三口之家 is a household, 一眼望去 a glance, 5口径 a bore.
    assert vu("一家三口之家，一眼望去，更换5口径管道。") == []


def test_a_span_of_months_or_hours_with_an_approximation_is_no_figure() -> None:
    assert vu("历时3个多月，用两个多月时间，3个多小时，历时x个多月。") == []
    assert vu("建成3个多功能活动室，20余个部门参加。") == [(3.0, "个"), (20.0, "个")]


def test_letters_and_visits_alone_are_petitions_a_visiting_delegation_is_not() -> None:
    frame = pl.DataFrame({"measure": ["来信", "来访", "接待来访团组"]})
    out = map_metrics(frame, load_taxonomy())
    assert out["metric"].to_list() == ["petitions", "petitions", "delegations"]


def test_the_verb_ending_what_a_preposition_governs_is_no_head_verb() -> None:
    out = figs("组织代表围绕乡村振兴开展专题调研4次，聚焦生态保护开展执法检查3次，常委会听取审议报告21个。")
    assert out["measure"].to_list() == ["开展专题调研", "开展执法检查", "听取审议报告"]


def test_shares_of_a_level_and_changes_of_their_own_after_respectively_go_one_to_each_figure() -> None:
    out = figs(
        "全年接待游客4.6亿人次、实现旅游收入5320亿元，分别恢复到2019年的98%和95%。",
        "进出口总额3200亿元，其中出口2100亿元、进口1100亿元，分别增长8.5%、下降3.2%。",
        "全市接待游客1200万人次，相当于全省平均水平的1.2倍。",
    )
    assert out["measure"].to_list() == [
        "接待游客",
        "实现旅游收入",
        "接待游客恢复到2019年的",
        "实现旅游收入恢复到2019年的",
        "进出口总额",
        "出口",
        "进口",
        "出口增长",
        "进口下降",
        "接待游客",
        "接待游客相当于全省平均水平的",
    ]


def test_a_quantity_stated_with_its_gap_to_another_is_measured_whole() -> None:
    out = figs("农村居民人均可支配收入增速快于城镇居民1.8个百分点，研发投入强度比全国高0.3个百分点。")
    assert out["measure"].to_list() == ["农村居民人均可支配收入增速快于城镇居民", "研发投入强度比全国高"]


def test_a_count_that_names_only_what_befell_it_is_of_the_things_counted_before() -> None:
    out = figs(
        "收集意见建议1260余条，其中126条被采纳。",
        "审议法规草案21件，其中3件被退回。",
        "办理建议860件，其中xxx件已得到解决。",
    )
    assert out["measure"].to_list() == [
        "收集意见建议",
        "被采纳的意见建议",
        "审议法规草案",
        "被退回的法规草案",
        "办理建议",
        "得到解决的建议",
    ]


def test_an_item_s_number_and_when_the_counted_act_are_no_part_of_the_measure() -> None:
    out = figs(
        "六、确保代表建议办结率达到100%。",
        "七、预计全年一般公共预算收入xx.x亿元。",
        "（三）完成造林面积3万亩。",
        "2.力争新增就业1.2万人。",
        "全市xxx个代表联络站全年接待群众不少于xx次。",
    )
    assert out["measure"].to_list() == [
        "代表建议办结率",
        "一般公共预算收入",
        "完成造林面积",
        "新增就业",
        "代表联络站",
        "接待群众",
    ]


def test_deputies_counted_as_they_act_are_named_by_the_act() -> None:
    out = figs("组织x.x万名各级人大代表开展集中视察活动。")
    assert out["measure"].to_list() == ["开展集中视察活动的各级人大代表"]


def test_deputies_counted_as_they_join_in_are_named_by_what_they_join_in_and_are_deputies() -> None:
    out = map_metrics(
        figs(
            "xxx余名人大代表参与教科文卫领域立法、监督、专题调研等工作，在立法中发挥作用。",
            "百余名代表参加了学习培训，xxx余名代表参与其中。",
            "有120名代表列席常委会会议。",
        ),
        load_taxonomy(),
    )
    assert out["measure"].to_list() == [
        "参与教科文卫领域立法、监督、专题调研等工作的人大代表",
        "参加学习培训的代表",
        "代表",
        "列席常委会会议的代表",
    ]
    assert out["metric"].to_list() == ["deputies", "training_sessions", "deputies", "deputies_attending"]


def test_an_amount_budgeted_is_the_quantity_s_a_by_election_is_an_election_and_a_place_has_people() -> None:
    out = map_metrics(
        figs(
            "一般公共预算支出安排28.6亿元，补选县人大常委会委员2名，安排资金5000万元。",
            "全市人口达到156.3万人，老年人口31万人。",
        ),
        load_taxonomy(),
    )
    assert out["measure"].to_list() == [
        "一般公共预算支出",
        "补选县人大常委会委员",
        "安排资金",
        "全市人口",
        "老年人口",
    ]
    assert out["metric"].to_list() == [
        "fiscal_expenditure",
        "elections",
        "investment",
        "population",
        "population",
    ]


def test_a_bill_s_kind_ends_a_noun_and_and_so_on_closing_a_list_names_nothing() -> None:
    out = map_metrics(
        figs(
            "常委会共审议宪法修正案草案、法律案、决定案等28件，通过其中18件。",
            "对涉及行政处罚等20多个领域的规范性文件开展专项审查，促进男女平等12项。",
            "全年接待外国议会代表团xx个。",
        ),
        load_taxonomy(),
    )
    assert out["measure"].to_list() == [
        "审议宪法修正案草案、法律案、决定案",
        "通过宪法修正案草案、法律案、决定案",
        "开展专项审查的领域",
        "促进男女平等",
        "接待外国议会代表团",
    ]
    assert out["metric"].to_list()[-1] == "delegations"


def test_discipline_inspection_counts_leads_cases_and_sanctions_and_a_sentence_up_to_death_is_one() -> None:
    out = map_metrics(
        figs(
            "全市纪检监察机关处置问题线索3210件，谈话函询860件次，立案1256件，处分1103人。",
            "追缴违纪违法资金1.2亿元，办理法律援助案件8600件。",
            "判处五年以上有期徒刑至死刑的罪犯312人。",
        ),
        load_taxonomy(),
    )
    assert out["measure"].to_list() == [
        "处置问题线索",
        "谈话函询",
        "立案",
        "处分",
        "追缴违纪违法资金",
        "办理法律援助案件",
        "判处五年以上有期徒刑至死刑的罪犯",
    ]
    assert out["metric"].to_list() == [
        "discipline_leads",
        "discipline_leads",
        "cases_opened",
        "disciplinary_actions",
        "funds_recovered",
        "legal_aid",
        "offenders_sentenced",
    ]


def test_sown_area_is_no_grain_output_and_forest_restored_is_afforestation() -> None:
    out = map_metrics(
        figs("全县粮食播种面积稳定在86.5万亩，退化林修复1.1万亩，粮食产量7.2亿斤。"), load_taxonomy()
    )
    assert out["metric"].to_list() == ["crop_area", "afforestation", "grain_output"]


def test_together_after_the_things_counted_names_nothing_and_voters_received_are_petitions() -> None:
    out = map_metrics(
        figs(
            "全区xx个代表联络站共接待选民xxxx人次，代表走访选民1200人次。",
            "公共服务设施12处，总共3个。",
            "收到来信十万余件。",
        ),
        load_taxonomy(),
    )
    assert out["measure"].to_list() == [
        "代表联络站",
        "接待选民",
        "走访选民",
        "公共服务设施",
        "公共服务设施",
        "收到来信",
    ]
    assert out["metric"].to_list()[:3] == ["deputy_liaison_stations", "petitions", "deputies_contacted"]
    assert out["metric"].to_list()[-1] == "petitions"


def test_a_level_held_within_its_target_is_of_the_subject_before() -> None:
    out = figs("居民消费价格上涨0.3%，控制在3%左右的预期目标以内。")
    assert out["measure"].to_list() == ["居民消费价格上涨", "居民消费价格上涨"]


def test_a_class_is_a_class_of_what_was_counted_before_it_in_the_same_unit() -> None:
    out = figs(
        "代表提出的建议300件，其中已经解决的A类xx件，正在办理的B类xx件。",
        "承办单位共有xx家，其中a类（所提问题已经解决或基本解决）xxx件，b类（列入计划逐步解决）xx件。",
    )
    assert out["measure"].to_list() == [
        "提出的建议",
        "解决的A类建议",
        "办理的B类建议",
        "承办单位",
        "a类",
        "b类",
    ]


def test_a_level_from_one_to_another_is_of_the_subject_before_both() -> None:
    out = figs(
        "全省经济总量从3.6万亿元增加到4.8万亿元。",
        "脱贫人口人均纯收入从2019年的8900元增加到2023年的14200元，居民消费恢复到2019年的95%。",
        "研发经费投入强度从1.8%提升至2.5%，高新技术企业数量由3200家增至9800家。",
    )
    assert out["measure"].to_list() == [
        "全省经济总量",
        "全省经济总量",
        "脱贫人口人均纯收入",
        "脱贫人口人均纯收入",
        "居民消费恢复到2019年的",
        "研发经费投入强度",
        "研发经费投入强度",
        "高新技术企业数量",
        "高新技术企业数量",
    ]


def test_doses_fish_containers_and_gigawatts_are_units_and_cases_reported_are_no_reports() -> None:
    out = map_metrics(
        figs(
            "报告传染病病例1200例，接种疫苗360万剂次，水产养殖鱼苗500万尾，集装箱吞吐量120万标准箱，风电装机2.1吉瓦。"
        ),
        load_taxonomy(),
    )
    assert out["raw"].to_list() == ["1200例", "360万剂次", "500万尾", "120万标准箱", "2.1吉瓦"]
    assert out["metric"].to_list() == [
        "healthcare",
        "healthcare",
        "livestock",
        "port_throughput",
        "power_capacity",
    ]
    # (尾 and 剂 that start a word are no units.)
    assert figs("年尾2个，2剂量药品。")["raw"].to_list() == ["2个"]


def test_a_clause_ending_in_de_with_nothing_counted_before_says_which_whole() -> None:
    out = figs("从办理结果看，所提问题已解决或基本解决的208件，占50.5%；正在解决或列入计划解决的156件。")
    assert out["measure"].to_list() == [
        "所提问题已解决或基本解决的",
        "所提问题已解决或基本解决的",
        "正在解决或列入计划解决的",
    ]


def test_the_past_year_and_years_and_more_are_periods() -> None:
    out = figs(
        "过去的一年，我们审议法规草案14件。",
        "一年多来，共开展调研12次。",
        "党的二十大以来，共开展专题询问6次。",
    )
    assert out["scope"].to_list() == ["过去的一年", "一年多来", ""]


def test_audits_and_liabilities_have_metrics() -> None:
    out = map_metrics(
        figs(
            "全年共审计单位126个，查出主要问题金额38.6亿元。",
            "国有企业负债总额7860亿元，平均资产负债率62.4%。",
        ),
        load_taxonomy(),
    )
    assert out["metric"].to_list() == ["audits", "audits", "state_assets", "state_assets"]


def test_a_measure_cut_at_a_conjunction_by_the_next_count_does_not_end_in_it() -> None:
    out = figs("建成公园和12处，代表参与12次。")
    assert out["measure"].to_list() == ["建成公园", "代表参与"]


def test_a_count_per_head_of_a_place_s_population_is_measured_whole() -> None:
    out = figs("全省每千名老年人拥有养老床位31.5张，低于全国平均水平2.3张。")
    assert out["measure"].to_list() == [
        "全省每千名老年人拥有养老床位",
        "全省每千名老年人拥有养老床位低于全国平均水平",
    ]


def test_a_bound_before_the_number_is_no_part_of_the_measure() -> None:
    assert figs("贷款利率最高3.5%，单项补助最多12万元。")["measure"].to_list() == ["贷款利率", "单项补助"]


def test_deputies_due_and_present_at_a_session_are_counted_as_present() -> None:
    out = map_metrics(figs("大会应到代表245名，实到231名，符合法定人数。"), load_taxonomy())
    assert out["metric"].to_list() == ["deputies_present", "deputies_present"]


def test_bei_opening_a_noun_after_the_count_does_not_end_it() -> None:
    out = figs("任免xxx人次国家机关工作人员和xx名被任命人员向宪法宣誓的筹办工作，其中126条被采纳。")
    assert out["measure"].to_list()[1] == "被任命人员"


def test_training_of_workers_is_vocational_training_a_bridge_is_transport_and_general_bonds_are_bonds() -> (
    None
):
    out = map_metrics(
        figs(
            "全年培训农民工10万人次以上，开展职业技能培训3万人次，举办代表履职培训班2期，实施农村危桥改造200座。"
        ),
        load_taxonomy(),
    )
    assert out["metric"].to_list() == [
        "vocational_training",
        "vocational_training",
        "training_sessions",
        "transport",
    ]


def test_water_used_per_output_is_water_use_not_the_output() -> None:
    out = map_metrics(figs("万元地区生产总值能耗下降3.2%，万元工业增加值用水量下降5%。"), load_taxonomy())
    assert out["metric"].to_list() == ["energy_intensity", "water_use"]


def test_a_number_with_some_of_its_digits_masked_is_masked() -> None:
    out = figs("办理建议1x件，开展活动x5次，投入资金xx.x万元，20xx年召开会议12次。")
    assert out.select("raw", "value", "numeral", "masked_digits").rows() == [
        ("1x件", None, "masked", 1),
        ("x5次", None, "masked", 1),
        ("xx.x万元", None, "masked", 2),
        ("12次", 12.0, "arabic", None),
    ]


def test_a_preposition_a_person_named_by_a_role_and_a_list_after_dui_shape_the_noun() -> None:
    out = figs(
        "在专题询问中，14名常委会组成人员就有关问题提出询问，6位政府部门负责人到会应询，新增就业12人。",
        "对《中华人民共和国农业法》等5部法律法规实施情况开展执法检查。",
    )
    assert out["measure"].to_list() == [
        "常委会组成人员",
        "政府部门负责人",
        "新增就业",
        "开展执法检查的法律法规",
    ]


def test_people_counted_as_they_act_are_named_by_the_act_and_stay_people() -> None:
    out = map_metrics(
        figs("全年共有1200名代表提出建议，126名代表提出建议386件，320名人大代表提交了议案和建议。"),
        load_taxonomy(),
    )
    assert out["measure"].to_list() == [
        "提出建议的代表",
        "提出建议的代表",
        "提出建议",
        "提交议案和建议的人大代表",
    ]
    assert out["metric"].to_list() == ["deputies", "deputies", "deputy_suggestions", "deputies"]


def test_funds_moved_between_budgets_or_evaluated_are_no_investment() -> None:
    out = map_metrics(
        figs("调入资金38.2亿元，评价项目126个，涉及资金85.4亿元，投入资金5亿元。"), load_taxonomy()
    )
    assert out["metric"].to_list() == [None, None, None, "investment"]


def test_a_prosecutors_sentencing_recommendations_are_no_deputies_suggestions() -> None:
    out = map_metrics(figs("量刑建议采纳率97.3%，发出检察建议45份，代表建议办理120件。"), load_taxonomy())
    assert out["metric"].to_list() == [None, "judicial_recommendations", "deputy_suggestions"]


def test_a_class_is_of_the_thing_counted_before_in_its_paragraph() -> None:
    out = extract_figures(
        sentences(
            "截至9月底，398件建议已全部办复，办复率100%。",
            "从办理结果看，A类（所提问题已经解决或基本解决）268件，占67.3%；",
            "B类104件。",
            paragraph=[0, 0, 0],
        ),
        UNITS,
    )
    assert out["measure"].to_list() == ["建议", "办复率", "A类建议", "A类建议", "B类建议"]


def test_thousands_set_off_by_a_space_are_one_number() -> None:
    out = figs("任免国家机关工作人员1 238人次，收集意见建议6 300余条，其中412条被采纳，增长12.5%。")
    assert out["value"].to_list() == [1238.0, 6300.0, 412.0, 12.5]
    assert out["raw"].to_list()[:2] == ["1 238人次", "6 300余条"]
    assert out["measure"].to_list()[2] == "被采纳的意见建议"
    # (Two numbers a space apart that are no thousands stay apart: 2023 年 1 月.)
    assert figs("共有 12 个 345 人")["value"].to_list() == [12.0, 345.0]


def test_courts_concluding_cases_and_curbs_on_spending_are_no_consumption() -> None:
    out = map_metrics(
        figs("审（执）结148265件，限制高消费4.6万人次，社会消费品零售总额100亿元。"), load_taxonomy()
    )
    assert out["metric"].to_list() == ["cases_concluded", None, "consumption"]


def test_a_share_after_people_counted_as_they_act_is_of_those_people() -> None:
    out = map_metrics(figs("全年共有1200名代表提出建议，占代表总数的85%。"), load_taxonomy())
    assert out["measure"].to_list() == ["提出建议的代表", "提出建议的代表占代表总数的"]
    assert out["metric"].to_list() == ["deputies", "deputies"]


def test_an_item_of_a_list_of_counts_takes_the_verb_of_the_item_before() -> None:
    # 召开常委会会议x次、主任会议xx次: the meetings of the second kind were held too; the deputies'
    # suggestions after their bills are theirs; an item with a verb of its own keeps it, an amount
    # after a count is no item of it, and a conjunction after a count starts the next item.
    out = figs(
        "召开常委会会议 x 次、主任会议 xx 次、专题询问 x 次。",
        "办理代表议案487件、建议9349件。",
        "收到代表议案8件和建议、批评和意见536件。",
        "审结案件120件、标的额3亿元。",
        "新建扩建农村公路 xxxx 公里、公用充电设施 xxxx 个、乡镇卫生院 xx 所。",
        "区人大常委会全年召开常委会会议8次、主任会议15次。",
        "选举产生主任1名、副主任3名。",
        "计划安排继续审议项目3件、初次审议项目6件。",
    )
    assert out["measure"].to_list() == [
        "召开常委会会议",
        "召开主任会议",
        "专题询问",
        "办理代表议案",
        "办理代表建议",
        "收到代表议案",
        "收到代表建议、批评和意见",
        "审结案件",
        "标的额",
        "新建扩建农村公路",
        "新建扩建公用充电设施",
        "新建扩建乡镇卫生院",
        "召开常委会会议",
        "召开主任会议",
        "选举产生主任",
        "选举产生副主任",
        "安排继续审议项目",
        "初次审议项目",
    ]


def test_a_paragraph_breaking_down_a_thing_names_it_for_its_counts() -> None:
    # 从建议内容看: the counts of the paragraph are of suggestions, in its later sentences too; a frame
    # of an act (从提出的领域看) names nothing, and the class of a result stays as it was.
    out = map_metrics(
        figs(
            "从建议内容看，涉及经济发展方面的86件；涉及社会事业方面的120件。",
            "从提出的领域看，涉及教育的30件。",
        ),
        load_taxonomy(),
    )
    assert out["measure"].to_list() == ["涉及经济发展方面的建议", "涉及社会事业方面的建议", "涉及教育的"]
    assert out["metric"].to_list()[:2] == ["deputy_suggestions", "deputy_suggestions"]


def test_town_and_country_written_out_go_one_to_each_figure() -> None:
    out = figs("城镇和农村常住居民人均可支配收入分别达到45620元和23150元，分别增长5.1%和7.2%。")
    assert out["measure"].to_list() == [
        "城镇常住居民人均可支配收入",
        "农村常住居民人均可支配收入",
        "城镇常住居民人均可支配收入增长",
        "农村常住居民人均可支配收入增长",
    ]


def test_who_benefits_is_an_act_of_its_own_in_a_list() -> None:
    # 惠及 acts: the households are those benefiting, not households renovated.
    assert figs("改造老旧小区36个、惠及居民1.2万户。")["measure"].to_list() == ["改造老旧小区", "惠及居民"]


def test_a_verb_before_money_is_inside_a_noun() -> None:
    # 单处罚金 is a fine imposed alone, not 处罚 acting on 金; 保证金 is a deposit.
    assert figs("判处缓刑、管制、单处罚金 512 人，收取保证金 20 万元。")["measure"].to_list() == [
        "判处缓刑、管制、单处罚金",
        "收取保证金",
    ]


def test_what_was_done_with_some_of_the_things_counted_names_them() -> None:
    # 将其中2件列入大会议程: two of the bills were put on the agenda; an increase over the last
    # congress's first session is an increase of what the clause before counted.
    out = map_metrics(
        figs(
            "大会共收到代表议案 12 件，经主席团审议，决定将其中 2 件列入大会议程。",
            "代表们提出建议 186 件，比上届首次会议增加 23 件。",
        ),
        load_taxonomy(),
    )
    assert out.select("measure", "metric").rows() == [
        ("收到代表议案", "deputy_bills"),
        ("列入大会议程的代表议案", "deputy_bills"),
        ("提出建议", "deputy_suggestions"),
        ("提出建议比上届首次会议增加", "deputy_suggestions"),
    ]
