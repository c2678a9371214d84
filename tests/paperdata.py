"""Papers for the export and import tests: hostile text, every script, the sample lists."""

from __future__ import annotations

import itertools
from datetime import datetime
from pathlib import Path

from readinglist.core import citekeys
from readinglist.core.importers.base import registry
from readinglist.core.records import PaperDetail

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"
ADDED = datetime(2025, 1, 2, 3, 4, 5)
SPECIALS = "& % $ # _ { } ~ ^ \\"
HOSTILE_TITLES = (
    f"Every special: {SPECIALS} and back\\slash\\",
    "} @misc{evil, title = {pwned}",
    "Unbalanced {{{ braces",
    "Unbalanced }}} braces",
    "@article{x, ends here } }",
    "Café naïve Ærøskøbing Straße Łódź über résumé",
    "Greek α β γ Δ Ω and ∑ ≤ → math",  # noqa: RUF001
    "深度学习 for 自然语言 processing",
    "Emoji 😀 in 🚀 titles",
    "Приветствие Cyrillic words",
    "BERT, GPT-4 and iPhone: LaTeX -- ``quotes'' << >> !`",
    "=SUM(A1:A9) formula title",
    "+1 -2 @user starts",
    "-Leading dash and a trailing backslash \\",
    "%comment-like start",
    "#hash start and [link](http://x) *stars* _under_",
)


def paper(paper_id: int, title: str, **fields: object) -> PaperDetail:
    """Build a PaperDetail with empty defaults for what the test does not care about."""
    values: dict[str, object] = {
        "id": paper_id,
        "title": title,
        "abstract": "",
        "note": "",
        "rating": None,
        "status": "inbox",
        "tags": (),
        "collections": (),
        "citation_key": None,
        "added_at": ADDED,
        "modified_at": ADDED,
        "status_changed_at": None,
        "queue_position": None,
        "authors": (),
        "year": None,
        "venue": "",
        "doi": "",
        "url": "",
        "entry_type": "",
    }
    values.update(fields)
    return PaperDetail(**values)  # type: ignore[arg-type]


def with_keys(papers: list[PaperDetail]) -> list[PaperDetail]:
    """Give papers unique citation keys the way the library does."""
    taken: set[str] = set()
    keyed = []
    for item in papers:
        base = citekeys.base_key(item.title, item.authors, item.year)
        key = citekeys.unique_key(base, taken.__contains__)
        taken.add(key)
        keyed.append(_replace(item, citation_key=key))
    return keyed


def _replace(item: PaperDetail, **changes: object) -> PaperDetail:
    values = {name: getattr(item, name) for name in PaperDetail.__slots__}
    values.update(changes)
    return PaperDetail(**values)  # type: ignore[arg-type]


def hostile_papers() -> list[PaperDetail]:
    """Papers whose every field carries specials, non-ASCII text and each rating/status."""
    statuses = itertools.cycle(("inbox", "queued", "reading", "read", "skipped"))
    ratings = itertools.cycle((None, 0, 1, 2, 3, 4, 5))
    entry_types = itertools.cycle(("", "article", "inproceedings", "misc", "book"))
    papers = []
    for number, title in enumerate(HOSTILE_TITLES, start=1):
        papers.append(
            paper(
                number,
                title,
                abstract=f"Abstract of {title}: 50% of $x^2$ & more.",
                note=f"My note on {title}\nsecond line ~ {{}}",
                rating=next(ratings),
                status=next(statuses),
                tags=("nlp", "to-read", f"tag {number} é") if number % 3 else (),
                authors=("Müller, Hans", "Ada Lovelace", "World Health Organization")
                if number % 2
                else ("Σωκράτης, Π.", "{Weird} } Name & Co"),
                year=2000 + number if number % 4 else None,
                venue=f"Journal of {SPECIALS} & Ünïcode",
                doi=f"10.1002/(SICI)1097-4636(199605)31:1<1::AID-JBM1>3.0.CO;2-{number}_x",
                url=f"https://example.org/p%20q?q={number}&r=a_b#frag~x",
                entry_type=next(entry_types),
            )
        )
    return with_keys(papers)


def sample_list_papers() -> list[PaperDetail]:
    """Every paper of resources/samples/*.txt, read with the pasted-list importer."""
    importer = registry.get("pasted")
    papers = []
    number = 1000
    for path in sorted(SAMPLES.glob("*.txt")):
        for record in importer.parse(path.read_text(encoding="utf-8"), path.name):
            number += 1
            papers.append(paper(number, record.title, abstract=record.abstract, tags=(path.stem,)))
    return with_keys(papers)
