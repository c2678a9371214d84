"""Importing lists into the library: counts, dedupe, idempotency, rollback."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import pytest

from readinglist.core.errors import ImportCancelled
from readinglist.core.records import PaperRecord

if TYPE_CHECKING:
    from pathlib import Path

    from readinglist.core.library import Library


def snapshot(library: Library) -> tuple[object, ...]:
    """Everything a user could notice about the library's contents."""
    ids = library.search("").ids
    return (
        library.stats(),
        [(r.title, r.collections) for r in library.rows(ids)],
        library.history_labels(),
    )


def test_seed_lists_give_457_papers_in_3_collections(sample_library: Library) -> None:
    stats = sample_library.stats()
    assert stats["papers"] == 457
    assert stats["collections"] == 3
    assert stats["likely_duplicates"] == 0


def test_shared_titles_belong_to_every_list_they_appear_in(sample_library: Library) -> None:
    rows = sample_library.rows(sample_library.search("").ids)
    shared = [row for row in rows if len(row.collections) > 1]
    assert len(shared) == 17
    assert sum(len(row.collections) for row in rows) == 475


def test_importing_the_same_file_twice_changes_nothing(
    library: Library, sample_files: list[Path]
) -> None:
    library.import_files(sample_files)
    before = snapshot(library)
    summaries = library.import_files(sample_files)
    assert [s.added for s in summaries] == [0, 0, 0]
    assert snapshot(library) == before


def test_existing_title_in_other_spelling_joins_the_new_collection(
    library: Library, write_list
) -> None:  # type: ignore[no-untyped-def]
    library.import_files([write_list("a.txt", [("Self-Attention, Revisited!", "x")])])
    summary = library.import_files([write_list("b.txt", [("self attention  REVISITED", "y")])])[0]
    assert (summary.added, summary.already_present) == (0, 1)
    assert library.rows(library.search("").ids)[0].collections == ("a", "b")


def test_near_duplicate_titles_are_reported_not_merged(library: Library, write_list) -> None:  # type: ignore[no-untyped-def]
    library.import_files([write_list("a.txt", [("Scaling Laws for Neural Language Models", "x")])])
    summary = library.import_files(
        [write_list("b.txt", [("Scaling Laws for Neural Langauge Models", "y")])]
    )[0]
    assert summary.added == 1
    assert summary.likely_duplicates == 1
    assert library.count() == 2
    assert len(library.duplicate_pairs()) == 1
    assert len(library.search("is:duplicate").ids) == 2


def test_different_papers_are_not_called_duplicates(sample_library: Library) -> None:
    assert sample_library.duplicate_pairs() == []


def test_collection_option_names_the_collection(library: Library, sample_files: list[Path]) -> None:
    library.import_files(sample_files[:1], collection="My reading")
    assert [c.name for c in library.collections()] == ["My reading"]


