"""Open the library at start-up, and recover when the file is damaged or not a library.

``open_or_recover`` holds the decisions; the questions are functions passed in (the
dialogs in ``dialogs/damaged.py`` in the app, plain answers in tests), as beets'
importer asks its UI through overridable methods. A damaged file is never written:
restoring goes through ``core.backup.restore``, which first keeps a byte-for-byte copy.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

from readinglist.core import backup
from readinglist.core.errors import LibraryDamaged, ReadingListError

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from readinglist.core.library import Library

LIBRARY_KEY = "library/path"
"""QSettings key of the library chosen with "Start a new library elsewhere…"."""


class Recovery(enum.Enum):
    """What to do about a library that cannot be opened."""

    RESTORE = "restore"
    ELSEWHERE = "elsewhere"
    QUIT = "quit"


@dataclass(frozen=True, slots=True)
class Damage:
    """A library refused at start-up, and the newest backup that could replace it."""

    path: Path
    message: str
    newest: backup.Backup | None


@dataclass(frozen=True, slots=True)
class Opened:
    """The library the window will show, and a sentence for the status bar."""

    library: Library
    message: str
    moved_to: Path | None = None
    """The new place, when the user started a library elsewhere."""


def open_or_recover(
    path: Path,
    open_library: Callable[[Path], tuple[Library, str]],
    ask: Callable[[Damage], Recovery],
    choose_path: Callable[[Path], Path | None],
    report: Callable[[str], None],
) -> Opened | None:
    """Open path; on damage ask what to do until a library opens or the user quits (None).

    Args:
        open_library: opens a path, returning the library and a status message.
        ask: chooses restore, elsewhere or quit for a damaged file.
        choose_path: asks where to start a new library (None: cancelled).
        report: shows an error that ends or interrupts the recovery.
    """
    moved_to: Path | None = None
    restored = ""
    while True:
        try:
            library, message = open_library(path)
        except LibraryDamaged as error:
            damage = Damage(path, str(error), backup.newest_backup(path))
            choice = ask(damage)
            if choice is Recovery.RESTORE and damage.newest is not None:
                restored = _restore(path, damage.newest, report)
            elif choice is Recovery.ELSEWHERE:
                chosen = choose_path(path)
                if chosen is not None:
                    path = moved_to = chosen
            elif choice is Recovery.QUIT:
                return None
            continue
        except ReadingListError as error:
            report(str(error))
            return None
        return Opened(library, restored or message, moved_to)


def _restore(path: Path, newest: backup.Backup, report: Callable[[str], None]) -> str:
    try:
        done = backup.restore(path, newest.path)
    except ReadingListError as error:
        report(str(error))
        return ""
    made = newest.made_at.astimezone().strftime("%Y-%m-%d %H:%M")
    kept = f"; the damaged file was kept as {done.kept}" if done.kept is not None else ""
    return f"Restored {path} from the backup of {made}{kept}."
