"""Fixtures for discovery tests: a private index cache, and papers looked up by title."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from readinglist.core.discovery import Discovery
from readinglist.core.discovery.cache import CACHE_ENV

if TYPE_CHECKING:
    from pathlib import Path

    from readinglist.core.library import Library


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep every index these tests build out of the user's cache folder."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


@pytest.fixture
def discovery(sample_library: Library) -> Discovery:
    return Discovery(sample_library)


@pytest.fixture
def title_ids(sample_library: Library) -> dict[str, int]:
    """Every sample paper's id keyed by its title."""
    return {row.title: row.id for row in sample_library.rows(sample_library.search("").ids)}
