"""Every place the grader relies on nbgrader's internals, in one module.

The grader is nbgrader's own ``Autograde`` converter with the execution step handed to the
workers (``autograder.autograde``). Public nbgrader API (``Gradebook``, preprocessors, the
converter's methods and config traits) is used as documented. What is *not* public is here,
each with a guard that fails loudly, naming the installed nbgrader, when an upgrade changes it:

- the ``Gradebook`` name in the modules whose steps open one, swapped for the run's single
  connection (parallel grading never meets "database is locked", and no step pays for a
  connection of its own);
- the ``jsonschema`` module that ``CheckCellMetadata`` validates with, swapped for a validator
  that checks the constant schema once;
- the failure handling of ``BaseConverter.convert_notebooks``, a closure nbgrader does not
  expose, replayed for failures found after the loop has moved on;
- the log line nbgrader's gradebook writes on a rolled-back insert;
- ``OverwriteCells.add_missing_grade_cells``, which raises ``KeyError`` when the cell before a
  deleted test cell is gone too (an empty notebook, a deleted answer), replaced by one that
  puts the cell after the nearest released cell still there.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import os
from collections.abc import Iterator
from pathlib import Path

SUPPORTED_VERSIONS = ("0.9.",)

# Modules that open a ``Gradebook`` of their own while a submission is graded.
GRADEBOOK_USERS = (
    "nbgrader.converters.autograde",
    "nbgrader.preprocessors.overwritecells",
    "nbgrader.preprocessors.overwritekernelspec",
    "nbgrader.preprocessors.saveautogrades",
    "nbgrader.preprocessors.latesubmissions",
)
METADATA_VALIDATION = "nbgrader.nbgraderformat.common"


class AdapterError(RuntimeError):
    """nbgrader changed in a way the grader depends on."""


def _version() -> str:
    import nbgrader  # not at import time: nbgrader's package loads its server extensions

    return nbgrader.__version__


def _changed(what: str) -> AdapterError:
    return AdapterError(
        f"nbgrader {_version()} changed {what}; the grader was written for nbgrader "
        f"{', '.join(v + 'x' for v in SUPPORTED_VERSIONS)}: update autograder/nbgrader_adapter.py"
    )


def check_version() -> None:
    if not _version().startswith(SUPPORTED_VERSIONS):
        raise _changed("its version")


def _module_with(name: str, attribute: str):
    module = importlib.import_module(name)
    if not hasattr(module, attribute):
        raise _changed(f"{name} (no {attribute})")
    return module


class _NoCommitSession:
    """The shared session, with commits deferred: the grader commits after each step."""

    def __init__(self, session) -> None:
        self._session = session

    def commit(self) -> None:
        self._session.flush()

    def __getattr__(self, name):
        return getattr(self._session, name)


class _BorrowedGradebook:
    """What nbgrader's steps get instead of opening their own ``Gradebook``."""

    def __init__(self, gradebook) -> None:
        self._gradebook = gradebook
        self.db = _NoCommitSession(gradebook.db)

    def __getattr__(self, name):
        return getattr(self._gradebook, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> bool:
        return False  # the connection stays open for the next step

    def update_or_create_student(self, student: str, **kwargs):
        return ensure_student(self._gradebook, student, **kwargs)


def ensure_student(gradebook, student: str, **kwargs):
    """``update_or_create_student``, when another grader may add the same student at the same
    moment (two graders on one PostgreSQL gradebook): the second insert fails on the unique key,
    nbgrader rolls it back, and the retry finds the student. nbgrader logs that rollback with
    a traceback; as the retry handles it, the first attempt's log is kept quiet."""
    from nbgrader.api import InvalidEntry
    from tornado.log import app_log  # where nbgrader's gradebook logs a rollback

    def quiet(record) -> bool:
        return not record.getMessage().startswith("Rolling back session")

    app_log.addFilter(quiet)
    try:
        return gradebook.update_or_create_student(student, **kwargs)
    except InvalidEntry:
        pass
    finally:
        app_log.removeFilter(quiet)
    return gradebook.update_or_create_student(student, **kwargs)


class _CachedJsonSchema:
    """``jsonschema.validate`` without re-checking the (constant) schema on every call.

    ``CheckCellMetadata`` validates each cell's metadata with ``jsonschema.validate``, which
    first validates the schema itself: 45 ms per notebook. The verdict is the same.
    """

    def __init__(self) -> None:
        import jsonschema

        self._jsonschema = jsonschema
        self.ValidationError = jsonschema.ValidationError
        self._validators: dict[int, tuple[dict, object]] = {}

    def validate(self, instance, schema) -> None:
        entry = self._validators.get(id(schema))
        if entry is None or entry[0] is not schema:
            validator = self._jsonschema.validators.validator_for(schema)(schema)
            entry = self._validators[id(schema)] = (schema, validator)
        error = self._jsonschema.exceptions.best_match(entry[1].iter_errors(instance))
        if error is not None:
            raise error


_CACHED_JSONSCHEMA = _CachedJsonSchema()


@contextlib.contextmanager
def shared_gradebook(gradebook) -> Iterator[None]:
    """While inside, every nbgrader step uses ``gradebook`` (commits become flushes) and
    validates cell metadata with a cached schema validator."""
    check_version()
    borrowed = _BorrowedGradebook(gradebook)
    modules = [_module_with(name, "Gradebook") for name in GRADEBOOK_USERS]
    originals = [module.Gradebook for module in modules]
    metadata = _module_with(METADATA_VALIDATION, "jsonschema")
    original_jsonschema = metadata.jsonschema
    for module in modules:
        module.Gradebook = lambda *args, **kwargs: borrowed
    metadata.jsonschema = _CACHED_JSONSCHEMA
    try:
        yield
    finally:
        for module, original in zip(modules, originals):
            module.Gradebook = original
        metadata.jsonschema = original_jsonschema


def persistent_sqlite_journal(gradebook) -> None:
    """Keep a SQLite gradebook's rollback journal as a file through the run (truncated at each
    commit, not deleted): the sandbox covers it with a mount at each job's start, which it
    cannot do for a file that comes and goes, one that a commit creates after the job started.
    As safe as SQLite's default mode; nothing changes on other databases."""
    from sqlalchemy import event

    engine = getattr(gradebook, "engine", None)
    if engine is None:
        raise _changed("Gradebook.engine")
    if engine.dialect.name != "sqlite" or not engine.url.database:
        return

    def truncate(dbapi_connection, record) -> None:
        dbapi_connection.execute("PRAGMA journal_mode=TRUNCATE")

    event.listen(engine, "connect", truncate)
    gradebook.db.close()
    engine.dispose()  # connections opened before the listener: new ones get the mode
    journal = Path(f"{engine.url.database}-journal")
    if not journal.exists():
        journal.touch()  # empty, so not a journal to roll back: there before the first job


def execution_step():
    """nbgrader's ``Execute`` preprocessor class: the step the workers replace."""
    from nbgrader.preprocessors import Execute

    return Execute


def without_execution(steps: list) -> list:
    """``Autograde.autograde_preprocessors`` (a config trait) without its ``Execute`` step."""
    execute = execution_step()
    if not any(isinstance(step, type) and issubclass(step, execute) for step in steps):
        raise _changed("Autograde.autograde_preprocessors (no Execute step)")
    return [s for s in steps if not (isinstance(s, type) and issubclass(s, execute))]


def remove_failed(converter, assignment: str, student: str, notebooks: list[str]) -> None:
    """What ``BaseConverter.convert_notebooks`` does to a submission that failed: remove its
    autograded folder, or with ``--notebook``, only the notebooks being graded."""
    from nbgrader.utils import remove, rmtree

    destination = os.path.normpath(converter._format_dest(assignment, student))
    if converter.coursedir.notebook_id == "*":
        if os.path.exists(destination):
            converter.log.warning("Removing failed assignment: %s", destination)
            rmtree(destination)
        return
    for notebook in notebooks:
        name = os.path.splitext(os.path.basename(notebook))[0] + converter.exporter.file_extension
        path = os.path.join(destination, name)
        if os.path.exists(path):
            converter.log.warning("Removing failed notebook: %s", path)
            remove(path)


def with_robust_cell_restoring(steps: list) -> list:
    """``Autograde.sanitize_preprocessors`` with nbgrader's ``OverwriteCells`` replaced by
    ``RestoreMissingCells`` (a subclass: the same config applies)."""
    from nbgrader.preprocessors import OverwriteCells

    restoring = _restoring_class()
    return [restoring if step is OverwriteCells else step for step in steps]


@functools.cache
def _restoring_class():
    import nbformat
    from nbgrader import utils
    from nbgrader.preprocessors import OverwriteCells

    for name in ("add_missing_grade_cells", "missing_cell_transform"):
        if not hasattr(OverwriteCells, name):
            raise _changed(f"OverwriteCells (no {name})")

    class RestoreMissingCells(OverwriteCells):
        """Puts each deleted test cell back after the nearest cell of the release that the
        submission still has (at the top if none), in the release's order."""

        def add_missing_grade_cells(self, nb, resources):
            source = self.gradebook.find_notebook(self.notebook_id, self.assignment_id)
            order = [cell.name for cell in source.source_cells]
            cells = {cell.name: cell for cell in source.source_cells}
            grade_cells = {cell.name: cell for cell in source.grade_cells}
            solutions = {cell.name for cell in source.solution_cells}
            for name in order:
                present = {
                    cell.metadata.nbgrader.get("grade_id"): index
                    for index, cell in enumerate(nb.cells)
                    if "nbgrader" in cell.metadata
                    and (utils.is_grade(cell) or utils.is_solution(cell) or utils.is_locked(cell))
                }
                if name not in grade_cells or name in present:
                    continue
                self.log.warning("Missing grade cell %s encountered, adding to notebook", name)
                restored = nbformat.from_dict(
                    self.missing_cell_transform(
                        cells[name], grade_cells[name].max_score, is_solution=name in solutions
                    )
                )
                before = [other for other in order[: order.index(name)] if other in present]
                nb.cells.insert(present[before[-1]] + 1 if before else 0, restored)
            return nb, resources

    return RestoreMissingCells
