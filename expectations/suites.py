"""The expectation suites, defined in code and kept in the File data context under expectations/gx/.

Each check is one GX expectation with a stable short name (meta.check), a severity and a
description that Data Docs shows. Critical failures quarantine the documents whose rows fail;
warnings are loaded and reported. Values that come from elsewhere (the unit vocabulary, the known
document kinds, the current year) are suite parameters, so the stored suites change only when this
file does. `python -m expectations.suites` writes the suites and the objects that run them into
expectations/gx/ (run_quality does the same when they are missing or out of date).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from transforms.figures import POST_QUALIFIERS, PRE_QUALIFIERS

if TYPE_CHECKING:
    from great_expectations.data_context import AbstractDataContext

CRITICAL, WARNING = "critical", "warning"
DATASOURCE = "renda"
BATCH = "whole_frame"
# The extractor's own qualifier vocabulary, so the check and the extraction cannot drift apart.
QUALIFIERS = sorted({"", "多", "余", *PRE_QUALIFIERS, *POST_QUALIFIERS})
SENTENCE_MAX_CHARS = 1000  # longer means the splitter failed (no sentence-final mark for a page)
SENTENCE_WARN_CHARS = 400
MIN_METRIC_COVERAGE = 0.5
# Every failing row, so issues and quarantine can name documents and lines. GX gives each as its
# index in the pandas copy, that is its position in the frame; naming a row-number column instead
# made GX look each failing row up one value at a time, in passing checks too (0.1–0.25 CPU-s per
# 96 MB checked).
RESULT_FORMAT = {"result_format": "COMPLETE"}


@dataclass(frozen=True)
class Check:
    suite: str
    name: str
    expectation: str  # GX expectation class name
    kwargs: dict[str, Any]
    severity: str
    description: str
    column: str | None = field(default=None)

    def __post_init__(self) -> None:
        if self.column is None:
            col = self.kwargs.get("column") or self.kwargs.get("column_A") or self.kwargs.get("column_list")
            object.__setattr__(self, "column", ",".join(col) if isinstance(col, list) else col)


def _param(name: str) -> dict[str, str]:
    return {"$PARAMETER": name}


CHECKS: list[Check] = [
    # documents: one row per document, with its counts of sections, sentences and figures
    Check(
        "documents",
        "title_present",
        "ExpectColumnValuesToNotBeNull",
        {"column": "title"},
        CRITICAL,
        "Every document has a title.",
    ),
    Check(
        "documents",
        "title_not_blank",
        "ExpectColumnValuesToMatchRegex",
        {"column": "title", "regex": r"\S"},
        CRITICAL,
        "A title is not blank.",
    ),
    Check(
        "documents",
        "kind_present",
        "ExpectColumnValuesToNotBeNull",
        {"column": "kind"},
        CRITICAL,
        "Every document has a kind.",
    ),
    Check(
        "documents",
        "kind_known",
        "ExpectColumnValuesToBeInSet",
        {"column": "kind", "value_set": _param("kinds")},
        CRITICAL,
        "The kind is one of transforms.documents.KNOWN_KINDS.",
    ),
    Check(
        "documents",
        "year_covered_plausible",
        "ExpectColumnValuesToBeBetween",
        {"column": "year_covered", "min_value": 1949, "max_value": _param("max_year")},
        WARNING,
        "The year covered is between 1949 and next year (or unknown).",
    ),
    Check(
        "documents",
        "has_sentences",
        "ExpectColumnValuesToBeBetween",
        {"column": "sentences", "min_value": 1},
        CRITICAL,
        "A document has at least one sentence.",
    ),
    Check(
        "documents",
        "has_sections",
        "ExpectColumnValuesToBeBetween",
        {"column": "sections", "min_value": 1},
        WARNING,
        "A document has at least one headed section.",
    ),
    Check(
        "documents",
        "doc_id_unique",
        "ExpectColumnValuesToBeUnique",
        {"column": "doc_id"},
        CRITICAL,
        "doc_id identifies one document.",
    ),
    Check(
        "documents",
        "metric_coverage",
        "ExpectColumnValuesToBeBetween",
        {"column": "metric_coverage", "min_value": MIN_METRIC_COVERAGE},
        WARNING,
        f"At least {MIN_METRIC_COVERAGE:.0%} of a document's figures have a metric.",
    ),
    # sentences: `chars` is the length of the text (null when the text is), so GX never sees the text
    Check(
        "sentences",
        "text_present",
        "ExpectColumnValuesToNotBeNull",
        {"column": "chars"},
        CRITICAL,
        "Every sentence has text.",
    ),
    Check(
        "sentences",
        "text_not_empty",
        "ExpectColumnValuesToBeBetween",
        {"column": "chars", "min_value": 1},
        CRITICAL,
        "A sentence is not empty.",
    ),
    Check(
        "sentences",
        "split_bound",
        "ExpectColumnValuesToBeBetween",
        {"column": "chars", "max_value": SENTENCE_MAX_CHARS},
        CRITICAL,
        f"A sentence has at most {SENTENCE_MAX_CHARS} characters (longer: the sentence split failed).",
    ),
    Check(
        "sentences",
        "long_sentence",
        "ExpectColumnValuesToBeBetween",
        {"column": "chars", "max_value": SENTENCE_WARN_CHARS},
        WARNING,
        f"A sentence has at most {SENTENCE_WARN_CHARS} characters.",
    ),
    Check(
        "sentences",
        "sentence_key_unique",
        "ExpectCompoundColumnsToBeUnique",
        {"column_list": ["doc_id", "sentence_id"]},
        CRITICAL,
        "One row per (doc_id, sentence_id).",
    ),
    # figures
    Check(
        "figures",
        "sign_as_written",
        "ExpectColumnValuesToBeInSet",
        {"column": "sign_as_written", "value_set": [True]},
        CRITICAL,
        "A figure's value is negative exactly when its raw text starts with a minus sign or 负 "
        "(为-1.1‰, 为负千分之一点二).",
    ),
    Check(
        "figures",
        "masked_iff_null",
        "ExpectColumnValuesToBeInSet",
        {"column": "masked_iff_null", "value_set": [True]},
        CRITICAL,
        "A figure is masked exactly when its value is null (numeral arabic|chinese|masked).",
    ),
    Check(
        "figures",
        "share_at_most_100",
        "ExpectColumnValuesToBeBetween",
        {"column": "share_pct", "min_value": 0, "max_value": 100},
        CRITICAL,
        "A share or a rate of satisfaction/coverage (measure with 满意, 覆盖, 率, 比例, 占; not growth, "
        "fulfilment or a debt ratio) is at most 100%.",
    ),
    Check(
        "figures",
        "unit_known",
        "ExpectColumnValuesToBeInSet",
        {"column": "unit", "value_set": _param("units")},
        WARNING,
        "The unit is in the vocabulary seeds/units.csv (with 万/亿 for money and measures).",
    ),
    Check(
        "figures",
        "qualifier_known",
        "ExpectColumnValuesToBeInSet",
        {"column": "qualifier", "value_set": QUALIFIERS},
        WARNING,
        "The qualifier is one the extractor knows (多 余 近 约 超过 以上 左右 …), or empty.",
    ),
    Check(
        "figures",
        "raw_in_sentence",
        "ExpectColumnValuesToBeInSet",
        {"column": "raw_in_sentence", "value_set": [True]},
        CRITICAL,
        "A figure's raw text occurs in its sentence.",
    ),
    Check(
        "figures",
        "one_row_per_place",
        "ExpectCompoundColumnsToBeUnique",
        {"column_list": ["source_file", "source_line", "sentence_id", "position"]},
        CRITICAL,
        "One figure per place in the source (file, line, sentence, position).",
    ),
    Check(
        "figures",
        "part_not_above_total",
        "ExpectColumnPairValuesAToBeGreaterThanB",
        {
            "column_A": "total_value",
            "column_B": "value",
            "or_equal": True,
            "ignore_row_if": "either_value_is_missing",
        },
        WARNING,
        "A part (after 其中) is not larger than its stated total in the same sentence.",
        column="value",
    ),
    Check(
        "figures",
        "five_year_not_below_one_year",
        "ExpectColumnPairValuesAToBeGreaterThanB",
        {
            "column_A": "value",
            "column_B": "one_year_value",
            "or_equal": True,
            "ignore_row_if": "either_value_is_missing",
        },
        WARNING,
        "A five-year total is not below the same report's one-year figure of the same metric.",
        column="value",
    ),
    # terms
    Check(
        "terms",
        "count_positive",
        "ExpectColumnValuesToBeBetween",
        {"column": "count", "min_value": 1},
        WARNING,
        "A term count is positive.",
    ),
    Check(
        "terms",
        "term_present",
        "ExpectColumnValuesToNotBeNull",
        {"column": "term"},
        WARNING,
        "Every term row has a term.",
    ),
    Check(
        "terms",
        "term_not_blank",
        "ExpectColumnValuesToMatchRegex",
        {"column": "term", "regex": r"\S"},
        WARNING,
        "A term is not blank.",
    ),
]
SUITES = ["documents", "sentences", "figures", "terms"]
SUITE_META = {"source": "expectations/suites.py"}
CHECK_BY_NAME = {(c.suite, c.name): c for c in CHECKS}


def columns(suite: str) -> list[str]:
    """The columns a suite's checks read: all GX needs to see of a frame."""
    out: list[str] = []
    for c in CHECKS:
        if c.suite != suite:
            continue
        for key in ("column", "column_A", "column_B", "column_list"):
            value = c.kwargs.get(key)
            for col in value if isinstance(value, list) else [value] if value else []:
                if col not in out:
                    out.append(col)
    return out


