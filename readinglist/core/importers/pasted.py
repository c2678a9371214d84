"""The pasted-page format: text copied from a "trending papers" web page.

The page's header lines come first, the first title is glued to the word ``Subscribe``,
then title and abstract lines alternate. Blank lines and stray spaces are ignored; the
last title may lack an abstract.
"""

from __future__ import annotations

import re
from itertools import islice

from readinglist.core.errors import ImportFailed
from readinglist.core.importers.base import registry
from readinglist.core.normalize import clean_text
from readinglist.core.records import PaperRecord

SUBSCRIBE = "Subscribe"
# How far into the file the header (ending in the "Subscribe" line) may reach.
HEADER_SEARCH_LINES = 6
# A title longer than this is an abstract out of place: the file is not title/abstract pairs.
MAX_TITLE_LENGTH = 500
_STRUCTURED_START = re.compile(
    r"^\s*(@\w+\s*[{(]|TY  - |[\[{]\s*$|[\[{]\s*[\"{\[]|%[A-Z0-9] |<\?xml|<!DOCTYPE|<html)",
    re.IGNORECASE,
)


class PastedListImporter:
    name: str = "pasted"
    label: str = "Pasted paper list (.txt)"
    extensions: tuple[str, ...] = (".txt", ".text", "")

    def sniff(self, text: str) -> bool:
        lines = _content_lines(text, limit=HEADER_SEARCH_LINES + 4)
        if not lines:
            return False
        if _header_end(lines) is not None:
            return True
        if _STRUCTURED_START.match(lines[0][1]):
            return False
        titles = [line for _, line in lines[0::2]]
        return all(len(title) <= MAX_TITLE_LENGTH for title in titles)

    def parse(self, text: str, source: str) -> list[PaperRecord]:
        lines = _content_lines(text)
        if not lines:
            raise ImportFailed(source, "the file is empty")
        header_end = _header_end(lines)
        if header_end is not None:
            number, first = lines[header_end]
            lines = [(number, first[len(SUBSCRIBE) :].strip()), *lines[header_end + 1 :]]
            if not lines[0][1]:
                lines = lines[1:]
        records: list[PaperRecord] = []
        for index in range(0, len(lines), 2):
            number, title = lines[index]
            if len(title) > MAX_TITLE_LENGTH:
                raise ImportFailed(
                    source,
                    f"expected a paper title but found a {len(title):,}-character line; "
                    "a pasted list alternates one title line and one abstract line",
                    line=number,
                )
            abstract = lines[index + 1][1] if index + 1 < len(lines) else ""
            records.append(PaperRecord(title=title, abstract=abstract, line=number))
        if not records:
            raise ImportFailed(source, "no paper titles found")
        return records


def _content_lines(text: str, limit: int | None = None) -> list[tuple[int, str]]:
    """Return (1-based line number, cleaned text) of every non-blank line, or the first limit."""
    text = text.lstrip("\ufeff")
    numbered = enumerate(re.split(r"\r\n|\r|\n", text), start=1)
    cleaned = ((number, clean_text(line)) for number, line in numbered)
    return list(islice(((number, line) for number, line in cleaned if line), limit))


def _header_end(lines: list[tuple[int, str]]) -> int | None:
    """Return the index of the line that starts with "Subscribe" near the top, if any."""
    for index, (_, line) in enumerate(lines[:HEADER_SEARCH_LINES]):
        # "Subscriber churn..." as a first title is not the page's button: below the
        # page header any title may follow the glued word; without one, a capital must.
        glued = line[len(SUBSCRIBE) : len(SUBSCRIBE) + 1]
        if line.startswith(SUBSCRIBE) and (index > 0 or not glued.islower()):
            return index
    return None


registry.register(PastedListImporter())
