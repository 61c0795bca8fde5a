"""Faults a scheduled warehouse meets: killed runs, concurrent runs, a locked file, files still
being written, transient read errors, and the same reports in other encodings."""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import polars as pl
import psutil
import pytest
from conftest import age, seed_paths
from prefect import flow

from flows.config import load_units
from flows.inbox import Candidate
from flows.ingest import classify_task, ingest_reports
from flows.locking import run_lock
from flows.synthetic import write_inbox
from transforms.decode import decode
from transforms.figures import extract_figures
from transforms.segment import segment_texts

BIN = Path(sys.executable).parent
TABLES = (
    "dim_document",
    "dim_section",
    "fact_sentence",
    "fact_term",
    "fact_figure",
    "normalization_repair",
    "file_ledger",
)
# Content fingerprints that ignore run ids and load times (and term numbers: a term's, not its id).
FINGERPRINTS = {
    "dim_document": "sum(hash(doc_id, title, source_file))",
    "fact_sentence": "sum(hash(doc_id, sentence_no, text, source_line))",
    "v_term_counts": "sum(hash(doc_id, section_no, term, count))",
    "fact_figure": "sum(hash(doc_id, sentence_no, position, value, unit))",
    "file_ledger": "sum(hash(path, sha256, status))",
}


def snapshot(warehouse: Path) -> dict[str, object]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        out: dict[str, object] = {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in TABLES
        }
        for table, expr in FINGERPRINTS.items():
            out[f"{table}#"] = con.execute(f"SELECT {expr} FROM {table}").fetchall()[0][0]
    return out


# An analyst's read-write session: opens the warehouse, says so, and keeps it open.
HOLD_OPEN = "import duckdb, time; c = duckdb.connect({path!r}); print('open', flush=True); time.sleep(60)"


def errors(stderr: str) -> str:
    """stderr without the noise DuckDB's bindings print when a process exits on an exception."""
    noise = ("leaked", "nanobind", "skipped remainder", "See https://nanobind")
    return "\n".join(line for line in stderr.splitlines() if not any(n in line for n in noise))[-3000:]


def renda(
    *args: str, env: dict[str, str] | None = None, timeout: float = 600
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "renda"), *args], capture_output=True, text=True, timeout=timeout, env=env
    )


def big_run(inbox: Path, warehouse: Path) -> list[str]:
    """`renda` arguments of a run on the big inbox. Batches of 2 MB: several batches, so that the
    worker processes are in what is killed and what must not outlive it."""
    return ["run", f"--inbox={inbox}", f"--warehouse={warehouse}", "--settle=0", "--batch-mb=2"]


