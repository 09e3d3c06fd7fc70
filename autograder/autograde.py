"""Grade a class: nbgrader's own ``Autograde`` converter, with execution run in parallel.

``nbgrader autograde`` spends most of its time starting a kernel and importing the scientific
stack for every notebook, and it grades one notebook at a time. ``ParallelAutograde`` is
nbgrader's converter, and its config, step for step, with two changes:

- execution happens in warm, isolated worker processes (``autograder.workers``), several at
  a time, instead of a fresh Jupyter kernel per notebook: each sanitized notebook (nbgrader's
  ``Autograde.sanitize_preprocessors``) becomes a job, and the steps after ``Execute`` in
  ``Autograde.autograde_preprocessors`` run when its outputs come back;
- every gradebook access goes through one connection, in nbgrader's thread of the run, the
  only writer, so parallel grading never meets "database is locked"
  (``nbgrader_adapter.shared_gradebook``).

A notebook that is missing scores 0, as in nbgrader; one that cannot be read (not JSON, not a
notebook) scores 0 and is reported, and the run goes on (docs/decisions.md lists every
deliberate difference from nbgrader).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import queue
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from autograder import integrity, nbgrader_adapter, sandbox, workers
from autograder.course_config import (  # noqa: F401 - part of this module's interface
    GradingError,
    preload_from_config,
    read_config,
    setting,
)
from autograder.settings import GRADING_VARIABLE, SEED_VARIABLE

# Runs jobs, at most ``parallel`` at a time, yielding results in completion order.
Executor = Callable[[Iterable[workers.Job], int], Iterator[workers.JobResult]]


@dataclass
class CellResult:
    """One graded cell of one notebook."""

    grade_id: str
    score: float | None  # None: needs manual grading
    max_score: float
    message: str = ""  # the first line of the error, when the cell failed
    cause: str = ""  # the mistake the failed check named, as a field of its exception


@dataclass
class CellNote:
    """What happened to one code cell on the way, e.g. that it timed out."""

    index: int  # among the notebook's code cells
    cell: str  # what to call it: "the test test-x", "the answer cell f", "the cell `...`"
    text: str  # "timed out after 30 s"
    timed_out: bool = False

    def __str__(self) -> str:
        return f"{self.cell} {self.text}"


@dataclass
class NotebookResult:
    name: str
    cells: list[CellResult] = field(default_factory=list)
    problem: str = ""  # missing, unreadable, ran out of time...
    alterations: list[str] = field(default_factory=list)  # structure changed, then restored
    refused: list[str] = field(default_factory=list)  # what the sandbox refused
    tampering: list[str] = field(default_factory=list)  # cells whose two verdicts disagree
    cell_notes: list[CellNote] = field(default_factory=list)
    ran_out_of_time: float = 0.0  # the wall time the notebook ran over (0: it did not)

    @property
    def notes(self) -> list[str]:
        return self._notes(time_outs=True)

    def notes_besides_time_outs(self) -> list[str]:
        return self._notes(time_outs=False)

    def _notes(self, time_outs: bool) -> list[str]:
        notes = [self.problem] if self.problem else []
        if self.ran_out_of_time and time_outs:
            notes.append(f"ran out of time: the notebook took over {self.ran_out_of_time:g} s")
        notes += [str(note) for note in self.cell_notes if time_outs or not note.timed_out]
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
    failure: str = ""  # why nbgrader's steps failed on it (it has no autograded folder then)

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


def open_course(root: Path, config=None) -> Course:
    """The course in ``root``, with its ``nbgrader_config.py`` (if any), as nbgrader reads it;
    ``config``: that file, if the caller has read it already (``read_config``)."""
    from nbgrader.coursedir import CourseDirectory

    root = Path(root).resolve()
    config = read_config(root) if config is None else config
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
# Steps


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


def cell_label(cell, number: int) -> str:
    """What to call a code cell in a note: by its nbgrader id, or by its first line. (Its
    ``number`` among the code cells is a last resort: JupyterLab shows no such number.)"""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    grade_id = meta.get("grade_id")
    if grade_id and meta.get("solution"):
        return f"the answer cell {grade_id}"
    if grade_id and meta.get("grade"):
        return f"the test {grade_id}"
    lines = [line.strip() for line in cell.get("source", "").splitlines() if line.strip()]
    if lines:
        first = lines[0] if len(lines[0]) <= 60 else lines[0][:57] + "..."
        return f"the cell `{first}`"
    return f"code cell {number}"


def _cell_notes(nb, result) -> list[CellNote]:
    code_cells = [cell for cell in nb.cells if cell.cell_type == "code"]
    notes = []
    for index, text in result.cell_notes:
        cell = code_cells[index] if 0 <= index < len(code_cells) else {}
        notes.append(CellNote(index, cell_label(cell, index + 1), text, index in result.timed_out))
    return notes


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


def _cell_results(
    gradebook, assignment: str, student: str, name: str, nb=None, causes=None
) -> list[CellResult]:
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
        cause = (causes or {}).get(grade.name, "") if message else ""
        results.append(CellResult(grade.name, grade.auto_score, grade.max_score, message, cause))
    listed = {result.grade_id for result in results}
    for grade in grades:  # task cells: graded by hand, counted in the maximum
        if grade.name not in listed:
            results.append(CellResult(grade.name, grade.auto_score, grade.max_score))
    return results


def _write_atomically(nb, path: Path) -> None:
    """A reader (or a rerun after a crash) sees the old notebook or the new one, never half."""
    temporary = path.with_name(f".{path.name}.partial")
    nbformat.write(nb, temporary)
    os.replace(temporary, path)


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


def _cell_settings(course: Course) -> dict[str, float]:
    """Per-test time limits from ``c.Autograder.cell_seconds = {"test-x": 60}`` in the config."""
    value = setting(course, "Autograder", "cell_seconds", {})
    return {str(k): float(v) for k, v in dict(value).items()}


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
    execute = setting(course, "Execute", "timeout", "unset")
    if "cell_seconds" not in overrides and execute != "unset":
        # nbgrader's own setting, from the config or --Execute.timeout (None or <= 0: no limit
        # but the notebook's)
        wall = float(overrides.get("wall_seconds", sandbox.Limits.wall_seconds))
        cell = float(execute) if execute is not None and float(execute) > 0 else wall
        overrides["cell_seconds"] = cell
        overrides["wall_seconds"] = max(wall, cell)
    return sandbox.Limits(**overrides)


def private_paths(course: Course) -> list[str]:
    """What a submission must not see: every student's files, the gradebook, the source with
    its hidden tests, grading records, the class's grades. Hidden from each job by the
    sandbox."""
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
    # The class's scores: the grader's reports and nbgrader's export (`make export`).
    paths.append(str(course.root / "grades"))
    export = setting(course, "CsvExportPlugin", "to", "grades.csv")
    if isinstance(export, str) and export:
        paths.append(str(course.root / export))
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


# --------------------------------------------------------------------------------------
# The run: nbgrader's Autograde converter, with execution handed to the workers


@dataclass
class _Plan:
    """What every notebook's job shares, and the queues between the two sides of the run."""

    env: dict[str, str]
    test_env: dict[str, str]
    limits: sandbox.Limits
    cell_settings: dict[str, float]
    hidden: list[str]
    preload: list[str]
    only: set[str] | None  # --students
    on_result: Callable[[SubmissionResult], None] | None
    jobs: queue.Queue  # bounded: nbgrader's loop sanitizes only a little ahead of the workers
    results: queue.Queue
    stopping: threading.Event = field(default_factory=threading.Event)

    def send(self, job) -> None:
        """Queue ``job`` (``None``: no more) for the executor; give up if the run is stopping,
        when nobody will take it."""
        while not self.stopping.is_set():
            try:
                self.jobs.put(job, timeout=0.1)
                return
            except queue.Full:
                continue


