"""`python -m autograder grade`: the same scores as `nbgrader autograde`, written to the same
gradebook, with a report, and clear one-line errors for bad input."""

from __future__ import annotations

import csv
import shutil

import nbformat
import pytest

from course_factory import (
    autograder_cli,
    fill,
    make_course,
    nbgrader,
    released,
    scores,
    solution_sources,
    student_versions,
    submit,
)

LESSON = "01-convolution"
SEED = "777"
# The tests share one expensive class (nbgrader and our grader on the same submissions):
# keep them on one xdist worker so that it is built once.
pytestmark = pytest.mark.xdist_group("graded_twice")

STDERR_CORRELATE = """
import warnings

def correlate2d(image, kernel):
    warnings.warn("a stray warning")  # nbgrader scores a test cell that writes to stderr as 0
    return scipy.signal.correlate2d(image, kernel, mode="valid")
"""
PLOTTING_CORRELATE = """
def correlate2d(image, kernel):
    result = scipy.signal.correlate2d(image, kernel, mode="valid")
    plt.imshow(result)
    plt.show()  # must cost nothing under the grader
    return result
"""


def class_of_submissions(course):
    """Realistic and awkward submissions of lesson 1."""
    versions = student_versions(course, LESSON)
    solutions = solution_sources(LESSON)
    crashing = fill(released(course, LESSON), {"correlate2d": "def correlate2d(image, kernel:\n"})
    extra = fill(released(course, LESSON), solutions)
    extra.cells.insert(3, nbformat.v4.new_code_cell("helper = 41 + 1\nprint('my own cell')"))
    deleted = fill(released(course, LESSON), solutions)
    deleted.cells = [
        c
        for c in deleted.cells
        if c.metadata.get("nbgrader", {}).get("grade_id") != "test-convolve2d-hand"
    ]
    return {
        **versions,
        "crashing": crashing,
        "extra_cells": extra,
        "deleted_test": deleted,
        "stderr": fill(
            fill(released(course, LESSON), solutions), {"correlate2d": STDERR_CORRELATE}
        ),
        "plotting": fill(
            fill(released(course, LESSON), solutions), {"correlate2d": PLOTTING_CORRELATE}
        ),
    }


@pytest.fixture(scope="module")
def graded_twice(tmp_path_factory):
    """The same class graded by nbgrader (one copy) and by our grader (another copy)."""
    base = make_course(tmp_path_factory.mktemp("base") / "course", [LESSON])
    for student, notebook in class_of_submissions(base).items():
        submit(base, student, LESSON, notebook)
    (base / "submitted" / "no_notebook" / LESSON).mkdir(parents=True)
    (base / "submitted" / "no_notebook" / LESSON / "notes.txt").write_text("forgot it")

    by_nbgrader = tmp_path_factory.mktemp("nbgrader") / "course"
    by_us = tmp_path_factory.mktemp("ours") / "course"
    shutil.copytree(base, by_nbgrader)
    shutil.copytree(base, by_us)
    nbgrader(by_nbgrader, "autograde", LESSON, "--create", AUTOGRADER_SEED=SEED)
    run = autograder_cli(by_us, "grade", LESSON, "--seed", SEED, "--jobs", "2")
    assert run.returncode == 0, run.stderr[-2000:]
    return by_nbgrader, by_us, run


@pytest.mark.slow
def test_scores_equal_nbgrader_autograde(graded_twice):
    by_nbgrader, by_us, _ = graded_twice
    ours = scores(by_us, LESSON)
    theirs = scores(by_nbgrader, LESSON)
    assert set(ours) == set(theirs)
    assert ours == theirs
    # and the classes are not trivially equal:
    totals = {student: sum(v or 0 for v in cells.values()) for student, cells in ours.items()}
    assert totals["perfect"] == 6 and totals["blank"] == 0 and totals["mistaken"] == 3
    assert totals["stderr"] < 6 and totals["plotting"] == 6
    assert "no_notebook" not in ours  # a folder without a notebook is no submission