def suite_name(suite: str) -> str:
    return f"renda_{suite}"


def _expectations(suite: str) -> list[Any]:
    import great_expectations.expectations as gxe

    return [
        getattr(gxe, c.expectation)(
            **c.kwargs, severity=c.severity, description=c.description, meta={"check": c.name}
        )
        for c in CHECKS
        if c.suite == suite
    ]


def build_suite(suite: str) -> Any:
    """The GX ExpectationSuite for one of SUITES, from CHECKS (not yet in any store).

    Expectations go in through the constructor: add_expectation on a suite whose name is already
    stored would write to the store.
    """
    import great_expectations as gx

    return gx.ExpectationSuite(
        name=suite_name(suite), expectations=_expectations(suite), meta=dict(SUITE_META)
    )


def _config(expectations: list[Any]) -> list[dict[str, Any]]:
    """What makes two suites the same: their expectations without ids."""
    out = []
    for exp in expectations:
        cfg = exp.configuration.to_json_dict()
        cfg.pop("id", None)
        out.append(cfg)
    return out


def sync(context: AbstractDataContext) -> None:
    """Make the context hold the datasource, suites and validation definitions of this module.

    Writes into the context's folder only what is missing or differs, so a run with an up-to-date
    expectations/gx/ leaves the repository untouched.
    """
    import great_expectations as gx

    source: Any  # a PandasDatasource (the generic Datasource type has no add_dataframe_asset)
    try:
        source = context.data_sources.get(DATASOURCE)
    except KeyError:
        source = context.data_sources.add_pandas(name=DATASOURCE)
    for suite in SUITES:
        try:
            asset = source.get_asset(suite)
        except LookupError:
            asset = source.add_dataframe_asset(name=suite)
        try:
            batch = asset.get_batch_definition(BATCH)
        except KeyError:
            batch = asset.add_batch_definition_whole_dataframe(BATCH)

        try:
            stored = context.suites.get(suite_name(suite))
        except Exception:  # GX raises its own not-found error types here
            stored = context.suites.add(build_suite(suite))
        wanted = _expectations(suite)
        if (
            _config(stored.expectations) != _config(wanted)
            or stored.meta.get("source") != SUITE_META["source"]
        ):
            stored.expectations = []
            stored.meta.update(SUITE_META)
            for exp in wanted:
                stored.add_expectation(exp)
            stored.save()

        try:
            definition = context.validation_definitions.get(suite_name(suite))
        except Exception:
            definition = context.validation_definitions.add(
                gx.ValidationDefinition(name=suite_name(suite), data=batch, suite=stored)
            )
        _sync_checkpoint(context, suite, definition)


def _sync_checkpoint(context: AbstractDataContext, suite: str, definition: Any) -> None:
    """One checkpoint per suite, since each validates its own dataframe.

    No UpdateDataDocsAction: each Data Docs build recompiles GX's templates (~0.7 s), so the gate
    builds the docs once for all four results instead of once per checkpoint.
    """
    import great_expectations as gx

    wanted = gx.Checkpoint(
        name=suite_name(suite), validation_definitions=[definition], actions=[], result_format=RESULT_FORMAT
    )
    try:
        stored = context.checkpoints.get(suite_name(suite))
    except Exception:
        context.checkpoints.add(wanted)
        return
    if stored.result_format != wanted.result_format or [a.type for a in stored.actions] != [
        a.type for a in wanted.actions
    ]:
        context.checkpoints.delete(suite_name(suite))
        context.checkpoints.add(wanted)


if __name__ == "__main__":
    from expectations.gate import open_context

    sync(open_context())
    print("expectations/gx/ is up to date")
