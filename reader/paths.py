"""Where leesplank keeps its data: platformdirs, or $LEESPLANK_HOME when set."""

import os
from pathlib import Path

import platformdirs


def data_dir() -> Path:
    """The folder for the store and installed models; created on first use when it can be."""
    override = os.environ.get("LEESPLANK_HOME")
    path = Path(override) if override else Path(platformdirs.user_data_dir("leesplank", appauthor=False))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # read-only or not a folder: reading still works, and the store says that nothing can be saved
    return path
