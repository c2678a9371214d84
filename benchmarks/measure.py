"""Measure one library size in the real main window (offscreen) and print JSON figures.

Run by ``benchmarks/run.py`` in a fresh process per size, so peak memory is per size.
Every GUI figure drives the real ``MainWindow``; beside it stands a plain-SQLite
baseline measured in the same run.
"""

from __future__ import annotations

import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from rapidfuzz import fuzz, process, utils

from libraries import DEFAULT_DATA_DIR, build, library_path

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtWidgets import QApplication

HERE = Path(__file__).resolve().parent
# Queries replayed one keystroke at a time, by kind.
QUERIES = {
    "free words": "matrix entropy",
    "typo": "langauge modles",
    "field": "tag:nlp",
    "combined": "tag:nlp rating:>=4 model",
}
SELECTION = 1000
# Children may cache bytecode, as an installed app does: a cold start is not a first compile.
CHILD_ENV = {
    **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    "QT_QPA_PLATFORM": "offscreen",
}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


class Window:
    """The real main window over a library, with waits on its signals."""

    def __init__(self, path: Path) -> None:
        from PySide6.QtCore import QSettings

        from readinglist.core.library import Library
        from readinglist.gui.app import make_application, make_window

        self.app: QApplication = make_application(["bench"])
        self.settings_file = tempfile.NamedTemporaryFile(suffix=".ini", delete=False)
        settings = QSettings(self.settings_file.name, QSettings.Format.IniFormat)
        self.library = Library.open(path)
        self.window = make_window(self.library, settings)
        self.window.resize(1280, 800)
        self.window.show()
        self.shown = 0
        self.window.list.results_shown.connect(self._results)
        self.window.list.query_failed.connect(lambda _hint: self._results(-1))
        self.wait_results(lambda: None)
        self.wait_whole()

    def _results(self, _count: int) -> None:
        self.shown += 1

    def wait_results(self, action: Callable[[], object], timeout: float = 120.0) -> float:
        """Run action, then process events until the list shows new results; return seconds."""
        before = self.shown
        started = time.perf_counter()
        action()
        while self.shown == before:
            self.pump()
            if time.perf_counter() - started > timeout:
                raise TimeoutError("the list never updated")
        self.app.processEvents()  # the paint the new results asked for
        return time.perf_counter() - started

    def pump(self) -> None:
        """Handle the events there are, sleeping until one comes (as an idle app does):
        a busy loop would keep the worker threads from the interpreter."""
        from PySide6.QtCore import QEventLoop

        self.app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)

    def wait_whole(self, timeout: float = 120.0) -> float:
        """Process events until the list holds the whole answer; return seconds waited."""
        runner = self.window.list.runner
        started = time.perf_counter()
        while runner.busy() or runner.completing():
            self.pump()
            if time.perf_counter() - started > timeout:
                raise TimeoutError("the list never completed")
        return time.perf_counter() - started

    def close(self) -> None:
        self.window.close()
        self.library.close()


def keystrokes(window: Window) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    controller = window.window.list
    for kind, query in QUERIES.items():
        times = []
        for repeat in range(2):
            window.wait_results(lambda: controller.set_text(""))
            for end in range(1, len(query) + 1):
                elapsed = window.wait_results(lambda q=query[:end]: controller.set_text(q))
                if repeat:
                    times.append(elapsed)
        figures[kind] = {
            "p50_ms": ms(statistics.median(times)),
            "p95_ms": ms(percentile(times, 0.95)),
        }
    window.wait_results(lambda: controller.set_text(""))
    window.wait_whole()
    return figures


def keystroke_baseline(db: sqlite3.Connection) -> dict[str, float]:
    """The bare pipeline: FTS5 title prefix match -> 2,000 candidates -> rapidfuzz rerank."""
    times = []
    for query in ("matrix entropy", "langauge modles", "scaling laws"):
        for end in range(1, len(query) + 1):
            typed = query[:end]
            words = [w for w in typed.split() if w]
            started = time.perf_counter()
            match = " AND ".join(f'"{w}"*' for w in words)
            rows = db.execute(
                "SELECT p.id, p.title FROM titles_fts f JOIN papers p ON p.id = f.rowid "
                "WHERE titles_fts MATCH ? LIMIT 2000",
                (match,),
            ).fetchall()
            if rows:
                process.extract(
                    typed,
                    [r[1] for r in rows],
                    scorer=fuzz.WRatio,
                    processor=utils.default_process,
                    limit=200,
                )
            times.append(time.perf_counter() - started)
    return {"p50_ms": ms(statistics.median(times)), "p95_ms": ms(percentile(times, 0.95))}


