"""Time `readinglist copy` of a synthetic library into PostgreSQL and back into a new file.

    READINGLIST_TEST_POSTGRES=postgresql+psycopg://user@host/db \\
        uv run python benchmarks/copying.py 100000 [--data-dir benchmarks/.data]

The library is built (or reused) as libraries.py does; the copy goes into a new database
on the server the variable names (or --server), made for the run and dropped after it,
then back into a temporary file. Prints the times and the peak memory as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sqlalchemy import make_url

from libraries import DEFAULT_DATA_DIR, build, library_path
from readinglist.core.copying import copy_library
from readinglist.core.server_databases import drop_database

SERVER_ENV = "READINGLIST_TEST_POSTGRES"


def measure(size: int, server: str, data_dir: Path = DEFAULT_DATA_DIR) -> dict[str, float]:
    """Return the seconds a copy of the size-paper library takes each way, and peak memory."""
    build(size, data_dir, quiet=True)
    source = library_path(size, data_dir)
    database = make_url(server).set(database=f"readinglist_copy_{uuid.uuid4().hex[:12]}")
    url = database.render_as_string(hide_password=False)
    with tempfile.TemporaryDirectory(prefix="readinglist-copy-") as folder:
        try:
            started = time.perf_counter()
            copy_library(source, url)  # creates the database
            to_server = time.perf_counter() - started
            started = time.perf_counter()
            copy_library(url, Path(folder) / "back.sqlite")
            back = time.perf_counter() - started
        finally:
            drop_database(database)
    return {
        "papers": float(size),
        "to_server_seconds": round(to_server, 2),
        "to_server_papers_per_second": round(size / to_server),
        "back_seconds": round(back, 2),
        "back_papers_per_second": round(size / back),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("size", type=int)
    parser.add_argument("--server", default=os.environ.get(SERVER_ENV), help="a database URL")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    args = parser.parse_args()
    if not args.server:
        parser.error(f"name a PostgreSQL server with --server or ${SERVER_ENV}")
    print(json.dumps(measure(args.size, args.server, args.data_dir), indent=2))


if __name__ == "__main__":
    main()
