"""Read-only file or full disk: a change that cannot be saved says so and is not kept.

Tests run as root in CI containers, where chmod stops nothing; there the file is made
immutable with ``chattr +i``, which binds root too (the test skips when the file system
lacks the flag). A full disk is simulated with ``PRAGMA max_page_count``: SQLite then
answers a write that needs a new page with SQLITE_FULL, the very error a full disk gives.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest
from libfiles import dump, fingerprint, pasted_list
from sqlalchemy import event

from readinglist.cli import run
from readinglist.core.commands import AddTags, SetNote, SetRating
from readinglist.core.errors import LibraryUnavailable
from readinglist.core.library import Library

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path
    from typing import Any


@pytest.fixture
def read_only_path(small_library_path: Path) -> Iterator[Path]:
    """The small library file made unwritable, even for root."""
    if os.geteuid() != 0:
        small_library_path.chmod(0o444)
        yield small_library_path
        small_library_path.chmod(0o644)
        return
    chattr = shutil.which("chattr")
    if chattr is None:
        pytest.skip("running as root without chattr: cannot make a file read-only")
    made = subprocess.run([chattr, "+i", str(small_library_path)], capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip(f"chattr +i is not supported here: {made.stderr.decode().strip()}")
    try:
        yield small_library_path
    finally:
        subprocess.run([chattr, "-i", str(small_library_path)], check=True)


def test_change_to_a_read_only_library_says_it_cannot_be_saved(read_only_path: Path) -> None:
    with pytest.raises(PermissionError):
        open(read_only_path, "ab").close()  # the protection is real, even for root
    before = fingerprint(read_only_path)
    with Library.open(read_only_path) as library:
        rows = dump(library)
        with pytest.raises(LibraryUnavailable, match="read-only, so changes cannot be saved"):
            library.execute(SetRating([1, 2], 5))
        assert dump(library) == rows
        assert not (library.history_labels()[0] or "").startswith("rate")
    assert fingerprint(read_only_path) == before


def test_cli_change_to_a_read_only_library_exits_1_with_one_line(
    read_only_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = run(["--library", str(read_only_path), "tag", "keep", "1"])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""  # nothing claims the tag was added
    assert len(captured.err.strip().splitlines()) == 1 and "read-only" in captured.err


def cap_file_size(library: Library) -> None:
    """Let the library's connections use no page beyond those the file has now."""

    def cap(dbapi_connection: Any, _record: Any) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")

    library.engine.dispose()
    event.listen(library.engine, "connect", cap)


def test_change_on_a_full_disk_says_so_and_leaves_the_library_unchanged(
    small_library_path: Path,
) -> None:
    with Library.open(small_library_path) as library:
        rows = dump(library)
    before = fingerprint(small_library_path)
    with Library.open(small_library_path) as library:
        cap_file_size(library)
        with pytest.raises(LibraryUnavailable, match="disk is full, so changes cannot be saved"):
            library.execute(SetNote(1, "a long note " * 20_000))
        with pytest.raises(LibraryUnavailable, match="disk is full"):
            library.execute(AddTags(list(range(1, 21)), [f"tag{n}" for n in range(300)]))
        assert dump(library) == rows
        assert library.detail(1).note == ""
    assert fingerprint(small_library_path) == before


def test_import_on_a_full_disk_fails_whole_and_adds_nothing(
    small_library_path: Path, tmp_path: Path
) -> None:
    source = tmp_path / "many.txt"
    source.write_text(pasted_list(2000, start=500), encoding="utf-8")
    second = small_library_path.with_name("second.txt")
    second.write_text(pasted_list(5, start=9000), encoding="utf-8")
    before = fingerprint(small_library_path)
    with Library.open(small_library_path) as library:
        cap_file_size(library)
        with pytest.raises(LibraryUnavailable, match="disk is full, so changes cannot be saved"):
            library.import_files([source, small_library_path.with_name("second.txt")])
        assert library.count() == 20
    assert fingerprint(small_library_path) == before
