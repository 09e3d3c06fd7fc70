# The single entry point for every verb. `make lab` and `make test` set up .venv themselves.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# nbgrader runs helper programs (alembic) by name: the venv must come first on PATH.
export PATH := $(CURDIR)/$(BIN):$(PATH)
STAMP  := $(VENV)/.installed
PORT   ?= 8888
LAB_ARGS ?=
# Jupyter refuses to run as root unless told; containers and CI often are root.
ROOT_ARG := $(if $(filter 0,$(shell id -u)),--allow-root,)
JOBS   ?= auto

.PHONY: help install system-deps lab test test-fast release check-release data lint grade check bench clean

help:
	@echo "make lab            start JupyterLab on the student notebooks"
	@echo "make test           run the whole test suite"
	@echo "make release        regenerate notebooks/ from solutions/"
	@echo "make check-release  fail if notebooks/ is out of date"
	@echo "make data           regenerate the course images in data/"
	@echo "make grade A=NN-slug  autograde a class (COURSE=dir, JOBS=n)"
	@echo "make check NB=path  self-grade one lesson notebook"
	@echo "make bench          grader speed against nbgrader, and on 1, 2, 4 Dask workers (STUDENTS=n)"
	@echo "make lint           ruff"
	@echo "make clean          remove the venv, caches and nbgrader working folders"

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

# Programs the tests start for real: Debian's chromium (browser tests) and a PostgreSQL server
# (gradebook tests). Installed with apt-get when missing and we may; otherwise the tests that
# need them fail with a message naming the package.
SYSTEM_PACKAGES := $(if $(wildcard /usr/bin/chromium),,chromium) \
                   $(if $(wildcard /usr/lib/postgresql/*/bin/initdb),,postgresql)
system-deps:
	@if [ -n "$(strip $(SYSTEM_PACKAGES))" ]; then \
	  if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	    echo "installing $(strip $(SYSTEM_PACKAGES)) with apt-get"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; \
	  else \
	    echo "note: please install $(strip $(SYSTEM_PACKAGES)) (Debian packages) for the browser and database tests"; \
	  fi; \
	fi

lab: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks --port=$(PORT) $(ROOT_ARG) $(LAB_ARGS)

test: $(STAMP) system-deps
	$(BIN)/python -m pytest -n $(JOBS) --dist loadgroup

test-fast: $(STAMP)
	$(BIN)/python -m pytest -m "not slow"

release: $(STAMP)
	$(BIN)/python -m autograder release

check-release: $(STAMP)
	$(BIN)/python -m autograder release --check

data: $(STAMP)
	$(BIN)/python data/make_data.py

COURSE   ?= .
STUDENTS ?= 20

grade: $(STAMP)
	@test -n "$(A)" || { echo "usage: make grade A=01-convolution [COURSE=dir] [JOBS=n]"; exit 2; }
	$(BIN)/python -m autograder grade $(A) --course $(COURSE) $(if $(filter-out auto,$(JOBS)),--jobs $(JOBS),)

check: $(STAMP)
	@test -n "$(NB)" || { echo "usage: make check NB=notebooks/01-convolution/01-convolution.ipynb"; exit 2; }
	$(BIN)/python -m autograder check $(NB)

bench: $(STAMP)
	$(BIN)/python -m benchmarks --students $(STUDENTS)
	$(BIN)/python -m benchmarks --scaling --students $(STUDENTS)

lint: $(STAMP)
	$(BIN)/ruff check autograder course tests data benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache artifacts build *.egg-info
	rm -rf gradebook.db submitted autograded feedback release source exchange
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
	find . -name .ipynb_checkpoints -type d -prune -exec rm -rf {} +
