from __future__ import annotations

import pytest

from readinglist.core.errors import ImportFailed
from readinglist.core.importers.ris import RisImporter

IMPORTER = RisImporter()
TEXT = """TY  - JOUR
TI  - Deep Learning
AU  - LeCun, Yann
AU  - Bengio, Yoshua
PY  - 2015///
JO  - Nature
KW  - ml
KW  - review
N1  - first
N1  - second
C1  - readinglist-rating: 4
C2  - readinglist-status: read
ER  - {END}

TY  - GEN
TI  - Second
ER  - {END}
""".format(END="")


def test_fields_become_records_with_their_lines() -> None:
    first, second = IMPORTER.parse(TEXT, "refs.ris")
    assert first.authors == ["LeCun, Yann", "Bengio, Yoshua"]
    assert (first.year, first.venue, first.entry_type) == (2015, "Nature", "article")
    assert (first.tags, first.note) == (["ml", "review"], "first\nsecond")
    assert (first.rating, first.status) == (4, "read")
    assert (first.line, second.line) == (1, 15)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("TY  - GEN\nTI  - a\n", 1),
        ("TY  - GEN\nTI  - a\nTY  - GEN\nTI  - b\nER  - \n", 1),
        ("TY  - GEN\nTI  - a\nER  - \nstray text\n", 4),
        ("TY  - GEN\nAU  - x\nER  - \n", 1),
    ],
)
def test_malformed_record_refuses_the_file_naming_its_line(text: str, line: int) -> None:
    with pytest.raises(ImportFailed) as failure:
        IMPORTER.parse(text, "refs.ris")
    assert failure.value.line == line


@pytest.mark.parametrize(
    "text",
    [
        "TY  - GEN\nAn abstract, not a tag line\nER  - \n",
        "TY - x\nabstract\n",
        "Title\nTY  - GEN\n",
    ],
)
def test_sniff_rejects_text_that_only_looks_like_ris(text: str) -> None:
    assert not IMPORTER.sniff(text)


def test_sniff_accepts_ris() -> None:
    assert IMPORTER.sniff(TEXT)
