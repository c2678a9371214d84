"""Build (or reuse) a synthetic library of a given size and record its import throughput.

    uv run python benchmarks/libraries.py 100000 [--data-dir benchmarks/.data]

The library lands in DATA_DIR/library-SIZE.sqlite with a JSON file of the import
figures beside it; an existing library of that size is reused.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from readinglist.core.library import Library
from synthetic import collections

DEFAULT_DATA_DIR = Path(__file__).resolve().parent / ".data"


def library_path(size: int, data_dir: Path = DEFAULT_DATA_DIR) -> Path:
    return data_dir / f"library-{size}.sqlite"


def build(size: int, data_dir: Path = DEFAULT_DATA_DIR, quiet: bool = False) -> dict[str, float]:
    """Return the import figures of the library of this size, building it if missing."""
    path = library_path(size, data_dir)
    figures_path = path.with_suffix(".json")
    if path.exists() and figures_path.exists():
        return json.loads(figures_path.read_text())  # type: ignore[no-any-return]
    data_dir.mkdir(parents=True, exist_ok=True)
    for stale in data_dir.glob(f"{path.name}*"):
        stale.unlink()
    generating = importing = 0.0
    with Library.open(path) as library:
        started = time.perf_counter()
        batches = collections(size)
        while True:
            tick = time.perf_counter()
            batch = next(batches, None)
            generating += time.perf_counter() - tick
            if batch is None:
                break
            name, records = batch
            tick = time.perf_counter()
            library.import_records(records, name, "synthetic")
            importing += time.perf_counter() - tick
            if not quiet:
                done = library.count()
                print(f"\r{done:>9,} / {size:,} papers", end="", file=sys.stderr, flush=True)
        if not quiet:
            print(file=sys.stderr)
        figures = {
            "papers": float(size),
            "import_seconds": importing,
            "import_per_second": size / importing if importing else 0.0,
            "generate_seconds": generating,
            "build_seconds": time.perf_counter() - started,
        }
    figures_path.write_text(json.dumps(figures, indent=2))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=int)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    args = parser.parse_args()
    print(json.dumps(build(args.size, args.data_dir), indent=2))


if __name__ == "__main__":
    main()
