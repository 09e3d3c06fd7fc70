"""The instructor's whole nbgrader workflow, with the real command-line apps and a real
exchange directory: release, fetch, three students' edits, submit, collect, autograde,
feedback, export.

nbgrader takes a submitter's name from the operating system's user database, so three students
would need three login accounts. Their ``submit`` runs the real nbgrader app with only that
look-up answered by the student's name (see ``AS_STUDENT``); everything else is nbgrader's.
"""

from __future__ import annotations

import csv
import subprocess
import sys

import nbformat
import pytest

from conftest import tool_env
from course_factory import fill, make_course, nbgrader, solution_sources, wrong_sources

LESSON = "01-convolution"
COURSE_ID = "convolution-course"
AS_STUDENT = (
    "import sys, nbgrader.utils as utils\n"
    "student = sys.argv.pop(1)\n"
    "utils.get_osusername = lambda: student\n"
    "from nbgrader.apps.nbgraderapp import main\n"
    "main()\n"
)


def submit_as(student: str, home, *args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", AS_STUDENT, student, *args],
        cwd=home,
        capture_output=True,
        text=True,
        env=tool_env(),
    )
    assert result.returncode == 0, result.stderr[-2000:]


@pytest.mark.slow
def test_release_fetch_submit_collect_autograde_feedback_export(tmp_path):
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    exchange.chmod(0o777)
    course = make_course(tmp_path / "course", [LESSON])
    with (course / "nbgrader_config.py").open("a") as config:
        config.write(f"\nc.Exchange.root = {str(exchange)!r}\n")

    for student in ("alice", "bob", "carol"):
        nbgrader(course, "db", "student", "add", student)
    nbgrader(course, "release_assignment", LESSON)

    edits = {
        "alice": solution_sources(LESSON),  # everything right
        "bob": {**solution_sources(LESSON), **wrong_sources(LESSON)["CELLS"]},  # partly wrong
        "carol": {},  # hands in the notebook untouched
    }
    for student, sources in edits.items():
        home = tmp_path / "home" / student
        home.mkdir(parents=True)
        nbgrader(
            home, "fetch_assignment", LESSON, f"--course={COURSE_ID}", f"--Exchange.root={exchange}"
        )
        path = home / LESSON / f"{LESSON}.ipynb"
        nbformat.write(fill(nbformat.read(path, as_version=4), sources), path)
        submit_as(
            student, home, "submit", LESSON, f"--course={COURSE_ID}", f"--Exchange.root={exchange}"
        )

    nbgrader(course, "collect", LESSON)
    for student in edits:
        assert (course / "submitted" / student / LESSON / f"{LESSON}.ipynb").is_file()
    nbgrader(course, "autograde", LESSON, AUTOGRADER_SEED="4242")
    nbgrader(course, "generate_feedback", LESSON)
    nbgrader(course, "export")

    grades = {
        row["student_id"]: float(row["score"])
        for row in csv.DictReader((course / "grades.csv").open())
        if row["assignment"] == LESSON
    }
    assert grades == {"alice": 6.0, "bob": wrong_sources(LESSON)["EXPECTED_SCORE"], "carol": 0.0}

    for student in edits:
        feedback = (course / "feedback" / student / LESSON / f"{LESSON}.html").read_text()
        assert "BEGIN HIDDEN TESTS" not in feedback
        assert "grading_seed()" not in feedback  # the hidden tests' source
    bob = (course / "feedback" / "bob" / LESSON / f"{LESSON}.html").read_text()
    assert wrong_sources(LESSON)["FEEDBACK"] in bob
