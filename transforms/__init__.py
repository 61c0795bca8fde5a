"""Pure transformations: polars frames in, polars frames out. No files, no database, no Prefect."""
