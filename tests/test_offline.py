"""Offline: every command works without a network, and the one networked command fails fast with a clear line.

tests/test_models.py covers `model install` against a closed port and (with a short timeout) a silent index.
Here: the real command with its real timeout against a silent index and a silent download, and every
command in a network namespace with no network at all. No test sends traffic beyond 127.0.0.1.
"""

import functools
import http.server
import json
import os
import shlex
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from reader import models
from tests.conftest import SEED
from tests.test_models import QuietHandler

BOUND = 30  # seconds a subprocess may take before the test fails; the command's own limit is models.TIMEOUT


class SilentServer:
    """A server on 127.0.0.1 that accepts every connection and never sends a byte."""

    def __init__(self):
        """Listen on a free port and hold every connection it gets."""
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}/"
        self.held: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        """Take connections and keep them open, silent."""
        while True:
            try:
                self.held.append(self.socket.accept()[0])
            except OSError:
                return

    def close(self) -> None:
        """Drop every connection and stop listening."""
        for connection in self.held:
            connection.close()
        self.socket.close()


@pytest.fixture
def silent():
    """A silent server for one test."""
    server = SilentServer()
    yield server
    server.close()


def install(index: str) -> subprocess.Popen:
    """Start `leesplank model install` against an index URL."""
    return subprocess.Popen([sys.executable, "-m", "reader", "model", "install"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, "ARGOS_PACKAGE_INDEX": index})


def test_the_fail_fast_limit_is_within_ten_seconds():
    """The issue's bound: with no network, a command fails within 10 s."""
    assert models.TIMEOUT <= 10


def test_silent_index_and_silent_download_fail_fast_with_the_offline_way(silent, tmp_path):
    """The real command, real timeout: an index that never answers, and an index whose download never answers.
    Both end with one line naming the way to install from a file, and leave nothing behind."""
    folder = tmp_path / "served"
    folder.mkdir()
    entry = {"code": "translate-nl_en", "from_code": "nl", "to_code": "en", "package_version": "1.0",
             "links": [silent.url + "translate-nl_en.argosmodel"]}
    (folder / "index.json").write_text(json.dumps([entry]))
    handler = functools.partial(QuietHandler, directory=str(folder))
    index = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=index.serve_forever, args=(0.05,), daemon=True).start()
    try:
        runs = [install(silent.url), install(f"http://127.0.0.1:{index.server_address[1]}/")]  # side by side
        results = [run.communicate(timeout=BOUND) + (run.returncode,) for run in runs]
    finally:
        index.shutdown()
        index.server_close()
    for (out, err, code), reason in zip(results, ("did not answer within 8 s", "cannot download translate-nl_en (no answer within 8 s)")):
        assert code == 2 and out == "" and "Traceback" not in err
        line = err.splitlines()[-1]  # a progress line may come first when the download starts
        assert line.startswith("leesplank: ") and reason in line, err
        assert line.endswith("run: leesplank model install FILE.argosmodel")
    assert list(models.packages_dir().iterdir()) == []


def without_network(commands: list[list[str]], out: Path) -> list[tuple[int, str, str]]:
    """Run commands in a network namespace of their own: no interface is up, not even loopback."""
    script = []
    for i, command in enumerate(commands):
        line = shlex.join([sys.executable, "-m", "reader", *command])
        script.append(f"{line} </dev/null >{out}/{i}.out 2>{out}/{i}.err; echo $? >{out}/{i}.code")
    subprocess.run(["unshare", "-n", "sh", "-c", "\n".join(script)], check=True, timeout=BOUND * 3)
    return [(int((out / f"{i}.code").read_text()), (out / f"{i}.out").read_text(), (out / f"{i}.err").read_text())
            for i in range(len(commands))]


def test_every_command_works_with_no_network_at_all(copy_model_file, tmp_path):
    """Reading, glossary, translation, export, known words, backups and model files need no network;
    `model install` from the index says at once that it cannot reach it."""
    (tmp_path / "runs").mkdir()
    backup, cards = tmp_path / "backup.json", tmp_path / "kaarten.csv"
    commands = {
        "install file": ["model", "install", str(copy_model_file)],
        "list models": ["model", "list"],
        "article": ["article", str(SEED)],
        "glossary": ["glossary", str(SEED), "--top", "5"],
        "translate": ["translate", str(SEED), "--format", "json"],
        "known add": ["known", "add", "kernkoppen", "vazalstaat"],
        "known list": ["known", "list"],
        "export": ["export", str(SEED), "-o", str(cards)],
        "data export": ["data", "export", str(backup)],
        "data import": ["data", "import", str(backup)],
        "dict status": ["dict", "status"],
        "remove model": ["model", "remove"],
        "install from index": ["model", "install"],
    }
    results = dict(zip(commands, without_network(list(commands.values()), tmp_path / "runs")))
    for name, (code, out, err) in results.items():
        assert "Traceback" not in err, (name, err)
        if name != "install from index":
            assert code == 0, (name, err)
    translated = json.loads(results["translate"][1])
    assert translated["model"] == "translate-nl_en@1.0" and translated["blocks"][0]["translation"]
    assert results["known list"][1] == "kernkop\tknown\nvazalstaat\tknown\n"
    assert cards.read_text(encoding="utf-8").startswith("#separator:tab")
    code, out, err = results["install from index"]
    assert code == 2 and err.startswith("leesplank: cannot reach the package index") and err.count("\n") == 1
