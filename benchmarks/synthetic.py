"""Deterministic synthetic libraries drawn from the sample lists' vocabulary and lengths.

Titles are sequences of title words sampled by their frequency in the sample titles (with
the samples' lengths, at least four words, each title new); abstracts are sentences drawn
from the sample abstracts; tags, ratings, statuses, notes and collections follow fixed proportions.
The same size and seed always give the same library.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from readinglist.core.importers import registry
from readinglist.core.normalize import title_key
from readinglist.core.records import PaperRecord
from readinglist.resources import resource

if TYPE_CHECKING:
    from collections.abc import Iterator

TAGS = [
    "nlp",
    "vision",
    "rl",
    "theory",
    "evaluation",
    "scaling",
    "agents",
    "cognition",
    "interpretability",
    "datasets",
    "speech",
    "alignment",
    "robotics",
    "survey",
    "to-cite",
]
STATUSES = ["inbox"] * 70 + ["queued"] * 5 + ["reading"] * 3 + ["read"] * 15 + ["skipped"] * 7
RATINGS = [None] * 60 + [0] * 3 + [1] * 4 + [2] * 7 + [3] * 10 + [4] * 10 + [5] * 6
NOTES = [
    "Compare with the scaling-law results in our draft.",
    "Key idea: section 3. Check the ablation table.",
    "Read with the group on Friday.",
    "Cite in related work (evaluation).",
    "Dataset may be useful for the follow-up.",
]
COLLECTION_SIZE = 5_000


class Corpus:
    """What the sample lists look like: title words with frequencies, abstract sentences."""

    def __init__(self) -> None:
        importer = registry.get("pasted")
        records: list[PaperRecord] = []
        for path in sorted(Path(resource("samples")).glob("*.txt")):
            records += importer.parse(path.read_text(encoding="utf-8"), str(path))
        counts = Counter(word for r in records for word in r.title.split())
        self.title_words = list(counts)
        self.title_weights = list(counts.values())
        self.title_lengths = [len(r.title.split()) for r in records]
        self.sentences = [
            s for r in records for s in re.split(r"(?<=[.!?])\s+", r.abstract) if len(s) > 20
        ]
        self.sentence_counts = [
            max(1, len(re.split(r"(?<=[.!?])\s+", r.abstract))) for r in records
        ]


def papers(count: int, seed: int = 7) -> Iterator[PaperRecord]:
    """Yield count synthetic papers, the same ones for the same count and seed."""
    corpus = Corpus()
    rng = random.Random(seed)
    seen: set[str] = set()
    for _ in range(count):
        title = ""
        while not title or title_key(title) in seen:  # a title the library lacks
            length = max(rng.choice(corpus.title_lengths), 4)
            title = " ".join(rng.choices(corpus.title_words, corpus.title_weights, k=length))
        seen.add(title_key(title))
        abstract = " ".join(rng.choices(corpus.sentences, k=rng.choice(corpus.sentence_counts)))
        tags = rng.sample(TAGS, k=rng.choice((0, 0, 1, 1, 1, 2, 3)))
        yield PaperRecord(
            title=title,
            abstract=abstract,
            tags=tags,
            rating=rng.choice(RATINGS),
            status=rng.choice(STATUSES),
            note=rng.choice(NOTES) if rng.random() < 0.08 else "",
        )


def collections(count: int, seed: int = 7) -> Iterator[tuple[str, list[PaperRecord]]]:
    """Yield (collection name, papers) in chunks of COLLECTION_SIZE."""
    batch: list[PaperRecord] = []
    number = 0
    for record in papers(count, seed):
        batch.append(record)
        if len(batch) == COLLECTION_SIZE:
            number += 1
            yield f"Synthetic list {number:03d}", batch
            batch = []
    if batch:
        yield f"Synthetic list {number + 1:03d}", batch
