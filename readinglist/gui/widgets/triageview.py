"""The triage page: one paper at a time, large and calm, with progress and pace above it."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSizePolicy,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from readinglist.gui.models import STATUS_TEXT
from readinglist.gui.style import ACCENT
from readinglist.gui.widgets.delegates import STATUS_COLORS, paint_stars

if TYPE_CHECKING:
    from PySide6.QtGui import QPaintEvent

    from readinglist.core.records import PaperDetail
    from readinglist.gui.tagcolors import TagColors

COLUMN_WIDTH = 760
STYLE = f"""
QWidget#triageView {{ background: #ffffff; }}
QProgressBar#triageProgress {{ border: none; background: #eef1f5; }}
QProgressBar#triageProgress::chunk {{ background: {ACCENT}; }}
QLabel#triageSource {{ color: #8a939d; font-weight: 600; letter-spacing: 1px; }}
QLabel#triageCount {{ color: #3d4852; }}
QLabel#triagePace {{ color: #8a939d; }}
QLabel#triagePosition {{ color: #8a939d; }}
QLabel#triageTitle {{ color: #1a232d; }}
QLabel#triageMeta {{ color: #5d6874; }}
QTextBrowser#triageAbstract {{ border: none; background: transparent; color: #2a343f; }}
QFrame#triageRule {{ background: #e8ebef; border: none; }}
QLabel#triageHints {{ color: #5d6874; }}
QLabel#triageDone {{ color: #1a232d; }}
QLabel#triageDoneHint {{ color: #8a939d; }}
"""


@dataclass(frozen=True, slots=True)
class Progress:
    """What the header shows."""

    source: str
    triaged: int
    total: int
    position: int
    pace: str


class ChipRow(QWidget):
    """Paint the paper's status, stars, tags and the decision made on it, in one row."""

    def __init__(self, colors: TagColors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.colors = colors
        self.status = ""
        self.rating: int | None = None
        self.tags: tuple[str, ...] = ()
        self.decision = ""
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() + 0.5)
        self.setFont(font)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_paper(self, status: str, rating: int | None, tags: tuple[str, ...],
                  decision: str) -> None:
        self.status, self.rating, self.tags, self.decision = status, rating, tags, decision
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(COLUMN_WIDTH, QFontMetrics(self.font()).height() + 12)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = QFontMetrics(self.font())
        height = metrics.height() + 8
        top = (self.height() - height) / 2
        x = 0.0
        color = STATUS_COLORS.get(self.status, QColor("#777"))
        text = STATUS_TEXT.get(self.status, self.status)  # type: ignore[call-overload]
        x = self._chip(painter, x, top, height, str(text), color.lighter(190), color.darker(130))
        if self.rating is not None:
            paint_stars(painter, QRect(int(x) + 4, int(top), 100, int(height)), self.rating, 16.0)
            x += 5 * 17 + 16
        for name in self.tags:
            background, ink = self.colors.chip_colors(name)
            x = self._chip(painter, x, top, height, name, background, ink)
        if self.decision:
            label = f"✓ {self.decision}"
            width = metrics.horizontalAdvance(label) + 22
            right = max(x, self.width() - width)
            self._chip(painter, right, top, height, label, QColor(ACCENT), QColor("#ffffff"))
        painter.end()

    def _chip(self, painter: QPainter, x: float, top: float, height: float, text: str,
              background: QColor, ink: QColor) -> float:
        metrics = QFontMetrics(self.font())
        width = metrics.horizontalAdvance(text) + 22.0
        if x + width > self.width():
            return x
        rect = QRectF(x, top, width, height)
        path = QPainterPath()
        path.addRoundedRect(rect, height / 2, height / 2)
        painter.fillPath(path, background)
        painter.setPen(ink)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
        return x + width + 8