@pytest.mark.slow
def test_feedback_and_export_work_on_our_grades(graded_twice):
    _, by_us, _ = graded_twice
    nbgrader(by_us, "generate_feedback", LESSON)
    feedback = (by_us / "feedback" / "mistaken" / LESSON / f"{LESSON}.html").read_text()
    assert "you flipped the kernel" in feedback
    nbgrader(by_us, "export")
    rows = {row["student_id"]: row for row in csv.DictReader((by_us / "grades.csv").open())}
    assert float(rows["perfect"]["score"]) == 6.0 and float(rows["mistaken"]["score"]) == 3.0


@pytest.mark.slow
def test_summary_report_and_csv(graded_twice):
    _, by_us, run = graded_twice
    assert "correlate2d" in run.stdout and "convolve2d" in run.stdout
    assert f"seed {SEED}" in run.stdout
    table = list(csv.DictReader((by_us / "grades" / f"{LESSON}.csv").open()))
    assert {row["student"] for row in table} >= {"perfect", "blank", "mistaken"}
    report = (by_us / "grades" / f"{LESSON}.html").read_text()
    for part in ("Score distribution", "Pass rate per exercise", "Students × exercises"):
        assert part in report
    assert report.count("<td title='") == len(table) * 2  # a heat-map cell per student and exercise
    assert "20" in (by_us / "grading_runs" / f"{LESSON}.jsonl").read_text()


@pytest.mark.slow
def test_regrading_one_student_reuses_the_class_seed(graded_twice):
    _, by_us, _ = graded_twice
    run = autograder_cli(by_us, "grade", LESSON, "--student", "mistaken")
    assert run.returncode == 0, run.stderr
    assert f"seed {SEED}" in run.stdout
    assert sum(scores(by_us, LESSON)["mistaken"].values()) == 3


@pytest.mark.slow
def test_a_broken_notebook_is_recorded_and_the_run_goes_on(tmp_path):
    course = make_course(tmp_path / "course", [LESSON])
    submit(course, "broken", LESSON, "{ this is not json")
    submit(course, "fine", LESSON, student_versions(course, LESSON)["perfect"])
    run = autograder_cli(course, "grade", LESSON, "--seed", "1")
    assert run.returncode == 0, run.stderr
    assert "broken: 01-convolution: not a valid notebook" in run.stdout
    totals = {s: sum(v or 0 for v in c.values()) for s, c in scores(course, LESSON).items()}
    assert totals == {"broken": 0, "fine": 6}


@pytest.mark.parametrize(
    ("setup", "args", "message"),
    [
        ("course", ("grade", "99-nope"), "no submissions for '99-nope'"),
        ("course", ("grade", LESSON, "--course", "missing-dir"), "does not exist"),
        ("empty", ("grade", LESSON), "no submissions for '01-convolution'"),
        ("course", ("grade", LESSON, "--jobs", "0"), "--jobs must be at least 1"),
        ("course", ("grade",), "the following arguments are required: ASSIGNMENT"),
    ],
)
def test_bad_input_is_one_clear_line(tmp_path, setup, args, message):
    course = tmp_path / "course"
    (course / "submitted").mkdir(parents=True)
    if setup == "course":
        (course / "submitted" / "alice" / LESSON).mkdir(parents=True)
    run = autograder_cli(course, *args)
    assert run.returncode != 0
    lines = run.stderr.strip().splitlines()
    assert "Traceback" not in run.stderr
    assert len(lines) == 1 and message in lines[0], run.stderr


def test_assignment_missing_from_the_gradebook_is_one_clear_line(tmp_path):
    course = tmp_path / "course"
    (course / "submitted" / "alice" / LESSON).mkdir(parents=True)
    (course / "submitted" / "alice" / LESSON / f"{LESSON}.ipynb").write_text("{}")
    run = autograder_cli(course, "grade", LESSON)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert run.stderr.strip() == (
        f"error: assignment '{LESSON}' is not in the gradebook; "
        f"run `nbgrader generate_assignment {LESSON}` first"
    )


