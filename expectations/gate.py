"""The quality gate: validate batches' frames with the GX suites, report text anomalies, decide quarantine.

`run_quality` takes a batch's transform outputs; the flow instead has its workers run
`stage.prepare` on each batch and calls `check` on a few prepared batches at once (the `validate`
task, between the transforms and the load), then `publish_report`. Great Expectations is imported
lazily: it takes seconds, and the CLI must start fast.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import polars as pl

from expectations import docs as docs_mod
from expectations import stage as stage_mod
from expectations import suites as suites_mod

GX_ROOT = Path(__file__).resolve().parent / "gx"
KEEP_RUNS = 30  # validation results and their Data Docs pages kept per suite (older ones are pruned)
SAMPLE_VALUES = 5  # unexpected values quoted in dq_result.observed_value

DQ_RUN = pl.Schema(
    {
        "run_id": pl.String(),
        "started_at": pl.Datetime("us", "UTC"),
        "finished_at": pl.Datetime("us", "UTC"),
        "seconds": pl.Float64(),
        "documents": pl.Int64(),
        "sentences": pl.Int64(),
        "figures": pl.Int64(),
        "terms": pl.Int64(),
        "expectations": pl.Int64(),
        "failed_critical": pl.Int64(),
        "failed_warning": pl.Int64(),
        "issues": pl.Int64(),
        "quarantined": pl.Int64(),
        "success": pl.Boolean(),
        "docs_index": pl.String(),
        "gx_version": pl.String(),
    }
)
DQ_RESULT = pl.Schema(
    {
        "run_id": pl.String,
        "suite": pl.String,
        "expectation": pl.String,
        "column": pl.String,
        "success": pl.Boolean,
        "observed_value": pl.String,
        "unexpected_count": pl.Int64,
        "severity": pl.String,
    }
)
DQ_ISSUE = pl.Schema(
    {
        "run_id": pl.String,
        "source_file": pl.String,
        "source_line": pl.Int64,
        "doc_id": pl.String,
        "kind": pl.String,
        "severity": pl.String,
        "detail": pl.String,
    }
)


@dataclass
class QualityOutcome:
    dq_run: pl.DataFrame  # one row (DQ_RUN)
    dq_result: pl.DataFrame  # one row per expectation (DQ_RESULT)
    dq_issue: pl.DataFrame  # one row per failing row of a check, and per text anomaly (DQ_ISSUE)
    quarantine: dict[str, str]  # doc_id → reason, for documents with a critical failure
    docs_index: Path  # Data Docs index.html
    suites: list[dict[str, Any]] = field(default_factory=list)  # per-suite summaries for the index
    identifiers: list[Any] = field(default_factory=list)  # GX validation results to publish
    counts: dict[str, int] = field(default_factory=dict)  # rows validated per suite
    started: datetime = field(default_factory=lambda: datetime.now(UTC))
    seconds: float = 0.0


_contexts: dict[Path, Any] = {}
_lock = threading.Lock()


def open_context(site_dir: Path | None = None) -> Any:
    """The File data context of expectations/gx/, writing results and Data Docs beside site_dir.

    Validation results go to site_dir/../validations (no site_dir: a temporary folder, for setup
    only). One context per site_dir and process.
    """
    site = (site_dir or Path(tempfile.gettempdir()) / "renda-dq" / "site").resolve()
    with _lock:
        if site in _contexts:
            return _contexts[site]
        os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
        import great_expectations as gx
        from great_expectations.execution_engine import pandas_execution_engine

        # GX fingerprints every frame it validates (an MD5 over pandas' hash of each row, for the
        # results' batch markers) when it is under this many bytes: 14% of the suites' CPU, for a
        # marker of a temporary copy that nothing here reads. Zero turns it off.
        pandas_execution_engine.HASH_THRESHOLD = 0
        site.mkdir(parents=True, exist_ok=True)
        context = gx.get_context(
            mode="file",
            context_root_dir=str(GX_ROOT),
            runtime_environment={
                "RENDA_DQ_SITE": str(site),
                "RENDA_DQ_RESULTS": str(site.parent / "validations"),
            },
        )
        suites_mod.sync(context)
        _contexts[site] = context
        return context


def allowed_units() -> list[str]:
    """The units a figure may have (`stage.unit_vocabulary` of seeds/units.csv)."""
    from flows.config import load_units

    return stage_mod.unit_vocabulary(load_units())


def _parameters() -> dict[str, Any]:
    from transforms.documents import KNOWN_KINDS

    return {"units": allowed_units(), "kinds": list(KNOWN_KINDS), "max_year": datetime.now(UTC).year + 1}


def _observed(result: dict[str, Any], rows: int) -> str:
    """What GX observed; `rows` checked in all (GX may have seen only those that could fail)."""
    if "observed_value" in result:
        return str(result["observed_value"])
    count, total = result.get("unexpected_count") or 0, max(rows, result.get("element_count") or 0)
    text = f"{count} of {total} unexpected"
    sample = result.get("partial_unexpected_list") or []
    if count and sample:
        text += ": " + ", ".join(str(_plain(v)) for v in sample[:SAMPLE_VALUES])
    return text


def _plain(value: Any) -> Any:
    """A NumPy scalar (or a tuple of them, from a column-pair check) as the Python value it holds."""
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    return value.item() if hasattr(value, "item") and hasattr(value, "dtype") else value


def _shown(column: str) -> pl.Expr:
    """A column as text in an issue's detail: a null (often what failed) as "(none)", not a null detail."""
    return pl.col(column).cast(pl.String).fill_null("(none)")


