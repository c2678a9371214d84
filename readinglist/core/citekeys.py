"""Citation keys: generated once from a pattern, then stored and never changed.

The pattern is a library setting (``readinglist citekey-pattern``); fields are
``[auth]``, ``[year]``, ``[shorttitleN_M]`` (the first N significant title words),
``[veryshorttitle]`` and ``[title]``, each optionally ``:lower`` or ``:upper``; other text
is kept as written. The default follows Better BibTeX's ``[auth:lower][shorttitle3_3][year]``:
first author's family name in lower case, the first three significant title words
capitalised, the year; parts the paper lacks are left out (pasted lists carry no
authors or years, so their keys are the title words alone, e.g. ``LargeLanguageModel``).
A key already taken gets a suffix ``a``, ``b`` ... ``z``, ``aa`` ...
Keys use only ASCII letters, digits and ``_:.+/-``.
"""

from __future__ import annotations

import functools
import re
import string
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

DEFAULT_PATTERN = "[auth:lower][shorttitle3_3][year]"
PATTERN_SETTING = "citekeys.pattern"
"""The library setting holding the pattern (``readinglist citekey-pattern``)."""
FALLBACK_KEY = "paper"
MAX_KEY_LENGTH = 60
ALLOWED = re.compile(r"[^A-Za-z0-9_:.+/-]")
_FIELDS = ("auth", "year", "shorttitle", "title", "veryshorttitle")
_FIELD = re.compile(r"\[([a-z]+)(\d*)(?:_(\d+))?(?::(lower|upper))?\]")
_TITLE_FIELDS = frozenset(("shorttitle", "title", "veryshorttitle"))
_WORD = re.compile(r"[A-Za-z0-9]+")
# Words skipped when picking "significant" title words (Better BibTeX's list, abridged).
STOP_WORDS = frozenset(
    "a an and as at but by do for from in into is it nor of on or so the to up via vs "
    "with without about over under its their our your this that these those we".split()
)


def check_pattern(pattern: str) -> str:
    """Return pattern if it names at least one known field, else raise InvalidValue."""
    from readinglist.core.errors import InvalidValue

    fields = _FIELD.findall(pattern)
    unknown = [name for name, *_ in fields if name not in _FIELDS]
    if not fields or unknown:
        known = ", ".join(f"[{name}]" for name in _FIELDS)
        raise InvalidValue(f"a key pattern combines fields such as {known}; got {pattern!r}")
    return pattern


def ascii_fold(text: str) -> str:
    """Transliterate text to ASCII letters where possible and drop what has no ASCII form."""
    if text.isascii():  # most titles: nothing to fold
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    folded = decomposed.replace("ß", "ss").replace("æ", "ae").replace("ø", "o").replace("ł", "l")
    return folded.encode("ascii", "ignore").decode("ascii")


def title_words(title: str) -> list[str]:
    return _WORD.findall(ascii_fold(title.replace("'", "").replace("\u2019", "")))


def base_key(
    title: str,
    authors: list[str] | tuple[str, ...],
    year: int | None,
    pattern: str = DEFAULT_PATTERN,
) -> str:
    """Fill pattern for one paper; never empty, only allowed characters."""
    parts: list[str] = []
    significant: list[str] | None = None
    for part in _parts(pattern):
        if isinstance(part, str):
            parts.append(part)
            continue
        name, count, words, case = part
        if name in _TITLE_FIELDS:
            if significant is None:
                significant = [w for w in title_words(title) if w.lower() not in STOP_WORDS]
            limit = {"veryshorttitle": 1, "shorttitle": words or count or 3}.get(
                name, len(significant)
            )
            value = "".join(w[:1].upper() + w[1:] for w in significant[:limit])
        elif name == "auth":
            value = _family_name(authors[0]) if authors else ""
        elif name == "year":
            value = str(year) if year else ""
        else:
            value = ""
        if case == "lower":
            value = value.lower()
        elif case == "upper":
            value = value.upper()
        parts.append(value)
    key = ALLOWED.sub("", "".join(parts))[:MAX_KEY_LENGTH]
    return key or FALLBACK_KEY


@functools.lru_cache(maxsize=16)
def _parts(pattern: str) -> tuple[str | tuple[str, int, int, str | None], ...]:
    """Split pattern into its literal text and its fields (name, count, words, case)."""
    parts: list[str | tuple[str, int, int, str | None]] = []
    end = 0
    for match in _FIELD.finditer(pattern):
        parts.append(pattern[end : match.start()])
        name, count, words, case = match.groups()
        parts.append((name, int(count or 0), int(words or 0), case))
        end = match.end()
    parts.append(pattern[end:])
    return tuple(part for part in parts if part != "")


def _family_name(author: str) -> str:
    author = author.strip()
    family = author.split(",")[0] if "," in author else (author.split() or [""])[-1]
    return "".join(title_words(family))


def unique_key(base: str, taken: Callable[[str], bool]) -> str:
    """Return base, or base with the first free suffix, as judged by taken(key)."""
    for candidate in _candidates(base):
        if not taken(candidate):
            return candidate
    raise AssertionError("unreachable: suffixes are unbounded")


def _candidates(base: str) -> Iterator[str]:
    yield base
    length = 1
    while True:
        for suffix in _suffixes(length):
            yield base + suffix
        length += 1


def _suffixes(length: int) -> Iterator[str]:
    if length == 1:
        yield from string.ascii_lowercase
        return
    for head in _suffixes(length - 1):
        for letter in string.ascii_lowercase:
            yield head + letter


def is_valid_key(key: str) -> bool:
    return bool(key) and not ALLOWED.search(key) and len(key) <= 200
