"""The wall between layers: the core never imports Qt or the GUI; the GUI writes no SQL."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "readinglist"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def modules_under(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


@pytest.mark.parametrize("path", modules_under("core"), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_core_never_imports_qt_or_gui(path: Path) -> None:
    forbidden = {
        m
        for m in imported_modules(path)
        if m.startswith(("PySide6", "readinglist.gui", "readinglist.cli"))
    }
    assert not forbidden


@pytest.mark.parametrize("path", modules_under("gui"), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_gui_never_imports_sqlalchemy(path: Path) -> None:
    assert not {
        m for m in imported_modules(path) if m.startswith(("sqlalchemy", "sqlite3", "alembic"))
    }
