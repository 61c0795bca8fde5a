"""Fast tests for characters that are rare in report text.

Polars' regex engine finds a character class of up to about ten characters with a vectorised
search, and falls back to reading every byte through its automaton for a larger class (three to
five times slower on text that seldom matches, which is every line for a test like "any Latin
letter"). Between those sizes lies a cliff: classes of 13 and 17 characters ran four times slower
still than the automaton. So a large class is tested as several classes of GROUP characters.
"""

from __future__ import annotations

import re
from functools import reduce

import polars as pl

GROUP = 8  # characters per class: 8 and 10 were fast, 13 and 17 slow (on 8 MB of lines)


def has_any(text: pl.Expr, chars: str) -> pl.Expr:
    """Whether `text` contains any of `chars` (the same as text.str.contains("[<chars>]"))."""
    if not chars:
        raise ValueError("has_any needs at least one character")
    unique = sorted(set(chars))
    classes = [
        "[" + "".join(re.escape(c) for c in unique[i : i + GROUP]) + "]" for i in range(0, len(unique), GROUP)
    ]
    return reduce(lambda a, b: a | b, (text.str.contains(c) for c in classes))
