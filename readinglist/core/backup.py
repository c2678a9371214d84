"""Automatic and manual backups of a library file, and restoring one.

Backups live in a ``backups`` folder beside the library file, one SQLite file each,
named ``<library stem>-<UTC time>Z[-<kind>].sqlite`` (for example
``library-2026-11-25T163000Z.sqlite``). They are made with SQLite's online backup, so a
window or a CLI import may keep using the library meanwhile, and each copy is checked
(``PRAGMA quick_check``) before it gets its final name: a half-written or damaged copy is
never listed.

When: ``Library.open`` makes a backup at most once a calendar day (local time), only of
a library that opened cleanly (a damaged or foreign file is refused before this runs) and
only when it holds papers. A backup that cannot be made (disk full, read-only folder)
never stops the library from opening; the problem is returned for the edge to show.

How many: the newest N backups are kept (older ones are deleted after each new one).
N is, first found: the environment variable ``READINGLIST_BACKUPS``, the library's
``settings`` entry ``backups.keep`` (``readinglist backups --keep N``), else 7.
0 turns automatic backups and pruning off.

Restoring copies a backup over the library: the current file is kept first (as a
"before-restore" backup, or byte for byte as ``*.damaged`` when it is damaged), then the
backup is written to a temporary file beside the library, flushed to disk and moved into
place in one step, so a crash leaves either the old or the new library, never a mix.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from readinglist.core.errors import BackupFailed, LibraryUnavailable
from readinglist.core.models import Setting
from readinglist.core.storage import check_library_file

if TYPE_CHECKING:
    from readinglist.core.library import Library

BACKUP_FOLDER = "backups"
KEEP_ENV = "READINGLIST_BACKUPS"
KEEP_SETTING = "backups.keep"
DEFAULT_KEEP = 7
DAILY, MANUAL, BEFORE_RESTORE = "daily", "manual", "before-restore"
# Temporary files older than this are left over from a crash and are removed.
STALE_PART_AGE = timedelta(hours=1)
_STAMP = "%Y-%m-%dT%H%M%S"
_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<stamp>\d{4}-\d{2}-\d{2}T\d{6})Z"
    r"(?:-(?P<kind>manual|before-restore))?(?:-(?P<count>\d+))?\.sqlite$"
)
_SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True, slots=True)
class Backup:
    """One backup file of a library."""

    path: Path
    made_at: datetime
    """When it was made (aware, UTC)."""
    kind: str
    """DAILY (made on open), MANUAL or BEFORE_RESTORE."""
    size: int

    @property
    def name(self) -> str:
        return self.path.name


@dataclass(frozen=True, slots=True)
class DailyBackup:
    """What the backup on open did: the backup made (if one was due) or why none could be."""

    backup: Backup | None = None
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class Restored:
    """A finished restore: what was restored and where the replaced library was kept."""

    source: Path
    kept: Path | None


def backup_folder(library_path: Path) -> Path:
    return library_path.parent / BACKUP_FOLDER


def list_backups(library_path: Path) -> list[Backup]:
    """Return the library's backups, newest first (an empty list when there are none)."""
    folder = backup_folder(library_path)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    found: list[tuple[datetime, int, Backup]] = []
    for entry in entries:
        match = _NAME.match(entry.name)
        if match is None or match["stem"] != library_path.stem or not entry.is_file():
            continue
        made_at = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
        kind = match["kind"] or DAILY
        backup = Backup(Path(entry.path), made_at, kind, entry.stat().st_size)
        found.append((made_at, int(match["count"] or 0), backup))
    found.sort(key=lambda item: item[:2], reverse=True)
    return [backup for *_, backup in found]


def newest_backup(library_path: Path) -> Backup | None:
    backups = list_backups(library_path)
    return backups[0] if backups else None


def find_backup(library_path: Path, wanted: str) -> Path:
    """Return the backup named by wanted: a list index (1 = newest), a file name or a path."""
    backups = list_backups(library_path)
    if wanted.isdigit():
        index = int(wanted)
        if not 1 <= index <= len(backups):
            raise BackupFailed(f"there is no backup number {index} (there are {len(backups)})")
        return backups[index - 1].path
    for backup in backups:
        if wanted == backup.name:
            return backup.path
    path = Path(wanted).expanduser()
    if path.is_file():
        return path
    raise BackupFailed(f"{wanted}: no such backup in {backup_folder(library_path)}")


