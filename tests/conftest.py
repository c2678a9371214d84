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

import serverdb  # noqa: E402
from readinglist.core.library import Library  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy import URL

ROOT = Path(__file__).resolve().parents[1]
SAMPLES_DIR = ROOT / "resources" / "samples"


# The suites that run twice, once on a library file and once on a PostgreSQL database.
BOTH_BACKENDS = ("tests/core/", "tests/discovery/", "tests/reliability/test_hostile_queries.py")
BACKENDS = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run the tests of BOTH_BACKENDS that use a library on each back end."""
    if "library_backend" not in metafunc.fixturenames:
        return
    where = Path(str(metafunc.definition.path)).relative_to(ROOT).as_posix()
    if where.startswith(BOTH_BACKENDS) and "sqlite_only" not in metafunc.definition.keywords:
        metafunc.parametrize("library_backend", BACKENDS, indirect=True)


@pytest.fixture
def library_backend(request: pytest.FixtureRequest) -> str:
    """The back end the test's library lives on: "sqlite" unless parametrised."""
    return str(getattr(request, "param", "sqlite"))


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
def library(library_backend: str, request: pytest.FixtureRequest) -> Iterator[Library]:
    """An empty library, on the back end library_backend names."""
    if library_backend == "sqlite":
        location: Path | str = request.getfixturevalue("library_path")
    else:
        location = request.getfixturevalue("server_library")
    with Library.open(location) as opened:
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
def sample_library(library_backend: str, request: pytest.FixtureRequest) -> Iterator[Library]:
    """A library holding the three sample lists (457 papers), imported as one undo step."""
    if library_backend == "sqlite":
        location: Path | str = request.getfixturevalue("library_path")
        shutil.copyfile(request.getfixturevalue("sample_template"), location)
    else:
        location = request.getfixturevalue("server_sample_library")
    with Library.open(location) as opened:
        yield opened


@pytest.fixture(scope="session")
def server_templates() -> Iterator[dict[str, str]]:
    """Databases to copy: "empty" (migrated) and "samples" (the three lists imported)."""
    empty = serverdb.create_database()
    with Library.open(_text(empty)):
        pass
    samples = serverdb.create_database(template=empty.database)
    with Library.open(_text(samples)) as library:
        library.import_files(sorted(SAMPLES_DIR.glob("*.txt")))
    try:
        yield {"empty": str(empty.database), "samples": str(samples.database)}
    finally:
        serverdb.drop_database(samples)
        serverdb.drop_database(empty)


@pytest.fixture
def server_library(server_templates: dict[str, str]) -> Iterator[str]:
    """The URL of an empty library in a database of its own, dropped after the test."""
    yield from _copy_of(server_templates["empty"])


@pytest.fixture
def server_sample_library(server_templates: dict[str, str]) -> Iterator[str]:
    """The URL of a library holding the three sample lists, in a database of its own."""
    yield from _copy_of(server_templates["samples"])


def _copy_of(template: str) -> Iterator[str]:
    url = serverdb.create_database(template=template)
    try:
        yield _text(url)
    finally:
        serverdb.drop_database(url)


def _text(url: URL) -> str:
    return url.render_as_string(hide_password=False)


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
