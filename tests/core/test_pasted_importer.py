"""The pasted-page format: what real pasted files contain must import cleanly."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from readinglist.core.errors import ImportFailed
from readinglist.core.importers import registry
from readinglist.core.importing import read_file

if TYPE_CHECKING:
    from pathlib import Path

HEADER = "Get trending papers in your email inbox once a day!\nGet trending papers in your email inbox!\n"
BODY = "SubscribeFirst Title\nFirst abstract text.\nSecond Title\nSecond abstract text.\n"


def write(tmp_path: Path, data: bytes, name: str = "list.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def titles(path: Path) -> list[str]:
    return [record.title for record in read_file(path).records]


def test_sample_lists_give_475_entries(sample_files: list[Path]) -> None:
    counts = [len(read_file(path).records) for path in sample_files]
    assert sum(counts) == 475
    assert all(read_file(path).format == "pasted" for path in sample_files)


def test_subscribe_is_stripped_from_the_first_title(sample_files: list[Path]) -> None:
    first = {read_file(path).records[0].title for path in sample_files}
    assert "Large Language Model Evaluation via Matrix Entropy" in first
    assert not any(title.startswith("Subscribe") for title in first)


@pytest.mark.parametrize(
    ("label", "data"),
    [
        ("LF", (HEADER + BODY).encode()),
        ("CRLF", (HEADER + BODY).replace("\n", "\r\n").encode()),
        ("CR", (HEADER + BODY).replace("\n", "\r").encode()),
        ("BOM", b"\xef\xbb\xbf" + (HEADER + BODY).encode()),
        ("no final newline", (HEADER + BODY).rstrip("\n").encode()),
        ("blank lines between entries", (HEADER + BODY.replace("\n", "\n\n")).encode()),
        (
            "spaces around lines",
            "\n".join(f"   {line}  " for line in (HEADER + BODY).split("\n")).encode(),
        ),
        ("UTF-16 with BOM", (HEADER + BODY).encode("utf-16")),
    ],
)
def test_real_world_variants_import_the_same_titles(
    tmp_path: Path, label: str, data: bytes
) -> None:
    assert titles(write(tmp_path, data)) == ["First Title", "Second Title"], label


def test_last_title_without_abstract_is_kept(tmp_path: Path) -> None:
    path = write(tmp_path, (HEADER + BODY + "Third Title\n").encode())
    records = read_file(path).records
    assert [r.title for r in records][-1] == "Third Title"
    assert records[-1].abstract == ""


def test_legacy_encoding_is_decoded_and_named(tmp_path: Path) -> None:
    text = (
        HEADER + "SubscribeÉtude des réseaux à mémoire\nRésumé: une étude détaillée des réseaux.\n"
    )
    parsed = read_file(write(tmp_path, text.encode("cp1252")))
    assert parsed.records[0].title == "Étude des réseaux à mémoire"
    assert parsed.encoding
    assert any("not UTF-8" in warning for warning in parsed.warnings)


@pytest.mark.parametrize(
    "first",
    ["@Home: a dataset", "=Equal rights for tokens", "-Minus", "+Plus ultra", "#Hashtag learning"],
)
def test_titles_starting_with_markup_characters_stay_a_pasted_list(
    tmp_path: Path, first: str
) -> None:
    path = write(
        tmp_path, (HEADER + f"Subscribe{first}\nAbstract one.\nOther\nAbstract two.\n").encode()
    )
    parsed = read_file(path)
    assert parsed.format == "pasted"
    assert parsed.records[0].title == first


def test_list_without_header_still_imports(tmp_path: Path) -> None:
    path = write(tmp_path, b"@Home: a dataset\nAbstract one.\nOther Title\nAbstract two.\n")
    assert titles(path) == ["@Home: a dataset", "Other Title"]


def test_subscriber_title_is_not_cut(tmp_path: Path) -> None:
    path = write(tmp_path, b"Subscriber churn in newsletters\nAbstract.\n")
    assert titles(path) == ["Subscriber churn in newsletters"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x00\x01\x02binary\x00junk" * 50, "binary"),
        (bytes(range(256)) * 20, "binary"),
    ],
)
def test_unreadable_files_fail_with_a_clear_message(
    tmp_path: Path, data: bytes, message: str
) -> None:
    path = write(tmp_path, data)
    with pytest.raises(ImportFailed, match=message) as raised:
        read_file(path)
    assert str(path) in str(raised.value)


def test_misaligned_list_names_the_line(tmp_path: Path) -> None:
    long_line = "word " * 200
    path = write(tmp_path, (HEADER + f"SubscribeTitle\n{long_line}\n{long_line}\nTitle\n").encode())
    with pytest.raises(ImportFailed, match=r"line 5"):
        read_file(path)


def test_missing_file_and_folder_fail_clearly(tmp_path: Path) -> None:
    with pytest.raises(ImportFailed, match="no such file"):
        read_file(tmp_path / "absent.txt")
    with pytest.raises(ImportFailed, match="folder"):
        read_file(tmp_path)


def test_pasted_format_is_registered_by_name() -> None:
    assert registry.get("pasted").name == "pasted"


def test_lower_case_first_title_after_the_header_is_unglued(tmp_path: Path) -> None:
    path = write(tmp_path, (HEADER + "Subscribeself-attention revisited\nAbstract.\n").encode())
    assert titles(path) == ["self-attention revisited"]


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex", "ris", "csv", "csl-json"])
@pytest.mark.parametrize("name", ["export.txt", "export"])
def test_exports_are_read_as_their_format_whatever_the_file_name(tmp_path: Path, fmt: str, name: str) -> None:
    from paperdata import sample_list_papers  # type: ignore[import-not-found]
    from readinglist.core.exporters import export

    papers = sample_list_papers()[:20]
    path = write(tmp_path, export(fmt, papers).text.encode(), name)
    parsed = read_file(path)
    assert parsed.format != "pasted"
    assert [r.title for r in parsed.records] == [p.title for p in papers]
