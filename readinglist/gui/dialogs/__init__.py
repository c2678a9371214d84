"""Dialogs: import progress and summary, tag prompt, errors."""
