from __future__ import annotations

import pytest
from bibtexparser.entrypoint import parse_string

from paperdata import HOSTILE_TITLES, hostile_papers, paper, sample_list_papers
from readinglist.core.exporters import ExportOptions, export


@pytest.mark.parametrize("name", ["bibtex", "biblatex"])
def test_hostile_text_never_breaks_out_of_its_entry(name: str) -> None:
    papers = hostile_papers()
    library = parse_string(export(name, papers).text)
    assert not library.failed_blocks
    assert [entry.key for entry in library.entries] == [p.citation_key for p in papers]
    assert all(set(entry.fields_dict) >= {"title"} for entry in library.entries)


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_each_hostile_title_makes_exactly_one_entry(title: str) -> None:
    text = export("bibtex", [paper(1, title, citation_key="k")]).text
    library = parse_string(text)
    assert not library.failed_blocks
    assert len(library.entries) == 1


def test_rating_and_status_use_jabref_fields() -> None:
    text = export("bibtex", [paper(1, "T", rating=4, status="read", citation_key="k")]).text
    assert "ranking = {rank4}" in text
    assert "readstatus = {read}" in text
    assert "readinglist-" not in text


def test_reading_is_skimmed_for_jabref() -> None:
    text = export("bibtex", [paper(1, "T", status="reading", citation_key="k")]).text
    assert "readstatus = {skimmed}" in text


def test_rating_zero_and_statuses_jabref_lacks_use_own_fields() -> None:
    text = export("bibtex", [paper(1, "T", rating=0, status="queued", citation_key="k")]).text
    assert "readinglist-rating = {0}" in text
    assert "readinglist-status = {queued}" in text
    assert "ranking" not in text


def test_note_goes_to_annote_in_bibtex_and_annotation_in_biblatex() -> None:
    papers = [paper(1, "T", note="mine", citation_key="k")]
    assert "annote = {mine}" in export("bibtex", papers).text
    assert "annotation = {mine}" in export("biblatex", papers).text


def test_tags_go_to_keywords() -> None:
    text = export("bibtex", [paper(1, "T", tags=("nlp", "to-read"), citation_key="k")]).text
    assert "keywords = {nlp, to-read}" in text


def test_untypesettable_text_is_warned_about_by_paper_and_kept_in_original_field() -> None:
    result = export("bibtex", [paper(7, "深度 😀 study", citation_key="k")])
    assert len(result.warnings) == 1
    assert result.warnings[0].startswith("paper 7 '深度 😀 study'")
    assert "readinglist-original-title = {深度 😀 study}" in result.text


def test_missing_or_repeated_keys_are_generated_uniquely() -> None:
    papers = [
        paper(1, "Same Title"),
        paper(2, "Same Title", citation_key="dup"),
        paper(3, "Other", citation_key="dup"),
    ]
    result = export("bibtex", papers)
    keys = [entry.key for entry in parse_string(result.text).entries]
    assert keys == ["SameTitle", "dup", "dupa"]
    assert any("'dup' written as 'dupa'" in warning for warning in result.warnings)


def test_entry_type_defaults_to_misc_and_unknown_types_fall_back() -> None:
    text = export(
        "bibtex",
        [
            paper(1, "A", entry_type="article", citation_key="a"),
            paper(2, "B", citation_key="b"),
            paper(3, "C", entry_type="online", citation_key="c"),
        ],
    ).text
    assert "@article{a," in text
    assert "@misc{b," in text
    assert "@misc{c," in text
    assert (
        "@online{c,"
        in export("biblatex", [paper(3, "C", entry_type="online", citation_key="c")]).text
    )


def test_sample_lists_export_one_entry_per_paper() -> None:
    papers = sample_list_papers()
    library = parse_string(export("bibtex", papers, ExportOptions()).text)
    assert len(library.entries) == len(papers)
    assert not library.failed_blocks
