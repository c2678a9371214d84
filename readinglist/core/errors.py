"""Errors the core raises; each carries a message fit to show a user."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


class ReadingListError(Exception):
    """Base of every error the core reports to a user."""


class ImportFailed(ReadingListError):
    """A file could not be imported; the library is unchanged."""

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        where = f"{source}, line {line}" if line is not None else source
        super().__init__(f"{where}: {message}")
        self.source = source
        self.line = line
        self.reason = message


class InvalidQuery(ReadingListError):
    """A search query could not be understood; the message is a hint."""


class UnknownPaper(ReadingListError):
    """A paper id does not exist in the library."""


class InvalidValue(ReadingListError):
    """An argument (rating, status, tag name...) is out of range."""


class NothingToUndo(ReadingListError):
    """Undo or redo was asked for with an empty history."""


class LibraryUnavailable(ReadingListError):
    """The library file cannot be opened: locked, read-only, full disk or not a library."""


class SearchCancelled(ReadingListError):
    """A search was stopped because its answer is no longer wanted."""


class ImportCancelled(ReadingListError):
    """The user cancelled an import; the library is unchanged."""

    def __init__(self) -> None:
        super().__init__("import cancelled; the library is unchanged")


class LibraryDamaged(LibraryUnavailable):
    """The file is damaged or is not a readinglist library; it was left exactly as it was.

    ``path`` names the file, so an edge can offer to restore the newest backup
    (``backup.newest_backup(path)``) or to start a new library elsewhere.
    """

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class BackupFailed(ReadingListError):
    """A backup could not be made or restored; the library itself is unchanged."""


class EditConflict(ReadingListError):
    """Someone else changed what this change would overwrite, since it was last read.

    Nothing was written. ``theirs`` is the value now stored (at ``version``),
    ``mine`` the one this change would have written; the edge shows both and asks.
    """

    def __init__(self, paper_id: int, field: str, mine: str, theirs: str, version: int) -> None:
        super().__init__(
            f"paper {paper_id}: its {field} was changed by someone else meanwhile; "
            "nothing was overwritten"
        )
        self.paper_id = paper_id
        self.field = field
        self.mine = mine
        self.theirs = theirs
        self.version = version