def test_course_limits_and_per_test_time_limits_come_from_the_config(tmp_path):
    from autograder.autograde import (
        GradingError,
        _cell_settings,
        limits_from_config,
        open_course,
    )

    (tmp_path / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        'c.Autograder.limits = {"cell_seconds": 7, "memory_bytes": 2 * 1024**3}\n'
        'c.Autograder.cell_seconds = {"test-correlate2d-random": 90}\n'
    )
    course = open_course(tmp_path)
    limits = limits_from_config(course)
    assert (limits.cell_seconds, limits.memory_bytes) == (7, 2 * 1024**3)
    assert _cell_settings(course) == {"test-correlate2d-random": 90.0}
    (tmp_path / "nbgrader_config.py").write_text(
        'c = get_config()\nc.Autograder.limits = {"memory": 1}\n'
    )
    with pytest.raises(GradingError, match="unknown limit"):
        limits_from_config(open_course(tmp_path))


def test_a_graded_notebook_is_written_with_an_id_for_every_cell(tmp_path):
    """nbgrader puts a deleted test cell back without an id; the graded file still validates."""
    import warnings

    from autograder.autograde import _give_restored_cells_ids, _write_atomically

    kept = nbformat.v4.new_code_cell("1", id="kept")
    notebook = nbformat.v4.new_notebook(cells=[kept, nbformat.v4.new_code_cell("2")])
    del notebook.cells[1]["id"]
    path = tmp_path / "graded.ipynb"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nbformat warns (MissingIDFieldWarning) on a missing id
        _give_restored_cells_ids(notebook)  # as grading does, once nbgrader's steps have run
        _write_atomically(notebook, path)
        written = nbformat.read(path, as_version=4)
    ids = [cell.id for cell in written.cells]
    assert ids[0] == "kept" and ids[1] and ids[1] != "kept"
    assert [p.name for p in tmp_path.iterdir()] == ["graded.ipynb"]  # no partial file left


def test_the_class_grades_are_hidden_from_submissions(tmp_path):
    """Every student's scores lie in the course folder once a run reported them (`grades/`) or
    nbgrader exported them (`grades.csv`, or the export's configured file): jobs never see
    them, like the gradebook."""
    from autograder.autograde import open_course, private_paths

    course = make_course(tmp_path / "course", [LESSON])
    hidden = private_paths(open_course(course))
    assert str(course / "grades") in hidden and str(course / "grades.csv") in hidden
    assert str(course / "gradebook.db") in hidden and str(course / "submitted") in hidden
    with (course / "nbgrader_config.py").open("a") as config:
        config.write('c.CsvExportPlugin.to = "term-marks.csv"\n')
    assert str(course / "term-marks.csv") in private_paths(open_course(course))


def test_the_gradebook_journal_is_there_to_be_hidden_when_each_job_starts(tmp_path):
    """The sandbox covers the gradebook's SQLite journal with a mount when a job starts; a
    journal that a later commit creates would not be covered. So the run keeps the journal as
    a file (SQLite's TRUNCATE mode) from before its first job to its end."""
    from autograder import workers
    from autograder.autograde import grade_assignment, open_course

    course = make_course(tmp_path / "course", [LESSON])
    for student in ("ann", "ben", "cy"):
        submit(course, student, LESSON, fill(released(course, LESSON), solution_sources(LESSON)))
    journal = course / "gradebook.db-journal"
    seen = []

    def executor(jobs, parallel):
        def watched():
            for job in jobs:
                seen.append(journal.is_file())  # as the job is handed out
                yield job

        yield from workers.run_jobs(watched(), parallel)

    results = grade_assignment(open_course(course), LESSON, jobs=1, executor=executor)
    assert len(results) == 3 and all(not r.problems for r in results)
    assert seen == [True, True, True]
    assert journal.is_file() and journal.stat().st_size == 0  # truncated: nothing left in it
