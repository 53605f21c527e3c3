"""The one SQLite file holding word statuses, the learner's own glosses, reading positions and the translation cache."""

import os
import re
import shutil
import sqlite3
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from reader.paths import data_dir

STATUSES = ("new", "learning", "known", "ignored")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # never part of a word: a backup holding one was tampered with

SCHEMA = """
CREATE TABLE IF NOT EXISTS word_status (
    lemma TEXT PRIMARY KEY,
    status TEXT NOT NULL CHECK (status IN ('new', 'learning', 'known', 'ignored'))
);
CREATE TABLE IF NOT EXISTS reading_position (
    article TEXT PRIMARY KEY,
    block INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS learner_gloss (
    lemma TEXT PRIMARY KEY,
    gloss TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS translation (
    package TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    PRIMARY KEY (package, source)
);
"""
POSITION_WAIT = 200  # milliseconds a position write waits for a locked store (a mark waits 5 s)
UPSERT_STATUS = ("INSERT INTO word_status (lemma, status) VALUES (?, ?)"
                 " ON CONFLICT (lemma) DO UPDATE SET status = excluded.status")
UPSERT_POSITION = ("INSERT INTO reading_position (article, block) VALUES (?, ?)"
                   " ON CONFLICT (article) DO UPDATE SET block = excluded.block")


