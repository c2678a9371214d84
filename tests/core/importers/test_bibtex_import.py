from __future__ import annotations

import pytest

from readinglist.core.errors import ImportFailed
from readinglist.core.importers.bibtex import BibtexImporter

IMPORTER = BibtexImporter()
FOREIGN = r"""% Encoding: UTF-8
@string{nips = "Advances in Neural Information Processing Systems"}

@inproceedings{vaswani2017,
  author = {Vaswani, Ashish and Shazeer, Noam and {Google Brain}},
  title = {Attention Is All You Need: {\'E}t{\'e} \& $\alpha$},
  booktitle = nips,
  year = 2017,
  doi = {10.5555/3295222.3295349},
  keywords = {transformers; nlp, attention},
  ranking = {rank5},
  readstatus = {skimmed},
  annote = {Read section 3 again},
}
"""


def test_fields_become_a_record() -> None:
    (record,) = IMPORTER.parse(FOREIGN, "refs.bib")
    assert record.title == "Attention Is All You Need: Été & α"  # noqa: RUF001
    assert record.authors == ["Vaswani, Ashish", "Shazeer, Noam", "Google Brain"]
    assert record.venue == "Advances in Neural Information Processing Systems"
    assert (record.year, record.entry_type, record.citation_key) == (
        2017,
        "inproceedings",
        "vaswani2017",
    )
    assert record.tags == ["transformers", "nlp", "attention"]
    assert (record.rating, record.status, record.note) == (5, "reading", "Read section 3 again")
    assert record.line == 4


def test_malformed_entry_refuses_the_file_naming_its_line() -> None:
    text = "@misc{a, title = {ok}}\n\n@misc{b,\n  title = {unbalanced\n}\n@misc{c, title={x}}\n"
    with pytest.raises(ImportFailed) as failure:
        IMPORTER.parse(text, "refs.bib")
    assert failure.value.line == 3


def test_entry_without_title_refuses_the_file() -> None:
    with pytest.raises(ImportFailed, match="no title"):
        IMPORTER.parse("@misc{a, year = {2020}}\n", "refs.bib")


def test_repeated_key_is_read_twice_with_a_warning() -> None:
    parsed = IMPORTER.parse_with_warnings("@misc{a, title={x}}\n@misc{a, title={y}}\n", "r.bib")
    assert [record.title for record in parsed.records] == ["x", "y"]
    assert "'a' repeats" in parsed.warnings[0]


def test_own_fields_fill_what_jabref_lacks() -> None:
    text = "@misc{a, title={x}, readinglist-rating={0}, readinglist-status={queued}}\n"
    (record,) = IMPORTER.parse(text, "r.bib")
    assert (record.rating, record.status) == (0, "queued")


def test_jabref_fields_win_over_own_fields() -> None:
    text = "@misc{a, title={x}, ranking={rank2}, readstatus={read}, readinglist-status={queued}}"
    (record,) = IMPORTER.parse(text, "r.bib")
    assert (record.rating, record.status) == (2, "read")


def test_sniff_accepts_bibtex() -> None:
    assert IMPORTER.sniff(FOREIGN)


@pytest.mark.parametrize(
    "text",
    [
        "@misc{evil, title = {pwned}}\nAn abstract line follows the title.\n",
        "@article{x, ends here } }\nAbstract.\n",
        "@ everyone: big news\nAbstract.\n",
        "=SUM(A1)\nAbstract\n",
        "# Heading\nAbstract\n",
        "Title\n@misc{a, title={x}}\n",
        "",
    ],
)
def test_sniff_rejects_pasted_lists_and_other_text(text: str) -> None:
    assert not IMPORTER.sniff(text)
