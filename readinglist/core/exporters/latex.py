"""Turn Unicode text into LaTeX that plain pdflatex typesets, and say what it had to give up.

pylatexenc writes the macros: ``&`` becomes ``{\\&}``, an e acute ``{\\'e}``, alpha
``{\\ensuremath{\\alpha}}``; a brace in the text becomes ``{\\textbraceleft}`` (BibTeX
counts ``\\{`` as a brace), so the braces of the result always balance and it cannot
close the BibTeX field it sits in. Only characters that a bare
``article`` document (OT1 fonts, no packages) typesets are given to pylatexenc; anything
else (CJK, Cyrillic, emoji, Polish ogonek...) is transliterated to ASCII with anyascii
when it is a letter or digit and dropped otherwise, because pdflatex stops on a character
it has no glyph for.
ASCII ligatures (``--``, ``````, ``''``, ``<<``...) are broken with ``{}`` so the text
prints as written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from anyascii import anyascii
from pylatexenc.latexencode import UnicodeToLatexEncoder

# Code point ranges whose pylatexenc macros work with pdflatex's default fonts.
_TYPESET_RANGES = (
    (0x0000, 0x024F),  # ASCII, Latin-1, Latin Extended-A and -B
    (0x0370, 0x03FF),  # Greek (as math letters)
    (0x1E00, 0x1EFF),  # Latin Extended Additional
    (0x2000, 0x206F),  # general punctuation
    (0x20A0, 0x20CF),  # currency
    (0x2100, 0x22FF),  # letterlike, number forms, arrows, mathematical operators
)
# Characters pylatexenc encodes with macros that a bare ``\documentclass{article}`` lacks
# (OT1 font encoding, no amssymb); found by compiling every character of the ranges above,
# which tests/tools/test_latex_sweep.py repeats.
_PDFLATEX_LACKS = frozenset(
    "«»ÐÞðþĄąĐđĘęĮįŉŊŋŲųƕƞΐϒϰ϶‑‚„‵‹›ℂℋℌℍℐℑℒℕℙ"  # noqa: RUF001
    "ℚℛℜℝℤℨℬℭℰℱℳℶℷℸ⅓⅔⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞↚↛↜↝↞↠↢↣↫↬↭↮↰↱"
    "↶↷↺↻↾↿⇂⇃⇄⇅⇆⇇⇈⇉⇊⇋⇍⇎⇏⇚⇛⇝⇵∁∄∅∎∔∖∟∡∢∤∦∬∭∯∰∱∴"  # noqa: RUF001
    "∵∻∽∾≆≊≋≌≎≏≑≒≓≖≗≙≛≜≦≧≨≩≬≮≯≰≱≲≳≴≵≶≷≸≹≾≿⊀⊁⊈"
    "⊉⊊⊋⊏⊐⊚⊛⊝⊞⊟⊠⊡⊧⊨⊩⊪⊫⊬⊭⊮⊯⊲⊳⊴⊵⊶⊷⊸⊹⊺⊻⊾⋇⋉⋊⋋⋌⋍⋎⋏"
    "⋐⋑⋒⋓⋔⋖⋗⋘⋙⋚⋛⋞⋟⋦⋧⋨⋩⋪⋫⋬⋭⋰"
)

_ACCENTED_DOTLESS = re.compile(r"(\\(?:[^A-Za-z\s]|[A-Za-z]\{))\\([ij])(?![A-Za-z])")
_BRACES = {"{": r"{\textbraceleft}", "}": r"{\textbraceright}"}
_encoder = UnicodeToLatexEncoder(
    non_ascii_only=False,
    replacement_latex_protection="braces-all",
    unknown_char_policy="fail",
    unknown_char_warning=False,
)


@dataclass(slots=True)
class LatexText:
    """LaTeX for one piece of text and the characters that did not survive as they were."""

    latex: str
    transliterated: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)

    @property
    def lossy(self) -> bool:
        return bool(self.transliterated or self.dropped)


def to_latex(text: str, protect_capitals: bool = False, keep_unicode: bool = False) -> LatexText:
    """Return text as pdflatex-safe LaTeX; optionally brace words with capitals (titles).

    With keep_unicode, what pdflatex cannot typeset is kept as it is instead (for fields
    that are stored, never typeset); whitespace runs with a line break become one break.
    """
    if protect_capitals or len(text) > _CACHED_LENGTH:
        return _encode(text, protect_capitals, keep_unicode)
    # Names, venues and tags repeat from paper to paper: encode each once.
    latex, transliterated, dropped = _encode_short(text, keep_unicode)
    return LatexText(latex, list(transliterated), list(dropped))


@lru_cache(maxsize=8192)
def _encode_short(text: str, keep_unicode: bool) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    result = _encode(text, False, keep_unicode)
    return result.latex, tuple(result.transliterated), tuple(result.dropped)


def _encode(text: str, protect_capitals: bool, keep_unicode: bool) -> LatexText:
    # Each substitution runs only when its pattern can match: a regex scan of every
    # character is what an export of a long list of abstracts spends its time on.
    result = LatexText("")
    text = unicodedata.normalize("NFC", text).strip()
    if "\n" in text:
        text = _BREAK.sub("\n", text)
    if not _single_spaced(text):
        text = _BLANK.sub(" ", text)
    latex = _NOT_PLAIN.sub(lambda match: _char(match.group(), result, keep_unicode), text)
    latex = _break_ligatures(latex).replace("@", "{@}")
    if protect_capitals:
        latex = "\n".join(
            " ".join(_brace_capitalised(word) for word in line.split(" "))
            for line in latex.split("\n")
        )
    result.latex = latex
    return result


def _single_spaced(text: str) -> bool:
    """Return whether text is ASCII whose only blanks are single spaces and line breaks."""
    return text.isascii() and "  " not in text and not _contains_any(text, _ASCII_ODD_SPACES)


def _contains_any(text: str, parts: tuple[str, ...]) -> bool:
    for part in parts:  # each ``in`` is a fast memory search, unlike one regex scan
        if part in text:
            return True
    return False


def _break_ligatures(latex: str) -> str:
    """Put ``{}`` inside each pair that pdflatex would join (``--`` prints a dash)."""
    for pair in _LIGATURE_PAIRS:
        if pair[1] in latex and pair in latex:
            # A second pass catches the pairs a run overlaps (``---``); "{}" makes no new ones.
            broken = pair[0] + "{}" + pair[1]
            latex = latex.replace(pair, broken).replace(pair, broken)
    return latex


def _brace_capitalised(word: str) -> str:
    capital = word != word.lower() if word.isascii() else any(ch.isupper() for ch in word)
    return "{" + word + "}" if capital else word


def _char(ch: str, result: LatexText, keep_unicode: bool) -> str:
    latex = _typeset(ch)
    if latex is not None:
        return latex
    if keep_unicode:
        return ch
    if unicodedata.category(ch)[0] in "LN":
        ascii_form = anyascii(ch).strip()
        if ascii_form and ":" not in ascii_form:
            result.transliterated.append(ch)
            return "".join(_typeset(c) or "" for c in ascii_form)
    if unicodedata.category(ch) in ("Mn", "Cf", "Cc"):
        return ""
    result.dropped.append(ch)
    return ""


@lru_cache(maxsize=4096)
def _typeset(ch: str) -> str | None:
    """Return the LaTeX for one character, or None when pdflatex cannot typeset it."""
    if ch in "\n\t\r":
        return " "
    code = ord(ch)
    if ch in _PDFLATEX_LACKS or not any(low <= code <= high for low, high in _TYPESET_RANGES):
        return None
    if ch == "\u00a0":
        return "~"
    if ch in _BRACES:  # BibTeX counts ``\{`` as a brace too, so escaped braces unbalance it
        return _BRACES[ch]
    if ch == '"':  # pylatexenc's ``''`` would come back as two apostrophes
        return '"'

    try:
        latex: str = _encoder.unicode_to_latex(ch)
    except ValueError:
        return None
    # ``{\"\i}`` becomes a dotless i and a combining mark in biber's .bbl, which pdflatex
    # rejects; ``{\"i}`` becomes the precomposed letter.
    return _ACCENTED_DOTLESS.sub(r"\1\2", latex)


def describe_losses(text: LatexText) -> str:
    """Return e.g. "transliterated 深度 and dropped 😀" for a warning message."""
    parts = []
    if text.transliterated:
        parts.append("transliterated " + "".join(dict.fromkeys(text.transliterated)))
    if text.dropped:
        parts.append("dropped " + "".join(dict.fromkeys(text.dropped)))
    return " and ".join(parts)


# ASCII that pylatexenc writes as it is; anything else goes through _char one by one.
_NOT_PLAIN = re.compile(
    "[^" + re.escape("".join(c for c in map(chr, range(0x21, 0x7F)) if _typeset(c) == c)) + " \n]"
)
_BREAK = re.compile(r"\s*\n\s*")
_BLANK = re.compile(r"[^\S\n]{2,}|[^\S\n ]")
# ASCII blanks that _BLANK turns into a space even alone (tab, carriage return...).
_ASCII_ODD_SPACES = tuple(c for c in map(chr, range(0x80)) if c.isspace() and c not in " \n")
# Character pairs that pdflatex's fonts print as one sign (dashes, quotes, guillemets).
_LIGATURE_PAIRS = ("--", "``", "''", "<<", ">>", "!`", "?`")
# Titles, abstracts and notes rarely repeat and would only fill the cache.
_CACHED_LENGTH = 200
