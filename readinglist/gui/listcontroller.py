"""Keep the paper list in step with the selected view, the filter text and the sort order."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal

from readinglist.core.errors import InvalidQuery
from readinglist.core.search import SortKey, parse_query
from readinglist.gui.columns import DEFAULT_SORT_COLUMN, Column
from readinglist.gui.search import SearchRequest, SearchRunner
from readinglist.gui.views import ALL_VIEW, ListView, combine

if TYPE_CHECKING:
    from readinglist.core.changes import Changes
    from readinglist.core.library import Library
    from readinglist.core.search import SearchResult
    from readinglist.gui.models import PaperModel
    from readinglist.gui.widgets.paperview import PaperView


class ListController(QObject):
    """Search for what the list should show and show it, keeping the selection."""

    results_shown = Signal(int)
    """The list now shows this many papers (maybe only the first page of them)."""
    results_completed = Signal(int)
    """The list now shows every one of this many matching papers, after a first page."""
    query_failed = Signal(str)
    """The filter text is malformed: a hint to show next to it."""
    query_accepted = Signal()

    def __init__(self, library: Library, model: PaperModel, view: PaperView,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.model = model
        self.paper_view = view
        self.list_view: ListView = ALL_VIEW
        self.text = ""
        self.sort_column: Column = DEFAULT_SORT_COLUMN
        self.descending = False
        self.explicit_sort = False
        """The user clicked a header since the view or filter changed."""
        self.ranked = False
        self._pending_selection: tuple[list[int], int | None] | None = None
        self._awaited_selection: tuple[list[int], int | None, tuple[int, int | None]] | None = None
        self._shown_request: SearchRequest | None = None
        self._again = False
        """The pending search repeats the shown one (after a change to the library)."""
        """A selection the first page could not hold all of, to restore with the whole
        answer unless the user moved meanwhile (that last part tells)."""
        self.runner = SearchRunner(library, self)
        self.runner.finished.connect(self._show)
        self.runner.completed.connect(self._complete)
        self.runner.failed.connect(lambda _request, hint: self.query_failed.emit(hint))
        model.sort_requested.connect(self._sort_by)
        view.default_order_requested.connect(self.use_default_order)

    # -- inputs -----------------------------------------------------------------------------

    def set_view(self, view: ListView) -> None:
        self.list_view = view
        if view.default_sort is not None:
            self.explicit_sort = False  # the queue opens in queue order
        self.refresh(select_first=True)

    def set_text(self, text: str) -> None:
        if not self.text.strip() and text.strip():
            self.explicit_sort = False  # a new text search starts ranked by relevance
        self.text = text
        self.refresh(select_first=True)

    def set_sort(self, column: Column, descending: bool) -> None:
        """Restore a saved order without searching."""
        self.sort_column, self.descending = column, descending

    def use_default_order(self) -> None:
        self.explicit_sort = False
        self.refresh()

    def reveal(self, paper_id: int) -> bool:
        """Select paper_id if the list shows it; return False when it does not."""
        row = self.model.row_of(paper_id)
        if row is None or self.runner.busy():
            return False
        self.paper_view.select_ids([paper_id], paper_id, row)
        return True

    def show_paper(self, view: ListView, paper_id: int) -> None:
        """Show view without a filter, with paper_id selected (when the view holds it)."""
        self.list_view, self.text = view, ""
        self._pending_selection = ([paper_id], paper_id)
        self.refresh()

    def all_ids(self) -> list[int]:
        """Return every paper the list holds, fetching the rest of a long answer now."""
        self.complete_now()
        return self.model.ids

    def complete_now(self) -> None:
        """Show the whole answer at once when only its first page is listed."""
        if self.model.complete or self.runner.busy():
            return
        result = self.runner.whole_now()
        if result is not None:
            self._complete(None, result)

    def library_did_change(self, changes: Changes) -> None:
        """Repaint changed rows at once, then search again (papers may enter or leave)."""
        if changes.papers:
            self.model.refresh_papers(changes.papers)
        if changes:
            self.refresh()

    # -- searching --------------------------------------------------------------------------

    def current_request(self) -> SearchRequest | None:
        """Return the search for the current view and filter; None when the filter is bad."""
        try:
            parse_query(self.text)
        except InvalidQuery as error:
            self.query_failed.emit(str(error))
            return None
        sort: SortKey | None
        if self.explicit_sort:
            sort = self.sort_column.spec.sort
        elif self.text.strip() or self.list_view.default_sort is not None:
            sort = self.list_view.default_sort if not self.text.strip() else None
        else:
            sort = self.sort_column.spec.sort
        descending = self.descending if sort == self.sort_column.spec.sort else False
        return SearchRequest(combine(self.list_view.query, self.text), sort, descending,
                             whole=self.list_view.ids is not None)

    def refresh(self, select_first: bool = False) -> None:
        """Search again for the current view, filter and order."""
        view = self.paper_view
        if select_first:
            self._pending_selection = ([], None)
        elif self._pending_selection is None:
            self._pending_selection = (view.selected_ids(), view.current_id())
        request = self.current_request()
        if request is None:
            return
        self._again = not select_first and request == self._shown_request
        self.runner.request(request)

    def _sort_by(self, column: int, descending: bool) -> None:
        self.sort_column = Column(column)
        self.descending = descending
        self.explicit_sort = True
        self.refresh()

    def _show(self, request: SearchRequest, result: SearchResult) -> None:
        ids = result.ids
        if self.list_view.ids is not None:
            allowed = set(self.list_view.ids)
            ids = [pid for pid in ids if pid in allowed]
        self._shown_request = request
        if self._again and self._starts_the_same(ids, result.complete):
            # Searched again after a change and the list starts as before: keep it (its
            # selection and scrolling) until the whole answer says whether it moved.
            pending, self._pending_selection = self._pending_selection, None
            self._awaited_selection = None
            view = self.paper_view
            if pending is not None and pending != (view.selected_ids(), view.current_id()):
                view.select_ids(pending[0], pending[1], view.currentIndex().row())
            self.query_accepted.emit()
            self.results_shown.emit(len(self.model.ids))
            return
        view = self.paper_view
        selected, current = self._pending_selection or (view.selected_ids(), view.current_id())
        self._pending_selection = None
        fallback = view.currentIndex().row() if selected else 0
        self.ranked = result.ranked
        header = view.horizontalHeader()
        header.blockSignals(True)
        self.model.set_ids(ids, complete=result.complete)
        header.setSortIndicatorShown(request.sort == self.sort_column.spec.sort)
        order = Qt.SortOrder.DescendingOrder if self.descending else Qt.SortOrder.AscendingOrder
        header.setSortIndicator(self.sort_column, order)
        header.blockSignals(False)
        view.select_ids(selected, current, fallback)
        self._awaited_selection = None
        if not result.complete and (selected or current is not None):
            self._awaited_selection = (selected, current, self._selection_mark())
        self.query_accepted.emit()
        self.results_shown.emit(len(ids))

    def _starts_the_same(self, ids: list[int], complete: bool) -> bool:
        shown = self.model.ids
        return (self.model.complete and not complete and len(shown) > len(ids)
                and shown[:len(ids)] == ids)

    def _complete(self, _request: SearchRequest | None, result: SearchResult) -> None:
        """Add the rest of a long answer below its first page (or show it anew)."""
        view = self.paper_view
        awaited, self._awaited_selection = self._awaited_selection, None
        if not self.model.extend_ids(result.ids):
            selected, current = view.selected_ids(), view.current_id()
            self.model.set_ids(result.ids)
            view.select_ids(selected, current, view.currentIndex().row())
        elif awaited is not None and awaited[2] == self._selection_mark():
            view.select_ids(awaited[0], awaited[1], view.currentIndex().row())
        self.results_completed.emit(len(result.ids))

    def _selection_mark(self) -> tuple[int, int | None]:
        view = self.paper_view
        return view.selected_count(), view.current_id()
