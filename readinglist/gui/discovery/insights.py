"""The Insights view: reading pace, ratings, statuses, tags, waiting papers and imports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from readinglist.core.discovery import insights
from readinglist.gui.discovery.refresh import Refresher
from readinglist.gui.discovery.worker import Worker

if TYPE_CHECKING:
    import pyqtgraph as pg
    from PySide6.QtGui import QShowEvent

    from readinglist.core.changes import Changes
    from readinglist.core.library import Library
    from readinglist.gui.operations import Operations

CHARTS = (
    ("per_day", "Papers triaged per day (30 days)"),
    ("per_week", "Papers triaged per week"),
    ("ratings", "Ratings"),
    ("statuses", "Status"),
    ("top_tags", "Top tags"),
    ("oldest_queued", "Longest in the queue (days)"),
    ("imports", "Papers added by imports"),
)
COLUMNS = 2


class InsightsView(QWidget):
    """Charts of the library's reading figures, computed off the UI thread."""

    refreshed = Signal()

    def __init__(
        self, library: Library, ops: Operations | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("insightsView")
        self.library = library
        self.figures: dict[str, Any] = {}
        self.charts: dict[str, pg.PlotItem] = {}
        self.worker = Worker(self)
        self.worker.finished.connect(self._show)
        self.worker.failed.connect(self._fail)
        self.refresher = Refresher(self, self.refresh)
        if ops is not None:
            ops.did_change.connect(lambda changes, _m: self.library_did_change(changes))
        self.summary = QLabel("")
        self.summary.setObjectName("insightsSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.summary)

    def refresh(self) -> None:
        library = self.library
        self.worker.run(lambda: insights(library))

    def library_did_change(self, changes: Changes) -> None:
        self.refresher.library_did_change(changes)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.refresher.shown()

    def _build_charts(self) -> None:
        from readinglist.gui.discovery import charts

        area = charts.chart_area()
        area.setObjectName("insightsCharts")
        for number, (key, title) in enumerate(CHARTS):
            self.charts[key] = charts.add_chart(area, number // COLUMNS, number % COLUMNS, title)
        self._layout.addWidget(area, 1)

    def _show(self, figures: dict[str, Any]) -> None:
        from readinglist.gui.discovery import charts

        if not self.charts:
            self._build_charts()
        self.figures = figures
        triage = figures["triage"]
        days = triage["per_day"]
        charts.bars(
            self.charts["per_day"],
            [d["date"][5:] for d in days],
            [d["papers"] for d in days],
            every=7,
        )
        weeks = triage["per_week"]
        charts.bars(
            self.charts["per_week"],
            [w["week"][-3:] for w in weeks],
            [w["papers"] for w in weeks],
            every=2,
        )
        ratings = figures["ratings"]
        charts.bars(
            self.charts["ratings"],
            ["0", "1", "2", "3", "4", "5", "none"],
            [ratings[key] for key in ("0", "1", "2", "3", "4", "5", "unrated")],
        )
        statuses = figures["statuses"]
        charts.bars(self.charts["statuses"], list(statuses), list(statuses.values()))
        tags = figures["top_tags"]
        charts.horizontal_bars(
            self.charts["top_tags"], [t["name"] for t in tags], [t["papers"] for t in tags]
        )
        queued = figures["oldest_queued"]
        charts.horizontal_bars(
            self.charts["oldest_queued"], [p["title"] for p in queued], [p["days"] for p in queued]
        )
        imports = figures["imports"]
        charts.bars(
            self.charts["imports"],
            [i["date"][5:] for i in imports],
            [i["added"] for i in imports],
            every=max(len(imports) // 6, 1),
        )
        self.summary.setText(
            f"{triage['last_days']} papers triaged in the last 30 days. "
            f"Only each paper's latest status change is kept, so a paper queued and later "
            f"read counts once, on the day it was read."
        )
        self.refreshed.emit()

    def _fail(self, message: str) -> None:
        self.summary.setText(message)
        self.refreshed.emit()