def sorting(window: Window) -> tuple[dict[str, float], dict[str, float]]:
    """Per column: ms until the sorted list shows, and until it holds every paper."""
    from PySide6.QtCore import Qt

    from readinglist.gui.columns import Column

    model = window.window.model
    shown, whole = {}, {}
    for column in Column:
        seconds = window.wait_results(
            lambda c=column: model.sort(int(c), Qt.SortOrder.DescendingOrder)
        )
        shown[column.name.lower()] = ms(seconds)
        whole[column.name.lower()] = ms(seconds + window.wait_whole())
    window.wait_results(lambda: window.window.list.use_default_order())
    window.wait_whole()
    return shown, whole


def selecting(window: Window) -> dict[str, float]:
    """Select → abstract shown: stepping to the next row (as Down or J does, the way
    a list is read) and jumping 200 rows ahead (a click after scrolling)."""
    view = window.window.paper_view
    model = window.window.model
    times: dict[str, list[float]] = {"next": [], "jump": []}
    rows = min(model.rowCount(), 4000)
    view.setCurrentIndex(model.index(0, 0))
    steps = [("next", row) for row in range(1, min(rows, 41))]
    steps += [("jump", row) for row in range(200, rows, 200)]
    for kind, row in steps:
        target = model.ids[row]
        started = time.perf_counter()
        view.setCurrentIndex(model.index(row, 0))
        while window.window.detail.paper is None or window.window.detail.paper.id != target:
            window.pump()
        window.app.processEvents()  # the list's repaint
        times[kind].append(time.perf_counter() - started)
    return {
        f"{kind}_{name}_ms": ms(value)
        for kind, values in times.items()
        for name, value in (("p50", statistics.median(values)), ("p95", percentile(values, 0.95)))
    }


def changing(window: Window) -> dict[str, float]:
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    from readinglist.core.commands import AddTags

    main = window.window
    model = main.model
    selection = QItemSelection(
        model.index(0, 0), model.index(SELECTION - 1, model.columnCount() - 1)
    )
    main.paper_view.selectionModel().select(
        selection, QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    ids = main.paper_view.selected_ids()
    assert len(ids) == SELECTION, len(ids)
    figures = {}
    steps = {
        "rate": lambda: main.handlers.rate(4),
        "tag": lambda: main.ops.execute(AddTags(ids, ["benchmark"])),
        "queue": main.handlers.toggle_queue,
    }
    for name, action in steps.items():
        figures[name] = ms(window.wait_results(action))
        figures[f"{name}_undo"] = ms(window.wait_results(main.handlers.undo))
    return figures


def export_bibtex(path: Path) -> dict[str, float]:
    from readinglist.core.exporters import export
    from readinglist.core.library import Library

    with Library.open(path) as library:
        ids = library.search("").ids[:10_000]
        started = time.perf_counter()
        details = library.details(ids)
        result = export("bibtex", details)
        seconds = time.perf_counter() - started
    return {"seconds": round(seconds, 3), "papers": len(ids), "bytes": len(result.text)}


def cold_start(path: Path) -> dict[str, float]:
    def run(script: str) -> float:
        started = time.perf_counter()
        output = subprocess.run(
            [sys.executable, str(HERE / "coldstart.py"), script, str(path)],
            capture_output=True,
            text=True,
            check=True,
            env=CHILD_ENV,
        )
        assert "painted" in output.stdout, output.stdout + output.stderr
        return time.perf_counter() - started

    app = min(run("app") for _ in range(3))
    bare = min(run("bare") for _ in range(3))
    return {"app_s": round(app, 3), "bare_window_s": round(bare, 3)}


def cli_list(path: Path, query: str = "matrix entropy") -> float:
    """Best of 5 whole-process runs of `readinglist list --json -- QUERY` (few results)."""

    def run() -> float:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "readinglist", "--library", str(path), "list", "--json",
             "--", query],
            capture_output=True, check=True, env=CHILD_ENV,
        )
        return time.perf_counter() - started

    return round(min(run() for _ in range(5)), 3)


