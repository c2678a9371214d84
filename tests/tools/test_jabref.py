"""JabRef (Debian's 3.8) reads every exported entry and keeps its ranking and read status."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from bibtexparser.entrypoint import parse_string

from paperdata import hostile_papers, sample_list_papers
from readinglist.core.exporters import export
from readinglist.core.exporters import fields as bibfields

if TYPE_CHECKING:
    import subprocess
    from collections.abc import Callable
    from pathlib import Path

    Runner = Callable[..., subprocess.CompletedProcess[str]]

pytestmark = pytest.mark.tools


def test_jabref_reads_every_exported_entry(tmp_path: Path, run: Runner) -> None:
    papers = hostile_papers() + sample_list_papers()
    (tmp_path / "refs.bib").write_text(export("bibtex", papers).text, encoding="utf-8")
    result = run("jabref", "--nogui", "--import", "refs.bib,bibtex", "--output", "out.bib")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "Error" not in output.replace("[warning]", ""), output[-3000:]
    library = parse_string((tmp_path / "out.bib").read_text(encoding="utf-8"))
    entries = {entry.key: entry.fields_dict for entry in library.entries}
    assert set(entries) == {p.citation_key for p in papers}
    for paper in papers:
        saved = entries[paper.citation_key]
        ranking = saved.get(bibfields.RANKING_FIELD)
        readstatus = saved.get(bibfields.READSTATUS_FIELD)
        assert (ranking.value if ranking else None) == bibfields.jabref_ranking(paper.rating)
        assert (readstatus.value if readstatus else None) == bibfields.jabref_readstatus(
            paper.status
        )
