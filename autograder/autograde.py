"""Grade a class: nbgrader's own steps, with the slow part replaced and run in parallel.

``nbgrader autograde`` spends most of its time starting a kernel and importing the scientific
stack for every notebook, and it grades one notebook at a time. This module runs the same
steps, in the same order, with nbgrader's own preprocessors, and changes two things:

- execution happens in warm, isolated worker processes (``autograder.workers``), several at
  a time, instead of a fresh Jupyter kernel per notebook;
- every gradebook access goes through one connection in this (parent) process, which is the
  only writer, so parallel grading never meets "database is locked".

Per submission, in order (as ``nbgrader autograde``):

1. create the student and the submission in the gradebook (with ``timestamp.txt``);
2. copy the submitted files, then the source files, into ``autograded/<student>/<assignment>/``;
3. sanitize each notebook: ``ClearOutput``, ``DeduplicateIds``, ``OverwriteKernelspec``,
   ``OverwriteCells`` (missing grade cells added back), ``CheckCellMetadata``;
4. execute it (in a worker);
5. ``IgnorePattern``, ``ClearMetadataPreprocessor``, ``LimitOutput``, ``SaveAutoGrades``,
   ``AssignLatePenalties``, ``CheckCellMetadata``; then write the autograded notebook, which
   ``nbgrader generate_feedback`` and formgrader read as usual.

A notebook that is missing scores 0, as in nbgrader; one that cannot be read (not JSON, not a
notebook) scores 0 and is reported, and the run goes on.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from autograder import integrity, sandbox, workers
from autograder.settings import GRADING_VARIABLE, SEED_VARIABLE

# Runs jobs, at most ``parallel`` at a time, yielding results in completion order.
Executor = Callable[[Iterable[workers.Job], int], Iterator[workers.JobResult]]


class GradingError(Exception):
    """The run cannot start (unknown assignment, no submissions...): one line for the user."""


@dataclass
class CellResult:
    """One graded cell of one notebook."""

    grade_id: str
    score: float | None  # None: needs manual grading
    max_score: float
    message: str = ""  # the first line of the error, when the cell failed


@dataclass
class NotebookResult:
    name: str
    cells: list[CellResult] = field(default_factory=list)
    problem: str = ""  # missing, unreadable, timed out...
    alterations: list[str] = field(default_factory=list)  # structure changed, then restored
    refused: list[str] = field(default_factory=list)  # what the sandbox refused
    tampering: list[str] = field(default_factory=list)  # cells whose two verdicts disagree

    @property
    def notes(self) -> list[str]:
        notes = [self.problem] if self.problem else []
        notes += [f"tampering suspected: {text}" for text in self.tampering]
        notes += self.refused + self.alterations
        return notes

    @property
    def score(self) -> float:
        return sum(cell.score or 0.0 for cell in self.cells)

    @property
    def max_score(self) -> float:
        return sum(cell.max_score for cell in self.cells)


@dataclass
class SubmissionResult:
    student: str
    assignment: str
    notebooks: list[NotebookResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def score(self) -> float:
        return sum(notebook.score for notebook in self.notebooks)

    @property
    def max_score(self) -> float:
        return sum(notebook.max_score for notebook in self.notebooks)

    @property
    def problems(self) -> list[str]:
        return [f"{nb.name}: {note}" for nb in self.notebooks for note in nb.notes]

    @property
    def tampering_suspected(self) -> bool:
        return any(nb.tampering for nb in self.notebooks)


# --------------------------------------------------------------------------------------
# The course directory


@dataclass
class Course:
    """An nbgrader course directory and its configuration."""

    root: Path
    config: object
    coursedir: object

    @property
    def db_url(self) -> str:
        return self.coursedir.db_url


def open_course(root: Path) -> Course:
    """Read ``nbgrader_config.py`` in ``root`` (if any), as nbgrader does."""
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    root = Path(root).resolve()
    if not root.is_dir():
        raise GradingError(f"course directory {root} does not exist")
    config = Config()
    if (root / "nbgrader_config.py").is_file():
        try:
            config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
        except Exception as error:  # the instructor's config file: say what is wrong
            raise GradingError(f"cannot read {root / 'nbgrader_config.py'}: {error}") from None
    coursedir = CourseDirectory(config=config)
    coursedir.root = str(root)
    return Course(root, config, coursedir)


def find_students(course: Course, assignment: str) -> list[str]:
    """Students who submitted a notebook for this assignment, sorted.

    As in nbgrader, a folder without any notebook is no submission.
    """
    submitted = Path(course.coursedir.format_path(course.coursedir.submitted_directory, ".", "."))
    if not submitted.is_dir():
        raise GradingError(f"no submissions folder: {submitted} does not exist")
    students = sorted(
        p.name
        for p in submitted.iterdir()
        if p.is_dir() and (p / assignment).is_dir() and any((p / assignment).glob("*.ipynb"))
    )
    if not students:
        raise GradingError(f"no submissions for {assignment!r} in {submitted}")
    return students


# --------------------------------------------------------------------------------------
# One gradebook connection for the whole run


class _NoCommitSession:
    """The shared session, with commits deferred to the end of each submission."""

    def __init__(self, session) -> None:
        self._session = session

    def commit(self) -> None:
        self._session.flush()

    def __getattr__(self, name):
        return getattr(self._session, name)


class _BorrowedGradebook:
    """What nbgrader's preprocessors get instead of opening their own ``Gradebook``."""

    def __init__(self, gradebook) -> None:
        self._gradebook = gradebook
        self.db = _NoCommitSession(gradebook.db)

    def __getattr__(self, name):
        return getattr(self._gradebook, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> bool:
        return False  # the connection stays open for the next notebook


_PREPROCESSOR_MODULES = (
    "nbgrader.preprocessors.overwritecells",
    "nbgrader.preprocessors.overwritekernelspec",
    "nbgrader.preprocessors.saveautogrades",
    "nbgrader.preprocessors.latesubmissions",
)


class _CachedJsonSchema:
    """``jsonschema.validate`` without re-checking the (constant) schema on every call.

    nbgrader's ``CheckCellMetadata`` validates each cell's metadata with
    ``jsonschema.validate``, which first validates the schema itself: 45 ms per notebook,
    a third of the parent's time. The verdict is the same; only the schema check is cached.
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
def _shared_gradebook(gradebook) -> Iterator[None]:
    """Let nbgrader's preprocessors use our one connection instead of opening one each, and
    validate cell metadata with a cached schema validator."""
    import importlib

    borrowed = _BorrowedGradebook(gradebook)
    modules = [importlib.import_module(name) for name in _PREPROCESSOR_MODULES]
    originals = [module.Gradebook for module in modules]
    for module in modules:
        module.Gradebook = lambda *args, **kwargs: borrowed
    metadata = importlib.import_module("nbgrader.nbgraderformat.common")
    original_jsonschema = metadata.jsonschema
    metadata.jsonschema = _CACHED_JSONSCHEMA
    try:
        yield
    finally:
        for module, original in zip(modules, originals):
            module.Gradebook = original
        metadata.jsonschema = original_jsonschema


# --------------------------------------------------------------------------------------
# Steps


@dataclass
class _Prepared:
    """A submission ready to execute: its notebooks, sanitized, and where they go."""

    student: str
    destination: Path
    notebooks: dict[str, nbformat.NotebookNode]  # name -> sanitized notebook
    results: dict[str, NotebookResult]  # name -> result (filled for unusable notebooks)
    started: float
    alterations: dict[str, list[str]] = field(default_factory=dict)  # name -> changes


def _preprocessors(course: Course, classes) -> list:
    return [cls(config=course.config) for cls in classes]


def _sanitizers(course: Course) -> list:
    from nbgrader.preprocessors import (
        CheckCellMetadata,
        ClearOutput,
        DeduplicateIds,
        OverwriteCells,
        OverwriteKernelspec,
    )

    steps = _preprocessors(
        course,
        [ClearOutput, DeduplicateIds, OverwriteKernelspec, OverwriteCells, CheckCellMetadata],
    )
    # A deleted test cell is put back rather than leaving the submission ungraded forever.
    steps[3].add_missing_cells = True
    return steps


def _finishers(course: Course) -> list:
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import (
        AssignLatePenalties,
        CheckCellMetadata,
        IgnorePattern,
        LimitOutput,
        SaveAutoGrades,
    )

    return _preprocessors(
        course,
        [
            IgnorePattern,
            ClearMetadataPreprocessor,
            LimitOutput,
            SaveAutoGrades,
            AssignLatePenalties,
            CheckCellMetadata,
        ],
    )


def _resources(course: Course, assignment: str, student: str, notebook: str, path: Path) -> dict:
    return {
        "nbgrader": {
            "student": student,
            "assignment": assignment,
            "notebook": notebook,
            "db_url": course.db_url,
        },
        "metadata": {"name": notebook, "path": str(path)},
        "unique_key": notebook,
    }


def _prepare(course: Course, gradebook, assignment: str, student: str, sanitizers) -> _Prepared:
    started = time.monotonic()
    cd = course.coursedir
    submitted = Path(cd.format_path(cd.submitted_directory, student, assignment))
    destination = Path(cd.format_path(cd.autograded_directory, student, assignment))
    source = Path(cd.format_path(cd.source_directory, ".", assignment))

    _ensure_student(gradebook, student)
    timestamp = cd.get_existing_timestamp(str(submitted))
    if timestamp:
        gradebook.update_or_create_submission(assignment, student, timestamp=timestamp)
    else:
        gradebook.update_or_create_submission(assignment, student)

    if destination.exists():
        shutil.rmtree(destination)
    shutil.copytree(submitted, destination, ignore=shutil.ignore_patterns(*cd.ignore))
    if source.is_dir():  # master copies of the other files win over the student's
        for path in source.rglob("*"):
            if path.is_file() and path.suffix != ".ipynb" and not _ignored(path, cd.ignore):
                target = destination / path.relative_to(source)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(path, target)

    notebooks, results, alterations = {}, {}, {}
    for notebook in gradebook.find_assignment(assignment).notebooks:
        name = notebook.name
        path = submitted / f"{name}.ipynb"
        if not path.is_file():
            results[name] = NotebookResult(name, problem="not submitted")
            continue
        try:
            nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
            nb = nbformat.convert(nb, 4)
            nbformat.validate(nb)
        except Exception as error:  # noqa: BLE001 - any unreadable file is the student's
            results[name] = NotebookResult(
                name, problem=f"not a valid notebook ({_first_line(error)})"
            )
            continue
        changes = integrity.structure_changes(nb.cells, notebook)
        integrity.drop_untrusted_metadata(nb.cells, notebook)
        resources = _resources(course, assignment, student, name, destination)
        try:
            for step in sanitizers:
                nb, resources = step(nb, resources)  # honours each step's `enabled` flag
        except Exception as error:  # noqa: BLE001 - e.g. metadata nbgrader cannot repair
            results[name] = NotebookResult(
                name, problem=f"not gradable ({_first_line(error)})", alterations=changes
            )
            continue
        _give_restored_cells_ids(nb)
        notebooks[name] = nb
        alterations[name] = changes
    return _Prepared(student, destination, notebooks, results, started, alterations)


def _ensure_student(gradebook, student: str) -> None:
    """``update_or_create_student``, when another grader may add the same student at the same
    moment (two graders on one PostgreSQL gradebook): the second insert fails on the unique key,
    nbgrader rolls it back, and the retry finds the student. nbgrader logs that rollback with
    a traceback; as the retry handles it, the first attempt's log is kept quiet."""
    from nbgrader.api import InvalidEntry
    from tornado.log import app_log  # where nbgrader logs a rollback

    def quiet(record) -> bool:
        return not record.getMessage().startswith("Rolling back session")

    app_log.addFilter(quiet)
    try:
        gradebook.update_or_create_student(student)
        return
    except InvalidEntry:
        pass
    finally:
        app_log.removeFilter(quiet)
    gradebook.update_or_create_student(student)


def _give_restored_cells_ids(nb) -> None:
    """nbgrader puts a deleted test cell back without an id, which nbformat (4.5 and later)
    warns about whenever the notebook is validated or written."""
    from nbformat.corpus.words import generate_corpus_id

    if (nb.nbformat, nb.nbformat_minor) < (4, 5):
        return
    taken = {cell.get("id") for cell in nb.cells}
    for cell in nb.cells:
        while "id" not in cell:
            candidate = generate_corpus_id()
            if candidate not in taken:
                cell["id"] = candidate
                taken.add(candidate)


def _ignored(path: Path, patterns: list[str]) -> bool:
    import fnmatch

    return any(fnmatch.fnmatch(part, pattern) for part in path.parts for pattern in patterns)


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0][:200] if text else type(error).__name__


