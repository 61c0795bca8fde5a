"""Column contracts between the stages, as polars schemas.

Every stage documents what it takes and what it gives with one of these, so a reader finds the
shape of a frame in one place and tests can check it.
"""

from __future__ import annotations

import polars as pl
from polars._typing import PolarsDataType

# One row per raw line of a source file (1-based line numbers, split on "\n" after CR/CRLF → LF).
LINES = pl.Schema({"file_id": pl.String, "line_no": pl.Int64, "text": pl.String})

# One row per sentence. `seg_offsets`/`seg_lines` map characters back to the raw file: the
# character at position p of `text` comes from raw line seg_lines[i] where i is the last index
# with seg_offsets[i] <= p (a sentence may span lines that were joined by the normalizer).
_SENTENCES: dict[str, PolarsDataType] = {
    "doc_id": pl.String,
    "source_file": pl.String,
    "section_id": pl.Int64,
    "paragraph_id": pl.Int64,
    "sentence_id": pl.Int64,  # position of the sentence in its document, from 0
    "text": pl.String,
    "source_line": pl.Int64,  # raw line where the sentence begins
    "seg_offsets": pl.List(pl.Int64),
    "seg_lines": pl.List(pl.Int64),
}
SENTENCES = pl.Schema(_SENTENCES)

# One row per figure (see FIGURES.md).
FIGURES = pl.Schema(
    {
        "doc_id": pl.String,
        "sentence_id": pl.Int64,
        "position": pl.Int64,  # character offset of the figure's number in the sentence
        "source_line": pl.Int64,  # raw line where the figure's number begins
        "raw": pl.String,
        "value": pl.Float64,  # null when masked
        "unit": pl.String,
        "qualifier": pl.String,  # "" when none
        "numeral": pl.String,  # arabic | chinese | masked
        "masked_digits": pl.Int64,
        "measure": pl.String,
        "scope": pl.String,  # "" when the text makes no period explicit
    }
)
