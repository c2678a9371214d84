"""Time the list and search of a library on a PostgreSQL server beside the same library file.

    READINGLIST_TEST_POSTGRES=postgresql+psycopg://user@host/db \\
        uv run --extra postgres python benchmarks/shared.py --sizes 100000 [--server URL]

(``python3 run.py bench --shared`` runs this.) The synthetic library of each size
(libraries.py) is copied into a database on the server named by --server or
$READINGLIST_TEST_POSTGRES. That database is named after the file's checksum and kept,
so a rerun on an unchanged file skips the copy. Each back end is measured in processes
of its own through the public ``Library`` API (the calls the window makes, without the
window), with the same queries. Changing and importing papers run on throw-away copies
(a copied file; a database made from the kept one as its template), so the kept
libraries stay as they were. With --json the figures go into that file under the key
"shared"; its other keys are kept.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from serverlibraries import (
    database_mb,
    kept_database,
    scratch_database,
    scratch_file,
    server_settings,
)
from sqlalchemy import make_url

from libraries import DEFAULT_DATA_DIR, build, library_path
from readinglist.core.commands import SetRating
from readinglist.core.errors import InvalidQuery
from readinglist.core.library import Library
from readinglist.core.locations import describe
from readinglist.core.search import SortKey
from synthetic import papers

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy import URL

SERVER_ENV = "READINGLIST_TEST_POSTGRES"
JSON_KEY = "shared"
PAGE = 200
"""Ids and rows of the first page, as the window's list asks for (gui.search.FIRST_PAGE)."""
# Typed one character at a time, as measure.py replays them, plus a phrase typed inside
# its closing quote (as a search box that closes quotes has it): each keystroke is a phrase.
TYPED = {
    "free words": "matrix entropy",
    "typo": "langauge modles",
    "phrase": "large language models",
    "field": "tag:nlp",
    "combined": "tag:nlp rating:>=4 model",
}
ORDERS = {  # list order: (sort key, descending), as a click on the column header asks
    "added": (SortKey.ADDED, False),
    "title": (SortKey.TITLE, False),
    "rating": (SortKey.RATING, True),
    "status": (SortKey.STATUS, False),
}
REPEATS = 7
"""Runs of each single query; the median is reported."""
OPENS = 3
"""New processes opening the library; the quickest is reported."""
SELECTION = 1000
IMPORTED = 1000


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def median_ms(work: Callable[[], object], repeats: int = REPEATS) -> float:
    return ms(statistics.median(timed(work) for _ in range(repeats)))


# -- one back end, in a process of its own ------------------------------------------------


def first_page(library: Library, query: str, sort: SortKey | None = None,
               descending: bool = False) -> None:
    """What the list does for a new answer: the first page's ids, then their rows."""
    try:
        result = library.search(query, sort, descending, limit=PAGE)
    except InvalidQuery:
        return  # a half-typed query: the list shows the hint
    library.rows(result.ids)


def typing(library: Library) -> dict[str, dict[str, float]]:
    """Per query: p50 / p95 ms of a keystroke's first page, each query typed twice, the
    second time timed (the first warms the caches, as measure.py does)."""
    figures = {}
    for kind, query in TYPED.items():
        times = []
        for repeat in range(2):
            first_page(library, "")
            for end in range(1, len(query) + 1):
                typed = f'"{query[:end]}"' if kind == "phrase" else query[:end]
                seconds = timed(lambda typed=typed: first_page(library, typed))
                if repeat:
                    times.append(seconds)
        figures[kind] = {
            "p50_ms": ms(statistics.median(times)),
            "p95_ms": ms(percentile(times, 0.95)),
        }
    return figures


def reading(location: str) -> dict[str, Any]:
    """Time the first pages, typing, a status filter and the whole answer."""
    with Library.open(location, back_up=False) as library:
        whole: list[int] = []
        figures: dict[str, Any] = {
            "backend": library.backend.name,
            "first_page_ms": {
                name: median_ms(lambda sort=sort, down=down: first_page(library, "", sort, down))
                for name, (sort, down) in ORDERS.items()
            },
            "keystroke": typing(library),
            "status_queued_ms": median_ms(lambda: first_page(library, "status:queued")),
            "status_queued_whole_ms": median_ms(lambda: library.search("status:queued")),
            "whole_answer_ms": median_ms(lambda: whole.extend(library.search("").ids)),
        }
        figures["whole_answer_ids"] = len(whole) // REPEATS
    return figures


