# The two set-up commands of the README: `make run` and `make test`. Everything they need is installed here.
PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
VENV := .venv
DICTS := /usr/share/dictd/freedict-nld-eng.index /usr/share/dictd/freedict-eng-nld.index

.PHONY: install run test bench dictionaries lexicon lexicon-check clean

# uv from PyPI, in a tools venv of its own, when it is not on PATH.
.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv

$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked --quiet
	touch $@

# Debian's FreeDict dictionaries, when apt is there and we are root; the glossary works without them.
dictionaries:
	@if [ ! -f /usr/share/dictd/freedict-nld-eng.index ] || [ ! -f /usr/share/dictd/freedict-eng-nld.index ]; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    (apt-get install -y -qq dict-freedict-nld-eng dict-freedict-eng-nld >/dev/null 2>&1 || \
	     (apt-get update -qq && apt-get install -y -qq dict-freedict-nld-eng dict-freedict-eng-nld >/dev/null)) \
	    || echo "could not install the FreeDict dictionaries; see 'leesplank dict status'"; \
	  else echo "FreeDict dictionaries not installed; see 'leesplank dict status'"; fi; \
	fi

install: $(VENV)/.installed dictionaries

run: install
	$(VENV)/bin/leesplank

test: install
	$(VENV)/bin/python -m pytest

# Speed and size goals, each printed as a ratio against a baseline measured in the same run. bench/lemmas.py
# compares lemmas with Frog (Debian's frog and frogdata, ~245 MB), installed here when apt is there and we are
# root; without Frog that bench says so and the others still run.
bench: install
	@if ! command -v frog >/dev/null || [ ! -f /usr/share/frog/nld/frog.cfg ]; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    (apt-get install -y -qq frog frogdata >/dev/null 2>&1 || \
	     (apt-get update -qq && apt-get install -y -qq frog frogdata >/dev/null)) \
	    || echo "could not install Frog; bench/lemmas.py will be skipped"; \
	  else echo "Frog not installed (as root: apt-get install frog frogdata); bench/lemmas.py will be skipped"; fi; \
	fi
	for script in bench/install.py bench/glossary.py bench/lemmas.py bench/translate.py bench/tui.py; do \
	  echo "== $$script"; $(VENV)/bin/python $$script || exit 1; done

# The core lexicon: core.tsv is merged from the reviewed batches (glossary/data/batches/README.md), then checked.
lexicon: install
	$(VENV)/bin/python -m glossary.data.merge

lexicon-check: install
	$(VENV)/bin/python -m glossary.lexicon --check

clean:
	rm -rf $(VENV) .tools
