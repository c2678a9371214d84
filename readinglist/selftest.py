"""``readinglist --self-test``: prove an installed copy works, end to end, without touching data.

It opens a temporary library, imports the sample lists, exports them as BibTeX, reads that
file back into a second library, then starts Qt (offscreen when there is no display), renders
the app icon and builds the main window. Packaging runs it against the installed .deb, where a
missing data file, hidden import or Qt plug-in shows up as a failed step rather than as a
crash on a user's desktop.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import os
import re
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import ModuleType

    from readinglist.core.library import Library

SAMPLE_PAPERS = 457
"""Papers in the three sample lists (resources/samples/) after de-duplication."""

_BIBTEX_ENTRY = re.compile(r"^@\w+\{", re.MULTILINE)


class SelfTestFailed(Exception):
    """A step ran but its result was wrong."""


def run_self_test() -> int:
    """Run every step, print one line each, and return 0 if all passed, else 1."""
    from readinglist import __version__

    where = f"bundle {Path(sys.executable).parent}" if getattr(sys, "frozen", False) else "source"
    print(f"readinglist {__version__} self-test ({where}, Python {sys.version.split()[0]})")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(
        prefix="readinglist-selftest-", ignore_cleanup_errors=True
    ) as tmp:
        steps = _Steps(Path(tmp))
        for name, step in steps.all():
            step_started = time.perf_counter()
            try:
                detail = step()
            except Exception as error:  # report any failure of the step, then stop
                print(f"  FAILED {name}: {type(error).__name__}: {error}")
                traceback.print_exc(file=sys.stdout)
                steps.close()
                print("self-test failed")
                return 1
            print(f"  ok {name}: {detail} ({time.perf_counter() - step_started:.1f} s)")
        steps.close()
    print(f"self-test passed in {time.perf_counter() - started:.1f} s")
    return 0


class _Steps:
    """The self-test's steps, sharing the temporary folder and the libraries they open."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.libraries: list[Library] = []
        self.bibtex = ""

    def all(self) -> list[tuple[str, Callable[[], str]]]:
        return [
            ("resources", self.resources),
            ("samples", self.samples),
            ("export", self.export),
            ("round trip", self.round_trip),
            ("related papers", self.related),
            ("qt", self.qt),
        ]

    def close(self) -> None:
        for library in self.libraries:
            library.close()
        self.libraries.clear()

    def _open(self, name: str) -> Library:
        from readinglist.core.library import Library

        library = Library.open(self.folder / name)
        self.libraries.append(library)
        return library

    def resources(self) -> str:
        from readinglist.core.samples import sample_files
        from readinglist.resources import resource_dir

        missing = [path.name for path in sample_files() if not path.is_file()]
        if missing:
            raise SelfTestFailed(f"sample lists missing: {', '.join(missing)}")
        return str(resource_dir())

    def samples(self) -> str:
        from readinglist.core.samples import import_samples

        library = self._open("selftest.sqlite")
        summaries = import_samples(library)
        errors = [summary.error for summary in summaries if summary.error]
        if errors:
            raise SelfTestFailed("; ".join(errors))
        count = library.count()
        if count != SAMPLE_PAPERS:
            raise SelfTestFailed(f"{count} papers imported, expected {SAMPLE_PAPERS}")
        return f"{count} papers from {len(summaries)} lists"

    def export(self) -> str:
        from readinglist.core.exporters import export

        library = self.libraries[0]
        result = export("bibtex", library.details(library.search("").ids))
        entries = len(_BIBTEX_ENTRY.findall(result.text))
        if entries != SAMPLE_PAPERS:
            raise SelfTestFailed(f"{entries} BibTeX entries written, expected {SAMPLE_PAPERS}")
        self.bibtex = result.text
        return f"BibTeX, {entries} entries, {len(result.text):,} characters"

    def round_trip(self) -> str:
        path = self.folder / "selftest.bib"
        path.write_text(self.bibtex, encoding="utf-8")
        library = self._open("roundtrip.sqlite")
        [summary] = library.import_files([path])
        if summary.error:
            raise SelfTestFailed(summary.error)
        if library.count() != SAMPLE_PAPERS:
            raise SelfTestFailed(f"{library.count()} papers read back, expected {SAMPLE_PAPERS}")
        return f"{summary.added} papers read back from the BibTeX file"

    def related(self) -> str:
        """Build the TF-IDF index (numpy, SciPy, scikit-learn) and ask for related papers."""
        from readinglist.core.discovery import cache, related

        library = self.libraries[0]
        first = library.search("").ids[0]
        saved = os.environ.get(cache.CACHE_ENV)
        os.environ[cache.CACHE_ENV] = str(self.folder / "cache")  # not the user's cache
        try:
            found = related(library, first, k=5)
        finally:
            if saved is None:
                del os.environ[cache.CACHE_ENV]
            else:
                os.environ[cache.CACHE_ENV] = saved
        if len(found) != 5:
            raise SelfTestFailed(f"{len(found)} related papers found for paper {first}, expected 5")
        return f"5 papers like paper {first}, best score {found[0].score:.2f}"

    def qt(self) -> str:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtCore import QSettings, qVersion
        from PySide6.QtGui import QIcon
        from PySide6.QtWidgets import QApplication, QWidget

        from readinglist.resources import resource

        gui_app = _gui_module("readinglist.gui.app")
        make_application = getattr(gui_app, "make_application", None)
        if callable(make_application):
            _app = make_application([sys.argv[0]])
        else:
            _app = QApplication.instance() or QApplication([sys.argv[0]])
        icon = QIcon(str(resource("icons", "readinglist.svg")))
        if icon.pixmap(32, 32).isNull():
            raise SelfTestFailed("the SVG app icon does not render (Qt's SVG plug-ins missing?)")
        # A settings file of its own, so the test never reads or changes the user's settings.
        settings = QSettings(str(self.folder / "settings.ini"), QSettings.Format.IniFormat)
        window = _make_main_window(gui_app, self.libraries[0], settings)
        if isinstance(window, str):
            note = f"main window not built: {window}"
        elif not isinstance(window, QWidget):
            raise SelfTestFailed(f"the GUI built a {type(window).__name__}, not a window")
        else:
            window.show()
            QApplication.processEvents()
            note = f"main window {window.windowTitle()!r} shown"
            window.close()
            window.deleteLater()
            QApplication.processEvents()
        return f"Qt {qVersion()} on '{QApplication.platformName()}', app icon renders, {note}"


def _gui_module(name: str) -> ModuleType | None:
    """Import a GUI module if this installation has it (the GUI grows independently)."""
    try:
        found = importlib.util.find_spec(name)
    except ModuleNotFoundError:  # a parent package is missing
        return None
    return importlib.import_module(name) if found is not None else None


def _make_main_window(gui_app: ModuleType | None, library: Library, settings: object) -> object:
    """Build the main window the way the GUI does, or return why it cannot be built."""
    factories: list[Callable[..., object]] = []
    if gui_app is not None and callable(getattr(gui_app, "make_window", None)):
        factories.append(gui_app.make_window)
    mainwindow = _gui_module("readinglist.gui.mainwindow")
    if mainwindow is not None and callable(getattr(mainwindow, "MainWindow", None)):
        factories.append(mainwindow.MainWindow)
    if not factories:
        return "this installation has no readinglist.gui main window"
    for factory in factories:
        for arguments in ((library, settings), (library,)):
            try:
                inspect.signature(factory).bind(*arguments)
            except TypeError:
                continue
            return factory(*arguments)
    return "neither make_window nor MainWindow takes (library, settings) or (library)"