def _zero_missing(gradebook, assignment: str, student: str, name: str) -> None:
    """nbgrader's rule for a notebook it cannot grade: every grade cell scores 0."""
    submission = gradebook.find_submission_notebook(name, assignment, student)
    for grade in submission.grades:
        grade.auto_score = 0
        grade.needs_manual_grade = False


def _error_output(message: str):
    return nbformat.v4.new_output(
        "error", ename="GradingError", evalue=message, traceback=[f"GradingError: {message}"]
    )


def _apply_outputs(nb, cells: list[dict | None] | None, failure: str) -> None:
    """Put the worker's outputs into the notebook; a cell that never ran shows why."""
    code_cells = [cell for cell in nb.cells if cell.cell_type == "code"]
    cells = cells or []
    for index, cell in enumerate(code_cells):
        ran = cells[index] if index < len(cells) else None
        if ran is not None:
            cell.execution_count = ran.get("execution_count")
            cell.outputs = [nbformat.from_dict(output) for output in ran["outputs"]]
        else:
            cell.execution_count = None
            reason = failure or "the notebook stopped early"
            cell.outputs = [_error_output(f"this cell did not run: {reason}")]


def _graded_tests(nb) -> dict[int, tuple[str, object]]:
    """Autograded test cells by index among code cells: {index: (grade_id, cell)}."""
    from nbgrader import utils

    tests = {}
    code_cells = [cell for cell in nb.cells if cell.cell_type == "code"]
    for index, cell in enumerate(code_cells):
        if utils.is_grade(cell) and not utils.is_solution(cell):
            tests[index] = (cell.metadata["nbgrader"]["grade_id"], cell)
    return tests


