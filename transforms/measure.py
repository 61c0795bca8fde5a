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

from transforms.lanes import in_lane
from transforms.normalize import ENUM_1, ENUM_2, ENUM_3_MARK
from transforms.scope import CONGRESS_TERM

DELIMS = "，。；：！？,;:!?…"
MIN_VERB_FREQ = 500  # rare "verbs" in jieba's dictionary are mostly noise
# Verbs of building that jieba's dictionary tags otherwise (新建 as a place name, 改扩建 as an
# abbreviation): 新建改扩建中小学27所 is building schools, not 扩建 alone.
BUILD_VERBS = ("新建", "改扩建", "新改扩建", "新改建", "新开工", "续建")
# Verbs of these reports that jieba's dictionary tags as verbal nouns (vn), like 建设 and 发展, which
# they mostly write as nouns (检查6件法律实施情况, 监督检查执法司法活动450余次), or as rare verbs (废止,
# 整改, 补选, 审结, 执结, 初审) or otherwise (清理 as an adjective, 办理 as a noun).
REPORT_VERBS = (
    "检查",
    "监督",
    "审查",
    "备案审查",
    "调研",
    "评估",
    "培育",
    "废止",
    "检视",
    "整改",
    "补选",
    "清理",
    "办理",
    "审结",
    "执结",
    "审执结",
    "审（执）结",
    "排查",
    "初审",
    "抽查",
    "抽检",
    "核查",
    "督查",
    "巡查",
    "约谈",
    "立案",
    "宣讲",
    "暗访",
    "办结",
    "办复",
    "交办",
    "转交办",
    "转办",
    "回复",
    "惠及",
    "受益",
    "吸纳",
    "招引",
    "投产",
    "选举产生",
)
# Words jieba's dictionary tags as verbs that these reports write as nouns (中央预算内投资, 预算执行;
# 判处有期徒刑至死刑的罪犯).
NOT_VERBS = ("预算", "死刑", "收入", "支出", "驾驶")
# 通过 is a preposition in jieba's dictionary; after 审议 or 表决 it is the passing of a bill, and
# 审议通过12项议题 counts bills passed, not 议题 alone.
PASSING_VERBS = ("审议通过", "表决通过")
# 1.确保… and 2、预计…: an item's number (not 2.5万亩: a digit follows the point there).
ENUM_3_AT = ENUM_3_MARK + r"([^\d])"
# When and how many together the things counted act, after them (代表联络站全年接待群众, 企业当年新增
# 就业, 代表联络站共接待选民).
WHEN_ACTING = "全年|每年|年均|每月|当年|今年|去年|同期|共计|共|累计|合计"
# Words that open a clause without naming anything (adverbs, time words, totals).
LEAD_WORDS = (
    r"^(?:其中|此外|另外|同时|并且|并|还|又|加上|共计|共有|总共|共|累计|总计|合计|全年|本年度|一年来|今年以来|今年|去年|"
    r"过去一年|五年来|近年来|近几年来|目前|现已|已经|已|先后|分别|仅|另|此后|截至目前|均|都|依次|包括|"
    # The items of a list (一是…，二是…).
    r"[一二三四五六七八九十]是|"
    rf"{CONGRESS_TERM}|"
    # An aim or a forecast (力争全县生产总值增长6%左右): what is aimed at is measured.
    r"力争|确保|预计|预期|"
    r"(?:19|20)[0-9x]{2}年度?|[上下]半年|年[末底初]|[前第]?[一二三四1-4两]季度|"
    # Who acted, then a total (常委会共办理, 全市累计完成, 市政府共计): the actor is no part of what
    # is counted (改扩建学校共新增学位 keeps its subject: a school is not an actor).
    r"[^，。；]{0,10}?[会府院市省区县州局厅委](?:共计|累计|共有|共|拟安排|拟)|"
    # Months and spans of months (5月份, 1至11月, 1—11月): when, not what.
    r"[0-9一二三四五六七八九十]{1,3}(?:(?:至|到|—|-|－)[0-9一二三四五六七八九十]{1,3})?月份?|"
    # 连续9年稳定在1300亿斤以上: how long, not what (the figure before it names what).
    r"连续[0-9一二三四五六七八九十两]{1,3}年)+"
)
# Verbs of a rate of change: the clause they end names what changes (研发经费投入增长8.1%).
CHANGE = r"(?:增长|下降|上涨|下跌|提高|提升|降低|增加|减少|上升|回落|回升|扩大|缩小|净增加|净减少|净增|净减)"
# Words between a measure and its number (满意度达到98%, 规范性文件共300件, 赤字率拟按3%,
# 高校毕业生预计达到1179万人: a forecast or aim is not part of what is counted, nor is a yearly average
# (新增就业年均1270万人); 涨幅控制在3%左右,
# 城镇化率提高到66%, 恩格尔系数降至28.5%: the level reached is measured by what reaches it).
TRAIL_WORDS = (
    r"(?:预计|预期|力争|有望|年均|平均|其中|共计|共有|总共|共|累计|总计|合计|分别为|分别达到|分别达|分别|达到|达|为|有|计|的占|占|是|约|近|拟安排|"
    # (A bound, 单次最多12人, 利率最高3.5%: how far it goes, not what.)
    r"最多|最少|最高|最低|"
    rf"拟按照|拟按|按照|按|(?:控制|稳定|保持|维持)?在|"
    # (With the year of the level reached: 增加到2023年的14200元; not 恢复到2019年的98%, a share of it.)
    rf"(?:{CHANGE}|[降增升])[到至](?:(?:19|20)[0-9x]{{2}}年[底末初]?的)?|"
    # 连续三年保持在80万人以上: how long it has held, not what; 是2012年的1.8倍: what it is a multiple of.
    r"连续[0-9一二三四五六七八九十两]{1,3}年|是[^是]{1,12}的|"
    # 补助标准提高到每人每年640元: per whom and how often is the unit's, not what is measured.
    r"每[人户年月亩]|"
    # 森林覆盖率由2020年的62.1%提高到63.2%: from a level, to the next.
    # (从 as 由: 经济总量从3.6万亿元增加到4.8万亿元.)
    r"[由从](?:(?:19|20)[0-9x]{2}年[底末初]?)?的?)+$"
)
# 均 ("all") ending a clause before its number (办结率、满意率均为100%); 人均, 年均, 亩均 and the like
# are averages ("per person") and stay.
ALL_END = r"([^人平年户亩日月周])均$"
# The number is what a preposition takes (赤字率拟按3%安排): the verb after it is not the measure.
PREP_END = r"(?:按照|按)$"
# Nouns a quantity ends with: rates (覆盖率, 满意度), then amounts (发电量, 销售额, 增加值).
RATE_NOUNS = "率度"
QUANTITY_NOUNS = RATE_NOUNS + "量额值"
# 到 or 至 after a quantity (提高森林覆盖率到25%): the level it reaches. Not after a verb other than a
# change (above): 收到, 得到 and 做到 are verbs of their own.
LEVEL_END = rf"([{QUANTITY_NOUNS}])[到至]$"
# A subject, then the verb that states its amount (一般公共预算收入完成1040亿元, 零售总额突破5600亿元,
# 地区生产总值实现1.35万亿元, 生产总值迈上6万亿元台阶): the subject is what is counted. Alone or after 已
# (任务已完成12个) the verb stays: the count is of what was done.
AMOUNT_VERB_END = r"([^已])(?:分别|均|预计|预期)?(?:完成|突破|实现|迈上|跨上|跃上|站上)$"
# "And so on" closing a list before its count (法律案、决定案等28件) names nothing in the measure
# (平等, 中等 do).
ETC_END = r"([^平中同高初对相均])等$"
# ... nor a conjunction the next count cut it at (任免xxx人次国家机关工作人员和xx名…), not 参与's 与.
CONJ_END = r"([^参给赋授])(?:以及|和|及|与|或)$"
# A clause that ends in a quantity (研发经费投入强度, 税收收入占比, 政府投入学位建设资金) is one noun
# phrase: a verb inside it (投入) modifies, it does not take an object. (制度 is no quantity.)
QUANTITY = r"(?:[率量额值数比]|[^制]度|比重|比例|收入|支出|资金|规模|水平|增速|[增涨降]幅)"
QUANTITY_END = rf"{QUANTITY}$"
# A quantity, then 安排 (一般公共预算支出安排28.6亿元): the amount budgeted is the quantity's.
ARRANGED_END = rf"({QUANTITY})安排$"
# A change with no subject of its own (…126万亿元，增长5.2%; 比上年下降0.4个百分点) is about the
# figure before it in the sentence.
COMPARISON = (
    r"(?:[比较](?:上年|去年|上一?届(?:首次|第?[一二三四五六七八九十]次)?(?:会议)?|上一?次会议|(?:19|20)[0-9x]{2}年)(?:同期|年初|年末|[末底])?(?:预算)?|[比较](?:年初|年末)(?:预算)?"
    r"|同比|实际|名义|平均|年均|分别|同口径|可比口径|按可比价格?计算)"
)
BARE_CHANGE = rf"^{COMPARISON}*{CHANGE}$"
# A class of things, by letter or number (A类, 二类, 丙类).
CLASS_END = r"[A-Za-z甲乙丙丁一二三四五]类$"
# Verbs that name a person with 人 (负责人, 申请人, 当事人, 带头人): the person is a noun, and ends
# the noun after a count (6位政府部门负责人到会应询).
AGENT_VERBS = "负责|申请|联系|带头|当事|监护|主持|代理|承办|发起|执行"
# What befell what is counted, after the count (其中126条被采纳, 其中x件已得到解决).
ALREADY = "(?:已经|已全部|均已|已|均|全部)"
PASSIVE_AFTER = rf"^{ALREADY}?((?:被|得到)[^，。；的、]{{1,6}})$"
# ... or what was done with them, said after the count (其中xx条已办结 → 办结的意见建议).
DONE_AFTER = rf"^{ALREADY}(?:办结|办复|答复|采纳|解决|落实)$"
# Bodies that act on what is counted, after 由 (由专门委员会牵头起草的).
AGENT_BODIES = "委员会|委会|机构|部门|机关|单位|政府|法院|检察院"
# "Respectively": the changes that follow go one to each of the figures before them.
EACH = "分别"
# So is a share of a plan or a whole (收入3052.6亿元，为预算的102.3%; 老年人口2.97亿人，占总人口的21.1%;
# xx件，占比41%; 新增就业4.2万人，完成年度目标的116%), and a total (新增企业186家，总数达到1024家).
TOTAL = "总数|总量"
# (游客4.6亿人次，恢复到2019年的98%; 相当于全国平均水平的1.2倍: a share of a level is one too.)
SHARE_OF_LEVEL = r"(?:恢复|回升|相当)[到至于]?[^，。；]{1,10}的"
BARE_SHARE = rf"^(?:为[^为占]{{1,8}}的|占[^为占]{{1,8}}的?|完成[^，。；]{{1,8}}的|{SHARE_OF_LEVEL}|{TOTAL})$"
# (A total is of all there are, not only of those added: 新增 goes.)
TOTAL_OF_NEW = rf"^(?:{TOTAL})$"
# ... and so is a gap to a reference (失业率5.1%，低于预期目标0.4个百分点; 投资增长9.9%，快于全部投资6.9个
# 百分点; 比全国平均水平高0.7个百分点).
GAP = r"(?:(?:低于|高于|快于|慢于|好于)[^，。；]{1,12}|[比较][^，。；]{1,12}[高低快慢多少])"
BARE_GAP = rf"^{GAP}$"
# A quantity stated with its gap (农村居民人均可支配收入增速快于城镇居民1.8个百分点) is measured whole, as
# is a subject with the level it is a share of (居民消费恢复到2019年的95%).
WHOLE_CLAUSE = rf"{QUANTITY}{GAP}$|^[^，。；]+{SHARE_OF_LEVEL}$"
# 对 as a preposition (人大常委会对…进行检查), not inside a noun (对策, 对口, 对象).
PREPOSITION_DUI = "对[^策口象接话外比照应手]"
# Words that end the noun after a count (xx件已办结, 126条被采纳); 被 that opens a noun (被任命人员, 被告人,
# 被执行人, 被征地农民) does not.
POST_STOP = (
    r"(?:已|均|都|全部|逐一|逐件|进行|得到|交由|分别|予以|被[^任告执监征帮害保救]|将|并|占|的占|为|是|达|正在|尚未|仍在"
    # (就 as a preposition, 14名委员就有关问题提出询问; not 就业, 就近, 就地, 就医, 就读, 就诊.)
    r"|就[^业近地医读诊]"
    rf"|{PREPOSITION_DUI})"
)
# An actor, then 共 or 累计 and what it did (检查组共抽查企业, 纪检监察机关共立案): not 公共, 总共, 一共, nor
# 共同, 共建, 共享 …, 共青团, 共产党, 共和国, or 共有 (a stock, not an act).
ACTOR_TOTAL = r"^\p{Han}{1,11}?[^公总一](?:共计|共|累计)([^同建享治用识赢商有计青产和])"
# A noun phrase after 对, with no verb in its clause: what an act after the count is done to
# (对报送备案的规范性文件856件逐件审查), which is what is counted.
DONE_TO = rf"^对({PREPOSITION_DUI.removeprefix('对')})"
# Prepositions that open what an act is about (围绕乡村振兴开展调研, 聚焦生态保护开展执法检查).
PP_OPEN = "(?:围绕|聚焦|针对|紧扣|紧盯|立足|结合|就)"
# Where or how an act was done (实地检查, 现场检查, 集中视察): part of the act, unlike when or in
# what order (先后接待).
MANNER = r"(?:实地|现场|集中)"
NEGATION = "不|未|没有"
ADVERBS = (
    rf"(?:{MANNER}|顺利|庄严|积极|充分|认真|全面|深入|共同|先后|相继|主动|广泛|首次|全覆盖|"
    r"在|赴|向|从|于|获)"
)
NOMINAL_VERBS = (
    r"询问|调研|检查|视察|测评|评议|督查|审查|监督|交流|培训|学习|座谈|论证|评估|考察|督办|质询|宣誓|决定"
    r"|立案|函询"
)
# A paragraph's frame: which aspect of a thing it breaks down (从建议内容看, 从议案的领域来看).
FRAME = r"^从([^，,。；]{2,10}?)的?(?:内容|领域|类别|类型|性质|来源|分布|构成|结构)上?来?看[，,]"
FRAME_NOT_THINGS = "办理|处理|答复|解决|落实|审议|督办|提出"
# Among what the counted are (审议的法律案中，…): the noun before 中 and a comma.
AMONG = r"的([^，。；的]{1,8})中[，,]"
# A preposition right before the number: the counted are what the act after them is done to.
PREPOSITION = "(?:对|就|围绕|针对)"
PREP_BEFORE = rf"{PREPOSITION}$|^{PREPOSITION}[^，。；]{{1,30}}等$"
# Verbs that take suggestions and opinions as their object (提出意见), unlike those that make a noun
# of them (整改建议, 审议意见).
OPINION_VERBS = r"(?:提出|征求|听取|收集|反馈|交办|转交|办理|梳理|汇总|吸收|采纳)"
VOTE = "(?:赞成|反对|弃权)"
# A quote mark whose other half the phrase cut off (建成“家站点”1200个 → 家站点”).
LONE_QUOTE = "“([^”]*)$|^([^“]*)”"
# A count per head of a population (每千人口拥有执业医师3.2人, 全省每千名老年人拥有养老床位31.5张): the
# whole clause is the measure.
PER_HEAD = r"^[^，。；]{0,6}?每[十百千万]+[^，。；]{0,6}?拥有"
WHOLE = f"{PER_HEAD}|{WHOLE_CLAUSE}"
# People who act: who they are, then what they did (人大代表列席常委会会议, 议员来华参访).
PERSON_UNITS = ("名", "位", "人")
PEOPLE = "代表|委员|人员|干部|群众"
JOINING = "参加|参与|列席|出席|旁听|走进|深入"
# What people counted do, after them: joining in, going, or acting (提出建议, 开展视察); not 参与其中,
# which names nothing.
PERSON_VERBS = rf"{JOINING}|到|赴|来华|接受|开展|进行|视察|调研|考察|提出|提交"
PERSON_ACTING = (
    rf"^(.{{0,20}}?(?:{PEOPLE}|议员|官员|专家|学者|工作者|志愿者))((?:{PERSON_VERBS})[^的]+[^中的、])$"
)
PIVOT_VERBS = r"(?:邀请|组织|带领|带动|动员|安排|支持|鼓励|引导|吸引)$"
# 实现交办率、答复率100%: a rate reached or kept is measured by the rate, not by the reaching.
LIGHT_VERB = r"(?:实现|保持|达到)"
RATE_AFTER_LIGHT_VERB = rf"^{LIGHT_VERB}(.+[{RATE_NOUNS}])$"
# Words that join two phrases: between verbs (制定、修改), and never the end of a noun phrase.
CONJUNCTION = r"(?:以及|或|和|及|与|并|、)"
LIST_JOIN = "(?:以及|和|及|与)"  # the conjunctions that join the items of a list
CONJ = rf"{CONJUNCTION}?"
SPACES = r"[ \u3000*]"
PARENTHESIS = r"[（(][^（()）]{0,12}[）)]"
# ... but one after a count that holds a number breaks the count down (建议320件（含闭会期间建议20件）):
# it is no part of what is counted.
NOTE_PARENTHESIS = r"[（(][^（()）0-9xX]{0,12}[）)]"
# Before a number, a verb followed by one of these (or by 条例) is inside a noun (覆盖率, 增加值,
# 销售额, 联系点, 培训班, 开发区, 自治州, 自治条例, 办结时效), not the verb that takes the counted object.
# Fewer than NOUN_SUFFIX: 制定法律, 召开会议 and 审议报告 are verbs with their objects. (批评 after
# 建议 is part of 建议、批评和意见.)
# (性: 保障性住房, 指导性意见; 类: 社会保障类; 社: 示范社.)
VERB_NOUN_SUFFIX = QUANTITY_NOUNS + "班站点室者费区县州性类社金"
# ... and so is one followed by these nouns (决定草案, 监督项目, 调研报告, 管理办法), or by 等 or 、,
# which make it an item of a list of nouns (计划、预算、审计等报告; 红色遗迹保护、未成年人保护等方面问题).
# (案 alone: 决定案, 修正案; not 案件 or 案例, which a verb takes: 受理案件.)
VERB_NOUN_END = (
    "条例|面积|人员|草案|项目|报告|成果|办法|设施|中心|领域|能力|培训班|时效|时限|周期|等|、"
    r"|案(?:[^件例情由卷\x01\x02]|$)"
)
# A verb followed by one of these is inside a noun (学习班, 座谈会, 调研报告), not a predicate.
NOUN_SUFFIX = (
    "班会组站点室日费制法率度量性者员团队处局所院厅部委办栏网台证书稿单表册号类型式案题项地场馆园区报"
)


