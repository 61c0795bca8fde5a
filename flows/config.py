"""Where things are: defaults, environment variables and the files shipped in seeds/."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # polars is imported by the loaders only: `renda sql` starts without it
    import polars as pl

PROJECT = Path(__file__).resolve().parent.parent
SEEDS = PROJECT / "seeds"
USER_DICT = SEEDS / "userdict.txt"
UNITS = SEEDS / "units.csv"
TAXONOMY = SEEDS / "taxonomy.csv"


def load_units(path: Path = UNITS) -> pl.DataFrame:
    """The unit vocabulary (unit, kind, deny_next): count, measure, money or percent units."""
    import polars as pl

    return pl.read_csv(path, schema={"unit": pl.String, "kind": pl.String, "deny_next": pl.String})


def load_taxonomy(path: Path = TAXONOMY) -> pl.DataFrame:
    """Measure patterns → canonical metric and category (each pattern checked to compile)."""
    import polars as pl

    from transforms.taxonomy import check_patterns

    taxonomy = pl.read_csv(path, schema={"pattern": pl.String, "metric": pl.String, "category": pl.String})
    check_patterns(taxonomy)
    return taxonomy


DEFAULT_INBOX = "seeds/reports"
DEFAULT_WAREHOUSE = "warehouse/renda.duckdb"


@dataclass(frozen=True)
class Settings:
    inbox: Path
    warehouse: Path

    @classmethod
    def resolve(cls, inbox: str | None = None, warehouse: str | None = None) -> Settings:
        """Flag, then environment (RENDA_INBOX, RENDA_WAREHOUSE), then default."""
        return cls(
            inbox=Path(inbox or os.environ.get("RENDA_INBOX") or DEFAULT_INBOX),
            warehouse=Path(warehouse or os.environ.get("RENDA_WAREHOUSE") or DEFAULT_WAREHOUSE),
        )


def quiet_services(prefect_home: Path | None = None) -> None:
    """Keep Prefect and Great Expectations local: state inside the project, no telemetry."""
    os.environ.setdefault("PREFECT_HOME", str(prefect_home or PROJECT / ".prefect"))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("DO_NOT_TRACK", "1")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    # A temporary server's first start on a new PREFECT_HOME creates its database (every migration):
    # on a busy 2-core machine that took over Prefect's 20 s allowance, and the run failed.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")


# Megabytes of text per batch: a worker's peak memory grows with it, and each batch costs about
# 0.1 CPU-s whatever its size (its task in Prefect, the workers' and the flow's bookkeeping). At 8 MB
# the process tree peaked at 1.86–1.89 GiB on 200 MB of text (6 MB: 1.79–1.80; 9 MB: 1.96), and the
# workers spent 10.1–11.4 CPU-s per extra 100 MB instead of 12.0–12.2.
DEFAULT_BATCH_MB = 8.0
DEFAULT_WORKERS = 2
# Batches submitted at a time, per worker: one being transformed and two waiting, so a worker
# goes straight on to its next batches while the flow's process runs the quality gate (one to two
# batch-times, during which nothing new is submitted; with one waiting, a worker was seen idle for
# a third of a second then). Waiting batches are file lists: memory follows the workers.
IN_FLIGHT = 3
