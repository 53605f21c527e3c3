"""Nothing lost: concurrent writers, kill -9 right after an acknowledged mark, and a store held by another program."""

import fcntl
import json
import os
import pty
import re
import select
import shlex
import signal
import sqlite3
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

from reader.store import Store
from tests.conftest import SEED, memory_limit

TIMEOUT = 60  # seconds; a bound on each subprocess, not a speed goal

# A headless writer: marks words through the Store one action at a time, and prints an acknowledgement line
# after each mark returns, which is when the reader's UI tells the learner that the mark is saved.
WRITER = """
import sys
from reader.store import Store

name, count = sys.argv[1], int(sys.argv[2])
store = Store()
for i in range(count):
    store.set_status(f"{name}-{i}", ("learning", "known", "ignored")[i % 3])
    store.set_status(f"shared-{i % 40}", "known" if name.endswith("a") else "ignored")
    if i % 10 == 9:
        store.set_statuses([f"{name}-batch-{i}-{j}" for j in range(5)], "known")
        store.set_status(f"{name}-{i - 9}", "new")  # an unmark is a write that must stick too
    print(f"ack {i}", flush=True)
"""


def start_writer(name: str, count: int) -> subprocess.Popen:
    """A writer process marking `count` words under `name`."""
    return subprocess.Popen([sys.executable, "-c", WRITER, name, str(count)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def expected_marks(name: str, acknowledged: int) -> dict[str, str]:
    """The statuses the writer `name` stored once it acknowledged its first `acknowledged` marks."""
    marks: dict[str, str] = {}
    for i in range(acknowledged):
        marks[f"{name}-{i}"] = ("learning", "known", "ignored")[i % 3]
        if i % 10 == 9:
            marks.update({f"{name}-batch-{i}-{j}": "known" for j in range(5)})
            marks.pop(f"{name}-{i - 9}")
    return marks


def assert_sound(store_path) -> None:
    """The store file passes SQLite's full integrity check."""
    db = sqlite3.connect(store_path)
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    db.close()


def test_concurrent_writers_corrupt_nothing_and_lose_nothing(leesplank_home):
    """Four processes start together on a store that does not exist yet and mark words as fast as they can."""
    names = ["writer-a", "writer-b", "writer-c", "writer-d"]
    writers = {name: start_writer(name, 150) for name in names}
    for name, writer in writers.items():
        out, err = writer.communicate(timeout=TIMEOUT)
        assert writer.returncode == 0 and err == "", err
        assert out.splitlines()[-1] == "ack 149"
    statuses = Store().statuses()
    for name in names:
        mine = {lemma: status for lemma, status in statuses.items() if lemma.startswith(name + "-")}
        assert mine == expected_marks(name, 150)
    shared = {lemma: status for lemma, status in statuses.items() if lemma.startswith("shared-")}
    assert len(shared) == 40 and set(shared.values()) <= {"known", "ignored"}
    assert_sound(leesplank_home / "leesplank.sqlite3")


def test_concurrent_cli_marks_all_arrive(leesplank_home):
    """Eight `leesplank known add` commands at once, as from several terminals: every word they confirm is stored."""
    words = ["kernkop", "vazalstaat", "dreigement", "afschrikking", "raketlanceersysteem", "wapengekletter",
             "opslagplaats", "spoedvergadering"]
    runs = [subprocess.Popen([sys.executable, "-m", "reader", "known", "add", word], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for word in words]
    confirmed = []
    for run in runs:
        out, err = run.communicate(timeout=TIMEOUT)
        assert run.returncode == 0 and err == "", err
        confirmed.append(out.split("(")[1].rstrip(")\n"))
    assert Store().statuses() == {lemma: "known" for lemma in confirmed}
    assert_sound(leesplank_home / "leesplank.sqlite3")


def test_kill_9_right_after_acknowledged_marks_loses_none(leesplank_home):
    """A writer killed with SIGKILL mid-stream: after a restart every mark it acknowledged is in the store."""
    for round_ in range(3):  # a few rounds, each killed at a different moment
        name = f"round{round_}"
        writer = start_writer(name, 100_000)
        for line in writer.stdout:
            if int(line.split()[1]) >= 40 + 37 * round_:
                break
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait(timeout=TIMEOUT)
        assert writer.returncode == -signal.SIGKILL
        rest = writer.stdout.read().splitlines()  # acknowledged before the kill, still in the pipe
        acknowledged = int((rest[-1] if rest else line).split()[1]) + 1
        statuses = Store().statuses()
        mine = {lemma: status for lemma, status in statuses.items() if lemma.startswith(name + "-")}
        # Every acknowledged mark is there; beyond them, only the marks of the one step in flight.
        done, in_flight = expected_marks(name, acknowledged), expected_marks(name, acknowledged + 1)
        assert mine.items() >= done.items()
        assert mine.items() <= done.items() | in_flight.items()
        assert_sound(leesplank_home / "leesplank.sqlite3")


def test_a_store_held_by_another_program_is_one_clear_line(leesplank_home):
    """A program holding a write lock past the busy timeout: reading still works, marking fails with one line."""
    Store().set_status("kernkop", "known")
    holder = sqlite3.connect(leesplank_home / "leesplank.sqlite3", isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO word_status VALUES ('vastgehouden', 'known')")
    try:
        listing = subprocess.run([sys.executable, "-m", "reader", "known", "list"], capture_output=True, text=True,
                                 timeout=TIMEOUT)
        assert listing.returncode == 0 and listing.stdout == "kernkop\tknown\n"  # WAL: readers never wait
        marking = subprocess.run([sys.executable, "-m", "reader", "known", "add", "oorlog"], capture_output=True,
                                 text=True, timeout=TIMEOUT)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert marking.returncode == 2 and "Traceback" not in marking.stderr
    assert marking.stderr == "leesplank: the store is unavailable (database is locked); try again\n"
    assert Store().statuses() == {"kernkop": "known"}


def test_a_short_lock_is_waited_out(leesplank_home):
    """A lock held for a moment (another instance saving a batch of translations) only delays a mark."""
    Store().set_status("kernkop", "known")
    holder = sqlite3.connect(leesplank_home / "leesplank.sqlite3", isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    release = threading.Timer(1.0, lambda: holder.execute("COMMIT"))
    release.start()
    marking = subprocess.run([sys.executable, "-m", "reader", "known", "add", "oorlog"], capture_output=True,
                             text=True, timeout=TIMEOUT)
    release.join()
    holder.close()
    assert marking.returncode == 0, marking.stderr
    assert Store().statuses() == {"kernkop": "known", "oorlog": "known"}


def test_a_full_disk_loses_no_earlier_mark(leesplank_home, tmp_path):
    """The data folder on a 300 kB disk (a tmpfs in a private mount namespace): an import too big for it fails
    with one line, and the marks made before it are all still there."""
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps({"format": "leesplank-data", "word_status": {f"woord{i}": "known" for i in range(100_000)}}))
    leesplank = shlex.join([sys.executable, "-m", "reader"])
    script = (f"mount -t tmpfs -o size=300k tmpfs {leesplank_home} || exit 1\n"
              f"{leesplank} known add kernkoppen vazalstaat >/dev/null || exit 1\n"
              f"{leesplank} data import {backup} 2>{tmp_path}/import.err; echo $? >{tmp_path}/import.code\n"
              f"{leesplank} known list >{tmp_path}/list.out")
    subprocess.run(["unshare", "-m", "sh", "-c", script], check=True, timeout=TIMEOUT)
    assert (tmp_path / "import.code").read_text() == "2\n"
    assert (tmp_path / "import.err").read_text() == (
        "leesplank: the store is unavailable (database or disk is full); try again\n")
    assert (tmp_path / "list.out").read_text() == "kernkop\tknown\nvazalstaat\tknown\n"


# The reader itself, in a pseudo-terminal.
ESCAPES = re.compile(rb"\x1b(?:\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])")


class Terminal:
    """The real reader (`python -m reader ...`) in a 120×40 pseudo-terminal: keys in, the screen's text out."""

    def __init__(self, *args: str, stdin: Path | None = None, columns: int = 120, rows: int = 40,
                 memory: int | None = None):
        """Start the reader with `args` under TERM=xterm-256color; `stdin`: a file instead of the terminal;
        `memory`: a cap on its address space in MB."""
        env = {**os.environ, "TERM": "xterm-256color"}
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: become the reader at once
            try:
                if memory is not None:
                    memory_limit(memory)()
                if stdin is not None:
                    os.dup2(os.open(stdin, os.O_RDONLY), 0)
                os.execve(sys.executable, [sys.executable, "-m", "reader", *args], env)
            finally:
                os._exit(127)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.output = b""

    def text(self, since: int = 0) -> str:
        """Everything drawn so far (from byte `since` of the output on), without the escape sequences."""
        return ESCAPES.sub(b"", self.output[since:]).decode("utf-8", "replace")

    def read(self, seconds: float) -> None:
        """Collect what the reader draws for a while."""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            if select.select([self.fd], [], [], min(left, 0.05))[0]:
                try:
                    self.output += os.read(self.fd, 1 << 16)
                except OSError:  # the reader is gone
                    return

    def press(self, keys: str) -> None:
        """Type keys (\\t for Tab, \\x1b[B for down)."""
        os.write(self.fd, keys.encode())

    def wait_for(self, pattern: str, seconds: float = TIMEOUT, every: str = "", since: int = 0) -> re.Match:
        """Read until `pattern` appears on screen, in what was drawn from byte `since` of the output on
        (typing `every` each second meanwhile, when given)."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            found = re.search(pattern, self.text(since))
            if found:
                return found
            if every:
                self.press(every)
            self.read(1.0 if every else 0.2)
        raise AssertionError(f"{pattern!r} never appeared; the screen ended with:\n{self.text()[-3000:]}")

    def exit_status(self, seconds: float = TIMEOUT) -> int | None:
        """Wait for the reader to end by itself; its wait status, or None when it is still running."""
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.pid = 0
                return status
            self.read(0.1)
        return None

    def kill(self) -> int:
        """Kill the reader with SIGKILL (as a crash would) unless it has ended; returns its wait status."""
        status = 0
        if self.pid:
            os.kill(self.pid, signal.SIGKILL)
            status = os.waitpid(self.pid, 0)[1]
            self.pid = 0
        os.close(self.fd)
        return status


def acknowledged(screen: Terminal, status: str) -> list[str]:
    """The lemmas the reader has told the learner it marked with `status`, in order."""
    return list(dict.fromkeys(re.findall(rf"(\w[\w'-]*): {status}\b", screen.text())))


def test_kill_9_of_the_reader_right_after_marks_loses_none(leesplank_home):
    """In the real reader, mark terms known with K; as soon as the screen acknowledges the marks, kill -9.
    After the restart every acknowledged mark is in the store."""
    screen = Terminal(str(SEED))
    try:
        screen.wait_for("Whole article")  # the first paint
        screen.press("\t")  # from the article to the term list
        screen.wait_for(r"\w: known", every="K")  # K until the glossary is built and the first mark is shown
        first = acknowledged(screen, "known")[0]
        screen.press("\x1b[B")  # the next term
        screen.read(0.3)
        screen.press("K")
        screen.wait_for(rf"(?<![\w'-])(?!{re.escape(first)}:)\w[\w'-]*: known")
        marked = acknowledged(screen, "known")
    finally:
        status = screen.kill()
    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
    assert len(marked) == 2, marked
    assert Store().statuses() == {lemma: "known" for lemma in marked}
    assert_sound(leesplank_home / "leesplank.sqlite3")
