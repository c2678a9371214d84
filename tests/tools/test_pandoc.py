"""pandoc --citeproc renders exported BibTeX and CSL-JSON with every paper in it."""

from __future__ import annotations

import html
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


@pytest.mark.parametrize(
    ("export_format", "file_name"),
    [("bibtex", "refs.bib"), ("biblatex", "refs.bib"), ("csl-json", "refs.json")],
)
def test_pandoc_citeproc_renders_every_paper(
    export_format: str, file_name: str, tmp_path: Path, run: Runner
) -> None:
    papers = hostile_papers() + sample_list_papers()
    (tmp_path / file_name).write_text(export(export_format, papers).text, encoding="utf-8")
    (tmp_path / "doc.md").write_text("---\nnocite: '@*'\n---\n\nText.\n", encoding="utf-8")
    result = run("pandoc", "--citeproc", "--bibliography", file_name, "-t", "html", "doc.md")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    rendered = {p.citation_key for p in papers if f'id="ref-{p.citation_key}"' in result.stdout}
    assert rendered == {p.citation_key for p in papers}
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", "", result.stdout)).split()).casefold()
    assert "large language model hacking: quantifying the hidden risks" in text
    assert "Café naïve Ærøskøbing Straße Łódź über résumé".casefold() in text
