"""Imperative shell: Prefect flows, tasks and the command line. Owns all I/O."""

import os

# polars sets its allocator (jemalloc) to hand freed pages back to the kernel within half a
# second; a batch frees and reallocates hundreds of megabytes, and the page faults that follow
# cost close to a tenth of a worker's CPU. Keeping freed pages for a few seconds removes most of
# them for ~25 MB more resident memory per process. Set before polars loads where we can, and
# inherited by the pool's and Dask's worker processes; a setting of the user's own is kept.
POLARS_ALLOCATOR_DEFAULT = "dirty_decay_ms:500,muzzy_decay_ms:1000"  # what polars sets on import
if os.environ.get("_RJEM_MALLOC_CONF", POLARS_ALLOCATOR_DEFAULT) == POLARS_ALLOCATOR_DEFAULT:
    os.environ["_RJEM_MALLOC_CONF"] = "dirty_decay_ms:5000,muzzy_decay_ms:5000"
