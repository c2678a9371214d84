"""Widgets of the main window: sidebar, paper list, abstract pane, filter bar, status bar."""
