"""Argos translation packages: find, download, install (validated, atomic), list and remove.

Uses `argostranslate.package` for package metadata and argostranslate's settings (environment or its
settings.json) for ARGOS_PACKAGE_INDEX and ARGOS_PACKAGES_DIR; never `install_from_path` (it imports stanza)
nor `argostranslate.translate`. Every archive is checked before it is unpacked, unpacked within a size cap,
and loaded and run on one sentence before it replaces anything.
"""

import collections
import http.client
import json
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
USER_AGENT = "leesplank/0.1 (argostranslate-compatible)"  # urllib's default is refused by some servers (HTTP 403)
MAX_UNPACKED = 1 << 30  # bytes a package may unpack to (translate-nl_en 1.8 unpacks to under 100 MB)
MAX_METADATA = 1 << 20  # bytes of metadata.json
INDEX_FILE = "leesplank.json"  # our note in a package folder: the version the index gave it
STRING_FIELDS = ("package_version", "argos_version", "from_code", "from_name", "to_code", "to_name", "code",
                 "type", "target_prefix", "source_prefix")
LIST_FIELDS = ("links", "from_codes", "to_codes", "languages", "dependencies", "source_languages", "target_languages")
OFFLINE_HINT = (
    f"download {INDEX_PACKAGE}.argosmodel on another machine "
    f"and run: {INSTALL_COMMAND} FILE.argosmodel"
)


def argos_settings():
    """argostranslate's settings module; importing it creates folders under $HOME, so an unwritable one is a UserError."""
    try:
        from argostranslate import settings
    except OSError as error:
        raise UserError(f"argostranslate cannot create {error.filename or 'its folders'} ({error.strerror or error}); "
                        "make $HOME writable, or set XDG_DATA_HOME, XDG_CONFIG_HOME and XDG_CACHE_HOME") from None
    except (AssertionError, ValueError, KeyError) as error:  # a settings.json that is not a JSON object, a bad value
        raise UserError(f"argostranslate's settings are invalid ({error or type(error).__name__})") from None
    return settings


def argos_package():
    """argostranslate.package, imported after its settings (see argos_settings)."""
    argos_settings()
    from argostranslate import package

    return package


def packages_dir() -> Path:
    """Where packages are installed: ARGOS_PACKAGES_DIR (environment or argostranslate's settings.json) when
    set, else inside leesplank's data dir."""
    chosen = argos_settings().get_setting("ARGOS_PACKAGES_DIR")
    if chosen is not None and not isinstance(chosen, str):
        raise UserError(f"ARGOS_PACKAGES_DIR in argostranslate's settings.json must be a folder name, not {chosen!r}")
    path = Path(chosen) if chosen else data_dir() / "packages"
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # a read-only data folder holds no models; installing says why it cannot write there
    return path


def index_url() -> str:
    """The package index: ARGOS_PACKAGE_INDEX (environment or argostranslate's settings.json) or Argos's own."""
    base = argos_settings().get_setting("ARGOS_PACKAGE_INDEX", DEFAULT_INDEX)
    if not isinstance(base, str):
        raise UserError(f"ARGOS_PACKAGE_INDEX in argostranslate's settings.json must be a URL, not {base!r}")
    return base if base.endswith(".json") else base.rstrip("/") + "/index.json"


def package_key(package) -> str:
    """The cache key of a package: its code and version, e.g. translate-nl_en@1.8."""
    return f"{package_code(package)}@{package.package_version}"


def package_code(package) -> str:
    """A package's code, e.g. translate-nl_en (older metadata has none, so derive it as argospm does)."""
    return package.code or argos_package().argospm_package_name(package)


