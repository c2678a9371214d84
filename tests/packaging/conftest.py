"""Load the packaging scripts (plain files in packaging/, not an importable package)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def load(name: str) -> ModuleType:
    """Import packaging/NAME.py under a private module name."""
    if str(PACKAGING) not in sys.path:
        sys.path.insert(0, str(PACKAGING))  # the scripts import their siblings by name
    spec = importlib.util.spec_from_file_location(
        f"readinglist_packaging_{name}", PACKAGING / f"{name}.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def build_script() -> ModuleType:
    return load("build")


@pytest.fixture(scope="session")
def deb_script() -> ModuleType:
    return load("deb")


@pytest.fixture(scope="session")
def icons_script() -> ModuleType:
    return load("make_icons")
