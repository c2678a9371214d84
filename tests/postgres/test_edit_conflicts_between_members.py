"""Members of a shared library editing one note at once: the later save is refused, in one
process or two, and undo never takes back another member's newer edit."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from typing import TYPE_CHECKING

import pytest
from members import member_role

from readinglist.core.commands import SetNote
from readinglist.core.errors import EditConflict
from readinglist.core.library import Library

if TYPE_CHECKING:
    from collections.abc import Iterator

pytestmark = pytest.mark.tools


@pytest.fixture
def alice(server_sample_library: str) -> Iterator[Library]:
    with Library.open(server_sample_library) as library:
        yield library


@pytest.fixture
def bob_url(alice: Library, server_sample_library: str) -> Iterator[str]:
    with member_role(server_sample_library, "bob") as url:
        yield url


def test_undo_does_not_take_back_a_newer_note_by_another_member(
    alice: Library, bob_url: str
) -> None:
    alice.execute(SetNote(5, "alice: method is neat", seen_version=alice.detail(5).version))
    with Library.open(bob_url) as bob:
        bob.execute(SetNote(5, "bob: check the baselines", seen_version=bob.detail(5).version))
        with pytest.raises(EditConflict) as raised:
            alice.undo()
        assert raised.value.theirs == "bob: check the baselines"
        assert bob.detail(5).note == "bob: check the baselines"
        bob.undo()  # bob's own undo is his to make
    assert alice.detail(5).note == "alice: method is neat"


SAVE = textwrap.dedent("""
    import sys
    from readinglist.core.commands import SetNote
    from readinglist.core.errors import EditConflict
    from readinglist.core.library import Library

    url, note, seen = sys.argv[1], sys.argv[2], int(sys.argv[3])
    sys.stdin.readline()  # both processes have read the note: save now
    with Library.open(url) as library:
        try:
            library.execute(SetNote(5, note, seen_version=seen))
        except EditConflict as conflict:
            print("conflict", conflict.theirs)
        else:
            print("saved")
""")


def test_two_processes_saving_one_note_at_once_never_lose_an_edit(
    alice: Library, bob_url: str
) -> None:
    seen = alice.detail(5).version
    editors = [
        subprocess.Popen(
            [sys.executable, "-c", SAVE, url, note, str(seen)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        for url, note in ((alice.location, "alice's note"), (bob_url, "bob's note"))
    ]
    outputs = [editor.communicate("go\n", timeout=60)[0].strip() for editor in editors]
    assert sorted(line.split()[0] for line in outputs) == ["conflict", "saved"]
    stored = alice.detail(5).note
    winner = "alice's note" if outputs[0] == "saved" else "bob's note"
    assert stored == winner
    loser = outputs[1] if outputs[0] == "saved" else outputs[0]
    assert loser == f"conflict {winner}"  # the loser is told what the note now says