def installed() -> list:
    """Every installed package (argostranslate `Package`), newest version first."""
    packages = []
    root = packages_dir()
    for folder in sorted(root.iterdir()) if root.is_dir() else []:
        # Dot folders are our own installs and removals in progress.
        if folder.is_dir() and not folder.name.startswith(".") and (folder / "metadata.json").is_file():
            try:
                packages.append(load_package(folder))
            except (OSError, ValueError, UserError):
                continue  # a damaged folder is not a package
    return sorted(packages, key=version, reverse=True)


def load_package(folder: Path):
    """An installed package, its metadata checked; `package_version` is the newer of the file's and the index's."""
    with (folder / "metadata.json").open("rb") as file:
        read_metadata(file.read(MAX_METADATA + 1), folder.name)
    package = argos_package().Package(folder)
    package.file_version = package.index_version = package.package_version
    try:
        noted = json.loads((folder / INDEX_FILE).read_text(encoding="utf-8")).get("index_version")
    except (OSError, ValueError, AttributeError):
        noted = None
    if isinstance(noted, str) and noted:
        package.index_version = noted
        package.package_version = max(package.file_version, noted, key=parse_version)
    return package


def read_metadata(data: bytes, name: str) -> dict:
    """metadata.json's object, every field argostranslate reads of the right type; a UserError otherwise."""
    if len(data) > MAX_METADATA:
        raise UserError(f"{name}: metadata.json is larger than {MAX_METADATA >> 20} MB")
    try:
        metadata = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise UserError(f"{name}: metadata.json is not UTF-8 text") from None
    except RecursionError:
        raise UserError(f"{name}: metadata.json is nested too deeply") from None
    except ValueError as error:
        raise UserError(f"{name}: unreadable metadata.json ({error})") from None
    if not isinstance(metadata, dict):
        raise UserError(f"{name}: metadata.json is not a JSON object")
    for field in STRING_FIELDS:
        if field in metadata and not isinstance(metadata[field], str):
            raise UserError(f"{name}: {field} in metadata.json must be text, not {type(metadata[field]).__name__}")
    for field in LIST_FIELDS:
        if field in metadata and not isinstance(metadata[field], list):
            raise UserError(f"{name}: {field} in metadata.json must be a list, not {type(metadata[field]).__name__}")
    if not all(isinstance(link, str) for link in metadata.get("links", [])):
        raise UserError(f"{name}: links in metadata.json must be URLs")
    return metadata


def version(package):
    """A package's version for comparing; unparseable versions count as 0."""
    return parse_version(package.package_version)


def parse_version(text: str | None):
    """A version string for comparing; unparseable versions count as 0."""
    from packaging.version import InvalidVersion, Version

    try:
        return Version(text or "0")
    except InvalidVersion:
        return Version("0")


def candidates() -> list:
    """The installed Dutch→English packages, newest first."""
    return [p for p in installed() if (p.from_code, p.to_code) == (FROM_CODE, TO_CODE)]


def find_model():
    """The newest installed Dutch→English package, or None."""
    return next(iter(candidates()), None)


def validate(archive: zipfile.ZipFile, name: str) -> str:
    """Check an .argosmodel zip before anything is written; return its one top-level folder."""
    entries = archive.infolist()
    if not entries:
        raise UserError(f"{name} is empty; it is not an Argos model")
    repeated = [n for n, count in collections.Counter(e.filename.rstrip("/") for e in entries).items() if count > 1]
    if repeated:
        raise UserError(f"{name} holds {repeated[0]} twice; refusing to install it")
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED:
        raise UserError(f"{name} unpacks to more than {MAX_UNPACKED >> 30} GB; refusing to install it")
    tops = set()
    for entry in entries:
        parts = PurePosixPath(entry.filename.replace("\\", "/")).parts
        if not parts or entry.filename.startswith(("/", "\\")) or ".." in parts or ":" in parts[0]:
            raise UserError(f"{name} holds an unsafe path ({entry.filename}); refusing to install it")
        tops.add(parts[0])
    if len(tops) != 1:
        raise UserError(f"{name} must hold exactly one top-level folder, not {len(tops)}")
    top = tops.pop()
    if top.startswith("."):
        raise UserError(f"{name}: its folder {top} starts with '.', which hides it; refusing to install it")
    names = {entry.filename.rstrip("/") for entry in entries}
    if f"{top}/metadata.json" not in names:
        raise UserError(f"{name} has no {top}/metadata.json; it is not an Argos model")
    metadata = read_metadata(read_member(archive, f"{top}/metadata.json", MAX_METADATA, name), name)
    pair = (metadata.get("from_code"), metadata.get("to_code"))
    if pair != (FROM_CODE, TO_CODE):
        raise UserError(f"{name} translates {pair[0]}→{pair[1]}; leesplank needs a Dutch→English (nl→en) model")
    if f"{top}/model/model.bin" not in names:
        raise UserError(f"{name} has no {top}/model/model.bin; it is not a CTranslate2 Argos model")
    if not names & {f"{top}/sentencepiece.model", f"{top}/bpe.model"}:
        raise UserError(f"{name} has no tokenizer (sentencepiece.model or bpe.model)")
    return top


