"""The SQLite store: statuses, positions and cached translations survive a reopen."""

import pytest

from reader.paths import data_dir
from reader.store import Store


def test_store_lives_in_leesplank_home(leesplank_home):
    store = Store()
    assert store.path == leesplank_home / "leesplank.sqlite3" and data_dir() == leesplank_home
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_everything_survives_a_reopen():
    store = Store()
    store.set_statuses(["kernkop", "vazalstaat"], "known")
    store.set_status("oorlog", "learning")
    store.set_status("vazalstaat", "new")  # back to the default
    store.set_position("article-1", 7)
    store.save_translations("translate-nl_en@1.8", {"Hallo.": "Hello."})
    store.close()
    reopened = Store()
    assert reopened.statuses() == {"kernkop": "known", "oorlog": "learning"}
    assert reopened.position("article-1") == 7 and reopened.position("other") == 0
    assert reopened.cached_translations("translate-nl_en@1.8", ["Hallo.", "Dag."]) == {"Hallo.": "Hello."}
    assert reopened.cached_translations("translate-nl_en@1.9", ["Hallo."]) == {}


def test_unknown_status_is_refused():
    with pytest.raises(ValueError, match="unknown status"):
        Store().set_status("kernkop", "half-known")
