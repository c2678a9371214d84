"""Triage mode: go through the Inbox (or the current view and filter) one paper at a time.

The paper keys of the keymap (q, s, r, 0 to 5, t, …) are also live on the triage page; the
handlers send them to the paper shown and report the decision here, which moves on to the
next undecided paper. Ctrl+Z undoes the change in the library and steps back to its paper.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from readinglist.core.errors import ReadingListError
from readinglist.gui import triagestate
from readinglist.gui.views import ALL, combine
from readinglist.gui.widgets.triageview import Progress

if TYPE_CHECKING:
    from collections.abc import Iterable

    from readinglist.core.changes import Changes
    from readinglist.gui.mainwindow import MainWindow
    from readinglist.gui.triagestate import TriageRun
    from readinglist.gui.widgets.triageview import TriageView

INBOX_QUERY = "status:inbox"
# (action id, the word the footer shows); the keys come from the keymap.
HINTS = (("paper.queue", "queue"), ("paper.skip", "skip"), ("paper.read", "read"),
         ("paper.rate.*", "rate"), ("paper.tag", "tag"), ("triage.back", "back"),
         ("edit.undo", "undo"), ("view.focus_list", "leave"))


class TriageMode(QObject):
    """Enter and leave triage, and keep the run and its page in step."""

    def __init__(self, window: MainWindow, view: TriageView) -> None:
        super().__init__(window)
        self.window = window
        self.view = view
        self.run: TriageRun | None = None

    @property
    def active(self) -> bool:
        return self.run is not None and self.window.central_stack.currentWidget() is self.view

    # -- entering and leaving -------------------------------------------------------------

    def toggle(self) -> None:
        if self.active:
            self.leave()
        else:
            self.enter()

    def enter(self) -> None:
        """Start (or resume) triage over the Inbox, or over what the list shows."""
        window = self.window
        window.detail.flush()
        key, title, query = self._source()
        try:
            fresh = window.library.search(query).ids
            listed = window.list.list_view.ids
            if listed is not None:
                allowed = set(listed)
                fresh = [pid for pid in fresh if pid in allowed]
            run = triagestate.restore(window.settings, key, title, list(fresh), self._existing)
        except ReadingListError as error:
            window.say(str(error))
            return
        self.run = run
        run.resume_clock()
        window.central_stack.setCurrentWidget(self.view)
        self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.render()
        window.say(f"Triage: {title}. {self._hint_sentence()}")

    def leave(self) -> None:
        """Go back to the list, with the paper last shown selected when it is listed."""
        run = self.run
        if run is None:
            return
        run.pause_clock()
        self.save()
        window = self.window
        window.central_stack.setCurrentWidget(window.splitter)
        current = run.current()
        if current is not None and window.model.row_of(current) is not None:
            window.paper_view.select_ids([current], current, 0)
        window.paper_view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        window.say(f"Left triage: {run.triaged:,} of {len(run.ids):,} triaged.")

    def save(self) -> None:
        if self.run is not None:
            triagestate.save(self.window.settings, self.run)

    # -- what the handlers call -----------------------------------------------------------

    def current_ids(self) -> list[int]:
        current = self.run.current() if self.run is not None else None
        return [current] if current is not None else []

    def decided(self, text: str) -> None:
        """Record the decision just saved on the paper shown and move to the next one."""
        if self.run is None:
            return
        try:
            label = self.window.library.history_labels()[0] or ""
        except ReadingListError:
            label = ""
        self.run.decide(text, label)
        self._moved()

    def step(self, delta: int) -> None:
        if self.run is not None:
            self.run.step(delta)
            self._moved()

    def back(self) -> None:
        if self.run is not None and not self.run.back():
            self.window.say("This is the first paper.")
        self._moved()

    def undone(self, label: str) -> None:
        """Step back to the paper whose decision Ctrl+Z just took back."""
        if self.run is not None and self.run.undo(label):
            self._moved()

    def redone(self, label: str) -> None:
        if self.run is not None and self.run.redo(label):
            self._moved()

    def library_did_change(self, changes: Changes, _message: str) -> None:
        if self.active and changes:
            self.render()

    # -- showing --------------------------------------------------------------------------

    def render(self) -> None:
        run = self.run
        if run is None:
            return
        pace = run.pace()
        left = run.minutes_left()
        if pace is None:
            pace_text = "Pace shows after the first decision"
        elif left is None or run.finished:
            pace_text = f"{pace:.1f} papers/min"
        else:
            pace_text = f"{pace:.1f} papers/min · {triagestate.describe_minutes(left)} left"
        position = min(run.position + 1, len(run.ids))
        self.view.show_progress(Progress(run.title, run.triaged, len(run.ids), position,
                                         pace_text))
        self.view.set_hints(self._hints())
        current = run.current()
        if current is None:
            self.view.show_done(len(run.ids))
            return
        try:
            paper = self.window.library.detail(current)
        except (ReadingListError, IndexError):
            self.view.show_done(len(run.ids))
            return
        self.view.show_paper(paper, run.decided.get(current, ""))

    def _moved(self) -> None:
        self.save()
        self.render()

    def _source(self) -> tuple[str, str, str]:
        """Return the key, title and query of what to triage."""
        list_ctl = self.window.list
        text = list_ctl.text.strip()
        view = list_ctl.list_view
        if view.key == ALL and not text:
            return "status:inbox", "Inbox", INBOX_QUERY
        title = f"{view.title}, “{text}”" if text else view.title
        return f"{view.key}|{text}", title, combine(view.query, text)

    def _existing(self, ids: Iterable[int]) -> set[int]:
        return {row.id for row in self.window.library.rows(list(ids))}

    def _hints(self) -> list[tuple[str, str]]:
        keymap = self.window.keymap
        hints = []
        for action_id, word in HINTS:
            if action_id == "paper.rate.*":
                if keymap["paper.rate.0"].keys and keymap["paper.rate.5"].keys:
                    hints.append((f"{keymap['paper.rate.0'].keys[0]}\N{EN DASH}"
                                  f"{keymap['paper.rate.5'].keys[0]}", word))
                continue
            keys = keymap[action_id].keys
            if keys:
                hints.append((_short(keys[0]), word))
        return hints

    def _hint_sentence(self) -> str:
        return ", ".join(f"{keys} {word}" for keys, word in self._hints()) + "."


def _short(key: str) -> str:
    return {"Backspace": "⌫", "Esc": "Esc", "Ctrl+Z": "Ctrl+Z"}.get(key, key)
