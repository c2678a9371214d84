"""Helpers for the reliability tests: file fingerprints, generated lists, a CLI process."""

from __future__ import annotations

import hashlib
import os
import random
import subprocess
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from readinglist.core.library import Library


def fingerprint(library_path: Path) -> str:
    """Return a hash of a closed library file; fail if a WAL or journal still holds data."""
    for suffix in ("-wal", "-journal"):
        side = library_path.with_name(library_path.name + suffix)
        assert not side.exists() or side.stat().st_size == 0, f"{side} still holds changes"
    return hashlib.sha256(library_path.read_bytes()).hexdigest()


def dump(library: Library) -> list[tuple[object, ...]]:
    """Return every paper row with its tags and collections, for comparing two states."""
    return [
        (row.id, row.title, row.rating, row.status, row.tags, row.collections)
        for row in library.rows(library.search("").ids)
    ]


SYLLABLES = ("ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "zen", "pra", "qui", "dex", "mor")


def pasted_list(count: int, start: int = 0) -> str:
    """Return a pasted-format list of count papers whose titles are all far apart."""
    rng = random.Random(start)
    words = ["".join(rng.choices(SYLLABLES, k=3)).capitalize() for _ in range(3000)]
    lines = [
        "Get trending papers in your email inbox once a day!",
        "Get trending papers in your email inbox!",
    ]
    for number in range(start, start + count):
        title = " ".join(rng.choices(words, k=8))
        lines.append(("Subscribe" if number == start else "") + title)
        lines.append(f"Study {number}: " + " ".join(rng.choices(words, k=40)))
    return "\n".join(lines) + "\n"


def run_cli(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run readinglist in a new process; return the finished process (never raises)."""
    return subprocess.run(
        [sys.executable, "-m", "readinglist", *argv],
        capture_output=True,
        text=True,
        env=env or dict(os.environ),
        check=False,
        timeout=120,
    )
