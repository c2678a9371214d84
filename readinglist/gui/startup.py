"""Open a library: recover when the file is damaged, ask for a server's password.

``open_or_recover`` and ``open_server`` hold the decisions; the questions are functions
passed in (the dialogs in ``dialogs/`` in the app, plain answers in tests), as beets'
importer asks its UI through overridable methods. A damaged file is never written:
restoring goes through ``core.backup.restore``, which first keeps a byte-for-byte copy.
The libraries opened are remembered in the settings as ``locations.describe`` renders
them: never with a password.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from readinglist.core import backup
from readinglist.core.errors import LibraryDamaged, ReadingListError
from readinglist.core.locations import (
    KeyringUnavailable,
    describe,
    forget_password,
    needs_password,
    parse_location,
    readable,
    remember_password,
    with_password,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import QSettings

    from readinglist.core.library import Library
    from readinglist.core.locations import LibraryURL, Location

LIBRARY_KEY = "library/path"
"""QSettings key of the library opened last (a path, or a URL without its password)."""
RECENT_KEY = "library/recent"
"""QSettings key of the libraries opened lately, newest first, as a JSON list."""
RECENT_COUNT = 8

PasswordAnswer = tuple[str, bool]
"""A password typed, and whether to remember it in the system keyring."""


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
    location: Location | None = None
    """Where the library is, when not where it was asked for (``moved_to``)."""


def open_or_recover(
    location: Location,
    open_library: Callable[[Location], tuple[Library, str]],
    ask: Callable[[Damage], Recovery],
    choose_path: Callable[[Path], Path | None],
    report: Callable[[str], None],
    ask_password: Callable[[str, bool], PasswordAnswer | None] | None = None,
) -> Opened | None:
    """Open location; on damage ask what to do until a library opens or the user quits (None).

    Args:
        open_library: opens a location, returning the library and a status message.
        ask: chooses restore, elsewhere or quit for a damaged file.
        choose_path: asks where to start a new library (None: cancelled).
        report: shows an error that ends or interrupts the recovery.
        ask_password: asks for a server library's password (see ``open_server``).
    """
    if not isinstance(location, Path):
        return open_server(location, open_library, report, ask_password)
    path = location
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
        return Opened(library, restored or message, moved_to, path)


def open_server(
    url: LibraryURL,
    open_library: Callable[[Location], tuple[Library, str]],
    report: Callable[[str], None],
    ask_password: Callable[[str, bool], PasswordAnswer | None] | None = None,
    password: str | None = None,
    remember: bool = False,
) -> Opened | None:
    """Open the library on a PostgreSQL server, asking for the password while it is refused.

    A password that let the library open is remembered in the system keyring when the
    user asked for it; a keyring that cannot is said in the message, not an error.

    Args:
        ask_password: given the library's description and whether a password was
            refused, returns the password and whether to remember it (None: cancelled).
        password: one typed already (the URL's own, else the keyring's or libpq's, first).
        remember: keep password once it worked.
    """
    while True:
        try:
            library, message = open_library(url if password is None
                                            else with_password(url, password))
        except ReadingListError as error:
            if ask_password is None or not needs_password(error):
                report(str(error))
                return None
            answer = ask_password(readable(url), password is not None)
            if answer is None:
                return None
            password, remember = answer
            continue
        break
    if remember and password:
        try:
            remember_password(url, password)
        except KeyringUnavailable as error:
            message = f"{message} The password was not remembered: {error}."
    return Opened(library, message, None, url)


def remember_library(settings: QSettings, location: Location) -> None:
    """Reopen location at the next launch, and list it first among the recent libraries."""
    described = describe(location)
    settings.setValue(LIBRARY_KEY, described)
    recent = [described, *(item for item in recent_libraries(settings) if item != described)]
    settings.setValue(RECENT_KEY, json.dumps(recent[:RECENT_COUNT]))


def forget_recent(settings: QSettings, described: str) -> None:
    """Take one library off the recent list, with its password if the keyring holds one."""
    recent = [item for item in recent_libraries(settings) if item != described]
    settings.setValue(RECENT_KEY, json.dumps(recent))
    try:
        location = parse_location(described)
        if not isinstance(location, Path):
            forget_password(location)
    except ReadingListError:
        pass  # no keyring, or an entry that no longer parses: nothing stored to forget


def recent_libraries(settings: QSettings) -> list[str]:
    """Return the libraries opened lately, newest first (descriptions: no passwords)."""
    try:
        stored = json.loads(str(settings.value(RECENT_KEY, "[]", str)))
    except ValueError:
        return []
    if not isinstance(stored, list):
        return []
    return [item for item in stored if isinstance(item, str) and item]


def _restore(path: Path, newest: backup.Backup, report: Callable[[str], None]) -> str:
    try:
        done = backup.restore(path, newest.path)
    except ReadingListError as error:
        report(str(error))
        return ""
    made = newest.made_at.astimezone().strftime("%Y-%m-%d %H:%M")
    kept = f"; the damaged file was kept as {done.kept}" if done.kept is not None else ""
    return f"Restored {path} from the backup of {made}{kept}."
