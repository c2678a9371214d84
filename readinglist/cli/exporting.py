"""`readinglist export`: write papers as BibTeX, BibLaTeX, RIS, CSL-JSON, Markdown or CSV."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readinglist.cli.output import open_library
from readinglist.core import citekeys
from readinglist.core.commands import SetSetting
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

    pattern = subparsers.add_parser(
        "citekey-pattern",
        help="show or set the pattern new citation keys are made from",
        description="Show the citation-key pattern, or set it for papers added from now on "
        "(existing keys never change). Fields: [auth], [year], [shorttitleN_M] (first M "
        "significant title words), [veryshorttitle], [title]; add :lower or :upper. "
        f"Default: {citekeys.DEFAULT_PATTERN}",
    )
    pattern.add_argument("pattern", nargs="?", metavar="PATTERN")
    pattern.add_argument("--reset", action="store_true", help="go back to the default")
    pattern.set_defaults(handler=run_pattern)


def run_pattern(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        if args.reset or args.pattern:
            value = None if args.reset else citekeys.check_pattern(args.pattern)
            library.execute(
                SetSetting(citekeys.PATTERN_SETTING, value, "change the citation key pattern")
            )
        current = library.setting(citekeys.PATTERN_SETTING) or citekeys.DEFAULT_PATTERN
    example = citekeys.base_key(
        "Attention Is All You Need", ["Vaswani, Ashish"], 2017, current
    )
    print(f"{current}  (e.g. {example})")
    return 0


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