def import_into_copy(path: Path, count: int = 10_000, batch: int = 5_000) -> float:
    """Papers/s importing count new synthetic papers into a copy of the library."""
    import shutil

    from readinglist.core.library import Library
    from synthetic import papers

    records = list(papers(count, seed=4242))
    with tempfile.TemporaryDirectory(dir=path.parent) as folder:
        copy = Path(folder) / path.name
        shutil.copyfile(path, copy)
        with Library.open(copy, back_up=False) as library:
            started = time.perf_counter()
            for start in range(0, count, batch):
                library.import_records(records[start:start + batch], "benchmark", "benchmark")
            seconds = time.perf_counter() - started
    return round(count / seconds)


def import_baseline(count: int = 10_000) -> float:
    """Papers/s for a plain bulk insert and one FTS5 rebuild (no dedupe, no keys)."""
    from synthetic import papers

    rows = [(r.title, r.abstract) for r in papers(count, seed=99)]
    with tempfile.TemporaryDirectory() as folder:
        db = sqlite3.connect(Path(folder) / "plain.sqlite")
        db.execute("CREATE TABLE p (id INTEGER PRIMARY KEY, title TEXT, abstract TEXT)")
        db.execute(
            "CREATE VIRTUAL TABLE f USING fts5(title, abstract, content='p', content_rowid='id')"
        )
        started = time.perf_counter()
        db.executemany("INSERT INTO p (title, abstract) VALUES (?, ?)", rows)
        db.execute("INSERT INTO f(f) VALUES ('rebuild')")
        db.commit()
        seconds = time.perf_counter() - started
        db.close()
    return round(count / seconds)


def main() -> None:
    size = int(sys.argv[1])
    data_dir = Path(sys.argv[2]) if len(sys.argv) > 2 else DEFAULT_DATA_DIR
    figures: dict[str, Any] = {"papers": size}
    built = build(size, data_dir, quiet=True)
    path = library_path(size, data_dir)
    # Importing runs in a child process: its memory is not the window's.
    imported = subprocess.run(
        [sys.executable, __file__, "import", str(path)],
        capture_output=True, text=True, check=True, env=CHILD_ENV,
    )
    figures.update(json.loads(imported.stdout.strip().splitlines()[-1]))
    figures["build_import_per_second"] = round(built["import_per_second"])
    db = sqlite3.connect(path)
    figures["keystroke_baseline"] = keystroke_baseline(db)
    started = time.perf_counter()
    db.execute("SELECT id FROM papers ORDER BY title").fetchall()
    figures["sort_baseline_ms"] = ms(time.perf_counter() - started)
    started = time.perf_counter()
    db.execute("SELECT * FROM papers WHERE id = 777").fetchall()
    figures["select_baseline_ms"] = ms(time.perf_counter() - started)
    db.close()
    figures["cold_start"] = cold_start(path)
    build(1000, data_dir, quiet=True)
    figures["cli_list_json_s"] = {
        "this_size": cli_list(path), "1000_papers": cli_list(library_path(1000, data_dir))
    }
    window = Window(path)
    figures["keystroke"] = keystrokes(window)
    figures["sort_ms"], figures["sort_whole_list_ms"] = sorting(window)
    figures["select"] = selecting(window)
    figures["change_1000_ms"] = changing(window)
    window.close()
    figures["export_10000_bibtex"] = export_bibtex(path)
    # The window's process: the GUI steps above and the export.
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    figures["disk_mb"] = round(
        sum(f.stat().st_size for f in path.parent.glob(path.name + "*")) / 2**20
    )
    print(json.dumps(figures))


def imports(path: Path) -> None:
    """Print the import figures as JSON (run in a child process by main)."""
    print(json.dumps({
        "import_per_second": import_into_copy(path),
        "import_baseline_per_second": import_baseline(),
    }))


if __name__ == "__main__":
    if sys.argv[1] == "import":
        imports(Path(sys.argv[2]))
    else:
        main()
