"""Processes a killed run leaves behind, and how the next run clears them.

Without PREFECT_API_URL a run starts a temporary Prefect API server as a child process, and the
worker pool's processes are children too. SIGKILL (or the OOM killer) ends the run but not them:
they are re-parented to init and hold their memory (a few hundred MB each) for good. Workers watch
their parent and exit with it (flows.pool); the server is Prefect's own process, so the next run
stops the orphaned servers of its own PREFECT_HOME.
"""

from __future__ import annotations

import contextlib

import psutil

SERVER_MARK = "prefect.server.api.server:create_app"


def orphaned_servers(prefect_home: str) -> list[psutil.Process]:
    """Temporary Prefect API servers of this PREFECT_HOME whose run is gone (parent is init)."""
    found = []
    for proc in psutil.process_iter(["ppid", "cmdline"]):
        with contextlib.suppress(psutil.Error):
            if proc.info["ppid"] != 1 or not any(SERVER_MARK in part for part in proc.info["cmdline"] or []):
                continue
            if proc.environ().get("PREFECT_HOME") == prefect_home:
                found.append(proc)
    return found


def stop_orphaned_servers(prefect_home: str, timeout: float = 5.0) -> list[int]:
    """Stop them (SIGTERM, then SIGKILL after `timeout`); returns their PIDs."""
    procs = orphaned_servers(prefect_home)
    for proc in procs:
        with contextlib.suppress(psutil.Error):
            proc.terminate()
    _, alive = psutil.wait_procs(procs, timeout=timeout)
    for proc in alive:
        with contextlib.suppress(psutil.Error):
            proc.kill()
    return [p.pid for p in procs]
