"""Model management: install from a file (validated, atomic, zip-slip safe), download from an index, list, remove."""

import functools
import http.server
import json
import shutil
import socket
import threading
import zipfile
from pathlib import Path

import pytest

from reader import models
from reader.cli import main
from reader.errors import UserError
from tests.conftest import rewrite_zip


def package_files(root: Path) -> list[str]:
    """Every path under root, relative, for comparing before and after."""
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def test_install_from_file_lists_and_removes(copy_model_file, capsys):
    """The CLI installs a file into the data dir, lists it as in use, and removes it."""
    assert main(["model", "install", str(copy_model_file)]) == 0
    out = capsys.readouterr().out
    assert "installed translate-nl_en@1.0" in out
    folder = models.packages_dir() / "translate-nl_en-copy"
    assert (folder / "model" / "model.bin").is_file() and (folder / "sentencepiece.model").is_file()
    assert models.packages_dir().parent == models.data_dir()
    assert [p.name for p in models.packages_dir().iterdir()] == ["translate-nl_en-copy"]

    assert main(["model", "list"]) == 0
    listed = capsys.readouterr().out
    assert listed.startswith("translate-nl_en@1.0  nl→en ") and listed.endswith("(in use)\n")

    assert main(["model", "remove"]) == 0
    assert "removed translate-nl_en@1.0" in capsys.readouterr().out
    assert list(models.packages_dir().iterdir()) == []
    assert main(["model", "list"]) == 0
    assert "no translation model installed" in capsys.readouterr().out
    assert main(["model", "remove"]) == 2
    assert capsys.readouterr().err == "leesplank: no translation model is installed\n"


def test_argos_packages_dir_wins_when_set(copy_model_file, tmp_path, monkeypatch):
    """A user's ARGOS_PACKAGES_DIR is where models go."""
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "argos"))
    package = models.install_file(copy_model_file)
    assert package.package_path == tmp_path / "argos" / "translate-nl_en-copy"


def test_reinstall_replaces_and_newest_version_is_used(copy_model_file, tmp_path):
    """Installing the same folder again replaces it; of two versions the newer one is in use."""
    models.install_file(copy_model_file)
    models.install_file(copy_model_file)
    newer = rewrite_zip(copy_model_file, tmp_path / "newer.argosmodel", lambda name, data: (
        name.replace("-copy/", "-copy2/"),
        json.dumps({**json.loads(data), "package_version": "1.10"}).encode() if name.endswith("metadata.json") else data,
    ))
    models.install_file(newer)
    assert [models.package_key(p) for p in models.installed()] == ["translate-nl_en@1.10", "translate-nl_en@1.0"]
    assert models.package_key(models.find_model()) == "translate-nl_en@1.10"
    with pytest.raises(UserError, match="several models are installed"):
        models.remove()
    assert models.package_key(models.remove("translate-nl_en@1.0")) == "translate-nl_en@1.0"
    assert models.package_key(models.remove("translate-nl_en")) == "translate-nl_en@1.10"