@functools.lru_cache(maxsize=1)
def _verbs() -> tuple[str, ...]:
    """Common verbs of two to four characters from jieba's dictionary, longest first."""
    import jieba

    path = Path(jieba.__file__).resolve().parent / "dict.txt"
    verbs = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            word, freq, tag = line.split()
            if tag == "v" and 2 <= len(word) <= 4 and int(freq) >= MIN_VERB_FREQ:
                verbs.append(word)
    verbs = [v for v in verbs if v not in NOT_VERBS]
    verbs += [v for v in BUILD_VERBS + PASSING_VERBS + REPORT_VERBS if v not in verbs]
    verbs.sort(key=len, reverse=True)
    return tuple(verbs)


@functools.lru_cache(maxsize=1)
def verb_alternation() -> str:
    """The verbs as one regex alternation, longest first."""
    return "(?:" + "|".join(re.escape(v) for v in _verbs()) + ")"


def _verb_columns(clause: pl.Series, after: pl.Series) -> pl.DataFrame:
    """The columns that need the verb alternation, from the clause before a figure and the text after it.

    Those regexes take milliseconds each to compile; polars keeps them compiled on the thread that
    runs them, which in a worker is the extraction stage's own (flows/batch.py)."""
    verb = verb_alternation()
    # The noun phrase after the unit ends where a verb or a predicate word starts (the verb
    # alternation written once: a predicate starts at the same places).
    # (组成人员, 工作人员, 整改建议, 审议意见: 人员, 建议 and 意见 after a verb end a noun too, where 人
    # alone does not, except after the verbs that take them (围绕8个方面提出意见); nor is a verb one
    # that ends in their first character: 整改建议 is no 改建. A person named by what they do,
    # 负责人, 申请人, ends the noun: its 人 is marked \x03 while the predicate is sought.)
    predicate = (
        rf"(?:{verb}(?:[^{NOUN_SUFFIX}人建意议见\x03]|人[^员]|建[^议]|意[^见]|[人建意]?$)|{OPINION_VERBS}(?:建议|意见)"
        rf"|{POST_STOP}|{ADVERBS})"
    )
    # (Capture groups are written as whole matches, group 0: the regex engine then needs no capture
    # pass.) The object starts at the last verb with a character after it, the verbs read left to
    # right, each the longest at its place (新增|高标准农田, not 新|增高|标准农田): a mark goes before
    # each verb of the clause less its last character, and the text after the last mark starts
    # there. A verb that a suffix makes a noun (覆盖率, 增加值, 联系点) is no verb: its mark goes (the
    # verb's end is marked too, and the clause's last character put back, to see what follows it).
    # A clause with a line break has no object.
    marked = pl.select(
        pl.concat_str(clause.str.head(-1).str.replace_all(verb, "\x01${0}\x02"), clause.str.tail(1))
        # (One pass for both: each pass over the column costs about as much as the other.)
        .str.replace_all(
            # (与法律相抵触的文件: a verb after 相 and before 的 is inside what the main verb acts on;
            # 步道建设和改造任务: one joined to a word that is no verb is a noun like it.)
            f"\x01([^\x01\x02]*)\x02([{VERB_NOUN_SUFFIX}]|{VERB_NOUN_END})|(建议、?)\x01(批评)\x02(和)"
            "|(相)\x01([^\x01\x02]*)\x02(的)|([^\x02][和及与])\x01([^\x01\x02]*)\x02",
            "${1}${2}${3}${4}${5}${6}${7}${8}${9}${10}",
        )
        .str.replace_all("\x02", "", literal=True)
        .str.head(-1)
    ).to_series()
    tail = marked.str.extract("\x01[^\x01]*$", 0)
    ostart = pl.select(
        pl.when(clause.str.contains("\n", literal=True))
        .then(None)
        .otherwise(clause.str.len_chars().cast(pl.Int64) - tail.str.len_chars().cast(pl.Int64))
    ).to_series()
    # A verb inside a title (审议《…办法（修订草案）》等法规案) or a quoted name (开展“代表接待日”活动)
    # does not start the object: the title or the name does.
    ostart = pl.select(
        pl.when(clause.str.slice(ostart).str.contains("^[^《“]*[》”]"))
        .then(clause.str.head(ostart).str.replace("[《“][^《“]*$", "").str.len_chars().cast(pl.Int64))
        .otherwise(ostart)
    ).to_series()
    # How the act was done is part of it (现场检查重大项目).
    # So is its negation (不批准逮捕597人 counts those not arrested).
    manner = clause.str.head(ostart).str.extract(f"(?:{NEGATION})?{MANNER}?$", 0).str.len_chars().fill_null(0)
    ostart = pl.select(ostart - manner.cast(pl.Int64)).to_series()
    head = clause.str.head(ostart.fill_null(clause.str.len_chars().cast(pl.Int64)))
    chain = head.str.extract(rf"(?:{verb}{CONJ})+$", 0).fill_null("")
    return pl.DataFrame(
        {
            # (xxx个代表联络站全年接待群众: when they act is no part of what is counted.)
            "_noun": after.str.replace(f"({AGENT_VERBS})人.*$", "${1}\x03")
            .str.replace(rf"{predicate}.*$", "")
            .str.replace(f"(?:{WHEN_ACTING})+$", "")
            .str.replace("\x03", "人", literal=True),
            "_ostart": ostart,
            "_verbs": clause.str.extract(rf"(?:{NEGATION})?{MANNER}?(?:{verb}{CONJ})+$", 0).fill_null(""),
            # 三次召开东北振兴座谈会, 1.78亿人次参加答题: the number is the adverb or subject of a verb.
            "_verb_after": after.str.extract(rf"^{verb}.*$", 0)
            .str.replace(rf"(?:{POST_STOP}|并).*$", "")
            # 作出3项决定和2项决议: the next count cut the act at its conjunction (not 参与's 与).
            .str.replace("(?:以及|和|及|或|、)$", ""),
            # (围绕乡村振兴开展专题调研: the verb ending what a preposition governs, 振兴, is no head verb.)
            "_head_verbs": pl.select(
                pl.when(
                    (chain != "")
                    & head.str.head(-chain.str.len_chars().cast(pl.Int64)).str.contains(
                        rf"{PP_OPEN}[^，、；]{{1,10}}$"
                    )
                )
                .then(chain.str.replace(rf"^{verb}{CONJ}", ""))
                .otherwise(chain)
            ).to_series(),
        }
    )


