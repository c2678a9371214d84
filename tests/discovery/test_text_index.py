"""The text index: built once, cached on disk, patched as papers change, refitted when drifted."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pytest

from readinglist.core.commands import DeletePapers, MergePapers, SetRating, SetStatus
from readinglist.core.discovery import Discovery
from readinglist.core.discovery import cache as index_cache
from readinglist.core.errors import UnknownPaper
from readinglist.core.models import PAPERS, utcnow
from readinglist.core.records import PaperRecord

if TYPE_CHECKING:
    from pathlib import Path

    from readinglist.core.library import Library


def test_index_has_one_row_per_paper_in_id_order(discovery: Discovery) -> None:
    index = discovery.index()
    assert list(index.ids) == sorted(discovery.library.search("").ids)
    assert index.matrix.shape == (len(index.ids), len(index.terms))
    norms = np.sqrt(index.matrix.multiply(index.matrix).sum(axis=1)).A1
    assert np.allclose(norms[norms > 0], 1.0, atol=1e-5)


def test_vocabulary_has_bigrams_and_no_stop_words_or_numbers(discovery: Discovery) -> None:
    terms = set(discovery.index().terms)
    assert {"reinforcement learning", "babylm challenge"} <= terms
    assert not {"the", "and", "of", "et", "al"} & terms
    assert not any(term[0].isdigit() for term in terms)


def test_asking_twice_reuses_the_index(discovery: Discovery) -> None:
    first = discovery.index()
    assert discovery.index() is first
    assert discovery.rebuilds == 1


def test_rating_and_status_changes_leave_the_matrix_alone(discovery: Discovery) -> None:
    before = discovery.index()
    matrix, rebuilds = before.matrix, discovery.rebuilds
    ids = [int(i) for i in before.ids[:5]]
    discovery.library.execute(SetRating(ids, 5))
    discovery.library.execute(SetStatus(ids[:2], "skipped"))
    after = discovery.index()
    assert after.matrix is matrix
    assert discovery.rebuilds == rebuilds


def test_small_import_appends_rows_with_the_existing_vocabulary(discovery: Discovery) -> None:
    before = discovery.index()
    summary = discovery.library.import_records(
        [PaperRecord("Child-directed speech and word learning", "Infants learn words.")],
        "new",
        "test",
    )
    after = discovery.index()
    assert after.terms is before.terms
    assert after.churn == 1
    assert after.row_of(summary.new_ids[0]) == len(after) - 1
    assert after.matrix[len(after) - 1].nnz > 0


def test_large_import_refits_the_vocabulary(library: Library) -> None:
    discovery = Discovery(library)
    library.import_records([PaperRecord(f"Graph paper {n}", "graphs") for n in range(30)], "a", "t")
    before = discovery.index()
    library.import_records(
        [PaperRecord(f"Protein folding {n}", "proteins fold") for n in range(30)], "b", "t"
    )
    after = discovery.index()
    assert after.fitted_rows == 60
    assert after.churn == 0
    assert "protein" in after.terms and "protein" not in before.terms


def test_deleting_papers_drops_their_rows_and_undo_restores_them(discovery: Discovery) -> None:
    library = discovery.library
    before = discovery.index()
    gone = [int(before.ids[3]), int(before.ids[10])]
    library.execute(DeletePapers(gone))
    after = discovery.index()
    assert len(after) == len(before) - 2
    assert all(after.row_of(paper_id) is None for paper_id in gone)
    library.undo()
    restored = discovery.index()
    assert len(restored) == len(before)
    row = restored.row_of(gone[0])
    assert row is not None
    assert (restored.matrix[row] != before.matrix[3]).nnz == 0


def test_an_edited_abstract_is_vectorised_again(discovery: Discovery) -> None:
    index = discovery.index()
    paper_id = int(index.ids[0])
    with discovery.library.writing() as session:
        session.execute(
            PAPERS.update()
            .where(PAPERS.c.id == paper_id)
            .values(abstract="Infants and toddlers acquire words.", modified_at=utcnow())
        )
    after = discovery.index()
    row = after.row_of(paper_id)
    assert row is not None
    words = {after.terms[column] for column in after.matrix[row].indices}
    title = discovery.library.detail(paper_id).title.lower()
    assert "acquire" in words
    assert all(word in title or word in "infants and toddlers acquire words" for word in words)


def test_merge_and_its_undo_keep_the_index_in_step(discovery: Discovery) -> None:
    library = discovery.library
    index = discovery.index()
    keep, other = int(index.ids[0]), int(index.ids[1])
    library.execute(MergePapers(keep, [other]))
    assert discovery.index().row_of(other) is None
    library.undo()
    assert discovery.index().row_of(other) is not None


def test_a_new_instance_loads_the_index_from_disk(discovery: Discovery) -> None:
    first = discovery.index()
    assert discovery.cache_file.exists()
    second = Discovery(discovery.library)
    loaded = second.index()
    assert second.rebuilds == 0
    assert loaded.terms == first.terms
    assert (loaded.matrix != first.matrix).nnz == 0


def test_the_cache_lives_in_the_cache_folder_keyed_by_library(
    discovery: Discovery, cache_dir: Path
) -> None:
    assert discovery.cache_file.parent == cache_dir / "discovery"
    assert discovery.cache_file == index_cache.cache_path(discovery.library.path or discovery.library.location)


def test_a_damaged_cache_is_rebuilt(discovery: Discovery) -> None:
    discovery.index()
    discovery.cache_file.write_bytes(b"not an index")
    fresh = Discovery(discovery.library)
    assert len(fresh.index()) == discovery.library.count()
    assert fresh.rebuilds == 1


def test_changes_made_by_another_process_are_seen(discovery: Discovery) -> None:
    """The cache stamps are per paper, so a stale file from before a delete is patched."""
    discovery.index()
    library = discovery.library
    first = library.search("").ids[0]
    library.execute(DeletePapers([first]))
    other = Discovery(library)
    assert other.index().row_of(first) is None


def test_empty_library_has_an_empty_index(library: Library) -> None:
    discovery = Discovery(library)
    assert len(discovery.index()) == 0
    with pytest.raises(UnknownPaper):
        discovery.related(1)
