"""Model management: install from a file (validated, atomic, zip-slip safe), download from an index, list, remove."""

import functools
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import warnings
import zipfile
from pathlib import Path

import pytest

from reader import models
from reader.cli import main
from reader.errors import UserError
from tests.conftest import SEED, rewrite_zip


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
    """Serves files without logging each request; like some real servers, refuses urllib's default User-Agent."""

    agents: list[str] = []

    def do_GET(self) -> None:
        """Record the User-Agent; HTTP 403 for Python-urllib's."""
        agent = self.headers.get("User-Agent", "")
        QuietHandler.agents.append(agent)
        if agent.startswith("Python-urllib"):
            self.send_error(403)
            return
        super().do_GET()

    def log_message(self, *args) -> None:
        """Keep the test output clean."""


class IndexServer:
    """A package index on 127.0.0.1: index.json pointing at one .argosmodel file."""

    def __init__(self, archive: Path, folder: Path, version: str = "1.0"):
        self.folder = folder
        shutil.copy(archive, folder / "nl_en.argosmodel")
        handler = functools.partial(QuietHandler, directory=str(folder))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        entries = [
            {"code": "translate-de_en", "from_code": "de", "to_code": "en", "package_version": "9.0", "links": [self.url + "nope"]},
            {"code": "translate-nl_en", "from_code": "nl", "to_code": "en", "package_version": version,
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
    assert QuietHandler.agents[-2:] == [models.USER_AGENT] * 2  # the index and the file


@pytest.mark.parametrize("index_version, shown", [("1.9", "1.9"), ("0.9", "1.0")])
def test_index_and_file_disagreeing_on_the_version_use_the_newer(copy_model_file, tmp_path, monkeypatch, capsys,
                                                                  index_version, shown):
    """The index says one version, the file's metadata another: the newer one is used, and `model list` says so."""
    (tmp_path / "served").mkdir()
    server = IndexServer(copy_model_file, tmp_path / "served", version=index_version)
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", server.url)
    try:
        assert main(["model", "install"]) == 0
    finally:
        server.close()
    assert f"installed translate-nl_en@{shown}" in capsys.readouterr().out
    assert main(["model", "list"]) == 0
    listed = capsys.readouterr().out
    assert listed.startswith(f"translate-nl_en@{shown}  nl→en ")
    assert listed.rstrip().endswith(f"(in use)  (version {shown} in use: the package index says {index_version}, "
                                    "the file says 1.0)")
    from reader.translate import Translator

    assert Translator().cache_key == f"translate-nl_en@{shown}/decoder2"


def test_a_download_whose_name_lookup_hangs_gives_up(index_server, monkeypatch):
    """A link whose host name never resolves (a dead DNS server) fails within the time limit, not never."""
    entries = json.loads((index_server.folder / "index.json").read_text())
    entries[1]["links"] = ["http://lookup-hangs.invalid/nl_en.argosmodel"]
    (index_server.folder / "index.json").write_text(json.dumps(entries))
    never = threading.Event()
    real_lookup = socket.getaddrinfo

    def lookup(host, *args, **kwargs):
        if host == "lookup-hangs.invalid":
            never.wait()  # a resolver that never answers; set at the end so the thread ends
        return real_lookup(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    outcome = {}

    def install() -> None:
        try:
            models.install_from_index(timeout=0.5)
        except UserError as error:
            outcome["error"] = str(error)

    worker = threading.Thread(target=install, daemon=True)
    worker.start()
    worker.join(30)  # a guard against a hang, not a timing assert
    never.set()
    assert not worker.is_alive() and "no answer within 0.5 s" in outcome["error"]
    assert list(models.packages_dir().iterdir()) == []


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


def run_leesplank(*args: str, env: dict, memory: int | None = None) -> subprocess.CompletedProcess:
    """The real command in a child, with its own environment and, when given, an address-space limit in bytes."""
    def limit() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True, text=True, env=env,
                          timeout=120, preexec_fn=limit if memory else None)


def test_argos_packages_dir_from_argos_settings_json(copy_model_file, tmp_path):
    """ARGOS_PACKAGES_DIR in argostranslate's settings.json is where models go, as argos itself does."""
    config = tmp_path / "config" / "argos-translate"
    config.mkdir(parents=True)
    (config / "settings.json").write_text(json.dumps({"ARGOS_PACKAGES_DIR": str(tmp_path / "shared")}))
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")}
    env.pop("ARGOS_PACKAGES_DIR", None)
    result = run_leesplank("model", "install", str(copy_model_file), env=env)
    assert result.returncode == 0 and str(tmp_path / "shared" / "translate-nl_en-copy") in result.stdout
    assert [p.name for p in (tmp_path / "shared").iterdir()] == ["translate-nl_en-copy"]
    assert "(in use)" in run_leesplank("model", "list", env=env).stdout


def test_an_unwritable_home_is_one_clear_line(copy_model_file, tmp_path):
    """argostranslate creates folders in $HOME when imported: a HOME that cannot hold them is one line, exit 2."""
    (tmp_path / "a-file").write_text("not a folder")
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env["HOME"] = str(tmp_path / "a-file" / "home")
    for args in (["model", "list"], ["model", "install", str(copy_model_file)], ["model", "remove"]):
        result = run_leesplank(*args, env=env)
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert result.stderr.startswith("leesplank: argostranslate cannot create ") and result.stderr.count("\n") == 1


# Hostile packages (issue #18, items 6-9).
def with_metadata(source: Path, target: Path, **fields) -> Path:
    """A copy of an archive whose metadata.json has `fields` changed."""
    return rewrite_zip(source, target, lambda name, data: (name, json.dumps({**json.loads(data), **fields}).encode())
                       if name.endswith("metadata.json") else (name, data))


def test_a_package_that_does_not_load_never_replaces_a_working_one(copy_model_file, tmp_path):
    """Garbage model.bin with intact checksums (and a higher version), or two model.bin entries: refused, and the
    working model stays installed and in use."""
    models.install_file(copy_model_file)
    before = package_files(models.packages_dir())
    higher = with_metadata(copy_model_file, tmp_path / "higher.argosmodel", package_version="9.0")
    garbage = rewrite_zip(higher, tmp_path / "garbage.argosmodel", lambda name, data: (
        name.replace("-copy/", "-copy9/"), b"\0garbage" * 1000 if name.endswith("model.bin") else data))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate name it is asked to write
        twice = rewrite_zip(higher, tmp_path / "twice.argosmodel", lambda name, data: [
            (name, data), (name, b"\0garbage")] if name.endswith("model.bin") else (name, data))
    for path, message in ((garbage, "does not load"), (twice, "model/model.bin twice")):
        with pytest.raises(UserError, match=message):
            models.install_file(path)
        assert package_files(models.packages_dir()) == before
        assert models.package_key(models.find_model()) == "translate-nl_en@1.0"


def test_a_package_that_fails_to_load_is_never_chosen(copy_model_file, tmp_path):
    """A newer package damaged after it was installed: the translator uses the one that loads."""
    models.install_file(copy_model_file)
    v2 = with_metadata(copy_model_file, tmp_path / "v2.argosmodel", package_version="2.0")
    broken = models.install_file(rewrite_zip(v2, tmp_path / "v2-folder.argosmodel",
                                             lambda name, data: (name.replace("-copy/", "-copy2/"), data)))
    (broken.package_path / "model" / "model.bin").write_bytes(b"\0garbage" * 1000)
    from reader.translate import Translator

    translator = Translator()
    assert translator.key == "translate-nl_en@2.0"
    assert translator.translate(["Dit is een test."]) == {"Dit is een test.": "Dit is een test."}
    assert translator.key == "translate-nl_en@1.0" and translator.cache_key.startswith("translate-nl_en@1.0/")


def hostile_metadata(source: Path, tmp: Path) -> dict[str, tuple[Path, str]]:
    """Archives whose metadata.json is of the wrong encoding, depth or types, each with the message it must give."""
    def metadata_bytes(path: Path, make):
        return rewrite_zip(source, tmp / path, lambda name, data: (name, make(json.loads(data)))
                           if name.endswith("metadata.json") else (name, data))

    return {
        "utf-16": (metadata_bytes(Path("utf16.argosmodel"), lambda m: json.dumps(m).encode("utf-16")), "not UTF-8"),
        "deep": (metadata_bytes(Path("deep.argosmodel"), lambda m: b"[" * 100_000 + b"]" * 100_000), "nested too deeply"),
        "list prefix": (with_metadata(source, tmp / "prefix.argosmodel", target_prefix=["__en__"]),
                        "target_prefix in metadata.json must be text, not list"),
        "number version": (with_metadata(source, tmp / "number.argosmodel", package_version=1.8),
                           "package_version in metadata.json must be text"),
        "dict code": (with_metadata(source, tmp / "code.argosmodel", code={"a": 1}), "code in metadata.json must be text"),
        "links": (with_metadata(source, tmp / "links.argosmodel", links="http://x"), "links in metadata.json must be a list"),
    }


@pytest.mark.parametrize("case", ["utf-16", "deep", "list prefix", "number version", "dict code", "links"])
def test_malformed_metadata_is_one_clear_line(copy_model_file, tmp_path, case, capsys):
    """Every field argostranslate reads is checked for its type; one line, exit 2, nothing installed."""
    path, message = hostile_metadata(copy_model_file, tmp_path)[case]
    assert main(["model", "install", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("leesplank: ") and err.count("\n") == 1 and message in err, err
    assert list(models.packages_dir().iterdir()) == []


def test_a_hand_placed_package_with_a_list_prefix_is_not_used(copy_model_file, tmp_path, capsys):
    """Metadata broken after installing (or by another tool) makes the folder no package, not a traceback."""
    package = models.install_file(copy_model_file)
    metadata = json.loads((package.package_path / "metadata.json").read_text())
    (package.package_path / "metadata.json").write_text(json.dumps({**metadata, "target_prefix": ["__en__"]}))
    assert main(["translate", str(SEED)]) == 0
    assert "no translation model installed" in capsys.readouterr().err


def test_text_from_a_package_reaches_the_terminal_clean(copy_model_file, tmp_path, capsys):
    """Escape sequences and newlines in metadata and folder names are stripped from everything printed."""
    evil = "\x1b]0;pwned\x07\x1b[2J"
    path = rewrite_zip(copy_model_file, tmp_path / "evil.argosmodel", lambda name, data: (
        name.replace("translate-nl_en-copy/", f"translate-nl_en{evil}/"),
        json.dumps({**json.loads(data), "code": f"translate-nl_en{evil}", "package_version": "1.0\nfake: line"}).encode()
        if name.endswith("metadata.json") else data))
    assert main(["model", "install", str(path)]) == 0
    assert main(["model", "list"]) == 0
    assert main(["model", "remove"]) == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) == 3 and all(ch == "\n" or ch.isprintable() for ch in out), repr(out)
    assert "installed translate-nl_en]0;pwned[2J@1.0 fake: line in " in out


def test_a_dot_folder_package_is_refused(copy_model_file, tmp_path, capsys):
    """A package folder starting with '.' would be invisible to `model list` and `model remove`."""
    path = rewrite_zip(copy_model_file, tmp_path / "dot.argosmodel",
                       lambda name, data: (name.replace("translate-nl_en-copy/", ".hidden/"), data))
    assert main(["model", "install", str(path)]) == 2
    assert "starts with '.'" in capsys.readouterr().err
    assert list(models.packages_dir().iterdir()) == []
