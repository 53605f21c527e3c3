"""The one SQLite file holding word statuses, reading positions and the translation cache."""

import os
import shutil
import sqlite3
import tempfile
import time
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
UPSERT_STATUS = ("INSERT INTO word_status (lemma, status) VALUES (?, ?)"
                 " ON CONFLICT (lemma) DO UPDATE SET status = excluded.status")
UPSERT_POSITION = ("INSERT INTO reading_position (article, block) VALUES (?, ?)"
                   " ON CONFLICT (article) DO UPDATE SET block = excluded.block")


class Store:
    """A connection to the store; every write commits at once so an acknowledged change survives a crash."""

    def __init__(self, path: Path | None = None):
        self.path = path or data_dir() / "leesplank.sqlite3"
        self.notice = ""  # what the user must be told about the store, if anything
        writable = os.access(self.path.parent, os.W_OK) and (not self.path.exists() or os.access(self.path, os.W_OK))
        try:
            if not writable:
                raise PermissionError(self.path)
            self.db = self._open(self.path)
        except (sqlite3.DatabaseError, PermissionError) as error:
            damaged = "not a database" in str(error) or "malformed" in str(error)
            if damaged:
                aside = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
                os.replace(self.path, aside)
                for suffix in ("-wal", "-shm"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
                self.db = self._open(self.path)
                self.notice = f"the store was damaged; moved it aside to {aside} and started a fresh one"
            else:
                self.db = self._read_only_copy(self.path)
                self.notice = f"cannot write to {self.path.parent}: reading works, but progress cannot be saved"

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        """Open (or create) the store file in WAL mode with the schema; a busy timeout lets two apps share it."""
        db = sqlite3.connect(path, timeout=5.0, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")  # a mark the UI acknowledged survives power loss too
        db.executescript(SCHEMA)
        return db

    @staticmethod
    def _read_only_copy(path: Path) -> sqlite3.Connection:
        """An in-memory store holding what the unwritable file has, so reading still shows the user's words."""
        db = sqlite3.connect(":memory:", check_same_thread=False)
        if path.exists():
            # SQLite cannot replay a WAL file on a read-only disk, so read a copy of both files.
            with tempfile.TemporaryDirectory() as folder:
                for suffix in ("", "-wal"):
                    if Path(f"{path}{suffix}").exists():
                        shutil.copyfile(f"{path}{suffix}", Path(folder) / f"copy{suffix}")
                source = sqlite3.connect(Path(folder) / "copy")
                source.backup(db)
                source.close()
        db.executescript(SCHEMA)
        return db

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
                self.db.executemany(UPSERT_STATUS, [(lemma, status) for lemma in lemmas])

    # Reading positions, keyed by an article's identity (see Article.key).
    def position(self, article: str) -> int:
        """The block the reader was on, or 0."""
        row = self.db.execute("SELECT block FROM reading_position WHERE article = ?", (article,)).fetchone()
        return row[0] if row else 0

    def set_position(self, article: str, block: int) -> None:
        """Remember the block the reader is on."""
        with self.db:
            self.db.execute(UPSERT_POSITION, (article, block))

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

    # Backup: everything the learner made (not the cache, which can be rebuilt) as one JSON document.
    def export_data(self) -> dict:
        """Word statuses and reading positions as a JSON-ready dict."""
        return {
            "format": "leesplank-data",
            "version": 1,
            "word_status": self.statuses(),
            "reading_position": dict(self.db.execute("SELECT article, block FROM reading_position")),
        }

    def import_data(self, data: dict) -> tuple[int, int]:
        """Restore statuses and positions from export_data(); returns (words, positions) restored."""
        if not isinstance(data, dict) or data.get("format") != "leesplank-data":
            raise ValueError("not a leesplank data export")
        statuses, positions = data.get("word_status", {}), data.get("reading_position", {})
        if any(status not in STATUSES for status in statuses.values()):
            raise ValueError("the export holds an unknown word status")
        with self.db:
            self.db.executemany(UPSERT_STATUS, [(lemma, s) for lemma, s in statuses.items() if s != "new"])
            self.db.executemany(UPSERT_POSITION, [(article, int(block)) for article, block in positions.items()])
        return len(statuses), len(positions)
