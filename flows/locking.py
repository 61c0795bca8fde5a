"""One run at a time per warehouse: an advisory lock file beside the DuckDB file.

DuckDB itself allows one writing process; the run lock makes a second run wait for the first (up
to a bound) instead of failing half-way, and says who holds the warehouse when it gives up.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class RunLocked(RuntimeError):
    """Another run holds the warehouse for longer than we were willing to wait."""


def lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".lock")


def holder(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip() or "unknown"
    except OSError:
        return "unknown"


@contextmanager
def run_lock(warehouse: Path, *, wait_seconds: float = 60.0, poll: float = 0.2) -> Iterator[None]:
    """Hold the warehouse's run lock; wait up to `wait_seconds` for a running run to finish."""
    path = lock_path(warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + wait_seconds
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise RunLocked(
                        f"another run holds {warehouse} ({holder(path)}); waited {wait_seconds:.0f} s"
                    ) from None
                time.sleep(poll)
        os.ftruncate(fd, 0)
        os.write(fd, f"pid {os.getpid()} since {time.strftime('%Y-%m-%d %H:%M:%S')}".encode())
        yield
    finally:
        os.close(fd)  # closing releases the lock, also when the process is killed
