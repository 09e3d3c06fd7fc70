"""The course's command line: ``python -m autograder COMMAND``.

Commands
--------
grade ASSIGNMENT       autograde a class in an nbgrader course directory, in parallel
autograde ASSIGNMENT   the same grading behind `nbgrader autograde`'s own command line and config
check NOTEBOOK         self-grade one lesson notebook, no instructor needed
release [LESSON ...]   regenerate the student notebooks in notebooks/ from solutions/
release --check        exit 1 if notebooks/ differs from a fresh release (CI uses it)
work [--to FOLDER]     copy into work/ the lessons' files it lacks (never overwrites; make lab)

Misuse prints one line on stderr and exits with status 2; a failed check exits with 1.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import secrets
import sys
from pathlib import Path


class UsageError(Exception):
    """A mistake in how the command was called: reported in one line, no traceback."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would print the whole usage block
        raise UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m autograder", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    cmd = commands.add_parser("grade", help="autograde a class, in parallel")
    cmd.add_argument(
        "assignments", nargs="+", metavar="ASSIGNMENT", help="e.g. 01-convolution (one or more)"
    )
    cmd.add_argument("--course", default=".", help="nbgrader course directory (default: .)")
    cmd.add_argument("--students", nargs="+", metavar="STUDENT", help="only these students")
    cmd.add_argument("--student", metavar="STUDENT", help="regrade one student")
    cmd.add_argument(
        "--jobs",
        type=int,
        help="notebooks run at once (default: one per core; with --executor dask: notebooks "
        "in flight, twice the cluster's threads)",
    )
    cmd.add_argument(
        "--executor",
        choices=("local", "dask"),
        default="local",
        help="where the notebooks run: on this machine (default) or on a Dask cluster",
    )
    cmd.add_argument("--scheduler", metavar="ADDRESS", help="Dask scheduler, e.g. tcp://host:8786")
    cmd.add_argument("--seed", type=int, help="seed of the hidden random cases")
    cmd.add_argument(
        "--timeout",
        type=float,
        help="seconds per cell (default 30, or c.Autograder.limits in nbgrader_config.py)",
    )
    cmd.add_argument("--csv", type=Path, help="CSV file (default: grades/ASSIGNMENT.csv)")
    cmd.add_argument("--report", type=Path, help="HTML report (default: grades/ASSIGNMENT.html)")
    cmd = commands.add_parser("check", help="self-grade one lesson notebook")
    cmd.add_argument("notebook", type=Path, metavar="NOTEBOOK")
    cmd.add_argument("--seed", type=int, help="seed of the random cases (default: new)")
    cmd = commands.add_parser("release", help="regenerate notebooks/ from solutions/")
    cmd.add_argument("lessons", nargs="*", metavar="LESSON", help="e.g. 01-convolution")
    cmd.add_argument("--check", action="store_true", help="only report differences")
    cmd = commands.add_parser("work", help="copy into work/ the files of notebooks/ it lacks")
    cmd.add_argument("--to", type=Path, metavar="FOLDER", help="another folder than work/")
    return parser


def _release(args) -> int:
    from autograder import release

    if args.check:
        if args.lessons:
            raise UsageError("release --check always checks every lesson; drop the lesson names")
        problems = release.check_release()
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print("notebooks/ is out of date: run `make release`", file=sys.stderr)
            return 1
        print("notebooks/ is in sync with solutions/")
        return 0
    unknown = sorted(set(args.lessons) - set(release.lesson_names()))
    if unknown:
        raise UsageError(
            f"unknown lesson {', '.join(unknown)}; choose from {', '.join(release.lesson_names())}"
        )
    written = release.release(args.lessons or None)
    print(f"released {len(written)} lesson(s) to notebooks/: {', '.join(written)}")
    return 0


