"""The CPU part of a run for one batch of files: read, decode, normalise, segment, tokenize, extract.

Runs in a worker (a process of the pool, or a Dask worker): it reads its own files, so only paths go
out, and it stages the warehouse rows plus the frames the quality gate's suites check (prepared
here, since the cross-row checks and text anomalies are plain CPU work); little comes back.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from expectations import stage as checks
from transforms import documents as doc_tf
from transforms import figures as fig_tf
from transforms import normalize as norm_tf
from transforms import segment as seg_tf
from transforms import taxonomy as tax_tf
from transforms import tokens as tok_tf
from transforms.decode import DecodeError, decode_all
from transforms.lanes import in_lane
from warehouse import rows, staging
from warehouse.staging import write_frames, write_tables


@dataclass(frozen=True)
class FileJob:
    path: str  # relative to the inbox
    abspath: Path
    sha256: str  # as hashed when the run classified the file


@dataclass
class Reference:
    """The seed data every batch needs (small; shipped to each worker)."""

    units: pl.DataFrame
    taxonomy: pl.DataFrame
    user_words: tok_tf.UserWords


@dataclass
class BatchResult:
    loaded: dict[str, str] = field(default_factory=dict)  # path → encoding
    quarantined: dict[str, str] = field(default_factory=dict)  # path → reason
    changed: list[str] = field(default_factory=list)  # bytes changed since classification: next run
    n: int = 0  # batch number: its files in the staging folder are named after it
    validate: bool = False  # transform outputs were staged for the quality gate
    counts: dict[str, int] = field(default_factory=dict)  # warehouse rows staged, by table
    docs: pl.DataFrame | None = None  # file_id, doc_id of every document found
    tokens: int = 0
    bytes_in: int = 0
    seconds: dict[str, float] = field(default_factory=dict)  # stage → wall seconds


class _Clock:
    def __init__(self, into: dict[str, float]) -> None:
        self.into, self.t = into, time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.into[stage] = self.into.get(stage, 0.0) + now - self.t
        self.t = now


def _normalize(frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """file texts → (paragraphs, repairs, table-of-contents lines)."""
    norm = norm_tf.normalize_lines(norm_tf.lines_from_texts(frame.select("file_id", "text")))
    # (Lines and paragraphs use more regexes between them than one lane keeps compiled.)
    paras, joins = in_lane("paragraphs", norm_tf.paragraphs, norm.lines)
    return paras, pl.concat([norm.repairs, joins]), norm.toc


def _segment(
    paras: pl.DataFrame, toc: pl.DataFrame, files: pl.DataFrame
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """paragraphs → (documents, paragraphs with document and section, sections, sentences)."""
    paras = doc_tf.assign_documents(paras, toc)
    docs = doc_tf.documents(paras)
    paras = seg_tf.attach_documents(paras, docs).join(files, on="file_id")
    paras, secs = seg_tf.sections(paras)
    return docs, paras, secs, seg_tf.sentences(paras)


def _extract(sents: pl.DataFrame, ref: Reference) -> pl.DataFrame:
    return tax_tf.map_metrics(fig_tf.extract_figures(sents, ref.units), ref.taxonomy)


def process_batch(jobs: list[FileJob], ref: Reference, n: int, stage_dir: Path) -> BatchResult:
    """Everything between the inbox and the quality gate, for one batch of files.

    The rows and the frames for the quality gate go to Parquet files in `stage_dir` (batch `n`);
    what comes back is small: what became of each file, counts and timings.
    """
    out = BatchResult(n=n)
    clock = _Clock(out.seconds)
    read: list[tuple[FileJob, bytes]] = []
    for job in jobs:
        try:
            data = job.abspath.read_bytes()
        except FileNotFoundError:
            out.changed.append(job.path)
            continue
        if hashlib.sha256(data).hexdigest() != job.sha256:
            out.changed.append(job.path)  # rewritten while the run went on: the next run loads it
            continue
        out.bytes_in += len(data)
        read.append((job, data))
    texts, outcomes = decode_all([data for _, data in read])
    for (job, _), outcome in zip(read, outcomes, strict=True):
        if isinstance(outcome, DecodeError):
            out.quarantined[job.path] = str(outcome)
        else:
            out.loaded[job.path] = outcome
    frame = pl.DataFrame(
        {
            "file_id": pl.Series([job.sha256 for job, _ in read], dtype=pl.String),
            "source_file": pl.Series([job.path for job, _ in read], dtype=pl.String),
            "text": texts,  # null where the file was quarantined
        }
    ).drop_nulls("text")
    del read, texts
    clock.lap("read")
    if frame.height == 0:
        return out

    files = frame.select("file_id", "source_file")
    # Each stage runs on a lane of its own (transforms/lanes.py), where the regexes it uses stay
    # compiled for the life of the process; the stages still run one after the other.
    paras, repairs, toc = in_lane("normalize", _normalize, frame)
    del frame
    clock.lap("normalize")

    docs, paras, secs, sents = in_lane("segment", _segment, paras, toc, files)
    clock.lap("segment")

    body = paras.filter(pl.col("role") != "header")
    term_counts, out.tokens = in_lane("tokenize", tok_tf.section_terms, body, ref.user_words)
    del body
    clock.lap("tokenize")

    figs = in_lane("extract", _extract, sents, ref)
    clock.lap("extract")

    # A file whose text normalises to nothing has no document: quarantine it.
    found = set(docs.get_column("file_id"))
    for row in files.iter_rows(named=True):
        if row["file_id"] not in found:
            del out.loaded[row["source_file"]]
            out.quarantined[row["source_file"]] = "no report text after normalisation"

    dim_document = rows.documents(docs, paras, files)
    out.docs = docs.select("file_id", "doc_id")
    frames = {
        "documents": dim_document,
        "sections": secs,
        "sentences": sents,
        "terms": checks.term_rows(term_counts),
        "figures": figs,
        "paragraphs": paras,
    }
    tables = {
        "dim_issuer": rows.issuers(dim_document),
        "dim_document": dim_document,
        "dim_section": rows.sections(secs, dim_document),
        "fact_sentence": rows.sentences(sents, figs),
        "fact_term": rows.terms(term_counts, n),
        staging.TERM_SECTIONS: rows.term_sections(term_counts, paras, n),
        staging.TERM_KEYS: rows.term_keys(term_counts, n),
        "normalization_repair": rows.repairs(repairs, paras, files),
        "fact_figure": rows.figures(figs, dim_document),
    }
    out.counts = {name: frame.height for name, frame in tables.items()}
    clock.lap("rows")
    # Written, then dropped, before the checks are prepared: a worker's peak memory is the batch's
    # frames plus one of the two.
    write_tables(stage_dir, n, tables)
    del tables
    clock.lap("stage")
    prepared = in_lane("validate", checks.prepare, frames, checks.unit_vocabulary(ref.units))
    del frames, paras, sents, figs, term_counts, secs, docs
    clock.lap("validate")
    write_frames(stage_dir, n, prepared)
    out.validate = True
    clock.lap("stage")
    return out
