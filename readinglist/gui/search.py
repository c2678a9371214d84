"""Run library searches off the UI thread and drop results that arrive too late."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from readinglist.gui.worker import Pool

if TYPE_CHECKING:
    from readinglist.core.library import Library
    from readinglist.core.search import SearchResult, SortKey


@dataclass(frozen=True, slots=True)
class SearchRequest:
    query: str
    sort: SortKey | None
    descending: bool


class SearchRunner(QObject):
    """Search in a worker thread; only the newest request's answer is delivered."""

    finished = Signal(object, object)
    """(SearchRequest, SearchResult) for the newest request."""
    failed = Signal(object, str)
    """(SearchRequest, hint) when the newest request's query is malformed or the search
    failed unexpectedly."""

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self._pool = Pool(threads=2, parent=self)
        self._pool.done.connect(self._deliver)
        self._generation = 0
        self._requests: dict[int, SearchRequest] = {}

    def request(self, request: SearchRequest) -> None:
        """Start a search; any earlier one still running is forgotten."""
        self._generation += 1
        self._requests = {self._generation: request}
        library = self.library
        self._pool.start(
            lambda: library.search(request.query, request.sort, request.descending),
            self._generation,
        )

    def busy(self) -> bool:
        return bool(self._requests)

    def wait(self) -> None:
        """Block until the worker threads are idle (for shutdown)."""
        self._pool.wait()

    def _deliver(self, generation: int, result: SearchResult | None, error: str | None) -> None:
        request = self._requests.pop(generation, None)
        if request is None:
            return  # a newer request superseded this one
        if error is not None:
            self.failed.emit(request, error)
        else:
            self.finished.emit(request, result)