def keep_count(library_path: Path) -> tuple[int, str | None]:
    """Return how many backups to keep, and a problem with the setting if there is one."""
    named = os.environ.get(KEEP_ENV)
    if named is not None:
        if named.strip().isdigit():
            return int(named), None
        return DEFAULT_KEEP, f"{KEEP_ENV}={named!r} is not a whole number; keeping {DEFAULT_KEEP}"
    try:
        with _reader(library_path) as connection:
            row = connection.execute(
                "SELECT value FROM settings WHERE key = ?", (KEEP_SETTING,)
            ).fetchone()
    except sqlite3.Error:
        row = None
    if row is not None and str(row[0]).isdigit():
        return int(row[0]), None
    return DEFAULT_KEEP, None


def set_keep_count(library: Library, count: int) -> None:
    """Store in the library how many backups to keep (0 turns automatic backups off)."""
    with library.writing() as session:
        session.merge(Setting(key=KEEP_SETTING, value=str(count)))


def make_daily_backup(library_path: Path, now: datetime | None = None) -> DailyBackup:
    """Back the library up unless a backup was made today; report problems, never raise.

    Call only for a library that opened cleanly: this does not check the file again.
    """
    now = now or datetime.now(UTC)
    keep, problem = keep_count(library_path)
    if keep == 0:
        return DailyBackup(problem=problem)
    newest = newest_backup(library_path)
    if newest is not None and newest.made_at.astimezone().date() == now.astimezone().date():
        return DailyBackup(problem=problem)
    try:
        if not _has_papers(library_path):
            return DailyBackup(problem=problem)
        backup = make_backup(library_path, DAILY, now)
        prune(library_path, keep)
    except (BackupFailed, LibraryUnavailable) as error:
        return DailyBackup(problem=str(error))
    return DailyBackup(backup, problem)


def make_backup(library_path: Path, kind: str = MANUAL, now: datetime | None = None) -> Backup:
    """Copy the library into its backup folder with SQLite's online backup; return the copy."""
    folder = backup_folder(library_path)
    made_at = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    try:
        folder.mkdir(exist_ok=True)
        target = _free_name(folder, library_path.stem, made_at, kind)
    except OSError as error:
        raise BackupFailed(f"cannot make a backup in {folder}: {_reason(error)}") from error
    part = folder / f".{target.name}.part"
    try:
        with _reader(library_path) as source, contextlib.closing(sqlite3.connect(part)) as copy:
            # The copy is flushed once, below, before it gets its name; no journal needed.
            copy.execute("PRAGMA synchronous = OFF")
            copy.execute("PRAGMA journal_mode = OFF")
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            verdict = copy.execute("PRAGMA quick_check(1)").fetchone()
        if verdict != ("ok",):
            raise BackupFailed(f"{library_path}: the library is damaged; no backup was made")
        _fsync(part)
        os.replace(part, target)
        _fsync_folder(folder)
    except (OSError, sqlite3.Error) as error:
        _remove(part)
        raise BackupFailed(f"cannot make a backup in {folder}: {_reason(error)}") from error
    except BackupFailed:
        _remove(part)
        raise
    return Backup(target, made_at, kind, target.stat().st_size)


def prune(library_path: Path, keep: int) -> list[Path]:
    """Delete all but the newest keep backups and stale temporary files; return what went."""
    removed: list[Path] = []
    if keep <= 0:
        return removed
    for backup in list_backups(library_path)[keep:]:
        if _remove(backup.path):
            removed.append(backup.path)
    cutoff = datetime.now().timestamp() - STALE_PART_AGE.total_seconds()
    for part in backup_folder(library_path).glob(f".{glob.escape(library_path.stem)}-*.part"):
        with contextlib.suppress(OSError):
            if part.stat().st_mtime < cutoff and _remove(part):
                removed.append(part)
    return removed


