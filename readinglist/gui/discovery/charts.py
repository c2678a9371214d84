"""Bar charts for the Insights view, drawn with pyqtgraph.

Why pyqtgraph: it is a maintained Qt-native plotting library (``QGraphicsView`` items,
so charts follow the palette, scale with the widget and need no image round trip), it
works with PySide6 through its own binding shim, and it is light: a pure-Python wheel
over numpy, which discovery needs anyway. QtCharts would need the PySide6-Addons wheel
(roughly doubling the install); matplotlib's Qt backend brings a large dependency and
renders to an image. pyqtgraph is imported here only, when the Insights view is built.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyqtgraph as pg

if TYPE_CHECKING:
    from collections.abc import Sequence

BAR_COLOR = (76, 132, 214)
LABEL_CHARACTERS = 28


def chart_area() -> pg.GraphicsLayoutWidget:
    """Return an empty grid of charts on the window's background."""
    area = pg.GraphicsLayoutWidget()
    area.setBackground(None)
    return area


def add_chart(area: pg.GraphicsLayoutWidget, row: int, column: int, title: str) -> pg.PlotItem:
    plot = area.addPlot(row=row, col=column, title=title)
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.showGrid(x=False, y=True, alpha=0.2)
    return plot


def bars(plot: pg.PlotItem, labels: Sequence[str], values: Sequence[float], every: int = 1) -> None:
    """Draw vertical bars, labelling every n-th one on the x axis."""
    plot.clear()
    positions = list(range(len(values)))
    if values:
        plot.addItem(
            pg.BarGraphItem(
                x=positions, height=list(values), width=0.7, brush=pg.mkBrush(BAR_COLOR)
            )
        )
    ticks = [(i, labels[i]) for i in positions if i % every == 0 or i == len(values) - 1]
    plot.getAxis("bottom").setTicks([ticks])
    plot.getAxis("left").setTicks(None)
    plot.setXRange(-0.6, max(len(values), 1) - 0.4, padding=0)
    plot.setYRange(0, max([*values, 1]) * 1.1, padding=0)


def horizontal_bars(plot: pg.PlotItem, labels: Sequence[str], values: Sequence[float]) -> None:
    """Draw horizontal bars, the first label on top."""
    plot.clear()
    count = len(values)
    positions = [count - 1 - i for i in range(count)]
    if values:
        plot.addItem(
            pg.BarGraphItem(
                x0=0, y=positions, height=0.7, width=list(values), brush=pg.mkBrush(BAR_COLOR)
            )
        )
    plot.getAxis("left").setTicks(
        [[(p, _short(label)) for p, label in zip(positions, labels, strict=True)]]
    )
    plot.setYRange(-0.6, max(count, 1) - 0.4, padding=0)
    plot.setXRange(0, max([*values, 1]) * 1.1, padding=0)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "\u2026"
