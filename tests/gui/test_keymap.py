"""The keymap: one table, no clashing keys, a handler for each entry, saved overrides."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QSettings

from readinglist.gui.handlers import Handlers
from readinglist.gui.keymap import DEFAULT_ACTIONS, Context, Keymap

if TYPE_CHECKING:
    from pathlib import Path


def test_default_keys_do_not_clash() -> None:
    assert Keymap().conflicts() == []


@pytest.mark.parametrize("action", DEFAULT_ACTIONS, ids=lambda a: a.id)
def test_every_action_has_a_handler(action: object) -> None:
    assert callable(getattr(Handlers, action.handler, None))  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("action_id", "keys"),
    [("paper.rate.3", ("3",)), ("paper.queue", ("Q",)), ("paper.read", ("R",)),
     ("paper.skip", ("S",)), ("paper.tag", ("T",)), ("paper.untag", ("Shift+T",)),
     ("paper.note", ("N",)), ("view.filter", ("/", "Ctrl+F")), ("view.focus_list", ("Esc",)),
     ("edit.undo", ("Ctrl+Z",)), ("edit.redo", ("Ctrl+Shift+Z",)), ("app.quit", ("Ctrl+Q",)),
     ("go.next", ("J", "Down")), ("go.previous", ("K", "Up"))],
)
def test_issue_five_default_keys(action_id: str, keys: tuple[str, ...]) -> None:
    assert Keymap()[action_id].keys == keys


def test_single_letter_keys_only_act_in_the_list() -> None:
    letters = [a for a in Keymap() if any(len(k) == 1 and k.isalnum() for k in a.keys)]
    assert letters
    assert all(a.context == Context.LIST for a in letters)


def test_override_is_saved_and_loaded(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    Keymap().save_override(settings, "paper.skip", ["X"])
    settings.sync()
    reloaded = Keymap()
    assert reloaded.load_overrides(QSettings(str(tmp_path / "s.ini"),
                                             QSettings.Format.IniFormat)) == []
    assert reloaded["paper.skip"].keys == ("X",)


def test_conflicting_rebind_is_refused_with_the_owner_named() -> None:
    keymap = Keymap()
    with pytest.raises(ValueError, match="Mark Read"):
        keymap.rebind("paper.skip", ["R"])
    assert keymap["paper.skip"].keys == ("S",)


def test_saving_the_default_keys_forgets_the_override(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    keymap = Keymap()
    keymap.save_override(settings, "paper.skip", ["X"])
    keymap.save_override(settings, "paper.skip", ["S"])
    assert settings.value("shortcuts/paper.skip") is None


def test_titles_drop_mnemonics() -> None:
    assert Keymap()["file.import"].title == "Import…"