def restore(library_path: Path, backup_path: Path, now: datetime | None = None) -> Restored:
    """Replace the library with a backup, keeping the current file so this can be undone.

    Refuses while another window or program has the library open: replacing the file
    under it would lose its next changes.
    """
    _check_backup(backup_path)
    kept = _keep_current(library_path, now)
    try:
        _ensure_not_in_use(library_path)
    except BackupFailed:
        if kept is not None:
            _remove(kept)
        raise
    part = library_path.with_name(f".{library_path.name}.restoring")
    try:
        shutil.copyfile(backup_path, part)
        _fsync(part)
        # Old WAL or journal content must not be replayed onto the restored file, so the
        # side files go before the swap (their content is in the copy kept above).
        for suffix in _SIDE_FILES:
            _unlink_side_file(library_path.with_name(library_path.name + suffix))
        os.replace(part, library_path)
        _fsync_folder(library_path.parent)
    except OSError as error:
        _remove(part)
        raise BackupFailed(f"{library_path}: cannot restore ({_reason(error)})") from error
    return Restored(backup_path, kept)


# -- internals ------------------------------------------------------------------------------


def _reader(path: Path) -> contextlib.closing[sqlite3.Connection]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
    return contextlib.closing(connection)


def _has_papers(library_path: Path) -> bool:
    try:
        with _reader(library_path) as connection:
            row = connection.execute("SELECT EXISTS (SELECT 1 FROM papers)").fetchone()
    except sqlite3.Error as error:
        raise BackupFailed(f"cannot read {library_path} to back it up: {error}") from error
    return bool(row[0])


def _free_name(folder: Path, stem: str, made_at: datetime, kind: str) -> Path:
    base = f"{stem}-{made_at.strftime(_STAMP)}Z" + ("" if kind == DAILY else f"-{kind}")
    target = folder / f"{base}.sqlite"
    count = 1
    while target.exists():
        count += 1
        target = folder / f"{base}-{count}.sqlite"
    return target


def _check_backup(path: Path) -> None:
    try:
        check_library_file(path)
    except LibraryUnavailable as error:
        raise BackupFailed(f"{path}: cannot restore this backup: {error}") from None
    if not path.is_file() or path.stat().st_size == 0:
        raise BackupFailed(f"{path}: cannot restore this backup: it is empty or missing")


def _keep_current(library_path: Path, now: datetime | None) -> Path | None:
    """Save the library about to be replaced; a damaged file is copied byte for byte."""
    if not library_path.exists() or library_path.stat().st_size == 0:
        return None
    try:
        check_library_file(library_path)
    except LibraryUnavailable:
        return _copy_damaged(library_path, now)
    return make_backup(library_path, BEFORE_RESTORE, now).path


def _copy_damaged(library_path: Path, now: datetime | None) -> Path:
    folder = backup_folder(library_path)
    made_at = (now or datetime.now(UTC)).astimezone(UTC)
    target = folder / f"{library_path.stem}-{made_at.strftime(_STAMP)}Z.damaged"
    try:
        folder.mkdir(exist_ok=True)
        shutil.copyfile(library_path, target)
        for suffix in _SIDE_FILES:
            side = library_path.with_name(library_path.name + suffix)
            if side.exists():
                shutil.copyfile(side, target.with_name(target.name + suffix))
        _fsync(target)
    except OSError as error:
        raise BackupFailed(
            f"cannot keep a copy of {library_path} before restoring: {_reason(error)}"
        ) from error
    return target


def _ensure_not_in_use(library_path: Path) -> None:
    """Raise BackupFailed when another connection (any process) has the library open."""
    if not library_path.exists():
        return
    connection = sqlite3.connect(library_path, timeout=0, isolation_level=None)
    try:
        connection.execute("PRAGMA locking_mode = EXCLUSIVE")
        connection.execute("BEGIN EXCLUSIVE")
        connection.execute("ROLLBACK")
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):
            raise BackupFailed(
                f"{library_path} is open in another readinglist window or program; "
                "close it and try again"
            ) from error
    except sqlite3.DatabaseError:
        pass  # damaged: nobody can be using it
    finally:
        connection.close()


def _unlink_side_file(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def _remove(path: Path) -> bool:
    try:
        path.unlink()
    except OSError:
        return False
    return True


def _fsync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder to flush it; NTFS journals the rename
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _reason(error: Exception) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    text = str(error)
    if "full" in text:
        return "the disk is full"
    return text