def _within_sentence(value: pl.Expr, default: pl.Expr) -> pl.Expr:
    """`value` of the previous row when it belongs to the same sentence (rows sorted by _sent)."""
    same = pl.col("_sent") == pl.col("_sent").shift(1)
    return pl.when(same).then(value.shift(1)).otherwise(default)


def with_measure(matches: pl.DataFrame) -> pl.DataFrame:
    """Add `measure` to a frame of matches sorted by (_sent, start) with columns text, start, end
    (char offsets of the match in its sentence), unit_raw and unit_kind. Built in stages so no
    sub-expression runs twice.

    Rows are sorted, so "the previous figure of the sentence" is a shift, never a group-by. Each step
    runs on a lane of its own (transforms/lanes.py): between them they use some 100 regexes, a lane
    keeps 32 compiled."""
    df = in_lane("measure:clauses", _clauses, matches)
    df = df.hstack(in_lane("measure:verbs", _verb_columns, df.get_column("_clause"), df.get_column("_after")))
    df = in_lane("measure:choose", _choose, df)
    df = in_lane("measure:refine", _refine, df)
    df = in_lane("measure:subjects", _subjects, df)
    df = in_lane("measure:lists", _lists, df)
    return in_lane("measure:settle", _settle, df).drop(
        "_clause",
        "_after",
        "_noun",
        "_ostart",
        "_object",
        "_verbs",
        "_verb_after",
        "_acts",
        "_act",
        "_fare",
        "_next_count",
        "_head_verbs",
        "_bare",
        "_share",
        "_subject",
        "_subject_sent",
        "_subject_para",
        "_opens",
        "_each",
        "_thing",
        "_earlier",
        "_earlier_unit",
        "_earlier_like",
        "_framed",
    )