def broken_archives(source: Path, tmp: Path) -> dict[str, tuple[Path, str]]:
    """Damaged, wrong and unsafe archives, each with the error it must give."""
    data = source.read_bytes()
    (tmp / "garbage.argosmodel").write_bytes(b"not a zip at all" * 100)
    (tmp / "truncated.argosmodel").write_bytes(data[: len(data) // 2])
    corrupt = bytearray(data)
    with zipfile.ZipFile(source) as zf:  # flip bytes inside model.bin's compressed data
        info = zf.getinfo("translate-nl_en-copy/model/model.bin")
        middle = info.header_offset + 30 + len(info.filename) + info.compress_size // 2
    corrupt[middle : middle + 8] = bytes(b ^ 0xFF for b in corrupt[middle : middle + 8])
    (tmp / "corrupt.argosmodel").write_bytes(bytes(corrupt))

    def metadata(**fields):
        return lambda name, d: (name, json.dumps({**json.loads(d), **fields}).encode() if name.endswith(".json") and "metadata" in name else d)

    return {
        "garbage": (tmp / "garbage.argosmodel", "not a valid .argosmodel file"),
        "truncated": (tmp / "truncated.argosmodel", "not a valid .argosmodel file"),
        "corrupt": (tmp / "corrupt.argosmodel", "damaged"),
        "wrong language": (rewrite_zip(source, tmp / "de.argosmodel", metadata(from_code="de")), "translates de→en"),
        "reversed": (rewrite_zip(source, tmp / "en_nl.argosmodel", metadata(from_code="en", to_code="nl")), "en→nl"),
        "bad metadata": (rewrite_zip(source, tmp / "meta.argosmodel", lambda n, d: (n, b"{oops" if n.endswith("metadata.json") else d)), "unreadable metadata.json"),
        "no model.bin": (rewrite_zip(source, tmp / "nobin.argosmodel", lambda n, d: None if n.endswith("model.bin") else (n, d)), "no translate-nl_en-copy/model/model.bin"),
        "no tokenizer": (rewrite_zip(source, tmp / "notok.argosmodel", lambda n, d: None if n.endswith("sentencepiece.model") else (n, d)), "no tokenizer"),
        "two folders": (rewrite_zip(source, tmp / "two.argosmodel", lambda n, d: [(n, d), ("other/README.md", b"x")] if n.endswith("metadata.json") else (n, d)), "exactly one top-level folder"),
        "parent path": (rewrite_zip(source, tmp / "slip.argosmodel", lambda n, d: [(n, d), ("translate-nl_en-copy/../../evil.txt", b"x")] if n.endswith("metadata.json") else (n, d)), "unsafe path"),
        "absolute path": (rewrite_zip(source, tmp / "abs.argosmodel", lambda n, d: [(n, d), (str(tmp / "evil.txt"), b"x")] if n.endswith("metadata.json") else (n, d)), "unsafe path"),
        "empty": (rewrite_zip(source, tmp / "empty.argosmodel", lambda n, d: None), "is empty"),
    }


def test_bad_archives_are_refused_and_leave_nothing(copy_model_file, tmp_path, capsys):
    """Each broken archive gives one clear line, exit 2, and no file in or outside the packages dir."""
    archives = broken_archives(copy_model_file, tmp_path)
    outside = package_files(tmp_path)
    for case, (path, message) in archives.items():
        assert main(["model", "install", str(path)]) == 2, case
        err = capsys.readouterr().err
        assert err.startswith("leesplank: ") and err.count("\n") == 1 and message in err, (case, err)
        assert list(models.packages_dir().iterdir()) == [], case
    assert package_files(tmp_path) == outside
    assert main(["model", "install", str(tmp_path / "missing.argosmodel")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_a_failed_reinstall_keeps_the_installed_model(copy_model_file, tmp_path):
    """A corrupt file over an installed model leaves the installed one working."""
    models.install_file(copy_model_file)
    before = package_files(models.packages_dir())
    path, _ = broken_archives(copy_model_file, tmp_path)["corrupt"]
    with pytest.raises(UserError):
        models.install_file(path)
    assert package_files(models.packages_dir()) == before


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging each request."""

    def log_message(self, *args) -> None:
        """Keep the test output clean."""


class IndexServer:
    """A package index on 127.0.0.1: index.json pointing at one .argosmodel file."""

    def __init__(self, archive: Path, folder: Path):
        self.folder = folder
        shutil.copy(archive, folder / "nl_en.argosmodel")
        handler = functools.partial(QuietHandler, directory=str(folder))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        entries = [
            {"code": "translate-de_en", "from_code": "de", "to_code": "en", "package_version": "9.0", "links": [self.url + "nope"]},
            {"code": "translate-nl_en", "from_code": "nl", "to_code": "en", "package_version": "1.0",
             "from_name": "Dutch", "to_name": "English", "links": [self.url + "nl_en.argosmodel"]},
        ]
        (folder / "index.json").write_text(json.dumps(entries))
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def close(self):
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def index_server(copy_model_file, tmp_path, monkeypatch):
    """A local index server, set as the index through ARGOS_PACKAGE_INDEX."""
    folder = tmp_path / "served"
    folder.mkdir()
    server = IndexServer(copy_model_file, folder)
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", server.url)
    yield server
    server.close()


def test_download_from_the_index_with_progress(index_server, capsys):
    """`model install` fetches the index, downloads the nl→en package with a progress bar and installs it."""
    assert models.index_url() == index_server.url + "index.json"
    assert main(["model", "install"]) == 0
    captured = capsys.readouterr()
    assert "installed translate-nl_en@1.0" in captured.out
    assert "downloading translate-nl_en [##############################]" in captured.err  # the full bar, off a terminal
    assert [p.name for p in models.packages_dir().iterdir()] == ["translate-nl_en-copy"]


def test_download_reports_bytes(index_server):
    """on_progress sees the bytes grow to the file's size."""
    seen = []
    models.install_from_index(lambda done, total: seen.append((done, total)))
    size = (index_server.folder / "nl_en.argosmodel").stat().st_size
    assert seen[-1] == (size, size) and all(a[0] <= b[0] for a, b in zip(seen, seen[1:]))


def test_a_broken_download_leaves_nothing(index_server):
    """A download that is not a model is refused and its temp file removed."""
    (index_server.folder / "nl_en.argosmodel").write_bytes(b"<html>not found</html>")
    with pytest.raises(UserError, match="not a valid .argosmodel"):
        models.install_from_index()
    assert list(models.packages_dir().iterdir()) == []


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_offline_closed_port_says_how_to_install_from_a_file(monkeypatch, capsys):
    """With nothing listening, install fails with one line naming the offline way."""
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{free_port()}/")
    assert main(["model", "install"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("leesplank: cannot reach the package index") and err.count("\n") == 1
    assert err.endswith("leesplank model install FILE.argosmodel\n")


def test_offline_silent_server_times_out(monkeypatch):
    """A server that accepts and never answers fails after the timeout, with the same hint."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        monkeypatch.setenv("ARGOS_PACKAGE_INDEX", f"http://127.0.0.1:{silent.getsockname()[1]}/")
        with pytest.raises(UserError, match=r"leesplank model install FILE\.argosmodel$"):
            models.install_from_index(timeout=0.3)
    assert list(models.packages_dir().iterdir()) == []


def test_index_without_dutch_is_a_clear_error(index_server):
    """An index with no nl→en entry says so."""
    (index_server.folder / "index.json").write_text("[]")
    with pytest.raises(UserError, match="has no Dutch→English model"):
        models.install_from_index()
