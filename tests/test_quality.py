"""The quality gate on the sample corpus, on planted bad documents and on an empty batch.

Great Expectations is slow to start, so each scenario runs once per session (module fixtures) and
the tests read its outcome. test_data_docs.py reuses the frame builders below.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import polars as pl
import pytest

from expectations import gate as gate_mod
from expectations import stage as stage_mod
from expectations.gate import DQ_ISSUE, DQ_RESULT, DQ_RUN, QualityOutcome, run_quality
from expectations.suites import CHECKS
from flows.config import USER_DICT
from transforms import tokens as tok_tf
from transforms.segment import segment_texts

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds" / "reports"
UNITS = ROOT / "seeds" / "units.csv"

# Two planted reports. The first states a satisfaction rate of 180% (critical: quarantined); the
# second only a part larger than its total (warning: loaded, reported at its line).
PLANTED_CRITICAL = (
    "某市人大常委会2023年工作报告\n\n各位代表：\n\n一、加强监督工作\n\n"
    "一年来，共审议法律案34件，通过其中21件。\n\n代表对议案建议办理工作满意度达到180%。\n"
)
PLANTED_WARNING = (
    "某县人大常委会2023年工作报告\n\n各位代表：\n\n一、立法工作\n\n"
    "一年来，共审议法律案3件，通过其中21件。\n\n代表建议办理满意度达到98%。\n"
)
# (file, raw, value, unit, measure, scope): the planted figures, as the extractor states them.
PLANTED_FIGURES = [
    ("900_planted_critical.txt", "34件", 34.0, "件", "审议法律案", "一年来"),
    ("900_planted_critical.txt", "21件", 21.0, "件", "通过", "一年来"),
    ("900_planted_critical.txt", "180%", 180.0, "%", "代表对议案建议办理工作满意度", ""),
    ("901_planted_warning.txt", "3件", 3.0, "件", "审议法律案", "一年来"),
    ("901_planted_warning.txt", "21件", 21.0, "件", "通过", "一年来"),
    ("901_planted_warning.txt", "98%", 98.0, "%", "代表建议办理满意度", ""),
]


def texts_frame(files: dict[str, str]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "file_id": [hashlib.sha256(t.encode()).hexdigest() for t in files.values()],
            "source_file": list(files),
            "text": list(files.values()),
        }
    )


def seed_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))}


def frames_for(texts: pl.DataFrame) -> dict[str, pl.DataFrame]:
    """What the flow hands run_quality: transform outputs of these texts, figures not yet added."""
    seg = segment_texts(texts)
    files = texts.select("file_id", "source_file")
    words = tok_tf.parse_user_dict(USER_DICT.read_text(encoding="utf-8"))
    tokens = tok_tf.cut_paragraphs(seg["paragraphs"].filter(pl.col("role") != "header"), words)
    return {
        "documents": seg["documents"].join(files, on="file_id"),
        "sections": seg["sections"],
        "sentences": seg["sentences"],
        "paragraphs": seg["paragraphs"],
        "terms": tok_tf.term_counts(tokens),
    }


def extracted_figures(sentences: pl.DataFrame) -> pl.DataFrame:
    from transforms.figures import extract_figures

    figs = extract_figures(sentences, pl.read_csv(UNITS, infer_schema=False))
    return figs.join(sentences.select("doc_id", "sentence_id", "source_file"), on=["doc_id", "sentence_id"])


def planted_figures(sentences: pl.DataFrame) -> pl.DataFrame:
    """The figures of PLANTED_FIGURES, placed in their sentences like the extractor would."""
    rows = []
    for file, raw, value, unit, measure, scope in PLANTED_FIGURES:
        sent = sentences.filter(
            (pl.col("source_file") == file) & pl.col("text").str.contains(raw, literal=True)
        ).row(0, named=True)
        position = sent["text"].index(raw)  # the planted raws start with their number
        rows.append(
            {
                "doc_id": sent["doc_id"],
                "sentence_id": sent["sentence_id"],
                "position": position,
                "source_line": sent["source_line"],
                "raw": raw,
                "value": value,
                "unit": unit,
                "qualifier": "",
                "numeral": "arabic",
                "masked_digits": None,
                "measure": measure,
                "scope": scope,
                "source_file": file,
            }
        )
    return pl.DataFrame(rows, schema_overrides={"masked_digits": pl.Int64})


def planted_frames() -> tuple[dict[str, pl.DataFrame], dict[str, str]]:
    """Seeds plus the two planted reports; returns (frames, {planted file: doc_id})."""
    files = {
        **seed_texts(),
        "900_planted_critical.txt": PLANTED_CRITICAL,
        "901_planted_warning.txt": PLANTED_WARNING,
    }
    frames = frames_for(texts_frame(files))
    sents = frames["sentences"]
    seeds = sents.filter(~pl.col("source_file").str.contains("planted"))
    frames["figures"] = pl.concat([extracted_figures(seeds), planted_figures(sents)], how="diagonal_relaxed")
    docs = frames["documents"]
    ids = dict(
        docs.filter(pl.col("source_file").str.contains("planted")).select("source_file", "doc_id").iter_rows()
    )
    return frames, ids


def issues_at(outcome: QualityOutcome, kind: str) -> set[tuple[str, int]]:
    return set(
        outcome.dq_issue.filter(pl.col("kind") == kind).select("source_file", "source_line").iter_rows()
    )


def result(outcome: QualityOutcome, suite: str, expectation: str) -> dict:
    rows = outcome.dq_result.filter((pl.col("suite") == suite) & (pl.col("expectation") == expectation))
    assert rows.height == 1, (suite, expectation)
    return rows.row(0, named=True)


@pytest.fixture(scope="module")
def seed_outcome(tmp_path_factory: pytest.TempPathFactory) -> QualityOutcome:
    frames = frames_for(texts_frame(seed_texts()))
    frames["figures"] = extracted_figures(frames["sentences"])
    return run_quality(frames, run_id="seeds", site_dir=tmp_path_factory.mktemp("dq") / "site")


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> tuple[QualityOutcome, dict[str, str]]:
    frames, ids = planted_frames()
    return run_quality(frames, run_id="planted", site_dir=tmp_path_factory.mktemp("dq") / "site"), ids


# --- the sample corpus ------------------------------------------------------------------------


def test_seed_corpus_passes_every_expectation(seed_outcome: QualityOutcome) -> None:
    failed = seed_outcome.dq_result.filter(~pl.col("success"))
    assert failed.height == 0, failed.select("suite", "expectation", "observed_value").rows()
    assert seed_outcome.quarantine == {}
    run = seed_outcome.dq_run.row(0, named=True)
    assert run["success"] and run["failed_critical"] == 0 and run["quarantined"] == 0
    assert run["documents"] == 16 and run["figures"] > 300 and run["sentences"] > 1000


def test_seed_issues_are_only_the_real_anomalies(seed_outcome: QualityOutcome) -> None:
    kinds = set(seed_outcome.dq_issue.get_column("kind"))
    assert kinds == {"latin_word", "doubled_word", "truncated_paragraph", "masked_numbers"}
    assert ("001_d089bca3331ee7bc.txt", 11) in issues_at(seed_outcome, "truncated_paragraph")
    assert ("000_c89e96fa5c36500f.txt", 17) in issues_at(seed_outcome, "doubled_word")
    assert 10 <= seed_outcome.dq_issue.height <= 60  # readable, not one row per masked number
    assert (seed_outcome.dq_issue.get_column("run_id") == "seeds").all()


def test_every_check_reports_one_result_row(seed_outcome: QualityOutcome) -> None:
    got = set(seed_outcome.dq_result.select("suite", "expectation").iter_rows())
    assert got == {(c.suite, c.name) for c in CHECKS}
    assert seed_outcome.dq_result.schema == DQ_RESULT
    sev = dict(
        seed_outcome.dq_result.select(pl.format("{}.{}", "suite", "expectation"), "severity").iter_rows()
    )
    assert sev["figures.share_at_most_100"] == "critical"
    assert sev["figures.part_not_above_total"] == "warning"


def test_docs_index_is_written(seed_outcome: QualityOutcome) -> None:
    assert seed_outcome.docs_index.name == "index.html" and seed_outcome.docs_index.is_file()
    assert seed_outcome.dq_run["docs_index"][0] == str(seed_outcome.docs_index)


# --- planted bad documents -------------------------------------------------------------------


def test_satisfaction_above_100_is_critical_at_its_line(
    planted: tuple[QualityOutcome, dict[str, str]],
) -> None:
    outcome, ids = planted
    issues = outcome.dq_issue.filter(pl.col("kind") == "figures.share_at_most_100")
    assert issues.select("source_file", "source_line", "doc_id", "severity").rows() == [
        ("900_planted_critical.txt", 9, ids["900_planted_critical.txt"], "critical")
    ]
    assert "180%" in issues["detail"][0]
    res = result(outcome, "figures", "share_at_most_100")
    assert not res["success"] and res["unexpected_count"] == 1 and "180" in res["observed_value"]


def test_critical_document_is_quarantined_and_others_pass(
    planted: tuple[QualityOutcome, dict[str, str]],
) -> None:
    outcome, ids = planted
    assert list(outcome.quarantine) == [ids["900_planted_critical.txt"]]
    reason = outcome.quarantine[ids["900_planted_critical.txt"]]
    assert "figures.share_at_most_100" in reason and "900_planted_critical.txt:9" in reason
    run = outcome.dq_run.row(0, named=True)
    assert not run["success"] and run["quarantined"] == 1 and run["failed_critical"] == 1


def test_part_above_total_is_a_warning_at_its_line(planted: tuple[QualityOutcome, dict[str, str]]) -> None:
    outcome, ids = planted
    issues = outcome.dq_issue.filter(pl.col("kind") == "figures.part_not_above_total")
    # Only the planted 3件 → 21件; the critical report's 34件 → 21件 and the seeds are consistent.
    assert issues.select("source_file", "source_line", "doc_id", "severity").rows() == [
        ("901_planted_warning.txt", 7, ids["901_planted_warning.txt"], "warning")
    ]
    assert "total 3件" in issues["detail"][0]
    assert ids["901_planted_warning.txt"] not in outcome.quarantine
    res = result(outcome, "figures", "part_not_above_total")
    assert not res["success"] and res["unexpected_count"] == 1
    # The pair quoted as plain numbers, whatever the array type GX compared.
    assert res["observed_value"].endswith("unexpected: (3.0, 21.0)"), res["observed_value"]


def test_numeric_columns_reach_gx_as_numpy_and_strings_as_arrow() -> None:
    """GX compares NumPy numbers vectorised, Arrow-backed ones a value at a time."""
    frame = pl.DataFrame(
        {"n": [1, 2], "gap": [1, None], "x": [0.5, None], "s": ["a", None]},
        schema={"n": pl.Int32, "gap": pl.Int64, "x": pl.Float64, "s": pl.String},
    )
    df = gate_mod._pandas(frame)
    assert str(df["n"].dtype) == "int64" and str(df["x"].dtype) == "float64"
    assert df["x"].isna().tolist() == [False, True]
    assert str(df["gap"].dtype) == "int64[pyarrow]" and "pyarrow" in str(df["s"].dtype)


def test_mutated_frames_quarantine_the_documents_named(tmp_path: Path) -> None:
    """Each critical defect quarantines its own document; a warning-only defect does not."""
    frames = frames_for(texts_frame(seed_texts()))
    sents = frames["sentences"]
    figs = extracted_figures(sents).with_row_index("i")
    doc_ids = frames["documents"].get_column("doc_id").sort().to_list()
    no_title, unsplit = doc_ids[0], doc_ids[1]
    taken = {no_title, unsplit}

    def pick(numeral: str) -> dict:
        row = figs.filter((pl.col("numeral") == numeral) & ~pl.col("doc_id").is_in(list(taken))).row(
            0, named=True
        )
        taken.add(row["doc_id"])
        return row

    negative, masked_with_value, odd_unit = pick("arabic"), pick("masked"), pick("arabic")
    frames["documents"] = frames["documents"].with_columns(
        title=pl.when(pl.col("doc_id") == no_title).then(None).otherwise(pl.col("title"))
    )
    frames["figures"] = figs.with_columns(
        value=pl.when(pl.col("i") == negative["i"])
        .then(-pl.col("value"))
        .when(pl.col("i") == masked_with_value["i"])
        .then(5.0)
        .otherwise(pl.col("value")),
        unit=pl.when(pl.col("i") == odd_unit["i"]).then(pl.lit("斤斤")).otherwise(pl.col("unit")),
    ).drop("i")
    long_id = sents.filter(pl.col("doc_id") == unsplit).get_column("sentence_id").max()
    frames["sentences"] = sents.with_columns(
        text=pl.when((pl.col("doc_id") == unsplit) & (pl.col("sentence_id") == long_id))
        .then(pl.col("text") + "长" * 1200)
        .otherwise(pl.col("text"))
    )
    outcome = run_quality(frames, run_id="mutated", site_dir=tmp_path / "site")
    assert outcome.quarantine.keys() == {no_title, unsplit, negative["doc_id"], masked_with_value["doc_id"]}
    assert outcome.quarantine[no_title].startswith("documents.title_present")
    assert outcome.quarantine[unsplit].startswith("sentences.split_bound")
    assert outcome.quarantine[negative["doc_id"]].startswith("figures.sign_as_written")
    assert outcome.quarantine[masked_with_value["doc_id"]].startswith("figures.masked_iff_null")
    long_issue = outcome.dq_issue.filter(pl.col("kind") == "sentences.long_sentence")
    assert long_issue.get_column("doc_id").to_list() == [unsplit]  # the 400-char warning fires too
    unit_issue = outcome.dq_issue.filter(pl.col("kind") == "figures.unit_known").row(0, named=True)
    assert (unit_issue["doc_id"], unit_issue["source_line"], unit_issue["severity"]) == (
        odd_unit["doc_id"],
        odd_unit["source_line"],
        "warning",
    )
    assert "斤斤" in result(outcome, "figures", "unit_known")["observed_value"]


def test_a_null_in_a_failing_row_still_gives_a_reason(tmp_path: Path) -> None:
    """A sentence whose text is missing fails on its length: its issue and its document's quarantine
    reason say so in words (a null detail made a null reason, and the report could not be written)."""
    frames = frames_for(texts_frame(seed_texts()))
    frames["figures"] = extracted_figures(frames["sentences"])
    sents = frames["sentences"]
    doc, sentence = sents.select("doc_id", "sentence_id").row(0)
    frames["sentences"] = sents.with_columns(
        text=pl.when((pl.col("doc_id") == doc) & (pl.col("sentence_id") == sentence))
        .then(None)
        .otherwise(pl.col("text"))
    )
    outcome = run_quality(frames, run_id="null-text", site_dir=tmp_path / "site")
    assert outcome.quarantine.keys() == {doc}
    assert outcome.quarantine[doc].startswith("sentences.")
    assert "(none) chars" in outcome.quarantine[doc]
    assert outcome.dq_issue.get_column("detail").null_count() == 0
    assert outcome.docs_index is not None and Path(outcome.docs_index).is_file()


def test_cross_row_checks_in_duckdb() -> None:
    """Part/total and five-year/one-year pairs, and metric coverage, from the staging SQL."""
    text = (
        "标题\n\n一年来，共审议法律案34件，其中通过40件，另有报告5项。\n\n"
        "五年来，制定法律30件，修改法律12件。\n"
    )
    seg = segment_texts(texts_frame({"x.txt": text}))
    sents = seg["sentences"]
    body = sents.filter(pl.col("text").str.contains("件")).sort("sentence_id")
    one_year, five_years = body.row(0, named=True), body.row(1, named=True)

    def fig(sent: dict, raw: str, unit: str, metric: str | None, scope: str) -> dict:
        return {
            "doc_id": sent["doc_id"],
            "sentence_id": sent["sentence_id"],
            "position": sent["text"].index(raw),
            "source_line": sent["source_line"],
            "raw": raw,
            "value": float(raw[:-1]),
            "unit": unit,
            "qualifier": "",
            "numeral": "arabic",
            "measure": "",
            "scope": scope,
            "metric": metric,
        }

    figures = pl.DataFrame(
        [
            fig(one_year, "34件", "件", "laws_reviewed", "一年来"),
            fig(one_year, "40件", "件", "laws_passed", "一年来"),  # part above its total
            fig(one_year, "5项", "项", None, "一年来"),  # another unit: no total
            fig(five_years, "30件", "件", "laws_passed", "五年来"),  # five years below one year
            fig(five_years, "12件", "件", "laws_amended", "五年来"),
        ]
    )
    frames = {
        "documents": seg["documents"].with_columns(source_file=pl.lit("x.txt")),
        **seg,
        "figures": figures,
    }
    staged = stage_mod.stage(stage_mod.conform(frames))["figures"]
    by_raw = {r["raw"]: r for r in staged.iter_rows(named=True)}
    assert by_raw["40件"]["total_value"] == 34.0 and by_raw["40件"]["total_raw"] == "34件"
    assert by_raw["34件"]["total_value"] is None and by_raw["5项"]["total_value"] is None
    assert by_raw["30件"]["one_year_value"] == 40.0 and by_raw["12件"]["one_year_value"] is None
    coverage = stage_mod.stage(stage_mod.conform(frames))["documents"]["metric_coverage"][0]
    assert coverage == pytest.approx(4 / 5)


# --- nothing new -------------------------------------------------------------------------------


def test_empty_batch_validates_and_reports_nothing(tmp_path: Path) -> None:
    outcome = run_quality({}, run_id="empty", site_dir=tmp_path / "site")
    assert outcome.dq_issue.height == 0 and outcome.quarantine == {}
    assert outcome.dq_result.height == len(CHECKS) and outcome.dq_result.get_column("success").all()
    run = outcome.dq_run.row(0, named=True)
    assert run["documents"] == 0 and run["success"]
    assert outcome.docs_index.is_file()


# --- warehouse/dq.sql --------------------------------------------------------------------------


def test_outcome_frames_load_into_the_dq_tables(planted: tuple[QualityOutcome, dict[str, str]]) -> None:
    outcome, _ = planted
    con = duckdb.connect()
    con.execute((ROOT / "warehouse" / "dq.sql").read_text(encoding="utf-8"))
    con.execute((ROOT / "warehouse" / "dq.sql").read_text(encoding="utf-8"))  # idempotent
    for table, frame, schema in (
        ("dq_run", outcome.dq_run, DQ_RUN),
        ("dq_result", outcome.dq_result, DQ_RESULT),
        ("dq_issue", outcome.dq_issue, DQ_ISSUE),
    ):
        assert frame.schema == schema
        columns = [
            r[0]
            for r in con.execute(
                f"SELECT column_name FROM duckdb_columns() WHERE table_name = '{table}'"
            ).fetchall()
        ]
        assert columns == frame.columns
        con.register("frame", frame)
        con.execute(f"INSERT INTO {table} SELECT * FROM frame")
        con.unregister("frame")
    assert con.execute("SELECT count(*) FROM dq_issue WHERE severity = 'critical'").fetchone() == (1,)
    undocumented = con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() "
        "WHERE table_name LIKE 'dq_%' AND comment IS NULL"
    ).fetchall()
    assert undocumented == []
    assert con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'dq_%' AND comment IS NOT NULL"
    ).fetchone() == (3,)


def test_a_rate_of_fulfilment_may_pass_a_hundred_percent() -> None:
    # 计划完成率120% is overfulfilment, not a broken share: it must not quarantine its report.
    text = "某某市人民政府2023年工作总结\n\n2023年，投资计划完成率达到120%，资金到位率115%，群众满意率98%。\n"
    frames = frames_for(texts_frame({"a.txt": text}))
    frames["figures"] = extracted_figures(frames["sentences"])
    figures = stage_mod.prepare(frames)["figures"]
    assert figures.get_column("share_pct").to_list() == [None, None, 98.0]


def test_a_negative_figure_written_with_its_sign_passes() -> None:
    # 人口自然增长率为-1.1‰ is a negative figure: its sign is written, so it is no broken value.
    text = "某某市人民政府2023年工作总结\n\n2023年，全市人口自然增长率为-1.1‰，出生率6.4‰，增速为负0.5%。\n"
    frames = frames_for(texts_frame({"a.txt": text}))
    frames["figures"] = extracted_figures(frames["sentences"])
    figures = stage_mod.prepare(frames)["figures"]
    assert figures.select("raw", "value", "sign_as_written").rows() == [
        ("-1.1‰", -1.1, True),
        ("6.4‰", 6.4, True),
        ("负0.5%", -0.5, True),
    ]


def test_a_ratio_of_debt_or_a_level_against_an_earlier_one_may_pass_a_hundred_percent() -> None:
    # 债务率控制在120%以内 is a debt ratio within its ceiling, not a broken share.
    text = (
        "某某市人民政府2023年工作报告\n\n2023年，政府债务率控制在120%以内，粮食自给率105%，"
        "旅游收入恢复到2019年的108%，代表满意率98%。\n"
    )
    frames = frames_for(texts_frame({"a.txt": text}))
    frames["figures"] = extracted_figures(frames["sentences"])
    figures = stage_mod.prepare(frames)["figures"]
    assert figures.get_column("share_pct").to_list() == [None, None, None, 98.0]


def test_the_sentence_checks_see_each_row_that_could_break_them_and_fail_as_on_all(tmp_path: Path) -> None:
    """GX sees each document's longest sentence and every row out of bounds or with a repeated key,
    not all sentences; a repeated key and an empty sentence still fail at their lines, and the run
    still counts every sentence."""
    frames = frames_for(texts_frame(seed_texts()))
    sents = frames["sentences"]
    staged = stage_mod.prepare(frames)["sentences"]
    longest = sents.group_by("doc_id").agg(pl.col("text").str.len_chars().max().alias("chars"))
    assert staged.height == frames["documents"].height < sents.height
    assert sorted(staged.select("doc_id", "chars").rows()) == sorted(longest.rows())

    doc = sents.get_column("doc_id").sort()[0]
    first, second = sents.filter(pl.col("doc_id") == doc).head(2).iter_rows(named=True)
    frames["sentences"] = pl.concat(
        [
            sents.with_columns(
                text=pl.when((pl.col("doc_id") == doc) & (pl.col("sentence_id") == second["sentence_id"]))
                .then(pl.lit(""))
                .otherwise(pl.col("text"))
            ),
            sents.filter((pl.col("doc_id") == doc) & (pl.col("sentence_id") == first["sentence_id"])),
        ]
    )
    outcome = run_quality(frames, run_id="dup", site_dir=tmp_path / "site")
    assert outcome.quarantine[doc].startswith("sentences.")
    assert issues_at(outcome, "sentences.sentence_key_unique") == {
        (first["source_file"], first["source_line"])
    }
    assert issues_at(outcome, "sentences.text_not_empty") == {(second["source_file"], second["source_line"])}
    assert outcome.dq_run.row(0, named=True)["sentences"] == sents.height + 1


def test_the_figure_checks_see_each_row_that_could_break_them_and_fail_as_on_all(tmp_path: Path) -> None:
    """GX sees only the figures that could break a check (with the unit vocabulary): a few of the
    sample's; every broken figure among them, so results, issues and counts are those of all."""
    frames = frames_for(texts_frame(seed_texts()))
    figs = extracted_figures(frames["sentences"]).with_row_index("i")
    arabic = figs.filter(pl.col("numeral") == "arabic").get_column("i").to_list()
    masked = figs.filter(pl.col("numeral") == "masked").get_column("i").to_list()
    share = figs.filter((pl.col("unit") == "%") & pl.col("measure").str.contains("满意")).get_column("i")[0]
    i = pl.col("i")
    broken = figs.with_columns(
        value=pl.when(i == arabic[0])
        .then(-pl.col("value"))
        .when(i == masked[0])
        .then(5.0)
        .when(i == share)
        .then(150.0)
        .otherwise(pl.col("value")),
        unit=pl.when(i == arabic[1]).then(pl.lit("斤斤")).otherwise(pl.col("unit")),
        qualifier=pl.when(i == arabic[2]).then(pl.lit("大约是")).otherwise(pl.col("qualifier")),
        raw=pl.when(i == arabic[3]).then(pl.lit("不在句中的9件")).otherwise(pl.col("raw")),
    )
    frames["figures"] = pl.concat([broken, broken.filter(i == arabic[4])]).drop("i")  # a place twice

    cut = stage_mod.prepare(frames, gate_mod.allowed_units())
    every = stage_mod.prepare(frames)
    assert cut["figures"].height * 10 < every["figures"].height == figs.height + 1
    outcomes = [
        gate_mod.check(prepared, run_id=name, site_dir=tmp_path / name)
        for name, prepared in (("cut", cut), ("every", every))
    ]
    results, issues = (
        [o.dq_result.drop("run_id").sort("suite", "expectation") for o in outcomes],
        [o.dq_issue.drop("run_id").sort("kind", "source_file", "source_line", "detail") for o in outcomes],
    )
    assert results[0].equals(results[1]) and issues[0].equals(issues[1])
    failed = set(results[0].filter(~pl.col("success")).get_column("expectation"))
    assert failed == {
        "sign_as_written",
        "masked_iff_null",
        "share_at_most_100",
        "unit_known",
        "qualifier_known",
        "raw_in_sentence",
        "one_row_per_place",
    }
    assert outcomes[0].quarantine == outcomes[1].quarantine
    assert outcomes[0].counts == outcomes[1].counts and outcomes[0].counts["figures"] == figs.height + 1
