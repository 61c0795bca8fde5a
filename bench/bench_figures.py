"""Throughput of extract_figures: the seed sentences repeated to >= 50 MB of text, in MB/s.

Run: .venv/bin/python bench/bench_figures.py [target_mb]

Prints wall-clock MB/s (the target) and the CPU seconds of the process during the run: on a busy
machine the wall time moves with the load, the CPU time much less.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from figures_score import REPORTS, sentences_of  # noqa: E402

from flows.config import load_units  # noqa: E402
from transforms.figures import extract_figures  # noqa: E402
from transforms.frames import SENTENCES  # noqa: E402


def seed_sentences() -> pl.DataFrame:
    """SENTENCES of the five sample texts (doc ids made unique per file)."""
    frames = [
        sentences_of(p).select(SENTENCES.names()).with_columns(doc_id=pl.lit(p.stem) + pl.col("doc_id"))
        for p in sorted(REPORTS.glob("*.txt"))
    ]
    return pl.concat(frames)


def repeated(sents: pl.DataFrame, target_bytes: int) -> pl.DataFrame:
    """Copies of the seed sentences, each copy a distinct document, until target_bytes of text."""
    size = int(sents["text"].str.len_bytes().sum())
    copies = -(-target_bytes // size)
    return pl.concat(
        [sents.with_columns(doc_id=pl.col("doc_id") + f"#{i}") for i in range(copies)], rechunk=True
    )


def main(target_mb: float = 50.0) -> None:
    units = load_units()
    big = repeated(seed_sentences(), int(target_mb * 1_000_000))
    mb = int(big["text"].str.len_bytes().sum()) / 1_000_000
    extract_figures(big.head(2000), units)  # warm-up: regex compilation and the verb list
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    figs = extract_figures(big, units)
    elapsed = time.perf_counter() - t0
    cpu = time.process_time() - cpu0
    print(f"{mb:.1f} MB of sentence text, {big.height} sentences, {figs.height} figures")
    threads = pl.thread_pool_size()
    print(f"extract_figures: {elapsed:.2f} s, {mb / elapsed:.1f} MB/s ({cpu:.2f} s CPU, {threads} threads)")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 50.0)
