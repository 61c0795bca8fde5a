"""A synthetic inbox made from the sample corpus, for benchmarks and fault tests.

Every copy gets its digits varied (same length, so the text keeps its shape), which makes the files
and their figures differ from each other and from the originals.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from flows.config import SEEDS

# Numbers that are not dates or ordinals (years, days and session numbers keep the text plausible).
_NUMBER = re.compile(r"(?<![第0-9.])[0-9]+(?:\.[0-9]+)?(?![0-9.]|\s*[年月日届号版%])")


def vary_numbers(text: str, rng: random.Random) -> str:
    """Replace the digits of every count by random digits (same length, no leading zero)."""

    def swap(match: re.Match[str]) -> str:
        digits = [str(rng.randint(0, 9)) if ch.isdigit() else ch for ch in match.group()]
        digits[0] = str(rng.randint(1, 9))
        return "".join(digits)

    return _NUMBER.sub(swap, text)


def write_inbox(dest: Path, megabytes: float, *, seed: int = 7, source: Path | None = None) -> list[Path]:
    """Write varied copies of the sample reports into `dest` until they hold `megabytes` of UTF-8."""
    originals = sorted((source or SEEDS / "reports").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in originals]
    dest.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    written: list[Path] = []
    total, target, n = 0, int(megabytes * 1_000_000), 0
    while total < target:
        for original, text in zip(originals, texts, strict=True):
            data = vary_numbers(text, rng).encode("utf-8")
            path = dest / f"{original.stem}_{n:05d}.txt"
            path.write_bytes(data)
            written.append(path)
            total += len(data)
            if total >= target:
                break
        n += 1
    return written