def changing(location: str) -> dict[str, Any]:
    """Rate 1,000 papers and undo it (three times, median); import 1,000 new papers."""
    with Library.open(location, back_up=False) as library:
        ids = library.search("", limit=SELECTION).ids
        rate, undo = [], []
        for stars in (4, 2, 5):
            rate.append(timed(lambda stars=stars: library.execute(SetRating(ids, stars))))
            undo.append(timed(library.undo))
        records = list(papers(IMPORTED, seed=4242))
        before = library.count()
        seconds = timed(lambda: library.import_records(records, "benchmark", "benchmark"))
        added = library.count() - before
    return {
        "rate_1000_ms": ms(statistics.median(rate)),
        "rate_undo_1000_ms": ms(statistics.median(undo)),
        "import_1000_s": round(seconds, 3),
        "import_papers_per_s": round(added / seconds),
        "imported": added,
    }


def opening(location: str) -> dict[str, float]:
    """Open the library in this new process (the Library module imported; what opening
    imports besides, such as the server's driver, counts), show its first page, then
    open it a second time."""
    opened = time.perf_counter()
    library = Library.open(location, back_up=False)
    paged = time.perf_counter()
    first_page(library, "")
    done = time.perf_counter()
    library.close()
    again = timed(lambda: Library.open(location, back_up=False).close())
    return {"open_ms": ms(paged - opened), "first_page_ms": ms(done - paged),
            "open_again_ms": ms(again)}


