"""Tag and collection names with quotes, spaces or parentheses make valid queries."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from readinglist.core.commands import AddTags
from readinglist.core.commands.collections import RenameCollection
from readinglist.gui.exporting import ExportChoice, Scope, scope_ids
from readinglist.gui.views import collection_view, quoted, tag_view

if TYPE_CHECKING:
    from readinglist.core.library import Library

NAMES = ['my "best" list', '"quoted"', 'say "hi" (twice)', "plain"]


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("nlp", "nlp"),
        ("deep learning", '"deep learning"'),
        ("a(b)", '"a(b)"'),
        ('my "best" list', '"my ""best"" list"'),
        ('say"', '"say"""'),
    ],
)
def test_quoted_doubles_inner_quotes(name: str, query: str) -> None:
    assert quoted(name) == query


@pytest.mark.parametrize("name", NAMES)
def test_collection_with_quotes_in_its_name_lists_its_papers(gui_library: Library,
                                                             name: str) -> None:
    collection = gui_library.collections()[0]
    gui_library.execute(RenameCollection(collection.name, name))
    ids = gui_library.search(collection_view(name).query).ids
    assert len(ids) == collection.count > 0
    assert scope_ids(gui_library, ExportChoice("bibtex", Scope.COLLECTION, name), [], []) == ids


@pytest.mark.parametrize("name", NAMES)
def test_tag_with_quotes_in_its_name_lists_its_papers(gui_library: Library, name: str) -> None:
    tagged = gui_library.search("").ids[:3]
    gui_library.execute(AddTags(tagged, [name]))
    ids = gui_library.search(tag_view(name).query).ids
    assert sorted(ids) == sorted(tagged)
    assert scope_ids(gui_library, ExportChoice("bibtex", Scope.TAG, name), [], []) == ids