@pytest.fixture(scope="module")
def big_inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 6 MB of varied reports: long enough to kill a run in the middle."""
    box = tmp_path_factory.mktemp("big") / "inbox"
    age(*write_inbox(box, 6.0))
    return box


@pytest.fixture(scope="module")
def clean_run(big_inbox: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, object], float]:
    warehouse = tmp_path_factory.mktemp("clean") / "clean.duckdb"
    started = time.monotonic()
    done = renda(*big_run(big_inbox, warehouse))
    assert done.returncode == 0, errors(done.stderr)
    return snapshot(warehouse), time.monotonic() - started


@pytest.mark.slow
@pytest.mark.parametrize("fraction", [0.3, 0.6, 0.85, 0.95])
def test_sigkill_at_any_moment_then_a_rerun_leaves_exactly_one_clean_runs_rows(
    fraction: float, big_inbox: Path, clean_run: tuple[dict[str, object], float], tmp_path: Path
) -> None:
    expected, seconds = clean_run
    warehouse = tmp_path / "killed.duckdb"
    home = str(tmp_path / "prefect-home")  # the runs' own, to find what they leave behind
    env = {**os.environ, "PREFECT_HOME": home}
    run = [str(BIN / "renda"), *big_run(big_inbox, warehouse)]
    proc = subprocess.Popen(run, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    time.sleep(seconds * fraction)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    rerun = renda(*big_run(big_inbox, warehouse), env=env)
    assert rerun.returncode == 0, errors(rerun.stderr)
    assert snapshot(warehouse) == expected
    # Nothing of the killed run lives on: its workers exit with it, the rerun stops its API server.
    assert orphans(home) == []


def orphans(prefect_home: str) -> list[str]:
    """Command lines of processes re-parented to init that ran with this PREFECT_HOME."""
    found = []
    for proc in psutil.process_iter(["ppid", "cmdline"]):
        with contextlib.suppress(psutil.Error):
            if proc.info["ppid"] == 1 and proc.environ().get("PREFECT_HOME") == prefect_home:
                found.append(" ".join(proc.info["cmdline"] or []))
    return found


def test_a_temporary_server_too_slow_to_start_fails_the_run_and_leaves_nothing_running(
    inbox: Path, warehouse: Path, tmp_path: Path
) -> None:
    # One second is less than any start here (a new PREFECT_HOME: the server creates its database),
    # so the run's early start and the flow's own both time out.
    home = str(tmp_path / "prefect-home")
    env = {**os.environ, "PREFECT_HOME": home, "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "1"}
    # A server left running would hold the run's output pipes open: this would time out.
    done = renda("run", f"--inbox={inbox}", f"--warehouse={warehouse}", "--settle=0", env=env, timeout=120)
    assert done.returncode == 5, errors(done.stderr)
    assert "Prefect API server (it has 1 s to start" in " ".join(done.stderr.split())
    assert "Traceback" not in done.stderr
    assert orphans(home) == []
    assert not warehouse.exists() or snapshot(warehouse)["dim_document"] == 0


@pytest.mark.slow
def test_two_runs_at_once_never_double_a_row(
    big_inbox: Path, clean_run: tuple[dict[str, object], float], tmp_path: Path
) -> None:
    expected, _ = clean_run
    warehouse = tmp_path / "twice.duckdb"
    args = [str(BIN / "renda"), *big_run(big_inbox, warehouse)]
    first = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert first.wait(timeout=600) == 0 and second.wait(timeout=600) == 0
    assert snapshot(warehouse) == expected
    with duckdb.connect(str(warehouse), read_only=True) as con:
        loaded = con.execute("SELECT files_loaded FROM etl_run ORDER BY started_at").fetchall()
    assert sorted(n for (n,) in loaded) in (
        [len(list(big_inbox.iterdir()))],
        [0, len(list(big_inbox.iterdir()))],
    )


def test_a_run_held_up_by_another_run_gives_up_with_its_own_exit_code(inbox: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "held.duckdb"
    with run_lock(warehouse):
        out = renda("run", "--inbox", str(inbox), "--warehouse", str(warehouse), "--wait", "1")
    assert out.returncode == 3
    assert "another run holds" in out.stderr and f"pid {os.getpid()}" in out.stderr
    assert not warehouse.exists()  # nothing was written


def test_a_run_waits_for_the_other_run_to_finish(inbox: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "waits.duckdb"
    released = threading.Event()

    def hold() -> None:
        with run_lock(warehouse):
            time.sleep(8)  # longer than the waiting run takes to start
        released.set()

    holder = threading.Thread(target=hold)
    holder.start()
    time.sleep(0.2)
    out = renda("run", "--inbox", str(inbox), "--warehouse", str(warehouse), "--wait", "120")
    holder.join()
    assert released.is_set()
    assert out.returncode == 0, out.stderr
    assert snapshot(warehouse)["dim_document"] == 16


def test_a_warehouse_held_by_another_process_is_retried_then_named(inbox: Path, tmp_path: Path) -> None:
    warehouse = tmp_path / "locked.duckdb"
    assert renda("run", "--inbox", str(inbox), "--warehouse", str(warehouse)).returncode == 0
    before = snapshot(warehouse)
    (inbox / "000_c89e96fa5c36500f.txt").write_text(
        "全国人大常委会工作报告\n\n制定法律9件。\n", encoding="utf-8"
    )
    age(inbox / "000_c89e96fa5c36500f.txt")
    # An analyst's read-write session in another process.
    analyst = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN.format(path=str(warehouse))],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert analyst.stdout is not None and analyst.stdout.readline().strip() == "open"
        started = time.monotonic()
        out = renda("run", "--inbox", str(inbox), "--warehouse", str(warehouse), "--wait", "3")
        assert time.monotonic() - started >= 3  # it retried for the bound
        assert out.returncode == 4
        assert f"PID {analyst.pid}" in out.stderr and "import duckdb" in out.stderr
    finally:
        analyst.kill()
        analyst.wait()
    assert snapshot(warehouse) == before  # nothing half-written
    assert renda("run", "--inbox", str(inbox), "--warehouse", str(warehouse)).returncode == 0
    assert snapshot(warehouse) != before


@pytest.mark.usefixtures("prefect_harness")
def test_a_file_still_being_written_is_left_for_the_next_run(inbox: Path, warehouse: Path) -> None:
    age(*inbox.iterdir())
    fresh = inbox / "arriving.txt"
    fresh.write_text("市人大常委会2023年工作综述\n\n全年制定法规3件。\n", encoding="utf-8")
    first = ingest_reports(str(inbox), str(warehouse), settle_seconds=30)
    assert first.settling == ["arriving.txt"] and "arriving.txt" not in first.loaded
    age(fresh)
    second = ingest_reports(str(inbox), str(warehouse), settle_seconds=30)
    assert second.loaded == ["arriving.txt"]


@pytest.mark.usefixtures("prefect_harness")
def test_a_transient_read_error_is_retried_with_backoff(tmp_path: Path) -> None:
    path = tmp_path / "late.txt"
    path.mkdir()  # reading a directory fails (IsADirectoryError) until the file lands
    text = "市人大常委会2023年工作综述\n\n全年制定法规3件。\n"

    def land() -> None:
        time.sleep(0.5)
        path.rmdir()
        path.write_text(text, encoding="utf-8")

    @flow
    def classify_once() -> list[object]:
        return list(classify_task([Candidate("late.txt", path, 0, 0)], pl.DataFrame(schema=LEDGER)))

    threading.Thread(target=land).start()
    outcomes = classify_once()
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert [(o.status, o.sha256) for o in outcomes] == [("new", sha)]  # type: ignore[attr-defined]


LEDGER = {
    "path": pl.String,
    "sha256": pl.String,
    "status": pl.String,
    "reason": pl.String,
    "encoding": pl.String,
}


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("gb18030"),
        lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    ],
    ids=["gb18030", "utf-16", "utf-8-bom", "crlf"],
)
def test_other_encodings_give_the_same_documents_and_figures(encode) -> None:  # type: ignore[no-untyped-def]
    units = load_units()

    def outcome(data_by_name: dict[str, bytes]) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
        texts = pl.DataFrame(
            [
                {"file_id": name, "source_file": name, "text": decode(data).text}
                for name, data in data_by_name.items()
            ]
        )
        seg = segment_texts(texts)
        docs = (
            seg["documents"]
            .select("doc_id", "title", "kind", "year_covered", "first_line")
            .sort("doc_id")
            .rows()
        )
        figs = extract_figures(seg["sentences"], units).select(
            "doc_id", "source_line", "value", "unit", "raw"
        )
        return docs, figs.sort(pl.all()).rows()

    originals = {p.name: p.read_bytes() for p in seed_paths()}
    variants = {name: encode(data.decode("utf-8")) for name, data in originals.items()}
    assert outcome(variants) == outcome(originals)


def test_synthetic_copies_differ_but_keep_their_shape(tmp_path: Path) -> None:
    files = write_inbox(tmp_path / "syn", 0.5)
    assert len({f.read_bytes() for f in files}) == len(files)
    original = seed_paths()[0].read_text(encoding="utf-8")
    copy = files[0].read_text(encoding="utf-8")
    assert copy != original and len(copy) == len(original) and copy.count("\n") == original.count("\n")
    assert shutil.which(str(BIN / "renda"))
