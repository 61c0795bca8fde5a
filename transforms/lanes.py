"""Long-lived threads ("lanes") for steps that use many polars regexes.

Polars compiles a regex once per thread and keeps the last 32 it used (an LRU cache per thread): a
step that uses more, call after call, compiles every one of them again on every call, and their
lazy DFAs start cold each time. The figure rules use some 130 patterns (the verb alternations about
5 ms each to compile). Each lane is one thread that lives as long as the process, so the patterns
of the steps sent to it stay compiled from call to call; a step still runs only when the one before
it has returned, so a batch uses one core as before. (Measured: a call of the figure rules on two
sentences 95 ms before, 35 ms after; the measure rules on an 8 MB batch 0.150 s before, 0.122 s
after. What polars hands to its own pool thread compiles there, and shares that thread's 32.)

Lanes are kept per calling thread, so that callers running side by side (the parts of a large
frame) do not queue behind each other.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

_lock = threading.Lock()
_lanes: dict[str, ThreadPoolExecutor] = {}


def _executor(name: str) -> ThreadPoolExecutor:
    # Keyed by the calling thread too: a lane asking for a lane of its own name gets another thread
    # (never itself, which would wait for itself), and the set of lanes stays as small as the set of
    # callers.
    key = f"{threading.current_thread().name}/{name}"
    with _lock:
        pool = _lanes.get(key)
        if pool is None:
            pool = _lanes[key] = ThreadPoolExecutor(1, thread_name_prefix=f"lane:{key}")
        return pool


def submit(name: str, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> Future[R]:
    """Start `fn(*args)` on lane `name` (of the calling thread); its result when it is done."""
    return _executor(name).submit(fn, *args, **kwargs)


def in_lane(name: str, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """`fn(*args)`, run on lane `name` of the calling thread (and waited for)."""
    return submit(name, fn, *args, **kwargs).result()
