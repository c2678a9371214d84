"""`readinglist import`: add paper lists to the library."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readinglist.cli.output import ProgressBar, open_library
from readinglist.core.importers import registry

if TYPE_CHECKING:
    import argparse


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import",
        help="import paper lists (each file becomes a collection)",
        description="Import paper lists. Each file becomes a collection named after the file "
        "(or --collection). Papers already in the library join the collection instead of "
        "being added twice; near-identical titles are reported as likely duplicates. "
        "A file that fails changes nothing.",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("--collection", metavar="NAME", help="collection to import into")
    parser.add_argument(
        "--format", choices=registry.names(), help="file format (default: from content and name)"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    progress = ProgressBar()
    with open_library(args) as library:
        summaries = library.import_files(args.files, args.collection, args.format, progress)
    progress.finish()
    failed = 0
    for summary in summaries:
        if summary.error is not None:
            failed += 1
            print(f"readinglist: error: {summary.error}", file=sys.stderr)
            continue
        print(summary.describe())
        for warning in summary.warnings:
            print(f"readinglist: warning: {warning}", file=sys.stderr)
    return 1 if failed else 0
