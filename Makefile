# The two front-door commands: `make demo` and `make test`.
# Each installs what it needs on a fresh Debian 12 machine (as root or through sudo).

SHELL := /bin/bash
PY    := .venv/bin/python
VENV_STAMP := .venv/.stamp-install
APT_PACKAGES := libreoffice-writer-nogui fonts-liberation2 fonts-crosextra-carlito \
                fonts-crosextra-caladea poppler-utils python3-uno postgresql \
                zbar-tools softhsm2 fonts-symbola jq

.PHONY: demo test lint typecheck pytest docs dist system venv bench clean templates

demo: system venv
	$(PY) examples/demo.py

test: system venv lint typecheck pytest docs dist

lint: venv
	.venv/bin/ruff check .
	.venv/bin/ruff format --check surat tests benchmarks examples tools

typecheck: venv
	.venv/bin/mypy surat
	.venv/bin/mypy --strict examples/consumer.py   # an office application, as users write one

# The API reference from the docstrings (site/index.html); strict: a broken
# reference fails, so the reference cannot rot.
docs: venv
	.venv/bin/mkdocs build --strict -q

# The wheel holds the library and its data only; the sdist can run the tests.
dist: venv
	$(PY) tools/check_dist.py

pytest: venv
	.venv/bin/pytest -q

# System packages, only when something is missing.
system:
	@missing=""; \
	command -v soffice >/dev/null || missing=1; \
	command -v pdftoppm >/dev/null || missing=1; \
	command -v zbarimg >/dev/null || missing=1; \
	command -v jq >/dev/null || missing=1; \
	command -v softhsm2-util >/dev/null || missing=1; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing=1; \
	[ -e /usr/lib/python3/dist-packages/uno.py ] || missing=1; \
	fc-list 2>/dev/null | grep -q "Liberation Sans" || missing=1; \
	fc-list 2>/dev/null | grep -q "Symbola" || missing=1; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo"; \
	  else echo "surat: missing system packages ($(APT_PACKAGES))." >&2; \
	       echo "surat: run 'make' as root or with passwordless sudo, or install them yourself." >&2; exit 1; fi; \
	  echo "surat: installing system packages: $(APT_PACKAGES)"; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends $(APT_PACKAGES) >/dev/null; \
	fi

venv: $(VENV_STAMP)

$(VENV_STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[postgres,xlsx,preview,laporan,tte-token,dev]'
	touch $@

templates: venv
	$(PY) tools/build_templates.py

bench: system venv
	$(PY) benchmarks/numbering.py
	$(PY) benchmarks/render.py
	$(PY) benchmarks/print_pack.py
	$(PY) benchmarks/import_time.py
	$(PY) benchmarks/latency.py

clean:
	rm -rf out site dist .pytest_cache .mypy_cache .ruff_cache
