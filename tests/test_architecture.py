"""The headless core never imports textual: only reader/tui/ may."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import glossary
import reader

ROOT = Path(__file__).resolve().parent.parent


def headless_modules() -> list[str]:
    """Every module of reader and glossary outside reader.tui."""
    names = []
    for package in (reader, glossary):
        for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if not module.name.startswith("reader.tui") and module.name != "reader.__main__":
                names.append(module.name)
    return names


def test_headless_modules_do_not_import_textual():
    modules = headless_modules()
    assert {"reader.article", "reader.cli", "reader.store"} <= set(modules)
    code = f"import importlib, sys\nfor name in {modules!r}: importlib.import_module(name)\nprint('textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_only_reader_tui_mentions_textual_imports():
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("reader", "glossary")
        for path in (ROOT / folder).rglob("*.py")
        if "tui" not in path.relative_to(ROOT).parts
        and any(line.lstrip().startswith(("import textual", "from textual")) for line in path.read_text().splitlines())
    ]
    assert offenders == []
