from __future__ import annotations

from paperdata import paper
from readinglist.core.exporters import ExportOptions, GroupBy, export

PAPERS = [
    paper(1, "Read one", status="read", tags=("b", "a"), abstract="Why it matters"),
    paper(2, "Queued one", status="queued", tags=("a",)),
    paper(3, "Inbox one"),
]


def test_read_papers_are_ticked() -> None:
    text = export("markdown", PAPERS).text
    assert "- [x] **Read one**" in text
    assert "- [ ] **Queued one**" in text


def test_grouping_by_status_is_the_default() -> None:
    text = export("markdown", PAPERS).text
    assert text.index("## Queued (1)") < text.index("## Inbox (1)") < text.index("## Read (1)")


def test_grouping_by_tag_lists_each_paper_once_under_its_first_tag() -> None:
    text = export("markdown", PAPERS, ExportOptions(group_by=GroupBy.TAG)).text
    assert text.count("Read one") == 1
    assert text.index("## a (1)") < text.index("## b (1)") < text.index("## Untagged (1)")


def test_no_grouping_has_no_sections() -> None:
    text = export("markdown", PAPERS, ExportOptions(group_by=GroupBy.NONE)).text
    assert "## " not in text
    assert text.count("- [") == 3


def test_abstracts_are_optional() -> None:
    assert "Why it matters" not in export("markdown", PAPERS).text
    text = export("markdown", PAPERS, ExportOptions(abstracts=True)).text
    assert "  > Why it matters" in text


def test_markup_in_titles_is_escaped() -> None:
    text = export("markdown", [paper(1, "# [link](http://x) *bold* <b>")]).text
    assert "\\# \\[link\\]\\(http://x\\) \\*bold\\* \\<b\\>" in text
