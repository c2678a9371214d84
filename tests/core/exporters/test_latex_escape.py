from __future__ import annotations

import pytest

from readinglist.core.exporters.latex import to_latex


def _balanced(latex: str) -> bool:
    """Count braces as BibTeX does: a backslash does not escape them."""
    depth = 0
    for char in latex:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("&", r"{\&}"),
        ("%", r"{\%}"),
        ("$", r"{\$}"),
        ("#", r"{\#}"),
        ("_", r"{\_}"),
        ("{", r"{\textbraceleft}"),
        ("}", r"{\textbraceright}"),
        ("~", r"{\textasciitilde}"),
        ("^", r"{\textasciicircum}"),
        ("\\", r"{\textbackslash}"),
        ("é", r"{\'e}"),
        ("α", r"{\ensuremath{\alpha}}"),  # noqa: RUF001
        ("@", "{@}"),
        ("a--b", "a-{}-b"),
        ("``q''", "`{}`q'{}'"),
    ],
)
def test_special_characters_are_escaped(text: str, expected: str) -> None:
    assert to_latex(text).latex == expected


@pytest.mark.parametrize(
    "text", ["} @misc{evil,", "{{{", "}}}", "\\", "\\}", "{\\textbf{x}", "%}\n@book{x,"]
)
def test_output_braces_are_always_balanced(text: str) -> None:
    assert _balanced(to_latex(text).latex)


def test_cjk_is_transliterated_and_reported() -> None:
    result = to_latex("深度学习 model")
    assert result.latex == "ShenDuXueXi model"
    assert result.transliterated == list("深度学习")
    assert result.lossy


def test_emoji_is_dropped_and_reported() -> None:
    result = to_latex("rocket 🚀 science")
    assert result.latex.split() == ["rocket", "science"]
    assert result.dropped == ["🚀"]


def test_characters_bare_pdflatex_lacks_are_transliterated() -> None:
    result = to_latex("Łódź Wrocław ąę")
    assert "\\k" not in result.latex
    assert result.transliterated == ["ą", "ę"]


def test_keep_unicode_leaves_untypesettable_text_for_stored_fields() -> None:
    result = to_latex("深度 & 😀", keep_unicode=True)
    assert result.latex == "深度 {\\&} 😀"
    assert not result.lossy


def test_words_with_capitals_are_braced_in_titles() -> None:
    result = to_latex("Attention for BERT and iPhone users", protect_capitals=True)
    assert result.latex == "{Attention} for {BERT} and {iPhone} users"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a  b", "a b"),
        ("a\tb", "a b"),
        ("a\x0cb\x1fc", "a b c"),
        ("a \u00a0 b", "a b"),
        ("line \n  next", "line\nnext"),
        ("a\r\nb", "a\nb"),
        ("plain words, nothing special.", "plain words, nothing special."),
        ("a--b c !`e ?`f", "a-{}-b c !{}`e ?{}`f"),
    ],
)
def test_blanks_and_ligatures_are_normalised(text: str, expected: str) -> None:
    assert to_latex(text).latex == expected


def test_capitals_are_braced_in_every_line_of_a_title() -> None:
    result = to_latex("Deep  learning\nfor Élan and éclair", protect_capitals=True)
    assert result.latex == "{Deep} learning\nfor {{\\'E}lan} and {\\'e}clair"


def test_repeated_text_gives_a_fresh_result_each_time() -> None:
    first = to_latex("Müller 深")
    first.transliterated.append("x")
    first.latex = "changed"
    again = to_latex("Müller 深")
    assert again.latex == 'M{\\"u}ller Shen'
    assert again.transliterated == ["深"]
