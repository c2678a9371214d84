"""`list`, `show`, `stats`, `tags`, `collections`, `duplicates`: read the library."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from readinglist.cli.output import (
    detail_json,
    open_library,
    print_json,
    print_rows,
    rating_text,
)
from readinglist.core.discovery import insights
from readinglist.core.search import SortKey

if TYPE_CHECKING:
    import argparse


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "list",
        help="list papers matching a query",
        description="List papers matching QUERY (all papers without one). With free text, "
        "the best match comes first. Put -- before a query that starts with '-'.",
    )
    parser.add_argument("query", nargs="*", metavar="QUERY")
    parser.add_argument("--json", action="store_true", help="print a JSON array")
    parser.add_argument(
        "--sort",
        choices=[key.value for key in SortKey],
        help="order (default: relevance, or the order papers were added)",
    )
    parser.add_argument("--reverse", action="store_true", help="reverse the order")
    parser.add_argument("--limit", type=int, metavar="N", help="print at most N papers")
    parser.set_defaults(handler=run_list)

    show = subparsers.add_parser("show", help="show everything about one paper")
    show.add_argument("paper_id", type=int, metavar="ID")
    show.add_argument("--json", action="store_true", help="print a JSON object")
    show.set_defaults(handler=run_show)

    stats = subparsers.add_parser("stats", help="count papers, collections, tags and more")
    stats.add_argument("--json", action="store_true", help="print a JSON object")
    stats.set_defaults(handler=run_stats)

    tags = subparsers.add_parser("tags", help="list tags with their paper counts")
    tags.add_argument("--json", action="store_true", help="print a JSON array")
    tags.set_defaults(handler=run_tags)

    collections = subparsers.add_parser("collections", help="list collections with counts")
    collections.add_argument("--json", action="store_true", help="print a JSON array")
    collections.set_defaults(handler=run_collections)

    duplicates = subparsers.add_parser(
        "duplicates", help="list likely duplicates found at import (merge them with `merge`)"
    )
    duplicates.add_argument("--json", action="store_true", help="print a JSON array")
    duplicates.set_defaults(handler=run_duplicates)


def run_list(args: argparse.Namespace) -> int:
    query = " ".join(args.query)
    sort = SortKey(args.sort) if args.sort else None
    with open_library(args) as library:
        ids = library.search(query, sort, args.reverse).ids
        if args.limit is not None:
            ids = ids[: max(args.limit, 0)]
        rows = library.rows(ids)
    if args.json:
        from readinglist.cli.output import row_json

        print_json([row_json(row) for row in rows])
    else:
        print_rows(rows)
    return 0


def run_show(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        paper = library.detail(args.paper_id)
    if args.json:
        print_json(detail_json(paper))
        return 0
    lines = [
        paper.title,
        "",
        f"id {paper.id} · key {paper.citation_key} · {paper.status} · rating "
        f"{rating_text(paper.rating)}",
    ]
    if paper.authors:
        lines.append("authors: " + "; ".join(paper.authors))
    if paper.year:
        lines.append(f"year: {paper.year}")
    lines.append("tags: " + (", ".join(paper.tags) or "-"))
    lines.append("collections: " + (", ".join(paper.collections) or "-"))
    lines += ["", paper.abstract or "(no abstract)"]
    if paper.note:
        lines += ["", "note:", paper.note]
    if paper.private_note:
        lines += ["", "my note:", paper.private_note]
    if paper.members > 1:
        counts = ", ".join(f"{n} {status}" for status, n in sorted(paper.member_statuses.items()))
        lines += ["", f"members: {paper.members} ({counts})"]
    print("\n".join(lines))
    return 0


def run_stats(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        stats = library.stats()
        if args.json:
            stats["insights"] = insights(library)
    if args.json:
        print_json(stats)
        return 0
    print(f"{stats['papers']} papers, {stats['collections']} collections, {stats['tags']} tags")
    print("status: " + ", ".join(f"{n} {s}" for s, n in stats["statuses"].items()))
    print(
        f"rated: {stats['rated']}, unrated: {stats['unrated']}, with notes: {stats['with_notes']}"
    )
    print(f"likely duplicates: {stats['likely_duplicates']}")
    return 0


def run_tags(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        tags = library.tags()
    if args.json:
        print_json([{"name": t.name, "color": t.color, "papers": t.count} for t in tags])
    else:
        for tag in tags:
            print(f"{tag.count:>6}  {tag.name}")
    return 0


def run_collections(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        collections = library.collections()
    if args.json:
        print_json([{"name": c.name, "source": c.source, "papers": c.count} for c in collections])
    else:
        for collection in collections:
            print(f"{collection.count:>6}  {collection.name}")
    return 0


def run_duplicates(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        pairs = library.duplicate_pairs()
        titles = {row.id: row.title for row in library.rows([i for p in pairs for i in p[:2]])}
    if args.json:
        print_json(
            [
                {"paper": a, "other": b, "score": score, "titles": [titles.get(a), titles.get(b)]}
                for a, b, score in pairs
            ]
        )
    else:
        for a, b, score in pairs:
            print(f"{score:5.1f}  {a}: {titles.get(a)}\n       {b}: {titles.get(b)}")
    return 0
