"""Crash safety: kill -9 the grader mid-run, rerun it, and the gradebook is exactly what an
uninterrupted run writes; rerunning a finished run changes nothing."""

from __future__ import annotations

import copy
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pytest

from autograder import workers

from conftest import tool_env
from course_factory import make_course, student_versions, submit

LESSON = "01-convolution"
SEED = "5"
STUDENTS = 8

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("crash")]


def grader(course):
    return [sys.executable, "-m", "autograder", "grade", LESSON, "--seed", SEED, "--jobs", "2"]


def gradebook_state(course) -> dict:
    """Everything a run writes to the gradebook that a grade depends on, plus row counts
    (a duplicate submission or grade would show in them)."""
    with sqlite3.connect(course / "gradebook.db") as db:
        grades = db.execute(
            "select s.student_id, c.name, g.auto_score, g.needs_manual_grade "
            "from grade g join submitted_notebook n on g.notebook_id = n.id "
            "join submitted_assignment s on n.assignment_id = s.id "
            "join base_cell c on g.cell_id = c.id order by 1, 2"
        ).fetchall()
        comments = db.execute(
            "select s.student_id, c.name, m.auto_comment from comment m "
            "join submitted_notebook n on m.notebook_id = n.id "
            "join submitted_assignment s on n.assignment_id = s.id "
            "join base_cell c on m.cell_id = c.id order by 1, 2"
        ).fetchall()
        counts = {
            table: db.execute(f"select count(*) from {table}").fetchone()[0]
            for table in ("student", "submitted_assignment", "submitted_notebook", "grade")
        }
    return {"grades": grades, "comments": comments, "counts": counts}


@pytest.fixture(scope="module")
def class_course(tmp_path_factory):
    course = make_course(tmp_path_factory.mktemp("crash") / "course", [LESSON])
    versions = student_versions(course, LESSON)
    for index in range(STUDENTS):
        notebook = versions["perfect" if index % 2 else "mistaken"]
        # A slow first cell keeps the run going long enough to be killed in the middle.
        notebook = copy.deepcopy(notebook)
        notebook.cells.insert(1, nbformat.v4.new_code_cell("import time\ntime.sleep(1.5)"))
        submit(course, f"student{index}", LESSON, notebook)
    return course


def copy_of(course, tmp_path, name):
    target = tmp_path / name
    shutil.copytree(course, target)
    return target


def differences(state: dict, expected: dict) -> str:
    """The rows that differ, so that a failure says which student and cell."""
    lines = []
    for key in ("grades", "comments"):
        extra = sorted(set(state[key]) - set(expected[key]))
        missing = sorted(set(expected[key]) - set(state[key]))
        lines += [f"{key}: got {row}" for row in extra]
        lines += [f"{key}: expected {row}" for row in missing]
    if state["counts"] != expected["counts"]:
        lines.append(f"counts: got {state['counts']}, expected {expected['counts']}")
    return "\n".join(lines)


def graded_notebooks(course) -> int:
    """Notebooks in autograded/ that have been run. nbgrader writes each sanitized notebook
    there before it runs (no cell has an execution count yet), and the graded one over it."""
    count = 0
    for path in course.glob(f"autograded/*/{LESSON}/{LESSON}.ipynb"):
        try:
            notebook = json.loads(path.read_text())
        except (OSError, ValueError):  # being written
            continue
        cells = notebook["cells"]
        count += any(cell.get("execution_count") for cell in cells if cell["cell_type"] == "code")
    return count


def test_kill_9_then_rerun_equals_an_uninterrupted_run(class_course, tmp_path):
    uninterrupted = copy_of(class_course, tmp_path, "uninterrupted")
    run = subprocess.run(
        grader(uninterrupted), cwd=uninterrupted, env=tool_env(), capture_output=True
    )
    assert run.returncode == 0, run.stderr[-2000:]
    expected = gradebook_state(uninterrupted)
    assert expected["counts"]["submitted_assignment"] == STUDENTS

    crashed = copy_of(class_course, tmp_path, "crashed")
    process = subprocess.Popen(
        grader(crashed),
        cwd=crashed,
        env=tool_env(),
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # wait until some, not all, students are graded
        if graded_notebooks(crashed) >= 2:
            break
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    partial = gradebook_state(crashed)
    abandoned = list(Path(tempfile.gettempdir()).glob(f"{workers.SCRATCH_PREFIX}{process.pid}-*"))
    print(f"the killed grader left {len(abandoned)} scratch folders")
    assert partial != expected, "the kill came too late to interrupt anything"

    rerun = subprocess.run(grader(crashed), cwd=crashed, env=tool_env(), capture_output=True)
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    state = gradebook_state(crashed)
    # Each run's summary lists every submission's problems: which run went wrong, and why.
    summaries = [
        f"{name}:\n{r.stdout.decode()[-1500:]}"
        for name, r in [("uninterrupted", run), ("rerun", rerun)]
    ]
    errors = f"the rerun's errors:\n{rerun.stderr.decode()[-1000:]}"
    assert state == expected, "\n".join([differences(state, expected), *summaries, errors])
    # The killed grader's scratch folders are gone too.
    left = Path(tempfile.gettempdir()).glob(f"{workers.SCRATCH_PREFIX}{process.pid}-*")
    assert list(left) == []

    again = subprocess.run(grader(crashed), cwd=crashed, env=tool_env(), capture_output=True)
    assert again.returncode == 0, again.stderr[-2000:]
    assert gradebook_state(crashed) == expected
    assert not list(crashed.glob("autograded/*/*/.*.partial"))  # no half-written notebook left
