"""Run library searches off the UI thread and drop results that arrive too late.

A search is answered twice when the library is large: first the page the list shows at
once (``FIRST_PAGE`` ids, which costs what the page costs, not what the library does),
then, when more papers match and no newer request came for a moment, the whole answer.
A newer request cancels both.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from readinglist.core.errors import SearchCancelled
from readinglist.gui.worker import Pool

if TYPE_CHECKING:
    from readinglist.core.library import Library
    from readinglist.core.search import SearchResult, SortKey

FIRST_PAGE = 200
"""Ids in the first answer: many screens of rows, cheap to find in any library."""
WHOLE_ANSWER_DELAY_MS = 150
"""The whole answer is looked for once typing pauses this long: while keys come, each
first page has the machine to itself."""


@dataclass(frozen=True, slots=True)
class SearchRequest:
    query: str
    sort: SortKey | None
    descending: bool
    whole: bool = False
    """Answer with every match at once (a list filtered afterwards needs them all)."""


class SearchRunner(QObject):
    """Search in a worker thread; only the newest request's answers are delivered."""

    finished = Signal(object, object)
    """(SearchRequest, SearchResult): the first answer to the newest request."""
    completed = Signal(object, object)
    """(SearchRequest, SearchResult): the whole answer, after a first one that was not."""
    failed = Signal(object, str)
    """(SearchRequest, hint) when the newest request's query is malformed or the search
    failed unexpectedly."""

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self._pool = Pool(threads=2, parent=self)
        self._whole_timer = QTimer(self)
        self._whole_timer.setSingleShot(True)
        self._whole_timer.setInterval(WHOLE_ANSWER_DELAY_MS)
        self._whole_timer.timeout.connect(self._start_whole)
        self._pool.done.connect(self._deliver)
        self._generation = 0
        self._requests: dict[int, SearchRequest] = {}
        self._completing: SearchRequest | None = None

    def request(self, request: SearchRequest) -> None:
        """Start a search; any earlier one still running is cancelled."""
        self._generation += 1
        self._requests = {self._generation: request}
        self._completing = None
        self._start(request, None if request.whole else FIRST_PAGE)

    def busy(self) -> bool:
        """True until the newest request's first answer is shown."""
        return bool(self._requests)

    def completing(self) -> bool:
        """True while the whole answer to the newest request is still being fetched."""
        return self._completing is not None

    def whole_now(self) -> SearchResult | None:
        """Fetch the whole answer to the newest request here and now (None if none)."""
        request = self._completing
        if request is None:
            return None
        self._generation += 1  # the background fetch is no longer wanted
        self._completing = None
        return self.library.search(request.query, request.sort, request.descending)

    def wait(self) -> None:
        """Block until the worker threads are idle (for shutdown)."""
        self._generation += 1
        self._pool.wait()

    def _start(self, request: SearchRequest, limit: int | None) -> None:
        generation = self._generation
        library = self.library

        def cancelled() -> bool:
            return generation != self._generation

        def work() -> SearchResult:
            if cancelled():
                raise SearchCancelled("search cancelled")
            return library.search(
                request.query, request.sort, request.descending,
                limit=limit, cancelled=cancelled,
            )

        self._pool.start(work, (generation, limit is None))

    def _deliver(self, tag: tuple[int, bool], result: SearchResult | None,
                 error: str | None) -> None:
        generation, whole = tag
        if generation != self._generation:
            return  # a newer request superseded this one
        if whole and self._completing is not None:
            request = self._completing
            self._completing = None
            if result is not None:
                self.completed.emit(request, result)
            elif error is not None:
                self.failed.emit(request, error)
            return
        if generation not in self._requests:
            return
        request = self._requests.pop(generation)
        if error is not None or result is None:
            self.failed.emit(request, error or "search failed")
            return
        if not result.complete:
            self._completing = request
        self.finished.emit(request, result)
        if self._completing is request and generation == self._generation:
            self._whole_timer.start()  # unless the list asked for it all meanwhile

    def _start_whole(self) -> None:
        if self._completing is not None:
            self._start(self._completing, None)