def _clauses(matches: pl.DataFrame) -> pl.DataFrame:
    """The clause before each figure and the text after it, cleaned of what names nothing."""
    c = pl.col
    prev_end = _within_sentence(c("end"), pl.lit(0))

    def clause(back: int) -> pl.Expr:
        """The clause before the figure, within `back` characters and after the previous figure."""
        start = pl.max_horizontal(prev_end, c("start") - back, pl.lit(0))
        return (
            # (\x04 marks the previous figure's end: a conjunction right after it joins the next
            # item of a list, 议案8件和建议536件, and is no part of the item.)
            pl.when(start == _within_sentence(c("end"), pl.lit(-1)))
            .then(pl.lit("\x04"))
            .otherwise(pl.lit(""))
            .add(c("text").str.slice(start, c("start") - start))
            .str.extract(rf"[^{DELIMS}]*$", 0)
            .str.replace_all(SPACES, "")
            .str.replace(f"^\x04(?:{SPACES}*{LIST_JOIN})?", "")
            # 六、确保代表建议办结率达到100%: the item's number opening the clause names nothing.
            .str.replace(f"{ENUM_1}|{ENUM_2}|{ENUM_3_AT}", "${1}")
            # A long parenthesis explains (A类（所提问题已经解决或基本解决）412件): it names nothing.
            .str.replace_all(r"[（(][^（()）]{13,}[）)]", "")
            # So does one of a few words right before the count (b类（列入计划逐步解决）xx件).
            .str.replace(r"[（(][^（()）]{4,12}[）)]$", "")
            .str.strip_chars_start("、（）()“”")
            # (A closing parenthesis stays when its opening one is in the clause: 联络站（点）326个.)
            .str.strip_chars_end("、（(“”")
            .str.replace(r"^([^（(]*)[）)]+$", "${1}")
            # 审议了两件法规: the aspect particle after a verb is no part of what is counted.
            .str.replace("([^为除])了$", "${1}")
            .fill_null("")
        )

    df = matches.with_columns(
        _clause=clause(40),
        # (A parenthesis is read whole: 8个省（区、市）.)
        _after=c("text")
        .str.slice(c("end"), 24)
        .str.extract(rf"^(?:[^{DELIMS}、0-9xX（(]|{NOTE_PARENTHESIS})*", 0)
        # 4500元/月, 200元/人·月: the rate's denominator is no part of what is counted.
        .str.replace(r"^[/／]\p{Han}{1,3}(?:·\p{Han}{1,2})?", "")
        .fill_null(""),
    )
    df = df.with_columns(
        # Whether the text after the figure runs into another number (针对x类问题制定xx项措施).
        _next_count=c("text").str.slice(c("end") + c("_after").str.len_chars(), 1).str.contains("^[0-9xX]"),
        # 96.4亿元等: "and so on" closes a list of amounts, it names nothing; nor does the milestone an
        # amount passes (迈上6万亿元台阶, 突破1000亿元大关), nor the currency (1.2万亿元人民币), nor the
        # target a level is held within (价格上涨0.3%，控制在3%左右的预期目标以内).
        _after=c("_after")
        .str.replace_all(SPACES, "")
        .str.replace("^(?:等|新?台阶|大关|关口|人民币|的(?:预期)?目标(?:以内|之内|范围内)?)$", "")
        # 收到代表议案8件和建议536件: a conjunction after the count starts the next item, not its noun
        # (及时, 和谐 are words of their own).
        .str.replace(f"^(?:{LIST_JOIN}|或)(?:[^时谐解睦].*)?$", ""),
    )
    # Forty characters can end inside a title (…办法（修订草案）》等法规案8件): that clause is read from
    # further back, so the title is whole.
    cut = df.get_column("_clause").str.contains("^[^《]*》")
    if cut.any():
        rows = cut.arg_true()
        df = df.with_columns(df.get_column("_clause").scatter(rows, df[rows].select(clause(160)).to_series()))
    df = df.with_columns(
        # One pass strips both ends (the lead is anchored at the start, the trail at the end); a
        # second the 均 it leaves before the number (满意率均为), or the 到 of a level reached.
        _clause=c("_clause")
        .str.replace_all(f"{LEAD_WORDS}|{TRAIL_WORDS}", "")
        .str.replace(f"{ALL_END}|{LEVEL_END}|{AMOUNT_VERB_END}|{ARRANGED_END}", "${1}${2}${3}${4}")
        # 纪检监察机关共立案1256件: who acted, before 共, is not what is counted.
        .str.replace(ACTOR_TOTAL, "${1}"),
        _prep=c("_clause").str.contains(PREP_END),
        _each=c("_clause").str.contains(EACH),
    )
    return df