def _refused(cells: list[dict | None] | None) -> list[str]:
    refused: list[str] = []
    for cell in cells or []:
        for event in (cell or {}).get("guard", []) or []:
            if str(event) not in refused:
                refused.append(str(event))
    return refused


def _cell_results(gradebook, assignment: str, student: str, name: str, nb=None) -> list[CellResult]:
    """Each graded cell's score as saved in the gradebook, with the first line of its error.

    With the graded notebook, cells come in its order and carry their messages; without one
    (a notebook that was not graded), in the gradebook's order.
    """
    from nbgrader import utils

    grades = gradebook.find_submission_notebook(name, assignment, student).grades
    if nb is None:
        return [CellResult(grade.name, grade.auto_score, grade.max_score) for grade in grades]
    saved = {grade.name: grade for grade in grades}
    results = []
    for cell in nb.cells:
        if not utils.is_grade(cell):
            continue
        grade = saved[cell["metadata"]["nbgrader"]["grade_id"]]
        message = ""
        for output in cell.get("outputs", []):
            if output.output_type == "error":
                message = f"{output.ename}: {_first_line(output.evalue) if output.evalue else ''}"
                break
            if output.output_type == "stream" and output.name == "stderr":
                message = f"wrote to stderr: {_first_line(output.text)}"
                break
        results.append(CellResult(grade.name, grade.auto_score, grade.max_score, message))
    return results


