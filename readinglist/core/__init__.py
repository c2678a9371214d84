"""The Qt-free core: storage, importers, exporters, search and undoable commands."""