@dataclass
class _Submission:
    """One submission in flight: the notebooks whose jobs are out, and what came back."""

    assignment: str
    student: str
    started: float
    notebooks: list[str] = field(default_factory=list)  # paths nbgrader converts
    pending: dict[str, Any] = field(default_factory=dict)  # name -> sanitized notebook
    results: dict[str, NotebookResult] = field(default_factory=dict)
    alterations: dict[str, list[str]] = field(default_factory=dict)
    converted: bool = False  # nbgrader's loop is done with it
    failure: str = ""


_DONE = object()  # no more results will come


def _converter_class():
    from nbgrader.converters import Autograde, BaseConverter, NbGraderException

    class ParallelAutograde(Autograde):
        """nbgrader's ``Autograde``, step for step, except that each sanitized notebook is
        handed to the workers, and the rest of its steps run when its outputs come back."""

        plan: _Plan
        gradebook: Any = None
        stopping = False
        warned_isolation = False

        def start(self) -> None:
            self.submissions: dict[tuple[str, str], _Submission] = {}
            self.finished: list[SubmissionResult] = []
            self.errors: list[tuple[str, str]] = []
            self.outstanding = 0
            super().start()

        # nbgrader's loop, then what is still running ------------------------------------

        def convert_notebooks(self) -> None:
            failure = None
            try:
                super().convert_notebooks()
            except NbGraderException as error:
                failure = error
            finally:
                self.plan.send(None)
            self._collect(block=True)
            if self.errors and failure is None:
                for assignment, student in self.errors:
                    self.log.error(
                        "There was an error processing assignment '%s' for student '%s'",
                        assignment,
                        student,
                    )
                raise NbGraderException("some submissions could not be graded")
            if failure is not None:
                raise failure

        def init_destination(self, assignment_id: str, student_id: str) -> bool:
            if self.plan.only is not None and student_id not in self.plan.only:
                return False
            submission = _Submission(assignment_id, student_id, time.monotonic())
            self.submissions[(assignment_id, student_id)] = submission
            with self._marking_failure(submission):
                if super().init_destination(assignment_id, student_id):
                    return True
            del self.submissions[(assignment_id, student_id)]  # skipped: already autograded
            return False

        def init_assignment(self, assignment_id: str, student_id: str) -> None:
            submission = self.submissions[(assignment_id, student_id)]
            with self._marking_failure(submission):
                super().init_assignment(assignment_id, student_id)
                submission.notebooks = list(self.notebooks)
                converting = {_notebook_name(path) for path in self.notebooks}
                submitted = Path(self._format_source(assignment_id, student_id))
                for notebook in self.gradebook.find_assignment(assignment_id).notebooks:
                    if (
                        notebook.name not in converting
                        and not (submitted / f"{notebook.name}.ipynb").exists()
                    ):
                        submission.results[notebook.name] = NotebookResult(
                            notebook.name, problem="not submitted"
                        )
                self.gradebook.db.commit()

        def convert_single_notebook(self, notebook_filename: str) -> None:
            if self.stopping:
                raise KeyboardInterrupt
            resources = self.init_single_notebook_resources(notebook_filename)
            key = (resources["nbgrader"]["assignment"], resources["nbgrader"]["student"])
            submission = self.submissions[key]
            name = resources["nbgrader"]["notebook"]
            with self._marking_failure(submission):
                self._sanitize(submission, name, notebook_filename, resources)
                self.gradebook.db.commit()
            self._collect(block=False)

        def set_permissions(self, assignment_id: str, student_id: str) -> None:
            submission = self.submissions[(assignment_id, student_id)]
            submission.converted = True
            self._complete_if_done(submission)

        def run_post_convert_hook(self) -> None:
            """Run with ``set_permissions``, once the submission's notebooks are back."""

        # the steps of one notebook ------------------------------------------------------

        def _sanitize(self, submission, name, path, resources) -> None:
            self.log.info("Sanitizing %s", path)
            try:
                nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
                nb = nbformat.convert(nb, 4)
                nbformat.validate(nb)
            except Exception as error:  # noqa: BLE001 - any unreadable file is the student's
                self._unreadable(submission, name, error)
                return
            source = self.gradebook.find_notebook(name, submission.assignment)
            if integrity.is_foreign(nb.cells, source):
                raise GradingError(
                    f"{name}.ipynb is another notebook: none of its nbgrader cells is one of "
                    f"{submission.assignment}/{name}'s"
                )
            submission.alterations[name] = integrity.structure_changes(nb.cells, source)
            integrity.drop_untrusted_metadata(nb.cells, source)
            self._sanitizing = True
            self._init_preprocessors()
            output, resources = self.exporter.from_notebook_node(nb, resources=resources)
            self.write_single_notebook(output, resources)
            nb = nbformat.reads(output, as_version=4)
            _give_restored_cells_ids(nb)
            _require_kernel(nb)
            if not self._executing():
                self._finish(submission, name, nb, None, "")
                return
            submission.pending[name] = nb
            self.outstanding += 1
            destination = Path(self._format_dest(submission.assignment, submission.student))
            plan = self.plan
            self.plan.send(
                _job(
                    (submission.assignment, submission.student),
                    name,
                    nb,
                    destination,
                    plan.env,
                    plan.limits,
                    plan.cell_settings,
                    plan.hidden,
                    plan.test_env,
                    plan.preload,
                )
            )

        def _unreadable(self, submission, name: str, error: BaseException) -> None:
            """Deliberately unlike nbgrader, which fails the submission: the notebook scores 0
            and its feedback says why; the student's other notebooks are graded."""
            reason = _first_line(error).replace("`", "'")
            page = nbformat.v4.new_notebook()
            page.cells.append(
                nbformat.v4.new_markdown_cell(
                    f"# {name}\n\n"
                    f"**Your submission could not be graded:** the file `{name}.ipynb` you "
                    f"submitted is not a notebook that can be read (`{reason}`), so each of its "
                    "tests scores 0. Submit the notebook as JupyterLab saved it, without editing "
                    "the file by other means, or ask your instructor."
                )
            )
            destination = Path(self._format_dest(submission.assignment, submission.student))
            destination.mkdir(parents=True, exist_ok=True)
            _write_atomically(page, destination / f"{name}.ipynb")
            _zero_missing(self.gradebook, submission.assignment, submission.student, name)
            submission.results[name] = NotebookResult(
                name, problem=f"not a valid notebook ({_first_line(error)})"
            )

        def _executing(self) -> bool:
            return bool(self.config.Execute.get("enabled", True))

        def _collect(self, block: bool) -> None:
            """Finish the notebooks whose outputs are back (with ``block``, all of them)."""
            while self.outstanding and (block or not self.plan.results.empty()):
                result = self.plan.results.get()
                if result is _DONE:  # the run was stopped
                    self.outstanding = 0
                    return
                self.outstanding -= 1
                (assignment, student), name = result.key
                submission = self.submissions[(assignment, student)]
                nb = submission.pending.pop(name)
                if not submission.failure:
                    with self._marking_failure(submission, logged=False):
                        failure = result.failure
                        missing = [p for p in result.protections if p.startswith("NOT")]
                        if missing:  # said loudly, once per run, and on every job
                            if not self.warned_isolation:
                                self.warned_isolation = True
                                print(
                                    "WARNING: submissions are NOT fully isolated on this "
                                    "system: " + "; ".join(missing),
                                    file=sys.stderr,
                                )
                            failure = "; ".join([failure, *missing] if failure else missing)
                        self._finish(submission, name, nb, result, failure)
                self._complete_if_done(submission)

        def _finish(self, submission, name, nb, result, failure: str) -> None:
            """nbgrader's autograde steps after ``Execute``, on the worker's outputs
            (``result`` None: not executed)."""
            destination = Path(self._format_dest(submission.assignment, submission.student))
            result = result or workers.JobResult(None, None)
            cells, files, out_of_time = result.cells, result.files, result.ran_out_of_time
            cell_notes = _cell_notes(nb, result)
            if cells is not None or failure:
                reasons = [failure] if failure else []
                if out_of_time:
                    reasons.append(f"the notebook ran over its time limit of {out_of_time:g} s")
                _apply_outputs(nb, cells, "; ".join(reasons + [str(n) for n in cell_notes]))
            self._sanitizing = False
            try:
                self._init_preprocessors()
                resources = self.init_single_notebook_resources(str(destination / f"{name}.ipynb"))
                output, resources = self.exporter.from_notebook_node(nb, resources=resources)
            finally:
                self._sanitizing = True
            self.write_single_notebook(output, resources)
            for relative, contents in sorted(files.items()):
                target = destination / relative
                if target.suffix == ".ipynb" or not target.resolve().is_relative_to(destination):
                    continue
                target.parent.mkdir(parents=True, exist_ok=True)
                if target.is_symlink() or target.exists():
                    target.unlink()
                target.write_bytes(contents)
            self.gradebook.db.commit()
            graded_result = NotebookResult(
                name,
                problem=failure,
                alterations=submission.alterations.get(name, []),
                refused=_refused(cells),
                cell_notes=cell_notes,
                ran_out_of_time=out_of_time,
            )
            graded = nbformat.reads(output, as_version=4)
            causes = {
                grade_id: (cells[index] or {}).get("cause", "")
                for index, (grade_id, _) in _graded_tests(nb).items()
                if cells and index < len(cells)
            }
            graded_result.cells = _cell_results(
                self.gradebook, submission.assignment, submission.student, name, graded, causes
            )
            submission.results[name] = graded_result

        def _init_preprocessors(self) -> None:
            self.exporter._preprocessors = []
            if self._sanitizing:
                steps = nbgrader_adapter.with_robust_cell_restoring(self.sanitize_preprocessors)
            else:
                steps = nbgrader_adapter.without_execution(self.autograde_preprocessors)
            for step in steps:
                self.exporter.register_preprocessor(step)

        # the end of a submission --------------------------------------------------------

        def _complete_if_done(self, submission: _Submission) -> None:
            if submission.pending or not (submission.converted or submission.failure):
                return
            key = (submission.assignment, submission.student)
            if self.submissions.pop(key, None) is None:
                return
            if not submission.failure:
                BaseConverter.set_permissions(self, submission.assignment, submission.student)
                notebooks, self.notebooks = self.notebooks, submission.notebooks
                try:
                    BaseConverter.run_post_convert_hook(self)
                finally:
                    self.notebooks = notebooks
            self._report(submission)

        def _report(self, submission: _Submission) -> None:
            result = SubmissionResult(submission.student, submission.assignment)
            result.failure = submission.failure
            assignment = self.gradebook.find_assignment(submission.assignment)
            for notebook in assignment.notebooks:
                name = notebook.name
                if submission.failure:
                    result.notebooks.append(
                        NotebookResult(name, problem=f"not graded: {submission.failure}")
                    )
                    continue
                notebook_result = submission.results.get(name)
                if notebook_result is None:
                    continue  # not graded in this run (--notebook)
                if not notebook_result.cells:
                    notebook_result.cells = _cell_results(
                        self.gradebook, submission.assignment, submission.student, name
                    )
                result.notebooks.append(notebook_result)
            self.gradebook.db.commit()
            result.seconds = time.monotonic() - submission.started
            self.finished.append(result)
            if self.plan.on_result:
                self.plan.on_result(result)

        @contextlib.contextmanager
        def _marking_failure(self, submission: _Submission, logged: bool = True):
            """A step that raises fails its submission, as in nbgrader; the other submissions'
            notebooks carry on. Inside nbgrader's loop, nbgrader logs and cleans up."""
            try:
                yield
            except Exception as error:
                submission.failure = submission.failure or _first_line(error)
                with contextlib.suppress(Exception):
                    self.gradebook.db.rollback()
                if logged:
                    self._complete_if_done(submission)
                    raise
                self.log.error(
                    "There was an error processing assignment %s for student %s: %s",
                    submission.assignment,
                    submission.student,
                    submission.failure,
                )
                self.errors.append((submission.assignment, submission.student))
                nbgrader_adapter.remove_failed(
                    self, submission.assignment, submission.student, submission.notebooks
                )
            except BaseException:
                submission.failure = submission.failure or "stopped"
                raise

    return ParallelAutograde


