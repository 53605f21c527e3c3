"""Shared fixtures: every test gets its own empty data directory."""

from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parent.parent / "seeds" / "nrc-2023-03-kernwapens-wit-rusland.txt"


@pytest.fixture(autouse=True)
def leesplank_home(tmp_path_factory, monkeypatch):
    """Point LEESPLANK_HOME at a fresh temp dir so no test touches the user's data."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("LEESPLANK_HOME", str(home))
    return home