def _grade(args) -> int:
    from autograder import course_config, workers

    if args.executor == "dask" and not args.scheduler:
        raise UsageError("--executor dask needs --scheduler ADDRESS (e.g. tcp://host:8786)")
    if args.executor != "dask" and args.scheduler:
        raise UsageError("--scheduler is only used with --executor dask")
    # Only the config is read first: the warm workers import numpy & co. in the background
    # while this process imports nbformat, nbgrader and reads the course.
    config = course_config.read_config(Path(args.course))
    if args.executor == "local":
        workers.start_warming(course_config.preload_from_config(config))
    from autograder import autograde, report

    course = autograde.open_course(Path(args.course), config)
    from autograder.progress import Progress

    if args.jobs is not None and args.jobs < 1:
        raise UsageError(f"--jobs must be at least 1, got {args.jobs}")
    if args.timeout is not None and args.timeout <= 0:
        raise UsageError(f"--timeout must be positive, got {args.timeout:g}")
    if args.student and args.students:
        raise UsageError("give either --student or --students, not both")
    if len(args.assignments) > 1 and (args.csv or args.report):
        raise UsageError("--csv and --report name one file: grade one assignment with them")
    students = [args.student] if args.student else args.students
    limits = autograde.limits_from_config(course)
    if args.timeout is not None:
        limits = dataclasses.replace(limits, cell_seconds=args.timeout)
    totals = {
        assignment: len(students or autograde.find_students(course, assignment))
        for assignment in args.assignments
    }
    executor = None
    if args.executor == "dask":
        executor = _dask_executor(args.scheduler, autograde.preload_from_config(config))
    jobs = args.jobs or (executor.default_parallel() if executor else os.cpu_count() or 1)
    failed: list = []
    try:
        for assignment in args.assignments:
            seed = args.seed
            if seed is None and students:
                seed = autograde.last_seed(course, assignment)  # a regrade keeps the class's seed
            if seed is None:
                seed = secrets.randbelow(2**31)
            # Named before the run, so that an interrupted run can be finished with its seed.
            print(f"grading {assignment} with seed {seed} (reproduce with --seed {seed})")
            sys.stdout.flush()
            progress = Progress(totals[assignment], f"grading {assignment}")
            results = autograde.grade_assignment(
                course,
                assignment,
                students=students,
                jobs=jobs,
                seed=seed,
                limits=limits,
                on_result=lambda result, progress=progress: progress.advance(),
                executor=executor,
            )
            autograde.write_run_record(course, assignment, seed, results)
            failed += [r for r in results if r.failure]
            everyone, missing, exercises = class_results(course, assignment, results)
            grades = course.root / "grades"
            csv_path = args.csv or grades / f"{assignment}.csv"
            html_path = args.report or grades / f"{assignment}.html"
            for path in (csv_path, html_path):
                path.parent.mkdir(parents=True, exist_ok=True)
            report.write_csv(everyone, csv_path, missing)
            report.write_html(
                everyone, html_path, f"{assignment}: class report", missing, exercises
            )
            regraded = f" (regraded: {', '.join(r.student for r in results)})" if students else ""
            print(f"{assignment}{regraded}\n{report.format_summary(everyone, missing, exercises)}")
            print(f"\nseed {seed} (regrade with --seed {seed}); ", end="")
            print(f"CSV: {csv_path}; report: {html_path}\n")
    finally:
        if executor is not None:
            executor.close()
    for result in failed:  # as nbgrader: the others are graded, the run exits with 1
        print(
            f"error: {result.assignment} of {result.student} was not graded: {result.failure}",
            file=sys.stderr,
        )
    return 1 if failed else 0


def _results_path(course, assignment: str) -> Path:
    return course.root / "grading_runs" / f"{assignment}.results.json"


def _load_results(path: Path) -> dict:
    """The class's latest results as saved by ``class_results`` (empty if none or unreadable)."""
    from autograder.autograde import CellResult, NotebookResult, SubmissionResult

    def known(cls, data: dict) -> dict:
        names = {f.name for f in dataclasses.fields(cls)}
        return {key: value for key, value in data.items() if key in names}

    try:
        saved = json.loads(path.read_text())
        results = {}
        for student, data in saved.items():
            notebooks = []
            for notebook in data.get("notebooks", []):
                cells = [CellResult(**known(CellResult, c)) for c in notebook.get("cells", [])]
                notebook = known(NotebookResult, notebook)
                notebook["cells"] = cells
                notebooks.append(NotebookResult(**notebook))
            data = known(SubmissionResult, data)
            data["notebooks"] = notebooks
            results[student] = SubmissionResult(**data)
        return results
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def class_results(course, assignment: str, results) -> tuple[list, list[str], list[str]]:
    """The whole class after a run: (results, students without a submission, exercises).

    A run's results replace those of the same students from earlier runs (saved in
    ``grading_runs/ASSIGNMENT.results.json``), so regrading one student keeps the others.
    Every score is the gradebook's, where a manual grade (formgrader) wins over the
    autograder's. Students of the gradebook with no submission are returned by name; a
    submission graded only by ``nbgrader autograde`` appears with its scores, without causes.
    """
    from nbgrader.api import Gradebook, MissingEntry

    from autograder.autograde import CellResult, NotebookResult, SubmissionResult

    path = _results_path(course, assignment)
    saved = _load_results(path)
    saved.update({result.student: result for result in results})
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")  # two graders may save at once
    temporary.write_text(
        json.dumps({s: dataclasses.asdict(r) for s, r in sorted(saved.items())}, indent=1)
    )
    os.replace(temporary, path)

    everyone, missing = [], []
    with Gradebook(course.db_url, course.coursedir.course_id) as gradebook:
        notebooks = gradebook.find_assignment(assignment).notebooks
        exercises = [cell.name for nb in notebooks for cell in nb.solution_cells]
        students = sorted({s.id for s in gradebook.students} | set(saved))
        for student in students:
            try:
                submission = gradebook.find_submission(assignment, student)
            except MissingEntry:
                if student in saved:  # graded, then removed from the gradebook
                    everyone.append(saved[student])
                else:
                    missing.append(student)
                continue
            final = {}
            for notebook in submission.notebooks:
                for grade in notebook.grades:
                    score = grade.auto_score
                    if grade.manual_score is not None:
                        score = grade.manual_score
                    if score is not None and grade.extra_credit:
                        score += grade.extra_credit
                    final[(notebook.name, grade.name)] = score
            result = saved.get(student)
            if result is None:
                result = SubmissionResult(student, assignment)
                for notebook in submission.notebooks:
                    cells = [CellResult(g.name, None, g.max_score) for g in notebook.grades]
                    result.notebooks.append(NotebookResult(notebook.name, cells))
            for notebook in result.notebooks:
                for cell in notebook.cells:
                    if (notebook.name, cell.grade_id) in final:
                        cell.score = final[(notebook.name, cell.grade_id)]
            everyone.append(result)
    return everyone, missing, exercises


