"""The learner's data: backup and restore, a damaged store, and a data folder that cannot be written."""

import json
import subprocess
import sys

import pytest

from reader.cli import main
from reader.store import Store


def test_export_then_import_on_a_new_machine(tmp_path, monkeypatch, capsys):
    store = Store()
    store.set_statuses(["kernkop", "vazalstaat"], "known")
    store.set_status("dreigement", "learning")
    store.set_position("seed", 12)
    backup = tmp_path / "backup.json"
    assert main(["data", "export", str(backup)]) == 0
    assert json.loads(backup.read_text())["word_status"]["dreigement"] == "learning"

    monkeypatch.setenv("LEESPLANK_HOME", str(tmp_path / "new-machine"))
    assert main(["data", "import", str(backup)]) == 0
    restored = Store()
    assert restored.statuses() == {"kernkop": "known", "vazalstaat": "known", "dreigement": "learning"}
    assert restored.position("seed") == 12
    assert "restored 3 word statuses and 1 reading positions" in capsys.readouterr().out


def test_export_never_overwrites_without_force(tmp_path, capsys):
    backup = tmp_path / "backup.json"
    backup.write_text("mine")
    assert main(["data", "export", str(backup)]) == 2
    assert backup.read_text() == "mine" and "use --force" in capsys.readouterr().err
    assert main(["data", "export", str(backup), "--force"]) == 0
    assert json.loads(backup.read_text())["format"] == "leesplank-data"


@pytest.mark.parametrize("content", ["not json", '{"format": "other"}', '{"format": "leesplank-data", '
                                     '"word_status": {"x": "half"}}'])
def test_import_refuses_what_is_not_an_export(tmp_path, capsys, content):
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    assert main(["data", "import", str(bad)]) == 2
    assert capsys.readouterr().err.startswith("leesplank: cannot import")
    assert Store().statuses() == {}


def test_damaged_store_is_moved_aside_and_replaced(leesplank_home, capsys):
    (leesplank_home / "leesplank.sqlite3").write_bytes(b"this is no database" * 100)
    store = Store()
    assert "moved it aside" in store.notice
    store.set_status("kernkop", "known")
    assert Store().statuses() == {"kernkop": "known"}
    aside = list(leesplank_home.glob("leesplank.sqlite3.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is no database")


def test_read_only_data_folder_still_reads(leesplank_home):
    # Root can write anywhere chmod forbids, so a read-only bind mount (a private mount namespace) stands in.
    Store().set_status("kernkop", "known")
    script = ("from reader.store import Store; s = Store(); print(s.statuses()); "
              "s.set_status('oorlog', 'known'); print(s.notice)")
    command = (f"mount --bind {leesplank_home} {leesplank_home} && mount -o remount,bind,ro {leesplank_home} && "
               f"{sys.executable} -c \"{script}\"")
    result = subprocess.run(["unshare", "-m", "sh", "-c", command], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    statuses, notice = result.stdout.splitlines()
    assert statuses == "{'kernkop': 'known'}"
    assert "progress cannot be saved" in notice
    assert Store().statuses() == {"kernkop": "known"}  # nothing was written behind the learner's back
