"""The one SQLite file holding word statuses, reading positions and the translation cache."""

import sqlite3
from pathlib import Path

from reader.paths import data_dir

STATUSES = ("new", "learning", "known", "ignored")

SCHEMA = """
CREATE TABLE IF NOT EXISTS word_status (
    lemma TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('new', 'learning', 'known', 'ignored'))
);
CREATE TABLE IF NOT EXISTS reading_position (
    article TEXT PRIMARY KEY,
    block INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS translation (
    package TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    PRIMARY KEY (package, source)
);
"""


class Store:
    """A connection to the store; every write commits at once so an acknowledged change survives a crash."""

    def __init__(self, path: Path | None = None):
        self.path = path or data_dir() / "leesplank.sqlite3"
        self.db = sqlite3.connect(self.path, timeout=5.0, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    # Word statuses, keyed by lemma.
    def statuses(self) -> dict[str, str]:
        """Every lemma with a status other than the default."""
        return dict(self.db.execute("SELECT lemma, status FROM word_status"))

    def set_status(self, lemma: str, status: str) -> None:
        """Give a lemma a status; 'new' is the default and removes the row."""
        self.set_statuses([lemma], status)

    def set_statuses(self, lemmas: list[str], status: str) -> None:
        """Give many lemmas one status in a single transaction."""
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}; use one of {', '.join(STATUSES)}")
        with self.db:
            if status == "new":
                self.db.executemany("DELETE FROM word_status WHERE lemma = ?", [(lemma,) for lemma in lemmas])
            else:
                self.db.executemany(
                    "INSERT INTO word_status (lemma, status) VALUES (?, ?)"
                    " ON CONFLICT (lemma) DO UPDATE SET status = excluded.status",
                    [(lemma, status) for lemma in lemmas],
                )

    # Reading positions, keyed by an article's identity (see Article.key).
    def position(self, article: str) -> int:
        """The block the reader was on, or 0."""
        row = self.db.execute("SELECT block FROM reading_position WHERE article = ?", (article,)).fetchone()
        return row[0] if row else 0

    def set_position(self, article: str, block: int) -> None:
        """Remember the block the reader is on."""
        with self.db:
            self.db.execute(
                "INSERT INTO reading_position (article, block) VALUES (?, ?)"
                " ON CONFLICT (article) DO UPDATE SET block = excluded.block",
                (article, block),
            )

    # Translation cache, keyed by (package code and version, source sentence).
    def cached_translations(self, package: str, sources: list[str]) -> dict[str, str]:
        """The cached translations among `sources` for one package."""
        found: dict[str, str] = {}
        unique = list(dict.fromkeys(sources))
        for i in range(0, len(unique), 500):
            chunk = unique[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                f"SELECT source, target FROM translation WHERE package = ? AND source IN ({marks})",
                (package, *chunk),
            )
            found.update(rows)
        return found

    def save_translations(self, package: str, translations: dict[str, str]) -> None:
        """Cache translations for one package."""
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO translation (package, source, target) VALUES (?, ?, ?)",
                [(package, source, target) for source, target in translations.items()],
            )