def _dask_executor(scheduler: str, preload: list[str]):
    """Connect to the cluster (GradingError in one line if it cannot be reached)."""
    import logging

    try:
        from autograder.dask_executor import DaskExecutor
    except ImportError as error:  # distributed is an optional dependency
        raise UsageError(f"--executor dask needs the distributed package ({error})") from None
    # Dask logs connection retries and lost connections (with tracebacks); the outcome is
    # reported here in one line. Its config gives some loggers levels of their own.
    for name in ["distributed", "dask", *logging.root.manager.loggerDict]:
        if name.split(".")[0] in ("distributed", "dask"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    return DaskExecutor(scheduler, preload=preload)


def autograde_command(argv: list[str]) -> int:
    """``python -m autograder autograde ...``: ``nbgrader autograde``'s command line and config,
    read by nbgrader's own app (every flag, alias and ``--Class.trait=value``), with the
    grading done here. Exit status as nbgrader's: 1 when a submission could not be graded."""
    from nbgrader.apps.autogradeapp import AutogradeApp
    from nbgrader.apps.baseapp import NbGrader

    from autograder import autograde

    class ParallelAutogradeApp(AutogradeApp):
        def start(self) -> None:
            NbGrader.start(self)
            if len(self.extra_args) > 1:
                self.fail("Only one argument (the assignment id) may be specified")
            elif len(self.extra_args) == 1 and self.coursedir.assignment_id != "":
                self.fail("The assignment cannot both be specified in config and as an argument")
            elif len(self.extra_args) == 0 and self.coursedir.assignment_id == "":
                self.fail(
                    "An assignment id must be specified, either as an argument or with --assignment"
                )
            elif len(self.extra_args) == 1:
                self.coursedir.assignment_id = self.extra_args[0]
            course = autograde.Course(Path(self.coursedir.root), self.config, self.coursedir)
            seed = autograde.setting(course, "Autograder", "seed", None)
            seed = secrets.randbelow(2**31) if seed is None else int(seed)
            try:
                results = autograde.grade_assignment(
                    course, self.coursedir.assignment_id, seed=seed, force=None, parent=self
                )
            except autograde.GradingError as error:
                self.fail(str(error))
            if results:
                autograde.write_run_record(course, self.coursedir.assignment_id, seed, results)
            if any(result.failure for result in results):
                sys.exit(1)

    app = ParallelAutogradeApp()
    try:
        app.initialize(argv)
        app.start()
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    return 0


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt  # so that SIGTERM, like Ctrl-C, stops every job and cleans up


def main(argv: list[str] | None = None) -> int:
    import signal

    from autograder.course_config import GradingError

    with contextlib.suppress(ValueError):  # only the main thread may set handlers
        signal.signal(signal.SIGTERM, _interrupt)
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv[:1] == ["autograde"]:
            return autograde_command(argv[1:])
        args = _parser().parse_args(argv)
        if args.command == "release":
            return _release(args)
        if args.command == "grade":
            return _grade(args)
        if args.command == "work":
            from autograder import release

            copied = release.copy_to_work(args.to)
            if copied:
                folder = args.to or release.WORK_DIR
                print(f"copied to {folder}/: {', '.join(map(str, copied))}")
            return 0
        if args.command == "check":
            from autograder import selfcheck

            print(selfcheck.format_table(*selfcheck.check_notebook(args.notebook, args.seed)))
            return 0
        raise UsageError("missing command; try `python -m autograder --help`")
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except Exception as error:
        # release is imported only by the commands that use it (grading starts faster)
        release = sys.modules.get("autograder.release")
        if isinstance(error, GradingError) or (release and isinstance(error, release.ReleaseError)):
            print(f"error: {error}", file=sys.stderr)
            return 1
        raise
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
