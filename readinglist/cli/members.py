"""`readinglist members`: who shares the library, and letting database roles in or out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from readinglist.cli.output import open_library, print_json

if TYPE_CHECKING:
    import argparse


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "members",
        help="list a shared library's members; let database roles in or out",
        description="List the members of a shared library (PostgreSQL) with how many papers "
        "each rated, queued, is reading and read. The library's owner lets a database role "
        "in with --add (it joins on its first open) and out with --remove (its ratings and "
        "notes stay). Roles are made by the server's administrator (CREATE ROLE name LOGIN).",
    )
    change = parser.add_mutually_exclusive_group()
    change.add_argument("--add", nargs="+", metavar="ROLE", help="let these roles in")
    change.add_argument("--remove", nargs="+", metavar="ROLE", help="let these roles out")
    parser.add_argument("--json", action="store_true", help="print the members as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    with open_library(args) as library:
        for role in args.add or ():
            library.admit(role)
            print(f"{role} may now open the library")
        for role in args.remove or ():
            library.let_out(role)
            print(f"{role} may no longer open the library")
        if args.add or args.remove:
            return 0
        found = library.members()
    if args.json:
        print_json([_as_json(member) for member in found])
        return 0
    width = max(len(member.name) for member in found)
    for member in found:
        status = "" if member.may_use else "  (let out)"
        print(
            f"{member.name:<{width}}  joined {member.joined:%Y-%m-%d}  {member.rated} rated, "
            f"{member.queued} queued, {member.reading} reading, {member.read} read{status}"
        )
    return 0


def _as_json(member: Any) -> dict[str, Any]:
    return {
        "name": member.name,
        "joined": member.joined.isoformat(timespec="seconds"),
        "rated": member.rated,
        "queued": member.queued,
        "reading": member.reading,
        "read": member.read,
        "may_use": member.may_use,
    }
