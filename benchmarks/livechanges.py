"""Time how soon a window on a shared library hears changes another process makes.

    READINGLIST_TEST_POSTGRES=postgresql+psycopg://user@host/db \\
        uv run python benchmarks/livechanges.py [--changes 50] [--size 10000] [--server URL]

A database made for the run (and dropped after it) on the server named by --server or
$READINGLIST_TEST_POSTGRES gets the three sample lists, or with --size a copy of the
synthetic library of that size (as shared.py makes it). The main window opens on it,
offscreen; a second process then rates one paper after another, 100 ms apart. For each
change, the latency runs from the moment the other process starts the change until the
window's watcher says the paper changed. Meanwhile a 2 ms timer measures the longest
time the window's event loop went without running it (its longest gap), beside the same
measured while nothing changes. Prints the figures as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import QElapsedTimer, QSettings, QTimer
from serverlibraries import kept_database, scratch_database
from sqlalchemy import make_url

from libraries import build, library_path
from readinglist.core.library import Library
from readinglist.core.server_databases import create_database, drop_database
from readinglist.gui.app import make_application
from readinglist.gui.mainwindow import MainWindow

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QApplication

    from readinglist.core.changes import Changes

SERVER_ENV = "READINGLIST_TEST_POSTGRES"
ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "resources" / "samples").glob("*.txt"))
PROBE_MS = 2
# The other process: open the library, wait for "go", then rate each paper named on
# the command line, printing the paper and the moment each change starts.
CHANGER = """
import sys, time
from readinglist.core.commands import SetRating
from readinglist.core.library import Library
with Library.open(sys.argv[1]) as library:
    print("open", flush=True)
    sys.stdin.readline()
    for number, paper_id in enumerate(sys.argv[3:]):
        started = time.time()
        library.execute(SetRating([int(paper_id)], number % 5 + 1))
        print(paper_id, started, flush=True)
        time.sleep(float(sys.argv[2]))
"""


class GapProbe:
    """Measures the longest time the event loop went without running a short timer."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.longest_ms = 0
        self.timer = QTimer()
        self.timer.setInterval(PROBE_MS)
        self.timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.longest_ms = 0
        self.clock.start()
        self.timer.start()

    def stop(self) -> int:
        self.timer.stop()
        return self.longest_ms

    def _tick(self) -> None:
        self.longest_ms = max(self.longest_ms, self.clock.restart())


def wait(app: QApplication, seconds: float, until: Callable[[], bool] | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not (until is not None and until()):
        app.processEvents()
        time.sleep(0.0005)


def measure(server: str, changes: int, pause: float, size: int | None) -> dict[str, float]:
    if size is not None:
        build(size, quiet=True)
        kept, _copied = kept_database(library_path(size), size, make_url(server))
        with scratch_database(kept) as copy:
            url = copy.render_as_string(hide_password=False)
            with Library.open(url) as library:
                ids = library.search("").ids[:changes]
            return {"papers": float(size), **_measure_window(url, ids, pause)}
    database = make_url(server).set(database=f"readinglist_live_{uuid.uuid4().hex[:12]}")
    url = database.render_as_string(hide_password=False)
    create_database(database)
    try:
        with Library.open(url) as library:
            library.import_files(SAMPLES)
            ids = library.search("").ids[:changes]
        return _measure_window(url, ids, pause)
    finally:
        drop_database(database)


def _measure_window(url: str, ids: list[int], pause: float) -> dict[str, float]:
    app = make_application([])
    arrived: dict[int, float] = {}
    with tempfile.TemporaryDirectory(prefix="readinglist-live-") as folder, \
            Library.open(url) as library:
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(library, settings)
        window.show()
        wait(app, 30, lambda: window.started and window.model.rowCount() > 0)
        wait(app, 1)
        assert window.watcher.listening(), "the window does not hear the server"

        def heard(changes: Changes) -> None:
            now = time.time()
            for paper_id in changes.papers:
                arrived.setdefault(paper_id, now)

        window.watcher.changed_elsewhere.connect(heard)
        probe = GapProbe()
        probe.start()
        wait(app, 2)
        idle_gap = probe.stop()

        environment = {**os.environ, "PYTHONPATH": str(ROOT)}
        process = subprocess.Popen(
            [sys.executable, "-c", CHANGER, url, str(pause), *map(str, ids)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=environment)
        assert process.stdin is not None
        assert process.stdout is not None
        assert process.stdout.readline() == "open\n"
        probe.start()
        process.stdin.write("go\n")
        process.stdin.flush()
        wait(app, len(ids) * (pause + 1) + 5, lambda: len(arrived) == len(ids))
        wait(app, 0.5)
        busy_gap = probe.stop()
        output, _ = process.communicate(timeout=60)
        started = {int(line.split()[0]): float(line.split()[1]) for line in output.splitlines()}
        window.close()
        window.list.runner.wait()
        window.wait_for_counts()
    latencies = sorted((arrived[paper_id] - started[paper_id]) * 1000
                       for paper_id in ids if paper_id in arrived)
    return {
        "changes": float(len(ids)),
        "heard": float(len(latencies)),
        "latency_p50_ms": round(statistics.median(latencies), 1),
        "latency_p95_ms": round(latencies[max(0, round(len(latencies) * 0.95) - 1)], 1),
        "latency_max_ms": round(latencies[-1], 1),
        "longest_event_loop_gap_ms_idle": float(idle_gap),
        "longest_event_loop_gap_ms_receiving": float(busy_gap),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default=os.environ.get(SERVER_ENV), help="a database URL")
    parser.add_argument("--changes", type=int, default=50)
    parser.add_argument("--pause", type=float, default=0.1, help="seconds between changes")
    parser.add_argument("--size", type=int, help="a synthetic library of this many papers")
    args = parser.parse_args()
    if not args.server:
        parser.error(f"name a PostgreSQL server with --server or ${SERVER_ENV}")
    print(json.dumps(measure(args.server, args.changes, args.pause, args.size), indent=2))


if __name__ == "__main__":
    main()
