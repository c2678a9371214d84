"""`backups`, `backup`, `restore`: list, make and restore copies of the library."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readinglist.cli.output import open_library, print_json
from readinglist.core import backup
from readinglist.core.errors import ReadingListError
from readinglist.core.locations import default_location, describe

if TYPE_CHECKING:
    import argparse
    from datetime import datetime

    from sqlalchemy import URL


def register(subparsers: Any) -> None:
    listing = subparsers.add_parser(
        "backups",
        help="list the library's backups, newest first",
        description="List the library's backups, newest first. A backup is made when the "
        f"library is opened, at most once a day; the newest {backup.DEFAULT_KEEP} are kept "
        f"unless ${backup.KEEP_ENV} or --keep says otherwise.",
    )
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.add_argument(
        "--keep", type=int, metavar="N", help="keep the newest N backups (0: no automatic ones)"
    )
    listing.set_defaults(handler=run_list)
    make = subparsers.add_parser("backup", help="back the library up now")
    make.set_defaults(handler=run_backup)
    restore = subparsers.add_parser(
        "restore",
        help="replace the library with a backup (the current one is kept as a backup)",
        description="Replace the library with a backup, named by its number in "
        "'readinglist backups' (1 is the newest), its file name or a path. The library "
        "being replaced is kept in the backups folder first, so a restore can be undone "
        "by restoring that copy. Close readinglist windows using the library first.",
    )
    restore.add_argument("backup", metavar="BACKUP", help="number, file name or path")
    restore.set_defaults(handler=run_restore)


def library_path(args: argparse.Namespace) -> Path:
    """Return the library file named (or the default one); a server library has none."""
    chosen: Path | URL = args.library if args.library is not None else default_location()
    if not isinstance(chosen, Path):  # a PostgreSQL URL
        raise ReadingListError(f"{describe(chosen)}: backups are of library files; back up a "
                               "PostgreSQL library with the server's tools (pg_dump)")
    return chosen.expanduser()


def run_list(args: argparse.Namespace) -> int:
    path = library_path(args)
    if args.keep is not None:
        if args.keep < 0:
            print("readinglist: error: --keep needs 0 or more", file=sys.stderr)
            return 1
        with open_library(args) as library:
            backup.set_keep_count(library, args.keep)
    backups = backup.list_backups(path)
    keep, problem = backup.keep_count(path)
    if problem:
        print(f"readinglist: warning: {problem}", file=sys.stderr)
    if args.json:
        print_json(
            [
                {
                    "number": number,
                    "name": item.name,
                    "path": str(item.path),
                    "made": item.made_at.isoformat(timespec="seconds"),
                    "kind": item.kind,
                    "size": item.size,
                }
                for number, item in enumerate(backups, start=1)
            ]
        )
        return 0
    if not backups:
        print(f"no backups yet in {backup.backup_folder(path)}")
        return 0
    print(f"{backup.backup_folder(path)} (keeping the newest {keep}):")
    for number, item in enumerate(backups, start=1):
        made = _local(item.made_at)
        size = f"{item.size / 2**20:.1f} MiB"
        print(f"{number:>3}  {made}  {item.kind:<14} {size:>10}  {item.name}")
    return 0


def run_backup(args: argparse.Namespace) -> int:
    path = library_path(args)
    with open_library(args) as library:
        made = library.daily_backup.backup or backup.make_backup(path)
        keep, _problem = backup.keep_count(path)
        backup.prune(path, keep)
    print(f"backed up to {made.path}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    path = library_path(args)
    source = backup.find_backup(path, args.backup)
    restored = backup.restore(path, source)
    print(f"restored {path} from {restored.source.name}")
    if restored.kept is not None:
        print(f"the replaced library was kept as {restored.kept}")
    return 0


def restore_hint(path: Path, named: bool) -> str:
    """Return advice for a damaged library: the restore command, when a backup exists."""
    newest = backup.newest_backup(path)
    if newest is None:
        return "there is no backup; move the file away or start a new library with --library"
    command = f"readinglist --library {path} restore 1" if named else "readinglist restore 1"
    return f"to restore the newest backup ({_local(newest.made_at)}): {command}"


def _local(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")