def _choose(df: pl.DataFrame) -> pl.DataFrame:
    """The measure each figure's clause, verbs and the text after it give."""
    c = pl.col
    # A predicate follows the count when the cut above shortened the text after it (a predicate
    # match is never empty, and a sentence holds no line break to stop `.*`): no second pass.
    how_they_fare = r"^的?(?:实施|执行|落实|贯彻|办理|整改)情况"
    df = df.with_columns(
        _acts=c("_noun").str.len_bytes() < c("_after").str.len_bytes(),
        # 对6部法律法规实施情况开展执法检查: how the counted fare (实施情况) is no part of the act.
        _act=c("_after")
        .str.slice(c("_noun").str.len_chars())
        .str.replace(rf"(?:{how_they_fare})?(?:进行)?了?", ""),
        # ... but it is what an act before the count looks into (检查6部法律实施情况).
        _fare=c("_after").str.slice(c("_noun").str.len_chars()).str.extract(how_they_fare, 0).fill_null(""),
    )
    df = df.with_columns(
        # ... unless the verb ending the clause is a nominalised one (专题询问, 代表视察).
        _noun=pl.when(
            c("_after").str.slice(c("_noun").str.len_chars()).str.contains(rf"^(?:{NOMINAL_VERBS})$")
        )
        .then(c("_after"))
        .otherwise(c("_noun"))
        # A count + classifier + A的B counts A (2000多名人大代表的智慧: the deputies); a share right
        # before 的 is of what follows (95%以上的建议得到解决: the suggestions).
        .str.replace("(.)的.+$", "${1}")
        # 增速在10%-20%之间: the span is no noun; 现行18个税种中: nor where among them (高中 is a school;
        # 任务中的40项: before 的).
        .str.replace("^(?:之间|之内)|([^高初集])[中内]的?$", "${1}")
        .str.strip_chars("、“”的")
        # A parenthesis opening the noun (12件（次）) is about the unit: it goes, as do stray marks.
        .str.replace(rf"^{PARENTHESIS}|^[）)]+|[（(]$", "")
        # 接待30个国家和3个…组织: the next count cut the phrase at its conjunction.
        .str.replace(rf"{CONJUNCTION}$", ""),
        _object=pl.when(c("_ostart").is_not_null()).then(c("_clause").str.slice(c("_ostart"))),
    )
    # 邀请740多人次代表参加执法检查: after a pivot verb the count's subject acts, and the act is the measure.
    pivot = c("_verbs").str.contains(PIVOT_VERBS) & c("_acts")
    noun = c("_noun")
    act = c("_act").str.replace(rf"(?:{POST_STOP}).*$", "")
    until_stop = c("_after").str.replace(rf"(?:{POST_STOP}).*$", "")  # the text after, to its predicate
    # What comes before the verbs that start the object: a subject, when a noun phrase.
    subject = c("_clause").str.head(
        c("_ostart").fill_null(0) - c("_head_verbs").str.len_chars().cast(pl.Int64)
    )
    measure = (
        pl.when(c("_clause").str.contains(WHOLE))
        .then(c("_clause"))
        # 提出3个方面的改进意见: what is counted is aspects, of the suggestions.
        .when(c("_after").str.starts_with("方面的") & (c("_after").str.len_chars() > 3))
        .then(c("_verbs") + until_stop.str.slice(3) + "的方面")
        .when((noun != "") & pivot)
        .then(until_stop)
        # 对12部法律开展执法检查, 围绕8个方面提出意见: the count is of what the act is done to.
        .when(
            (noun != "")
            & c("_acts")
            & c("_clause").str.contains(PREP_BEFORE)
            & (act != "")
            & ~c("_next_count")
        )
        .then(act + "的" + noun)
        .when(noun != "")
        .then(
            pl.when((c("_fare") != "") & (c("_verbs") != ""))
            .then(c("_verbs") + c("_after").str.extract("^.*?情况", 0))
            .when(noun.str.len_chars() <= 2)
            .then(c("_verbs") + noun)
            .otherwise(noun)
        )
        .when(
            (c("_verb_after").str.len_chars() >= 2)
            & ~c("_prep")
            & ~c("_verb_after").str.contains(f"^(?:{CHANGE}|[降增升])[到至]$")
        )
        .then(c("_verb_after"))
        .when(c("_clause").str.contains(f"{CHANGE}$"))
        .then(c("_clause"))
        .when(
            c("_object").is_not_null()
            & (subject.str.len_chars() > 0)
            & c("_clause").str.contains(QUANTITY_END)
            & ~(c("_head_verbs") + c("_object")).str.contains(f"^{LIGHT_VERB}")
            & ~subject.str.contains(f"{ADVERBS}$")
        )
        .then(c("_clause"))
        # (城镇新增就业, 农村劳动力转移就业: town or country before the verb says which statistic,
        # not who acts.)
        .when(
            c("_object").is_not_null() & subject.str.contains(f"^(?:{TOWN_OR_COUNTRY})(?:劳动力|居民|人口)?$")
        )
        .then(c("_clause"))
        .when(c("_object").is_not_null())
        .then(c("_head_verbs") + c("_object"))
        .otherwise(c("_clause").str.replace(DONE_TO, "${1}"))
    )
    return df.with_columns(measure=measure)


def _refine(df: pl.DataFrame) -> pl.DataFrame:
    """Measures that name nothing, and those of the things counted before them."""
    c = pl.col
    # The thing a count before it counted in the same unit: in its sentence, or else its paragraph.
    earlier_alike = pl.coalesce(
        pl.when(c("unit_raw") == c("_earlier_unit")).then(c("_earlier")), c("_earlier_like")
    )
    befell = pl.coalesce(
        pl.when(c("measure").is_null()).then(
            c("_after").str.extract(f"{PASSIVE_AFTER}|{DONE_AFTER}", 0).str.replace(f"^{ALREADY}", "")
        ),
        c("_clause").str.extract(PASSIVE_AFTER, 1),
    )
    things = pl.coalesce(earlier_alike, c("_earlier"))
    df = (
        df
        # 分别增长4.8%和7.1%: a conjunction alone names nothing; the figure before it is carried below.
        .with_columns(
            measure=pl.when((c("measure") == "") | c("measure").str.contains(f"^{CONJUNCTION}+$"))
            .then(None)
            # The clause may start or end inside quotes (建成“家站点”1200个): no lone quote mark.
            # (Nor a closing 等: the clause keeps it to tell a list of examples from an act on them.)
            .otherwise(
                c("measure").str.replace(
                    f"{RATE_AFTER_LIGHT_VERB}|{LONE_QUOTE}|{ETC_END}|{CONJ_END}", "${1}${2}${3}${4}${5}"
                )
            )
        )
        # What each count counted, without the acts (审议法律案 → 法律案), and the last such of an earlier
        # count in the sentence.
        .with_columns(
            _thing=pl.when((c("unit_kind") == "percent") | c("measure").str.contains(CLASS_END))
            .then(None)
            .when(c("_noun") != "")
            .then(c("_noun").str.replace(LONE_QUOTE, "${1}${2}"))
            # (No object, no thing: 新制定12件 counts acts, whatever its measure.)
            .when(c("_object").is_not_null())
            .then(c("measure").str.replace(f"^(?:{verb_alternation()}{CONJ})+", ""))
            # (A clause that is a noun phrase alone, 报送备案的规范性文件856件, names its thing.)
            .when(
                (c("_verbs") == "")
                & (c("measure") == c("_clause").str.replace(DONE_TO, "${1}"))
                & (c("_clause") != "通过")
            )
            .then(c("measure"))
        )
        .with_columns(_thing=c("_thing").str.strip_chars_start("的"))
        # (A clause ending in 的 says which of a thing, not what: 涉及经济发展方面的86件.)
        .with_columns(
            _thing=pl.when((c("_thing") != "") & ~c("_thing").str.ends_with("的")).then(c("_thing"))
        )
        .with_columns(
            _earlier=pl.when(
                c("_sent") == pl.when(c("_thing").is_not_null()).then(c("_sent")).shift(1).forward_fill()
            ).then(c("_thing").shift(1).forward_fill()),
            _earlier_unit=pl.when(c("_thing").is_not_null()).then(c("unit_raw")).shift(1).forward_fill(),
            # ... and of an earlier count of the paragraph in the same unit (件 and 件次 alike).
            _earlier_like=c("_thing")
            .shift(1)
            .forward_fill()
            .over("_para", c("unit_raw").str.replace("^件次$", "件")),
            # ... and of a paragraph that breaks down one thing by an aspect (从建议内容看，涉及经济发展
            # 方面的86件；涉及社会事业方面的120件): the thing.
            _framed=c("text")
            .str.extract(FRAME, 1)
            .str.replace(f"^(?:{FRAME_NOT_THINGS})$", "")
            .replace("", None)
            .forward_fill()
            .over("_para"),
        )
        # 其中已经解决或基本解决的xx件, 审议的法律案中，…牵头起草的有14件: a clause ending in 的 says
        # which of something were counted; what they are is the noun of the "…中" before it, or else
        # what a count before it in the sentence counted. A clause of acts alone counts, in the same unit,
        # acts on that same thing (审议法律案34件，通过其中21件; 其中制定52件、修改29件), unless it
        # ends in an act that is counted in its own right (开展执法检查x项).
        .with_columns(
            # 42项任务中的40项: among the things named, some of them, named so.
            measure=pl.when(c("_clause").str.contains("^[^的]{1,12}中的$") & (c("unit_kind") != "percent"))
            .then(c("_clause").str.replace("中的$", ""))
            # (Not a share: 完成年度任务的125% is of the task, whatever was counted before.)
            .when(
                c("measure").str.ends_with("的")
                & c("_clause").str.ends_with("的")
                & (c("unit_kind") != "percent")
            )
            # (With neither, the clause says it whole: 所提问题已解决或基本解决的208件.)
            .then(
                pl.coalesce(
                    # (Who did it, after 由, is no part of it: 由…委员会牵头起草的 → 牵头起草的法律案.)
                    c("_clause").str.replace(f"^由(?:[^的、]{{1,20}}?(?:{AGENT_BODIES})[、和及]?)+", "")
                    + pl.coalesce(
                        c("text").str.slice(0, c("start")).str.extract(AMONG, 1),
                        c("_framed"),
                        c("_earlier_like"),
                        c("_earlier"),
                    ),
                    c("_clause"),
                )
            )
            # 代表提出的建议xxx件，其中已经解决的A类xx件: a class names a class of what was counted
            # before it, in the same unit (已经解决的A类建议), in its sentence or else its paragraph
            # (…建议已全部办复。从办理结果看，A类268件); with neither, the class alone.
            .when(c("measure").str.contains(CLASS_END) & (c("unit_kind") != "percent"))
            .then(c("measure") + pl.coalesce(earlier_alike, pl.lit("")))
            # 收集意见建议1260余条，其中126条被采纳: the count names nothing; what befell it says which
            # of the things counted before it are counted (被采纳的意见建议).
            # (... or said before it: 征集意见建议2100余条，被采纳136条.)
            .when(befell.is_not_null() & things.is_not_null())
            .then(befell + "的" + things)
            # (... or what was done with some of them: 收到议案12件，决定将其中2件列入大会议程.)
            .when(
                c("text").str.slice(0, c("start")).str.contains(f"其中{SPACES}*$")
                & (c("measure") == c("_verb_after"))
                & things.is_not_null()
            )
            .then(c("measure") + "的" + things)
            .when(
                (c("measure") == c("_clause"))
                & ((c("_verbs") == c("_clause").str.replace("^新", "")) | (c("_clause") == "通过"))
                & (c("_noun") == "")
                # (件 and 件次 count the same things.)
                & (c("unit_raw").str.strip_suffix("次") == c("_earlier_unit").str.strip_suffix("次"))
                & (c("unit_kind") != "percent")
                & ~c("_clause").str.contains(BARE_CHANGE)
                # (Not of people: 扶持创业1200人，带动就业4500人.)
                & ~c("unit_raw").is_in([*PERSON_UNITS, "人次"])
                & ~c("_clause").str.contains(f"(?:{NOMINAL_VERBS})$")
            )
            .then(c("measure") + c("_earlier").fill_null(""))
            .otherwise(c("measure"))
        )
        .with_columns(_share=c("_clause").str.contains(f"{BARE_SHARE}|{BARE_GAP}"))
        .with_columns(
            _bare=c("measure").str.contains(BARE_CHANGE).fill_null(False) | c("_share"),
            _change=c("measure"),  # before a bare change takes its subject (for _each_to_its_own)
        )
    )
    return df