def test_a_failed_file_changes_nothing_while_good_files_import(
    library: Library, sample_files: list[Path], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01binary" * 100)
    summaries = library.import_files([bad, sample_files[0]])
    assert summaries[0].error is not None and "bad.txt" in summaries[0].error
    assert summaries[1].error is None
    assert [c.name for c in library.collections()] == [sample_files[0].stem]


def test_cancelled_import_leaves_the_library_as_it_was(
    library: Library, sample_files: list[Path]
) -> None:
    library.import_files(sample_files[:1])
    before = snapshot(library)

    def cancel(_path: Path, done: int, _total: int) -> None:
        if done:
            raise ImportCancelled

    with pytest.raises(ImportCancelled):
        library.import_files(sample_files[1:], progress=cancel)
    assert snapshot(library) == before


def test_import_reports_progress(library: Library, sample_files: list[Path]) -> None:
    seen: list[tuple[int, int]] = []
    library.import_files(
        sample_files[:1], progress=lambda _p, done, total: seen.append((done, total))
    )
    assert seen[-1][0] == seen[-1][1] > 0


def test_one_import_invocation_is_one_undo_step(library: Library, sample_files: list[Path]) -> None:
    library.import_files(sample_files)
    assert library.history_labels()[0] == "import 3 lists"
    library.undo()
    assert library.count() == 0
    assert library.collections() == []
    library.redo()
    assert library.stats()["papers"] == 457
    assert len(library.collections()) == 3


def test_undoing_an_import_keeps_papers_that_were_already_there(
    library: Library, write_list
) -> None:  # type: ignore[no-untyped-def]
    library.import_files([write_list("a.txt", [("Shared Title", "x"), ("Only A", "y")])])
    library.import_files([write_list("b.txt", [("Shared Title", "x"), ("Only B", "z")])])
    library.undo()
    rows = library.rows(library.search("").ids)
    assert [(r.title, r.collections) for r in rows] == [
        ("Shared Title", ("a",)),
        ("Only A", ("a",)),
    ]


def test_citation_keys_are_unique_and_ascii(sample_library: Library) -> None:
    keys = [r.citation_key for r in sample_library.rows(sample_library.search("").ids)]
    assert len(set(keys)) == len(keys) == 457
    assert all(key and key.isascii() and key.replace("_", "").isalnum() for key in keys)


def test_citation_keys_never_change_after_later_imports(library: Library, write_list) -> None:  # type: ignore[no-untyped-def]
    library.import_files([write_list("a.txt", [("Attention Is All You Need", "x")])])
    key = library.rows(library.search("").ids)[0].citation_key
    library.import_files([write_list("b.txt", [("Attention Is All You Need Too", "y")])])
    rows = library.rows(library.search("").ids)
    assert rows[0].citation_key == key
    assert rows[1].citation_key != key


def _keys(library: Library) -> dict[str, str | None]:
    return {r.title: r.citation_key for r in library.rows(library.search("").ids)}


def test_citation_keys_take_a_free_suffix_after_the_library_and_the_same_import(
    library: Library,
) -> None:
    library.import_records(
        [PaperRecord("Attention Is All You Need"), PaperRecord("Attention: all you need!?")],
        "a",
        "test",
    )
    library.import_records(
        [PaperRecord("Attention, All You Need Again"), PaperRecord("Attention all you need, 3")],
        "b",
        "test",
    )
    assert sorted(key or "" for key in _keys(library).values()) == [
        "AttentionAllYou",
        "AttentionAllYoua",
        "AttentionAllYoub",
        "AttentionAllYouc",
    ]


def test_a_wanted_citation_key_is_kept_unless_taken(library: Library) -> None:
    library.import_records([PaperRecord("First Paper", citation_key="smith2020")], "a", "test")
    library.import_records(
        [
            PaperRecord("Second Paper", citation_key="smith2020"),
            PaperRecord("Third Paper", citation_key="jones2021"),
            PaperRecord("Fourth Paper", citation_key="jones2021"),
            PaperRecord("Fifth Paper", citation_key="not a key!"),
        ],
        "b",
        "test",
    )
    assert _keys(library) == {
        "First Paper": "smith2020",
        "Second Paper": "SecondPaper",
        "Third Paper": "jones2021",
        "Fourth Paper": "FourthPaper",
        "Fifth Paper": "FifthPaper",
    }


def test_a_large_import_is_searchable_deduplicated_and_undone_exactly(library: Library) -> None:
    library.import_records([PaperRecord("Quantum Walks on Lattice Graphs", abstract="x")], "a", "t")
    before = snapshot(library)
    records = [
        PaperRecord(hashlib.sha256(str(n).encode()).hexdigest()[:20], abstract=f"word{n}")
        for n in range(1200)
    ]
    records.append(PaperRecord("Quantum Walk on Lattice Graphs"))
    records.append(PaperRecord("quantum walks on lattice graphs"))
    summary = library.import_records(records, "big", "test")
    assert (summary.added, summary.already_present, summary.likely_duplicates) == (1201, 1, 1)
    assert len(library.search("word1117").ids) == 1
    assert len(library.search(records[1117].title[:12]).ids) == 1
    assert len(set(_keys(library).values())) == 1202
    library.undo()
    assert snapshot(library)[:2] == before[:2]
    assert library.search("word1117").ids == []
    assert library.duplicate_pairs() == []
