"""Render the app icon's platform formats from resources/icons/readinglist.svg.

Usage: ``python packaging/make_icons.py [OUT_DIR]`` (default ``build/icons``). Writes
``readinglist-SIZE.png`` for every size in PNG_SIZES, ``readinglist.ico`` (Windows, PNG-compressed
entries, one per size up to 256) and ``readinglist.icns`` (macOS, PNG entries up to 1024).

The SVG is the only hand-drawn file; nothing here is committed. Qt's SVG renderer draws the PNGs
(``QT_QPA_PLATFORM=offscreen`` is set when there is no display); ICO and ICNS are simple
containers of PNGs, written here so that no imaging library is needed.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "readinglist.svg"
DEFAULT_OUT = ROOT / "build" / "icons"

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
"""PNGs for Linux (hicolor) and for anyone who needs a bitmap."""
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
"""Windows looks up 16, 24, 32, 48 and 256 (Explorer scales the rest); 256 is the ICO maximum."""
ICNS_TYPES = (
    ("icp4", 16),
    ("icp5", 32),
    ("icp6", 64),
    ("ic07", 128),
    ("ic08", 256),
    ("ic09", 512),
    ("ic10", 1024),  # 512@2x
    ("ic11", 32),  # 16@2x
    ("ic12", 64),  # 32@2x
    ("ic13", 256),  # 128@2x
    ("ic14", 512),  # 256@2x
)
"""The PNG-based ICNS element types (macOS 10.7+) and the pixel size each holds."""


def render_png(svg: Path, size: int) -> bytes:
    """Render the SVG as a square PNG of size pixels with a transparent background."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG file")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 6.12's stubs type the format as bytes, but the binding only accepts str.
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise OSError(f"Qt could not encode a {size} px PNG")
    buffer.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """Pack PNGs into an ICO container: ICONDIR, one ICONDIRENTRY per image, then the images."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(sizes)
    entries, images = [], []
    for size in sizes:
        data = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256 in the one-byte width/height fields
        # width, height, palette colours, reserved, colour planes, bits per pixel, size, offset
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset))
        images.append(data)
        offset += len(data)
    return header + b"".join(entries) + b"".join(images)


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """Pack PNGs into an ICNS container: 'icns' + total length, then (type, length, PNG) blocks."""
    blocks = b"".join(
        kind.encode("ascii") + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
        for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(blocks)) + blocks


def make_icons(out_dir: Path = DEFAULT_OUT, svg: Path = SVG) -> list[Path]:
    """Write every platform format of the icon into out_dir and return the files written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    needed = sorted({*PNG_SIZES, *ICO_SIZES, *(size for _kind, size in ICNS_TYPES)})
    pngs = {size: render_png(svg, size) for size in needed}
    written = []
    for size in PNG_SIZES:
        path = out_dir / f"readinglist-{size}.png"
        path.write_bytes(pngs[size])
        written.append(path)
    ico = out_dir / "readinglist.ico"
    ico.write_bytes(ico_bytes({size: pngs[size] for size in ICO_SIZES}))
    icns = out_dir / "readinglist.icns"
    icns.write_bytes(icns_bytes(pngs))
    return [*written, ico, icns]


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else DEFAULT_OUT
    for path in make_icons(out_dir):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
