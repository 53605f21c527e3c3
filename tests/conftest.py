"""Shared fixtures (every test gets its own empty data directory) and helpers."""

import asyncio
import inspect
import resource
import zipfile
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parent.parent / "seeds" / "nrc-2023-03-kernwapens-wit-rusland.txt"


@pytest.fixture(autouse=True)
def leesplank_home(tmp_path_factory, monkeypatch):
    """Point LEESPLANK_HOME at a fresh temp dir so no test touches the user's data."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("LEESPLANK_HOME", str(home))
    for name in ("ARGOS_PACKAGES_DIR", "ARGOS_PACKAGE_INDEX", "LEESPLANK_BEAM"):  # models inside home; no real index
        monkeypatch.delenv(name, raising=False)
    xdg = tmp_path_factory.mktemp("xdg")  # argostranslate's settings and folders, outside the (maybe read-only) home
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(xdg / name.lower()))
    return home


@pytest.fixture(scope="session")
def copy_model_file(tmp_path_factory) -> Path:
    """A tiny copy model (its translation is its input) as an .argosmodel file, built once per session."""
    from tests.copy_model import build_package

    return build_package(tmp_path_factory.mktemp("models") / "translate-nl_en-copy.argosmodel")


@pytest.fixture(scope="session")
def real_layout_file(tmp_path_factory) -> Path:
    """A package laid out as the real translate-nl_en 1.8 (Dutch-only tokenizer, English pieces it lacks)."""
    from tests.copy_model import build_real_layout_package

    return build_real_layout_package(tmp_path_factory.mktemp("models") / "translate-nl_en-1_8.argosmodel")


@pytest.fixture(params=["copy", "real layout"])
def any_model(request, copy_model_file, real_layout_file):
    """Each test package installed in turn; returns the English it gives for a Dutch sentence."""
    from reader.models import install_file
    from tests.copy_model import dutch_sentencepiece, real_layout_english

    if request.param == "copy":
        install_file(copy_model_file)
        return lambda sentence: sentence
    install_file(real_layout_file)
    model = dutch_sentencepiece()
    return lambda sentence: real_layout_english(sentence, model)


@pytest.fixture
def copy_model(copy_model_file):
    """The tiny copy model installed into this test's data directory, as a user would install it."""
    from reader.models import install_file

    return install_file(copy_model_file)


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """Run `async def` tests (the TUI's pilot tests) in a fresh event loop; no async plugin needed."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(pyfuncitem.obj(**arguments))
    return True


def rewrite_zip(source: Path, target: Path, change) -> Path:
    """Copy a zip (compressed), passing each (name, data) through `change` (None drops it, a list adds more)."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            result = change(info.filename, zin.read(info))
            for name, data in result if isinstance(result, list) else [result] if result else []:
                zout.writestr(name, data)
    return target


def memory_limit(megabytes: int):
    """A preexec function capping a child's address space, so a runaway allocation fails instead of eating the machine."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (megabytes << 20, megabytes << 20))

    return limit
