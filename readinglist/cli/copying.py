"""`readinglist copy SRC DEST`: copy a library between SQLite files and PostgreSQL databases."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from readinglist.cli.output import print_json
from readinglist.core.copying import SKIPPED_TABLES, copy_library
from readinglist.core.locations import openable, parse_location

if TYPE_CHECKING:
    import argparse

    from readinglist.core.copying import CopySummary


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "copy",
        help="copy a library into a new one (SQLite file or PostgreSQL database)",
        description="Copy everything in the library SRC into DEST, each a file path or a "
        "URL such as postgresql://user@host/dbname. DEST is created when missing (a "
        "database on a server too, if you may create databases there) and must hold no "
        "papers; SRC is only read. Ids are kept. "
        f"Not copied: {'; '.join(f'{name} ({why})' for name, why in SKIPPED_TABLES.items())}. "
        "A failed copy changes nothing.",
    )
    parser.add_argument("source", metavar="SRC", help="library to copy (path or URL)")
    parser.add_argument("destination", metavar="DEST", help="new or empty library (path or URL)")
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    source = openable(parse_location(args.source))
    destination = openable(parse_location(args.destination))
    progress = _Progress()
    try:
        summary = copy_library(source, destination, progress)
    finally:
        progress.finish()
    if args.json:
        print_json(summary_json(summary))
    else:
        print(summary.line())
    return 0


def summary_json(summary: CopySummary) -> dict[str, Any]:
    return {
        "source": summary.source,
        "destination": summary.destination,
        "created": summary.created,
        "counts": summary.counts,
        "notes": summary.notes,
    }


class _Progress:
    """One line on stderr naming the table being copied, shown only on a terminal."""

    def __init__(self) -> None:
        self.enabled = sys.stderr.isatty()
        self.shown = False

    def __call__(self, table: str, done: int, total: int) -> None:
        if self.enabled:
            sys.stderr.write(f"\r\x1b[Kcopying {table}: {done:,} / {total:,}")
            sys.stderr.flush()
            self.shown = True

    def finish(self) -> None:
        if self.shown:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
            self.shown = False
