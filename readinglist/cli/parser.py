"""Build the argument parser from the subcommand modules."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from readinglist import __version__
from readinglist.cli import (
    backups,
    copying,
    discovery,
    editing,
    exporting,
    history,
    importing,
    listing,
    members,
)
from readinglist.core.locations import InvalidLocation, parse_location
from readinglist.core.storage import LIBRARY_ENV

if TYPE_CHECKING:
    from sqlalchemy import URL

SUBCOMMAND_MODULES = (
    importing, listing, editing, history, exporting, backups, copying, members, discovery
)

DESCRIPTION = """\
A keyboard-first reading-list manager for researchers.

Run without a command to open the window (or bring the open one forward);
--open FILE... also imports files into it. With a command, work on the library
from the terminal; see 'readinglist COMMAND --help'."""

EPILOG = f"""\
queries: free words (typos tolerated) and filters, combined with AND:
  tag:NAME  -tag:NAME  status:inbox|queued|reading|read|skipped  rating:>=4
  rating:3  rating:<=2  is:unrated  is:untagged  has:note  in:COLLECTION
  "exact phrase"  a OR b  -word  (grouping)
  Put -- before a query that starts with '-':  readinglist list -- -tag:read

library: --library PATH or URL, else ${LIBRARY_ENV}, else the user data folder.
  A library file (created if missing), or a shared library on a PostgreSQL server:
  postgresql://USER@HOST[:PORT]/DATABASE, postgresql://USER@/DATABASE?host=/socket/dir,
  postgresql:///?service=NAME. Passwords come from the system keyring or ~/.pgpass.
exit codes: 0 ok, 1 failed (reason on stderr), 2 bad command line."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr (exit code 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def library_location(text: str) -> Path | URL:
    """Read --library: a file path or a PostgreSQL URL (a bad URL is a usage error)."""
    try:
        return parse_location(text)
    except InvalidLocation as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="readinglist",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"readinglist {__version__}")
    parser.add_argument(
        "--library",
        type=library_location,
        metavar="PATH|URL",
        help="library file to use (created if missing), or a PostgreSQL URL "
        "(postgresql://user@host/database)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="import the sample lists into a temporary library, export them, and exit",
    )
    parser.add_argument(
        "--open",
        dest="open_files",
        type=Path,
        nargs="*",
        metavar="FILE",
        help="open the window and import FILEs; when a window over the library is already "
        "open, it comes forward and imports them (no COMMAND with this)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module in SUBCOMMAND_MODULES:
        module.register(subparsers)
    return parser
