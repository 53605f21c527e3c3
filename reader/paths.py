"""Where leesplank keeps its data: platformdirs, or $LEESPLANK_HOME when set."""

import os
from pathlib import Path

import platformdirs


def data_dir() -> Path:
    """The folder for the store and installed models; created on first use."""
    override = os.environ.get("LEESPLANK_HOME")
    path = Path(override) if override else Path(platformdirs.user_data_dir("leesplank", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path
