"""Argos translation packages: find, download, install (validated, atomic), list and remove.

Uses `argostranslate.package` for package metadata and argostranslate's settings for the index URL, and
honours its ARGOS_PACKAGES_DIR; never `install_from_path` (it imports stanza) nor `argostranslate.translate`.
"""

import http.client
import json
import os
import tempfile
import threading
import urllib.error
import urllib.request
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import Callable

from reader.errors import UserError
from reader.paths import data_dir

FROM_CODE, TO_CODE = "nl", "en"
INDEX_PACKAGE = "translate-nl_en"
DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
INSTALL_COMMAND = "leesplank model install"
TIMEOUT = 8.0  # seconds without an answer before we call the network unreachable
CHUNK = 1 << 16
OFFLINE_HINT = (
    f"download {INDEX_PACKAGE}.argosmodel on another machine "
    f"and run: {INSTALL_COMMAND} FILE.argosmodel"
)


def packages_dir() -> Path:
    """Where packages are installed: $ARGOS_PACKAGES_DIR when the user set it, else inside leesplank's data dir."""
    chosen = os.environ.get("ARGOS_PACKAGES_DIR")
    path = Path(chosen) if chosen else data_dir() / "packages"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # a read-only data folder holds no models; installing says why it cannot write there
    return path


def index_url() -> str:
    """The package index: ARGOS_PACKAGE_INDEX (environment or argostranslate's settings.json) or Argos's own."""
    from argostranslate import settings

    base = settings.get_setting("ARGOS_PACKAGE_INDEX", DEFAULT_INDEX)
    return base if base.endswith(".json") else base.rstrip("/") + "/index.json"


def package_key(package) -> str:
    """The cache key of a package: its code and version, e.g. translate-nl_en@1.8."""
    return f"{package_code(package)}@{package.package_version}"


def package_code(package) -> str:
    """A package's code, e.g. translate-nl_en (older metadata has none, so derive it as argospm does)."""
    from argostranslate.package import argospm_package_name

    return package.code or argospm_package_name(package)


def installed() -> list:
    """Every installed package (argostranslate `Package`), newest version first."""
    from argostranslate.package import Package

    packages = []
    root = packages_dir()
    for folder in sorted(root.iterdir()) if root.is_dir() else []:
        # Dot folders are our own installs and removals in progress.
        if folder.is_dir() and not folder.name.startswith(".") and (folder / "metadata.json").is_file():
            try:
                packages.append(Package(folder))
            except (OSError, ValueError):
                continue  # a damaged folder is not a package; `model remove` can still delete it
    return sorted(packages, key=version, reverse=True)


def version(package):
    """A package's version for comparing; unparseable versions count as 0."""
    from packaging.version import InvalidVersion, Version

    try:
        return Version(package.package_version or "0")
    except InvalidVersion:
        return Version("0")


def find_model():
    """The newest installed Dutch→English package, or None."""
    return next((p for p in installed() if (p.from_code, p.to_code) == (FROM_CODE, TO_CODE)), None)


def validate(archive: zipfile.ZipFile, name: str) -> str:
    """Check an .argosmodel zip before anything is written; return its one top-level folder."""
    entries = archive.infolist()
    if not entries:
        raise UserError(f"{name} is empty; it is not an Argos model")
    tops = set()
    for entry in entries:
        parts = PurePosixPath(entry.filename.replace("\\", "/")).parts
        if not parts or entry.filename.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
            raise UserError(f"{name} holds an unsafe path ({entry.filename}); refusing to install it")
        tops.add(parts[0])
    if len(tops) != 1:
        raise UserError(f"{name} must hold exactly one top-level folder, not {len(tops)}")
    top = tops.pop()
    names = {entry.filename.rstrip("/") for entry in entries}
    if f"{top}/metadata.json" not in names:
        raise UserError(f"{name} has no {top}/metadata.json; it is not an Argos model")
    try:
        metadata = json.loads(archive.read(f"{top}/metadata.json"))
    except (ValueError, zipfile.BadZipFile, OSError) as error:
        raise UserError(f"{name}: unreadable metadata.json ({error})") from None
    if not isinstance(metadata, dict):
        raise UserError(f"{name}: metadata.json is not a JSON object")
    pair = (metadata.get("from_code"), metadata.get("to_code"))
    if pair != (FROM_CODE, TO_CODE):
        raise UserError(f"{name} translates {pair[0]}→{pair[1]}; leesplank needs a Dutch→English (nl→en) model")
    if f"{top}/model/model.bin" not in names:
        raise UserError(f"{name} has no {top}/model/model.bin; it is not a CTranslate2 Argos model")
    if not names & {f"{top}/sentencepiece.model", f"{top}/bpe.model"}:
        raise UserError(f"{name} has no tokenizer (sentencepiece.model or bpe.model)")
    damaged = archive.testzip()
    if damaged:
        raise UserError(f"{name} is damaged ({damaged} fails its checksum); download it again")
    return top


