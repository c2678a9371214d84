"""Discovery widgets: related papers, Recommended, Possible duplicates and Insights.

Each is a self-contained ``QWidget`` over a ``Library`` (and optionally a shared core
``Discovery`` and the window's ``Operations``) that does its work off the UI thread and
emits ``paper_activated(int)`` when the user picks a paper.
"""
