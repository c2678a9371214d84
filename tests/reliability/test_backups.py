"""Automatic backups: once a day on open, the newest N kept, restorable and reversible."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from readinglist.cli import run
from readinglist.core import backup
from readinglist.core.commands import SetRating
from readinglist.core.errors import BackupFailed
from readinglist.core.library import Library

if TYPE_CHECKING:
    from pathlib import Path

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def test_opening_a_library_with_papers_makes_one_backup_a_day(small_library_path: Path) -> None:
    with Library.open(small_library_path) as library:
        made = library.daily_backup.backup
        assert made is not None and made.kind == backup.DAILY
        assert made.path.parent == small_library_path.parent / "backups"
    with Library.open(small_library_path) as library:
        assert library.daily_backup.backup is None
    assert [item.path for item in backup.list_backups(small_library_path)] == [made.path]
    with sqlite3.connect(made.path) as copy:
        assert copy.execute("SELECT count(*) FROM papers").fetchone() == (20,)
        assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)


def test_a_backup_from_yesterday_does_not_count_for_today(small_library_path: Path) -> None:
    backup.make_backup(small_library_path, backup.DAILY, datetime.now(UTC) - timedelta(days=1))
    with Library.open(small_library_path) as library:
        assert library.daily_backup.backup is not None
    assert len(backup.list_backups(small_library_path)) == 2


def test_an_empty_library_is_not_backed_up(library_path: Path) -> None:
    with Library.open(library_path) as library:
        assert library.daily_backup == backup.DailyBackup()
    assert backup.list_backups(library_path) == []


def test_only_the_newest_seven_are_kept_by_default(small_library_path: Path) -> None:
    for day in range(10):
        backup.make_daily_backup(small_library_path, NOW + timedelta(days=day))
    kept = backup.list_backups(small_library_path)
    assert len(kept) == backup.DEFAULT_KEEP
    assert kept[0].made_at == NOW + timedelta(days=9)
    assert kept[-1].made_at == NOW + timedelta(days=3)


def test_environment_sets_how_many_are_kept(
    small_library_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(backup.KEEP_ENV, "2")
    for day in range(4):
        backup.make_daily_backup(small_library_path, NOW + timedelta(days=day))
    assert len(backup.list_backups(small_library_path)) == 2


def test_zero_turns_automatic_backups_off(
    small_library_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(backup.KEEP_ENV, "0")
    with Library.open(small_library_path) as library:
        assert library.daily_backup.backup is None
    assert backup.list_backups(small_library_path) == []


def test_library_setting_sets_how_many_are_kept(
    small_library_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(backup.KEEP_ENV, raising=False)
    with Library.open(small_library_path) as library:
        backup.set_keep_count(library, 3)
    assert backup.keep_count(small_library_path) == (3, None)
    for day in range(5):
        backup.make_daily_backup(small_library_path, NOW + timedelta(days=day))
    assert len(backup.list_backups(small_library_path)) == 3


def test_a_bad_environment_value_is_reported_and_the_default_used(
    small_library_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(backup.KEEP_ENV, "lots")
    with Library.open(small_library_path) as library:
        assert library.daily_backup.backup is not None
        assert backup.KEEP_ENV in (library.daily_backup.problem or "")


def test_a_backup_that_cannot_be_written_never_stops_the_library_opening(
    small_library_path: Path,
) -> None:
    (small_library_path.parent / "backups").write_text("a file where the folder should be")
    with Library.open(small_library_path) as library:
        assert library.count() == 20
        assert library.daily_backup.backup is None
        assert "cannot make a backup" in (library.daily_backup.problem or "")


def test_a_full_disk_during_the_backup_leaves_no_partial_backup(
    small_library_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(_path: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "_fsync", full)
    with Library.open(small_library_path) as library:
        assert library.count() == 20
        assert "No space left on device" in (library.daily_backup.problem or "")
    assert list((small_library_path.parent / "backups").iterdir()) == []


def test_restore_brings_back_the_old_state_and_can_itself_be_undone(
    small_library_path: Path,
) -> None:
    with Library.open(small_library_path) as library:
        first = library.daily_backup.backup
        assert first is not None
        library.execute(SetRating([1, 2, 3], 5))
    restored = backup.restore(small_library_path, first.path)
    assert restored.kept is not None
    with Library.open(small_library_path) as library:
        assert library.detail(1).rating is None
    backup.restore(small_library_path, restored.kept)
    with Library.open(small_library_path) as library:
        assert [library.detail(i).rating for i in (1, 2, 3)] == [5, 5, 5]


def test_restore_removes_stale_wal_files(small_library_path: Path) -> None:
    made = backup.make_backup(small_library_path)
    wal = small_library_path.with_name(small_library_path.name + "-wal")
    wal.write_bytes(b"stale")
    backup.restore(small_library_path, made.path)
    assert not wal.exists()
    with Library.open(small_library_path) as library:
        assert library.count() == 20


def test_restore_refuses_while_the_library_is_open(small_library: Library) -> None:
    made = backup.make_backup(small_library.path)
    small_library.count()  # hold a pooled connection, as a running window does
    before = backup.list_backups(small_library.path)
    with pytest.raises(BackupFailed, match="open in another"):
        backup.restore(small_library.path, made.path)
    assert backup.list_backups(small_library.path) == before


def test_restore_refuses_a_damaged_backup(small_library_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database" * 100)
    before = small_library_path.read_bytes()
    with pytest.raises(BackupFailed, match="cannot restore"):
        backup.restore(small_library_path, bad)
    assert small_library_path.read_bytes() == before


def test_cli_backup_lists_and_restores_by_number_and_name(
    small_library_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    library = ["--library", str(small_library_path)]
    assert run([*library, "backup"]) == 0
    assert "backed up to" in capsys.readouterr().out
    assert run([*library, "backup"]) == 0
    capsys.readouterr()
    assert run([*library, "backups", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [item["number"] for item in listed] == [1, 2]
    assert {"name", "path", "made", "kind", "size"} <= set(listed[0])
    assert run([*library, "restore", listed[1]["name"]]) == 0
    out = capsys.readouterr().out
    assert "restored" in out and "kept as" in out
    assert run([*library, "restore", "1"]) == 0
    capsys.readouterr()
    assert run([*library, "restore", "99"]) == 1
    assert "no backup number 99" in capsys.readouterr().err


def test_cli_keep_option_is_stored_in_the_library(
    small_library_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(backup.KEEP_ENV, raising=False)
    assert run(["--library", str(small_library_path), "backups", "--keep", "4"]) == 0
    assert "keeping the newest 4" in capsys.readouterr().out
