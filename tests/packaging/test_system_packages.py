"""The system packages live in one list, which run.py, .ci/run and .ci/package read."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import load

ROOT = Path(__file__).resolve().parents[2]


def test_every_group_lists_packages_and_says_what_they_are_for() -> None:
    packages = load("system_packages")
    for group in ("app", "display", "tests", "packaging"):
        assert packages.packages(group)
        assert packages.describe(group)
    assert "libegl1" in packages.packages("app")  # what Qt's window needs first
    assert {"biber", "pandoc", "jabref", "postgresql"} <= set(packages.packages("tests"))
    assert "patchelf" in packages.packages("packaging")


def test_a_missing_program_is_named_with_the_command_that_installs_it() -> None:
    packages = load("system_packages")
    assert packages.package_of("pdflatex") == "texlive-latex-base"
    assert packages.install_command([packages.package_of("biber")]) == (
        "sudo apt-get install -y --no-install-recommends biber"
    )


def test_ci_scripts_read_the_list_instead_of_repeating_it() -> None:
    printed = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "system_packages.py"), "app", "tests"],
        capture_output=True, text=True, check=True,
    ).stdout.split()
    assert printed[:2] == ["libglib2.0-0", "libgl1"]
    for script in (".ci/run", ".ci/package"):
        text = (ROOT / script).read_text(encoding="utf-8")
        assert "system_packages.py" in text
        assert "libxcb-cursor0" not in text and "texlive-latex-base" not in text


def test_an_unknown_group_is_a_one_line_error() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "system_packages.py"), "nosuch"],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "nosuch" in result.stderr