def read_member(archive: zipfile.ZipFile, member: str, limit: int, name: str) -> bytes:
    """A member's bytes, reading at most `limit` + 1 whatever its header declares."""
    try:
        with archive.open(member) as file:
            data = file.read(limit + 1)
    except zipfile.BadZipFile:
        raise UserError(f"{name} is damaged ({member} fails its checksum); download it again") from None
    if len(data) > limit:
        raise UserError(f"{name}: {member} is larger than {limit:,} bytes; refusing to install it")
    return data


def extract(archive: zipfile.ZipFile, folder: Path, name: str) -> None:
    """Unpack a validated archive into `folder`, each member no larger than its header says (checksums checked)."""
    for entry in archive.infolist():
        target = folder / PurePosixPath(entry.filename.replace("\\", "/"))
        if entry.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        written = 0
        try:
            with archive.open(entry) as source, target.open("wb") as out:
                while chunk := source.read(min(CHUNK, entry.file_size - written + 1)):
                    written += len(chunk)
                    if written > entry.file_size:
                        raise UserError(f"{name}: {entry.filename} is larger than its header says; refusing to install it")
                    out.write(chunk)
        except zipfile.BadZipFile:
            raise UserError(f"{name} is damaged ({entry.filename} fails its checksum); download it again") from None


def check_loads(folder: Path, name: str) -> None:
    """Load a staged package with argostranslate, its tokenizer and CTranslate2, and translate one sentence."""
    import ctranslate2

    from reader.translate import tokenizer

    try:
        package = load_package(folder)
        encode, decode = tokenizer(package)
        model = ctranslate2.Translator(str(folder / "model"), device="cpu", inter_threads=1, intra_threads=1)
        prefix = package.target_prefix
        [result] = model.translate_batch([encode("Dit is een test.")], max_decoding_length=16,
                                         target_prefix=[[prefix]] if prefix else None)
        decode(result.hypotheses[0])
    except UserError as error:
        raise UserError(f"{error}; refusing to install it") from None
    except (RuntimeError, OSError, ValueError, TypeError, IndexError, KeyError) as error:
        detail = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise UserError(f"{name} does not load ({detail}); refusing to install it") from None


