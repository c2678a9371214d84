"""The names a window lists at once, read without counting papers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from readinglist.core.commands import AddTags, SaveSearch
from readinglist.core.samples import import_samples

if TYPE_CHECKING:
    from readinglist.core.library import Library


def test_sidebar_names_match_the_counted_lists_without_their_counts(library: Library) -> None:
    import_samples(library)
    library.execute(AddTags(library.search("").ids[:3], ["later", "Alpha"]))
    library.execute(SaveSearch("Entropy papers", "entropy"))
    collections, tags, searches = library.sidebar_names()
    assert [(c.id, c.name, c.source) for c in collections] == [
        (c.id, c.name, c.source) for c in library.collections()]
    assert [(t.id, t.name, t.color) for t in tags] == [
        (t.id, t.name, t.color) for t in library.tags()]
    assert {c.count for c in collections} | {t.count for t in tags} == {-1}
    assert searches == library.saved_searches()
