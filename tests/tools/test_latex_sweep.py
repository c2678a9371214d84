"""Every character latex.py hands to pylatexenc compiles in a bare pdflatex document."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

import pytest

from readinglist.core.exporters.latex import _TYPESET_RANGES, to_latex

if TYPE_CHECKING:
    import subprocess
    from collections.abc import Callable
    from pathlib import Path

    Runner = Callable[..., subprocess.CompletedProcess[str]]

pytestmark = pytest.mark.tools


def test_every_kept_character_compiles_with_bare_pdflatex(tmp_path: Path, run: Runner) -> None:
    lines = []
    for low, high in _TYPESET_RANGES:
        for code in range(max(low, 0x20), high + 1):
            char = chr(code)
            if unicodedata.category(char) in ("Cc", "Cn", "Cs", "Co"):
                continue
            text = to_latex(f"x{char}x")
            if not text.lossy:
                lines.append(f"% U+{code:04X}\n{text.latex}\\par")
    document = "\\documentclass{article}\n\\begin{document}\n" + "\n".join(lines)
    (tmp_path / "doc.tex").write_text(document + "\n\\end{document}\n", encoding="utf-8")
    result = run("pdflatex", "-interaction=nonstopmode", "doc.tex")
    log = (tmp_path / "doc.log").read_text(errors="replace")
    errors = [line for line in log.splitlines() if line.startswith("! ")]
    assert result.returncode == 0, errors[:10]
    assert not errors
    assert "Missing character" not in log
    assert len(lines) > 500
