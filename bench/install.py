"""Prints the size of the installed .venv against its 500 MB budget, and checks no torch, stanza or CUDA."""

import sys
from pathlib import Path

BUDGET_MB = 500
FORBIDDEN = ("torch", "stanza", "spacy", "nvidia", "onnxruntime")


def folder_size(path: Path) -> int:
    """Bytes used by all files under path."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def main() -> int:
    """Measure .venv and report; exit 1 when over budget or a forbidden package is present."""
    venv = Path(__file__).resolve().parent.parent / ".venv"
    size_mb = folder_size(venv) / 1e6
    site = next(venv.glob("lib/python*/site-packages"))
    found = sorted({p.name for p in site.iterdir() for name in FORBIDDEN if p.name.lower().startswith(name)})
    print(f".venv: {size_mb:.0f} MB (budget {BUDGET_MB} MB, {size_mb / BUDGET_MB:.0%} of it)")
    print(f"torch/stanza/spaCy/CUDA/onnxruntime installed: {', '.join(found) or 'none'}")
    return 0 if size_mb <= BUDGET_MB and not found else 1


if __name__ == "__main__":
    sys.exit(main())