def install_file(path: Path, index_version: str | None = None):
    """Install an .argosmodel file: validate it, extract to a temp folder, load it there, then rename into place.

    `index_version` is the version the package index gave the file, noted beside its own metadata.
    """
    path = Path(path)
    if not path.is_file():
        raise UserError(f"{path}: no such file")
    target_root = packages_dir()
    try:
        with zipfile.ZipFile(path) as archive:
            top = validate(archive, path.name)
            with tempfile.TemporaryDirectory(prefix=".install-", dir=target_root) as tmp:
                extract(archive, Path(tmp), path.name)
                staged, target = Path(tmp) / top, target_root / top
                if index_version:
                    (staged / INDEX_FILE).write_text(json.dumps({"index_version": index_version}), encoding="utf-8")
                check_loads(staged, path.name)
                replace(staged, target, Path(tmp) / ".replaced")
    except (zipfile.BadZipFile, EOFError, zlib.error):
        raise UserError(f"{path.name} is not a valid .argosmodel file (damaged or not a zip); download it again") from None
    except OSError as error:
        raise UserError(f"cannot install {path.name}: {error.strerror or error}") from None
    return load_package(target)


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
    try:
        with open_url(url, timeout) as response:
            data = response.read()
    except TimeoutError:
        raise UserError(f"the package index did not answer within {timeout:g} s; {OFFLINE_HINT}") from None
    except Exception as error:  # any failure to reach it is one line
        raise UserError(f"cannot reach the package index ({reason(error)}); {OFFLINE_HINT}") from None
    try:
        index = json.loads(data)
    except ValueError:
        raise UserError(f"the package index at {url} is not valid JSON; {OFFLINE_HINT}") from None
    if not isinstance(index, list):
        raise UserError(f"the package index at {url} is not a list of packages; {OFFLINE_HINT}")
    return index


def request(url: str) -> urllib.request.Request:
    """A GET request with our own User-Agent, as argostranslate sends its own."""
    return urllib.request.Request(url, headers={"User-Agent": USER_AGENT})


def open_url(url: str, timeout: float):
    """An open response; the name lookup, connection and headers within `timeout` (a thread bounds the lookup,
    which socket timeouts do not cover), each later read within `timeout` too."""
    answer: dict = {}

    def get() -> None:
        try:
            answer["response"] = urllib.request.urlopen(request(url), timeout=timeout)
        except Exception as error:  # raised below, in the caller's thread
            answer["error"] = error

    worker = threading.Thread(target=get, daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive() or timed_out(answer.get("error")):  # the socket's own timeout may win the race
        raise TimeoutError(f"no answer within {timeout:g} s")
    if "error" in answer:
        raise answer["error"]
    return answer["response"]


def timed_out(error: Exception | None) -> bool:
    """Whether a network error is a timeout (urllib wraps a connect timeout in a URLError)."""
    return isinstance(getattr(error, "reason", error), TimeoutError)


def reason(error: Exception) -> str:
    """A short reason for a network error."""
    if isinstance(error, urllib.error.HTTPError):
        return f"HTTP {error.code}"
    if isinstance(error, urllib.error.URLError):
        return str(error.reason)
    return str(error) or type(error).__name__


def available(timeout: float = TIMEOUT):
    """The newest Dutch→English package in the index (argostranslate `AvailablePackage`)."""
    url = index_url()
    entries = []
    for entry in fetch_index(url, timeout):
        if isinstance(entry, dict) and (entry.get("from_code"), entry.get("to_code")) == (FROM_CODE, TO_CODE):
            try:
                read_metadata(json.dumps(entry).encode(), "the package index")
            except UserError:
                continue  # an entry of the wrong shape is skipped, as if it were another language's
            entries.append(argos_package().AvailablePackage(entry))
    entries = [e for e in entries if e.links]
    if not entries:
        raise UserError(f"the package index at {url} has no Dutch→English model; {OFFLINE_HINT}")
    return max(entries, key=version)


def download(package, folder: Path, on_progress: Callable[[int, int], None] | None = None,
             timeout: float = TIMEOUT) -> Path:
    """Download an available package into `folder`, trying each link; on_progress(bytes, total)."""
    target = folder / f"{package_code(package)}.argosmodel"
    errors = []
    for link in package.links:
        try:
            with open_url(link, timeout) as response, target.open("wb") as out:
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
            return install_file(download(package, Path(folder), on_progress, timeout), package.package_version)
    except OSError as error:
        raise UserError(f"cannot install into {packages_dir()}: {error.strerror or error}") from None
