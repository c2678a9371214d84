"""Background work always reports back, also when it raises something unforeseen."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from helpers import write_pasted
from readinglist.core.errors import InvalidQuery
from readinglist.core.search import SortKey
from readinglist.gui.discovery.worker import Worker
from readinglist.gui.exporting import ExportChoice, Scope
from readinglist.gui.search import SearchRequest, SearchRunner
from readinglist.gui.worker import Pool, guarded

if TYPE_CHECKING:
    from pathlib import Path

    import pytest
    from pytestqt.qtbot import QtBot

    from readinglist.core.library import Library
    from readinglist.gui.mainwindow import MainWindow


def broken() -> object:
    raise RuntimeError("boom")


def test_guarded_turns_a_core_error_into_its_message() -> None:
    def malformed() -> object:
        raise InvalidQuery("unclosed quote")

    assert guarded(malformed) == (None, "unclosed quote")


def test_guarded_logs_an_unexpected_error_and_names_it(
        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR, logger="readinglist.gui.worker"):
        assert guarded(broken) == (None, "Unexpected error: boom")
    assert caplog.records[0].exc_info is not None  # the traceback is kept


def test_pool_reports_an_unexpected_error_with_its_tag(qtbot: QtBot) -> None:
    pool = Pool()
    with qtbot.waitSignal(pool.done) as done:
        pool.start(broken, "tag")
    assert done.args == ["tag", None, "Unexpected error: boom"]
    pool.wait()


def test_discovery_worker_fails_instead_of_staying_busy(qtbot: QtBot) -> None:
    worker = Worker()
    with qtbot.waitSignal(worker.failed) as failed:
        worker.run(broken)
    assert failed.args == ["Unexpected error: boom"]
    assert not worker.busy()
    worker.wait()


def test_search_runner_is_not_busy_after_an_unexpected_error(
        qtbot: QtBot, gui_library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gui_library, "search", lambda *_args, **_kw: broken())
    runner = SearchRunner(gui_library)
    request = SearchRequest("transformers", SortKey.ADDED, False)
    with qtbot.waitSignal(runner.failed) as failed:
        runner.request(request)
    assert failed.args == [request, "Unexpected error: boom"]
    assert not runner.busy()
    runner.wait()


def test_an_export_that_raises_closes_its_progress_and_says_why(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("readinglist.gui.exporting.export", lambda *_args: broken())
    flow = window.export_flow
    with qtbot.waitSignal(flow.finished, timeout=10_000) as done:
        assert flow.start(ExportChoice("bibtex", Scope.LIBRARY), [window.model.paper_id(0)],
                          tmp_path / "out.bib")
    assert done.args[0].error == "Unexpected error: boom"
    assert not flow.running()
    assert "Export failed: Unexpected error: boom" in window.status.message.text()


def test_an_import_that_raises_closes_its_progress_and_says_why(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(window.library, "import_files", lambda *_args, **_kw: broken())
    path = write_pasted(tmp_path / "list.txt", [("A paper", "An abstract.")])
    flow = window.import_flow
    with qtbot.waitSignal(flow.finished, timeout=10_000) as done:
        assert flow.start([path])
    assert done.args == [[], "Import failed: Unexpected error: boom"]
    assert not flow.running()
    assert flow.last_box is not None
    assert flow.last_box.text() == "Unexpected error: boom"
