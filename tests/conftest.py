"""Shared fixtures: the seed corpus, a Prefect test harness, temporary warehouses."""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds" / "reports"

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")


def age(*paths: Path, seconds: float = 60.0) -> None:
    """Make files look settled: written a while ago (runs leave fresh files for the next run)."""
    for path in paths:
        stat = path.stat()
        os.utime(path, (stat.st_atime - seconds, stat.st_mtime - seconds))


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def seed_texts() -> pl.DataFrame:
    """The seed corpus as the flow hands it to the transforms (file_id = sha256 of the bytes)."""
    from transforms.decode import decode

    rows = []
    for path in seed_paths():
        data = path.read_bytes()
        rows.append(
            {"file_id": hashlib.sha256(data).hexdigest(), "source_file": path.name, "text": decode(data).text}
        )
    return pl.DataFrame(rows)


@pytest.fixture(scope="session")
def segmented() -> dict[str, pl.DataFrame]:
    from transforms.segment import segment_texts

    return segment_texts(seed_texts())


@pytest.fixture(scope="session")
def prefect_harness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """One temporary Prefect API for the session (it takes seconds to start)."""
    os.environ["PREFECT_HOME"] = str(tmp_path_factory.mktemp("prefect-home"))
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def copy_seeds(root: Path) -> Path:
    """A private copy of the seed inbox, as root/inbox."""
    box = root / "inbox"
    shutil.copytree(SEEDS, box)
    return box


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    return copy_seeds(tmp_path)


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    return tmp_path / "wh" / "renda.duckdb"
