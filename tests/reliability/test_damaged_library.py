"""A damaged or foreign library file is refused untouched, and a backup can replace it."""

from __future__ import annotations

import os
import sqlite3
from typing import TYPE_CHECKING

import pytest

from readinglist.cli import run
from readinglist.core import backup
from readinglist.core.errors import LibraryDamaged
from readinglist.core.library import Library

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


def truncate_to_half(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 2)


def overwrite_the_middle(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.seek(size // 2)
        handle.write(bytes(range(256)) * 32)  # 8 KiB of garbage: two whole pages


def zero_the_header(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.write(b"\x00" * 100)


def drop_the_last_page(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size - 4096)


DAMAGE = [truncate_to_half, overwrite_the_middle, zero_the_header, drop_the_last_page]


@pytest.fixture
def damaged_path(sample_library: Library) -> Path:
    """A closed library of 457 papers with one daily backup beside it."""
    sample_library.close()
    assert backup.newest_backup(sample_library.path) is not None
    return sample_library.path


@pytest.mark.parametrize("damage", DAMAGE)
def test_damaged_library_is_refused_without_changing_a_byte(
    damaged_path: Path, damage: Callable[[Path], None]
) -> None:
    damage(damaged_path)
    folder_before = sorted(os.listdir(damaged_path.parent))
    before = damaged_path.read_bytes()
    with pytest.raises(LibraryDamaged, match="damaged") as raised:
        Library.open(damaged_path)
    assert raised.value.path == damaged_path
    assert damaged_path.read_bytes() == before
    assert sorted(os.listdir(damaged_path.parent)) == folder_before


@pytest.mark.parametrize("damage", DAMAGE)
def test_damaged_library_is_never_backed_up(
    damaged_path: Path, damage: Callable[[Path], None]
) -> None:
    damage(damaged_path)
    backups_before = backup.list_backups(damaged_path)
    with pytest.raises(LibraryDamaged):
        Library.open(damaged_path)
    assert backup.list_backups(damaged_path) == backups_before
    with pytest.raises(backup.BackupFailed):
        backup.make_backup(damaged_path)
    assert backup.list_backups(damaged_path) == backups_before


def test_foreign_database_error_carries_the_path(tmp_path: Path) -> None:
    path = tmp_path / "accounts.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY)")
    with pytest.raises(LibraryDamaged, match="not a readinglist library") as raised:
        Library.open(path)
    assert raised.value.path == path


@pytest.mark.parametrize("damage", DAMAGE)
def test_restoring_the_newest_backup_repairs_a_damaged_library(
    damaged_path: Path, damage: Callable[[Path], None]
) -> None:
    damage(damaged_path)
    damaged_bytes = damaged_path.read_bytes()
    newest = backup.newest_backup(damaged_path)
    assert newest is not None
    restored = backup.restore(damaged_path, newest.path)
    with Library.open(damaged_path) as library:
        assert library.count() == 457
    assert restored.kept is not None and restored.kept.suffix == ".damaged"
    assert restored.kept.read_bytes() == damaged_bytes  # the damaged file is kept, not lost
    assert backup.list_backups(damaged_path)[-1] == newest  # and never listed as a backup


def test_cli_names_the_damage_and_the_restore_command_in_one_line(
    damaged_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    overwrite_the_middle(damaged_path)
    code = run(["--library", str(damaged_path), "list"])
    err = capsys.readouterr().err
    assert code == 1
    assert len(err.strip().splitlines()) == 1
    assert "damaged" in err and f"readinglist --library {damaged_path} restore 1" in err
    assert run(["--library", str(damaged_path), "restore", "1"]) == 0
    assert run(["--library", str(damaged_path), "list", "--json"]) == 0


def test_cli_without_any_backup_suggests_a_new_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "library.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    assert run(["--library", str(path), "list"]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "new library" in err
