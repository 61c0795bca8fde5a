"""`renda bench` end to end at a tiny size: every figure the issue asks for is there and sane.

Speed targets are not asserted here (they live in the benchmark's own output); this checks that the
benchmark runs the real pipeline and reports what it measured.
"""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

BIN = Path(sys.executable).parent


def test_bench_runs_the_pipeline_at_n_and_2n_and_reports_every_figure(tmp_path: Path) -> None:
    # Batches of 0.1 MB: several per run, so the worker pool runs them (one batch stays in the flow).
    args = ["bench", "--mb", "0.5", "--batch-mb", "0.1", "--repeat", "1", "--workdir", str(tmp_path / "work")]
    args += ["--out", str(tmp_path / "results"), "--run-timeout", "300"]
    out = subprocess.run([str(BIN / "renda"), *args], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    (result_file,) = (tmp_path / "results").glob("bench-*.json")
    result = json.loads(result_file.read_text(encoding="utf-8"))

    assert result["sizes_mb"]["2N"] > 1.8 * result["sizes_mb"]["N"] > 0
    assert result["counts"]["2N"]["documents"] > result["counts"]["N"]["documents"] > 0
    assert result["counts"]["2N"]["figures"] > result["counts"]["N"]["figures"] > 0
    for label in ("N", "2N"):
        stages = result["stage_seconds"][label]
        assert {"read", "normalize", "segment", "tokenize", "extract", "validate", "load"} <= set(stages)
        assert all(seconds >= 0 for seconds in stages.values())
        # The flow's process, its Prefect server and the workers all did measurable work.
        assert set(result["cpu_seconds"][label]) == {"flow", "prefect server", "workers"}
        assert all(seconds > 0 for seconds in result["cpu_seconds"][label].values())
        assert result["peak_rss_mb"][label] > 100
    # At half a megabyte start-up dominates both runs, so the marginal figure's sign is noise here:
    # what is checked is that it is the extra MB over the extra seconds of the fastest runs (from
    # the rounded figures of the JSON, hence the tolerance).
    sizes, seconds = result["sizes_mb"], result["seconds"]
    marginal = (sizes["2N"] - sizes["N"]) / (seconds["2N"] - seconds["N"])
    assert result["marginal_mb_s"] * marginal > 0
    assert abs(result["marginal_mb_s"] - marginal) <= 0.3 * abs(marginal) + 0.01
    assert result["segmenter_limit_mb_s"] == max(result["segmenter_limit_samples_mb_s"]) > 0
    assert len(result["segmenter_limit_samples_mb_s"]) == 3  # before each run, and after the last
    assert result["segmenter_limit_mb_s"] > result["jieba_reference_mb_s"] > 0
    assert result["noop_rerun_seconds"] > 0
    assert set(result["query_ms"]) >= {"figures per metric per year"}
    assert "marginal / segmenter limit" in out.stdout


def test_a_server_sampled_before_its_exec_is_still_counted_as_the_server(tmp_path: Path) -> None:
    from flows.bench import ProcessTree
    from flows.strays import SERVER_MARK

    # The run forks a child that looks like the run itself for a moment, then execs the "server",
    # which burns a second of CPU: all of that CPU is the server's.
    script = tmp_path / "run.py"
    script.write_text(
        "import os, sys, time\n"
        "pid = os.fork()\n"
        "if pid == 0:\n"
        "    time.sleep(0.5)\n"
        f"    os.execv(sys.executable, [sys.executable, '-c', 'import time\\n"
        f"while time.process_time() < 1: pass', '{SERVER_MARK}'])\n"
        "os.waitpid(pid, 0)\n",
        encoding="utf-8",
    )
    proc = subprocess.Popen([sys.executable, str(script)])
    tree = ProcessTree(proc.pid, every=0.02)
    proc.wait(timeout=30)
    _, cpu = tree.stop()
    assert cpu.get("prefect server", 0.0) > 0.5
    assert cpu.get("workers", 0.0) == 0.0


def test_a_run_that_overruns_prints_its_stacks_and_is_stopped_with_all_its_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.bench import run_pipeline
    from flows.synthetic import write_inbox

    home = str(tmp_path / "prefect-home")
    monkeypatch.setenv("PREFECT_HOME", home)  # the run's own, to find what it leaves behind
    inbox = tmp_path / "inbox"
    write_inbox(inbox, 2.0)
    # Three seconds: the run is past its start (Prefect's server is starting) and far from done.
    with pytest.raises(RuntimeError, match="renda run failed") as failed:
        run_pipeline(inbox, tmp_path / "bench.duckdb", workers=2, batch_mb=0.5, timeout=3.0)
    # faulthandler's stack of each thread, the main thread's ending in `renda`'s own entry point, or,
    # when three seconds find it deep in an import on a slow machine, cut by faulthandler's limit of
    # 100 frames ("..."), wherever in the import the hundredth frame falls.
    # (The error quotes the end of what the run printed; the whole is in the file it names.)
    found = re.search(r"all it printed: (\S+)\):", str(failed.value))
    assert found
    printed = Path(found.group(1)).read_text()
    # (A thread caught collecting garbage says so before its first frame.)
    header = r"(?:Current thread|Thread) 0x[0-9a-f]+ \(most recent call first\):\n"
    header += r"(?:  Garbage-collecting\n)?  File "
    assert re.search(header, printed)
    assert re.search(r'File ".*flows/cli.py", line \d+ in main\n|  \.\.\.\n', printed)
    time.sleep(1)
    left = []
    for proc in psutil.process_iter(["cmdline"]):
        with contextlib.suppress(psutil.Error):
            if proc.environ().get("PREFECT_HOME") == home:
                left.append(proc.info["cmdline"])
    assert left == []