def _notebook_name(path: str) -> str:
    return os.path.splitext(os.path.basename(path))[0]


def _require_kernel(nb) -> None:
    """The notebook's kernel must be a Python one that exists here (nbgrader fails the
    submission when its kernel cannot be started; the workers run Python only)."""
    spec = nb.metadata.get("kernelspec") or {}
    name = spec.get("name")
    if not name or name == "python":  # jupyter_client's alias of the native kernel
        return
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        found = KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel:
        raise GradingError(f"No such kernel named {name}") from None
    if found.language.lower() != "python":
        raise GradingError(f"kernel {name} runs {found.language}; the grader runs Python only")


class _OneLineLog(logging.Handler):
    """nbgrader's log for ``python -m autograder grade``: its warnings and errors, one line
    each (no tracebacks: the cause is in the summary and the notebook)."""

    # Said in the run's summary instead (restored cells, missing notebooks), or not news.
    QUIET = (
        "Removing existing assignment",
        "Removing existing notebook",
        "Traceback",
        "Attribute '",
        "Missing grade cell",
        "No submitted file",
    )

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().strip()
        if record.levelno < logging.WARNING or message.startswith(self.QUIET) or not message:
            return
        print(f"{record.levelname.lower()}: {message.splitlines()[0]}", file=sys.stderr)


