"""Library text becomes escaped HTML; filter words are highlighted, typos included."""

from __future__ import annotations

import pytest

from readinglist.gui.highlight import highlighted, terms_of


@pytest.mark.parametrize("text", ["<b>bold</b>", '<img src="x" onerror="alert(1)">',
                                  "<script>alert('x')</script>", "a & b < c"])
def test_markup_is_escaped(text: str) -> None:
    result = highlighted(text, "")
    assert "<" not in result.replace("&lt;", "")
    assert result.startswith(("&lt;", "a &amp;"))


def test_words_are_highlighted_even_with_typos() -> None:
    result = highlighted("Evaluation via Matrix Entropy", "matrx entrpy")
    assert '<span class="hit">Matrix</span>' in result
    assert '<span class="hit">Entropy</span>' in result
    assert "Evaluation" in result and '"hit">Evaluation' not in result


def test_prefixes_and_phrases_are_highlighted() -> None:
    result = highlighted("Language models model language", '"models model" lang')
    assert '<span class="hit">Language</span>' in result
    assert '<span class="hit">models model</span>' in result


def test_highlighting_escapes_the_marked_text_too() -> None:
    result = highlighted("<script>evil</script>", "script")
    assert "<script>" not in result
    assert '<span class="hit">script</span>' in result


def test_filters_and_negated_words_are_not_highlighted() -> None:
    assert terms_of("tag:nlp -model rating:>=4 entropy") == (["entropy"], [])


def test_a_malformed_query_highlights_nothing() -> None:
    assert highlighted("a (b", "(b") == "a (b"
