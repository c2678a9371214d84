"""Exported BibTeX and BibLaTeX compile with plain pdflatex and list every paper."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from paperdata import hostile_papers, sample_list_papers
from readinglist.core.exporters import export

if TYPE_CHECKING:
    import subprocess
    from collections.abc import Callable
    from pathlib import Path

    Runner = Callable[..., subprocess.CompletedProcess[str]]

pytestmark = pytest.mark.tools
BIBTEX_DOCUMENT = r"""\documentclass{article}
\begin{document}
\nocite{*}
\bibliographystyle{plain}
\bibliography{refs}
\end{document}
"""
BIBLATEX_DOCUMENT = r"""\documentclass{article}
\usepackage[backend=biber]{biblatex}
\addbibresource{refs.bib}
\begin{document}
\nocite{*}
\printbibliography
\end{document}
"""


def _pdflatex(run: Runner) -> str:
    result = run("pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex")
    assert result.returncode == 0, result.stdout[-3000:]
    return result.stdout


def _assert_clean_log(tmp_path: Path) -> None:
    log = (tmp_path / "doc.log").read_text(errors="replace")
    assert "Missing character" not in log
    assert not re.search(r"^! ", log, re.MULTILINE)


def test_bibtex_export_compiles_with_pdflatex_and_bibtex(tmp_path: Path, run: Runner) -> None:
    papers = hostile_papers() + sample_list_papers()
    (tmp_path / "refs.bib").write_text(export("bibtex", papers).text, encoding="utf-8")
    (tmp_path / "doc.tex").write_text(BIBTEX_DOCUMENT)
    _pdflatex(run)
    bibtex = run("bibtex", "doc")
    assert "error message" not in bibtex.stdout, bibtex.stdout
    _pdflatex(run)
    _pdflatex(run)
    _assert_clean_log(tmp_path)
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8")
    assert set(re.findall(r"\\bibitem\{([^}]*)\}", bbl)) == {p.citation_key for p in papers}
    text = run("pdftotext", "doc.pdf", "-").stdout
    assert f"[{len(papers)}]" in text


def test_biblatex_export_compiles_with_pdflatex_and_biber(tmp_path: Path, run: Runner) -> None:
    papers = hostile_papers() + sample_list_papers()
    (tmp_path / "refs.bib").write_text(export("biblatex", papers).text, encoding="utf-8")
    (tmp_path / "doc.tex").write_text(BIBLATEX_DOCUMENT)
    _pdflatex(run)
    biber = run("biber", "doc")
    assert biber.returncode == 0, biber.stdout[-3000:]
    assert "ERROR" not in biber.stdout
    _pdflatex(run)
    _pdflatex(run)
    _assert_clean_log(tmp_path)
    bbl = (tmp_path / "doc.bbl").read_text(encoding="utf-8")
    assert set(re.findall(r"\\entry\{([^}]*)\}", bbl)) == {p.citation_key for p in papers}
    text = run("pdftotext", "doc.pdf", "-").stdout
    assert f"[{len(papers)}]" in text