def _subjects(df: pl.DataFrame) -> pl.DataFrame:
    """Changes and shares take the subject before them; people counted, what they do; counts and
    shares that name nothing, the measure before them."""
    c = pl.col
    # 2539名全国人大代表参加网络学习: a count of people who act is of the people, named by the act
    # (named so before a share or change after it takes it as its subject)
    # (参加网络学习的全国人大代表); a count of person-times (人次) stays a count of the act.
    # (Joining in may follow the noun after the count, a list of what they joined in with it:
    # xxx名人大代表参与立法、监督、专题调研等工作; not 参与其中, which names nothing.)
    acting = (
        c("text")
        .str.slice(c("end"))
        .str.extract(rf"^[^{DELIMS}0-9xX]*", 0)
        .str.replace_all(SPACES, "")
        .str.replace(rf"^(.{{2,}}?)(?:{POST_STOP}).*$", "${1}")
        .str.replace(f"({PERSON_VERBS})了", "${1}")
    )
    df = df.with_columns(
        measure=pl.when(c("unit_raw").is_in(PERSON_UNITS))
        .then(
            pl.when(
                (c("measure") == c("_noun"))
                & acting.str.starts_with(c("_noun"))
                & acting.str.contains(PERSON_ACTING)
            )
            .then(acting)
            .otherwise(c("measure"))
            .str.replace(PERSON_ACTING, "${2}的${1}")
        )
        .otherwise(c("measure"))
    )
    # Its subject: the last measure before it in the sentence that is not a bare change too
    # (增长5.2%，比上年提高0.3个百分点，比去年同期高1个百分点: both are about the first).
    named = c("measure").is_not_null() & ~c("_bare")
    df = df.with_columns(
        _subject=pl.when(named).then(c("measure")).shift(1).forward_fill(),
        _subject_sent=pl.when(named).then(c("_sent")).shift(1).forward_fill(),
        _subject_para=pl.when(named).then(c("_para")).shift(1).forward_fill(),
        _opens=(c("_sent") != c("_sent").shift(1)).fill_null(True)
        & ~c("text").str.slice(0, c("start")).str.contains(f"[{DELIMS}]"),
    )
    df = df.with_columns(
        measure=pl.when(c("_bare") & _near(c("_subject_sent"), c("_subject_para"), c("_opens")))
        .then(
            pl.when(c("_clause").str.contains(TOTAL_OF_NEW))
            .then(c("_subject").str.replace("^新增", ""))
            .otherwise(_subject_of(c("_subject"), c("_clause")))
            + pl.when(c("_share")).then(c("_clause")).otherwise(c("measure"))
        )
        .otherwise(c("measure"))
    )
    df = _each_to_its_own(df, named)
    # A share stated after its count (有14件，占41%) names the same thing as that count: carry the
    # last measure forward, but only within its sentence.
    # A count that names nothing (交办建议3900余件，满意率97.6%，其中x件…) takes the last measure of a
    # count (xxx件xxx人次: the same thing counted twice), never a rate's.
    carried_from = pl.when(c("measure").is_not_null()).then(c("_sent")).forward_fill()
    # (A share or rate is a figure in a unit of the kind percent: %, ‰, 个百分点, 倍.)
    share = c("unit_kind") == "percent"
    of_count = c("measure").is_not_null() & ~share
    count_from = pl.when(of_count).then(c("_sent")).forward_fill()
    df = df.with_columns(
        measure=pl.when(c("measure").is_not_null())
        .then(c("measure"))
        .when(share)
        .then(pl.when(carried_from == c("_sent")).then(c("measure").forward_fill()))
        .when(count_from == c("_sent"))
        .then(pl.when(of_count).then(c("measure")).forward_fill())
        .otherwise(pl.lit(""))
        .fill_null("")
    )
    return df


def _settle(df: pl.DataFrame) -> pl.DataFrame:
    """Last words: 分别, votes, and a measure from the clause before where there is still none."""
    c = pl.col
    # (分别 itself names nothing: 城乡居民人均可支配收入分别增长; nor does the aspect particle inside the
    # measure: 批准了决议5项 counts 批准决议; 为了, 除了, 了解 are words of their own.)
    df = df.with_columns(
        measure=c("measure").str.replace_all(EACH, "").str.replace_all("([^为除])了([^解结])", "${1}${2}")
    )
    # Votes (以462票赞成、3票反对、7票弃权): how they were cast.
    df = df.with_columns(
        measure=pl.when(c("unit_raw") == "票")
        .then(pl.coalesce(c("_after").str.extract(f"^{VOTE}", 0), c("measure")))
        .otherwise(c("measure"))
    )
    # Still nothing (经济总量翻一番，达到2.4万亿元): the subject of the clause before, up to its verb.
    df = df.with_columns(
        measure=pl.when(c("measure") == "")
        .then(
            c("text")
            .str.slice(0, c("start"))
            .str.extract(rf"([^{DELIMS}]+)[，,][^{DELIMS}]*$", 1)
            .str.replace_all(SPACES, "")
            .str.replace(LEAD_WORDS, "")
            .str.replace(
                rf"(?:持续|稳步|不断|继续|逐步)?(?:{CHANGE}|{LIGHT_VERB}|翻|完成|突破|达|[0-9xX]).*$", ""
            )
            .fill_null("")
        )
        .otherwise(c("measure"))
    )
    return df