def _write_atomically(nb, path: Path) -> None:
    """A reader (or a rerun after a crash) sees the old notebook or the new one, never half."""
    temporary = path.with_name(f".{path.name}.partial")
    nbformat.write(nb, temporary)
    os.replace(temporary, path)


def _finish(
    course: Course,
    gradebook,
    assignment: str,
    prepared: _Prepared,
    job_result,
    finishers,
) -> SubmissionResult:
    student = prepared.student
    result = SubmissionResult(student, assignment)
    for name, nb in prepared.notebooks.items():
        cells, failure = job_result[name]
        try:
            _apply_outputs(nb, cells, failure)
            resources = _resources(course, assignment, student, name, prepared.destination)
            for step in finishers:
                nb, resources = step(nb, resources)  # honours each step's `enabled` flag
            _write_atomically(nb, prepared.destination / f"{name}.ipynb")
        except Exception as error:  # noqa: BLE001 - one bad notebook, never the whole run
            prepared.results[name] = NotebookResult(
                name, problem=f"not gradable ({_first_line(error)})"
            )
            prepared.notebooks[name] = None
            continue
        notebook_result = NotebookResult(
            name,
            problem=f"{failure}" if failure else "",
            alterations=prepared.alterations.get(name, []),
            refused=_refused(cells),
        )
        notebook_result.cells = _cell_results(gradebook, assignment, student, name, nb)
        prepared.results[name] = notebook_result
    for name, notebook_result in prepared.results.items():
        if prepared.notebooks.get(name) is None:
            _zero_missing(gradebook, assignment, student, name)
            notebook_result.cells = _cell_results(gradebook, assignment, student, name)
    order = [nb.name for nb in gradebook.find_assignment(assignment).notebooks]
    # Committed last: no transaction stays open while the next notebooks run (a managed
    # PostgreSQL cuts a session left "idle in transaction").
    gradebook.db.commit()
    result.notebooks = [prepared.results[name] for name in order if name in prepared.results]
    result.seconds = time.monotonic() - prepared.started
    return result