def child(task: str, *locations: str) -> dict[str, Any]:
    """Run task in a new process; locations go through stdin (they may hold a password)."""
    done = subprocess.run(
        [sys.executable, __file__, task],
        input=json.dumps(locations),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{task} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def back_end(location: str, scratch: str) -> dict[str, Any]:
    """All figures of one back end: the library at location, changes on scratch."""
    opens = [child("open", location) for _ in range(OPENS)]
    figures = child("read", location)
    figures["open_ms"] = min(run["open_ms"] for run in opens)
    figures["first_page_after_open_ms"] = min(run["first_page_ms"] for run in opens)
    figures["open_again_ms"] = min(run["open_again_ms"] for run in opens)
    figures.update(child("change", scratch))
    return figures


def compare(size: int, server: URL, data_dir: Path) -> dict[str, Any]:
    """Measure the library of this size on both back ends; return the figures."""
    build(size, data_dir, quiet=True)
    path = library_path(size, data_dir)
    kept, filled = kept_database(path, size, server)
    figures: dict[str, Any] = {
        "papers": size,
        "measured_at": time.strftime("%Y-%m-%d %H:%M"),
        "load_average_before": [round(load, 2) for load in os.getloadavg()],
        "server": describe(kept),
        "server_settings": server_settings(kept),
        "copy_to_server_s": filled,
    }
    with scratch_file(path) as copy:
        figures["sqlite"] = back_end(str(path), str(copy))
    with scratch_database(kept) as copy:
        figures["postgresql"] = back_end(
            kept.render_as_string(hide_password=False), copy.render_as_string(hide_password=False)
        )
    answers = {figures[name]["whole_answer_ids"] for name in ("sqlite", "postgresql")}
    if len(answers) != 1:
        raise SystemExit(f"the two libraries differ: {sorted(answers)} papers")
    figures["sqlite"]["disk_mb"] = round(
        sum(f.stat().st_size for f in path.parent.glob(path.name + "*")) / 2**20
    )
    figures["postgresql"]["disk_mb"] = database_mb(kept)
    figures["load_average_after"] = [round(load, 2) for load in os.getloadavg()]
    return figures


# -- the table ------------------------------------------------------------------------------


def rows(figures: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(operation, SQLite, PostgreSQL) lines for one size."""
    lite, server = figures["sqlite"], figures["postgresql"]

    def line(name: str, show: Callable[[dict[str, Any]], str]) -> tuple[str, str, str]:
        return (name, show(lite), show(server))

    lines = [
        line("open, new process ms", lambda f: f"{f['open_ms']:.0f}"),
        line("first page right after opening ms", lambda f: f"{f['first_page_after_open_ms']:.0f}"),
        line("open again, same process ms", lambda f: f"{f['open_again_ms']:.0f}"),
    ]
    lines += [
        line(f"first page ms: {order} order", lambda f, o=order: f"{f['first_page_ms'][o]:.1f}")
        for order in ORDERS
    ]
    def typing_cell(figures: dict[str, Any], kind: str) -> str:
        keystroke = figures["keystroke"][kind]
        return f"{keystroke['p50_ms']:.1f} / {keystroke['p95_ms']:.1f}"

    lines += [
        line(f"keystroke p50 / p95 ms: {kind}", lambda f, k=kind: typing_cell(f, k))
        for kind in TYPED
    ]
    lines += [
        line("status:queued, first page ms", lambda f: f"{f['status_queued_ms']:.1f}"),
        line("status:queued, whole answer ms", lambda f: f"{f['status_queued_whole_ms']:.1f}"),
        line(
            f"whole answer ({lite['whole_answer_ids']:,} ids) ms",
            lambda f: f"{f['whole_answer_ms']:.0f}",
        ),
        line("rate 1,000 papers ms", lambda f: f"{f['rate_1000_ms']:.0f}"),
        line("undo rating 1,000 papers ms", lambda f: f"{f['rate_undo_1000_ms']:.0f}"),
        line("import 1,000 papers, papers/s", lambda f: f"{f['import_papers_per_s']:,}"),
        line("on disk MB", lambda f: f"{f['disk_mb']}"),
    ]
    return lines


def table(figures: dict[str, Any]) -> str:
    copied = figures["copy_to_server_s"]
    how = "kept from an earlier run" if copied is None else f"copied in {copied:.1f} s"
    settings = ", ".join(f"{name} {value}" for name, value in figures["server_settings"].items())
    lines = [
        f"{figures['papers']:,} papers (server copy {how}; {figures['server']}; {settings})",
        "",
        "| operation | SQLite | PostgreSQL |",
        "|---|---|---|",
    ]
    lines += [f"| {name} | {lite} | {server} |" for name, lite, server in rows(figures)]
    return "\n".join(lines)


def write_figures(path: Path, machine: str, results: dict[str, Any]) -> None:
    """Put results under JSON_KEY in the JSON file at path, keeping its other keys and sizes."""
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        data = {}
    data = data if isinstance(data, dict) else {}
    earlier = data.get(JSON_KEY)
    sizes = earlier.get("results", {}) if isinstance(earlier, dict) else {}
    data[JSON_KEY] = {"machine": machine, "results": {**sizes, **results}}
    path.write_text(json.dumps(data, indent=2) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000")
    parser.add_argument("--server", default=os.environ.get(SERVER_ENV),
                        help=f"a PostgreSQL URL (default: ${SERVER_ENV})")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--json", type=Path, help=f"also write the figures here (key {JSON_KEY})")
    args = parser.parse_args()
    if not args.server:
        parser.error(f"name a PostgreSQL server with --server or ${SERVER_ENV}")
    server = make_url(args.server)
    sizes = [int(size) for size in args.sizes.split(",")]
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    print(f"readinglist shared library benchmark ({machine})", flush=True)
    results = {}
    for size in sizes:
        print(f"measuring {size:,} papers on both back ends...", file=sys.stderr, flush=True)
        results[str(size)] = compare(size, server, args.data_dir)
        print("\n" + table(results[str(size)]), flush=True)
    if args.json:
        write_figures(args.json, machine, results)


if __name__ == "__main__":
    tasks: dict[str, Callable[[str], dict[str, Any]]] = {
        "open": opening, "read": reading, "change": changing,
    }
    if len(sys.argv) > 1 and sys.argv[1] in tasks:
        print(json.dumps(tasks[sys.argv[1]](*json.loads(sys.stdin.read()))))
    else:
        main()