def _near(subject_sent: pl.Expr, subject_para: pl.Expr, opens: pl.Expr) -> pl.Expr:
    """Whether a subject stated in `subject_sent` is near enough to the figure: in its sentence, or in
    the sentence before in its paragraph when the figure's clause opens its own (…网上信访312件。同比
    下降8.2%)."""
    c = pl.col
    return (subject_sent == c("_sent")) | (
        opens & (subject_sent == c("_sent") - 1) & (subject_para == c("_para"))
    )


def _subject_of(subject: pl.Expr, change: pl.Expr) -> pl.Expr:
    """A subject's measure as it leads a change or share stated after it: without its own change
    (增长), and with 完成 said once (完成造林1.5万亩，完成年度任务的125%)."""
    return (
        pl.when(change.str.starts_with("完成"))
        .then(subject.str.replace("^完成", ""))
        .otherwise(subject.str.replace(f"{COMPARISON}*{CHANGE}$", ""))
    )


# Between the figures a list after 分别 goes to: a mark or a conjunction alone.
LIST_GAP = rf"^{SPACES}*(?:{CONJUNCTION}|[，,]){SPACES}*$"
TOWN_OR_COUNTRY = "城镇|农村|城乡|城市|乡村"
TOWN_AND_COUNTRY = "城乡|城镇[和与及]农村"  # both, in this order
# Two-character nouns that come in pairs of one head (一般公共预算收入、支出; 进口、出口).
PAIRED = "收入|支出|进口|出口|存款|贷款|资产|负债"
# Nouns of amounts a list's items share when the last item names them (教育、卫生健康支出).
SHARED_HEADS = "收入|支出|投入|投资|资金|产量|总额|余额|面积|规模|增加值|人数|案件|项目"
CHINESE_DIGITS = "一二三四五六七八九十"


def _list_to_each(df: pl.DataFrame) -> pl.DataFrame:
    """受理、审结案件分别为1200件和1150件: k figures after 分别 that share a measure listing k items go
    one to each item, in order (受理案件, 审结案件), with a change stated after the list (同比增长).

    The last item's noun, beyond what the item before it spans, is shared (粮食、油料产量 → 粮食产量;
    新建、改扩建学校 → 新建学校, read after the item's last character); an ordinal's 第 is too (第一、
    二、三产业), and so is the noun of an amount the last item ends with (教育、卫生健康支出). One of a pair
    (收入、支出) after a longer first item shares its head (一般公共预算收入、支出 → 一般公共预算支出); the
    verb opening the first item acts on items with none (办理民事、行政检察案件). 城乡 is town and country.
    Items that end alike (新增城镇就业、农村劳动力转移就业) are each whole."""
    c = pl.col
    prev_end = _within_sentence(c("end"), c("start"))
    gap = c("text").str.slice(prev_end, c("start") - prev_end)
    follows = (
        (c("_sent") == c("_sent").shift(1))
        & (c("measure") == c("measure").shift(1))
        & gap.str.contains(LIST_GAP).fill_null(False)
    )
    # The list is in the measure, or else in the clause when the measure kept only its last item.
    listing = (
        pl.when(c("measure").str.contains(f"、|{TOWN_AND_COUNTRY}"))
        .then(c("measure"))
        .otherwise(c("_clause"))
    )
    head = ~follows & c("_each") & listing.str.contains(f"、|{TOWN_AND_COUNTRY}").fill_null(False)
    row = pl.int_range(pl.len(), dtype=pl.Int64)
    group = pl.when(c("_head")).then(row).when(c("_follows")).then(None).otherwise(-1).forward_fill()
    marked = (
        df.select(_head=head, _listing=listing, _follows=follows)
        .with_columns(_group=pl.when(group >= 0).then(group))
        .drop("_follows")
    )
    at = marked.get_column("_group").is_not_null().arg_true()
    if at.len() == 0:
        return df
    # Only the few rows of the groups are read further (groups are runs of rows, each led by its head).
    df_all, df = df, pl.concat([df[at], marked[at]], how="horizontal")
    listing = pl.when(c("_head")).then(c("_listing").str.replace_all(EACH, "")).forward_fill()
    change = listing.str.extract(f"((?:{COMPARISON})*{CHANGE})$", 1).fill_null("")
    df = df.with_columns(
        _k=pl.len().over("_group"),
        _p=pl.int_range(pl.len(), dtype=pl.Int64).over("_group"),
        _tail=change,
        _listed=listing.str.head(listing.str.len_chars() - change.str.len_chars()),
    )
    # 城乡居民人均可支配收入分别达到…: 城乡 (城镇和农村) is town and country, in that order.
    listed = (
        pl.when(~c("_listed").str.contains("、") & (c("_k") == 2))
        .then(c("_listed").str.replace(f"^(.*?)(?:{TOWN_AND_COUNTRY})(.*)$", "${1}城镇${2}、${1}农村${2}"))
        .otherwise(c("_listed"))
    )
    # The last conjunction may stand for the last mark (受理、审结和执结案件).
    df = df.with_columns(
        _items=pl.when(listed.str.count_matches("、") + 2 == c("_k"))
        .then(listed.str.replace(rf"^(.*、[^、]*?){LIST_JOIN}([^、]+)$", "${1}、${2}"))
        .otherwise(listed)
        .str.split("、")
    )
    first, last = c("_items").list.first(), c("_items").list.last()
    before = c("_items").list.get(-2, null_on_oob=True)
    # Where the last item's own words end: after the last character of the item before it (found
    # past the first character), or else at that item's length.
    pieces = last.str.slice(1).str.split(before.str.slice(-1))
    own = (
        pl.when(pieces.list.len() > 1)
        .then(pieces.list.first().str.len_chars().cast(pl.Int64) + 2)
        .otherwise(before.str.len_chars().cast(pl.Int64))
    )
    shared = last.str.slice(own)
    # ... or, where the item before is as long as the last (教育、社会保障和就业、卫生健康支出), the noun
    # of an amount the last ends with.
    head_noun = last.str.extract(f"({SHARED_HEADS})$", 1)
    # (Not one a whole item is, nor after an item that ends in one: 一般公共预算收入、支出.)
    head_noun = pl.when(
        (last.str.len_chars() > head_noun.str.len_chars()) & ~before.str.contains(f"(?:{SHARED_HEADS})$")
    ).then(head_noun)
    # (Nothing is shared when the items end alike, or by one character: 税收、非税收入.)
    shared = (
        pl.when(last.str.slice(-1) == before.str.slice(-1))
        .then(pl.lit(""))
        .when(shared.str.len_chars() >= 2)
        .then(shared)
        .otherwise(head_noun.fill_null(""))
    )
    pair = f"^(?:{PAIRED})$"
    head_words = (
        pl.when(
            last.str.contains(pair) & first.str.slice(-2).str.contains(pair) & (first.str.len_chars() > 2)
        )
        .then(first.str.head(-2))
        .otherwise(pl.lit(""))
    )
    item = c("_items").list.get(c("_p"), null_on_oob=True)
    ordinal = pl.when(first.str.contains("^第") & item.str.contains(f"^[{CHINESE_DIGITS}]")).then(
        pl.lit("第")
    )
    # 办理人大代表建议、政协委员提案: the verb opening the first item acts on the others when they have
    # none of their own (not 新增城镇就业、农村劳动力转移就业).
    verbs = f"(?:{verb_alternation()})"
    lead = _opening_verbs(first)
    lead = (
        pl.when((lead.str.len_chars() < first.str.len_chars()) & ~item.str.contains(verbs))
        .then(lead)
        .otherwise(pl.lit(""))
        .fill_null("")
    )
    spread = (
        ordinal.otherwise(pl.lit(""))
        + pl.when(c("_p") == 0).then(item).otherwise(lead + head_words + item)
        + pl.when(c("_p") < c("_k") - 1).then(shared).otherwise(pl.lit(""))
        + c("_tail")
    )
    fits = (
        c("_group").is_not_null()
        & (c("_items").list.len() == c("_k"))
        & (c("_k") > 1)
        & c("_items").list.eval(pl.element().str.len_chars() > 0).list.all()
    )
    spread_measure = df.select(pl.when(fits).then(spread).otherwise(c("measure"))).to_series()
    return df_all.with_columns(df_all.get_column("measure").scatter(at, spread_measure))