def _job(student, name, nb, destination, env, limits, cell_seconds, hidden, test_env, preload):
    """The worker's job for one notebook: its code, which cells are tests, its time limits."""
    sources = [cell.source for cell in nb.cells if cell.cell_type == "code"]
    tests = _graded_tests(nb)
    points = {
        index: float(cell.metadata["nbgrader"].get("points", 0) or 0)
        for index, (_, cell) in tests.items()
    }
    seconds = {
        index: float(cell_seconds[grade_id])
        for index, (grade_id, _) in tests.items()
        if grade_id in cell_seconds
    }
    return workers.Job(
        (student, name),
        sources,
        str(destination),
        env,
        limits,
        points,
        seconds,
        hidden,
        test_env,
        preload,
    )


def setting(course: Course, section: str, name: str, default):
    """``c.<section>.<name>`` from the course's config, or ``default`` when it is not set."""
    values = course.config.get(section, {})
    return values.get(name, default) if hasattr(values, "get") else default


def _cell_settings(course: Course) -> dict[str, float]:
    """Per-test time limits from ``c.Autograder.cell_seconds = {"test-x": 60}`` in the config."""
    value = setting(course, "Autograder", "cell_seconds", {})
    return {str(k): float(v) for k, v in dict(value).items()}


def preload_from_config(course: Course) -> list[str]:
    """``c.Autograder.preload = ["course.warm"]``: modules the fork server imports once."""
    value = setting(course, "Autograder", "preload", [])
    if isinstance(value, str) or not all(isinstance(name, str) for name in value):
        raise GradingError("c.Autograder.preload must be a list of module names")
    return list(value)


def limits_from_config(course: Course) -> sandbox.Limits:
    """``c.Autograder.limits = {"memory_bytes": ..., "cell_seconds": ...}`` over the defaults."""
    import dataclasses

    overrides = dict(setting(course, "Autograder", "limits", {}))
    known = {f.name for f in dataclasses.fields(sandbox.Limits)}
    unknown = sorted(set(overrides) - known)
    if unknown:
        raise GradingError(
            f"unknown limit(s) in c.Autograder.limits: {', '.join(unknown)} "
            f"(known: {', '.join(sorted(known))})"
        )
    return sandbox.Limits(**overrides)


def private_paths(course: Course) -> list[str]:
    """What a submission must not see: every student's files, the gradebook, the source with
    its hidden tests, grading records. Hidden from each job by the sandbox."""
    cd = course.coursedir
    folders = [
        cd.source_directory,
        cd.submitted_directory,
        cd.autograded_directory,
        cd.feedback_directory,
    ]
    paths = [str(Path(cd.root) / folder) for folder in folders]
    paths.append(str(course.root / "grading_runs"))
    paths.append(str(course.root / ".nbgrader.log"))
    if cd.db_url.startswith("sqlite:///"):
        database = Path(cd.db_url[len("sqlite:///") :])
        database = database if database.is_absolute() else Path(cd.root) / database
        paths += [str(database), f"{database}-journal", f"{database}-wal"]
    exchange = setting(course, "Exchange", "root", None)
    if isinstance(exchange, str) and exchange:
        paths.append(exchange)
    return paths


# --------------------------------------------------------------------------------------
# The run