class TriageView(QWidget):
    """Show one paper for a decision; the keys come from the keymap's actions on this widget."""

    def __init__(self, colors: TagColors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("triageView")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(STYLE)
        base = self.font().pointSizeF()

        self.bar = QProgressBar()
        self.bar.setObjectName("triageProgress")
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(3)
        self.source = _label("triageSource", base - 0.5)
        self.count = _label("triageCount", base + 1, align=Qt.AlignmentFlag.AlignRight)
        self.pace = _label("triagePace", base - 0.5, align=Qt.AlignmentFlag.AlignRight)
        self.position = _label("triagePosition", base - 0.5)
        self.title = _label("triageTitle", base + 10, weight=QFont.Weight.DemiBold, wrap=True)
        self.meta = _label("triageMeta", base + 1.5, wrap=True)
        self.chips = ChipRow(colors)
        self.abstract = QTextBrowser()
        self.abstract.setObjectName("triageAbstract")
        self.abstract.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.abstract.setOpenLinks(False)
        self.abstract.setFrameShape(QFrame.Shape.NoFrame)
        font = QFont(self.font())
        font.setPointSizeF(base + 3)
        self.abstract.setFont(font)
        self.abstract.verticalScrollBar().setStyleSheet("width: 6px;")
        self.abstract.document().setDocumentMargin(0)
        self.hints = _label("triageHints", base, align=Qt.AlignmentFlag.AlignCenter,
                            text_format=Qt.TextFormat.RichText)  # set_hints escapes
        self.done = _label("triageDone", base + 12, weight=QFont.Weight.DemiBold,
                           align=Qt.AlignmentFlag.AlignCenter)
        self.done_hint = _label("triageDoneHint", base + 1.5,
                                align=Qt.AlignmentFlag.AlignCenter)

        header = QHBoxLayout()
        header.setContentsMargins(48, 22, 48, 0)
        header.addWidget(self.source, 0, Qt.AlignmentFlag.AlignTop)
        header.addStretch(1)
        numbers = QVBoxLayout()
        numbers.setSpacing(2)
        numbers.addWidget(self.count)
        numbers.addWidget(self.pace)
        header.addLayout(numbers)

        column = QWidget()
        column.setMaximumWidth(COLUMN_WIDTH)
        column.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        paper = QVBoxLayout(column)
        paper.setContentsMargins(0, 0, 0, 0)
        paper.setSpacing(0)
        paper.addWidget(self.position)
        paper.addSpacing(10)
        paper.addWidget(self.title)
        paper.addSpacing(10)
        paper.addWidget(self.meta)
        paper.addSpacing(18)
        paper.addWidget(self.chips)
        paper.addSpacing(26)
        paper.addWidget(self.abstract, 1)
        centered = QWidget()
        row = QHBoxLayout(centered)
        row.setContentsMargins(48, 28, 48, 28)
        row.addStretch(1)
        row.addWidget(column, 100)
        row.addStretch(1)

        finished = QWidget()
        done_layout = QVBoxLayout(finished)
        done_layout.addStretch(2)
        done_layout.addWidget(self.done)
        done_layout.addSpacing(12)
        done_layout.addWidget(self.done_hint)
        done_layout.addStretch(3)

        self.pages = QStackedWidget()
        self.pages.addWidget(centered)
        self.pages.addWidget(finished)

        rule = QFrame()
        rule.setObjectName("triageRule")
        rule.setFixedHeight(1)
        footer = QVBoxLayout()
        footer.setContentsMargins(48, 0, 48, 18)
        footer.setSpacing(14)
        footer.addWidget(rule)
        footer.addWidget(self.hints)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.bar)
        layout.addLayout(header)
        layout.addWidget(self.pages, 1)
        layout.addLayout(footer)

    def show_progress(self, progress: Progress) -> None:
        self.source.setText(f"TRIAGE · {progress.source.upper()}")
        self.count.setText(f"{progress.triaged:,} of {progress.total:,} triaged")
        self.pace.setText(progress.pace)
        self.bar.setRange(0, max(progress.total, 1))
        self.bar.setValue(progress.triaged)
        self.position.setText(f"Paper {progress.position:,} of {progress.total:,}")

    def show_paper(self, paper: PaperDetail, decision: str) -> None:
        self.pages.setCurrentIndex(0)
        self.title.setText(paper.title)
        facts = [_authors(paper.authors), str(paper.year or ""), paper.venue]
        self.meta.setText(" · ".join(fact for fact in facts if fact))
        self.meta.setVisible(any(facts))
        self.chips.set_paper(paper.status, paper.rating, paper.tags, decision)
        text = html.escape(paper.abstract.strip()) or "<i>No abstract.</i>"
        paragraphs = "".join(f"<p style='margin-bottom:10px'>{p}</p>"
                             for p in text.split("\n\n"))
        self.abstract.setHtml(f"<div style='line-height:150%'>{paragraphs}</div>")

    def show_done(self, total: int) -> None:
        self.pages.setCurrentIndex(1)
        noun = "paper" if total == 1 else "papers"
        self.done.setText(f"All {total:,} {noun} triaged" if total else "Nothing to triage")
        self.done_hint.setText("Backspace goes back to the last paper; Esc returns to the list."
                               if total else "Esc returns to the list.")

    def set_hints(self, hints: list[tuple[str, str]]) -> None:
        """Show (keys, what they do) pairs in the footer."""
        cap = ("<span style='background:#eef1f5; color:#1f2933; font-weight:600'>"
               "&nbsp;{}&nbsp;</span>&nbsp;&nbsp;{}")
        self.hints.setText("&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;".join(
            cap.format(html.escape(keys), html.escape(text)) for keys, text in hints))


def _label(name: str, size: float, weight: QFont.Weight = QFont.Weight.Normal,
           wrap: bool = False, align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
           text_format: Qt.TextFormat = Qt.TextFormat.PlainText) -> QLabel:
    """Make a label; plain text unless asked, as most show titles and collection names."""
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(text_format)
    font = QFont(label.font())
    font.setPointSizeF(size)
    font.setWeight(weight)
    label.setFont(font)
    label.setWordWrap(wrap)
    label.setAlignment(align | Qt.AlignmentFlag.AlignVCenter)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


def _authors(names: tuple[str, ...]) -> str:
    if len(names) > 4:
        return f"{', '.join(names[:3])} and {len(names) - 3} more"
    return ", ".join(names)