def install_file(path: Path):
    """Install an .argosmodel file: validate it, extract to a temp folder, then rename into place."""
    from argostranslate.package import Package

    path = Path(path)
    if not path.is_file():
        raise UserError(f"{path}: no such file")
    target_root = packages_dir()
    try:
        with zipfile.ZipFile(path) as archive:
            top = validate(archive, path.name)
            with tempfile.TemporaryDirectory(prefix=".install-", dir=target_root) as tmp:
                archive.extractall(tmp)
                staged, target = Path(tmp) / top, target_root / top
                Package(staged)  # argostranslate must accept what we install
                replace(staged, target, Path(tmp) / ".replaced")
    except (zipfile.BadZipFile, EOFError, zlib.error):
        raise UserError(f"{path.name} is not a valid .argosmodel file (damaged or not a zip); download it again") from None
    except OSError as error:
        raise UserError(f"cannot install {path.name}: {error.strerror or error}") from None
    return Package(target)


def replace(staged: Path, target: Path, old: Path) -> None:
    """Move `staged` to `target`, first moving an existing `target` aside to `old` (restored on failure)."""
    if target.exists():
        target.rename(old)
    try:
        staged.rename(target)
    except OSError:
        if old.exists():
            old.rename(target)
        raise


def remove(code: str | None = None):
    """Remove one installed package, chosen by code, key or folder name; the only one when `code` is None."""
    packages = installed()
    if not packages:
        raise UserError("no translation model is installed")
    if code is None:
        if len(packages) > 1:
            choices = ", ".join(package_key(p) for p in packages)
            raise UserError(f"several models are installed ({choices}); say which: leesplank model remove CODE")
        chosen = packages[0]
    else:
        matches = [p for p in packages if code in (package_code(p), package_key(p), p.package_path.name)]
        if not matches:
            raise UserError(f"no installed model called {code}; see: leesplank model list")
        chosen = matches[0]
    try:
        with tempfile.TemporaryDirectory(prefix=".remove-", dir=packages_dir()) as tmp:
            chosen.package_path.rename(Path(tmp) / "package")  # gone at once, deleted with the temp folder
    except OSError as error:
        raise UserError(f"cannot remove {package_key(chosen)}: {error.strerror or error}") from None
    return chosen


def fetch_index(url: str, timeout: float = TIMEOUT) -> list:
    """The package index as a list of metadata dicts; a UserError within `timeout` when unreachable."""
    answer: dict = {}

    def get() -> None:
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                answer["data"] = response.read()
        except Exception as error:  # reported below as one line
            answer["error"] = error

    # A thread bounds the whole request, name lookup included, which socket timeouts do not cover.
    worker = threading.Thread(target=get, daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise UserError(f"the package index did not answer within {timeout:g} s; {OFFLINE_HINT}")
    if "error" in answer:
        raise UserError(f"cannot reach the package index ({reason(answer['error'])}); {OFFLINE_HINT}")
    try:
        index = json.loads(answer["data"])
    except ValueError:
        raise UserError(f"the package index at {url} is not valid JSON; {OFFLINE_HINT}") from None
    if not isinstance(index, list):
        raise UserError(f"the package index at {url} is not a list of packages; {OFFLINE_HINT}")
    return index


def reason(error: Exception) -> str:
    """A short reason for a network error."""
    if isinstance(error, urllib.error.HTTPError):
        return f"HTTP {error.code}"
    if isinstance(error, urllib.error.URLError):
        return str(error.reason)
    return str(error) or type(error).__name__


def available(timeout: float = TIMEOUT):
    """The newest Dutch→English package in the index (argostranslate `AvailablePackage`)."""
    from argostranslate.package import AvailablePackage

    url = index_url()
    candidates = [
        AvailablePackage(entry)
        for entry in fetch_index(url, timeout)
        if isinstance(entry, dict) and (entry.get("from_code"), entry.get("to_code")) == (FROM_CODE, TO_CODE)
    ]
    candidates = [c for c in candidates if c.links]
    if not candidates:
        raise UserError(f"the package index at {url} has no Dutch→English model; {OFFLINE_HINT}")
    return max(candidates, key=version)


def download(package, folder: Path, on_progress: Callable[[int, int], None] | None = None,
             timeout: float = TIMEOUT) -> Path:
    """Download an available package into `folder`, trying each link; on_progress(bytes, total)."""
    target = folder / f"{package_code(package)}.argosmodel"
    errors = []
    for link in package.links:
        try:
            with urllib.request.urlopen(link, timeout=timeout) as response, target.open("wb") as out:
                total = int(response.headers.get("Content-Length") or 0)
                done = 0
                while chunk := response.read(CHUNK):
                    out.write(chunk)
                    done += len(chunk)
                    if on_progress:
                        on_progress(done, total)
            if total and done < total:
                raise OSError(f"the download ended after {done} of {total} bytes")
            return target
        except (OSError, http.client.HTTPException, ValueError) as error:
            errors.append(reason(error))
    raise UserError(f"cannot download {package_code(package)} ({'; '.join(errors)}); {OFFLINE_HINT}")


def install_from_index(on_progress: Callable[[int, int], None] | None = None, timeout: float = TIMEOUT):
    """Download the newest Dutch→English package from the index and install it as a file would be."""
    package = available(timeout)
    try:
        with tempfile.TemporaryDirectory(prefix=".download-", dir=packages_dir()) as folder:
            return install_file(download(package, Path(folder), on_progress, timeout))
    except OSError as error:
        raise UserError(f"cannot install into {packages_dir()}: {error.strerror or error}") from None
