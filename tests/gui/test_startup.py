"""A damaged library at start-up: never overwritten; restore, start elsewhere, or quit."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest

from readinglist.core import backup
from readinglist.core.library import Library
from readinglist.gui.app import open_library
from readinglist.gui.dialogs.damaged import damage_text
from readinglist.gui.startup import Damage, Opened, Recovery, open_or_recover

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


@pytest.fixture
def damaged(tmp_path: Path, gui_template: Path) -> Path:
    """A library with papers and a backup, then its header overwritten."""
    path = tmp_path / "lib.sqlite"
    shutil.copyfile(gui_template, path)
    Library.open(path).close()  # the day's first open makes a backup
    assert backup.newest_backup(path) is not None
    with path.open("r+b") as handle:
        handle.write(b"\x00" * 100)
    return path


def recover(path: Path, answers: list[Recovery], new_path: Path | None = None,
            ) -> tuple[Opened | None, list[Damage], list[str]]:
    asked: list[Damage] = []
    reported: list[str] = []

    def ask(damage: Damage) -> Recovery:
        asked.append(damage)
        return answers.pop(0)

    chosen: Callable[[Path], Path | None] = lambda _damaged: new_path  # noqa: E731
    return open_or_recover(path, open_library, ask, chosen, reported.append), asked, reported


def test_quitting_leaves_the_damaged_file_exactly_as_it_was(damaged: Path) -> None:
    before = damaged.read_bytes()
    opened, asked, _ = recover(damaged, [Recovery.QUIT])
    assert opened is None
    assert damaged.read_bytes() == before
    assert asked[0].newest is not None
    assert "not a readinglist library" in asked[0].message
    assert "The file has not been changed" in damage_text(asked[0])


def test_restoring_the_newest_backup_opens_the_papers_again(damaged: Path,
                                                           gui_template: Path) -> None:
    damaged_bytes = damaged.read_bytes()
    opened, asked, reported = recover(damaged, [Recovery.RESTORE])
    assert opened is not None and not reported and len(asked) == 1
    with Library.open(gui_template) as original:
        expected = original.count()
    try:
        assert opened.library.count() == expected
        assert opened.message.startswith(f"Restored {damaged} from the backup of")
        kept = [p for p in backup.backup_folder(damaged).iterdir() if p.suffix == ".damaged"]
        assert [p.read_bytes() for p in kept] == [damaged_bytes]
    finally:
        opened.library.close()


def test_starting_elsewhere_opens_a_new_library_and_keeps_the_damaged_one(
        damaged: Path, tmp_path: Path) -> None:
    before = damaged.read_bytes()
    elsewhere = tmp_path / "elsewhere" / "fresh.sqlite"
    opened, _, _ = recover(damaged, [Recovery.ELSEWHERE], elsewhere)
    assert opened is not None
    try:
        assert opened.moved_to == elsewhere and opened.library.path == elsewhere
        assert opened.library.count() > 0  # a new library starts with the samples
    finally:
        opened.library.close()
    assert damaged.read_bytes() == before


def test_cancelling_the_new_place_asks_again(damaged: Path) -> None:
    opened, asked, _ = recover(damaged, [Recovery.ELSEWHERE, Recovery.QUIT], None)
    assert opened is None and len(asked) == 2


def test_without_a_backup_restore_is_not_offered(tmp_path: Path) -> None:
    path = tmp_path / "foreign.sqlite"
    path.write_bytes(b"this is not a database at all" * 100)
    opened, asked, _ = recover(path, [Recovery.QUIT])
    assert opened is None and asked[0].newest is None
    assert "There is no backup" in damage_text(asked[0])
