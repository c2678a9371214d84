"""Turn plain text into safe HTML with the filter's words highlighted.

Every piece of text from the library goes through ``html.escape``: a title holding
``<script>`` is shown as those characters, never interpreted.
"""

from __future__ import annotations

import html
import re

from rapidfuzz import fuzz

from readinglist.core.errors import InvalidQuery
from readinglist.core.search import parse_query
from readinglist.core.search.syntax import Phrase, positive_text

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
FUZZY_SCORE = 80
MIN_PREFIX = 3


def terms_of(query: str) -> tuple[list[str], list[str]]:
    """Return the (words, phrases) of query worth highlighting, lower-cased."""
    try:
        node = parse_query(query)
    except InvalidQuery:
        return [], []
    words: list[str] = []
    phrases: list[str] = []
    for term in positive_text(node):
        text = term.text.strip().lower()
        if not text:
            continue
        if isinstance(term, Phrase):
            phrases.append(text)
        else:
            words += [w for w in _TOKEN.findall(text) if w]
    return words, phrases


def _word_hits(word: str, words: list[str]) -> bool:
    word = word.lower()
    for wanted in words:
        if word.startswith(wanted) and len(wanted) >= min(MIN_PREFIX, len(word)):
            return True
        if len(wanted) >= 4 and fuzz.ratio(word, wanted) >= FUZZY_SCORE:
            return True  # a typo such as "entrpy" still marks "entropy"
    return False


def highlighted(text: str, query: str, css_class: str = "hit") -> str:
    """Return text as escaped HTML, matches of query's words and phrases wrapped in a span."""
    words, phrases = terms_of(query)
    if not words and not phrases:
        return html.escape(text)
    marked = [False] * len(text)
    lowered = text.lower()
    for phrase in phrases:
        start = lowered.find(phrase)
        while start != -1:
            marked[start:start + len(phrase)] = [True] * len(phrase)
            start = lowered.find(phrase, start + len(phrase))
    if words:
        for match in _TOKEN.finditer(text):
            if _word_hits(match.group(), words):
                marked[match.start():match.end()] = [True] * (match.end() - match.start())
    pieces: list[str] = []
    index = 0
    while index < len(text):
        end = index
        while end < len(text) and marked[end] == marked[index]:
            end += 1
        chunk = html.escape(text[index:end])
        pieces.append(f'<span class="{css_class}">{chunk}</span>' if marked[index] else chunk)
        index = end
    return "".join(pieces)