def grade_assignment(
    course: Course,
    assignment: str,
    students: list[str] | None = None,
    jobs: int | None = None,
    seed: int = 0,
    limits: sandbox.Limits | None = None,
    on_result: Callable[[SubmissionResult], None] | None = None,
    executor: Executor | None = None,
) -> list[SubmissionResult]:
    """Grade every (or the listed) student's submission of ``assignment``.

    Results go to the course's gradebook and ``autograded/`` folder exactly as
    ``nbgrader autograde`` would write them; the list returned summarises them.
    ``executor`` runs the notebooks (default: local warm workers, ``workers.run_jobs``);
    whatever runs them, this process stays the only gradebook writer.
    """
    from nbgrader.api import Gradebook, MissingEntry

    jobs = jobs or os.cpu_count() or 1
    limits = limits or limits_from_config(course)
    available = find_students(course, assignment)
    if students:
        unknown = sorted(set(students) - set(available))
        if unknown:
            raise GradingError(
                f"no submission of {assignment!r} from {', '.join(unknown)} "
                f"(students with one: {', '.join(available[:10])}"
                f"{' ...' if len(available) > 10 else ''})"
            )
    else:
        students = available
    env = {GRADING_VARIABLE: "1"}  # the notebook's; the seed stays with the tests
    test_env = {SEED_VARIABLE: str(seed), GRADING_VARIABLE: "1"}

    with Gradebook(course.db_url, course.coursedir.course_id) as gradebook, _quiet_nbgrader():
        try:
            gradebook.find_assignment(assignment)
        except MissingEntry:
            raise GradingError(
                f"assignment {assignment!r} is not in the gradebook; "
                f"run `nbgrader generate_assignment {assignment}` first"
            ) from None
        gradebook.db.commit()  # ends the read: the fork server may take a while to start
        preload = preload_from_config(course)
        if executor is None:
            executor = workers.run_jobs
            workers.start_warming(preload)
        sanitizers, finishers = _sanitizers(course), _finishers(course)
        settings = _cell_settings(course)
        hidden = private_paths(course)
        prepared: dict[str, _Prepared] = {}
        pending_notebooks: dict[str, dict] = {}
        results: list[SubmissionResult] = []
        warned_isolation: list[bool] = []

        def job_stream():
            for student in students:
                with _shared_gradebook(gradebook):
                    entry = _prepare(course, gradebook, assignment, student, sanitizers)
                gradebook.db.commit()
                prepared[student] = entry
                pending_notebooks[student] = {}
                if not entry.notebooks:
                    yield workers.Job((student, None), [], str(entry.destination), env, limits)
                for name, nb in entry.notebooks.items():
                    yield _job(
                        student,
                        name,
                        nb,
                        entry.destination,
                        env,
                        limits,
                        settings,
                        hidden,
                        test_env,
                        preload,
                    )

        for job_result in executor(job_stream(), jobs):
            student, name = job_result.key
            entry = prepared[student]
            if name is not None:
                failure = job_result.failure
                missing = [p for p in job_result.protections if p.startswith("NOT")]
                if missing:
                    # Said loudly, once per run, and on every job it concerns.
                    if not warned_isolation:
                        warned_isolation.append(True)
                        print(
                            "WARNING: submissions are NOT fully isolated on this system: "
                            + "; ".join(missing),
                            file=sys.stderr,
                        )
                    failure = "; ".join([failure, *missing] if failure else missing)
                pending_notebooks[student][name] = (job_result.cells, failure)
            if set(pending_notebooks[student]) >= set(entry.notebooks):
                with _shared_gradebook(gradebook):
                    result = _finish(
                        course,
                        gradebook,
                        assignment,
                        entry,
                        pending_notebooks.pop(student),
                        finishers,
                    )
                del prepared[student]
                results.append(result)
                if on_result:
                    on_result(result)
    return sorted(results, key=lambda r: r.student)


@contextlib.contextmanager
def _quiet_nbgrader() -> Iterator[None]:
    """nbgrader's gradebook emits SQLAlchemy autoflush warnings on a first submission; they are
    harmless (nbgrader shows them too) and would bury the summary."""
    import warnings

    from sqlalchemy.exc import SAWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SAWarning)
        yield


def write_run_record(course: Course, assignment: str, seed: int, results) -> Path:
    """Append this run (its seed above all) to ``grading_runs/<assignment>.jsonl``."""
    folder = course.root / "grading_runs"
    folder.mkdir(exist_ok=True)
    path = folder / f"{assignment}.jsonl"
    record = {
        "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "assignment": assignment,
        "seed": seed,
        "students": [r.student for r in results],
    }
    with path.open("a") as file:
        file.write(json.dumps(record) + "\n")
    return path


def last_seed(course: Course, assignment: str) -> int | None:
    """The seed of the latest recorded run of ``assignment``, for reproducible regrades."""
    path = course.root / "grading_runs" / f"{assignment}.jsonl"
    if not path.is_file():
        return None
    lines = [line for line in path.read_text().splitlines() if line.strip()]
    try:
        return int(json.loads(lines[-1])["seed"]) if lines else None
    except (ValueError, KeyError):
        return None
