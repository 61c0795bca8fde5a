"""The ingest-reports flow end to end under a real Prefect API, into real DuckDB files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import cast

import duckdb
import polars as pl
import pytest
from conftest import age
from typer.testing import CliRunner

from flows.cli import app
from flows.ingest import ingest_reports
from warehouse import db
from warehouse.load import Load, load

ROOT = Path(__file__).resolve().parent.parent
TABLES = (
    "dim_document",
    "dim_section",
    "dim_issuer",
    "fact_sentence",
    "fact_term",
    "normalization_repair",
    "file_ledger",
    "etl_run",
)

pytestmark = pytest.mark.usefixtures("prefect_harness")


def counts(warehouse: Path) -> dict[str, int]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in TABLES}


def query(warehouse: Path, sql: str) -> list[tuple[object, ...]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_seed_corpus_loads_as_titled_documents_with_lineage(inbox: Path, warehouse: Path) -> None:
    summary = ingest_reports(str(inbox), str(warehouse))
    assert summary.status == "succeeded" and len(summary.loaded) == 5
    n = counts(warehouse)
    assert (
        n["dim_document"] == 16
        and n["dim_section"] > 100
        and n["fact_sentence"] > 1500
        and n["fact_term"] > 10000
    )
    assert query(warehouse, "SELECT count(*) FROM dim_document WHERE title IS NULL") == [(0,)]
    # Every fact row names its file, line and run, and the run is recorded.
    orphans = query(
        warehouse,
        """SELECT count(*) FROM fact_sentence s LEFT JOIN etl_run r USING (run_id)
           WHERE r.run_id IS NULL OR s.source_file IS NULL OR s.source_line < 1""",
    )
    assert orphans == [(0,)]
    # A term row reaches its term, document (so its file) and run through its integer keys.
    unmatched = query(
        warehouse,
        """SELECT count(*) FROM fact_term t LEFT JOIN dim_term k USING (term_id)
           LEFT JOIN dim_document d USING (doc_no) LEFT JOIN etl_run r USING (run_no)
           WHERE k.term IS NULL OR d.source_file IS NULL OR r.run_id IS NULL OR t.source_line < 1""",
    )
    assert unmatched == [(0,)]
    assert query(warehouse, "SELECT count(*) FROM v_term_counts") == [(n["fact_term"],)]
    # The line a sentence points to really holds its start.
    text, line = query(
        warehouse,
        "SELECT text, source_line FROM fact_sentence WHERE text LIKE '补选全国人大代表3人%'",
    )[0]
    raw = (inbox / "000_c89e96fa5c36500f.txt").read_text(encoding="utf-8").split("\n")
    assert str(text)[:6] in raw[int(str(line)) - 1]


def test_a_second_run_loads_nothing_and_changes_no_row(inbox: Path, warehouse: Path) -> None:
    ingest_reports(str(inbox), str(warehouse))
    before = counts(warehouse)
    again = ingest_reports(str(inbox), str(warehouse))
    assert again.loaded == [] and again.unchanged == 5
    assert counts(warehouse) == before


def test_reprocess_reads_every_file_again_and_replaces_its_rows(inbox: Path, warehouse: Path) -> None:
    first = ingest_reports(str(inbox), str(warehouse))
    shutil.copy(inbox / "000_c89e96fa5c36500f.txt", inbox / "copy_of_000.txt")
    age(inbox / "copy_of_000.txt")
    ingest_reports(str(inbox), str(warehouse))
    before = counts(warehouse)
    ids = "SELECT doc_id FROM dim_document ORDER BY doc_id"
    doc_ids = query(warehouse, ids)

    again = ingest_reports(str(inbox), str(warehouse), reprocess=True)
    assert sorted(again.loaded) == sorted(first.loaded) and again.duplicates == ["copy_of_000.txt"]
    # The same documents, each row once, all of them now the reprocessing run's.
    assert counts(warehouse) == before | {"etl_run": before["etl_run"] + 1}
    assert query(warehouse, ids) == doc_ids
    for table in ("dim_document", "fact_sentence", "fact_figure", "normalization_repair"):
        assert query(warehouse, f"SELECT DISTINCT run_id FROM {table}") == [(again.run_id,)]
    orphans = "SELECT count(*) FROM fact_term WHERE doc_no NOT IN (SELECT doc_no FROM dim_document)"
    assert query(warehouse, orphans) == [(0,)]
    # Without the flag, nothing is new again.
    assert ingest_reports(str(inbox), str(warehouse)).loaded == []


def test_changed_file_replaces_its_rows_and_duplicates_are_not_loaded(inbox: Path, warehouse: Path) -> None:
    ingest_reports(str(inbox), str(warehouse))
    numbers = "SELECT doc_id, doc_no FROM dim_document"
    first = dict(cast(list[tuple[str, int]], query(warehouse, numbers)))
    assert sorted(first.values()) == list(range(1, 17))
    target = inbox / "004_ff8908984ef88d6e.txt"
    target.write_text(
        target.read_text(encoding="utf-8").replace("代表工作计划", "代表工作安排", 1), encoding="utf-8"
    )
    shutil.copy(inbox / "000_c89e96fa5c36500f.txt", inbox / "copy_of_000.txt")
    age(target, inbox / "copy_of_000.txt")
    summary = ingest_reports(str(inbox), str(warehouse))
    assert summary.loaded == ["004_ff8908984ef88d6e.txt"]
    assert summary.duplicates == ["copy_of_000.txt"]
    titles = query(warehouse, "SELECT title FROM dim_document WHERE source_file = '004_ff8908984ef88d6e.txt'")
    assert titles == [("全国人大常委会2024年度代表工作安排",)]
    assert query(warehouse, "SELECT count(*) FROM dim_document") == [(16,)]
    assert query(
        warehouse, "SELECT status, duplicate_of FROM file_ledger WHERE path = 'copy_of_000.txt'"
    ) == [("duplicate", "000_c89e96fa5c36500f.txt")]
    stale = query(
        warehouse,
        """SELECT count(*) FROM fact_sentence s JOIN dim_document d USING (doc_id)
           WHERE d.source_file = '004_ff8908984ef88d6e.txt' AND s.run_id <> d.run_id""",
    )
    assert stale == [(0,)]
    # fact_term reaches its file through its document: the old version's term rows went too.
    orphans = "SELECT count(*) FROM fact_term WHERE doc_no NOT IN (SELECT doc_no FROM dim_document)"
    assert query(warehouse, orphans) == [(0,)]
    # The other documents keep their numbers; the new version's is new, not the old one's again.
    second = dict(cast(list[tuple[str, int]], query(warehouse, numbers)))
    (new,) = set(second) - set(first)
    assert {d: n for d, n in second.items() if d != new} == {d: n for d, n in first.items() if d in second}
    assert second[new] == 17


EARLIER_FACT_TERMS = {
    # with the file on every row, and the term and run_id strings
    "repeating-the-file": """doc_id VARCHAR NOT NULL, section_no INTEGER NOT NULL, term VARCHAR NOT NULL,
        count INTEGER NOT NULL, source_file VARCHAR NOT NULL, source_line INTEGER NOT NULL,
        run_id VARCHAR NOT NULL""",
    "term-strings": """doc_id VARCHAR NOT NULL, section_no INTEGER NOT NULL, term VARCHAR NOT NULL,
        count INTEGER NOT NULL, source_line INTEGER NOT NULL, run_id VARCHAR NOT NULL""",
    # with term_id and run_no, but the doc_id string
    "document-strings": """doc_id VARCHAR NOT NULL, section_no INTEGER NOT NULL, term_id INTEGER NOT NULL,
        count INTEGER NOT NULL, source_line INTEGER NOT NULL, run_no INTEGER NOT NULL""",
}
EARLIER_ROWS = {
    "repeating-the-file": "('d-02', 1, '立法', 2, 'a.txt', 3, 'r2')",
    "term-strings": "('d-02', 1, '立法', 2, 3, 'r2')",
    "document-strings": "('d-02', 1, 7, 2, 3, 2)",
}


def earlier_warehouse(folder: Path, shape: str) -> tuple[Path, duckdb.DuckDBPyConnection]:
    """A warehouse whose fact_term has an earlier shape and holds one row; and a connection to it."""
    path = folder / "earlier.duckdb"
    db.connect(path).close()
    con = duckdb.connect(str(path), config={"storage_compatibility_version": db.STORAGE_COMPATIBILITY})
    con.execute("DROP VIEW v_terms; DROP VIEW v_term_counts; DROP TABLE fact_term")
    con.execute(f"CREATE TABLE fact_term ({EARLIER_FACT_TERMS[shape]})")
    con.execute(f"INSERT INTO fact_term VALUES {EARLIER_ROWS[shape]}")
    return path, con


@pytest.mark.parametrize("shape", list(EARLIER_FACT_TERMS))
def test_an_earlier_warehouse_gets_its_keys_numbered(tmp_path: Path, shape: str) -> None:
    path, earlier = earlier_warehouse(tmp_path, shape)
    with earlier as con:
        # dim_document and etl_run as they were too: nothing numbered.
        con.execute("CREATE TABLE earlier AS SELECT * EXCLUDE (doc_no) FROM dim_document")
        con.execute("DROP VIEW v_documents; DROP VIEW v_sentences; DROP TABLE dim_document")
        con.execute("ALTER TABLE earlier RENAME TO dim_document")
        con.execute(
            """INSERT INTO dim_document (doc_id, source_file, run_id)
               VALUES ('d-02', 'b.txt', 'r2'), ('d-01', 'a.txt', 'r1')"""
        )
        if shape == "document-strings":
            con.execute("INSERT INTO dim_term VALUES (7, '立法', 2)")
        else:
            con.execute("ALTER TABLE etl_run DROP COLUMN run_no")
        con.execute(
            """INSERT INTO etl_run (run_id, started_at, status) VALUES
               ('r2', TIMESTAMPTZ '2026-02-01 00:00:00+00', 'succeeded'),
               ('r1', TIMESTAMPTZ '2026-01-01 00:00:00+00', 'succeeded')"""
        )
        if shape == "document-strings":
            con.execute("UPDATE etl_run SET run_no = 2 WHERE run_id = 'r2'")
            con.execute("UPDATE etl_run SET run_no = 1 WHERE run_id = 'r1'")
    with db.connect(path) as con:
        columns = [row[0] for row in con.execute("DESCRIBE fact_term").fetchall()]
        assert columns == ["doc_no", "section_no", "term_id", "count", "source_line", "run_no"]
        assert con.execute("SELECT run_id, run_no FROM etl_run ORDER BY run_no").fetchall() == [
            ("r1", 1),
            ("r2", 2),
        ]
        # Documents numbered in the order their runs loaded them.
        assert con.execute("SELECT doc_id, doc_no FROM dim_document ORDER BY doc_no").fetchall() == [
            ("d-01", 1),
            ("d-02", 2),
        ]
        got = con.execute(
            """SELECT d.doc_id, term, count, source_line, r.run_id
               FROM fact_term JOIN dim_term USING (term_id) JOIN etl_run r USING (run_no)
               JOIN dim_document d USING (doc_no)"""
        ).fetchall()
        assert got == [("d-02", "立法", 2, 3, "r2")]
        assert con.execute("SELECT doc_id, term, source_file FROM v_term_counts").fetchall() == [
            ("d-02", "立法", "b.txt")
        ]
        term_id = 7 if shape == "document-strings" else 1  # an earlier term_id stays
        assert con.execute("SELECT term_id, term, chars FROM dim_term").fetchall() == [(term_id, "立法", 2)]
        left = {r[0] for r in con.execute("SHOW TABLES").fetchall()} & set(db.EARLIER_FACT_TERMS.values())
        assert left == set()


def test_an_earlier_warehouse_whose_term_rows_lost_their_document_is_not_upgraded(tmp_path: Path) -> None:
    path, earlier = earlier_warehouse(tmp_path, "document-strings")  # its document is not there
    earlier.close()
    with pytest.raises(duckdb.ConstraintException):
        db.connect(path)
    with duckdb.connect(str(path), read_only=True) as con:  # the counts are still there, aside
        assert con.execute("SELECT count(*) FROM fact_term_before_doc_numbers").fetchall() == [(1,)]


def term_ids(warehouse: Path) -> dict[str, int]:
    return {cast(str, t): cast(int, i) for t, i in query(warehouse, "SELECT term, term_id FROM dim_term")}


def test_a_later_run_numbers_only_its_new_terms(inbox: Path, warehouse: Path) -> None:
    ingest_reports(str(inbox), str(warehouse))
    before = term_ids(warehouse)
    text = "某市人大常委会2024年工作要点\n\n推进低空经济和氢能产业发展，开展无人机巡查。\n"
    (inbox / "new.txt").write_text(text, encoding="utf-8")
    age(inbox / "new.txt")
    ingest_reports(str(inbox), str(warehouse))
    after = term_ids(warehouse)
    assert {t: after[t] for t in before} == before  # the terms already there keep their numbers
    new = sorted((i, t) for t, i in after.items() if t not in before)
    assert new and [i for i, _ in new] == list(range(len(before) + 1, len(after) + 1))
    assert [t for _, t in new] == sorted(t for _, t in new)  # numbered in term order
    assert query(warehouse, "SELECT max(run_no) FROM fact_term") == [(2,)]


def test_bad_files_are_quarantined_and_the_rest_loads(inbox: Path, warehouse: Path) -> None:
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (inbox / "gbk.txt").write_bytes("市人大常委会2023年工作综述\n\n全年制定法规3件。\n".encode("gbk"))
    age(inbox / "empty.txt", inbox / "image.txt", inbox / "gbk.txt")
    result = CliRunner().invoke(app, ["run", "--inbox", str(inbox), "--warehouse", str(warehouse)])
    assert result.exit_code == 1, result.output
    assert "empty.txt: empty file" in result.output and "image.txt: binary file" in result.output
    ledger = {str(path): status for path, status in query(warehouse, "SELECT path, status FROM file_ledger")}
    assert ledger["empty.txt"] == "quarantined" and ledger["gbk.txt"] == "loaded"
    assert query(warehouse, "SELECT count(*) FROM dim_document") == [(17,)]
    # Not retried while unchanged: the next run exits 0 and loads nothing.
    again = CliRunner().invoke(app, ["run", "--inbox", str(inbox), "--warehouse", str(warehouse)])
    assert again.exit_code == 0, again.output
    # --reprocess reads every file again: the bad ones are quarantined again, the rest reloaded once.
    redo = CliRunner().invoke(
        app, ["run", "--inbox", str(inbox), "--warehouse", str(warehouse), "--reprocess"]
    )
    assert redo.exit_code == 1, redo.output
    assert "empty.txt: empty file" in redo.output
    assert query(warehouse, "SELECT count(*) FROM dim_document") == [(17,)]


def test_a_failed_load_leaves_the_warehouse_exactly_as_it_was(inbox: Path, warehouse: Path) -> None:
    ingest_reports(str(inbox), str(warehouse))
    before = counts(warehouse)
    bad = Load(
        run={"run_id": "bad", "started_at": None, "status": "succeeded"},
        tables={
            "fact_term": pl.DataFrame({"doc_no": [1], "section_no": [0], "term_id": [None], "count": [1]})
        },
        replace_files=["000_c89e96fa5c36500f.txt"],
    )
    with db.connect(warehouse) as con, pytest.raises(duckdb.Error):
        load(con, bad)
    assert counts(warehouse) == before


def test_duckdb_shell_opens_the_warehouse_read_only(inbox: Path, warehouse: Path) -> None:
    ingest_reports(str(inbox), str(warehouse))
    with db.connect(warehouse, read_only=True) as con:
        terms = con.execute("SELECT sum(count) FROM fact_term").fetchall()[0][0]
    shell = Path(sys.executable).parent / "duckdb"
    # fact_term names its columns' compression: the shell (an older DuckDB) reads it all the same.
    query = "SELECT (SELECT count(*) FROM dim_document) AS n, (SELECT sum(count) FROM fact_term) AS terms"
    out = subprocess.run(
        [str(shell), "-readonly", str(warehouse), "-csv", "-c", query],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert out.stdout.split() == ["n,terms", f"16,{terms}"]
    assert terms > 0


def test_sql_command_is_read_only_and_does_not_import_prefect(inbox: Path, warehouse: Path) -> None:
    ingest_reports(str(inbox), str(warehouse))
    env = {**os.environ, "RENDA_WAREHOUSE": str(warehouse)}
    probe = (
        "import sys, flows.cli; "
        "print(sorted(m for m in ('prefect', 'great_expectations') if m in sys.modules))"
    )
    assert (
        subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True
        ).stdout.strip()
        == "[]"
    )
    renda = Path(sys.executable).parent / "renda"
    out = subprocess.run(
        [str(renda), "sql", "SELECT count(*) AS n FROM dim_document", "--format", "csv"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert out.stdout.split() == ["n", "16"]
    denied = subprocess.run(
        [str(renda), "sql", "DELETE FROM dim_document"], capture_output=True, text=True, env=env
    )
    assert denied.returncode == 2 and "read-only" in denied.stderr


def test_figures_reach_the_analyst_view_with_their_lineage(inbox: Path, warehouse: Path) -> None:
    ingest_reports(str(inbox), str(warehouse))
    columns = [r[0] for r in query(warehouse, "SELECT column_name FROM (DESCRIBE v_figures)")]
    wanted = [
        *("source_file", "source_line", "document_title", "doc_year", "section_heading", "sentence", "raw"),
        *("value", "unit", "qualifier", "numeral", "masked", "masked_digits", "measure", "metric"),
        "category",
        "scope",
    ]
    assert columns[: len(wanted)] == wanted
    (n_figures, _), *_ = query(warehouse, "SELECT count(*), count(*) FILTER (WHERE masked) FROM v_figures")
    assert isinstance(n_figures, int) and n_figures >= 490
    # Every figure reaches the view; each sentence counts its own (the view relies on it).
    assert query(warehouse, "SELECT count(*) FROM fact_figure") == [(n_figures,)]
    miscounted = query(
        warehouse,
        """SELECT count(*) FROM fact_sentence s
           LEFT JOIN (SELECT doc_id, sentence_no, count(*) AS n FROM fact_figure GROUP BY ALL) f
           USING (doc_id, sentence_no)
           WHERE s.figures IS DISTINCT FROM coalesce(f.n, 0)""",
    )
    assert miscounted == [(0,)]
    row = query(
        warehouse,
        "SELECT source_line, value, unit, qualifier FROM v_figures WHERE raw = '260多件'",
    )
    assert row == [(29, 260.0, "件", "多")]
    # The raw line named by source_line holds the figure's number.
    raw_lines = {p.name: p.read_text(encoding="utf-8").split("\n") for p in inbox.glob("*.txt")}
    for source_file, line, raw in query(warehouse, "SELECT source_file, source_line, raw FROM v_figures"):
        digits = "".join(ch for ch in str(raw) if ch.isdigit() or ch == "x")[:1]
        assert digits in raw_lines[str(source_file)][int(str(line)) - 1], (source_file, line, raw)


def test_an_earlier_warehouse_gets_its_sentences_figures_counted(tmp_path: Path) -> None:
    path = tmp_path / "earlier.duckdb"
    db.connect(path).close()
    with duckdb.connect(str(path), config={"storage_compatibility_version": db.STORAGE_COMPATIBILITY}) as con:
        # fact_sentence as it was before it counted its figures.
        con.execute("DROP VIEW v_figures; DROP VIEW v_sentences")
        con.execute("ALTER TABLE fact_sentence DROP COLUMN figures")
        con.execute(
            """INSERT INTO fact_sentence (doc_id, sentence_no, section_no, paragraph_no, role, text, chars,
                                          source_file, source_line, run_id)
               SELECT 'd-01', i, 0, 0, 'body', 'x', 1, 'a.txt', i + 1, 'r1' FROM range(3) t(i)"""
        )
        con.execute(
            """INSERT INTO fact_figure (doc_id, sentence_no, position, source_file, source_line, raw, unit,
                                        qualifier, numeral, masked, scope, run_id)
               VALUES ('d-01', 1, 0, 'a.txt', 2, '3件', '件', '', 'arabic', false, '', 'r1'),
                      ('d-01', 1, 4, 'a.txt', 2, '5件', '件', '', 'arabic', false, '', 'r1'),
                      ('d-01', 2, 0, 'a.txt', 3, '7件', '件', '', 'arabic', false, '', 'r1')"""
        )
    with db.connect(path) as con:
        got = con.execute("SELECT sentence_no, figures FROM fact_sentence ORDER BY sentence_no").fetchall()
        assert got == [(0, 0), (1, 2), (2, 1)]


def test_a_document_failing_a_critical_check_is_quarantined_and_the_rest_loads(
    inbox: Path, warehouse: Path
) -> None:
    planted = inbox / "planted.txt"
    planted.write_text(
        "某市人大常委会2023年工作综述\n\n"
        "一年来，常委会共审议法律案3件，通过其中21件。\n\n"
        "群众对代表建议办理工作的满意度达到180%。\n",
        encoding="utf-8",
    )
    age(planted)
    result = CliRunner().invoke(app, ["run", "--inbox", str(inbox), "--warehouse", str(warehouse)])
    assert result.exit_code == 1, result.output
    assert "quarantined" in result.output and "180" in result.output
    assert query(warehouse, "SELECT count(*) FROM dim_document WHERE source_file = 'planted.txt'") == [(0,)]
    assert query(warehouse, "SELECT count(*) FROM dim_document") == [(16,)]
    ledger = query(warehouse, "SELECT status, reason FROM file_ledger WHERE path = 'planted.txt'")
    assert ledger[0][0] == "quarantined" and "180" in str(ledger[0][1])
    issues = query(
        warehouse,
        "SELECT source_line, severity FROM dq_issue WHERE source_file = 'planted.txt' ORDER BY source_line",
    )
    assert (5, "critical") in issues and any(line == 3 for line, _ in issues)
    assert query(warehouse, "SELECT count(*) FROM dq_run") == [(1,)]
    assert "data quality report" in result.output


def test_quarantine_drops_only_the_bad_document_when_batches_are_checked_in_groups(
    inbox: Path, warehouse: Path
) -> None:
    # One file a batch, about 50 KB a run of the suites: the planted file lands in the middle group
    # with two other files.
    planted = inbox / "002b-planted.txt"
    planted.write_text(
        "某市人大常委会2023年工作综述\n\n群众对代表建议办理工作的满意度达到180%。\n", encoding="utf-8"
    )
    age(planted)
    summary = ingest_reports(
        str(inbox), str(warehouse), settle_seconds=0, batch_mb=0.01, workers=2, check_mb=0.05
    )
    assert summary.batches == 6
    assert summary.quarantined == {"002b-planted.txt": summary.quarantined["002b-planted.txt"]}
    assert "share_at_most_100" in summary.quarantined["002b-planted.txt"]
    for table in ("dim_document", "dim_section", "fact_sentence", "fact_figure"):
        assert query(warehouse, f"SELECT count(*) FROM {table} WHERE source_file = '002b-planted.txt'") == [
            (0,)
        ]
    # fact_term's file is its document's: no term row without its document.
    orphans = "SELECT count(*) FROM fact_term WHERE doc_no NOT IN (SELECT doc_no FROM dim_document)"
    assert query(warehouse, orphans) == [(0,)]
    # Every other document loaded, and the run's counts are what the warehouse holds.
    assert query(warehouse, "SELECT count(*) FROM dim_document") == [(16,)]
    n = counts(warehouse)
    assert summary.counts["documents"] == 16
    assert summary.counts["sentences"] == n["fact_sentence"]
    assert [(summary.counts["figures"],)] == query(warehouse, "SELECT count(*) FROM fact_figure")
    assert summary.counts["terms"] == n["fact_term"]


def test_status_shows_runs_quarantined_files_and_quality(inbox: Path, warehouse: Path) -> None:
    (inbox / "empty.txt").write_bytes(b"")
    age(inbox / "empty.txt")
    summary = ingest_reports(str(inbox), str(warehouse))
    out = CliRunner().invoke(app, ["status", "--warehouse", str(warehouse)])
    assert out.exit_code == 0, out.output
    assert summary.run_id in out.output and "partial" in out.output
    assert "empty.txt" in out.output and "empty file" in out.output
    assert "Latest data quality" in out.output
    index = CliRunner().invoke(app, ["dq", "--warehouse", str(warehouse), "--path"])
    assert index.exit_code == 0 and index.output.strip().endswith("index.html")
    assert Path(index.output.strip()).is_file()