def grade_assignment(
    course: Course,
    assignment: str,
    students: list[str] | None = None,
    jobs: int | None = None,
    seed: int = 0,
    limits: sandbox.Limits | None = None,
    on_result: Callable[[SubmissionResult], None] | None = None,
    executor: Executor | None = None,
    force: bool | None = True,
    parent=None,
) -> list[SubmissionResult]:
    """Grade every (or the listed) student's submission of ``assignment``.

    This is nbgrader's ``Autograde`` converter with its configuration (``force``,
    ``--notebook``, ``create_student``, ``exclude_overwriting``, permissions, ...); only the
    execution is ours: in parallel, in the sandbox, tests in the grader. Results go to the
    gradebook and ``autograded/`` as ``nbgrader autograde`` writes them; the list returned
    summarises them. ``force=None`` keeps nbgrader's rule (skip what is already autograded
    unless the submission is newer); ``parent`` is the nbgrader app of ``autograde``, whose
    log and config are used. ``executor`` runs the notebooks (default: local warm workers).
    """
    from nbgrader.api import Gradebook, MissingEntry
    from nbgrader.converters import NbGraderException

    nbgrader_adapter.check_version()
    jobs = jobs or os.cpu_count() or 1
    limits = limits or limits_from_config(course)
    cd = course.coursedir
    if parent is None:  # `grade`: say what is wrong before anything runs
        available = find_students(course, assignment)
        unknown = sorted(set(students or []) - set(available))
        if unknown:
            raise GradingError(
                f"no submission of {assignment!r} from {', '.join(unknown)} "
                f"(students with one: {', '.join(available[:10])}"
                f"{' ...' if len(available) > 10 else ''})"
            )
        with Gradebook(course.db_url, cd.course_id) as gradebook:
            try:
                gradebook.find_assignment(assignment)
            except MissingEntry:
                raise GradingError(
                    f"assignment {assignment!r} is not in the gradebook; "
                    f"run `nbgrader generate_assignment {assignment}` first"
                ) from None
    cd.assignment_id = assignment
    env = {GRADING_VARIABLE: "1", "NBGRADER_EXECUTION": "autograde"}
    preload = preload_from_config(course)
    plan = _Plan(
        env=env,  # the notebook's; the seed stays with the tests
        test_env={**env, SEED_VARIABLE: str(seed)},
        limits=limits,
        cell_settings=_cell_settings(course),
        hidden=private_paths(course),
        preload=preload,
        only=set(students) if students else None,
        on_result=on_result,
        jobs=queue.Queue(maxsize=max(1, jobs)),
        results=queue.Queue(),
    )
    config = _converter_config(course.config, force)
    converter = _converter_class()(coursedir=cd, config=config, parent=parent)
    converter.plan = plan
    if parent is None:
        converter.log = logging.getLogger("autograder.nbgrader")
        converter.log.propagate = False
        if not converter.log.handlers:
            converter.log.addHandler(_OneLineLog())
        converter.log.setLevel(logging.INFO)
    if executor is None:
        executor = workers.run_jobs
        workers.start_warming(preload)

    outcome: dict[str, BaseException] = {}

    def nbgrader_side() -> None:
        """nbgrader's loop, and every gradebook access of the run: one thread, one connection."""
        try:
            with Gradebook(course.db_url, cd.course_id) as gradebook, _quiet_nbgrader():
                nbgrader_adapter.persistent_sqlite_journal(gradebook)  # hidden from every job
                converter.gradebook = gradebook
                with nbgrader_adapter.shared_gradebook(gradebook):
                    converter.start()
        except BaseException as error:  # noqa: BLE001 - handed to the caller's thread
            outcome["error"] = error
        finally:
            plan.send(None)

    side = threading.Thread(target=nbgrader_side, name="nbgrader", daemon=True)
    side.start()
    try:
        for result in executor(iter(plan.jobs.get, None), jobs):
            plan.results.put(result)
    except BaseException:
        converter.stopping = True
        plan.stopping.set()
        raise
    finally:
        plan.results.put(_DONE)
        side.join()
    error = outcome.get("error")
    results = sorted(getattr(converter, "finished", []), key=lambda r: r.student)
    if isinstance(error, NbGraderException):
        if not any(result.failure for result in results):
            raise GradingError(_first_line(error))  # not one submission: the run itself
    elif error is not None:
        raise error
    return results


def _converter_config(config, force: bool | None):
    """The course's config, with the grader's deliberate differences from nbgrader's defaults
    (docs/decisions.md): a deleted test cell is put back rather than leaving the submission
    ungraded; ``grade`` regrades what it is given (``--force``)."""
    from traitlets.config import Config

    merged = Config()
    merged.merge(config)
    if "add_missing_cells" not in merged.OverwriteCells:
        merged.OverwriteCells.add_missing_cells = True
    if force is not None:
        merged.BaseConverter.force = force
    return merged


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
