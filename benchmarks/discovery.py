"""Time discovery on synthetic libraries: index build, related papers, ranking the Inbox.

Run: ``uv run python benchmarks/discovery.py [SIZE ...]`` (default: 10000 100000).

For each size a library is built from ``benchmarks/synthetic.py`` in a temporary folder,
then these are timed (scikit-learn is imported beforehand, so its import time, a few
seconds once per process, is reported on its own line and not inside any figure):

* build: fitting the TF-IDF index on every paper (the first run on a library);
* load: a new ``Discovery`` reading the cached index from disk and checking it is fresh;
* check: asking again when nothing changed (the stamp query);
* related: "related to this paper", median over 20 papers;
* rank: ranking the Inbox for the reading profile (training included), then again with
  the profile unchanged;
* after rating: rate 5 papers, then rank (stamp check, per-paper check, retraining);
* after import: import 100 papers, then answer "related" (rows appended, no refit).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from readinglist.core.commands import SetRating
from readinglist.core.discovery import Discovery
from readinglist.core.library import Library
from synthetic import collections, papers

RELATED_SAMPLES = 20


def timed(work):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = work()
    return time.perf_counter() - start, result


def measure(size: int, folder: Path) -> dict[str, float]:
    library = Library.open(folder / f"library-{size}.sqlite")
    cache_file = folder / f"index-{size}.npz"
    figures: dict[str, float] = {}
    start = time.perf_counter()
    for name, records in collections(size):
        library.import_records(records, name, "synthetic")
    figures["import (setup)"] = time.perf_counter() - start

    discovery = Discovery(library, cache_file)
    figures["build"], index = timed(discovery.index)
    figures["cache MB"] = cache_file.stat().st_size / 1e6
    figures["terms"] = len(index.terms)
    figures["load"], _ = timed(Discovery(library, cache_file).index)
    figures["check"], _ = timed(discovery.index)

    ids = [int(i) for i in index.ids[:: max(len(index) // RELATED_SAMPLES, 1)]][:RELATED_SAMPLES]
    durations = [timed(lambda paper=paper: discovery.related(paper, 10))[0] for paper in ids]
    figures["related"] = statistics.median(durations)

    figures["rank"], found = timed(lambda: discovery.recommend(20))
    figures["rank again"], _ = timed(lambda: discovery.recommend(20))
    figures["candidates"] = found.candidates
    inbox = [pick.paper_id for pick in found.picks[:5]]
    library.execute(SetRating(inbox, 5))
    figures["after rating"], _ = timed(lambda: discovery.recommend(20))

    extra = list(papers(100, seed=size + 1))
    for record in extra:
        record.title = "Appended " + record.title
    library.import_records(extra, "appended", "synthetic")
    figures["after import"], _ = timed(lambda: discovery.related(ids[0], 10))
    library.close()
    return figures


def main(argv: list[str]) -> int:
    sizes = [int(arg) for arg in argv] or [10_000, 100_000]
    seconds, _ = timed(lambda: __import__("sklearn.svm"))
    print(f"scikit-learn import: {seconds:.2f} s (once per process, not in the figures below)")
    rows: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            rows[size] = measure(size, Path(folder))
            print(f"{size} papers measured", file=sys.stderr)
    keys = list(next(iter(rows.values())))
    print(f"{'':<16}" + "".join(f"{size:>12,}" for size in sizes))
    for key in keys:
        cells = []
        for size in sizes:
            value = rows[size][key]
            if key in ("terms", "candidates"):
                cells.append(f"{int(value):>12,}")
            elif key == "cache MB":
                cells.append(f"{value:>10.1f}MB")
            elif value < 1:
                cells.append(f"{value * 1000:>10.1f}ms")
            else:
                cells.append(f"{value:>11.2f}s")
        print(f"{key:<16}" + "".join(cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
