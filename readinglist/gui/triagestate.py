"""Where a triage run stands: its papers, the decisions made, the position and the pace.

Plain Python (no widgets), so the stepping rules are easy to test. A run is saved per
source (view and filter) in QSettings as JSON, so leaving triage and coming back, even
after a restart, resumes at the same paper.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from PySide6.QtCore import QSettings

SETTINGS_GROUP = "triage"


@dataclass(frozen=True, slots=True)
class Decision:
    """One decision made in triage, kept to step back when it is undone."""

    paper_id: int
    text: str
    """What was decided, as the view shows it ("Queued", "Rated 4")."""
    label: str
    """The library's undo label for the change, to match Ctrl+Z to the decision."""
    previous: str | None
    """What the paper was marked with before (None when it was undecided)."""
    position: int
    """Where the run stood when the decision was made."""


@dataclass
class TriageRun:
    """Step through papers one at a time, remembering what was decided on each."""

    key: str
    title: str
    ids: list[int]
    decided: dict[int, str] = field(default_factory=dict)
    position: int = 0
    """Index into ids of the paper shown; len(ids) once everything is decided."""
    clock: Callable[[], float] = time.monotonic
    history: list[Decision] = field(default_factory=list)
    undone: list[Decision] = field(default_factory=list)
    made: int = 0
    """Decisions made since this sitting began (for the pace)."""
    active_seconds: float = 0.0
    _since: float | None = None

    # -- where we are ---------------------------------------------------------------------

    def current(self) -> int | None:
        """Return the id of the paper shown, or None at the end."""
        return self.ids[self.position] if 0 <= self.position < len(self.ids) else None

    @property
    def triaged(self) -> int:
        return sum(1 for paper_id in self.ids if paper_id in self.decided)

    @property
    def finished(self) -> bool:
        return self.triaged == len(self.ids)

    def next_undecided(self, start: int) -> int:
        """Return the first undecided index from start on (wrapping), or len(ids) if none."""
        count = len(self.ids)
        for offset in range(count):
            index = (start + offset) % count
            if self.ids[index] not in self.decided:
                return index
        return count

    # -- moving ---------------------------------------------------------------------------

    def decide(self, text: str, label: str) -> None:
        """Mark the paper shown with text and move on to the next undecided paper."""
        paper_id = self.current()
        if paper_id is None:
            return
        self.history.append(Decision(paper_id, text, label, self.decided.get(paper_id),
                                     self.position))
        self.undone.clear()
        self.decided[paper_id] = text
        self.made += 1
        self.position = self.next_undecided(self.position + 1)

    def step(self, delta: int) -> None:
        """Move delta papers forward or back without deciding."""
        if self.ids:
            self.position = min(max(self.position + delta, 0), len(self.ids) - 1)

    def back(self) -> bool:
        """Go back one paper; return False at the first."""
        if self.position <= 0:
            return False
        self.position = min(self.position, len(self.ids)) - 1
        return True

    def go_to(self, paper_id: int) -> None:
        if paper_id in self.ids:
            self.position = self.ids.index(paper_id)

    def undo(self, label: str) -> bool:
        """Take back the newest decision if label is its change; show its paper again."""
        if not self.history or self.history[-1].label != label:
            return False
        decision = self.history.pop()
        self._mark(decision.paper_id, decision.previous)
        self.undone.append(decision)
        self.made = max(self.made - 1, 0)
        self.go_to(decision.paper_id)
        return True

    def redo(self, label: str) -> bool:
        """Make the last undone decision again if label is its change, and move on."""
        if not self.undone or self.undone[-1].label != label:
            return False
        decision = self.undone.pop()
        self._mark(decision.paper_id, decision.text)
        self.history.append(decision)
        self.made += 1
        self.go_to(decision.paper_id)
        self.position = self.next_undecided(self.position + 1)
        return True

    def _mark(self, paper_id: int, text: str | None) -> None:
        if text is None:
            self.decided.pop(paper_id, None)
        else:
            self.decided[paper_id] = text

    # -- pace -----------------------------------------------------------------------------

    def resume_clock(self) -> None:
        """Start counting time (entering triage)."""
        self._since = self.clock()

    def pause_clock(self) -> None:
        """Stop counting time (leaving triage), keeping what was counted."""
        if self._since is not None:
            self.active_seconds += self.clock() - self._since
            self._since = None

    def elapsed(self) -> float:
        running = self.clock() - self._since if self._since is not None else 0.0
        return self.active_seconds + running

    def pace(self) -> float | None:
        """Return papers decided per minute in this sitting (None before there is a pace)."""
        seconds = self.elapsed()
        if self.made < 1 or seconds < 1:
            return None
        return self.made * 60 / seconds

    def minutes_left(self) -> float | None:
        pace = self.pace()
        return None if not pace else (len(self.ids) - self.triaged) / pace

    # -- saving ---------------------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        return {"key": self.key, "ids": self.ids,
                "decided": {str(k): v for k, v in self.decided.items()},
                "current": self.current()}


def settings_name(key: str) -> str:
    """Return the QSettings name for the run over key (any characters allowed in key)."""
    return f"{SETTINGS_GROUP}/{hashlib.sha1(key.encode()).hexdigest()[:16]}"


def save(settings: QSettings, run: TriageRun) -> None:
    settings.setValue(settings_name(run.key), json.dumps(run.state()))


def restore(settings: QSettings, key: str, title: str, fresh: list[int],
            existing: Callable[[Iterable[int]], set[int]]) -> TriageRun:
    """Return the saved run over key brought up to date with fresh ids, or a new run.

    Papers saved earlier stay in their place even when they no longer match (so an Inbox
    run still counts the papers it moved out of the Inbox); deleted papers go; papers
    that match now but did not then join at the end.
    """
    raw = settings.value(settings_name(key), "", str)
    try:
        saved = json.loads(str(raw)) if raw else {}
    except ValueError:
        saved = {}
    if not isinstance(saved, dict) or saved.get("key") != key:
        return TriageRun(key, title, list(fresh))
    old = [int(pid) for pid in saved.get("ids", [])]
    alive = existing(old)
    ids = [pid for pid in old if pid in alive]
    known = set(ids)
    ids += [pid for pid in fresh if pid not in known]
    decided = {int(k): str(v) for k, v in dict(saved.get("decided", {})).items()
               if int(k) in alive}
    run = TriageRun(key, title, ids, decided)
    current = saved.get("current")
    if isinstance(current, int) and current in ids:
        run.go_to(current)
    else:
        run.position = run.next_undecided(0) if ids else 0
    return run


def describe_minutes(minutes: float) -> str:
    """Return "about 5 min" or "about 1 h 20 min"."""
    whole = max(round(minutes), 1)
    hours, rest = divmod(whole, 60)
    if hours:
        return f"about {hours} h {rest} min" if rest else f"about {hours} h"
    return f"about {whole} min"
