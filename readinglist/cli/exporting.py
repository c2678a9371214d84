"""`readinglist export`: write papers as BibTeX, BibLaTeX, RIS, CSL-JSON, Markdown or CSV."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readinglist.cli.output import open_library
from readinglist.core.exporters import EXPORTERS, ExportOptions, GroupBy, export
from readinglist.core.files import write_atomically

if TYPE_CHECKING:
    import argparse


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="export papers (BibTeX, BibLaTeX, RIS, CSL-JSON, Markdown, CSV)",
        description="Export the papers matching --query (default: the whole library) to "
        "standard output or -o FILE. The format comes from --format, else from the file "
        "name's extension, else BibTeX. Warnings (text pdflatex cannot set, transliterated "
        "or dropped) go to standard error.",
    )
    parser.add_argument("--format", choices=list(EXPORTERS), help="output format")
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument("--query", metavar="Q", default="", help="export the papers matching Q")
    scope.add_argument("--queue", action="store_true", help="export the reading queue, in order")
    scope.add_argument("--ids", type=int, nargs="+", metavar="ID", help="export these papers")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE")
    parser.add_argument(
        "--abstracts", action="store_true", help="Markdown: include each paper's abstract"
    )
    parser.add_argument(
        "--group-by",
        choices=[g.value for g in GroupBy],
        default=GroupBy.STATUS.value,
        help="Markdown: section the list by status (default), tag, or not at all",
    )
    parser.set_defaults(handler=run)


def choose_format(name: str | None, output: Path | None) -> str:
    if name:
        return name
    if output is not None:
        suffix = output.suffix.lower()
        for exporter in EXPORTERS.values():
            if exporter.extension == suffix:
                return exporter.name
    return "bibtex"


def run(args: argparse.Namespace) -> int:
    format_name = choose_format(args.format, args.output)
    with open_library(args) as library:
        if args.queue:
            ids = library.queue()
        elif args.ids:
            ids = list(dict.fromkeys(args.ids))
        else:
            ids = library.search(args.query).ids
        papers = library.details(ids)
    options = ExportOptions(abstracts=args.abstracts, group_by=GroupBy(args.group_by))
    result = export(format_name, papers, options)
    for warning in result.warnings:
        print(f"readinglist: warning: {warning}", file=sys.stderr)
    if args.output is None:
        sys.stdout.write(result.text)
    else:
        write_atomically(args.output, result.text)
        print(f"exported {len(papers)} papers to {args.output}", file=sys.stderr)
    return 0

