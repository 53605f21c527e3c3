"""Snapshots of the main screen at 120×40 and 80×24, with the copy model installed so the translation has text.

Update them after a deliberate change with `pytest tests/test_tui_snapshots.py --snapshot-update`,
and look at the report (snapshot_report.html) before committing.
"""

import pytest

from reader.article import load
from reader.store import Store
from reader.tui.app import LeesplankApp
from tests.conftest import SEED
from tests.test_tui import settle


def reading(*keys: str):
    """A run_before that waits for the glossary and translations, presses `keys`, and waits again."""

    async def run_before(pilot) -> None:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
def test_main_screen(snap_compare, copy_model, size):
    """The second paragraph, its second sentence selected: hints, translation beside or below, glossary tab."""
    app = LeesplankApp(load(str(SEED)), Store())
    assert snap_compare(app, terminal_size=size, run_before=reading("j", "l", "l"))


def test_main_screen_with_glosses_and_fewer_hints(snap_compare, copy_model):
    """Word Wise glosses after hard words, the slider at level 4, the whole-article tab."""
    app = LeesplankApp(load(str(SEED)), Store())
    assert snap_compare(app, terminal_size=(120, 40), run_before=reading("w", "minus", "t"))