class Store:
    """A connection to the store; every write commits at once so an acknowledged change survives a crash."""

    def __init__(self, path: Path | None = None):
        self.path = path or data_dir() / "leesplank.sqlite3"
        self.notice = ""  # what the user must be told about the store, if anything
        self._lock = threading.RLock()  # the UI thread and translation workers share one connection
        self.read_only = False  # the folder cannot be written: changes last only while this store is open
        writable = os.access(self.path.parent, os.W_OK) and (not self.path.exists() or os.access(self.path, os.W_OK))
        try:
            if not writable:
                raise PermissionError(self.path)
            self.db = self._open(self.path)
        except (sqlite3.DatabaseError, PermissionError) as error:
            damaged = "not a database" in str(error) or "malformed" in str(error)
            if damaged:
                rescued = self._rescue(self.path)  # read before the move, through the WAL too
                aside = self.path.with_name(f"{self.path.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
                os.replace(self.path, aside)
                for suffix in ("-wal", "-shm"):
                    Path(f"{self.path}{suffix}").unlink(missing_ok=True)
                self.db = self._open(self.path)
                self.notice = f"the store was damaged; moved it aside to {aside} and started a fresh one"
                words, positions = self._restore(self.db, rescued)
                if words or positions:
                    self.notice += (f", keeping the {words} word statuses and {positions} reading positions "
                                    "that could still be read")
            else:
                self.db = self._read_only_copy(self.path)
                self.read_only = True
                self.notice = f"cannot write to {self.path.parent}: reading works, but progress cannot be saved"

    @staticmethod
    def _open(path: Path) -> sqlite3.Connection:
        """Open (or create) the store file in WAL mode with the schema; a busy timeout lets two apps share it."""
        db = sqlite3.connect(path, timeout=5.0, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")  # a mark the UI acknowledged survives power loss too
            db.executescript(SCHEMA)
            # A damaged page inside a table passes the steps above and would fail at first use (25 ms for 27 MB).
            if db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("database disk image is malformed")
        except sqlite3.Error:
            db.close()
            raise
        return db

    @staticmethod
    def _rescue(path: Path) -> dict:
        """The word statuses and reading positions still readable in a damaged store, as export_data() gives them."""
        found: dict = {"word_status": {}, "reading_position": {}}
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        for table, query in (("word_status", "SELECT lemma, status FROM word_status"),
                             ("reading_position", "SELECT article, block FROM reading_position")):
            try:
                for key, value in db.execute(query):  # row by row: the rows before the damage are kept
                    found[table][key] = value
            except sqlite3.DatabaseError:
                pass
        db.close()
        return found

    @staticmethod
    def _restore(db: sqlite3.Connection, rescued: dict) -> tuple[int, int]:
        """Write rescued statuses and positions (well-formed ones only) into a fresh store; returns how many of each."""
        statuses = [(k, v) for k, v in rescued["word_status"].items() if isinstance(k, str) and v in STATUSES[1:]]
        positions = [(k, v) for k, v in rescued["reading_position"].items() if isinstance(k, str) and type(v) is int]
        with db:
            db.executemany(UPSERT_STATUS, statuses)
            db.executemany(UPSERT_POSITION, positions)
        return len(statuses), len(positions)

    @staticmethod
    def _read_only_copy(path: Path) -> sqlite3.Connection:
        """An in-memory store holding what the unwritable file has, so reading still shows the user's words."""
        db = sqlite3.connect(":memory:", check_same_thread=False)
        if path.is_file():
            # SQLite cannot replay a WAL file on a read-only disk, so read a copy of both files.
            with tempfile.TemporaryDirectory() as folder:
                for suffix in ("", "-wal"):
                    if Path(f"{path}{suffix}").exists():
                        shutil.copyfile(f"{path}{suffix}", Path(folder) / f"copy{suffix}")
                source = sqlite3.connect(Path(folder) / "copy")
                try:
                    source.backup(db)
                    damaged = db.execute("PRAGMA quick_check").fetchone()[0] != "ok"
                except sqlite3.DatabaseError:
                    damaged = True
                source.close()
                if damaged:  # damaged and read-only: keep what can be read
                    db.close()
                    db = sqlite3.connect(":memory:", check_same_thread=False)
                    db.executescript(SCHEMA)
                    Store._restore(db, Store._rescue(Path(folder) / "copy"))
        db.executescript(SCHEMA)
        return db

    @contextmanager
    def _transaction(self):
        """One committed write, never interleaved with another thread's use of the connection."""
        with self._lock, self.db:
            yield self.db

    def _rows(self, sql: str, parameters=()) -> list[tuple]:
        """The rows of one query, read under the lock."""
        with self._lock:
            return self.db.execute(sql, parameters).fetchall()

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    # Word statuses, keyed by lemma.
    def statuses(self) -> dict[str, str]:
        """Every lemma with a status other than the default."""
        return dict(self._rows("SELECT lemma, status FROM word_status"))

    def set_status(self, lemma: str, status: str) -> None:
        """Give a lemma a status; 'new' is the default and removes the row."""
        self.set_statuses([lemma], status)

    def set_statuses(self, lemmas: list[str], status: str) -> None:
        """Give many lemmas one status in a single transaction."""
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}; use one of {', '.join(STATUSES)}")
        with self._transaction() as db:
            if status == "new":
                db.executemany("DELETE FROM word_status WHERE lemma = ?", [(lemma,) for lemma in lemmas])
            else:
                db.executemany(UPSERT_STATUS, [(lemma, status) for lemma in lemmas])

    # The learner's own glosses, keyed by lemma: they win over every other source.
    def learner_glosses(self) -> dict[str, str]:
        """Every lemma the learner glossed, with the gloss."""
        return dict(self._rows("SELECT lemma, gloss FROM learner_gloss"))

    def set_learner_gloss(self, lemma: str, gloss: str) -> None:
        """Store the learner's gloss for a lemma; an empty gloss removes it."""
        with self._transaction() as db:
            if gloss.strip():
                db.execute("INSERT INTO learner_gloss (lemma, gloss) VALUES (?, ?)"
                           " ON CONFLICT (lemma) DO UPDATE SET gloss = excluded.gloss", (lemma, gloss.strip()))
            else:
                db.execute("DELETE FROM learner_gloss WHERE lemma = ?", (lemma,))

    def reset_learner_glosses(self, lemmas: list[str] | None = None) -> int:
        """Remove the learner's glosses of these lemmas (all when None); returns how many were removed."""
        with self._transaction() as db:
            if lemmas is None:
                return db.execute("DELETE FROM learner_gloss").rowcount
            return sum(db.execute("DELETE FROM learner_gloss WHERE lemma = ?", (lemma,)).rowcount for lemma in lemmas)

    # Reading positions, keyed by an article's identity (see Article.key).
    def position(self, article: str) -> int:
        """The block the reader was on, or 0."""
        rows = self._rows("SELECT block FROM reading_position WHERE article = ?", (article,))
        return rows[0][0] if rows else 0

    def set_position(self, article: str, block: int) -> None:
        """Remember the block the reader is on, committed at once (one small write per move); a store locked by
        another program is waited for only briefly, since the next move writes the position again."""
        with self._lock:
            wait = self.db.execute("PRAGMA busy_timeout").fetchone()[0]
            self.db.execute(f"PRAGMA busy_timeout = {min(wait, POSITION_WAIT)}")
            try:
                with self.db:
                    self.db.execute(UPSERT_POSITION, (article, block))
            finally:
                self.db.execute(f"PRAGMA busy_timeout = {wait}")

    # Translation cache, keyed by (package code and version, source sentence).
    def cached_translations(self, package: str, sources: list[str]) -> dict[str, str]:
        """The cached translations among `sources` for one package."""
        found: dict[str, str] = {}
        unique = list(dict.fromkeys(sources))
        for i in range(0, len(unique), 500):
            chunk = unique[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._rows(
                f"SELECT source, target FROM translation WHERE package = ? AND source IN ({marks})",
                (package, *chunk),
            )
            found.update(rows)
        return found

    def save_translations(self, package: str, translations: dict[str, str]) -> None:
        """Cache translations for one package."""
        with self._transaction() as db:
            db.executemany(
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
            "reading_position": dict(self._rows("SELECT article, block FROM reading_position")),
            "learner_gloss": self.learner_glosses(),
        }

    def import_data(self, data: dict) -> tuple[int, int]:
        """Restore statuses and positions from export_data(); returns (words, positions) restored."""
        if not isinstance(data, dict) or data.get("format") != "leesplank-data":
            raise ValueError("not a leesplank data export")
        statuses, positions = data.get("word_status", {}), data.get("reading_position", {})
        if not isinstance(statuses, dict) or not isinstance(positions, dict):
            raise ValueError("word_status and reading_position must be JSON objects")
        if any(status not in STATUSES for status in statuses.values()):
            raise ValueError("the export holds an unknown word status")
        if bad := [lemma for lemma in statuses if not lemma.strip() or CONTROL.search(lemma)]:
            raise ValueError(f"the export holds a word that is empty or has control characters: {bad[0]!r}")
        if any(type(block) is not int or not 0 <= block < 2**31 for block in positions.values()):
            raise ValueError("the export holds a reading position that is not a paragraph number")
        glosses = data.get("learner_gloss", {})
        if not isinstance(glosses, dict) or not all(isinstance(g, str) and g.strip() for g in glosses.values()):
            raise ValueError("learner_gloss must map lemmas to non-empty glosses")
        with self._transaction() as db:
            db.executemany(UPSERT_STATUS, [(lemma, s) for lemma, s in statuses.items() if s != "new"])
            db.executemany(UPSERT_POSITION, list(positions.items()))
            db.executemany("INSERT OR REPLACE INTO learner_gloss (lemma, gloss) VALUES (?, ?)",
                           [(lemma, gloss.strip()) for lemma, gloss in glosses.items()])
        return len(statuses), len(positions)
