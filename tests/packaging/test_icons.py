"""The icon renderer writes every platform format from the one SVG."""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path
    from types import ModuleType

    from PySide6.QtWidgets import QApplication

# Each test takes pytest-qt's qapp: make_icons would otherwise create a QGuiApplication, and
# the widget tests that run later in the same process need a QApplication.


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_make_icons_writes_pngs_of_each_size(
    icons_script: ModuleType, tmp_path: Path, qapp: QApplication
) -> None:
    icons_script.make_icons(tmp_path)
    for size in icons_script.PNG_SIZES:
        assert png_size((tmp_path / f"readinglist-{size}.png").read_bytes()) == (size, size)


def test_ico_lists_each_size_with_its_png(
    icons_script: ModuleType, tmp_path: Path, qapp: QApplication
) -> None:
    icons_script.make_icons(tmp_path)
    data = (tmp_path / "readinglist.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, len(icons_script.ICO_SIZES))
    for index, size in enumerate(sorted(icons_script.ICO_SIZES)):
        width, height, _c, _r, planes, bits, length, offset = struct.unpack(
            "<BBBBHHII", data[6 + 16 * index : 22 + 16 * index]
        )
        assert (width, height) == ((0, 0) if size == 256 else (size, size))
        assert (planes, bits) == (1, 32)
        assert png_size(data[offset : offset + length]) == (size, size)


def test_icns_blocks_add_up_to_the_file(
    icons_script: ModuleType, tmp_path: Path, qapp: QApplication
) -> None:
    icons_script.make_icons(tmp_path)
    data = (tmp_path / "readinglist.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    position, kinds = 8, {}
    while position < len(data):
        kind, length = (
            data[position : position + 4].decode(),
            struct.unpack(">I", data[position + 4 : position + 8])[0],
        )
        kinds[kind] = png_size(data[position + 8 : position + length])[0]
        position += length
    assert kinds == {kind: size for kind, size in icons_script.ICNS_TYPES}
