"""A real Prefect server on loopback, the deployment served by `renda serve`, a run triggered
through the API: the scheduled path end to end."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import httpx
import pytest

BIN = Path(sys.executable).parent

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(predicate, timeout: float, what: str, poll: float = 0.5):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(poll)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture
def prefect_server(tmp_path: Path) -> Iterator[tuple[str, dict[str, str]]]:
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_UI_ENABLED": "false",
        "DO_NOT_TRACK": "1",
    }
    env.pop("PREFECT_API_URL", None)
    log = (tmp_path / "server.log").open("wb")
    server = subprocess.Popen(
        [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip

    def healthy() -> bool:
        try:
            return httpx.get(f"{api}/health", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    try:
        wait_for(healthy, 120, "the Prefect server")
        yield api, {**env, "PREFECT_API_URL": api, "PREFECT_RUNNER_POLL_FREQUENCY": "2"}
    finally:
        stop(server)
        log.close()


def test_served_deployment_runs_on_the_server_and_loads_the_warehouse(
    prefect_server: tuple[str, dict[str, str]], inbox: Path, tmp_path: Path
) -> None:
    api, env = prefect_server
    warehouse = tmp_path / "served.duckdb"
    log = (tmp_path / "serve.log").open("wb")
    serve = subprocess.Popen(
        [str(BIN / "renda"), "serve", "--cron=0 6 * * *", f"--inbox={inbox}", f"--warehouse={warehouse}"],
        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        client = httpx.Client(base_url=api, timeout=10)

        def deployment() -> dict[str, object] | None:
            found = client.post(
                "/deployments/filter", json={"deployments": {"name": {"any_": ["renda-ingest"]}}}
            )
            rows = found.json()
            return rows[0] if rows else None

        dep = wait_for(deployment, 90, "the deployment to register")
        schedules = client.get(f"/deployments/{dep['id']}/schedules").json()
        assert [s["schedule"]["cron"] for s in schedules] == ["0 6 * * *"]
        assert dep["parameters"]["warehouse"] == str(warehouse)

        # SQLite under a polling runner may be busy: the server answers 503 and clients retry.
        def create() -> httpx.Response | None:
            response = client.post(f"/deployments/{dep['id']}/create_flow_run", json={})
            return None if response.status_code == 503 else response

        created = wait_for(create, 60, "the server to accept the flow run")
        assert created.status_code == 201, created.text
        run = created.json()

        def finished() -> str | None:
            state = client.get(f"/flow_runs/{run['id']}").json()["state"]["type"]
            return state if state in {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"} else None

        assert wait_for(finished, 240, "the triggered run to finish", poll=1) == "COMPLETED"
        with duckdb.connect(str(warehouse), read_only=True) as con:
            assert con.execute("SELECT count(*) FROM dim_document").fetchall() == [(16,)]
            assert con.execute("SELECT flow_run_id FROM etl_run").fetchall() == [(run["id"],)]
    finally:
        stop(serve)
        log.close()


def test_serve_refuses_without_a_server(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    out = subprocess.run([str(BIN / "renda"), "serve"], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert "PREFECT_API_URL is not set" in out.stderr
