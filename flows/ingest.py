"""The ingest-reports flow: inbox → normalised, segmented documents → DuckDB, in one load.

Tasks are stages over the whole batch (never one per file or sentence); frames pass between them
in memory, so results are neither cached nor persisted.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import flow_run

from expectations.gate import QualityOutcome, run_quality
from flows import inbox as inbox_io
from flows.config import USER_DICT, load_taxonomy, load_units
from flows.locking import run_lock
from transforms import documents as doc_tf
from transforms import figures as fig_tf
from transforms import normalize as norm_tf
from transforms import segment as seg_tf
from transforms import taxonomy as tax_tf
from transforms import tokens as tok_tf
from warehouse import db, rows
from warehouse.load import Load, load, read_ledger, record_failed_run


@dataclass
class RunSummary:
    run_id: str
    status: str
    warehouse: str
    files_seen: int = 0
    loaded: list[str] = field(default_factory=list)
    unchanged: int = 0
    duplicates: list[str] = field(default_factory=list)
    quarantined: dict[str, str] = field(default_factory=dict)
    quarantined_documents: dict[str, str] = field(default_factory=dict)  # doc_id → reason
    docs_index: str | None = None
    settling: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0


def new_run_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ-") + secrets.token_hex(3)


@task(name="discover", cache_policy=NO_CACHE, persist_result=False)
def discover_task(
    inbox: Path, warehouse: Path, settle_seconds: float, db_wait_seconds: float
) -> tuple[inbox_io.Plan, pl.DataFrame]:
    with db.connect(warehouse, wait_seconds=db_wait_seconds) as con:
        ledger = read_ledger(con)
    return inbox_io.discover(inbox, ledger, settle_seconds=settle_seconds), ledger


@task(
    name="read-and-decode", retries=2, retry_delay_seconds=[1, 4], cache_policy=NO_CACHE, persist_result=False
)
def read_task(candidates: list[inbox_io.Candidate], ledger: pl.DataFrame) -> list[inbox_io.Outcome]:
    return inbox_io.read(candidates, ledger)


@task(name="normalize", cache_policy=NO_CACHE, persist_result=False)
def normalize_task(texts: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    norm = norm_tf.normalize_lines(norm_tf.lines_from_texts(texts.select("file_id", "text")))
    paras, joins = norm_tf.paragraphs(norm.lines)
    return paras, pl.concat([norm.repairs, joins]), norm.toc


@task(name="split-documents", cache_policy=NO_CACHE, persist_result=False)
def split_task(paras: pl.DataFrame, toc: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    paras = doc_tf.assign_documents(paras, toc)
    return paras, doc_tf.documents(paras)


@task(name="segment", cache_policy=NO_CACHE, persist_result=False)
def segment_task(
    paras: pl.DataFrame, docs: pl.DataFrame, files: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    paras = seg_tf.attach_documents(paras, docs).join(files, on="file_id")
    paras, secs = seg_tf.sections(paras)
    return paras, secs, seg_tf.sentences(paras)


@task(name="tokenize", cache_policy=NO_CACHE, persist_result=False)
def tokenize_task(paras: pl.DataFrame) -> tuple[pl.DataFrame, int]:
    words = tok_tf.parse_user_dict(USER_DICT.read_text(encoding="utf-8"))
    tokens = tok_tf.cut_paragraphs(paras.filter(pl.col("role") != "header"), words)
    return tok_tf.term_counts(tokens), tokens.height


@task(name="extract-figures", cache_policy=NO_CACHE, persist_result=False)
def figures_task(sents: pl.DataFrame, units: pl.DataFrame, taxonomy: pl.DataFrame) -> pl.DataFrame:
    return tax_tf.map_metrics(fig_tf.extract_figures(sents, units), taxonomy)


@task(name="validate", cache_policy=NO_CACHE, persist_result=False)
def validate_task(frames: dict[str, pl.DataFrame], run_id: str, site_dir: Path) -> QualityOutcome:
    return run_quality(frames, run_id=run_id, site_dir=site_dir)


@task(name="load", cache_policy=NO_CACHE, persist_result=False)
def load_task(warehouse: Path, batch: Load, db_wait_seconds: float) -> None:
    with db.connect(warehouse, wait_seconds=db_wait_seconds) as con:
        load(con, batch)


def dq_site(warehouse: Path) -> Path:
    """Where the Data Docs of a warehouse live: beside it."""
    return warehouse.parent / "dq" / "site"


def _quarantine_files(good: list[inbox_io.Outcome], docs: pl.DataFrame, quarantine: dict[str, str]) -> None:
    """A file all of whose documents failed is quarantined; one with some failing says so in its reason."""
    if not quarantine:
        return
    by_file = docs.group_by("file_id").agg(pl.col("doc_id")).rows()
    for file_id, doc_ids in by_file:
        failed = [d for d in doc_ids if d in quarantine]
        if not failed:
            continue
        outcome = next(o for o in good if o.sha256 == file_id)
        reasons = "; ".join(f"{d}: {quarantine[d]}" for d in failed)
        if len(failed) == len(doc_ids):
            outcome.status, outcome.reason = "quarantined", f"failed data quality: {reasons}"
        else:
            outcome.reason = f"{len(failed)} of {len(doc_ids)} documents quarantined: {reasons}"


def _ledger_rows(outcomes: list[inbox_io.Outcome], ledger: pl.DataFrame, run_id: str) -> pl.DataFrame:
    before = {r["path"]: r for r in ledger.iter_rows(named=True)}
    now = datetime.now(UTC)
    out = []
    for o in outcomes:
        prev = before.get(o.candidate.path)
        status = prev["status"] if o.status == "unchanged" and prev else o.status
        out.append(
            {
                "path": o.candidate.path,
                "size_bytes": o.candidate.size,
                "mtime_ns": o.candidate.mtime_ns,
                "sha256": o.sha256,
                "status": status,
                "reason": o.reason,
                "encoding": o.encoding,
                "duplicate_of": o.duplicate_of,
                "run_id": run_id if o.status != "unchanged" or not prev else prev["run_id"],
                "first_run_id": prev["first_run_id"] if prev else run_id,
                "updated_at": now,
            }
        )
    return pl.DataFrame(out, schema_overrides={"updated_at": pl.Datetime("us", "UTC")})


@flow(name="ingest-reports", persist_result=False, log_prints=True)
def ingest_reports(
    inbox: str,
    warehouse: str,
    settle_seconds: float = 2.0,
    lock_wait_seconds: float = 60.0,
    db_wait_seconds: float = 30.0,
) -> RunSummary:
    """Load what is new in the inbox into the warehouse, in one transaction.

    settle_seconds: files modified more recently are still being written and wait for the next run.
    lock_wait_seconds: how long to wait for another run on the same warehouse to finish.
    db_wait_seconds: how long to retry, with backoff, while another process holds the DuckDB file.
    """
    with run_lock(Path(warehouse), wait_seconds=lock_wait_seconds):
        return _ingest(Path(inbox), Path(warehouse), settle_seconds, db_wait_seconds)


def _ingest(box: Path, wh: Path, settle_seconds: float, db_wait_seconds: float) -> RunSummary:
    log = get_run_logger()
    started, t0 = datetime.now(UTC), time.perf_counter()
    run_id = new_run_id()
    summary = RunSummary(run_id=run_id, status="succeeded", warehouse=str(wh))
    run_row: dict[str, object] = {
        "run_id": run_id,
        "flow_run_id": str(flow_run.get_id() or ""),
        "started_at": started,
        "inbox": str(box),
    }
    try:
        plan, ledger = discover_task(box, wh, settle_seconds, db_wait_seconds)
        summary.files_seen, summary.settling = plan.seen, plan.settling
        outcomes = read_task(plan.candidates, ledger) if plan.candidates else []
        good = [o for o in outcomes if o.status == "loaded"]
        texts = pl.DataFrame(
            {
                "file_id": [o.sha256 for o in good],
                "source_file": [o.candidate.path for o in good],
                "text": [o.text for o in good],
            },
            schema={"file_id": pl.String, "source_file": pl.String, "text": pl.String},
        )
        files = texts.select("file_id", "source_file")
        tables: dict[str, pl.DataFrame] = {}
        counts = {"documents": 0, "sections": 0, "sentences": 0, "tokens": 0, "terms": 0, "figures": 0}
        if texts.height:
            paras, repairs, toc = normalize_task(texts)
            paras, docs = split_task(paras, toc)
            # A file that yields no document has no report text left after normalisation.
            empty = set(files.get_column("file_id")) - set(docs.get_column("file_id"))
            for o in good:
                if o.sha256 in empty:
                    o.status, o.reason, o.text = "quarantined", "no report text after normalisation", None
            paras, secs, sents = segment_task(paras, docs, files)
            term_counts, n_tokens = tokenize_task(paras)
            units, taxonomy = load_units(), load_taxonomy()
            figs = figures_task(sents, units, taxonomy)
            dim_document = rows.documents(docs, paras, files, run_id)
            quality = validate_task(
                {
                    "documents": dim_document,
                    "sections": secs,
                    "sentences": sents,
                    "terms": term_counts,
                    "figures": figs,
                    "paragraphs": paras,
                },
                run_id,
                dq_site(wh),
            )
            summary.docs_index = str(quality.docs_index)
            summary.quarantined_documents = quality.quarantine
            tables = {
                "dim_issuer": rows.issuers(dim_document),
                "dim_document": dim_document,
                "dim_section": rows.sections(secs, dim_document, run_id),
                "fact_sentence": rows.sentences(sents, run_id),
                "fact_term": rows.terms(term_counts, paras, run_id),
                "normalization_repair": rows.repairs(repairs, paras, files, run_id),
                "dim_unit": rows.units(units),
                "dim_metric": rows.metrics(taxonomy),
                "fact_figure": rows.figures(figs, sents, run_id),
            }
            # A document failing a critical check is not loaded; the rest of its file is.
            tables = rows.without_documents(tables, set(quality.quarantine))
            _quarantine_files(good, docs, quality.quarantine)
            tables |= {"dq_run": quality.dq_run, "dq_result": quality.dq_result, "dq_issue": quality.dq_issue}
            counts.update(
                documents=tables["dim_document"].height,
                sections=tables["dim_section"].height,
                sentences=tables["fact_sentence"].height,
                tokens=n_tokens,
                terms=tables["fact_term"].height,
                figures=tables["fact_figure"].height,
            )
        summary.counts = counts
        summary.loaded = [o.candidate.path for o in outcomes if o.status == "loaded"]
        summary.duplicates = [o.candidate.path for o in outcomes if o.status == "duplicate"]
        summary.quarantined = {
            o.candidate.path: o.reason or "" for o in outcomes if o.status == "quarantined"
        }
        summary.unchanged = len(plan.unchanged) + sum(o.status == "unchanged" for o in outcomes)
        summary.status = "partial" if summary.quarantined or summary.quarantined_documents else "succeeded"
        prior = set(ledger.get_column("path"))
        run_row.update(
            finished_at=datetime.now(UTC),
            status=summary.status,
            files_seen=plan.seen,
            files_loaded=len(summary.loaded),
            files_unchanged=summary.unchanged,
            files_duplicate=len(summary.duplicates),
            files_quarantined=len(summary.quarantined),
            **counts,
        )
        # Nothing new at all: leave the warehouse untouched, not even a run row.
        if outcomes:
            batch = Load(
                run=run_row,
                tables=tables,
                ledger=_ledger_rows(outcomes, ledger, run_id),
                replace_files=[
                    o.candidate.path
                    for o in outcomes
                    if o.status in {"loaded", "duplicate"} and o.candidate.path in prior
                ],
            )
            load_task(wh, batch, db_wait_seconds)
        for path, reason in summary.quarantined.items():
            log.warning("quarantined %s: %s", path, reason)
    except Exception as err:
        summary.status = "failed"
        run_row.update(finished_at=datetime.now(UTC), status="failed", message=f"{type(err).__name__}: {err}")
        try:
            with db.connect(wh, wait_seconds=5) as con:
                record_failed_run(con, run_row)
        except Exception as inner:  # the warehouse itself may be what failed
            log.error("could not record the failed run: %s", inner)
        raise
    finally:
        summary.elapsed = time.perf_counter() - t0
    return summary
