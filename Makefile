# The single entry point for every verb. `make lab` and `make test` set up .venv themselves.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# nbgrader runs helper programs (alembic) by name: the venv must come first on PATH.
export PATH := $(abspath $(BIN)):$(PATH)
STAMP  := $(VENV)/.installed
PORT   ?= 8888
WORK   ?= work
LAB_ARGS ?=
# Jupyter refuses to run as root unless told; containers and CI often are root.
ROOT_ARG := $(if $(filter 0,$(shell id -u)),--allow-root,)
JOBS   ?= auto

.PHONY: help install system-deps lab test test-fast release check-release data lint grade check bench clean \
        students release-assignment collect feedback export formgrader

# A verb used without what it needs stops here, before anything runs, with one usage line.
USAGE_grade              := make grade A=01-convolution [SEED=n] [STUDENT=id] [COURSE=dir] [JOBS=n]
USAGE_students           := make students ROSTER=roster.csv [COURSE=dir]
USAGE_release-assignment := make release-assignment A=01-convolution [COURSE=dir]
USAGE_collect            := make collect A=01-convolution [COURSE=dir]
USAGE_feedback           := make feedback A=01-convolution [COURSE=dir]
USAGE_check              := make check NB=notebooks/01-convolution/01-convolution.ipynb
NEEDS_grade              := A
NEEDS_students           := ROSTER
NEEDS_release-assignment := A
NEEDS_collect            := A
NEEDS_feedback           := A
NEEDS_check              := NB
$(foreach goal,$(MAKECMDGOALS),$(foreach var,$(NEEDS_$(goal)),\
  $(if $(strip $($(var))),,$(error usage: $(USAGE_$(goal))))))

help:
	@echo "make lab            start JupyterLab on your copies of the lessons, in work/"
	@echo "make test           run the whole test suite"
	@echo "make release        regenerate notebooks/ from solutions/"
	@echo "make check-release  fail if notebooks/ is out of date"
	@echo "make data           regenerate the course images in data/"
	@echo "make check NB=path  self-grade one lesson notebook"
	@echo "make bench          grader speed against nbgrader, and on 1, 2, 4 Dask workers (STUDENTS=n)"
	@echo "make lint           ruff"
	@echo "make clean          remove the venv, caches and nbgrader working folders"
	@echo "instructors (nbgrader, in the course folder COURSE=dir, default .):"
	@echo "make students ROSTER=roster.csv     add or update the class list"
	@echo "make release-assignment A=NN-slug   put a lesson in the gradebook and the exchange"
	@echo "make collect A=NN-slug              collect the students' submissions"
	@echo "make grade A=NN-slug                autograde them (SEED=n, STUDENT=id, JOBS=n)"
	@echo "make formgrader                     review and grade by hand in JupyterLab"
	@echo "make feedback A=NN-slug             generate and release the feedback"
	@echo "make export                         every grade to grades.csv"

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

# Students work in work/ (git-ignored), a copy of notebooks/ that only gains files it lacks:
# `git pull` and `make release` change notebooks/ and never touch a student's edits.
lab: $(STAMP)
	$(BIN)/python -m autograder work --to $(WORK)
	$(BIN)/jupyter lab --notebook-dir=$(WORK) --port=$(PORT) $(ROOT_ARG) $(LAB_ARGS)

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

GRADE_OPTIONS = $(if $(filter-out auto,$(JOBS)), --jobs $(JOBS))$(if $(SEED), --seed $(SEED))$(if \
                $(STUDENT), --student $(STUDENT))
grade: $(STAMP)
	$(BIN)/python -m autograder grade $(A) --course $(COURSE)$(GRADE_OPTIONS)

# The instructor's nbgrader steps, run in the course folder with this venv's nbgrader.
NBGRADER = cd $(COURSE) && $(abspath $(BIN))/nbgrader
EXCHANGE = $(or $(NBGRADER_EXCHANGE),$(abspath $(COURSE))/exchange)

students: $(STAMP)
	$(NBGRADER) db student import $(abspath $(ROSTER))

# generate_assignment puts the lesson in the gradebook. notebooks/ is nbgrader's release
# folder, so it needs --force; it writes the same student notebook as `make release`.
release-assignment: $(STAMP)
	@test -d "$(EXCHANGE)" || { mkdir -p "$(EXCHANGE)" && chmod 1777 "$(EXCHANGE)"; }
	$(NBGRADER) generate_assignment $(A) --force
	$(NBGRADER) release_assignment $(A) --force

collect: $(STAMP)
	$(NBGRADER) collect $(A)

feedback: $(STAMP)
	$(NBGRADER) generate_feedback $(A)
	$(NBGRADER) release_feedback $(A)

export: $(STAMP)
	$(NBGRADER) export

formgrader: $(STAMP)
	cd $(COURSE) && $(abspath $(BIN))/jupyter lab --ServerApp.root_dir=. \
	  --LabApp.default_url=/formgrader --port=$(PORT) $(ROOT_ARG) $(LAB_ARGS)

check: $(STAMP)
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
