"""The PySide6 window over the core library (import ``readinglist.gui.app`` to start it)."""
