"""The course's command line: ``python -m autograder COMMAND``.

Commands
--------
grade ASSIGNMENT       autograde a class in an nbgrader course directory, in parallel
check NOTEBOOK         self-grade one lesson notebook, no instructor needed
release [LESSON ...]   regenerate the student notebooks in notebooks/ from solutions/
release --check        exit 1 if notebooks/ differs from a fresh release (CI uses it)

Misuse prints one line on stderr and exits with status 2; a failed check exits with 1.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import secrets
import sys
from pathlib import Path

from autograder import release


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
    return parser


def _release(args) -> int:
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
    from autograder import workers

    if args.executor == "dask" and not args.scheduler:
        raise UsageError("--executor dask needs --scheduler ADDRESS (e.g. tcp://host:8786)")
    if args.executor != "dask" and args.scheduler:
        raise UsageError("--scheduler is only used with --executor dask")
    from autograder import autograde, report

    course = autograde.open_course(Path(args.course))
    if args.executor == "local":
        # Imports numpy & co. in the background while we read the rest of the course.
        workers.start_warming(autograde.preload_from_config(course))
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
    executor = _dask_executor(args.scheduler) if args.executor == "dask" else None
    jobs = args.jobs or (executor.default_parallel() if executor else os.cpu_count() or 1)
    try:
        for assignment in args.assignments:
            seed = args.seed
            if seed is None and students:
                seed = autograde.last_seed(course, assignment)  # a regrade keeps the class's seed
            if seed is None:
                seed = secrets.randbelow(2**31)
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
            grades = course.root / "grades"
            csv_path = args.csv or grades / f"{assignment}.csv"
            html_path = args.report or grades / f"{assignment}.html"
            for path in (csv_path, html_path):
                path.parent.mkdir(parents=True, exist_ok=True)
            report.write_csv(results, csv_path)
            report.write_html(results, html_path, f"{assignment}: class report")
            print(f"{assignment}\n{report.format_summary(results)}")
            print(f"\nseed {seed} (regrade with --seed {seed}); ", end="")
            print(f"CSV: {csv_path}; report: {html_path}\n")
    finally:
        if executor is not None:
            executor.close()
    return 0


def _dask_executor(scheduler: str):
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
    return DaskExecutor(scheduler)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt  # so that SIGTERM, like Ctrl-C, stops every job and cleans up


def main(argv: list[str] | None = None) -> int:
    import signal

    from autograder.autograde import GradingError

    with contextlib.suppress(ValueError):  # only the main thread may set handlers
        signal.signal(signal.SIGTERM, _interrupt)
    try:
        args = _parser().parse_args(argv)
        if args.command == "release":
            return _release(args)
        if args.command == "grade":
            return _grade(args)
        if args.command == "check":
            from autograder import selfcheck

            print(selfcheck.format_table(*selfcheck.check_notebook(args.notebook, args.seed)))
            return 0
        raise UsageError("missing command; try `python -m autograder --help`")
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except (release.ReleaseError, GradingError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