def _row_context(suite: str) -> pl.Expr:
    """What a reviewer needs to find a failing row, by suite."""
    if suite == "documents":
        return pl.format("document {} titled {}", _shown("doc_id"), _shown("title"))
    if suite == "sentences":
        return pl.format("{} chars: {}…", _shown("chars"), pl.col("excerpt").fill_null(""))
    if suite == "figures":
        extra = (
            pl.when(pl.col("total_raw").is_not_null())
            .then(pl.lit("; total ") + pl.col("total_raw"))
            .when(pl.col("one_year_raw").is_not_null())
            .then(pl.lit("; one-year ") + pl.col("one_year_raw"))
            .otherwise(pl.lit(""))
        )
        return pl.format(
            "{} ({}){} in: {}",
            pl.col("raw").fill_null(""),
            pl.col("measure").fill_null(""),
            extra,
            pl.col("excerpt").fill_null(""),
        )
    return pl.format("term {} count {}", _shown("term"), _shown("count"))


def _pandas(frame: pl.DataFrame) -> Any:
    """The copy GX validates: Arrow-backed, but with NumPy numeric columns where that loses nothing.

    GX compares only NumPy int and float columns vectorised; an Arrow-backed one takes a Python
    call per value (a second per run on 600,000 sentences). Floats become NumPy with NaN for null
    (GX counts NaN as missing, like a null); an integer column only when it has no nulls.
    """
    df = frame.to_pandas(use_pyarrow_extension_array=True)
    for name, dtype in frame.schema.items():
        column = frame.get_column(name)
        if dtype.is_float():
            df[name] = column.cast(pl.Float64).to_numpy()
        elif dtype.is_integer() and column.null_count() == 0:
            df[name] = column.cast(pl.Int64).to_numpy()
    return df


def _validate(
    context: Any,
    staged: dict[str, pl.DataFrame],
    rows_checked: dict[str, int],
    run_id: str,
    gx_run_name: str,
    when: datetime,
) -> tuple[list[dict[str, Any]], list[pl.DataFrame], list[dict[str, Any]], list[Any]]:
    """Run each suite's checkpoint on its staged frame (`rows_checked`: the rows each stands for).

    Returns (dq_result rows, issue frames, per-suite summaries for the index, result identifiers).
    """
    from great_expectations.core.run_identifier import RunIdentifier

    gx_run = RunIdentifier(run_name=gx_run_name, run_time=when)
    params = _parameters()
    rows: list[dict[str, Any]] = []
    issues: list[pl.DataFrame] = []
    identifiers: list[Any] = []
    summaries: list[dict[str, Any]] = []
    for suite in suites_mod.SUITES:
        frame = staged[suite]
        checkpoint = context.checkpoints.get(suites_mod.suite_name(suite))
        run = checkpoint.run(
            # Only the columns the checks read: the text kept for issue details stays in polars.
            batch_parameters={"dataframe": _pandas(frame.select(suites_mod.columns(suite)))},
            expectation_parameters=params,
            run_id=gx_run,
        )
        ((identifier, outcome),) = run.run_results.items()
        identifiers.append(identifier)
        summary: dict[str, Any] = {
            "suite": suite,
            "success": bool(outcome.success),
            "evaluated": len(outcome.results),
            "failed": [],
            "page": "validations/" + "/".join(identifier.to_tuple()) + ".html",
        }
        summaries.append(summary)
        for res in outcome.results:
            cfg = res.expectation_config
            check = suites_mod.CHECK_BY_NAME[(suite, (cfg.meta or {})["check"])]
            detail = res.result or {}
            unexpected = detail.get("unexpected_index_list") or []  # positions in `frame`
            if res.exception_info and res.exception_info.get("raised_exception"):
                observed = "error: " + str(res.exception_info.get("exception_message"))
            else:
                observed = _observed(detail, rows_checked[suite])
            rows.append(
                {
                    "run_id": run_id,
                    "suite": suite,
                    "expectation": check.name,
                    "column": check.column,
                    "success": bool(res.success),
                    "observed_value": observed,
                    "unexpected_count": detail.get("unexpected_count"),
                    "severity": check.severity,
                }
            )
            if not res.success:
                summary["failed"].append(
                    {
                        "expectation": check.name,
                        "severity": check.severity,
                        "description": check.description,
                        "unexpected_count": detail.get("unexpected_count"),
                    }
                )
            if res.success or not unexpected:
                continue
            at = pl.Series(unexpected, dtype=pl.UInt32).unique().sort()
            issues.append(
                frame.select(pl.all().gather(at)).select(
                    run_id=pl.lit(run_id),
                    source_file="source_file",
                    source_line="source_line",
                    doc_id="doc_id",
                    kind=pl.lit(f"{suite}.{check.name}"),
                    severity=pl.lit(check.severity),
                    detail=pl.lit(check.description + " — ") + _row_context(suite),
                )
            )
    return rows, issues, summaries, identifiers


