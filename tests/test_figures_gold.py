"""The extractor against the hand-checked gold figures of the five sample texts."""

from __future__ import annotations

import pytest
from figures_score import Score, score_samples


@pytest.fixture(scope="module")
def result() -> Score:
    s = score_samples()
    print("\n" + s.report())
    return s


def test_precision(result: Score) -> None:
    assert result.precision >= 0.98, result.false_pos


def test_recall(result: Score) -> None:
    assert result.recall >= 0.98, result.false_neg


def test_masked_recall(result: Score) -> None:
    assert result.masked_recall >= 0.95


def test_measure_match(result: Score) -> None:
    assert result.measure_rate >= 0.85


def test_scope_match(result: Score) -> None:
    assert result.scope_rate >= 0.9
