"""Tag colours: the colour a user chose, else a stable soft colour derived from the name."""

from __future__ import annotations

import zlib
from typing import TYPE_CHECKING

from PySide6.QtGui import QColor

if TYPE_CHECKING:
    from collections.abc import Iterable

    from readinglist.core.records import TagInfo

# Calm hues, far enough apart to tell chips from each other, readable as light chips.
_HUES = (212, 140, 28, 282, 355, 186, 84, 322, 48, 250, 16, 164)


class TagColors:
    """Look up the colour of a tag by name."""

    def __init__(self) -> None:
        self._chosen: dict[str, QColor] = {}

    def update(self, tags: Iterable[TagInfo]) -> None:
        self._chosen = {tag.name: QColor(tag.color) for tag in tags if tag.color}

    def color(self, name: str) -> QColor:
        """Return the tag's colour (saturated; chips draw it lighter)."""
        chosen = self._chosen.get(name)
        if chosen is not None and chosen.isValid():
            return chosen
        hue = _HUES[zlib.adler32(name.casefold().encode()) % len(_HUES)]
        return QColor.fromHsl(hue, 150, 105)

    def chip_colors(self, name: str) -> tuple[QColor, QColor]:
        """Return (background, text) for a chip showing the tag."""
        base = self.color(name)
        hue = max(base.hslHueF(), 0.0)  # -1 for greys
        background = QColor.fromHslF(hue, min(base.hslSaturationF(), 0.55), 0.90)
        text = QColor.fromHslF(hue, min(base.hslSaturationF(), 0.6), 0.28)
        return background, text
