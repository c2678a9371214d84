"""Locate the files shipped with readinglist (sample lists, icons, style sheets)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def resource_dir() -> Path:
    """Return the resources folder: inside the package when installed, beside it in a checkout."""
    for candidate in (_PACKAGE / "resources", _PACKAGE.parent / "resources"):
        if (candidate / "samples").is_dir():
            return candidate
    raise FileNotFoundError("readinglist's resources folder is missing from this installation")


def resource(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)
