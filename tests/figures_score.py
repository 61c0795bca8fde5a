"""Score extracted figures against the hand-checked gold of the sample texts (tests/data).

A figure matches a gold figure on (file, line, value, unit), with multiplicity; the places listed in
ignore.jsonl are scored neither way. Reused by the gold test and by benchmarks.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from flows.config import load_units
from transforms.figures import extract_figures

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "data" / "figures.jsonl"
IGNORE = ROOT / "tests" / "data" / "ignore.jsonl"
REPORTS = ROOT / "seeds" / "reports"
KEY = ["doc", "line", "value", "unit"]


def _fallback_sentences(text: str, source_file: str) -> pl.DataFrame:
    """One "sentence" per non-empty raw line, for when the real segmenter is not available."""
    from transforms.frames import SENTENCES

    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    rows = [(i, t) for i, t in enumerate(lines, start=1) if t.strip()]
    return pl.DataFrame(
        {
            "doc_id": [source_file] * len(rows),
            "source_file": [source_file] * len(rows),
            "section_id": [0] * len(rows),
            "paragraph_id": [i for i, _ in rows],
            "sentence_id": list(range(len(rows))),
            "text": [t for _, t in rows],
            "source_line": [i for i, _ in rows],
            "seg_offsets": [[0] for _ in rows],
            "seg_lines": [[i] for i, _ in rows],
        },
        schema=SENTENCES,
    )


def sentences_of(path: Path) -> pl.DataFrame:
    """SENTENCES of one sample text, from the real segmenter when it exists."""
    text = path.read_bytes().decode("utf-8")
    try:
        from transforms.segment import sentences_from_text
    except ImportError:
        return _fallback_sentences(text, path.name)
    return sentences_from_text(text, path.name)


def predicted(reports: Path = REPORTS, units: pl.DataFrame | None = None) -> pl.DataFrame:
    """Figures of every sample text, with the file name as `doc` and the raw line as `line`."""
    units = load_units() if units is None else units
    frames = []
    for path in sorted(reports.glob("*.txt")):
        sents = sentences_of(path)
        figs = extract_figures(sents, units)
        frames.append(figs.with_columns(doc=pl.lit(path.name), line=pl.col("source_line")))
    return pl.concat(frames)


def load_jsonl(path: Path) -> pl.DataFrame:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return pl.DataFrame(rows, infer_schema_length=None)


def _squash(expr: pl.Expr) -> pl.Expr:
    return expr.str.replace_all(r"[\s*]", "")


def _pair(pred: pl.DataFrame, gold: pl.DataFrame, key: list[str]) -> pl.DataFrame:
    """Matched (pred, gold) pairs: the i-th figure of a key in each frame, in text order."""
    p = pred.with_columns(rank=pl.int_range(pl.len()).over(key))
    g = gold.with_columns(rank=pl.int_range(pl.len()).over(key))
    return p.join(g, on=[*key, "rank"], how="inner", suffix="_gold", nulls_equal=True)


@dataclass
class Score:
    n_pred: int
    n_gold: int
    n_matched: int
    by_kind: dict[str, tuple[float, float]] = field(default_factory=dict)  # kind → (precision, recall)
    masked_recall: float = 0.0
    measure_rate: float = 0.0
    scope_rate: float = 0.0
    false_pos: pl.DataFrame = field(default_factory=pl.DataFrame)
    false_neg: pl.DataFrame = field(default_factory=pl.DataFrame)

    @property
    def precision(self) -> float:
        return self.n_matched / self.n_pred if self.n_pred else 1.0

    @property
    def recall(self) -> float:
        return self.n_matched / self.n_gold if self.n_gold else 1.0

    def report(self) -> str:
        lines = [
            f"figures: predicted {self.n_pred}, gold {self.n_gold}, matched {self.n_matched}",
            f"precision {self.precision:.4f}  recall {self.recall:.4f}",
        ]
        for kind, (p, r) in sorted(self.by_kind.items()):
            lines.append(f"  {kind:8s} precision {p:.4f}  recall {r:.4f}")
        lines.append(f"masked recall {self.masked_recall:.4f}")
        lines.append(f"measure match {self.measure_rate:.4f}")
        lines.append(f"scope match {self.scope_rate:.4f}")
        return "\n".join(lines)


def score(pred: pl.DataFrame, gold: pl.DataFrame, ignore: pl.DataFrame) -> Score:
    """Precision/recall on (doc, line, value, unit) with multiplicity, per numeral kind, masked recall
    the share of matched figures whose measure and the gold's contain one another, and the share whose
    scope (reporting period) is the gold's."""
    pred = pred.select("doc", "line", "value", "unit", "raw", "numeral", "measure", "scope").with_columns(
        pl.col("line").cast(pl.Int64), pl.col("value").cast(pl.Float64)
    )
    gold = gold.select("doc", "line", "value", "unit", "raw", "numeral", "measure", "scope").with_columns(
        pl.col("line").cast(pl.Int64), pl.col("value").cast(pl.Float64)
    )
    # Places scored neither way: a prediction there whose text starts with the ignored number.
    ign = ignore.select("doc", pl.col("line").cast(pl.Int64), ign_raw=_squash(pl.col("raw")))
    hit = (
        pred.with_row_index("i")
        .join(ign, on=["doc", "line"])
        .filter(_squash(pl.col("raw")).str.starts_with(pl.col("ign_raw")))
        .get_column("i")
    )
    pred = pred.with_row_index("i").filter(~pl.col("i").is_in(hit.implode())).drop("i")

    pairs = _pair(pred, gold, KEY)
    by_kind: dict[str, tuple[float, float]] = {}
    for kind in sorted(set(gold["numeral"].to_list()) | set(pred["numeral"].to_list())):
        pk, gk = pred.filter(pl.col("numeral") == kind), gold.filter(pl.col("numeral") == kind)
        mk = _pair(pk, gk, KEY).height
        by_kind[kind] = (mk / pk.height if pk.height else 1.0, mk / gk.height if gk.height else 1.0)
    masked_gold = gold.filter(pl.col("numeral") == "masked")
    masked_hit = _pair(pred, masked_gold, KEY).height
    mine, theirs = _squash(pl.col("measure").fill_null("")), _squash(pl.col("measure_gold").fill_null(""))
    contains = (mine != "") & (
        mine.str.contains(theirs, literal=True) | theirs.str.contains(mine, literal=True)
    )
    measure_ok = pairs.select(contains.sum()).item() if pairs.height else 0
    same_scope = _squash(pl.col("scope").fill_null("")) == _squash(pl.col("scope_gold").fill_null(""))
    scope_ok = pairs.select(same_scope.sum()).item() if pairs.height else 0
    matched_pred = pairs.select(*KEY, "rank")
    p_ranked = pred.with_columns(rank=pl.int_range(pl.len()).over(KEY))
    g_ranked = gold.with_columns(rank=pl.int_range(pl.len()).over(KEY))
    return Score(
        n_pred=pred.height,
        n_gold=gold.height,
        n_matched=pairs.height,
        by_kind=by_kind,
        masked_recall=masked_hit / masked_gold.height if masked_gold.height else 1.0,
        measure_rate=measure_ok / pairs.height if pairs.height else 0.0,
        scope_rate=scope_ok / pairs.height if pairs.height else 0.0,
        false_pos=p_ranked.join(matched_pred, on=[*KEY, "rank"], how="anti", nulls_equal=True),
        false_neg=g_ranked.join(matched_pred, on=[*KEY, "rank"], how="anti", nulls_equal=True),
    )


def score_samples() -> Score:
    """Score the extractor on the five sample texts against tests/data."""
    return score(predicted(), load_jsonl(GOLD), load_jsonl(IGNORE))


if __name__ == "__main__":
    s = score_samples()
    print(s.report())
