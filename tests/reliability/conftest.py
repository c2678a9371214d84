"""Fixtures for the reliability tests: seed files in every format, file fingerprints."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from readinglist.core.exporters import export
from readinglist.core.library import Library

TESTS = str(Path(__file__).resolve().parents[1])
if TESTS not in sys.path:
    sys.path.insert(0, TESTS)

from libfiles import pasted_list  # noqa: E402

from paperdata import hostile_papers  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = Path(__file__).resolve().parents[2]
SAMPLES_DIR = ROOT / "resources" / "samples"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: reads or writes tens of megabytes (still run)")


@pytest.fixture(scope="session")
def seeds() -> dict[str, bytes]:
    """One valid file per importer format, the seeds the fuzz tests mutate."""
    papers = hostile_papers()
    files = {
        name: export(name, papers).text.encode("utf-8")
        for name in ("bibtex", "ris", "csl-json", "csv")
    }
    sample = (SAMPLES_DIR / "trending-llm-society.txt").read_bytes()
    files["pasted"] = sample[:6000]
    return files


@pytest.fixture(scope="session")
def small_template(tmp_path_factory: pytest.TempPathFactory, library_template: Path) -> Path:
    """A library holding 20 papers: small enough to copy and open for each fuzz example."""
    folder = tmp_path_factory.mktemp("small")
    path = folder / "small.sqlite"
    shutil.copyfile(library_template, path)
    source = folder / "twenty.txt"
    source.write_text(pasted_list(20), encoding="utf-8")
    with Library.open(path) as library:
        library.import_files([source])
    return path


@pytest.fixture
def small_library_path(tmp_path: Path, small_template: Path) -> Path:
    path = tmp_path / "library.sqlite"
    shutil.copyfile(small_template, path)
    return path


@pytest.fixture
def small_library(small_library_path: Path) -> Iterator[Library]:
    with Library.open(small_library_path) as library:
        yield library
