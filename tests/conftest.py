"""Fixtures shared by every test: an empty migrated library and the sample lists."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# CI replays the same examples every run, so a red build names a reproducible input;
# elsewhere each run explores new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

from readinglist.core.library import Library  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = Path(__file__).resolve().parents[1]
SAMPLES_DIR = ROOT / "resources" / "samples"


@pytest.fixture(scope="session")
def library_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated empty library file, made once per run and copied for each test."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite"
    with Library.open(path):
        pass
    return path


@pytest.fixture
def library_path(tmp_path: Path, library_template: Path) -> Path:
    path = tmp_path / "library.sqlite"
    shutil.copyfile(library_template, path)
    return path


@pytest.fixture
def library(library_path: Path) -> Iterator[Library]:
    with Library.open(library_path) as opened:
        yield opened


@pytest.fixture
def sample_files() -> list[Path]:
    return sorted(SAMPLES_DIR.glob("*.txt"))


@pytest.fixture(scope="session")
def sample_template(tmp_path_factory: pytest.TempPathFactory, library_template: Path) -> Path:
    """A library file holding the three sample lists, imported once per run."""
    path = tmp_path_factory.mktemp("samples") / "samples.sqlite"
    shutil.copyfile(library_template, path)
    with Library.open(path) as library:
        library.import_files(sorted(SAMPLES_DIR.glob("*.txt")))
    return path


@pytest.fixture
def sample_library(library_path: Path, sample_template: Path) -> Iterator[Library]:
    """A library holding the three sample lists (457 papers), imported as one undo step."""
    shutil.copyfile(sample_template, library_path)
    with Library.open(library_path) as opened:
        yield opened


@pytest.fixture
def write_list(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write a pasted-format list (header, Subscribe, title/abstract pairs) and return its path."""

    def write(name: str, pairs: list[tuple[str, str]], header: bool = True) -> Path:
        lines = (
            [
                "Get trending papers in your email inbox once a day!",
                "Get trending papers in your email inbox!",
            ]
            if header
            else []
        )
        for index, (title, abstract) in enumerate(pairs):
            lines.append(("Subscribe" if index == 0 and header else "") + title)
            lines.append(abstract)
        path = tmp_path / name
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return write
