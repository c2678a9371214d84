"""Work around PySide6 6.12.0 dropping references to None on Python 3.11.

PySide6 6.12.0 hands back ``None`` without a new reference from every void method
(``painter.save()``, ``widget.setWindowTitle(...)``) and from empty QVariants
(``index.data(role)`` with no value). On Python 3.12+ None is immortal and nothing
happens; on 3.11 its reference count falls with each call until the interpreter aborts with
"Fatal Python error: none_dealloc" (after a few minutes of painting, or at exit). PySide6
6.11.3 does not have the bug. Until the dependency excludes 6.12.0, give None, True and
False counts so large that they can never reach zero, as 3.12 does.
"""

from __future__ import annotations

import ctypes
import sys

_MARGIN = 1 << 40


def protect_singletons() -> None:
    """Make None, True and False effectively immortal on Python before 3.12 (idempotent)."""
    if sys.version_info >= (3, 12):
        return
    for singleton in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt is the first field
        if count.value < _MARGIN:
            count.value += _MARGIN
