"""The inbox: which files are new or changed since the ledger last saw them, and reading them."""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path

import polars as pl


@dataclass(frozen=True)
class Candidate:
    path: str  # relative to the inbox, with forward slashes
    abspath: Path
    size: int
    mtime_ns: int


@dataclass
class Outcome:
    """What became of one file in this run: new (to load), loaded, unchanged, duplicate or quarantined."""

    candidate: Candidate
    sha256: str
    status: str
    reason: str | None = None
    encoding: str | None = None
    duplicate_of: str | None = None


@dataclass
class Plan:
    candidates: list[Candidate]
    seen: int
    unchanged: list[str]  # same size and mtime as in the ledger: not even read
    settling: list[str]  # modified too recently: left for the next run


def discover(
    inbox: Path, ledger: pl.DataFrame, *, settle_seconds: float = 0.0, everything: bool = False
) -> Plan:
    """Files of the inbox that need reading. Unchanged size and mtime → skipped without reading
    (this is also how a quarantined file is not retried until it changes), unless `everything`."""
    if not inbox.is_dir():
        raise FileNotFoundError(f"inbox {inbox} is not a folder")
    known = {
        row["path"]: (row["size_bytes"], row["mtime_ns"])
        for row in ledger.select("path", "size_bytes", "mtime_ns").iter_rows(named=True)
    }
    now_ns = time.time_ns()
    candidates, unchanged, settling = [], [], []
    files = sorted(p for p in inbox.rglob("*") if p.is_file() and not p.name.startswith("."))
    for file in files:
        stat = file.stat()
        rel = file.relative_to(inbox).as_posix()
        if not everything and known.get(rel) == (stat.st_size, stat.st_mtime_ns):
            unchanged.append(rel)
        elif now_ns - stat.st_mtime_ns < settle_seconds * 1e9:
            settling.append(rel)
        else:
            candidates.append(Candidate(rel, file, stat.st_size, stat.st_mtime_ns))
    return Plan(candidates, len(files), unchanged, settling)


def classify(candidates: list[Candidate], ledger: pl.DataFrame, *, everything: bool = False) -> list[Outcome]:
    """Hash the candidates and decide which need loading. Content already in the ledger is not
    loaded again: the same path with the same bytes is unchanged (unless `everything`: then it is
    read again, and its rows replaced); bytes already loaded under another path make a duplicate.
    Everything else is `new` (decoded later, in a batch)."""
    by_path = {r["path"]: r for r in ledger.iter_rows(named=True)}
    loaded_sha = {
        r["sha256"]: r["path"] for r in ledger.filter(pl.col("status") == "loaded").iter_rows(named=True)
    }
    outcomes = []
    for cand in candidates:
        try:
            sha = _sha256(cand.abspath)
        except FileNotFoundError:
            continue  # removed or renamed since discovery: the next run sees what is there then
        # Other OSErrors propagate: the task retries with backoff.
        previous = by_path.get(cand.path)
        if previous is not None and previous["sha256"] == sha and not everything:
            outcomes.append(Outcome(cand, sha, "unchanged", previous["reason"], previous["encoding"]))
            continue
        owner = loaded_sha.get(sha)
        if owner is not None and owner != cand.path:
            outcomes.append(Outcome(cand, sha, "duplicate", f"same bytes as {owner}", duplicate_of=owner))
            continue
        loaded_sha.setdefault(sha, cand.path)
        outcomes.append(Outcome(cand, sha, "new"))
    return outcomes


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
