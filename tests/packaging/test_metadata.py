"""Versions agree everywhere, and the Linux menu entry and metainfo validate."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import readinglist
from programs import require

if TYPE_CHECKING:
    from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
APP_ID = "io.github.readinglist.ReadingList"
DESKTOP = PACKAGING / "linux" / f"{APP_ID}.desktop"
METAINFO = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"


def pyproject_version() -> str:
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"])


def test_build_reads_the_pyproject_version(build_script: ModuleType) -> None:
    assert build_script.project_version() == pyproject_version() == readinglist.__version__


def test_newest_metainfo_release_is_the_project_version() -> None:
    releases = ET.parse(METAINFO).getroot().findall("releases/release")
    assert releases, "metainfo lists no release"
    assert releases[0].get("version") == pyproject_version()


def test_desktop_file_and_metainfo_use_the_app_id(deb_script: ModuleType) -> None:
    assert deb_script.APP_ID == APP_ID
    assert f"Icon={APP_ID}\n" in DESKTOP.read_text()
    assert ET.parse(METAINFO).getroot().findtext("id") == APP_ID


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("0.1.0", "0.1.0"),
        ("0.2.0rc1", "0.2.0~rc1"),
        ("1.0.dev3", "1.0~dev3"),
        ("1.0.0a2", "1.0.0~a2"),
        ("1.0+local", "1.0+local"),
    ],
)
def test_debian_version_sorts_prereleases_first(
    deb_script: ModuleType, version: str, expected: str
) -> None:
    assert deb_script.debian_version(version) == expected


@pytest.mark.parametrize(
    ("version", "expected"),
    [("0.1.0", (0, 1, 0, 0)), ("2.3", (2, 3, 0, 0)), ("1.2.3.dev4", (1, 2, 3, 4))],
)
def test_windows_file_version_has_four_numbers(
    build_script: ModuleType, version: str, expected: tuple[int, ...]
) -> None:
    assert build_script.numeric_version(version) == expected


@pytest.mark.skipif(
    sys.platform != "win32", reason="PyInstaller reads version info with win32api (Windows only)"
)
def test_windows_version_info_parses_in_pyinstaller(
    build_script: ModuleType, tmp_path: Path
) -> None:
    from PyInstaller.utils.win32 import versioninfo
    path = tmp_path / "version_info.txt"
    path.write_text(build_script.version_info_text("1.2.3"), encoding="utf-8")
    info = versioninfo.load_version_info_from_text_file(str(path))
    assert info.ffi.fileVersionMS == (1 << 16) | 2
    assert "'ProductVersion', '1.2.3'" in str(info)


def test_desktop_file_validates() -> None:
    require("desktop-file-validate")
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_metainfo_validates() -> None:
    require("appstreamcli")
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def test_windows_version_info_is_a_python_expression(build_script: ModuleType) -> None:
    text = build_script.version_info_text("1.2.3")
    tree = ast.parse(text, mode="eval")  # PyInstaller evaluates the file as one expression
    assert isinstance(tree.body, ast.Call) and ast.unparse(tree.body.func) == "VSVersionInfo"
    assert "filevers=(1, 2, 3, 0)" in text
    assert "StringStruct('ProductVersion', '1.2.3')" in text