def _prune(root: Path, keep: int) -> None:
    """Keep the newest `keep` run folders per suite under root/<suite>/<run_name>/ (results or pages)."""
    if not root.is_dir():
        return
    for suite_dir in (p for p in root.iterdir() if p.is_dir()):
        runs = sorted(
            (p for p in suite_dir.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True
        )
        for old in runs[keep:]:
            shutil.rmtree(old, ignore_errors=True)


def _quarantine(issues: pl.DataFrame) -> dict[str, str]:
    critical = issues.filter((pl.col("severity") == "critical") & pl.col("doc_id").is_not_null())
    if critical.height == 0:
        return {}
    reasons = (
        critical.with_columns(
            one=pl.format(
                "{} at {}:{}: {}", "kind", "source_file", "source_line", pl.col("detail").str.slice(0, 160)
            )
        )
        .group_by("doc_id", maintain_order=True)
        .agg(first=pl.col("one").first(), n=pl.len())
        .with_columns(
            reason=pl.when(pl.col("n") > 1)
            .then(pl.format("{} (+{} more critical)", "first", pl.col("n") - 1))
            .otherwise(pl.col("first"))
        )
    )
    return dict(reasons.select("doc_id", "reason").iter_rows())


def run_quality(
    frames: dict[str, pl.DataFrame],
    *,
    run_id: str,
    site_dir: Path,
    batch: int | None = None,
    publish: bool = True,
) -> QualityOutcome:
    """Validate one batch of transform outputs and say which documents to quarantine.

    frames: documents (doc_id, source_file, title, kind, year_covered, first_line), sections,
    sentences (SENTENCES + role), terms (doc_id, section_no, term, count), figures (FIGURES +
    metric, category, source_file) and paragraphs; any may be missing or empty.
    """
    t0 = time.perf_counter()
    prepared = stage_mod.prepare(frames, units=allowed_units())
    return check(
        prepared,
        run_id=run_id,
        site_dir=site_dir,
        batch=batch,
        publish=publish,
        seconds=time.perf_counter() - t0,
    )


def check(
    prepared: dict[str, pl.DataFrame],
    *,
    run_id: str,
    site_dir: Path,
    batch: int | None = None,
    publish: bool = True,
    seconds: float = 0.0,
) -> QualityOutcome:
    """Run the suites on frames from `stage.prepare` and say which documents to quarantine.

    A run of several batches checks each (`batch` numbers them, so their results are kept apart)
    with publish=False, then calls `publish_report` once with all outcomes. Data Docs are rebuilt in
    site_dir (validation results kept in site_dir/../validations). `seconds`: time already spent
    preparing the frames, added to the reported duration.
    """
    started = datetime.now(UTC)
    t0 = time.perf_counter()
    staged = {name: prepared[name] for name in suites_mod.SUITES}
    anomalies = prepared["anomalies"]

    # GX sees only the sentences and figures that could break a check: their numbers are the
    # documents' counts.
    counts = {name: staged[name].height for name in suites_mod.SUITES} | {
        name: int(staged["documents"].get_column(name).sum()) for name in ("sentences", "figures")
    }
    context = open_context(site_dir)
    gx_run = run_id if batch is None else f"{run_id}-batch{batch:04d}"
    result_rows, issue_frames, summaries, identifiers = _validate(
        context, staged, counts, run_id, gx_run, started
    )

    dq_result = pl.DataFrame(result_rows, schema=DQ_RESULT)
    dq_issue = (
        pl.concat(
            [*issue_frames, anomalies.with_columns(run_id=pl.lit(run_id))],
            how="diagonal_relaxed",
        )
        .select(DQ_ISSUE.names())
        .cast(DQ_ISSUE)
        .sort("source_file", "source_line", "kind", nulls_last=True)
    )
    outcome = QualityOutcome(
        dq_run=pl.DataFrame(schema=DQ_RUN),
        dq_result=dq_result,
        dq_issue=dq_issue,
        quarantine=_quarantine(dq_issue),
        docs_index=Path(site_dir).resolve() / "index.html",
        suites=summaries,
        identifiers=identifiers,
        counts=counts,
        started=started,
        seconds=seconds + time.perf_counter() - t0,
    )
    return publish_report([outcome], run_id=run_id, site_dir=site_dir) if publish else outcome


def _merge_suites(parts: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Per-suite summaries of several batches as one: failed if any batch failed, counts summed."""
    merged: dict[str, dict[str, Any]] = {}
    for summaries in parts:
        for s in summaries:
            into = merged.setdefault(s["suite"], {**s, "failed": []})
            into["success"] = into["success"] and s["success"]
            into["page"] = s["page"] if not s["success"] or into.get("page") is None else into["page"]
            for f in s["failed"]:
                same = next((g for g in into["failed"] if g["expectation"] == f["expectation"]), None)
                if same is None:
                    into["failed"].append(dict(f))
                elif f["unexpected_count"] is not None:
                    same["unexpected_count"] = (same["unexpected_count"] or 0) + f["unexpected_count"]
    return list(merged.values())


def publish_report(outcomes: list[QualityOutcome], *, run_id: str, site_dir: Path) -> QualityOutcome:
    """One run's outcome from its batches: dq rows merged, Data Docs and the summary rebuilt once."""
    t0 = time.perf_counter()
    site = Path(site_dir).resolve()
    index = site / "index.html"
    context = open_context(site_dir)
    identifiers = [i for o in outcomes for i in o.identifiers]
    if identifiers:
        context.build_data_docs(resource_identifiers=identifiers)
    _prune(site.parent / "validations", KEEP_RUNS)
    _prune(site / "validations", KEEP_RUNS)

    results = pl.concat([o.dq_result for o in outcomes]) if outcomes else pl.DataFrame(schema=DQ_RESULT)
    # One row per expectation per run, whatever the number of batches.
    dq_result = (
        results.group_by("run_id", "suite", "expectation", "column", "severity", maintain_order=True)
        .agg(
            success=pl.col("success").all(),
            observed_value=pl.col("observed_value").sort_by(pl.col("success")).first(),
            unexpected_count=pl.col("unexpected_count").sum()
            if results.height
            else pl.col("unexpected_count").first(),
        )
        .select(DQ_RESULT.names())
        .cast(DQ_RESULT)
    )
    dq_issue = pl.concat([o.dq_issue for o in outcomes]) if outcomes else pl.DataFrame(schema=DQ_ISSUE)
    quarantine = {doc: reason for o in outcomes for doc, reason in o.quarantine.items()}
    counts = {name: sum(o.counts.get(name, 0) for o in outcomes) for name in suites_mod.SUITES}
    started = min((o.started for o in outcomes), default=datetime.now(UTC))
    suites = _merge_suites([o.suites for o in outcomes])
    if suites:
        docs_mod.write_summary(
            site,
            {
                "run_id": run_id,
                "time": started.strftime("%Y-%m-%d %H:%M:%S"),
                "counts": counts,
                "issues": dq_issue.height,
                "quarantine": quarantine,
                "suites": suites,
                # Where each problem is, for the reviewer (the full list stays in dq_issue).
                "issue_rows": dq_issue.head(docs_mod.MAX_ISSUES)
                .select("severity", "kind", "source_file", "source_line", "detail")
                .rows(named=True),
            },
            keep=KEEP_RUNS,
        )

    import great_expectations as gx

    failed = dq_result.filter(~pl.col("success"))
    seconds = sum(o.seconds for o in outcomes) + time.perf_counter() - t0
    dq_run = pl.DataFrame(
        [
            {
                "run_id": run_id,
                "started_at": started,
                "finished_at": datetime.now(UTC),
                "seconds": round(seconds, 3),
                **counts,
                "expectations": dq_result.height,
                "failed_critical": failed.filter(pl.col("severity") == "critical").height,
                "failed_warning": failed.filter(pl.col("severity") == "warning").height,
                "issues": dq_issue.height,
                "quarantined": len(quarantine),
                "success": failed.filter(pl.col("severity") == "critical").height == 0,
                "docs_index": str(index),
                "gx_version": gx.__version__,
            }
        ],
        schema=DQ_RUN,
    )
    return QualityOutcome(
        dq_run=dq_run,
        dq_result=dq_result,
        dq_issue=dq_issue,
        quarantine=quarantine,
        docs_index=index,
        suites=suites,
        identifiers=identifiers,
        counts=counts,
        started=started,
        seconds=seconds,
    )
