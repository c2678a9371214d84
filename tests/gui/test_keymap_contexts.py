"""Triage keys: list actions also live in triage clash with triage-only keys, not list ones."""

from __future__ import annotations

import pytest

from readinglist.gui.handlers import Handlers
from readinglist.gui.keymap import DEFAULT_ACTIONS, Context, KeyAction, Keymap


def entry(action_id: str, keys: tuple[str, ...], context: Context,
          in_triage: bool = False) -> KeyAction:
    return KeyAction(action_id, action_id, "", keys, context, "undo", in_triage=in_triage)


def test_a_key_twice_in_one_context_is_a_conflict() -> None:
    keymap = Keymap([entry("a", ("X",), Context.LIST), entry("b", ("x",), Context.LIST)])
    assert [(key, a.id, b.id) for key, a, b in keymap.conflicts()] == [("x", "a", "b")]


def test_triage_only_keys_clash_with_list_actions_live_in_triage() -> None:
    keymap = Keymap([entry("list", ("B",), Context.LIST, in_triage=True),
                     entry("triage", ("B",), Context.TRIAGE),
                     entry("list.only", ("C",), Context.LIST),
                     entry("triage.only", ("C",), Context.TRIAGE)])
    assert [(a.id, b.id) for _key, a, b in keymap.conflicts()] == [("list", "triage")]


def test_rebinding_a_triage_key_names_the_owner() -> None:
    keymap = Keymap()
    with pytest.raises(ValueError, match="Back"):
        keymap.rebind("paper.skip", ["Backspace"])
    keymap.rebind("edit.select_all", ["Backspace"])  # a list-only action may use it


def test_the_issue_keys_are_bound() -> None:
    keymap = Keymap()
    assert keymap["view.palette"].keys == ("Ctrl+K", "Ctrl+Shift+P")
    assert keymap["help.shortcuts"].keys[0] == "?"
    assert keymap["edit.preferences"].keys == ("Ctrl+,",)
    assert keymap["view.triage"].keys == ("Ctrl+T",)
    assert keymap["triage.back"].keys == ("Backspace",)
    assert keymap["queue.start"].keys == ("Ctrl+R",)


@pytest.mark.parametrize("action", [a for a in DEFAULT_ACTIONS if a.in_triage
                                    or a.context == Context.TRIAGE], ids=lambda a: a.id)
def test_triage_actions_have_handlers(action: KeyAction) -> None:
    assert callable(getattr(Handlers, action.handler, None))