def _opening_verbs(phrase: pl.Expr) -> pl.Expr:
    """The run of verbs a phrase opens with (办理, 新建扩建), or null."""
    return phrase.str.extract(f"^((?:{verb_alternation()})+)", 1)


def _lists(df: pl.DataFrame) -> pl.DataFrame:
    return _items_take_the_verb(_list_to_each(df))


# Between a count and the next item of a list of counts: a list mark or a conjunction.
ITEM_GAP = rf"^{SPACES}*(?:、|{LIST_JOIN}){SPACES}*"
DEPUTIES = "(?:全国人大代表|人大代表|代表)"
DEPUTIES_PAPERS = "(?:议案|建议)"


def _items_take_the_verb(df: pl.DataFrame) -> pl.DataFrame:
    """召开常委会会议x次、主任会议xx次: a counted item after a list mark with no act of its own is
    acted on by the verb of the item before it (召开主任会议), through a chain of such items; the
    deputies' papers share their deputies too (办理代表议案487件、建议9349件 → 办理代表建议). Only
    things counted one by one: an amount after a count is no item of it (审结案件120件、标的额3亿元)."""
    c = pl.col
    same = c("_sent") == c("_sent").shift(1)
    prev_end = _within_sentence(c("end"), c("start"))
    gap = c("text").str.slice(prev_end, c("start") - prev_end)
    item = gap.str.replace(ITEM_GAP, "").str.replace_all(SPACES, "")
    marks = df.select(
        _item_bare=(
            same
            & gap.str.contains(ITEM_GAP)
            & (c("measure") == item)
            & c("_ostart").is_null()
            # (专题询问, 满意度测评: an act of its own, ending the item.)
            & (c("_verbs").fill_null("") == "")
            & ~item.str.contains(f"(?:{NOMINAL_VERBS})$")
            & (c("_verb_after").fill_null("") == "")
            & (c("unit_kind") == "count")
        ).fill_null(False),
        _item=item,
    )
    at = marks.get_column("_item_bare").arg_true()
    if at.len() == 0:
        return df
    # The verb alternation (thousands of words) reads only these rows and the row before each.
    rows = pl.concat([at, at - 1]).unique().sort()
    sub = pl.concat([df[rows], marks[rows]], how="horizontal")
    verbs = f"(?:{verb_alternation()})"
    # (Nor a verb inside a noun: 继续审议项目3件、初次审议项目6件; the 批评 of the deputies'
    # 建议、批评和意见 is none.)
    bare = c("_item_bare") & ~c("_item").str.replace("建议、?批评和意见", "建议").str.contains(verbs)
    # The verbs opening each measure; a bare item's are those before it.
    lead = _opening_verbs(c("measure"))
    # (Only a measure that ends its clause, with no verb before it there: 建成投用农村养老互助照料中心
    # kept 互助照料中心, whose 互助 is no act.)
    acts = (
        c("_clause").str.ends_with(c("measure"))
        & ~c("_clause")
        .str.head(c("_clause").str.len_chars() - c("measure").str.len_chars())
        .str.contains(verbs)
        & (lead.str.len_chars() < c("measure").str.len_chars())
        & ~lead.str.contains(f"{CHANGE}|{LIGHT_VERB}")
    )
    sub = sub.with_columns(
        _item_bare=bare.fill_null(False), _lead=pl.when(acts).then(lead).otherwise(pl.lit(""))
    )
    # (Rows of a chain are consecutive here, each after the row before it in the text.)
    leads = pl.when(c("_item_bare")).then(None).otherwise(c("_lead")).forward_fill()
    owner = pl.when(c("_item").str.contains(f"^{DEPUTIES_PAPERS}")).then(
        c("measure")
        .shift(1)
        .str.slice(leads.str.len_chars())
        .str.extract(f"^({DEPUTIES}){DEPUTIES_PAPERS}", 1)
    )
    taken = sub.select(
        pl.when(c("_item_bare") & (leads.fill_null("") != ""))
        .then(leads + owner.fill_null("") + c("measure"))
        .otherwise(c("measure"))
    ).to_series()
    return df.with_columns(df.get_column("measure").scatter(rows, taken))


def _each_to_its_own(df: pl.DataFrame, named: pl.Expr) -> pl.DataFrame:
    """受理案件186.5万件，审结179.2万件，同比分别上升5.3%和6.1%: the k changes after 分别 go, in
    order, to the last k figures of the sentence that state an amount (受理案件 rose 5.3%, 审结
    6.1%). Where the sentence has fewer, they keep the subject before them."""
    c = pl.col
    row = pl.int_range(pl.len(), dtype=pl.Int64)
    head = c("_bare") & c("_each")
    same_sentence = c("_sent") == c("_sent").shift(1)
    # A change of its own right after the one before (分别增长8.5%、下降3.2%) is of the group too.
    prev_end = _within_sentence(c("end"), c("start"))
    own_change = (
        c("text")
        .str.slice(prev_end, c("start") - prev_end)
        .str.contains(f"^[、和及]{CHANGE}$")
        .fill_null(False)
    )
    # A figure after the head that names nothing of its own (和6.1%): measure null here.
    group = (
        pl.when(head)
        .then(row)
        .when((c("measure").is_null() | own_change) & same_sentence)
        .then(None)
        .otherwise(-1)
        .forward_fill()
    )
    df = df.with_columns(
        _group=pl.when(group >= 0).then(group),
        _own_change=own_change & ~head,
    )
    # The amounts: figures that are no change, a share or a group's; one after a conjunction
    # (分别达到52368元和28641元) is an amount of its own, of the subject before it.
    amount = ~c("_bare") & c("_group").is_null()
    df = df.with_columns(
        _named=amount.cum_sum(),
        _own=pl.when(named).then(c("measure")).forward_fill(),
        _own_sent=pl.when(named).then(c("_sent")).forward_fill(),
    )
    df = df.with_columns(
        _k=pl.len().over("_group"),
        _p=pl.int_range(pl.len(), dtype=pl.Int64).over("_group"),
        _head_change=pl.when(c("_own_change"))
        .then(c("_clause"))
        .otherwise(c("_change").gather(c("_group").fill_null(0))),
        _head_opens=c("_opens").gather(c("_group").fill_null(0)),
    ).with_columns(
        # The position among the amounts (1, 2, …) of the subject of each change.
        _target=c("_named").gather(c("_group").fill_null(0)) - c("_k") + 1 + c("_p")
    )
    subjects = df.filter(amount & (c("_own_sent") == c("_sent"))).select(
        "_named", "_own", "_own_sent", _own_para="_para"
    )
    df = df.drop("_own", "_own_sent").join(
        subjects, left_on="_target", right_on="_named", how="left", maintain_order="left"
    )
    # Every change of the group needs a subject of its own in its sentence (or in the sentence before,
    # when the group opens its own), or none is reassigned.
    whole = (_near(c("_own_sent"), c("_own_para"), c("_head_opens")).fill_null(False).all()).over("_group")
    change = c("_head_change").str.replace_all(EACH, "")
    return df.with_columns(
        measure=pl.when(c("_group").is_not_null() & whole)
        .then(_subject_of(c("_own"), change) + change)
        .otherwise(c("measure"))
    ).drop(
        "_group",
        "_named",
        "_k",
        "_p",
        "_head_change",
        "_head_opens",
        "_target",
        "_own",
        "_own_sent",
        "_own_para",
        "_own_change",
        "_change",
    )
