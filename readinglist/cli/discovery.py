"""`related`, `recommend`, `dismiss`: find papers like others, and review likely duplicates."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from readinglist.cli.output import open_library, print_json
from readinglist.core.discovery import Discovery, DismissDuplicate

if TYPE_CHECKING:
    import argparse

    from readinglist.core.discovery import Recommendations, RelatedPaper
    from readinglist.core.library import Library


def register(subparsers: Any) -> None:
    related = subparsers.add_parser(
        "related",
        help="list the papers most like one paper (by title and abstract)",
        description="List the papers whose title and abstract are most like paper ID's "
        "(TF-IDF cosine similarity), with the terms they share most.",
    )
    related.add_argument("paper_id", type=int, metavar="ID")
    related.add_argument("-k", type=int, default=10, metavar="N", help="how many (default 10)")
    related.add_argument("--json", action="store_true", help="print a JSON array")
    related.set_defaults(handler=run_related)

    recommend = subparsers.add_parser(
        "recommend",
        help="rank Inbox papers by what you rated highly, queued or read",
        description="Rank unrated Inbox papers by a model of the papers you rated 4-5, "
        "queued or read against those you skipped or rated 0-1; with --tag, by the papers "
        "carrying that tag. Each pick says why.",
    )
    recommend.add_argument("--tag", metavar="NAME", help="recommend more like tag NAME")
    recommend.add_argument("-k", type=int, default=10, metavar="N", help="how many (default 10)")
    recommend.add_argument("--json", action="store_true", help="print a JSON object")
    recommend.set_defaults(handler=run_recommend)

    dismiss = subparsers.add_parser(
        "dismiss",
        help="say two likely duplicates are different papers (undoable)",
        description="Remove the pair ID OTHER from the likely duplicates (see `duplicates`).",
    )
    dismiss.add_argument("paper_id", type=int, metavar="ID")
    dismiss.add_argument("other_id", type=int, metavar="OTHER")
    dismiss.set_defaults(handler=run_dismiss)


def run_related(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        found = Discovery(library).related(args.paper_id, max(args.k, 0))
        titles = _titles(library, [paper.paper_id for paper in found])
    if args.json:
        print_json([_related_json(paper, titles) for paper in found])
        return 0
    if not found:
        print("no related papers (the paper shares no indexed terms with others)")
    for paper in found:
        print(f"{paper.paper_id:>6}  {paper.score:.3f}  {titles.get(paper.paper_id, '')}")
        if paper.shared_terms:
            print(f"{'':>15}shares: {', '.join(paper.shared_terms)}")
    return 0


def run_recommend(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        found = Discovery(library).recommend(max(args.k, 0), args.tag)
        ids = [p.paper_id for p in found.picks]
        closest = [p.closest_id for p in found.picks if p.closest_id is not None]
        titles = _titles(library, [*ids, *closest])
    if args.json:
        print_json(_recommendations_json(found, titles, args.tag))
        return 0
    if not found.picks:
        print(f"no recommendations: {found.reason}")
        return 0
    for pick in found.picks:
        why = pick.explanation(titles.get(pick.closest_id) if pick.closest_id else None)
        print(f"{pick.paper_id:>6}  {titles.get(pick.paper_id, '')}")
        print(f"{'':>8}{why}")
    return 0


def run_dismiss(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        library.execute(DismissDuplicate(args.paper_id, args.other_id))
    print(f"papers {args.paper_id} and {args.other_id} are no longer listed as duplicates")
    return 0


def _titles(library: Library, ids: list[int]) -> dict[int, str]:
    return {row.id: row.title for row in library.rows(list(dict.fromkeys(ids)))}


def _related_json(paper: RelatedPaper, titles: dict[int, str]) -> dict[str, Any]:
    return {
        "id": paper.paper_id,
        "title": titles.get(paper.paper_id),
        "score": paper.score,
        "shared_terms": list(paper.shared_terms),
    }


def _recommendations_json(
    found: Recommendations, titles: dict[int, str], tag: str | None
) -> dict[str, Any]:
    return {
        "profile": f"tag:{tag}" if tag else "ratings",
        "reason": found.reason or None,
        "positives": found.positives,
        "negatives": found.negatives,
        "weak_negatives": found.weak_negatives,
        "candidates": found.candidates,
        "picks": [
            {
                "id": pick.paper_id,
                "title": titles.get(pick.paper_id),
                "score": pick.score,
                "terms": list(pick.terms),
                "closest": pick.closest_id,
                "closest_title": titles.get(pick.closest_id) if pick.closest_id else None,
                "closest_similarity": pick.closest_similarity,
                "explanation": pick.explanation(
                    titles.get(pick.closest_id) if pick.closest_id else None
                ),
            }
            for pick in found.picks
        ],
    }
