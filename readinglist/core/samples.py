"""The sample library: three real pasted lists that a new library starts with."""

from __future__ import annotations

from typing import TYPE_CHECKING

from readinglist.resources import resource

if TYPE_CHECKING:
    from pathlib import Path

    from readinglist.core.importing import ImportSummary
    from readinglist.core.library import Library

SAMPLE_COLLECTIONS = {
    "trending-llm-evaluation.txt": "Sample: LLM evaluation",
    "trending-language-acquisition.txt": "Sample: language acquisition",
    "trending-llm-society.txt": "Sample: LLMs and society",
}


def sample_files() -> list[Path]:
    return [resource("samples", name) for name in SAMPLE_COLLECTIONS]


def import_samples(library: Library) -> list[ImportSummary]:
    """Fill a new library with the sample lists (not an undoable step: it is the start)."""
    summaries: list[ImportSummary] = []
    for path in sample_files():
        summaries += library.import_files(
            [path], collection=SAMPLE_COLLECTIONS[path.name], record_history=False
        )
    return summaries
