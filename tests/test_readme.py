"""The README's SQL examples against a warehouse loaded from the sample corpus: each runs, and each
result it shows is what the query returns."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
from conftest import copy_seeds

from flows.ingest import ingest_reports

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
# A fenced SQL block, and the Markdown table right after it if there is one.
BLOCK = re.compile(r"```sql\n(.*?)```\n((?:\|[^\n]*\n)*)", re.S)
EXAMPLES = [(sql.strip(), table) for sql, table in BLOCK.findall(README)]

pytestmark = pytest.mark.usefixtures("prefect_harness")


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("readme")
    warehouse = root / "renda.duckdb"
    summary = ingest_reports(str(copy_seeds(root)), str(warehouse), settle_seconds=0)
    assert summary.status == "succeeded"
    return warehouse


def _cells(table: str) -> tuple[list[str], list[list[str]]]:
    rows = [[c.strip().strip("`") for c in line.strip().strip("|").split("|")] for line in table.splitlines()]
    return rows[0], rows[2:]


def _same(shown: str, got: object) -> bool:
    if got is None:
        return shown == ""
    try:
        return float(shown) == pytest.approx(float(got))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return shown == str(got).strip()


def test_the_readme_has_sql_examples_with_results() -> None:
    assert len(EXAMPLES) >= 8
    assert sum(1 for _, table in EXAMPLES if table) >= 6


@pytest.mark.parametrize(("sql", "table"), EXAMPLES, ids=[sql.split("\n")[0][:60] for sql, _ in EXAMPLES])
def test_a_readme_example_runs_and_gives_what_it_shows(loaded: Path, sql: str, table: str) -> None:
    with duckdb.connect(str(loaded), read_only=True) as con:
        results = [con.execute(stmt).fetchall() for stmt in sql.split(";\n") if stmt.strip(" ;\n")]
    if not table:
        return
    header, shown = _cells(table)
    got = results[-1]
    assert len(got) == len(shown), got
    for want_row, got_row in zip(shown, got, strict=True):
        for name, want, value in zip(header, want_row, got_row, strict=True):
            # An example picked by any_value() is one of several: the query decides which.
            if not name.startswith("example_"):
                assert _same(want, value), (name, want, value)
